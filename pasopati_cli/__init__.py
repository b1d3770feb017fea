"""pasopati: crisis communication for Indonesian corrections (Pasopati guideline)."""

__version__ = "0.1.0"

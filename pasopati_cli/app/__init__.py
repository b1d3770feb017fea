"""The use cases: keyword-only functions over plain values and ports (journal, prompter, clock).

Each returns an outcome dataclass or raises `PasopatiError`; none prints, exits or imports Typer or Rich.
Interactive or not is the `Prompter` a use case is given (app/prompter.py), never `None`.
"""

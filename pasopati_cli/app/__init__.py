"""Use cases: keyword-only functions over plain values and ports, returning outcome dataclasses."""

"""Promises are deadlines: "the next update by 22.00 WIB" makes an update due at 22.00.

CERC: updates come on a stated cadence, each names the next update time, and that promise is kept (or the
unit says why not). A promise is made when a statement whose facts hold a promise variable (the
guideline's `promises`, e.g. `pembaruan_berikutnya` -> `update`) is released. It is kept by the next
release of the promised kind (or a closing statement, which ends the updates) at or before the promised
time, and it is replaced by the promise the next released statement makes. Pure: derived from events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pasopati_cli.clock import SKEW, aware_moment
from pasopati_cli.events import STATEMENT_DRAFTED, STATEMENT_RELEASED, Event

ENDS_UPDATES = ("closing",)


@dataclass(frozen=True)
class PromiseMade:
    statement: str  # the released statement that made it
    kind: str  # the statement kind promised
    deadline: datetime
    made_at: datetime
    kept_by: str | None = None  # the release of the promised kind that settled it
    kept_at: datetime | None = None
    replaced_by: str | None = None  # a later release renewed the promise before it fell due

    @property
    def open(self) -> bool:
        return self.kept_by is None and self.replaced_by is None

    @property
    def late(self) -> bool:
        return self.kept_at is not None and self.kept_at > self.deadline + SKEW

    def missed(self, now: datetime) -> bool:
        """Still open past its time (a few minutes of clock difference allowed)."""
        return self.open and now > self.deadline + SKEW

    def settled(self, statement: str, kind: str, at: datetime, promises_again: bool) -> PromiseMade:
        """What a new release does to this promise: one of the promised kind (or a closing) keeps it, late
        or in time; a release of another kind that makes the same promise again before this one falls due
        renews it; anything else leaves it open."""
        if not self.open:
            return self
        if kind == self.kind or kind in ENDS_UPDATES:
            return replace(self, kept_by=statement, kept_at=at)
        if promises_again and at <= self.deadline + SKEW:
            return replace(self, replaced_by=statement)
        return self


def promises(events: Sequence[Event], declared: Mapping[str, str]) -> list[PromiseMade]:
    """Every promise the incident's released statements made, in order, and how each was settled.

    `declared`: variable -> the statement kind it promises (the guideline's `promises`)."""
    drafts: dict[str, tuple[str, Mapping[str, Any]]] = {}
    made: list[PromiseMade] = []
    for event in events:
        data = event.data
        statement = data.get("statement")
        if not isinstance(statement, str):
            continue
        if event.type == STATEMENT_DRAFTED:
            kind, facts = data.get("kind"), data.get("facts")
            drafts[statement] = (kind if isinstance(kind, str) else "", facts if isinstance(facts, Mapping) else {})
        elif event.type == STATEMENT_RELEASED and statement in drafts:
            kind, facts = drafts[statement]
            new = [
                PromiseMade(statement, promised, deadline, event.at)
                for variable, promised in declared.items()
                if (deadline := aware_moment(facts.get(variable))) is not None
            ]
            again = {promise.kind for promise in new}
            made = [promise.settled(statement, kind, event.at, promise.kind in again) for promise in made]
            made += new
    return made

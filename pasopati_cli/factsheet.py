"""The incident's fact sheet: every fact's current value and its history (value, when, who, source).

Facts change for hours: 49 escapees become 52, 8 are recaptured, the fire is put out. A statement must be
rendered from the facts as they stand, and a statement already written must be checkable against them.
The sheet is derived from the journal's events, like the rest of an incident's state: the facts a
statement was drafted with seed it, and every `fact_recorded` event (`incident fact`) adds a version.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pasopati_cli.clock import aware_moment
from pasopati_cli.events import FACT_RECORDED, OPENED, START_CORRECTED, STATEMENT_DRAFTED, Event


@dataclass(frozen=True)
class FactVersion:
    """One recorded value of a fact. `at` is when it became true as recorded (`--at`), else when it was
    recorded; `seq` is the journal event that recorded it."""

    value: Any
    at: datetime
    recorded_at: datetime
    by: str
    source: str | None
    seq: int
    lang: str | None = None  # the language of a text taken from a statement's draft


@dataclass(frozen=True)
class StartVersion:
    start: datetime
    recorded_at: datetime
    by: str
    reason: str | None
    seq: int


@dataclass(frozen=True)
class FactSheet:
    history: Mapping[str, tuple[FactVersion, ...]]
    starts: tuple[StartVersion, ...] = ()

    def current(self) -> dict[str, Any]:
        """Every fact's latest value."""
        return {name: versions[-1].value for name, versions in self.history.items() if versions}

    def value(self, name: str, default: Any = None) -> Any:
        versions = self.history.get(name)
        return versions[-1].value if versions else default

    def as_of(self, seq: int) -> dict[str, Any]:
        """The facts as the journal knew them after event `seq` (what a statement drafted then could know)."""
        known: dict[str, Any] = {}
        for name, versions in self.history.items():
            for version in versions:
                if version.seq <= seq:
                    known[name] = version.value
        return known

    def replaced(self, name: str, value: Any, seq: int) -> FactVersion | None:
        """The version that had replaced `value` by event `seq`, if `value` was no longer current then.

        None when `value` was the fact's latest value at `seq` (or never one of its values)."""
        versions = [version for version in self.history.get(name, ()) if version.seq <= seq]
        if not versions or versions[-1].value == value:
            return None
        if not any(version.value == value for version in versions):
            return None
        return versions[-1]

    @property
    def start(self) -> datetime | None:
        return self.starts[-1].start if self.starts else None


def fact_sheet(events: Sequence[Event]) -> FactSheet:
    """The sheet of one incident, from its events in order. Never raises on odd data: `verify` judges that."""
    history: dict[str, list[FactVersion]] = {}
    starts: list[StartVersion] = []
    for event in events:
        data = event.data
        if event.type == OPENED:
            start = aware_moment(data.get("start"))
            if start is not None:
                starts.append(StartVersion(start, event.at, event.operator, None, event.seq))
        elif event.type == START_CORRECTED:
            start = aware_moment(data.get("start"))
            if start is not None:
                reason = data.get("reason")
                starts.append(
                    StartVersion(
                        start, event.at, event.operator, reason if isinstance(reason, str) else None, event.seq
                    )
                )
        elif event.type in (FACT_RECORDED, STATEMENT_DRAFTED):
            facts = data.get("facts")
            if not isinstance(facts, Mapping):
                continue
            source = data.get("source")
            if event.type == STATEMENT_DRAFTED:
                statement = data.get("statement")
                source = f"statement {statement}" if isinstance(statement, str) else None
            at = aware_moment(data.get("at")) or event.at
            origin = source if isinstance(source, str) else None
            written = data.get("lang") if event.type == STATEMENT_DRAFTED else None
            lang = written if written in ("id", "en") else ("id" if event.type == STATEMENT_DRAFTED else None)
            for name, value in facts.items():
                versions = history.setdefault(str(name), [])
                if versions and versions[-1].value == value:
                    continue  # the same value again (a later draft repeating it) is not a new version
                versions.append(FactVersion(value, at, event.at, event.operator, origin, event.seq, lang))
    return FactSheet({name: tuple(versions) for name, versions in history.items()}, tuple(starts))

"""Writing a response into the journal as it happens: each confirmed step is one durable event."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli import events
from pasopati_cli.events import Event
from pasopati_cli.journal import Journal, default_journal_path
from pasopati_cli.triage import Answer, TriageResult

if TYPE_CHECKING:
    from pasopati_cli.model import UnitProfile


def operator_name(given: str | None, unit: UnitProfile | None = None) -> str:
    """Who records: --operator (or the answers file's), else PASOPATI_OPERATOR, else the unit profile's
    press officer (roster role `humas`), else its spokesperson. Never the machine's login name: a journal
    the Kanwil reads must name the officer, not "root"."""
    if given and given.strip():
        return given.strip()
    from_env = os.environ.get("PASOPATI_OPERATOR", "").strip()
    if from_env:
        return from_env
    if unit is not None:
        holder = unit.roster.get("humas") or unit.roster.get(unit.spokesperson)
        if holder is not None:
            return f"{holder.name} ({holder.title})"
    return "Humas"


def journal_path(given: Path | None) -> Path:
    return given if given is not None else default_journal_path()


def plain(values: Mapping[str, object]) -> dict[str, object]:
    """Facts as plain JSON values (moments in ISO 8601), without the empty ones: the one converter, for
    the journal, the JSON documents and the answers files alike."""
    return {str(k): _jsonable(v) for k, v in values.items() if v is not None}


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


@dataclass
class Recorder:
    """One incident being recorded; every method commits before it returns."""

    journal: Journal
    incident_id: str
    operator: str
    version: str
    digest: str

    def _append(self, kind: str, data: dict[str, Any]) -> Event:
        return self.journal.append(
            self.incident_id,
            kind,
            _jsonable(data),  # type: ignore[arg-type]
            operator=self.operator,
            playbook_version=self.version,
            playbook_hash=self.digest,
        )

    def answered(self, question: str, answer: Answer) -> None:
        self._append(events.ANSWERED, {"question": question, "answer": answer})

    def triaged(self, result: TriageResult, resumed: bool = False) -> None:
        """The level the answers require and, when the officer raised it in the walk, the raise. The first
        triage of an incident decides the level it is at from its start, so that raise is dated at the
        start (its `at`): the deadlines then count from where the walk showed them. A `resumed` walk
        records only what changed: the same triage is not recorded again, nor a raise the incident is
        already at."""
        raises = result.manual is not None and result.manual.level != result.required_level
        state = self.journal.state(self.incident_id) if raises or resumed else None  # derived only when needed
        reasons = [f"{d.level}: {d.reason_id}" for d in result.decisions]
        level = state.level if state is not None else None  # the incident's level before this triage
        if not (resumed and self._triaged_before(result.required_level, reasons)):
            self._append(
                events.TRIAGED,
                {
                    "level": result.required_level,
                    "reasons": reasons,
                    "answers": dict(result.answers),
                    "reasons_en": [f"{d.level}: {d.reason_en}" for d in result.decisions],
                },
            )
            level = result.required_level
        if result.manual is not None and state is not None and raises and level != result.level:
            raised: dict[str, Any] = {"level": result.manual.level, "reason": result.manual.reason}
            if not state.levels and state.start is not None:
                raised["at"] = state.start.isoformat()
            self._append(events.LEVEL_RAISED, raised)

    def _triaged_before(self, level: str, reasons: list[str]) -> bool:
        """Whether the incident's last triage decided this level for these reasons."""
        for event in reversed(self.journal.events(self.incident_id)):
            if event.type == events.TRIAGED:
                return event.data.get("level") == level and list(event.data.get("reasons") or []) == reasons
        return False

    def drafted(self, kind: str, lang: str, text: str, facts: dict[str, Any], file: str | None) -> str:
        """Record a new statement of the incident; its id (S1, S2, ...) is allocated in the same
        transaction as the write, so two terminals drafting at once cannot take the same id."""
        with self.journal.transaction():
            # Counted from the events, not the derived state: a response just opened derives none.
            drafted = {e.data.get("statement") for e in self.journal.events(self.incident_id)
                       if e.type == events.STATEMENT_DRAFTED}  # fmt: skip
            statement_id = f"S{len(drafted) + 1}"
            self._append(
                events.STATEMENT_DRAFTED,
                {"statement": statement_id, "kind": kind, "lang": lang, "text": text, "facts": facts, "file": file},
            )
        return statement_id

    def append(self, kind: str, data: dict[str, Any]) -> Event:
        return self._append(kind, data)

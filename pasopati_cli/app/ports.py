"""The ports a use case is handed: a clock, and a prompter that asks a person (or refuses to)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pasopati_cli.assign import Plan
    from pasopati_cli.model import CrisisType, Guideline, ManualRaise, Naming, Variable
    from pasopati_cli.pin import GuidelineRecord
    from pasopati_cli.problems import Lang, Problem
    from pasopati_cli.triage import Answer, AnyQuestion, TriageResult


class Clock(Protocol):
    def now(self, zone: tzinfo) -> datetime: ...


class Back(Exception):
    """The officer asked to return to the previous question."""


class Interrupted(Exception):
    """Ctrl-C (or Ctrl-D) in a walk, after what was confirmed is kept: in the journal (`incident_id`) and,
    when anything was typed, in the answers file `saved`. `flags` are what the command that continues needs."""

    def __init__(self, saved: Path | None = None, incident_id: str | None = None, flags: str = "") -> None:
        super().__init__()
        self.saved, self.incident_id, self.flags = saved, incident_id, flags


CONFIRMED, CANCELLED = "yes", "cancel"


class Prompter(Protocol):
    """Asks a person for what the inputs lack. Three kinds: the terminal (cli/terminal.py), one that
    refuses with the problem naming the flag that gives the answer (app/prompter.RefusingPrompter,
    for --non-interactive and a stdin that is no terminal) and a scripted one for tests.

    `missing` and `source` tell a refusing prompter every answer still lacking and the file to name."""

    lang: Lang
    # True when a person answers between steps: each confirmed step is then its own durable write.
    pauses: bool

    def choose_type(self, types: Mapping[str, CrisisType], guess: Callable[..., Sequence[tuple[str, int]]]) -> str: ...

    def begin_triage(self, crisis: CrisisType) -> None: ...

    def question(
        self, question: AnyQuestion, number: int, previous: Answer | None, *, missing: Sequence[str], source: str | None
    ) -> Answer:
        """The answer to one question; raises Back for '<'."""
        ...

    def confirm(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> str:
        """CONFIRMED, CANCELLED, or the id of the question to answer again."""
        ...

    def offer_raise(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> ManualRaise | None: ...

    def reason(self) -> str:
        """Why the level goes up, asked until given."""
        ...

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> None: ...

    def show_plan(self, plan: Plan) -> None: ...

    def begin_facts(self, title: str) -> None: ...

    def fact(
        self,
        variable: Variable,
        zone: tzinfo,
        reference: datetime,
        *,
        missing: Sequence[Variable],
        source: str | None,
    ) -> object: ...

    def review(self, text: str, findings: Sequence[Problem], facts: Mapping[str, object]) -> str | None:
        """None to save the statement, or the name of a fact to type again (cancel raises P503)."""
        ...

    def invalid(self, reason: str) -> None:
        """Tell the person why what they typed was refused (it is asked again)."""
        ...

    def warn(self, text: str) -> None:
        """Tell the person what they must act on (the level the facts they changed now require)."""
        ...

    def replace(self, path: Path) -> bool:
        """Whether the existing file at `path` may be replaced (asked because --force was not given)."""
        ...

    def start(self, zone: tzinfo, now: datetime) -> datetime | None:
        """When the incident began, asked first when no --start was given; None for now."""
        ...

    def people(self, naming: Naming | None) -> dict[str, str | None]:
        """The full names of the people involved and each one's role (with `naming`), asked once: the guard
        keeps the names out of statements, and their initials where the role does not allow them."""
        ...

    def guideline_change(self, recorded: GuidelineRecord, now: GuidelineRecord, other_folder: bool) -> str | None:
        """The incident's guideline is not the one recorded (its files changed, or `other_folder` was given):
        the reason to use `now` from here on, or None when the person does not agree."""
        ...

    def close_anyway(self, outstanding: Sequence[str]) -> bool:
        """Closing cannot be undone: whether to close although these steps were never recorded as done."""
        ...

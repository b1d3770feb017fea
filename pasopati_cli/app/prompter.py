"""The prompters that are not a terminal, and what a typed choice means (shared with the terminal's).

`RefusingPrompter` is what --non-interactive and a stdin that is no terminal use: every answer the
inputs lack is a located problem naming the flag that supplies it. `ScriptedPrompter` types the replies
it was given, the way an officer would, for tests of the use cases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from pasopati_cli.app.inputs import UsageError
from pasopati_cli.app.ports import CANCELLED, CONFIRMED, Back
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem

if TYPE_CHECKING:
    from pasopati_cli.assign import Plan
    from pasopati_cli.model import CrisisType, Guideline, ManualRaise, Variable
    from pasopati_cli.triage import Answer, AnyQuestion, TriageResult

BACK = "<"
CTRL_C = "^C"  # a scripted reply that presses Ctrl-C


def cancelled() -> PasopatiError:
    from pasopati_cli.messages import t

    return PasopatiError([problem("P503", detail=t("cancelled", "id"), detail_en=t("cancelled", "en"))])


# --- what a typed choice means: one rule for every prompter ------------------------------------------


def confirm_choice(typed: str, ids: Sequence[str]) -> str | None:
    """CONFIRMED, CANCELLED, the id of the answer to change, or None when it is none of them."""
    typed = typed.lower()
    if typed in ("y", "ya", "yes", "lanjut"):
        return CONFIRMED
    if typed in ("batal", "cancel", "b", "c"):
        return CANCELLED
    if typed.isdigit() and 1 <= int(typed) <= len(ids):
        return ids[int(typed) - 1]
    return None


def save_choice(typed: str) -> str | None:
    """ "save", "edit" or None; a cancel raises P503."""
    typed = typed.lower()
    if typed in ("y", "ya", "yes", "simpan", "save"):
        return "save"
    if typed in ("batal", "cancel", "b", "c"):
        raise cancelled()
    return "edit" if typed in ("ubah", "edit", "u", "e") else None


def level_choice(typed: str, higher: Sequence[str], guideline: Guideline) -> str | None:
    """A higher level by its number in the list offered, its id or its title."""
    typed = typed.strip()
    number = int(typed) if typed.isdigit() else 0
    level = higher[number - 1] if 1 <= number <= len(higher) else guideline.find_level(typed) or ""
    return level if level in higher else None


def fact_choice(typed: str, names: Sequence[str]) -> str | None:
    """A fact by its number in the list shown or its name."""
    if typed in names:
        return typed
    if typed.isdigit() and 1 <= int(typed) <= len(names):
        return names[int(typed) - 1]
    return None


def type_choice(typed: str, ids: Sequence[str]) -> str | None:
    if typed in ids:
        return typed
    return ids[int(typed) - 1] if typed.isdigit() and 1 <= int(typed) <= len(ids) else None


def higher_levels(guideline: Guideline, level: str) -> list[str]:
    levels = [known.id for known in guideline.levels]
    return levels[levels.index(level) + 1 :]


# --- refusing -----------------------------------------------------------------------------------------


class RefusingPrompter:
    """No person to ask: what is missing is a located problem (P401, P404) naming the flag to use."""

    pauses = False

    def __init__(self, lang: Lang = "id") -> None:
        self.lang = lang

    def choose_type(self, types: Mapping[str, CrisisType], guess: Callable[..., Sequence[tuple[str, int]]]) -> str:
        raise PasopatiError([problem("P401", name="TYPE")])

    def begin_triage(self, crisis: CrisisType) -> None:
        pass

    def question(
        self, question: AnyQuestion, number: int, previous: Answer | None, *, missing: Sequence[str], source: str | None
    ) -> Answer:
        raise PasopatiError([problem("P401", file=source, name=name) for name in missing or [question.id]])

    def confirm(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> str:
        return CONFIRMED

    def offer_raise(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> ManualRaise | None:
        return None

    def reason(self) -> str:
        raise UsageError(
            "alasan menaikkan tingkat wajib diisi bila tidak interaktif / "
            "the reason for raising the level is required when not interactive",
            "--reason",
        )

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> None:
        pass

    def show_plan(self, plan: Plan) -> None:
        pass

    def begin_facts(self, title: str) -> None:
        pass

    def fact(
        self, variable: Variable, zone: tzinfo, reference: datetime, *, missing: Sequence[Variable], source: str | None
    ) -> object:
        raise PasopatiError(
            [
                problem(
                    "P404",
                    file=source,
                    name=v.name,
                    hint=f" (beri dengan --set {v.name}=NILAI atau --vars BERKAS)",
                    hint_en=f" (give it with --set {v.name}=VALUE or --vars FILE)",
                )
                for v in missing or [variable]
            ]
        )

    def review(self, text: str, findings: Sequence[Problem], facts: Mapping[str, object]) -> str | None:
        return None


# --- scripted -----------------------------------------------------------------------------------------


class ScriptExhausted(AssertionError):
    """The use case asked more than the script answers."""


class ScriptedPrompter:
    """Types `replies` in order, as an officer at the terminal would (CTRL_C presses Ctrl-C); keeps what
    it was asked (`asked`), shown (`shown`) and told was invalid (`refused`) for tests to assert."""

    pauses = True

    def __init__(self, replies: Sequence[str] = (), lang: Lang = "id") -> None:
        self.replies, self.lang = list(replies), lang
        self.asked: list[str] = []
        self.shown: list[str] = []
        self.refused: list[str] = []

    def _next(self, what: str) -> str:
        if not self.replies:
            raise ScriptExhausted(f"no reply left for {what} (asked so far: {self.asked})")
        self.asked.append(what)
        reply = self.replies.pop(0)
        if reply == CTRL_C:
            raise KeyboardInterrupt
        return reply.strip()

    def choose_type(self, types: Mapping[str, CrisisType], guess: Callable[..., Sequence[tuple[str, int]]]) -> str:
        ids = sorted(types, key=lambda type_id: (types[type_id].phase != "crisis", type_id))
        while True:
            typed = self._next("type")
            chosen = type_choice(typed, ids) or next((found for found, _ in guess(types, typed)), None)
            if chosen is not None:
                return chosen
            self.refused.append(typed)

    def begin_triage(self, crisis: CrisisType) -> None:
        self.shown.append(f"triage {crisis.id}")

    def question(
        self, question: AnyQuestion, number: int, previous: Answer | None, *, missing: Sequence[str], source: str | None
    ) -> Answer:
        from pasopati_cli.triage import InvalidAnswer, parse_answer

        default = previous if previous is not None else question.default
        while True:
            typed = self._next(question.id)
            if typed == BACK:
                raise Back
            if typed == "" and default is not None:
                return default
            try:
                return parse_answer(question, typed)
            except InvalidAnswer as exc:
                self.refused.append(exc.text(self.lang))

    def confirm(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> str:
        self.shown.append(f"answers {dict(result.answers)}")
        while (choice := confirm_choice(self._next("confirm") or "ya", list(result.answers))) is None:
            self.refused.append("confirm")
        return choice

    def offer_raise(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> ManualRaise | None:
        from pasopati_cli.model import ManualRaise

        higher = higher_levels(guideline, result.level)
        if not higher or self._next("raise?").lower() not in ("ya", "yes", "y"):
            return None
        while (level := level_choice(self._next("raise to"), higher, guideline)) is None:
            self.refused.append("raise to")
        return ManualRaise(level=level, reason=self.reason())

    def reason(self) -> str:
        while not (typed := self._next("reason")):
            self.refused.append("reason")
        return typed

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> None:
        self.shown.append(f"level {result.level}")

    def show_plan(self, plan: Plan) -> None:
        self.shown.append(f"plan {len(plan.assignments)}")

    def begin_facts(self, title: str) -> None:
        self.shown.append(f"facts {title}")

    def fact(
        self, variable: Variable, zone: tzinfo, reference: datetime, *, missing: Sequence[Variable], source: str | None
    ) -> object:
        from pasopati_cli.render import InvalidFact, coerce_fact

        while True:
            typed = self._next(variable.name)
            if typed == "" and not variable.required:
                return None
            try:
                return coerce_fact(variable, typed or variable.default, zone, reference)
            except InvalidFact as exc:
                self.refused.append(exc.en_text if self.lang == "en" else exc.id_text)

    def review(self, text: str, findings: Sequence[Problem], facts: Mapping[str, object]) -> str | None:
        self.shown.append(text)
        self.shown += [found.code for found in findings]
        while True:
            choice = save_choice(self._next("save") or "ya")
            if choice == "save":
                return None
            if choice == "edit" and (name := fact_choice(self._next("edit"), list(facts))) is not None:
                return name
            self.refused.append("save")

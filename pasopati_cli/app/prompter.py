"""The conversation with the officer, line by line, for every prompter that asks; and the one that refuses.

`LinePrompter` holds every loop of the walk's questions (re-ask with the reason, defaults, '<' to go
back, the menus of the summary and the review) over three primitives: read a line for a `Prompt`, say a
message, show a view. The terminal (cli/terminal.py) implements them with Rich; `ScriptedPrompter` types
the replies it was given, so tests go through the very loops an officer does. `RefusingPrompter` is what
--non-interactive and a stdin that is no terminal use: every answer the inputs lack is a located problem
naming the flag that supplies it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pasopati_cli.app.inputs import UsageError
from pasopati_cli.app.ports import CANCELLED, CONFIRMED, Back
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem

if TYPE_CHECKING:
    from pasopati_cli.assign import Plan
    from pasopati_cli.model import CrisisType, Guideline, ManualRaise, Naming, Variable, YesNoQuestion
    from pasopati_cli.pin import GuidelineRecord
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

    def invalid(self, reason: str) -> None:
        pass  # never asked, so never told an answer was refused

    def warn(self, text: str) -> None:
        pass  # nothing typed at a review, so nothing to warn about

    def replace(self, path: Path) -> bool:
        return False  # no one to ask: an existing file stays, and the write names --force (P421)

    def start(self, zone: tzinfo, now: datetime) -> datetime | None:
        return None  # no one to ask: the incident starts now unless --start or the answers file says when

    def people(self, naming: Naming | None) -> dict[str, str | None]:
        return {}  # no one to ask: names come with --person or the answers file's `people`

    def guideline_change(self, recorded: GuidelineRecord, now: GuidelineRecord, other_folder: bool) -> str | None:
        return None  # no one to agree: the use case refuses, naming --accept-guideline-change (P513)

    def close_anyway(self, outstanding: Sequence[str]) -> bool:
        return False  # no one to agree: the use case refuses, naming --yes (P410)


# --- asking line by line ---------------------------------------------------------------------------

Tone = Literal["plain", "error", "warning", "hint"]


@dataclass(frozen=True)
class Prompt:
    """One line to read: `text` (shown as [number] text (suffix) (hint) [default]: ), or the bare arrow
    under a list of options already shown. `key` names what is asked (a question id, a fact name, "confirm")."""

    key: str
    text: str = ""
    default: str | None = None
    number: int | None = None
    suffix: str | None = None
    hint: str | None = None
    arrow: bool = False


class LinePrompter:
    """The walk's questions as lines typed by a person. A subclass gives the two primitives, `read` (one
    line for a prompt) and `say` (a message in a tone): the terminal reads and prints, the scripted officer
    replays a list; the `show_*` hooks draw views where there is a screen."""

    pauses = True
    lang: Lang
    read: Callable[[Prompt], str]
    say: Callable[..., None]  # (text, tone="plain")

    def show_question(self, question: AnyQuestion, number: int) -> None:
        """Its help, and for a choice the question and its numbered options (read with the arrow)."""

    def show_types(self, types: Mapping[str, CrisisType], ids: Sequence[str]) -> None: ...

    def show_answers(self, crisis: CrisisType, result: TriageResult) -> None: ...

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> None: ...

    def show_plan(self, plan: Plan) -> None: ...

    def show_statement(self, text: str, findings: Sequence[Problem]) -> None: ...

    def rule(self, title: str) -> None: ...

    # --- built on them --------------------------------------------------------------------------------
    def _t(self, key: str, **values: object) -> str:
        from pasopati_cli.messages import t

        return t(key, self.lang, **values)

    def invalid(self, reason: str) -> None:
        self.say(self._t("invalid", reason=reason), "error")

    def warn(self, text: str) -> None:
        self.say(text, "warning")

    def text(self, prompt: Prompt) -> str:
        value = self.read(prompt).strip()
        return value if value else (prompt.default or "")

    def yes_no(self, key: str, text: str, default: bool) -> bool:
        from pasopati_cli.triage import InvalidAnswer, parse_answer

        shown = self._t("yes" if default else "no")
        while True:
            value = self.text(Prompt(key, text, shown, suffix=self._t("yes_no")))
            try:
                return bool(parse_answer(_yes_no(), value))
            except InvalidAnswer as exc:
                self.invalid(exc.text(self.lang))

    def choose_type(self, types: Mapping[str, CrisisType], guess: Callable[..., Sequence[tuple[str, int]]]) -> str:
        """A number, an id, or a sentence that the keywords recognise (each guess confirmed)."""
        ids = sorted(types, key=lambda type_id: (types[type_id].phase != "crisis", type_id))  # as `list` shows them
        self.show_types(types, ids)
        while True:
            typed = self.text(Prompt("type", self._t("choose_type")))
            chosen = type_choice(typed, ids)
            if chosen is not None:
                return chosen
            if not typed or typed.lstrip("-").isdigit():
                self.say(self._t("choose_number", last=len(ids)), "error")
                continue
            for type_id, _ in guess(types, typed)[:3]:
                title = types[type_id].title.get(self.lang)
                if self.yes_no("guess", self._t("guess", title=title, id=type_id), True):
                    return type_id
            self.say(self._t("no_guess"), "warning")

    def begin_triage(self, crisis: CrisisType) -> None:
        self.rule(self._t("triage_title", title=crisis.title.get(self.lang)))
        self.say(self._t("back_hint"), "hint")

    def question(
        self,
        question: AnyQuestion,
        number: int,
        previous: Answer | None,
        *,
        missing: Sequence[str] = (),
        source: str | None = None,
    ) -> Answer:
        """Ask until the answer fits; raises Back when the officer types '<'."""
        from pasopati_cli.model import ChoiceQuestion, YesNoQuestion
        from pasopati_cli.triage import InvalidAnswer, can_raise, parse_answer

        self.show_question(question, number)
        offered = previous if previous is not None else (None if can_raise(question) else question.default)
        default = _show(offered, self.lang)
        text = question.text.get(self.lang)
        if isinstance(question, ChoiceQuestion):
            prompt = Prompt(question.id, default=default, arrow=True)
        elif isinstance(question, YesNoQuestion):
            prompt = Prompt(question.id, text, default, number, suffix=self._t("yes_no"))
        else:
            prompt = Prompt(question.id, text, default, number)
        while True:
            typed = self.text(prompt)
            if typed == BACK:
                raise Back
            if typed == "":
                self.invalid(_empty(self.lang))
                continue
            try:
                return parse_answer(question, typed)
            except InvalidAnswer as exc:
                self.invalid(exc.text(self.lang))

    def confirm(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> str:
        """The summary and the level shown, then: yes, cancel or the number of an answer to change."""
        self.show_answers(crisis, result)
        self.show_triage(guideline, crisis, result)
        ids = list(result.answers)
        prompt = Prompt("confirm", self._t("confirm_ask"), self._t("yes"))
        while (choice := confirm_choice(self.text(prompt), ids)) is None:
            self.invalid(self._t("confirm_choices", last=len(ids)))  # the table stays on screen
        return choice

    def offer_raise(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> ManualRaise | None:
        from pasopati_cli.model import ManualRaise

        higher = higher_levels(guideline, result.level)
        if not higher or not self.yes_no("raise?", self._t("raise_ask"), False):
            return None
        titles = {level.id: level.title.get(self.lang) for level in guideline.levels if level.id in higher}
        shown = ", ".join(f"{index} {titles[level]}" for index, level in enumerate(higher, start=1))
        prompt = Prompt("raise to", self._t("raise_to"), titles[higher[0]], suffix=shown)
        while (level := level_choice(self.text(prompt), higher, guideline)) is None:
            self.invalid(self._t("raise_choices", levels=shown))
        raised = ManualRaise(level=level, reason=self.reason())
        return raised

    def reason(self) -> str:
        """Why the level goes up, asked until given: it goes into the journal and the report."""
        while not (reason := self.text(Prompt("reason", self._t("raise_why")))):
            self.invalid(self._t("reason_required"))
        return reason

    def replace(self, path: Path) -> bool:
        """An existing file is replaced only when the officer says yes; the default keeps it."""
        return self.yes_no("replace", self._t("replace_ask", path=path), False)

    def start(self, zone: tzinfo, now: datetime) -> datetime | None:
        """The incident's start, before triage: deadlines count from it, not from when the laptop opened.
        Read as officers type it; the full date is said back."""
        from pasopati_cli import clock
        from pasopati_cli.moments import FORMS, InvalidMoment, parse_moment

        while True:
            typed = self.text(Prompt("start", self._t("start_ask")))
            if not typed:
                return None
            try:
                moment = parse_moment(typed, now, zone).moment
            except InvalidMoment as exc:
                reason = exc.reason_en if self.lang == "en" else exc.reason_id
                self.invalid(f"{reason} ({FORMS[self.lang]})")
                continue
            if moment > now + clock.SKEW:
                self.invalid(self._t("start_future"))
                continue
            self.say(self._t("start_is", moment=clock.format_datetime(moment, self.lang)), "hint")
            return moment

    def people(self, naming: Naming | None) -> dict[str, str | None]:
        """Asked once, after the start: the names the guard must keep out of every statement of the incident,
        then each one's role in it (the guideline's `disclosure.naming` says whose initials may appear when)."""
        while True:  # a name has letters: "<" or "-" is not a person the guard should look for
            typed = self.text(Prompt("people", self._t("people_ask")))
            names = list(dict.fromkeys(" ".join(part.split()) for part in typed.split(",") if part.strip()))
            if all(any(letter.isalpha() for letter in name) for name in names):
                break
            self.invalid(self._t("people_letters"))
        if names:
            self.say(self._t("people_kept", count=len(names)), "hint")
        if naming is None or not names:
            return dict.fromkeys(names)
        ids = [role.id for role in naming.roles]
        shown = "".join(
            f"\n  {index} {role.id}: {role.title.get(self.lang)}" for index, role in enumerate(naming.roles, start=1)
        )
        self.say(self._t("roles_are", roles=shown), "hint")
        marked: dict[str, str | None] = {}
        for name in names:
            prompt = Prompt("role", self._t("role_ask", name=name), naming.default_role)
            while (role := type_choice("_".join(self.text(prompt).lower().split()), ids)) is None:
                self.invalid(self._t("role_choices", last=len(ids)))
            marked[name] = role
        return marked

    def guideline_change(self, recorded: GuidelineRecord, now: GuidelineRecord, other_folder: bool) -> str | None:
        """What changed, said before asking; no by default (the recorded guideline's deadlines stay), and
        a yes needs a reason: it goes into the journal and the report."""
        key = "guideline_other" if other_folder else "guideline_edited"
        self.say(self._t(key, before=f"{recorded.name} {recorded.version}", before_hash=recorded.short(),
                         folder=recorded.folder, now=f"{now.name} {now.version}", now_hash=now.short(),
                         given=now.folder), "warning")  # fmt: skip
        if not self.yes_no("guideline", self._t("guideline_ask"), False):
            return None
        while not (reason := self.text(Prompt("guideline reason", self._t("guideline_why")))):
            self.invalid(self._t("reason_required"))
        return reason

    def close_anyway(self, outstanding: Sequence[str]) -> bool:
        """Each step never recorded as done, one a line, then whether to close anyway; no by default."""
        self.say(self._t("close_outstanding", count=len(outstanding)), "warning")
        for step in outstanding:
            self.say(f"  • {step}", "hint")
        return self.yes_no("close", self._t("close_ask"), False)

    def begin_facts(self, title: str) -> None:
        self.rule(self._t("facts_title", title=title))

    def fact(
        self,
        variable: Variable,
        zone: tzinfo,
        reference: datetime,
        *,
        missing: Sequence[Variable] = (),
        source: str | None = None,
    ) -> object:
        """Ask one statement fact until it fits its declared type (a time alone is placed by `reference`).

        A moment on the wrong side of now for the variable's tense (an incident "starting" tonight at
        two in the morning) is shown back in full and used only once the officer confirms it."""
        from pasopati_cli import clock
        from pasopati_cli.render import InvalidFact, coerce_fact, tense_conflict

        lang = self.lang
        prompt = Prompt(variable.name, variable.prompt.get(lang), _show_fact(variable.default, lang),
                        hint="; ".join(_fact_hints(variable, lang)) or None)  # fmt: skip
        while True:
            typed = self.text(prompt)
            if typed == "" and not variable.required:
                return None
            if typed == "":
                self.invalid(_empty(lang))
                continue
            try:
                value = coerce_fact(variable, typed, zone, reference)
            except InvalidFact as exc:
                self.invalid(exc.en_text if lang == "en" else exc.id_text)
                continue
            conflict = tense_conflict(variable, value, clock.now(zone))
            if conflict is None:
                return value
            reason = conflict[1] if lang == "en" else conflict[0]
            self.say(self._t("tense_check", value=_show_moment(value, lang), reason=reason), "warning")
            if self.yes_no("tense", self._t("tense_keep"), False):
                return value  # declined: asked again, without offering the declined time as the default

    def review(self, text: str, findings: Sequence[Problem], facts: Mapping[str, object]) -> str | None:
        """The statement and what the guard found; None to save it, or the fact to type again."""
        self.show_statement(text, findings)
        if findings:
            self.say(self._t("guard_fix"), "warning")
        prompt = Prompt("save", self._t("save_ask"), self._t("yes"))
        while True:
            choice = save_choice(self.text(prompt))
            if choice == "save":
                return None
            if choice == "edit" and (which := self._choose_fact(facts)) is not None:
                return which
            if choice is None:
                self.invalid(self._t("save_choices"))

    def _choose_fact(self, facts: Mapping[str, object]) -> str | None:
        """The fact to type again, by number or name, from a numbered list with the values given; None
        (back to the save question) for an empty answer."""
        from pasopati_cli.app.screens import short_value

        names = list(facts)
        for index, name in enumerate(names, start=1):
            self.say(f"  {index:>2}. {name} = {short_value(facts[name], self.lang, 60)}")
        while True:
            typed = self.text(Prompt("edit", self._t("edit_which")))
            if not typed:
                return None
            if (chosen := fact_choice(typed, names)) is not None:
                return chosen
            self.invalid(self._t("edit_choices", last=len(names)))


class ScriptExhausted(AssertionError):
    """The use case asked more than the script answers."""


class ScriptedPrompter(LinePrompter):
    """Types `replies` in order, as an officer at the terminal would (CTRL_C presses Ctrl-C); keeps what
    it was asked (`asked`, by key), told (`said`) and shown (`shown`) for tests to assert."""

    def __init__(self, replies: Sequence[str] = (), lang: Lang = "id") -> None:
        self.replies, self.lang = list(replies), lang
        self.asked: list[str] = []
        self.said: list[tuple[str, str]] = []
        self.shown: list[str] = []

    def read(self, prompt: Prompt) -> str:
        if not self.replies:
            raise ScriptExhausted(f"no reply left for {prompt.key} (asked so far: {self.asked})")
        self.asked.append(prompt.key)
        reply = self.replies.pop(0)
        if reply == CTRL_C:
            raise KeyboardInterrupt
        return reply

    def say(self, text: str, tone: Tone = "plain") -> None:
        self.said.append((tone, text))

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> None:
        self.shown.append(f"level {result.level}")

    def show_plan(self, plan: Plan) -> None:
        self.shown.append(f"plan {plan.level}")

    def show_statement(self, text: str, findings: Sequence[Problem]) -> None:
        self.shown += [text, *(found.code for found in findings)]

    @property
    def refused(self) -> list[str]:
        """What the officer was told was not a fitting answer."""
        return [text for tone, text in self.said if tone == "error"]


def _yes_no() -> YesNoQuestion:
    from pasopati_cli.model import Text, YesNoQuestion

    return YesNoQuestion.model_construct(id="x", type="yes_no", text=Text.model_construct(id="x", en="x"))


def _fact_hints(variable: Variable, lang: Lang) -> list[str]:
    """What the prompt for a fact says about the value it takes."""
    from pasopati_cli.messages import t
    from pasopati_cli.model import range_words

    hints = []
    if variable.type == "yes_no":
        hints.append(t("yes_no", lang))
    elif variable.example is not None:
        hints.append(f"{t('example', lang)}: {_show_fact(variable.example, lang)}")
    if variable.type == "integer" and (variable.lowest != 0 or variable.max is not None):
        words_id, words_en = range_words(variable.lowest, variable.max)
        hints.append(words_en if lang == "en" else words_id)
    if not variable.required:
        hints.append(t("optional", lang))
    if variable.choices:
        hints.append(" / ".join(variable.choices))
    return hints


def _empty(lang: Lang) -> str:
    return "jawaban tidak boleh kosong" if lang == "id" else "an answer is required"


def _show(value: object, lang: Lang) -> str | None:
    from pasopati_cli.messages import t

    if value is None:
        return None
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return str(value)


def _show_moment(value: object, lang: Lang) -> str:
    """A date or moment in full, the way a statement prints it."""
    from pasopati_cli import clock

    if isinstance(value, datetime):
        return clock.format_datetime(value, lang)
    if isinstance(value, date):
        return clock.format_date(value, lang)
    return str(value)


def _show_fact(value: object, lang: Lang) -> str | None:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return _show(value, lang)

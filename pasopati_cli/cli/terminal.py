"""The terminal prompter (Rich): one question at a time, defaults shown, bad answers re-asked with the reason.

It returns plain values; the walk (what to ask next, what a choice means) is app/walk.py and
app/prompter.py, the same for every prompter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from pasopati_cli import clock
from pasopati_cli.app.ports import Back
from pasopati_cli.app.prompter import BACK, confirm_choice, fact_choice, higher_levels, level_choice, save_choice
from pasopati_cli.cli.views import print_answers, print_plan, print_triage
from pasopati_cli.messages import t
from pasopati_cli.model import ChoiceQuestion, CrisisType, NumberQuestion, Variable, YesNoQuestion, range_words
from pasopati_cli.problems import Lang, Problem
from pasopati_cli.render import InvalidFact, coerce_fact, tense_conflict
from pasopati_cli.triage import Answer, InvalidAnswer, parse_answer

if TYPE_CHECKING:
    from pasopati_cli.assign import Plan
    from pasopati_cli.model import Guideline, ManualRaise

TERMINAL_LINE_LIMIT = 4095  # a terminal in canonical mode passes at most this many characters per line


class TerminalPrompter:
    """The terminal prompter."""

    pauses = True

    def __init__(self, console: Console, lang: Lang) -> None:
        self.console = console
        self.lang = lang

    def _invalid(self, reason: str) -> None:
        self.console.print(f"[red]{escape(t('invalid', self.lang, reason=reason))}[/]")

    def _input(self, prompt: str) -> str:
        try:
            return self.console.input(prompt)
        except EOFError:  # Ctrl-D, or input closed: stop as Ctrl-C does, keeping what was given
            raise KeyboardInterrupt from None

    def text(self, prompt: str, default: str | None = None) -> str:
        shown = f" [dim]\\[{escape(default)}][/]" if default else ""
        value = self._input(f"{prompt}{shown}: ")
        if len(value) >= TERMINAL_LINE_LIMIT:  # the terminal, not pasopati, dropped the rest: say so
            self.console.print(f"[yellow]{escape(t('long_input', self.lang, limit=TERMINAL_LINE_LIMIT))}[/]")
        value = value.strip()
        return value if value else (default or "")

    def yes_no(self, prompt: str, default: bool) -> bool:
        default_text = t("yes" if default else "no", self.lang)
        while True:
            value = self.text(f"{prompt} ({t('yes_no', self.lang)})", default_text)
            try:
                return bool(parse_answer(_YES_NO, value))
            except InvalidAnswer as exc:
                self._invalid(exc.text(self.lang))

    def question(
        self,
        question: YesNoQuestion | ChoiceQuestion | NumberQuestion,
        number: int,
        previous: Answer | None,
        *,
        missing: Sequence[str] = (),
        source: str | None = None,
    ) -> Answer:
        """Ask until the answer fits; raises Back when the officer types '<'."""
        lang = self.lang
        label = f"[bold]\\[{number}][/] {escape(question.text.get(lang))}"
        if question.help:
            self.console.print(f"    [dim]{escape(question.help.get(lang))}[/]")
        default = previous if previous is not None else question.default
        if isinstance(question, ChoiceQuestion):
            self.console.print(label)
            for index, option in enumerate(question.options, start=1):
                self.console.print(f"    {index}. {escape(option.label.get(lang))} [dim]({option.id})[/]")
            prompt = "    →"
        elif isinstance(question, YesNoQuestion):
            prompt = f"{label} ({t('yes_no', lang)})"
        else:
            prompt = label
        while True:
            shown = _show(default, lang)
            raw = self.text(prompt, shown)
            if raw == BACK:
                raise Back
            if raw == "":
                self._invalid(_empty(lang))
                continue
            try:
                return parse_answer(question, raw)
            except InvalidAnswer as exc:
                self._invalid(exc.text(lang))

    def fact(
        self,
        variable: Variable,
        zone: tzinfo,
        reference: datetime,
        *,
        missing: Sequence[Variable] = (),
        source: str | None = None,
        previous: object = None,
    ) -> object:
        """Ask one statement fact until it fits its declared type (a time alone is placed by `reference`).

        A moment on the wrong side of now for the variable's tense (an incident "starting" tonight at
        two in the morning) is shown back in full and used only once the officer confirms it."""
        lang = self.lang
        hint = []
        if variable.type == "yes_no":
            hint.append(t("yes_no", lang))
        elif variable.example is not None:
            hint.append(f"{t('example', lang)}: {_show_fact(variable.example, lang)}")
        if variable.type == "integer" and (variable.lowest != 0 or variable.max is not None):
            words_id, words_en = range_words(variable.lowest, variable.max)
            hint.append(words_en if lang == "en" else words_id)
        if not variable.required:
            hint.append(t("optional", lang))
        if variable.choices:
            hint.append(" / ".join(variable.choices))
        suffix = f" [dim]({escape('; '.join(hint))})[/]" if hint else ""
        default = previous if previous is not None else variable.default
        while True:
            raw = self.text(f"{escape(variable.prompt.get(lang))}{suffix}", _show_fact(default, lang))
            if raw == "" and not variable.required:
                return None
            if raw == "":
                self._invalid(_empty(lang))
                continue
            try:
                value = coerce_fact(variable, raw, zone, reference)
            except InvalidFact as exc:
                self._invalid(exc.en_text if lang == "en" else exc.id_text)
                continue
            conflict = tense_conflict(variable, value, clock.now(zone))
            if conflict is None:
                return value
            shown = _show_moment(value, lang)
            reason = conflict[1] if lang == "en" else conflict[0]
            self.console.print(f"[yellow]{escape(t('tense_check', lang, value=shown, reason=reason))}[/]")
            if self.yes_no(t("tense_keep", lang), False):
                return value  # declined: asked again, without offering the declined time as the default

    def choose_type(self, types: Mapping[str, CrisisType], guess: Callable[..., Sequence[tuple[str, int]]]) -> str:
        """A numbered list; a number, an id, or a sentence that the keywords recognise."""
        lang = self.lang
        ids = sorted(types, key=lambda type_id: (types[type_id].phase != "crisis", type_id))  # as `list` shows them
        self.console.print(f"[bold]{t('types_title', lang)}[/]")
        for index, type_id in enumerate(ids, start=1):
            crisis = types[type_id]
            self.console.print(  # one line each, so that fourteen types fit on one screen
                f"  {index:>2}. [bold]{escape(crisis.title.get(lang))}[/] [dim]({type_id})[/] — "
                f"{escape(crisis.summary.lead(lang))}",
                no_wrap=True,
                overflow="ellipsis",
            )
        while True:
            raw = self.text(t("choose_type", lang))
            if raw in types:
                return raw
            if raw.isdigit() and 1 <= int(raw) <= len(ids):
                return ids[int(raw) - 1]
            if not raw or raw.lstrip("-").isdigit():
                self.console.print(f"[red]{escape(t('choose_number', lang, last=len(ids)))}[/]")
                continue
            ranked = guess(types, raw)
            for type_id, _ in ranked[:3]:
                title = types[type_id].title.get(lang)
                if self.yes_no(t("guess", lang, title=title, id=type_id), True):
                    return type_id
            self.console.print(f"[yellow]{t('no_guess', lang)}[/]")

    def begin_triage(self, crisis: CrisisType) -> None:
        self.console.rule(t("triage_title", self.lang, title=crisis.title.get(self.lang)))
        self.console.print(f"[dim]{t('back_hint', self.lang)}[/]")

    def confirm(self, guideline: Guideline, crisis: CrisisType, result: Any) -> str:
        """The summary and the level on screen, then: yes, cancel or the number of an answer to change."""
        print_answers(self.console, crisis, dict(result.answers), self.lang)
        print_triage(self.console, guideline, crisis, result, self.lang)
        ids = list(result.answers)
        while (choice := confirm_choice(self.text(t("confirm_ask", self.lang), t("yes", self.lang)), ids)) is None:
            self._invalid(t("confirm_choices", self.lang, last=len(ids)))  # the table stays on screen
        return choice

    def offer_raise(self, guideline: Guideline, crisis: CrisisType, result: Any) -> ManualRaise | None:
        from pasopati_cli.model import ManualRaise

        higher = higher_levels(guideline, result.level)
        if not higher or not self.yes_no(t("raise_ask", self.lang), False):
            return None
        titles = {level.id: level.title.get(self.lang) for level in guideline.levels if level.id in higher}
        shown = ", ".join(f"{index} {titles[level]}" for index, level in enumerate(higher, start=1))
        while (level := level_choice(self.text(f"{t('raise_to', self.lang)} ({shown})", titles[higher[0]]),
                                     higher, guideline)) is None:  # fmt: skip
            self._invalid(t("raise_choices", self.lang, levels=shown))
        return ManualRaise(level=level, reason=self.reason())

    def reason(self) -> str:
        """Why the level goes up, asked until given: it goes into the journal and the report."""
        while not (reason := self.text(t("raise_why", self.lang)).strip()):
            self._invalid(t("reason_required", self.lang))
        return reason

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: Any) -> None:
        print_triage(self.console, guideline, crisis, result, self.lang)

    def show_plan(self, plan: Plan) -> None:
        print_plan(self.console, plan, self.lang)

    def begin_facts(self, title: str) -> None:
        self.console.rule(t("facts_title", self.lang, title=title))

    def review(self, text: str, findings: Sequence[Problem], facts: Mapping[str, object]) -> str | None:
        """The statement and what the guard found; None to save it, or the fact to type again."""
        from rich.markdown import Markdown
        from rich.panel import Panel

        lang = self.lang
        self.console.print(Panel(Markdown(text), title=t("review_title", lang), expand=False))
        for found in findings:
            colour = "red" if found.severity.value == "error" else "yellow"
            where = f"{found.line}:{found.column}" if found.line else "-"
            self.console.print(f"[{colour}]• {where} {found.code}[/] {escape(found.message(lang))}")
        if findings:
            self.console.print(f"[yellow]{t('guard_fix', lang)}[/]")
        while True:
            choice = save_choice(self.text(t("save_ask", lang), t("yes", lang)))
            if choice == "save":
                return None
            if choice == "edit" and (which := self._choose_fact(facts)) is not None:
                return which
            if choice is None:
                self._invalid(t("save_choices", lang))

    def _choose_fact(self, facts: Mapping[str, object]) -> str | None:
        """The fact to type again, by number or name, from a numbered list with the values given; None
        (back to the save question) for an empty answer."""
        names = list(facts)
        for index, name in enumerate(names, start=1):
            value = facts[name]
            shown = value.isoformat(sep=" ", timespec="minutes") if isinstance(value, datetime) else value
            text = str(shown) if len(str(shown)) <= 60 else str(shown)[:57] + "..."
            self.console.print(f"  {index:>2}. {name} = {escape(text)}")
        while True:
            which = self.text(t("edit_which", self.lang))
            if not which:
                return None
            if (chosen := fact_choice(which, names)) is not None:
                return chosen
            self._invalid(t("edit_choices", self.lang, last=len(names)))


_YES_NO = YesNoQuestion.model_validate({"id": "x", "type": "yes_no", "text": {"id": "x", "en": "x"}})


def _empty(lang: Lang) -> str:
    return "jawaban tidak boleh kosong" if lang == "id" else "an answer is required"


def _show(value: object, lang: Lang) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return str(value)


def _show_moment(value: object, lang: Lang) -> str:
    """A date or moment in full, the way a statement prints it."""
    from datetime import date, datetime

    if isinstance(value, datetime):
        return clock.format_datetime(value, lang)
    if isinstance(value, date):
        return clock.format_date(value, lang)
    return str(value)


def _show_fact(value: object, lang: Lang) -> str | None:
    from datetime import datetime

    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return _show(value, lang)

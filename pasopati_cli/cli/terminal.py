"""The terminal prompter: the walk's lines read and said through Rich (defaults shown, colour on a TTY only).

Every loop (what is asked, what an answer means, when to ask again) is app.prompter.LinePrompter's, the
same the scripted prompter of the tests goes through; this module only draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from pasopati_cli.app import screens
from pasopati_cli.app.prompter import LinePrompter, Prompt, Tone
from pasopati_cli.cli.views import draw
from pasopati_cli.messages import t
from pasopati_cli.model import ChoiceQuestion
from pasopati_cli.problems import Lang, Problem

if TYPE_CHECKING:
    from pasopati_cli.assign import Plan
    from pasopati_cli.model import CrisisType, Guideline
    from pasopati_cli.triage import AnyQuestion, TriageResult

TERMINAL_LINE_LIMIT = 4095  # a terminal in canonical mode passes at most this many characters per line
_TONES = {"error": "red", "warning": "yellow", "hint": "dim"}


class TerminalPrompter(LinePrompter):
    def __init__(self, console: Console, lang: Lang) -> None:
        self.console = console
        self.lang = lang

    def _input(self, prompt: str) -> str:
        try:
            return self.console.input(prompt)
        except EOFError:  # Ctrl-D, or input closed: stop as Ctrl-C does, keeping what was given
            raise KeyboardInterrupt from None

    def read(self, prompt: Prompt) -> str:
        if prompt.arrow:
            head = "    →"
        else:
            head = (f"[bold]\\[{prompt.number}][/] " if prompt.number else "") + escape(prompt.text)
            head += f" ({escape(prompt.suffix)})" if prompt.suffix else ""
            head += f" [dim]({escape(prompt.hint)})[/]" if prompt.hint else ""
        shown = f" [dim]\\[{escape(prompt.default)}][/]" if prompt.default else ""
        value = self._input(f"{head}{shown}: ")
        if len(value) >= TERMINAL_LINE_LIMIT:  # the terminal, not pasopati, dropped the rest: say so
            self.say(t("long_input", self.lang, limit=TERMINAL_LINE_LIMIT), "warning")
        return value

    def say(self, text: str, tone: Tone = "plain") -> None:
        style = _TONES.get(tone)
        # never hard-wrapped: a command in a message ("pasopati incident resume ...") stays one line to copy
        self.console.print(f"[{style}]{escape(text)}[/]" if style else escape(text), soft_wrap=True)

    def show_question(self, question: AnyQuestion, number: int) -> None:
        lang = self.lang
        if question.help:
            self.console.print(f"    [dim]{escape(question.help.get(lang))}[/]")
        if isinstance(question, ChoiceQuestion):
            self.console.print(f"[bold]\\[{number}][/] {escape(question.text.get(lang))}")
            for index, option in enumerate(question.options, start=1):
                self.console.print(f"    {index}. {escape(option.label.get(lang))} [dim]({option.id})[/]")

    def show_types(self, types: Mapping[str, CrisisType], ids: Sequence[str]) -> None:
        self.console.print(f"[bold]{t('types_title', self.lang)}[/]")
        for index, type_id in enumerate(ids, start=1):
            crisis = types[type_id]
            self.console.print(  # one line each, so that fourteen types fit on one screen
                f"  {index:>2}. [bold]{escape(crisis.title.get(self.lang))}[/] [dim]({type_id})[/] — "
                f"{escape(crisis.summary.lead(self.lang))}",
                no_wrap=True,
                overflow="ellipsis",
            )

    def show_answers(self, crisis: CrisisType, result: TriageResult) -> None:
        draw(self.console, screens.answers(crisis, dict(result.answers), self.lang))

    def show_triage(self, guideline: Guideline, crisis: CrisisType, result: TriageResult) -> None:
        draw(self.console, screens.triage(guideline, crisis, result, self.lang))

    def show_plan(self, plan: Plan) -> None:
        draw(self.console, screens.plan(plan, self.lang))

    def show_statement(self, text: str, findings: Sequence[Problem]) -> None:
        from rich.markdown import Markdown
        from rich.panel import Panel

        self.console.print(Panel(Markdown(text), title=t("review_title", self.lang), expand=False))
        for found in findings:
            colour = "red" if found.severity.value == "error" else "yellow"
            where = f"{found.line}:{found.column}" if found.line else "-"
            self.console.print(f"[{colour}]• {where} {found.code}[/] {escape(found.message(self.lang))}")

    def rule(self, title: str) -> None:
        self.console.rule(title)

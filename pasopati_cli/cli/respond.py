"""`pasopati list`, `triage`, `assign`, `statement` and `respond`: the guided response.

Every answer the walk asks for can also come from flags or files; with --non-interactive (or when
stdin is not a terminal) a missing answer fails at once, naming it, instead of waiting for input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from pasopati_cli.cli.common import (
    AnswerOption,
    AnswersOption,
    ChosenTypeArgument,
    ExerciseOption,
    ForceOption,
    GuidelineOption,
    InteractiveOption,
    JournalOption,
    LangOption,
    LevelOption,
    NonInteractiveOption,
    OperatorOption,
    OutputFileOption,
    OutputFolderOption,
    PersonOption,
    RaiseOption,
    ReasonOption,
    ResultFormatOption,
    SaveAnswersOption,
    SetOption,
    StartOption,
    TypeArgument,
    UnitOption,
    VarsOption,
    check_choice,
    display,
    edge,
    emit,
    guideline_dir,
    journal_at,
    pinned,
    prompter,
    refuse_unreleasable,
    said,
)

RESULT_FORMATS = ("text", "json")
DOCUMENT_FORMATS = ("markdown", "text", "html", "whatsapp")  # render.OUTPUT_FORMATS, without importing the renderer


def list_types(output_format: ResultFormatOption = "text", guideline: GuidelineOption = None,
               lang: LangOption = None) -> None:  # fmt: skip
    """Daftar jenis kejadian dalam pedoman. / The crisis types of the guideline."""
    with edge(lang) as language:
        from pasopati_cli.app import screens
        from pasopati_cli.app.response import list_types as listed_types

        found = listed_types(guideline_root=guideline_dir(guideline))
        if output_format == "json":
            return emit(found.as_dict(language))
        check_choice(output_format, RESULT_FORMATS)
        display(screens.types(found, language))


def triage(
    crisis_type: TypeArgument,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    save: SaveAnswersOption = None,
    force: ForceOption = False,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tentukan tingkat krisis dari jawaban. / Decide the level from the answers."""
    check_choice(output_format, RESULT_FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app import screens
        from pasopati_cli.app.inputs import gather
        from pasopati_cli.app.response import triage as decide

        inputs = gather(answer=answer, answers_file=answers, raise_to=raise_to, reason=reason)
        asker = prompter(non_interactive, force_interactive, language)
        done = decide(guideline_root=guideline_dir(guideline), crisis_type=crisis_type, inputs=inputs,
                      prompter=asker, save=save, force=force)  # fmt: skip
        if output_format == "json":
            emit(done.as_dict(language))
        elif not asker.pauses:  # at a terminal, the walk has shown it
            display(screens.triage(done.guideline, done.crisis, done.result, language))


def assign(
    crisis_type: TypeArgument,
    level: LevelOption = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Siapa diberi tahu, lewat apa, paling lambat jam berapa. / Who to notify, how, by when."""
    check_choice(output_format, RESULT_FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app import screens
        from pasopati_cli.app.inputs import gather
        from pasopati_cli.app.response import assign as plan

        found = plan(guideline_root=guideline_dir(guideline), crisis_type=crisis_type, level=level, unit=unit,
                     start=start, inputs=gather(answer=answer, answers_file=answers),
                     prompter=prompter(non_interactive, force_interactive, language))  # fmt: skip
        if output_format == "json":
            return emit(found.as_dict(language))
        display(screens.plan(found, language))


def statement(
    crisis_type: TypeArgument,
    kind: Annotated[str, typer.Argument(help="Jenis pernyataan, mis. holding. / Statement kind.")],
    level: LevelOption = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    people: PersonOption = None,
    output: OutputFileOption = None,
    document_format: Annotated[
        str, typer.Option("--format", "-f", help="markdown, text, html, whatsapp (teks WhatsApp dan panjangnya).")
    ] = "markdown",
    force: ForceOption = False,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Susun pernyataan dari templat. / Write a statement from its template."""
    check_choice(document_format, DOCUMENT_FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app.inputs import gather
        from pasopati_cli.app.response import statement as write

        inputs = gather(answer=answer, answers_file=answers, sets=sets, vars_file=vars_file, people=people)
        done = write(guideline_root=guideline_dir(guideline), crisis_type=crisis_type, kind=kind, level=level,
                     unit=unit, start=start, inputs=inputs, lang=language, output=output,
                     document_format=document_format, force=force,
                     prompter=prompter(non_interactive, force_interactive, language, stderr=True))  # fmt: skip
        if output is None:
            sys.stdout.write(done.document)
        else:
            said("written", language, err=True, path=output)
        if done.length_note:
            sys.stderr.write(done.length_note + "\n")
        refuse_unreleasable(done.findings, language)


def respond(
    crisis_type: ChosenTypeArgument = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    output: OutputFolderOption = None,
    kind: Annotated[str | None, typer.Option("--statement", help="Jenis pernyataan; bawaan: pernyataan awal.")] = None,
    document_format: Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")] = "markdown",
    save: SaveAnswersOption = None,
    force: ForceOption = False,
    people: PersonOption = None,
    exercise: ExerciseOption = False,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Panduan lengkap: triase, pemberitahuan, pernyataan awal; dicatat di jurnal. / The guided response."""
    check_choice(document_format, DOCUMENT_FORMATS, "--statement-format")
    given = {"answer": answer, "answers_file": answers, "sets": sets, "vars_file": vars_file, "raise_to": raise_to,
             "reason": reason, "people": people}  # fmt: skip
    run_response(given, (non_interactive, force_interactive), output_format, lang, journal, crisis_type=crisis_type,
                 unit=unit, start=start, output=output, kind=kind, document_format=document_format, save=save,
                 force=force, operator=operator, exercise=exercise, guideline_root=guideline)  # fmt: skip


def run_response(given: dict[str, Any], interactive: tuple[bool, bool], output_format: str, lang: str | None,
                 journal: Path | None, **request: Any) -> None:  # fmt: skip
    """`respond`, `incident open` and `incident resume`: one call to the use case, then its outcome shown."""
    check_choice(output_format, RESULT_FORMATS)
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.inputs import gather
        from pasopati_cli.app.response import respond as run

        asker = prompter(*interactive, language)
        request["guideline_root"] = pinned(request["guideline_root"], request.pop("accept", False), language,
                                           *interactive)  # fmt: skip
        done = run(journal=store, prompter=asker, inputs=gather(**given), lang=language, **request)
        if output_format == "json":
            emit(done.as_dict())
        else:
            from pasopati_cli.app import screens

            display(screens.response(done, not asker.pauses, language))
        refuse_unreleasable(done.findings, language)


COMMANDS: dict[str, Callable[..., None]] = {
    "list": list_types,
    "triage": triage,
    "assign": assign,
    "statement": statement,
    "respond": respond,
}

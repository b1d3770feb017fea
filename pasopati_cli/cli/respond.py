"""`pasopati list`, `triage`, `assign`, `statement` and `respond`: the guided response.

Every answer the walk asks for can also come from flags or files; with --non-interactive (or when
stdin is not a terminal) a missing answer fails at once, naming it, instead of waiting for input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from pasopati_cli.cli.common import (
    ASKS,
    RESULT_FORMATS,
    AnswerOption,
    AnswersOption,
    ChosenTypeArgument,
    ExerciseOption,
    ForceOption,
    LevelOption,
    OutputFileOption,
    OutputFolderOption,
    PersonOption,
    RaiseOption,
    ReasonOption,
    SaveAnswersOption,
    Session,
    SetOption,
    StartOption,
    TypeArgument,
    UnitOption,
    VarsOption,
    check_choice,
    command,
    display,
    emit,
    refuse_unreleasable,
    said,
)

DOCUMENT_FORMATS = ("markdown", "text", "html", "whatsapp")  # render.OUTPUT_FORMATS, without importing the renderer
GUIDE = ("output_format", "guideline", "lang")  # a command over the guideline alone
KindArgument = Annotated[str, typer.Argument(help="Jenis pernyataan, mis. holding. / Statement kind.")]
DocumentFormatOption = Annotated[str, typer.Option("--format", "-f", help="markdown, text, html, whatsapp (teks "
                                                   "WhatsApp dan panjangnya).")]  # fmt: skip
StatementKindOption = Annotated[str | None, typer.Option("--statement", help="Jenis pernyataan; bawaan: pernyataan "
                                                         "awal.")]  # fmt: skip
StatementFormatOption = Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")]


@command(*GUIDE, formats=RESULT_FORMATS)
def list_types(s: Session) -> None:
    """Daftar jenis kejadian dalam pedoman. / The crisis types of the guideline."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.response import list_types as listed_types

    found = listed_types(guideline_root=s.root)
    emit(found.as_dict(s.lang)) if s.format == "json" else display(screens.types(found, s.lang))


@command(*ASKS, *GUIDE, formats=RESULT_FORMATS)
def triage(s: Session, crisis_type: TypeArgument, answer: AnswerOption = None, answers: AnswersOption = None,
           raise_to: RaiseOption = None, reason: ReasonOption = None, save: SaveAnswersOption = None,
           force: ForceOption = False) -> None:  # fmt: skip
    """Tentukan tingkat krisis dari jawaban. / Decide the level from the answers."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.response import triage as decide

    asker = s.asker()
    done = decide(guideline_root=s.root, crisis_type=crisis_type, prompter=asker, save=save, force=force,
                  inputs=gather(answer=answer, answers_file=answers, raise_to=raise_to, reason=reason))  # fmt: skip
    if s.format == "json":
        emit(done.as_dict(s.lang))
    elif not asker.pauses:  # at a terminal, the walk has shown it
        display(screens.triage(done.guideline, done.crisis, done.result, s.lang))


@command(*ASKS, *GUIDE, formats=RESULT_FORMATS)
def assign(s: Session, crisis_type: TypeArgument, level: LevelOption = None, unit: UnitOption = None,
           start: StartOption = None, answer: AnswerOption = None, answers: AnswersOption = None) -> None:  # fmt: skip
    """Siapa diberi tahu, lewat apa, paling lambat jam berapa. / Who to notify, how, by when."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.response import assign as plan

    found = plan(guideline_root=s.root, crisis_type=crisis_type, level=level, unit=unit, start=start,
                 inputs=gather(answer=answer, answers_file=answers), prompter=s.asker())  # fmt: skip
    emit(found.as_dict(s.lang)) if s.format == "json" else display(screens.plan(found, s.lang))


@command(*ASKS, "guideline", "lang")
def statement(s: Session, crisis_type: TypeArgument, kind: KindArgument, level: LevelOption = None,
              unit: UnitOption = None, start: StartOption = None, answer: AnswerOption = None,
              answers: AnswersOption = None, sets: SetOption = None, vars_file: VarsOption = None,
              people: PersonOption = None, output: OutputFileOption = None,
              document_format: DocumentFormatOption = "markdown", force: ForceOption = False) -> None:  # fmt: skip
    """Susun pernyataan dari templat. / Write a statement from its template."""
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.response import statement as write

    check_choice(document_format, DOCUMENT_FORMATS)
    inputs = gather(answer=answer, answers_file=answers, sets=sets, vars_file=vars_file, people=people)
    done = write(guideline_root=s.root, crisis_type=crisis_type, kind=kind, level=level, unit=unit, start=start,
                 inputs=inputs, lang=s.lang, output=output, document_format=document_format, force=force,
                 prompter=s.asker(stderr=True))  # fmt: skip
    if output is None:
        sys.stdout.write(done.document)
    else:
        said("written", s.lang, err=True, path=output)
    if done.length_note:
        sys.stderr.write(done.length_note + "\n")
    refuse_unreleasable(done.findings, s.lang)


@command("journal", "operator", *ASKS, *GUIDE, formats=RESULT_FORMATS)
def respond(s: Session, crisis_type: ChosenTypeArgument = None, unit: UnitOption = None, start: StartOption = None,
            answer: AnswerOption = None, answers: AnswersOption = None, sets: SetOption = None,
            vars_file: VarsOption = None, raise_to: RaiseOption = None, reason: ReasonOption = None,
            output: OutputFolderOption = None, kind: StatementKindOption = None,
            document_format: StatementFormatOption = "markdown", save: SaveAnswersOption = None,
            force: ForceOption = False, people: PersonOption = None,
            exercise: ExerciseOption = False) -> None:  # fmt: skip
    """Panduan lengkap: triase, pemberitahuan, pernyataan awal; dicatat di jurnal. / The guided response."""
    check_choice(document_format, DOCUMENT_FORMATS, "--statement-format")
    given = {"answer": answer, "answers_file": answers, "sets": sets, "vars_file": vars_file, "raise_to": raise_to,
             "reason": reason, "people": people}  # fmt: skip
    run_response(s, given, crisis_type=crisis_type, unit=unit, start=start, output=output, kind=kind,
                 document_format=document_format, save=save, force=force, exercise=exercise)  # fmt: skip


def run_response(s: Session, given: dict[str, Any], **request: Any) -> None:
    """`respond`, `incident open` and `incident resume`: one call to the use case, then its outcome shown."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.response import respond as run

    asker = s.asker()
    done = run(journal=s.journal, prompter=asker, inputs=gather(**given), lang=s.lang, operator=s.operator,
               guideline_root=s.pinned, **request)  # fmt: skip
    emit(done.as_dict()) if s.format == "json" else display(screens.response(done, not asker.pauses, s.lang))
    refuse_unreleasable(done.findings, s.lang)


COMMANDS: dict[str, Callable[..., None]] = {
    "list": list_types,
    "triage": triage,
    "assign": assign,
    "statement": statement,
    "respond": respond,
}

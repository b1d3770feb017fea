"""Statements of an incident: draft, revise, approve, release, and the post-incident report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pasopati_cli.cli.common import (
    AcceptGuidelineOption,
    ForceOption,
    GuidelineOption,
    IdArgument,
    InteractiveOption,
    JournalOption,
    LangOption,
    NonInteractiveOption,
    OperatorOption,
    OutputFileOption,
    SetOption,
    StatementArgument,
    VarsOption,
    check_choice,
    journal_at,
    pinned,
    print_problems,
    prompter,
    said,
)


def draft(
    incident_id: IdArgument,
    kind: Annotated[str, typer.Argument(help="Jenis pernyataan, mis. update. / Statement kind.")],
    sets: SetOption = None,
    vars_file: VarsOption = None,
    output: OutputFileOption = None,
    force: ForceOption = False,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Susun pernyataan berikutnya dengan fakta insiden yang sudah ada. / Draft the next statement."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.inputs import gather
        from pasopati_cli.app.statements import draft as write

        asking = (non_interactive, force_interactive)
        done = write(journal=store, prompter=prompter(*asking, language, stderr=True), incident_id=incident_id,
                     kind=kind, inputs=gather(sets=sets, vars_file=vars_file), output=output, force=force,
                     operator=operator, guideline_root=pinned(guideline, accept, language, *asking),
                     lang=language)  # fmt: skip
        if output is None:
            sys.stdout.write(done.text)
        print_problems(done.findings, language)
        said("drafted", language, err=True, statement=done.statement_id, id=incident_id)


def revise(
    incident_id: IdArgument,
    statement_id: StatementArgument,
    file: Annotated[Path, typer.Option("--file", help="Teks baru (Markdown). / The revised text.")],
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Ganti teks draf; persetujuan sebelumnya gugur. / Replace a draft's text; any approval lapses."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.statements import revise as replace

        replace(journal=store, incident_id=incident_id, statement_id=statement_id, file=file, operator=operator,
                guideline_root=pinned(guideline, accept, language))  # fmt: skip
        said("drafted", language, statement=statement_id, id=incident_id)


def approve(
    incident_id: IdArgument,
    statement_id: StatementArgument,
    by: Annotated[str, typer.Option("--by", help="Nama (atau id peran) yang menyetujui. / Approver.")],
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Catat persetujuan pernyataan oleh pejabat yang berwenang pada tingkat ini. / Record the approval."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.statements import approve as sign

        name = sign(journal=store, incident_id=incident_id, statement_id=statement_id, by=by, operator=operator,
                    guideline_root=pinned(guideline, accept, language))  # fmt: skip
        said("approved", language, statement=statement_id, by=name)


def release(
    incident_id: IdArgument,
    statement_id: StatementArgument,
    override: Annotated[
        bool,
        typer.Option(
            "--override",
            help="Rilis segera walau syarat belum lengkap (UU 14/2008 Pasal 10); perlu "
            "--approved-by dan --reason, keduanya dicatat. / Release at once, past the release rules.",
        ),
    ] = False,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            help="Pejabat yang menyetujui pengecualian pada tingkat ini (nama atau id "
            "peran). / The official who approves the override.",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Alasan pengecualian. / Why.", show_default=False)
    ] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Rilis pernyataan yang sudah disetujui dan lolos pemeriksaan. / Release an approved, checked statement."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.statements import release as publish

        done = publish(journal=store, incident_id=incident_id, statement_id=statement_id, override=override,
                       reason=reason, approved_by=approved_by, operator=operator,
                       guideline_root=pinned(guideline, accept, language))  # fmt: skip
        print_problems(done.bypassed, language)
        if done.bypassed:
            said("released_override", language, statement=statement_id, reason=reason, by=done.approver)
        else:
            said("released", language, statement=statement_id)
        said("verification_code", language, seq=done.event.seq, code=done.event.hash)


def report(
    incident_id: IdArgument,
    output_format: Annotated[str, typer.Option("--format", "-f", help="md, json atau html.")] = "md",
    output: OutputFileOption = None,
    force: ForceOption = False,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Laporan pasca-insiden: lini masa, tingkat, tenggat, pernyataan. / The post-incident report."""
    check_choice(output_format, ("md", "json", "html"))
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.statements import report as build

        text = build(journal=store, incident_id=incident_id, output_format=output_format, output=output,
                     force=force, guideline_root=pinned(guideline, accept, language), lang=language)  # fmt: skip
        if output is None:
            sys.stdout.write(text)


COMMANDS: dict[str, Callable[..., None]] = {
    "statement": draft,
    "revise": revise,
    "approve": approve,
    "release": release,
    "report": report,
}

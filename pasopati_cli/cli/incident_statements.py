"""Statements of an incident: draft, revise, approve, release, and the post-incident report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pasopati_cli.cli.common import (
    ON_INCIDENT,
    ForceOption,
    IdArgument,
    OutputFileOption,
    Session,
    SetOption,
    StatementArgument,
    VarsOption,
    check_choice,
    command,
    print_problems,
    said,
)

OverrideOption = Annotated[bool, typer.Option("--override", help="Rilis segera walau syarat belum lengkap (UU 14/2008 "
                           "Pasal 10); perlu --approved-by dan --reason, keduanya dicatat. / Release at once, past "
                           "the release rules.")]  # fmt: skip
ApprovedByOption = Annotated[str | None, typer.Option("--approved-by", show_default=False, help="Pejabat yang "
                             "menyetujui pengecualian pada tingkat ini (nama atau id peran). / The official who "
                             "approves the override.")]  # fmt: skip
OverrideReasonOption = Annotated[str | None, typer.Option("--reason", help="Alasan pengecualian. / Why.",
                                                          show_default=False)]  # fmt: skip


@command(*ON_INCIDENT, "non_interactive", "force_interactive")
def draft(s: Session, incident_id: IdArgument,
          kind: Annotated[str, typer.Argument(help="Jenis pernyataan, mis. update. / Statement kind.")],
          sets: SetOption = None, vars_file: VarsOption = None, output: OutputFileOption = None,
          force: ForceOption = False) -> None:  # fmt: skip
    """Susun pernyataan berikutnya dengan fakta insiden yang sudah ada. / Draft the next statement."""
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.statements import draft as write

    done = write(journal=s.journal, prompter=s.asker(stderr=True), incident_id=incident_id, kind=kind,
                 inputs=gather(sets=sets, vars_file=vars_file), output=output, force=force, operator=s.operator,
                 guideline_root=s.pinned, lang=s.lang)  # fmt: skip
    if output is None:
        sys.stdout.write(done.text)
    print_problems(done.findings, s.lang)
    said("drafted", s.lang, err=True, statement=done.statement_id, id=incident_id)


@command(*ON_INCIDENT)
def revise(s: Session, incident_id: IdArgument, statement_id: StatementArgument,
           file: Annotated[Path, typer.Option("--file", help="Teks baru (Markdown). / The revised text.")]
           ) -> None:  # fmt: skip
    """Ganti teks draf; persetujuan sebelumnya gugur. / Replace a draft's text; any approval lapses."""
    from pasopati_cli.app.statements import revise as replace

    replace(journal=s.journal, incident_id=incident_id, statement_id=statement_id, file=file, operator=s.operator,
            guideline_root=s.pinned)  # fmt: skip
    said("drafted", s.lang, statement=statement_id, id=incident_id)


@command(*ON_INCIDENT)
def approve(s: Session, incident_id: IdArgument, statement_id: StatementArgument,
            by: Annotated[str, typer.Option("--by", help="Nama (atau id peran) yang menyetujui. / Approver.")]
            ) -> None:  # fmt: skip
    """Catat persetujuan pernyataan oleh pejabat yang berwenang pada tingkat ini. / Record the approval."""
    from pasopati_cli.app.statements import approve as sign

    name = sign(journal=s.journal, incident_id=incident_id, statement_id=statement_id, by=by, operator=s.operator,
                guideline_root=s.pinned)  # fmt: skip
    said("approved", s.lang, statement=statement_id, by=name)


@command(*ON_INCIDENT)
def release(s: Session, incident_id: IdArgument, statement_id: StatementArgument, override: OverrideOption = False,
            approved_by: ApprovedByOption = None, reason: OverrideReasonOption = None) -> None:  # fmt: skip
    """Rilis pernyataan yang sudah disetujui dan lolos pemeriksaan. / Release an approved, checked statement."""
    from pasopati_cli.app.statements import release as publish

    done = publish(journal=s.journal, incident_id=incident_id, statement_id=statement_id, override=override,
                   reason=reason, approved_by=approved_by, operator=s.operator, guideline_root=s.pinned)  # fmt: skip
    print_problems(done.bypassed, s.lang)
    if done.bypassed:
        said("released_override", s.lang, statement=statement_id, reason=reason, by=done.approver)
    else:
        said("released", s.lang, statement=statement_id)
    said("verification_code", s.lang, seq=done.event.seq, code=done.event.hash)


@command("journal", "guideline", "accept", "lang")
def report(s: Session, incident_id: IdArgument,
           output_format: Annotated[str, typer.Option("--format", "-f", help="md, json atau html.")] = "md",
           output: OutputFileOption = None, force: ForceOption = False) -> None:  # fmt: skip
    """Laporan pasca-insiden: lini masa, tingkat, tenggat, pernyataan. / The post-incident report."""
    from pasopati_cli.app.statements import report as build

    check_choice(output_format, ("md", "json", "html"))
    text = build(journal=s.journal, incident_id=incident_id, output_format=output_format, output=output, force=force,
                 guideline_root=s.pinned, lang=s.lang)  # fmt: skip
    if output is None:
        sys.stdout.write(text)


COMMANDS: dict[str, Callable[..., None]] = {
    "statement": draft,
    "revise": revise,
    "approve": approve,
    "release": release,
    "report": report,
}

"""Statements of an incident: draft, revise, approve, release (with the guard and the release rules), report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasopati_cli.cli.common import GuidelineOption, LangOption, console, edge, resolve_lang
from pasopati_cli.cli.inputs import (
    ForceOption,
    InteractiveOption,
    NonInteractiveOption,
    SetOption,
    VarsOption,
    gather,
    interactive,
)
from pasopati_cli.cli.respond import JournalOption, OperatorOption

if TYPE_CHECKING:
    from pasopati_cli.cli.incident import Opened
    from pasopati_cli.incident import Statement
    from pasopati_cli.journal import Journal
    from pasopati_cli.problems import Problem

IdArgument = Annotated[str, typer.Argument(help="Id insiden. / Incident id.")]
StatementArgument = Annotated[str, typer.Argument(help="Id pernyataan, mis. S1. / Statement id.")]


def _facts_so_far(journal: Journal, incident_id: str) -> dict[str, Any]:
    """Facts typed for earlier statements of the incident; later ones win."""
    from pasopati_cli.events import STATEMENT_DRAFTED

    facts: dict[str, Any] = {}
    for event in journal.events(incident_id):
        if event.type == STATEMENT_DRAFTED and isinstance(event.data.get("facts"), dict):
            facts.update(event.data["facts"])
    return facts


def guard_problems(opened: Opened, text: str, kind: str, file: str | None) -> list[Problem]:
    """The disclosure guard over a statement's text, with the incident's marked names."""
    from pasopati_cli.guard import guard_statement

    return guard_statement(text, opened.guide.guideline.disclosure, names=opened.state.people, file=file)


def draft(
    incident_id: IdArgument,
    kind: Annotated[str, typer.Argument(help="Jenis pernyataan, mis. update. / Statement kind.")],
    sets: SetOption = None,
    vars_file: VarsOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Berkas tujuan; bawaan: layar.")] = None,
    force: ForceOption = False,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Susun pernyataan berikutnya dengan fakta insiden yang sudah ada. / Draft the next statement."""
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli import clock
        from pasopati_cli.cli.incident import _append, _journal, _open
        from pasopati_cli.cli.walk import approve_text, may_replace, statement_text
        from pasopati_cli.events import STATEMENT_DRAFTED
        from pasopati_cli.files import write_file
        from pasopati_cli.prompts import Asker
        from pasopati_cli.triage import decide

        with _journal(journal) as store:
            opened = _open(store, incident_id, guideline)
            state = opened.state
            inputs = gather(None, None, sets, vars_file, None, None)
            earlier = _facts_so_far(store, incident_id)
            inputs.facts = {**earlier, **inputs.facts}
            inputs.facts_source = inputs.facts_source or ("jurnal" if earlier else None)
            inputs.exercise = state.exercise
            from pasopati_cli.model import ManualRaise
            from pasopati_cli.triage import answers_from_values, prune

            answers = prune(opened.crisis, answers_from_values(opened.crisis, state.answers, None))
            required = decide(opened.guide.guideline, opened.crisis, answers)
            manual = None
            if state.level and state.level != required.level:
                manual = ManualRaise(level=state.level, reason="jurnal")
            result = decide(opened.guide.guideline, opened.crisis, answers, manual)
            asker = Asker(console(stderr=True), language) if interactive(non_interactive, force_interactive) else None
            force = may_replace(output, force, asker, language)
            collected: dict[str, object] = {}
            start = state.start or state.opened_at
            while True:  # at a terminal, the draft is shown for review before it is recorded, as in respond
                text, _ = statement_text(
                    opened.guide, opened.crisis, kind, result, opened.unit, start, inputs, asker, language, collected,
                    reference=clock.now(clock.resolve_zone(opened.unit.unit.timezone)),
                )  # fmt: skip
                if asker is None:
                    break
                found = guard_problems(opened, text, kind, None)
                if approve_text(asker, text, language, collected, inputs, found):
                    break
            statement_id = f"S{len(state.statements) + 1}"
            if output is not None:
                write_file(output, text, force=force)
            facts = {
                k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in collected.items() if v is not None
            }
            data = {"statement": statement_id, "kind": kind, "lang": language, "text": text, "facts": facts,
                    "file": str(output) if output else None}  # fmt: skip
            _append(store, opened, operator, STATEMENT_DRAFTED, data)
            findings = guard_problems(opened, text, kind, str(output) if output else None)
        if output is None:
            sys.stdout.write(text)
        from pasopati_cli.cli.common import print_problems
        from pasopati_cli.messages import t

        print_problems(findings, language)
        sys.stderr.write(t("drafted", language, statement=statement_id, id=incident_id) + "\n")


def revise(
    incident_id: IdArgument,
    statement_id: StatementArgument,
    file: Annotated[Path, typer.Option("--file", help="Teks baru (Markdown). / The revised text.")],
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Ganti teks draf; persetujuan sebelumnya gugur. / Replace a draft's text; any approval lapses."""
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.cli.incident import _append, _journal, _open
        from pasopati_cli.events import STATEMENT_DRAFTED
        from pasopati_cli.loader import display_path, read_text
        from pasopati_cli.problems import PasopatiError

        text, problems = read_text(file, display_path(file))
        if text is None:
            raise PasopatiError(problems)
        with _journal(journal) as store:
            opened = _open(store, incident_id, guideline)
            old = _statement(opened, statement_id)
            data = {"statement": old.id, "kind": old.kind, "text": text, "file": str(file), "revision": True}
            _append(store, opened, operator, STATEMENT_DRAFTED, data)
        from pasopati_cli.messages import t

        typer.echo(t("drafted", language, statement=statement_id, id=incident_id))


def _statement(opened: Opened, statement_id: str) -> Statement:
    from pasopati_cli.problems import PasopatiError, problem

    statement = opened.state.statements.get(statement_id)
    if statement is None:
        known = ", ".join(opened.state.statements) or "-"
        raise PasopatiError(
            [problem("P201", what="pernyataan", what_en="statement", name=statement_id, hint=f" ({known})")]
        )
    return statement


def approve(
    incident_id: IdArgument,
    statement_id: StatementArgument,
    by: Annotated[str, typer.Option("--by", help="Nama (atau id peran) yang menyetujui. / Approver.")],
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Catat persetujuan pernyataan oleh pejabat yang berwenang pada tingkat ini. / Record the approval."""
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.cli.incident import _append, _journal, _open
        from pasopati_cli.events import RELEASED, STATEMENT_APPROVED
        from pasopati_cli.followup import resolve_approver
        from pasopati_cli.problems import PasopatiError, Severity, problem

        with _journal(journal) as store:
            opened = _open(store, incident_id, guideline)
            statement = _statement(opened, statement_id)
            if statement.status == RELEASED:
                raise PasopatiError([_already_released(statement_id)])
            level = opened.state.level or opened.crisis.base_level
            name, problems = resolve_approver(opened.guide.guideline, opened.unit, level, by)
            findings = [p for p in guard_problems(opened, statement.text, statement.kind, None)]
            problems += [p for p in findings if p.severity is Severity.ERROR]
            if problems or name is None:
                raise PasopatiError(problems or [problem("P503", detail="-", detail_en="-")])
            data = {"statement": statement.id, "approver": name, "content_hash": statement.content_hash}
            _append(store, opened, operator, STATEMENT_APPROVED, data)
        from pasopati_cli.messages import t

        typer.echo(t("approved", language, statement=statement_id, by=name))


def _already_released(statement_id: str) -> Problem:
    from pasopati_cli.problems import problem

    return problem(
        "P503",
        detail=f"pernyataan {statement_id} sudah dirilis",
        detail_en=f"statement {statement_id} has already been released",
    )


def release(
    incident_id: IdArgument,
    statement_id: StatementArgument,
    override: Annotated[
        str | None,
        typer.Option(
            "--override",
            help="Rilis segera walau syarat belum lengkap (UU 14/2008 Pasal 10), dengan alasan yang dicatat.",
            show_default=False,
        ),
    ] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Rilis pernyataan yang sudah disetujui dan lolos pemeriksaan. / Release an approved, checked statement."""
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.cli.incident import _append, _journal, _open
        from pasopati_cli.events import APPROVED, RELEASED, STATEMENT_RELEASED
        from pasopati_cli.followup import release_blockers
        from pasopati_cli.problems import PasopatiError, Severity, problem

        with _journal(journal) as store:
            opened = _open(store, incident_id, guideline)
            statement = _statement(opened, statement_id)
            if statement.status == RELEASED:
                raise PasopatiError([_already_released(statement_id)])
            blockers: list[Problem] = []
            if statement.status != APPROVED or statement.approved_hash != statement.content_hash:
                blockers.append(
                    problem(
                        "P503",
                        detail=f"pernyataan {statement_id} belum disetujui (atau diubah setelah disetujui); "
                        f"jalankan: pasopati incident approve {incident_id} {statement_id} --by NAMA",
                        detail_en=f"statement {statement_id} is not approved (or changed after approval); "
                        f"run: pasopati incident approve {incident_id} {statement_id} --by NAME",
                    )
                )
            findings = guard_problems(opened, statement.text, statement.kind, None)
            blockers += [p for p in findings if p.severity is Severity.ERROR]
            blockers += release_blockers(opened.guide.guideline, opened.crisis, opened.state, statement)
            if blockers and override is None:
                raise PasopatiError(blockers)
            data: dict[str, Any] = {"statement": statement.id, "content_hash": statement.content_hash}
            if override is not None:
                data |= {"override_reason": override, "bypassed": [p.message("en") for p in blockers]}
            event = _append(store, opened, operator, STATEMENT_RELEASED, data)
        from pasopati_cli.cli.common import print_problems
        from pasopati_cli.messages import t

        if override is not None and blockers:
            print_problems([_as_warning(p) for p in blockers], language)
            typer.echo(t("released_override", language, statement=statement_id, reason=override))
        else:
            typer.echo(t("released", language, statement=statement_id))
        typer.echo(t("verification_code", language, seq=event.seq, code=event.hash))


def _as_warning(found: Problem) -> Problem:
    from dataclasses import replace

    from pasopati_cli.problems import Severity

    return replace(found, severity=Severity.WARNING)


def report(
    incident_id: IdArgument,
    output_format: Annotated[str, typer.Option("--format", "-f", help="md, json atau html.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Berkas tujuan; bawaan: layar.")] = None,
    force: ForceOption = False,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Laporan pasca-insiden: lini masa, tingkat, tenggat, pernyataan. / The post-incident report."""
    language = resolve_lang(lang)
    if output_format not in ("md", "json", "html"):
        raise typer.BadParameter(f"'{output_format}' (md, json, html)", param_hint="--format")
    with edge(language):
        import json

        from pasopati_cli.cli.incident import _journal, _open
        from pasopati_cli.files import write_file
        from pasopati_cli.incident_report import build
        from pasopati_cli.render import to_format

        with _journal(journal) as store:
            opened = _open(store, incident_id, guideline)
            markdown, document = build(
                store.events(incident_id), opened.guide.guideline, opened.crisis, opened.unit, language
            )
        if output_format == "json":
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        elif output_format == "html":
            text = to_format(markdown, "html", f"{incident_id}", language)
        else:
            text = markdown
        if output is None:
            sys.stdout.write(text)
        else:
            write_file(output, text, force=force)


COMMANDS: dict[str, Callable[..., None]] = {
    "statement": draft,
    "revise": revise,
    "approve": approve,
    "release": release,
    "report": report,
}

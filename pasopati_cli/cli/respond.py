"""`pasopati list`, `triage`, `assign`, `statement` and `respond`: the guided response.

Every answer the walk asks for can also come from flags or files; with --non-interactive (or when
stdin is not a terminal) a missing answer fails at once, naming it, instead of waiting for input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasopati_cli.cli.common import (
    EXIT_INTERRUPTED,
    GuidelineOption,
    LangOption,
    console,
    edge,
    guideline_dir,
    resolve_lang,
)

if TYPE_CHECKING:
    from pasopati_cli.problems import Lang
    from pasopati_cli.triage import TriageResult

from pasopati_cli.cli.inputs import (
    AnswerOption,
    AnswersOption,
    InteractiveOption,
    NonInteractiveOption,
    RaiseOption,
    ReasonOption,
    ResultFormatOption,
    SaveAnswersOption,
    SetOption,
    StartOption,
    TypeArgument,
    UnitOption,
    VarsOption,
    check_type,
    gather,
    interactive,
    start_time,
    unit_profile,
)
from pasopati_cli.cli.walk import (
    Interrupted,
    approve_text,
    decide_level,
    save_answers,
    statement_text,
    stop_interrupted,
    t_,
    unique_path,
    write_text,
)

# --- commands ---------------------------------------------------------------------------------------


def list_types(
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Daftar jenis kejadian dalam pedoman. / The crisis types of the guideline."""
    language = resolve_lang(lang)
    with edge(language):
        from rich.table import Table

        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline))
        types = sorted(guide.types.values(), key=lambda c: (c.phase != "crisis", c.id))
        if output_format == "json":
            rows = [
                {
                    "id": c.id,
                    "title": c.title.get(language),
                    "summary": c.summary.get(language),
                    "phase": c.phase,
                    "base_level": c.base_level,
                }
                for c in types
            ]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return
        _text_only(output_format)
        name = guide.guideline.name.get(language)
        table = Table(title=t_("list_title", language, name=name, version=guide.version), title_justify="left")
        table.add_column(t_("id", language), no_wrap=True)
        table.add_column(t_("title", language))
        table.add_column(t_("summary", language))
        for crisis in types:
            table.add_row(crisis.id, crisis.title.get(language), crisis.summary.get(language))
        console().print(table)


def _text_only(output_format: str) -> None:
    if output_format not in ("text", "json"):
        raise typer.BadParameter(f"'{output_format}' (text, json)", param_hint="--format")


def triage(
    crisis_type: TypeArgument,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    save: SaveAnswersOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tentukan tingkat krisis dari jawaban. / Decide the level from the answers."""
    language = resolve_lang(lang)
    _text_only(output_format)
    with edge(language):
        from pasopati_cli.cli.views import print_triage
        from pasopati_cli.prompts import Asker
        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline), crisis_type)
        crisis = guide.crisis(crisis_type)
        inputs = gather(answer, answers, None, None, raise_to, reason)
        check_type(inputs, crisis_type)
        asker = Asker(console(), language) if interactive(non_interactive, force_interactive) else None
        try:
            result = decide_level(guide, crisis, inputs, asker, language, confirm=asker is not None)
        except Interrupted as stop:
            stop_interrupted(stop, save, language, None, inputs.operator)
        if save is not None:
            save_answers(save, crisis, dict(result.answers), {}, result, inputs.start, inputs.operator)
        if output_format == "json":
            sys.stdout.write(json.dumps(result.as_dict(guide.guideline, language), ensure_ascii=False, indent=2) + "\n")
        elif asker is None:
            print_triage(console(), guide.guideline, crisis, result, language)


def assign(
    crisis_type: TypeArgument,
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="Tingkat (bila tanpa jawaban triase).", show_default=False),
    ] = None,
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
    language = resolve_lang(lang)
    _text_only(output_format)
    with edge(language):
        from pasopati_cli.assign import plan
        from pasopati_cli.cli.views import print_plan
        from pasopati_cli.prompts import Asker
        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline), crisis_type)
        crisis = guide.crisis(crisis_type)
        profile = unit_profile(unit, guide)
        inputs = gather(answer, answers, None, None, None, None)
        check_type(inputs, crisis_type)
        if level is not None and not inputs.answers:
            from pasopati_cli.triage import decide

            if level not in [lv.id for lv in guide.guideline.levels]:
                result = decide(guide.guideline, crisis, {}, _manual(level))  # raises the located problem
            chosen, answered = level, {}
        else:
            if level is not None:
                inputs.raise_to = (level, "--level")
            asker = Asker(console(), language) if interactive(non_interactive, force_interactive) else None
            try:
                result = decide_level(guide, crisis, inputs, asker, language, confirm=False)
            except Interrupted as stop:
                stop_interrupted(stop, None, language, None, inputs.operator)
            chosen, answered = result.level, dict(result.answers)
        moment = start_time(start, inputs.start, profile)
        result_plan = plan(guide.guideline, crisis, chosen, answered, profile, moment)
        if output_format == "json":
            sys.stdout.write(json.dumps(result_plan.as_dict(language), ensure_ascii=False, indent=2) + "\n")
        else:
            print_plan(console(), result_plan, language)


def _manual(level: str) -> Any:
    from pasopati_cli.model import ManualRaise

    return ManualRaise(level=level, reason="--level")


def statement(
    crisis_type: TypeArgument,
    kind: Annotated[str, typer.Argument(help="Jenis pernyataan, mis. holding. / Statement kind.")],
    level: Annotated[str | None, typer.Option("--level", "-l", help="Tingkat.", show_default=False)] = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas tujuan; bawaan: layar.", show_default=False)
    ] = None,
    document_format: Annotated[str, typer.Option("--format", "-f", help="markdown, text, html.")] = "markdown",
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Susun pernyataan dari templat. / Write a statement from its template."""
    language = resolve_lang(lang)
    from pasopati_cli.render import OUTPUT_FORMATS

    if document_format not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"'{document_format}' ({', '.join(OUTPUT_FORMATS)})", param_hint="--format")
    with edge(language):
        from pasopati_cli.prompts import Asker
        from pasopati_cli.render import to_format
        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline), crisis_type)
        crisis = guide.crisis(crisis_type)
        profile = unit_profile(unit, guide)
        inputs = gather(answer, answers, sets, vars_file, None, None)
        check_type(inputs, crisis_type)
        asker = Asker(console(stderr=True), language) if interactive(non_interactive, force_interactive) else None
        if level is not None:
            inputs.raise_to = (level, "--level")
        collected: dict[str, object] = {}
        try:
            if level is not None and not inputs.answers:
                from pasopati_cli.triage import decide

                result = decide(guide.guideline, crisis, {}, _manual(level))
            else:
                result = decide_level(guide, crisis, inputs, asker, language, confirm=False)
            moment = start_time(start, inputs.start, profile)
            text, title = statement_text(
                guide, crisis, kind, result, profile, moment, inputs, asker, language, collected
            )
        except (Interrupted, KeyboardInterrupt):
            sys.stderr.write("\n" + t_("interrupted_nothing", language) + "\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        document = to_format(text, document_format, title, language)
        if output is None:
            sys.stdout.write(document)
        else:
            write_text(output, document)
            sys.stderr.write(t_("written", language, path=output) + "\n")


def respond(
    crisis_type: Annotated[str | None, typer.Argument(help="Id jenis kejadian; bila kosong, dipilih.")] = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder untuk pernyataan; bawaan: folder kerja.", show_default=False),
    ] = None,
    kind: Annotated[str | None, typer.Option("--statement", help="Jenis pernyataan; bawaan: pernyataan awal.")] = None,
    document_format: Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")] = "markdown",
    save: SaveAnswersOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Panduan lengkap: triase, pemberitahuan, pernyataan awal. / The guided response."""
    language = resolve_lang(lang)
    _text_only(output_format)
    from pasopati_cli.render import OUTPUT_FORMATS

    if document_format not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"'{document_format}' ({', '.join(OUTPUT_FORMATS)})", param_hint="--statement-format")
    with edge(language):
        _respond(
            crisis_type, unit, start, answer, answers, sets, vars_file, raise_to, reason, output, kind,
            document_format, save, interactive(non_interactive, force_interactive), output_format,
            guideline, language,
        )  # fmt: skip


def _respond(
    crisis_type: str | None,
    unit: Path | None,
    start: str | None,
    answer: list[str] | None,
    answers: Path | None,
    sets: list[str] | None,
    vars_file: Path | None,
    raise_to: str | None,
    reason: str | None,
    output: Path | None,
    kind: str | None,
    document_format: str,
    save: Path | None,
    is_interactive: bool,
    output_format: str,
    guideline: Path | None,
    language: Lang,
) -> None:
    from pasopati_cli import clock
    from pasopati_cli.assign import plan
    from pasopati_cli.cli.views import next_due_lines, print_plan
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.prompts import Asker
    from pasopati_cli.render import SUFFIXES, to_format
    from pasopati_cli.response import guess_types, load_guide

    inputs = gather(answer, answers, sets, vars_file, raise_to, reason)
    chosen_type = crisis_type or inputs.crisis_type
    guide = load_guide(guideline_dir(guideline), chosen_type)
    out = console()
    asker = Asker(out, language) if is_interactive else None
    if chosen_type is None:
        if asker is None:
            raise PasopatiError([problem("P401", name="TYPE")])
        try:
            chosen_type = asker.choose_type(guide.types, guess_types)
        except KeyboardInterrupt:
            sys.stderr.write("\n" + t_("interrupted_nothing", language) + "\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None
    crisis = guide.crisis(chosen_type)
    check_type(inputs, chosen_type)
    profile = unit_profile(unit, guide)
    moment = start_time(start, inputs.start, profile)
    collected: dict[str, object] = {}
    result: TriageResult | None = None
    try:
        result = decide_level(guide, crisis, inputs, asker, language, confirm=asker is not None)
        result_plan = plan(guide.guideline, crisis, result.level, result.answers, profile, moment)
        if asker is not None:
            print_plan(out, result_plan, language)
        statement_kind = kind or guide.guideline.first_statement
        while True:
            text, title = statement_text(
                guide, crisis, statement_kind, result, profile, moment, inputs, asker, language, collected
            )
            if asker is None or approve_text(asker, text, language, collected, inputs):
                break
    except Interrupted as stop:
        stop_interrupted(stop, save, language, moment, inputs.operator)
    except KeyboardInterrupt:
        answered = dict(result.answers) if result is not None else {}
        stop_interrupted(Interrupted(crisis, answered, collected), save, language, moment, inputs.operator)
    assert result is not None
    folder = output if output is not None else Path.cwd()
    stamp = moment.strftime("%Y%m%d-%H%M")
    target = unique_path(folder / f"{crisis.id}-{statement_kind}-{stamp}.{language}{SUFFIXES[document_format]}")
    write_text(target, to_format(text, document_format, title, language))
    if save is not None:
        save_answers(save, crisis, dict(result.answers), collected, result, moment, inputs.operator)
    due = next_due_lines(result_plan, language)
    if output_format == "json":
        document = {
            **result.as_dict(guide.guideline, language),
            "start": moment.isoformat(),
            "timezone": clock.zone_label(moment),
            **{k: v for k, v in result_plan.as_dict(language).items() if k in ("assignments", "actions", "statements")},
            "statement": {
                "kind": statement_kind,
                "file": str(target),
                "lang": language,
                "format": document_format,
            },
            "next_due": due,
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    if asker is None:
        from pasopati_cli.cli.views import print_triage

        print_triage(out, guide.guideline, crisis, result, language)
        print_plan(out, result_plan, language)
    out.print(f"[green]{t_('written', language, path=target)}[/]")
    out.print(f"[bold]{t_('next_due', language)}:[/]")
    for line in due:
        out.print(f"  • {line}")


def register(app: typer.Typer) -> None:
    app.command("list")(list_types)
    app.command("triage")(triage)
    app.command("assign")(assign)
    app.command("statement")(statement)
    app.command("respond")(respond)

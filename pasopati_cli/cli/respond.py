"""`pasopati list`, `triage`, `assign`, `statement` and `respond`: the guided response.

Every answer the walk asks for can also come from flags or files; with --non-interactive (or when
stdin is not a terminal) a missing answer fails at once, naming it, instead of waiting for input.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
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
    from pasopati_cli.model import CrisisType, UnitProfile
    from pasopati_cli.problems import Lang
    from pasopati_cli.prompts import Asker
    from pasopati_cli.response import Guide
    from pasopati_cli.triage import Answer, TriageResult

TypeArgument = Annotated[str, typer.Argument(help="Id jenis kejadian (lihat `pasopati list`). / Crisis type id.")]
UnitOption = Annotated[
    Path | None,
    typer.Option(
        "--unit",
        "-u",
        envvar="PASOPATI_UNIT",
        help="Profil satuan kerja (YAML, kind: unit-profile). / Unit profile.",
        show_default=False,
    ),
]
AnswerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--answer",
        "-a",
        help="Jawaban ID=NILAI (boleh berulang). / An answer, repeatable.",
        show_default=False,
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option("--answers", help="Berkas jawaban (YAML, kind: answers). / Answers file.", show_default=False),
]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        help="Isian pernyataan VAR=NILAI (boleh berulang). / A statement fact.",
        show_default=False,
    ),
]
VarsOption = Annotated[
    Path | None,
    typer.Option("--vars", help="Berkas isian pernyataan (YAML: nama: nilai). / Facts file.", show_default=False),
]
NonInteractiveOption = Annotated[
    bool,
    typer.Option(
        "--non-interactive",
        help="Jangan bertanya; jawaban yang kurang adalah galat. Otomatis bila stdin bukan terminal.",
    ),
]
InteractiveOption = Annotated[bool, typer.Option("--interactive", hidden=True)]
StartOption = Annotated[
    str | None,
    typer.Option(
        "--start",
        help="Waktu mulai kejadian (2025-11-26 14:05, 14:05, atau ISO 8601); bawaan: sekarang.",
        show_default=False,
    ),
]
RaiseOption = Annotated[
    str | None,
    typer.Option("--raise-to", help="Naikkan tingkat secara manual. / Raise the level.", show_default=False),
]
ReasonOption = Annotated[
    str | None, typer.Option("--reason", help="Alasan menaikkan tingkat. / Why.", show_default=False)
]
SaveAnswersOption = Annotated[
    Path | None,
    typer.Option("--save-answers", help="Simpan jawaban untuk diputar ulang. / Save a replayable answers file.",
                 show_default=False),
]  # fmt: skip
ResultFormatOption = Annotated[str, typer.Option("--format", "-f", help="text atau json.")]


@dataclass
class Inputs:
    """Everything given up front, merged: flags win over files (copier's priority order)."""

    answers: dict[str, object] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)
    answers_source: str | None = None
    facts_source: str | None = None
    start: datetime | None = None
    raise_to: tuple[str, str] | None = None
    operator: str | None = None
    crisis_type: str | None = None


def _pairs(values: list[str] | None, option: str) -> dict[str, object]:
    result: dict[str, object] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"'{item}': pakai NAMA=NILAI / use NAME=VALUE", param_hint=option)
        result[key.strip()] = value
    return result


def gather(
    answer: list[str] | None,
    answers_file: Path | None,
    sets: list[str] | None,
    vars_file: Path | None,
    raise_to: str | None,
    reason: str | None,
) -> Inputs:
    from pasopati_cli.loader import display_path
    from pasopati_cli.response import load_answers

    inputs = Inputs()
    if answers_file is not None:
        document = load_answers(answers_file)
        inputs.answers.update(document.answers)
        inputs.facts.update(document.facts)
        inputs.answers_source = inputs.facts_source = display_path(answers_file)
        inputs.start = document.start
        inputs.operator = document.operator
        inputs.crisis_type = document.crisis_type
        if document.raise_to is not None:
            inputs.raise_to = (document.raise_to.level, document.raise_to.reason)
    if vars_file is not None:
        inputs.facts.update(_load_vars(vars_file))
        inputs.facts_source = display_path(vars_file)
    flags = _pairs(answer, "--answer")
    inputs.answers.update(flags)
    if flags:
        inputs.answers_source = None
    facts = _pairs(sets, "--set")
    inputs.facts.update(facts)
    if facts:
        inputs.facts_source = None
    if raise_to is not None:
        if not reason:
            raise typer.BadParameter("--raise-to perlu --reason / needs --reason", param_hint="--reason")
        inputs.raise_to = (raise_to, reason)
    return inputs


def _load_vars(path: Path) -> dict[str, object]:
    from pasopati_cli.loader import display_path, parse_yaml, read_text
    from pasopati_cli.problems import PasopatiError

    text, problems = read_text(path, display_path(path))
    if text is None:
        raise PasopatiError(problems)
    doc, problems = parse_yaml(text, display_path(path))
    if doc is None or problems:
        raise PasopatiError(problems)
    return dict(doc.data)


def interactive(non_interactive: bool, force: bool) -> bool:
    return force or (not non_interactive and sys.stdin.isatty())


def _check_type(inputs: Inputs, type_id: str) -> None:
    from pasopati_cli.problems import PasopatiError, problem

    if inputs.crisis_type is not None and inputs.crisis_type != type_id:
        raise PasopatiError(
            [
                problem(
                    "P406",
                    file=inputs.answers_source,
                    detail=f"berkas jawaban ini untuk jenis '{inputs.crisis_type}', bukan '{type_id}'",
                    detail_en=f"this answers file is for type '{inputs.crisis_type}', not '{type_id}'",
                )
            ]
        )


def _unit(path: Path | None, guide: Guide) -> UnitProfile:
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.response import load_unit

    if path is None:
        raise PasopatiError(
            [
                problem(
                    "P406",
                    detail="profil satuan kerja belum diberikan: pakai --unit BERKAS atau PASOPATI_UNIT "
                    "(contoh: examples/unit.yaml)",
                    detail_en="no unit profile: use --unit FILE or PASOPATI_UNIT (example: examples/unit.yaml)",
                )
            ]
        )
    return load_unit(path, guide.guideline)


def _start(text: str | None, fallback: datetime | None, unit: UnitProfile) -> datetime:
    from pasopati_cli import clock
    from pasopati_cli.model import Text, Variable
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.render import InvalidFact, coerce_fact

    zone = clock.resolve_zone(unit.unit.timezone)
    now = datetime.now(zone)
    if text is None:
        return clock.localize(fallback, zone) if fallback is not None else now.replace(second=0, microsecond=0)
    variable = Variable(name="start", prompt=Text(id="mulai", en="start"), type="datetime")
    try:
        value = coerce_fact(variable, text, zone, now.date())
    except InvalidFact as exc:
        raise PasopatiError(
            [problem("P407", detail=f"--start: {exc.id_text}", detail_en=f"--start: {exc.en_text}")]
        ) from None
    assert isinstance(value, datetime)
    return value


# --- the triage walk ----------------------------------------------------------------------------------


class Interrupted(Exception):
    """Ctrl-C in the middle of a walk, carrying what was confirmed so far."""

    def __init__(self, crisis: CrisisType, answers: dict[str, Answer], facts: dict[str, object]) -> None:
        self.crisis, self.answers, self.facts = crisis, answers, facts


def ask_triage(
    asker: Asker, crisis: CrisisType, given: dict[str, Answer], remembered: dict[str, Answer]
) -> dict[str, Answer]:
    """One question at a time; '<' goes back one; given answers are not asked again."""
    from pasopati_cli.prompts import Back
    from pasopati_cli.triage import next_question, prune

    answers = dict(given)
    history: list[str] = []
    position = {q.id: index for index, q in enumerate(crisis.triage.questions, start=1)}
    try:
        while (question := next_question(crisis, answers)) is not None:
            try:
                answers[question.id] = asker.question(question, position[question.id], remembered.get(question.id))
                history.append(question.id)
            except Back:
                if history:
                    last = history.pop()
                    remembered[last] = answers.pop(last)
    except KeyboardInterrupt:
        raise Interrupted(crisis, prune(crisis, answers), {}) from None
    return prune(crisis, answers)


def decide_level(
    guide: Guide,
    crisis: CrisisType,
    inputs: Inputs,
    asker: Asker | None,
    lang: Lang,
    confirm: bool,
) -> TriageResult:
    """Answers from inputs, then the terminal (when interactive), then the level and its reasons."""
    from pasopati_cli.cli.views import print_answers, print_triage
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.triage import answers_from_values, decide, missing_answers

    given = answers_from_values(crisis, inputs.answers, inputs.answers_source)
    manual = ManualRaise(level=inputs.raise_to[0], reason=inputs.raise_to[1]) if inputs.raise_to else None
    if asker is None:
        missing = missing_answers(crisis, given)
        if missing:
            raise PasopatiError([problem("P401", file=inputs.answers_source, name=name) for name in missing])
        return decide(guide.guideline, crisis, given, manual)
    out = asker.console
    out.rule(t_("triage_title", lang, title=crisis.title.get(lang)))
    out.print(f"[dim]{t_('back_hint', lang)}[/]")
    remembered: dict[str, Answer] = {}
    answers = ask_triage(asker, crisis, given, remembered)
    while True:
        result = decide(guide.guideline, crisis, answers, manual)
        if not confirm:
            break
        print_answers(out, crisis, dict(result.answers), lang)
        print_triage(out, guide.guideline, crisis, result, lang)
        try:
            choice = asker.text(t_("confirm_ask", lang), t_("yes", lang)).lower()
        except KeyboardInterrupt:
            raise Interrupted(crisis, dict(result.answers), {}) from None
        if choice in ("y", "ya", "yes", "lanjut"):
            break
        if choice in ("batal", "cancel", "b", "c"):
            raise PasopatiError([problem("P503", detail=t_("cancelled", "id"), detail_en=t_("cancelled", "en"))])
        ids = list(result.answers)
        if choice.isdigit() and 1 <= int(choice) <= len(ids):
            question_id = ids[int(choice) - 1]
            remembered = dict(result.answers)
            kept = {k: v for k, v in result.answers.items() if k != question_id}
            # Re-ask the chosen question (old answer as default), then whatever newly applies;
            # answers that no longer apply are pruned.
            answers = ask_triage(asker, crisis, kept, remembered)
    if not confirm:
        print_triage(out, guide.guideline, crisis, result, lang)
    if manual is None and confirm:
        result = _offer_raise(asker, guide, crisis, result, lang)
    return result


def _offer_raise(asker: Asker, guide: Guide, crisis: CrisisType, result: TriageResult, lang: Lang) -> TriageResult:
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.triage import decide

    levels = [level.id for level in guide.guideline.levels]
    higher = levels[levels.index(result.level) + 1 :]
    if not higher or not asker.yes_no(t_("raise_ask", lang), False):
        return result
    while True:
        level = asker.text(f"{t_('raise_to', lang)} ({', '.join(higher)})", higher[0])
        if level in higher:
            break
    reason = ""
    while not reason:
        reason = asker.text(t_("raise_why", lang))
    raised = decide(guide.guideline, crisis, result.answers, ManualRaise(level=level, reason=reason))
    from pasopati_cli.cli.views import print_triage

    print_triage(asker.console, guide.guideline, crisis, raised, lang)
    return raised


def t_(key: str, lang: Lang, **values: object) -> str:
    from pasopati_cli.messages import t

    return t(key, lang, **values)


# --- statement facts and rendering ------------------------------------------------------------------


def statement_text(
    guide: Guide,
    crisis: CrisisType,
    kind: str,
    result: TriageResult,
    unit: UnitProfile,
    start: datetime,
    inputs: Inputs,
    asker: Asker | None,
    lang: Lang,
    collected: dict[str, object],
) -> tuple[str, str]:
    """(rendered Markdown, template title). Asks for missing facts when interactive."""
    from pasopati_cli import clock
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.response import (
        fill_facts,
        render_context,
        render_statement,
        statement_use,
        template_for,
        unknown_facts,
        variables_of,
    )

    use = statement_use(guide, crisis, kind, result.level)
    template = template_for(guide, use, lang)
    variables = variables_of(guide, template)
    zone = clock.resolve_zone(unit.unit.timezone)
    given = {k: v for k, v in inputs.facts.items() if k in {v_.name for v_ in variables}}
    if inputs.facts_source is None:
        unknown = unknown_facts(variables, {k: v for k, v in inputs.facts.items() if k not in given}, None)
        if unknown:
            raise PasopatiError(unknown)
    values, missing, problems = fill_facts(variables, given, zone, start.date(), inputs.facts_source, lang)
    if problems:
        raise PasopatiError(problems)
    if missing and asker is None:
        raise PasopatiError(
            [
                problem(
                    "P404",
                    file=inputs.facts_source,
                    name=v.name,
                    hint=f" (beri dengan --set {v.name}=NILAI atau --vars BERKAS)",
                    hint_en=f" (give it with --set {v.name}=VALUE or --vars FILE)",
                )
                for v in missing
            ]
        )
    title = template.meta.title or guide.guideline.statement_kind(kind).title.get(lang)
    if asker is not None and missing:
        asker.console.rule(t_("facts_title", lang, title=title))
        for variable in missing:
            try:
                values[variable.name] = asker.fact(variable, zone, start.date())
            except KeyboardInterrupt:
                collected.update({k: v for k, v in values.items() if v is not None})
                raise
    collected.update(values)
    now = datetime.now(zone)
    context = render_context(
        guide=guide, crisis=crisis, unit=unit, result=result, start=start, now=now, lang=lang, facts=values
    )
    return render_statement(guide, template, context), title


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path


def write_text(path: Path, text: str) -> None:
    from pasopati_cli.problems import PasopatiError, problem

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        raise PasopatiError([problem("P408", target=path, reason=exc.strerror or exc)]) from None


def save_answers(path: Path, crisis: CrisisType, answers: dict[str, Answer], facts: dict[str, object],
                 result: TriageResult | None, start: datetime | None, operator: str | None) -> None:  # fmt: skip
    import yaml

    document: dict[str, Any] = {"kind": "answers", "crisis_type": crisis.id, "answers": dict(answers)}
    if result is not None and result.manual is not None:
        document["raise_to"] = {"level": result.manual.level, "reason": result.manual.reason}
    if start is not None:
        document["start"] = start.isoformat()
    if operator:
        document["operator"] = operator
    clean = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in facts.items() if v is not None}
    if clean:
        document["facts"] = clean
    header = "# pasopati: berkas jawaban (kind: answers); putar ulang dengan --answers / replay with --answers\n"
    write_text(path, header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def interrupted_path(crisis: CrisisType, given: Path | None) -> Path:
    if given is not None:
        return given
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path.cwd() / f"pasopati-{crisis.id}-{stamp}.answers.yaml"


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
        _check_type(inputs, crisis_type)
        asker = Asker(console(), language) if interactive(non_interactive, force_interactive) else None
        try:
            result = decide_level(guide, crisis, inputs, asker, language, confirm=asker is not None)
        except Interrupted as stop:
            _interrupted(stop, save, language, None, inputs.operator)
        if save is not None:
            save_answers(save, crisis, dict(result.answers), {}, result, inputs.start, inputs.operator)
        if output_format == "json":
            sys.stdout.write(json.dumps(result.as_dict(guide.guideline, language), ensure_ascii=False, indent=2) + "\n")
        elif asker is None:
            print_triage(console(), guide.guideline, crisis, result, language)


def _interrupted(
    stop: Interrupted, save: Path | None, lang: Lang, start: datetime | None, operator: str | None
) -> None:
    if not stop.answers and not stop.facts:
        sys.stderr.write("\n" + t_("interrupted_nothing", lang) + "\n")
        raise typer.Exit(EXIT_INTERRUPTED)
    path = interrupted_path(stop.crisis, save)
    save_answers(path, stop.crisis, stop.answers, stop.facts, None, start, operator)
    sys.stderr.write("\n" + t_("interrupted", lang, path=path) + "\n")
    raise typer.Exit(EXIT_INTERRUPTED)


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
        profile = _unit(unit, guide)
        inputs = gather(answer, answers, None, None, None, None)
        _check_type(inputs, crisis_type)
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
                _interrupted(stop, None, language, None, inputs.operator)
            chosen, answered = result.level, dict(result.answers)
        moment = _start(start, inputs.start, profile)
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
        profile = _unit(unit, guide)
        inputs = gather(answer, answers, sets, vars_file, None, None)
        _check_type(inputs, crisis_type)
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
            moment = _start(start, inputs.start, profile)
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
    _check_type(inputs, chosen_type)
    profile = _unit(unit, guide)
    moment = _start(start, inputs.start, profile)
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
            if asker is None or _approve_text(asker, text, language, collected, inputs):
                break
    except Interrupted as stop:
        _interrupted(stop, save, language, moment, inputs.operator)
    except KeyboardInterrupt:
        answered = dict(result.answers) if result is not None else {}
        _interrupted(Interrupted(crisis, answered, collected), save, language, moment, inputs.operator)
    assert result is not None
    folder = output if output is not None else Path.cwd()
    stamp = moment.strftime("%Y%m%d-%H%M")
    target = _unique(folder / f"{crisis.id}-{statement_kind}-{stamp}.{language}{SUFFIXES[document_format]}")
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


def _approve_text(asker: Asker, text: str, lang: Lang, collected: dict[str, object], inputs: Inputs) -> bool:
    """Show the statement; True to save it, False to re-ask a fact (cancel raises)."""
    from rich.markdown import Markdown
    from rich.panel import Panel

    from pasopati_cli.problems import PasopatiError, problem

    asker.console.print(Panel(Markdown(text), title=t_("review_title", lang), expand=False))
    while True:
        choice = asker.text(t_("save_ask", lang), t_("yes", lang)).lower()
        if choice in ("y", "ya", "yes", "simpan", "save"):
            return True
        if choice in ("batal", "cancel", "b", "c"):
            raise PasopatiError([problem("P503", detail=t_("cancelled", "id"), detail_en=t_("cancelled", "en"))])
        if choice in ("ubah", "edit", "u", "e"):
            names = [name for name in collected]
            which = asker.text(f"{t_('edit_which', lang)} ({', '.join(names)})")
            if which in collected:
                inputs.facts = {
                    **inputs.facts,
                    **{k: v for k, v in collected.items() if k != which and v is not None},
                }
                inputs.facts.pop(which, None)
                inputs.facts_source = inputs.facts_source or "-"
                return False


def register(app: typer.Typer) -> None:
    app.command("list")(list_types)
    app.command("triage")(triage)
    app.command("assign")(assign)
    app.command("statement")(statement)
    app.command("respond")(respond)

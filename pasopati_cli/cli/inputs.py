"""What a response is given up front: flags, answers and facts files, the unit profile, the start."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pasopati_cli.model import UnitProfile
    from pasopati_cli.response import Guide
    from pasopati_cli.triage import Answer


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
PersonOption = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        "-p",
        help="Nama lengkap orang yang terlibat; pernyataan tidak boleh memuatnya (boleh berulang). "
        "/ A person's full name that statements must not print, repeatable.",
        show_default=False,
    ),
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
ForceOption = Annotated[
    bool, typer.Option("--force", help="Timpa berkas yang sudah ada. / Replace a file that already exists.")
]


def check_result_format(output_format: str) -> None:
    """A usage error (exit 2) for a --format a result command does not write."""
    if output_format not in ("text", "json"):
        raise typer.BadParameter(f"'{output_format}' (text, json)", param_hint="--format")


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
    exercise: bool = False
    # Full names the guard keeps out of statements.
    people: list[str] = field(default_factory=list)
    # Facts typed with --set: a name that no template declares is a typo, reported at once.
    flagged: set[str] = field(default_factory=set)
    # Called with each answer the officer confirms, so that the journal keeps it at once.
    on_answer: Callable[[str, Answer], None] | None = None


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
    people: list[str] | None = None,
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
        inputs.people = list(document.people)
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
    inputs.flagged = set(facts)
    if facts:
        inputs.facts_source = None
    inputs.people += [name for name in people or [] if name not in inputs.people]
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


def check_type(inputs: Inputs, type_id: str) -> None:
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


def unit_profile(path: Path | None, guide: Guide) -> UnitProfile:
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


def start_time(
    text: str | None, fallback: datetime | None, unit: UnitProfile, flag: str = "--start", past: bool = True
) -> datetime:
    """When the incident began: `--start` (a time alone is the latest such time), else the answers
    file's `start`, else now. A start that has not happened yet is refused: deadlines count from it.
    Also reads `--at`, named by `flag` in errors: when a notice or action really happened (past), or the
    moment `incident status` looks from (`past=False`: a time alone is the nearest such time, any day)."""
    from pasopati_cli import clock
    from pasopati_cli.model import Text, Variable
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.render import InvalidFact, coerce_fact, tense_conflict

    zone = clock.resolve_zone(unit.unit.timezone)
    now = clock.now(zone)
    if text is None and fallback is None:
        return now.replace(second=0, microsecond=0)
    # Constructed, not validated: building the model's validator costs more than the rest of a response.
    prompt = Text.model_construct(id="mulai", en="start")
    variable = Variable.model_construct(name="start", prompt=prompt, type="datetime", tense="past" if past else None)
    try:
        value = coerce_fact(variable, text if text is not None else fallback, zone, now)
    except InvalidFact as exc:
        raise PasopatiError(
            [problem("P407", detail=f"{flag}: {exc.id_text}", detail_en=f"{flag}: {exc.en_text}")]
        ) from None
    assert isinstance(value, datetime)
    conflict = tense_conflict(variable, value, now)
    if conflict is not None:
        flag = flag if text is not None else "start"
        raise PasopatiError([problem("P407", detail=f"{flag}: {conflict[0]}", detail_en=f"{flag}: {conflict[1]}")])
    return value

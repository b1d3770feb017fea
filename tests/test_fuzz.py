"""Property-based fuzzing of every input the officer or a unit's fork can hand us (issue 16).

The property is the same everywhere: whatever the input, the tool answers with data or with located
problems (`PasopatiError`), never with another exception (which the CLI would report as exit 3).

Targets: each YAML file kind mutated from a valid file (guideline, crisis type, template, unit profile,
answers), `--start`/`--at` text, and the disclosure guard's entry point. Bounded: a fixed number of
examples per target (PASOPATI_FUZZ_EXAMPLES, default 25) and derandomized, so that CI sees the same
inputs each run and the module finishes in a few seconds. A deeper run:

    PASOPATI_FUZZ_EXAMPLES=2000 PASOPATI_FUZZ_RANDOM=1 PASOPATI_FUZZ_SAVE=1 python -m pytest tests/test_fuzz.py

With PASOPATI_FUZZ_SAVE=1 the smallest failing input of each target is written to tests/fuzz_corpus/<target>/;
every file there is replayed on every run, so an input that once failed is tried for ever.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pasopati_cli.cli import app
from pasopati_cli.loader import parse_yaml
from pasopati_cli.problems import RULES, PasopatiError, Problem
from pasopati_cli.validation import validate_paths
from tests.conftest import CASES

CORPUS = Path(__file__).parent / "fuzz_corpus"
BASE = CASES / "base"
EXAMPLES = int(os.environ.get("PASOPATI_FUZZ_EXAMPLES", "25"))
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("PASOPATI_FUZZ_RANDOM"),
    database=None,  # nothing written beside the tests; the corpus below is the memory
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
TODAY = date(2026, 1, 1)

# Where each file kind lives in a guideline copy (the unit profile and answers are passed by path).
FILE_KINDS = {
    "guideline": ("playbooks/guideline.yaml", BASE / "playbooks" / "guideline.yaml"),
    "crisis-type": ("playbooks/uji.yaml", BASE / "playbooks" / "uji.yaml"),
    "template": ("templates/uji/holding.id.md", BASE / "templates" / "uji" / "holding.id.md"),
    "unit-profile": ("unit.yaml", CASES / "unit.yaml"),
}
ANSWERS = (
    "kind: answers\ncrisis_type: uji\nstart: 2025-11-26T14:05:00+08:00\n"
    "answers:\n  ada_luka: true\n  jumlah_luka: 3\n  skala: satu_blok\n"
    "facts:\n  lokasi: area dapur\n"
)

# Values the attack campaign used, and their cousins: impossible dates, misfit tags, huge numbers,
# YAML's booleans, flow collections, aliases, merge keys, unclosed quotes and brackets.
HOSTILE = [
    "2027-02-30", "0000-01-01", "2027-13-01", "2026-01-01T10:00:00+99:99", "2026-01-01 25:61:61",
    "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "9999-12-31", "0001-01-01",
    "!!float abc", "!!int abc", "!!timestamp abc", "!!bool abc", "!!binary abc", "!!str", "!!null x",
    "!!python/object/apply:os.system [ls]", "!lokal x", "!!set {a}", "!!omap [a]", "!!map x", "!!seq x",
    "9" * 4301, "-" + "9" * 5000, "0x" + "f" * 5000, "1e999", "-.inf", ".nan", "1_000", "0o9", "0x", "1:99:99",
    "[a, b]", "{a: b}", "[]", "{}", "[[[[[[[[", "]]]", "yes", "no", "on", "off", "y", "~", "null", "''", '""',
    "*tidak_ada", "&jangkar x", "<<: *a", "'tidak ditutup", '"tidak ditutup', "[tidak ditutup", "{tidak: ditutup",
    "a: b: c", "- x", "a, b", "#", "|", ">", "|-\n  x", "\t", "@x", "`x", "%x", "? x", "!", "&", "*",
    "\x00", "\x07", "\u200b", "\ufeff", "\u202e", "14.35", "14:35", "2026-11-26 14:35", "-1", "0", "1" * 30,
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A valid file with one to three mutations: a value swapped for a hostile one, characters inserted,
    a span deleted, a line repeated, a line's indentation changed."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            lines = ["\n"]
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "value", "insert", "delete", "repeat", "indent", "key"]))
        line = lines[index]
        if action == "value":
            value = draw(st.sampled_from(HOSTILE) | st.text(max_size=12))
            key, colon, _ = line.partition(": ")
            lines[index] = f"{key}: {value}\n" if colon else f"{line.rstrip()} {value}\n"
        elif action == "key":
            value = draw(st.sampled_from(["yes", "no", "on", "<<", "? a", "!!int 1", "[a]", "kind", "id", "1"]))
            indent = len(line) - len(line.lstrip(" "))
            lines.insert(index, " " * indent + f"{value}: x\n")
        elif action == "insert":
            position = draw(st.integers(0, len(line)))
            extra = draw(st.sampled_from(HOSTILE) | st.text(max_size=6))
            lines[index] = line[:position] + extra + line[position:]
        elif action == "delete":
            end = draw(st.integers(index, min(len(lines), index + 3)))
            del lines[index:end]
        elif action == "repeat":
            lines.insert(index, line)
        else:
            shift = draw(st.integers(-4, 4))
            lines[index] = " " * max(0, shift) + (line[-shift:] if shift < 0 else line)
    return "".join(lines)


# --- the property, per target ---------------------------------------------------------------------


def _assert_reported(problems: list[Problem]) -> None:
    for found in problems:
        assert found.code in RULES
        assert found.message("id") and found.message("en")
        if found.code.startswith(("P00", "P01", "P1")) and found.code not in ("P001", "P002", "P012", "P015"):
            assert found.file and found.line and found.column, found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "pedoman"
    shutil.copytree(BASE, root)
    shutil.copyfile(CASES / "unit.yaml", root / "unit.yaml")
    return root


def check_file(workspace: Path, kind: str, text: str, encoding: str = "utf-8") -> None:
    """Validate a guideline whose file of `kind` holds `text` (a unit profile: on its own, against it)."""
    relative, original = FILE_KINDS[kind]
    target = workspace / relative
    target.write_bytes(text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace"))
    try:
        paths = [target] if kind == "unit-profile" else [workspace]
        result = validate_paths(paths, workspace, TODAY)
        _assert_reported(result.problems)
    finally:
        shutil.copyfile(original, target)


def check_answers(workspace: Path, text: str) -> None:
    """A whole response driven by the answers file, as CI runs it: exit 0 or 1 and nothing else."""
    answers = workspace / "jawaban.yaml"
    answers.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = workspace.parent / f"keluaran-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"
    result = CliRunner().invoke(
        app,
        ["respond", "uji", "--unit", str(workspace / "unit.yaml"), "--answers", str(answers), "--non-interactive",
         "--format", "json", "--output", str(out), "--guideline", str(workspace), "--journal", str(out / "j.sqlite3")],
    )  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), result.output


def _unit() -> Any:
    from pasopati_cli.response import load_unit

    return load_unit(CASES / "unit.yaml", None)


def check_moment(text: str) -> None:
    """`--start` and `--at` text: a moment in the unit's zone, or a P407 naming the flag."""
    from pasopati_cli.app.inputs import start_time

    unit = _unit()
    for flag, past in (("--start", True), ("--at", False)):
        try:
            moment = start_time(text, None, unit, flag, past)
        except PasopatiError as error:
            assert [p.code for p in error.problems] == ["P407"]
            assert error.problems[0].message("en").startswith(flag)
        else:
            assert isinstance(moment, datetime) and moment.tzinfo is not None


def check_guard(text: str) -> None:
    """The guard's entry point over any text: findings inside the text, never an exception."""
    from pasopati_cli import guard
    from pasopati_cli.response import load_guideline

    disclosure = load_guideline(BASE).disclosure
    for found in guard.check_texts([("rilis.md", text)], disclosure, names=["Budi Santoso"]):
        assert found.code in RULES and found.line and found.column


# --- remembering what failed ---------------------------------------------------------------------

_SMALLEST: dict[str, str] = {}
_SUFFIX = {"template": ".md", "moment": ".txt", "guard": ".txt", "yaml": ".yaml"}


def remembered(target: str, check: Callable[[str], None], text: str) -> None:
    """Run a check; when it fails, keep the smallest failing input of the target for the corpus."""
    try:
        check(text)
    except BaseException:
        if target not in _SMALLEST or len(text) < len(_SMALLEST[target]):
            _SMALLEST[target] = text
        raise


@pytest.fixture(scope="module", autouse=True)
def _save_corpus() -> Iterator[None]:
    yield
    if not os.environ.get("PASOPATI_FUZZ_SAVE"):
        return
    for target, text in _SMALLEST.items():
        data = text.encode("utf-8", "surrogatepass")
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"found-{hashlib.sha256(data).hexdigest()[:12]}{_SUFFIX.get(target, '.yaml')}").write_bytes(data)


# --- the fuzzers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_no_mutated_file_of_any_kind_gets_past_the_loader_unreported(workspace: Path, kind: str) -> None:
    original = FILE_KINDS[kind][1].read_text(encoding="utf-8")

    @BOUNDED
    @given(text=mutated(original))
    def run(text: str) -> None:
        remembered(kind, lambda value: check_file(workspace, kind, value), text)

    run()


ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "utf-8-sig", "ascii"]


def test_no_file_saved_in_another_encoding_gets_past_the_loader_unreported(workspace: Path) -> None:
    original = FILE_KINDS["crisis-type"][1].read_text(encoding="utf-8")

    @settings(BOUNDED, max_examples=max(8, EXAMPLES // 2))
    @given(text=mutated(original + "summary_extra: café – “kutip”\n"), encoding=st.sampled_from(ENCODINGS))
    def run(text: str, encoding: str) -> None:
        remembered("crisis-type", lambda value: check_file(workspace, "crisis-type", value, encoding), text)

    run()


def test_no_mutated_answers_file_ends_a_response_in_a_crash(workspace: Path) -> None:
    @settings(BOUNDED, max_examples=max(8, EXAMPLES // 3))
    @given(text=mutated(ANSWERS))
    def run(text: str) -> None:
        remembered("answers", lambda value: check_answers(workspace, value), text)

    run()


YAML_PIECES = st.sampled_from(
    [
        ": ",
        "- ",
        "\n",
        "  ",
        "\t",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        '"',
        "#",
        "&a ",
        "*a",
        "<<: ",
        "!!int ",
        "!x ",
        "? ",
        "|",
        ">",
        "%",
        "@",
        "`",
        "---\n",
        "...\n",
        "kind",
        "id",
        "2027-02-30",
        "9" * 5000,
        "é",
        "\x00",
        "\ufeff",
    ]
)


@BOUNDED
@given(text=st.lists(YAML_PIECES | st.characters(codec="utf-8"), max_size=60).map("".join))
def test_any_text_parses_to_data_or_located_problems(text: str) -> None:
    def check(value: str) -> None:
        doc, problems = parse_yaml(value, "x.yaml")
        assert doc is not None or problems
        _assert_reported(problems)

    remembered("yaml", check, text)


MOMENT_WORDS = ["9999", "0000", "0001", "2026", "-", "12", "13", "31", "30", "02", "T", " ", ":", "23", "59", "60",
                "99", "+", "-12:00", "+14:00", "+99:99", "Z", ".", "/", "WIB", "00", "1", "000000"]  # fmt: skip
MOMENT_PARTS = st.sampled_from(MOMENT_WORDS)


@BOUNDED
@given(text=st.lists(MOMENT_PARTS, max_size=12).map("".join) | st.text(max_size=30) | st.sampled_from(HOSTILE))
def test_any_start_or_at_text_is_a_moment_or_a_p407(text: str) -> None:
    remembered("moment", check_moment, text)


# Invisible characters, Markdown emphasis, spaced letters and Cyrillic look-alikes (а, о) of issue 16.5.
GUARD_WORDS = ["NIK", " ", "\u200b", "\u00ad", "\u2060", "\u202e", "*", "_", "[", "](x)", "Budi", "Santoso", "3201",
               "H I V", "tidak", "ada", "komentar", "\n", "\u0430", "\u043e"]  # fmt: skip
GUARD_PARTS = st.sampled_from(GUARD_WORDS)


@BOUNDED
@given(text=st.lists(GUARD_PARTS | st.characters(codec="utf-8"), max_size=120).map("".join))
def test_the_guard_reads_any_text_without_failing(text: str) -> None:
    remembered("guard", check_guard, text)


# --- the corpus: every input that once failed, replayed ------------------------------------------


def _corpus() -> list[Path]:
    return sorted(path for path in CORPUS.rglob("*") if path.is_file() and path.name != "README.md")


@pytest.mark.parametrize("path", _corpus(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_an_input_that_once_failed_is_handled(workspace: Path, path: Path) -> None:
    target = path.parent.name
    text = path.read_bytes().decode("utf-8", "surrogatepass")
    if target in FILE_KINDS:
        check_file(workspace, target, text)
    elif target == "answers":
        check_answers(workspace, text)
    elif target == "moment":
        for line in text.splitlines():
            check_moment(line)
    elif target == "guard":
        check_guard(text)
    elif target == "yaml":
        _assert_reported(parse_yaml(text, "x.yaml")[1])
    else:
        pytest.fail(f"unknown corpus folder {target}: use one of {[*FILE_KINDS, 'answers', 'moment', 'guard', 'yaml']}")


def test_the_corpus_holds_the_campaign_cases() -> None:
    names = {f"{path.parent.name}/{path.stem}" for path in _corpus()}
    assert {"guideline/impossible-review-date", "answers/moment-at-the-edge", "moment/campaign"} <= names
    assert {path.parent.name for path in _corpus()} <= {*FILE_KINDS, "answers", "moment", "guard", "yaml"}

"""Rendering: Indonesian dates, the sandbox, strict variables, and values that stay data."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli import clock
from pasopati_cli.model import Text, Variable
from pasopati_cli.render import (
    InvalidFact,
    coerce_fact,
    environment,
    initials,
    render_template,
    syntax_problems,
    tense_conflict,
    to_format,
)
from pasopati_cli.response import referenced_templates
from tests.conftest import REPO

JAKARTA = ZoneInfo("Asia/Jakarta")
MOMENT = datetime(2025, 11, 26, 14, 35, tzinfo=JAKARTA)
NOON = datetime(2025, 11, 26, 12, 0, tzinfo=JAKARTA)


def render(body: str, **context):
    return render_template({"t.md": body}, "t.md", {"lang": "id", **context}, file="t.md", first_line=5)


def test_dates_and_times_are_written_the_indonesian_way() -> None:
    assert clock.format_datetime(MOMENT) == "Rabu, 26 November 2025, 14.35 WIB"
    assert clock.format_datetime(MOMENT, "en") == "Wednesday, 26 November 2025, 14:35 WIB"


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("WIB", "WIB"),
        ("WITA", "WITA"),
        ("WIT", "WIT"),
        ("Asia/Pontianak", "WIB"),
        ("Asia/Makassar", "WITA"),
        ("Asia/Jayapura", "WIT"),
        ("UTC", "UTC"),
    ],
)
def test_zone_labels_follow_the_offset(zone: str, label: str) -> None:
    moment = datetime(2025, 11, 26, 7, 0, tzinfo=ZoneInfo("UTC")).astimezone(clock.resolve_zone(zone))
    assert clock.zone_label(moment) == label


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(clock.UnknownZone):
        clock.resolve_zone("Asia/Atlantis")


def test_filters_format_in_the_language_of_the_context() -> None:
    assert render("{{ t | tanggal_jam }} / {{ t | jam }} / {{ t | tanggal }}", t=MOMENT) == (
        "Rabu, 26 November 2025, 14.35 WIB / 14.35 WIB / Rabu, 26 November 2025",
        [],
    )
    text, _ = render("{{ t | tanggal_jam }}", t=MOMENT, lang="en")
    assert text == "Wednesday, 26 November 2025, 14:35 WIB"


def test_a_value_typed_as_a_fact_is_data_never_template_code() -> None:
    assert render("Lokasi: {{ lokasi }}", lokasi="{{ 7*7 }} {% raw %}") == ("Lokasi: {{ 7*7 }} {% raw %}", [])


def test_a_missing_variable_is_an_error_naming_it_not_a_blank() -> None:
    text, problems = render("Lokasi: {{ lokasi }}")
    assert text is None
    assert [(p.code, p.message("en")) for p in problems] == [("P404", "no value for 'lokasi'")]


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lipsum.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ x.__class__ }}",
    ],
)
def test_the_sandbox_refuses_hostile_templates(body: str) -> None:
    text, problems = render(body, x=1)
    assert text is None
    assert [p.code for p in problems] in (["P304"], ["P404"], ["P305"])
    assert not any("class 'object'" in p.message("en") for p in problems)


def test_a_syntax_error_is_reported_at_the_template_line() -> None:
    text, problems = render("a\nb\n{% if %}\n")
    assert text is None
    assert [(p.code, p.line) for p in problems] == [("P301", 7)]


def test_a_render_failure_is_reported_at_the_template_line_where_jinja_raised() -> None:
    text, problems = render("a\nb\n{{ x / 0 }}\n", x=1)
    assert text is None
    assert [(p.code, p.file, p.line, p.message("en")) for p in problems] == [
        ("P305", "t.md", 7, "the template failed to render: division by zero")
    ]


def test_an_attribute_that_is_not_there_fails_at_its_line_and_names_it() -> None:
    _, problems = render("a\n{{ unit.name }}\n{{ unit.tidak_ada.lagi }}\n", unit={"name": "Lapas"})
    assert [(p.code, p.line) for p in problems] == [("P305", 7)]
    assert "'dict object' has no attribute 'tidak_ada'" in problems[0].message("en")


def test_a_failure_in_a_partial_is_located_in_the_partial_and_names_the_template_rendered() -> None:
    templates = {
        "t.md": "a\n{% from 'angka.md' import jam_dari %}\n{{ jam_dari(waktu) }}\n",
        "angka.md": "{% macro jam_dari(t) %}\n{{ t | jam }}\n{% endmacro %}\n",
    }
    files = {"t.md": ("templates/t.md", 5), "angka.md": ("templates/angka.md", 4)}
    text, problems = render_template(
        templates,
        "t.md",
        {"lang": "id", "waktu": "14.35"},
        file="templates/t.md",
        first_line=5,
        where=files.__getitem__,
    )
    assert text is None
    assert [(p.code, p.file, p.line) for p in problems] == [("P305", "templates/angka.md", 5)]
    assert problems[0].message("en").endswith("(while rendering templates/t.md)")
    assert problems[0].message("id").endswith("(saat merender templates/t.md)")


def test_without_the_partials_location_the_failure_is_at_the_line_that_calls_it() -> None:
    templates = {"t.md": "a\n{% include 'p.md' %}\n", "p.md": "{{ 1 / 0 }}"}
    _, problems = render_template(templates, "t.md", {}, file="t.md", first_line=5)
    assert [(p.code, p.file, p.line) for p in problems] == [("P305", "t.md", 6)]


def test_a_macro_that_calls_itself_forever_is_a_render_failure_not_a_crash() -> None:
    _, problems = render("{% macro f(n) %}\n{{ f(n) }}\n{% endmacro %}\n{{ f(1) }}\n")
    assert [(p.code, p.line) for p in problems] == [("P305", 6)]
    assert "recursion" in problems[0].message("en")


def test_a_sandbox_refusal_while_rendering_is_located_too() -> None:
    _, problems = render("a\n{{ roster.update({}) }}\n", roster={})
    assert [(p.code, p.line) for p in problems] == [("P304", 6)]


def syntax(body: str, first_line: int = 5) -> list[tuple[int | None, int | None, str, str]]:
    from jinja2 import TemplateSyntaxError

    env = environment({})
    with pytest.raises(TemplateSyntaxError) as caught:
        env.parse(body)
    found = syntax_problems(env, caught.value, body, "t.md", first_line)
    assert {p.code for p in found} == {"P301"}
    return [(p.line, p.column, p.message("id"), p.message("en")) for p in found]


@pytest.mark.parametrize(
    ("opening", "tag"),
    [
        ("{% if x %}", "if"),
        ("{% for a in b %}", "for"),
        ("{% macro m(n) %}", "macro"),
        ("{% block b %}", "block"),
        ("{% set y %}", "set"),
        ("{% with a = 1 %}", "with"),
        ("{% filter upper %}", "filter"),
        ("{% call m() %}", "call"),
        ("{% autoescape true %}", "autoescape"),
        ("{% raw %}", "raw"),
    ],
)
def test_an_unclosed_block_is_reported_at_its_opening_tag_in_both_languages(opening: str, tag: str) -> None:
    body = "{% macro m() %}{% endmacro %}\na\n  " + opening + "\nb {{ '{{' }}\nc\n"
    assert syntax(body) == [
        (
            7,
            3,
            f"sintaks Jinja salah: blok '{{% {tag} %}}' di baris 7 tidak ditutup ('{{% end{tag} %}}' tidak ada)",
            f"Jinja syntax error: the '{{% {tag} %}}' block opened on line 7 is never closed (no '{{% end{tag} %}}')",
        )
    ]


def test_the_unclosed_block_is_found_among_closed_ones_and_each_unclosed_one_is_reported() -> None:
    body = (
        "{% if a %}{% if b %}{% endif %}{% set n = 1 %}{%- if c %}\n{% for x in y %}{% else %}\n{% if d %}{% endif %}\n"
    )
    assert [(line, column) for line, column, *_ in syntax(body, first_line=1)] == [(1, 1), (1, 47), (2, 1)]


def test_block_tags_inside_raw_comments_and_expressions_do_not_count() -> None:
    body = "{% raw %}{% if %}{% endraw %}{# {% for %} #}{{ a if b else c }}\n{% with %}\n"
    assert [(line, column) for line, column, *_ in syntax(body, first_line=1)] == [(2, 1)]


def test_an_unclosed_comment_is_reported_where_it_opens() -> None:
    assert syntax("a\n{# ok #} {# lupa\nb\n") == [
        (
            6,
            10,
            "sintaks Jinja salah: komentar '{#' di baris 6 tidak ditutup ('#}' tidak ada)",
            "Jinja syntax error: the comment '{#' opened on line 6 is never closed (no '#}')",
        )
    ]


def test_other_syntax_errors_keep_jinjas_line_and_message() -> None:
    found = syntax("{% if x %}\n{% for a in b %}\n{% endif %}\n")
    assert [(line, column) for line, column, *_ in found] == [(7, None)]
    assert "Encountered unknown tag 'endif'" in found[0][3]


def test_an_unclosed_block_in_a_partial_is_reported_in_the_partial_when_rendering() -> None:
    templates = {"t.md": "{% include 'p.md' %}\n", "p.md": "x\n{% if a %}\n"}
    files = {"t.md": ("templates/t.md", 5), "p.md": ("templates/p.md", 3)}
    _, problems = render_template(templates, "t.md", {}, file="templates/t.md", first_line=5, where=files.__getitem__)
    assert [(p.code, p.file, p.line, p.column) for p in problems] == [("P301", "templates/p.md", 4, 1)]


def test_initials_keep_only_the_first_letters() -> None:
    assert initials("Budi Santoso") == "B.S."
    assert initials("  ahmad  bin   yusuf ") == "A.B.Y."


def _variable(kind: str, **extra) -> Variable:
    return Variable(name="v", prompt=Text(id="v", en="v"), type=kind, **extra)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("datetime", "2025-11-26 14.35", MOMENT),
        ("datetime", "26/11/2025 14:35", MOMENT),
        ("datetime", "14:35", datetime(2025, 11, 26, 14, 35, tzinfo=JAKARTA)),
        ("datetime", "2025-11-26T07:35:00+00:00", MOMENT),
        ("time", "14.35", MOMENT),
        ("date", "26/11/2025", date(2025, 11, 26)),
        ("integer", "12", 12),
        ("yes_no", "ya", True),
        ("text", "  area dapur ", "area dapur"),
    ],
)
def test_facts_are_typed_by_their_declaration(kind: str, raw: str, expected: object) -> None:
    value = coerce_fact(_variable(kind), raw, JAKARTA, NOON)
    assert value == expected


def test_a_fact_that_does_not_fit_says_why() -> None:
    with pytest.raises(InvalidFact) as caught:
        coerce_fact(_variable("integer"), "banyak", JAKARTA, NOON)
    assert caught.value.id_text == (
        "harus jumlah: 49 (pasti), ~50 atau 'sekitar 50' (perkiraan), >=49 atau 'sedikitnya 49' (batas bawah), "
        "'puluhan', ? atau 'belum diketahui'"
    )
    with pytest.raises(InvalidFact):
        coerce_fact(_variable("choice", choices=["a", "b"]), "c", JAKARTA, NOON)


@pytest.mark.parametrize(
    ("extra", "raw", "id_text", "en_text"),
    [
        ({}, "-1", "harus angka minimal 0", "must be a number of at least 0"),
        ({"min": 1}, "0", "harus angka minimal 1", "must be a number of at least 1"),
        ({"min": 1, "max": 5}, "6", "harus angka 1 sampai 5", "must be a number from 1 to 5"),
    ],
)
def test_a_number_outside_its_declared_range_is_refused(extra, raw, id_text, en_text) -> None:
    with pytest.raises(InvalidFact) as caught:
        coerce_fact(_variable("integer", **extra), raw, JAKARTA, NOON)
    assert (caught.value.id_text, caught.value.en_text) == (id_text, en_text)
    assert coerce_fact(_variable("integer", **extra), "1", JAKARTA, NOON) == 1


TWO_AM = datetime(2025, 11, 30, 2, 5, tzinfo=JAKARTA)
AFTERNOON = datetime(2025, 11, 30, 16, 26, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("tense", "typed", "reference", "expected"),
    [
        ("past", "23.50", TWO_AM, datetime(2025, 11, 29, 23, 50, tzinfo=JAKARTA)),  # last night
        ("past", "01.30", TWO_AM, datetime(2025, 11, 30, 1, 30, tzinfo=JAKARTA)),
        ("past", "02.08", TWO_AM, datetime(2025, 11, 30, 2, 8, tzinfo=JAKARTA)),  # clocks a few minutes apart
        ("future", "06.00", AFTERNOON, datetime(2025, 12, 1, 6, 0, tzinfo=JAKARTA)),  # tomorrow morning
        ("future", "18.00", AFTERNOON, datetime(2025, 11, 30, 18, 0, tzinfo=JAKARTA)),
        (None, "23.50", TWO_AM, datetime(2025, 11, 29, 23, 50, tzinfo=JAKARTA)),  # the nearest
        (None, "06.00", AFTERNOON, datetime(2025, 11, 30, 6, 0, tzinfo=JAKARTA)),
        (None, "23.00", AFTERNOON, datetime(2025, 11, 30, 23, 0, tzinfo=JAKARTA)),
    ],
)
def test_a_time_without_a_date_is_the_one_the_officer_means(tense, typed, reference, expected) -> None:
    variable = _variable("datetime", tense=tense)
    assert coerce_fact(variable, typed, JAKARTA, reference) == expected


def test_a_moment_on_the_wrong_side_of_now_is_named_for_confirmation() -> None:
    past, future = _variable("datetime", tense="past"), _variable("datetime", tense="future")
    tonight = datetime(2025, 11, 30, 23, 50, tzinfo=JAKARTA)
    assert tense_conflict(past, tonight, TWO_AM) == (
        "waktu itu belum terjadi (sekarang Minggu, 30 November 2025, 02.05 WIB)",
        "that time has not come yet (it is now Sunday, 30 November 2025, 02:05 WIB)",
    )
    assert tense_conflict(future, datetime(2020, 1, 1, 10, 0, tzinfo=JAKARTA), TWO_AM) == (
        "waktu itu sudah lewat (sekarang Minggu, 30 November 2025, 02.05 WIB)",
        "that time has already passed (it is now Sunday, 30 November 2025, 02:05 WIB)",
    )
    assert tense_conflict(past, TWO_AM.replace(minute=9), TWO_AM) is None  # within the clock skew
    assert tense_conflict(future, TWO_AM.replace(hour=5), TWO_AM) is None  # a next update a few hours ahead
    assert tense_conflict(future, tonight, TWO_AM) == (  # "23.50" promised at 02.05: said back, to confirm
        "21 jam lagi (sekarang Minggu, 30 November 2025, 02.05 WIB)",
        "21 hours from now (it is now Sunday, 30 November 2025, 02:05 WIB)",
    )
    assert tense_conflict(_variable("datetime"), tonight, TWO_AM) is None


@pytest.mark.parametrize(
    ("kind", "extra", "message"),
    [
        ("text", {"min": 1}, "'min' and 'max' apply only to type integer"),
        ("integer", {"tense": "past"}, "'tense' applies only to types datetime, date and time"),
        ("integer", {"min": 3, "max": 2}, "'max' is below 'min'"),
    ],
)
def test_a_variable_option_that_does_not_fit_its_type_is_refused(kind, extra, message) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        _variable(kind, **extra)
    assert message in str(caught.value)


def test_html_output_escapes_raw_html_typed_in_a_fact() -> None:
    page = to_format("# Judul\n\nLokasi: <script>alert(1)</script> **penting**\n", "html", "Judul <x>")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<strong>penting</strong>" in page
    assert "<title>Judul &lt;x&gt;</title>" in page


def test_text_output_drops_markdown_marks() -> None:
    assert to_format("# SIARAN PERS\n\n**Jakarta** – isi *penting*.\n\n- satu\n", "text", "x") == (
        "SIARAN PERS\n\nJakarta – isi penting.\n\n- satu\n"
    )


def test_text_output_keeps_hard_line_breaks_as_plain_line_breaks() -> None:
    letterhead = "**KEMENTERIAN**\\\n**LAPAS KELAS IIA CONTOH**  \nJl. Pemasyarakatan No. 1\n"
    assert to_format(letterhead, "text", "x") == "KEMENTERIAN\nLAPAS KELAS IIA CONTOH\nJl. Pemasyarakatan No. 1\n"


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ('{% include "_partials/kop.md" %}\nTeks {{ x }}', ["_partials/kop.md"]),
        ("{%- include '_partials/a.md' -%}{% from \"m.md\" import f %}", ["_partials/a.md", "m.md"]),
        ('{# {% include "lama.md" %} #}{% include "baru.md" %}', ["baru.md"]),
        ("{% include nama_berkas %}", [None]),
        ('{% raw %}{% include "contoh.md" %}{% endraw %}', []),
        ("Tanpa sisipan.", []),
    ],
)
def test_the_partials_a_template_uses_are_found_without_jinjas_lexer_where_names_are_literal(body, names) -> None:
    assert referenced_templates(body) == names


def test_every_shipped_template_names_the_same_partials_as_jinjas_own_parser() -> None:
    from jinja2 import meta

    from pasopati_cli.render import environment

    env = environment({})
    bodies = [path.read_text(encoding="utf-8") for path in sorted((REPO / "templates").rglob("*.md"))]
    assert len(bodies) > 100
    for body in bodies:
        assert referenced_templates(body) == list(meta.find_referenced_templates(env.parse(body)))


@pytest.mark.parametrize(
    ("minutes", "id_text", "en_text"),
    [
        (0, "segera", "immediately"),
        (45, "45 menit", "45 min"),
        (24 * 60, "24 jam", "24 h"),
        (75 * 60 + 5, "3 hari 3 jam", "3 days 3 h"),  # past two days, minutes no longer matter
    ],
)
def test_a_delay_reads_in_the_largest_units_that_matter(minutes, id_text, en_text) -> None:
    from datetime import timedelta

    from pasopati_cli import clock

    delay = timedelta(minutes=minutes)
    assert (clock.format_delay(delay), clock.format_delay(delay, "en")) == (id_text, en_text)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{{ "x" * 1000000 }}', "repeating a sequence to more than 100000 items is refused"),
        ("{{ [1, 2] * 60000 }}", "repeating a sequence to more than 100000 items is refused"),
        ("{{ 9 ** 999 }}", "an exponent above 100 is refused"),
    ],
)
def test_arithmetic_that_builds_a_huge_value_is_refused_at_its_line(body: str, message: str) -> None:
    text, problems = render("a\n" + body + "\n")
    assert text is None
    assert [(p.code, p.line) for p in problems] == [("P304", 6)]
    assert message in problems[0].message("en")


def test_ordinary_repetition_still_renders() -> None:
    assert render('{{ "-" * 3 }} {{ 2 ** 10 }}') == ("--- 1024", [])


def test_a_render_that_runs_away_is_stopped_and_located(monkeypatch: pytest.MonkeyPatch) -> None:
    from pasopati_cli import render as rendering

    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0.3)
    body = "a\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n"
    text, problems = render(body)
    assert text is None
    assert [(p.code, p.line) for p in problems] == [("P305", 6)]
    assert "rendering took longer than 0.3 s; a loop is far too large" in problems[0].message("en")
    assert "perenderan melebihi 0.3 detik; ada perulangan yang jauh terlalu besar" in problems[0].message("id")


def test_a_span_under_a_minute_reads_as_such_not_as_at_once() -> None:
    from datetime import timedelta

    from pasopati_cli import clock

    assert clock.format_span(timedelta(seconds=20)) == "kurang dari 1 menit"
    assert clock.format_span(timedelta(seconds=20), "en") == "less than a minute"
    assert clock.format_span(timedelta(minutes=5), "en") == "5 min"
    assert clock.format_delay(timedelta(0)) == "segera"  # a deadline with no delay: at once


def test_validation_notes_the_names_a_template_reads_as_it_compiles_it_exactly_as_jinja_meta_finds_them() -> None:
    from jinja2 import meta

    from pasopati_cli.loader import split_front_matter
    from pasopati_cli.render import CheckingSandbox

    bodies = {}
    for path in sorted((REPO / "templates").rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        assert parts is not None
        bodies[path.relative_to(REPO / "templates").as_posix()] = parts[1]
    bodies["scopes.md"] = (
        "{% set a = 1 %}{{ a }}{{ b }}{% for i in c %}{{ i }}{{ d }}{{ loop.index }}{% endfor %}"
        "{% macro m(x) %}{{ x }}{{ e }}{{ caller() }}{% endmacro %}{% call m(f) %}{{ g }}{% endcall %}"
        "{% with h = k %}{{ h }}{{ l }}{% endwith %}{% if n %}{% set o = 2 %}{% endif %}{{ o }}"
        "{% filter upper %}{{ p }}{% endfilter %}{{ range(3) }}{{ lipsum }}"
    )
    checking = environment(bodies, sandbox=CheckingSandbox)
    plain = environment(bodies)
    assert isinstance(checking, CheckingSandbox)
    for name, body in bodies.items():
        code = checking.compile(checking.parse(body, name, name), name, name)
        assert checking.context_names.get(name, set()) == meta.find_undeclared_variables(plain.parse(body)), name
        assert code.co_consts == plain.compile(body, name, name).co_consts, name  # the same code
    assert checking.context_names["scopes.md"] == {"b", "c", "d", "e", "f", "g", "k", "l", "n", "o", "p"}

"""Counts in statements: estimates and lower bounds printed as reporters write them, unknown never as 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.counts import Count, UnknownCount, coerce, terbilang
from pasopati_cli.render import render_template

ANGKA = (Path(__file__).parents[1] / "templates/_partials/angka.md").read_text(encoding="utf-8").split("---", 2)[2]


def render(body: str, lang: str = "id", **facts: object) -> tuple[str | None, list[str]]:
    templates = {"_partials/angka.md": ANGKA, "t.md": body}
    text, problems = render_template(templates, "t.md", {"lang": lang, **facts}, file="t.md")
    return text, [f"{p.code}:{p.line}:{p.message('en')}" for p in problems]


HEAD = '{% from "_partials/angka.md" import bilangan, sebanyak, jml, number %}'


@pytest.mark.parametrize(
    ("typed", "indonesian", "english"),
    [
        (3, "Tiga orang kabur; dalam surat: 3 (tiga) orang; tiga orang.", "three"),
        (52, "Sebanyak 52 orang kabur; dalam surat: 52 (lima puluh dua) orang; 52 orang.", "52"),
        ("~50", "Sekitar 50 orang kabur; dalam surat: sekitar 50 orang; sekitar 50 orang.", "about 50"),
        (">=49", "Sedikitnya 49 orang kabur; dalam surat: sedikitnya 49 orang; sedikitnya 49 orang.", "at least 49"),
        ("puluhan", "Puluhan orang kabur; dalam surat: puluhan orang; puluhan orang.", "dozens"),
    ],
)
def test_a_count_is_written_as_a_reporter_writes_it(typed: object, indonesian: str, english: str) -> None:
    count = coerce(typed, "jumlah_kabur")
    body = HEAD + "{{ sebanyak(n) }} orang kabur; dalam surat: {{ jml(n) }} orang; {{ bilangan(n) }} orang."
    assert render(body, n=count) == (indonesian, [])
    assert render(HEAD + "{{ number(n) }}", "en", n=count) == (english, [])


def test_an_estimate_printed_directly_still_says_it_is_an_estimate() -> None:
    assert render("{{ n }} warga binaan", n=coerce("~50")) == ("sekitar 50 warga binaan", [])
    assert render("{{ n }} inmates", "en", n=coerce(">=49")) == ("at least 49 inmates", [])


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "satu"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (40, "empat puluh"),
        (86, "delapan puluh enam"),
        (100, "seratus"),
        (125, "seratus dua puluh lima"),
        (400, "empat ratus"),
        (1000, "seribu"),
        (1011, "seribu sebelas"),
        (2026, "dua ribu dua puluh enam"),
        (999_999, "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan"),
    ],
)
def test_official_letters_write_a_count_in_figures_and_words(number: int, words: str) -> None:
    assert terbilang(number) == words
    assert render(HEAD + "{{ jml(n) }} orang", n=number) == (f"{number} ({words}) orang", [])


def test_official_letters_keep_figures_alone_from_a_million_and_for_none() -> None:
    assert render(HEAD + "{{ jml(n) }}; {{ jml(m) }}", n=1_000_000, m=0) == ("1000000; 0", [])


def test_grammar_that_compares_counts_keeps_working_on_estimates() -> None:
    body = '{{ "orang" if n == 1 else "orang-orang" }} {% if n > 10 %}banyak{% endif %} {{ n - 8 }}'
    assert render(body, n=coerce(">=49")) == ("orang-orang banyak sedikitnya 41", [])


def test_an_unknown_count_cannot_be_read_as_zero_by_a_template() -> None:
    body = "{% if n > 0 %}Ada korban.{% else %}Tidak ada korban jiwa.{% endif %}"
    text, problems = render(body, n=coerce("?", "jumlah_korban_meninggal"))
    assert text is None
    assert problems == [
        "P305:1:the template failed to render: the count 'jumlah_korban_meninggal' is not known yet; "
        "the template must check 'jumlah_korban_meninggal is known' before using it"
    ]


def test_a_difference_with_an_unknown_count_is_unknown_and_still_refuses_to_be_compared() -> None:
    body = (
        "{% set dicari = kabur - kembali %}{% if dicari is known %}{{ dicari }} dicari{% else %}belum pasti{% endif %}"
    )
    assert render(body, kabur=coerce("?", "jumlah_kabur"), kembali=2) == ("belum pasti", [])
    assert render(body, kabur=5, kembali=coerce("?", "jumlah_kembali")) == ("belum pasti", [])
    assert render(body, kabur=5, kembali=2) == ("3 dicari", [])
    text, problems = render(
        "{% set dicari = kabur - 2 %}{% if dicari > 0 %}ada{% endif %}", kabur=coerce("?", "jumlah_kabur")
    )
    assert text is None
    assert problems == [
        "P305:1:the template failed to render: the count 'jumlah_kabur' is not known yet; "
        "the template must check 'jumlah_kabur is known' before using it"
    ]


def test_a_template_that_asks_first_can_say_the_count_is_still_being_confirmed() -> None:
    body = HEAD + "{% if n is known %}{{ sebanyak(n) }} orang{% else %}Jumlahnya masih dipastikan{% endif %}."
    assert render(body, n=coerce("?")) == ("Jumlahnya masih dipastikan.", [])
    assert render(body, n=coerce(7)) == ("Tujuh orang.", [])


def test_counts_compare_and_combine_only_with_counts() -> None:
    assert coerce("~50") == coerce("sekitar 50")
    assert isinstance(coerce("52"), int)
    with pytest.raises(TypeError):
        _ = coerce("~5") < "x"  # type: ignore[operator]
    with pytest.raises(UnknownCount):
        bool(Count(coerce("?").quantity))  # type: ignore[union-attr]

"""Triage as a pure function: the level is the highest floor the answers raise, with its reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.loader import load_bundle
from pasopati_cli.model import ChoiceAsYesNo, CrisisType, Guideline, ManualRaise, Text, Variable, YesNoAsValue
from pasopati_cli.problems import PasopatiError
from pasopati_cli.triage import (
    InvalidAnswer,
    answer_fits,
    answers_from_values,
    decide,
    fact_from_answer,
    facts_from_answers,
    missing_answers,
    next_question,
    parse_answer,
    prune,
)

BASE = Path(__file__).parent / "cases" / "base"


@pytest.fixture(scope="module")
def loaded() -> tuple[Guideline, CrisisType]:
    bundle, problems = load_bundle(BASE)
    assert problems == [] and bundle.guideline is not None
    return bundle.guideline, bundle.crisis_types["uji"]


def test_no_raising_answer_keeps_the_base_level(loaded) -> None:
    guideline, crisis = loaded
    result = decide(guideline, crisis, {"ada_luka": False, "skala": "satu_kamar"})
    assert (result.level, result.required_level, result.decisions) == ("waspada", "waspada", ())


def test_the_highest_floor_wins_and_every_floor_keeps_its_reason(loaded) -> None:
    guideline, crisis = loaded
    result = decide(guideline, crisis, {"ada_luka": True, "jumlah_luka": 12, "skala": "satu_blok"})
    assert result.level == "darurat"
    assert [(d.question, d.level, d.reason("id")) for d in result.decisions] == [
        ("ada_luka", "siaga", "ada korban luka"),
        ("jumlah_luka", "darurat", "korban luka massal"),
        ("skala", "siaga", "satu blok terdampak"),
    ]


def test_a_number_below_every_threshold_raises_nothing(loaded) -> None:
    guideline, crisis = loaded
    result = decide(guideline, crisis, {"ada_luka": True, "jumlah_luka": 9, "skala": "satu_kamar"})
    assert result.level == "siaga"
    assert [d.question for d in result.decisions] == ["ada_luka"]


def test_a_changed_answer_drops_the_answers_that_no_longer_apply(loaded) -> None:
    _, crisis = loaded
    assert prune(crisis, {"ada_luka": False, "jumlah_luka": 3, "skala": "satu_kamar"}) == {
        "ada_luka": False,
        "skala": "satu_kamar",
    }


def test_the_next_question_follows_file_order_and_conditions(loaded) -> None:
    _, crisis = loaded
    assert next_question(crisis, {}).id == "ada_luka"
    assert next_question(crisis, {"ada_luka": True}).id == "jumlah_luka"
    assert next_question(crisis, {"ada_luka": False}).id == "skala"
    assert next_question(crisis, {"ada_luka": False, "skala": "satu_blok"}) is None


def test_a_manual_raise_is_kept_with_its_reason(loaded) -> None:
    guideline, crisis = loaded
    result = decide(
        guideline,
        crisis,
        {"ada_luka": False, "skala": "satu_kamar"},
        ManualRaise(level="siaga", reason="wartawan di gerbang"),
    )
    assert (result.level, result.required_level, result.manual.reason) == ("siaga", "waspada", "wartawan di gerbang")


def test_a_manual_raise_can_never_lower_the_level(loaded) -> None:
    guideline, crisis = loaded
    with pytest.raises(PasopatiError) as caught:
        decide(
            guideline,
            crisis,
            {"ada_luka": True, "jumlah_luka": 1, "skala": "satu_kamar"},
            ManualRaise(level="waspada", reason="x"),
        )
    assert [p.message("en") for p in caught.value.problems] == [
        "the level cannot go below Siaga, which the answers require"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ya", True), ("Y", True), ("yes", True), ("tidak", False), ("t", False), ("no", False), (True, True)],
)
def test_yes_no_answers_accept_indonesian_and_english(loaded, raw, expected) -> None:
    _, crisis = loaded
    assert parse_answer(crisis.question("ada_luka"), raw) is expected


def test_choice_answers_accept_the_id_the_number_or_the_label(loaded) -> None:
    _, crisis = loaded
    question = crisis.question("skala")
    assert [parse_answer(question, raw) for raw in ("satu_blok", "2", "Satu blok", "one cell")] == [
        "satu_blok",
        "satu_blok",
        "satu_blok",
        "satu_kamar",
    ]


@pytest.mark.parametrize(
    ("question", "raw", "reason"),
    [
        ("ada_luka", "mungkin", "jawab ya atau tidak"),
        ("skala", "3", "pilih salah satu: satu_kamar, satu_blok (atau nomornya)"),
        (
            "jumlah_luka",
            "banyak",
            "jawab dengan jumlah: 49 (pasti), ~50 atau 'sekitar 50' (perkiraan), >=49 atau 'sedikitnya 49' "
            "(batas bawah), 'puluhan', ? atau 'belum diketahui'",
        ),
        ("jumlah_luka", "-1", "jawab dengan angka minimal 0"),
    ],
)
def test_an_answer_that_does_not_fit_says_why(loaded, question, raw, reason) -> None:
    _, crisis = loaded
    with pytest.raises(InvalidAnswer) as caught:
        parse_answer(crisis.question(question), raw)
    assert caught.value.text("id") == reason


def test_answers_from_a_file_report_every_bad_value_and_unknown_question_at_once(loaded) -> None:
    _, crisis = loaded
    with pytest.raises(PasopatiError) as caught:
        answers_from_values(crisis, {"ada_luka": "mungkin", "korban": 1, "skala": "satu_blok"}, "jawaban.yaml")
    assert [(p.file, p.code, p.message("en")) for p in caught.value.problems] == [
        ("jawaban.yaml", "P402", "answer 'ada_luka' is invalid: answer yes or no"),
        ("jawaban.yaml", "P201", "unknown question 'korban' (ada_luka, jumlah_luka, skala)"),
    ]


def test_missing_answers_are_those_that_apply_and_are_unanswered(loaded) -> None:
    _, crisis = loaded
    assert missing_answers(crisis, {}) == ["ada_luka", "skala"]
    assert missing_answers(crisis, {"ada_luka": True}) == ["jumlah_luka", "skala"]


def _variable(kind: str, choices: list[str] | None = None) -> Variable:
    return Variable(name="fakta", prompt=Text(id="Fakta?", en="Fact?"), type=kind, choices=choices or [])


def test_an_answer_fills_only_a_variable_of_a_fitting_type(loaded) -> None:
    injured, count, scale = loaded[1].triage.questions
    kinds = ("yes_no", "text", "integer")
    assert [answer_fits(_variable(kind), injured, "ada_luka") for kind in kinds] == [True, False, False]
    kinds = ("integer", "text", "yes_no")
    assert [answer_fits(_variable(kind), count, "jumlah_luka") for kind in kinds] == [True, True, False]
    assert answer_fits(_variable("text"), scale, "skala")
    assert answer_fits(_variable("choice", ["satu_kamar", "satu_blok", "lain"]), scale, "skala")
    assert not answer_fits(_variable("choice", ["satu_kamar"]), scale, "skala")


def test_a_choice_answer_becomes_its_label_in_a_text_variable_and_its_id_in_a_choice(loaded) -> None:
    scale = loaded[1].triage.questions[2]
    assert fact_from_answer(_variable("text"), scale, "satu_blok", "id", "skala") == "Satu blok"
    assert fact_from_answer(_variable("long_text"), scale, "satu_blok", "en", "skala") == "One block"
    chosen = fact_from_answer(_variable("choice", ["satu_kamar", "satu_blok"]), scale, "satu_blok", "en", "skala")
    assert chosen == "satu_blok"
    assert fact_from_answer(_variable("yes_no"), scale, "satu_blok", "id", "skala") is None


def test_facts_come_only_from_questions_that_were_answered(loaded) -> None:
    crisis = loaded[1].model_copy(update={"facts_from_answers": {"jumlah": "jumlah_luka"}})
    jumlah = Variable(name="jumlah", prompt=Text(id="Berapa?", en="How many?"), type="integer")
    assert facts_from_answers(crisis, [jumlah], {"ada_luka": True, "jumlah_luka": 4}, "id") == {"jumlah": 4}
    assert facts_from_answers(crisis, [jumlah], {"ada_luka": False}, "id") == {}
    assert facts_from_answers(crisis, [], {"jumlah_luka": 4}, "id") == {}


def test_a_choice_question_read_as_yes_no_is_yes_only_for_the_options_named(loaded) -> None:
    scale = loaded[1].triage.questions[2]
    whole_block, source = _variable("yes_no"), ChoiceAsYesNo(question="skala", means_yes=["satu_blok"])
    assert fact_from_answer(whole_block, scale, "satu_blok", "id", source) is True
    assert fact_from_answer(whole_block, scale, "satu_kamar", "id", source) is False
    assert fact_from_answer(_variable("text"), scale, "satu_blok", "id", source) is None
    injured = loaded[1].triage.questions[0]
    assert not answer_fits(whole_block, injured, ChoiceAsYesNo(question="ada_luka", means_yes=["ya"]))


def test_a_yes_no_answered_no_gives_the_if_no_value_and_yes_leaves_the_fact_to_ask(loaded) -> None:
    injured = loaded[1].triage.questions[0]
    none_injured = YesNoAsValue(question="ada_luka", if_no=0)
    count = _variable("integer")
    assert fact_from_answer(count, injured, False, "id", none_injured) == 0
    assert fact_from_answer(count, injured, True, "id", none_injured) is None
    assert not answer_fits(_variable("text"), injured, none_injured)  # 0 is not a text
    assert not answer_fits(count, loaded[1].triage.questions[1], YesNoAsValue(question="jumlah_luka", if_no=0))


def test_sources_in_a_list_are_tried_in_order_until_one_gives_the_fact(loaded) -> None:
    sources = ["jumlah_luka", YesNoAsValue(question="ada_luka", if_no=0)]
    crisis = loaded[1].model_copy(update={"facts_from_answers": {"jumlah": sources}})
    jumlah = Variable(name="jumlah", prompt=Text(id="Berapa?", en="How many?"), type="integer")
    assert facts_from_answers(crisis, [jumlah], {"ada_luka": True, "jumlah_luka": 4}, "id") == {"jumlah": 4}
    assert facts_from_answers(crisis, [jumlah], {"ada_luka": False}, "id") == {"jumlah": 0}
    assert facts_from_answers(crisis, [jumlah], {"ada_luka": True}, "id") == {}  # the count is still to ask


def test_a_type_maps_a_yes_no_fact_to_a_choice_question(loaded) -> None:
    spec = ChoiceAsYesNo(question="skala", means_yes=["satu_blok"])
    crisis = loaded[1].model_copy(update={"facts_from_answers": {"satu_blok": spec}})
    whole_block = Variable(name="satu_blok", prompt=Text(id="Satu blok?", en="A whole block?"), type="yes_no")
    assert facts_from_answers(crisis, [whole_block], {"skala": "satu_blok"}, "en") == {"satu_blok": True}
    assert facts_from_answers(crisis, [whole_block], {"skala": "satu_kamar"}, "en") == {"satu_blok": False}


# --- counts that are not known exactly yet (issue 12) -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("52", 52), ("~50", "~50"), ("sekitar 50", "~50"), ("sedikitnya 49", ">=49"), ("?", "?"), ("puluhan", "puluhan")],
)
def test_a_count_keeps_how_well_it_is_known(loaded, typed: str, stored: object) -> None:
    _, crisis = loaded
    assert parse_answer(crisis.question("jumlah_luka"), typed) == stored


def test_a_lower_bound_past_the_threshold_raises_the_level_and_unknown_never_lowers_it() -> None:
    from pasopati_cli.loader import load_for_response, package_guideline_dir
    from pasopati_cli.triage import decide, open_thresholds

    bundle, problems = load_for_response(package_guideline_dir(), "pelarian")
    assert problems == [] and bundle.guideline is not None
    guideline, crisis = bundle.guideline, bundle.crisis_types["pelarian"]
    base = {"jumlah_kabur": ">=49"}
    assert decide(guideline, crisis, base).required_level == "darurat"
    assert decide(guideline, crisis, {"jumlah_kabur": "~50"}).required_level == "darurat"
    assert open_thresholds(crisis, {"jumlah_kabur": "?"}) == ("jumlah_kabur",)
    assert open_thresholds(crisis, {"jumlah_kabur": ">=3"}) == ("jumlah_kabur",)
    assert open_thresholds(crisis, {"jumlah_kabur": 52}) == ()
    assert decide(guideline, crisis, {"jumlah_kabur": "?"}).required_level == crisis.base_level

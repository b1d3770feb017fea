"""Initials by role and stage: the guideline's `disclosure.naming`, its checks, and the guard that applies it.

Who may be named by initials, and from when: a suspect once the investigators have formally named one, staff
under internal examination once a sanction is imposed, a victim, a witness or an inmate accused of nothing
never; a full name never for anyone not convicted.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pasopati_cli import naming
from pasopati_cli.guard import guard_statement
from pasopati_cli.loader import load_yaml_file
from pasopati_cli.model import Answers, CrisisType
from pasopati_cli.response import load_guide, load_guideline

REPO = Path(__file__).parent.parent
DISCLOSURE = load_guideline(REPO).disclosure
NAMING = DISCLOSURE.naming
assert NAMING is not None
NAMED = {"ditetapkan_tersangka": "ya"}  # `incident fact ID ditetapkan_tersangka=ya`
SANCTIONED = {"sanksi_dijatuhkan": True}


def guard(text: str, facts: dict[str, object] | None = None, **marked: str | None) -> list[tuple[int, str]]:
    """(column, code) of each guard problem, with people marked as first_last=role."""
    roles = {name.replace("_", " "): role for name, role in marked.items()}
    assert NAMING is not None
    context = naming.context(NAMING, roles=roles, facts=facts or {})
    return [(p.column, p.code) for p in guard_statement(text, DISCLOSURE, names=list(roles), context=context)]


# --- initials nobody marked: the role comes from the words before them ------------------------------


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        # a suspect: refused until the investigators have named one, then allowed
        ("Tersangka berinisial RH diserahkan ke Polres.", {}, [(22, "P610")]),
        ("Tersangka berinisial RH diserahkan ke Polres.", NAMED, []),
        ("Seorang pengunjung, RH (32), diserahkan ke Polres.", {}, [(21, "P610")]),
        ("Seorang pengunjung, RH (32), diserahkan ke Polres.", NAMED, []),
        ("The suspect, initials RH, was handed to the police.", {}, [(23, "P610")]),
        ("The suspect, initials RH, was handed to the police.", NAMED, []),
        # staff under internal examination: not before a sanction
        ("Oknum petugas berinisial DS telah dibebastugaskan.", {}, [(26, "P610")]),
        ("Oknum petugas berinisial DS telah dibebastugaskan.", NAMED, [(26, "P610")]),
        ("Oknum petugas berinisial DS telah dijatuhi hukuman disiplin.", SANCTIONED, []),
        ("A staff member allegedly involved, initials DS, was relieved of duty.", SANCTIONED, []),
        # never, whatever the stage: an inmate accused of nothing, a victim, a witness, a family member
        ("Warga binaan berinisial RH dikunjungi pengunjung tersebut.", {**NAMED, **SANCTIONED}, [(25, "P610")]),
        ("Korban berinisial AS (40) dirawat di RSUD.", NAMED, [(19, "P610")]),
        ("The victim, AS (40), is being treated in hospital.", NAMED, [(13, "P610")]),
        ("Saksi berinisial MN telah dimintai keterangan.", NAMED, [(18, "P610")]),
        ("An inmate with the initials RH was visited.", NAMED, [(29, "P610")]),
    ],
)
def test_initials_after_a_role_word_follow_that_roles_rule_at_the_stage_reached(
    text: str, facts: dict[str, object], expected: list[tuple[int, str]]
) -> None:
    assert guard(text, facts) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Korban sudah dirawat. RH (32) kemudian dipindahkan.",  # the role word ends its sentence
        "Identitas korban, termasuk inisial yang mudah dikenali, tidak dimuat.",  # no initials, a lower-case word
        "Kepala seksi berinisial AB memimpin penghitungan.",  # no role word before them
        "Warga binaan yang terluka telah dirawat.",  # a role word, no initials
        "Warga binaan mengikuti pelatihan Kelas A (12).",  # one capital and a number: a class, not initials
    ],
)
def test_initials_without_a_role_word_in_their_sentence_or_no_initials_pass(text: str) -> None:
    assert guard(text) == []


def test_a_childs_initials_are_reported_once_by_the_child_rule() -> None:
    assert guard("Korban anak berinisial AB (15) dirawat.") == [(8, "P603")]


# --- marked names: the role the officer gave ------------------------------------------------------


def test_a_marked_suspects_initials_wait_for_the_stage_and_the_full_name_never_passes() -> None:
    text = "Tersangka D.S. diserahkan ke Polres. Desi Susanti ditahan."
    assert guard(text, Desi_Susanti="tersangka") == [(11, "P610"), (38, "P602")]
    assert guard(text, NAMED, Desi_Susanti="tersangka") == [(38, "P602")]


def test_a_marked_role_wins_over_the_words_around_the_initials() -> None:
    text = "Petugas berinisial DS telah dijatuhi hukuman disiplin."
    assert guard(text, SANCTIONED) == [(20, "P610")]  # "petugas": staff concerned, never
    assert guard(text, SANCTIONED, Dodi_Setiawan="terduga") == []  # marked as under examination


def test_a_name_marked_without_a_role_takes_the_default_role() -> None:
    assert guard("Seorang pengunjung DS diamankan.", NAMED, Desi_Susanti=None) == [(20, "P610")]
    assert guard("Seorang pengunjung DS diamankan.", NAMED, Desi_Susanti="tersangka") == []


def test_two_marked_names_with_the_same_initials_take_the_stricter_rule() -> None:
    assert guard("Seorang pengunjung DS diamankan.", NAMED, Desi_Susanti="tersangka", Dedi_Saputra="korban") == [
        (20, "P610")
    ]


def test_a_crisis_type_overrides_a_roles_rule_and_the_message_names_its_file() -> None:
    assert NAMING is not None
    crisis = CrisisType.model_construct(id="penyelundupan", naming={"tersangka": "never"})
    context = naming.context(NAMING, crisis=crisis, facts=NAMED)
    [found] = guard_statement("Tersangka berinisial RH ditahan.", DISCLOSURE, context=context)
    assert "Rule: playbooks/penyelundupan.yaml: naming.tersangka = never." in found.message("en")
    allowed = CrisisType.model_construct(id="penyelundupan", naming={"warga_binaan": "ditetapkan_tersangka"})
    context = naming.context(NAMING, crisis=allowed, facts=NAMED)
    assert guard_statement("Warga binaan berinisial RH ditahan.", DISCLOSURE, context=context) == []


def test_the_problem_names_the_role_the_stage_and_the_rule_in_both_languages() -> None:
    [found] = guard_statement("Seorang pengunjung berinisial DS diamankan.", DISCLOSURE, file="s.md")
    assert (found.file, found.line, found.column, found.code, found.path) == (
        "s.md",
        1,
        31,
        "P610",
        "disclosure.naming",
    )
    assert found.message("id") == (
        "«DS»: Pernyataan memuat inisial sesudah «pengunjung», yang menunjuk peran tersangka (orang yang diamankan "
        "atau dilaporkan atas dugaan tindak pidana): inisial baru boleh setelah tahap ditetapkan_tersangka "
        "(penyidik Polri atau BNN telah menetapkan tersangka secara resmi); tahap ini belum tercatat (pasopati "
        "incident fact ID ditetapkan_tersangka=ya). Aturan: playbooks/guideline.yaml: "
        "disclosure.naming.roles[tersangka].initials = ditetapkan_tersangka. Dasar: UU 48/2009 Pasal 8 ayat (1) "
        "(asas praduga tak bersalah); UU 14/2008 Pasal 17 huruf a dan h; UU 27/2022 (catatan kejahatan adalah "
        "data pribadi yang bersifat spesifik)."
    )
    assert found.message("en") == (
        "«DS»: The statement prints initials after «pengunjung», which names the role tersangka (a person detained "
        "or reported for an alleged offence): initials only from the stage ditetapkan_tersangka (the "
        "investigators, police or BNN, have formally named a suspect), not yet recorded (pasopati incident fact "
        "ID ditetapkan_tersangka=yes). Rule: playbooks/guideline.yaml: disclosure.naming.roles[tersangka].initials "
        "= ditetapkan_tersangka. Grounds: Law 48/2009 art. 8(1) (presumption of innocence); Law 14/2008 art. "
        "17(a) and (h); Law 27/2022 (criminal records are specific personal data)."
    )
    [never] = guard_statement("Korban berinisial AS dirawat.", DISCLOSURE)
    assert "this role's initials are never printed; give the role only. Rule: playbooks/guideline.yaml: " in (
        never.message("en")
    )
    assert "inisial peran ini tidak pernah boleh dimuat; sebut perannya saja. Aturan:" in never.message("id")


# --- what a reader sees ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("Warga binaan ber\u200binisial R\u200bH dirawat.", 26),  # zero-width spaces
        ("Warga binaan berinisial ＲＨ dirawat.", 25),  # full-width letters
        ("Warga binaan berinisial **RH** dirawat.", 27),  # Markdown emphasis
        ("Warga\u00a0binaan berinisial RH dirawat.", 25),  # a no-break space inside the role words
        ("Warga binaan berinisial RН dirawat.", 25),  # a Cyrillic capital En
    ],
)
def test_hidden_characters_and_look_alikes_do_not_hide_initials(text: str, column: int) -> None:
    assert guard(text) == [(column, "P610")]


def test_the_search_stays_linear_on_hostile_text() -> None:
    assert NAMING is not None
    text = "warga binaan berinisial " * 20_000 + "RH (3" * 20_000 + "berinisial RH"
    began = time.perf_counter()
    found = list(naming.sightings(text, NAMING, naming.Context()))
    assert time.perf_counter() - began < 3.0  # about 0.3 s: one pass per pattern, a binary search per initials
    # the last "berinisial" of the run is followed by "RH": refused; the one at the end has no role word near
    assert [(sighting.start, sighting.verdict.role.id) for sighting in found] == [(24 * 20_000, "warga_binaan")]


def test_an_empty_role_word_names_nothing() -> None:
    assert NAMING is not None
    roles = [role.model_copy(update={"words": ["", "  "]}) for role in NAMING.roles]
    blank = NAMING.model_copy(update={"roles": roles})
    assert list(naming.sightings("Kepala seksi berinisial AB hadir.", blank, naming.Context())) == []


def test_without_a_naming_rule_nothing_is_judged_by_role() -> None:
    bare = DISCLOSURE.model_copy(update={"naming": None})
    assert guard_statement("Warga binaan berinisial RH dirawat.", bare) == []


# --- the rule as data -------------------------------------------------------------------------------


def test_the_bundled_rule_follows_indonesian_practice() -> None:
    assert NAMING is not None
    rules = {role.id: role.initials for role in NAMING.roles}
    assert rules == {
        "tersangka": "ditetapkan_tersangka",
        "terduga": "sanksi_dijatuhkan",
        "petugas": "never",
        "warga_binaan": "never",
        "korban": "never",
        "saksi": "never",
        "pelapor": "never",
        "keluarga": "never",
        "anak": "never",
        "lainnya": "never",
    }
    assert NAMING.default_role == "lainnya"


def test_an_answers_file_marks_people_with_or_without_a_role(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "kind: answers\ncrisis_type: penyelundupan\npeople: [Rudi Hartono, {name: Desi Susanti, role: tersangka}]\n",
        encoding="utf-8",
    )
    loaded, problems = load_yaml_file(path, "a.yaml")
    assert problems == [] and loaded is not None and isinstance(loaded.model, Answers)
    assert loaded.model.marked() == {"Rudi Hartono": None, "Desi Susanti": "tersangka"}


def test_a_person_without_a_name_or_role_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "kind: answers\ncrisis_type: penyelundupan\npeople:\n  - {name: Desi Susanti}\n  - 42\n", encoding="utf-8"
    )
    _, problems = load_yaml_file(path, "a.yaml")
    assert [(p.line, p.column, p.code, p.path) for p in problems] == [
        (4, 5, "P102", "people[0].role"),
        (5, 5, "P103", "people[1]"),
    ]


def test_marks_typed_with_person_flags_and_unknown_roles() -> None:
    assert naming.parse_marks(["Desi  Susanti=Tersangka", "Rudi Hartono", "Desi Susanti"]) == {
        "Desi Susanti": "tersangka",
        "Rudi Hartono": None,
    }
    [unknown] = naming.unknown_roles(NAMING, {"Desi Susanti": "tersangk"})
    assert (unknown.code, unknown.path) == ("P201", "--person")
    assert unknown.message("en").startswith("unknown role in the incident 'tersangk'; did you mean 'tersangka'?")


def test_the_stages_are_facts_an_incident_can_record() -> None:
    from pasopati_cli.factrules import catalogue

    guide = load_guide(REPO, "penyelundupan")
    variables = catalogue(guide, guide.crisis("penyelundupan"))
    assert (variables["ditetapkan_tersangka"].type, variables["sanksi_dijatuhkan"].type) == ("yes_no", "yes_no")
    assert NAMING is not None
    assert naming.stages_reached(NAMING, {"ditetapkan_tersangka": True, "sanksi_dijatuhkan": "tidak"}) == {
        "ditetapkan_tersangka"
    }


# --- the command line -----------------------------------------------------------------------------

EXAMPLES = REPO / "examples"


def test_check_refuses_a_suspects_initials_until_the_incident_records_the_stage(run, tmp_path: Path) -> None:
    opened = run("incident", "open", "penyelundupan", "--answers", str(EXAMPLES / "penyelundupan.answers.yaml"),
                 "--unit", str(EXAMPLES / "unit.yaml"), "--output", str(tmp_path / "out"), "--format", "json")  # fmt: skip
    assert opened.code == 0, opened.err
    incident_id = json.loads(opened.out)["id"]
    statement = tmp_path / "s.md"
    statement.write_text("Seorang pengunjung berinisial DS diserahkan kepada Polres Sukamaju.\n", encoding="utf-8")
    check = ("check", str(statement), "--incident", incident_id, "-f", "parsable", "--lang", "en", "--guideline",
             str(REPO))  # fmt: skip
    before = run(*check)
    assert before.code == 1
    assert [line.split(": «")[0] for line in before.out.splitlines() if "] P6" in line] == [
        f"{statement}:1:31: [error] P610 disclosure.naming"
    ]
    assert "a person marked as tersangka" in before.out
    recorded = run("incident", "fact", incident_id, "ditetapkan_tersangka=ya", "--source", "Polres")
    assert recorded.code == 0, recorded.err
    after = run(*check)
    assert (after.code, [line for line in after.out.splitlines() if "] P6" in line]) == (0, [])


def test_check_takes_roles_with_person_flags_and_refuses_an_unknown_one(run, tmp_path: Path) -> None:
    statement = tmp_path / "s.md"
    statement.write_text("Oknum petugas D.S. telah dibebastugaskan.\n", encoding="utf-8")
    marked = run("check", str(statement), "--person", "Dodi Setiawan=terduga", "-f", "parsable", "--guideline",
                 str(REPO))  # fmt: skip
    assert marked.code == 1
    assert "inisial orang yang ditandai sebagai terduga" in marked.out
    unknown = run("check", str(statement), "--person", "Dodi Setiawan=terduaga", "-f", "parsable", "--lang", "en",
                  "--guideline", str(REPO))  # fmt: skip
    assert unknown.code == 1
    assert "P201 --person: unknown role in the incident 'terduaga'; did you mean 'terduga'?" in unknown.out


def test_validate_judges_a_templates_initials_by_the_stages_its_examples_reach_and_the_types_override(
    guideline: Path, run
) -> None:
    from tests.conftest import CASES, overlay

    overlay(guideline, CASES / "invalid" / "template-prints-initials")
    template = guideline / "templates" / "uji" / "holding.id.md"
    template.write_text(template.read_text(encoding="utf-8").replace("example: false", "example: true"))
    reached = run("validate", ".", "--format", "parsable", "--lang", "en")
    assert [line.split(": «")[0] for line in reached.out.splitlines()] == [
        "templates/uji/holding.id.md:15:12: [error] P610 disclosure.naming"  # the victim: never
    ]
    crisis = guideline / "playbooks" / "uji.yaml"
    crisis.write_text(crisis.read_text(encoding="utf-8").replace("statements:\n", "naming: {korban: always}\n"
                                                                  "statements:\n", 1))  # fmt: skip
    assert run("validate", ".", "--format", "parsable").out == ""


def test_a_statement_with_an_unknown_role_on_the_command_line_is_refused_before_it_is_drafted(
    run, tmp_path: Path
) -> None:
    result = run("statement", "penyelundupan", "holding", "--answers", str(EXAMPLES / "penyelundupan.answers.yaml"),
                 "--unit", str(EXAMPLES / "unit.yaml"), "--person", "Maya Nur=saksii", "--non-interactive",
                 "--output", str(tmp_path / "s.md"), "--lang", "en", "--guideline", str(REPO))  # fmt: skip
    assert result.code == 1
    assert "P201" in result.err and "unknown role in the incident 'saksii'; did you mean 'saksi'?" in result.err
    assert not (tmp_path / "s.md").exists()


@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        (
            "id",
            [
                "| orang yang diamankan atau dilaporkan atas dugaan tindak pidana (`tersangka`) | setelah penyidik "
                "Polri atau BNN telah menetapkan tersangka secara resmi (`ditetapkan_tersangka`) |",
                "| korban (`korban`) | tidak pernah |",
            ],
        ),
        (
            "en",
            [
                "| staff under internal examination (`terduga`) | once the internal examination has concluded and a "
                "disciplinary sanction has been imposed (`sanksi_dijatuhkan`) |",
                "| an inmate accused of nothing (`warga_binaan`) | never |",
            ],
        ),
    ],
)
def test_the_handbook_tells_officers_whose_initials_may_appear_from_when(lang: str, rows: list[str]) -> None:
    from pasopati_cli.handbook import build_handbook
    from pasopati_cli.loader import Bundle
    from pasopati_cli.response import Guide, load_unit

    guideline = load_guideline(REPO)
    guide = Guide(Bundle(root=REPO, guideline=guideline), guideline)  # the index alone: no type pages
    pages = build_handbook(guide, load_unit(EXAMPLES / "unit.yaml", guide.guideline), lang)  # type: ignore[arg-type]
    assert all(row in pages["index"].splitlines() for row in rows)

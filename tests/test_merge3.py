"""Three-way merges: lines as git merges them, YAML key by key written back in the unit's own words."""

from __future__ import annotations

from pasopati_cli.merge3 import Conflict, Id, Merged, Take, conflicts_in, merge_lines, merge_tree, render_lines
from pasopati_cli.yamlmerge import merge_yaml

BASE = "satu\ndua\ntiga\nempat\nlima\n"


def merged(base: str, ours: str, theirs: str) -> tuple[str, list[int]]:
    chunks = merge_lines(*(text.splitlines(keepends=True) for text in (base, ours, theirs)))
    return render_lines(chunks, "unit", "upstream v0.2.0")


def test_lines_changed_apart_are_both_taken() -> None:
    ours = BASE.replace("dua", "DUA")
    theirs = BASE.replace("lima\n", "lima\nenam\n")
    assert merged(BASE, ours, theirs) == ("satu\nDUA\ntiga\nempat\nlima\nenam\n", [])


def test_the_same_change_on_both_sides_is_taken_once_and_a_deletion_on_one_side_is_kept() -> None:
    both = BASE.replace("tiga", "TIGA")
    assert merged(BASE, both, both.replace("satu\n", "")) == ("TIGA".join(["dua\n", "\nempat\nlima\n"]), [])


def test_lines_changed_differently_are_a_conflict_between_markers_at_its_line() -> None:
    text, opened = merged(BASE, BASE.replace("tiga", "tiga (unit)"), BASE.replace("tiga", "tiga (baru)"))
    assert (text, opened) == (
        "satu\ndua\n<<<<<<< unit\ntiga (unit)\n=======\ntiga (baru)\n>>>>>>> upstream v0.2.0\nempat\nlima\n",
        [3],
    )


def test_a_conflict_keeps_only_the_lines_that_differ_between_the_markers() -> None:
    ours = BASE.replace("dua\ntiga\nempat", "dua\ntiga (unit)\nempat")
    theirs = BASE.replace("dua\ntiga\nempat", "dua\ntiga (baru)\nempat")
    assert merged(BASE, ours, theirs)[1] == [3]


def test_the_tree_merge_goes_key_by_key_and_item_by_id() -> None:
    base = {"a": 1, "roles": [{"id": "x", "k": 1}, {"id": "y", "k": 1}]}
    ours = {"a": 2, "roles": [{"id": "x", "k": 1}, {"id": "y", "k": 5}]}
    theirs = {"a": 1, "b": 3, "roles": [{"id": "x", "k": 7}, {"id": "z"}, {"id": "y", "k": 1}]}
    decision = merge_tree(base, ours, theirs)
    assert decision == Merged(
        [
            ("a", Take("ours")),
            ("b", Take("theirs")),
            (
                "roles",
                Merged(
                    [
                        ("x", Merged([("id", Take("ours")), ("k", Take("theirs"))])),
                        ("z", Take("theirs")),
                        ("y", Take("ours")),
                    ],
                    by_id=True,
                ),
            ),
        ]
    )
    assert conflicts_in(merge_tree(base, {**ours, "a": 4}, {**theirs, "a": 5})) == [(("a",), Conflict("changed"))]
    assert conflicts_in(merge_tree({"r": [{"id": "x", "k": 1}]}, {"r": []}, {"r": [{"id": "x", "k": 2}]})) == [
        (("r",), Conflict("changed"))  # an emptied list is one value: no id is left to merge by
    ]
    deleted = merge_tree(base, {"roles": ours["roles"]}, {"a": 9, "roles": base["roles"]})
    assert conflicts_in(deleted) == [(("a",), Conflict("deleted-by-unit"))]
    assert Id("x") != "x"


GUIDE = """\
# Pedoman uji: komentar unit tetap.
kind: guideline
version: "1.0"
roles:
  - id: kalapas
    title: {id: "Kalapas", en: "Head"}
    notify: {waspada: 15m, siaga: 15m, darurat: 0m}
    channels: [telepon, radio]
  # komentar sebelum kplp
  - id: kplp
    title:
      id: Kepala KPLP
      en: Head of security
    notify: {waspada: 5m}
"""


def test_yaml_keys_changed_on_both_sides_in_different_keys_are_both_taken_and_comments_kept() -> None:
    ours = GUIDE.replace("siaga: 15m", "siaga: 10m").replace("channels: [telepon, radio]",
                                                              "channels: [telepon, radio]  # unit")  # fmt: skip
    theirs = GUIDE.replace("waspada: 15m", "waspada: 20m").replace("notify: {waspada: 5m}", "notify: {waspada: 3m}")
    done = merge_yaml(GUIDE, ours, theirs, "unit", "upstream v0.2.0")
    assert done is not None and done.conflicts == []
    assert done.text == ours.replace("waspada: 15m", "waspada: 20m").replace("waspada: 5m", "waspada: 3m")


def test_yaml_items_added_upstream_go_after_the_item_before_them_at_the_units_indentation() -> None:
    ours = GUIDE.replace("\n  ", "\n    ")  # the unit indents its list by four
    theirs = GUIDE.replace("  # komentar sebelum kplp\n", "  - id: humas\n    title: {id: Humas, en: PR}\n"
                           "  # komentar sebelum kplp\n")  # fmt: skip
    done = merge_yaml(GUIDE, ours, theirs, "unit", "upstream v0.2.0")
    assert done is not None and (done.conflicts, done.how) == ([], "entries")
    assert done.text == ours.replace(
        "    # komentar", "    - id: humas\n      title: {id: Humas, en: PR}\n    # komentar"
    )


def test_a_yaml_key_changed_differently_is_a_conflict_around_its_entry_with_its_path() -> None:
    ours = GUIDE.replace("siaga: 15m", "siaga: 10m")
    theirs = GUIDE.replace("siaga: 15m", "siaga: 30m")
    done = merge_yaml(GUIDE, ours, theirs, "unit", "upstream v0.2.0")
    assert done is not None
    assert [(c.line, c.path, c.kind) for c in done.conflicts] == [
        (7, ("roles", Id("kalapas"), "notify", "siaga"), "changed")
    ]
    assert done.text.splitlines()[6:11] == [
        "<<<<<<< unit",
        "    notify: {waspada: 15m, siaga: 10m, darurat: 0m}",
        "=======",
        "    notify: {waspada: 15m, siaga: 30m, darurat: 0m}",
        ">>>>>>> upstream v0.2.0",
    ]


def test_a_yaml_key_the_unit_deleted_and_upstream_changed_is_a_conflict_with_an_empty_unit_side() -> None:
    ours = GUIDE.replace('version: "1.0"\n', "")
    theirs = GUIDE.replace('version: "1.0"', 'version: "1.1"')
    done = merge_yaml(GUIDE, ours, theirs, "unit", "upstream v0.2.0")
    assert done is not None
    assert [(c.line, c.path, c.kind) for c in done.conflicts] == [(3, ("version",), "deleted-by-unit")]
    assert done.text.splitlines()[1:6] == [
        "kind: guideline",
        "<<<<<<< unit",
        "=======",
        'version: "1.1"',
        ">>>>>>> upstream v0.2.0",
    ]


def test_text_that_is_not_yaml_is_left_to_the_line_merge() -> None:
    assert merge_yaml(GUIDE, GUIDE + "a: [\n", GUIDE, "unit", "upstream") is None


def test_a_list_without_ids_changed_in_different_items_is_merged_item_by_item() -> None:
    base = "roles:\n  - role: damkar\n    deadline: 0m\n  - role: polres\n  - role: rsud\n    deadline: 1h\n"
    ours = base.replace("deadline: 0m", "deadline: 5m")
    theirs = base.replace("deadline: 1h", "deadline: 2h")
    done = merge_yaml(base, ours, theirs, "unit", "upstream v0.2.0")
    assert done is not None and (done.text, done.conflicts) == (ours.replace("1h", "2h"), [])
    both = merge_yaml(base, ours, base.replace("deadline: 0m", "deadline: 9m"), "unit", "upstream v0.2.0")
    assert both is not None and [(c.line, c.path) for c in both.conflicts] == [(1, ("roles",))]
    assert both.text.startswith("<<<<<<< unit\nroles:\n  - role: damkar\n    deadline: 5m\n")

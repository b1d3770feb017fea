"""Writing the files the user asked for: never outside the chosen path, never over a file in silence."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from pasopati_cli import files
from pasopati_cli.files import write_file
from pasopati_cli.problems import PasopatiError


def problem_of(raised: pytest.ExceptionInfo[PasopatiError]) -> tuple[str, str | None, str]:
    found = raised.value.problems[0]
    return found.code, found.file, found.message("en")


def test_a_new_file_is_written_whole_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "baru" / "rilis.md"
    write_file(target, "Siaran pers\n")
    assert target.read_text(encoding="utf-8") == "Siaran pers\n"
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in target.parent.iterdir()) == ["rilis.md"]  # no temporary file left


def test_an_existing_file_is_replaced_only_with_force_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "rilis.md"
    target.write_text("lama\n")
    target.chmod(0o640)
    with pytest.raises(PasopatiError) as refused:
        write_file(target, "baru\n")
    assert problem_of(refused) == ("P421", str(target), f"{target} already exists; add --force to replace it")
    assert target.read_text() == "lama\n"
    write_file(target, "baru\n", force=True)
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("baru\n", 0o640)


def test_a_link_planted_under_the_old_temporary_name_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "penting.txt"
    victim.write_text("jangan diubah\n")
    target = tmp_path / "keluar" / "rilis.md"
    target.parent.mkdir()
    (target.parent / ".rilis.md.tmp").symlink_to(victim)
    write_file(target, "Siaran pers\n")
    assert victim.read_text() == "jangan diubah\n"
    assert not target.is_symlink() and target.read_text() == "Siaran pers\n"


@pytest.mark.parametrize("kind", ["symlink", "dangling", "fifo", "folder"])
def test_a_target_that_is_not_a_regular_file_is_refused_even_with_force(tmp_path: Path, kind: str) -> None:
    victim = tmp_path / "penting.txt"
    victim.write_text("jangan diubah\n")
    target = tmp_path / "rilis.md"
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "dangling":
        target.symlink_to(tmp_path / "belum-ada.txt")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    what = {"symlink": "a symbolic link", "dangling": "a symbolic link", "fifo": "a fifo", "folder": "a folder"}
    for force in (False, True):
        with pytest.raises(PasopatiError) as refused:
            write_file(target, "x", force=force)
        assert problem_of(refused) == (
            "P420",
            str(target),
            f"{target} exists as {what[kind]}, not a regular file; pasopati does not write there",
        )
    assert victim.read_text() == "jangan diubah\n"
    assert not (tmp_path / "belum-ada.txt").exists()


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PasopatiError) as refused:
        write_file(Path("/dev/null"), "x", force=True)
    assert problem_of(refused)[0] == "P420"
    assert "a character device" in problem_of(refused)[2]


def test_a_failed_write_leaves_no_temporary_file_and_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rilis.md"
    target.write_text("lama\n")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(PasopatiError) as failed:
        write_file(target, "baru\n", force=True)
    assert problem_of(failed) == ("P422", str(target), f"could not write {target}: No space left on device")
    assert [p.name for p in tmp_path.iterdir()] == ["rilis.md"]
    assert target.read_text() == "lama\n"


def test_a_folder_that_cannot_be_written_is_a_located_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("")
    with pytest.raises(PasopatiError) as failed:
        write_file(blocker / "rilis.md", "x")
    assert problem_of(failed)[:2] == ("P422", str(blocker / "rilis.md"))


def test_a_file_appearing_during_the_write_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rilis.md"
    original = files.os.fchmod

    def someone_else_writes(descriptor: int, mode: int) -> None:
        original(descriptor, mode)
        target.write_text("milik orang lain\n")

    monkeypatch.setattr(files.os, "fchmod", someone_else_writes)
    with pytest.raises(PasopatiError) as refused:
        write_file(target, "baru\n")
    assert problem_of(refused)[0] == "P421"
    assert target.read_text() == "milik orang lain\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rilis.md"]


# ---- the commands that write ------------------------------------------------------------------------


def test_a_command_output_needs_force_to_replace_and_never_follows_a_link(tmp_path: Path, run: Any) -> None:
    existing = tmp_path / "ada.txt"
    existing.write_text("lama\n")
    result = run("schema", "--output", str(tmp_path / "skema"))
    assert result.code == 0
    first = Path(result.out.split()[0]).name
    again = run("schema", "--output", str(tmp_path / "skema"))
    assert again.code == 1 and "P421" in again.err and "--force" in again.err
    assert run("schema", "--output", str(tmp_path / "skema"), "--force").code == 0
    link = tmp_path / "skema-tautan"
    link.mkdir()
    (link / first).symlink_to(existing)
    linked = run("schema", "--output", str(link), "--force")
    assert linked.code == 1 and "P420" in linked.err
    assert existing.read_text() == "lama\n"


def test_an_interactive_walk_asks_before_replacing_and_a_script_is_refused_at_once(tmp_path: Path) -> None:
    from pasopati_cli.app.prompter import RefusingPrompter, ScriptedPrompter
    from pasopati_cli.app.walk import may_replace

    saved = tmp_path / "jawaban.yaml"
    assert may_replace(saved, False, RefusingPrompter("en")) is False  # nothing there yet: nothing to ask
    saved.write_text("kind: answers\n")
    yes = ScriptedPrompter(["y"], lang="en")
    assert may_replace(saved, False, yes) is True
    assert yes.asked == ["replace"]
    with pytest.raises(PasopatiError) as declined:
        may_replace(saved, False, ScriptedPrompter([""], lang="en"))  # the default keeps the file
    assert declined.value.problems[0].code == "P421"
    with pytest.raises(PasopatiError) as scripted:
        may_replace(saved, False, RefusingPrompter("en"))
    assert scripted.value.problems[0].code == "P421"
    assert may_replace(saved, True, RefusingPrompter("en")) is True
    link = tmp_path / "tautan.yaml"
    link.symlink_to(saved)
    officer = ScriptedPrompter(["y"], lang="en")
    with pytest.raises(PasopatiError) as linked:
        may_replace(link, True, officer)
    assert linked.value.problems[0].code == "P420" and officer.asked == []  # refused whatever the answer


def test_a_refused_page_leaves_the_handbook_folder_as_it_was(tmp_path: Path) -> None:
    from pasopati_cli.app.docs import write_all

    folder = tmp_path / "buku"
    folder.mkdir()
    (folder / "b.md").write_text("lama\n")
    pages = {folder / "a.md": "baru a\n", folder / "b.md": "baru b\n", folder / "c.md": "baru c\n"}
    with pytest.raises(PasopatiError) as refused:
        write_all(pages, force=False)
    assert [found.code for found in refused.value.problems] == ["P421"]
    assert sorted(p.name for p in folder.iterdir()) == ["b.md"]  # checked before the first page was written
    write_all(pages, force=True)
    assert [p.read_text() for p in sorted(folder.iterdir())] == ["baru a\n", "baru b\n", "baru c\n"]

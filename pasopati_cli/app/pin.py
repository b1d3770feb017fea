"""An incident keeps its guideline: the one place that says which guideline folder a command on an
incident uses, and what happens when it is not the one recorded (its files changed since, or another
folder was given): the person is asked, a script is refused (P513) unless the change was accepted up
front (`--accept-guideline-change`), and an accepted change is recorded (`guideline_changed`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pasopati_cli.app.ports import Prompter
from pasopati_cli.pin import GuidelineRecord
from pasopati_cli.problems import PasopatiError, Problem, problem

if TYPE_CHECKING:
    from pasopati_cli.events import Event
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import Guideline, UnitProfile
    from pasopati_cli.response import Guide

ACCEPT_FLAG = "--accept-guideline-change"


def _refusing() -> Prompter:
    from pasopati_cli.app.prompter import RefusingPrompter

    return RefusingPrompter()


@dataclass(frozen=True)
class GuidelineChoice:
    """What a command on an incident was told about the guideline: the folder given (`--guideline` or
    PASOPATI_GUIDELINE; None: the incident's own), whether a change is accepted up front, and who to ask
    otherwise (built only when there is something to ask)."""

    given: Path | None = None
    accept_change: bool = False
    ask: Callable[[], Prompter] = field(default=_refusing)


IncidentGuideline = Path | GuidelineChoice  # a plain folder: given, nobody to ask, nothing accepted


@dataclass(frozen=True)
class Pending:
    """The guideline a command is about to use, when it is not the one the incident recorded."""

    recorded: GuidelineRecord
    root: Path
    other_folder: bool  # another folder was given (else: the recorded folder's files changed)


def folder_hash(root: Path) -> str:
    """sha256 over every file under the folder's playbooks/ and templates/ (relative path and content, in
    path order): the same hash `init` records as `upstream.hash`, whatever a command loads of the folder.
    Kept in the cache under the size and time of change of every file, so a command reads some 200 files
    only after one of them changed."""
    import os
    import stat

    from pasopati_cli import guidecache, scaffold

    files: dict[str, str] = {}  # relative path -> path
    stamps = [str(root.resolve())]

    def walk(folder: str, relative: str) -> None:  # os.scandir and plain strings: pathlib costs 5 ms here
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name == "__pycache__":
                    continue
                found = entry.stat()
                if stat.S_ISDIR(found.st_mode) and not entry.is_symlink():  # as rglob: no loop through a link
                    walk(entry.path, f"{relative}{entry.name}/")
                elif stat.S_ISREG(found.st_mode):
                    files[relative + entry.name] = entry.path
                    stamps.append(f"{relative}{entry.name}:{found.st_size}:{found.st_mtime_ns}:{found.st_ino}")

    for top in scaffold.HASHED_FOLDERS:
        if (root / top).is_dir():
            walk(str(root / top), f"{top}/")

    def compute() -> str:
        return scaffold.hash_of_digests({name: hashlib.sha256(Path(path).read_bytes()).digest()
                                         for name, path in files.items()})  # fmt: skip

    return guidecache.keyed(sorted(stamps), compute)


def record_of(root: Path, guideline: Guideline) -> GuidelineRecord:
    """The record of a guideline folder as it is now: what `opened` and `guideline_changed` store."""
    from pasopati_cli.loader import package_guideline_dir

    folder = root.resolve()
    return GuidelineRecord(str(folder), folder_hash(folder), guideline.name.id, guideline.version,
                           folder == package_guideline_dir().resolve())  # fmt: skip


def given_root(choice: IncidentGuideline) -> Path:
    """The folder a command not about one incident uses: the one given, else the bundled guideline."""
    from pasopati_cli.loader import package_guideline_dir

    given = choice if isinstance(choice, Path) else choice.given
    return given if given is not None else package_guideline_dir()


def choose_root(recorded: GuidelineRecord | None, choice: IncidentGuideline) -> tuple[Path, Pending | None]:
    """The folder to load for an incident, and what differs from its record (None: nothing).

    Without a record (a journal from before guidelines were recorded) the folder given or the bundled one
    is used, as it always was. A recorded folder that no longer exists is P514 unless another is given."""
    from pasopati_cli.loader import package_guideline_dir

    if recorded is None:
        return given_root(choice), None
    given = choice if isinstance(choice, Path) else choice.given
    folder = package_guideline_dir() if recorded.bundled else Path(recorded.folder)
    if given is not None and given.resolve() != folder.resolve():
        return given, Pending(recorded, given, other_folder=True)
    if not (folder / "playbooks").is_dir():
        raise PasopatiError([problem("P514", file=str(folder), flag=ACCEPT_FLAG)])
    changed = folder_hash(folder) != recorded.hash
    return folder, (Pending(recorded, folder, other_folder=False) if changed else None)


def accepted(pending: Pending, now: GuidelineRecord, choice: IncidentGuideline, incident_id: str) -> str:
    """Why the change is accepted: `--accept-guideline-change`, or the reason of the person who agreed when
    asked; P513 (naming the flag) when no one agrees."""
    if isinstance(choice, GuidelineChoice) and choice.accept_change:
        return ACCEPT_FLAG
    asker = choice.ask() if isinstance(choice, GuidelineChoice) else _refusing()
    reason = asker.guideline_change(pending.recorded, now, pending.other_folder)
    if reason is None:
        raise PasopatiError([changed_problem(pending, now, incident_id)])
    return reason


def changed_problem(pending: Pending, now: GuidelineRecord, incident_id: str) -> Problem:
    before = pending.recorded
    if pending.other_folder:
        what, what_en = f"pedoman lain diberikan ({now.folder})", f"another guideline was given ({now.folder})"
        undo, undo_en = "jalankan tanpa --guideline", "leave out --guideline"
    else:
        what, what_en = "berkas pedoman berubah sejak insiden dibuka", "the guideline's files changed since it opened"
        undo, undo_en = "kembalikan berkasnya", "restore the files"
    return problem("P513", file=str(pending.root), id=incident_id, flag=ACCEPT_FLAG, what=what, what_en=what_en,
                   undo=undo, undo_en=undo_en, before=f"{before.name} {before.version}, sha256 {before.short()}",
                   now=f"{now.name} {now.version}, sha256 {now.short()}")  # fmt: skip


def incident_guide(
    journal: Journal, events: list[Event], choice: IncidentGuideline, operator: str | None, unit: UnitProfile | None
) -> tuple[Guide, GuidelineRecord | None, Event | None]:
    """The guide of the incident of `events`, the record of the guideline in use (None: the journal has
    none) and, when a change was accepted, its `guideline_changed` event (already in the journal).

    A closed incident takes no event: its report says which guideline it was built with."""
    from pasopati_cli.events import GUIDELINE_CHANGED
    from pasopati_cli.incident import derive_state
    from pasopati_cli.pin import recorded
    from pasopati_cli.recording import Recorder, operator_name
    from pasopati_cli.response import load_guide

    state = derive_state(events)
    in_force = recorded(events)
    root, pending = choose_root(in_force, choice)
    guide = load_guide(root, state.crisis_type)
    if pending is None:
        return guide, in_force, None
    now = record_of(root, guide.guideline)
    reason = accepted(pending, now, choice, state.id)
    if state.closed:
        return guide, now, None
    previous = {"folder": pending.recorded.folder, "hash": pending.recorded.hash}
    recorder = Recorder(journal, state.id, operator_name(operator, unit), guide.version, guide.content_hash())
    return guide, now, recorder.append(GUIDELINE_CHANGED, {**now.as_data(), "previous": previous, "reason": reason})

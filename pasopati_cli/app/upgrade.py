"""`pasopati upgrade`: a unit's guideline taken from its recorded upstream release to the installed one.

Three versions of every file under playbooks/, templates/ and schema/: the base (the upstream's files as
`init` or the last upgrade copied them, kept in `.pasopati/upstream.tar.gz` and checked against the hash
recorded in the guideline file), ours (the unit's files) and theirs (the installed guideline). A file
changed on one side only takes that side; a file both changed is merged, YAML key by key
(`yamlmerge`), anything else line by line (`merge3`); what both changed differently is left between
git-style markers, which `validate` refuses (P120) until someone decides. Afterwards the base is the
installed files and the guideline file records the new upstream.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pasopati_cli import merge3, scaffold
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem
from pasopati_cli.scaffold import UpstreamRecord

Action = Literal["updated", "added", "deleted", "merged", "conflict"]
_YAML = (".yaml", ".yml")
_WHAT = {  # a conflict's kind in both languages; {version}: the upstream release
    "changed": ("unit dan upstream {version} sama-sama mengubah bagian ini, dengan cara berbeda",
                "the unit and upstream {version} both changed this, differently"),
    "deleted-upstream": ("upstream {version} menghapus bagian ini, unit mengubahnya",
                         "upstream {version} deleted this, the unit changed it"),
    "deleted-by-unit": ("unit menghapus bagian ini, upstream {version} mengubahnya",
                        "the unit deleted this, upstream {version} changed it"),
}  # fmt: skip


@dataclass(frozen=True)
class Change:
    file: str  # relative to the guideline folder
    action: Action


@dataclass(frozen=True)
class Upgraded:
    root: Path
    previous: UpstreamRecord | None  # None: no record, the base came from --base
    upstream: UpstreamRecord
    changes: list[Change]
    problems: list[Problem]  # one per conflict left in a file
    written: bool  # False for a dry run, or when the unit already stands on the installed release

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        from pasopati_cli.report import problem_dicts

        def record(up: UpstreamRecord | None) -> dict[str, str] | None:
            return None if up is None else {"name": up.name, "version": up.version, "hash": up.hash}

        return {
            "root": str(self.root),
            "from": record(self.previous),
            "to": record(self.upstream),
            "written": self.written,
            "changes": [{"file": change.file, "action": change.action} for change in self.changes],
            "problems": problem_dicts(self.problems, lang),
        }


def upgrade_guideline(
    *, target: Path, installed: Path | None = None, version: str | None = None, base: Path | None = None,
    dry_run: bool = False,
) -> Upgraded:  # fmt: skip
    """Merge the installed guideline (`installed`, default the bundled one; released as `version`, default
    the `__version__` of the pasopati checkout `installed` is, else this pasopati's) into the unit's
    guideline at `target`, from the base its upstream record names (`base`: a folder holding that release,
    instead of the kept archive). Writes nothing when `dry_run`."""
    from pasopati_cli import __version__
    from pasopati_cli.app.guideline import guideline_files_of, where_guideline
    from pasopati_cli.coherence import conflicts_in, guideline_files

    guideline_file = target / scaffold.GUIDELINE_FILE
    left = conflicts_in(guideline_files(target))
    if left:  # a merge not yet finished: the unit decides those first
        raise PasopatiError(left)
    previous = _recorded(guideline_file, base)
    base_files = _base(target, base, previous, guideline_file)
    source = installed or where_guideline()
    theirs = guideline_files_of(source)
    if version is None:
        version = (release_version(installed) if installed is not None else None) or __version__
    upstream = UpstreamRecord(_name(source, previous), version, scaffold.content_hash(theirs))
    if previous is not None and previous.hash == upstream.hash:
        if base is not None and not dry_run:  # the lost copy, given again: kept for the next upgrade
            _write(target, {}, theirs)
        return Upgraded(target, previous, upstream, [], [], written=False)
    ours = guideline_files_of(target)
    label = f"upstream v{upstream.version}"
    changes: list[Change] = []
    problems: list[Problem] = []
    results: dict[str, bytes | None] = {}
    for name in sorted(set(base_files) | set(ours) | set(theirs)):
        merged, action, found = _merge_file(name, base_files.get(name), ours.get(name), theirs.get(name), label)
        if name == scaffold.GUIDELINE_FILE and merged is not None:
            text = scaffold.with_upstream(merged.decode("utf-8"), upstream)
            merged, action = text.encode("utf-8"), action or "updated"
        if action is None:
            continue
        results[name] = merged
        changes.append(Change(name, action))
        problems += [_conflict(target / name, line, path, kind, upstream.version) for line, path, kind in found]
    if not dry_run:
        _write(target, results, theirs)
    return Upgraded(target, previous, upstream, changes, problems, written=not dry_run)


def _recorded(guideline_file: Path, base: Path | None) -> UpstreamRecord | None:
    from pasopati_cli.loader import display_path, load_yaml_file
    from pasopati_cli.model import Guideline

    shown = display_path(guideline_file)
    if not guideline_file.is_file():
        raise PasopatiError([problem("P015", file=display_path(guideline_file.parent.parent))])
    loaded, problems = load_yaml_file(guideline_file, shown)
    if loaded is None or not isinstance(loaded.model, Guideline):
        raise PasopatiError(problems or [problem("P015", file=shown)])
    up = loaded.model.upstream
    if up is None and base is None:
        raise PasopatiError([problem("P138", file=shown, line=1, column=1)])
    return None if up is None else UpstreamRecord(up.name, up.version, up.hash)


def _base(root: Path, base: Path | None, previous: UpstreamRecord | None, guideline_file: Path) -> dict[str, bytes]:
    """The files the unit started from: `base`, else the kept archive, checked against the record."""
    from pasopati_cli.app.guideline import guideline_files_of
    from pasopati_cli.loader import display_path

    archive = root / scaffold.BASE_ARCHIVE
    where = display_path(base if base is not None else archive)
    if base is not None:
        if not (base / "playbooks").is_dir():
            raise PasopatiError([problem("P012", file=where, target=f"{where}/playbooks")])
        files: dict[str, bytes] | None = guideline_files_of(base)
    elif not archive.is_file():
        assert previous is not None  # _recorded refused a guideline without a record and without --base
        raise PasopatiError([problem("P136", file=where, name=previous.name, version=previous.version,
                                     archive=where)])  # fmt: skip
    else:
        files = scaffold.unpack_base(archive.read_bytes())
    found = "-" if files is None else scaffold.content_hash(files)
    if previous is not None and found != previous.hash:
        raise PasopatiError([problem("P137", file=display_path(guideline_file), path="upstream.hash", source=where,
                                     name=previous.name, version=previous.version, found=found[:19],
                                     hash=previous.hash[:19])])  # fmt: skip
    assert files is not None
    return files


def release_version(folder: Path) -> str | None:
    """The pasopati release a folder holds (a clone of a release tag), from its `__version__`."""
    import re

    try:
        code = (folder / "pasopati_cli" / "__init__.py").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r"^__version__ = \"([^\"]+)\"", code, re.MULTILINE)
    return None if found is None else found[1]


def _name(source: Path, previous: UpstreamRecord | None) -> str:
    from pasopati_cli.loader import load_yaml_file
    from pasopati_cli.model import Guideline

    loaded, _ = load_yaml_file(source / scaffold.GUIDELINE_FILE, scaffold.GUIDELINE_FILE)
    if loaded is not None and isinstance(loaded.model, Guideline):
        return scaffold.short_name(loaded.model.name.id)
    return previous.name if previous is not None else "upstream"


Found = list[tuple[int, merge3.Path, str]]  # (line of `<<<<<<<`, key path, kind)


def _merge_file(
    name: str, base: bytes | None, ours: bytes | None, theirs: bytes | None, label: str
) -> tuple[bytes | None, Action | None, Found]:
    """One file's merged bytes (None: it goes), what happened to it (None: nothing), its conflicts."""
    if ours == theirs or theirs == base:
        return ours, None, []
    if ours == base:
        return theirs, "added" if ours is None else "deleted" if theirs is None else "updated", []
    if theirs is None or ours is None:  # deleted on one side, changed on the other: the whole file
        kind = "deleted-upstream" if theirs is None else "deleted-by-unit"
        lines = merge3.markers(_lines(ours), _lines(theirs), "unit", label)
        return "".join(lines).encode("utf-8"), "conflict", [(1, (), kind)]
    try:
        texts = [(data or b"").decode("utf-8") for data in (base, ours, theirs)]
    except UnicodeDecodeError:  # not text: the unit's file stays, and the conflict is reported
        return ours, "conflict", [(1, (), "changed")]
    return _merge_text(texts, label, yaml=PurePosixPath(name).suffix.lower() in _YAML)


def _merge_text(texts: list[str], label: str, yaml: bool) -> tuple[bytes, Action, Found]:
    from pasopati_cli.yamlmerge import merge_yaml

    # None as well when a version does not read as YAML
    done = merge_yaml(texts[0], texts[1], texts[2], "unit", label) if yaml else None
    if done is not None:
        found = [(conflict.line, conflict.path, conflict.kind) for conflict in done.conflicts]
        return done.text.encode("utf-8"), "conflict" if found else "merged", found
    text, opened = merge3.render_lines(merge3.merge_lines(*(t.splitlines(keepends=True) for t in texts)), "unit", label)
    return text.encode("utf-8"), "conflict" if opened else "merged", [(line, (), "changed") for line in opened]


def _lines(data: bytes | None) -> list[str]:
    return [] if data is None else data.decode("utf-8", errors="replace").splitlines(keepends=True)


def _conflict(path: Path, line: int, key: merge3.Path, kind: str, version: str) -> Problem:
    from pasopati_cli.loader import display_path

    what, what_en = (text.format(version=version) for text in _WHAT[kind])
    shown = merge3.shown_path(key) or None
    return problem("P135", file=display_path(path), line=line, column=1, path=shown, what=what, what_en=what_en)


def _write(root: Path, results: dict[str, bytes | None], theirs: dict[str, bytes]) -> None:
    """The merged files, the deletions, the new base: every write safe, one flush for all."""
    from pasopati_cli.files import sync_folders, write_file

    written = [*results, scaffold.BASE_ARCHIVE]
    for name, data in results.items():
        target = root / PurePosixPath(name)
        if data is None:
            target.unlink(missing_ok=True)
        else:
            write_file(target, data, force=True, durable=False)
    write_file(root / scaffold.BASE_ARCHIVE, scaffold.pack_base(theirs), force=True, durable=False)
    sync_folders(root / name for name in written)

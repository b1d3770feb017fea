"""A unit's own guideline: `init` (start one from the installed guideline), `where` (the installed one's
folder) and `validate` (what you are standing in, and which guideline that was)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pasopati_cli.problems import PasopatiError, Problem, problem
from pasopati_cli.scaffold import UpstreamRecord


@dataclass(frozen=True)
class Initialised:
    root: Path
    files: list[str]  # written, relative to root, in order
    upstream: UpstreamRecord
    to_fill: list[str]  # files that still hold "[[ISI: ...]]" placeholders


@dataclass(frozen=True)
class CheckedGuideline:
    root: Path
    name: str | None  # None: the guideline file did not load
    version: str | None
    bundled: bool


@dataclass(frozen=True)
class Validated:
    files: list[str]
    problems: list[Problem]
    guidelines: list[CheckedGuideline]


def where_guideline() -> Path:
    """The folder of the guideline installed with pasopati (what `init` copies)."""
    from pasopati_cli.loader import package_guideline_dir

    return package_guideline_dir()


def init_guideline(*, target: Path, force: bool = False, repository: str | None = None) -> Initialised:
    """Write a unit's own guideline into `target`: the installed guideline's playbooks, templates and schema
    (its guideline file recording where it came from), a unit profile to fill, a pre-commit configuration,
    a CI workflow and a README. A folder that is not empty is refused unless `force` (then the files
    named here are overwritten and nothing else is touched). `repository`: where pasopati's hooks live;
    when unknown, a placeholder the unit fills."""
    from pasopati_cli import __version__, scaffold
    from pasopati_cli.files import sync_folders, write_file
    from pasopati_cli.response import load_guideline

    _refuse_unusable(target, force)
    source = where_guideline()
    copied = guideline_files_of(source)
    guideline = load_guideline(source)
    upstream = UpstreamRecord(scaffold.short_name(guideline.name.id), __version__, scaffold.content_hash(copied))
    where = repository or scaffold.PLACEHOLDER.format(what="URL repositori pasopati / pasopati repository URL")
    texts = {name: data.decode("utf-8") for name, data in copied.items()}
    texts[scaffold.GUIDELINE_FILE] = scaffold.with_upstream(texts[scaffold.GUIDELINE_FILE], upstream)
    texts[scaffold.UNIT_PROFILE] = scaffold.unit_profile_to_fill(
        (source / "examples" / "unit.yaml").read_text(encoding="utf-8")
    )
    texts[".pre-commit-config.yaml"] = scaffold.pre_commit_config(where, f"v{__version__}")
    texts[".github/workflows/pedoman.yml"] = scaffold.ci_workflow(f"git+{where}@v{__version__}")
    texts["README.md"] = scaffold.unit_readme(upstream, guideline.name.id)
    for name, text in texts.items():  # an empty folder, or --force: see _refuse_unusable
        write_file(target / name, text, force=True, durable=False)
    write_file(target / scaffold.BASE_ARCHIVE, scaffold.pack_base(copied), force=True, durable=False)
    sync_folders(target / name for name in [*texts, scaffold.BASE_ARCHIVE])  # one flush for some 200 files
    to_fill = [
        name
        for name, text in texts.items()
        if "[[ISI:" in text and name.split("/")[0] not in ("templates", "README.md")
    ]
    return Initialised(target, [*texts, scaffold.BASE_ARCHIVE], upstream, sorted(to_fill))


def guideline_files_of(root: Path) -> dict[str, bytes]:
    """The files of a guideline folder that a unit copies and an upgrade merges (playbooks, templates,
    schema), by path relative to `root`."""
    from pasopati_cli.scaffold import GUIDELINE_FOLDERS

    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in GUIDELINE_FOLDERS
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and not path.name.startswith(".") and "__pycache__" not in path.parts
    }


def _refuse_unusable(target: Path, force: bool) -> None:
    from pasopati_cli.loader import display_path

    shown = display_path(target)
    if target.exists() and not target.is_dir():
        raise PasopatiError([problem("P408", file=shown, target=shown, reason="bukan folder / not a folder")])
    if target.is_dir() and not force and any(target.iterdir()):
        raise PasopatiError([problem("P126", file=shown, target=shown)])


def guideline_here(start: Path) -> Path | None:
    """The guideline folder one stands in: `start` or the nearest folder above it holding
    playbooks/guideline.yaml."""
    for folder in (start, *start.parents):
        if (folder / "playbooks" / "guideline.yaml").is_file():
            return folder
    return None


def guideline_in_force(*, paths: Sequence[Path], guideline: Path | None, cwd: Path) -> Path:
    """What a validation checks files outside any guideline against (and, with no paths, checks): the
    guideline of the first path that is a guideline folder or one of its files, else `guideline`, else the
    one `cwd` stands in, else the installed one."""
    from pasopati_cli.validation import guideline_root_of

    given = [root for path in paths if path.exists() and (root := guideline_root_of(path)) is not None]
    if given:
        return given[0]
    return guideline or guideline_here(cwd.resolve()) or where_guideline().resolve()


def validate_guideline(*, paths: Sequence[Path], guideline: Path | None, cwd: Path, today: date) -> Validated:
    """Every problem of `paths` (none: the guideline one stands in). Files outside a guideline (a unit
    profile) are checked against the guideline folder given with them, else `guideline`, else the one
    one stands in, else the installed one; the result names every guideline checked."""
    from pasopati_cli.scaffold import short_name
    from pasopati_cli.validation import validate_paths

    bundled = where_guideline().resolve()
    active = guideline_in_force(paths=paths, guideline=guideline, cwd=cwd)
    result = validate_paths(list(paths) or [active], active, today)
    checked = [
        CheckedGuideline(
            root,
            None if model is None else short_name(model.name.id),
            None if model is None else model.version,
            root == bundled,
        )
        for root, model in result.guidelines.items()
    ]
    return Validated(result.files, result.problems, checked)

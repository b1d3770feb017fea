"""Validated playbooks kept between runs, so that a response does not parse and check the same YAML each time.

An entry holds the guideline and one crisis type exactly as they were loaded and checked without an error.
It is keyed by the versions of pasopati and pydantic, the text of both files and which of the type's
templates exist. Single files (a unit profile, an answers file, a template) that loaded without any problem
are kept the same way, keyed by their bytes and the name they are shown by (`remembered`). Any change, and
any cache that cannot be read or written, means the files are loaded and checked as usual. The folder is
the user's cache folder (`PASOPATI_CACHE`; `off` disables the cache), made private to the user, since an
entry is a pickle.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pasopati_cli.model import CrisisType, Guideline

FORMAT = 4  # 2: documents keep their text, not their node tree; 4: no compiled guard rules in entries
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    guideline: Guideline
    crisis: CrisisType
    digests: dict[str, str]  # path relative to the guideline folder -> sha256 of the text, as the loader has it
    templates: tuple[tuple[str, bool], ...]  # every template the type names, and whether it existed


def folder() -> Path | None:
    """The cache folder, or None when caching is off."""
    setting = os.environ.get("PASOPATI_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pasopati", appauthor=False))


def _sources(root: Path, type_id: str) -> dict[str, str] | None:
    """path relative to root -> sha256 of the text, for the guideline file and the type's playbook."""
    digests: dict[str, str] = {}
    for relative in ("playbooks/guideline.yaml", f"playbooks/{type_id}.yaml"):
        try:
            text = (root / relative).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        digests[relative] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digests


def _key(root: Path, type_id: str, digests: dict[str, str]) -> str:
    parts = [*_code(), str(root.resolve()), type_id]
    parts += [f"{name}={digest}" for name, digest in sorted(digests.items())]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _code() -> list[str]:
    """What the pickled classes depend on: the entry format, the versions, and the modules that define
    the classes (size and time of change, so that an edited checkout never reads entries it cannot use)."""
    import pydantic

    from pasopati_cli import __version__

    here = Path(__file__).parent
    stamps = []
    for name in ("model.py", "loader.py", "guidecache.py", "guard.py"):
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return [str(FORMAT), sys.version, __version__, pydantic.VERSION, *stamps]


def _template_names(crisis: CrisisType) -> list[str]:
    return sorted({name for use in crisis.statements for name in use.template.values()})


def _templates_now(root: Path, names: list[str]) -> tuple[tuple[str, bool], ...]:
    return tuple((name, (root / "templates" / name).is_file()) for name in names)


def fetch(root: Path, type_id: str) -> Entry | None:
    """The entry for these exact files, or None (not cached, changed, unreadable)."""
    base = folder()
    digests = _sources(root, type_id) if base is not None else None
    if base is None or digests is None:
        return None
    path = base / "guides" / f"{_key(root, type_id, digests)}.pickle"
    try:
        with path.open("rb") as handle:
            entry = pickle.load(handle)
    except Exception:  # a missing, truncated or foreign file: the cache is only ever an optimisation
        return None
    if not isinstance(entry, Entry) or entry.digests != digests or entry.crisis.id != type_id:
        return None
    if entry.templates != _templates_now(root, [name for name, _ in entry.templates]):
        return None
    return entry


def store(root: Path, type_id: str, guideline: Guideline, crisis: CrisisType) -> None:
    """Keep a guideline and type that loaded without an error; failures to write are ignored."""
    base = folder()
    digests = _sources(root, type_id) if base is not None else None
    if base is None or digests is None:
        return
    entry = Entry(guideline, crisis, digests, _templates_now(root, _template_names(crisis)))
    _write(base / "guides" / f"{_key(root, type_id, digests)}.pickle", entry)


def remembered(
    path: Path, display: str, kind: str, load: Callable[[], tuple[T | None, list[Any]]]
) -> tuple[T | None, list[Any]]:
    """`load()` for one file, or what it gave last time for these exact bytes when that was clean.

    Only a result without any problem is kept: a file with a warning is read again, so the warning is
    shown every time."""
    base = folder()
    if base is None:
        return load()
    try:
        raw = path.read_bytes()
    except OSError:
        return load()
    parts = [*_code(), kind, display]
    key = hashlib.sha256("\0".join(parts).encode() + b"\0" + raw).hexdigest()
    target = base / "files" / f"{key}.pickle"
    try:
        with target.open("rb") as handle:
            kept = pickle.load(handle)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
            return kept[1], []
    except Exception:  # missing, truncated or foreign: load as usual
        pass
    value, problems = load()
    if value is not None and not problems:
        _write(target, (key, value))
    return value, problems


def keyed(parts: Sequence[str], compute: Callable[[], str]) -> str:
    """`compute()`, or what it gave last time for the same `parts` (say, the size and time of change of
    every file a hash reads: a changed file changes the key, so the hash is computed again)."""
    base = folder()
    if base is None:
        return compute()
    key = hashlib.sha256("\0".join([str(FORMAT), *parts]).encode()).hexdigest()
    target = base / "keyed" / f"{key}.pickle"
    try:
        with target.open("rb") as handle:
            kept = pickle.load(handle)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], str):
            return kept[1]
    except Exception:  # missing, truncated or foreign: compute as usual
        pass
    value = compute()
    _write(target, (key, value))
    return value


def _write(target: Path, value: object) -> None:
    with suppress(OSError, pickle.PicklingError, RecursionError):
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        finally:
            with suppress(OSError):
                os.unlink(temporary)

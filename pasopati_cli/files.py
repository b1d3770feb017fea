"""Writing a file the user asked for (statement, answers, report, `-o`): one safe way for every command.

The text goes to a temporary file created exclusively, under a random name, in the target's folder
(`tempfile.mkstemp`: `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600), is flushed and fsynced, and is renamed
over the target in one step; a failed write removes it. Nothing planted beside the target (a symlink
under a guessable name) is ever followed. A target that exists and is not a regular file (a symlink, a
fifo, a device, a folder) is refused (P420); an existing file is replaced only with `force=True` (P421).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from pasopati_cli.problems import PasopatiError, Problem, problem

_KINDS = {  # what stands in the way, in both languages
    stat.S_IFLNK: ("tautan simbolik", "a symbolic link"),
    stat.S_IFIFO: ("fifo", "a fifo"),
    stat.S_IFCHR: ("perangkat karakter", "a character device"),
    stat.S_IFBLK: ("perangkat blok", "a block device"),
    stat.S_IFDIR: ("folder", "a folder"),
    stat.S_IFSOCK: ("soket", "a socket"),
}


def write_file(path: Path, content: str | bytes, *, force: bool = False, durable: bool = True) -> None:
    """Write `content` (text as UTF-8) to `path` atomically. P420 for a target that is not a regular file,
    P421 for an existing file without `force`, P422 when the folder or the disk refuses. `durable`: flushed
    to disk before it returns; a caller writing many files (init) passes False and calls `sync_folders`."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path, force)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".tmp")
    except OSError as exc:
        raise PasopatiError([_failed(path, exc)]) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            if durable:
                os.fsync(out.fileno())
        _put_in_place(temporary, path, force)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise PasopatiError([_failed(path, exc)]) from None
        raise
    if durable:
        _sync_folder(path.parent)


def sync_folders(paths: Iterable[Path]) -> None:
    """Flush the files written with `durable=False` and the folders that name them, once for all."""
    os.sync()
    for folder in sorted({Path(path).parent for path in paths}):
        _sync_folder(folder)


def check_target(path: Path, *, force: bool = False) -> None:
    """Raise the problem `write_file` would raise for the target itself, before any work is done."""
    try:
        _mode_for(Path(path), force)
    except OSError as exc:
        raise PasopatiError([_failed(Path(path), exc)]) from None


def exists_as_file(path: Path) -> bool:
    """True when `path` is an existing regular file (not a link to one): what needs `force` to replace."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _mode_for(path: Path, force: bool) -> int:
    """The permissions the written file gets: those of the file it replaces, else 0666 less the umask."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    if not stat.S_ISREG(found.st_mode):
        raise PasopatiError([_not_regular(path, stat.S_IFMT(found.st_mode))])
    if not force:
        raise PasopatiError([_exists(path)])
    return stat.S_IMODE(found.st_mode)


def _put_in_place(temporary: str, path: Path, force: bool) -> None:
    if force:
        os.replace(temporary, path)  # rename(2) replaces a link itself, never what it points to
        return
    try:  # no replacing: a hard link fails if anything appeared at the target meanwhile
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        raise PasopatiError([_exists(path)]) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(path):  # a file system without hard links: check once more, then rename
            raise PasopatiError([_exists(path)]) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    """Make the rename durable too; some file systems cannot open a folder, which is no failure."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _not_regular(path: Path, kind: int) -> Problem:
    what = _KINDS.get(kind, ("berkas khusus", "a special file"))
    return problem(
        "P420",
        file=str(path),
        detail=f"{path} sudah ada sebagai {what[0]}, bukan berkas biasa; pasopati tidak menulis ke sana",
        detail_en=f"{path} exists as {what[1]}, not a regular file; pasopati does not write there",
    )


def _exists(path: Path) -> Problem:
    return problem(
        "P421",
        file=str(path),
        detail=f"{path} sudah ada; tambahkan --force untuk menimpanya",
        detail_en=f"{path} already exists; add --force to replace it",
    )


def _failed(path: Path, exc: OSError) -> Problem:
    return problem("P422", file=str(path), target=path, reason=exc.strerror or exc)

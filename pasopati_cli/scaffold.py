"""A unit's own guideline, started from an upstream one: which files, their hash, and the files a unit adds.

Pure: it takes the upstream's files as bytes and returns the new folder's files as bytes; the use case
(`app/guideline.py`) reads and writes them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass

# What a guideline folder holds that a unit copies and edits; everything else there (tests, code, docs)
# belongs to the project, not to the guideline.
GUIDELINE_FOLDERS = ("playbooks", "templates", "schema")
HASHED_FOLDERS = ("playbooks", "templates")  # the content; schema/ is generated from the tool
GUIDELINE_FILE = "playbooks/guideline.yaml"
UNIT_PROFILE = "unit/unit.yaml"
PLACEHOLDER = "[[ISI: {what}]]"  # the guard's placeholder rule refuses '[[' in a statement
# The upstream's files as copied, the base of the next `pasopati upgrade`: one archive, so that no second
# guideline lies in the unit's folder for editors, searches and pre-commit's file patterns to find.
BASE_ARCHIVE = ".pasopati/upstream.tar.gz"
_BASE_LIMIT = 64 * 1024 * 1024  # bytes unpacked; the bundled guideline is under 2 MB


@dataclass(frozen=True)
class UpstreamRecord:
    name: str
    version: str
    hash: str


def content_hash(files: Mapping[str, bytes]) -> str:
    """sha256 over the guideline's content (playbooks and templates): relative path and bytes of each,
    in path order, so the same files give the same hash on every machine."""
    return hash_of_digests({name: hashlib.sha256(data).digest() for name, data in files.items()})


def hash_of_digests(digests: Mapping[str, bytes]) -> str:
    """`content_hash` from each file's sha256 digest (relative path -> digest), for a caller that reads the
    files one by one."""
    total = hashlib.sha256()
    for name in sorted(digests):
        if name.split("/", 1)[0] in HASHED_FOLDERS:
            total.update(name.encode() + b"\0" + digests[name])
    return "sha256:" + total.hexdigest()


def pack_base(files: Mapping[str, bytes]) -> bytes:
    """The upstream's files as a tar.gz that is the same bytes for the same files (sorted, no times, no
    owners), so that committing it again after an upgrade to the same release changes nothing."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in sorted(files):
            member = tarfile.TarInfo(name)
            member.size, member.mode, member.mtime = len(files[name]), 0o644, 0
            archive.addfile(member, io.BytesIO(files[name]))
    return gzip.compress(raw.getvalue(), mtime=0)


def unpack_base(data: bytes) -> dict[str, bytes] | None:
    """The files of a base archive, or None when it is not one `pack_base` could have written (not a
    tar.gz, anything but plain files under the guideline's folders, larger than the limit)."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            files: dict[str, bytes] = {}
            for member in archive:
                parts = member.name.split("/")
                if not member.isfile() or parts[0] not in GUIDELINE_FOLDERS or "" in parts or ".." in parts:
                    return None
                if member.size + sum(map(len, files.values())) > _BASE_LIMIT:
                    return None
                handle = archive.extractfile(member)
                files[member.name] = b"" if handle is None else handle.read()
            return files
    except (tarfile.TarError, OSError, EOFError):
        return None


def short_name(full: str) -> str:
    """'Pasopati (Pedoman Manajemen ...)' -> 'Pasopati': the name without its spelled-out form."""
    return full.split(" (", 1)[0].strip() or full


_UPSTREAM_BLOCK = re.compile(r"^upstream:[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*", re.MULTILINE)
_UPSTREAM_COMMENT = (
    "# Where this guideline started (written by `pasopati init`; an upgrade merges from it). Leave as is.\n"
)
_VERSION_LINE = re.compile(r"^version:[^\n]*\n", re.MULTILINE)


def with_upstream(guideline_text: str, upstream: UpstreamRecord) -> str:
    """The guideline file with its `upstream:` record (replacing one it had), right after `version:`,
    every comment and line of the rest kept as it was."""
    block = (
        _UPSTREAM_COMMENT + "upstream:\n"
        f"  name: {_quoted(upstream.name)}\n"
        f"  version: {_quoted(upstream.version)}\n"
        f"  hash: {upstream.hash}\n"
    )
    text = _UPSTREAM_BLOCK.sub("", guideline_text.replace(_UPSTREAM_COMMENT, ""))
    found = _VERSION_LINE.search(text)
    if found is None:
        return text.rstrip("\n") + "\n" + block
    return text[: found.end()] + block + text[found.end() :]


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the unit profile to fill ----------------------------------------------------------------------

_FILL = {
    "name": ("nama", "name"),
    "class": ("kelas unit", "unit class"),
    "city": ("kota", "city"),
    "address": ("alamat", "address"),
    "regional_office": ("kantor wilayah", "regional office"),
    "phone": ("telepon", "phone"),
    "email": ("surel", "email"),
    "website": ("situs web", "website"),
    "title": ("jabatan", "title"),
    "id": ("tentang unit, bahasa Indonesia", "about the unit, Indonesian"),
    "en": ("tentang unit, bahasa Inggris", "about the unit, English"),
}
_LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[a-z_]+):(?P<value>.*)$")
_PROFILE_HEADER = """\
# yaml-language-server: $schema=../schema/unit-profile.schema.json
#
# Profil satuan kerja: isi setiap "[[ISI: ...]]" dengan data unit Anda, lalu periksa dengan
#   pasopati validate . unit/unit.yaml
# Daftar petugas (roster) harus memuat setiap peran yang dapat dibutuhkan pedoman ini; `validate`
# menyebut peran yang kurang dan jalur yang membutuhkannya. Zona waktu: WIB, WITA, atau WIT.
#
# Unit profile: replace every "[[ISI: ...]]" with your unit's details, then check it with the command
# above. The roster must name someone for every role this guideline can require. Time zone: WIB, WITA
# or WIT.
"""


def unit_profile_to_fill(example: str) -> str:
    """The example unit profile with every name, title, number and address replaced by a marked
    placeholder (the roles, the spokesperson role and the time zone stay, so the file validates)."""
    lines = example.splitlines()
    body = [line for line in lines[next((i for i, line in enumerate(lines) if line.startswith("kind:")), 0) :]]
    out: list[str] = []
    skip_deeper_than: int | None = None
    for line in body:
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None:
            if line.strip() and indent <= skip_deeper_than:
                skip_deeper_than = None
            else:
                continue
        match = _LINE.match(line)
        if match is not None and match["key"] == "timezone":
            out.append(f"{match['indent']}timezone: WIB  # [[ISI: WIB, WITA, atau WIT / WIB, WITA or WIT]]")
            continue
        if match is None or match["key"] not in _FILL or not match["value"].strip():
            out.append(line)
            continue
        if match["value"].strip() in (">-", ">", "|", "|-"):
            skip_deeper_than = indent
        what = _FILL[match["key"]][0] + " / " + _FILL[match["key"]][1]
        out.append(f'{match["indent"]}{match["key"]}: "{PLACEHOLDER.format(what=what)}"')
    return _PROFILE_HEADER + "\n".join(out) + "\n"


# --- the files a unit's repository adds --------------------------------------------------------------


def pre_commit_config(repository: str, rev: str) -> str:
    return f"""\
# pre-commit: periksa pedoman dan profil unit sebelum setiap commit. / Check before every commit.
#   pip install pre-commit && pre-commit install
repos:
  - repo: {_quoted(repository)}
    rev: {rev}  # tag rilis pasopati; naikkan dengan sengaja / a pasopati release tag; bump deliberately
    hooks:
      - id: pasopati-validate
      - id: pasopati-validate-unit
"""


def ci_workflow(install: str) -> str:
    return f"""\
# GitHub Actions: setiap push dan pull request memeriksa pedoman ini. / Every push and PR checks this guideline.
name: pedoman
on: [push, pull_request]
jobs:
  pasopati:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      checks: write  # for the JUnit report / untuk laporan JUnit
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "{install}"
      - name: pasopati validate
        run: pasopati validate . unit/unit.yaml --format github
      - name: pasopati test
        # only when the installed pasopati has the command / hanya bila perintahnya ada
        run: if pasopati test --help >/dev/null 2>&1; then pasopati test . --format github; fi
      - name: JUnit
        if: always()
        run: pasopati validate . unit/unit.yaml --format junit > pasopati-junit.xml
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: pasopati-junit
          path: pasopati-junit.xml
      - uses: mikepenz/action-junit-report@v4
        if: always()
        with:
          report_paths: pasopati-junit.xml
          check_name: pasopati validate
"""


def unit_readme(upstream: UpstreamRecord, guideline_name: str) -> str:
    return f"""\
# Pedoman komunikasi krisis unit

Folder ini adalah pedoman komunikasi krisis milik unit Anda, dimulai dari {guideline_name}
({upstream.name} {upstream.version}) dengan `pasopati init`. Asal-usulnya tercatat di
`playbooks/guideline.yaml` (`upstream:`); jangan mengubah catatan itu.

## Langkah pertama

1. Isi `unit/unit.yaml`: setiap `[[ISI: ...]]` diganti data unit (nama, alamat, zona waktu, petugas).
2. Sesuaikan `playbooks/` (tingkat, peran, tenggat, mitra) dan `templates/` (teks pernyataan).
3. Periksa: `pasopati validate . unit/unit.yaml` (tanpa argumen di folder ini: pedoman ini yang diperiksa).
4. Simpan di git. `.pre-commit-config.yaml` memeriksa setiap commit; `.github/workflows/pedoman.yml`
   memeriksa setiap push dan pull request.

Lihat juga `pasopati docs` (buku pegangan dari pedoman ini) dan `pasopati respond --guideline .`.

## Mengambil rilis baru

`.pasopati/upstream.tar.gz` menyimpan berkas {upstream.name} {upstream.version} persis seperti disalin;
simpan di git dan jangan diubah. Setelah memasang pasopati yang lebih baru, `pasopati upgrade --dry-run`
menampilkan apa yang berubah dan `pasopati upgrade` menggabungkannya dengan perubahan unit. Bagian yang
diubah kedua pihak dengan cara berbeda ditandai `<<<<<<< unit` ... `>>>>>>> upstream`; pilih isinya,
hapus penandanya, lalu `pasopati validate`.

---

# The unit's crisis communication guideline

This folder is your unit's own crisis communication guideline, started from {guideline_name}
({upstream.name} {upstream.version}) with `pasopati init`. Where it came from is recorded in
`playbooks/guideline.yaml` (`upstream:`); do not edit that record.

## First steps

1. Fill in `unit/unit.yaml`: replace every `[[ISI: ...]]` with the unit's details.
2. Adapt `playbooks/` (levels, roles, deadlines, partners) and `templates/` (statement texts).
3. Check: `pasopati validate . unit/unit.yaml` (with no argument inside this folder, this guideline is checked).
4. Keep it in git. `.pre-commit-config.yaml` checks every commit; `.github/workflows/pedoman.yml` checks
   every push and pull request.

## Taking a new release

`.pasopati/upstream.tar.gz` holds the files of {upstream.name} {upstream.version} exactly as copied; keep it
in git and leave it as is. After installing a newer pasopati, `pasopati upgrade --dry-run` shows what
would change and `pasopati upgrade` merges it with the unit's changes. What both sides changed differently
is left between `<<<<<<< unit` ... `>>>>>>> upstream`; choose, remove the markers, then `pasopati validate`.
"""

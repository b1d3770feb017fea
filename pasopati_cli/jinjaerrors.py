"""Jinja's syntax messages in our own words, by kind, with the fix (Indonesian; English keeps Jinja's
message and adds the fix where Jinja gives none)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pasopati_cli.problems import did_you_mean

_TAGS = [
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "include",
    "raw",
    "endraw",
    "macro",
    "endmacro",
    "with",
    "endwith",
    "filter",
    "endfilter",
]
_OPENERS = {"end of print statement": ("}}", "{{"), "end of statement block": ("%}", "{%")}


def jinja_reason(message: str, filters: Iterable[str] = ()) -> tuple[str, str]:
    """(Indonesian, English) for one of Jinja's syntax messages; unknown ones keep Jinja's English."""
    if found := re.match(r"Encountered unknown tag '(\w+)'", message):
        tag = found.group(1)
        waiting = re.search(r"looking for the following tags: (.*?)\.", message)
        if waiting:
            expected = waiting.group(1).replace(" or ", " atau ")
            return (
                f"tag '{{% {tag} %}}' tidak cocok di sini; blok yang terbuka menunggu {expected}",
                f"the tag '{{% {tag} %}}' does not fit here; the open block waits for {waiting.group(1)}",
            )
        if tag.startswith("end"):
            return (
                f"'{{% {tag} %}}' menutup blok yang tidak pernah dibuka; hapus atau tambahkan pembukanya",
                f"'{{% {tag} %}}' closes a block that was never opened; remove it or add its opening tag",
            )
        close_id, close_en = did_you_mean(tag, _TAGS)
        return f"tag '{{% {tag} %}}' tidak dikenal{close_id}", f"unknown tag '{{% {tag} %}}'{close_en}"
    if found := re.match(r"No filter named '(\w+)'", message):
        close_id, close_en = did_you_mean(found.group(1), filters)
        return f"filter '{found.group(1)}' tidak dikenal{close_id}", f"no filter named '{found.group(1)}'{close_en}"
    if found := re.match(r"unexpected end of template, expected '(end of print statement|end of statement block)'",
                         message):  # fmt: skip
        closing, opening = _OPENERS[found.group(1)]
        return (
            f"'{opening}' dibuka tetapi tidak ditutup dengan '{closing}' sebelum akhir templat",
            f"'{opening}' is opened but not closed with '{closing}' before the end of the template",
        )
    if found := re.match(r"expected token 'end of (print statement|statement block)', got '(.*)'", message):
        word = found.group(2)
        return (
            f"ada '{word}' yang tidak terduga di dalam tanda Jinja; pisahkan dengan operator atau filter ('|'), "
            "atau tulis teks biasa di luar '{{ }}'",
            f"unexpected '{word}' inside the Jinja tag; join it with an operator or a filter ('|'), "
            "or write plain text outside '{{ }}'",
        )
    if found := re.match(r"unexpected '([}\]%)])'", message):
        return (
            f"tanda '{found.group(1)}' tidak terduga; periksa pasangan '{{{{ }}}}', '{{% %}}' dan tanda kurung",
            f"unexpected '{found.group(1)}'; check that '{{{{ }}}}', '{{% %}}' and brackets come in pairs",
        )
    if found := re.match(r"unexpected char (.+) at \d+", message):
        char = found.group(1)
        return (
            f"karakter {char} tidak boleh ada di dalam tanda Jinja; teks bertanda kutip harus ditutup, dan teks "
            "biasa ditulis di luar '{{ }}'",
            f"character {char} cannot stand inside a Jinja tag; close quoted text, and write plain text outside "
            "'{{ }}'",
        )
    if message in ("tag name expected",) or message.startswith("Expected an expression"):
        return (
            "tanda Jinja kosong: tulis nama variabel di dalam '{{ }}' atau nama tag di dalam '{% %}'",
            "an empty Jinja tag: write a variable name inside '{{ }}' or a tag name inside '{% %}'",
        )
    return "tanda Jinja tidak dapat dibaca di sini", message


def render_reason(message: str) -> tuple[str, str]:
    """(Indonesian, English) for a failure while rendering (Jinja's or Python's words, by kind)."""
    if found := re.match(r"'(.+?)'(?: object)? has no attribute '(\w+)'", message):
        attribute = found.group(2)
        return (
            f"nilai itu tidak punya bagian '{attribute}'; periksa ejaan nama setelah titik, atau pakai "
            f"'{{{{ nilai.{attribute} | default('') }}}}' bila bagian itu boleh tidak ada",
            f"{message}; check the name after the dot, or use '| default('')' where it may be absent",
        )
    if "is not iterable" in message:
        return (
            "nilai ini bukan daftar, jadi tidak dapat diulang dengan '{% for %}'",
            f"{message}: '{{% for %}}' needs a list",
        )
    if "is not callable" in message:
        return "nilai ini bukan fungsi; hapus tanda kurung '()' di belakangnya", f"{message}: remove the '()'"
    if message.startswith(("unsupported operand", "can only concatenate", "'<' not supported", "'>' not supported")):
        return (
            "jenis nilai tidak cocok untuk operasi ini (misalnya angka dengan teks); samakan dengan filter "
            "'| int' atau '| string'",
            f"{message}; make the types agree with '| int' or '| string'",
        )
    if "by zero" in message:
        return "pembagian dengan nol; periksa nilai pembaginya dahulu dengan '{% if %}'", message
    return "kesalahan saat merender baris ini", message

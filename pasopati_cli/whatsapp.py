"""A statement as WhatsApp text: no Markdown, WhatsApp's own marks (*bold*, _italic_), and its length.

WhatsApp shows `*bold*`, `_italic_`, `~strike~` and lists that start with "- " or "1. "; anything else of
Markdown (headings, `**`, backslash line breaks, rules, links in brackets) would reach the reader as
stray signs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pasopati_cli.problems import Lang

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
_HARD_BREAK = re.compile(r"(\\| {2,})$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)


def to_whatsapp(markdown: str) -> str:
    """Markdown as written by a template -> text to paste into WhatsApp."""
    text = _RULE.sub("", markdown)
    text = _HARD_BREAK.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _EMPHASIS.sub(r"_\1_", text)  # Markdown's *italic* first, before **bold** becomes WhatsApp's *bold*
    text = _STRONG.sub(r"*\2*", text)
    text = _HEADING.sub(lambda m: f"*{m.group(1).strip('*')}*", text)
    text = _BULLET.sub(r"\1- ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def length_note(text: str, limits: Mapping[str, int], lang: Lang) -> str:
    """ "Panjang: 267 karakter (x 280: muat; threads 500: muat)" for the officer, on stderr."""
    size = len(text.strip())
    english = lang == "en"
    fits = []
    for name, limit in limits.items():
        if size <= limit:
            verdict = "fits" if english else "muat"
        else:
            verdict = f"{size - limit} too many" if english else f"lebih {size - limit}"
        fits.append(f"{name} {limit}: {verdict}")
    head = f"Length: {size} characters" if english else f"Panjang: {size} karakter"
    return head + (f" ({'; '.join(fits)})" if fits else "")

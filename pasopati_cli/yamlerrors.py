"""libyaml's syntax errors in our own words: what kind of mistake it is, where, and how to fix it.

libyaml reports the state of its parser ("while parsing a block collection ... did not find expected
key"); an officer needs the mistake ("this line is indented differently from the key above it").
The kinds below are those hand-made playbooks show most: a tab, bad indentation, a colon or a special
character in unquoted text, an unclosed bracket or quote, an undefined alias. Anything else keeps
libyaml's position and gets a translated reason (P004).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from pasopati_cli.problems import Problem, problem

# libyaml's own phrases, for the errors that fit no kind above (Indonesian; the English stays libyaml's).
_REASONS = {
    "found unknown escape character": "urutan escape dengan garis miring terbalik tidak dikenal dalam teks "
    "bertanda kutip ganda; pakai tanda kutip tunggal atau tulis \\\\",
    "did not find expected node content": "nilai yang diharapkan tidak ada di sini",
    "found incompatible YAML document": "versi YAML tidak didukung; hapus baris %YAML",
    "did not find expected '-' indicator": "butir daftar ('- ') tidak sejajar dengan butir di atasnya",
    "found unexpected ':'": "titik dua di tempat yang tidak terduga; beri tanda kutip pada teksnya",
    "could not find expected ':'": "titik dua setelah kunci tidak ditemukan",
    "found duplicate anchor": "jangkar (&nama) yang sama dipakai dua kali",
    "found unexpected end of stream": "berkas berakhir di tengah nilai",
    "did not find expected key": "baris ini tidak dapat dibaca sebagai 'kunci: nilai'",
}
_AFTER_QUOTE = "ada teks setelah tanda kutip penutup; masukkan seluruh teks ke dalam tanda kutip"
_SPECIAL_START = "@`%*&!|>?"


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _char(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    line = _line(text, mark.line)
    return line[mark.column] if 0 <= mark.column < len(line) else ""


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#:][^'"#]*?:\s+|-\s+)?(['"])""")


def _unclosed_quote(text: str, before: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the first value before line `before` that opens a quote and does not close
    it on its own line. Legal in YAML (a quoted text may run over lines), but in a playbook it is nearly
    always a forgotten quote, which libyaml reports only where the next quote happens to stand."""
    for index, line in enumerate(text.splitlines()[:before]):
        found = _QUOTED_VALUE.match(line)
        if found is None:
            continue
        quote, rest = found.group(1), line[found.end() :]
        rest = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in rest:
            return index, found.start(1), quote
    return None


def _open_bracket(text: str, end: int) -> tuple[int, int, str] | None:
    """(line, column, bracket) of the innermost '[' or '{' still open at character `end`, skipping quoted
    text and comments; None when every bracket is closed."""
    stack: list[tuple[int, int, str]] = []
    line = column = 0
    quote = ""
    previous = "\n"
    index = 0
    limit = min(end, len(text))
    while index < limit:
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (previous in " \t\n[{,:"):
            quote = char
        elif char == "#" and previous in " \t\n":
            newline = text.find("\n", index)
            index, column = (limit, column) if newline < 0 else (newline, column + newline - index)
            continue
        elif char in "[{":
            stack.append((line, column, char))
        elif char in "]}" and stack:
            stack.pop()
        if char == "\n":
            line, column = line + 1, 0
        else:
            column += 1
        previous = char
        index += 1
    return stack[-1] if stack else None


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, line_offset: int) -> Problem:
    """One located problem for a YAML syntax error, by kind, with its fix."""
    mark = exc.problem_mark or exc.context_mark
    context_mark = exc.context_mark

    def at(found: yaml.Mark | None, code: str, **args: Any) -> Problem:
        found = found or mark
        line = found.line + 1 + line_offset if found else 1 + line_offset
        column = found.column + 1 if found else 1
        return problem(code, file=file, line=line, column=column, **args)

    context, reason = str(exc.context or ""), str(exc.problem or "")
    char = _char(text, exc.problem_mark)
    if exc.problem_mark is not None and (opened := _unclosed_quote(text, exc.problem_mark.line)) is not None:
        line, column, quote = opened
        return problem("P023", file=file, line=line + 1 + line_offset, column=column + 1, opening=quote, closing=quote)
    if "tab" in reason or (char == "\t" and "cannot start any token" in reason):
        return at(exc.problem_mark, "P020")
    if "undefined alias" in reason and exc.problem_mark is not None:
        found = re.match(r"\*([^\s,\]}]+)", _line(text, exc.problem_mark.line)[exc.problem_mark.column :])
        return at(exc.problem_mark, "P024", name=found.group(1) if found else "?")
    if "quoted scalar" in context and "end of stream" in reason:
        quote = _char(text, context_mark) or '"'
        return at(context_mark, "P023", opening=quote, closing=quote)
    if "flow node" in context and exc.problem_mark is not None:
        lines = text.splitlines(keepends=True)
        end = sum(len(line) for line in lines[: exc.problem_mark.line]) + exc.problem_mark.column
        opened = _open_bracket(text, end)
        if opened is not None:
            line, column, bracket = opened
            closing = "]" if bracket == "[" else "}"
            return problem(
                "P023", file=file, line=line + 1 + line_offset, column=column + 1, opening=bracket, closing=closing
            )
    if "flow sequence" in context or "flow mapping" in context:
        opening = "[" if "sequence" in context else "{"
        closing = "]" if opening == "[" else "}"
        # A colon on the bracket's own line is text that needed quotes; a later line means it was not closed.
        opened_on = context_mark.line if context_mark is not None else -1
        if exc.problem_mark is not None and exc.problem_mark.line == opened_on and char == ":":
            return at(exc.problem_mark, "P022", char=":")
        return at(context_mark, "P023", opening=opening, closing=closing)
    if "cannot start any token" in reason or "expected alphabetic or numeric character" in reason:
        char = char if "cannot start" in reason else _char(text, context_mark)
        if char and char in _SPECIAL_START:
            return at(exc.problem_mark if "cannot start" in reason else context_mark, "P022", char=char)
    if "mapping values are not allowed" in reason and exc.problem_mark is not None:
        before = _line(text, exc.problem_mark.line)[: exc.problem_mark.column]
        if ": " in before or before.rstrip().endswith(":"):
            return at(exc.problem_mark, "P022", char=":")
        return at(exc.problem_mark, "P021")
    if "did not find expected key" in reason and "block mapping" in context and exc.problem_mark is not None:
        before = _line(text, exc.problem_mark.line)[: exc.problem_mark.column].rstrip()
        if before.endswith(("'", '"')) and before.lstrip(" -").partition(": ")[2]:
            english = "text after the closing quote; put the whole text inside the quotes"
            return at(exc.problem_mark, "P004", reason=_AFTER_QUOTE, reason_en=english)
        return at(exc.problem_mark, "P021")
    if "single document" in context:
        return at(exc.problem_mark, "P006")
    translated = _REASONS.get(reason, "struktur YAML tidak dapat dibaca di sini")
    english = " ".join(filter(None, [exc.context, exc.problem]))
    return at(exc.problem_mark, "P004", reason=translated, reason_en=english)

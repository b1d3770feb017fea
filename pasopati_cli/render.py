"""Statement rendering in a sandboxed Jinja2 environment. Pure: templates and values in, text out.

Values typed by the officer are context data, never template source, so `{{ 7*7 }}` typed as a fact
comes out literally. StrictUndefined turns a missing value into an error that names it. The sandbox
refuses attribute tricks such as `''.__class__.__mro__` in a hostile template.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping
from contextlib import suppress
from datetime import date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    DictLoader,
    FileSystemBytecodeCache,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pasopati_cli import clock
from pasopati_cli.model import Variable, range_words
from pasopati_cli.problems import Lang, Problem, problem

# Names every template may use without declaring them: the render context always provides them.
BUILTIN_NAMES = frozenset({"unit", "spokesperson", "roster", "incident", "lang", "now", "exercise"})


def _lang(context: Context) -> Lang:
    return "en" if context.get("lang") == "en" else "id"


@pass_context
def _tanggal(context: Context, value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return clock.format_date(value, _lang(context))


@pass_context
def _jam(context: Context, value: datetime) -> str:
    return clock.format_time(value, _lang(context))


@pass_context
def _tanggal_jam(context: Context, value: datetime) -> str:
    return clock.format_datetime(value, _lang(context))


def initials(name: str) -> str:
    """'Budi Santoso' -> 'B.S.': inmates and victims appear by initials only."""
    letters = [part[0].upper() for part in re.split(r"[\s.]+", str(name)) if part and part[0].isalpha()]
    return "".join(f"{letter}." for letter in letters)


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs (keyed by name and a checksum of the source); a cache that cannot
    be read or written is simply not used."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


@lru_cache(maxsize=1)
def bytecode_cache() -> BytecodeCache | None:
    """`PASOPATI_CACHE` (or the user's cache folder)/jinja-<versions>; None when `PASOPATI_CACHE=off`."""
    import jinja2

    from pasopati_cli import __version__

    setting = os.environ.get("PASOPATI_CACHE")
    if setting == "off":
        return None
    if setting:
        base = Path(setting)
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("pasopati", appauthor=False))
    folder = base / f"jinja-{__version__}-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


def environment(templates: Mapping[str, str], cached: bool = False) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, no HTML escaping (statements are Markdown).

    `cached`: compiled templates come from, and go to, the bytecode cache (rendering; validation always
    parses, since it reports syntax errors)."""
    env = ImmutableSandboxedEnvironment(
        bytecode_cache=bytecode_cache() if cached else None,
        loader=DictLoader(templates),  # a lazy mapping: templates load on first use
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(tanggal=_tanggal, jam=_jam, tanggal_jam=_tanggal_jam, inisial=initials)
    return env


def render_template(
    templates: Mapping[str, str],
    name: str,
    context: Mapping[str, Any],
    *,
    file: str | None = None,
    first_line: int = 1,
) -> tuple[str | None, list[Problem]]:
    """Render template `name` with `context`; a failure is one located problem."""
    env = environment(templates, cached=True)
    try:
        return env.get_template(name).render(**context), []
    except SecurityError as exc:
        return None, [problem("P304", file=file, reason=exc)]
    except TemplateSyntaxError as exc:
        line = first_line + exc.lineno - 1 if exc.lineno else None
        return None, [problem("P301", file=file, line=line, reason=exc.message)]
    except TemplateError as exc:
        missing = re.match(r"'(\w+)' is undefined", str(exc))
        if missing:
            return None, [problem("P404", file=file, name=missing.group(1))]
        return None, [problem("P305", file=file, reason=exc)]
    except (TypeError, ValueError, AttributeError, ArithmeticError) as exc:
        return None, [problem("P305", file=file, reason=exc)]


# --- facts: what the officer types, as typed values ------------------------------------------------


class InvalidFact(ValueError):
    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.id_text, self.en_text = id_text, en_text


_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H.%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%d-%m-%Y %H:%M")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_TIME_FORMATS = ("%H:%M", "%H.%M")


def coerce_fact(variable: Variable, raw: object, zone: tzinfo, reference: datetime) -> object:
    """A declared variable's value from text or YAML.

    A time typed without a date is placed relative to `reference` (the incident's start while it is
    being recorded, or now) following the variable's `tense`: see `clock.time_on_day`."""
    kind = variable.type
    if kind in ("text", "long_text"):
        return str(raw).strip()
    if kind == "integer":
        if isinstance(raw, bool):
            raise InvalidFact("harus bilangan bulat", "must be a whole number")
        try:
            number = raw if isinstance(raw, int) else int(str(raw).strip())
        except ValueError:
            raise InvalidFact("harus bilangan bulat, mis. 3", "must be a whole number, e.g. 3") from None
        if number < variable.lowest or (variable.max is not None and number > variable.max):
            words_id, words_en = range_words(variable.lowest, variable.max)
            raise InvalidFact(f"harus {words_id}", f"must be {words_en}")
        return number
    if kind == "yes_no":
        text = str(raw).strip().lower()
        if isinstance(raw, bool) or text in ("ya", "y", "yes", "true", "tidak", "t", "n", "no", "false"):
            return raw if isinstance(raw, bool) else text in ("ya", "y", "yes", "true")
        raise InvalidFact("jawab ya atau tidak", "answer yes or no")
    if kind == "choice":
        if str(raw) in variable.choices:
            return str(raw)
        listed = ", ".join(variable.choices)
        raise InvalidFact(f"pilih salah satu: {listed}", f"choose one of: {listed}")
    if kind == "date":
        if isinstance(raw, date):
            return raw.date() if isinstance(raw, datetime) else raw
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(str(raw).strip(), fmt).date()
            except ValueError:
                continue
        raise InvalidFact("tanggal seperti 2025-11-26 atau 26/11/2025", "a date such as 2025-11-26 or 26/11/2025")
    return _coerce_moment(variable, raw, zone, clock.localize(reference, zone))


def _coerce_moment(variable: Variable, raw: object, zone: tzinfo, reference: datetime) -> datetime:
    if isinstance(raw, datetime):
        return clock.localize(raw, zone)
    text = str(raw).strip()
    formats = _TIME_FORMATS if variable.type == "time" else _DATETIME_FORMATS + _TIME_FORMATS
    for fmt in formats:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt in _TIME_FORMATS:
            return clock.time_on_day(parsed.time(), reference, variable.tense)
        return parsed.replace(tzinfo=zone)
    if variable.type == "datetime":
        try:
            return clock.localize(datetime.fromisoformat(text), zone)
        except ValueError:
            pass
    if variable.type == "time":
        raise InvalidFact("jam seperti 14.35", "a time such as 14:35")
    raise InvalidFact(
        "tanggal dan jam seperti 2025-11-26 14.35 (atau jam saja, 14.35)",
        "a date and time such as 2025-11-26 14:35 (or a time alone, 14:35)",
    )


def tense_conflict(variable: Variable, value: object, now: datetime) -> tuple[str, str] | None:
    """Why a moment typed for a past-tense variable lies ahead, or a future one behind (id, en); else None.

    The prompt asks the officer to confirm such a value rather than refusing it: recording an incident
    after the fact legitimately gives a "next update" that has passed."""
    if variable.tense is None or not isinstance(value, date):
        return None
    when, when_en = clock.format_datetime(now), clock.format_datetime(now, "en")
    if isinstance(value, datetime):
        ahead, behind = value > now + clock.SKEW, value < now - clock.SKEW
    else:
        ahead, behind = value > now.date(), value < now.date()
    if variable.tense == "past" and ahead:
        return f"waktu itu belum terjadi (sekarang {when})", f"that time has not come yet (it is now {when_en})"
    if variable.tense == "future" and behind:
        return f"waktu itu sudah lewat (sekarang {when})", f"that time has already passed (it is now {when_en})"
    return None


# --- output formats -----------------------------------------------------------------------------------

OUTPUT_FORMATS = ("markdown", "text", "html")
SUFFIXES = {"markdown": ".md", "text": ".txt", "html": ".html"}


def to_format(markdown: str, output_format: str, title: str, lang: str = "id") -> str:
    """Markdown as written by the template; plain text without its marks; HTML with raw HTML escaped."""
    if output_format == "markdown":
        return markdown
    if output_format == "text":
        text = re.sub(r"^#{1,6}[ \t]*", "", markdown, flags=re.MULTILINE)
        text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
        text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
        text = re.sub(r"^[ \t]*[-*][ \t]+", "- ", text, flags=re.MULTILINE)
        text = re.sub(r"(\\| {2,})$", "", text, flags=re.MULTILINE)  # hard line breaks: the line break stays
        return re.sub(r"^-{3,}\s*$", "", text, flags=re.MULTILINE)
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    safe_title = html.escape(title)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{safe_title}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )

"""Statement rendering in a sandboxed Jinja2 environment. Pure: templates and values in, text out.

Values typed by the officer are context data, never template source, so `{{ 7*7 }}` typed as a fact
comes out literally. StrictUndefined turns a missing value into an error that names it. The sandbox
refuses attribute tricks such as `''.__class__.__mro__` in a hostile template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from jinja2 import DictLoader, StrictUndefined, TemplateError, TemplateSyntaxError, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pasopati_cli import clock
from pasopati_cli.problems import Lang, Problem, problem

# Names every template may use without declaring them: the render context always provides them.
BUILTIN_NAMES = frozenset({"unit", "spokesperson", "incident", "lang", "now", "exercise"})


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


def environment(templates: Mapping[str, str]) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, no HTML escaping (statements are Markdown)."""
    env = ImmutableSandboxedEnvironment(
        loader=DictLoader(dict(templates)),
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
    env = environment(templates)
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

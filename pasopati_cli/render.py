"""Statement rendering in a sandboxed Jinja2 environment. Pure: templates and values in, text out.

Values typed by the officer are context data, never template source, so `{{ 7*7 }}` typed as a fact
comes out literally. StrictUndefined turns a missing value into an error that names it. The sandbox
refuses attribute tricks such as `''.__class__.__mro__` in a hostile template.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any, NoReturn, cast

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.idtracking import VAR_LOAD_RESOLVE
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pasopati_cli import clock, counts
from pasopati_cli.model import Variable, range_words
from pasopati_cli.problems import Lang, Problem, problem
from pasopati_cli.quantity import FORMS as QUANTITY_FORMS
from pasopati_cli.quantity import InvalidQuantity
from pasopati_cli.sandbox import BoundedSandbox, Refused, bounded_output, memory_budget

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


class MissingEnglish(Exception):
    """An English statement used a value that exists only in Indonesian (see `Untranslated`)."""

    def __init__(self, name: str, fix_id: str, fix_en: str) -> None:
        super().__init__(f"'{name}' has no English: {fix_en}")
        self.name, self.fix_id, self.fix_en = name, fix_id, fix_en


class Untranslated:
    """Stands in an English statement's context for a value that was given only in Indonesian (a fact, an
    office name, a title). Whatever the template does with it (print, test, compare, filter, concatenate)
    raises MissingEnglish, which the renderer reports at that template line; a value the template never
    touches costs nothing. `fix_id`/`fix_en` say where the English comes from (a flag, a file key)."""

    __slots__ = ("fix_en", "fix_id", "name")

    def __init__(self, name: str, fix_id: str, fix_en: str) -> None:
        self.name, self.fix_id, self.fix_en = name, fix_id, fix_en

    def refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise MissingEnglish(self.name, self.fix_id, self.fix_en)

    __str__ = __bool__ = __len__ = __iter__ = __contains__ = __getitem__ = __call__ = refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = refuse
    __add__ = __radd__ = __mul__ = __rmul__ = __mod__ = __format__ = refuse
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"Untranslated({self.name!r})"


def untranslated_fact(name: str, source: str | None) -> Untranslated:
    """A statement fact given per language without `en`; `source` is where it came from (a file, "jurnal")."""
    if source == "jurnal":
        return Untranslated(
            name,
            f"jurnal hanya menyimpannya dari pernyataan berbahasa Indonesia; beri dalam bahasa Inggris dengan "
            f"--set {name}=NILAI",
            f"the journal holds it only from an Indonesian statement; give it in English with --set {name}=VALUE",
        )
    where_id, where_en = (f" di {source}", f" in {source}") if source else ("", "")
    return Untranslated(
        name,
        f"tambahkan nilai 'en'{where_id} ({name}: {{id: ..., en: ...}}) atau beri dengan --set {name}=NILAI",
        f"add an 'en' value{where_en} ({name}: {{id: ..., en: ...}}) or give it with --set {name}=VALUE",
    )


def in_language(lang: Lang, indonesian: str | None, english: str | None, name: str, key: str) -> object:
    """A unit-profile text for a statement in `lang`: in English its English field (`key`, e.g.
    `roster.humas.title_en`); an Indonesian text without one stands there as Untranslated."""
    if lang != "en":
        return indonesian or ""
    if english:
        return english
    if not indonesian:
        return ""
    return Untranslated(name, f"tambahkan {key} di profil unit (--unit)", f"add {key} to the unit profile (--unit)")


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs (keyed by name and a checksum of the source); a cache that cannot
    be read or written is simply not used."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


# Compiled code depends on the environment's settings (the sandbox's intercepted operators, its code generator,
# finalize): bump this when they change, so that no code compiled under the old settings is loaded from the cache.
ENVIRONMENT_REVISION = 5
RENDER_SECONDS = 5.0


class RenderTooLong(Exception):
    """A render ran past RENDER_SECONDS."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Stop what runs inside after `seconds` with RenderTooLong (a hostile template's nested loops would
    otherwise hang the officer's terminal). Where a timer signal is not available (Windows, a thread other
    than the main one) there is no limit."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise RenderTooLong

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    folder = base / f"jinja-{__version__}-{jinja2.__version__}-e{ENVIRONMENT_REVISION}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates held in memory for one run: validation compiles each template once to check it
    (`keep`), and its trial render loads that code instead of compiling the template again."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, CodeType]] = {}

    def keep(self, env: Environment, name: str, source: str, code: CodeType) -> None:
        bucket = self.get_bucket(env, name, name, source)
        bucket.code = code
        self.set_bucket(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.codes.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.codes[bucket.key] = (bucket.checksum, bucket.code)


class _ContextNamesNoted(CodeGenerator):
    """Code generation that also notes, per template, every name its code reads from the render context:
    what `jinja2.meta.find_undeclared_variables` finds by running the code generator a second time over
    the template (without writing), here found by the pass that compiles it. The code is unchanged."""

    def enter_frame(self, frame: Frame) -> None:
        super().enter_frame(frame)
        noted = cast(CheckingSandbox, self.environment).context_names.setdefault(self.name or "", set())
        known = self.environment.globals
        loads = frame.symbols.loads.values()
        noted.update(param for action, param in loads if action == VAR_LOAD_RESOLVE and param not in known)


class CheckingSandbox(BoundedSandbox):
    """The sandbox as validation compiles in: `compile` notes each template's context names in
    `context_names` (template name -> names), so a template is generated once to be both checked and
    rendered. The compiled code is the same as BoundedSandbox's."""

    # the bounded sandbox's code generator (whatever it is) with the noting above mixed in first
    code_generator_class = cast(
        Any, type("CheckingCode", (_ContextNamesNoted, BoundedSandbox.code_generator_class), {})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context_names: dict[str, set[str]] = {}


class _Templates(BaseLoader):
    """Template bodies by name (a lazy mapping: templates load on first use). The name is also the file name
    Jinja compiles under, so a traceback through a template names it (see `failure_location`)."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self.templates = templates

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from jinja2 import TemplateNotFound

        try:
            source = self.templates[template]
        except KeyError:
            raise TemplateNotFound(template) from None
        return source, template, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates)


def environment(
    templates: Mapping[str, str],
    cached: bool = False,
    bytecode: BytecodeCache | None = None,
    sandbox: type[BoundedSandbox] = BoundedSandbox,
) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, no HTML escaping (statements are Markdown).

    `cached`: compiled templates come from, and go to, the bytecode cache (rendering; validation always
    parses, since it reports syntax errors). `bytecode`: another cache, e.g. validation's in-memory one.
    `sandbox`: CheckingSandbox for validation, which notes the names each template reads as it compiles."""
    env = sandbox(
        bytecode_cache=bytecode or (bytecode_cache() if cached else None),
        loader=_Templates(templates),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.tests.update(known=counts.is_known, diketahui=counts.is_known)
    env.filters.update(tanggal=_tanggal, jam=_jam, tanggal_jam=_tanggal_jam, inisial=initials, jumlah=_jumlah)
    return env


@pass_context
def _jumlah(context: Context, value: object, lang: str | None = None, awal: bool = False, surat: bool = False) -> str:
    """A count as a reporter writes it (see counts.phrase); `lang` for partials imported without context."""
    chosen: Lang = "en" if (lang or _lang(context)) == "en" else "id"
    return counts.phrase(value, chosen, start=awal, letters=surat)


@pass_context
def _finalize(context: Context, value: object) -> object:
    return counts.finalize(value, _lang(context))


# --- syntax errors ----------------------------------------------------------------------------------

# Tags that open a block closed by `end<tag>` (`set` only in its block form, without `=`).
_BLOCK_TAGS = frozenset({"if", "for", "macro", "call", "filter", "block", "set", "with", "autoescape"})


def unclosed_blocks(env: Environment, body: str) -> list[tuple[str, int, int | None]]:
    """(tag, line, column) in `body` of every block tag that is never closed, from the top. Jinja itself
    only says that the template ended, at its last line; a stack over the lexer's block tags finds where
    the block was opened."""
    try:
        tokens = [(line, kind, value) for line, kind, value in env.lex(body) if kind != "whitespace"]
    except TemplateSyntaxError:
        return []
    lines = body.splitlines()
    stack: list[tuple[str, int, int | None]] = []
    on_line: dict[tuple[str, int], int] = {}
    for index, (line, kind, _) in enumerate(tokens):
        if kind != "block_begin" or index + 1 >= len(tokens) or tokens[index + 1][1] != "name":
            continue
        tag = str(tokens[index + 1][2])
        end = next((i for i in range(index + 1, len(tokens)) if tokens[i][1] == "block_end"), len(tokens))
        if tag in _BLOCK_TAGS and not (tag == "set" and ("operator", "=") in [t[1:] for t in tokens[index:end]]):
            count = on_line[tag, line] = on_line.get((tag, line), -1) + 1
            stack.append((tag, line, _tag_column(lines, line, rf"\{{%[-+]?\s*{tag}\b", count)))
        elif tag.startswith("end"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == tag[3:]:
                    del stack[depth:]
                    break
    return stack


def _tag_column(lines: list[str], line: int, pattern: str, count: int) -> int | None:
    """1-based column of the `count`-th (from 0; -1: the last) match of `pattern` on `line`."""
    found = [match.start() + 1 for match in re.finditer(pattern, lines[line - 1])] if line <= len(lines) else []
    try:
        return found[count]
    except IndexError:
        return None


def syntax_problems(
    env: Environment, exc: TemplateSyntaxError, body: str, file: str | None, first_line: int
) -> list[Problem]:
    """A syntax error (P301) at the template's line. A block, `raw` or comment that is never closed is
    reported where it opens, in both languages; any other error at Jinja's line, with Jinja's message."""

    def unclosed(opening: str, closing: str, line: int, column: int | None, block: bool = True) -> Problem:
        at = first_line + line - 1
        if block:
            reason = f"blok '{opening}' di baris {at} tidak ditutup ('{closing}' tidak ada)"
            reason_en = f"the '{opening}' block opened on line {at} is never closed (no '{closing}')"
        else:
            reason = f"komentar '{opening}' di baris {at} tidak ditutup ('{closing}' tidak ada)"
            reason_en = f"the comment '{opening}' opened on line {at} is never closed (no '{closing}')"
        return problem("P301", file=file, line=at, column=column, reason=reason, reason_en=reason_en)

    lines, message = body.splitlines(), exc.message or ""
    if message.startswith("Unexpected end of template") and (found := unclosed_blocks(env, body)):
        return [unclosed(f"{{% {tag} %}}", f"{{% end{tag} %}}", line, column) for tag, line, column in found]
    if exc.lineno and message == "Missing end of raw directive":
        column = _tag_column(lines, exc.lineno, r"\{%[-+]?\s*raw\s*[-+]?%\}", -1)
        return [unclosed("{% raw %}", "{% endraw %}", exc.lineno, column)]
    if exc.lineno and message == "Missing end of comment tag":
        return [unclosed("{#", "#}", exc.lineno, _tag_column(lines, exc.lineno, r"\{#", -1), block=False)]
    line = first_line + exc.lineno - 1 if exc.lineno else None
    return [problem("P301", file=file, line=line, reason=message, reason_en=message)]


# Where a template lives: its file as reported, and the file line of its body's first line.
Where = Callable[[str], tuple[str | None, int]]


def failure_location(exc: BaseException) -> list[tuple[str, int]]:
    """(template name, line in its body) of every template frame an exception passed through, innermost
    first. Jinja rewrites a render failure's traceback so that each frame of template code carries the
    template's file name (here its name, see `_Templates`) and the template line."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return frames[::-1]


def _located(found: Problem, exc: BaseException, template: str, first_line: int, where: Where | None) -> Problem:
    """A render failure at the innermost template line whose file is known: `template`'s own, or (with `where`)
    an included or imported template's, which then says which template was being rendered."""
    for frame_name, line in failure_location(exc):
        if frame_name == template:
            return replace(found, line=first_line + line - 1)
        if where is not None:
            try:
                other_file, other_first = where(frame_name)
            except KeyError:
                continue
            via = found.file or template
            args = {**found.args, "via": f" (saat merender {via})", "via_en": f" (while rendering {via})"}
            return replace(found, file=other_file, line=other_first + line - 1, args=args)
    return found


def render_template(
    templates: Mapping[str, str],
    name: str,
    context: Mapping[str, Any],
    *,
    file: str | None = None,
    first_line: int = 1,
    where: Where | None = None,
    bytecode: BytecodeCache | None = None,
    globals: Mapping[str, Any] | None = None,
) -> tuple[str | None, list[Problem]]:
    """Render template `name` with `context`; a failure is one problem, at the template line where it
    happened (`where` locates the other templates it includes or imports). `globals`: names every template
    of the render sees, imported ones too (the branch tracer of `pasopati test`)."""
    env = environment(templates, cached=True, bytecode=bytecode)
    env.globals.update(globals or {})

    def failed(exc: BaseException, code: str, reason: object, reason_en: object = None) -> tuple[None, list[Problem]]:
        found = problem(code, file=file, reason=reason, reason_en=reason if reason_en is None else reason_en)
        return None, [_located(found, exc, name, first_line, where)]

    try:
        with time_budget(RENDER_SECONDS), memory_budget():
            return bounded_output(env.get_template(name).generate(**context)), []
    except RenderTooLong as exc:
        seconds = f"{RENDER_SECONDS:g}"
        reason = f"perenderan melebihi {seconds} detik; ada perulangan yang jauh terlalu besar"
        return failed(exc, "P305", reason, f"rendering took longer than {seconds} s; a loop is far too large")
    except Refused as exc:
        return failed(exc, "P304", exc.id_text, exc.en_text)
    except MissingEnglish as exc:
        found = problem("P308", file=file, name=exc.name, fix=exc.fix_id, fix_en=exc.fix_en)
        return None, [_located(found, exc, name, first_line, where)]
    except SecurityError as exc:
        return failed(exc, "P304", exc)
    except MemoryError as exc:
        reason = "perenderan memerlukan memori jauh lebih banyak daripada yang diizinkan"
        return failed(exc, "P305", reason, "rendering needed far more memory than allowed")
    except RecursionError as exc:
        reason = "rekursi terlalu dalam: makro atau include yang memanggil dirinya sendiri tanpa henti"
        return failed(exc, "P305", reason, "recursion too deep: a macro or include that calls itself without end")
    except TemplateSyntaxError as exc:
        broken = exc.name or name
        if broken != name and where is not None:
            with suppress(KeyError):
                file, first_line = where(broken)
        return None, syntax_problems(env, exc, templates.get(broken, ""), file, first_line)
    except TemplateError as exc:
        missing = re.match(r"'(\w+)' is undefined", str(exc))
        if missing:
            found = problem("P404", file=file, name=missing.group(1))
            return None, [_located(found, exc, name, first_line, where)]
        return failed(exc, "P305", exc)
    except (TypeError, ValueError, AttributeError, ArithmeticError, LookupError, AssertionError) as exc:
        return failed(exc, "P305", exc)  # AssertionError: a filter's own check, e.g. truncate shorter than its end


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
        words_id, words_en = range_words(variable.lowest, variable.max)
        try:
            count = counts.coerce(raw, variable.name)
        except InvalidQuantity:
            if str(raw).strip().lstrip("-").isdigit():
                raise InvalidFact(f"harus {words_id}", f"must be {words_en}") from None
            raise InvalidFact(
                f"harus jumlah: {QUANTITY_FORMS['id']}", f"must be a count: {QUANTITY_FORMS['en']}"
            ) from None
        number = count if isinstance(count, int) else count.quantity.value
        if number is not None and (number < variable.lowest or (variable.max is not None and number > variable.max)):
            raise InvalidFact(f"harus {words_id}", f"must be {words_en}")
        return count
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
        except (ValueError, OverflowError):
            pass
        # The forms an officer types: "tadi 18.15", "kemarin 23.50", "10 Maret 18.15", "18.15 WITA".
        from pasopati_cli.moments import InvalidMoment, parse_moment

        try:
            return parse_moment(text, reference, zone, variable.tense or "past").moment
        except InvalidMoment:
            pass
    if variable.type == "time":
        raise InvalidFact("jam seperti 14.35", "a time such as 14:35")
    raise InvalidFact(
        "tanggal dan jam seperti 2025-11-26 14.35, 10 Maret 14.35, kemarin 23.50 (atau jam saja, 14.35)",
        "a date and time such as 2025-11-26 14:35, 10 March 14:35, yesterday 23:50 (or a time alone, 14:35)",
    )


FAR_AHEAD = timedelta(hours=12)  # a promised time further ahead than this is said back and confirmed


def tense_conflict(variable: Variable, value: object, now: datetime) -> tuple[str, str] | None:
    """Why a moment typed for a past-tense variable lies ahead, or a future one behind or more than half a
    day ahead (a bare "14.00" typed at 15.33 is tomorrow's), in (id, en); else None.

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
    if variable.tense == "future" and isinstance(value, datetime) and value - now > FAR_AHEAD:
        # "14.00" typed at 15.33 is tomorrow's 14.00: said in full before a statement promises it
        hours = int((value - now).total_seconds() // 3600)
        return f"{hours} jam lagi (sekarang {when})", f"{hours} hours from now (it is now {when_en})"
    return None


# --- output formats -----------------------------------------------------------------------------------

OUTPUT_FORMATS = ("markdown", "text", "html", "whatsapp")
SUFFIXES = {"markdown": ".md", "text": ".txt", "html": ".html", "whatsapp": ".txt"}


def to_format(markdown: str, output_format: str, title: str, lang: str = "id") -> str:
    """Markdown as written by the template; plain text without its marks; HTML with raw HTML escaped."""
    if output_format == "markdown":
        return markdown
    if output_format == "whatsapp":
        from pasopati_cli.whatsapp import to_whatsapp

        return to_whatsapp(markdown)
    if output_format == "text":
        text = re.sub(r"^#{1,6}[ \t]*", "", markdown, flags=re.MULTILINE)
        text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
        text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
        text = re.sub(r"^[ \t]*[-*][ \t]+", "- ", text, flags=re.MULTILINE)
        text = re.sub(r"(\\| {2,})$", "", text, flags=re.MULTILINE)  # hard line breaks: the line break stays
        return re.sub(r"^-{3,}\s*$", "", text, flags=re.MULTILINE)
    import html  # only for HTML output: it loads the table of every character entity

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    safe_title = html.escape(title)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{safe_title}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )

"""The bounds of the template sandbox: what one expression of a template may cost.

A hostile template (a third-party guideline, a unit's fork) must neither exhaust memory nor hang the officer's
terminal. The render's time budget (`render.time_budget`) stops loops written in the template, but not one call
that runs in C, such as `'x'.center(1500000000)` or `'%.1500000000f' % 1.0`. So every operation that can build
a large value from a short template is checked before it runs: widths, paddings and precisions (string methods
and filters, `str.format` specs, %-formats), repetition, concatenation, joins and replacements, big integers,
and the size of the rendered text. What slips past these meets the memory budget while rendering (an
address-space limit, Linux) as a MemoryError, which the renderer reports like any other failure.

Only Jinja's public sandbox hooks are used: `call`, `call_binop`, `wrap_str_format`, the filters table and
the code generator class (for `~`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, time
from functools import update_wrapper
from pathlib import Path
from typing import Any

from jinja2 import nodes, pass_environment, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

# A statement is a page or two; these bound what a hostile template can make a render do.
MAX_WIDTH = 10_000  # a width, a padding, a precision, a tab size, a count of filler items
MAX_LENGTH = 1_000_000  # characters of a text built by the template, items of a list, characters of the output
MAX_REPEAT = 100_000  # items or characters from `sequence * n`
MAX_EXPONENT = 100
MAX_INT_BITS = 100_000  # about 30,000 digits: more than any count or date needs
MEMORY_HEADROOM = 1 << 30  # bytes a render may add to the process


class Refused(SecurityError):
    """An operation the bounds refuse, with its reason in both languages."""

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.id_text, self.en_text = id_text, en_text


def _shown(number: object) -> str:
    text = str(number)
    return text if len(text) <= 20 else text[:20] + "…"


def check_width(operation: str, width: object) -> None:
    """Refuse a width, padding or precision past MAX_WIDTH: a number, or the digits of one in a format."""
    if isinstance(width, str):
        too_wide = width.isdigit() and (len(width) > len(str(MAX_WIDTH)) or int(width) > MAX_WIDTH)
    else:
        too_wide = isinstance(width, int) and abs(width) > MAX_WIDTH
    if too_wide:
        raise Refused(
            f"'{operation}' dengan lebar {_shown(width)} ditolak (paling banyak {MAX_WIDTH})",
            f"'{operation}' with a width of {_shown(width)} is refused (at most {MAX_WIDTH})",
        )


def check_length(operation: str, size: int) -> None:
    """Refuse an operation that would build a text or list of more than MAX_LENGTH characters or items."""
    if size > MAX_LENGTH:
        raise Refused(
            f"'{operation}' akan menghasilkan sekitar {size} karakter atau unsur (paling banyak {MAX_LENGTH})",
            f"'{operation}' would build about {size} characters or items (at most {MAX_LENGTH})",
        )


_DIGITS = re.compile(r"\d+")


def check_format_spec(operation: str, spec: str) -> None:
    """Every number in a format spec (`>1500000000`, `.9999999f`, a strftime padding `%1500000000Y`) is a
    width or precision."""
    for digits in _DIGITS.findall(spec):
        check_width(operation, digits)


_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<type>.|$)", re.DOTALL
)


def check_percent(operation: str, template: str, values: object) -> None:
    """The widths and precisions of a %-format, including those taken from the values by `*`, and the size
    of the text it builds (`'%s' * 50000 % many_long_texts`)."""
    mapping = values if isinstance(values, Mapping) else None
    listed = values if isinstance(values, tuple) else (values,)
    position, built = 0, len(template)
    for match in _PERCENT.finditer(template):
        if match["type"] == "%":
            continue
        for part in (match["width"], match["precision"]):
            if part == "*":
                star = listed[position] if position < len(listed) else None
                check_width(operation, star)
                built += abs(star) if _is_int(star) and isinstance(star, int) else 0
                position += 1
            elif part:
                check_width(operation, part)
                built += int(part)
        if match["key"] is None:
            value = listed[position] if position < len(listed) else None
            position += 1
        else:
            value = mapping.get(match["key"]) if mapping is not None else None
        built += len(value) if isinstance(value, str) else 0
    check_length(operation, built)


_SEQUENCES = (str, bytes, bytearray, list, tuple)


def _size(value: object) -> int | None:
    return len(value) if isinstance(value, _SEQUENCES) else None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """`+`, `*`, `**` and `%` that would build a huge value."""
    if operator == "+" and (size := _size(left)) is not None and (other := _size(right)) is not None:
        check_length("+", size + other)
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            repeats = isinstance(sequence, _SEQUENCES) and _is_int(times) and times > 0
            if repeats and len(sequence) * times > MAX_REPEAT:
                raise Refused(
                    f"mengulang deret menjadi lebih dari {MAX_REPEAT} unsur ditolak",
                    f"repeating a sequence to more than {MAX_REPEAT} items is refused",
                )
        if _is_int(left) and _is_int(right):
            _check_bits(left.bit_length() + right.bit_length())
    if operator == "**" and isinstance(right, int | float):
        if abs(right) > MAX_EXPONENT:
            raise Refused(f"pangkat di atas {MAX_EXPONENT} ditolak", f"an exponent above {MAX_EXPONENT} is refused")
        if _is_int(left) and _is_int(right) and right > 0:
            _check_bits(left.bit_length() * right)
    if operator == "%" and isinstance(left, str):
        check_percent("%", left, right)


def _check_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise Refused(
            f"bilangan bulat lebih dari {MAX_INT_BITS} bit ditolak",
            f"an integer of more than {MAX_INT_BITS} bits is refused",
        )


def _check_str_method(text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a method of a text (or of bytes, from `encode`); returns its arguments (an iterable
    given to `join` as a list)."""
    if name in ("center", "ljust", "rjust", "zfill"):
        check_width(name, args[0] if args else kwargs.get("width"))
    elif name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        check_width(name, tabsize)
        if _is_int(tabsize):
            check_length(name, len(text) + text.count("\t" if isinstance(text, str) else b"\t") * tabsize)
    elif name == "join" and len(args) == 1:
        items = list(args[0])
        check_length(name, sum(len(item) for item in items if isinstance(item, _SEQUENCES)) + len(text) * len(items))
        return (items,)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], type(text)) and isinstance(args[1], type(text)):
        check_length(name, _replaced_size(text, args[0], args[1], args[2] if len(args) > 2 else -1))
    elif name == "translate" and args:
        table = args[0]
        values = table.values() if isinstance(table, Mapping) else table if isinstance(table, list | tuple) else ()
        longest = max((len(value) for value in values if isinstance(value, _SEQUENCES)), default=1)
        check_length(name, len(text) * longest)
    return args


def _replaced_size(text: Any, old: Any, new: Any, count: object) -> int:
    """The length of `text.replace(old, new, count)`, counted without building it (texts or bytes)."""
    found = text.count(old) if old else len(text) + 1
    if _is_int(count) and isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


# --- filters: the built-in ones behind the same checks -------------------------------------------------------


def _bounded_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Jinja's filters that take a width, a count or build text from parts, each checked before it runs."""
    center, indent, fmt = filters["center"], filters["indent"], filters["format"]
    join, replace, batch, slice_, wordwrap = (
        filters["join"],
        filters["replace"],
        filters["batch"],
        filters["slice"],
        filters["wordwrap"],
    )
    tojson = filters["tojson"]

    def bounded_center(value: Any, width: int = 80) -> Any:
        check_width("center", width)
        return center(value, width)

    def bounded_indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
        check_width("indent", width)
        text = str(value)
        step = len(width) if isinstance(width, str) else width if _is_int(width) else 0
        check_length("indent", len(text) + (text.count("\n") + 1) * step)
        return indent(value, width, first, blank)

    def bounded_format(value: Any, *args: Any, **kwargs: Any) -> Any:
        check_percent("format", str(value), kwargs or args)
        return fmt(value, *args, **kwargs)

    @pass_eval_context
    def bounded_join(eval_ctx: EvalContext, value: Any, d: str = "", attribute: str | int | None = None) -> Any:
        items = list(value)
        if attribute is None:
            check_length("join", sum(len(item) for item in items if isinstance(item, str)) + len(str(d)) * len(items))
        joined = join(eval_ctx, items, d, attribute)
        check_length("join", len(joined))
        return joined

    @pass_eval_context
    def bounded_replace(eval_ctx: EvalContext, s: Any, old: str, new: str, count: int | None = None) -> Any:
        check_length("replace", _replaced_size(str(s), str(old), str(new), count))
        return replace(eval_ctx, s, old, new, count)

    def bounded_batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        if fill_with is not None:
            check_width("batch", linecount)
        return batch(value, linecount, fill_with)

    @pass_eval_context
    def bounded_slice(eval_ctx: EvalContext, value: Any, slices: int, fill_with: Any = None) -> Any:
        check_width("slice", slices)
        return slice_(eval_ctx, value, slices, fill_with)

    @pass_environment
    def bounded_wordwrap(environment: Any, s: str, width: int = 79, *args: Any, **kwargs: Any) -> Any:
        wrapstring = kwargs.get("wrapstring", args[1] if len(args) > 1 else None)
        if isinstance(wrapstring, str) and _is_int(width):
            size = len(str(s))
            check_length("wordwrap", size + (size // max(width, 1) + 1) * len(wrapstring))
        return wordwrap(environment, s, width, *args, **kwargs)

    @pass_eval_context
    def bounded_tojson(eval_ctx: EvalContext, value: Any, indent: int | None = None) -> Any:
        check_width("tojson", indent)
        return tojson(eval_ctx, value, indent)

    @pass_environment
    def bounded_sum(environment: Any, iterable: Any, attribute: str | int | None = None, start: Any = 0) -> Any:
        if attribute is not None:
            iterable = map(make_attrgetter(environment, attribute), iterable)
        total = start
        for item in iterable:  # a loop here, not `sum()` in C: adding lists is quadratic and must stay stoppable
            check_binop("+", total, item)
            total = total + item
        return total

    return {
        "center": bounded_center,
        "indent": bounded_indent,
        "format": bounded_format,
        "join": bounded_join,
        "replace": bounded_replace,
        "batch": bounded_batch,
        "slice": bounded_slice,
        "wordwrap": bounded_wordwrap,
        "tojson": bounded_tojson,
        "sum": bounded_sum,
    }


# --- str.format ------------------------------------------------------------------------------------------------


class _BoundedFormatting:
    """`str.format` whose field specs are checked and whose result stays within MAX_LENGTH."""

    built = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self.built = len(format_string)
        return super().vformat(format_string, args, kwargs)  # type: ignore[misc, no-any-return]

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec("format", format_spec)
        formatted = super().format_field(value, format_spec)  # type: ignore[misc]
        self.built += len(formatted)
        check_length("format", self.built)
        return formatted


class _BoundedFormatter(_BoundedFormatting, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_BoundedFormatting, SandboxedEscapeFormatter):
    pass


class _BoundedCode(CodeGenerator):
    """Compiled templates check the size of every `~` concatenation (Jinja offers no hook for it)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with every operation that could build a huge value checked first."""

    code_generator_class = _BoundedCode
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters.update(_bounded_filters(self.filters))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str | bytes | bytearray):
            args = _check_str_method(owner, name, args, kwargs)
        elif name == "to_bytes" and _is_int(owner):
            check_width(name, args[0] if args else kwargs.get("length", 1))
        elif name == "strftime" and isinstance(owner, date | time):
            check_format_spec(name, str(args[0] if args else kwargs.get("format", "")))
        elif __obj is generate_lorem_ipsum:
            for count in (*args[:1], kwargs.get("n"), *args[2:4], kwargs.get("min"), kwargs.get("max")):
                check_width("lipsum", count)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if super().wrap_str_format(value) is None:
            return None
        text: str = value.__self__
        formatter: SandboxedFormatter
        if isinstance(text, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=text.escape)
        else:
            formatter = _BoundedFormatter(self)
        is_format_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        return update_wrapper(wrapper, value)

    def checked_concat(self, joined: str) -> str:
        check_length("~", len(joined))
        return joined


def bounded_output(parts: Iterator[str]) -> str:
    """The rendered text, refused once it passes MAX_LENGTH characters. The refusal is thrown into the
    template's own generator, so that it is located at the template line whose output crossed the limit."""
    collected: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        collected.append(part)
        if size > MAX_LENGTH:
            refusal = Refused(
                f"teks hasil render melebihi {MAX_LENGTH} karakter",
                f"the rendered text is longer than {MAX_LENGTH} characters",
            )
            throw = getattr(parts, "throw", None)
            if throw is not None:
                throw(refusal)
            raise refusal
    return "".join(collected)


@contextmanager
def memory_budget(headroom: int | None = None) -> Iterator[None]:
    """Let what runs inside add at most `headroom` bytes (MEMORY_HEADROOM) to the process's address space, so
    that a value the checks above did not foresee fails with MemoryError instead of exhausting the machine. Only
    where the size in use can be read (Linux) and only while one thread runs: the limit holds for the process."""
    try:
        import resource

        pages = int(Path("/proc/self/statm").read_text().split()[0])
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    limit = pages * resource.getpagesize() + (MEMORY_HEADROOM if headroom is None else headroom)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if threading.active_count() > 1 or (soft != resource.RLIM_INFINITY and soft <= limit):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

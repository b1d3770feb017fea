"""Which `{% if %}` branches of the templates a render went through.

Each template is parsed with Jinja's own parser; a marker (a call of `TRACER` with the branch's number) is
put at the head of every `if`, `elif` and `else` body of the tree, and the tree is compiled by the same
sandboxed environment that renders statements. The compiled code goes into a bytecode cache keyed by the
template's unchanged source, so `render.render_template` renders exactly what it always renders while the
markers note the branches taken. Only public Jinja interfaces: `Environment.parse`, `lex`, `compile`,
`jinja2.nodes` and `BytecodeCache`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jinja2 import Environment, TemplateSyntaxError, nodes

from pasopati_cli.loader import TemplateSource
from pasopati_cli.render import MemoryBytecodeCache, environment

# The name the markers call; a global of the render, never a template variable.
TRACER = "__pasopati_branch__"

_NESTING = frozenset({"if", "for", "macro", "call", "filter", "block", "set", "with", "autoescape"})


@dataclass(frozen=True)
class Branch:
    """One body of an `{% if %}`: the `if` itself, an `elif` or the `else`, where its tag is written."""

    template: str
    file: str
    line: int
    column: int | None
    tag: str  # "if", "elif" or "else"
    tests: frozenset[str] = frozenset()  # the names whose values decide whether a render goes through it


@dataclass
class Tracer:
    """Collects the numbers of the branches a render passes through (the markers call it)."""

    taken: set[int] = field(default_factory=set)

    def hit(self, number: int) -> str:
        self.taken.add(number)
        return ""

    def take(self) -> frozenset[int]:
        """The branches since the last call, and a fresh start."""
        taken, self.taken = frozenset(self.taken), set()
        return taken


@dataclass
class Instrumented:
    """The templates compiled with markers: the cache to render them from, and every branch by number."""

    compiled: MemoryBytecodeCache
    branches: list[Branch]
    by_template: dict[str, list[int]]
    tested: dict[str, set[str]] = field(default_factory=dict)  # names an `if` or `x if y else z` tests
    compared: dict[str, dict[str, set[int]]] = field(default_factory=dict)  # name -> whole numbers it meets


def instrument(templates: Mapping[str, TemplateSource], names: Iterable[str]) -> Instrumented:
    """Compile the templates `names` with a marker in every branch. A template that does not parse is left
    out (validation reports its syntax error); rendering it then fails as it would without markers."""
    env = environment({name: source.body for name, source in templates.items()})
    done = Instrumented(MemoryBytecodeCache(), [], {})
    for name in sorted(set(names)):
        source = templates[name]
        try:
            tree = env.parse(source.body, name, name)
            tags = _tag_positions(env, source.body)
        except TemplateSyntaxError:
            continue
        done.tested[name], done.compared[name] = _tests(tree)
        numbers: list[int] = []
        ifs = _top_ifs(tree)
        for index, (node, around) in enumerate(ifs):
            written = tags[index] if len(tags) == len(ifs) else None
            for tag, body, line, column, tests in _bodies(node, written):
                number = len(done.branches)
                where = source.body_line + line - 1
                done.branches.append(Branch(name, source.file, where, column, tag, around | _names(*tests)))
                numbers.append(number)
                body.insert(0, _marker(number, line))
        done.by_template[name] = numbers
        done.compiled.keep(env, name, source.body, env.compile(tree, name, name))
    return done


def _tests(tree: nodes.Template) -> tuple[set[str], dict[str, set[int]]]:
    """The names the template's conditions read, and the whole numbers each name is compared with: what a
    render must vary to take other branches."""
    tests: list[nodes.Node] = [node.test for node in tree.find_all(nodes.If)]
    tests += [node.test for node in tree.find_all(nodes.CondExpr)]
    # what reaches a test by another name: a macro's or a filter's arguments, a loop's items
    tests += [arg for call in tree.find_all(nodes.Call) for arg in (*call.args, *(kw.value for kw in call.kwargs))]
    tests += [loop.iter for loop in tree.find_all(nodes.For)]
    tested = set(_names(*tests))
    compared: dict[str, set[int]] = {}
    for compare in tree.find_all(nodes.Compare):
        parts = [compare.expr, *(operand.expr for operand in compare.ops)]
        numbers = {p.value for p in parts if isinstance(p, nodes.Const) and type(p.value) is int}
        for part in parts:
            if isinstance(part, nodes.Name):
                compared.setdefault(part.name, set()).update(numbers)
    return tested, compared


def _marker(number: int, line: int) -> nodes.Node:
    call = nodes.Call(nodes.Name(TRACER, "load"), [nodes.Const(number)], [], None, None)
    return nodes.ExprStmt(call).set_lineno(line)


def _top_ifs(tree: nodes.Node) -> list[tuple[nodes.If, frozenset[str]]]:
    """Every `{% if %}` in the order its tag is written (an `elif` is part of its `if`, not one of these),
    with the names the `if`s around it test."""
    found: list[tuple[nodes.If, frozenset[str]]] = []

    def walk(node: nodes.Node, around: frozenset[str]) -> None:
        if isinstance(node, nodes.If):
            found.append((node, around))
            inner = around | _names(node.test, *(elif_.test for elif_ in node.elif_))
            for part in (*node.body, *(child for elif_ in node.elif_ for child in elif_.body), *node.else_):
                walk(part, inner)
            return
        for child in node.iter_child_nodes():
            walk(child, around)

    walk(tree, frozenset())
    return found


def _names(*expressions: nodes.Node) -> frozenset[str]:
    return frozenset(
        found.name
        for expression in expressions
        for found in (expression, *expression.find_all(nodes.Name))
        if isinstance(found, nodes.Name)
    )


_Written = tuple[tuple[int, int | None], list[tuple[int, int | None]], tuple[int, int | None] | None]


def _bodies(
    node: nodes.If, written: _Written | None
) -> list[tuple[str, list[nodes.Node], int, int | None, list[nodes.Node]]]:
    """(tag, body, line, column, the tests that decide it) of each branch of an `if`; `written`: where its
    tags stand in the source."""
    at_if, at_elifs, at_else = written if written is not None else ((node.lineno, None), [], None)
    tests = [node.test]
    parts: list[tuple[str, list[nodes.Node], int, int | None, list[nodes.Node]]] = [
        ("if", node.body, *at_if, list(tests))
    ]
    for index, elif_ in enumerate(node.elif_):
        line, column = at_elifs[index] if index < len(at_elifs) else (elif_.lineno, None)
        tests.append(elif_.test)
        parts.append(("elif", elif_.body, line, column, list(tests)))
    if at_else is not None or node.else_:
        line, column = at_else if at_else is not None else (node.lineno, None)
        parts.append(("else", node.else_, line, column, tests))
    return parts


def _tag_positions(env: Environment, body: str) -> list[_Written]:
    """Where each `if`, its `elif`s and its `else` are written (line, column), in the order the `if`s open.
    Jinja's tree keeps the line of an `if` and an `elif` but not of an `else`; the lexer's tags say it."""
    tokens = [(line, kind, value) for line, kind, value in env.lex(body) if kind != "whitespace"]
    lines = body.splitlines()
    seen: dict[tuple[str, int], int] = {}
    found: list[_Written] = []
    stack: list[tuple[str, int | None]] = []  # (tag, index into found for an if)

    def where(tag: str, line: int) -> tuple[int, int | None]:
        count = seen[tag, line] = seen.get((tag, line), -1) + 1
        text = lines[line - 1] if line <= len(lines) else ""
        columns = [m.start() + 1 for m in re.finditer(r"\{%[-+]?\s*" + tag + r"\b", text)]
        return line, columns[count] if count < len(columns) else None

    for index, (line, kind, _) in enumerate(tokens):
        if kind != "block_begin" or index + 1 >= len(tokens) or tokens[index + 1][1] != "name":
            continue
        tag = str(tokens[index + 1][2])
        if tag == "if":
            found.append((where("if", line), [], None))
            stack.append(("if", len(found) - 1))
        elif tag in ("elif", "else") and stack and stack[-1][0] == "if":
            at = stack[-1][1]
            assert at is not None
            opened, elifs, otherwise = found[at]
            if tag == "elif":
                found[at] = (opened, [*elifs, where("elif", line)], otherwise)
            else:
                found[at] = (opened, elifs, where("else", line))
        elif tag in _NESTING and not (tag == "set" and _assigns(tokens, index)):
            stack.append((tag, None))
        elif tag.startswith("end") and tag[3:] in _NESTING:
            while stack and stack.pop()[0] != tag[3:]:
                pass
    return found


def _assigns(tokens: list[tuple[int, str, str]], start: int) -> bool:
    """Whether the `set` tag at `start` assigns at once (`{% set x = 1 %}`), not a block (`{% set x %}`)."""
    for _, kind, value in tokens[start:]:
        if kind == "block_end":
            return False
        if (kind, value) == ("operator", "="):
            return True
    return False

"""Files -> models, with every problem located at file:line:column and key path.

The YAML is composed into a node tree (libyaml's C composer when present) and turned into plain
data by a small builder that refuses duplicate keys, runaway alias expansion and deep nesting. The
node tree is kept, so that a pydantic error's location can be mapped back to the line that caused it;
that mapping is only done when there is an error, so a clean file pays nothing for it.

Nothing here prints or exits: every function returns data and a list of problems.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from pasopati_cli.model import FILE_KINDS, CrisisType, Guideline, TemplateMeta
from pasopati_cli.problems import Problem, problem

if TYPE_CHECKING:
    from yaml.nodes import Node

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64
YAML_SUFFIXES = (".yaml", ".yml")
TEMPLATE_SUFFIXES = (".md",)

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class YamlDoc:
    """Plain data plus the YAML text it came from (for positions).

    The node tree that positions are read from is kept from parsing; a document that was pickled (the
    cache) drops it and composes the text again only when a problem needs a position."""

    file: str
    data: Any
    text: str
    line_offset: int = 0

    def nodes(self) -> Node | None:
        if "_nodes" not in self.__dict__:
            from pasopati_cli.yamlparse import compose

            object.__setattr__(self, "_nodes", compose(self.text))
        nodes: Node | None = self.__dict__["_nodes"]
        return nodes

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key != "_nodes"}

    def position(self, loc: Loc, at_key: bool = False) -> tuple[int | None, int | None, str]:
        """1-based line and column of the node at `loc`, and the key path as text.

        Parts of `loc` that are not in the document (a pydantic union tag, a missing key) are kept in
        the path only when they are the last part; the position is then the nearest existing node.
        """
        mark_node, parts, _ = self._walk(loc, at_key)
        if mark_node is None:
            return None, None, format_path(parts)
        mark = mark_node.start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1, format_path(parts)

    def node_at(self, loc: Loc) -> Node | None:
        """The node whose value pydantic saw at `loc` (union tags skipped), or None when it is not there."""
        node, _, found = self._walk(loc, False)
        return node if found else None

    def _walk(self, loc: Loc, at_key: bool) -> tuple[Node | None, list[str | int], bool]:
        from yaml.nodes import MappingNode, ScalarNode, SequenceNode

        node = self.nodes()
        mark_node: Node | None = node
        parts: list[str | int] = []
        found_last = False
        for index, item in enumerate(loc):
            last = index == len(loc) - 1
            found_last = False
            if isinstance(node, MappingNode) and isinstance(item, str):
                found = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == item), None)
                if found is None:
                    if last:
                        parts.append(item)
                    continue
                parts.append(item)
                node = found[1]
                mark_node = found[0] if (last and at_key) else node
                found_last = True
            elif isinstance(node, SequenceNode) and isinstance(item, int) and 0 <= item < len(node.value):
                parts.append(item)
                node = node.value[item]
                mark_node = node
                found_last = True
        return mark_node, parts, found_last or not loc

    def problem(self, code: str, loc: Loc, *, at_key: bool = False, **kwargs: Any) -> Problem:
        line, column, path = self.position(loc, at_key=at_key)
        return problem(code, file=self.file, line=line, column=column, path=path or None, **kwargs)


def format_path(parts: Sequence[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- reading ----------------------------------------------------------------------------------------


def read_text(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """The file's text, decoded as UTF-8 (a BOM is allowed), or the reason it cannot be had."""
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [problem("P002", file=display, size=size, limit=limit)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [problem("P001", file=display, reason=exc.strerror or exc)]
    if len(raw) > limit:  # a file that grew, or a device, between stat and read
        return None, [problem("P002", file=display, size=len(raw), limit=limit)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        encoding = other_encoding(raw)
        if encoding in ("UTF-16", "UTF-32"):
            return None, [problem("P026", file=display, line=1, column=1, encoding=encoding)]
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        if encoding is not None:
            return None, [problem("P026", file=display, line=line, column=column, encoding=encoding)]
        return None, [problem("P003", file=display, line=line, column=column, offset=exc.start)]
    if "\x00" in text and (encoding := other_encoding(raw)) in ("UTF-16", "UTF-32"):
        return None, [problem("P026", file=display, line=1, column=1, encoding=encoding)]  # ASCII-only UTF-16
    return text, []


def other_encoding(raw: bytes) -> str | None:
    """The encoding a file that is not UTF-8 was most likely saved in, when it can be told: UTF-16 or
    UTF-32 (Notepad's "Unicode") by its byte-order mark or its pattern of zero bytes, else Windows-1252
    (the usual "ANSI" of Indonesian Windows) when the text decodes as such and looks like text."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") * 3 >= len(sample):
        return "UTF-16"
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Text, not binary: each non-ASCII character a letter or typographic mark beside a letter or a space.
    for index, char in enumerate(text):
        if char.isascii():
            if char == "\x00":
                return None
            continue
        if not (char.isalpha() or char in _CP1252_MARKS):
            return None
        around = text[max(0, index - 1) : index] + text[index + 1 : index + 2]
        if not any(neighbour.isascii() and (neighbour.isalnum() or neighbour in " \"'(") for neighbour in around):
            return None
    return "Windows-1252 (ANSI)"


_CP1252_MARKS = "–—‘’“”•…€°±²³·×"


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """One YAML mapping document -> YamlDoc, or the problems that stop it."""
    from pasopati_cli.yamlparse import parse

    return parse(text, file, line_offset)


# --- pydantic errors -> problems --------------------------------------------------------------------


def to_model(doc: YamlDoc, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate plain data against a model; every error becomes a located problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        from pasopati_cli.schemaerrors import error_to_problem

        return None, [error_to_problem(doc, error, model) for error in exc.errors(include_url=False)]


# --- file kinds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedYaml:
    doc: YamlDoc
    kind: str
    model: BaseModel | None
    digest: str = ""


@dataclass(frozen=True)
class TemplateSource:
    """A statement template: its front matter and its Jinja body (with the body's first line number)."""

    name: str
    file: str
    meta: TemplateMeta
    body: str
    body_line: int
    doc: YamlDoc
    digest: str = ""


def load_yaml_file(path: Path, display: str) -> tuple[LoadedYaml | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    doc, problems = parse_yaml(text, display)
    if doc is None:
        return None, problems
    kind = doc.data.get("kind")
    if not isinstance(kind, str) or kind not in FILE_KINDS:
        found, found_en = ("(tidak ada)", "(none)") if kind is None else _shape(kind)
        expected = ", ".join(FILE_KINDS)
        return None, [*problems, doc.problem("P010", ("kind",), found=found, found_en=found_en, expected=expected)]
    model, schema_problems = to_model(doc, FILE_KINDS[kind])
    return LoadedYaml(doc, kind, model, _digest(text)), problems + schema_problems


def _shape(value: object) -> tuple[str, str]:
    """What a value is (Indonesian, English), where quoting it whole would not help (a list, a mapping)."""
    if isinstance(value, list):
        return "daftar (list)", "a list"
    if isinstance(value, dict):
        return "pemetaan (kunci: nilai)", "a mapping"
    return repr(value), repr(value)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line where the body starts), or None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


def load_template(path: Path, display: str, name: str) -> tuple[TemplateSource | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    parts = split_front_matter(text)
    if parts is None:
        return None, [problem("P011", file=display, line=1, column=1)]
    front, body, body_line = parts
    if not front.strip():
        meta_data: YamlDoc | None = YamlDoc(display, {}, front, 1)
        problems = []
    else:
        meta_data, problems = parse_yaml(front, display, line_offset=1)
    if meta_data is None:
        return None, problems
    meta, schema_problems = to_model(meta_data, TemplateMeta)
    if meta is None:
        return None, problems + schema_problems
    return TemplateSource(name, display, meta, body, body_line, meta_data, _digest(text)), problems


# --- a guideline folder -----------------------------------------------------------------------------


@dataclass
class Bundle:
    """Everything one guideline folder holds, as loaded (files that failed to load are left out)."""

    root: Path
    guideline: Guideline | None = None
    guideline_doc: YamlDoc | None = None
    crisis_types: dict[str, CrisisType] = field(default_factory=dict)
    type_docs: dict[str, YamlDoc] = field(default_factory=dict)
    templates: Mapping[str, TemplateSource] = field(default_factory=dict)
    others: list[LoadedYaml] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unloadable: set[str] = field(default_factory=set)  # template names whose files did not load
    digests: dict[str, str] = field(default_factory=dict)  # file -> sha256 of its text

    def content_hash(self, files: Sequence[str] | None = None) -> str:
        """One hash over the files in force (all loaded files by default), for the journal."""
        total = hashlib.sha256()
        for name in sorted(files if files is not None else self.digests):
            total.update(f"{name}\0{self.digests.get(name, '')}\0".encode())
        return total.hexdigest()

    def display(self, path: Path) -> str:
        return display_path(path)


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working directory when below it."""
    absolute = path.absolute()
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return str(absolute)
    return relative.as_posix() or "."


def package_guideline_dir() -> Path:
    """The bundled default guideline: inside the wheel, or the repository root in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_guideline"
    if (installed / "playbooks").is_dir():
        return installed
    return here.parent


def _walk(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in suffixes and path.is_file() and not path.name.startswith("."):
            yield path


def load_bundle(root: Path) -> tuple[Bundle, list[Problem]]:
    """Load every playbook and template under a guideline folder, keeping going past bad files."""
    bundle = Bundle(root=root)
    problems: list[Problem] = []
    playbooks = root / "playbooks"
    if not playbooks.is_dir():
        problems.append(problem("P012", file=display_path(root), target="playbooks/"))
    for path in _walk(playbooks, YAML_SUFFIXES):
        add_yaml(bundle, path, problems)
    templates = root / "templates"
    loaded_templates: dict[str, TemplateSource] = {}
    for path in _walk(templates, TEMPLATE_SUFFIXES):
        display = display_path(path)
        bundle.files.append(display)
        source, found = load_template(path, display, path.relative_to(templates).as_posix())
        problems.extend(found)
        if source is not None:
            loaded_templates[source.name] = source
            bundle.digests[display] = source.digest
        else:
            bundle.unloadable.add(path.relative_to(templates).as_posix())
    bundle.templates = loaded_templates
    playbook_prefix = display_path(playbooks)
    if (
        playbooks.is_dir()
        and bundle.guideline is None
        and not any((p.file or "").startswith(playbook_prefix) for p in problems)
    ):
        problems.append(problem("P015", file=playbook_prefix))
    return bundle, problems


def add_yaml(bundle: Bundle, path: Path, problems: list[Problem], replace: bool = False) -> LoadedYaml | None:
    """Load one YAML file into the bundle by its kind; `replace` lets it stand in for a loaded one."""
    display = display_path(path)
    bundle.files.append(display)
    loaded, found = load_yaml_file(path, display)
    problems.extend(found)
    if loaded is None or loaded.model is None:
        return loaded
    bundle.digests[display] = loaded.digest
    model = loaded.model
    if isinstance(model, Guideline):
        if bundle.guideline is not None and bundle.guideline_doc is not None and not replace:
            first = bundle.guideline_doc.file
            problems.append(
                loaded.doc.problem(
                    "P202", ("kind",), name="guideline", first=f" (pertama di {first})", first_en=f" (first in {first})"
                )
            )
        else:
            bundle.guideline, bundle.guideline_doc = model, loaded.doc
    elif isinstance(model, CrisisType):
        if model.id in bundle.crisis_types and not replace:
            first = bundle.type_docs[model.id].file
            problems.append(
                loaded.doc.problem(
                    "P202", ("id",), name=model.id, first=f" (pertama di {first})", first_en=f" (first in {first})"
                )
            )
        else:
            bundle.crisis_types[model.id] = model
            bundle.type_docs[model.id] = loaded.doc
    else:
        bundle.others.append(loaded)
    return loaded


def _first_in(doc: YamlDoc) -> dict[str, str]:
    return {"first": f" (pertama di {doc.file})", "first_en": f" (first in {doc.file})"}


class TemplateStore(Mapping[str, TemplateSource]):
    """Templates loaded on first use, so that a response reads only the templates it renders."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.loaded: dict[str, TemplateSource] = {}
        self.problems: list[Problem] = []

    def __getitem__(self, name: str) -> TemplateSource:
        if name in self.loaded:
            return self.loaded[name]
        path = (self.folder / name).resolve()
        if not path.is_relative_to(self.folder.resolve()) or not path.is_file():
            raise KeyError(name)
        from pasopati_cli import guidecache

        display = display_path(path)
        source, found = guidecache.remembered(path, display, "template", lambda: load_template(path, display, name))
        self.problems += found
        if source is None:
            raise KeyError(name)
        self.loaded[name] = source
        return source

    def exists(self, name: str) -> bool:
        path = (self.folder / name).resolve()
        return path.is_relative_to(self.folder.resolve()) and path.is_file()

    def __iter__(self) -> Iterator[str]:
        return (path.relative_to(self.folder).as_posix() for path in _walk(self.folder, TEMPLATE_SUFFIXES))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self[name]
        except KeyError:
            return False
        return True


def load_for_response(root: Path, type_id: str | None) -> tuple[Bundle, list[Problem]]:
    """The guideline file and one crisis type (by the `playbooks/<id>.yaml` convention when it holds),
    with templates loaded lazily. Falls back to reading every playbook."""
    playbooks = root / "playbooks"
    conventional = [playbooks / "guideline.yaml"] + ([playbooks / f"{type_id}.yaml"] if type_id else [])
    if type_id is None or not all(path.is_file() for path in conventional):
        return load_bundle(root)
    bundle = Bundle(root=root)
    problems: list[Problem] = []
    for path in conventional:
        add_yaml(bundle, path, problems)
    if bundle.guideline is None or type_id not in bundle.crisis_types:
        if any(p.severity.value == "error" for p in problems):
            return bundle, problems
        return load_bundle(root)
    bundle.templates = TemplateStore(root / "templates")
    return bundle, problems

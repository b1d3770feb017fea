"""Every option, declared once; and the edge where outcomes and problems become output and exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from pasopati_cli.app.pin import GuidelineChoice
    from pasopati_cli.app.ports import Interrupted, Prompter
    from pasopati_cli.app.screens import Screen
    from pasopati_cli.journal import Journal
    from pasopati_cli.problems import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
RESULT_FORMATS = ("text", "json")


def _option(*names: str, help: str, **settings: Any) -> Any:
    return typer.Option(*names, help=help, show_default=settings.pop("show_default", False), **settings)


LangOption = Annotated[str | None, _option("--lang", help="Bahasa keluaran: id (bawaan) atau en. / Output language.")]
GuidelineOption = Annotated[
    Path | None,
    _option("--guideline", "-g", envvar="PASOPATI_GUIDELINE",
            help="Folder pedoman (berisi playbooks/ dan templates/); bawaan: pedoman Pasopati. / Guideline folder."),
]  # fmt: skip
AcceptGuidelineOption = Annotated[
    bool,
    typer.Option("--accept-guideline-change",
                 help="Terima pedoman insiden yang berubah (dicatat di jurnal). / Accept a changed guideline."),
]  # fmt: skip
TypeArgument = Annotated[str, typer.Argument(help="Id jenis kejadian (lihat `pasopati list`). / Crisis type id.")]
ChosenTypeArgument = Annotated[str | None, typer.Argument(help="Id jenis kejadian; bila kosong, dipilih.")]
IdArgument = Annotated[str, typer.Argument(help="Id insiden, mis. 20261126-0001. / Incident id.")]
StatementArgument = Annotated[str, typer.Argument(help="Id pernyataan, mis. S1. / Statement id.")]
UnitOption = Annotated[
    Path | None,
    _option(
        "--unit", "-u", envvar="PASOPATI_UNIT", help="Profil satuan kerja (YAML, kind: unit-profile). / Unit profile."
    ),
]
AnswerOption = Annotated[
    list[str] | None, _option("--answer", "-a", help="Jawaban ID=NILAI (boleh berulang). / An answer, repeatable.")
]
AnswersOption = Annotated[
    Path | None, _option("--answers", help="Berkas jawaban (YAML, kind: answers). / Answers file.")
]
SetOption = Annotated[
    list[str] | None, _option("--set", "-s", help="Isian pernyataan VAR=NILAI (boleh berulang). / A statement fact.")
]
VarsOption = Annotated[
    Path | None, _option("--vars", help="Berkas isian pernyataan (YAML: nama: nilai). / Facts file.")
]
PersonOption = Annotated[
    list[str] | None,
    _option("--person", "-p", help="Nama lengkap orang yang terlibat, NAMA atau NAMA=PERAN (korban, tersangka ...); "
            "nama tidak boleh dimuat, inisial sesuai peran (boleh berulang). / A person's full name, NAME or "
            "NAME=ROLE: never printed, initials as the role allows; repeatable."),
]  # fmt: skip
NonInteractiveOption = Annotated[
    bool,
    typer.Option("--non-interactive",
                 help="Jangan bertanya; jawaban yang kurang adalah galat. Otomatis bila stdin bukan terminal."),
]  # fmt: skip
InteractiveOption = Annotated[bool, typer.Option("--interactive", hidden=True)]
StartOption = Annotated[
    str | None,
    _option("--start", help="Waktu mulai kejadian (2025-11-26 14:05, 14:05, atau ISO 8601); bawaan: sekarang."),
]
AtOption = Annotated[str | None, typer.Option("--at", help="Kapan (bawaan: sekarang).")]
RaiseOption = Annotated[str | None, _option("--raise-to", help="Naikkan tingkat secara manual. / Raise the level.")]
ReasonOption = Annotated[str | None, _option("--reason", help="Alasan menaikkan tingkat. / Why.")]
SaveAnswersOption = Annotated[
    Path | None, _option("--save-answers", help="Simpan jawaban untuk diputar ulang. / Save a replayable answers file.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Timpa berkas yang sudah ada. / Replace a file that already exists.")
]
ResultFormatOption = Annotated[str, typer.Option("--format", "-f", help="text atau json.")]
ReportFormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="auto, text, parsable, github, json, junit. auto: github di GitHub "
                 "Actions, text di terminal, parsable selain itu."),
]  # fmt: skip
StrictOption = Annotated[bool, typer.Option("--strict", help="Peringatan juga gagal. / Warnings fail too.")]
LevelOption = Annotated[str | None, _option("--level", "-l", help="Tingkat (bila tanpa jawaban triase).")]
OutputFileOption = Annotated[Path | None, _option("--output", "-o", help="Berkas tujuan; bawaan: layar.")]
OutputFolderOption = Annotated[Path | None, _option("--output", "-o", help="Folder pernyataan; bawaan: folder kerja.")]
JournalOption = Annotated[
    Path | None,
    _option("--journal", envvar="PASOPATI_JOURNAL",
            help="Berkas jurnal insiden; bawaan: folder data pengguna. / Incident journal file."),
]  # fmt: skip
OperatorOption = Annotated[
    str | None,
    _option("--operator", envvar="PASOPATI_OPERATOR", help="Nama petugas yang menjalankan. / The operator's name."),
]
ExerciseOption = Annotated[
    bool,
    typer.Option("--latihan", "--exercise", help="Insiden latihan: semua keluaran bertanda LATIHAN. / A drill."),
]


# The options most commands share, in the order `--help` lists them after a command's own.
SHARED: dict[str, tuple[Any, object]] = {
    "journal": (JournalOption, None),
    "operator": (OperatorOption, None),
    "non_interactive": (NonInteractiveOption, False),
    "force_interactive": (InteractiveOption, False),
    "output_format": (ResultFormatOption, "text"),
    "guideline": (GuidelineOption, None),
    "accept": (AcceptGuidelineOption, False),
    "lang": (LangOption, None),
}


@dataclass
class Session:
    """What a command's shared options give its body: the language, the open journal, the guideline (the
    incident's own, for a command on one), the operator, the output format, and who asks."""

    lang: Literal["id", "en"]
    options: dict[str, Any]
    opened: Journal | None = None  # for commands that declare `journal`

    @property
    def journal(self) -> Journal:
        assert self.opened is not None, "the command declares no `journal` option"
        return self.opened

    @property
    def operator(self) -> str | None:
        return cast("str | None", self.options.get("operator"))

    @property
    def format(self) -> str:
        return str(self.options.get("output_format", "text"))

    @property
    def root(self) -> Path:
        return guideline_dir(self.options.get("guideline"))

    @property
    def pinned(self) -> GuidelineChoice:
        return pinned(self.options.get("guideline"), bool(self.options.get("accept")), self.lang, *self._asking)

    @property
    def _asking(self) -> tuple[bool, bool]:
        return bool(self.options.get("non_interactive")), bool(self.options.get("force_interactive"))

    def asker(self, stderr: bool = False) -> Prompter:
        return prompter(*self._asking, self.lang, stderr)


def command(*shared: str, formats: Sequence[str] | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A command body `f(session, own options...)` with the `shared` options added to what Typer sees: each
    shared option is declared once (SHARED), the edge (and the journal, when shared) opened around the
    body, and `--format` checked against `formats`. Typer reads the signature given here (`__signature__`,
    Python's own protocol), so `--help` lists the command's options, then the shared ones."""
    import functools
    import inspect

    def wrap(body: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(body, eval_str=True).parameters.values())[1:]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=SHARED[name][1],
                                   annotation=SHARED[name][0]) for name in SHARED if name in shared]  # fmt: skip

        @functools.wraps(body)
        def run(**given: Any) -> None:
            options = {name: given.pop(name) for name in shared}
            if formats is not None:
                check_choice(options["output_format"], formats)
            if "journal" in shared:
                with journal_at(options["journal"], options["lang"]) as (store, lang):
                    return body(Session(lang, options, store), **given)
            with edge(options["lang"]) as lang:
                return body(Session(lang, options), **given)

        parameters = own + added
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        del run.__wrapped__
        return run

    return wrap


ON_INCIDENT = ("journal", "operator", "guideline", "accept", "lang")  # a command on one incident
ASKS = ("non_interactive", "force_interactive")  # a command that may ask the officer


def resolve_lang(option: str | None) -> Literal["id", "en"]:
    """--lang, else PASOPATI_LANG, else English when LANG starts with 'en', else Indonesian."""
    value = option or os.environ.get("PASOPATI_LANG") or ""
    if not value and os.environ.get("LANG", "").lower().startswith("en"):
        value = "en"
    value = value.lower()
    if value not in ("", "id", "en"):
        raise typer.BadParameter(f"'{option}': pakai id atau en / use id or en", param_hint="--lang")
    return "en" if value == "en" else "id"


def guideline_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from pasopati_cli.loader import package_guideline_dir

    return package_guideline_dir()


def pinned(option: Path | None, accept: bool, lang: Literal["id", "en"], non_interactive: bool = False,
           force: bool = False) -> GuidelineChoice:  # fmt: skip
    """The guideline of a command on an incident (app.pin): the folder given, else the incident's own; a
    change accepted up front; and who asks otherwise (built only then)."""
    from functools import partial

    from pasopati_cli.app.pin import GuidelineChoice

    return GuidelineChoice(option, accept, partial(prompter, non_interactive, force, lang, True))


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def display(screen: Screen) -> None:
    """Draw what a command shows (built in app/screens.py) on the terminal."""
    from pasopati_cli.cli.views import draw

    draw(console(), screen)


def print_problems(problems: list[Problem], lang: Literal["id", "en"]) -> None:
    """Problems that stop a command, on stderr: located ones as file:line:col, the rest as 'galat:'."""
    from pasopati_cli.report import parsable

    for found in problems:
        if found.file:
            sys.stderr.write(parsable([found], lang))
        else:
            label = {"error": "galat", "warning": "peringatan"}[found.severity.value] if lang == "id" else "error"
            label = found.severity.value if lang == "en" else label
            sys.stderr.write(f"{label}: {found.code} {found.message(lang)}\n")
    sys.stderr.flush()


@contextmanager
def edge(option: str | None) -> Iterator[Literal["id", "en"]]:
    """The language of --lang; and the one error type, a misused flag, an interrupted walk and Ctrl-C turned
    into messages (in that language) and exit codes."""
    from pasopati_cli.app.inputs import UsageError
    from pasopati_cli.app.ports import Interrupted
    from pasopati_cli.problems import PasopatiError

    lang = resolve_lang(option)
    try:
        yield lang
    except PasopatiError as error:
        print_problems(error.problems, lang)
        if error.hint:
            sys.stderr.write(error.hint + "\n")
        raise typer.Exit(EXIT_INVALID) from None
    except UsageError as error:
        raise typer.BadParameter(error.message, param_hint=error.flag) from None
    except Interrupted as stop:
        sys.stderr.write(_interrupted(stop, lang))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except KeyboardInterrupt:
        sys.stderr.write("\nDihentikan.\n" if lang == "id" else "\nInterrupted.\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _interrupted(stop: Interrupted, lang: Literal["id", "en"]) -> str:
    """Where what was confirmed is kept, and the one command that continues."""
    from pasopati_cli.messages import t

    if stop.saved is None:
        kept = "" if stop.incident_id is None else "\n" + t("interrupted_journal", lang, id=stop.incident_id,
                                                             flags=stop.flags)  # fmt: skip
        return kept + "\n" + t("interrupted_nothing", lang) + "\n"
    if stop.incident_id is None:
        return "\n" + t("interrupted", lang, path=stop.saved) + "\n"
    return "\n" + t("interrupted_journal_file", lang, id=stop.incident_id, path=stop.saved, flags=stop.flags) + "\n"


@contextmanager
def journal_at(path: Path | None, option: str | None) -> Iterator[tuple[Journal, Literal["id", "en"]]]:
    """The edge and the journal of a command (and the language): the file closed however it ends."""
    with edge(option) as lang:
        from pasopati_cli.journal import Journal
        from pasopati_cli.recording import journal_path

        with Journal.open(journal_path(path)) as journal:
            yield journal, lang


def prompter(non_interactive: bool, force: bool, lang: Literal["id", "en"], stderr: bool = False) -> Prompter:
    """The terminal when a person is there (stdin a terminal, no --non-interactive); else one that refuses,
    naming the flag that gives each missing answer."""
    if force or (not non_interactive and sys.stdin.isatty()):
        from pasopati_cli.cli.terminal import TerminalPrompter

        return TerminalPrompter(console(stderr), lang)
    from pasopati_cli.app.prompter import RefusingPrompter

    return RefusingPrompter(lang)


def check_choice(value: str, choices: Sequence[str], flag: str = "--format") -> None:
    """A usage error (exit 2) for a value the option does not take."""
    if value not in choices:
        raise typer.BadParameter(f"'{value}' ({', '.join(choices)})", param_hint=flag)


def emit(document: object) -> None:
    """The one JSON writer of every command's --format json."""
    import json

    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def said(key: str, lang: Literal["id", "en"], err: bool = False, **values: object) -> None:
    """One message line, in the officer's language: on stdout, or stderr (`err`) beside a document on stdout."""
    from pasopati_cli.messages import t

    typer.echo(t(key, lang, **values), err=err)


def report_problems(requested: str, files: Sequence[str], problems: list[Problem], lang: Literal["id", "en"],
                    strict: bool, summary: Screen | None = None,
                    document: Mapping[str, object] | None = None) -> None:  # fmt: skip
    """Every problem in the format asked for (`auto` by the terminal and CI), then exit 0 or 1. The one
    reporter table (report.REPORTERS) serves `validate`, `check` and `test` alike; `summary` is what the
    text format shows before the problems, `document` is what the json format adds."""
    from pasopati_cli import report
    from pasopati_cli.problems import has_errors

    chosen = report.pick_format(requested, sys.stdout.isatty())
    if chosen == "text":
        if summary is not None:
            display(summary)
        report.print_text(console(), files, problems, lang)
    elif chosen == "json" and document is not None:
        sys.stdout.write(report.as_json(files, problems, lang, strict, document))
    else:
        sys.stdout.write(report.REPORTERS[chosen](files, problems, lang, strict))
    raise typer.Exit(EXIT_INVALID if has_errors(problems, strict) else EXIT_OK)


def refuse_unreleasable(findings: list[Problem], lang: Literal["id", "en"]) -> None:
    """Report what the guard found in a draft; a draft with an error is written but exits 1."""
    from pasopati_cli.problems import has_errors

    if findings:
        print_problems(findings, lang)
    if has_errors(findings, False):
        said("guard_blocked", lang, err=True)
        raise typer.Exit(EXIT_INVALID)


def crash(exc: BaseException) -> int:
    """Write the traceback to a log file and tell the user where it is."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    try:
        with tempfile.NamedTemporaryFile("w", prefix="pasopati-crash-", suffix=".log", delete=False) as log:
            log.write(text)
            where = log.name
    except OSError:
        where = "-"
        sys.stderr.write(text)
    sys.stderr.write(
        f"pasopati: kesalahan internal ({type(exc).__name__}: {exc}); rincian di {where}. "
        f"Mohon laporkan. / Internal error; details in {where}. Please report it.\n"
    )
    return EXIT_CRASH


# Where each top-level command lives, in the order `pasopati --help` lists them.
COMMAND_MODULES = {
    "list": "respond",
    "triage": "respond",
    "assign": "respond",
    "statement": "respond",
    "respond": "respond",
    "incident": "incident",
    "validate": "validate",
    "schema": "validate",
    "check": "validate",
    "docs": "docs",
    "init": "guideline",
    "upgrade": "guideline",
    "where": "guideline",
    "test": "guideline",
    "monitor": "monitor",
}


def wanted(argv: Sequence[str], known: Iterable[str]) -> tuple[str | None, bool]:
    """(the command `argv` names, listing?) for building only what a run needs.

    A known command: build just that one. No command (`--help`, nothing): listing stand-ins, which give the
    same command list without building every command's parameters. Anything else: build them all, so that
    Typer's own error (with its suggestions) is the one the user sees."""
    name = next((arg for arg in argv if not arg.startswith("-")), None)
    if name is None:
        return None, True
    return (name, False) if name in set(known) else (None, False)


class Later:
    """A command built from another module only when it runs, under its own help: `incident open` is
    `respond`, and `incident status` need not import the response commands to know it exists."""

    def __init__(self, path: str, doc: str) -> None:
        self.path, self.__doc__ = path, doc

    def build(self) -> Callable[..., None]:
        import importlib

        module, name = self.path.split(":")
        return renamed(getattr(importlib.import_module(module), name), self.__doc__ or "")


Commands = Mapping[str, "Callable[..., None] | Later"]


def add_commands(app: typer.Typer, commands: Commands, only: str | None, listing: bool) -> None:
    for name, entry in commands.items():
        if only is None or only == name:
            if listing:
                app.command(name)(listed(entry))
            else:
                app.command(name)(entry.build() if isinstance(entry, Later) else entry)


def renamed(function: Callable[..., None], doc: str) -> Callable[..., None]:
    """The same command (the same options) under another name and help: `incident open` is `respond`."""
    import functools

    @functools.wraps(function)
    def command(**options: object) -> None:
        function(**options)

    command.__doc__ = doc
    return command


def listed(function: Callable[..., object] | Later) -> Callable[[], None]:
    """A stand-in with the command's help and no parameters, for the command list only.

    A run that names the command builds the real one, so a stand-in never runs."""

    def stand_in() -> None:
        raise RuntimeError(f"listing stand-in for {function.__doc__} was run")

    stand_in.__doc__ = function.__doc__
    return stand_in


def add_group(root: typer.Typer, name: str, help: str, commands: Commands,
              register: Callable[..., None], only: str | None, listing: bool,
              rest: Sequence[str] | None) -> None:  # fmt: skip
    """A group (`incident`, `monitor`): listed by a stand-in, or built with only the subcommand `rest` names."""
    if listing:
        root.command(name, help=help)(listed(register))
        return
    group = typer.Typer(name=name, help=help, no_args_is_help=True)
    sub, sub_listing = (None, False) if rest is None else wanted(rest, commands)
    add_commands(group, commands, sub, sub_listing)
    root.add_typer(group, name=name)


def register(app: typer.Typer, argv: Sequence[str] | None = None) -> None:
    """Every command (argv None: tests, documentation), or only what the command line `argv` needs."""
    import importlib

    only, listing = (None, False) if argv is None else wanted(argv, COMMAND_MODULES)
    modules = dict.fromkeys(COMMAND_MODULES.values()) if only is None else {COMMAND_MODULES[only]: None}
    if listing:  # Typer lists groups after commands; the stand-ins for the groups go last as well
        groups = ("incident", "monitor")
        modules = {name: None for name in modules if name not in groups} | dict.fromkeys(groups)
    rest = None if argv is None else list(argv)  # None: build everything, at every depth
    if rest is not None and only is not None:
        rest = rest[rest.index(only) + 1 :]
    for name in modules:
        module = importlib.import_module(f"pasopati_cli.cli.{name}")
        if hasattr(module, "register"):  # a group: it builds its own subcommands
            module.register(app, only, listing, rest)
        else:
            add_commands(app, module.COMMANDS, only, listing)

"""The one problem type: every finding of the loader, the checks, the guard and the runtime.

A problem is data (file, position, key path, code, severity and the arguments of its message);
its text is rendered in the reader's language only when it is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

Lang = Literal["id", "en"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    id: str
    en: str


# Stable codes. Never renumber: CI configurations and docs refer to them.
_RULES = [
    # P0xx: reading the file
    Rule("P001", "unreadable-file", "berkas tidak dapat dibaca: {reason}", "cannot read the file: {reason}"),
    Rule(
        "P002",
        "file-too-large",
        "berkas terlalu besar ({size} bita; batas {limit} bita)",
        "file too large ({size} bytes; the limit is {limit} bytes)",
    ),
    Rule(
        "P003",
        "invalid-utf8",
        "berkas bukan UTF-8 yang sah (bita {offset})",
        "the file is not valid UTF-8 (byte {offset})",
    ),
    Rule("P004", "yaml-syntax", "sintaks YAML salah: {reason}", "YAML syntax error: {reason}"),
    Rule(
        "P005",
        "not-a-mapping",
        "isi berkas harus berupa pemetaan (kunci: nilai), bukan {found}",
        "the document must be a mapping (key: value), not {found}",
    ),
    Rule(
        "P006",
        "multiple-documents",
        "berkas hanya boleh berisi satu dokumen YAML",
        "the file must hold a single YAML document",
    ),
    Rule(
        "P007",
        "duplicate-key",
        "kunci '{key}' muncul dua kali (pertama di baris {first_line})",
        "key '{key}' appears twice (first on line {first_line})",
    ),
    Rule(
        "P008",
        "too-many-nodes",
        "dokumen mengembang melebihi {limit} simpul (bom alias?)",
        "the document expands past {limit} nodes (an alias bomb?)",
    ),
    Rule("P009", "empty-file", "berkas kosong", "the file is empty"),
    Rule(
        "P010",
        "unknown-file-kind",
        "jenis berkas tidak dikenal: {found}; pakai 'kind:' salah satu dari {expected}",
        "unknown file kind: {found}; set 'kind:' to one of {expected}",
    ),
    Rule(
        "P011",
        "front-matter",
        "templat harus dibuka dengan front matter YAML di antara dua baris '---'",
        "a template must start with YAML front matter between two '---' lines",
    ),
    Rule(
        "P012",
        "not-found",
        "tidak ditemukan: {target}",
        "not found: {target}",
    ),
    Rule(
        "P013",
        "non-string-key",
        "kunci harus berupa teks sederhana",
        "keys must be plain text",
    ),
    Rule(
        "P014",
        "too-deep",
        "dokumen bersarang lebih dari {limit} tingkat",
        "the document nests deeper than {limit} levels",
    ),
    Rule(
        "P015",
        "no-guideline-file",
        "tidak ada berkas pedoman ('kind: guideline') di folder ini",
        "no guideline file ('kind: guideline') in this folder",
    ),
    # P1xx: the schema
    Rule("P101", "unknown-key", "kunci tidak dikenal '{key}'", "unknown key '{key}'"),
    Rule("P102", "missing-key", "kunci wajib '{key}' tidak ada", "required key '{key}' is missing"),
    Rule("P103", "wrong-type", "tipe salah: {detail}", "wrong type: {detail_en}"),
    Rule("P104", "invalid-value", "nilai tidak sah: {detail}", "invalid value: {detail_en}"),
    # P2xx: references and meaning
    Rule(
        "P201",
        "unknown-reference",
        "{what} '{name}' tidak dikenal{hint}",
        "unknown {what_en} '{name}'{hint}",
    ),
    Rule("P202", "duplicate-id", "id '{name}' dipakai dua kali", "id '{name}' is used twice"),
    Rule(
        "P203",
        "when-order",
        "'when' merujuk pertanyaan '{name}' yang belum ditanyakan sebelumnya",
        "'when' refers to question '{name}', which is not asked earlier",
    ),
    Rule(
        "P204",
        "missing-holding-statement",
        "tingkat {levels} dapat tercapai tetapi tidak punya pernyataan '{kind}'",
        "level(s) {levels} can be reached but have no '{kind}' statement",
    ),
    Rule(
        "P205",
        "path-outside-guideline",
        "jalur templat '{target}' keluar dari folder pedoman",
        "template path '{target}' leaves the guideline folder",
    ),
    Rule(
        "P206",
        "condition-mismatch",
        "kondisi tidak cocok dengan pertanyaan '{name}': {detail}",
        "condition does not fit question '{name}': {detail_en}",
    ),
    Rule(
        "P207",
        "review-overdue",
        "tanggal tinjau ulang {date} sudah lewat",
        "the review-by date {date} has passed",
    ),
    Rule(
        "P208",
        "unreachable-level",
        "ambang {level} tidak menaikkan apa pun: tingkat dasar sudah {base}",
        "floor {level} raises nothing: the base level is already {base}",
    ),
    # P3xx: templates
    Rule("P301", "template-syntax", "sintaks Jinja salah: {reason}", "Jinja syntax error: {reason_en}"),
    Rule(
        "P302",
        "undeclared-variable",
        "variabel '{name}' dipakai tetapi tidak dideklarasikan di front matter",
        "variable '{name}' is used but not declared in the front matter",
    ),
    Rule(
        "P303",
        "unused-variable",
        "variabel '{name}' dideklarasikan tetapi tidak dipakai",
        "variable '{name}' is declared but never used",
    ),
    Rule(
        "P304",
        "unsafe-template",
        "templat ditolak oleh sandbox: {reason}",
        "the sandbox refused the template: {reason}",
    ),
    Rule(
        "P305",
        "render-failed",
        "templat gagal dirender: {reason}{via}",
        "the template failed to render: {reason_en}{via_en}",
    ),
    Rule(
        "P306",
        "missing-example",
        "isian wajib '{name}' tidak punya 'example', jadi templat yang memakainya tidak dapat dicoba dirender",
        "required variable '{name}' has no 'example', so the templates that use it cannot be trial-rendered",
    ),
    Rule(
        "P307",
        "trial-render-stopped",
        "percobaan render dihentikan setelah {seconds} detik; templat yang belum dicoba: {count}",
        "the trial render stopped after {seconds} s; templates not tried: {count}",
    ),
    # P4xx: running a response (answers, unit profile, facts)
    Rule(
        "P401",
        "missing-answer",
        "jawaban untuk '{name}' belum ada (beri dengan --answer {name}=NILAI atau --answers BERKAS)",
        "no answer for '{name}' (give it with --answer {name}=VALUE or --answers FILE)",
    ),
    Rule(
        "P402",
        "invalid-answer",
        "jawaban '{name}' tidak sah: {detail}",
        "answer '{name}' is invalid: {detail_en}",
    ),
    Rule(
        "P403",
        "missing-roster-entry",
        "profil satuan kerja tidak punya petugas untuk peran '{name}'",
        "the unit profile names nobody for role '{name}'",
    ),
    Rule("P404", "missing-variable", "isian '{name}' belum ada{hint}", "no value for '{name}'{hint_en}"),
    Rule(
        "P405",
        "level-lowered",
        "tingkat tidak boleh diturunkan di bawah {level} yang ditentukan jawaban",
        "the level cannot go below {level}, which the answers require",
    ),
    Rule("P406", "wrong-playbook", "{detail}", "{detail_en}"),
    Rule("P407", "invalid-option", "{detail}", "{detail_en}"),
    Rule("P408", "write-failed", "gagal menulis {target}: {reason}", "could not write {target}: {reason}"),
    Rule(
        "P409",
        "level-not-raised",
        "tingkat hanya dapat naik: insiden {id} sudah {current}{hint}",
        "the level can only go up: incident {id} is already at {current_en}{hint_en}",
    ),
    # P5xx: the journal
    Rule("P501", "journal", "{detail}", "{detail_en}"),
    Rule("P502", "chain-broken", "{detail}", "{detail_en}"),
    Rule("P503", "refused", "{detail}", "{detail_en}"),
    # P6xx: disclosure guard
    Rule("P601", "nik", "{detail}", "{detail_en}"),
    Rule("P602", "personal-name", "{detail}", "{detail_en}"),
    Rule("P603", "child-identity", "{detail}", "{detail_en}"),
    Rule("P604", "medical-detail", "{detail}", "{detail_en}"),
    Rule("P605", "security-detail", "{detail}", "{detail_en}"),
    Rule("P606", "forbidden-phrase", "{detail}", "{detail_en}"),
    Rule("P607", "placeholder", "{detail}", "{detail_en}"),
    Rule("P608", "disclosure", "{detail}", "{detail_en}"),
    # P801-P849: media monitoring
    Rule(
        "P801",
        "no-monitoring-file",
        "tidak ada berkas pemantauan (kind: monitoring) di {folder}; tambahkan playbooks/monitoring.yaml",
        "no monitoring file (kind: monitoring) in {folder}; add playbooks/monitoring.yaml",
    ),
    Rule(
        "P802",
        "no-feeds",
        "tidak ada sumber untuk dipantau; isi 'feeds' di berkas pemantauan atau beri --feed URL",
        "no sources to watch; list 'feeds' in the monitoring file or give --feed URL",
    ),
    Rule(
        "P803",
        "bad-feed-url",
        "'{url}' bukan alamat feed http atau https",
        "'{url}' is not an http or https feed address",
    ),
    Rule(
        "P804",
        "no-feed-answered",
        "tidak ada sumber yang menjawab ({count} gagal)",
        "no source answered ({count} failed)",
    ),
    Rule("P805", "unknown-issue", "isu '{id}' tidak ditemukan", "issue '{id}' not found"),
    Rule(
        "P806",
        "bad-issue-status",
        "status '{found}' tidak dikenal; pakai salah satu dari {expected}",
        "unknown status '{found}'; use one of {expected}",
    ),
    Rule(
        "P807",
        "issue-closed",
        "isu {id} sudah {status}; {action} tidak dapat dilakukan",
        "issue {id} is already {status_en}; cannot {action_en}",
    ),
    Rule(
        "P808",
        "bad-date",
        "'{found}' bukan tanggal atau waktu (mis. 2026-11-26 atau 2026-11-26T08:00)",
        "'{found}' is not a date or time (e.g. 2026-11-26 or 2026-11-26T08:00)",
    ),
    Rule(
        "P809",
        "bad-interval",
        "'{found}' bukan selang waktu seperti 30s, 5m atau 1h",
        "'{found}' is not an interval such as 30s, 5m or 1h",
    ),
    Rule(
        "P810",
        "monitor-store",
        "penyimpanan pemantauan {store} tidak dapat dipakai: {reason}",
        "the monitoring store {store} cannot be used: {reason}",
    ),
    Rule(
        "P811",
        "alert-command-failed",
        "perintah --on-alert untuk isu {id} gagal: {reason}",
        "the --on-alert command for issue {id} failed: {reason}",
    ),
    Rule(
        "P812",
        "reason-required",
        "alasan wajib diisi (--reason) agar keputusan dapat ditelusuri",
        "a reason is required (--reason) so that the decision can be traced",
    ),
    Rule("P813", "no-response-incident", "{detail}", "{detail_en}"),
    Rule(
        "P820",
        "feed-timeout",
        "sumber tidak menjawab dalam {seconds} detik",
        "the source did not answer within {seconds} seconds",
    ),
    Rule("P821", "feed-http-status", "sumber menjawab HTTP {status}", "the source answered HTTP {status}"),
    Rule(
        "P822",
        "feed-too-large",
        "sumber melebihi batas {limit} bita; dihentikan",
        "the source exceeds the {limit}-byte limit; stopped",
    ),
    Rule(
        "P823",
        "feed-redirect-loop",
        "sumber dialihkan lebih dari {limit} kali (pengalihan berulang?)",
        "the source redirected more than {limit} times (a redirect loop?)",
    ),
    Rule(
        "P824",
        "feed-unreachable",
        "sumber tidak dapat dihubungi: {reason}",
        "the source cannot be reached: {reason}",
    ),
    Rule(
        "P825",
        "feed-malformed",
        "isi sumber bukan XML yang sah: {reason}",
        "the source is not well-formed XML: {reason}",
    ),
    Rule(
        "P826",
        "not-a-feed",
        "isi sumber bukan feed RSS atau Atom",
        "the source is not an RSS or Atom feed",
    ),
]
RULES: Mapping[str, Rule] = {rule.code: rule for rule in _RULES}


class _Args(dict[str, str]):
    def __missing__(self, key: str) -> str:
        """An English argument not given is the one given (a message from Jinja, a name); others are empty."""
        if key.endswith("_en") and key[:-3] in self:
            return self[key[:-3]]
        return ""


@dataclass(frozen=True)
class Problem:
    """One finding, located as precisely as the source allows (1-based line and column)."""

    code: str
    args: Mapping[str, str] = field(default_factory=dict, hash=False)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def name(self) -> str:
        return self.rule.name

    def message(self, lang: Lang = "id") -> str:
        text = self.rule.en if lang == "en" else self.rule.id
        return text.format_map(_Args(self.args))

    def located(self, file: str | None = None, line: int | None = None, column: int | None = None) -> Problem:
        """The same problem with a position filled in where it had none."""
        return Problem(
            code=self.code,
            args=self.args,
            file=self.file or file,
            line=self.line if self.line is not None else line,
            column=self.column if self.column is not None else column,
            path=self.path,
            severity=self.severity,
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code)


def problem(
    code: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    path: str | None = None,
    severity: Severity = Severity.ERROR,
    **args: object,
) -> Problem:
    """Build a problem; message arguments are stringified once, here."""
    if code not in RULES:
        raise KeyError(code)
    return Problem(
        code=code,
        args={key: str(value) for key, value in args.items()},
        file=file,
        line=line,
        column=column,
        path=path,
        severity=severity,
    )


class PasopatiError(Exception):
    """The one exception the domain raises; the CLI reports its problems and exits 1."""

    def __init__(self, problems: Iterable[Problem], hint: str | None = None) -> None:
        self.problems = list(problems)
        self.hint = hint  # what the user can do next, printed after the problems
        super().__init__("; ".join(p.message("en") for p in self.problems))


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity is Severity.ERROR or strict for p in problems)

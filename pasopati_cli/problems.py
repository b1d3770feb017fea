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
    Rule("P004", "yaml-syntax", "sintaks YAML salah: {reason}", "YAML syntax error: {reason_en}"),
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
        "unknown file kind: {found_en}; set 'kind:' to one of {expected}",
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
    Rule(
        "P016",
        "impossible-date",
        "tanggal/jam '{value}' tidak ada: {reason}; tulis tanggal yang ada (YYYY-MM-DD, jam HH:MM:SS, "
        "zona seperti +07:00), atau beri tanda kutip bila maksudnya teks",
        "date/time '{value}' does not exist: {reason_en}; write a real date (YYYY-MM-DD, time HH:MM:SS, "
        "offset such as +07:00), or quote it if it is meant as text",
    ),
    Rule(
        "P017",
        "number-too-long",
        "bilangan dengan {digits} angka terlalu panjang (batas {limit}); beri tanda kutip bila maksudnya teks",
        "a number with {digits} digits is too long (the limit is {limit}); quote it if it is meant as text",
    ),
    Rule(
        "P018",
        "tag-mismatch",
        "nilai '{value}' tidak dapat dibaca sebagai {tag}; yang cocok: {expected}. Hapus tag itu atau "
        "perbaiki nilainya",
        "value '{value}' cannot be read as {tag}; it takes {expected_en}. Remove the tag or fix the value",
    ),
    Rule(
        "P019",
        "control-character",
        "karakter kendali {character} tidak boleh ada di berkas YAML; hapus karakter itu (sering terbawa dari "
        "salinan PDF atau pengolah kata)",
        "control character {character} is not allowed in a YAML file; delete it (it often comes along when "
        "copying from a PDF or a word processor)",
    ),
    Rule(
        "P020",
        "yaml-tab",
        "ada karakter tab; YAML hanya memakai spasi untuk indentasi. Ganti tab dengan spasi (atur editor agar "
        "tombol Tab menyisipkan spasi)",
        "a tab character; YAML indents with spaces only. Replace the tab with spaces (set the editor's Tab key "
        "to insert spaces)",
    ),
    Rule(
        "P021",
        "yaml-indentation",
        "indentasi baris ini tidak cocok: kunci yang setingkat harus dimulai di kolom yang sama dengan kunci di "
        "atasnya, dan butir daftar ('- ') di bawah kuncinya. Sejajarkan barisnya",
        "this line's indentation does not fit: keys at one level start in the same column as the key above, "
        "and list items ('- ') sit under their key. Align the line",
    ),
    Rule(
        "P022",
        "yaml-needs-quotes",
        "karakter '{char}' di sini dibaca sebagai tanda YAML, bukan bagian teks; beri tanda kutip pada seluruh "
        'teksnya, misalnya "Pukul 14.00: api padam"',
        "'{char}' here is read as YAML syntax, not as part of the text; put the whole text in quotes, "
        'for example "At 14:00: fire out"',
    ),
    Rule(
        "P023",
        "yaml-unclosed",
        "'{opening}' yang dibuka di sini tidak pernah ditutup; tambahkan '{closing}' di akhir nilainya (bila "
        "ada koma atau titik dua di dalam teks, beri tanda kutip pada teks itu)",
        "the '{opening}' opened here is never closed; add '{closing}' at the end of the value (put text with "
        "a comma or a colon inside it in quotes)",
    ),
    Rule(
        "P024",
        "yaml-undefined-alias",
        "alias '*{name}' merujuk jangkar '&{name}' yang tidak ada di atasnya; tulis nilainya langsung, atau "
        "tandai nilai aslinya dengan '&{name}' sebelum baris ini",
        "alias '*{name}' refers to an anchor '&{name}' that is not defined above; write the value out, or mark "
        "the original with '&{name}' before this line",
    ),
    Rule(
        "P025",
        "yaml-merge-key",
        "kunci gabungan '<<' tidak didukung: setiap berkas harus dapat dibaca apa adanya. Tulis kunci-kuncinya "
        "satu per satu",
        "the merge key '<<' is not supported: every file must read as it stands. Write the keys out one by one",
    ),
    Rule(
        "P026",
        "wrong-encoding",
        "berkas tersimpan sebagai {encoding}, bukan UTF-8; simpan ulang sebagai UTF-8 (Notepad: Simpan "
        "Sebagai → Pengodean: UTF-8; VS Code: klik pengodean di bilah status → Simpan dengan Pengodean)",
        "the file is saved as {encoding}, not UTF-8; save it again as UTF-8 (Notepad: Save As → Encoding: "
        "UTF-8; VS Code: click the encoding in the status bar → Save with Encoding)",
    ),
    # P1xx: the schema
    Rule("P101", "unknown-key", "kunci tidak dikenal '{key}'{hint}", "unknown key '{key}'{hint_en}"),
    Rule("P102", "missing-key", "kunci wajib '{key}' tidak ada", "required key '{key}' is missing"),
    Rule("P103", "wrong-type", "tipe salah: {detail}", "wrong type: {detail_en}"),
    Rule("P104", "invalid-value", "nilai tidak sah: {detail}", "invalid value: {detail_en}"),
    Rule(
        "P105",
        "boolean-word",
        "YAML membaca '{source}' sebagai nilai ya/tidak ({value}), bukan teks; bila yang dimaksud teks, beri "
        'tanda kutip: "{source}"',
        "YAML reads '{source}' as a yes/no value ({value}), not as text; if text is meant, quote it: \"{source}\"",
    ),
    # P120-P139: a unit's own guideline (init, the guideline as a whole, the roster it needs)
    Rule(
        "P120",
        "conflict-marker",
        "penanda konflik git '{marker}' tertinggal; selesaikan penggabungan lalu hapus penanda ini",
        "git conflict marker '{marker}' left in the file; finish the merge and remove the marker",
    ),
    Rule(
        "P121",
        "unused-template",
        "templat '{name}' tidak dipakai oleh playbook mana pun",
        "template '{name}' is not used by any playbook",
    ),
    Rule(
        "P122",
        "file-name-differs-from-id",
        "nama berkas '{file_name}' berbeda dari id '{id}'; namai berkas '{expected}'",
        "file name '{file_name}' differs from id '{id}'; name the file '{expected}'",
    ),
    Rule(
        "P123",
        "threshold-never-fires",
        "ambang at_least {at_least} tidak pernah tercapai: jawaban paling besar {max}",
        "threshold at_least {at_least} can never fire: the largest answer is {max}",
    ),
    Rule(
        "P124",
        "threshold-always-fires",
        "ambang at_least {at_least} selalu tercapai: jawaban paling kecil {min}; naikkan base_level saja",
        "threshold at_least {at_least} always fires: the smallest answer is {min}; raise base_level instead",
    ),
    Rule(
        "P125",
        "roster-missing-role",
        "daftar petugas tidak punya peran '{role}', yang dibutuhkan {need}{more}",
        "the roster names nobody for role '{role}', needed by {need_en}{more_en}",
    ),
    Rule(
        "P127",
        "unfilled-placeholder",
        "masih penanda: {value}; isi dengan data unit",
        "still a placeholder: {value}; fill in the unit's details",
    ),
    Rule(
        "P126",
        "target-not-empty",
        "folder {target} tidak kosong; pilih folder baru atau tambahkan --force untuk menimpa berkas pedoman",
        "folder {target} is not empty; choose a new folder or add --force to overwrite the guideline files",
    ),
    # P135-P139: taking an upstream release (pasopati upgrade)
    Rule(
        "P135",
        "merge-conflict",
        "konflik penggabungan: {what}; simpan isi yang benar di antara penanda, lalu hapus penandanya",
        "merge conflict: {what_en}; keep the right text between the markers, then remove the markers",
    ),
    Rule(
        "P136",
        "no-upgrade-base",
        "salinan asli {name} {version} (dasar penggabungan) tidak ada: {archive}; beri --base FOLDER berisi "
        "playbooks/ dan templates/ rilis itu (mis. git clone --branch v{version} URL-pasopati)",
        "the pristine copy of {name} {version} (the merge base) is missing: {archive}; give --base FOLDER "
        "holding that release's playbooks/ and templates/ (e.g. git clone --branch v{version} pasopati-URL)",
    ),
    Rule(
        "P137",
        "upgrade-base-mismatch",
        "dasar penggabungan {source} bukan {name} {version} yang tercatat (hash {found}, tercatat {hash}); beri "
        "--base FOLDER berisi playbooks/ dan templates/ rilis itu",
        "the merge base {source} is not the recorded {name} {version} (hash {found}, recorded {hash}); give "
        "--base FOLDER holding that release's playbooks/ and templates/",
    ),
    Rule(
        "P138",
        "no-upstream-record",
        "pedoman ini tidak mencatat asalnya ('upstream:', ditulis oleh pasopati init); beri --base FOLDER "
        "berisi playbooks/ dan templates/ rilis yang menjadi awalnya",
        "this guideline does not record where it started ('upstream:', written by pasopati init); give "
        "--base FOLDER holding the playbooks/ and templates/ of the release it started from",
    ),
    # P2xx: references and meaning
    Rule(
        "P201",
        "unknown-reference",
        "{what} '{name}' tidak dikenal{hint}",
        "unknown {what_en} '{name}'{hint_en}",
    ),
    Rule("P202", "duplicate-id", "id '{name}' dipakai dua kali{first}", "id '{name}' is used twice{first_en}"),
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
        "the sandbox refused the template: {reason_en}",
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
    # P308-P319: statements in the reader's language (issue 13) and bounded templates (issue 16)
    Rule(
        "P308",
        "untranslated-value",
        "pernyataan berbahasa Inggris memakai '{name}', yang hanya ada dalam bahasa Indonesia: {fix}{via}",
        "the English statement uses '{name}', which exists only in Indonesian: {fix_en}{via_en}",
    ),
    Rule(
        "P309",
        "no-english-template",
        "jenis pernyataan '{kind}' tidak punya templat bahasa Inggris: tambahkan 'en' di 'template', atau susun "
        "pernyataan ini dalam bahasa Indonesia (--lang id)",
        "statement kind '{kind}' has no English template: add 'en' under 'template', or write this statement "
        "in Indonesian (--lang id)",
    ),
    Rule(
        "P310",
        "no-english",
        "tidak ada padanan bahasa Inggris ('{english}'); pernyataan berbahasa Inggris yang mencetak nilai ini "
        "akan ditolak",
        "no English counterpart ('{english}'); an English statement that prints this value will be refused",
    ),
    # P320-P329: path coverage (`pasopati test`, issue 14)
    Rule(
        "P320",
        "branch-never-rendered",
        "cabang {tag} ini tidak pernah dirender oleh jalur triase atau isian contoh mana pun ({templates}); "
        "periksa syaratnya, atau hapus bila memang tidak akan terpakai",
        "this {tag} branch was never rendered by any triage path or sample value ({templates}); check its "
        "condition, or remove it if it can never apply",
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
    Rule(
        "P410",
        "close-not-confirmed",
        "insiden {id} tidak ditutup: {count} hal belum tercatat selesai ({items}); catat dulu, atau tutup juga "
        "dengan --yes (penutupan tidak dapat dibatalkan; laporan mencatat hal yang belum selesai)",
        "incident {id} was not closed: {count} items never recorded as done ({items}); record them first, or "
        "close anyway with --yes (closing cannot be undone; the report lists what was left)",
    ),
    # P42x: writing the files the user asked for (pasopati_cli/files.py)
    Rule("P420", "not-a-regular-file", "{detail}", "{detail_en}"),
    Rule("P421", "file-exists", "{detail}", "{detail_en}"),
    Rule("P422", "unsafe-write-failed", "gagal menulis {target}: {reason}", "could not write {target}: {reason}"),
    # P430-P439: the incident's fact sheet (incident fact, incident start)
    Rule(
        "P430",
        "unknown-fact",
        "playbook {type} tidak mengenal fakta '{name}'{hint}",
        "the {type} playbook knows no fact '{name}'{hint_en}",
    ),
    Rule("P431", "invalid-fact", "nilai fakta '{name}' tidak sah: {detail}", "fact '{name}' is invalid: {detail_en}"),
    Rule(
        "P432",
        "derived-fact",
        "'{name}' dihitung dari {inputs}; catat angka-angka itu, bukan hasilnya",
        "'{name}' is computed from {inputs}; record those counts, not the result",
    ),
    Rule("P433", "impossible-tally", "{detail}", "{detail_en}"),
    Rule("P434", "fact-time", "{detail}", "{detail_en}"),
    Rule(
        "P436",
        "contradicts-fact-sheet",
        "{found} tidak sesuai dengan lembar fakta insiden: {fact} kini {current}; perbarui pernyataan ini",
        "{found} contradicts the incident's fact sheet: {fact} is now {current}; update the statement",
    ),
    Rule(
        "P435",
        "missing-reason",
        "koreksi perlu alasan (--reason TEKS): catatan insiden harus menjelaskan setiap perubahan",
        "a correction needs a reason (--reason TEXT): the journal must say why anything changed",
    ),
    # P5xx: the journal
    Rule("P501", "journal", "{detail}", "{detail_en}"),
    Rule("P502", "chain-broken", "{detail}", "{detail_en}"),
    Rule("P503", "refused", "{detail}", "{detail_en}"),
    Rule("P504", "damaged-event", "{detail}", "{detail_en}"),
    Rule("P505", "sequence-reused", "{detail}", "{detail_en}"),
    Rule("P506", "time-backwards", "{detail}", "{detail_en}"),
    Rule("P507", "closed-reopened", "{detail}", "{detail_en}"),
    Rule("P508", "seal-broken", "{detail}", "{detail_en}"),
    Rule("P509", "code-not-on-chain", "{detail}", "{detail_en}"),
    Rule("P510", "journal-read-only", "{detail}", "{detail_en}"),
    Rule("P511", "journal-key", "{detail}", "{detail_en}"),
    Rule("P512", "event-count", "{detail}", "{detail_en}"),
    Rule(
        "P513",
        "guideline-changed",
        "insiden {id}: {what}; tercatat {before}, kini {now}. Tenggat dan teks dapat berbeda dari yang sudah "
        "dipakai; terima pergantian dengan {flag} (dicatat di jurnal) atau {undo}",
        "incident {id}: {what_en}; recorded {before}, now {now}. Deadlines and texts may differ from those used "
        "so far; accept the change with {flag} (recorded in the journal) or {undo_en}",
    ),
    Rule(
        "P514",
        "guideline-missing",
        "folder pedoman yang tercatat untuk insiden ini tidak ada lagi; berikan foldernya dengan --guideline FOLDER "
        "{flag}",
        "the guideline folder recorded for this incident no longer exists; give its folder with --guideline DIR {flag}",
    ),
    # P520-P529: releasing past the release rules (incident release --override)
    Rule(
        "P520",
        "override-incomplete",
        "--override perlu {missing}: pengecualian dicatat dengan nama pejabat yang menyetujuinya ({who}) dan "
        "alasannya; tidak ada yang dicatat",
        "--override needs {missing_en}: an override is recorded with the name of the official who approves it "
        "({who_en}) and its reason; nothing was recorded",
    ),
    Rule(
        "P521",
        "named-before-family-told",
        "--override tidak dapat merilis pernyataan yang memuat nama orang yang ditandai ({names}; {where}) "
        "sebelum syaratnya tercatat: {steps}",
        "--override cannot release a statement that carries the name of a marked person ({names}; {where_en}) "
        "before its requirement is recorded: {steps_en}",
    ),
    # P6xx: disclosure guard
    Rule("P601", "nik", "{detail}", "{detail_en}"),
    Rule("P602", "personal-name", "{detail}", "{detail_en}"),
    Rule("P603", "child-identity", "{detail}", "{detail_en}"),
    Rule("P604", "medical-detail", "{detail}", "{detail_en}"),
    Rule("P605", "security-detail", "{detail}", "{detail_en}"),
    Rule("P606", "forbidden-phrase", "{detail}", "{detail_en}"),
    Rule("P607", "placeholder", "{detail}", "{detail_en}"),
    Rule("P608", "disclosure", "{detail}", "{detail_en}"),
    Rule("P609", "unhedged-allegation", "{detail}", "{detail_en}"),
    Rule("P610", "initials-not-allowed", "{detail}", "{detail_en}"),
    # P7xx: style (EYD V for Indonesian; house style for English)
    Rule("P701", "serial-comma", "{detail}", "{detail_en}"),
    Rule("P702", "headline-case", "{detail}", "{detail_en}"),
    Rule("P703", "range-dash", "{detail}", "{detail_en}"),
    Rule("P704", "informal-abbreviation", "{detail}", "{detail_en}"),
    Rule("P705", "digit-opens-sentence", "{detail}", "{detail_en}"),
    Rule("P706", "first-person", "{detail}", "{detail_en}"),
    Rule("P707", "post-too-long", "{detail}", "{detail_en}"),
    Rule("P708", "number-in-words", "{detail}", "{detail_en}"),
    Rule("P709", "number-in-figures-and-words", "{detail}", "{detail_en}"),
    Rule("P710", "style", "{detail}", "{detail_en}"),
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


def did_you_mean(name: object, known: Iterable[str]) -> tuple[str, str]:
    """("; maksud Anda 'x'?", "; did you mean 'x'?") for the known name a misspelt one most likely meant,
    or empty texts when none is close enough."""
    import difflib

    found = difflib.get_close_matches(str(name), [str(item) for item in known], n=1, cutoff=0.6)
    if not found:
        return "", ""
    return f"; maksud Anda '{found[0]}'?", f"; did you mean '{found[0]}'?"


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity is Severity.ERROR or strict for p in problems)

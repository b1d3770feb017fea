"""The daily media-monitoring report (laporan monitoring media): counts, top issues, answers, open issues.

Pure: stored issues in, a report and its Markdown, HTML and JSON out. Times are in the unit's zone."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from pasopati_cli import clock
from pasopati_cli.monitor.issues import IssueSummary, issue_label, summarize
from pasopati_cli.monitor.store import StoredIssue
from pasopati_cli.problems import Lang

TONES = ("negatif", "netral", "positif")
SCOPES = ("nasional", "lokal", "lainnya")
TOP = 10


@dataclass(frozen=True)
class DailyReport:
    day: date
    zone: tzinfo
    generated: datetime
    items: int
    by_tone: dict[str, int]
    by_scope: dict[str, dict[str, int]]  # scope -> tone -> items
    top: tuple[IssueSummary, ...]
    answered: tuple[IssueSummary, ...]
    open: tuple[IssueSummary, ...]
    dismissed: tuple[IssueSummary, ...]

    def answer_delay(self, issue: IssueSummary) -> timedelta | None:
        return issue.answered_at - issue.first_seen if issue.answered_at else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "generated": self.generated.isoformat(),
            "items": self.items,
            "by_sentiment": self.by_tone,
            "by_scope": self.by_scope,
            "top_issues": [i.as_dict() for i in self.top],
            "answered": [{**i.as_dict(), "minutes_to_answer": _minutes(self.answer_delay(i))} for i in self.answered],
            "open": [i.as_dict() for i in self.open],
            "dismissed": [i.as_dict() for i in self.dismissed],
        }


def _minutes(delay: timedelta | None) -> int | None:
    return None if delay is None else max(0, int(delay.total_seconds() // 60))


def build_report(
    issues: list[StoredIssue], *, day: date, start: datetime, end: datetime, zone: tzinfo, generated: datetime
) -> DailyReport:
    """Items published on `day` (in the unit's zone) and the relevant issues they belong to."""
    by_tone: Counter[str] = Counter()
    by_scope: dict[str, Counter[str]] = {scope: Counter() for scope in SCOPES}
    count = 0
    summaries = []
    for issue in issues:
        todays = tuple(i for i in issue.items if start <= i.published < end)
        if not todays:
            continue
        for item in todays:
            if item.relevant == "none":
                continue
            count += 1
            by_tone[item.sentiment] += 1
            by_scope.setdefault(item.scope, Counter())[item.sentiment] += 1
        summary = summarize(issue)
        if summary.relevant != "none":
            summaries.append(summary)
    ranked = sorted(summaries, key=lambda i: (-i.outlets, -i.items, _tone_rank(i.sentiment), i.id))
    return DailyReport(
        day=day,
        zone=zone,
        generated=generated,
        items=count,
        by_tone={tone: by_tone[tone] for tone in TONES},
        by_scope={scope: {tone: tones[tone] for tone in TONES} for scope, tones in by_scope.items()},
        top=tuple(ranked[:TOP]),
        answered=tuple(i for i in ranked if i.status == "ditanggapi"),
        open=tuple(i for i in ranked if i.status in ("baru", "ditinjau")),
        dismissed=tuple(i for i in ranked if i.status == "diabaikan"),
    )


def _tone_rank(tone: str) -> int:
    return {"negatif": 0, "netral": 1, "positif": 2}.get(tone, 3)


_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Laporan Monitoring Media", "Media Monitoring Report"),
    "generated": ("Disusun", "Generated"),
    "items": ("Berita relevan", "Relevant stories"),
    "tone": ("Sentimen", "Sentiment"),
    "scope": ("Cakupan", "Scope"),
    "total": ("Jumlah", "Total"),
    "top": ("Isu utama", "Top issues"),
    "answered": ("Sudah ditanggapi", "Answered"),
    "open": ("Masih terbuka", "Still open"),
    "dismissed": ("Diabaikan", "Dismissed"),
    "none": ("Tidak ada.", "None."),
    "issue": ("Isu", "Issue"),
    "headline": ("Judul", "Headline"),
    "outlets": ("Media", "Outlets"),
    "type": ("Jenis", "Type"),
    "status": ("Status", "Status"),
    "first": ("Pertama terbit", "First published"),
    "delay": ("Waktu tanggap", "Time to answer"),
    "incident": ("Insiden", "Incident"),
    "reason": ("Alasan", "Reason"),
    "negatif": ("negatif", "negative"),
    "netral": ("netral", "neutral"),
    "positif": ("positif", "positive"),
    "nasional": ("nasional", "national"),
    "lokal": ("lokal", "local"),
    "lainnya": ("lainnya", "other"),
}


def _w(key: str, lang: Lang) -> str:
    pair = _WORDS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def _when(report: DailyReport, moment: datetime, lang: Lang) -> str:
    return clock.format_datetime(clock.localize(moment, report.zone), lang)


def _rows(report: DailyReport, lang: Lang) -> dict[str, list[list[str]]]:
    """Every table of the report as rows of text, shared by Markdown and HTML."""
    tones = [_w(t, lang) for t in TONES]
    counts = [[_w("scope", lang), *tones, _w("total", lang)]]
    for scope, values in report.by_scope.items():
        if scope == "lainnya" and not any(values.values()):
            continue
        counts.append([_w(scope, lang), *[str(values[t]) for t in TONES], str(sum(values.values()))])
    counts.append([_w("total", lang), *[str(report.by_tone[t]) for t in TONES], str(report.items)])

    def issue_row(i: IssueSummary) -> list[str]:
        return [
            issue_label(i.id),
            i.title,
            f"{i.outlets}: {', '.join(i.sources)}",
            _w(i.sentiment, lang),
            i.crisis_type or "-",
            _when(report, i.first_seen, lang),
        ]

    head = [_w(key, lang) for key in ("issue", "headline", "outlets", "tone", "type", "first")]
    answered_head = [_w("issue", lang), _w("headline", lang), _w("incident", lang), _w("delay", lang)]
    answered = []
    for i in report.answered:
        delay = report.answer_delay(i)
        answered.append(
            [
                issue_label(i.id),
                i.title,
                f"{i.incident_id or '-'} {i.statement_id or ''}".strip(),
                clock.format_span(delay, lang) if delay is not None else "-",
            ]
        )
    dismissed = [[issue_label(i.id), i.title, i.reason or "-"] for i in report.dismissed]
    return {
        "counts": counts,
        "top": [head, *[issue_row(i) for i in report.top]],
        "answered": [answered_head, *answered],
        "open": [head, *[issue_row(i) for i in report.open]],
        "dismissed": [[_w("issue", lang), _w("headline", lang), _w("reason", lang)], *dismissed],
    }


def to_markdown(report: DailyReport, lang: Lang = "id") -> str:
    tables = _rows(report, lang)
    lines = [
        f"# {_w('title', lang)}: {clock.format_date(report.day, lang)}",
        "",
        f"{_w('generated', lang)}: {_when(report, report.generated, lang)}. {_w('items', lang)}: {report.items}.",
    ]
    for key in ("counts", "top", "answered", "open", "dismissed"):
        if key != "counts":
            lines += ["", f"## {_w(key, lang)}"]
        else:
            lines += ["", f"## {_w('tone', lang)} / {_w('scope', lang)}"]
        rows = tables[key]
        lines.append("")
        if len(rows) == 1:
            lines.append(_w("none", lang))
            continue
        lines.append("| " + " | ".join(_cell(c) for c in rows[0]) + " |")
        lines.append("|" + "---|" * len(rows[0]))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_CSS = """
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 60rem;
       margin: 1.5rem auto; padding: 0 1rem; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 .2rem; }
h2 { font-size: 12.5pt; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; page-break-inside: auto; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.negatif { color: #9b1c1c; font-weight: 600; } .positif { color: #1f6f3a; }
p.meta { color: #444; margin: 0 0 .8rem; }
@media print { body { margin: 0; padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def to_html(report: DailyReport, lang: Lang = "id") -> str:
    tables = _rows(report, lang)
    esc = html.escape
    title = f"{_w('title', lang)}: {clock.format_date(report.day, lang)}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(_w("generated", lang))}: {esc(_when(report, report.generated, lang))}. '
        f"{esc(_w('items', lang))}: {report.items}.</p>",
    ]
    for key in ("counts", "top", "answered", "open", "dismissed"):
        heading = f"{_w('tone', lang)} / {_w('scope', lang)}" if key == "counts" else _w(key, lang)
        parts.append(f"<h2>{esc(heading)}</h2>")
        rows = tables[key]
        if len(rows) == 1:
            parts.append(f"<p>{esc(_w('none', lang))}</p>")
            continue
        parts.append("<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in rows[0]) + "</tr></thead><tbody>")
        for row in rows[1:]:
            cells = []
            for cell in row:
                css = ' class="n"' if cell.isdigit() else ""
                if cell in (_w("negatif", lang), _w("positif", lang)):
                    css = f' class="{"negatif" if cell == _w("negatif", lang) else "positif"}"'
                cells.append(f"<td{css}>{esc(cell)}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

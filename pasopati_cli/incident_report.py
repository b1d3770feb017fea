"""The post-incident report (in the spirit of ICS 214): pure, from the journal's events to Markdown or JSON.

Times are written in full, in the unit's zone ("Rabu, 26 November 2025, 14.35 WIB"); notifications,
actions and statements are compared with their deadlines over the incident's level history: each level
sets a deadline counting from the moment it was entered, and the earliest one holds
(`followup.incident_plan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from pasopati_cli import clock, pin
from pasopati_cli.events import Event
from pasopati_cli.followup import DueItem, incident_due
from pasopati_cli.incident import IncidentState, derive_state
from pasopati_cli.model import CrisisType, Guideline, UnitProfile
from pasopati_cli.pin import GuidelineRecord
from pasopati_cli.problems import Lang

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Laporan Pasca-Insiden {id}", "Post-Incident Report {id}"),
    "exercise": ("**LATIHAN — BUKAN KEJADIAN NYATA**", "**EXERCISE — NOT A REAL INCIDENT**"),
    "source": ("sumber", "source"),
    "unit": ("Satuan kerja", "Unit"),
    "type": ("Jenis kejadian", "Incident type"),
    "start": ("Mulai kejadian", "Incident start"),
    "closed": ("Ditutup", "Closed"),
    "still_open": ("belum ditutup", "not closed"),
    "guideline": ("Pedoman", "Guideline"),
    "bundled": ("bawaan pasopati", "bundled with pasopati"),
    "not_recorded": (
        "tidak tercatat saat insiden dibuka (jurnal lama); laporan ini memakai pedoman tersebut",
        "not recorded when the incident was opened (an older journal); this report used that guideline",
    ),
    "built_with": ("laporan ini dibuat dengan {guideline}", "this report was built with {guideline}"),
    "guideline_changes": ("Pergantian pedoman", "Changes of guideline"),
    "from": ("Dari", "From"),
    "to": ("Menjadi", "To"),
    "levels": ("Riwayat tingkat", "Level history"),
    "time": ("Waktu", "Time"),
    "level": ("Tingkat", "Level"),
    "reasons": ("Alasan", "Reasons"),
    "by": ("Oleh", "By"),
    "rule": (
        "*Tenggat: tiap tingkat menetapkan tenggat yang dihitung sejak tingkat itu berlaku (tingkat pertama sejak "
        "mulai kejadian); yang berlaku adalah tenggat paling awal.*",
        "*Deadlines: each level sets a deadline counted from the moment it took effect (the first level from the "
        "incident start); the earliest deadline holds.*",
    ),
    "notifications": ("Pemberitahuan terhadap tenggat", "Notifications against deadlines"),
    "actions": ("Tindakan terhadap tenggat", "Actions against deadlines"),
    "what": ("Apa", "What"),
    "who": ("Siapa", "Who"),
    "deadline": ("Tenggat", "Deadline"),
    "done": ("Dilaksanakan", "Done"),
    "verdict": ("Keterangan", "Remark"),
    "on_time": ("tepat waktu", "on time"),
    "late": ("terlambat {delay}", "late by {delay}"),
    "missing": ("belum tercatat", "not recorded"),
    "closed_outstanding": ("belum tercatat selesai: {items}", "never recorded as done: {items}"),
    "statements": ("Pernyataan", "Statements"),
    "status": ("Status", "Status"),
    "approver": ("Disetujui oleh", "Approved by"),
    "released": ("Dirilis", "Released"),
    "draft": ("draf", "draft"),
    "approved": ("disetujui", "approved"),
    "released_status": ("dirilis", "released"),
    "override": ("Dirilis dengan pengecualian, alasan", "Released under override, reason"),
    "override_by": ("Pengecualian disetujui oleh", "Override approved by"),
    "none": ("Tidak ada.", "None."),
    "off_roster": ("Diberi tahu di luar daftar peran", "Told, not on the roster"),
    "timeline": ("Lini masa", "Timeline"),
    "event": ("Peristiwa", "Event"),
    "detail": ("Rincian", "Detail"),
    "chain": (
        "Kode verifikasi (kepala rantai hash, peristiwa #{seq}): `{hash}`; periksa dengan "
        "`pasopati incident verify {id} --head {hash}`",
        "Verification code (hash chain head, event #{seq}): `{hash}`; check it with "
        "`pasopati incident verify {id} --head {hash}`",
    ),
}

_EVENT_NAMES: dict[str, tuple[str, str]] = {
    "opened": ("insiden dibuka", "incident opened"),
    "answered": ("jawaban triase", "triage answer"),
    "triaged": ("tingkat ditetapkan", "level decided"),
    "level_raised": ("tingkat dinaikkan", "level raised"),
    "role_notified": ("peran diberi tahu", "role told"),
    "action_done": ("tindakan selesai", "action done"),
    "note": ("catatan", "note"),
    "statement_drafted": ("draf pernyataan", "statement drafted"),
    "statement_approved": ("pernyataan disetujui", "statement approved"),
    "statement_released": ("pernyataan dirilis", "statement released"),
    "closed": ("insiden ditutup", "incident closed"),
    "guideline_changed": ("pedoman diganti", "guideline changed"),
    "fact_recorded": ("fakta dicatat", "facts recorded"),
    "start_corrected": ("waktu mulai dikoreksi", "start corrected"),
}


_STATUS_KEYS = {"released": "released_status"}


def status_word(status: str, lang: Lang) -> str:
    """A statement status (draft, approved, released) in words of `lang`."""
    return _w(_STATUS_KEYS.get(status, status), lang)


def _kind_title(guideline: Guideline, kind: str, lang: Lang) -> str:
    for known in guideline.statement_kinds:
        if known.id == kind:
            return known.title.get(lang)
    return kind


def _answer(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return {(True, "id"): "ya", (False, "id"): "tidak", (True, "en"): "yes", (False, "en"): "no"}[(value, lang)]
    return str(value)


def _fact(value: object, lang: Lang) -> str:
    """A recorded fact's value in a line: as recorded (counts in their notation, ~50, >=49, ?), a text in `lang`."""
    if isinstance(value, dict):  # a text given in both languages
        value = value.get(lang) or next(iter(value.values()), "")
    return _answer(value, lang)


def _w(key: str, lang: Lang, **values: object) -> str:
    id_text, en_text = _WORDS[key]
    return (en_text if lang == "en" else id_text).format(**values)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _detail(event: Event, lang: Lang) -> str:
    data = event.data
    if event.type == "answered":
        return f"{data.get('question')} = {_answer(data.get('answer'), lang)}"
    if event.type in ("triaged", "level_raised"):
        reasons = (data.get("reasons_en") if lang == "en" else None) or data.get("reasons")
        reasons = reasons or ([data["reason"]] if data.get("reason") else [])
        said = "; ".join(str(r) for r in reasons)  # each guideline reason already names its level
        return f"{data.get('level')} ({said})" if said else str(data.get("level"))
    if event.type == "role_notified" and not data.get("role") and data.get("person"):
        return f"{data.get('person')}, {data.get('title')} ({data.get('channel') or '-'})"
    if event.type == "role_notified":
        return f"{data.get('role')} ({data.get('channel')})"
    if event.type == "action_done":
        return str(data.get("action"))
    if event.type == "note":
        return str(data.get("text"))
    if event.type.startswith("statement_"):
        extra = data.get("approver") or data.get("override_reason") or data.get("kind") or ""
        if data.get("override_by"):
            extra = f"{extra} ({data['override_by']})"
        return f"{data.get('statement')} {extra}".strip()
    if event.type == "opened":
        return f"{data.get('crisis_type')}{' (latihan)' if data.get('exercise') else ''}"
    if event.type == "guideline_changed" and (record := GuidelineRecord.from_data(data)) is not None:
        return f"{_named(record, lang)}: {data.get('reason') or '-'}"
    if event.type == "fact_recorded":  # every new value, and where it came from
        values = ", ".join(f"{name} = {_fact(value, lang)}" for name, value in dict(data.get("facts") or {}).items())
        return values + (f" ({_w('source', lang)}: {data['source']})" if data.get("source") else "")
    if event.type == "start_corrected":
        return f"{data.get('start')}: {data.get('reason') or '-'}"
    if event.type == "closed" and data.get("outstanding"):
        return _w("closed_outstanding", lang, items=", ".join(str(item) for item in data["outstanding"]))
    return ""


def _verdict(item: DueItem, lang: Lang) -> str:
    if item.done_at is None:
        return _w("missing", lang)
    if item.late():
        return _w("late", lang, delay=clock.format_span(item.done_at - item.deadline, lang))
    return _w("on_time", lang)


def _named(record: GuidelineRecord, lang: Lang) -> str:
    """A guideline as the report names it: name, version, hash, and where it is."""
    where = _w("bundled", lang) if record.bundled else record.folder
    return f"{record.name} {record.version} (sha256 {record.short()}) — {where}"


def _guideline_line(events: Sequence[Event], used: GuidelineRecord | None, lang: Lang) -> str | None:
    """The guideline in force by the journal (the one opened with or the last change accepted), and the one
    this report was built with when that is another (an older journal, or a closed incident's files changed).
    None when neither is known (the report names the playbook hash of the events instead)."""
    recorded = pin.recorded(events)
    if recorded is None:
        return None if used is None else f"{_named(used, lang)}; {_w('not_recorded', lang)}"
    if used is not None and (recorded.hash != used.hash or recorded.folder != used.folder):
        return f"{_named(recorded, lang)}; {_w('built_with', lang, guideline=_named(used, lang))}"
    return _named(recorded, lang)


def _changes_json(events: Sequence[Event], used: GuidelineRecord | None, zone: tzinfo) -> dict[str, Any]:
    recorded = pin.recorded(events)
    changes = [{"at": clock.localize(c.at, zone).isoformat(), "by": c.by, "reason": c.reason,
                "from": c.before.as_data() if c.before else None, "to": c.after.as_data()}
               for c in pin.changes(events)]  # fmt: skip
    return {"recorded": recorded.as_data() if recorded else None, "used": used.as_data() if used else None,
            "changes": changes}  # fmt: skip


def build(
    events: Sequence[Event], guideline: Guideline, crisis: CrisisType, unit: UnitProfile, lang: Lang,
    used: GuidelineRecord | None = None,
) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """(Markdown report, JSON document) of one incident; `used`: the guideline the report is built with."""
    state = derive_state(events)
    zone = clock.resolve_zone(unit.unit.timezone)

    def when(moment: datetime | None) -> str:
        return clock.format_datetime(clock.localize(moment, zone), lang) if moment else "-"

    level = state.level or crisis.base_level
    start = state.start or state.opened_at
    items = incident_due(guideline, crisis, events, state, unit)
    lines = [f"# {_w('title', lang, id=state.id)}", ""]
    if state.exercise:
        lines += [_w("exercise", lang), ""]
    lines += [
        f"- **{_w('unit', lang)}:** {unit.unit.name}",
        f"- **{_w('type', lang)}:** {crisis.title.get(lang)} ({crisis.id})",
        f"- **{_w('start', lang)}:** {when(start)}",
        f"- **{_w('closed', lang)}:** {when(state.closed_at) if state.closed else _w('still_open', lang)}",
        f"- **{_w('level', lang)}:** {guideline.level(level).title.get(lang)}",
        f"- **{_w('guideline', lang)}:** "
        + (
            _guideline_line(events, used, lang)
            or f"{guideline.name.get(lang)} {state.playbook_version} (sha256 {state.playbook_hash[:12]})"
        ),
        "",
        f"## {_w('levels', lang)}",
        "",
        f"| {_w('time', lang)} | {_w('level', lang)} | {_w('reasons', lang)} | {_w('by', lang)} |",
        "|---|---|---|---|",
    ]
    for change in state.levels:
        title = guideline.level(change.level).title.get(lang) if change.level in _ids(guideline) else change.level
        lines.append(
            f"| {when(change.at)} | {title} | {_cell('; '.join(change.reasons_in(lang)) or '-')} | {_cell(change.by)} |"
        )
    if len(state.levels) > 1:
        lines += ["", _w("rule", lang)]
    for key, heading in (("notify", "notifications"), ("action", "actions")):
        lines += ["", f"## {_w(heading, lang)}", ""]
        chosen = [item for item in items if item.what == key]
        if key == "notify" and state.others:  # told though no role asks for them: listed, never against a deadline
            lines += [f"**{_w('off_roster', lang)}:**", ""]
            lines += [f"- {other.person}, {other.title} ({other.channel or '-'}): {when(other.at)} — {other.by}"
                      for other in state.others]  # fmt: skip
            lines.append("")
        if not chosen:
            lines.append(_w("none", lang))
            continue
        lines += [
            f"| {_w('what', lang)} | {_w('who', lang)} | {_w('deadline', lang)} | {_w('done', lang)} "
            f"| {_w('verdict', lang)} |",
            "|---|---|---|---|---|",
        ]
        for item in chosen:
            lines.append(
                f"| {_cell(item.label(lang))} | {_cell(item.who)} | {when(item.deadline)} | {when(item.done_at)} "
                f"| {_verdict(item, lang)} |"
            )
    if changes := pin.changes(events):
        lines += ["", f"## {_w('guideline_changes', lang)}", "",
                  f"| {_w('time', lang)} | {_w('from', lang)} | {_w('to', lang)} | {_w('by', lang)} "
                  f"| {_w('reasons', lang)} |", "|---|---|---|---|---|"]  # fmt: skip
        for swap in changes:
            before = _named(swap.before, lang) if swap.before else "-"
            lines.append(f"| {when(swap.at)} | {_cell(before)} | {_cell(_named(swap.after, lang))} "
                         f"| {_cell(swap.by)} | {_cell(swap.reason)} |")  # fmt: skip
    lines += ["", f"## {_w('statements', lang)}", ""]
    if not state.statements:
        lines.append(_w("none", lang))
    for statement in state.statements.values():
        kind, status = _kind_title(guideline, statement.kind, lang), status_word(statement.status, lang)
        lines += [
            f"### {statement.id} · {kind} · {status}",
            "",
            f"- **{_w('approver', lang)}:** {statement.approver or '-'} ({when(statement.approved_at)})",
            f"- **{_w('released', lang)}:** {when(statement.released_at)}"
            + (f" — {statement.released_by}" if statement.released_by else ""),
        ]
        if statement.override_reason:
            lines.append(f"- **{_w('override', lang)}:** {statement.override_reason}")
        if statement.override_by:
            lines.append(f"- **{_w('override_by', lang)}:** {statement.override_by}")
        lines += ["", *[f"> {line}" if line else ">" for line in statement.text.strip().splitlines()], ""]
    lines += [
        "",
        f"## {_w('timeline', lang)}",
        "",
        f"| # | {_w('time', lang)} | {_w('event', lang)} | {_w('by', lang)} | {_w('detail', lang)} |",
        "|---|---|---|---|---|",
    ]
    for event in events:
        name = _EVENT_NAMES.get(event.type, (event.type, event.type))
        lines.append(
            f"| {event.seq} | {when(event.at)} | {name[1] if lang == 'en' else name[0]} | {_cell(event.operator)} "
            f"| {_cell(_detail(event, lang))} |"
        )
    last = events[-1]
    lines += ["", _w("chain", lang, seq=last.seq, hash=last.hash, id=last.incident_id), ""]
    document = _as_json(state, events, items, zone)
    document["guideline"] = _changes_json(events, used, zone)
    return "\n".join(lines), document


def _ids(guideline: Guideline) -> set[str]:
    return {level.id for level in guideline.levels}


def _as_json(state: IncidentState, events: Sequence[Event], items: list[DueItem], zone: tzinfo) -> dict[str, Any]:
    def iso(moment: datetime | None) -> str | None:
        return clock.localize(moment, zone).isoformat() if moment else None

    return {
        "id": state.id,
        "crisis_type": state.crisis_type,
        "exercise": state.exercise,
        "unit": state.unit,
        "start": iso(state.start),
        "closed": state.closed,
        "closed_at": iso(state.closed_at),
        "level": state.level,
        "playbook_version": state.playbook_version,
        "playbook_hash": state.playbook_hash,
        "levels": [{"level": c.level, "reasons": list(c.reasons), "at": iso(c.at), "by": c.by} for c in state.levels],
        "deadlines": [
            {
                "what": item.what,
                "key": item.key,
                "who": item.who,
                "deadline": iso(item.deadline),
                "done_at": iso(item.done_at),
                "late": item.late(),
                "missing": item.done_at is None,
            }
            for item in items
        ],
        "notified_off_roster": [
            {"person": n.person, "title": n.title, "channel": n.channel or None, "at": iso(n.at), "by": n.by}
            for n in state.others
        ],
        "statements": [
            {
                "id": s.id,
                "kind": s.kind,
                "status": s.status,
                "text": s.text,
                "content_hash": s.content_hash,
                "approver": s.approver,
                "approved_at": iso(s.approved_at),
                "released_at": iso(s.released_at),
                "override_reason": s.override_reason,
                "override_by": s.override_by,
            }
            for s in state.statements.values()
        ],
        "verification_code": events[-1].hash,
        "verification_seq": events[-1].seq,
        "events": [
            {
                "seq": e.seq,
                "type": e.type,
                "at": iso(e.at),
                "operator": e.operator,
                "data": dict(e.data),
                "hash": e.hash,
            }
            for e in events
        ],
    }

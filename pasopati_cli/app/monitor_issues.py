"""Working media-monitoring issues: list, show, review or dismiss, respond (prefill and link), the daily
report. Keyword-only functions over paths and plain values, returning dataclasses; no typer, no rich, no print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli import clock as system_clock
from pasopati_cli.app.monitor import monitor_store
from pasopati_cli.model import Monitoring
from pasopati_cli.monitor.issues import IssueSummary, issue_label, parse_issue_label, summarize
from pasopati_cli.monitor.store import STATUS_EN, STATUSES, Store
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem

if TYPE_CHECKING:
    from pasopati_cli.app.inputs import Inputs
    from pasopati_cli.app.ports import Clock, Prompter
    from pasopati_cli.app.response import Responded
    from pasopati_cli.journal import Journal

__all__ = ["monitor_store"]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


# --- working the issues -----------------------------------------------------------------------------


def parse_moment(text: str, zone: tzinfo) -> datetime:
    """A date (its start, in the unit's zone) or a date and time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise PasopatiError([problem("P808", found=text)]) from None
    return value if value.tzinfo else value.replace(tzinfo=zone)


def unit_zone(unit: Path | None) -> tzinfo:
    """The unit profile's time zone (WIB without one): dates typed by the officer are the unit's dates."""
    from pasopati_cli import clock

    if unit is None:
        return clock.resolve_zone("WIB")
    from pasopati_cli.response import load_unit

    return clock.resolve_zone(load_unit(unit, None).unit.timezone)


def list_issues(
    *,
    store_file: Path,
    status: str | None = None,
    since: str | datetime | None = None,
    unit: Path | None = None,
    include_irrelevant: bool = False,
) -> list[IssueSummary]:
    """The issues (relevant ones unless `include_irrelevant`), by status and since a date or time typed in
    the unit's zone."""
    if isinstance(since, str):
        since = parse_moment(since, unit_zone(unit))
    if status is not None and status not in STATUSES:
        raise PasopatiError([problem("P806", found=status, expected=", ".join(STATUSES))])
    with Store.open(store_file) as store:
        found = [summarize(issue) for issue in store.issues(since=since)]
    return [
        issue
        for issue in found
        if (status is None or issue.status == status) and (include_irrelevant or issue.relevant != "none")
    ]


@dataclass(frozen=True)
class IssueDetail:
    summary: IssueSummary
    items: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {**self.summary.as_dict(), "stories": list(self.items)}


def show_issue(*, store_file: Path, issue: str) -> IssueDetail:
    with Store.open(store_file) as store:
        stored = _find(store, issue)
    items = tuple(
        {
            "title": item.title,
            "source": item.source,
            "scope": item.scope,
            "url": item.url,
            "published": item.published.isoformat(),
            "relevant": item.relevant,
            "crisis_type": item.crisis_type,
            "sentiment": item.sentiment,
            "matched": item.matched,
            "summary": item.summary,
        }
        for item in stored.items
    )
    return IssueDetail(summarize(stored), items)


def _find(store: Store, text: str) -> Any:
    number = parse_issue_label(text)
    stored = store.issue(number) if number is not None else None
    if stored is None:
        raise PasopatiError([problem("P805", id=text)])
    return stored


def set_status(
    *, store_file: Path, issue: str, status: str, reason: str | None, operator: str | None, now: datetime | None = None
) -> IssueSummary:
    """Mark an issue reviewed or dismissed (with a reason); an answered issue stays answered."""
    from pasopati_cli.recording import operator_name

    now = now or _utcnow()
    operator = operator_name(operator)
    if status not in ("ditinjau", "diabaikan", "baru"):
        raise PasopatiError([problem("P806", found=status, expected="baru, ditinjau, diabaikan")])
    if status == "diabaikan" and not (reason and reason.strip()):
        raise PasopatiError([problem("P812")])
    with Store.open(store_file) as store:
        stored = _find(store, issue)
        if stored.status == "ditanggapi":
            raise PasopatiError([_closed(stored.id, stored.status, "mengubah status", "change its status")])
        store.set_status(stored.id, status, reason=reason.strip() if reason else None, by=operator, at=now)
        updated = store.issue(stored.id)
    assert updated is not None
    return summarize(updated)


def _closed(number: int, status: str, action: str, action_en: str) -> Problem:
    return problem(
        "P807", id=issue_label(number), status=status, status_en=STATUS_EN[status], action=action, action_en=action_en
    )


@dataclass(frozen=True)
class ResponsePrefill:
    """What `monitor respond` hands to the respond walk: the type, triage answers and facts from the story."""

    issue: IssueSummary
    crisis_type: str
    answers: tuple[str, ...]  # ID=VALUE, for --answer
    facts: dict[str, str]  # for a --vars file: unused names are ignored, so any type can take them


def prepare_response(
    *, store_file: Path, issue: str, guideline: Path, crisis_type: str | None, zone: tzinfo, now: datetime
) -> ResponsePrefill:
    from pasopati_cli import clock
    from pasopati_cli.response import load_guide

    with Store.open(store_file) as store:
        stored = _find(store, issue)
    summary = summarize(stored)
    if stored.status in ("ditanggapi", "diabaikan"):
        raise PasopatiError([_closed(stored.id, stored.status, "menanggapi", "respond to it")])
    # The type the story suggests; a story that suggests none is answered as news (berita_negatif).
    setup_type = crisis_type or summary.crisis_type or _response_type(guideline)
    guide = load_guide(guideline, setup_type)
    crisis = guide.crisis(setup_type)
    first = stored.items[0] if stored.items else None
    published = clock.localize(first.published if first else stored.first_seen, zone)
    outlets = ", ".join(summary.sources)
    span = clock.format_span(summary.last_seen - summary.first_seen)
    reach = (
        f"dimuat oleh {summary.outlets} media ({outlets}) dalam {span} sejak pertama terbit"
        if summary.outlets > 1
        else f"dimuat oleh {outlets}"
    )
    facts = {
        "nama_media": first.source if first else outlets,
        "judul_berita": summary.title,
        "alamat_berita": (first.url if first else None) or "",
        "tanggal_berita": published.date().isoformat(),
        "waktu_beredar": published.isoformat(timespec="minutes"),
        "bentuk_konten": "berita daring",
        "kanal_konten": outlets,
        "sebaran": reach,
    }
    facts = {k: v for k, v in facts.items() if v}
    questions = {q.id: q for q in crisis.triage.questions}
    wanted = {
        "sumber": "media_pers",
        "jangkauan": "nasional" if "nasional" in summary.scopes else "lokal",
        "hari_sejak_terbit": str(max(0, (now.date() - published.date()).days)),
    }
    answers = tuple(f"{qid}={value}" for qid, value in wanted.items() if _fits(questions.get(qid), value))
    return ResponsePrefill(summary, setup_type, answers, facts)


def _fits(question: Any, value: str) -> bool:
    if question is None:
        return False
    if question.type == "choice":
        return any(option.id == value for option in question.options)
    return bool(question.type == "number")


def _response_type(guideline: Path) -> str:
    for path in sorted((guideline / "playbooks").glob("*.y*ml")):
        from pasopati_cli.loader import load_yaml_file

        if path.name.startswith("monitoring"):
            loaded, _ = load_yaml_file(path, str(path))
            if loaded is not None and isinstance(loaded.model, Monitoring):
                return loaded.model.response_type
    return "berita_negatif"


def prefill_inputs(inputs: Inputs, prefill: ResponsePrefill) -> None:
    """The story's triage answers under the officer's own --answer flags; its facts as a facts layer under
    the flags (`--set` wins), above an answers file, as a --vars file would be."""
    flags = inputs.layer("flags")
    story_answers = {key: value for key, _, value in (answer.partition("=") for answer in prefill.answers)}
    flags.answers = {**story_answers, **flags.answers}
    flags.given = bool(flags.answers or flags.facts)
    story = inputs.layer("vars")
    story.facts = {**prefill.facts, **story.facts}
    story.source, story.given = story.source or f"isu {issue_label(prefill.issue.id)}", True


@dataclass(frozen=True)
class IssueResponse:
    responded: Responded
    linked: Linked


def respond(
    *,
    journal: Journal,
    prompter: Prompter,
    store_file: Path,
    issue: str,
    guideline_root: Path,
    inputs: Inputs,
    lang: Lang,
    crisis_type: str | None = None,
    unit: Path | None = None,
    operator: str | None = None,
    clock: Clock = system_clock,
    **request: Any,
) -> IssueResponse:
    """`monitor respond`: the response use case (app.response.respond) with the story's outlet, headline,
    link, publication time and reach filled in; the incident it opens answers the issue, even when the
    response stops after it was recorded (a refused draft, Ctrl-C)."""
    from pasopati_cli.app.response import respond as run
    from pasopati_cli.recording import operator_name

    zone = unit_zone(unit)
    prefill = prepare_response(store_file=store_file, issue=issue, guideline=guideline_root, crisis_type=crisis_type,
                               zone=zone, now=clock.now(zone))  # fmt: skip
    prefill_inputs(inputs, prefill)
    before = {state.id for state in journal.incidents()}
    done: Responded | None = None
    try:
        done = run(journal=journal, prompter=prompter, guideline_root=guideline_root, inputs=inputs, lang=lang,
                   crisis_type=prefill.crisis_type, unit=unit, operator=operator, clock=clock, **request)  # fmt: skip
    finally:
        created = sorted({state.id for state in journal.incidents()} - before)
        if created:
            linked = link_response(store_file=store_file, journal=journal, issue=issue, incident_id=created[-1],
                                   operator=operator_name(operator), now=clock.now(zone), lang=lang)  # fmt: skip
    assert done is not None
    return IssueResponse(done, linked)


@dataclass(frozen=True)
class Linked:
    issue: IssueSummary
    incident_id: str
    statement_id: str | None


def link_response(
    *, store_file: Path, journal: Journal, issue: str, incident_id: str, operator: str, now: datetime, lang: Lang
) -> Linked:
    """Record the issue in the incident (a note, so the incident's report lists it) and the incident and its
    first statement on the issue (so the issue shows what answered it)."""
    from pasopati_cli import clock
    from pasopati_cli.events import NOTE
    from pasopati_cli.recording import Recorder

    with Store.open(store_file) as store:
        stored = _find(store, issue)
        summary = summarize(stored)
        state = journal.state(incident_id)
        first = journal.first_event(incident_id)
        statement = next(iter(state.statements), None)
        when = clock.format_datetime(clock.localize(summary.first_seen, clock.resolve_zone("WIB")), lang)
        label = issue_label(summary.id)
        text = (
            f"Isu pemantauan media {label}: \u201c{summary.title}\u201d ({', '.join(summary.sources)}; "
            f"pertama terbit {when}; {summary.outlets} media){' ' + summary.url if summary.url else ''}"
            if lang == "id"
            else f"Media-monitoring issue {label}: \u201c{summary.title}\u201d ({', '.join(summary.sources)}; "
            f"first published {when}; {summary.outlets} outlets){' ' + summary.url if summary.url else ''}"
        )
        recorder = Recorder(journal, incident_id, operator, first.playbook_version, first.playbook_hash)
        recorder.append(NOTE, {"text": text, "monitoring_issue": label})
        store.link_response(stored.id, incident_id=incident_id, statement_id=statement, by=operator, at=now)
        updated = store.issue(stored.id)
    assert updated is not None
    return Linked(summarize(updated), incident_id, statement)


# --- the daily report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportWritten:
    text: str
    written: Path | None  # the file it was written to; None: the text is for the screen


def daily_report(
    *,
    store_file: Path,
    day: str | None,
    unit: Path | None,
    report_format: str,
    lang: Lang,
    output: Path | None = None,
    force: bool = False,
    clock: Clock = system_clock,
) -> ReportWritten:
    """`monitor report`: the day's issues (today in the unit's zone unless `day`) as Markdown, HTML or
    JSON; written whole to `output` when given (an existing file only with `force`)."""
    import json

    from pasopati_cli.files import write_file
    from pasopati_cli.monitor.report import build_report, to_html, to_markdown

    zone = unit_zone(unit)
    now = clock.now(zone)
    wanted = parse_moment(day, zone).date() if day else now.date()
    start = datetime.combine(wanted, datetime.min.time(), tzinfo=zone)
    end = start + timedelta(days=1)
    with Store.open(store_file) as store:
        issues = store.issues(since=start, until=end)
    built = build_report(issues, day=wanted, start=start, end=end, zone=zone, generated=now)
    if report_format == "json":
        text = json.dumps(built.as_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_html(built, lang) if report_format == "html" else to_markdown(built, lang)
    if output is not None:
        write_file(output, text, force=force)
    return ReportWritten(text, output)

"""Media monitoring use cases: poll, list, show, dismiss, respond (prefill and link), report, alerts.

Keyword-only functions over paths and plain values, returning dataclasses; no typer, no rich, no print."""

from __future__ import annotations

import json
import random
import re
import shlex
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import partial
from pathlib import Path
from typing import Any

from pasopati_cli.model import Monitoring, UnitProfile
from pasopati_cli.monitor.classify import Classification, Classifier, TypeWords, Vocabulary
from pasopati_cli.monitor.feeds import parse_feed
from pasopati_cli.monitor.fetch import Fetcher, user_agent
from pasopati_cli.monitor.group import Grouper
from pasopati_cli.monitor.issues import IssueSummary, issue_label, parse_issue_label, summarize
from pasopati_cli.monitor.store import STATUS_EN, STATUSES, NewItem, Store, store_path
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem

AD_HOC_SCOPE = "lainnya"


@dataclass(frozen=True)
class FeedSource:
    url: str
    name: str
    scope: str
    every: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class Setup:
    """Everything a poll needs, loaded once (a watch polls many times with it)."""

    monitoring: Monitoring
    classifier: Classifier
    feeds: tuple[FeedSource, ...]
    unit_name: str | None
    zone: tzinfo


def load_setup(*, guideline: Path, unit: Path | None = None, feeds: Sequence[str] = ()) -> Setup:
    """The monitoring file and every crisis type of the guideline, the unit profile, and the feeds to poll
    (`feeds` given: those only, as named in the monitoring file when listed there)."""
    from pasopati_cli import clock, guidecache
    from pasopati_cli.loader import display_path, load_yaml_file
    from pasopati_cli.model import CrisisType, Guideline

    playbooks = guideline / "playbooks"
    if not playbooks.is_dir():
        raise PasopatiError([problem("P012", file=str(guideline), target=f"{guideline}/playbooks/")])
    found: list[Problem] = []
    models: list[object] = []
    for path in sorted([*playbooks.rglob("*.yaml"), *playbooks.rglob("*.yml")]):
        if path.is_file() and not path.name.startswith("."):
            loaded, problems = guidecache.remembered(
                path, display_path(path), "playbook", partial(load_yaml_file, path, display_path(path))
            )
            found += problems
            if loaded is not None and loaded.model is not None:
                models.append(loaded.model)
    errors = [p for p in found if p.severity.value == "error"]
    if errors:
        raise PasopatiError(errors)
    monitoring = next((model for model in models if isinstance(model, Monitoring)), None)
    if monitoring is None:
        raise PasopatiError([problem("P801", folder=display_path(playbooks))])
    rules = next((model for model in models if isinstance(model, Guideline)), None)
    profile = _unit(unit, rules) if unit is not None else None
    types = tuple(
        TypeWords(model.id, tuple(model.keywords), model.phase == "crisis")
        for model in models
        if isinstance(model, CrisisType)
    )
    vocabulary = Vocabulary(
        unit_names=unit_names(profile),
        corrections=tuple(monitoring.corrections),
        policy=tuple(monitoring.policy),
        false_friends=tuple(monitoring.false_friends),
        negatif=tuple(monitoring.sentiment.negatif),
        positif=tuple(monitoring.sentiment.positif),
        negators=tuple(monitoring.sentiment.negators),
        types=types,
        news_markers=tuple(monitoring.news_markers),
        not_incident=tuple(monitoring.not_incident),
        fallback_type=monitoring.response_type,
    )
    listed = {feed.url: FeedSource(feed.url, feed.name, feed.scope, feed.every) for feed in monitoring.feeds}
    chosen = tuple(_ad_hoc(url, listed) for url in feeds) if feeds else tuple(listed.values())
    if not chosen:
        raise PasopatiError([problem("P802")])
    zone = clock.resolve_zone(profile.unit.timezone) if profile else clock.resolve_zone("WIB")
    return Setup(monitoring, Classifier(vocabulary), chosen, profile.unit.name if profile else None, zone)


def unit_names(profile: UnitProfile | None) -> tuple[str, ...]:
    if profile is None:
        return ()
    return tuple(dict.fromkeys([profile.unit.name, *profile.aliases, *profile.officials]))


def _unit(path: Path, rules: Any) -> UnitProfile:
    from pasopati_cli.response import load_unit

    return load_unit(path, rules)


def _ad_hoc(url: str, listed: dict[str, FeedSource]) -> FeedSource:
    from urllib.parse import urlsplit

    if url in listed:
        return listed[url]
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PasopatiError([problem("P803", url=url)])
    return FeedSource(url.strip(), (parts.netloc + parts.path.rstrip("/"))[:80], AD_HOC_SCOPE)


# --- poll -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedOutcome:
    url: str
    name: str
    status: str  # ok, not_modified, error
    new: int
    skipped: int = 0
    error: Problem | None = None
    attempts: int = 1

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "url": self.url,
            "source": self.name,
            "status": self.status,
            "new": self.new,
            "skipped": self.skipped,
            "error": self.error.message(lang) if self.error else None,
            "code": self.error.code if self.error else None,
        }


@dataclass(frozen=True)
class ItemOutcome:
    key: str
    title: str
    url: str | None
    source: str
    scope: str
    published: datetime
    classification: Classification
    issue: int
    future_date: bool = False

    def as_dict(self) -> dict[str, Any]:
        c = self.classification
        return {
            "id": self.key,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "scope": self.scope,
            "published": self.published.isoformat(),
            "relevant": c.relevant,
            "crisis_type": c.crisis_type,
            "sentiment": c.sentiment,
            "policy": c.policy,
            "matched": c.matched_dict(),
            "issue": issue_label(self.issue),
        }


@dataclass(frozen=True)
class PollOutcome:
    feeds: tuple[FeedOutcome, ...]
    items: tuple[ItemOutcome, ...]
    issues: tuple[IssueSummary, ...]  # every issue that received a new item
    new_issues: frozenset[int] = frozenset()

    @property
    def answered(self) -> int:
        return sum(1 for feed in self.feeds if feed.status != "error")

    def problems(self) -> list[Problem]:
        """None when at least one feed answered; else the one problem that makes the poll fail."""
        if self.answered or not self.feeds:
            return []
        return [problem("P804", count=len(self.feeds))]

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "feeds": [feed.as_dict(lang) for feed in self.feeds],
            "items": [item.as_dict() for item in self.items],
            "issues": [issue.as_dict() for issue in self.issues],
        }

    def alerts(self) -> list[IssueSummary]:
        """New issues that concern the unit or corrections: what a watch announces."""
        return [i for i in self.issues if i.id in self.new_issues and i.relevant != "none"]


def monitor_store(journal: Path | None) -> Path:
    from pasopati_cli.recording import journal_path

    return store_path(journal_path(journal))


def poll(
    *,
    setup: Setup,
    store_file: Path,
    now: Callable[[], datetime] | None = None,
    fetcher: Fetcher | None = None,
) -> PollOutcome:
    """Fetch every feed once; store and group what is new. A failing feed is reported, never fatal."""
    clock_now = now or (lambda: datetime.now(timezone.utc))
    limits = setup.monitoring.fetch
    own = fetcher is None
    client = fetcher or Fetcher(
        user_agent(setup.unit_name), float(limits.timeout), limits.retries, limits.max_bytes, limits.max_redirects
    )
    grouping = setup.monitoring.grouping
    feeds: list[FeedOutcome] = []
    items: list[ItemOutcome] = []
    touched: set[int] = set()
    created: set[int] = set()
    try:
        with Store.open(store_file) as store:
            started = clock_now()
            first_new = store.next_issue_id()
            grouper = Grouper(similarity=grouping.similarity, window=grouping.window)
            for old in store.recent_items(started - grouping.window):
                grouper.remember(old.issue_id, old.title, old.summary, old.url, old.published)
            for source in setup.feeds:
                outcome, new = _poll_feed(store, client, source, setup.classifier, grouper, clock_now())
                feeds.append(outcome)
                items += new
                touched.update(item.issue for item in new)
            created = {i for i in touched if i >= first_new}
            issues = tuple(summarize(found) for i in sorted(touched) if (found := store.issue(i)) is not None)
    finally:
        if own:
            client.close()
    return PollOutcome(tuple(feeds), tuple(items), issues, frozenset(created))


def _poll_feed(
    store: Store, client: Fetcher, source: FeedSource, classifier: Classifier, grouper: Grouper, seen: datetime
) -> tuple[FeedOutcome, list[ItemOutcome]]:
    etag, modified = store.feed_validators(source.url)
    fetched = client.fetch(source.url, etag, modified)
    if fetched.status != "ok":
        with store.transaction():
            store.record_feed(
                source.url,
                source.name,
                source.scope,
                fetched.status,
                seen,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                error=fetched.problem.code if fetched.problem else None,
            )
        return FeedOutcome(source.url, source.name, fetched.status, 0, 0, fetched.problem, fetched.attempts), []
    parsed = parse_feed(fetched.content, url=source.url, seen=seen)
    if parsed.problem is not None:
        with store.transaction():
            store.record_feed(source.url, source.name, source.scope, "error", seen, error=parsed.problem.code)
        return FeedOutcome(source.url, source.name, "error", 0, parsed.skipped, parsed.problem, fetched.attempts), []
    known = store.known_keys([item.key for item in parsed.items])
    next_id = store.next_issue_id()
    new: list[ItemOutcome] = []
    with store.transaction():
        for item in parsed.items:
            if item.key in known:
                continue
            known.add(item.key)  # the same story twice in one feed
            verdict = classifier.classify(item.title, item.summary)
            issue = grouper.assign(item.title, item.summary, item.url, item.published, new_key=next_id)
            next_id = max(next_id, issue + 1)
            stored = NewItem(
                item.key,
                source.url,
                source.name,
                source.scope,
                item.title,
                item.summary,
                item.url,
                item.published,
                seen,
                verdict.relevant,
                verdict.crisis_type,
                verdict.sentiment,
                verdict.policy,
                verdict.matched_dict(),
            )
            if store.add(stored, issue):
                new.append(
                    ItemOutcome(
                        item.key,
                        item.title,
                        item.url,
                        source.name,
                        source.scope,
                        item.published,
                        verdict,
                        issue,
                        item.future_date,
                    )
                )
        store.record_feed(
            source.url, source.name, source.scope, "ok", seen, etag=fetched.etag, last_modified=fetched.last_modified
        )
    outcome = FeedOutcome(source.url, source.name, "ok", len(new), parsed.skipped, parsed.warning, fetched.attempts)
    return outcome, new


# --- watch ------------------------------------------------------------------------------------------

_INTERVAL = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def parse_interval(text: str) -> timedelta:
    match = _INTERVAL.match(text)
    if not text.strip() or match is None or not any(match.groups()):
        raise PasopatiError([problem("P809", found=text)])
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def next_delay(every: timedelta, rng: random.Random | None = None) -> float:
    """Seconds to the next poll: the interval, give or take a tenth, so that many units polling the same
    outlets do not knock at the same second."""
    base = every.total_seconds()
    spread = base * 0.1
    return max(0.0, base + (rng or random).uniform(-spread, spread))


@dataclass
class Schedule:
    """When each feed is next due: its own `every` from the monitoring file, or one interval for all
    (`--every`), each time give or take a tenth. Times are the caller's monotonic clock, in seconds."""

    feeds: tuple[FeedSource, ...]
    every: timedelta | None = None
    rng: random.Random = field(default_factory=random.Random)
    next_due: dict[str, float] = field(default_factory=dict)

    def due(self, now: float) -> tuple[FeedSource, ...]:
        return tuple(feed for feed in self.feeds if self.next_due.get(feed.url, now) <= now)

    def polled(self, feeds: Sequence[FeedSource], now: float) -> None:
        for feed in feeds:
            interval = self.every if self.every is not None else feed.every
            self.next_due[feed.url] = now + next_delay(interval, self.rng)

    def wait(self, now: float) -> float:
        """Seconds until the next feed is due."""
        pending = [self.next_due.get(feed.url, now) for feed in self.feeds]
        return max(0.0, min(pending, default=now) - now)


@dataclass(frozen=True)
class AlertRun:
    issue: int
    returncode: int | None
    problem: Problem | None = None


def run_alert(command: str, issue: IssueSummary, *, timeout: float = 30.0) -> AlertRun:
    """Run `command` (split like a shell would, but never through one) with the issue as JSON on stdin."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        return AlertRun(issue.id, None, problem("P811", severity=_warning(), id=issue_label(issue.id), reason=exc))
    if not argv:
        return AlertRun(issue.id, None, problem("P811", severity=_warning(), id=issue_label(issue.id), reason="-"))
    payload = json.dumps(issue.as_dict(), ensure_ascii=False)
    try:
        done = subprocess.run(argv, input=payload.encode(), capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return AlertRun(issue.id, None, problem("P811", severity=_warning(), id=issue_label(issue.id), reason=exc))
    if done.returncode != 0:
        reason = f"exit {done.returncode}"
        return AlertRun(
            issue.id, done.returncode, problem("P811", severity=_warning(), id=issue_label(issue.id), reason=reason)
        )
    return AlertRun(issue.id, 0)


def _warning() -> Any:
    from pasopati_cli.problems import Severity

    return Severity.WARNING


# --- working the issues -----------------------------------------------------------------------------


def parse_moment(text: str, zone: tzinfo) -> datetime:
    """A date (its start, in the unit's zone) or a date and time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise PasopatiError([problem("P808", found=text)]) from None
    return value if value.tzinfo else value.replace(tzinfo=zone)


def list_issues(
    *, store_file: Path, status: str | None = None, since: datetime | None = None, include_irrelevant: bool = False
) -> list[IssueSummary]:
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
    *, store_file: Path, issue: str, status: str, reason: str | None, operator: str, now: datetime
) -> IssueSummary:
    """Mark an issue reviewed or dismissed (with a reason); an answered issue stays answered."""
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
    setup_type = crisis_type or _response_type(guideline)
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


def write_facts(prefill: ResponsePrefill, folder: Path) -> Path:
    """The prefilled facts as a --vars file (YAML is a superset of JSON)."""
    target = folder / f"isu-{issue_label(prefill.issue.id)}.vars.yaml"
    target.write_text(json.dumps(prefill.facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def incident_ids(*, journal_file: Path) -> set[str]:
    from pasopati_cli.journal import Journal

    with Journal.open(journal_file) as journal:
        return {state.id for state in journal.incidents()}


@dataclass(frozen=True)
class Linked:
    issue: IssueSummary
    incident_id: str
    statement_id: str | None


def link_response(
    *, store_file: Path, journal_file: Path, issue: str, incident_id: str, operator: str, now: datetime, lang: Lang
) -> Linked:
    """Record the issue in the incident (a note, so the incident's report lists it) and the incident and its
    first statement on the issue (so the issue shows what answered it)."""
    from pasopati_cli import clock
    from pasopati_cli.events import NOTE
    from pasopati_cli.journal import Journal
    from pasopati_cli.recording import Recorder

    with Store.open(store_file) as store:
        stored = _find(store, issue)
        summary = summarize(stored)
        with Journal.open(journal_file) as journal:
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


def daily_report(*, store_file: Path, day: date, zone: tzinfo, now: datetime) -> Any:
    from pasopati_cli.monitor.report import build_report

    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    end = start + timedelta(days=1)
    with Store.open(store_file) as store:
        issues = store.issues(since=start, until=end)
    return build_report(issues, day=day, start=start, end=end, zone=zone, generated=now)

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
from datetime import datetime, timedelta, timezone, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli.model import Monitoring, UnitProfile
from pasopati_cli.monitor.classify import Classification, Classifier, TypeWords, Vocabulary
from pasopati_cli.monitor.feeds import parse_feed
from pasopati_cli.monitor.group import Grouper
from pasopati_cli.monitor.issues import IssueSummary, issue_label, summarize
from pasopati_cli.monitor.store import NewItem, Store, store_path
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem

if TYPE_CHECKING:  # httpx is imported when a feed is fetched (with click installed, it imports rich too)
    from pasopati_cli.monitor.fetch import Fetcher

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
    from pasopati_cli.monitor.fetch import Fetcher, user_agent

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


def run_alert(*, command: str, issue: IssueSummary, timeout: float = 30.0) -> AlertRun:
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


def poll_feeds(*, guideline: Path, unit: Path | None, feeds: Sequence[str], store_file: Path) -> PollOutcome:
    """`monitor poll`: the sources of the monitoring file (or `feeds`), fetched once."""
    return poll(setup=load_setup(guideline=guideline, unit=unit, feeds=feeds), store_file=store_file)


@dataclass(frozen=True)
class Tick:
    """One poll of a watch: what it brought, the alerts it raised, the latest alerts (newest first)."""

    polls: int
    outcome: PollOutcome
    alerts: tuple[IssueSummary, ...]
    recent: tuple[IssueSummary, ...]
    problems: tuple[Problem, ...]  # --on-alert commands that failed (warnings: the watch goes on)


def watch(
    *,
    guideline: Path,
    unit: Path | None,
    feeds: Sequence[str],
    store_file: Path,
    every: str | None,
    on_alert: str | None,
    max_polls: int | None,
    show: Callable[[Tick], None],
    sleep: Callable[[float], None] | None = None,
    monotonic: Callable[[], float] | None = None,
) -> int:
    """Poll each feed when it is due (its own interval, or `every` for all, with jitter) until `max_polls`
    or Ctrl-C; each new relevant issue goes to `on_alert` (JSON on stdin) and every poll to `show`.
    A poll is stored whole before Ctrl-C is let through. Returns the number of polls."""
    import time
    from dataclasses import replace

    pause, now = sleep or time.sleep, monotonic or time.monotonic
    setup = load_setup(guideline=guideline, unit=unit, feeds=feeds)
    schedule = Schedule(setup.feeds, parse_interval(every) if every else None)
    recent: list[IssueSummary] = []
    polls = 0
    while max_polls is None or polls < max_polls:
        if polls:
            pause(schedule.wait(now()))
        due = schedule.due(now())
        outcome = poll(setup=replace(setup, feeds=due), store_file=store_file)
        schedule.polled(due, now())
        polls += 1
        alerts = outcome.alerts()
        runs = [run_alert(command=on_alert, issue=issue) for issue in alerts] if on_alert else []
        recent[:0] = reversed(alerts)
        del recent[50:]
        failed = tuple(run.problem for run in runs if run.problem is not None)
        show(Tick(polls, outcome, tuple(alerts), tuple(recent), failed))
    return polls

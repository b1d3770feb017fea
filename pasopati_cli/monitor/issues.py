"""An issue as the officer sees it: its outlets, its tone, how fast it spreads. Pure (derived from items)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pasopati_cli.monitor.classify import RELEVANCE_ORDER, TONE_ORDER
from pasopati_cli.monitor.store import StoredIssue, StoredItem


@dataclass(frozen=True)
class IssueSummary:
    id: int
    title: str
    status: str
    relevant: str
    crisis_type: str | None
    sentiment: str
    policy: bool
    sources: tuple[str, ...]
    scopes: tuple[str, ...]
    items: int
    first_seen: datetime
    last_seen: datetime
    url: str | None
    incident_id: str | None
    statement_id: str | None
    answered_at: datetime | None
    reason: str | None

    @property
    def outlets(self) -> int:
        return len(self.sources)

    @property
    def spread_hours(self) -> float:
        return max(0.0, (self.last_seen - self.first_seen).total_seconds() / 3600)

    @property
    def outlets_per_hour(self) -> float:
        """How fast the story spreads: outlets per hour between its first and its latest item (at least one
        hour, so a story told by three outlets in ten minutes reads 3/h, not 18/h)."""
        return round(self.outlets / max(1.0, self.spread_hours), 2)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": issue_label(self.id),
            "title": self.title,
            "status": self.status,
            "items": self.items,
            "sources": list(self.sources),
            "outlets": self.outlets,
            "scopes": list(self.scopes),
            "relevant": self.relevant,
            "crisis_type": self.crisis_type,
            "sentiment": self.sentiment,
            "policy": self.policy,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "outlets_per_hour": self.outlets_per_hour,
            "url": self.url,
            "incident": self.incident_id,
            "statement": self.statement_id,
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "reason": self.reason,
        }


def issue_label(number: int) -> str:
    return f"M{number}"


def parse_issue_label(text: str) -> int | None:
    value = text.strip().upper().removeprefix("M")
    return int(value) if value.isdigit() and 0 < int(value) < 2**62 else None


def summarize(issue: StoredIssue) -> IssueSummary:
    items = issue.items
    relevant = max((i.relevant for i in items), key=RELEVANCE_ORDER.__getitem__, default="none")
    sentiment = _tone(items)
    types = Counter(i.crisis_type for i in items if i.crisis_type and i.relevant == relevant)
    crisis_type = types.most_common(1)[0][0] if types else None
    first = items[0] if items else None
    return IssueSummary(
        id=issue.id,
        title=first.title if first else issue.title,
        status=issue.status,
        relevant=relevant,
        crisis_type=crisis_type,
        sentiment=sentiment,
        policy=any(i.policy for i in items),
        sources=tuple(dict.fromkeys(i.source for i in items)),
        scopes=tuple(dict.fromkeys(i.scope for i in items)),
        items=len(items),
        first_seen=issue.first_seen,
        last_seen=issue.last_seen,
        url=first.url if first else None,
        incident_id=issue.incident_id,
        statement_id=issue.statement_id,
        answered_at=issue.answered_at,
        reason=issue.reason,
    )


def _tone(items: tuple[StoredItem, ...]) -> str:
    """The tone most items take; a tie leans to the more negative (when unsure, the higher concern)."""
    counts = Counter(i.sentiment for i in items)
    if not counts:
        return "netral"
    return max(counts, key=lambda tone: (counts[tone], TONE_ORDER[tone]))

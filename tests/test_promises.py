"""A released statement's next-update time is a deadline: kept, late, renewed or missed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pasopati_cli.events import STATEMENT_DRAFTED, STATEMENT_RELEASED, Event
from pasopati_cli.promises import promises

WIB = ZoneInfo("Asia/Jakarta")
DECLARED = {"pembaruan_berikutnya": "update"}


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 10, 0, 0, tzinfo=WIB) + timedelta(hours=hour, minutes=minute)


class Night:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def _add(self, kind: str, when: datetime, data: dict[str, object]) -> None:
        self.events.append(Event("X", len(self.events) + 1, kind, when, "humas", "1", "h", data, "p", "h"))

    def release(self, statement: str, kind: str, when: datetime, next_update: datetime | None = None) -> None:
        facts = {"pembaruan_berikutnya": next_update.isoformat()} if next_update else {}
        self._add(
            STATEMENT_DRAFTED, when - timedelta(minutes=10), {"statement": statement, "kind": kind, "facts": facts}
        )
        self._add(STATEMENT_RELEASED, when, {"statement": statement})


def test_an_update_released_in_time_keeps_the_promise_and_makes_the_next() -> None:
    night = Night()
    night.release("S1", "holding", at(19, 30), next_update=at(22))
    night.release("S2", "update", at(21, 55), next_update=at(24))
    made = promises(night.events, DECLARED)
    assert [(p.statement, p.deadline.hour, p.kept_by, p.late) for p in made] == [
        ("S1", 22, "S2", False),
        ("S2", 0, None, False),
    ]
    assert made[1].open and not made[1].missed(at(23, 50)) and made[1].missed(at(24, 6))


def test_an_update_after_the_promised_time_settles_it_late() -> None:
    night = Night()
    night.release("S1", "holding", at(19, 30), next_update=at(22))
    night.release("S2", "update", at(22, 40))
    (first,) = promises(night.events, DECLARED)
    assert (first.kept_by, first.late) == ("S2", True)


def test_a_press_release_that_promises_again_in_time_renews_the_promise() -> None:
    night = Night()
    night.release("S1", "holding", at(19, 30), next_update=at(22))
    night.release("S2", "siaran_pers", at(21), next_update=at(23))
    first, second = promises(night.events, DECLARED)
    assert (first.replaced_by, first.open, second.open) == ("S2", False, True)


def test_a_closing_statement_ends_the_updates() -> None:
    night = Night()
    night.release("S1", "update", at(19), next_update=at(21))
    night.release("S2", "closing", at(20, 30))
    (first,) = promises(night.events, DECLARED)
    assert first.kept_by == "S2"


def test_a_draft_that_was_never_released_promised_nothing() -> None:
    night = Night()
    night._add(
        STATEMENT_DRAFTED,
        at(19),
        {"statement": "S1", "kind": "holding", "facts": {"pembaruan_berikutnya": at(20).isoformat()}},
    )
    assert promises(night.events, DECLARED) == []

"""When something happened, as an officer types it at 2 a.m.: "tadi 18.15", "kemarin 23.50", "10 Maret 18.15".

The incident starts when it happened, not when the laptop was opened: every deadline counts from that
moment, so the walk asks for it first and `incident start` corrects it. This module reads the forms
people really type, in Indonesian and English, in the unit's zone (or the zone written after the time),
and places a time without a date on the right day. Pure: the reference moment is always given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from pasopati_cli import clock

Tense = Literal["past", "future"]

_MONTHS: dict[str, int] = {}
for _number, (_id, _en) in enumerate(zip(clock.MONTHS["id"], clock.MONTHS["en"], strict=True), start=1):
    for _name in (_id, _en):
        _MONTHS[_name.lower()] = _number
        _MONTHS[_name.lower()[:3]] = _number
_MONTHS.update({"agu": 8, "agt": 8, "okt": 10, "des": 12, "mei": 5, "sept": 9, "peb": 2, "feb": 2})

# Words before the time that say which day, relative to the reference; "tadi" and "pukul" say nothing more.
_DAY_WORDS = {
    "kemarin": -1,
    "kemarin malam": -1,
    "tadi malam": None,  # last night: the latest past occurrence, which is what a bare time means anyway
    "semalam": None,
    "tadi pagi": None,
    "tadi siang": None,
    "tadi sore": None,
    "tadi": None,
    "hari ini": 0,
    "today": 0,
    "yesterday": -1,
    "last night": None,
    "this morning": None,
    "earlier": None,
    "besok": 1,
    "tomorrow": 1,
}
_FILLERS = re.compile(r"\b(?:pukul|pkl\.?|jam|at|sekitar|around|tanggal|tgl\.?|on)\b")
# "jam 1", "pukul 9 malam": an hour said without minutes, after the word that says it is one
_HOUR = re.compile(r"\b(?:jam|pukul|pkl\.?)\s+([01]?\d|2[0-3])(?![\d.:])(?:\s+(pagi|siang|sore|malam|dini\s+hari))?")
_ZONE = re.compile(r"\s*\b(wib|wita|wit|utc)\b\s*$")
_TIME = re.compile(r"(?<![\d/.:-])([01]?\d|2[0-3])[.:]([0-5]\d)(?![\d/.:])")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?(?![a-z\d])")
_WORD_DATE_EN = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?!\d)")
_DAY_NAMES = {name.lower() for lang in ("id", "en") for name in clock.DAYS[lang]} | {"jum'at"}

FORMS = {
    "id": "mis. 18.15, tadi 18.15, kemarin 23.50, 18.15 WIB, 10/3 18.15, 10 Maret 18.15, 2026-03-10 18:15",
    "en": "e.g. 18:15, yesterday 23:50, 18:15 WIB, 10/3 18:15, 10 March 18:15, 2026-03-10 18:15",
}


class InvalidMoment(ValueError):
    """Not a time the tool can read; `reason_id`/`reason_en` say why, `FORMS` what fits."""

    def __init__(self, reason_id: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_id, self.reason_en = reason_id, reason_en


@dataclass(frozen=True)
class Reading:
    """A moment and how it was read: `dated` is False when the day was inferred from the time alone."""

    moment: datetime
    dated: bool


def parse_moment(text: str, reference: datetime, zone: tzinfo, tense: Tense = "past") -> Reading:
    """The moment `text` means, in `zone`, relative to `reference` (an aware datetime, usually now).

    A time alone is the latest past occurrence (tense "past") or the next one ("future"), a few minutes of
    clock difference allowed; a day and month without a year is the latest past (or next) such day; a zone
    written after the time (WIB, WITA, WIT) is honoured and the result expressed in `zone`."""
    raw = text
    text = " ".join(text.strip().lower().replace(",", " ").split())
    if not text or len(text) > 60:
        raise InvalidMoment("tidak ada waktu yang dapat dibaca", "no time that can be read")
    reference = clock.localize(reference, zone)
    if text in ("sekarang", "now", "barusan", "just now"):
        return Reading(reference.replace(second=0, microsecond=0), True)
    iso = _iso(raw.strip(), zone)
    if iso is not None:
        return Reading(iso, True)
    written_zone = zone
    zone_match = _ZONE.search(text)
    if zone_match is not None:
        written_zone = clock.resolve_zone(zone_match.group(1)) if zone_match.group(1) != "utc" else _utc()
        text = text[: zone_match.start()].strip()
    local_reference = _in_zone(reference, written_zone)
    text = _HOUR.sub(_whole_hour, text)
    text = _FILLERS.sub(" ", text)
    shift: int | None = None
    for words, days in sorted(_DAY_WORDS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(?<![a-z]){re.escape(words)}(?![a-z])", text):
            shift = days
            text = re.sub(rf"(?<![a-z]){re.escape(words)}(?![a-z])", " ", text)
            break
    text = " ".join(word for word in text.split() if word not in _DAY_NAMES)
    time_match = _TIME.search(text)
    if time_match is None:
        raise InvalidMoment("jamnya tidak terbaca", "the time of day cannot be read")
    at = time(int(time_match.group(1)), int(time_match.group(2)))
    rest = (text[: time_match.start()] + " " + text[time_match.end() :]).strip()
    day = _date(rest, local_reference.date(), tense) if rest else None
    if day is None and rest:
        raise InvalidMoment(f"bagian '{rest}' tidak terbaca", f"'{rest}' cannot be read")
    if day is not None:
        moment = datetime.combine(day, at).replace(tzinfo=written_zone)
        return Reading(_in_zone(moment, zone), True)
    if shift is not None:
        moment = datetime.combine(local_reference.date() + timedelta(days=shift), at).replace(tzinfo=written_zone)
        return Reading(_in_zone(moment, zone), True)
    return Reading(_in_zone(clock.time_on_day(at, local_reference, tense), zone), False)


def _whole_hour(match: re.Match[str]) -> str:
    """ "jam 1" is 01.00, "jam 3 sore" 15.00, "jam 8 malam" 20.00, "jam 2 dini hari" 02.00."""
    hour, part = int(match.group(1)), match.group(2) or ""
    if part == "malam" and hour == 12:
        hour = 0  # "jam 12 malam" is midnight
    elif hour < 12 and (part == "sore" or (part == "malam" and hour >= 6) or (part == "siang" and hour < 5)):
        hour += 12
    return f" {hour:02d}.00 "


def _in_zone(moment: datetime, zone: tzinfo) -> datetime:
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        raise InvalidMoment("waktu di luar rentang kalender", "the time is outside the calendar's range") from None


def _utc() -> tzinfo:
    from datetime import timezone

    return timezone.utc


def _iso(text: str, zone: tzinfo) -> datetime | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", text):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return _in_zone(parsed, zone) if parsed.tzinfo else parsed.replace(tzinfo=zone)
    except (ValueError, OverflowError):
        raise InvalidMoment("tanggal atau zona waktu tidak ada", "no such date or offset") from None


def _date(text: str, today: date, tense: Tense) -> date | None:
    text = text.strip()
    for pattern, order in ((_ISO_DATE, "ymd"), (_NUMERIC_DATE, "dmy"), (_WORD_DATE, "dMy"), (_WORD_DATE_EN, "Mdy")):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        if "M" in parts:
            month = _MONTHS.get(parts["M"].lower())
            if month is None:
                raise InvalidMoment(f"bulan '{parts['M']}' tidak dikenal", f"unknown month '{parts['M']}'")
        else:
            month = int(parts["m"])
        day_number = int(parts["d"])
        year_text = parts.get("y")
        if year_text is not None:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return _real_date(year, month, day_number)
        return _nearest_year(today, month, day_number, tense)
    return None


def _real_date(year: int, month: int, day_number: int) -> date:
    try:
        return date(year, month, day_number)
    except ValueError:
        raise InvalidMoment(
            f"tanggal {day_number}/{month}/{year} tidak ada", f"there is no date {day_number}/{month}/{year}"
        ) from None


def _nearest_year(today: date, month: int, day_number: int, tense: Tense) -> date:
    """A day and month without a year: this year's, unless that lies on the wrong side of today."""
    this_year = _real_date_or_none(today.year, month, day_number)
    if this_year is None:  # 29 February: look at the neighbouring years
        candidates = [
            found
            for found in (_real_date_or_none(today.year + step, month, day_number) for step in (-4, -3, -2, -1, 1))
            if found is not None
        ]
        if not candidates:
            raise InvalidMoment(f"tanggal {day_number}/{month} tidak ada", f"there is no date {day_number}/{month}")
        past = [found for found in candidates if found <= today]
        future = [found for found in candidates if found > today]
        return max(past) if tense == "past" and past else min(future) if future else max(past)
    if tense == "past" and this_year > today:
        return _real_date(today.year - 1, month, day_number)
    if tense == "future" and this_year < today:
        return _real_date(today.year + 1, month, day_number)
    return this_year


def _real_date_or_none(year: int, month: int, day_number: int) -> date | None:
    try:
        return date(year, month, day_number)
    except ValueError:
        return None

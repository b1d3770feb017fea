"""Time zones and dates the Indonesian way ("Rabu, 26 November 2025, 14.35 WIB"). Pure functions."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pasopati_cli.problems import Lang

ZONE_ALIASES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
_OFFSET_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}

DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "id": [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
}  # fmt: skip


class UnknownZone(ValueError):
    """The time zone name is neither WIB/WITA/WIT nor a known IANA name."""


def now(zone: tzinfo) -> datetime:
    """The current time in `zone`. Every "now" of the tool comes from here, so a test can set the clock."""
    return datetime.now(zone)


def resolve_zone(name: str) -> ZoneInfo:
    key = ZONE_ALIASES.get(name.strip().upper(), name.strip())
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(name) from None


def zone_label(moment: datetime) -> str:
    """WIB, WITA or WIT for Indonesian offsets; the zone's own abbreviation elsewhere."""
    offset = moment.utcoffset()
    if offset is not None and offset.total_seconds() % 3600 == 0:
        hours = int(offset.total_seconds() // 3600)
        if hours in _OFFSET_NAMES:
            return _OFFSET_NAMES[hours]
    return moment.tzname() or "UTC"


SKEW = timedelta(minutes=5)  # how far "now" may be off between the officer's watch and the machine


def time_on_day(moment: time, reference: datetime, tense: str | None = None) -> datetime:
    """The moment meant by a time of day typed without a date, in `reference`'s zone.

    past: the latest such time not after `reference` ("23.50" typed at 02.05 is last night);
    future: the next such time not before it ("06.00" typed at 16.26 is tomorrow morning);
    neither: whichever of yesterday, today and tomorrow is nearest to `reference`. A few minutes of
    clock difference (SKEW) count as "now", so "14.05" typed at 14.03 is today in every case."""
    zone = reference.tzinfo
    today = datetime.combine(reference.date(), moment).replace(tzinfo=zone)
    days = [today - timedelta(days=1), today, today + timedelta(days=1)]
    if tense == "past":
        return max(day for day in days if day <= reference + SKEW)
    if tense == "future":
        return min(day for day in days if day >= reference - SKEW)
    return min(days, key=lambda day: abs(day - reference))


class OutOfRange(ValueError):
    """A moment that cannot be shown in the unit's zone: it falls outside the years 1 to 9999 there."""


def localize(moment: datetime, zone: tzinfo) -> datetime:
    """An aware datetime in `zone`; a naive one is taken as already in `zone`.

    Raises OutOfRange (a ValueError, as for any other impossible date) at the edges of the calendar,
    where converting to the zone would leave it."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    try:
        return moment.astimezone(zone)
    except OverflowError:
        raise OutOfRange(moment.isoformat()) from None


def format_date(value: date, lang: Lang = "id") -> str:
    day = DAYS[lang][value.weekday()]
    return f"{day}, {value.day} {MONTHS[lang][value.month - 1]} {value.year}"


def format_time(moment: datetime, lang: Lang = "id", zone: bool = True) -> str:
    separator = ":" if lang == "en" else "."
    text = f"{moment.hour:02d}{separator}{moment.minute:02d}"
    return f"{text} {zone_label(moment)}" if zone and moment.tzinfo else text


def format_datetime(moment: datetime, lang: Lang = "id") -> str:
    return f"{format_date(moment.date(), lang)}, {format_time(moment, lang)}"


def format_clock(moment: datetime, reference: datetime, lang: Lang = "id") -> str:
    """A deadline as a clock time, with the date only when it is not the reference's day."""
    if moment.date() == reference.date():
        return format_time(moment, lang)
    return f"{format_time(moment, lang)} ({format_date(moment.date(), lang)})"


def format_span(span: timedelta, lang: Lang = "id") -> str:
    """How late or how long left ("TERLAMBAT 5 menit"); under a minute reads as such, never "segera"."""
    if span < timedelta(minutes=1):
        return "kurang dari 1 menit" if lang == "id" else "less than a minute"
    return format_delay(span, lang)


def format_delay(delay: timedelta, lang: Lang = "id") -> str:
    """A deadline's delay from the start ("15 menit"); none at all is "segera" (at once)."""
    minutes = int(delay.total_seconds() // 60)
    if minutes <= 0:
        return "segera" if lang == "id" else "immediately"
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours >= 48:  # "3 hari 3 jam", not "75 jam 5 menit": past two days, minutes no longer matter
        days, hours = divmod(hours, 24)
        parts.append(f"{days} hari" if lang == "id" else f"{days} days")
        minutes = 0
    if hours:
        parts.append(f"{hours} jam" if lang == "id" else f"{hours} h")
    if minutes:
        parts.append(f"{minutes} menit" if lang == "id" else f"{minutes} min")
    return " ".join(parts)


_MOMENT = re.compile(
    r"^\s*(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})|(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))"
    r"(?:(?:[Tt]|\s+)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2})(?:\.\d*)?)?)?"
    r"\s*(?:(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>\d{1,2})(?::?(?P<tz_minute>\d{2}))?))?\s*$"
)
_FIRST_DAY, _LAST_DAY = datetime(1, 1, 2), datetime(9999, 12, 30)


def impossible_date(text: str) -> tuple[str, str] | None:
    """Why a text in a date's form (2027-02-30, 30/02/2027, with a time and an offset or not) names no
    moment that can be used (Indonesian, English); None when it does, or when it is not in a date's form.
    Moments within a day of the calendar's ends count as impossible: no zone can be applied to them."""
    match = _MOMENT.match(text)
    if match is None:
        return None
    part = match.groupdict()
    year, month, day = (int(part[a] or part[b]) for a, b in (("year", "y"), ("month", "m"), ("day", "d")))
    if year < 1:
        return ("tahun 0000 tidak ada; tahun dimulai dari 0001", "there is no year 0000; years start at 0001")
    if not 1 <= month <= 12:
        return (f"bulan {month} tidak ada (1 sampai 12)", f"there is no month {month} (1 to 12)")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return (
            f"bulan {month:02d}/{year:04d} hanya punya tanggal 1 sampai {last}",
            f"{year:04d}-{month:02d} has days 1 to {last} only",
        )
    hour, minute, second = (int(part[name] or 0) for name in ("hour", "minute", "second"))
    if hour > 23 or minute > 59 or second > 59:
        return ("jam harus 00-23, menit dan detik 00-59", "hours run 00-23, minutes and seconds 00-59")
    offset = 0
    if part["tz_hour"] is not None:
        tz_minute = int(part["tz_minute"] or 0)
        offset = int(part["tz_hour"]) * 60 + tz_minute
        if tz_minute > 59 or (part["tz_sign"] == "-" and offset > 12 * 60) or offset > 14 * 60:
            return (
                "selisih zona waktu harus antara -12:00 dan +14:00 (WIB +07:00, WITA +08:00, WIT +09:00)",
                "the offset must lie between -12:00 and +14:00 (WIB +07:00, WITA +08:00, WIT +09:00)",
            )
        offset = -offset if part["tz_sign"] == "-" else offset
    moment = datetime(year, month, day, hour, minute, second)
    edge = moment < _FIRST_DAY + timedelta(minutes=offset) or moment > _LAST_DAY + timedelta(minutes=offset)
    if edge:
        return (
            "di luar rentang tahun 0001-9999 setelah zona waktunya dihitung",
            "outside the years 0001-9999 once its offset is applied",
        )
    return None


def aware_moment(value: object) -> datetime | None:
    """A datetime with its offset from a journal value (an aware datetime or ISO 8601 text), else None: a
    value without an offset, or not a time at all, is not guessed at."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else None
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None

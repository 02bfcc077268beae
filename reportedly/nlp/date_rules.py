"""Date arithmetic for reportedly_dates: from a matched expression to an inclusive interval.

Pure functions over ``datetime.date``; no spaCy here. Every function returns
``(earliest, latest, precision)`` with ISO strings (dates, or datetimes to the
second for ``part_of_day``), or ``None`` when the expression cannot be resolved
(e.g. a relative date with no publication date). Conventions: docs/dates.md.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Interval = tuple[str, str, str]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "couple of": 2, "a couple of": 2, "few": 3, "a few": 3, "several": 5,
}
# Parts of the day as (start hour:minute, end hour:minute, days added to the end).
PARTS: dict[str, tuple[str, str, int]] = {
    "early": ("00:00:00", "11:59:59", 0),
    "morning": ("06:00:00", "11:59:59", 0),
    "early morning": ("00:00:00", "08:59:59", 0),
    "afternoon": ("12:00:00", "17:59:59", 0),
    "late": ("12:00:00", "23:59:59", 0),
    "evening": ("18:00:00", "23:59:59", 0),
    "late evening": ("21:00:00", "23:59:59", 0),
    "night": ("18:00:00", "05:59:59", 1),
    "late night": ("21:00:00", "05:59:59", 1),
    "overnight": ("18:00:00", "05:59:59", 1),
}
# "in recent days" and friends: how far back an unquantified span reaches.
VAGUE_SPANS: dict[str, int] = {"days": 7, "weeks": 30, "months": 120, "years": 1095, "hours": 1}


def parse_published(value: str | None) -> date | None:
    """The publication date from an ISO date or datetime string; None when absent or bad."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def day(d: date) -> Interval:
    return d.isoformat(), d.isoformat(), "day"


def days(a: date, b: date, precision: str) -> Interval:
    return a.isoformat(), b.isoformat(), precision


def part_of_day(d: date, part: str) -> Interval:
    start, end, extra = PARTS[part]
    return f"{d.isoformat()}T{start}", f"{(d + timedelta(days=extra)).isoformat()}T{end}", "part_of_day"


def clock_hour(d: date, hour: int) -> Interval:
    """"at 10 pm on Friday": that hour (minutes are dropped: reports round them)."""
    return f"{d.isoformat()}T{hour:02d}:00:00", f"{d.isoformat()}T{hour:02d}:59:59", "part_of_day"


def month(year: int, m: int, mod: str | None = None) -> Interval:
    last = calendar.monthrange(year, m)[1]
    if mod == "early":
        return date(year, m, 1).isoformat(), date(year, m, 10).isoformat(), "approximate"
    if mod == "mid":
        return date(year, m, 11).isoformat(), date(year, m, 20).isoformat(), "approximate"
    if mod == "late":
        return date(year, m, 21).isoformat(), date(year, m, last).isoformat(), "approximate"
    return date(year, m, 1).isoformat(), date(year, m, last).isoformat(), "month"


def year(y: int, mod: str | None = None) -> Interval:
    if mod == "early":
        return f"{y}-01-01", f"{y}-04-30", "approximate"
    if mod == "mid":
        return f"{y}-05-01", f"{y}-08-31", "approximate"
    if mod == "late":
        return f"{y}-09-01", f"{y}-12-31", "approximate"
    return f"{y}-01-01", f"{y}-12-31", "year"


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_year(m: int, d: int, pub: date, future: bool) -> date | None:
    """The year of a day-and-month date: the nearest such day, preferring the past.

    News reports look back: "January 5" in an article of January 10 is five days
    earlier, and in an article of January 2 it is last year's January 5 - unless
    the sentence is about the future, or the date is at most 7 days ahead.
    """
    this = safe_date(pub.year, m, d)
    if this is None:
        this = safe_date(pub.year, m, 28) if m == 2 else None
        if this is None:
            return None
    if this <= pub + timedelta(days=7):
        if future and this < pub:
            nxt = safe_date(pub.year + 1, m, d)
            return nxt if nxt is not None and (pub - this).days > 60 else this
        return this
    if future:
        return this
    return safe_date(pub.year - 1, m, d)


def infer_month_year(m: int, pub: date, future: bool, last: bool = False) -> int:
    """The year of a bare month: this year's unless it is still ahead of publication."""
    if last:
        return pub.year if m < pub.month else pub.year - 1
    if m <= pub.month or future:
        return pub.year if (m >= pub.month or not future) else pub.year + 1
    return pub.year - 1


def weekday(pub: date, wd: int, *, future: bool = False, last: bool = False, this: bool = False) -> date:
    """A weekday relative to publication.

    Plain "Friday": the most recent Friday on or before publication, or the next one on or
    after it in a future-tense sentence. "last Friday": strictly before publication.
    "next Friday": strictly after. "this Friday" behaves like a plain weekday.
    """
    back = (pub.weekday() - wd) % 7
    if last:
        return pub - timedelta(days=back or 7)
    if future:
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=back)


def week_of(d: date) -> tuple[date, date]:
    """Monday..Sunday of the ISO week containing d."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def relative_unit(pub: date, which: str, unit: str) -> Interval | None:
    """last/this/next/earlier this/past + week|month|year|weekend."""
    if unit == "weekend":
        # Saturday-Sunday: "last weekend" / "over the weekend" = the most recent one that
        # started before publication; "this weekend" = the one of the publication week.
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if which == "next" or (which == "this" and pub.weekday() < 5):
            sat = pub + timedelta(days=(5 - pub.weekday()) % 7 or 7)
        elif which in ("last", "previous") and pub.weekday() in (5, 6):
            sat -= timedelta(days=7)  # on a weekend, "last weekend" is the one before
        return days(sat, sat + timedelta(days=1), "approximate")
    if unit == "week":
        mon, sun = week_of(pub)
        if which in ("last", "previous"):
            return days(mon - timedelta(days=7), sun - timedelta(days=7), "week")
        if which == "next":
            return days(mon + timedelta(days=7), sun + timedelta(days=7), "week")
        if which == "past":
            return days(pub - timedelta(days=7), pub, "week")
        if which == "earlier":
            return days(mon, max(mon, pub - timedelta(days=1)), "week")
        if which == "later":
            return days(min(sun, pub + timedelta(days=1)), sun, "week")
        return days(mon, sun, "week")
    if unit == "month":
        if which in ("last", "previous"):
            y, m = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            return month(y, m)
        if which == "next":
            y, m = (pub.year, pub.month + 1) if pub.month < 12 else (pub.year + 1, 1)
            return month(y, m)
        if which == "past":
            return days(pub - timedelta(days=30), pub, "approximate")
        first = pub.replace(day=1)
        if which == "earlier":
            return days(first, max(first, pub - timedelta(days=1)), "month")
        last_day = pub.replace(day=calendar.monthrange(pub.year, pub.month)[1])
        if which == "later":
            return days(min(last_day, pub + timedelta(days=1)), last_day, "month")
        return month(pub.year, pub.month)
    if unit == "year":
        if which in ("last", "previous"):
            return year(pub.year - 1)
        if which == "next":
            return year(pub.year + 1)
        if which == "past":
            return days(pub - timedelta(days=365), pub, "approximate")
        if which == "earlier":
            return days(date(pub.year, 1, 1), max(date(pub.year, 1, 1), pub - timedelta(days=1)), "year")
        if which == "later":
            return days(min(date(pub.year, 12, 31), pub + timedelta(days=1)), date(pub.year, 12, 31), "year")
        return year(pub.year)
    return None


def ago(pub: date, n: int, unit: str) -> Interval | None:
    """"two days ago" = that day; weeks give a +-3 day window; months/years the calendar unit."""
    if n <= 0 or n > 1000:
        return None
    unit = unit.rstrip("s")
    if unit == "day":
        return day(pub - timedelta(days=n))
    if unit == "week":
        mid = pub - timedelta(days=7 * n)
        return days(mid - timedelta(days=3), min(pub, mid + timedelta(days=3)), "approximate")
    if unit == "month":
        total = pub.year * 12 + pub.month - 1 - n
        return month(total // 12, total % 12 + 1)
    if unit == "year":
        return year(pub.year - n)
    return None


def recent(pub: date, n: int | None, unit: str) -> Interval | None:
    """"in recent days", "over the past three days", "in the last 24 hours": back to pub.

    An explicit number counts whole units back from publication ("past two days" =
    pub-2..pub); without one, VAGUE_SPANS says how far back the span reaches.
    """
    unit = unit if unit.endswith("s") else unit + "s"
    if unit not in VAGUE_SPANS:
        return None
    if n is None:
        back = VAGUE_SPANS[unit]
    else:
        per = {"hours": 1 / 24, "days": 1, "weeks": 7, "months": 30, "years": 365}[unit]
        back = max(1, round(n * per)) if unit == "hours" else n * per
        back = int(back)
    if back > 36500:
        return None
    return days(pub - timedelta(days=back), pub, "approximate")


"""reportedly_dates: date expressions resolved against the publication date.

Writes ``doc._.rp_dates``: ``[{start, end, text, earliest, latest, precision}]`` with
inclusive ISO bounds (dates; datetimes for ``part_of_day``). Conventions in docs/dates.md.

How: a handful of compiled, case-insensitive regular expressions run over
``doc.text`` (one C-level scan each, so the cost does not grow with a lexicon), the
longest non-overlapping matches win, and date_rules.py does the arithmetic. The
parse is only consulted for matches whose reading depends on tense ("on Friday"
in "will march on Friday" is the next Friday). ``dateparser`` is slow and returns
nothing for "early Thursday" or "in recent days", so it is only a fallback for
complete day-month-year dates in formats our rules do not cover ("05/01/2022",
"5th Jan '22"), called on NER DATE entities that contain a digit, and cached.
Without a publication date only absolute dates (with a year) are resolved.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import date_rules as R
from .extensions import doc_text, register_extensions

_MONTH = (r"(?P<month>january|february|march|april|may|june|july|august|september|october|"
          r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?")
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_PART = r"(?P<part>early morning|morning|afternoon|evening|night|late night)"
_NUM = (r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"twenty-four|a few|few|several|a couple of|couple of)")
_FLAGS = re.IGNORECASE

PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b"),
    "mdy": re.compile(rf"\b(?:{_WD},?\s+)?{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.]\d)"
                      rf"(?:,?\s+{_YEAR}\b)?", _FLAGS),
    "dmy": re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
                      rf"{_MONTH}(?:,?\s+{_YEAR}\b)?", _FLAGS),
    "my": re.compile(rf"\b(?:(?P<mod>early|mid|late)[\s-]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", _FLAGS),
    "month": re.compile(rf"\b(?P<pre>in|since|during|until|till|through|last|this|next|early|"
                        rf"mid|late|from|before|after|by)[\s-]+(?:(?P<mod>early|mid|late)[\s-]+)?"
                        rf"{_MONTH}(?![\s,]*\d)", _FLAGS),
    "year": re.compile(rf"\b(?P<pre>in|since|during|until|till|through|by|from|early|mid|late)"
                       rf"[\s-]+{_YEAR}\b(?!\s*[-–/]\s*\d)", _FLAGS),
    "weekday": re.compile(rf"\b(?:(?P<mod>early|late)\s+(?:on\s+)?)?(?:(?P<rel>last|this|next|"
                          rf"past|previous|coming|on)\s+)?{_WD}(?:['’]s)?(?:\s+{_PART})?\b"
                          r"(?!\s+(?:times|telegraph|express|mail|herald|post|standard|guardian|"
                          r"tribune|observer|edition|magazine|school)\b)", _FLAGS),
    "dayword": re.compile(r"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+"
                          rf"yesterday|yesterday|today|tomorrow|tonight|overnight)(?:['’]s)?"
                          rf"(?:\s+{_PART})?\b", _FLAGS),
    "thispart": re.compile(rf"\b(?P<w>early\s+this|earlier\s+this|later\s+this|this|last|late\s+last)"
                           r"\s+(?P<part>morning|afternoon|evening|night)\b", _FLAGS),
    "unit": re.compile(r"\b(?:(?P<edge>earlier|later)\s+)?(?P<which>last|this\s+past|this|next|"
                       r"the\s+past|the\s+last|the\s+previous|past|previous|over\s+the|at\s+the|"
                       r"the)\s+(?P<unit>week|month|year|weekend)\b", _FLAGS),
    "recent": re.compile(rf"\b(?:in|over|during|within|for|throughout)\s+(?P<body>(?:the\s+)?"
                         rf"(?:recent|past|last|previous|preceding)\s+(?:{_NUM}\s+)?"
                         r"(?P<unit>hours|days|weeks|months|years))\b", _FLAGS),
    "ago": re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", _FLAGS),
}
# "may" and "march" are also a verb and a noun: a bare month needs one of these before it.
_MAY_PRE = frozenset({"in", "since", "during", "until", "till", "last", "next", "early", "mid", "late"})
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "wo", "plan", "plans", "planned", "planning",
                           "scheduled", "due", "expected", "going", "intend", "intends", "vowed",
                           "threatened", "promised"})
# "until January 19", "till Monday": a deadline, usually ahead of publication.
_DEADLINE = re.compile(r"(?:until|till|through)\s+$", re.IGNORECASE)
_VAGUE_N = {"few": 3, "a few": 3, "several": 5}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# Numeric and apostrophe-year dates ("05/01/2022", "2022/01/05", "5th Jan '22"): dateparser's job.
_NUMERIC_DATE = re.compile(
    r"\b(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{4}/\d{1,2}/\d{1,2})\b(?![/.]\d)"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?\s+'\d{2}\b", _FLAGS)


# Refinements around a resolved day: "the night of January 5", "at 10 pm on Friday",
# "on Friday at 3:30 a.m.".
_PART_OF = re.compile(r"(?:the\s+)?(?P<part>early\s+morning|morning|afternoon|evening|night)\s+of\s+$", _FLAGS)
_CLOCK = r"(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.?m\b\.?)"
_CLOCK_BEFORE = re.compile(rf"(?:\b(?:at|around|about|by|after|before)\s+)?{_CLOCK}\s+(?:on\s+)?$", _FLAGS)
_CLOCK_AFTER = re.compile(rf"^,?\s+(?:at\s+)?(?:around\s+|about\s+)?{_CLOCK}", _FLAGS)
# Day ranges: "January 5-7", "5 to 7 January", "between January 5 and 7".
_DAY_RANGE = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?P<sep1>-|–|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"|(?P<e1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?P<sep2>-|–|to|and)\s*(?P<e2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?(?P<month2>january|february|march|april|may|june|july|august|september|october|"
    rf"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
    rf"(?:,?\s+{_YEAR}\b)?", _FLAGS)


def _hour(m: re.Match[str]) -> int | None:
    h = int(m["h"])
    if not 1 <= h <= 12:
        return None
    pm = m["ap"].lower().startswith("p")
    return (h % 12) + (12 if pm else 0)


def _refine(text: str, s: int, e: int, interval: R.Interval, occupied: bytearray) -> tuple[int, int, R.Interval]:
    """Narrow a day to a part of it, or widen the span to a clock time next to it."""
    if interval[2] != "day":
        return s, e, interval
    d = date.fromisoformat(interval[0])
    before = text[max(0, s - 40):s]
    m = _PART_OF.search(before)
    if m:
        start = s - len(before) + m.start()
        if 1 not in occupied[start:s]:
            return start, e, R.part_of_day(d, " ".join(m["part"].lower().split()))
    m = _CLOCK_BEFORE.search(before)
    if m and _hour(m) is not None:
        start = s - len(before) + m.start()
        if 1 not in occupied[start:s]:
            return start, e, R.clock_hour(d, _hour(m))  # type: ignore[arg-type]
    m = _CLOCK_AFTER.match(text[e:e + 40])
    if m and _hour(m) is not None and 1 not in occupied[e:e + m.end()]:
        return s, e + m.end(), R.clock_hour(d, _hour(m))  # type: ignore[arg-type]
    return s, e, interval


def _day_range(m: re.Match[str], pub: date | None, ctx: "_Parsed") -> tuple[int, R.Interval] | None:
    name = (m["month"] or m["month2"]).lower().rstrip(".")
    mon = R.MONTHS[name]
    d1, d2 = (int(m["d1"]), int(m["d2"])) if m["d1"] else (int(m["e1"]), int(m["e2"]))
    if not 1 <= d1 < d2 <= 31:
        return None
    if m["y"]:
        y = int(m["y"])
    elif pub is not None:
        first = R.infer_year(mon, d1, pub, _is_future(ctx, m.start(), m.end(), m.string))
        if first is None:
            return None
        y = first.year
    else:
        return None
    a, b = R.safe_date(y, mon, d1), R.safe_date(y, mon, d2)
    if a is None or b is None:
        return None
    start = m.start()
    between = m.string[max(0, start - 8):start].lower() == "between "
    if (m["sep1"] or m["sep2"]).lower() == "and" and not between:
        return None  # "January 5 and 7" are two days, not a range
    return (start - 8 if between else start), R.days(a, b, "approximate")


def _n(word: str | None) -> int | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w == "twenty-four":
        return 24
    if w in _VAGUE_N:
        return None
    return R.NUMBER_WORDS.get(w)


class _Parsed:
    """The doc plus a lazily built char -> token index for the tense check.

    ``Doc.char_span`` scans the doc, which made a doc with thousands of dates quadratic;
    token starts come from ``Doc.to_array`` (C-level) once per doc, then binary search.
    Kept out of ``doc.user_data`` so nothing extra rides along when Docs are serialised.
    """

    __slots__ = ("doc", "_starts")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts: numpy.ndarray | None = None

    def token_at(self, char: int) -> Token | None:
        if self._starts is None:
            self._starts = self.doc.to_array([IDX]).ravel() if len(self.doc) else numpy.zeros(0, "uint64")
        i = int(numpy.searchsorted(self._starts, char, side="right")) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None


def _is_future(ctx: _Parsed, start: int, end: int, text: str) -> bool:
    """Is the sentence around this date about the future ("will march on Friday")?"""
    tok = ctx.token_at(start)
    if tok is None:
        return False
    last = ctx.token_at(max(start, end - 1))
    if last is not None and last.i > tok.i:
        tok = ctx.doc[tok.i:last.i + 1].root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if _DEADLINE.search(text[max(0, start - 8):start]):
        return True
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FUTURE_WORDS:
        return True  # "plan to rally on Saturday"
    if tok.lower_ in _FUTURE_WORDS or tok.lemma_.lower() in _FUTURE_WORDS:
        return True
    if tok.lemma_.lower() in ("call", "urge") and any(c.lower_ == "for" and c.idx < start for c in tok.children):
        return True  # "called for a national shutdown on Thursday"
    for child in tok.children:
        if child.lower_ in _FUTURE_WORDS:
            return True
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        head = tok.head
        return head.lemma_.lower() in _FUTURE_WORDS or any(c.lower_ in _FUTURE_WORDS for c in head.children)
    return False


Resolver = Callable[[re.Match[str], "date | None", _Parsed], "tuple[int, R.Interval] | None"]


def _iso(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    d = R.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (m.start(), R.day(d)) if d else None


def _explicit_day(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    mon = R.MONTHS[m["month"].lower().rstrip(".")]
    d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    if m["y"]:
        found = R.safe_date(int(m["y"]), mon, d)
    elif pub is not None:
        if m["month"].lower() in ("may", "march") and m["month"].islower() and not m["wd"]:
            # lower-case "march 20 km", "may 5 people": only in a dated context
            before = m.string[max(0, m.start() - 6):m.start()].lower().split()
            if not before or before[-1] not in ("on", "of", "since", "until", "by", "from"):
                return None
        found = R.infer_year(mon, d, pub, _is_future(ctx, m.start(), m.end(), m.string))
    else:
        return None
    return (m.start(), R.day(found)) if found else None


def _month_year(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    mon = R.MONTHS[m["month"].lower().rstrip(".")]
    mod = m["mod"].lower() if m["mod"] else None
    return m.start(), R.month(int(m["y"]), mon, mod)


def _month(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    pre = m["pre"].lower()
    name = m["month"].lower().rstrip(".")
    if pub is None or (name in ("may", "march", "mar") and pre not in _MAY_PRE):
        return None
    mon = R.MONTHS[name]
    mod = (m["mod"] or (pre if pre in ("early", "mid", "late") else "")).lower() or None
    if pre in ("next",):
        y = pub.year if mon > pub.month else pub.year + 1
    else:
        y = R.infer_month_year(mon, pub, _is_future(ctx, m.start(), m.end(), m.string), last=pre == "last")
    start = m.start() if pre in ("last", "this", "next", "early", "mid", "late") else (
        m.start("mod") if m["mod"] else m.start("month"))
    return start, R.month(y, mon, mod)


def _year(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    pre = m["pre"].lower()
    mod = pre if pre in ("early", "mid", "late") else None
    return (m.start() if mod else m.start("y")), R.year(int(m["y"]), mod)


def _weekday(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    if pub is None:
        return None
    after = m.string[m.end():m.end() + 2]
    if m["wd"][0].isupper() and not m["part"] and len(after) == 2 and after[0] == " " and after[1].isupper():
        return None  # "the Monday Market", "Friday Mosque": part of a name
    wd = R.WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    mod = (m["mod"] or "").lower()
    part = " ".join((m["part"] or "").lower().split())
    scheduled = m.string[max(0, m.start() - 4):m.start()].lower() == "for "  # "a strike for Thursday"
    future = rel in ("next", "coming") or (rel not in ("last", "past", "previous")
                                           and (scheduled or _is_future(ctx, m.start(), m.end(), m.string)))
    d = R.weekday(pub, wd, future=future, last=rel in ("last", "past", "previous"))
    if rel == "next" and d == pub:
        d = R.weekday(pub + timedelta(days=1), wd, future=True)
    start = m.start() if mod else (m.start("rel") if rel and rel != "on" else m.start("wd"))
    if mod and part in ("morning", "night", "evening"):
        part = f"{mod} {part}" if f"{mod} {part}" in R.PARTS else part
    elif mod:
        part = mod
    return start, (R.part_of_day(d, part) if part else R.day(d))


def _dayword(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    if pub is None:
        return None
    w = " ".join(m["w"].lower().split())
    mod = (m["mod"] or "").lower()
    part = " ".join((m["part"] or "").lower().split())
    offset = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1,
              "tonight": 0, "overnight": -1}[w]
    d = pub + timedelta(days=offset)
    if w == "tonight":
        part = "evening"
    elif w == "overnight":
        part = "overnight"
    if mod in ("early", "late") and not part:
        part = mod
    elif mod in ("early", "late") and f"{mod} {part}" in R.PARTS:
        part = f"{mod} {part}"
    start = m.start() if mod in ("early", "late") else m.start("w")
    return start, (R.part_of_day(d, part) if part else R.day(d))


def _thispart(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    if pub is None:
        return None
    w = " ".join(m["w"].lower().split())
    part = m["part"].lower()
    if w.endswith("last"):
        # "last night" is the night before publication; "last evening" the evening before.
        d = pub - timedelta(days=1)
        part = "late night" if w == "late last" and part == "night" else part
    else:
        d = pub
        if w == "early this" and part == "morning":
            part = "early morning"
    return m.start(), R.part_of_day(d, part)


def _unit(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    if pub is None:
        return None
    which = " ".join(m["which"].lower().split())
    unit = m["unit"].lower()
    edge = (m["edge"] or "").lower()
    if which == "the" and unit != "weekend":
        return None  # "the week", "the year": not anchored to publication
    mapped = {"this past": "past", "the past": "past", "the last": "past", "past": "past",
              "the previous": "last", "previous": "last", "last": "last", "next": "next",
              "this": "this", "over the": "the", "at the": "the", "the": "the"}[which]
    if unit == "weekend" and mapped == "past":
        mapped = "the"  # "this past weekend": the most recent one
    elif unit != "weekend" and mapped == "the":
        return None
    if edge and mapped == "this":
        mapped = edge
    interval = R.relative_unit(pub, mapped, unit)
    return (m.start(), interval) if interval else None


def _recent(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    if pub is None:
        return None
    interval = R.recent(pub, _n(m["n"]), m["unit"].lower())
    return (m.start("body"), interval) if interval else None


def _ago(m: re.Match[str], pub: date | None, ctx: _Parsed) -> tuple[int, R.Interval] | None:
    if pub is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    n = _n(m["n"])
    if n is None:  # "a few days ago", "several weeks ago": 2 to 7 units back
        per = _UNIT_DAYS[unit]
        return m.start(), R.days(pub - timedelta(days=7 * per), pub - timedelta(days=2 * per), "approximate")
    interval = R.ago(pub, n, unit)
    return (m.start(), interval) if interval else None


PATTERNS["range"] = _DAY_RANGE
RESOLVERS: dict[str, Resolver] = {
    "range": _day_range,
    "iso": _iso, "mdy": _explicit_day, "dmy": _explicit_day, "my": _month_year, "month": _month,
    "year": _year, "weekday": _weekday, "dayword": _dayword, "thispart": _thispart,
    "unit": _unit, "recent": _recent, "ago": _ago,
}


@lru_cache(maxsize=4096)
def _dateparser_day(text: str, pub_iso: str | None) -> str | None:
    """A complete day-month-year date in a format our rules miss; None when unsure."""
    import dateparser  # imported lazily: it costs ~1 s and most documents never need it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": True,
                                   "REQUIRE_PARTS": ["day", "month", "year"]}
    if pub_iso:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(pub_iso)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is fine
        return None
    if parsed is None:
        return None
    found = parsed.date()
    if pub_iso and found > date.fromisoformat(pub_iso) and found.day <= 12:
        # "05/01/2022" in an article of 2022-01-07: the day-first reading is the one
        # that is not in the future.
        swapped = R.safe_date(found.year, found.day, found.month)
        if swapped is not None and swapped <= date.fromisoformat(pub_iso):
            found = swapped
    return found.isoformat()


def find_dates(doc: Doc) -> list[dict]:
    """All resolved date expressions in the doc, in text order, non-overlapping."""
    text = doc_text(doc)  # resolvers use m.string
    pub = R.parse_published(doc._.rp_published)
    ctx = _Parsed(doc)
    candidates: list[tuple[int, int, R.Interval]] = []
    for name, pattern in PATTERNS.items():
        resolve = RESOLVERS[name]
        for m in pattern.finditer(text):
            try:
                got = resolve(m, pub, ctx)
            except (OverflowError, ValueError):
                continue  # arithmetic past year 1 or 9999 (absurd publication dates)
            if got is not None:
                candidates.append((got[0], m.end(), got[1]))
    # Character masks keep overlap checks linear even on absurd input ("5 January " x 10,000).
    covered = bytearray(len(text))
    for s, e, _ in candidates:
        covered[s:e] = b"\x01" * (e - s)
    for m in _NUMERIC_DATE.finditer(text):
        if 1 not in covered[m.start():m.end()]:
            iso = _dateparser_day(m.group(), pub.isoformat() if pub else None)
            if iso:
                candidates.append((m.start(), m.end(), (iso, iso, "day")))
    # Longest first, then leftmost: "Friday, January 7, 2022" beats "Friday".
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    occupied = bytearray(len(text))
    taken: list[tuple[int, int, R.Interval]] = []
    for s, e, interval in candidates:
        if 1 not in occupied[s:e]:
            occupied[s:e] = b"\x01" * (e - s)
            taken.append((s, e, interval))
    taken.sort()
    refined = []
    for s, e, interval in taken:
        s, e, interval = _refine(text, s, e, interval, occupied)
        occupied[s:e] = b"\x01" * (e - s)
        refined.append((s, e, interval))
    taken = refined
    out = []
    for s, e, (earliest, latest, precision) in taken:
        while e > s and text[e - 1] in " ,.":
            e -= 1  # keep "Jan." but never a trailing space or comma
        if text[e:e + 1] == "." and re.match(r"(?i)jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec", text[e - 3:e]):
            e += 1
        out.append({"start": s, "end": e, "text": text[s:e], "earliest": earliest,
                    "latest": latest, "precision": precision})
    return out


class DateComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rp_dates = find_dates(doc)
        return doc


@Language.factory("reportedly_dates", assigns=["doc._.rp_dates"])
def make_dates(nlp: Language, name: str) -> DateComponent:
    register_extensions()
    return DateComponent()

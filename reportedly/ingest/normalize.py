"""Text normalisation: one place where raw bytes and strings become the text all offsets index."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import ftfy

from ..errors import IngestError

MAX_CHARS = 2_000_000  # ~300k words; longer inputs are almost always dumps, not articles
# Curly quotes carry information (which mark opens a quote), so ftfy must not straighten them.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# Words so common in English prose that a real English article of 50+ words always has some.
_ENGLISH_MARKERS = frozenset(
    "the of and to in a is was that for on with as by at from were said has have it he his are be".split()
)


def decode_bytes(data: bytes, origin: str) -> str:
    """Bytes -> str. Tries UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252."""
    if not data.strip():
        raise IngestError(f"{origin}: the file is empty", reason="empty", path=origin)
    if data[:4] in (b"PK\x03\x04", b"%PDF") or data[:2] == b"\x1f\x8b":
        raise IngestError(f"{origin}: this is a binary (zip/pdf/gzip) file, not text", reason="binary", path=origin)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")  # odd byte counts: fuzzing found these
    if b"\x00" in data[:8192]:
        raise IngestError(f"{origin}: the file contains NUL bytes; it looks binary", reason="binary", path=origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Legacy Western encodings are the common case in news archives; ftfy fixes the rest.
        return data.decode("cp1252", errors="replace")


def normalize_text(text: str, origin: str = "<text>") -> str:
    """Repair mojibake, unify newlines and spaces; the result is what every offset indexes."""
    if len(text) > MAX_CHARS:
        raise IngestError(
            f"{origin}: {len(text):,} characters is over the {MAX_CHARS:,}-character cap for one article; "
            "split the file into articles (e.g. JSON Lines, one article per line)",
            reason="too_large", path=origin,
        )
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be stored or hashed
    text = ftfy.fix_text(text, _FTFY_CONFIG)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text).strip()
    if not text:
        raise IngestError(f"{origin}: no text (empty or whitespace only)", reason="empty", path=origin)
    control = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    if control > 0.05 * min(len(text), 4096):
        raise IngestError(f"{origin}: mostly control characters; it looks binary", reason="binary", path=origin)
    return text


def looks_english(text: str) -> bool:
    """A cheap check so we skip extraction on other languages instead of producing junk."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters and sum(1 for ch in letters if ch < "\u0250") < 0.5 * len(letters):
        return False  # mostly non-Latin script (Cyrillic, Arabic, CJK...): not English at any length
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 30:
        return True  # too short to judge by function words; let it through
    hits = sum(1 for w in words if w in _ENGLISH_MARKERS)
    return hits / len(words) >= 0.12  # English news runs at 0.25-0.35


def parse_published(value: object, origin: str = "<input>") -> str | None:
    """A publication date as ISO 8601 (date or datetime), or an IngestError naming the fix."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        parsed: date | datetime = value
    elif isinstance(value, date):
        parsed = value
    else:
        raw = str(value).strip()
        parsed = _parse_date_string(raw)
        if parsed is None:
            raise IngestError(
                f"{origin}: cannot read the date {raw!r}; use ISO 8601, e.g. 2022-01-06 or 2022-01-06T14:30",
                reason="bad_date", path=origin,
            )
    if not 1800 <= parsed.year <= 2100:
        raise IngestError(f"{origin}: the date {parsed.isoformat()} is out of range (1800-2100)",
                          reason="bad_date", path=origin)
    if isinstance(parsed, datetime):
        if parsed.hour == parsed.minute == parsed.second == 0 and parsed.tzinfo is None:
            return parsed.date().isoformat()
        return parsed.replace(microsecond=0).isoformat()
    return parsed.isoformat()


def _parse_date_string(raw: str) -> date | datetime | None:
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        pass
    if not re.search(r"\d", raw):
        return None  # dateparser would happily read "yesterday" relative to today: not a publication date
    import dateparser  # slow import; only for non-ISO input

    return dateparser.parse(raw, languages=["en"], settings={"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first"})

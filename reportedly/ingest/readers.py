"""Readers: files, folders and stdin -> ArticleInput (or a typed Failure), one at a time.

Formats:
- ``.txt``: plain text; an optional header of ``Key: value`` lines (title, published/date,
  outlet/source, url), ended by the first blank line, gives the metadata.
- ``.html``/``.htm``: main text, title, date and site name by trafilatura.
- ``.jsonl``: one JSON object per line with ``text`` and optional title/published/outlet/url.
- ``.csv``: a header row with a ``text`` column and optional title/published/outlet/url.
- a folder: every file above inside it, recursively, in sorted order.
- ``-``: standard input, read as one ``.txt`` article.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import BaseModel

from ..errors import IngestError
from .normalize import MAX_CHARS, decode_bytes, normalize_text, parse_published

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
            ".ndjson": "jsonl", ".csv": "csv"}
HEADER_KEYS = {"title": "title", "published": "published", "date": "published", "outlet": "outlet",
               "source": "outlet", "url": "url"}
FIELD_ALIASES = {"text": ("text", "body", "content", "doc_text"), "title": ("title", "headline"),
                 "published": ("published", "date", "publication_date", "pubdate"),
                 "outlet": ("outlet", "source", "site", "publisher"), "url": ("url", "link")}
MAX_FILE_BYTES = 200 * 1024 * 1024  # whole-file cap for JSONL/CSV collections


class ArticleInput(BaseModel):
    """One article to extract from. ``text`` is raw; the pipeline normalises it."""

    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str = "<text>"


class Failure(BaseModel):
    """An input that produced no report, and why (``reason`` is a stable code)."""

    origin: str
    reason: str
    message: str


def read_inputs(paths: Iterable[str | Path]) -> Iterator[ArticleInput | Failure]:
    """Every article in the given paths, in order; unreadable ones become Failures."""
    for path in paths:
        if str(path) == "-":
            yield from _guard("<stdin>", lambda: _from_txt(sys.stdin.read(), "<stdin>"))
            continue
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                yield from read_file(child)
        elif not path.exists():
            yield Failure(origin=str(path), reason="missing_file", message=f"{path}: no such file or folder")
        else:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[ArticleInput | Failure]:
    kind = SUFFIXES.get(path.suffix.lower(), "txt")
    origin = str(path)
    try:
        size = path.stat().st_size
        limit = MAX_FILE_BYTES if kind in ("jsonl", "csv") else MAX_CHARS * 4
        if size > limit:
            raise IngestError(f"{origin}: {size:,} bytes is over the {limit:,}-byte cap for a {kind} file",
                              reason="too_large", path=origin)
        text = decode_bytes(path.read_bytes(), origin)
    except IngestError as e:
        yield Failure(origin=origin, reason=e.reason, message=str(e))
        return
    except OSError as e:
        yield Failure(origin=origin, reason="unreadable", message=f"{origin}: {e.strerror or e}")
        return
    if kind == "jsonl":
        yield from _from_jsonl(text, origin)
    elif kind == "csv":
        yield from _from_csv(text, origin)
    elif kind == "html":
        yield from _guard(origin, lambda: _from_html(text, origin))
    else:
        yield from _guard(origin, lambda: _from_txt(text, origin))


def _guard(origin: str, make) -> Iterator[ArticleInput | Failure]:
    try:
        yield make()
    except IngestError as e:
        yield Failure(origin=origin, reason=e.reason, message=str(e))


def _from_txt(raw: str, origin: str) -> ArticleInput:
    lines = raw.lstrip("\ufeff").split("\n")
    meta: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        field = HEADER_KEYS.get(key.strip().lower())
        if not sep or field is None or field in meta:
            break
        meta[field] = value.strip()
    body = lines[len(meta):]
    if meta and body and not body[0].strip():
        body = body[1:]  # the blank line that ends the header
    return _article({"text": "\n".join(body), **meta}, origin)


def _from_html(raw: str, origin: str) -> ArticleInput:
    import trafilatura  # heavy import; only when HTML is read

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    if doc is not None and (getattr(doc, "text", None) or "").strip():
        return _article({"text": doc.text, "title": doc.title, "published": doc.date,
                         "outlet": doc.sitename, "url": doc.url}, origin)
    # trafilatura (libxml2) gives up on pathological markup such as 10k nested tags;
    # plain tag stripping still recovers the words.
    text = _strip_tags(raw)
    if not text.strip():
        raise IngestError(f"{origin}: no article text found in the HTML", reason="empty", path=origin)
    return _article({"text": text}, origin)


_INVISIBLE_BLOCKS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")


def _strip_tags(raw: str) -> str:
    text = _TAG.sub(" ", _INVISIBLE_BLOCKS.sub(" ", raw))
    return html.unescape(re.sub(r"[ \t]+", " ", text)).strip()


def _from_jsonl(raw: str, origin: str) -> Iterator[ArticleInput | Failure]:
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as e:  # RecursionError: absurdly deep nesting
            detail = getattr(e, "msg", None) or type(e).__name__
            yield Failure(origin=where, reason="bad_json", message=f"{where}: not valid JSON ({detail})")
            continue
        if not isinstance(record, dict):
            yield Failure(origin=where, reason="bad_json", message=f"{where}: expected a JSON object per line")
            continue
        yield from _guard(where, lambda: _article(_fields(record), where))


def _from_csv(raw: str, origin: str) -> Iterator[ArticleInput | Failure]:
    csv.field_size_limit(MAX_CHARS * 4)
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    try:
        columns = {c.strip().lower() for c in (reader.fieldnames or []) if c}
    except csv.Error as e:  # found by fuzzing: stray carriage returns in the header
        yield Failure(origin=origin, reason="bad_csv", message=f"{origin}: unreadable CSV header ({e})")
        return
    if not columns & set(FIELD_ALIASES["text"]):
        yield Failure(origin=origin, reason="bad_csv",
                      message=f"{origin}: the CSV needs a 'text' column (found: {', '.join(sorted(columns)) or 'none'})")
        return
    rows = iter(reader)
    n = 1
    while True:
        n += 1
        where = f"{origin}:{n}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            yield Failure(origin=where, reason="bad_csv", message=f"{where}: unreadable CSV row ({e})")
            return  # the reader cannot resynchronise after a malformed row
        if None in row:  # more cells than header columns
            yield Failure(origin=where, reason="bad_csv", message=f"{where}: more cells than header columns")
            continue
        fields = _fields({(k or "").strip().lower(): v for k, v in row.items()})
        yield from _guard(where, lambda: _article(fields, where))


def _fields(record: dict) -> dict:
    out = {}
    for field, names in FIELD_ALIASES.items():
        for name in names:
            value = record.get(name)
            if value not in (None, ""):
                out[field] = value
                break
    return out


def _article(fields: dict, origin: str) -> ArticleInput:
    text = fields.get("text")
    if not isinstance(text, str):
        raise IngestError(f"{origin}: no 'text' field", reason="empty", path=origin)
    if not text.strip():
        raise IngestError(f"{origin}: no text (empty or whitespace only)", reason="empty", path=origin)
    if len(text) > MAX_CHARS:
        normalize_text(text, origin)  # raises the typed too_large error with its fix
    meta = {k: (_clean(str(v)).strip() or None) if v is not None else None
            for k, v in fields.items() if k in ("title", "outlet", "url")}
    published = fields.get("published")
    if isinstance(published, (int, float)) and not isinstance(published, bool):
        raise IngestError(f"{origin}: the date {str(published)[:20]!r} is a number; use ISO 8601 text",
                          reason="bad_date", path=origin)
    return ArticleInput(text=_clean(text), published=parse_published(published, origin), origin=origin, **meta)


def _clean(value: str) -> str:
    """Drop lone surrogates (JSON escapes like \\ud800 make them): they cannot be stored or hashed."""
    return value.encode("utf-8", "replace").decode("utf-8")

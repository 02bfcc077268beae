"""Doc -> Report: turn the components' JSON-safe annotations into contract records.

This is where ids are made (content hashes, so re-runs never duplicate) and where
provenance is decided: an event or number inside a statement's content is that
statement's claim, asserted by its source and relayed by its ``via`` chain; one
outside every statement is the reporter's own voice (empty ``asserted_by``).
"""

from __future__ import annotations

import logging
import re

from pydantic import ValidationError
from spacy.tokens import Doc

from .nlp.actors import sector_of
from .nlp.extensions import doc_text
from .records import (
    Article, DateValue, Event, Place, Quantity, Report, Source, Span, Statement, content_id,
)

log = logging.getLogger(__name__)
_SPACE = re.compile(r"\s+")


def article_id(text: str, url: str | None) -> str:
    return content_id("art", text, url or "")


def assemble(doc: Doc, *, title=None, published=None, outlet=None, url=None, language="en") -> Report:
    text = doc_text(doc)
    art = Article(id=article_id(text, url), title=title, published=published, outlet=outlet,
                  url=url, language=language, text=text)
    dates = [_valid(DateValue, text, d) for d in (doc._.rp_dates or [])]
    places = [_valid(Place, text, {k: v for k, v in p.items() if k != "role"}) for p in (doc._.rp_places or [])]
    sources, source_ids = _sources(doc, art.id)
    statements = _statements(doc, art.id, source_ids, dates)
    claims = _Provenance(statements)
    events, event_of_quantity = _events(doc, art.id, places, dates, claims, _speakers(doc, statements, sources))
    quantities = _quantities(doc, art.id, event_of_quantity, claims)
    return Report(
        article=art, sources=sources, statements=statements, events=events, quantities=quantities,
        places=[p for p, raw in zip(places, doc._.rp_places or []) if p and raw.get("role", "place") == "place"],
        dates=[d for d in dates if d],
    )


def _valid(model, text: str, raw: dict):
    """Build a span-carrying record, or drop it (logged) if its offsets do not index the text."""
    start, end = raw.get("start", -1), raw.get("end", -1)
    if not (0 <= start <= end <= len(text)) or text[start:end] != raw.get("text"):
        log.warning("dropping %s with bad span %r", model.__name__, raw)
        return None
    try:
        return model(**raw)
    except ValidationError as e:
        log.warning("dropping invalid %s %r: %s", model.__name__, raw, e)
        return None


def _span(text: str, raw: dict | None) -> Span | None:
    return _valid(Span, text, raw) if raw else None


def _norm_name(name: str) -> str:
    return _SPACE.sub(" ", name).strip().lower()


def _sources(doc: Doc, art_id: str) -> tuple[list[Source], dict[str, str]]:
    sources, ids = [], {}
    n_chars = len(doc_text(doc))
    for raw in doc._.rp_sources or []:
        # Named sources get a corpus-wide id (same name, same id in every article);
        # anonymous ones ("officials") are only the same within one article.
        scope = art_id if raw.get("kind") in ("anonymous", "unknown") else ""
        sid = content_id("src", _norm_name(raw["name"]), raw.get("kind"), scope)
        if sid in ids.values():
            ids[raw["key"]] = sid
            continue
        ids[raw["key"]] = sid
        mentions = [(s, e) for s, e in raw.get("mentions", []) if 0 <= s <= e <= n_chars]
        sources.append(Source(id=sid, name=raw["name"], kind=raw.get("kind", "unknown"),
                              description=raw.get("description"), aliases=list(raw.get("aliases", [])),
                              mentions=mentions))
    return sources, ids


def _statements(doc: Doc, art_id: str, source_ids: dict, dates: list) -> list[Statement]:
    out, seen = [], set()
    text = doc_text(doc)
    for raw in doc._.rp_statements or []:
        content = _span(text, raw.get("content"))
        if content is None:
            continue
        cue = _span(text, raw.get("cue"))
        sid = content_id("st", art_id, content.start, content.end, cue.start if cue else None)
        if sid in seen:
            continue
        seen.add(sid)
        date_index = raw.get("date")
        out.append(Statement(
            id=sid, source=source_ids.get(raw.get("source")), source_span=_span(text, raw.get("source_span")),
            via=[source_ids[k] for k in raw.get("via", []) if k in source_ids], kind=raw.get("kind", "indirect"),
            cue=cue, content=content, channel=raw.get("channel"), hedges=list(raw.get("hedges", [])),
            labels=[s for s in (_span(text, lab) for lab in raw.get("labels", [])) if s],
            date=dates[date_index] if isinstance(date_index, int) and 0 <= date_index < len(dates) else None,
        ))
    return out


class _Provenance:
    """Which statements carry a stretch of text, and who asserts it."""

    def __init__(self, statements: list[Statement]):
        # Innermost first: a shorter content inside a longer one is the nested statement.
        self.statements = sorted(statements, key=lambda s: s.content.end - s.content.start)

    def carrying(self, start: int, end: int) -> list[Statement]:
        return [s for s in self.statements if s.content.start <= start and end <= s.content.end]

    @staticmethod
    def asserted_by(carriers: list[Statement]) -> list[str]:
        chain: list[str] = []
        for st in carriers:  # innermost speaker first, then its relays, then outer speakers
            for sid in ([st.source] if st.source else []) + st.via:
                if sid not in chain:
                    chain.append(sid)
        return chain


def _speakers(doc: Doc, statements: list[Statement], sources: list[Source]) -> dict[tuple[int, int], dict]:
    """Cue span -> the speaker as an event actor. A speech act ("It blamed terrorist groups",
    "he warned", "the ministry denied") is an event whose source is the statement's speaker,
    resolved ("It" -> the army) and found across conjunctions ("Muyaya said … and blamed"),
    which the parse alone often cannot give."""
    by_id = {src.id: src for src in sources}
    out = {}
    for st in statements:
        src = by_id.get(st.source) if st.source else None
        if st.cue is None or st.source_span is None or src is None:
            continue
        first = src.mentions[0] if src.mentions else (st.source_span.start, st.source_span.end)
        words = doc.char_span(first[0], first[1], alignment_mode="expand")
        sector = (sector_of(list(words)) if words is not None else None) or _KIND_SECTOR.get(src.kind)
        out[(st.cue.start, st.cue.end)] = {
            "role": "source", "text": st.source_span.text, "start": st.source_span.start,
            "end": st.source_span.end, "name": src.name, "sector": sector, "country": None}
    return out


# A speaker's kind as an actor sector when its words name none ("the interior ministry" does).
_KIND_SECTOR = {"government": "government", "media": "media"}


def _events(doc: Doc, art_id: str, places: list, dates: list, claims: _Provenance,
            speakers: dict[tuple[int, int], dict] | None = None):
    text = doc_text(doc)
    events, event_of_quantity = [], {}
    for raw in doc._.rp_events or []:
        trigger = _span(text, raw.get("trigger"))
        if trigger is None:
            continue
        mentions = [m for m in (_span(text, x) for x in raw.get("mentions", [])) if m] or [trigger]
        carriers: list[Statement] = []
        for m in mentions:
            carriers += [s for s in claims.carrying(m.start, m.end) if s not in carriers]
        eid = content_id("ev", art_id, raw["type"], trigger.start, trigger.end)
        actors = []
        for a in raw.get("actors", []):
            if _valid(Span, text, {k: a.get(k) for k in ("text", "start", "end")}):
                actors.append(a)
        speaker = next((sp for (s, e), sp in (speakers or {}).items() if s <= trigger.start and trigger.end <= e), None)
        if speaker is not None:  # the speech act's doer is its speaker, whatever the parse hung on it
            actors = [speaker] + [a for a in actors if a.get("role") != "source"]
        place_i, date_i = raw.get("place"), raw.get("date")
        events.append(Event(
            id=eid, type=raw["type"], mode=raw.get("mode"), acled=raw.get("acled"), trigger=trigger,
            mentions=mentions, actors=actors,
            place=places[place_i] if isinstance(place_i, int) and 0 <= place_i < len(places) else None,
            date=dates[date_i] if isinstance(date_i, int) and 0 <= date_i < len(dates) else None,
            modality=raw.get("modality", "asserted"), statements=[s.id for s in carriers],
            asserted_by=claims.asserted_by(carriers), confidence=raw.get("confidence", 0.5),
        ))
        for qi in raw.get("quantities", []):
            event_of_quantity.setdefault(qi, eid)
    return events, event_of_quantity


def _quantities(doc: Doc, art_id: str, event_of_quantity: dict, claims: _Provenance) -> list[Quantity]:
    out = []
    text = doc_text(doc)
    for i, raw in enumerate(doc._.rp_quantities or []):
        if _valid(Span, text, {k: raw.get(k) for k in ("text", "start", "end")}) is None:
            continue
        carriers = claims.carrying(raw["start"], raw["end"])
        q = _valid(Quantity, text, {
            "id": content_id("q", art_id, raw["start"], raw["end"]), "kind": raw.get("kind", "other"),
            "counted": _span(text, raw.get("counted")), "low": raw.get("low"), "high": raw.get("high"),
            "qualifier": raw.get("qualifier", "exact"), "text": raw["text"], "start": raw["start"],
            "end": raw["end"], "event": event_of_quantity.get(i),
            "statement": carriers[0].id if carriers else None, "asserted_by": claims.asserted_by(carriers),
        })
        if q:
            out.append(q)
    return out

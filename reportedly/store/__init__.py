"""The embedded DuckDB store: one file holds a corpus of extracted reports.

``Store`` is the only writer. Every ingest batch is one transaction (its articles,
their rows and its failures), so a killed run leaves whole batches behind and the
next run resumes after them. Schema and guarantees: docs/store.md.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..ingest import Failure
from ..records import Report
from .rows import Row, input_key, report_rows
from .schema import ARTICLE_TABLES, LATEST_VERSION, MIGRATIONS

DEFAULT_DB = "reportedly.duckdb"
DEFAULT_MEMORY = "256MB"
MEMORY_ENV = "REPORTEDLY_DUCKDB_MEMORY"  # e.g. 2GB for very large stores
STAT_TABLES = ("articles", "statements", "events", "clusters", "quantities", "failures")

__all__ = ["Store", "DEFAULT_DB", "input_key"]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store:
    """A reportedly DuckDB file. Use as a context manager; ``read_only=True`` for readers."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, memory_limit: str | None = None):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise UsageError(f"no store at {self.path}: create it with `reportedly ingest PATH --db {self.path}`")
        if not self.path.parent.is_dir():
            raise UsageError(f"cannot create {self.path}: the folder {self.path.parent} does not exist")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as e:
            hint = ("another process (an ingest?) is writing it; try again when it ends" if "lock" in str(e).lower()
                    else "is it a DuckDB file?")
            raise UsageError(f"cannot open {self.path}: {hint} ({e})") from e
        # DuckDB caches up to 80% of RAM by default; a fixed cap keeps a long ingest's memory flat
        # (beyond it DuckDB spills sorts and work tables to <db>.tmp).
        self.con.execute("SET memory_limit = ?", [memory_limit or os.environ.get(MEMORY_ENV, DEFAULT_MEMORY)])
        self.read_only = read_only
        self._depth = 0
        self._migrate()

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        have = self._version()
        if have >= LATEST_VERSION:
            return
        if self.read_only:
            raise UsageError(f"{self.path} has schema version {have}, this reportedly needs "
                             f"{LATEST_VERSION}: upgrade it with `reportedly ingest --db {self.path} PATH` (opens it read-write)")
        for m in MIGRATIONS:
            if m.version <= have:
                continue
            with self.transaction():
                self.con.execute(m.sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [m.version, m.name, _now()])

    def _version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not exists:
            if self.read_only:
                raise UsageError(f"{self.path} is not a reportedly store (no schema_migrations table)")
            self.con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                             "applied_at TIMESTAMP)")
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    def transaction(self) -> "_Tx":
        """One DuckDB transaction; nested uses join the outer one."""
        return _Tx(self)

    # -- reading ---------------------------------------------------------------------------

    def sql(self, query: str, params: Sequence[Any] | dict | None = None) -> list[dict[str, Any]]:
        """Run a query; rows as dicts (JSON columns come back as strings)."""
        cur = self.con.execute(query, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def stats(self) -> dict[str, int]:
        """Row counts of the main tables (what `reportedly stats --json` prints)."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in STAT_TABLES}

    def known_inputs(self, keys: Sequence[str]) -> set[str]:
        """The input keys already stored: those are skipped by a resumed or repeated ingest."""
        if not keys:
            return set()
        rows = self.con.execute("SELECT input_key FROM inputs WHERE input_key IN (SELECT unnest(?))",
                                [list(keys)]).fetchall()
        return {r[0] for r in rows}

    def reports(self, article_ids: Iterable[str] | None = None) -> Iterator[Report]:
        """The stored Reports, exactly as extracted (ordered by ingest time, then id)."""
        query = "SELECT report FROM articles"
        params: list[Any] = []
        if article_ids is not None:
            query += " WHERE id IN (SELECT unnest(?))"
            params.append(list(article_ids))
        cur = self.con.execute(query + " ORDER BY ingested_at, id", params)
        while batch := cur.fetchmany(256):
            for (raw,) in batch:
                yield Report.model_validate_json(raw)

    def report(self, article_id: str) -> Report:
        for r in self.reports([article_id]):
            return r
        raise UsageError(f"no article {article_id!r} in {self.path}; list them with `reportedly events`")

    # -- writing ---------------------------------------------------------------------------

    def start_run(self, *, engine: str, model: str, versions: dict | None = None,
                  config: dict | None = None) -> str:
        from .. import __version__
        from ..records import SCHEMA_VERSION

        versions = versions or {}
        run_id = f"run_{uuid.uuid4().hex[:16]}"
        self.con.execute(
            "INSERT INTO runs (id, started_at, status, engine, model, model_version, reportedly_version, "
            "schema_version, config) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)",
            [run_id, _now(), engine, versions.get("model", model), versions.get("model_version"),
             versions.get("reportedly", __version__), SCHEMA_VERSION, json.dumps(config or {}, default=str)],
        )
        return run_id

    def finish_run(self, run_id: str, *, n_inputs: int, n_written: int, n_skipped: int, n_failed: int,
                   status: str = "done") -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, n_inputs = ?, n_written = ?, n_skipped = ?, "
            "n_failed = ? WHERE id = ?",
            [_now(), status, n_inputs, n_written, n_skipped, n_failed, run_id],
        )

    def write_batch(self, reports: Sequence[tuple[Report, str, str | None]], failures: Sequence[Failure],
                    run_id: str | None = None) -> None:
        """Write (report, input_key, origin) triples and failures in one transaction.

        An article already stored is replaced with all its rows (upsert by content id),
        so writing the same batch twice leaves the store unchanged.
        """
        now = _now()
        tables: dict[str, list[Row]] = {"articles": [], **{t: [] for t in ARTICLE_TABLES}}
        inputs: list[Row] = []
        by_id: dict[str, int] = {}
        for report, key, origin in reports:
            inputs.append({"input_key": key, "article_id": report.article.id, "origin": origin})
            if report.article.id in by_id:  # the same article twice in one batch: write it once
                continue
            by_id[report.article.id] = 1
            for table, rows in report_rows(report, origin=origin, run_id=run_id or "", now=now).items():
                tables[table].extend(rows)
        fail_rows = {f.origin: {"origin": f.origin, "reason": f.reason, "message": f.message,
                                "run_id": run_id, "failed_at": now} for f in failures}
        ids = list(by_id)
        origins = [o for _, _, o in reports if o]
        with self.transaction():
            # Deleting scans each table, so only articles already stored (a re-ingest) pay for it:
            # a fresh batch costs one look-up, and a long ingest stays linear.
            stored = [r[0] for r in self.con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()] if ids else []
            if stored:
                for table in ARTICLE_TABLES:
                    self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [stored])
                self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [stored])
            keys = list(self.known_inputs([r["input_key"] for r in inputs]))
            if keys:
                self.con.execute("DELETE FROM inputs WHERE input_key IN (SELECT unnest(?))", [keys])
            # An input that now succeeds is no longer a failure; one that fails again is replaced.
            gone = origins + list(fail_rows)
            if gone:
                self.con.execute("DELETE FROM failures WHERE origin IN (SELECT unnest(?))", [gone])
            for table, rows in tables.items():
                self._insert(table, rows)
            self._insert("inputs", _unique(inputs, "input_key"))
            self._insert("failures", list(fail_rows.values()))

    def replace_clusters(self, clusters: list[Row], members: list[Row]) -> None:
        """Swap in a new clustering (call inside ``transaction()`` with its summaries)."""
        with self.transaction():
            self.con.execute("DELETE FROM cluster_members")
            self.con.execute("DELETE FROM clusters")
            self._insert("clusters", clusters)
            self._insert("cluster_members", members)

    def append_clusters(self, clusters: list[Row], members: list[Row]) -> None:
        """Add clusters and their members (merging writes them as it finishes them)."""
        with self.transaction():
            self._insert("clusters", clusters)
            self._insert("cluster_members", members)

    def update_clusters(self, updates: list[Row]) -> None:
        """Set ``conflict`` and ``summary`` of clusters by id."""
        if not updates:
            return
        self.con.register("_cluster_updates", pa.Table.from_pylist(updates))
        try:
            self.con.execute("UPDATE clusters SET conflict = u.conflict, summary = u.summary "
                             "FROM _cluster_updates u WHERE clusters.id = u.id")
        finally:
            self.con.unregister("_cluster_updates")

    def _insert(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        # Arrow + INSERT BY NAME: one vectorised insert per table, not one statement per row.
        data = pa.Table.from_pylist(rows)
        name = f"_batch_{table}"
        self.con.register(name, data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            self.con.unregister(name)


class _Tx:
    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> None:
        if self.store._depth == 0:
            self.store.con.begin()
        self.store._depth += 1

    def __exit__(self, exc_type, *rest: object) -> None:
        self.store._depth -= 1
        if self.store._depth:
            return
        if exc_type is None:
            self.store.con.commit()
        else:
            self.store.con.rollback()


def _unique(rows: list[Row], key: str) -> list[Row]:
    seen: dict[Any, Row] = {}
    for r in rows:
        seen[r[key]] = r
    return list(seen.values())

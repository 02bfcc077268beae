"""Exports open in DuckDB, pandas and as GeoJSON; each is read back here."""

from __future__ import annotations

import json

import duckdb
import pytest

from reportedly.corpus.merge import merge_store
from reportedly.corpus.query import ACLED_COLUMNS, PROVENANCE_COLUMNS
from reportedly.corpus.synth import EventSpec, FigureSpec, PlaceSpec, build_report, synth_reports
from reportedly.errors import UsageError
from reportedly.export import export
from reportedly.store import Store

pd = pytest.importorskip("pandas")


def one(sql: str) -> tuple:
    """A fresh DuckDB reads the file, as a user would."""
    con = duckdb.connect()
    try:
        return con.execute(sql).fetchone()
    finally:
        con.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "e.duckdb"
    reports = list(synth_reports(30, seed=4))
    # one placeless event: kept in CSV, left out of GeoJSON (no point)
    reports.append(build_report([EventSpec(figures=[FigureSpec("killed", 2, 2, source="police")])],
                                outlet="Evening Courier", published="2024-06-01"))
    reports.append(build_report([EventSpec(place=PlaceSpec("Arequipa", "PE", "Arequipa", -16.399, -71.535, 3947322),
                                           day="2024-06-02", actors=[("source", "Police", "police"),
                                                                     ("target", "Miners", "civilians")])],
                                outlet="Radio Horizon", published="2024-06-02"))
    with Store(path) as s:
        s.write_batch([(r, "in_" + r.article.id, None) for r in reports], [], "run_t")
        merge_store(s)
        yield s


def test_csv_reads_back_in_duckdb_and_pandas(store, tmp_path):
    out = tmp_path / "events.csv"
    n = export(store, "csv", out)
    assert n == store.stats()["clusters"] == 12
    df = pd.read_csv(out)
    assert len(df) == n
    assert set(ACLED_COLUMNS) | set(PROVENANCE_COLUMNS) <= set(df.columns)
    assert list(df.columns[:2]) == ["event_id", "plover_type"]
    total, fatalities, conflicts = one(f"SELECT count(*), sum(fatalities), count(*) FILTER (WHERE conflict) "
                                       f"FROM read_csv('{out}')")
    assert total == n and fatalities == df["fatalities"].sum() and conflicts == df["conflict"].sum() > 0
    # ACLED keeps the most conservative figure; we keep the range beside it
    assert (df["fatalities"] <= df["high"].fillna(0)).all()
    (lima,) = [row for _, row in df.iterrows() if row["location"] == "Arequipa"]
    assert (lima["actor1"], lima["actor2"], lima["country"]) == ("Police", "Miners", "Peru")


def test_acled_flag_puts_acled_columns_first(store, tmp_path):
    out = tmp_path / "acled.csv"
    export(store, "csv", out, acled=True)
    df = pd.read_csv(out)
    assert tuple(df.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert tuple(df.columns[len(ACLED_COLUMNS):len(ACLED_COLUMNS) + 5]) == PROVENANCE_COLUMNS


def test_parquet_reads_back(store, tmp_path):
    out = tmp_path / "events.parquet"
    n = export(store, "parquet", out)
    df = pd.read_parquet(out)
    assert len(df) == n and df["conflict"].dtype == bool
    assert one(f"SELECT count(*) FROM '{out}' WHERE latitude IS NOT NULL")[0] == n - 1
    with pytest.raises(UsageError, match="--output"):
        export(store, "parquet", None)


def test_geojson_is_a_feature_collection_of_points(store, tmp_path):
    out = tmp_path / "events.geojson"
    n = export(store, "geojson", out)
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n == store.stats()["clusters"] - 1
    f = data["features"][0]
    lon, lat = f["geometry"]["coordinates"]
    assert f["geometry"]["type"] == "Point" and f["properties"]["longitude"] == lon and -90 <= lat <= 90
    # DuckDB recognises GeoJSON: one row per feature, geometry plus properties
    assert one(f"SELECT count(*), count(*) FILTER (WHERE fatalities >= 0) FROM read_json('{out}')") == (n, n)


def test_jsonl_nests_every_sources_figure(store, tmp_path):
    out = tmp_path / "events.jsonl"
    n = export(store, "jsonl", out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == n
    multi = [r for r in rows if r["n_reports"] > 1]
    assert multi and all(len(r["reports"]) == r["n_reports"] for r in multi)
    figures = [f for r in multi for q in r["quantities"].values() for f in q["figures"]]
    assert figures and all({"source", "outlet", "low", "high", "quote", "channel"} <= f.keys() for f in figures)
    assert pd.read_json(out, lines=True).shape[0] == n


def test_unknown_format(store):
    with pytest.raises(UsageError, match="jsonl, csv, parquet, geojson"):
        export(store, "xlsx", None)


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    from reportedly.export import _spreadsheet_safe

    assert _spreadsheet_safe("@SUM(1+1)*cmd|/C calc!A0") == "'@SUM(1+1)*cmd|/C calc!A0"
    assert _spreadsheet_safe("=HYPERLINK(\"x\")").startswith("'=")
    assert _spreadsheet_safe("Lagos Ledger") == "Lagos Ledger"
    assert _spreadsheet_safe(-5) == -5

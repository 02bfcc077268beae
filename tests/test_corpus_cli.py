"""The corpus commands as a user runs them: events, event, stats, export, and the main job on the examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.corpus.merge import merge_store
from reportedly.corpus.synth import EventSpec, FigureSpec, PlaceSpec, build_report, synth_reports
from reportedly.store import Store

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A store made from ready-made records (no spaCy): 10 synthetic events plus one disputed attack."""
    path = tmp_path_factory.mktemp("cli") / "c.duckdb"
    kabul = PlaceSpec("Kabul", "AF", "Kabul", 34.528, 69.172, 1138958)
    disputed = [build_report([EventSpec(place=kabul, day="2025-02-03", figures=[FigureSpec("killed", n, n, source=src)])],
                             outlet=outlet, published="2025-02-03", url=f"https://example.org/{outlet}")
                for n, src, outlet in ((7, "police", "Kabul Now"), (19, "a doctor", "Hindukush Post"),
                                       (8, "the interior ministry", "Pamir Radio"))]
    reports = [*synth_reports(30, seed=9), *disputed]
    with Store(path) as s:
        s.write_batch([(r, "in_" + r.article.id, None) for r in reports], [], "r")
        merge_store(s)
    path.with_suffix(".expected.json").write_text(json.dumps({
        "statements": sum(len(r.statements) for r in reports), "quantities": sum(len(r.quantities) for r in reports)}))
    return path


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


def test_stats_json(db):
    r = invoke("stats", "--db", str(db), "--json")
    assert r.exit_code == 0, r.output
    expected = json.loads(db.with_suffix(".expected.json").read_text())
    assert json.loads(r.stdout) == {"articles": 33, "statements": expected["statements"], "events": 33,
                                    "clusters": 11, "quantities": expected["quantities"], "failures": 0}


def test_events_table_puts_the_most_reported_first(db):
    r = invoke("events", "--db", str(db), "--limit", "3")
    assert r.exit_code == 0, r.output
    assert "3 events" in r.stdout and "outlets" in r.stdout


def test_events_json_and_filters(db):
    rows = json.loads(invoke("events", "--db", str(db), "-f", "json").stdout)
    assert len(rows) == 11
    kabul = json.loads(invoke("events", "--db", str(db), "-f", "json", "--country", "Afghanistan",
                              "--since", "2025-01-01", "--conflicts").stdout)
    assert len(kabul) == 1 and kabul[0]["n_outlets"] == 3 and kabul[0]["conflict"] is True
    assert (kabul[0]["low"], kabul[0]["high"], kabul[0]["fatalities"]) == (7, 19, 7)
    protests = json.loads(invoke("events", "--db", str(db), "-f", "json", "--type", "protest").stdout)
    assert protests and all(p["plover_type"] == "PROTEST" for p in protests)
    none = json.loads(invoke("events", "--db", str(db), "-f", "json", "--until", "2000-01-01").stdout)
    assert none == []


def test_events_csv(db):
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", str(db), "-f", "csv").stdout)))
    assert len(rows) == 11 and {"event_date", "asserted_by", "conflict"} <= rows[0].keys()


def test_event_shows_each_outlets_figure_and_the_conflict(db):
    (row,) = json.loads(invoke("events", "--db", str(db), "-f", "json", "--conflicts", "--country", "AF").stdout)
    r = invoke("event", row["event_id"], "--db", str(db))
    assert r.exit_code == 0, r.output
    for text in ("Kabul Now", "Hindukush Post", "Pamir Radio", "police", "a doctor", "CONFLICT"):
        assert text in r.stdout
    view = json.loads(invoke("event", row["event_id"], "--db", str(db), "-f", "json").stdout)
    figures = view["quantities"]["killed"]["figures"]  # by report time, then outlet
    assert [(f["outlet"], f["low"]) for f in figures] == [("Hindukush Post", 19), ("Kabul Now", 7), ("Pamir Radio", 8)]


def test_usage_errors_exit_2(db, tmp_path):
    assert invoke("event", "cl_nope", "--db", str(db)).exit_code == 2
    assert invoke("stats", "--db", str(tmp_path / "none.duckdb")).exit_code == 2
    assert invoke("export", "--db", str(db), "--format", "parquet").exit_code == 2
    assert invoke("ingest", str(tmp_path / "missing"), "--db", str(tmp_path / "x.duckdb")).exit_code == 2
    assert invoke("ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--ray-address", "auto").exit_code == 2


def test_export_to_stdout_and_file(db, tmp_path):
    r = invoke("export", "--db", str(db), "--format", "csv", "--acled")
    assert r.exit_code == 0 and r.stdout.startswith("event_date,event_type,sub_event_type,actor1")
    out = tmp_path / "e.geojson"
    assert invoke("export", "--db", str(db), "--format", "geojson", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"


@pytest.mark.skipif(not any(EXAMPLES.glob("*.txt")), reason="examples/articles not written yet")
def test_main_job_on_the_examples(tmp_path):
    """README: `reportedly ingest examples/articles --db x && reportedly events --db x`."""
    db = tmp_path / "x.duckdb"
    first = invoke("ingest", str(EXAMPLES), "--db", str(db))
    assert first.exit_code == 0, first.output
    stats = json.loads(invoke("stats", "--db", str(db), "--json").stdout)
    assert invoke("ingest", str(EXAMPLES), "--db", str(db)).exit_code == 0
    assert json.loads(invoke("stats", "--db", str(db), "--json").stdout) == stats
    events = json.loads(invoke("events", "--db", str(db), "-f", "json").stdout)
    disputed = [e for e in events if e["n_outlets"] >= 3 and e["conflict"]]
    assert disputed, "the examples' multi-outlet event should show disagreeing sources"
    table = invoke("events", "--db", str(db)).stdout
    assert disputed[0]["event_id"] in table

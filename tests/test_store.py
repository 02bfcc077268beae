"""The DuckDB store: migrations, idempotent upserts, failures, and the Report round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.corpus.synth import EventSpec, FigureSpec, PlaceSpec, build_report, synth_reports
from reportedly.errors import UsageError
from reportedly.ingest import Failure
from reportedly.store import Store
from reportedly.store.schema import LATEST_VERSION


def _write(store: Store, reports, failures=()):
    store.write_batch([(r, "in_" + r.article.id, f"mem:{r.article.id}") for r in reports], list(failures), "run_t")


def _snapshot(store: Store) -> dict:
    """Every row of every data table, order-independent."""
    out = {}
    for table in ("articles", "inputs", "sources", "statements", "events", "event_mentions", "quantities",
                  "places", "failures"):
        volatile = _VOLATILE.get(table)
        select = f"SELECT * EXCLUDE ({volatile})" if volatile else "SELECT *"
        rows = store.con.execute(f"{select} FROM {table}").fetchall()
        out[table] = sorted(map(repr, rows))
    return out


_VOLATILE = {"articles": "ingested_at, run_id", "failures": "failed_at, run_id"}  # when, not what


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_new_store_is_migrated_and_reopens(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store(path) as s:
        assert s.sql("SELECT max(version) AS v FROM schema_migrations")[0]["v"] == LATEST_VERSION
        assert s.stats() == dict.fromkeys(("articles", "statements", "events", "clusters", "quantities", "failures"), 0)
    with Store(path, read_only=True) as s:  # no second migration, readable read-only
        assert len(s.sql("SELECT * FROM schema_migrations")) == LATEST_VERSION


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(UsageError, match="reportedly ingest"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_writing_twice_changes_nothing(store):
    reports = list(synth_reports(12, seed=3))
    _write(store, reports)
    first = _snapshot(store)
    assert store.stats()["articles"] == 12
    _write(store, reports)
    _write(store, reports[:5])
    assert _snapshot(store) == first


def test_reports_round_trip_exactly(store):
    reports = list(synth_reports(9, seed=1))
    _write(store, reports)
    back = {r.article.id: r for r in store.reports()}
    assert {r.article.id: r.to_dict() for r in reports} == {k: v.to_dict() for k, v in back.items()}
    one = reports[4]
    assert store.report(one.article.id) == one
    with pytest.raises(UsageError):
        store.report("art_missing")


def test_rows_match_the_records(store):
    r = list(synth_reports(3, seed=2))[0]
    _write(store, [r])
    ev = store.sql("SELECT * FROM events")[0]
    assert (ev["id"], ev["type"], ev["country"]) == (r.events[0].id, r.events[0].type, r.events[0].place.country)
    q = store.sql("SELECT * FROM quantities ORDER BY start")
    assert [(x["id"], x["low"], x["event_id"]) for x in q] == [(x.id, x.low, x.event) for x in r.quantities]
    text = r.article.text
    for x in q:  # offsets index the stored text
        assert text[x["start"]:x["end"]] == x["text"]


def test_failures_are_replaced_and_cleared_by_success(store):
    r = list(synth_reports(1, seed=5))[0]
    fail = Failure(origin=f"mem:{r.article.id}", reason="extraction_error", message="boom")
    store.write_batch([], [fail], "run_a")
    store.write_batch([], [fail], "run_b")
    assert store.stats()["failures"] == 1
    _write(store, [r])  # the same origin now succeeds
    assert store.stats()["failures"] == 0 and store.stats()["articles"] == 1


def test_known_inputs(store):
    reports = list(synth_reports(4, seed=7))
    _write(store, reports[:2])
    keys = ["in_" + r.article.id for r in reports]
    assert store.known_inputs(keys) == set(keys[:2])
    assert store.known_inputs([]) == set()


def test_a_failed_batch_leaves_nothing(store):
    good = list(synth_reports(2, seed=8))

    class Boom(Exception):
        pass

    original = store._insert

    def insert(table, rows):
        if table == "quantities":
            raise Boom
        original(table, rows)

    store._insert = insert  # type: ignore[method-assign]
    with pytest.raises(Boom):
        _write(store, good)
    store._insert = original  # type: ignore[method-assign]
    assert store.stats()["articles"] == 0 and store.known_inputs(["in_" + good[0].article.id]) == set()


_figure = st.builds(
    FigureSpec, kind=st.sampled_from(["killed", "injured", "arrested"]),
    low=st.integers(1, 5000).map(float), qualifier=st.sampled_from(["exact", "at_least", "about"]),
    source=st.one_of(st.none(), st.sampled_from(["police", "Red Cross", "a witness"])),
    channel=st.one_of(st.none(), st.sampled_from(["social_media", "statement"])),
)
_event = st.builds(
    EventSpec, type=st.sampled_from(["ASSAULT", "PROTEST"]), trigger=st.sampled_from(["attacked", "marched"]),
    place=st.one_of(st.none(), st.just(PlaceSpec("Goma", "CD", "North Kivu", -1.679, 29.228, 216281))),
    day=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()).filter(lambda s: s[:4] > "1900")),
    actors=st.lists(st.tuples(st.sampled_from(["source", "target"]), st.sampled_from(["Rebels", "Traders"]),
                              st.none()), max_size=2),
    figures=st.lists(_figure, max_size=3),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=st.lists(_event, min_size=1, max_size=3), outlet=st.text(min_size=1, max_size=20))
def test_property_records_survive_the_store(events, outlet):
    report = build_report(events, outlet=outlet, published="2024-05-01")
    with tempfile.TemporaryDirectory() as d, Store(Path(d) / "p.duckdb") as s:
        _write(s, [report])
        (back,) = list(s.reports())
        assert back == report
        for q in s.sql("SELECT a.text, q.start, q.\"end\", q.text AS qt FROM quantities q "
                       "JOIN articles a ON a.id = q.article_id"):
            assert q["text"][q["start"]:q["end"]] == q["qt"]


def test_unopenable_paths_name_the_problem(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "dir.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(UsageError, match="cannot open"):
        Store(junk)

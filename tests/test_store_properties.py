"""Property tests for the store: Report -> Store.write_batch -> Store.reports() gives the
same Report back, for any valid Report, and the per-table rows agree with it.

Reports are built directly with hypothesis strategies (any text, spans anywhere in it,
any names, figures, coordinates), so shapes the extractor rarely makes are covered too.
A smaller test runs extracted Reports (invented texts through the real Extractor).

What the store normalises (everything else comes back exactly, ``==`` on the models):
- nothing in a valid Report. Non-finite floats (NaN, ±inf) are the one value JSON cannot
  carry: ``Report.to_json`` writes them as ``null``, so they come back as ``None``
  (``test_non_finite_floats_come_back_as_none`` pins that down). The pipeline never makes them.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.records import (
    CHANNELS, PLOVER_TYPES, QUANTITY_KINDS, Acled, Actor, Article, DateValue, Event, Place, Quantity, Report,
    Source, Span, Statement, content_id,
)
from reportedly.store import Store, input_key

WORDS = ["police", "said", "killed", "at least", "6", "“", "”", '"', "'", "';--", "DROP TABLE articles;", "\\",
         "%", "_", "\n", "\n\n", "\t", "é", "e\u0301", "\u200b", "\u202e", "שלום", "中文", "🙂",
         "👩\u200d👩\u200d👧",
         "\x00", "\x1f", "\ufeff", "NULL", "null", "{}", "[]", "<b>", "&amp;", "Lagos", "10^30", "1,2,3,4,5"]
# Any unicode scalar except lone surrogates, which no decoder produces and UTF-8 cannot hold.
CHARS = st.characters(blacklist_categories=("Cs",))
free_text = st.text(CHARS, max_size=12)
opt_text = st.none() | free_text
finite = st.floats(allow_nan=False, allow_infinity=False)
DATE_PRECISIONS = ["day", "part_of_day", "week", "month", "year", "approximate"]
iso = st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()), free_text)

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def reports(draw) -> Report:
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.text(CHARS, min_size=1, max_size=10)),
                          min_size=1, max_size=40))
    text = " ".join(parts)
    n = len(text)

    def span() -> dict:
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return {"text": text[a:b], "start": a, "end": b}

    def maybe(make):
        return make() if draw(st.booleans()) else None

    def date_value() -> DateValue:
        return DateValue(**span(), earliest=draw(iso), latest=draw(iso),
                         precision=draw(st.sampled_from(DATE_PRECISIONS)))

    def place() -> Place:
        return Place(**span(), name=draw(free_text), country=draw(opt_text), admin1=draw(opt_text),
                     lat=draw(st.none() | finite), lon=draw(st.none() | finite),
                     geonameid=draw(st.none() | st.integers(0, 2**62)),
                     precision=draw(st.none() | st.sampled_from(["country", "admin1", "city", "district"])),
                     reason=draw(opt_text))

    aid = content_id("art", text, draw(st.integers(0, 10**9)))
    sources = [Source(id=f"src_{i}", name=draw(free_text),
                      kind=draw(st.sampled_from(["person", "organization", "government", "media", "group",
                                                 "anonymous", "unknown"])),
                      description=draw(opt_text), aliases=draw(st.lists(free_text, max_size=3)),
                      mentions=[(s["start"], s["end"]) for s in (span() for _ in range(draw(st.integers(0, 3))))])
               for i in range(draw(st.integers(0, 3)))]
    source_ids = [s.id for s in sources]
    ids = st.lists(st.sampled_from(source_ids), max_size=2) if source_ids else st.just([])
    statements = [Statement(id=f"st_{i}", source=draw(st.none() | st.sampled_from(source_ids)) if source_ids else None,
                            source_span=maybe(lambda: Span(**span())), via=draw(ids),
                            kind=draw(st.sampled_from(["direct", "indirect", "mixed", "according_to"])),
                            cue=maybe(lambda: Span(**span())), content=Span(**span()),
                            channel=draw(st.none() | st.sampled_from(CHANNELS)),
                            hedges=draw(st.lists(free_text, max_size=2)),
                            labels=[Span(**span()) for _ in range(draw(st.integers(0, 2)))],
                            date=maybe(date_value))
                  for i in range(draw(st.integers(0, 3)))]
    statement_ids = [s.id for s in statements]
    events = [Event(id=f"ev_{i}", type=draw(st.sampled_from(PLOVER_TYPES)), mode=draw(opt_text),
                    acled=maybe(lambda: Acled(event_type=draw(free_text), sub_event_type=draw(free_text))),
                    trigger=Span(**span()), mentions=[Span(**span()) for _ in range(draw(st.integers(0, 3)))],
                    actors=[Actor(**span(), role=draw(st.sampled_from(["source", "target"])), name=draw(free_text),
                                  sector=draw(opt_text), country=draw(opt_text))
                            for _ in range(draw(st.integers(0, 2)))],
                    place=maybe(place), date=maybe(date_value),
                    modality=draw(st.sampled_from(["asserted", "negated", "hypothetical", "future", "demanded",
                                                   "threatened", "alleged"])),
                    statements=draw(st.lists(st.sampled_from(statement_ids), max_size=2)) if statement_ids else [],
                    asserted_by=draw(ids), confidence=draw(st.floats(0.0, 1.0)))
              for i in range(draw(st.integers(0, 3)))]
    event_ids = [e.id for e in events]
    quantities = [Quantity(**span(), id=f"q_{i}", kind=draw(st.sampled_from(QUANTITY_KINDS)),
                           counted=maybe(lambda: Span(**span())), low=draw(st.none() | finite),
                           high=draw(st.none() | finite),
                           qualifier=draw(st.sampled_from(["exact", "at_least", "at_most", "over", "under", "about",
                                                           "range", "vague"])),
                           event=draw(st.none() | st.sampled_from(event_ids)) if event_ids else None,
                           statement=draw(st.none() | st.sampled_from(statement_ids)) if statement_ids else None,
                           asserted_by=draw(ids))
                  for i in range(draw(st.integers(0, 3)))]
    article = Article(id=aid, title=draw(opt_text), published=draw(st.none() | iso), outlet=draw(opt_text),
                      url=draw(opt_text), language=draw(st.sampled_from(["en", "fr", ""])), text=text)
    return Report(article=article, sources=sources, statements=statements, events=events, quantities=quantities,
                  places=[place() for _ in range(draw(st.integers(0, 3)))],
                  dates=[date_value() for _ in range(draw(st.integers(0, 2)))])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("props") / "props.duckdb") as s:
        yield s


def _write(store: Store, report: Report, origin: str = "prop.txt") -> None:
    a = report.article
    store.write_batch([(report, input_key(a.text, a.title, a.published, a.outlet, a.url), origin)], [])


def _same_float(a: float | None, b: float | None) -> bool:
    return a == b and (a is None or math.copysign(1, a) == math.copysign(1, b))


def _check_rows(store: Store, report: Report) -> None:
    """The per-table rows (what the web UI and exports read) agree with the record."""
    aid = report.article.id
    one = store.sql("SELECT title, outlet, url, published, text FROM articles WHERE id = ?", [aid])
    assert one == [{"title": report.article.title, "outlet": report.article.outlet, "url": report.article.url,
                    "published": report.article.published, "text": report.article.text}]
    rows = store.sql("SELECT id, record FROM statements WHERE article_id = ? ORDER BY id", [aid])
    assert [Statement.model_validate_json(r["record"]) for r in rows] == sorted(report.statements, key=lambda s: s.id)
    rows = store.sql("SELECT id, record, lat, lon, geonameid FROM events WHERE article_id = ? ORDER BY id", [aid])
    assert [Event.model_validate_json(r["record"]) for r in rows] == sorted(report.events, key=lambda e: e.id)
    for r, ev in zip(rows, sorted(report.events, key=lambda e: e.id)):
        assert (r["geonameid"], r["lat"], r["lon"]) == ((ev.place.geonameid, ev.place.lat, ev.place.lon)
                                                        if ev.place else (None, None, None))
    rows = store.sql('SELECT id, low, high, text, start, "end" FROM quantities WHERE article_id = ? ORDER BY id', [aid])
    for r, q in zip(rows, sorted(report.quantities, key=lambda q: q.id), strict=True):
        assert _same_float(r["low"], q.low) and _same_float(r["high"], q.high)
        assert (r["text"], r["start"], r["end"]) == (q.text, q.start, q.end)
    rows = store.sql("SELECT name, mentions, aliases FROM sources WHERE article_id = ? ORDER BY id", [aid])
    assert [(r["name"], json.loads(r["mentions"]), json.loads(r["aliases"])) for r in rows] == [
        (s.name, [list(m) for m in s.mentions], s.aliases) for s in sorted(report.sources, key=lambda s: s.id)]
    places = store.sql("SELECT name, text, start, lat, lon, geonameid FROM places WHERE article_id = ? "
                       "ORDER BY idx", [aid])
    assert places == [{"name": p.name, "text": p.text, "start": p.start, "lat": p.lat, "lon": p.lon,
                       "geonameid": p.geonameid} for p in report.places]


@SETTINGS
@given(report=reports())
def test_any_report_round_trips_through_the_store(store, report):
    _write(store, report)
    [back] = list(store.reports([report.article.id]))
    assert back == report
    assert back.to_json() == report.to_json()  # byte for byte, field order and float text included
    _check_rows(store, report)
    # writing it again (a re-run) changes nothing and adds no row
    before = store.stats()
    _write(store, report)
    assert store.stats() == before
    assert list(store.reports([report.article.id])) == [report]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(reports(), min_size=1, max_size=5, unique_by=lambda r: r.article.id))
def test_a_batch_round_trips_in_one_transaction(tmp_path_factory, batch):
    path = tmp_path_factory.mktemp("batch") / "b.duckdb"
    with Store(path) as s:
        s.write_batch([(r, input_key(r.article.text, r.article.title, r.article.published, r.article.outlet,
                                     r.article.url), f"b{i}.txt") for i, r in enumerate(batch)], [])
    with Store(path, read_only=True) as s:  # a fresh process would see the same
        back = {r.article.id: r for r in s.reports()}
        assert back == {r.article.id: r for r in batch}
        assert s.stats()["events"] == sum(len(r.events) for r in batch)
        assert s.stats()["quantities"] == sum(len(r.quantities) for r in batch)


def test_non_finite_floats_come_back_as_none(store):
    """The one normalisation: JSON has no NaN or infinity."""
    text = "Officials said 10^30 people were killed near Lagos."
    base = Report(article=Article(id=content_id("art", text, "nan"), text=text))
    q = Quantity(text="10^30", start=15, end=20, id="q_0", kind="killed", low=float("inf"), high=float("nan"),
                 qualifier="exact")
    lagos = Place(text="Lagos", start=45, end=50, name="Lagos", lat=float("nan"), lon=float("-inf"))
    report = base.model_copy(update={"quantities": [q], "places": [lagos]})
    _write(store, report)
    [back] = list(store.reports([report.article.id]))
    assert back.quantities[0].low is None and back.quantities[0].high is None
    assert back.places[0].lat is None and back.places[0].lon is None
    assert back.model_copy(update={"quantities": [q.model_copy(update={"low": None, "high": None})],
                                   "places": [lagos.model_copy(update={"lat": None, "lon": None})]}) == back


INVENTED = [
    "Police fired tear gas at about 300 protesters in Nairobi on Tuesday, witnesses said. "
    "At least 6 people were injured, the Kenya Red Cross said in a statement.",
    "Gunmen killed 12 villagers in a raid near Mopti on Sunday night, a local official told reporters. "
    "The army said it had arrested 4 suspects, but residents said as many as 20 people died.",
    "“We will not stop until the government listens,” said Amina Yusuf, a union leader, after "
    "about 2,000 teachers marched in Kano on Monday. Police said 14 people were detained.",
]


def test_extracted_reports_round_trip(tmp_path, extractor):
    from reportedly.ingest import ArticleInput

    items = [ArticleInput(text=t, published=f"2024-02-{10 + i}", title=f"Invented {i}", outlet="Test Wire",
                          url=f"https://example.org/{i}") for i, t in enumerate(INVENTED)]
    extracted = [r for r in extractor.pipe(items, on_error="yield") if isinstance(r, Report)]
    assert len(extracted) == len(INVENTED) and any(r.events and r.quantities for r in extracted)
    with Store(tmp_path / "x.duckdb") as s:
        s.write_batch([(r, input_key(r.article.text, r.article.title, r.article.published, r.article.outlet,
                                     r.article.url), f"inv{i}.txt") for i, r in enumerate(extracted)], [])
        back = {r.article.id: r for r in s.reports()}
        for r in extracted:
            assert back[r.article.id] == r and back[r.article.id].to_json() == r.to_json()
            _check_rows(s, r)

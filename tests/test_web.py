"""The review UI through FastAPI's test client: JSON twins, the error shape, escaping,
read-only mode and the small display helpers. The store is built from hand-made
Reports (invented articles) written with the real Store and merged with the real merger.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from reportedly.records import (  # noqa: E402
    Acled, Actor, Article, DateValue, Event, Place, Quantity, Report, Source, Span, Statement, content_id,
)

SCRIPT_TITLE = '<script>alert("pwned")</script> Kano checkpoint attack'


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(text=needle, start=start, end=start + len(needle))


def _report(*, text: str, title: str, outlet: str, published: str, day: str,
            figures: list[tuple[str, str, float | None, float | None, str]]) -> Report:
    """One invented article about the same checkpoint attack in Kano.

    ``figures`` are (speaker or "" for the reporter, figure text, low, high, qualifier);
    each speaker's sentence must be in ``text`` as "<speaker> said <figure> ...".
    """
    aid = content_id("art", text, None)
    kano = Place(**_span(text, "Kano").model_dump(), name="Kano", country="NG", admin1="Kano",
                 lat=12.0001, lon=8.5167, geonameid=2335204, precision="city")
    when = DateValue(**_span(text, "Thursday").model_dump(), earliest=day, latest=day, precision="day")
    trigger = _span(text, "attacked")
    event_id = content_id("ev", aid, trigger.start)
    sources, statements, quantities = [], [], []
    for speaker, fig, low, high, qual in figures:
        q_span = _span(text, fig)
        statement_id = None
        asserted: list[str] = []
        if speaker:
            s_span = _span(text, speaker)
            sid = content_id("src", aid, speaker)
            if all(s.id != sid for s in sources):
                sources.append(Source(id=sid, name=speaker, kind="organization",
                                      mentions=[(s_span.start, s_span.end)]))
            sentence_end = text.index(".", q_span.end)
            content = Span(text=text[q_span.start:sentence_end], start=q_span.start, end=sentence_end)
            statement_id = content_id("st", aid, content.start)
            statements.append(Statement(id=statement_id, source=sid, source_span=s_span, kind="indirect",
                                        cue=_span(text, "said", s_span.end), content=content,
                                        channel="statement"))
            asserted = [sid]
        quantities.append(Quantity(**q_span.model_dump(), id=content_id("q", aid, q_span.start), kind="killed",
                                   low=low, high=high, qualifier=qual, event=event_id,
                                   statement=statement_id, asserted_by=asserted))
    event = Event(id=event_id, type="ASSAULT", mode="firearms",
                  acled=Acled(event_type="Violence against civilians", sub_event_type="Attack"),
                  trigger=trigger, actors=[Actor(**_span(text, "Gunmen").model_dump(), role="source",
                                                 name="Gunmen", sector="armed group")],
                  place=kano, date=when, statements=[s.id for s in statements],
                  asserted_by=[s.id for s in sources], confidence=0.9)
    return Report(article=Article(id=aid, title=title, published=published, outlet=outlet, text=text),
                  sources=sources, statements=statements, events=[event], quantities=quantities,
                  places=[kano], dates=[when])


def _reports() -> list[Report]:
    a = _report(
        text=("Gunmen attacked a police checkpoint in Kano on Thursday night. "
              "The Kano State Police Command said 6 people were killed in the attack. "
              "The Harmattan Rights Group said 9 people died."),
        title="Six killed at Kano checkpoint, police say", outlet="Harmattan Herald",
        published="2024-05-10T08:00:00", day="2024-05-09",
        figures=[("The Kano State Police Command", "6", 6, 6, "exact"),
                 ("The Harmattan Rights Group", "9", 9, 9, "exact")],
    )
    b = _report(
        text=("Gunmen attacked a checkpoint in Kano on Thursday. "
              "Residents said at least 12 people were killed. <b>Nobody</b> claimed the attack."),
        title=SCRIPT_TITLE, outlet="Sahel <i>Wire</i>", published="2024-05-10T15:30:00", day="2024-05-09",
        figures=[("Residents", "at least 12", 12, None, "at_least")],
    )
    return [a, b]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    from reportedly.corpus.merge import merge_store
    from reportedly.store import Store, input_key

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        batch = [(r, input_key(r.article.text, r.article.title, r.article.published, r.article.outlet, None),
                  f"invented/{i}.txt") for i, r in enumerate(_reports())]
        store.write_batch(batch, [])
        merge_store(store)
    return path


def _test_client_class():
    """fastapi's TestClient; starlette warns that it prefers httpx2 over the httpx we have
    (warnings are errors here), which says nothing about our code, so that one is muted."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    return TestClient


@pytest.fixture(scope="module")
def client(store_path):
    from reportedly.web import create_app

    with _test_client_class()(create_app(store_path)) as c:
        yield c


def _kano_event(client) -> dict:
    events = client.get("/events.json", params={"country": "NG"}).json()["events"]
    assert events, "the Kano events should be listed"
    return max(events, key=lambda e: e["n_articles"])


def test_events_json_twin_lists_clusters_with_bounded_counts(client):
    data = client.get("/events.json").json()
    assert data["ok"] is True
    assert data["total"] >= 1
    ev = _kano_event(client)
    assert ev["type"] == "ASSAULT" and ev["country_name"] == "Nigeria"
    assert ev["conflict"] is True  # 6 and 9 (exact) cannot both be right
    assert ev["counts"]["killed"]["display"].startswith("6")


def test_events_html_and_json_agree(client):
    html = client.get("/events", params={"country": "NG"}).text
    for ev in client.get("/events.json", params={"country": "NG"}).json()["events"]:
        assert f'/events/{ev["id"]}' in html


def test_event_filters(client):
    assert client.get("/events.json", params={"country": "FR"}).json()["total"] == 0
    assert client.get("/events.json", params={"type": "PROTEST"}).json()["total"] == 0
    assert client.get("/events.json", params={"since": "2024-05-10"}).json()["total"] == 0
    assert client.get("/events.json", params={"until": "2024-05-09"}).json()["total"] >= 1
    assert client.get("/events.json", params={"source": "harmattan rights"}).json()["total"] >= 1
    assert client.get("/events.json", params={"source": "nobody-by-that-name"}).json()["total"] == 0
    assert client.get("/events.json", params={"conflicts": "1"}).json()["total"] >= 1


def test_event_page_shows_every_source_figure(client):
    ev = _kano_event(client)
    data = client.get(f"/events/{ev['id']}.json").json()
    killed = next(g for g in data["event"]["figures"] if g["kind"] == "killed")
    by_source = {f["source"]: f["display"] for f in killed["figures"]}
    assert by_source["The Kano State Police Command"] == "6"
    assert by_source["The Harmattan Rights Group"] == "9"
    assert killed["conflict"] is True
    html = client.get(f"/events/{ev['id']}").text
    assert "The Harmattan Rights Group" in html and "disagreement" in html
    # each figure links to its evidence span in the article
    fig = killed["figures"][0]
    assert f'/articles/{fig["article_id"]}?span={fig["start"]}-{fig["end"]}' in html


def test_event_page_accepts_a_member_event_id(client):
    ev = _kano_event(client)
    member = client.get(f"/events/{ev['id']}.json").json()["event"]["members"][0]
    assert client.get(f"/events/{member['id']}.json").json()["event"]["id"] == ev["id"]


def test_article_page_highlights_and_targets_evidence(client):
    report = _reports()[0]
    art = report.article
    data = client.get(f"/articles/{art.id}.json").json()
    assert data["report"]["article"]["text"] == art.text
    q = report.quantities[0]
    html = client.get(f"/articles/{art.id}", params={"span": f"{q.start}-{q.end}"}).text
    assert 'class="st src-' in html and 'class="ev t-ASSAULT' in html
    assert "qty" in html and "plc" in html and "dt" in html
    assert re.search(rf'class="[^"]*target[^"]*"[^>]*id="o{q.start}"', html)


def test_script_in_article_data_is_escaped_everywhere(client):
    b = _reports()[1]
    ev = _kano_event(client)
    pages = [f"/articles/{b.article.id}", f"/events/{ev['id']}", "/events", "/sources", "/map"]
    for page in pages:
        html = client.get(page).text
        assert "<script>alert" not in html, page
        assert "<i>Wire</i>" not in html and "<b>Nobody</b>" not in html, page
    html = client.get(f"/articles/{b.article.id}").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    # JSON embedded for the page script is escaped too (no raw "</script>" can close it)
    embedded = re.findall(r'<script type="application/json" id="records">(.*?)</script>', html, re.S)
    assert embedded and "<" not in embedded[0]


def test_sources_page(client):
    data = client.get("/sources.json").json()
    names = {s["source"] for s in data["sources"]}
    assert {"The Kano State Police Command", "Residents"} <= names
    assert any(c["channel"] == "statement" for c in data["by_channel"])
    one = client.get("/sources.json", params={"name": "Residents"}).json()
    assert one["statements"] and one["statements"][0]["source"] == "Residents"


def test_map_and_timeline(client):
    points = client.get("/map.json").json()["points"]
    assert points and all(p["lat"] is not None for p in points)
    tl = client.get("/timeline.json").json()
    assert tl["bucket"] == "day" and {"period": "2024-05-09", "type": "ASSAULT"} in [
        {k: r[k] for k in ("period", "type")} for r in tl["rows"]]
    assert "<svg" in client.get("/timeline").text


@pytest.mark.parametrize("path,status", [
    ("/nowhere.json", 404),
    ("/events/cl_does_not_exist.json", 404),
    ("/articles/art_missing.json", 404),
    ("/events.json?since=yesterday", 400),
    ("/events.json?type=DANCE", 400),
    ("/events.json?page=-1", 400),
    ("/articles/x.json?span=9-1", 404),
    ("/static/../app.py", 404),
    ("/static/%2e%2e/%2e%2e/records.py", 404),
    ("/static/vendor/../../app.py", 404),
])
def test_uniform_error_shape(client, path, status):
    r = client.get(path, headers={"accept": "application/json"})
    assert r.status_code == status
    assert r.json() == {"ok": False, "error": {"status": status, "message": r.json()["error"]["message"]}}
    assert r.json()["error"]["message"]


def test_html_errors_use_the_error_template(client):
    r = client.get("/events/<script>x</script>")
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"] and 'class="error-page"' in r.text
    assert "<script>x" not in r.text


def test_security_headers(client):
    r = client.get("/events")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_read_only_refuses_to_store(client):
    r = client.post("/analyse.json", json={"text": "Police arrested 4 people in Kano on Friday.",
                                           "published": "2024-05-11", "store": True})
    assert r.status_code == 403 and r.json()["error"]["status"] == 403
    assert "--allow-writes" in r.json()["error"]["message"]


def test_request_size_limit(store_path):
    from reportedly.web import create_app

    with _test_client_class()(create_app(store_path, max_body=1000)) as c:
        r = c.post("/analyse.json", json={"text": "x" * 5000})
        assert r.status_code == 413 and r.json()["error"]["status"] == 413


def test_cross_origin_post_is_refused(client):
    r = client.post("/analyse.json", json={"text": "Police arrested 4 people."},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and "cross-origin" in r.json()["error"]["message"]


def test_analyse_bad_input(client):
    r = client.post("/analyse.json", json={"text": "   "})
    assert r.status_code == 400 and "text" in r.json()["error"]["message"]
    r = client.post("/analyse.json", content=b"[1, 2]", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_store_opened_read_only(client, store_path):
    import duckdb

    assert client.app.state.index.read_only
    # a second read-only reader can open the file while the app holds it
    duckdb.connect(str(store_path), read_only=True).close()


def test_missing_store_names_the_fix(tmp_path):
    from reportedly.errors import UsageError
    from reportedly.web import create_app

    with pytest.raises(UsageError, match="reportedly ingest"):
        create_app(tmp_path / "absent.duckdb")


def test_count_display():
    from reportedly.web.format import count, date_range

    assert count(6, None, "at_least") == "≥ 6"
    assert count(None, 4000, "at_most") == "≤ 4,000"
    assert count(6, 9, "range") == "6–9"
    assert count(12, 12, "exact") == "12"
    assert count(50, 50, "about") == "~ 50"
    assert count(2001, None, "over") == "≥ 2,001"  # bounds are inclusive in the record
    assert count(None, None, "vague") == "some"
    assert date_range("2024-03-02", "2024-03-08", "week") == "2024-03-02 – 2024-03-08 (week)"
    assert date_range("2024-03-01", "2024-03-31", "month") == "2024-03"


def test_range_display():
    from reportedly.web.queries import range_display

    assert range_display(6, 9) == "6–9"
    assert range_display(6, 17, open_ended=True) == "6–17+"
    assert range_display(12, 12, open_ended=True) == "≥ 12"


def test_segments_cover_text_exactly():
    from reportedly.web.highlight import annotations, segments

    report = _reports()[0].to_dict()
    marks, records = annotations(report)
    segs = segments(report["article"]["text"], marks)
    assert "".join(s["text"] for s in segs) == report["article"]["text"]
    assert all(ref in records for s in segs for ref in s["refs"].split())


def test_css_has_every_type_colour():
    from reportedly.web.format import TYPE_COLOURS

    css = (Path(__file__).resolve().parent.parent / "reportedly/web/static/app.css").read_text()
    for t, colour in TYPE_COLOURS.items():
        assert f".t-{t} {{ --tc: {colour}; }}" in css


def test_vendored_assets_and_licences():
    static = Path(__file__).resolve().parent.parent / "reportedly/web/static/vendor"
    assert (static / "leaflet/leaflet.js").stat().st_size > 100_000
    assert "BSD" in (static / "leaflet/LICENSE").read_text()
    geo = static / "natural-earth/countries-50m.geojson"
    assert geo.stat().st_size < 2_000_000
    assert "public domain" in (static / "natural-earth/README").read_text()


def test_serve_command_is_registered():
    from typer.testing import CliRunner

    from reportedly.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--allow-writes" in result.output
    result = CliRunner().invoke(app, ["serve", "--db", "/nonexistent/x.duckdb"])
    assert result.exit_code == 2


def test_analyse_stores_only_when_asked(store_path, tmp_path):
    import shutil

    from reportedly.web import create_app

    db = tmp_path / "writable.duckdb"
    shutil.copy(store_path, db)
    text = ("Police arrested 14 protesters in Lagos on Monday, a police spokesman said. "
            "Organisers said more than 2,000 people joined the march.")
    with _test_client_class()(create_app(db, allow_writes=True)) as c:
        before = c.get("/events.json").json()["total"]
        r = c.post("/analyse.json", json={"text": text, "published": "2024-06-03", "outlet": "Lagoon Post"})
        assert r.status_code == 200 and r.json()["stored"] is False
        report = r.json()["report"]
        assert report["article"]["text"] == text and report["events"]
        assert c.get(f"/articles/{report['article']['id']}.json").status_code == 404
        r = c.post("/analyse.json", json={"text": text, "published": "2024-06-03", "outlet": "Lagoon Post",
                                          "store": True})
        assert r.status_code == 200 and r.json()["stored"] is True
        assert c.get(f"/articles/{report['article']['id']}.json").status_code == 200
        # merged into events and visible in the (rebuilt) lists
        assert c.get("/events.json").json()["total"] > before


def test_foreign_host_header_is_refused(store_path):
    from reportedly.web import create_app

    app = create_app(store_path, allowed_hosts=["127.0.0.1", "localhost"])
    with _test_client_class()(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/events.json").status_code == 200
        r = c.get("/events.json", headers={"host": "evil.example"})
        assert r.status_code == 400 and r.json()["ok"] is False and r.json()["error"]["status"] == 400


def test_analyse_form_keeps_what_was_typed_on_a_problem(client):
    r = client.post("/analyse", data={"text": "   ", "title": "<em>Kano</em> report", "published": "2024-06-03"})
    assert r.status_code == 400 and 'role="alert"' in r.text and "paste the article text" in r.text
    assert 'value="&lt;em&gt;Kano&lt;/em&gt; report"' in r.text and "<em>Kano" not in r.text


def test_tile_url_is_the_only_outside_image_source(store_path):
    from reportedly.web import create_app

    app = create_app(store_path, tile_url="https://{s}.tile.example.org/{z}/{x}/{y}.png")
    with _test_client_class()(app) as c:
        r = c.get("/map")
        csp = r.headers["content-security-policy"]
        assert "img-src 'self' data: https://*.tile.example.org;" in csp
        assert "https://{s}.tile.example.org/{z}/{x}/{y}.png" in r.text  # handed to the map script

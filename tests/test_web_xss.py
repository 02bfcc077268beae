"""Web security: an XSS corpus in article text, titles, outlets, urls and source names renders
escaped, path traversal answers 404, oversized bodies 413, foreign Host headers are refused.

The store is built the way an analyst builds one: invented articles carrying the payloads go
through the real ingest (``reportedly.corpus.ingest.ingest`` over JSON Lines and .txt files),
and hand-made Reports put payloads where extraction would not (source, actor and place names)
through the real ``Store.write_batch``. Every payload that could run sets ``window.__pwned``
and calls ``alert``: the browser tests assert neither happened.

The browser tests open pages with the Content-Security-Policy bypassed, so that escaping alone
is under test (the CSP would otherwise hide an escaping bug); one test keeps the CSP on to
check the second line of defence.
"""

from __future__ import annotations

import json
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from markupsafe import escape  # noqa: E402  (Jinja's own escaper: what an escaped value looks like)

from conftest import serve_in_thread  # noqa: E402
from test_web import _report, _test_client_class  # noqa: E402

RUN = "window.__pwned=1;alert(document.domain)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f"<svg onload={RUN}>",
    f"<svg><script>{RUN}</script></svg>",
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f'" onmouseover="{RUN}" data-x="',
    f"' onfocus='{RUN}' autofocus '",
    f"</script><script>{RUN}</script>",                   # closes a <script type=application/json>
    f"<iframe src=\"javascript:{RUN}\"></iframe>",
    f'<a href="javascript:{RUN}">read more</a>',
    f"<body onload={RUN}>",
    f"<details open ontoggle={RUN}>",
    f"<input autofocus onfocus={RUN}>",
    f'<div style="width: expression({RUN}); background: url(javascript:{RUN})">css</div>',
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",   # mutation XSS
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    f"<!--<img src=x onerror={RUN}>-->",
    f"&lt;script&gt;{RUN}&lt;/script&gt;",                # entities a double unescape would revive
    "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e",       # JS-escaped, as literal text
    "\uff1cscript\uff1ewindow.__pwned=1\uff1c/script\uff1e",           # full-width brackets
    "{{7*7}} {% raw %}${7*7} #{7*7} <%= 7*7 %>",                      # template injection
    f"javascript:{RUN}",
]
HTML_PAYLOADS = [p for p in PAYLOADS if any(c in p for c in "<>\"'")]
JS_URL = f"javascript:{RUN}"
CITIES = ["Nairobi", "Kisumu", "Mombasa", "Nakuru", "Eldoret"]


# ---- the store ---------------------------------------------------------------------------


def _article_line(i: int, payload: str) -> dict:
    city = CITIES[i % len(CITIES)]
    return {
        "text": (f"Police fired tear gas at about {100 + i} protesters in {city} on Tuesday, witnesses said. "
                 f"A banner read {payload} near the market. "
                 f"Officials said {2 + i} people were injured in the clashes."),
        "title": f"{payload} {city} protest",
        "outlet": f"{payload} Daily",
        "published": f"2024-03-{1 + i % 28:02d}",
        "url": f"https://news.example/{i}?q={payload}",
    }


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory, extractor) -> Path:
    from reportedly.corpus.ingest import ingest
    from reportedly.ingest import read_inputs
    from reportedly.store import Store, input_key

    folder = tmp_path_factory.mktemp("xss")
    lines = [_article_line(i, p) for i, p in enumerate(PAYLOADS)]
    # one article links to a javascript: URL (ingest keeps urls as given)
    lines.append({**_article_line(len(PAYLOADS), "plain"), "url": JS_URL, "title": "Mombasa port strike"})
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    (folder / "header.txt").write_text(
        f"Title: {PAYLOADS[0]} Goma march\nOutlet: {PAYLOADS[1]}\nPublished: 2024-04-02\n\n"
        f"Soldiers arrested 14 protesters in Goma on Monday, a rights group said. {PAYLOADS[8]}\n")
    db = folder / "xss.duckdb"
    with Store(db) as store:
        # Payloads as source, actor and place names (extraction would not find such names).
        made = []
        for i, p in enumerate(HTML_PAYLOADS):
            r = _report(text=(f"Gunmen attacked a checkpoint in Kano on Thursday. "
                              f"{p} said 6 people were killed. Gunmen fled."),
                        title=f"{p} Kano attack", outlet=f"{p} Wire", published="2024-05-10T08:00:00",
                        day="2024-05-09", figures=[(p, "6", 6, 6, "exact")])
            ev = r.events[0]
            actor = ev.actors[0].model_copy(update={"name": p})
            place = ev.place.model_copy(update={"name": p, "admin1": p})
            r = r.model_copy(update={"events": [ev.model_copy(update={"actors": [actor], "place": place})],
                                     "places": [place]})
            made.append((r, input_key(r.article.text, r.article.title, r.article.published, r.article.outlet,
                                      None), f"invented/{i}.txt"))
        store.write_batch(made, [])
        result = ingest(read_inputs([folder]), store, extractor=extractor)  # merges at the end
    assert result.n_failed == 0, [f.message for f in result.failures]
    assert result.n_written == len(lines) + 1
    return db


@pytest.fixture(scope="module")
def client(xss_store):
    from reportedly.web import create_app

    with _test_client_class()(create_app(xss_store)) as c:
        yield c


@pytest.fixture(scope="module")
def stored(xss_store) -> dict:
    from reportedly.store import Store

    with Store(xss_store, read_only=True) as s:
        return {
            "articles": [r["id"] for r in s.sql("SELECT id FROM articles ORDER BY id")],
            "clusters": [r["id"] for r in s.sql("SELECT id FROM clusters ORDER BY id")],
            "sources": [r["name"] for r in s.sql("SELECT DISTINCT name FROM sources ORDER BY name")],
            "reports": {r.article.id: r for r in s.reports()},
        }


def _pages(stored: dict) -> list[str]:
    pages = ["/events", "/events?per_page=500", "/sources", "/map", "/timeline", "/analyse"]
    pages += [f"/events/{c}" for c in stored["clusters"]]
    pages += [f"/articles/{a}" for a in stored["articles"]]
    pages += [f"/sources?name={quote(n)}" for n in stored["sources"][:8]]
    pages += [f"/events?source={quote(p)}" for p in HTML_PAYLOADS[:4]]
    return pages


# ---- what an escaped page looks like ---------------------------------------------------


FOREIGN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "base", "math", "details"}


class _Audit(HTMLParser):
    """Parses a page as a browser would and lists anything that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.js_urls: list[str] = []
        self.bodies = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self.problems.append(f"<{tag} {k}=...> event handler")
            if k == "style":
                self.problems.append(f"<{tag} style=...> inline style")
            if k in ("href", "src", "action", "formaction", "data") and v.strip().lower().startswith(
                    ("javascript:", "vbscript:", "data:text/html")):
                self.js_urls.append(f"<{tag} {k}={v[:40]!r}>")
        if tag == "script" and not a.get("src", "").startswith("/static/") and a.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag in FOREIGN_TAGS or (tag == "input" and "autofocus" in a):
            self.problems.append(f"<{tag}> element")
        if tag == "body":
            self.bodies += 1
            if self.bodies > 1:
                self.problems.append("a second <body>")
        if tag == "meta" and "http-equiv" in a:
            self.problems.append("<meta http-equiv>")
        if tag == "style":
            self.problems.append("inline <style>")


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit


def test_audit_catches_unescaped_payloads():
    """The checker itself: raw payloads are caught, Jinja-escaped ones are not."""
    raw = _audit("<p>" + "".join(HTML_PAYLOADS) + "</p>")
    assert len(raw.problems) >= 12 and raw.js_urls
    safe = _audit("<p>" + "".join(str(escape(p)) for p in PAYLOADS) + "</p>")
    assert not safe.problems and not safe.js_urls


def test_payloads_reached_the_store(stored):
    """The corpus really holds the payloads as article text, titles, outlets and source names."""
    reports = list(stored["reports"].values())
    titles = {r.article.title for r in reports}
    outlets = {r.article.outlet for r in reports}
    texts = "\n".join(r.article.text for r in reports)
    for p in HTML_PAYLOADS:
        assert any(p in (t or "") for t in titles), p
        assert any(p in (o or "") for o in outlets), p
        assert p in stored["sources"], p
    assert sum(p in texts for p in PAYLOADS) >= len(PAYLOADS) - 2  # ftfy may repair one or two
    assert any(r.events for r in reports if "Nairobi" in r.article.text)


def test_every_page_renders_payloads_escaped(client, stored):
    pages = _pages(stored)
    assert len(pages) > 2 * len(PAYLOADS)
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, page
        html = r.text
        for p in HTML_PAYLOADS:
            assert p not in html, (page, p)
        audit = _audit(html)
        assert not audit.problems, (page, audit.problems)


def test_titles_outlets_and_names_are_shown_as_text(client, stored):
    """Escaped, not dropped: the page shows each payload as the analyst's data."""
    for aid, report in stored["reports"].items():
        html = client.get(f"/articles/{aid}").text
        assert str(escape(report.article.title)) in html, aid
        assert str(escape(report.article.outlet)) in html, aid
    template = next(r for r in stored["reports"].values() if "{{7*7}}" in (r.article.title or ""))
    html = client.get(f"/articles/{template.article.id}").text
    assert "{{7*7}}" in html and "${7*7}" in html  # shown literally, never evaluated
    sources = client.get("/sources?per_page=500").text
    assert str(escape(HTML_PAYLOADS[0])) in sources


def test_json_twins_carry_payloads_as_data(client, stored):
    """JSON is not HTML: the payloads come back exactly, as application/json that browsers never sniff."""
    for page in ["/events.json?per_page=500", "/sources.json", "/map.json", "/timeline.json"] + [
            f"/events/{c}.json" for c in stored["clusters"]] + [f"/articles/{a}.json" for a in stored["articles"]]:
        r = client.get(page)
        assert r.status_code == 200, page
        assert r.headers["content-type"].startswith("application/json"), page
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.json()["ok"] is True
    for aid, report in stored["reports"].items():
        data = client.get(f"/articles/{aid}.json").json()
        assert data["report"]["article"]["title"] == report.article.title
        assert data["report"]["article"]["text"] == report.article.text


def test_embedded_json_cannot_close_its_script(client, stored):
    for aid in stored["articles"]:
        html = client.get(f"/articles/{aid}").text
        start = html.index('<script type="application/json" id="records">')
        body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
        assert "<" not in body and ">" not in body
        json.loads(body)  # and it is still valid JSON


def test_payload_in_the_path_and_the_analyse_form(client):
    for p in HTML_PAYLOADS[:6]:
        r = client.get(f"/events/{quote(p, safe='')}")
        assert r.status_code == 404 and p not in r.text and not _audit(r.text).problems
        r = client.get(f"/articles/{quote(p, safe='')}")
        assert r.status_code == 404 and p not in r.text and not _audit(r.text).problems
    # a problem re-renders the form with what was typed: escaped (no extraction needed)
    r = client.post("/analyse", data={"text": " ", "title": HTML_PAYLOADS[4], "outlet": HTML_PAYLOADS[6],
                                      "published": "2024-06-03"})
    assert r.status_code == 400
    assert HTML_PAYLOADS[4] not in r.text and HTML_PAYLOADS[6] not in r.text
    assert not _audit(r.text).problems


REFLECTED = [("/events", k) for k in ("country", "type", "since", "until", "source", "sort", "order", "page",
                                      "per_page", "conflicts")] + [
    ("/map", "country"), ("/timeline", "type"), ("/sources", "name"), ("/sources", "channel"),
    ("/sources", "page"), ("/analyse", "text")]


@pytest.mark.parametrize("path,param", REFLECTED)
def test_payloads_in_query_parameters_are_not_reflected_raw(client, stored, path, param):
    """Reflected XSS: a crafted link's parameters come back (in forms, pagers, error messages) escaped."""
    for p in HTML_PAYLOADS[:10]:
        r = client.get(path, params={param: p})
        assert r.status_code in (200, 400), (path, param, r.status_code)
        assert p not in r.text, (path, param, p)
        assert not _audit(r.text).problems, (path, param, _audit(r.text).problems)
    aid = stored["articles"][0]
    r = client.get(f"/articles/{aid}", params={"span": HTML_PAYLOADS[4]})
    assert r.status_code == 400 and HTML_PAYLOADS[4] not in r.text and not _audit(r.text).problems


def _english_with(payloads: list[str]) -> str:
    """Enough English around the payloads that the language check lets the text through."""
    lines = ["Police arrested 14 protesters in Lagos on Monday, a police spokesman said."]
    for p in payloads:
        lines.append(f"The crowd was carrying a sign that read {p} and it was seen by all of the people there.")
    return " ".join(lines + ["Organisers said more than 2,000 people joined the march."])


def test_analyse_renders_pasted_payloads_escaped(client):
    text = _english_with(HTML_PAYLOADS[:8])
    r = client.post("/analyse", data={"text": text, "title": PAYLOADS[0], "outlet": PAYLOADS[1],
                                      "published": "2024-06-03"})
    assert r.status_code == 200 and 'id="analysis"' in r.text
    for p in HTML_PAYLOADS[:8]:
        assert p not in r.text
    assert not _audit(r.text).problems


# A javascript: article url once rendered as a clickable link; only http(s) urls are links now.


def test_no_javascript_urls_in_links(client, stored):
    """An article url like ``javascript:...`` must not become a clickable link."""
    target = next(a for a, r in stored["reports"].items() if r.article.url == JS_URL)
    audit = _audit(client.get(f"/articles/{target}").text)
    assert not audit.js_urls, audit.js_urls


# ---- path traversal, body size, Host ---------------------------------------------------

TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/....//....//etc/passwd",
    "/static/vendor/leaflet/../../../app.py",
    "/static/%2e%2e/app.py",
    "/article/..%2f..%2fetc%2fpasswd",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd.json",
    "/events/..%2f..%2fetc%2fpasswd",
    "/static/..%5c..%5cetc%5cpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_answers_404(client, path):
    r = client.get(path, headers={"accept": "application/json"})
    assert r.status_code == 404, (path, r.status_code)
    body = r.json()
    assert body["ok"] is False and body["error"]["status"] == 404
    assert "root:" not in r.text and "create_app" not in r.text


@pytest.fixture(scope="module")
def server(xss_store):
    """A real uvicorn server on loopback, configured as `reportedly serve` configures it."""
    from reportedly.commands.serve import LOOPBACK_NAMES
    from reportedly.web import create_app

    with serve_in_thread(create_app(xss_store, allowed_hosts=LOOPBACK_NAMES + ["127.0.0.1"])) as port:
        yield port


def _raw_get(port: int, target: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send the request line byte for byte (HTTP clients normalise ``..`` away; attackers don't)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\n"
                  f"Connection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_raw_traversal_requests_answer_404(server):
    for path in TRAVERSALS:
        status, body = _raw_get(server, path)
        assert status == 404, (path, status, body[:200])
        assert json.loads(body)["error"]["status"] == 404
        assert b"root:" not in body


def test_oversized_body_is_refused_with_the_json_error(client):
    big = {"text": "Police arrested 4 people in Kano. " * 40_000}  # ~1.4 MB
    r = client.post("/analyse.json", json=big)
    assert r.status_code == 413
    assert r.json() == {"ok": False, "error": {"status": 413, "message": r.json()["error"]["message"]}}
    assert "larger than" in r.json()["error"]["message"]

    def streamed():  # no Content-Length: the limit counts what arrives
        for _ in range(20):
            yield b"x" * 100_000

    r = client.post("/analyse.json", content=streamed(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["status"] == 413
    r = client.post("/analyse", content=streamed(), headers={"content-type": "application/x-www-form-urlencoded",
                                                             "accept": "text/html"})
    assert r.status_code == 413 and "text/html" in r.headers["content-type"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example",
                                  "localhost.evil.example:8000", "192.168.1.20:8000", "0.0.0.0"])
def test_non_loopback_host_is_refused(server, host):
    status, body = _raw_get(server, "/events.json", host=host)
    assert status == 400
    err = json.loads(body)
    assert err["ok"] is False and err["error"]["status"] == 400 and "not served here" in err["error"]["message"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "[::1]:8000"])
def test_loopback_hosts_are_served(server, host):
    status, body = _raw_get(server, "/events.json", host=host)
    assert status == 200 and json.loads(body)["ok"] is True


def test_serve_binds_loopback_by_default(xss_store, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from reportedly.cli import app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: seen.update(kw, app=web))
    result = CliRunner().invoke(app, ["serve", "--db", str(xss_store)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1"


# ---- in a real browser -----------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def _open(browser, *, bypass_csp: bool):
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(d) -> None:
        dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    return context, page, dialogs


def _pwned(page) -> str:
    return page.evaluate("() => typeof window.__pwned")


@pytest.mark.browser
def test_browser_runs_no_payload(server, browser, stored):
    base = f"http://127.0.0.1:{server}"
    context, page, dialogs = _open(browser, bypass_csp=True)
    try:
        # control: the same payload unescaped does run here, so "nothing ran" below means something
        page.set_content(f"<p>{HTML_PAYLOADS[1]}</p>")
        page.wait_for_function("() => window.__pwned === 1", timeout=5000)
        assert dialogs
        dialogs.clear()
        visited, cards = [], 0
        pages = ["/events?per_page=500", "/sources", "/map", "/timeline"] + [
            f"/events/{c}" for c in stored["clusters"][:3]] + [f"/articles/{a}" for a in stored["articles"]]
        for path in pages:
            page.goto(base + path, wait_until="load")
            if path.startswith("/events/"):  # the map's tooltip is built in the page (place names)
                page.wait_for_selector("#event-map canvas", timeout=10_000)
            # hover and focus everything an attribute breakout could have armed
            page.mouse.move(200, 200)
            page.keyboard.press("Tab")
            # the record card is built by app.js from the embedded JSON (names, quotes)
            marks = page.locator("#article-text span[data-refs]")
            for i in range(min(marks.count(), 4)):
                marks.nth(i).click()
                cards += page.locator("#record").is_visible()
            assert _pwned(page) == "undefined", path
            visited.append(path)
        assert cards >= 10  # the cards really opened, payload names in them
        # the analyse form, with payloads pasted into every field
        page.goto(base + "/analyse")
        page.fill("input[name=title]", PAYLOADS[0])
        page.fill("input[name=outlet]", PAYLOADS[4])
        page.fill("input[name=published]", "2024-06-03")
        page.fill("textarea[name=text]", _english_with(HTML_PAYLOADS))
        page.click("form.analyse button[type=submit]")
        page.wait_for_selector("#analysis", timeout=90_000)  # the first extraction loads the model
        assert page.locator("#article-text").inner_text().startswith("Police arrested 14 protesters")
        assert _pwned(page) == "undefined"
        assert not dialogs, dialogs
        assert len(visited) == len(pages)
    finally:
        context.close()


def _click_external_link(browser, port: int, stored: dict, *, bypass_csp: bool) -> tuple[str, list[str]]:
    target = next(a for a, r in stored["reports"].items() if r.article.url == JS_URL)
    context, page, dialogs = _open(browser, bypass_csp=bypass_csp)
    try:
        page.goto(f"http://127.0.0.1:{port}/articles/{target}", wait_until="load")
        link = page.locator("a.external")
        if link.count():
            link.first.click()
            page.wait_for_timeout(300)
        return _pwned(page), dialogs
    finally:
        context.close()


@pytest.mark.browser
def test_browser_javascript_url_click_runs_nothing(server, browser, stored):
    """Escaping alone (CSP bypassed): clicking the article's url link must run nothing."""
    assert _click_external_link(browser, server, stored, bypass_csp=True) == ("undefined", [])


@pytest.mark.browser
def test_browser_csp_blocks_a_javascript_url_click(server, browser, stored):
    """Second line of defence: with the real CSP, even a javascript: link runs nothing."""
    assert _click_external_link(browser, server, stored, bypass_csp=False) == ("undefined", [])

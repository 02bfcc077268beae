"""The review UI in a real browser: Playwright drives Debian's chromium against a real
uvicorn server on a free loopback port. Screenshots go to test-artifacts/ (gitignored).
Skips cleanly when playwright or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from conftest import serve_in_thread  # noqa: E402
from test_web import _reports, store_path  # noqa: E402,F401  (the shared invented store)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(store_path):  # noqa: F811
    from reportedly.web import create_app

    with serve_in_thread(create_app(store_path)) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # CSP violations and failed loads show up as console errors
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert not errors, f"browser errors: {errors}"


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_events_list_and_filter(server, page):
    page.goto(f"{server}/events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert page.locator("table.events").get_by_text("sources disagree").first.is_visible()
    page.select_option("select[name=country]", "NG")
    page.check("input[name=conflicts]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*country=NG*")
    assert "conflicts=1" in page.url
    assert page.locator("table.events tbody tr").count() >= 1
    assert all("Nigeria" in t for t in page.locator("table.events tbody tr td:nth-child(5)").all_inner_texts())
    _shot(page, "events")
    # a filter with no match says so instead of an empty table
    page.fill("input[name=source]", "nobody-by-that-name")
    page.click("form.filters button[type=submit]")
    assert page.get_by_text("No events match these filters.").is_visible()


def test_event_page_disagreement_table(server, page):
    page.goto(f"{server}/events?country=NG&sort=articles&order=desc")
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/events/cl_*")
    table = page.locator("table.disagreement").first
    assert table.is_visible()
    text = table.inner_text()
    assert "The Kano State Police Command" in text and "The Harmattan Rights Group" in text
    assert page.locator(".flag.big").is_visible()
    # the map drew the event place (a Leaflet canvas) and the outlines loaded
    page.wait_for_selector("#event-map canvas", timeout=5000)
    page.wait_for_selector("#event-map[data-outlines=loaded]", timeout=10_000)
    _shot(page, "event")
    # evidence links open the article at the figure
    page.locator("td.evidence a").first.click()
    page.wait_for_url("**/articles/art_*span=*")
    assert page.locator("#article-text .target").count() >= 1


def test_article_highlights_and_record_card(server, page):
    art = _reports()[1].article
    page.goto(f"{server}/articles/{art.id}")
    # the <script> title is shown as text, not run
    assert page.locator("h1.article-title").inner_text().startswith('<script>alert("pwned")</script>')
    text = page.locator("#article-text")
    assert text.locator("span.st").count() >= 1
    assert text.locator("span.ev").count() >= 1
    assert text.locator("span.qty").count() >= 1
    assert text.locator("span.plc").count() >= 1
    assert text.locator("span.dt").count() >= 1
    assert text.inner_text() == art.text  # the marks add no characters
    text.locator("span.qty").first.click()
    card = page.locator("#record")
    assert card.is_visible()
    assert "at least" in card.inner_text() and "Residents" in card.inner_text()
    assert page.locator(".who-group h3").first.inner_text().startswith("Residents")
    _shot(page, "article")


def test_map_and_timeline_render(server, page):
    page.goto(f"{server}/map")
    page.wait_for_selector("#big-map[data-outlines=loaded]", timeout=10_000)
    _shot(page, "map")
    page.goto(f"{server}/timeline")
    assert page.locator("svg.timeline rect").count() >= 1
    _shot(page, "timeline")
    page.goto(f"{server}/sources")
    assert page.locator("table.sources").get_by_text("Residents").is_visible()


def test_analyse_form(server, page):
    page.goto(f"{server}/analyse")
    assert page.locator("input[name=store]").is_disabled()  # read-only server
    page.fill("input[name=title]", "Protest in Lagos")
    page.fill("input[name=outlet]", "Lagoon Post")
    page.fill("input[name=published]", "2024-06-03")
    page.fill("textarea[name=text]",
              "Police arrested 14 protesters in Lagos on Monday, a police spokesman said. "
              "Organisers said more than 2,000 people joined the march.")
    page.click("form.analyse button[type=submit]")
    page.wait_for_selector("#analysis", timeout=60_000)  # the first extraction loads the model
    assert page.locator("#article-text").inner_text().startswith("Police arrested 14 protesters")
    assert page.locator("#article-text span[data-refs]").count() >= 1
    _shot(page, "analyse")

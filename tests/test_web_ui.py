"""The web UI in a real browser (Debian's headless chromium driven by Playwright, no browser
download) against the live server: highlights on an article, an event's codes on click, the events
table's evidence rows, Extract on pasted text, the network and timeline, and an article carrying
scripts shown as text without running them. Screenshots go to test-output/web/ (git-ignored)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from .live_server import SCRIPT_ID, live_server, web_ledger  # noqa: F401 (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "web"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.base_url, viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.errors = []  # uncaught script errors and dialogs: none may happen on any page
    pg.on("pageerror", lambda err: pg.errors.append(f"page error: {err}"))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


def open_view(page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture(scope="module")
def busy_article(live_server):
    """The demo article with the most events, and its whole record from the API."""
    import httpx

    with live_server.client() as c:
        rows = c.get("/api/articles", params={"sort": "-n_events", "limit": 1}).json()["rows"]
        return c.get(f"/api/articles/{rows[0]['article_id']}").json()


def test_article_reader_highlights_and_shows_an_events_codes_on_click(page, busy_article):
    open_view(page, f"/articles/{quote(busy_article['id'])}")
    x = busy_article["extraction"]
    assert page.locator("[data-testid=article-title]").inner_text() == busy_article["title"]
    for kind, records in (("actor", x["actors"]), ("event", x["events"]), ("quote", x["quotes"]), ("date", x["dates"]), ("place", x["places"])):
        if records:
            assert page.locator(f".article-text .hl-{kind}").count() > 0, kind
    assert page.locator(".article-text").inner_text() == busy_article["text"].strip() or \
        page.locator(".article-text").text_content() == busy_article["text"], "the whole text, unchanged"
    event = x["events"][0]
    trigger = busy_article["text"][event["trigger"][0]:event["trigger"][1]]
    page.locator(".article-text .hl-event", has_text=trigger).first.click()
    card = page.locator("[data-testid=details] .card-event").first
    assert f"CAMEO {event['cameo']}" in card.inner_text()
    assert event["pattern"] in card.inner_text()
    shot(page, "article")
    assert not page.errors


def test_from_article_to_event_page_and_back(page, busy_article):
    event = busy_article["extraction"]["events"][0]
    open_view(page, f"/articles/{quote(busy_article['id'])}#{event['id']}")
    card = page.locator("[data-testid=details] .card-event").first  # the hash selects the event
    assert f"CAMEO {event['cameo']}" in card.inner_text()
    card.get_by_role("link", name="event page").click()
    page.wait_for_selector("body[data-ready=true]")
    codes = page.locator("[data-testid=event-codes]").inner_text()
    assert event["cameo"] in codes and (event["plover"] or "") in codes
    assert page.locator("blockquote.evidence mark").inner_text() == busy_article["text"][event["trigger"][0]:event["trigger"][1]]
    shot(page, "event")
    page.get_by_role("link", name="the article").click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("[data-testid=article-title]").inner_text() == busy_article["title"]
    assert not page.errors


def test_events_table_filters_sorts_and_opens_evidence(page, live_server):
    open_view(page, "/events")
    total = page.locator("[data-testid=total]").inner_text()
    first_type = page.locator("table.records tbody tr td.col-plover").first.inner_text()
    page.fill("input[name=type]", first_type)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type="))
    page.wait_for_selector("body[data-ready=true]")
    types = page.locator("table.records tbody tr td.col-plover").all_inner_texts()
    assert types and set(types) == {first_type}
    assert page.locator("[data-testid=total]").inner_text() != total
    assert page.locator("a.json-twin").get_attribute("href") == f"/api/events?type={first_type}"
    row = page.locator("table.records tbody tr").first
    trigger_text = row.locator("td.col-evidence_text").inner_text()
    row.locator("td.col-plover").click()
    mark = page.locator("[data-testid=evidence-row] blockquote mark")
    mark.wait_for()
    assert mark.inner_text() and mark.inner_text() in trigger_text
    page.click("a[data-sort=date_start]")
    page.wait_for_url(re.compile(r"sort=date_start"))
    page.wait_for_selector("body[data-ready=true]")
    dates = page.locator("td.col-date_start").all_inner_texts()
    assert dates == sorted(dates)
    shot(page, "events")
    assert not page.errors


def test_extract_pasted_text_shows_highlights(page):
    open_view(page, "/extract")
    page.fill("[data-testid=extract-text]", "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. "
              "\"We will deepen our cooperation,\" Xi said.")
    page.fill("[data-testid=extract-date]", "2024-05-17")
    page.click("[data-testid=extract-run]")
    result = page.locator("[data-testid=extract-result]")
    text = result.locator(".article-text")
    text.locator(".hl-actor").first.wait_for(timeout=30_000)
    actors = text.locator(".hl-actor").all_inner_texts()
    assert any("Putin" in a for a in actors)
    assert text.locator(".hl-place", has_text="Beijing").count() == 1
    assert text.locator(".hl-date", has_text="Tuesday").count() == 1
    assert text.locator(".hl-quote").count() >= 1
    text.locator(".hl-event").first.click()
    assert "CAMEO" in result.locator("[data-testid=details] .card-event").inner_text()
    text.locator(".hl-date", has_text="Tuesday").click()
    assert "2024-05-14" in result.locator("[data-testid=details]").inner_text()
    shot(page, "extract")
    assert not page.errors


def test_an_article_with_scripts_shows_them_as_text_and_runs_nothing(page, live_server):
    for path in ("/", f"/articles/{quote(SCRIPT_ID, safe='')}", "/quotes", "/claims", "/events?all=true"):
        open_view(page, path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    open_view(page, f"/articles/{quote(SCRIPT_ID, safe='')}")
    text = page.locator("[data-testid=article-text]").text_content()
    assert "<script>window.__pwned=1</script><script>alert(1)</script>" in text
    assert "onerror" in page.locator("[data-testid=article-title]").inner_text()
    assert page.locator("main script, main img").count() == 0
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "hostile-article")
    assert not page.errors, page.errors


def test_network_draws_the_apis_graph_and_lists_an_edges_events(page, live_server):
    import httpx

    net = httpx.get(f"{live_server.base_url}/api/network").json()
    open_view(page, "/network")
    assert page.evaluate("window.__network.nodes().length") == len(net["nodes"])
    assert page.evaluate("window.__network.edges().length") == len(net["edges"])
    busiest = net["edges"][0]
    page.evaluate("window.__network.edges()[0].emit('tap')")
    panel = page.locator("[data-testid=edge-details]")
    assert panel.locator("[data-testid=edge-title]").inner_text() == f"{busiest['source']} → {busiest['target']}"
    panel.locator(".edge-events li a").first.wait_for()
    assert panel.locator(".edge-events li").count() == busiest["count"]
    shot(page, "network")
    assert not page.errors


def test_timeline_draws_bars(page):
    open_view(page, "/timeline?bucket=year")
    chart = page.locator("[data-testid=timeline] svg")
    assert chart.count() >= 1
    assert page.locator("[data-testid=timeline] svg rect").count() > 1
    shot(page, "timeline")
    assert not page.errors


@pytest.mark.parametrize("path", ["/", "/events", "/corpus/events", "/quotes", "/claims", "/claims/threads", "/actors", "/network",
                                  "/timeline", "/extract"])
def test_every_page_loads_and_names_its_json_twin(page, path):
    open_view(page, path)
    assert page.locator("main h1").count() == 1
    assert not page.locator(".message.error").count(), page.locator(".message.error").all_inner_texts()
    twin = page.locator("a.json-twin")
    if path != "/extract":
        assert twin.get_attribute("href").startswith("/api/")
    assert not page.errors


def test_from_an_article_to_its_event_to_the_other_article_reporting_it(page, live_server):
    import httpx

    corpus = httpx.get(f"{live_server.base_url}/api/articles/strike-a").json()["corpus_events"]
    event_id = next(eid for eid, link in corpus.items() if link["n_articles"] == 2)
    open_view(page, f"/articles/strike-a#{event_id}")
    card = page.locator("[data-testid=details] .card-event").first
    assert "reported by 2 articles" in card.locator("[data-testid=card-corpus]").inner_text()
    card.get_by_role("link", name="event page").click()
    page.wait_for_selector("body[data-ready=true]")
    reports = page.locator("[data-testid=corpus-reports]")
    assert "Also reported by 1 other article" in reports.inner_text()
    shot(page, "event-reported-twice")
    reports.get_by_role("link", name="Outlet B: strike-b").click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("[data-testid=article-title]").inner_text() == "Outlet B: strike-b"
    selected = page.locator("[data-testid=details] .card-event").first  # the link's hash selects the report
    assert "reported by 2 articles" in selected.inner_text()
    selected.locator("[data-testid=card-corpus] a").click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("[data-testid=report-count]").inner_text() == "2 reports"
    titles = page.locator("[data-testid=reports] li a").all_inner_texts()
    assert set(titles) == {"Outlet A: strike-a", "Outlet B: strike-b"}
    assert page.locator("[data-testid=reports] blockquote mark").count() == 2
    shot(page, "corpus-event")
    assert not page.errors


def test_corpus_events_table_keeps_events_reported_twice_and_opens_their_reports(page):
    open_view(page, "/corpus/events?min_articles=2")
    rows = page.locator("table.records tbody tr")
    assert rows.count() >= 1
    assert all(int(n) >= 2 for n in page.locator("td.col-n_articles").all_inner_texts())
    rows.first.locator("td.col-cameo").click()
    opened = page.locator("[data-testid=reports-row] [data-testid=reports] li")
    opened.first.wait_for()
    assert opened.count() >= 2
    shot(page, "corpus-events")
    assert not page.errors


def test_a_claim_thread_where_sources_disagree_draws_its_values(page):
    open_view(page, "/claims/threads?disagreement=true")
    rows = page.locator("table.records tbody tr")
    assert rows.count() >= 1
    assert set(page.locator("td.col-disagreement").all_inner_texts()) == {"disagree"}
    rows.first.locator("td.col-unit").click()
    page.locator("[data-testid=thread-chart] svg").first.wait_for()
    values = page.locator("[data-testid=thread-row] .thread-values li")
    assert values.count() >= 2
    texts = " ".join(values.all_inner_texts())
    assert "3,000" in texts and "12,000" in texts
    shot(page, "claim-thread")
    assert not page.errors

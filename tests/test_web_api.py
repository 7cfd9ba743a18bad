"""The REST API against a real uvicorn server on loopback over a real ledger: lists mean what the
CLI's filters mean, pages add up to the totals, single records and 404s, the body limit (413), the
write token (401), extraction of pasted text (nothing stored), the OpenAPI schema, and pages that
escape what they show."""
from __future__ import annotations

import json

import pytest

from newsledger.query import Filters, list_records
from newsledger.store import open_reader

from .live_server import SCRIPT_ID, SCRIPT_TEXT, live_server, web_ledger, writable_server  # noqa: F401 (fixtures)

KINDS = {"articles": "articles", "events": "events", "quotes": "quotes", "claims": "claims", "actors": "article_actors"}


@pytest.fixture(scope="module")
def client(live_server):
    with live_server.client() as c:
        yield c


def expected(db, kind, **filters):
    with open_reader(db) as ledger:
        return list_records(ledger.con, kind, Filters(limit=10_000, **filters))


@pytest.mark.parametrize("endpoint", KINDS)
def test_following_next_links_visits_every_record_once_and_totals_agree_with_the_cli(client, live_server, endpoint):
    whole = expected(live_server.db, KINDS[endpoint])
    assert whole.total > 0
    url, seen = f"/api/{endpoint}?limit=7", []
    while url:
        page = client.get(url).json()
        assert page["total"] == whole.total
        assert len(page["rows"]) <= 7
        seen.extend(page["rows"])
        url = page["next"]
    assert len(seen) == whole.total
    strip = lambda rows: [{k: v for k, v in r.items() if k != "key"} for r in rows]  # noqa: E731
    assert strip(seen) == json.loads(json.dumps(whole.rows, default=str))


def test_event_filters_match_the_query_layer(client, live_server):
    rows = client.get("/api/events?limit=1000").json()["rows"]
    code = next(r["source_code"] for r in rows if r["source_code"])[:3]
    by_code = client.get("/api/events", params={"actor": code, "limit": 1000}).json()
    assert by_code["rows"] and all(r["source_code"].startswith(code) for r in by_code["rows"])
    assert by_code["total"] == expected(live_server.db, "events", actor=code).total
    plover = rows[0]["plover"]
    typed = client.get("/api/events", params={"type": plover.lower(), "limit": 1000}).json()["rows"]
    assert typed and {r["plover"] for r in typed} == {plover}
    conflict = client.get("/api/events", params={"quad_class": 4, "limit": 1000}).json()["rows"]
    assert conflict and {r["quad_class"] for r in conflict} == {4}
    middle = sorted(r["date_start"] for r in rows)[len(rows) // 2]
    later = client.get("/api/events", params={"since": middle, "limit": 1000}).json()
    assert later["rows"] and all(r["date_end"] >= middle for r in later["rows"]) and later["total"] < len(rows)
    everything = client.get("/api/events", params={"all": "true", "limit": 1000}).json()
    assert everything["total"] > len(rows), "negated/hypothetical events come only with all=true"
    newest = client.get("/api/events", params={"sort": "date_start", "desc": "true", "limit": 3}).json()["rows"]
    assert newest[0]["date_start"] == max(r["date_start"] for r in rows)


def test_bad_filters_are_client_errors_with_a_reason(client):
    assert client.get("/api/events?since=2024-13-45").status_code == 422
    assert client.get("/api/events?limit=10001").status_code == 422
    assert client.get("/api/events?offset=-1").status_code == 422
    unknown = client.get("/api/events?sort=password")
    assert unknown.status_code == 400 and "cannot sort" in unknown.json()["detail"]
    assert client.get("/api/network?quad_class=9").status_code == 422


def test_an_article_comes_with_its_text_and_whole_extraction(client, live_server):
    first = client.get("/api/events?limit=1").json()["rows"][0]
    article = client.get(f"/api/articles/{first['article_id']}").json()
    x = article["extraction"]
    assert article["id"] == first["article_id"] and article["text"]
    assert set(x) >= {"actors", "events", "quotes", "claims", "dates", "places", "sentences"}
    for event in x["events"]:
        start, end = event["trigger"]
        assert 0 <= start < end <= len(article["text"])
    detail = client.get(f"/api/events/{first['key']}").json()
    assert detail["event"]["cameo"] == first["cameo"]
    assert detail["record"]["id"] == first["event_id"]
    start, end = detail["record"]["trigger"]
    assert article["text"][start:end] == first["trigger_text"]
    hostile = client.get("/api/articles/" + SCRIPT_ID.replace("<", "%3C").replace(">", "%3E")).json()
    assert hostile["text"] == SCRIPT_TEXT


def test_missing_records_are_404(client):
    assert client.get("/api/articles/no-such-article").status_code == 404
    assert client.get("/api/events/no-such-article/e1").status_code == 404
    assert client.get("/api/events/e1").status_code == 404
    assert client.get("/api/nothing-here").status_code == 404


def test_bodies_over_the_limit_are_refused_with_413_declared_or_streamed(client):
    big = {"text": "Putin met Xi. " * 160_000}  # about 2.2 MB of JSON
    assert client.post("/api/extract", json=big).status_code == 413

    def chunks():  # no Content-Length: the server must count as it reads
        for _ in range(25):
            yield b"x" * 100_000

    assert client.post("/api/extract", content=chunks(), headers={"Content-Type": "application/json"}).status_code == 413


def test_writing_needs_the_token(client, writable_server):
    article = {"id": "posted-1", "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday.",
               "published": "2024-05-16"}
    read_only = client.post("/api/articles", json=article)
    assert read_only.status_code == 401 and "read-only" in read_only.json()["detail"]
    with writable_server.client() as w:
        assert w.post("/api/articles", json=article).status_code == 401
        assert w.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert w.get("/api/articles/posted-1").status_code == 404
        made = w.post("/api/articles", json=article, headers={"Authorization": "Bearer s3cret-token"})
        assert made.status_code == 201 and made.json()["added"] is True
        stored = w.get("/api/articles/posted-1").json()
        assert stored["published"] == "2024-05-16" and any("Putin" in a["name"] for a in stored["extraction"]["actors"])


def test_extract_returns_the_extraction_and_stores_nothing(client):
    before = client.get("/api/articles?limit=0").json()["total"]
    text = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday."
    out = client.post("/api/extract", json={"text": text, "published": "2024-05-17"}).json()
    x = out["extraction"]
    assert out["text"] == text
    putin = next(a for a in x["actors"] if "Putin" in a["name"])
    assert putin["country"] == "RUS"
    assert x["events"] and x["events"][0]["source"] == putin["id"]
    assert any(d["value"] == "2024-05-14" for d in x["dates"]), "Tuesday before the publication date"
    assert any(p["name"] == "Beijing" for p in x["places"])
    assert client.get("/api/articles?limit=0").json()["total"] == before
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"text": "   "}).status_code == 422
    assert client.post("/api/extract", content=b"not json", headers={"Content-Type": "application/json"}).status_code == 422


def test_network_and_timeline_count_the_listed_events(client, live_server):
    events = client.get("/api/events?limit=10000").json()["rows"]
    net = client.get("/api/network").json()
    assert net["edges"], "the demo articles have events between two actors"
    pairs = {(e["source"], e["target"]) for e in net["edges"]}
    listed = sum(1 for r in events if (r["source_code"] or r["source_name"]) and (r["target_code"] or r["target_name"])
                 and (r["source_code"] or r["source_name"]) != (r["target_code"] or r["target_name"]))
    assert sum(e["count"] for e in net["edges"]) == listed
    assert {n["id"] for n in net["nodes"]} == {k for p in pairs for k in p}
    for edge in net["edges"][:5]:
        behind = client.get("/api/network/edge", params={"source": edge["source"], "target": edge["target"], "limit": 1000}).json()
        assert behind["total"] == edge["count"] == len(behind["rows"])
        assert all((r["source_code"] or r["source_name"]) == edge["source"] for r in behind["rows"])
    series = client.get("/api/timeline").json()["series"]
    assert sum(p["count"] for p in series) == len(events)


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{key}", "/api/quotes", "/api/claims",
            "/api/actors", "/api/network", "/api/timeline", "/api/extract"} <= set(schema["paths"])
    events = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "target", "type", "cameo", "since", "until", "limit", "offset", "sort", "all"} <= events


def test_pages_link_their_json_twin_and_escape_what_they_show(client):
    page = client.get("/events", params={"actor": "RUS"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<link rel="alternate" type="application/json" href="/api/events?actor=RUS">' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    hostile = client.get('/articles/"><script>window.__pwned=1</script>')
    assert "<script>window" not in hostile.text and "&lt;script&gt;" in hostile.text
    sneaky = client.get("/events", params={"actor": '"><script>alert(1)</script>'})
    assert "<script>alert" not in sneaky.text


def test_no_file_outside_the_static_folder_is_served(client):
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/pyproject.toml"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert client.get("/static/app.js").status_code == 200


def test_corpus_views_answer_like_the_query_layer(client, live_server):
    merged = client.get("/api/events", params={"merged": "true", "limit": 1000}).json()
    with open_reader(live_server.db) as ledger:
        expected = list_records(ledger.con, "corpus_events", Filters(limit=1000))
    assert merged["total"] == expected.total > 0
    assert {r["id"] for r in merged["rows"]} == {r["id"] for r in expected.rows}
    first = merged["rows"][0]
    assert {"n_mentions", "n_articles", "n_sources", "articles", "cameo", "plover"} <= set(first)
    one = client.get(f"/api/corpus/events/{first['id']}").json()
    assert one["id"] == first["id"] and len(one["mentions"]) == first["n_mentions"]
    assert all(m["evidence_text"] and m["reason"] for m in one["mentions"])
    assert client.get("/api/corpus/events/no-such-event").status_code == 404
    actors = client.get("/api/corpus/actors", params={"limit": 5}).json()
    assert actors["total"] > 0 and len(actors["rows"]) == min(5, actors["total"])
    threads = client.get("/api/claims", params={"threads": "true"}).json()
    assert threads["total"] == len(threads["rows"]) or threads["next"]


def test_an_event_reported_by_two_outlets_links_each_report_to_the_other(client):
    # strike-a and strike-b tell of one Russian attack near Kharkiv in different words.
    article = client.get("/api/articles/strike-a").json()
    shared = {eid: link for eid, link in article["corpus_events"].items() if link["n_articles"] == 2}
    assert shared, f"the strike should join a corpus event with strike-b: {article['corpus_events']}"
    event_id, link = next(iter(shared.items()))
    found = client.get(f"/api/events/strike-a/{event_id}").json()
    assert found["corpus_event"]["id"] == link["id"]
    assert [r["article_id"] for r in found["reports"]] == ["strike-b"]
    report = found["reports"][0]
    assert "Kharkiv" in report["evidence_text"] and report["rule"] and report["reason"]
    back = client.get(f"/api/events/strike-b/{report['event_id']}").json()
    assert back["corpus_event"]["id"] == link["id"] and [r["article_id"] for r in back["reports"]] == ["strike-a"]
    merged = client.get("/api/events", params={"merged": "true", "min_articles": 2}).json()
    assert link["id"] in {r["id"] for r in merged["rows"]}
    assert all(r["n_articles"] >= 2 for r in merged["rows"])


def test_every_asserted_event_of_an_article_names_its_corpus_event(client):
    article = client.get("/api/articles/strike-b").json()
    asserted = [e["id"] for e in article["extraction"]["events"]
                if not (e["negated"] or e["hypothetical"])]
    assert asserted and set(asserted) <= set(article["corpus_events"])
    for eid, link in article["corpus_events"].items():
        found = client.get(f"/api/events/strike-b/{eid}").json()
        assert found["corpus_event"] == link
        assert len(found["reports"]) == link["n_mentions"] - 1


@pytest.mark.parametrize("path", ["/corpus/events", "/claims/threads"])
def test_corpus_pages_name_their_json_twin(client, path):
    page = client.get(path).text
    twin = "/api/events?merged=true" if path == "/corpus/events" else "/api/claims?threads=true"
    assert f'href="{twin}"' in page.replace("&amp;", "&")
    assert client.get(twin).json()["total"] > 0

"""The HTML pages: one small server-made shell per view that names its JSON twin (a link in the
header and ``<link rel="alternate">``); the front end (``static/app.js``) fills it from that API.

Every value placed in a page is escaped here; everything the front end shows from the API it sets
with ``textContent``, so an article's text is never parsed as HTML.
"""
from __future__ import annotations

from html import escape
from typing import Optional
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

NAV = (("/", "Articles"), ("/events", "Events"), ("/corpus/events", "Corpus events"), ("/quotes", "Quotes"),
       ("/claims", "Claims"), ("/claims/threads", "Claim threads"), ("/actors", "Actors"), ("/network", "Network"),
       ("/timeline", "Timeline"), ("/extract", "Extract"))


def shell(request: Request, view: str, title: str, api: Optional[str], record_id: str = "") -> HTMLResponse:
    """The page of one view. ``api`` is its JSON twin (with the page's own query string)."""
    if api and request.url.query:
        api = f"{api}{'&' if '?' in api else '?'}{request.url.query}"
    nav = "".join(f'<a href="{href}"{" aria-current=page" if href == request.url.path else ""}>{escape(label)}</a>'
                  for href, label in NAV)
    twin = (f'<link rel="alternate" type="application/json" href="{escape(api)}">' if api else "")
    twin_link = f'<a class="json-twin" href="{escape(api)}">JSON</a>' if api else ""
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · newsledger</title>
<link rel="stylesheet" href="/static/app.css">{twin}
<script type="module" src="/static/app.js"></script></head>
<body data-view="{escape(view)}" data-api="{escape(api or '')}" data-id="{escape(record_id)}">
<header><a class="brand" href="/">newsledger</a><nav>{nav}</nav>{twin_link}</header>
<main id="app"><h1>{escape(title)}</h1><noscript>This page needs JavaScript; its data is at the JSON link above.</noscript></main>
</body></html>"""
    return HTMLResponse(html)


@router.get("/")
def articles_page(request: Request):
    return shell(request, "articles", "Articles", "/api/articles")


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str):
    return shell(request, "article", f"Article {article_id}", f"/api/articles/{quote(article_id, safe='')}", article_id)


@router.get("/events")
def events_page(request: Request):
    return shell(request, "events", "Events", "/api/events")


@router.get("/events/{key:path}")
def event_page(request: Request, key: str):
    return shell(request, "event", f"Event {key}", f"/api/events/{quote(key, safe='/')}", key)


@router.get("/corpus/events")
def corpus_events_page(request: Request):
    return shell(request, "corpus_events", "Corpus events", "/api/events?merged=true")


@router.get("/corpus/events/{event_id}")
def corpus_event_page(request: Request, event_id: str):
    return shell(request, "corpus_event", f"Corpus event {event_id}", f"/api/corpus/events/{quote(event_id, safe='')}", event_id)


@router.get("/quotes")
def quotes_page(request: Request):
    return shell(request, "quotes", "Quotes", "/api/quotes")


@router.get("/claims")
def claims_page(request: Request):
    return shell(request, "claims", "Claims", "/api/claims")


@router.get("/claims/threads")
def claim_threads_page(request: Request):
    return shell(request, "claim_threads", "Claim threads", "/api/claims?threads=true")


@router.get("/actors")
def actors_page(request: Request):
    return shell(request, "actors", "Actors", "/api/actors")


@router.get("/network")
def network_page(request: Request):
    return shell(request, "network", "Actor network", "/api/network")


@router.get("/timeline")
def timeline_page(request: Request):
    return shell(request, "timeline", "Timeline", "/api/timeline")


@router.get("/extract")
def extract_page(request: Request):
    return shell(request, "extract", "Extract", None)


@router.get("/favicon.ico")
def favicon():
    return Response(status_code=204)  # no icon; answered so browsers do not log a 404 per page

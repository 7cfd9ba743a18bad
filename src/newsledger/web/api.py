"""The JSON API under ``/api/``: the CLI's record lists with the same filters and pagination, single
records, the actor network and timelines, and extraction of pasted text (nothing stored).

Every read opens the ledger for that request only (``open_reader``), so an ingest can write between
requests. Every read goes through ``newsledger.query``: a filter means what it means on the CLI.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Annotated, Any, Optional, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from .. import query
from ..query import MAX_LIMIT, Filters, QueryError
from ..store import LedgerBusy, open_reader
from .security import require_write_token

T = TypeVar("T")
router = APIRouter(prefix="/api")

# One declaration per filter, shared by the endpoints that take it; the help texts are the CLI's.
Actor = Annotated[Optional[str], Query(max_length=200, description="a CAMEO code prefix in capitals (RUS, RUSGOV) or part of a name (putin)")]
Target = Annotated[Optional[str], Query(max_length=200, description="the target (events) or what a claim is about, as actor")]
Type = Annotated[Optional[str], Query(max_length=40, description="PLOVER category, e.g. ASSAULT, COOPERATE")]
Cameo = Annotated[Optional[str], Query(max_length=4, pattern=r"^[0-9]{1,4}$", description="CAMEO code prefix, e.g. 19 or 190")]
Place = Annotated[Optional[str], Query(max_length=200, description="part of the place name or its country code")]
QuadClass = Annotated[Optional[int], Query(ge=1, le=4, description="1 verbal cooperation ... 4 material conflict")]
All = Annotated[bool, Query(alias="all", description="include negated and hypothetical events")]
Kind = Annotated[Optional[str], Query(max_length=40, description="quotes: direct|indirect|mixed; claims: the quantity's kind; actors: person|country|...")]
Since = Annotated[Optional[dt.date], Query(description="on or after this date (YYYY-MM-DD)")]
Until = Annotated[Optional[dt.date], Query(description="on or before this date (YYYY-MM-DD)")]
Text = Annotated[Optional[str], Query(max_length=500, description="the evidence contains every one of these words")]
ArticleId = Annotated[Optional[str], Query(max_length=500, description="only this article's records")]
Sort = Annotated[Optional[str], Query(max_length=60, description="sort by this column; '-column' sorts descending")]
Desc = Annotated[bool, Query(description="sort descending")]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="at most this many records")]
Merged = Annotated[bool, Query(description="corpus events: the reports of one event merged across articles")]
MinArticles = Annotated[Optional[int], Query(ge=1, le=1_000_000, description="merged events reported by at least this many articles")]
Threads = Annotated[bool, Query(description="claim threads: the same quantity about the same actor or place over time")]
Disagreement = Annotated[Optional[bool], Query(description="threads only: keep those whose sources disagree")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="skip this many records first")]


class PageOut(BaseModel):
    total: int = Field(description="how many records match the filters in all")
    limit: int
    offset: int
    next: Optional[str] = Field(None, description="the URL of the next page, if any")
    rows: list[dict[str, Any]]


class ExtractIn(BaseModel):
    text: str = Field(min_length=1, description="the article text")
    published: Optional[dt.date] = Field(None, description="publication date; relative dates ('on Monday') resolve against it")
    title: Optional[str] = Field(None, max_length=1000)


class ArticleIn(ExtractIn):
    id: str = Field(min_length=1, max_length=500, description="the article's id in the ledger")
    url: Optional[str] = Field(None, max_length=2000)
    source: Optional[str] = Field(None, max_length=500, description="the outlet")


def read(request: Request, work: Callable[[Any], T]) -> T:
    """Run ``work(connection)`` in a read-only session opened for this request only."""
    try:
        with open_reader(request.app.state.db) as ledger:
            return work(ledger.con)
    except FileNotFoundError:
        raise HTTPException(503, f"no ledger at {request.app.state.db_name}") from None
    except LedgerBusy as err:
        raise HTTPException(503, str(err), headers={"Retry-After": "2"}) from None
    except QueryError as err:
        raise HTTPException(400, str(err)) from None


def filters(**given: Any) -> Filters:
    sort, desc = given.pop("sort", None), given.pop("desc", False)
    if sort and desc and not sort.startswith("-"):
        sort = "-" + sort
    values = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in given.items() if v is not None}
    try:
        return Filters(sort=sort, **values)
    except QueryError as err:
        raise HTTPException(400, str(err)) from None


def page(request: Request, kind: str, f: Filters, decorate: Optional[Callable[[dict], dict]] = None) -> dict[str, Any]:
    result = read(request, lambda con: query.list_records(con, kind, f))
    out = result.to_dict()
    if decorate:
        out["rows"] = [decorate(r) for r in out["rows"]]
    shown_to = f.offset + len(result.rows)
    out["next"] = None
    if shown_to < result.total and f.limit:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"] + [("offset", str(shown_to))]
        out["next"] = f"{request.url.path}?{urlencode(params)}"
    return out


def event_key(row: dict[str, Any]) -> dict[str, Any]:
    """A per-article event's id in the API: ``ARTICLE_ID/EVENT_ID`` (article ids may hold slashes,
    event ids never do)."""
    row["key"] = f"{row['article_id']}/{row['event_id']}"
    return row


@router.get("/articles", response_model=PageOut, summary="List articles")
def list_articles(request: Request, since: Since = None, until: Until = None, text: Text = None, article: ArticleId = None,
                  sort: Sort = None, desc: Desc = False, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0):
    return page(request, "articles", filters(since=since, until=until, text=text, article=article, sort=sort, desc=desc, limit=limit, offset=offset))


@router.get("/articles/{article_id:path}", summary="One article: its text and whole extraction")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    found = read(request, lambda con: query.article(con, article_id))
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found


@router.get("/events", response_model=PageOut, summary="List per-article events")
def list_events(request: Request, actor: Actor = None, target: Target = None, type: Type = None, cameo: Cameo = None,
                place: Place = None, quad_class: QuadClass = None, all: All = False, since: Since = None, until: Until = None,
                text: Text = None, article: ArticleId = None, sort: Sort = None, desc: Desc = False,
                limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0, merged: Merged = False, min_articles: MinArticles = None):
    if merged:  # corpus events: one per event however many articles report it
        return page(request, "corpus_events", filters(actor=actor, target=target, type=type, cameo=cameo, place=place,
                                                      since=since, until=until, text=text, min_articles=min_articles,
                                                      sort=sort, desc=desc, limit=limit, offset=offset))
    f = filters(actor=actor, target=target, type=type, cameo=cameo, place=place, quad_class=quad_class, include_unasserted=all,
                since=since, until=until, text=text, article=article, sort=sort, desc=desc, limit=limit, offset=offset)
    return page(request, "events", f, event_key)


@router.get("/events/{key:path}", summary="One per-article event (id ARTICLE_ID/EVENT_ID) with its record and article")
def get_event(request: Request, key: str) -> dict[str, Any]:
    article_id, _, event_id = key.rpartition("/")
    found = read(request, lambda con: query.article_event(con, article_id, event_id)) if article_id else None
    if found is None:
        raise HTTPException(404, f"no event {key!r} (event ids look like ARTICLE_ID/e1)")
    event_key(found["event"])
    return found


@router.get("/quotes", response_model=PageOut, summary="List quotes with their speakers")
def list_quotes(request: Request, actor: Actor = None, kind: Kind = None, since: Since = None, until: Until = None, text: Text = None,
                article: ArticleId = None, sort: Sort = None, desc: Desc = False, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0):
    return page(request, "quotes", filters(actor=actor, kind=kind, since=since, until=until, text=text, article=article,
                                           sort=sort, desc=desc, limit=limit, offset=offset))


@router.get("/claims", response_model=PageOut, summary="List claims with their sources and quantities")
def list_claims(request: Request, actor: Actor = None, target: Target = None, kind: Kind = None, since: Since = None,
                until: Until = None, text: Text = None, article: ArticleId = None, sort: Sort = None, desc: Desc = False,
                limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0, threads: Threads = False, disagreement: Disagreement = None):
    if threads:  # claim threads: the same quantity about the same actor or place, followed over time
        return page(request, "claim_threads", filters(about=target or actor, kind=kind, since=since, until=until, disagreement=disagreement,
                                                      sort=sort, desc=desc, limit=limit, offset=offset))
    return page(request, "claims", filters(actor=actor, target=target, kind=kind, since=since, until=until, text=text, article=article,
                                           sort=sort, desc=desc, limit=limit, offset=offset))


@router.get("/actors", response_model=PageOut, summary="List actors as the articles name them")
def list_actors(request: Request, actor: Actor = None, kind: Kind = None, since: Since = None, until: Until = None, text: Text = None,
                sort: Sort = None, desc: Desc = False, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0):
    return page(request, "article_actors", filters(actor=actor, kind=kind, since=since, until=until, text=text,
                                                   sort=sort, desc=desc, limit=limit, offset=offset))


@router.get("/corpus/events/{event_id}", summary="One corpus event with every report of it and why each joined")
def get_corpus_event(request: Request, event_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    found = read(request, lambda con: query.corpus_event(con, event_id))
    if found is None:
        raise HTTPException(404, f"no corpus event {event_id!r}")
    return found


@router.get("/corpus/actors", response_model=PageOut, summary="Corpus actors: one per entity across articles, with name variants")
def list_corpus_actors(request: Request, name: Annotated[Optional[str], Query(max_length=200, description="any spelling (substring)")] = None,
                       code: Annotated[Optional[str], Query(max_length=40, description="a CAMEO code prefix")] = None,
                       kind: Kind = None, sort: Sort = None, desc: Desc = False, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0):
    return page(request, "corpus_actors", filters(name=name, code=code, kind=kind, sort=sort, desc=desc, limit=limit, offset=offset))


@router.get("/network", summary="Who acts on whom: actors as nodes, source-target pairs as edges with counts by quad class")
def get_network(request: Request, actor: Actor = None, target: Target = None, type: Type = None, quad_class: QuadClass = None,
                since: Since = None, until: Until = None, place: Place = None,
                max_edges: Annotated[int, Query(ge=1, le=5000, description="at most this many edges, the busiest first")] = 400):
    f = filters(actor=actor, target=target, type=type, quad_class=quad_class, since=since, until=until, place=place)
    return read(request, lambda con: query.article_network(con, f, max_edges=max_edges))


@router.get("/network/edge", response_model=PageOut, summary="The events behind one edge of the network")
def get_network_edge(request: Request, source: Annotated[str, Query(max_length=200, description="the edge's source node id")],
                     target: Annotated[str, Query(max_length=200, description="the edge's target node id")],
                     actor: Actor = None, type: Type = None, quad_class: QuadClass = None, since: Since = None,
                     until: Until = None, place: Place = None, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0):
    f = filters(actor=actor, type=type, quad_class=quad_class, since=since, until=until, place=place, limit=limit, offset=offset)
    result = read(request, lambda con: query.network_edge_events(con, f, source, target))
    return {**result.to_dict(), "next": None, "rows": [event_key(r) for r in result.rows]}


@router.get("/timeline", summary="Events per day and quad class, for an actor or a pair")
def get_timeline(request: Request, actor: Actor = None, target: Target = None, type: Type = None, since: Since = None,
                 until: Until = None, place: Place = None) -> dict[str, Any]:
    f = filters(actor=actor, target=target, type=type, since=since, until=until, place=place)
    return {"series": read(request, lambda con: query.event_timeline(con, f))}


# --- extraction --------------------------------------------------------------------------------

_pipeline_lock = threading.Lock()  # one spaCy pipeline per process, not shared by threads at once


def run_extraction(request: Request, body: ExtractIn, article_id: str) -> Any:
    from .. import pipeline

    state = request.app.state
    with _pipeline_lock:
        if state.nlp is None:
            from .. import nlp as nlp_loader

            state.nlp = nlp_loader.load()
        try:
            return pipeline.extract(body.text, published=body.published.isoformat() if body.published else None,
                                    id=article_id, title=body.title, nlp=state.nlp)
        except ValueError as err:
            raise HTTPException(422, str(err)) from None


@router.post("/extract", summary="Extract everything from a pasted article; nothing is stored")
def post_extract(request: Request, body: ExtractIn) -> dict[str, Any]:
    extraction = run_extraction(request, body, "pasted")
    return {"text": extraction.text, "extraction": extraction.to_dict()}


@router.post("/articles", status_code=201, dependencies=[Depends(require_write_token)],
             summary="Add an article to the ledger (needs the server's write token)")
def post_article(request: Request, body: ArticleIn) -> dict[str, Any]:
    from ..store import open_writer

    extraction = run_extraction(request, body, body.id)
    extraction.url, extraction.source = body.url, body.source
    with open_writer(request.app.state.db) as ledger:
        result = ledger.write([extraction])
    return {"id": extraction.id, "sha256": extraction.sha256, "added": bool(result.added),
            "url": f"/api/articles/{extraction.id}"}

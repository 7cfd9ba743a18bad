"""One query layer over the ledger, shared by the CLI query commands and the REST API.

A filter means the same everywhere: ``newsledger events --actor RUS --since 2024-01-01`` and
``GET /api/events?actor=RUS&since=2024-01-01`` build the same SQL here. Every value a user gives is
a bound parameter; column names come only from the whitelists below.

Matching rules (documented for users in the README):

- ``actor`` / ``target`` take a CAMEO code or a name. A value in capitals without spaces
  (``RUS``, ``RUSGOV``, ``IGOWSTNAT``) matches codes that start with it; anything else matches
  names case-insensitively as a substring ("putin" finds "Vladimir Putin").
- ``since`` / ``until`` compare an event's own date range (``date_start``..``date_end``; an event
  without its own date has the publication date) and, for quotes and claims, the publication date.
- ``text`` keeps records whose evidence contains every given word (case-insensitive).
- ``type`` is a PLOVER category (``ASSAULT``), ``cameo`` a CAMEO code prefix (``19``, ``190``).

Corpus kinds (the tables ``newsledger.corpus`` rebuilds), listed with the same ``list_records``:

- ``list_records(con, "corpus_events", f)``: merged events, one record per event with ``id, cameo,
  cameo_root, plover, plover_mode, source`` (corpus actor id) ``, source_code, target, target_code,
  date_start, date_end, n_mentions, n_articles, n_sources, articles`` (article ids) and ``mentions``
  (``article_id, event_id, evidence_text``, earliest first). ``min_articles`` keeps events reported by
  at least that many articles.
- ``list_records(con, "corpus_actors", f)``: actors across articles: ``id, name, kind, code, n_articles,
  names`` (the spellings met). ``name`` matches any spelling (substring), ``code`` a code prefix.
- ``list_records(con, "claim_threads", f)``: ``id, about, about_name, about_code, unit, values``
  (``date, value, low, high, source_code, article``) and ``disagreement``. ``about`` matches like
  ``actor``; ``disagreement=True`` keeps the threads whose sources disagree.

``corpus_event(con, id)`` gives one merged event with every mention and why it joined;
``network(con, period, since, until, actor)`` the actor network's edges per period.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Optional

import duckdb

DEFAULT_LIMIT = 50
MAX_LIMIT = 10_000
_CODE = re.compile(r"^[A-Z0-9]{3,15}$")


@dataclass
class Filters:
    """What a user can ask of any record list. Fields a table does not have are ignored by it."""

    actor: Optional[str] = None
    target: Optional[str] = None
    type: Optional[str] = None
    cameo: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    place: Optional[str] = None
    text: Optional[str] = None
    article: Optional[str] = None
    kind: Optional[str] = None
    quad_class: Optional[int] = None
    #: corpus kinds: actors by any spelling / code prefix, threads by what they are about
    name: Optional[str] = None
    code: Optional[str] = None
    about: Optional[str] = None
    min_articles: Optional[int] = None
    disagreement: Optional[bool] = None
    #: events only: also list negated and hypothetical events (by default only asserted ones)
    include_unasserted: bool = False
    sort: Optional[str] = None  # a column of the record list; "-column" for descending
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise QueryError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None
        if not 0 <= self.limit <= MAX_LIMIT:
            raise QueryError(f"limit must be between 0 and {MAX_LIMIT:,}, got {self.limit}")
        if self.offset < 0:
            raise QueryError(f"offset must not be negative, got {self.offset}")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


class QueryError(ValueError):
    """A filter a user gave that cannot be applied (a bad date, an unknown sort column)."""


@dataclass
class Page:
    """One page of records and how many match in all."""

    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    columns: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "rows": self.rows}


@dataclass(frozen=True)
class RecordList:
    """How one kind of record is listed: its SQL, the columns filters apply to and its order."""

    name: str
    select: str  # a SELECT over the ledger's tables, one row per record, no WHERE/ORDER
    columns: tuple[str, ...]  # columns shown, in this order
    order: str  # the default ORDER BY
    actor_columns: tuple[tuple[str, str], ...] = ()  # (code column, name column) pairs for `actor`
    target_columns: tuple[tuple[str, str], ...] = ()
    text_columns: tuple[str, ...] = ()
    date_columns: tuple[str, str] = ("published", "published")  # (start, end) for since/until
    place_columns: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)  # filter name -> column compared with "="
    cameo_column: Optional[str] = None  # the column `cameo` (a code prefix) applies to
    asserted_only: bool = False  # without include_unasserted, drop negated and hypothetical records
    about_columns: tuple[tuple[str, str], ...] = ()  # (code column, name column) pairs for `about`
    name_columns: tuple[str, ...] = ()  # columns `name` matches as a substring
    code_columns: tuple[str, ...] = ()  # columns `code` matches as a prefix
    minimum: dict[str, str] = field(default_factory=dict)  # filter name -> column compared with ">="
    #: fills nested values (mentions, values) into one page of rows, with one query for the page
    attach: Optional[Callable[[duckdb.DuckDBPyConnection, list[dict[str, Any]]], None]] = None


_ARTICLE = "a.published, a.source AS outlet, a.title"

EVENTS = RecordList(
    name="events",
    select=f"""SELECT e.article_id, e.event_id, e.sentence, coalesce(e.date_start, a.published) AS date_start,
                      coalesce(e.date_end, a.published) AS date_end, e.date_precision,
                      e.source_name, e.source_code, e.cameo, e.plover, e.quad_class, e.goldstein, e.target_name, e.target_code,
                      e.negated, e.hypothetical, e.historical, e.attributed, e.reciprocal, e.confidence,
                      e.place_name, e.place_country, e.lat, e.lon, e.trigger_text, e.evidence_text,
                      e.evidence_start, e.evidence_end, e.pattern, e.sha256, {_ARTICLE}
               FROM events e JOIN articles a USING (sha256)""",
    columns=("article_id", "event_id", "date_start", "source_name", "source_code", "cameo", "plover", "target_name",
             "target_code", "negated", "hypothetical", "historical", "attributed", "place_name", "evidence_text",
             "sentence", "date_end", "date_precision", "quad_class", "goldstein", "reciprocal", "confidence",
             "place_country", "lat", "lon", "trigger_text", "evidence_start", "evidence_end", "pattern",
             "published", "outlet", "title", "sha256"),
    order="published, article_id, sentence, event_id",
    actor_columns=(("source_code", "source_name"),),
    target_columns=(("target_code", "target_name"),),
    text_columns=("evidence_text",),
    date_columns=("date_start", "date_end"),
    place_columns=("place_name", "place_country"),
    extra={"type": "plover", "quad_class": "quad_class", "article": "article_id"},
    cameo_column="cameo",
    asserted_only=True,
)

QUOTES = RecordList(
    name="quotes",
    select=f"""SELECT q.article_id, q.quote_id, q.speaker_name, q.speaker_code, q.kind, q.cue_text, q.cue_class,
                      q.content_text, q.content_start, q.content_end, q.sha256, {_ARTICLE}
               FROM quotes q JOIN articles a USING (sha256)""",
    columns=("article_id", "quote_id", "published", "speaker_name", "speaker_code", "kind", "cue_text", "content_text",
             "cue_class", "content_start", "content_end", "outlet", "title", "sha256"),
    order="published, article_id, content_start",
    actor_columns=(("speaker_code", "speaker_name"),),
    text_columns=("content_text",),
    extra={"kind": "kind", "article": "article_id"},
)

CLAIMS = RecordList(
    name="claims",
    select=f"""SELECT c.article_id, c.claim_id, c.source_name, c.source_code, c.about_name, c.about_code, c.hedged,
                      c.value, c.low, c.high, c.unit, c.unit_kind, c.currency, c.approximate, c.evidence_text,
                      c.evidence_start, c.evidence_end, c.sha256, {_ARTICLE}
               FROM claims c JOIN articles a USING (sha256)""",
    columns=("article_id", "claim_id", "published", "source_name", "source_code", "about_name", "about_code",
             "value", "low", "high", "unit", "hedged", "evidence_text", "unit_kind", "currency", "approximate",
             "evidence_start", "evidence_end", "outlet", "title", "sha256"),
    order="published, article_id, evidence_start",
    actor_columns=(("source_code", "source_name"),),
    target_columns=(("about_code", "about_name"),),
    text_columns=("evidence_text",),
    extra={"kind": "unit_kind", "article": "article_id"},
)

ARTICLES = RecordList(
    name="articles",
    select="""SELECT a.id AS article_id, a.published, a.source AS outlet, a.title, a.url, a.language, a.n_chars,
                     a.n_sentences, (SELECT count(*) FROM events e WHERE e.sha256 = a.sha256) AS n_events,
                     (SELECT count(*) FROM quotes q WHERE q.sha256 = a.sha256) AS n_quotes, a.sha256
              FROM articles a""",
    columns=("article_id", "published", "outlet", "title", "n_events", "n_quotes", "url", "language", "n_chars",
             "n_sentences", "sha256"),
    order="published, article_id",
    text_columns=("title",),
    extra={"article": "article_id"},
)



def _attach_mentions(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    mentions: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        result = con.execute(
            """SELECT corpus_event_id, article_id, event_id, evidence_text, published, outlet, rule
               FROM event_mentions WHERE corpus_event_id IN (SELECT unnest(?))
               ORDER BY corpus_event_id, published NULLS LAST, sha256, sentence, event_id""", [ids])
        for eid, article_id, event_id, evidence, published, outlet, rule in result.fetchall():
            mentions[eid].append({"article_id": article_id, "event_id": event_id, "evidence_text": evidence,
                                  "published": published.isoformat() if published else None, "outlet": outlet, "rule": rule})
    for r in rows:
        r["mentions"] = mentions[r["id"]]


def _attach_values(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    values: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        result = con.execute(
            """SELECT thread_id, date, value, low, high, source_name, source_code, article_id, claim_id, outlet, evidence_text
               FROM claim_thread_values WHERE thread_id IN (SELECT unnest(?)) ORDER BY thread_id, seq""", [ids])
        for tid, date, value, low, high, source_name, source_code, article_id, claim_id, outlet, evidence in result.fetchall():
            values[tid].append({"date": date.isoformat() if date else None, "value": value, "low": low, "high": high,
                                "source_name": source_name, "source_code": source_code, "article": article_id,
                                "claim_id": claim_id, "outlet": outlet, "evidence_text": evidence})
    for r in rows:
        r["values"] = values[r["id"]]


CORPUS_EVENTS = RecordList(
    name="corpus_events",
    select="""SELECT corpus_event_id AS id, cameo, cameo_root, plover, plover_mode, plover_context, quad_class, goldstein,
                     source, source_name, source_code, target, target_name, target_code, date_start, date_end, date_precision,
                     place_name, place_country, lat, lon, n_mentions, n_articles, n_sources, articles,
                     first_published, last_published, evidence_text, url
              FROM corpus_events""",
    columns=("id", "date_start", "date_end", "date_precision", "source", "source_name", "source_code", "cameo", "cameo_root",
             "plover", "plover_mode", "plover_context", "target", "target_name", "target_code", "quad_class", "goldstein",
             "place_name", "place_country", "lat", "lon", "n_mentions", "n_articles", "n_sources", "articles",
             "first_published", "last_published", "evidence_text", "url"),
    order="date_start, id",
    actor_columns=(("source_code", "source_name"),),
    target_columns=(("target_code", "target_name"),),
    text_columns=("evidence_text",),
    date_columns=("date_start", "date_end"),
    place_columns=("place_name", "place_country"),
    extra={"type": "plover", "quad_class": "quad_class"},
    cameo_column="cameo",
    minimum={"min_articles": "n_articles"},
    attach=_attach_mentions,
)

CORPUS_ACTORS = RecordList(
    name="corpus_actors",
    select="""SELECT corpus_actor_id AS id, name, kind, code, country, sector, n_articles, n_mentions, names, codes,
                     first_seen, last_seen, array_to_string(names, ' | ') AS names_text
              FROM corpus_actors""",
    columns=("id", "name", "kind", "code", "n_articles", "n_mentions", "names", "country", "sector", "codes",
             "first_seen", "last_seen"),
    order="n_articles DESC, name, id",
    actor_columns=(("code", "names_text"),),
    text_columns=("names_text",),
    date_columns=("first_seen", "last_seen"),
    extra={"kind": "kind"},
    name_columns=("names_text",),
    code_columns=("code",),
    minimum={"min_articles": "n_articles"},
)

CLAIM_THREADS = RecordList(
    name="claim_threads",
    select="""SELECT thread_id AS id, about, about_name, about_code, place_name, unit_kind, unit, n_claims, n_articles,
                     n_sources, first_date, last_date, first_value, last_value, min_value, max_value, disagreement
              FROM claim_threads""",
    columns=("id", "about", "about_name", "about_code", "place_name", "unit_kind", "unit", "n_claims", "n_articles",
             "n_sources", "first_date", "last_date", "first_value", "last_value", "min_value", "max_value", "disagreement"),
    order="first_date, id",
    actor_columns=(("about_code", "about_name"),),
    target_columns=(("about_code", "about_name"),),
    about_columns=(("about_code", "about_name"),),
    text_columns=("about_name", "place_name", "unit"),
    date_columns=("first_date", "last_date"),
    place_columns=("place_name",),
    extra={"kind": "unit_kind", "disagreement": "disagreement"},
    minimum={"min_articles": "n_articles"},
    attach=_attach_values,
)

RECORD_LISTS = {r.name: r for r in (EVENTS, QUOTES, CLAIMS, ARTICLES, CORPUS_EVENTS, CORPUS_ACTORS, CLAIM_THREADS)}


def actor_condition(value: str, columns: Sequence[tuple[str, str]], params: list[Any]) -> str:
    """SQL matching a code prefix (a value in capitals) or a name substring in any of ``columns``."""
    parts = []
    for code_column, name_column in columns:
        if _CODE.match(value):
            parts.append(f"starts_with({code_column}, ?)")
        else:
            parts.append(f"{name_column} ILIKE ?")
        params.append(value if _CODE.match(value) else f"%{_escape_like(value)}%")
    return "(" + " OR ".join(parts) + ")"


def _escape_like(value: str) -> str:
    # ILIKE without ESCAPE treats backslash as the escape character in DuckDB
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_clause(spec: RecordList, f: Filters) -> tuple[str, list[Any]]:
    """The WHERE of a record list under the filters, and its parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if f.actor and spec.actor_columns:
        conditions.append(actor_condition(f.actor, spec.actor_columns, params))
    if f.target and spec.target_columns:
        conditions.append(actor_condition(f.target, spec.target_columns, params))
    if f.cameo and spec.cameo_column:
        conditions.append(f"starts_with({spec.cameo_column}, ?)")
        params.append(f.cameo)
    if f.about and spec.about_columns:
        conditions.append(actor_condition(f.about, spec.about_columns, params))
    if f.name and spec.name_columns:
        conditions.append("(" + " OR ".join(f"{c} ILIKE ?" for c in spec.name_columns) + ")")
        params.extend([f"%{_escape_like(f.name)}%"] * len(spec.name_columns))
    if f.code and spec.code_columns:
        conditions.append("(" + " OR ".join(f"starts_with({c}, ?)" for c in spec.code_columns) + ")")
        params.extend([f.code.upper()] * len(spec.code_columns))
    for name, column in spec.minimum.items():
        value = getattr(f, name)
        if value is not None:
            conditions.append(f"{column} >= ?")
            params.append(value)
    if f.since:
        conditions.append(f"{spec.date_columns[1]} >= ?::DATE")
        params.append(f.since)
    if f.until:
        conditions.append(f"{spec.date_columns[0]} <= ?::DATE")
        params.append(f.until)
    if f.place and spec.place_columns:
        conditions.append("(" + " OR ".join(f"{c} ILIKE ?" for c in spec.place_columns) + ")")
        params.extend([f"%{_escape_like(f.place)}%"] * len(spec.place_columns))
    if f.text and spec.text_columns:
        for word in f.text.split():
            conditions.append("(" + " OR ".join(f"{c} ILIKE ?" for c in spec.text_columns) + ")")
            params.extend([f"%{_escape_like(word)}%"] * len(spec.text_columns))
    for name, column in spec.extra.items():
        value = getattr(f, name)
        if value is not None and value != "":
            conditions.append(f"{column} = ?")
            params.append(value.upper() if name == "type" else value)
    if spec.asserted_only and not f.include_unasserted:
        conditions.append("NOT negated AND NOT hypothetical")
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def order_clause(spec: RecordList, sort: Optional[str]) -> str:
    if not sort:
        return spec.order
    column = sort.lstrip("-")
    if column not in spec.columns:
        raise QueryError(f"cannot sort {spec.name} by {column!r}; choose one of {', '.join(spec.columns)}")
    return f"{column} {'DESC' if sort.startswith('-') else 'ASC'} NULLS LAST, {spec.order}"


def list_records(con: duckdb.DuckDBPyConnection, kind: str, f: Filters) -> Page:
    """One page of ``kind`` records under the filters: ``events``, ``quotes``, ``claims``, ``articles``, or the
    corpus kinds ``corpus_events``, ``corpus_actors``, ``claim_threads`` (see the module docstring)."""
    spec = RECORD_LISTS[kind]
    where, params = where_clause(spec, f)
    columns = ", ".join(spec.columns)
    sql = (f"SELECT {columns}, count(*) OVER () AS _total FROM ({spec.select}) AS records{where} "
           f"ORDER BY {order_clause(spec, f.sort)} LIMIT ? OFFSET ?")
    result = con.execute(sql, [*params, f.limit, f.offset])
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, row)) for row in result.fetchall()]
    total = rows[0].pop("_total") if rows else _count(con, spec, where, params)
    for row in rows[1:]:
        row.pop("_total")
    rows = [_plain_row(r) for r in rows]
    if spec.attach is not None:
        spec.attach(con, rows)
    return Page(rows=rows, total=total, limit=f.limit, offset=f.offset, columns=list(spec.columns))


def _count(con: duckdb.DuckDBPyConnection, spec: RecordList, where: str, params: list[Any]) -> int:
    """The number of matches when the page is empty (an offset past the end)."""
    return con.execute(f"SELECT count(*) FROM ({spec.select}) AS records{where}", params).fetchone()[0]


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values: dates as ISO strings."""
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in row.items()}


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> Optional[dict[str, Any]]:
    """An article with its text, metadata and whole extraction record (the output contract)."""
    import json

    row = con.execute(
        """SELECT a.id, a.title, a.url, a.source, a.published, a.language, a.text, a.sha256, x.record
           FROM articles a JOIN extractions x USING (sha256) WHERE a.id = ? ORDER BY a.ingested_at LIMIT 1""",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    names = ("id", "title", "url", "outlet", "published", "language", "text", "sha256")
    out = _plain_row(dict(zip(names, row[:8])))
    out["extraction"] = json.loads(row[8])
    out["corpus_events"] = _corpus_events_of(con, out["sha256"])
    return out


def _corpus_events_of(con: duckdb.DuckDBPyConnection, sha256: str) -> dict[str, dict[str, Any]]:
    """The corpus event each of an article's events joined, by event id, with how widely it was reported."""
    rows = con.execute(
        """SELECT m.event_id, e.corpus_event_id, e.n_articles, e.n_mentions, e.n_sources
           FROM event_mentions m JOIN corpus_events e USING (corpus_event_id) WHERE m.sha256 = ?""", [sha256]).fetchall()
    return {event_id: {"id": cid, "n_articles": n_articles, "n_mentions": n_mentions, "n_sources": n_sources}
            for event_id, cid, n_articles, n_mentions, n_sources in rows}


def corpus_event(con: duckdb.DuckDBPyConnection, event_id: str) -> Optional[dict[str, Any]]:
    """One merged event with every mention: its article, outlet, evidence sentence and spans, and the
    rule and reason it joined by (the first report says why it anchors the event). None if unknown."""
    result = con.execute(f"SELECT * FROM ({CORPUS_EVENTS.select}) AS e WHERE id = ?", [event_id])
    names = [d[0] for d in result.description]
    row = result.fetchone()
    if row is None:
        return None
    out = _plain_row(dict(zip(names, row)))
    result = con.execute(
        """SELECT m.article_id, m.event_id, m.sentence, m.published, m.outlet, m.url, a.title, m.cameo, m.date_start,
                  m.date_end, m.date_precision, m.place_name, m.evidence_text, m.evidence_start, m.evidence_end,
                  m.trigger_start, m.trigger_end, m.confidence, m.is_root, m.rule, m.reason, m.sha256
           FROM event_mentions m JOIN articles a USING (sha256) WHERE m.corpus_event_id = ?
           ORDER BY m.published NULLS LAST, m.sha256, m.sentence, m.event_id""", [event_id])
    names = [d[0] for d in result.description]
    out["mentions"] = [_plain_row(dict(zip(names, r))) for r in result.fetchall()]
    return out


def network(con: duckdb.DuckDBPyConnection, period: str = "week", since: Optional[str] = None,
            until: Optional[str] = None, actor: Optional[str] = None) -> list[dict[str, Any]]:
    """Edges of the directed actor network per ``period`` (day, week, month): see ``newsledger.corpus.network``."""
    from .corpus import network as corpus_network

    for name, value in (("since", since), ("until", until)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None
    try:
        return corpus_network.network(con, period, since, until, actor)
    except ValueError as err:
        raise QueryError(str(err)) from None


# --- Views the web layer needs beyond the record lists --------------------------------------------
# Kept at the end so the corpus kinds (added by the corpus layer) and these grow apart.

#: Actors as the articles name them, one row per name and code across the ledger (the corpus
#: layer's ``corpus_actors`` resolves identities; this list is what the articles themselves say).
ARTICLE_ACTORS = RecordList(
    name="article_actors",
    select="""SELECT arg_max(ac.name, ac.n_mentions) AS name, ac.cameo_code, any_value(ac.kind) AS kind,
                     any_value(ac.country) AS country, any_value(ac.sector) AS sector,
                     count(DISTINCT ac.sha256) AS n_articles, sum(ac.n_mentions) AS n_mentions,
                     min(a.published) AS first_seen, max(a.published) AS last_seen
              FROM actors ac JOIN articles a USING (sha256)
              GROUP BY lower(ac.name), ac.cameo_code""",
    columns=("name", "cameo_code", "kind", "country", "sector", "n_articles", "n_mentions", "first_seen", "last_seen"),
    order="n_articles DESC, n_mentions DESC, name, cameo_code NULLS FIRST",  # a total order: pages never overlap
    actor_columns=(("cameo_code", "name"),),
    text_columns=("name",),
    date_columns=("first_seen", "last_seen"),
    extra={"kind": "kind"},
)
RECORD_LISTS[ARTICLE_ACTORS.name] = ARTICLE_ACTORS


def article_event(con: duckdb.DuckDBPyConnection, article_id: str, event_id: str) -> Optional[dict[str, Any]]:
    """One per-article event: its listed row, its full record from the extraction, and its article."""
    rows = list_records(con, "events", Filters(article=article_id, include_unasserted=True, limit=MAX_LIMIT)).rows
    row = next((r for r in rows if r["event_id"] == event_id), None)
    if row is None:
        return None
    whole = article(con, article_id)
    record = next((e for e in whole["extraction"]["events"] if e["id"] == event_id), None) if whole else None
    corpus = whole["corpus_events"].get(event_id) if whole else None
    return {"event": row, "record": record,
            "article": {k: whole[k] for k in ("id", "title", "published", "outlet", "url")} if whole else None,
            "corpus_event": corpus, "reports": _other_reports(con, corpus["id"], whole["sha256"], event_id) if corpus else []}


def _other_reports(con: duckdb.DuckDBPyConnection, corpus_event_id: str, sha256: str, event_id: str) -> list[dict[str, Any]]:
    """The other mentions of a corpus event (other articles first reporting it, then this article's repeats)."""
    result = con.execute(
        """SELECT m.article_id, m.event_id, a.title, m.published, m.outlet, m.evidence_text, m.rule, m.reason
           FROM event_mentions m JOIN articles a USING (sha256)
           WHERE m.corpus_event_id = ? AND NOT (m.sha256 = ? AND m.event_id = ?)
           ORDER BY m.sha256 = ?, m.published NULLS LAST, m.article_id, m.event_id""",
        [corpus_event_id, sha256, event_id, sha256])
    names = [d[0] for d in result.description]
    return [_plain_row(dict(zip(names, r))) for r in result.fetchall()]


def _events_where(f: Filters) -> tuple[str, list[Any]]:
    return where_clause(EVENTS, f)


def article_network(con: duckdb.DuckDBPyConnection, f: Filters, max_edges: int = 400) -> dict[str, Any]:
    """Who acts on whom in the per-article events under the filters: actors (by CAMEO code, or
    name when uncoded) as nodes, one edge per source-target pair with its counts by quad class."""
    where, params = _events_where(f)
    sql = f"""WITH ev AS (SELECT * FROM ({EVENTS.select}) AS records{where}),
                   keyed AS (SELECT coalesce(source_code, source_name) AS s, coalesce(target_code, target_name) AS t, *
                             FROM ev)
              SELECT s, t, mode(source_name) AS s_name, mode(target_name) AS t_name, count(*) AS n,
                     count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                     count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
                     avg(goldstein) AS goldstein, count(DISTINCT article_id) AS n_articles
              FROM keyed WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
              GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?"""
    edges, nodes = [], {}
    for s, t, s_name, t_name, n, q1, q2, q3, q4, goldstein, n_articles in con.execute(sql, [*params, max_edges]).fetchall():
        for key, name in ((s, s_name), (t, t_name)):
            node = nodes.setdefault(key, {"id": key, "label": name or key, "code": key if _CODE.match(key) else None, "count": 0})
            node["count"] += n
        edges.append({"source": s, "target": t, "count": n, "quad_class": {"1": q1, "2": q2, "3": q3, "4": q4},
                      "cooperation": q1 + q2, "conflict": q3 + q4,
                      "goldstein": round(goldstein, 2) if goldstein is not None else None, "n_articles": n_articles})
    return {"nodes": sorted(nodes.values(), key=lambda n: -n["count"]), "edges": edges}


def event_timeline(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Events per day and quad class under the filters (an event dated by month counts on its first day)."""
    where, params = _events_where(f)
    sql = f"""SELECT date_start AS day, quad_class, count(*) AS n FROM ({EVENTS.select}) AS records{where}
              {'AND' if where else 'WHERE'} date_start IS NOT NULL
              GROUP BY day, quad_class ORDER BY day, quad_class"""
    return [_plain_row({"day": d, "quad_class": q, "count": n}) for d, q, n in con.execute(sql, params).fetchall()]


def network_edge_events(con: duckdb.DuckDBPyConnection, f: Filters, source: str, target: str) -> Page:
    """The events behind one edge of ``article_network``: those whose source and target keys (CAMEO
    code, or name when uncoded) are exactly ``source`` and ``target``, under the same filters."""
    where, params = _events_where(f)
    exact = "coalesce(source_code, source_name) = ? AND coalesce(target_code, target_name) = ?"
    where = f"{where} AND {exact}" if where else f" WHERE {exact}"
    params = [*params, source, target]
    columns = ", ".join(EVENTS.columns)
    sql = (f"SELECT {columns}, count(*) OVER () AS _total FROM ({EVENTS.select}) AS records{where} "
           f"ORDER BY {order_clause(EVENTS, f.sort)} LIMIT ? OFFSET ?")
    result = con.execute(sql, [*params, f.limit, f.offset])
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, row)) for row in result.fetchall()]
    total = rows[0]["_total"] if rows else _count(con, EVENTS, where, params)
    for row in rows:
        row.pop("_total")
    return Page(rows=[_plain_row(r) for r in rows], total=total, limit=f.limit, offset=f.offset, columns=list(EVENTS.columns))

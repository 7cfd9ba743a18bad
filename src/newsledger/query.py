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
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
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

RECORD_LISTS = {r.name: r for r in (EVENTS, QUOTES, CLAIMS, ARTICLES)}


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
    if f.cameo and spec is EVENTS:
        conditions.append("starts_with(cameo, ?)")
        params.append(f.cameo)
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
    if spec is EVENTS and not f.include_unasserted:
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
    """One page of ``kind`` records (``events``, ``quotes``, ``claims``, ``articles``) under the filters."""
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
    return Page(rows=[_plain_row(r) for r in rows], total=total, limit=f.limit, offset=f.offset, columns=list(spec.columns))


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
    return out


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
    return {"event": row, "record": record,
            "article": {k: whole[k] for k in ("id", "title", "published", "outlet", "url")} if whole else None}


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

"""The directed actor-actor network and event series, queried from the corpus events.

An edge is (source corpus actor → target corpus actor, period): the number of corpus events,
their counts by quad class (1 verbal cooperation .. 4 material conflict), the mean Goldstein
score and the mentions behind them. A period is the ``day``, ``week`` (starting Monday) or
``month`` of the event's start date. Series fill the periods without events with zeros.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import duckdb

PERIODS = ("day", "week", "month")

EDGE_COLUMNS = ("period", "source", "source_name", "source_code", "target", "target_name", "target_code",
                "n_events", "n_mentions", "n_articles", "quad1", "quad2", "quad3", "quad4", "mean_goldstein")


def _check_period(period: str) -> str:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    return period


def _actor_match(value: str, params: list[Any], *sides: str) -> str:
    """Events whose source/target (``sides``) is the corpus actor ``value`` (an id), has a code starting
    with it (capitals), or a name containing it."""
    parts = []
    is_code = value.isupper() and " " not in value
    for side in sides:
        parts.append(f"(e.{side} = ?" + (f" OR starts_with(e.{side}_code, ?)" if is_code else "") + f" OR e.{side}_name ILIKE ?)")
        params.extend([value, *([value] if is_code else []), f"%{value}%"])
    return "(" + " OR ".join(parts) + ")"


def network(con: duckdb.DuckDBPyConnection, period: str = "week", since: Optional[str] = None,
            until: Optional[str] = None, actor: Optional[str] = None) -> list[dict[str, Any]]:
    """Edges of the directed network per period, for events with both a source and a target."""
    _check_period(period)
    conditions, params = ["e.source IS NOT NULL", "e.target IS NOT NULL", "e.date_start IS NOT NULL"], []
    if since:
        conditions.append("e.date_end >= ?::DATE")
        params.append(since)
    if until:
        conditions.append("e.date_start <= ?::DATE")
        params.append(until)
    if actor:
        conditions.append(_actor_match(actor, params, "source", "target"))
    sql = f"""
        SELECT date_trunc('{period}', e.date_start)::DATE AS period, e.source, first(e.source_name) AS source_name,
               first(e.source_code ORDER BY e.source_code) AS source_code, e.target, first(e.target_name) AS target_name,
               first(e.target_code ORDER BY e.target_code) AS target_code,
               count(*) AS n_events, sum(e.n_mentions)::BIGINT AS n_mentions, sum(e.n_articles)::BIGINT AS n_articles,
               count(*) FILTER (WHERE e.quad_class = 1) AS quad1, count(*) FILTER (WHERE e.quad_class = 2) AS quad2,
               count(*) FILTER (WHERE e.quad_class = 3) AS quad3, count(*) FILTER (WHERE e.quad_class = 4) AS quad4,
               round(avg(e.goldstein), 3) AS mean_goldstein
        FROM corpus_events e WHERE {' AND '.join(conditions)}
        GROUP BY 1, e.source, e.target ORDER BY 1, n_events DESC, e.source, e.target"""
    return _rows(con.execute(sql, params))


def pair_series(con: duckdb.DuckDBPyConnection, source: str, target: str, period: str = "day") -> list[dict[str, Any]]:
    """Per period from the pair's first to last event: events source → target (zeros where none)."""
    params: list[Any] = []
    where = _actor_match(source, params, "source") + " AND " + _actor_match(target, params, "target")
    return _series(con, where, params, period)


def actor_series(con: duckdb.DuckDBPyConnection, actor: str, period: str = "day") -> list[dict[str, Any]]:
    """Per period: events the actor took part in, as source or target (zeros where none)."""
    params: list[Any] = []
    return _series(con, _actor_match(actor, params, "source", "target"), params, period)


def _series(con: duckdb.DuckDBPyConnection, where: str, params: list[Any], period: str) -> list[dict[str, Any]]:
    _check_period(period)
    step = {"day": "1 day", "week": "7 days", "month": "1 month"}[period]
    sql = f"""
        WITH ev AS (
            SELECT date_trunc('{period}', e.date_start)::DATE AS period, e.quad_class, e.goldstein, e.n_mentions
            FROM corpus_events e WHERE e.date_start IS NOT NULL AND {where}
        ),
        periods AS (
            SELECT unnest(generate_series(min(period)::TIMESTAMP, max(period)::TIMESTAMP, INTERVAL '{step}'))::DATE AS period FROM ev
        )
        SELECT p.period, count(ev.period) AS n_events, coalesce(sum(ev.n_mentions), 0)::BIGINT AS n_mentions,
               count(*) FILTER (WHERE ev.quad_class = 1) AS quad1, count(*) FILTER (WHERE ev.quad_class = 2) AS quad2,
               count(*) FILTER (WHERE ev.quad_class = 3) AS quad3, count(*) FILTER (WHERE ev.quad_class = 4) AS quad4,
               round(avg(ev.goldstein), 3) AS mean_goldstein
        FROM periods p LEFT JOIN ev USING (period) GROUP BY p.period ORDER BY p.period"""
    return _rows(con.execute(sql, params))


def to_graph(edges: list[dict[str, Any]]):
    """A networkx MultiDiGraph: one node per corpus actor, one edge per (source, target, period)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for e in edges:
        for side in ("source", "target"):
            graph.add_node(e[side], name=e[f"{side}_name"] or "", code=e[f"{side}_code"] or "")
        attrs = {k: v for k, v in e.items() if k not in ("source", "target", "source_name", "target_name", "source_code", "target_code")}
        attrs = {k: ("" if v is None else v) for k, v in attrs.items()}
        graph.add_edge(e["source"], e["target"], key=e["period"], **attrs)
    return graph


def _rows(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description]
    return [{k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in zip(names, row)}
            for row in result.fetchall()]

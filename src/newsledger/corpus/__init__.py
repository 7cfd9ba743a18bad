"""The corpus ledger: what many articles say together, rebuilt from the per-article tables.

``rebuild(con)`` replaces every corpus table in one transaction, in SQL: corpus actors
(``actors``), merged events (``events``), claim threads (``claims``); the actor network is a
query over the merged events (``network``). Rebuilding from scratch keeps the corpus a pure
function of the articles the ledger holds: ingesting in two halves gives exactly the tables
ingesting at once gives, and ids come from content (hashes), never from insertion order.

The ingest rebuilds at the end of every run that added articles (``rebuild_if_stale``);
``newsledger corpus LEDGER`` rebuilds on demand.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Union

import duckdb

from ..ontology.codes import DATA_DIR
from . import actors, claims, events

__all__ = ["rebuild", "rebuild_if_stale", "is_stale", "rebuild_ledger", "RebuildResult"]

_CAMEO_TABLE = "_cameo_plover"


class RebuildResult(dict):
    """Counts of the rebuilt tables and the seconds it took (a dict, printable as is)."""


def rebuild(con: duckdb.DuckDBPyConnection) -> RebuildResult:
    """Replace the corpus tables from the per-article tables, in one transaction."""
    started = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {_CAMEO_TABLE} AS
                        SELECT cameo_code, plover_mode_2021, plover_context_2021
                        FROM read_csv(?, delim = '\t', header = true, all_varchar = true, quote = '')""",
                    [str(DATA_DIR / "cameo_event_codes.tsv")])
        actors.build(con)
        events.build(con, _CAMEO_TABLE)
        claims.build(con)
        con.execute(f"DROP TABLE IF EXISTS {_CAMEO_TABLE}")
        seconds = time.perf_counter() - started
        n_articles, n_mentions = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions)").fetchone()
        con.execute("DELETE FROM corpus_meta")
        con.execute("INSERT INTO corpus_meta VALUES (?, ?, ?, ?)", [dt.datetime.now(), n_articles, n_mentions, seconds])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    result = RebuildResult(
        (table, con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("corpus_actors", "corpus_events", "event_mentions", "claim_threads"))
    result["multi_article_events"] = con.execute("SELECT count(*) FROM corpus_events WHERE n_articles > 1").fetchone()[0]
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the articles changed since the last rebuild (or it never ran)."""
    row = con.execute("SELECT n_articles FROM corpus_meta LIMIT 1").fetchone()
    return row is None or row[0] != con.execute("SELECT count(*) FROM articles").fetchone()[0]


def rebuild_if_stale(path: Union[str, Path]) -> RebuildResult | None:
    """Rebuild the ledger's corpus tables when its articles changed; one writer session."""
    from ..store import open_writer

    with open_writer(path) as ledger:
        if not is_stale(ledger.con):
            return None
        return rebuild(ledger.con)


def rebuild_ledger(path: Union[str, Path]) -> RebuildResult:
    from ..store import open_writer

    with open_writer(path) as ledger:
        return rebuild(ledger.con)

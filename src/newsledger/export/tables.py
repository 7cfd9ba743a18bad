"""Every ledger table as one CSV or Parquet file in a directory, and the output contract as JSONL.

List columns (a corpus actor's ``names``, a corpus event's ``articles``) stay lists in Parquet and are
written as JSON arrays in CSV, so every CSV cell is plain text a spreadsheet or ``pandas.read_csv`` takes.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Union

import duckdb

from ..store.schema import TABLES

#: What ``export --format csv|parquet`` writes, one file per table.
EXPORT_TABLES = ("articles", "actors", "corpus_actors", "actor_links", "events", "corpus_events", "event_mentions",
                 "quotes", "claims", "claim_threads", "claim_thread_values", "dates", "places", "failures")


def _literal(path: Union[str, Path]) -> str:
    # COPY takes its target as a literal, not a parameter: quote it
    return "'" + str(path).replace("'", "''") + "'"


def write_tables(con: duckdb.DuckDBPyConnection, directory: Union[str, Path], fmt: str) -> dict[str, int]:
    """Write each table to ``directory/TABLE.csv`` or ``.parquet``; returns rows written per table."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"format must be csv or parquet, got {fmt!r}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in EXPORT_TABLES:
        target = directory / f"{table}.{fmt}"
        if fmt == "parquet":
            con.execute(f"COPY (SELECT * FROM {table}) TO {_literal(target)} (FORMAT parquet)")
        else:
            columns = ", ".join(
                f"to_json(\"{column}\")::VARCHAR AS \"{column}\"" if kind.endswith("[]") else f'"{column}"'
                for column, kind in TABLES[table])
            con.execute(f"COPY (SELECT {columns} FROM {table}) TO {_literal(target)} (FORMAT csv, HEADER true)")
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts


def write_contract_jsonl(con: duckdb.DuckDBPyConnection, path: Union[str, Path]) -> int:
    """The per-article output contract, one JSON record per line, in publication order."""
    n = 0
    result = con.execute("""SELECT x.record FROM extractions x JOIN articles a USING (sha256)
                            ORDER BY a.published NULLS LAST, a.id, a.sha256""")
    with open(path, "w", encoding="utf-8") as out:
        while rows := result.fetchmany(1000):
            for (record,) in rows:
                out.write(json.dumps(json.loads(record), ensure_ascii=False) + "\n")
                n += 1
    return n

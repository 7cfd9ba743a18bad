"""The Parquet output of ``newsledger scale``: its layout, its schemas, and storing it in a ledger.

A scale job writes one directory per ledger table, each holding Parquet files (one per block of
work, written in parallel by the cluster), with the ledger's own columns and types::

    OUT/_newsledger_scale.json          marker: format version and table list
    OUT/articles/*.parquet              one row per article (+ input_seq)
    OUT/extractions/*.parquet           the full JSON record per article
    OUT/actors/ events/ quotes/ claims/ dates/ places/ failures/

Every row carries ``input_seq`` ("file number:position/row", zero-padded so that it sorts in input
order), so that a text that occurs more than once in the input is stored once, from its first occurrence, as
a local ingest does. DuckDB reads the directories directly::

    SELECT cameo, count(*) FROM read_parquet('OUT/events/*.parquet') GROUP BY 1

and ``newsledger ingest OUT --db L`` stores them in a ledger without extracting again.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from .records import Extraction, Failure
from .store.rows import flatten
from .store.schema import RECORD_TABLES, apply_schema

MARKER = "_newsledger_scale.json"
FORMAT_VERSION = 1
TABLES = ("articles", "extractions", *RECORD_TABLES, "failures", "warnings")
SEQ = "input_seq"


def is_scale_output(path: str) -> bool:
    return "://" not in path and (Path(path) / MARKER).is_file()


def write_marker(directory: str) -> None:
    """The marker that makes a directory recognisable as scale output (local paths only; on object
    storage DuckDB and ``ingest`` read the table directories directly)."""
    if "://" in directory:
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    (Path(directory) / MARKER).write_text(json.dumps({"format": FORMAT_VERSION, "tables": list(TABLES)}, indent=1) + "\n")


def input_seq(file_index: int, position: int) -> str:
    return f"{file_index:09d}:{position:012d}"


@functools.lru_cache(maxsize=1)
def arrow_schemas() -> dict:
    """The Arrow schema of every table: the ledger's columns and types, plus ``input_seq``."""
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    apply_schema(con)
    schemas = {}
    for table in TABLES:
        schema = con.execute(f"SELECT * FROM {table} LIMIT 0").arrow().schema
        schemas[table] = schema.append(pa.field(SEQ, pa.string()))
    con.close()
    return schemas


def table_rows(item: Union[Extraction, Failure], seq: str, now: dt.datetime) -> dict[str, list[dict]]:
    """The rows of every table for one outcome, as the ledger would store them."""
    if isinstance(item, Failure):
        rows = {t: [] for t in TABLES}
        rows["failures"] = [{"origin": item.origin, "reason": item.reason, "article_id": item.article_id,
                             "sha256": item.sha256, "recorded_at": now}]
    else:
        rows = {"failures": [], **flatten(item, now)}
    for table_list in rows.values():
        for i, row in enumerate(table_list):
            row[SEQ] = f"{seq}/{i:06d}"  # the input's place, then the row's place among its article's rows
    return rows


def to_arrow(table: str, rows: list[dict]):
    import pyarrow as pa

    schema = arrow_schemas()[table]
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


@dataclass
class StoreResult:
    added: int = 0
    unchanged: int = 0
    failures: int = 0


def store_scale_output(directory: str, db: str) -> StoreResult:
    """Store a scale job's output in the ledger ``db`` in one transaction: articles not yet in the
    ledger with all their records, failures not recorded before. Running it twice adds nothing."""
    from .store import open_writer

    base = str(Path(directory))
    result = StoreResult()
    with open_writer(db) as ledger:
        con = ledger.con
        present = {t for t in TABLES if list(Path(base, t).glob("*.parquet"))}
        con.execute("BEGIN TRANSACTION")
        try:
            if "articles" in present:
                # the first occurrence of each text not yet in the ledger
                con.execute(f"""CREATE TEMP TABLE _chosen AS
                    SELECT sha256, min(split_part({SEQ}, '/', 1)) AS seq FROM read_parquet(?) GROUP BY sha256""",
                            [f"{base}/articles/*.parquet"])
                result.unchanged = con.execute("""SELECT (SELECT count(*) FROM read_parquet(?)) - count(*) FROM _chosen
                    WHERE sha256 NOT IN (SELECT sha256 FROM articles)""", [f"{base}/articles/*.parquet"]).fetchone()[0]
                con.execute("DELETE FROM _chosen WHERE sha256 IN (SELECT sha256 FROM articles)")
                for table in (t for t in TABLES if t != "failures" and t in present):
                    columns = ", ".join(f'p."{c}"' for c in arrow_schemas()[table].names if c != SEQ)
                    con.execute(f"""INSERT INTO {table} SELECT {columns} FROM read_parquet(?) p
                        JOIN _chosen c ON p.sha256 = c.sha256 AND split_part(p.{SEQ}, '/', 1) = c.seq ORDER BY p.{SEQ}""",
                                [f"{base}/{table}/*.parquet"])
                result.added = con.execute("SELECT count(*) FROM _chosen").fetchone()[0]
                con.execute("DROP TABLE _chosen")
            if "failures" in present:
                before = con.execute("SELECT count(*) FROM failures").fetchone()[0]
                con.execute(f"""INSERT INTO failures
                    SELECT origin, reason, any_value(article_id ORDER BY {SEQ}), any_value(sha256 ORDER BY {SEQ}), min(recorded_at)
                    FROM read_parquet(?) f
                    WHERE NOT EXISTS (SELECT 1 FROM failures g WHERE g.origin = f.origin AND g.reason = f.reason)
                    GROUP BY origin, reason ORDER BY min({SEQ})""", [f"{base}/failures/*.parquet"])
                result.failures = con.execute("SELECT count(*) FROM failures").fetchone()[0] - before
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return result

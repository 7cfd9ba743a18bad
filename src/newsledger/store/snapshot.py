"""A ledger's content as plain rows, for comparing two ledgers (tests, the kill-and-resume check)."""
from __future__ import annotations

from pathlib import Path
from typing import Union

from .schema import RECORD_TABLES

TABLES = ("articles", "extractions", *RECORD_TABLES, "failures")
#: When a row was written says nothing about its content.
TIMESTAMPS = ("ingested_at", "recorded_at")


def snapshot(path: Union[str, Path], ordered: bool = True) -> dict[str, list[tuple]]:
    """Every table's rows without the timestamp columns, in insertion order (or sorted)."""
    from .ledger import open_reader

    out: dict[str, list[tuple]] = {}
    with open_reader(path) as ledger:
        for table in TABLES:
            columns = [r[0] for r in ledger.query(f"DESCRIBE {table}") if r[0] not in TIMESTAMPS]
            listed = ", ".join(f'"{c}"' for c in columns)
            order = "rowid" if ordered else listed
            out[table] = ledger.query(f"SELECT {listed} FROM {table} ORDER BY {order}")
    return out


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    """What differs between two snapshots, one line per table (empty when they are equal)."""
    lines = []
    for table in TABLES:
        rows_a, rows_b = a.get(table, []), b.get(table, [])
        if rows_a != rows_b:
            only_a = len(set(rows_a) - set(rows_b))
            only_b = len(set(rows_b) - set(rows_a))
            lines.append(f"{table}: {len(rows_a)} vs {len(rows_b)} rows ({only_a} only in the first, {only_b} only in the second)")
    return lines

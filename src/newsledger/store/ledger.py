"""``Ledger``: one session on a DuckDB ledger file; writes batches of extractions and failures in one
transaction each, and answers the few questions the CLI summary asks.

A session holds the file (see ``access``: other processes wait while it is open), so keep sessions
short: ``open_reader(path)`` for a query or a page of results, ``open_writer(path)`` for one batch.
``Ledger(path)`` for a longer session still works, and makes everyone else wait until it closes.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

import duckdb
import pandas as pd

from ..records import Extraction, Failure
from . import access
from .rows import flatten
from .schema import RECORD_TABLES, apply_schema


@dataclass
class WriteResult:
    added: int = 0
    unchanged: int = 0
    failures: int = 0
    warnings: int = 0  # warning rows stored with the added articles
    added_ids: list[str] = field(default_factory=list)


def open_reader(path: Union[str, Path], timeout: float = access.READ_TIMEOUT) -> "Ledger":
    """A read-only session for one query or one short piece of work: ``with open_reader(p) as ledger:``.
    Waits (up to ``timeout`` s) while an ingest commits a batch; raises FileNotFoundError for no ledger
    and ``LedgerBusy`` when the file stays locked."""
    return Ledger(path, read_only=True, timeout=timeout)


def open_writer(path: Union[str, Path], timeout: float = access.WRITE_TIMEOUT) -> "Ledger":
    """A writing session (creates the ledger if missing) for one batch: ``with open_writer(p) as ledger:``."""
    return Ledger(path, read_only=False, timeout=timeout)


class Ledger:
    """A session on a DuckDB ledger file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Union[str, Path], read_only: bool = False, timeout: Optional[float] = None):
        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no ledger at {self.path}")
        if timeout is None:
            timeout = access.READ_TIMEOUT if read_only else access.WRITE_TIMEOUT
        self._session = access.session(self.path, write=not read_only, timeout=timeout)
        self._session.__enter__()
        try:
            self.con = access.connect(self.path, read_only=read_only, timeout=timeout)
            if not read_only:
                apply_schema(self.con)
        except BaseException:
            self._session.__exit__(None, None, None)
            raise

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.con is None:
            return
        try:
            if not self.read_only:
                try:
                    self.con.execute("CHECKPOINT")  # the WAL folded into the file before others open it
                except duckdb.Error:
                    pass  # closing checkpoints too; a failed explicit one must not hide the real error
            self.con.close()
        finally:
            self.con = None
            self._session.__exit__(None, None, None)

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(set(hashes))
        if not hashes:
            return set()
        rows = self.con.execute("SELECT sha256 FROM articles WHERE sha256 IN (SELECT unnest(?))", [hashes]).fetchall()
        return {r[0] for r in rows}

    def write(self, items: Iterable[Union[Extraction, Failure]]) -> WriteResult:
        """Store a batch of extractions and failures in one transaction; known texts are skipped."""
        items = list(items)
        result = WriteResult()
        extractions = [x for x in items if isinstance(x, Extraction)]
        known = self.known_hashes(x.sha256 for x in extractions)
        fresh: dict[str, Extraction] = {}
        for x in extractions:
            if x.sha256 in known or x.sha256 in fresh:
                result.unchanged += 1
            else:
                fresh[x.sha256] = x
        failures = [f for f in items if isinstance(f, Failure)]
        now = dt.datetime.now()
        tables: dict[str, list[dict]] = {name: [] for name in ("articles", "extractions", *RECORD_TABLES, "warnings")}
        for x in fresh.values():
            for name, rows in flatten(x, now).items():
                tables[name].extend(rows)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name, rows in tables.items():
                if rows:
                    self._insert(name, rows)
            result.failures = self._write_failures(failures, now)
            self.con.execute("COMMIT")
        except BaseException:  # Ctrl-C mid-batch too: nothing of the batch stays
            self.con.execute("ROLLBACK")
            raise
        result.added = len(fresh)
        result.warnings = len(tables["warnings"])
        result.added_ids = [x.id for x in fresh.values()]
        return result

    def _insert(self, table: str, rows: list[dict]) -> None:
        frame = pd.DataFrame.from_records(rows)
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        self.con.register("_incoming", frame)
        try:
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def _write_failures(self, failures: list[Failure], now: dt.datetime) -> int:
        """Record failures not recorded before (same input, same reason), so re-runs add nothing."""
        existing: set[tuple[str, str]] = set()
        if failures:
            existing = set(self.con.execute(
                "SELECT origin, reason FROM failures WHERE origin IN (SELECT unnest(?))",
                [sorted({f.origin for f in failures})]).fetchall())
        rows = []
        for f in failures:
            if (f.origin, f.reason) in existing:
                continue
            existing.add((f.origin, f.reason))
            rows.append({"origin": f.origin, "reason": f.reason, "article_id": f.article_id, "sha256": f.sha256, "recorded_at": now})
        if rows:
            self._insert("failures", rows)
        return len(rows)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", *RECORD_TABLES, "failures", "warnings")}

    def query(self, sql: str, params: Optional[list] = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def record(self, article_id: str) -> Optional[dict]:
        """The stored output-contract record of one article."""
        row = self.con.execute("SELECT record FROM extractions WHERE id = ? LIMIT 1", [article_id]).fetchone()
        return json.loads(row[0]) if row else None

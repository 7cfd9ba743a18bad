"""Who may open the ledger file when: readers keep working while an ingest writes.

DuckDB lets one process open a database file for writing, and while it has the file open no other
process may open it at all, not even read-only. So nobody holds the file for long:

- **The writer** (an ingest) opens the file for each committed batch: open, write one transaction,
  checkpoint, close. Between batches the file is free.
- **Readers** (CLI queries, the web server, the corpus layer) open it read-only for one query or one
  short piece of work and close it again. Read-only sessions of several processes may overlap.

Two advisory lock files next to the ledger make processes wait for each other instead of failing on
DuckDB's lock (``flock``, released by the kernel when a process dies, even by SIGKILL):

- ``LEDGER.lock``: readers hold it shared, the writer exclusive, for as long as their session lasts;
- ``LEDGER.turn``: a turnstile, held exclusive by a writer from the moment it asks. Readers pass it
  (shared, released at once) before they take ``LEDGER.lock``, so a queue of readers cannot starve
  a writer: new readers wait while a writer is waiting or writing, which is one batch.

A process that ignores these files (a notebook with ``duckdb.connect``) still meets DuckDB's own lock;
both sessions retry that error with backoff until their deadline. Waiting is bounded: after
``timeout`` seconds :class:`LedgerBusy` says who holds the file. Use::

    from newsledger.store import open_reader
    with open_reader("news.duckdb") as ledger:        # a read-only Ledger, for one piece of work
        ledger.query("SELECT count(*) FROM events")

Long-lived processes (a web server) must open a reader per request or query, never keep one: a
held reader blocks the writer until it closes (and the writer gives up after its own timeout).
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, Union

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; DuckDB's own lock and the retries remain
    fcntl = None  # type: ignore[assignment]

import duckdb

T = TypeVar("T")

#: How long a session waits for the file before giving up (seconds).
READ_TIMEOUT = 30.0
WRITE_TIMEOUT = 120.0
_FIRST_PAUSE, _LONGEST_PAUSE = 0.002, 0.1


class LedgerBusy(RuntimeError):
    """The ledger stayed locked by another process for longer than the session would wait."""


@contextlib.contextmanager
def session(path: Union[str, Path], *, write: bool, timeout: float) -> Iterator[None]:
    """Hold the right to open ``path`` for reading (shared) or writing (exclusive) for the block."""
    if fcntl is None:
        yield
        return
    deadline = time.monotonic() + timeout
    path = str(path)
    try:
        turn = _open_lock_file(path + ".turn")
    except OSError:  # a read-only directory: nobody can write there, DuckDB's lock suffices
        yield
        return
    try:
        lock = _open_lock_file(path + ".lock")
    except OSError:
        os.close(turn)
        yield
        return
    try:
        if write:
            _flock(turn, fcntl.LOCK_EX, deadline, path)
            _flock(lock, fcntl.LOCK_EX, deadline, path)
        else:
            _flock(turn, fcntl.LOCK_SH, deadline, path)
            try:
                _flock(lock, fcntl.LOCK_SH, deadline, path)
            finally:
                fcntl.flock(turn, fcntl.LOCK_UN)
        yield
    finally:
        os.close(lock)  # closing releases the flock
        os.close(turn)


def connect(path: Union[str, Path], *, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, retried while another process (one that ignores the lock files) holds the file."""
    deadline = time.monotonic() + timeout
    return retry_while_locked(lambda: duckdb.connect(str(path), read_only=read_only), deadline, str(path))


def retry_while_locked(attempt: Callable[[], T], deadline: float, path: str) -> T:
    pause = _FIRST_PAUSE
    while True:
        try:
            return attempt()
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() >= deadline:
                if "lock" in str(err).lower():
                    raise LedgerBusy(f"ledger {path} is locked by another process: {err}") from None
                raise
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_PAUSE)


def _open_lock_file(path: str) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:
        return os.open(path, os.O_RDONLY)  # someone else's lock file: flock works on it read-only


def _flock(fd: int, mode: int, deadline: float, ledger: str) -> None:
    pause = _FIRST_PAUSE
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LedgerBusy(f"ledger {ledger} stayed busy (another process is {'reading or writing' if mode == fcntl.LOCK_EX else 'writing'} it)") from None
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_PAUSE)

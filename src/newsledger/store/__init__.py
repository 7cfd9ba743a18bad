"""The ledger: an embedded DuckDB file holding articles, their extractions and what was skipped.

One row per article in ``articles`` (keyed by the SHA-256 of its text, so re-ingesting the same text
changes nothing), the full JSON record in ``extractions``, flat tables per record type for SQL and
pandas users (``actors``, ``events``, ``quotes``, ``claims``, ``dates``, ``places``) and every input
that could not be processed in ``failures``.

Readers and the writer share the file by short sessions (``access``): an ingest opens it per
committed batch, readers per query with ``open_reader(path)``, so queries keep working during an ingest.
"""
from .access import LedgerBusy
from .ledger import Ledger, WriteResult, open_reader, open_writer
from .rows import flatten
from .schema import RECORD_TABLES, TABLES, apply_schema

__all__ = [
    "Ledger", "LedgerBusy", "WriteResult", "open_reader", "open_writer", "flatten",
    "RECORD_TABLES", "TABLES", "apply_schema",
]

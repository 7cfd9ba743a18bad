"""The ledger: an embedded DuckDB file holding articles, their extractions and what was skipped.

One row per article in ``articles`` (keyed by the SHA-256 of its text, so re-ingesting the same text
changes nothing), the full JSON record in ``extractions``, flat tables per record type for SQL and
pandas users (``actors``, ``events``, ``quotes``, ``claims``, ``dates``, ``places``) and every input
that could not be processed in ``failures``.
"""
from .ledger import Ledger, WriteResult
from .rows import flatten
from .schema import RECORD_TABLES, TABLES, apply_schema

__all__ = ["Ledger", "WriteResult", "flatten", "RECORD_TABLES", "TABLES", "apply_schema"]

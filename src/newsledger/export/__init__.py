"""Exports of a ledger, one writer per format:

- ``tables``: every table as CSV or Parquet files in a directory (pandas, polars, R and DuckDB read them
  in place), and the per-article output contract as JSONL;
- ``gdelt``: the GDELT 2.0 event table (61 columns) and mentions table (16 columns), tab-separated;
- ``plover``: PLOVER JSONL, one record per corpus event, valid against ``plover.schema.json``.
"""
from .gdelt import write_gdelt
from .plover import write_plover
from .tables import EXPORT_TABLES, write_contract_jsonl, write_tables

__all__ = ["write_gdelt", "write_plover", "write_tables", "write_contract_jsonl", "EXPORT_TABLES"]

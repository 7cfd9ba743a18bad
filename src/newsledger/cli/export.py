"""``newsledger export``: the ledger as files other tools read (see ``newsledger.export``)."""
from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, UserError, add_ledger_argument, open_ledger

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the ledger: JSONL, CSV or Parquet tables, GDELT 2.0 TSV, PLOVER JSONL",
                       description="jsonl: the per-article output contract, one record per line (FILE). csv, parquet: every "
                                   "table, one file per table (DIRECTORY). gdelt: events.export.tsv (61 columns) and "
                                   "mentions.tsv (16 columns) in GDELT 2.0 order (DIRECTORY). plover: PLOVER JSONL, one "
                                   "record per corpus event (FILE).")
    add_ledger_argument(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", "-o", required=True, metavar="PATH", help="a file (jsonl, plover) or a directory (csv, parquet, gdelt)")
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from ..export import write_contract_jsonl, write_gdelt, write_plover, write_tables

    with open_ledger(args.db, read_only=True) as ledger:
        try:
            if args.format in ("csv", "parquet"):
                counts = write_tables(ledger.con, args.output, args.format)
                what = f"{len(counts)} tables ({sum(counts.values()):,} rows)"
            elif args.format == "gdelt":
                counts = write_gdelt(ledger.con, args.output)
                what = f"{counts['events.export.tsv']:,} events and {counts['mentions.tsv']:,} mentions"
            elif args.format == "plover":
                what = f"{write_plover(ledger.con, args.output):,} PLOVER records"
            else:
                what = f"{write_contract_jsonl(ledger.con, args.output):,} article records"
        except OSError as err:
            raise UserError(f"cannot write {args.output}: {err.strerror or err}") from None
        except Exception as err:  # duckdb.IOException for an unwritable COPY target
            if "IO Error" in str(err) or "Cannot open" in str(err):
                raise UserError(f"cannot write {args.output}: {err}") from None
            raise
    print(f"newsledger: {args.db}: wrote {what} to {args.output}", file=sys.stderr)
    return EXIT_OK

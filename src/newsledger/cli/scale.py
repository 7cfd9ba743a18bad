"""``newsledger scale``: the extraction as a Ray Data job.

Two outputs: ``--input GLOB_OR_DIR --output DIR`` writes partitioned Parquet per ledger table (the
form for big jobs: written from the cluster in parallel, read by ``newsledger ingest DIR`` or DuckDB);
``scale PATH... [--output FILE]`` streams JSONL records back in input order, like ``extract``.
"""
from __future__ import annotations

import argparse
import json
import sys

from ..ingest import DEFAULT_MAX_CHARS
from ..records import Failure
from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, UserError, open_output, published_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scale", help="extract on a Ray cluster (local by default): Parquet per table, or JSONL in input order",
                       description="Run the extraction as a Ray Data job. With --input, write one Parquet directory per "
                                   "ledger table under --output DIR (store it with `newsledger ingest DIR --db L`, or query "
                                   "it with DuckDB); with positional PATHs, write JSONL records in input order.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="inputs for JSONL output (files, directories)")
    p.add_argument("--input", "-i", action="append", default=[], metavar="GLOB_OR_DIR",
                   help="JSONL or Parquet shards: a directory, a glob, or an object-storage URI (s3://...); repeatable")
    p.add_argument("--output", "-o", metavar="DIR_OR_FILE",
                   help="with --input: the output directory (local or s3://...); otherwise a JSONL file (default stdout)")
    p.add_argument("--workers", type=int, default=2, help="extraction actors, each loading the pipeline once (default 2)")
    p.add_argument("--address", help="Ray cluster address, e.g. auto or ray://head:10001 (default: start a local Ray)")
    p.add_argument("--published", metavar="YYYY-MM-DD", type=published_date, help="publication date for inputs that carry none")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=f"refuse articles longer than this (default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--batch-size", type=int, default=16, help="articles parsed together by nlp.pipe (default 16)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import ray  # noqa: F401
    except ImportError:
        raise UserError("Ray is not installed; install it with `pip install 'newsledger[scale]'`") from None
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.input and args.paths:
        raise UserError("give inputs either with --input (Parquet output) or as PATHs (JSONL output), not both")
    if args.input:
        return _to_parquet(args)
    if not args.paths:
        raise UserError("nothing to read: give --input GLOB_OR_DIR --output DIR, or PATH... for JSONL output")
    return _to_jsonl(args)


def _to_parquet(args: argparse.Namespace) -> int:
    from ..scale import scale_to_parquet

    if not args.output:
        raise UserError("--input needs --output DIR (the Parquet directory to write)")
    counts = scale_to_parquet(args.input, args.output, published=args.published, max_chars=args.max_chars,
                              workers=args.workers, batch_size=args.batch_size, address=args.address)
    print(f"newsledger: {args.output}: " + ", ".join(f"{table} {n:,}" for table, n in counts.items()), file=sys.stderr)
    print(f"newsledger: store it with `newsledger ingest {args.output} --db LEDGER`, or read "
          f"{args.output}/<table>/*.parquet with DuckDB", file=sys.stderr)
    return EXIT_OK if counts.get("articles") else EXIT_NOTHING_PROCESSED


def _to_jsonl(args: argparse.Namespace) -> int:
    from ..scale import extract_on_ray

    ok = skipped = 0
    with open_output(args.output) as out:
        for item in extract_on_ray(args.paths, published=args.published, max_chars=args.max_chars,
                                   workers=args.workers, batch_size=args.batch_size, address=args.address):
            if isinstance(item, Failure):
                skipped += 1
                print(f"newsledger: skipped {item.message()}", file=sys.stderr)
            else:
                ok += 1
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"newsledger: {ok} processed, {skipped} skipped", file=sys.stderr)
    return EXIT_OK if ok else EXIT_NOTHING_PROCESSED

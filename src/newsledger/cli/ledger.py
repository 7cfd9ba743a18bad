"""``newsledger ingest``, ``stats`` and ``demo``: filling a ledger and saying what it holds."""
from __future__ import annotations

import argparse
import sys
from typing import Optional

from ..ingest import DEFAULT_MAX_CHARS, Item
from ..records import Extraction
from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, add_input_options, add_ledger_argument, open_ledger, processed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract and store articles in a DuckDB ledger (idempotent)")
    add_input_options(p)
    p.add_argument("--db", required=True, metavar="FILE", help="ledger file (created if missing)")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("stats", help="print what a ledger holds")
    add_ledger_argument(p)
    p.set_defaults(run=run_stats)

    p = sub.add_parser("demo", help="ingest the bundled Wikinews demo corpus and print a summary")
    add_ledger_argument(p, default="demo.duckdb")
    p.add_argument("--limit", type=int, help="only the first N articles")
    p.set_defaults(run=run_demo)


def run_ingest(args: argparse.Namespace, total: Optional[int] = None, force_progress: bool = False, limit: Optional[int] = None) -> int:
    n_processed = added = unchanged = 0
    with open_ledger(args.db) as ledger:
        batch: list[Item] = []
        for item in processed(args, total=total, force_progress=force_progress, limit=limit):
            batch.append(item)
            n_processed += isinstance(item, Extraction)
            if len(batch) >= 64:
                result = ledger.write(batch)
                added, unchanged, batch = added + result.added, unchanged + result.unchanged, []
        if batch:
            result = ledger.write(batch)
            added, unchanged = added + result.added, unchanged + result.unchanged
    print(f"newsledger: {args.db}: {added} articles added, {unchanged} already in the ledger", file=sys.stderr)
    return EXIT_OK if n_processed else EXIT_NOTHING_PROCESSED


def run_stats(args: argparse.Namespace) -> int:
    with open_ledger(args.db, read_only=True) as ledger:
        print(format_summary(ledger))
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from ..demo import demo_corpus_path

    corpus = demo_corpus_path()
    with corpus.open(encoding="utf-8") as fh:
        total = sum(1 for line in fh if line.strip())
    total = min(total, args.limit) if args.limit else total
    ingest_args = argparse.Namespace(paths=[str(corpus)], db=args.db, published=None, max_chars=DEFAULT_MAX_CHARS, batch_size=16, failures=None, progress=None)
    print(f"newsledger demo: {total} Wikinews articles (CC BY 2.5, see corpus_data/NOTICE.md) -> {args.db}", file=sys.stderr)
    code = run_ingest(ingest_args, total=total, force_progress=True, limit=args.limit)
    with open_ledger(args.db, read_only=True) as ledger:
        print(format_summary(ledger))
    return code


def format_summary(ledger) -> str:
    counts = ledger.counts()
    lines = [f"ledger {ledger.path}"]
    lines.append("  " + "  ".join(f"{name}: {n:,}" for name, n in counts.items()))
    kinds = ledger.query("SELECT kind, count(*) FROM actors GROUP BY kind ORDER BY 2 DESC")
    if kinds:
        lines.append("actors by kind: " + ", ".join(f"{k} {n}" for k, n in kinds))
    top = ledger.query("SELECT cameo_code, count(DISTINCT sha256) AS n FROM actors WHERE country IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 8")
    if top:
        lines.append("most reported actors (articles): " + ", ".join(f"{a} {n}" for a, n in top))
    by_type = ledger.query("SELECT coalesce(plover, 'root ' || cameo_root), count(*) FROM events WHERE NOT negated GROUP BY 1 ORDER BY 2 DESC")
    if by_type:
        lines.append("events by type (PLOVER): " + ", ".join(f"{k} {n}" for k, n in by_type))
    dated = ledger.query("""SELECT count(*), count(*) FILTER (WHERE date_precision IS NOT NULL AND date_precision <> 'reported'),
                                   count(*) FILTER (WHERE date IS NOT NULL), count(*) FILTER (WHERE place_name IS NOT NULL) FROM events""")
    if dated and dated[0][0]:
        n, own, any_date, placed = dated[0]
        lines.append(f"events dated by their own clause: {own / n:.0%} (with the publication date as fallback: {any_date / n:.0%}); "
                     f"events with a place: {placed / n:.0%}")
    quotes = ledger.query("SELECT coalesce(speaker_name, '?'), content_text FROM quotes WHERE kind = 'direct' AND length(content_text) BETWEEN 40 AND 160 ORDER BY sha256, quote_id LIMIT 3")
    for speaker, content in quotes:
        lines.append(f'quote: {speaker}: “{content}”')
    if counts["failures"]:
        lines.append(f"skipped inputs: {counts['failures']} (see the failures table)")
    return "\n".join(lines)

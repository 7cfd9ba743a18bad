"""``newsledger ingest``, ``stats`` and ``demo``: filling a ledger and saying what it holds."""
from __future__ import annotations

import argparse
import sys
from typing import Optional

from collections import Counter
from itertools import islice

from ..ingest import DEFAULT_MAX_CHARS
from ..parallel_ingest import DEFAULT_COMMIT_EVERY, DEFAULT_COMMIT_SECONDS, default_workers, outcome_warnings
from ..records import Extraction, Failure
from ..parallel_ingest import Known
from .common import (EXIT_NOTHING_PROCESSED, EXIT_OK, UserError, add_input_options, add_ledger_argument, open_failures_file,
                     open_ledger, progress_bar, write_failure)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract and store articles in a DuckDB ledger (parallel, resumable, idempotent)",
                       description="Extract articles and store them in a DuckDB ledger. Articles whose text is already in the "
                                   "ledger are skipped before parsing, work is committed in batches, and an interrupted run "
                                   "started again with the same arguments carries on where it stopped. A directory written "
                                   "by `newsledger scale` is stored as it is, without extracting again.")
    add_input_options(p)
    p.add_argument("--db", required=True, metavar="FILE", help="ledger file (created if missing)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help=f"extraction processes, each loading the pipeline once (default: the number of cores, {default_workers()})")
    p.add_argument("--commit-every", type=int, default=DEFAULT_COMMIT_EVERY, metavar="N",
                   help=f"commit after N inputs (or {DEFAULT_COMMIT_SECONDS:.0f} s); an interruption loses at most that (default {DEFAULT_COMMIT_EVERY})")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("stats", help="print what a ledger holds")
    add_ledger_argument(p)
    p.set_defaults(run=run_stats)

    p = sub.add_parser("demo", help="ingest the bundled Wikinews demo corpus and print a summary")
    add_ledger_argument(p, default="demo.duckdb")
    p.add_argument("--limit", type=int, help="only the first N articles")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="extraction processes (default: the number of cores)")
    p.set_defaults(run=run_demo)


def run_ingest(args: argparse.Namespace, total: Optional[int] = None, force_progress: bool = False, limit: Optional[int] = None) -> int:
    from ..ingest import read_inputs
    from ..parallel_ingest import IngestSummary, Known, ingest_items
    from ..scale_output import is_scale_output

    workers = args.workers or default_workers()
    if workers < 1:
        raise UserError("--workers must be at least 1")
    scale_dirs = [p for p in args.paths if is_scale_output(p)]
    if scale_dirs:
        if len(scale_dirs) != len(args.paths):
            raise UserError("give `newsledger scale` output directories on their own, not mixed with articles")
        return _store_scale_output(args, scale_dirs)
    show = args.progress if args.progress is not None else (force_progress or sys.stderr.isatty())
    if total is None and show:
        total = estimate_inputs(args.paths)
    bar = progress_bar(total, show)
    failures_out = open_failures_file(args)
    summary = IngestSummary()
    skipped = Counter()

    def on_outcome(outcome) -> None:
        for message in outcome_warnings(outcome):
            bar.write(f"newsledger: warning: {outcome_origin(outcome)}: {message}", file=sys.stderr)
        if isinstance(outcome, Failure):
            skipped["failed"] += 1
            bar.write(f"newsledger: skipped {outcome.message()}", file=sys.stderr)
            if failures_out:
                write_failure(failures_out, outcome)
        elif isinstance(outcome, Known):
            skipped["known"] += 1
        if not isinstance(outcome, Extraction):
            bar.set_postfix({"skipped": sum(skipped.values())}, refresh=False)
        bar.update(1)

    items = islice(read_inputs(args.paths, published=args.published, max_chars=args.max_chars,
                               min_chars=getattr(args, "min_chars", None)), limit)
    try:
        ingest_items(items, args.db, workers=workers, batch_size=args.batch_size, on_outcome=on_outcome,
                     commit_every=getattr(args, "commit_every", DEFAULT_COMMIT_EVERY), summary=summary)
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        bar.close()
        if failures_out:
            failures_out.close()
        print(format_ingest_summary(args.db, summary), file=sys.stderr)
    n_processed = summary.added + summary.known
    return EXIT_OK if n_processed else EXIT_NOTHING_PROCESSED


def outcome_origin(outcome) -> str:
    article = outcome.article if isinstance(outcome, Known) else outcome
    return getattr(article, "origin", None) or getattr(article, "id", "?")


def format_ingest_summary(db: str, s) -> str:
    """One line; its counts add up: inputs = added + already in the ledger + skipped."""
    rate = (s.added + s.failed) / s.seconds if s.seconds else 0.0
    state = "interrupted; run the same command again to carry on: " if s.interrupted else ""
    warned = (f"; {s.warnings} warning{'s' if s.warnings != 1 else ''} (articles kept; {s.warnings_recorded} new in the warnings table)"
              if s.warnings else "")
    corpus = f"; corpus tables rebuilt in {s.corpus_seconds:.2f} s" if getattr(s, "corpus_seconds", None) is not None else ""
    return (f"newsledger: {db}: {state}{s.read} inputs: {s.added} articles added, {s.known} already in the ledger (not parsed again), "
            f"{s.failed} skipped (in the failures table){warned}; {s.seconds:.1f} s, "
            f"{rate:.1f} articles/s, {s.workers} worker{'s' if s.workers != 1 else ''}{corpus}")


def _store_scale_output(args: argparse.Namespace, directories: list[str]) -> int:
    from ..scale_output import store_scale_output

    added = known = failures = 0
    for directory in directories:
        result = store_scale_output(directory, args.db)
        added, known, failures = added + result.added, known + result.unchanged, failures + result.failures
    from ..corpus import rebuild_if_stale

    rebuild_if_stale(args.db)
    print(f"newsledger: {args.db}: {added} articles added, {known} already in the ledger, "
          f"{failures} failures recorded (from `newsledger scale` output, not extracted again)", file=sys.stderr)
    return EXIT_OK if added + known else EXIT_NOTHING_PROCESSED


def estimate_inputs(paths: list[str]) -> Optional[int]:
    """About how many inputs the paths hold (lines of JSONL files, one per other file), for the ETA;
    None for stdin. Counting newlines reads the files once, far faster than parsing them."""
    from pathlib import Path

    from ..ingest import JSONL_SUFFIXES, files_under

    n = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = files_under(path) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as fh:
                        n += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                except OSError:
                    n += 1
            else:
                n += 1
    return n


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
    ingest_args = argparse.Namespace(paths=[str(corpus)], db=args.db, published=None, max_chars=DEFAULT_MAX_CHARS, batch_size=16,
                                     failures=None, progress=None, workers=args.workers, commit_every=DEFAULT_COMMIT_EVERY)
    print(f"newsledger demo: {total} Wikinews articles (CC BY 2.5, see corpus_data/NOTICE.md) -> {args.db}", file=sys.stderr)
    code = run_ingest(ingest_args, total=total, force_progress=True, limit=args.limit)
    with open_ledger(args.db, read_only=True) as ledger:
        print(format_summary(ledger))
    print(f"\nopen it in a browser: newsledger serve {args.db}   then http://127.0.0.1:8000/\n"
          f"or ask it here:       newsledger events {args.db} --merged --limit 10", file=sys.stderr)
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
    if counts.get("warnings"):
        lines.append(f"warnings: {counts['warnings']} (articles kept; see the warnings table)")
    return "\n".join(lines)

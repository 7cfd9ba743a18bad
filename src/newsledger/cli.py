"""The ``newsledger`` command.

Exit codes: 0 when at least one input was processed, 1 when nothing could be processed, 2 for a
usage error. Problems with single inputs are reported one line each on stderr; the batch goes on.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Optional

from .ingest import DEFAULT_MAX_CHARS, Item, normalise_date
from .records import Extraction, Failure

EXIT_OK, EXIT_NOTHING_PROCESSED, EXIT_USAGE = 0, 1, 2


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "published", None):
        try:
            args.published = normalise_date(args.published)
        except ValueError as err:
            parser.error(str(err))
    try:
        return args.run(args)
    except BrokenPipeError:  # `newsledger extract ... | head`: not an error
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("newsledger: interrupted", file=sys.stderr)
        return 130
    except UserError as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return EXIT_NOTHING_PROCESSED


class UserError(Exception):
    """A problem the user can fix (missing ledger, unreadable output path); printed without traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsledger", description="Turn news articles into a sourced ledger of actors, events, quotes, claims, dates and places.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_input_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html/.htm, .jsonl, .json files, directories (recursive), or - for stdin")
        p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
        p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=f"refuse articles longer than this (default {DEFAULT_MAX_CHARS:,})")
        p.add_argument("--batch-size", type=int, default=16, help="articles parsed together by nlp.pipe (default 16)")
        p.add_argument("--failures", metavar="FILE", help="also write skipped inputs as JSONL to FILE")
        p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="show a progress bar (default: when stderr is a terminal)")

    p = sub.add_parser("extract", help="extract records from articles and print them (JSON or JSONL)")
    add_input_options(p)
    p.add_argument("--format", choices=("json", "jsonl"), default="json")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--include-text", action="store_true", help="include the article text in each record")
    p.set_defaults(run=run_extract)

    p = sub.add_parser("ingest", help="extract and store articles in a DuckDB ledger (idempotent)")
    add_input_options(p)
    p.add_argument("--db", required=True, metavar="FILE", help="ledger file (created if missing)")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("stats", help="print what a ledger holds")
    p.add_argument("--db", required=True, metavar="FILE")
    p.set_defaults(run=run_stats)

    p = sub.add_parser("demo", help="ingest the bundled Wikinews demo corpus and print a summary")
    p.add_argument("--db", default="demo.duckdb", metavar="FILE", help="ledger file (default demo.duckdb)")
    p.add_argument("--limit", type=int, help="only the first N articles")
    p.set_defaults(run=run_demo)

    p = sub.add_parser("scale", help="extract on a Ray cluster (local by default); JSONL out, in input order")
    add_input_options(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write JSONL here instead of stdout")
    p.add_argument("--workers", type=int, default=2, help="extraction actors (each loads the pipeline once; default 2)")
    p.add_argument("--address", help="Ray cluster address (default: start a local cluster)")
    p.set_defaults(run=run_scale)

    p = sub.add_parser("evaluate", help="score the extractors on a development gold set")
    p.add_argument("task", choices=("actors", "events", "quotes"))
    p.add_argument("file", help="gold file (JSONL; see ../shared/eval/README.md)")
    p.add_argument("--limit", type=int, help="only the first N records")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="print N example errors")
    p.set_defaults(run=run_evaluate)
    return parser


# --- extract ---------------------------------------------------------------------------------

def run_extract(args: argparse.Namespace) -> int:
    with _open_output(args.output) as out:
        first = True
        if args.format == "json":
            out.write("[")
        ok = 0
        for item in _processed(args):
            if isinstance(item, Failure):
                continue
            record = json.dumps(item.to_dict(include_text=args.include_text), ensure_ascii=False)
            if args.format == "json":
                out.write(("\n" if first else ",\n") + record)
            else:
                out.write(record + "\n")
            first = False
            ok += 1
        if args.format == "json":
            out.write("\n]\n" if not first else "]\n")
    return EXIT_OK if ok else EXIT_NOTHING_PROCESSED


@contextmanager
def _open_output(path: Optional[str]) -> Iterator[IO[str]]:
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror}") from err
    with fh:
        yield fh


def _processed(args: argparse.Namespace, total: Optional[int] = None, force_progress: bool = False, limit: Optional[int] = None) -> Iterator[Item]:
    """Run the pipeline over the command's inputs: report failures on stderr, show progress."""
    from .ingest import read_inputs
    from .pipeline import read_articles  # spaCy loads here, not for `--help`

    show = args.progress if args.progress is not None else (force_progress or sys.stderr.isatty())
    bar = _progress_bar(total, show)
    failures_out = open(args.failures, "w", encoding="utf-8") if getattr(args, "failures", None) else None
    counts = Counter()
    try:
        inputs = islice(read_inputs(args.paths, published=args.published, max_chars=args.max_chars), limit)
        for item in read_articles(inputs, batch_size=args.batch_size, on_item=lambda _: bar.update(1)):
            if isinstance(item, Failure):
                counts["skipped"] += 1
                bar.write(f"newsledger: skipped {item.message()}", file=sys.stderr)
                if failures_out:
                    failures_out.write(json.dumps({"origin": item.origin, "reason": item.reason, "id": item.article_id}) + "\n")
            else:
                counts["processed"] += 1
            yield item
    finally:
        bar.close()
        if failures_out:
            failures_out.close()
    print(f"newsledger: {counts['processed']} processed, {counts['skipped']} skipped", file=sys.stderr)


def _progress_bar(total: Optional[int], show: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", disable=not show, file=sys.stderr, dynamic_ncols=True)


# --- ingest / stats / demo --------------------------------------------------------------------

def run_ingest(args: argparse.Namespace, total: Optional[int] = None, force_progress: bool = False, limit: Optional[int] = None) -> int:
    processed = added = unchanged = 0
    with _open_ledger(args.db) as ledger:
        batch: list[Item] = []
        for item in _processed(args, total=total, force_progress=force_progress, limit=limit):
            batch.append(item)
            processed += isinstance(item, Extraction)
            if len(batch) >= 64:
                result = ledger.write(batch)
                added, unchanged, batch = added + result.added, unchanged + result.unchanged, []
        if batch:
            result = ledger.write(batch)
            added, unchanged = added + result.added, unchanged + result.unchanged
    print(f"newsledger: {args.db}: {added} articles added, {unchanged} already in the ledger", file=sys.stderr)
    return EXIT_OK if processed else EXIT_NOTHING_PROCESSED


def _open_ledger(path: str, read_only: bool = False):
    from .store import Ledger

    try:
        return Ledger(path, read_only=read_only)
    except FileNotFoundError:
        raise UserError(f"no ledger at {path}; create one with `newsledger ingest PATH --db {path}`") from None
    except Exception as err:  # duckdb.IOException and friends: a locked or foreign file
        raise UserError(f"cannot open ledger {path}: {err}") from None


def run_stats(args: argparse.Namespace) -> int:
    with _open_ledger(args.db, read_only=True) as ledger:
        print(format_summary(ledger))
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from .demo import demo_corpus_path

    corpus = demo_corpus_path()
    with corpus.open(encoding="utf-8") as fh:
        total = sum(1 for line in fh if line.strip())
    total = min(total, args.limit) if args.limit else total
    ingest_args = argparse.Namespace(paths=[str(corpus)], db=args.db, published=None, max_chars=DEFAULT_MAX_CHARS, batch_size=16, failures=None, progress=None)
    print(f"newsledger demo: {total} Wikinews articles (CC BY 2.5, see corpus_data/NOTICE.md) -> {args.db}", file=sys.stderr)
    code = run_ingest(ingest_args, total=total, force_progress=True, limit=args.limit)
    with _open_ledger(args.db, read_only=True) as ledger:
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


# --- scale ---------------------------------------------------------------------------------------

def run_scale(args: argparse.Namespace) -> int:
    from .scale import extract_on_ray

    try:
        import ray  # noqa: F401
    except ImportError:
        raise UserError("Ray is not installed; install it with `pip install 'newsledger[scale]'`") from None
    ok = skipped = 0
    with _open_output(args.output) as out:
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


# --- evaluate -------------------------------------------------------------------------------------

def run_evaluate(args: argparse.Namespace) -> int:
    from importlib import import_module

    if not Path(args.file).is_file():
        raise UserError(f"no such file: {args.file}")
    module = import_module(f"newsledger.evaluate.{args.task}")
    print(module.report(args.file, limit=args.limit, errors=args.errors))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

"""What every command shares: exit codes, the user-facing error, outputs, the ledger, and the
pipeline run with progress and failure reporting."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import IO, Optional

from ..ingest import DEFAULT_MAX_CHARS, DEFAULT_MIN_PAGE_CHARS, Item, normalise_date
from ..records import Failure

EXIT_OK, EXIT_NOTHING_PROCESSED, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A problem the user can fix (missing ledger, unreadable output path); printed without traceback."""


def published_date(value: str) -> str:
    """``--published``: an ISO day; argparse names the option in the error."""
    try:
        return normalise_date(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=".txt, .html/.htm, .jsonl, .json files, directories (recursive), or - for stdin (URLs are not fetched)")
    p.add_argument("--published", metavar="YYYY-MM-DD", type=published_date,
                   help="publication date for inputs that carry none; for web pages it replaces the date the page gives")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=f"refuse articles longer than this (default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--min-chars", type=int, default=None, metavar="N",
                   help=f"refuse articles shorter than this, as captions or blurbs (default: {DEFAULT_MIN_PAGE_CHARS} for web pages, "
                        f"no minimum for text and JSONL; given, it applies to every input)")
    add_actor_dictionary_option(p)
    p.add_argument("--batch-size", type=int, default=16, help="articles parsed together by nlp.pipe (default 16)")
    p.add_argument("--failures", metavar="FILE", help="also write skipped inputs as JSONL to FILE")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="show a progress bar (default: when stderr is a terminal)")


def add_ledger_argument(p: argparse.ArgumentParser, default: Optional[str] = None) -> None:
    """The ledger of a command whose only file is the ledger: ``stats L`` and ``stats --db L`` both work.
    ``resolve_ledger_argument`` (called by ``main``) folds the two into ``args.db``."""
    p.add_argument("ledger", nargs="?", metavar="LEDGER", help="ledger file (DuckDB); the same as --db")
    p.add_argument("--db", metavar="FILE", default=None, help="ledger file (DuckDB)" + (f"; default {default}" if default else ""))
    p.set_defaults(ledger_default=default)


def resolve_ledger_argument(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not hasattr(args, "ledger_default"):
        return
    if args.ledger and args.db and args.ledger != args.db:
        parser.error(f"two ledgers given ({args.ledger} and --db {args.db}); give one")
    args.db = args.db or args.ledger or args.ledger_default
    if not args.db:
        parser.error("a ledger is needed: give it as LEDGER or --db FILE")


@contextmanager
def open_output(path: Optional[str]) -> Iterator[IO[str]]:
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror}") from err
    with fh:
        yield fh


def open_ledger(path: str, read_only: bool = False):
    from ..store import Ledger

    try:
        return Ledger(path, read_only=read_only)
    except FileNotFoundError:
        raise UserError(f"no ledger at {path}; create one with `newsledger ingest PATH --db {path}`") from None
    except Exception as err:  # duckdb.IOException and friends: a locked or foreign file
        raise UserError(f"cannot open ledger {path}: {err}") from None


def processed(args: argparse.Namespace, total: Optional[int] = None, force_progress: bool = False, limit: Optional[int] = None) -> Iterator[Item]:
    """Run the pipeline over the command's inputs: report failures on stderr, show progress."""
    from ..ingest import read_inputs
    from ..pipeline import read_articles  # spaCy loads here, not for `--help`

    show = args.progress if args.progress is not None else (force_progress or sys.stderr.isatty())
    bar = progress_bar(total, show)
    failures_out = open_failures_file(args)
    counts = Counter()
    try:
        inputs = islice(read_inputs(args.paths, published=args.published, max_chars=args.max_chars,
                                    min_chars=getattr(args, "min_chars", None)), limit)
        for item in read_articles(inputs, batch_size=args.batch_size, on_item=lambda _: bar.update(1)):
            for message in getattr(item, "warnings", None) or []:
                counts["warnings"] += 1
                bar.write(f"newsledger: warning: {item.origin or item.id}: {message}", file=sys.stderr)
            if isinstance(item, Failure):
                counts["skipped"] += 1
                bar.write(f"newsledger: skipped {item.message()}", file=sys.stderr)
                if failures_out:
                    write_failure(failures_out, item)
            else:
                counts["processed"] += 1
            yield item
    finally:
        bar.close()
        if failures_out:
            failures_out.close()
    warned = f", {counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''} (articles kept)" if counts["warnings"] else ""
    print(f"newsledger: {counts['processed'] + counts['skipped']} inputs: {counts['processed']} processed, "
          f"{counts['skipped']} skipped{warned}", file=sys.stderr)


def open_failures_file(args: argparse.Namespace) -> Optional[IO[str]]:
    """The ``--failures FILE`` of a command, opened for writing, or None."""
    path = getattr(args, "failures", None)
    if not path:
        return None
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror}") from err


def write_failure(out: IO[str], failure: Failure) -> None:
    out.write(json.dumps({"origin": failure.origin, "reason": failure.reason, "id": failure.article_id}) + "\n")


def progress_bar(total: Optional[int], show: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", disable=not show, file=sys.stderr, dynamic_ncols=True)


def add_actor_dictionary_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actors", metavar="FILE",
                   help="your own actor dictionary, PETRARCH/Phoenix .actors format or CSV (name,code[,valid_from,valid_to,aliases]); "
                        "its codes win over the bundled ones for the same name")


@contextmanager
def actor_dictionary(args: argparse.Namespace) -> Iterator[None]:
    """The run's user actor dictionary in force while the command runs (and only then)."""
    from ..ontology import actor_tables
    from ..ontology.user_actors import ActorDictionaryError

    path = getattr(args, "actors", None)
    if not path:
        yield
        return
    try:
        dictionary = actor_tables.use_actor_dictionary(path)
    except ActorDictionaryError as err:
        raise UserError(str(err)) from None
    for problem in dictionary.problems[:5]:
        print(f"newsledger: warning: {problem}", file=sys.stderr)
    if len(dictionary.problems) > 5:
        print(f"newsledger: warning: {len(dictionary.problems) - 5} more lines of {path} skipped", file=sys.stderr)
    print(f"newsledger: actor dictionary {path}: {dictionary.n_phrases:,} phrases, {len(dictionary.entries):,} entries",
          file=sys.stderr)
    try:
        yield
    finally:
        actor_tables.use_actor_dictionary(None)

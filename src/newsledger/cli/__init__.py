"""The ``newsledger`` command: one module per group of subcommands, each with a ``register``.

Exit codes: 0 when at least one input was processed, 1 when nothing could be processed, 2 for a
usage error. Problems with single inputs are reported one line each on stderr; the batch goes on.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional

from ..ingest import normalise_date
from . import evaluate, extract, ledger, query, scale, serve
from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, EXIT_USAGE, UserError, resolve_ledger_argument

__all__ = ["main", "build_parser", "UserError", "EXIT_OK", "EXIT_NOTHING_PROCESSED", "EXIT_USAGE"]

#: Subcommand groups in the order ``--help`` lists them.
COMMANDS = (extract, ledger, query, serve, scale, evaluate)


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    resolve_ledger_argument(parser, args)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsledger", description="Turn news articles into a sourced ledger of actors, events, quotes, claims, dates and places.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser

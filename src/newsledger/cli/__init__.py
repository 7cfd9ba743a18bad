"""The ``newsledger`` command: one module per group of subcommands, each with a ``register``.

Exit codes: 0 when at least one input was processed, 1 when nothing could be processed, 2 for a
usage error. Problems with single inputs are reported one line each on stderr; the batch goes on.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from typing import Optional

from . import corpus, evaluate, export, extract, ledger, query, scale, serve
from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, EXIT_USAGE, UserError, actor_dictionary, resolve_ledger_argument

__all__ = ["main", "build_parser", "UserError", "EXIT_OK", "EXIT_NOTHING_PROCESSED", "EXIT_USAGE"]

#: Subcommand groups in the order ``--help`` lists them.
COMMANDS = (extract, ledger, query, corpus, export, serve, scale, evaluate)
URL_PREFIXES = ("http://", "https://", "ftp://")


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    # parse_known_args, so that an unknown option is reported by the subcommand's parser (its usage,
    # and the option it was probably meant to be) instead of the top-level usage
    args, extras = parser.parse_known_args(argv)
    subparser = _subparsers(parser).get(args.command, parser)
    if extras:
        subparser.error(unrecognized_message(extras, args.command, parser))
    resolve_ledger_argument(subparser, args)
    urls = [p for p in getattr(args, "paths", None) or [] if p.lower().startswith(URL_PREFIXES)]
    if urls:
        print(f"newsledger: URLs are not fetched ({urls[0]}{' and others' if len(urls) > 1 else ''}): "
              f"save the page and give the file", file=sys.stderr)
        return EXIT_USAGE
    try:
        with actor_dictionary(args):
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


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def unrecognized_message(extras: list[str], command: str, parser: argparse.ArgumentParser) -> str:
    """"unrecognized arguments: --fromat (did you mean --format?)", or which command has the option."""
    commands = _subparsers(parser)
    own = [o for o in commands[command]._option_string_actions if o.startswith("--")] if command in commands else []
    notes = []
    for extra in extras:
        option = extra.split("=", 1)[0]
        if not option.startswith("-"):
            continue
        close = difflib.get_close_matches(option, own, n=1, cutoff=0.6)
        if close:
            notes.append(f"did you mean {close[0]}?" if len(extras) == 1 else f"{option}: did you mean {close[0]}?")
            continue
        elsewhere = sorted(name for name, p in commands.items() if name != command and option in p._option_string_actions)
        if elsewhere:
            notes.append(f"{option} is an option of `newsledger {elsewhere[0]}`" + (f" (and {', '.join(elsewhere[1:])})" if elsewhere[1:] else "")
                         + f", not of `newsledger {command}`")
    message = f"unrecognized arguments: {' '.join(extras)}"
    return "; ".join([message, *notes])

"""``newsledger evaluate``: scores on the development gold sets."""
from __future__ import annotations

import argparse
from importlib import import_module
from pathlib import Path

from .common import EXIT_OK, UserError, add_actor_dictionary_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the extractors on a development gold set")
    p.add_argument("task", choices=("actors", "events", "quotes"))
    p.add_argument("file", help="gold file (JSONL; see ../shared/eval/README.md)")
    p.add_argument("--limit", type=int, help="only the first N records")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="print N example errors (of the tuning part only)")
    p.add_argument("--part", choices=("both", "tuning", "checking", "all"), default="both",
                   help="which part of the set to score: tuning and checking separately (default), one of them, or all records")
    add_actor_dictionary_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        raise UserError(f"no such file: {args.file}")
    module = import_module(f"newsledger.evaluate.{args.task}")
    print(module.report(args.file, limit=args.limit, errors=args.errors, part=args.part))
    return EXIT_OK

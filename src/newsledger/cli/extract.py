"""``newsledger extract``: records of articles as JSON or JSONL, in input order."""
from __future__ import annotations

import argparse
import json

from ..records import Failure
from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, add_input_options, open_output, processed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract records from articles and print them (JSON or JSONL)")
    add_input_options(p)
    p.add_argument("--format", choices=("json", "jsonl"), default="json")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--include-text", action="store_true", help="include the article text in each record")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_output(args.output) as out:
        first = True
        if args.format == "json":
            out.write("[")
        ok = 0
        for item in processed(args):
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

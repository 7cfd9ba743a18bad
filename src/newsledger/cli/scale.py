"""``newsledger scale``: the extraction as a Ray Data job."""
from __future__ import annotations

import argparse
import json
import sys

from ..records import Failure
from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, UserError, add_input_options, open_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scale", help="extract on a Ray cluster (local by default); JSONL out, in input order")
    add_input_options(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write JSONL here instead of stdout")
    p.add_argument("--workers", type=int, default=2, help="extraction actors (each loads the pipeline once; default 2)")
    p.add_argument("--address", help="Ray cluster address (default: start a local cluster)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import ray  # noqa: F401
    except ImportError:
        raise UserError("Ray is not installed; install it with `pip install 'newsledger[scale]'`") from None
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

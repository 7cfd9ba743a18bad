"""``newsledger serve LEDGER``: the web UI and REST API over a ledger, on 127.0.0.1 unless told."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, UserError, add_ledger_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web UI and REST API over a ledger",
                       description="Serve the web UI and the REST API (/api/, schema at /openapi.json) over a ledger. "
                                   "Read-only unless started with --write-token.")
    add_ledger_argument(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--write-token", metavar="TOKEN", help="allow writing endpoints (adding articles) to requests "
                                                          "that send `Authorization: Bearer TOKEN`")
    p.add_argument("--max-body", type=int, default=2_000_000, metavar="BYTES", help="refuse request bodies larger than this (default 2,000,000)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import create_app
    from ..web.security import is_loopback

    if not Path(args.db).is_file():
        raise UserError(f"no ledger at {args.db}; create one with `newsledger ingest PATH --db {args.db}`")
    if not is_loopback(args.host):
        print(f"newsledger: warning: serving on {args.host}, reachable from other machines; the ledger's "
              f"articles are readable by anyone who can reach it", file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsledger: serving {args.db} at http://{shown}:{args.port}/ "
          f"({'writes allowed with the token' if args.write_token else 'read-only'}); Ctrl-C stops", file=sys.stderr)
    app = create_app(args.db, write_token=args.write_token, max_body=args.max_body)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK

"""``newsledger corpus``, ``explain`` and ``network``: the corpus tables, one merged event, the actor network."""
from __future__ import annotations

import argparse
import csv
import json
import sys
import textwrap

from .common import EXIT_NOTHING_PROCESSED, EXIT_OK, UserError, add_ledger_argument, open_ledger, open_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="rebuild the corpus tables (merged events, corpus actors, claim threads)",
                       description="Rebuild the corpus tables from the per-article tables. `ingest` does this at the end of "
                                   "every run that adds articles; run it after changing the merge rules or on an older ledger.")
    add_ledger_argument(p)
    p.set_defaults(run=run_corpus)

    p = sub.add_parser("explain", help="show a merged event's mentions: each evidence sentence and why it joined")
    add_ledger_argument(p)
    p.add_argument("event_id", metavar="EVENT_ID", help="a corpus event id (the `id` of `events --merged`)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_explain)

    p = sub.add_parser("network", help="the directed actor-actor network per day, week or month",
                       description="Edges source -> target per period: corpus events, counts by quad class, mean Goldstein.")
    add_ledger_argument(p)
    p.add_argument("--period", choices=("day", "week", "month"), default="week")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--actor", metavar="CODE_OR_NAME", help="only edges with this actor on either side (id, code prefix or name)")
    p.add_argument("--format", choices=("csv", "json", "graphml"), default="csv")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout (required for graphml)")
    p.set_defaults(run=run_network)


def run_corpus(args: argparse.Namespace) -> int:
    from ..corpus import rebuild

    with open_ledger(args.db) as ledger:
        result = rebuild(ledger.con)
    print(f"newsledger: {args.db}: {result['corpus_events']:,} corpus events from {result['event_mentions']:,} event mentions "
          f"({result['multi_article_events']:,} reported by more than one article), {result['corpus_actors']:,} corpus actors, "
          f"{result['claim_threads']:,} claim threads; rebuilt in {result['seconds']:.2f} s", file=sys.stderr)
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    from ..query import corpus_event

    with open_ledger(args.db, read_only=True) as ledger:
        event = corpus_event(ledger.con, args.event_id)
    if event is None:
        print(f"newsledger: no corpus event {args.event_id!r} in {args.db} (see `newsledger events {args.db} --merged`)", file=sys.stderr)
        return EXIT_NOTHING_PROCESSED
    if args.format == "json":
        print(json.dumps(event, ensure_ascii=False, indent=1, default=str))
        return EXIT_OK
    print(format_explanation(event))
    return EXIT_OK


def format_explanation(event: dict) -> str:
    side = lambda name, code: f"{name or '?'}" + (f" [{code}]" if code else "")  # noqa: E731
    dates = event["date_start"] if event["date_start"] == event["date_end"] else f"{event['date_start']}..{event['date_end']}"
    lines = [
        f"corpus event {event['id']}: {side(event['source_name'], event['source_code'])} -> "
        f"{side(event['target_name'], event['target_code'])}: {event['plover'] or '-'} (CAMEO {event['cameo']}"
        + (f", mode {event['plover_mode']}" if event.get("plover_mode") else "") + ")",
        f"  {dates} ({event['date_precision']})" + (f" at {event['place_name']}" if event.get("place_name") else "")
        + f"; {event['n_mentions']} mention(s) in {event['n_articles']} article(s) from {event['n_sources']} source(s)",
    ]
    for i, m in enumerate(event["mentions"], 1):
        lines.append(f"{i}. {m['article_id']} ({m['published'] or 'undated'}, {m['outlet'] or 'unknown outlet'}), "
                     f"sentence {m['sentence']}, event {m['event_id']}: {m['rule']}")
        lines.append(textwrap.fill(f"“{m['evidence_text']}”", width=100, initial_indent="     ", subsequent_indent="     "))
        lines.append(textwrap.fill(f"why: {m['reason']}", width=100, initial_indent="     ", subsequent_indent="          "))
    return "\n".join(lines)


def run_network(args: argparse.Namespace) -> int:
    from ..corpus.network import EDGE_COLUMNS, to_graph
    from ..query import QueryError, network

    with open_ledger(args.db, read_only=True) as ledger:
        try:
            edges = network(ledger.con, args.period, args.since, args.until, args.actor)
        except QueryError as err:
            raise UserError(str(err)) from None
    if args.format == "graphml":
        if not args.output or args.output == "-":
            raise UserError("--format graphml needs --output FILE")
        import networkx as nx

        try:
            nx.write_graphml(to_graph(edges), args.output)
        except OSError as err:
            raise UserError(f"cannot write {args.output}: {err.strerror}") from None
    else:
        with open_output(args.output) as out:
            if args.format == "json":
                json.dump(edges, out, ensure_ascii=False, indent=1)
                out.write("\n")
            else:
                writer = csv.DictWriter(out, fieldnames=list(EDGE_COLUMNS))
                writer.writeheader()
                writer.writerows(edges)
    n_actors = len({e["source"] for e in edges} | {e["target"] for e in edges})
    print(f"newsledger: {len(edges):,} edges ({args.period}) between {n_actors:,} actors", file=sys.stderr)
    return EXIT_OK

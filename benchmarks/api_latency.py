"""Response times of the REST API on a ledger: a real `newsledger serve` process on 127.0.0.1, each
endpoint requested repeatedly over HTTP, the median and 95th percentile printed per endpoint.

    .venv/bin/python benchmarks/api_latency.py [--db demo.duckdb] [--repeat 20] [--port 8765]

Without the ledger it says how to make one (`make demo`). The first request of each endpoint is a
warm-up and not counted; /api/extract loads the spaCy pipeline on its warm-up.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

from newsledger.web.background import serve_in_background

EXTRACT_TEXT = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. "
                "\"We will deepen our cooperation,\" Xi said. South Korea's intelligence agency estimated "
                "that 12,000 North Korean soldiers had been sent to Russia.")


def endpoints(client: httpx.Client) -> list[tuple[str, str, dict | None]]:
    """(label, path, JSON body or None) for every endpoint, with ids taken from the ledger itself."""
    article = client.get("/api/articles", params={"sort": "-n_events", "limit": 1}).json()["rows"][0]["article_id"]
    event = client.get("/api/events", params={"limit": 1}).json()["rows"][0]["key"]
    corpus = client.get("/api/events", params={"merged": "true", "min_articles": 2, "limit": 1}).json()["rows"]
    corpus_id = corpus[0]["id"] if corpus else client.get("/api/events", params={"merged": "true", "limit": 1}).json()["rows"][0]["id"]
    code = client.get("/api/actors", params={"sort": "-n_articles", "limit": 1}).json()["rows"][0]["cameo_code"] or "USA"
    return [
        ("articles (first page)", "/api/articles", None),
        ("article with extraction", f"/api/articles/{article}", None),
        ("events (first page)", "/api/events", None),
        (f"events --actor {code}", f"/api/events?actor={code}", None),
        ("events --text", "/api/events?text=troops", None),
        ("one event with reports", f"/api/events/{event}", None),
        ("corpus events (merged)", "/api/events?merged=true", None),
        ("corpus events, >= 2 articles", "/api/events?merged=true&min_articles=2", None),
        ("one corpus event", f"/api/corpus/events/{corpus_id}", None),
        ("quotes", "/api/quotes", None),
        ("claims", "/api/claims", None),
        ("claim threads", "/api/claims?threads=true", None),
        ("actors", "/api/actors", None),
        ("corpus actors", "/api/corpus/actors", None),
        ("network", "/api/network", None),
        ("timeline", f"/api/timeline?actor={code}", None),
        ("HTML page (article reader)", f"/articles/{article}", None),
        ("extract pasted text (POST)", "/api/extract", {"text": EXTRACT_TEXT, "published": "2024-11-05"}),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="demo.duckdb")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args(argv)
    if not Path(args.db).is_file():
        print(f"api_latency: no ledger at {args.db}; run `make demo` first", file=sys.stderr)
        return 1
    try:
        with serve_in_background(args.db, args.port) as base, httpx.Client(base_url=base, timeout=120) as client:
            articles = client.get("/api/articles?limit=1").json()["total"]
            mentions = client.get("/api/events?limit=1").json()["total"]
            print(f"{args.db}: {articles:,} articles, {mentions:,} asserted events; {args.repeat} requests per endpoint "
                  f"after one warm-up, on {os.cpu_count()} cores")
            print(f"{'endpoint':34} {'median ms':>10} {'p95 ms':>8} {'bytes':>9}")
            for label, path, body in endpoints(client):
                send = (lambda: client.post(path, json=body)) if body else (lambda: client.get(path))
                first = send()
                first.raise_for_status()
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    send().raise_for_status()
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                print(f"{label:34} {statistics.median(times):10.1f} {p95:8.1f} {len(first.content):9,}")
    except RuntimeError as err:
        print(f"api_latency: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

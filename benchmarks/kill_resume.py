"""Kill an ingest with SIGKILL at random moments, resume it, and compare every table with an
uninterrupted run (real processes, real DuckDB files).

    .venv/bin/python benchmarks/kill_resume.py [--runs N] [--kills K] [--articles M] [--workers W] [--seed S]

Each run starts an ingest of the same input, kills it (and its workers) K times at random moments
between its start and the reference run's duration, starts it again each time, lets the last one
finish and compares the ledger with the reference, table by table, timestamps aside. Prints one line
per run and a closing line with the totals.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsledger.demo import demo_corpus_path
from newsledger.store import open_reader
from newsledger.store.snapshot import differences, snapshot


def make_input(directory: Path, n_articles: int) -> Path:
    """Demo articles with a malformed line, a line without text and a repeated text among them."""
    with demo_corpus_path().open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh][:n_articles]
    lines = [json.dumps({"id": a["id"], "text": a["text"], "published": a["date"]}) for a in articles]
    lines.insert(len(lines) // 3, '{"id": "broken", "text": ')
    lines.insert(len(lines) // 2, json.dumps({"id": "no-text"}))
    lines.append(json.dumps({"id": "repeat", "text": articles[0]["text"]}))
    path = directory / "input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command(path: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "newsledger", "ingest", str(path), "--db", str(db), "--workers", str(workers),
            "--batch-size", "4", "--commit-every", "8", "--no-progress"]


def articles_in(db: Path) -> int:
    if not db.exists():
        return 0
    with open_reader(db) as ledger:
        return ledger.counts()["articles"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kills", type=int, default=3, help="kills per run before it may finish")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = make_input(tmp, args.articles)
        reference = tmp / "reference.duckdb"
        started = time.monotonic()
        subprocess.run(command(path, reference, args.workers), check=True, stderr=subprocess.DEVNULL)
        duration = time.monotonic() - started
        expected = snapshot(reference)
        print(f"reference: {len(expected['articles'])} articles, {len(expected['failures'])} failures, "
              f"{sum(len(v) for v in expected.values())} rows in all, {duration:.1f} s uninterrupted, {args.workers} workers")
        equal = 0
        for run in range(1, args.runs + 1):
            db = tmp / f"run{run}.duckdb"
            at_kill = []
            for _ in range(args.kills):
                delay = rng.uniform(0.1, duration)
                process = subprocess.Popen(command(path, db, args.workers), stderr=subprocess.DEVNULL, start_new_session=True)
                try:
                    process.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)  # the ingest and its workers, as a crash would
                    process.wait()
                at_kill.append(f"{delay:.1f}s:{articles_in(db)}")
            result = subprocess.run(command(path, db, args.workers), stderr=subprocess.PIPE, text=True)
            diff = differences(snapshot(db), expected) if result.returncode == 0 else [f"exit {result.returncode}"]
            equal += not diff
            print(f"run {run}: killed at (time:articles stored) {', '.join(at_kill)}; resumed: "
                  f"{'identical to the uninterrupted ledger' if not diff else 'DIFFERENT: ' + '; '.join(diff)}")
        print(f"kill-and-resume: {equal}/{args.runs} runs identical to the uninterrupted ledger "
              f"({args.runs * args.kills} SIGKILLs, {args.articles} articles, {args.workers} workers)")
        sys.exit(0 if equal == args.runs else 1)


if __name__ == "__main__":
    main()

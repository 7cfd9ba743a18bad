"""The corpus layer at scale: a ledger of about 1,000,000 event mentions, the corpus rebuild, the
query commands and the exports, each timed.

    .venv/bin/python benchmarks/corpus_scale.py [--mentions 1000000] [--base demo.duckdb] [--keep DIR]

The big ledger is the demo ledger copied over and over: copy k of every article gets its own hash and
id and is published k days later (so its events fall on other days and merge only where the demo's own
reports do), which keeps the real mix of actors, codes, places and claims instead of uniform noise.
Without ``--base`` the demo corpus is ingested first. Each query is timed as the best of three runs
through ``newsledger.query`` (what the CLI and the web API call); exports run once.
"""
from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from newsledger import corpus, query
from newsledger.cli import main as cli_main
from newsledger.export.gdelt import write_gdelt
from newsledger.export.plover import write_plover
from newsledger.store.schema import RECORD_TABLES, TABLES, apply_schema

PER_ARTICLE = ("articles", "extractions", *RECORD_TABLES)


def copied_columns(table: str, present: set[str]) -> tuple[str, str]:
    """(names, expressions) of copy ``k`` of a per-article row: hashes and ids made unique, dates moved.
    Columns the base ledger does not have yet (an older ledger) stay NULL."""
    out, names = [], []
    for column, kind in TABLES[table]:
        if column not in present:
            continue
        names.append(f'"{column}"')
        if column == "sha256":
            out.append("sha256 || '~' || k")
        elif column in ("article_id",) or (table in ("articles", "extractions") and column == "id"):
            out.append(f'"{column}" || \'~\' || k')
        elif kind.startswith("DATE"):
            out.append(f'"{column}" + CAST(k AS INTEGER)')
        else:
            out.append(f'"{column}"')
    return ", ".join(names), ", ".join(out)


def build(base: Path, big: Path, mentions: int) -> int:
    con = duckdb.connect(str(big))
    apply_schema(con)
    con.execute(f"ATTACH '{str(base).replace(chr(39), chr(39) * 2)}' AS base (READ_ONLY)")  # ATTACH takes no parameters
    per_copy = con.execute("SELECT count(*) FROM base.events").fetchone()[0]
    copies = max(1, math.ceil(mentions / per_copy))
    for table in PER_ARTICLE:
        present = {c for (c,) in con.execute("SELECT column_name FROM information_schema.columns "
                                             "WHERE table_catalog = 'base' AND table_name = ?", [table]).fetchall()}
        names, expressions = copied_columns(table, present)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {expressions} "
                    f"FROM base.{table}, range(?) AS r(k)", [copies])
    con.execute("DETACH base")
    con.close()
    return copies


def best_of(fn, runs: int = 3) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--base", type=Path, help="a ledger to copy (default: ingest the demo corpus)")
    parser.add_argument("--keep", type=Path, help="build in this directory and keep the ledger")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsledger-corpus-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    base = args.base
    if base is None:
        base = work / "demo.duckdb"
        if not base.exists():
            print("ingesting the demo corpus ...", file=sys.stderr)
            cli_main(["demo", "--db", str(base)])
    big = work / "big.duckdb"
    big.unlink(missing_ok=True)

    started = time.perf_counter()
    copies = build(base, big, args.mentions)
    built = time.perf_counter() - started
    con = duckdb.connect(str(big))
    n_articles, n_mentions = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    print(f"ledger: {n_articles:,} articles, {n_mentions:,} event mentions ({copies} copies of {base.name}), built in {built:.1f} s")

    started = time.perf_counter()
    corpus.rebuild(con)
    rebuilt = time.perf_counter() - started
    n_corpus = con.execute("SELECT count(*) FROM corpus_events").fetchone()[0]
    print(f"corpus rebuild: {rebuilt:.1f} s -> {n_corpus:,} corpus events")

    top_code = con.execute("SELECT source_code FROM events WHERE source_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    first_day = con.execute("SELECT min(published) FROM articles").fetchone()[0]
    since, until = str(first_day), str(first_day.replace(year=first_day.year + 1) if first_day.month != 2 or first_day.day != 29 else first_day)
    cases = [
        ("events (first page)", "events", query.Filters()),
        (f"events --actor {top_code}", "events", query.Filters(actor=top_code)),
        ("events --type ASSAULT --since/--until one year", "events", query.Filters(type="ASSAULT", since=since, until=until)),
        ("events --text 'troops'", "events", query.Filters(text="troops")),
        ("events --merged", "corpus_events", query.Filters()),
        (f"events --merged --actor {top_code} --min-articles 2", "corpus_events", query.Filters(actor=top_code, min_articles=2)),
        ("quotes --text 'said'", "quotes", query.Filters(text="said")),
        ("claims", "claims", query.Filters()),
        ("claims --threads", "claim_threads", query.Filters()),
        ("actors --name Putin", "corpus_actors", query.Filters(name="Putin")),
    ]
    print("\nquery (best of 3, first page of 50 with its total count)      seconds   total")
    for label, kind, filters in cases:
        seconds, page = best_of(lambda: query.list_records(con, kind, filters))
        print(f"  {label:<58} {seconds:7.3f}  {page.total:>9,}")
    seconds, edges = best_of(lambda: query.network(con, "week", None, None, None))
    print(f"  {'network --period week':<58} {seconds:7.3f}  {len(edges):>9,} edges")
    seconds, edges = best_of(lambda: query.network(con, "month", None, None, top_code))
    print(f"  {'network --period month --actor ' + top_code:<58} {seconds:7.3f}  {len(edges):>9,} edges")

    print("\nexport (once)                                                  seconds")
    out = work / "exports"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    write_gdelt(con, out / "gdelt")
    print(f"  {'gdelt (events + mentions TSV)':<58} {time.perf_counter() - started:7.2f}")
    started = time.perf_counter()
    write_plover(con, out / "plover.jsonl")
    print(f"  {'plover JSONL':<58} {time.perf_counter() - started:7.2f}")
    con.close()
    started = time.perf_counter()
    cli_main(["export", str(big), "--format", "parquet", "--output", str(out / "parquet")])
    print(f"  {'parquet (every table)':<58} {time.perf_counter() - started:7.2f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

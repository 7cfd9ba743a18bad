"""Extract every article of a corpus and compare the JSON output with an earlier run.

A performance change must not change what is extracted. Save the output before the change, then
compare after it:

    PYTHONPATH=src .venv/bin/python tools/compare_extractions.py --save /tmp/before.jsonl
    ... change the code ...
    PYTHONPATH=src .venv/bin/python tools/compare_extractions.py --against /tmp/before.jsonl

``--against`` exits 1 and names the first differing fields of each changed article when anything
differs (also a missing or extra article), 0 when the outputs are identical. ``--corpus`` defaults
to the bundled demo corpus (309 Wikinews articles); ``--save`` and ``--against`` may be combined
(save this run, compare it with the old one).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Iterator


def extract_corpus(corpus: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The JSON output contract of each article of a JSONL corpus, in corpus order."""
    from newsledger.pipeline import read_articles
    from newsledger.records import Article, Failure

    articles = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            published = row.get("published") or row.get("date")
            articles.append(Article(id=row["id"], text=row["text"], title=row.get("title"), published=published, origin=row["id"]))
            if limit and len(articles) >= limit:
                break
    for item in read_articles(articles):
        if isinstance(item, Failure):
            yield {"id": item.article_id, "failure": item.reason}
        else:
            yield item.to_dict()


def differences(old: Any, new: Any, path: str = "") -> Iterator[str]:
    """Paths (``events[3].cameo``) where two JSON values differ, with both values."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key not in new:
                yield f"{path}.{key}: removed"
            elif key not in old:
                yield f"{path}.{key}: added"
            else:
                yield from differences(old[key], new[key], f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            yield f"{path}: {len(old)} items -> {len(new)} items"
        for index, (a, b) in enumerate(zip(old, new)):
            yield from differences(a, b, f"{path}[{index}]")
    elif old != new:
        yield f"{path}: {old!r} -> {new!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="JSONL corpus (default: the bundled demo corpus)")
    parser.add_argument("--save", type=Path, help="write this run's extractions (JSONL) here")
    parser.add_argument("--against", type=Path, help="compare this run with extractions saved earlier")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--show", type=int, default=5, help="differences shown per changed article")
    args = parser.parse_args(argv)
    if not args.save and not args.against:
        parser.error("give --save, --against or both")
    if args.corpus is None:
        from newsledger.demo import demo_corpus_path

        args.corpus = demo_corpus_path()

    started = time.perf_counter()
    current = list(extract_corpus(args.corpus, args.limit))
    print(f"extracted {len(current)} articles from {args.corpus} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for record in current:
                fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"saved to {args.save}", file=sys.stderr)
    if not args.against:
        return 0

    with args.against.open(encoding="utf-8") as fh:
        earlier = {record["id"]: record for record in map(json.loads, fh)}
    now = {record["id"]: json.loads(json.dumps(record)) for record in current}
    changed = 0
    for article_id in list(earlier) + [i for i in now if i not in earlier]:
        if article_id not in now:
            print(f"{article_id}: missing from this run")
            changed += 1
            continue
        if article_id not in earlier:
            print(f"{article_id}: not in {args.against}")
            changed += 1
            continue
        diffs = list(differences(earlier[article_id], now[article_id]))
        if diffs:
            changed += 1
            print(f"{article_id}: {len(diffs)} differences")
            for line in diffs[: args.show]:
                print(f"    {line}")
    print(f"{changed} of {len(earlier)} articles differ" if changed else f"identical: {len(now)} articles")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput on the bundled demo corpus: spaCy parsing alone vs the whole `newsledger extract`.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--repeat R]

Both are measured in the same run on the same articles, so the ratio holds on a noisy machine even
when the absolute numbers do not. Prints articles/s for each stage and the overhead of each
extraction step relative to the parse.
"""
from __future__ import annotations

import argparse
import json
import time
from itertools import islice

from newsledger import nlp as nlp_loader
from newsledger.demo import demo_corpus_path
from newsledger.ingest import read_inputs
from newsledger.pipeline import STEPS, extract_doc, parse_texts, read_articles
from newsledger.records import Article


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    articles = [a for a in islice(read_inputs([str(demo_corpus_path())]), args.limit) if isinstance(a, Article)]
    nlp = nlp_loader.load()
    parse_texts(nlp, [articles[0].text])  # warm up: first call loads lazily initialised weights
    n_chars = sum(len(a.text) for a in articles)

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = parse_texts(nlp, [a.text for a in articles])
        t_parse = time.perf_counter() - t0

        t0 = time.perf_counter()
        for doc, article in zip(docs, articles):
            extract_doc(doc, article)
        t_extract = time.perf_counter() - t0

        step_times = {name: 0.0 for name in STEPS}
        for doc, article in zip(docs, articles):
            extract_doc(doc, article, timings=step_times)

        t0 = time.perf_counter()
        n_out = sum(1 for _ in read_articles(articles, nlp=nlp))
        t_total = time.perf_counter() - t0
        assert n_out == len(articles)
        for key, value in {"parse": t_parse, "extract": t_extract, "total": t_total, **step_times}.items():
            best[key] = min(best.get(key, float("inf")), value)

    n = len(articles)
    print(f"demo corpus: {n} articles, {n_chars:,} characters, best of {args.repeat}")
    print(f"spaCy parse only (nlp.pipe)      {n / best['parse']:8.1f} articles/s  ({best['parse']:.2f} s)")
    print(f"newsledger extract (parse + all) {n / best['total']:8.1f} articles/s  ({best['total']:.2f} s)")
    print(f"ratio extract / parse time       {best['total'] / best['parse']:8.2f}")
    for name in STEPS:
        print(f"  step {name:8s} adds {100 * best[name] / best['parse']:5.1f}% of parse time ({best[name]:.2f} s)")
    print(json.dumps({"articles": n, "parse_s": round(best["parse"], 3), "total_s": round(best["total"], 3),
                      "ratio": round(best["total"] / best["parse"], 3),
                      "steps_pct_of_parse": {k: round(100 * best[k] / best["parse"], 1) for k in STEPS}}))


if __name__ == "__main__":
    main()

"""Long articles: seconds per 100,000 characters and peak memory at 10k, 100k, 300k (and 1M) characters.

    PYTHONPATH=src .venv/bin/python benchmarks/long_articles.py [--sizes 10000,100000,300000] [--with-1m] [--profile]

Each long article is the demo articles joined by blank lines, cut at a paragraph break near the
size. Each size runs in its own process (so its peak RSS is its own) that loads spaCy, parses the
article (``pipeline.parse_texts``, as ``extract`` does) and runs every extraction step, timed per
step. If the cost is linear, seconds per 100k characters stay flat as the size grows; a step whose
column grows with the size is doing work per mention over the whole document.

``--profile`` adds, for the largest size, the 25 functions with the most own time in a second
(profiled) extraction. The machine may be shared: compare the columns of one run, and the load average is printed.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_SIZES = (10_000, 100_000, 300_000)
ONE_MILLION = 1_000_000


def long_article(size: int) -> str:
    """About ``size`` characters of demo articles joined by blank lines (cut at a paragraph break)."""
    from newsledger.demo import demo_corpus_path

    texts = [json.loads(line)["text"] for line in demo_corpus_path().open(encoding="utf-8")]
    parts: list[str] = []
    length = 0
    index = 0
    while length < size:
        text = texts[index % len(texts)]
        parts.append(text)
        length += len(text) + 2
        index += 1
    joined = "\n\n".join(parts)
    cut = joined.rfind("\n\n", 0, size)
    return joined[: cut if cut > size // 2 else size]


def measure_one(size: int, profile: bool) -> dict:
    """Parse and extract one long article in this process; times, counts and peak RSS."""
    from newsledger import nlp as nlp_loader
    from newsledger.pipeline import STEPS, extract_doc, parse_texts
    from newsledger.records import Article

    text = long_article(size)
    nlp = nlp_loader.load()
    # warm up: the first extraction loads our tables and gazetteer, a cost per process, not per character
    warm = long_article(2_000)
    extract_doc(parse_texts(nlp, [warm])[0], Article(id="warm", text=warm, published="2010-01-01"))
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    [doc] = parse_texts(nlp, [text])
    parse_seconds = time.perf_counter() - started
    rss_parsed = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings: dict[str, float] = {step: 0.0 for step in STEPS}
    article = Article(id="long", text=text, published="2010-01-01")
    started = time.perf_counter()
    extraction = extract_doc(doc, article, timings)
    extract_seconds = time.perf_counter() - started
    top = []
    if profile:  # a second, profiled extraction: the timings above are not slowed by the profiler
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        extract_doc(doc, article)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        top = out.getvalue().splitlines()
    return {
        "size": len(text),
        "parse": parse_seconds,
        "extract": extract_seconds,
        "steps": timings,
        "counts": {name: len(getattr(extraction, name)) for name in ("sentences", "actors", "events", "quotes", "claims", "dates", "places")},
        "rss_loaded_mb": rss_loaded,
        "rss_parsed_mb": rss_parsed,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "profile": top,
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated character counts")
    parser.add_argument("--with-1m", action="store_true", help="also 1,000,000 characters (minutes before the fix)")
    parser.add_argument("--profile", action="store_true", help="cProfile the extraction of the largest size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.profile)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.with_1m and ONE_MILLION not in sizes:
        sizes.append(ONE_MILLION)
    from newsledger.pipeline import STEPS

    print(f"long articles (demo articles joined), load average {load_average()}")
    header = f"{'chars':>9} {'parse s/100k':>12} {'extract s/100k':>14} " + " ".join(f"{s:>8}" for s in STEPS) + f" {'peak MB':>8} {'parsed MB':>9}"
    print("seconds per 100k characters; steps are extraction steps")
    print(header)
    results = []
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size)] + (["--profile"] if args.profile and size == max(sizes) else [])
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        per = 100_000 / result["size"]
        steps = " ".join(f"{result['steps'][s] * per:8.2f}" for s in STEPS)
        print(f"{result['size']:>9} {result['parse'] * per:12.2f} {result['extract'] * per:14.2f} {steps} {result['rss_peak_mb']:8.0f} {result['rss_parsed_mb']:9.0f}", flush=True)
    for result in results:
        print(f"  {result['size']} chars: " + ", ".join(f"{k} {v}" for k, v in result["counts"].items()))
    for result in results:
        if result["profile"]:
            print(f"\nprofile of the extraction at {result['size']} characters:")
            print("\n".join(result["profile"]))
    print(f"load average at the end {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

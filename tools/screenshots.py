"""The README's screenshots: a real `newsledger serve` over a ledger, Debian's chromium driven by
Playwright, the article reader (an event selected), the actor network and a corpus event saved as PNG.

    .venv/bin/python tools/screenshots.py [--db demo.duckdb] [--out docs/screenshots]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

import httpx

from newsledger.web.background import serve_in_background

CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="demo.duckdb")
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument("--port", type=int, default=8766)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with serve_in_background(args.db, args.port) as base:
        multi = httpx.get(f"{base}/api/events", params={"merged": "true", "min_articles": 2, "limit": 1}).json()["rows"][0]
        report = multi["mentions"][0]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})

            def shoot(path: str, name: str) -> None:
                page.goto(base + path)
                page.wait_for_selector("body[data-ready=true]", timeout=30_000)
                page.wait_for_timeout(1500)  # the network layout settles
                page.screenshot(path=str(out / f"{name}.png"))
                print(out / f"{name}.png")

            shoot(f"/articles/{quote(report['article_id'], safe='')}#{report['event_id']}", "article-reader")
            shoot("/network?max_edges=30", "network")
            shoot(f"/corpus/events/{quote(multi['id'], safe='')}", "corpus-event")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

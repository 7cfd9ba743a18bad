"""Claims: checkable assertions, each with its source, what it is about, its hedges and its number.

A claim is made for

1. every **quote** that asserts something: its cue is a speech or belief cue (not an intention such as
   "urged" or "promised"), and its content is a statement (it has a verb; it is not a question). The
   source is the quote's speaker. A quote whose content carries quantities gives one claim per
   quantity, with the sentence of the content that holds it as evidence; else one claim with the
   content as evidence. A quotation split by its cue ("“A,” he said, “B.”") or reported around a
   parenthetical cue ("A, he said, B") is one claim.
2. every **quantity** that no such quote contains: a claim stated by the article itself, without a
   source; its evidence is the clause that holds the quantity ("currently occupies nearly a fifth of
   Ukrainian territory").

``about`` is the actor the claim is about: for a quantity, the owner of the counted thing when the
resolver coded it with a country ("12,000 North Korean troops" -> the North Korean military), else
the subject of the claim's clause ("North Korea sent thousands of soldiers" -> North Korea); for other
claims the subject of the content clause. ``hedges`` are the words of ``ontology/data/hedges.tsv``
found in the evidence and the cue ("may", "could", "reportedly", "claims", "believe"); estimate words
("as many as", "up to") count only inside the quantity phrase. ``hedged`` says whether there are any.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc, Token

from ..records import Claim, Quantity, Quote, Span
from .actors import ActorResolution
from .quotes import cue_class

_HEDGES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "data" / "hedges.tsv"
#: Cue classes whose content asserts something (intentions - "urged", "promised" - do not).
ASSERTING = {"speech", "belief"}
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
MIN_CONTENT_WORDS = 3


@dataclass
class _Hedges:
    words: dict[tuple[str, ...], str]  # phrase as written -> kind
    lemmas: dict[str, str]  # single-word lemma -> kind
    longest: int

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(k[0] for k in self.words)


@functools.lru_cache(maxsize=1)
def hedge_table() -> _Hedges:
    words: dict[tuple[str, ...], str] = {}
    lemmas: dict[str, str] = {}
    for line in _HEDGES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("hedge\t"):
            continue
        hedge, kind, by_lemma = (line.split("\t") + ["", ""])[:3]
        if by_lemma == "yes" and " " not in hedge:
            lemmas[hedge] = kind
        else:
            words[tuple(hedge.split())] = kind
    return _Hedges(words, lemmas, max((len(k) for k in words), default=1))


class _Index:
    def __init__(self, doc: Doc, actors: ActorResolution, quantities: list[Quantity]):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.lower = [t.lower_ for t in doc]
        self.lemma = [t.lemma_.lower() for t in doc]
        self.actors = actors
        self.starts = [t.idx for t in doc]
        self.quantities = sorted((q for q in quantities if q.span), key=lambda q: q.span)
        self.q_starts = [q.span[0] for q in self.quantities]
        self.sent_bounds = [(s.start, s.end) for s in doc.sents]
        self.sent_starts = [s for s, _ in self.sent_bounds]

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tokens(self, span: Span) -> tuple[int, int]:
        """Token range (end exclusive) covering the characters of ``span``."""
        first = self.token_at(span[0])
        last = self.token_at(max(span[0], span[1] - 1))
        return first, last + 1

    def chars(self, first: int, end: int) -> Span:
        last = self.doc[end - 1]
        return (self.doc[first].idx, last.idx + len(last))

    def quantities_in(self, span: Span) -> list[int]:
        i = bisect.bisect_left(self.q_starts, span[0])
        out = []
        while i < len(self.quantities) and self.q_starts[i] < span[1]:
            if self.quantities[i].span[1] <= span[1]:
                out.append(i)
            i += 1
        return out

    def sentence(self, token: int) -> tuple[int, int]:
        n = bisect.bisect_right(self.sent_starts, token) - 1
        return self.sent_bounds[max(0, n)]


def find_claims(doc: Doc, actors: ActorResolution, quotes: list[Quote], quantities: list[Quantity]) -> list[Claim]:
    """The claims of ``doc``: asserting quotes and the quantities stated outside them; ids c1, c2, ...
    in text order."""
    index = _Index(doc, actors, quantities)
    found: list[tuple[Span, Optional[str], Optional[str], Optional[Quantity], Optional[str], list[str]]] = []
    claimed: set[int] = set()  # quantities already in a claim
    for group in _statements(doc, quotes):
        first, cue_span = group[0], group[0].cue_span
        content = (group[0].content_span[0], group[-1].content_span[1])
        cls = cue_class(doc, cue_span) if cue_span else None
        if cls is None:
            cls = "speech" if first.kind in ("direct", "mixed") else None
        if cls not in ASSERTING:  # a wish or a promise is no checkable claim, nor are its numbers the article's
            claimed.update(n for q in group for n in index.quantities_in(q.content_span))
            continue
        cue_hedges = _cue_hedges(index, cue_span)
        inside = [n for q in group for n in index.quantities_in(q.content_span) if n not in claimed]
        if inside:
            for n in inside:
                quantity = index.quantities[n]
                evidence = _sentence_part(index, content, quantity.span)
                found.append((evidence, first.speaker, first.id, quantity, _about(index, evidence, quantity), cue_hedges))
                claimed.add(n)
            continue
        if not _asserts(index, group):
            continue
        found.append((content, first.speaker, first.id, None, _about(index, content, None), cue_hedges))
    for n, quantity in enumerate(index.quantities):
        if n in claimed:
            continue
        evidence = _clause_of(index, quantity.span)
        found.append((evidence, None, None, quantity, _about(index, evidence, quantity), []))
    found.sort(key=lambda f: (f[0], f[3].span if f[3] and f[3].span else (0, 0)))
    claims = []
    for n, (evidence, source, quote_id, quantity, about, cue_hedges) in enumerate(found, start=1):
        hedges = cue_hedges + [h for h in _hedges_in(index, evidence, quantity) if h not in cue_hedges]
        claims.append(Claim(id=f"c{n}", source=source, evidence=evidence, about=about, hedged=bool(hedges),
                            quantity=quantity, quote=quote_id, hedges=hedges))
    return claims


# --------------------------------------------------------------------------- which quotes assert


def _statements(doc: Doc, quotes: list[Quote]) -> list[list[Quote]]:
    """Quotes grouped into statements: the parts of one quotation around its cue ("“A,” he said, “B.”",
    "A, he said, B") are one statement; every other quote is its own."""
    ordered = sorted(quotes, key=lambda q: q.content_span)
    groups: list[list[Quote]] = []
    for q in ordered:
        last = groups[-1][-1] if groups else None
        if (last is not None and q.cue_span and last.cue_span == q.cue_span and q.speaker_span == last.speaker_span
                and last.content_span[1] <= q.cue_span[0] and q.content_span[0] >= q.cue_span[1]):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _asserts(index: _Index, group: list[Quote]) -> bool:
    """A statement, not a question, a fragment or a bare noun phrase ("a “significant escalation”")."""
    text = index.text
    content = text[group[0].content_span[0]:group[-1].content_span[1]].rstrip(" ”\"’'")
    if content.endswith("?"):
        return False
    doc = index.doc
    words = 0
    verb = False
    for q in group:
        first, end = index.tokens(q.content_span)
        if q.kind != "direct" and _root(doc, first, end).pos_ not in ("VERB", "AUX"):
            return False  # reported noun phrase ("spoke about her husband"), not a statement
        for t in doc[first:end]:
            if t.is_alpha:
                words += 1
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
                verb = True
    return verb and words >= MIN_CONTENT_WORDS


# --------------------------------------------------------------------------- evidence


def _root(doc: Doc, first: int, end: int) -> Token:
    """The first token of ``first``..``end`` whose head lies outside (``Span.root`` checks the whole
    document's parse on every call, far too slow inside a loop)."""
    for i in range(first, end):
        h = doc[i].head.i
        if h == i or not first <= h < end:
            return doc[i]
    return doc[first]


def _sentence_part(index: _Index, content: Span, inner: Optional[Span]) -> Span:
    """The part of ``content`` in the sentence that holds ``inner``."""
    if inner is None:
        return content
    s0, s1 = index.sentence(index.token_at(inner[0]))
    start, end = index.chars(s0, s1)
    lo, hi = max(content[0], start), min(content[1], end)
    if hi <= lo:
        return content
    text = index.text
    while hi > lo and text[hi - 1] in " \n\t":
        hi -= 1
    return (lo, hi)


def _clause_of(index: _Index, span: Span) -> Span:
    """The clause that holds a quantity: its verb's phrase with the subject, within the sentence
    ("currently occupies nearly a fifth of Ukrainian territory", "one of which drew two million people")."""
    doc = index.doc
    first, end = index.tokens(span)
    s0, s1 = index.sentence(first)
    head = _root(doc, first, end)
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and s0 <= verb.head.i < s1:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return _trimmed(index, s0, s1)
    if (verb.dep_ == "relcl" or verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG") \
            and verb.left_edge.i > s0 and doc[verb.left_edge.i - 1].text == ",":
        # "..., which left at least 42 people dead", "..., killing at least eight people": the clause
        # the relative or participial clause comments on
        outer = verb.head
        while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i and s0 <= outer.head.i < s1:
            outer = outer.head
        if outer.pos_ in ("VERB", "AUX"):
            verb = outer
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    lo, hi = max(lo, s0), min(hi, s1)
    # a clause that coordinates further clauses: stop before the next one ("A, and B")
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > end:
            hi = min(hi, c.left_edge.i)
            if hi - 1 > first and doc[hi - 1].dep_ == "cc":
                hi -= 1
    for c in verb.children:
        if c.dep_ in ("ccomp", "advcl") and c.right_edge.i < first:
            lo = max(lo, c.right_edge.i + 1)
        if c.dep_ in ("advcl", "parataxis", "ccomp") and c.left_edge.i >= end and doc[c.left_edge.i - 1].text in (",", ";", "—"):
            hi = min(hi, c.left_edge.i - 1)  # "..., claiming them to be mercenaries": another statement
    return _trimmed(index, lo, hi)


def _trimmed(index: _Index, first: int, end: int) -> Span:
    doc = index.doc
    while first < end - 1 and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "cc"):
        first += 1
    while end - 1 > first and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return index.chars(first, end)


# --------------------------------------------------------------------------- about


def _about(index: _Index, evidence: Span, quantity: Optional[Quantity]) -> Optional[str]:
    """The actor a claim is about: the owner of the counted thing, else the actor the clause's subject
    names; None when neither is an actor ("the rally was visited by ...")."""
    actors = index.actors
    doc = index.doc
    if quantity is not None and quantity.span:
        first, end = index.tokens(quantity.span)
        for i in range(end - 1, first - 1, -1):  # the counted noun is the phrase's last noun
            t = doc[i]
            if t.pos_ in ("NOUN", "PROPN"):
                for actor_id in actors.ids_at(i):
                    actor = actors.get(actor_id)
                    if actor is not None and actor.country:
                        return actor_id
                break
    first, end = index.tokens(evidence)
    subject = _subject_of(doc, first, end)
    return _actor_in_phrase(index, subject) if subject is not None else None


def _subject_of(doc: Doc, first: int, end: int) -> Optional[Token]:
    """The subject of the main clause of tokens ``first``..``end``: of its root verb, or of the verb
    that root is coordinated with ("Russia launched ... and currently occupies ...")."""
    root = _root(doc, first, end)
    verb: Optional[Token] = root
    for _ in range(4):
        if verb is None:
            return None
        for c in verb.children:
            if c.dep_ in SUBJECTS and c.dep_ != "expl":
                if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return c
        if verb.dep_ in ("conj", "xcomp", "advcl", "relcl") and verb.head.i != verb.i:
            verb = verb.head if verb.dep_ != "relcl" else None
            if verb is None:
                return root.head if root.dep_ == "relcl" else None
        else:
            return None
    return None


def _actor_in_phrase(index: _Index, head: Token) -> Optional[str]:
    """The actor a subject names: at its head, else in its "of" phrase or modifiers ("one of which"
    -> what "which" refers to is not resolved; "the rally" has none)."""
    actors = index.actors
    ids = actors.ids_at(head.i)
    if ids:
        return ids[0]
    for t in head.subtree:
        if t.i != head.i and actors.ids_at(t.i):
            return actors.ids_at(t.i)[0]
    return None


# --------------------------------------------------------------------------- hedges


def _cue_hedges(index: _Index, cue_span: Optional[Span]) -> list[str]:
    """Hedges of the cue itself ("claims", "believe") and its adverbs ("reportedly believe")."""
    if not cue_span:
        return []
    doc = index.doc
    first, end = index.tokens(cue_span)
    tokens = list(doc[first:end])
    for t in list(tokens):
        tokens.extend(c for c in t.children if c.dep_ in ("advmod", "aux") and c not in tokens)
    table = hedge_table()
    found = []
    for t in sorted(tokens, key=lambda t: t.i):
        kind = table.lemmas.get(t.lemma_.lower()) or table.words.get((t.lower_,))
        if kind is not None and kind != "quantity" and t.text not in found:
            found.append(t.text)
    return found


def _hedges_in(index: _Index, span: Span, quantity: Optional[Quantity]) -> list[str]:
    """Hedge words inside ``span``; estimate words only inside the quantity phrase."""
    doc = index.doc
    table = hedge_table()
    lower, lemma = index.lower, index.lemma
    first, end = index.tokens(span)
    q_first, q_end = index.tokens(quantity.span) if quantity and quantity.span else (-1, -1)
    found: list[str] = []
    i = first
    while i < end:
        if lower[i] in table.first_words:
            matched = 0
            for n in range(min(table.longest, end - i), 0, -1):
                kind = table.words.get(tuple(lower[i:i + n]))
                if kind is None:
                    continue
                if kind == "quantity" and not (q_first <= i and i + n <= q_end):
                    continue
                if kind == "modal" and doc[i].tag_ != "MD":
                    continue  # "in May"
                phrase = doc[i:i + n].text
                if phrase not in found:
                    found.append(phrase)
                matched = n
                break
            if matched:
                i += matched
                continue
        if lemma[i] in table.lemmas and doc[i].pos_ in ("VERB", "AUX") and doc[i].text not in found:
            found.append(doc[i].text)
        i += 1
    return found

"""Pronouns that stand for a country or an organisation: "Norway has said it will send aid",
"Hamas said they would ...", "Egypt recalled its ambassador", "It said ..." after "Egypt condemned ...".

A person pronoun (he/she) is resolved by the actor resolver itself. This module binds "it"/"its" and,
when no plural group is in sight, "they"/"their", to the subject of the clause that governs the
pronoun ("X said [it will ...]"), or else to the subject of the previous sentence. Binding follows the
parse, not the distance: a pronoun whose governing subject is a thing ("the report said it ...") is
left alone, and so is the "it" of "it is likely that", "it was reported that", "it rained".
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Optional

from spacy.tokens import Token

SINGULAR_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Clauses that inherit the governing subject's referent ("X said [it will ...]").
COMPLEMENT_DEPS = {"ccomp", "xcomp", "conj", "parataxis"}
OBJECT_DEPS = ("dobj", "dative", "obj")
#: The pronoun's own role: subjects and possessors are bound; an object "it" is mostly a thing.
BOUND_DEPS = {"nsubj", "nsubjpass", "poss"}
#: Verbs whose "it" subject is a placeholder for a clause: "it seems that", "it emerged that".
PLACEHOLDER_VERBS = {"be", "seem", "appear", "emerge", "remain", "matter", "happen", "mean", "take", "rain", "snow",
                     "become", "look", "sound", "transpire", "follow", "turn", "make"}
#: Actor kinds a pronoun may stand for (people take he/she; "it" is never a person).
SINGULAR_KINDS = {"country", "organization", "igo", "group"}
PLURAL_KINDS = {"organization", "igo", "group", "country"}


def bound_antecedent(
    t: Token,
    ids_at: Callable[[int], Sequence[str]],
    kind_of: Callable[[str], Optional[str]],
    plural_of: Callable[[str], bool],
) -> Optional[str]:
    """The actor id that pronoun ``t`` refers to, or None. ``ids_at`` gives the actor ids a token
    heads (already resolved: only earlier tokens count), ``kind_of`` an actor's kind and
    ``plural_of`` whether it was named by a plural noun ("protesters")."""
    word = t.lower_
    if word not in SINGULAR_PRONOUNS and word not in PLURAL_PRONOUNS:
        return None
    if t.dep_ not in BOUND_DEPS or _placeholder(t):
        return None
    singular = word in SINGULAR_PRONOUNS

    def fits(actor_id: str) -> bool:
        kind = kind_of(actor_id)
        if singular:
            return kind in SINGULAR_KINDS and not (kind == "group" and plural_of(actor_id))
        return kind in PLURAL_KINDS

    found = _governing_subject(t, ids_at, fits)
    if found is not _NOT_FOUND:
        return found
    if _clause_subject(t) is not None and t.dep_ == "poss":
        return None  # "the report said its ...": the clause has a subject of its own that is no actor
    return _previous_sentence_subject(t, ids_at, fits)


_NOT_FOUND = object()


def _placeholder(t: Token) -> bool:
    """'it is likely that', 'it was reported that', 'it emerged on Monday that': no referent."""
    if t.lower_ != "it" or t.dep_ not in SUBJECT_DEPS:
        return False
    head = t.head
    clause_after = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > head.i for c in head.children)
    if head.lemma_ in PLACEHOLDER_VERBS and (clause_after or head.lemma_ in ("rain", "snow")):
        return True
    if t.dep_ == "nsubjpass" and clause_after:
        return True  # "it is believed that ..."
    if head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in head.children) and clause_after:
        return True
    return False


def _clause_subject(t: Token) -> Optional[Token]:
    verb = t.head if t.dep_ == "poss" else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT" and verb.head is not verb:
        verb = verb.head
    if verb is None:
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < t.i and c.pos_ != "PRON"), None)


def _governing_subject(t: Token, ids_at, fits):
    """Walk from the pronoun's clause up to the sentence root; the first earlier subject decides:
    an actor that fits is the referent, any other noun means the pronoun is about that noun.

    Only complement clauses ("said [that it ...]", "decided [to ...]", "and [it ...]") pass the
    subject on freely. Through an adverbial or relative clause ("as they travelled", "after it was
    stolen") the pronoun may as well be the governing verb's object, so a governing verb with an
    object leaves it unresolved."""
    node = t.head
    own_clause = True
    while True:
        for c in node.children:
            if c.dep_ in SUBJECT_DEPS and c.i < t.i and c is not t:
                if own_clause and t.dep_ in SUBJECT_DEPS:
                    continue  # a second subject of the same verb is not an antecedent
                ids = [i for x in (c, *c.conjuncts) for i in ids_at(x.i)]
                match = next((i for i in ids if fits(i)), None)
                if match is not None:
                    return match if not _rival_between(c, t, ids_at, fits) else None
                if c.pos_ in ("NOUN", "PROPN") and not ids:
                    return None  # "the report said it would": "it" is the report
        if node.dep_ == "ROOT" or node.head is node:
            return _NOT_FOUND
        clause = node.pos_ in ("VERB", "AUX")  # from "its border" up to "closed" is no clause boundary
        if clause and node.dep_ not in COMPLEMENT_DEPS and any(c.dep_ in OBJECT_DEPS for c in node.head.children):
            return None
        own_clause = False
        node = node.head


def _rival_between(antecedent: Token, t: Token, ids_at, fits) -> bool:
    """'The UN imposed sanctions on Iraq over its invasion': another actor that fits stands between
    the subject and the pronoun, so the pronoun may be about either."""
    inside = {x.i for x in antecedent.subtree}
    return any(fits(i) for k in range(antecedent.i + 1, t.i) if k not in inside for i in ids_at(k))


def _previous_sentence_subject(t: Token, ids_at, fits) -> Optional[str]:
    """'Egypt condemned the attack. It said ...': the subject of the previous sentence's main clause."""
    sent = t.sent
    if sent.start == 0:
        return None
    previous = t.doc[sent.start - 1].sent
    root = previous.root
    for c in root.children:
        if c.dep_ in SUBJECT_DEPS:
            ids = [i for x in (c, *c.conjuncts) for i in ids_at(x.i)]
            match = next((i for i in ids if fits(i)), None)
            return match if match is not None and not _rival_between(c, t, ids_at, fits) else None
    return None

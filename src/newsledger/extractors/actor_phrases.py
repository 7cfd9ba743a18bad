"""What a noun phrase says about the actor it names: titles and roles, possessors and "of/from"
phrases, linking participles ("Kurdish-led"), appositions, collective nouns, and the small word lists
the resolver reads them with. Pure functions over spaCy tokens and spans."""
from __future__ import annotations

import functools
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Optional

from spacy.tokens import Span, Token

from ..ontology import actor_tables
from ..ontology.actor_tables import Entry
from ..records import Actor

if TYPE_CHECKING:
    from .actors import Profile

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
GROUP_SEARCH_SENTENCES = 2  # how far back "they" looks for its group
GROUP_WORDS = {"country", "nation", "side", "government", "state", "leader"}  # "the two countries", "both sides"
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "quantmod", "det", "case", "punct", "cc", "conj", "poss", "npadvmod", "flat"}
PREMODIFIER_DEPS = {"compound", "amod", "nmod", "flat"}
ORIGIN_PREPS = {"of", "from"}
PERSON_SEARCH_SENTENCES = 4  # how far back a pronoun looks for its person
ANAPHOR_DETERMINERS = {"the", "this", "that", "these", "those"}
#: Words that make a definite phrase introduce a new referent rather than repeat one ("the other party").
NEW_REFERENT_WORDS = {"other", "another", "opposing", "rival", "new", "former", "second", "next", "different"}
#: Head nouns that all name a country's executive ("the government", "the administration", "Moscow").
GOVERNMENT_HEADS = {"government", "administration", "cabinet", "regime", "executive", "authority"}
#: Sectors of institutions that an unqualified phrase ("the government", "police", "protesters")
#: places in the article's own country; armed forces and spies are too often foreign to assume it.
DOMESTIC_SECTORS = {"GOV", "COP", "LEG", "JUD", "OPP", "PTY", "ELI", "CVL", "EDU", "LAB", "BUS", "REF"}
FOREIGN_WORDS = {"foreign", "international", "world", "global", "western", "other", "overseas", "regional",
                 "multinational", "allied", "neighbouring", "neighboring", "outside"}


def home_country(hits: dict[int, tuple[Span, tuple[Entry, ...]]]) -> Optional[str]:
    """The country an article is mainly about, when one clearly dominates its country names."""
    counts: Counter[str] = Counter()
    for start in {span.start: None for span, _ in hits.values()}:
        span, entries = hits[start]
        entry = _pick(entries)
        if entry.kind in ("country", "demonym", "capital", "seat") and entry.country and entry.sector != "MED":
            counts[entry.country] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 2 and n >= 0.4 * sum(counts.values()) and n >= 1.5 * second else None


def _title_end(tokens: list[Token], hits: dict) -> int:
    """Index just after the last title, country or IGO word in ``tokens`` ("US Defense Secretary |
    Lloyd Austin", "Crown Prince | Mohammad bin Salman"): where a person's name begins."""
    end, i, in_name = 0, 0, False
    while i < len(tokens):
        for width in (3, 2, 1):
            words = tokens[i:i + width]
            if len(words) == width and (actor_tables.is_role(" ".join(t.lower_ for t in words))
                                        or actor_tables.person_word(" ".join(t.lower_ for t in words)) is not None
                                        or all(t.i in hits for t in words)):
                end = i = i + width
                in_name = False
                break
        else:
            if (not tokens[i].text[:1].isupper() or tokens[i].is_punct) and not in_name:
                end = i + 1  # lowercase words before a name are description ("then-prime-minister")
            else:  # lowercase words inside a name are particles ("Mohammad bin Salman")
                in_name = True
            i += 1
    return end


def _linking_participle(t: Token) -> Optional[Token]:
    """The participle of "Yemen-based", "Saudi-led" when ``t`` is its country word and it modifies a later noun."""
    p = t.head
    if t.dep_ in ("npadvmod", "compound", "nmod") and p.dep_ == "amod" and p.head.i > t.i and p is not t \
            and p.lower_ in actor_tables.link_words("locates") | actor_tables.link_words("leads"):
        return p
    return None


def _has_linking_participle(span: Span) -> bool:
    return any(_linking_participle(t) is not None for t in span)


def _collective_sector(span: Span, head: Token) -> Optional[str]:
    """'a Somalia-based paramilitary group': a generic collective takes its modifier's sector."""
    if head.lemma_.lower() not in actor_tables.link_words("collective"):
        return None
    for t in span:
        if t.i != head.i and t.dep_ in ("amod", "compound") and (sector := actor_tables.agent_sector(t.lemma_.lower())):
            return sector
    return None


def _body_phrase(span: Span, head: Token) -> bool:
    """True when the phrase ending at ``head`` is a listed body or group ("national guard", "protester")."""
    words = [t for t in span if not t.is_punct and t.dep_ not in ("det", "poss", "case")]
    if head not in words:
        return False
    idx = words.index(head)
    return any(actor_tables.agent_sector(" ".join(t.lemma_.lower() for t in words[k:idx + 1])) for k in range(idx + 1))


def _kind_word_before_name(head: Token, span: Span) -> Optional[Token]:
    """'the airline Andes Sky', 'broadcaster NKT': a common noun naming a kind of organisation, right
    before the proper name it qualifies. Titles ("officer John Smith") are excluded."""
    if head.pos_ != "PROPN":
        return None
    for t in span:
        if t.i < head.i and t.pos_ == "NOUN" and t.dep_ == "compound" and all(x.pos_ == "PROPN" for x in span[t.i - span.start + 1:]) \
                and actor_tables.agent_sector(t.lemma_.lower()) and not _is_title(t):
            return t
    return None


def _described_by(name: Token) -> Optional[Token]:
    """'the Iranian airline Mahan Air': the common noun right before a name it stands in apposition to."""
    d = name.head
    if name.dep_ == "appos" and name.pos_ == "PROPN" and d.pos_ == "NOUN" and d.i < name.i and name.left_edge.i == d.i + 1:
        return d
    return None


def _acting_modifier(t: Token) -> bool:
    """'police violence', 'army attack': a sector noun modifying a non-actor noun names the actor."""
    return (t.dep_ == "compound" and t.pos_ == "NOUN" and bool(actor_tables.agent_sector(t.lemma_.lower()))
            and t.head.pos_ == "NOUN" and not actor_tables.agent_sector(t.head.lemma_.lower())
            and not actor_tables.role_sector(t.head.lower_))


def _has_who_clause(head: Token) -> bool:
    """'Viktar Babaryka, who was arrested': a relative 'who' makes a name a person's."""
    return any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom", "whose") for w in c.children) for c in head.children)


def _is_title(t: Token) -> bool:
    return actor_tables.is_role(t.lower_) or actor_tables.person_word(t.lower_) is not None


def _foreign(span: Span) -> bool:
    return any(t.lower_ in FOREIGN_WORDS for t in span)


def _only(entries: Iterable[Entry], *kinds: str) -> bool:
    entries = list(entries)
    return bool(entries) and all(e.kind in kinds for e in entries)


def _non_state_code(entry: Entry) -> Optional[str]:
    """The Phoenix code of an IGO, NGO, company or international militant group ("MNCUSA",
    "IMGMUSALQ"), kept whole; organisations of a country are coded country + sector."""
    code = entry.cameo_code or ""
    return code if code.startswith(("IGO", "NGO", "IMG", "MNC", "NGM", "UIS")) else None


def _pick(entries: tuple[Entry, ...]) -> Entry:
    order = {"igo": 0, "seat": 1, "country": 2, "capital": 3, "demonym": 4, "organization": 5, "leader": 6}
    return min(entries, key=lambda e: order.get(e.kind, 9))


def _possessors(head: Token) -> list[Token]:
    """Tokens of the possessor phrase ("Russia's parliament")."""
    return [t for c in head.children if c.dep_ == "poss" for t in c.subtree]


def _origin_objects(head: Token) -> list[Token]:
    """Tokens of "of"/"from" phrases ("Ministry of Internal Affairs of Belarus", "troops from Chad")."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ORIGIN_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        out.extend(t for t in obj.subtree if t.dep_ != "prep" or t.lower_ in ORIGIN_PREPS)
                        stack.append(obj)
    return out


def _phrase_sector(span: Span, head: Token) -> Optional[str]:
    """The sector of a phrase from its head noun, trying the longest compound first."""
    words = [t for t in span if not t.is_punct and t.dep_ not in ("det", "poss", "case")]
    idx = [t.i for t in words].index(head.i) if head in words else len(words) - 1
    for start in range(0, idx + 1):
        sector = actor_tables.agent_sector(" ".join(t.lemma_.lower() for t in words[start:idx + 1]))
        if sector:
            return sector
    if any(c.dep_ in ("det", "poss") for c in head.children) or head.text[:1].isupper():
        return actor_tables.role_sector(head.lower_)  # "the president", "the king"; not "true justice"
    return None


def _longest_role(tokens: list[Token]) -> tuple[Optional[str], Optional[str]]:
    best: tuple[Optional[str], Optional[str]] = (None, None)
    words = [t for t in tokens if not t.is_punct]
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if best[0] and j - i <= len(best[0].split()):
                break
            if any(words[k + 1].i != words[k].i + 1 for k in range(i, j - 1)):
                continue
            title = " ".join(t.lower_ for t in words[i:j])
            sector = actor_tables.role_sector(title)
            if sector:
                best = (" ".join(t.text for t in words[i:j]), sector)
                break
    return best


def _role_with_body(tokens: list[Token]) -> tuple[Optional[str], Optional[str]]:
    """A title's sector, where the body named in it beats a one-word generic title:
    "opposition candidate" is OPP (not PTY), "army chief" MIL, "Defense Secretary" stays GOVMIL."""
    role, sector = _longest_role(tokens)
    if role is None or " " in role:
        return role, sector
    for t in tokens:
        if t.lower_ != role.lower() and (body := actor_tables.agent_sector(t.lemma_.lower())) and body[:3] in ("OPP", "REB", "MIL", "COP", "SPY", "JUD", "LEG", "MED"):
            return role, body
    return role, sector


def _group_of_countries(head: Token) -> bool:
    if head.lemma_.lower() not in GROUP_WORDS or head.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in ("two", "both") for c in head.children)


def _is_definite_anaphor(head: Token, span: Span, profile: Profile) -> bool:
    """'the president', 'the American journalist': a definite phrase without a name of its own."""
    determiners = [c for c in head.children if c.dep_ == "det"]
    if not determiners or determiners[0].lower_ not in ANAPHOR_DETERMINERS:
        return False
    if any(t.lower_ in NEW_REFERENT_WORDS for t in span):
        return False
    return not any(t.ent_type_ in ("PERSON", "ORG") for t in span) and head.tag_ in ("NN", "NNS", "NNP")


def _set_off(appos: Token) -> bool:
    """An apposition proper is set off by a comma, bracket or dash from what it describes."""
    if appos.left_edge.tag_.startswith("VB"):
        return False  # a mis-parsed clause ("Callamard, ..., cautioned justice does not come")
    before = appos.doc[appos.left_edge.i - 1] if appos.left_edge.i > 0 else None
    return before is not None and before.text in (",", "(", "-", "–", "—") or appos.head.i > appos.i


def _is_named(actor: Actor) -> bool:
    return actor.kind == "person" or actor.evidence in ("named entity", "seat of power", "IGO name")


def _rename(actor: Actor, p: Profile) -> None:
    actor.name, actor.kind, actor.evidence = p.name, p.kind, p.evidence or actor.evidence
    if p.role and not actor.role:
        actor.role = p.role


def _merge_profile(actor: Actor, p: Profile) -> None:
    """Text evidence from a later mention fills what the actor still lacks."""
    if actor.country is None and p.country:
        actor.country = p.country
    if actor.sector is None and p.sector:
        actor.sector = p.sector
    if actor.role is None and p.role:
        actor.role = p.role
    actor.cameo_code = _cameo_code(actor, p.igo_code if p.igo_code else (actor.cameo_code if (actor.cameo_code or "").startswith("IGO") else None))


def _cameo_code(actor: Actor, igo_code: Optional[str]) -> Optional[str]:
    if igo_code:
        return igo_code
    if actor.country and len(actor.country) == 3:
        return actor.country + (actor.sector or "")
    return actor.sector


def _actor_key(p: Profile) -> tuple:
    if p.kind == "igo" and p.igo_code:
        return ("igo", p.igo_code)
    if p.kind == "country":
        return ("country", p.country)
    if p.country and p.sector:
        if p.head_lemma in GOVERNMENT_HEADS or p.evidence.startswith("capital"):
            return ("government", p.country, p.sector)
        return ("coded", p.country, p.sector, p.igo_code, p.name.lower() if p.kind == "organization" else p.head_lemma)
    return (p.kind, p.name.lower())


def _clean_name(span: Span) -> str:
    tokens = [t for t in span if t.dep_ not in ("det",) and not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return _join(tokens) or span.text


def _join(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text if all(b.i == a.i + 1 for a, b in zip(tokens, tokens[1:])) else " ".join(t.text for t in tokens)


def _country_name(iso3: Optional[str]) -> Optional[str]:
    entry = actor_tables.country_by_code(iso3) if iso3 else None
    return entry.name if entry else None


def _demonym_name(iso3: Optional[str]) -> str:
    return _country_name(iso3) or (iso3 or "")


@functools.lru_cache(maxsize=1)
def _igo_short_names() -> dict[str, str]:
    return {e.cameo_code: e.country for entries in actor_tables.phrase_index().values() for e in entries
            if e.kind == "igo" and e.cameo_code and e.country}


def _igo_short(code: str) -> str:
    return _igo_short_names().get(code, code)

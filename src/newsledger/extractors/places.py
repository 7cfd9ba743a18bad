"""Places: where things happen. Finds place mentions in a parsed article and geocodes them.

Candidates are spaCy GPE/LOC/FAC entities plus gazetteer names the small model misses. Same-named
senses are chosen by a score: the populous or administrative sense first, then the article's other
places and countries ("Paris" is French unless the article is in Texas), and a "City, State" pattern
decides outright. Country, state and capital names used as actors ("Moscow said", "Russia launched")
are not places; facilities take the point of the place they are named after or sit beside.
"""
from __future__ import annotations

import csv
import functools
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from ..ontology import gazetteer
from ..ontology.gazetteer import Entry, Gazetteer
from ..records import Place

MAX_NAME_TOKENS = 6
PLACE_LABELS = ("GPE", "LOC", "FAC")
NEVER_PLACES = ("NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
# more specific wins when a clause names several places
SPECIFICITY = {"landmark": 5, "city": 4, "admin1": 3, "region": 2, "country": 1}
BIG_CITY = 100_000
TOWN = 15_000


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    with open(gazetteer.DATA / "place_cues.tsv", encoding="utf-8", newline="") as f:
        rows = csv.reader((line for line in f if line.strip() and not line.startswith("#")), delimiter="\t")
        next(rows)
        return {kind: frozenset(words.split()) for kind, words in rows}


@dataclass
class _Mention:
    start: int  # token offsets, end exclusive
    end: int
    entries: list[Entry]
    label: str  # the spaCy entity label, "" for a name only the gazetteer knew
    weak: bool = False  # kept only if its syntax or a "City, State" pattern confirms it
    confirmed: bool = False  # a "City, State" pattern settled it
    anchor_only: bool = False  # part of a longer name ("Hong Kong" in "Hong Kong Police Headquarters")
    entry: Optional[Entry] = None
    host: Optional[tuple[int, int]] = None  # the longer name this one sits in


def find_places(doc: Doc, context_countries: Iterable[str] = ()) -> list[Place]:
    """One Place per place mention, in text order, ids p1, p2, ..."""
    gaz = gazetteer.load()
    context = {c for c in context_countries if isinstance(c, str)}
    ents = [_trim(doc, e.start, e.end) + (e.label_,) for e in doc.ents]
    mentions = _mentions(doc, gaz, ents)
    _apply_city_state(doc, gaz, mentions)
    mentions = [m for m in mentions if not m.weak or m.confirmed or locative_use(doc[m.start:m.end])]
    _resolve(doc, mentions, context)
    _anchor_landmarks(doc, mentions)

    # "Valeska Paris ... Paris claims": a name the article gives a person is hers unless used as a place
    people = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    places: list[Place] = []
    for m in sorted(mentions, key=lambda m: m.start):
        span = doc[m.start:m.end]
        if m.anchor_only or m.entry is None or not _is_place_use(span, m.entry):
            continue
        if span.text.lower() in people and not (m.confirmed or locative_use(span)):
            continue
        e = m.entry
        name = e.name[4:] if e.feature == "country" and e.name.startswith("The ") else e.name
        places.append(Place(f"p{len(places) + 1}", (span.start_char, span.end_char), name, e.country,
                            e.lat, e.lon, e.geonameid, e.feature))
    return places


def locative_use(span: Span) -> bool:
    """True when the mention is used as a location: "in Kazan", "a visit to Pyongyang",
    "Istanbul, Turkey", "the city of São Paulo", "the Kazan summit", "visiting Hong Kong"."""
    if not span.doc.has_annotation("DEP"):
        return False
    tok = _conj_head(span.root)
    head, dep = tok.head, tok.dep_
    if dep == "pobj":
        if _is(head, "locative_prep"):
            return not _is(head.head, "source_word")  # "according to Johns Hopkins University"
        return head.lower_ == "of" and _is(head.head, "place_noun")
    if dep == "appos":
        return _placeish(head)
    if dep in ("compound", "nmod") and head.i == span.end:  # "the Kazan summit", "the Donetsk region"
        return _is(head, "locative_head") or _is(head, "place_noun")
    if dep == "dobj":
        return _is(head, "motion_verb")
    return False


def place_in_span(places: list[Place], start: int, end: int) -> Optional[Place]:
    """The most specific place mentioned inside [start, end) (a clause), the first among equals."""
    inside = [p for p in places if start <= p.span[0] and p.span[1] <= end]
    return max(inside, key=lambda p: SPECIFICITY.get(p.feature or "", 0), default=None)


# --- candidates -------------------------------------------------------------------------------------

def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s")
                           or (doc[end - 1].is_punct and doc[end - 1].text != ".")):
        end -= 1
    return start, end


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each token's sentence; Token.sent walks the whole document at every call."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))] * len(doc)
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds.extend([(sent.start, sent.end)] * len(sent))
    return bounds


def _scan(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, list[Entry]]]:
    """Longest gazetteer names, left to right, each starting with a capital letter, within a sentence."""
    found = []
    sentences = _sentences(doc)
    text = doc.text  # rebuilt from the tokens at every access
    i = 0
    while i < len(doc):
        tok = doc[i]
        # lower-case prefixes of a few names: "mainland China"
        if not (tok.text[:1].isupper() or _is(tok, "name_prefix")) or tok.lower_ == "the":
            i += 1
            continue
        limit = min(i + MAX_NAME_TOKENS, sentences[i][1])
        for j in range(limit, i, -1):
            last = doc[j - 1]
            if last.is_punct or last.is_space or any(t.is_space or "\n" in t.text for t in doc[i:j]):
                continue
            entries = gaz.names.get(gazetteer.key(text[tok.idx:last.idx + len(last)]))
            if entries:
                found.append((i, j, entries))
                i = j
                break
        else:
            i += 1
    return found


def _mentions(doc: Doc, gaz: Gazetteer, ents: list[tuple[int, int, str]]) -> list[_Mention]:
    owner = [-1] * len(doc)
    for k, (s, e, _) in enumerate(ents):
        for t in range(s, e):
            owner[t] = k
    mentions: list[_Mention] = []
    covered: set[int] = set()  # entities a gazetteer name accounts for
    for i, j, entries in _scan(doc, gaz):
        inside = {owner[t] for t in range(i, j) if owner[t] >= 0}
        hosts = [k for k in inside if ents[k][0] <= i and j <= ents[k][1] and ents[k][:2] != (i, j)]
        if any((ents[k][0] < i or ents[k][1] > j) and k not in hosts for k in inside) or len(hosts) > 1:
            continue  # crosses an entity's edge: no reading of it is safe
        if hosts:
            s, e, label = ents[hosts[0]]
            unknown = label in ("GPE", "LOC") and not gaz.lookup(doc[s:e].text)
            if unknown and any(x.feature != "city" for x in entries):
                m = _candidate(doc, i, j, entries, label)  # "Gaza Strip border"; not "Savannah Guthrie"
            elif label in ("ORG", "FAC", "GPE", "LOC") and (senses := _host_senses(doc, i, j, s, entries)):
                m = _Mention(i, j, senses, label, anchor_only=True, host=(s, e))
            else:
                m = None  # "Valeska Paris"
        else:
            exact = next((k for k in inside if ents[k][:2] == (i, j)), None)
            m = _candidate(doc, i, j, entries, ents[exact][2] if exact is not None else "")
        if m is not None:
            mentions.append(m)
            covered |= inside
    mentions += _institutions(doc, owner, ents)
    # "is this entity inside a mention?" by bisection: the furthest end among mentions starting at
    # or before it (entities do not overlap, so the facilities added below never contain a later one)
    spans = sorted((m.start, m.end) for m in mentions if not m.anchor_only)
    starts = [start for start, _ in spans]
    furthest = list(accumulate((end for _, end in spans), max))
    for s, e, label in ents:
        span = doc[s:e]
        k = bisect_right(starts, s)
        if s >= e or (k and furthest[k - 1] >= e):
            continue
        # one-word facilities ("House") are too vague to place; famous ones are in regions.tsv
        # an organisation named like a building is a place only where the syntax says so; a
        # facility too, unless its name ends like one ("Revenue Tower"; not "the Space Race")
        facility = _is(span.root, "facility_head")
        if e - s > 1 and (label in ("FAC", "ORG") and facility and locative_use(span)
                          or label == "FAC" and (facility or locative_use(span))):
            mentions.append(_Mention(s, e, [], label))
    return mentions


def _institutions(doc: Doc, owner: list[int], ents: list[tuple[int, int, str]]) -> list[_Mention]:
    """Unnamed seats used as places: "in the Saudi consulate in Istanbul", "in front of parliament"."""
    found = []
    for tok in doc:
        if owner[tok.i] >= 0 or not _is(tok, "institution_noun") or not locative_use(doc[tok.i:tok.i + 1]):
            continue
        start = tok.i
        if start and owner[start - 1] >= 0 and ents[owner[start - 1]][2] == "NORP":
            start = ents[owner[start - 1]][0]  # "the Saudi consulate": whose, not where
        found.append(_Mention(start, tok.i + 1, [], "FAC"))
    return found


def _candidate(doc: Doc, i: int, j: int, entries: list[Entry], label: str) -> Optional[_Mention]:
    """Whether a gazetteer name, as tagged by the model, may be a place mention at all."""
    if label in NEVER_PLACES:  # "Russian", "from March" (not March, Cambridgeshire)
        return None
    text = doc[i:j].text
    if text.isupper() and gazetteer.key(text) not in gazetteer.load().curated:
        # acronyms ("AU", "ARIEL") are no towns; "US", "UK", "NYC" are in our tables
        entries = [e for e in entries if e.feature != "city"]
        if not entries:
            return None
    if label == "LOC":  # natural features and vague areas ("the West"): never a village of that name
        entries = [e for e in entries if e.feature != "city" or e.population >= BIG_CITY]
        return _Mention(i, j, entries, label) if entries else None
    if label in PLACE_LABELS:
        return _Mention(i, j, entries, label, weak=not (_strong(entries) or _has_town(entries)))
    if label:  # tagged as a person, organisation...: a place only if nothing else fits it
        if _strong(entries) or (_has_town(entries, doc[i:j].text) and locative_use(doc[i:j])):
            return _Mention(i, j, entries, label)
        return None
    if j - i == 1 and doc[i].pos_ != "PROPN":
        return None  # a capitalised common word ("Police fired"), not the town of that name
    if not _strong(entries) and (_proper(doc, i - 1) or _proper(doc, j)):
        return None  # a piece of a longer name: "Carmel Valley", "Savannah Guthrie"
    return _Mention(i, j, entries, label, weak=not _strong(entries))


def _proper(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()


def _host_senses(doc: Doc, i: int, j: int, s: int, entries: list[Entry]) -> list[Entry]:
    """ "Hong Kong Police Headquarters", "University of Geneva": the place a facility is named after
    opens its name or follows "of", and is no hamlet ("Council" in "Legislative Council Complex").
    A name opening a facility's name is often a person's ("Kennedy Space Center"): big cities only."""
    if i != s and doc[i - 1].lower_ != "of":
        return []
    minimum = BIG_CITY if i == s else TOWN
    return [e for e in entries if e.feature != "city" or e.capital or e.population >= minimum
            and gazetteer.key(e.name) == gazetteer.key(doc[i:j].text)]


def _strong(entries: list[Entry]) -> bool:
    """A sense that is no accident of spelling: a country, region, state, landmark or capital
    ("The Valley", capital of Anguilla, is no reason to read every "Valley" as a place)."""
    return any(e.feature != "city" or e.capital and e.population >= TOWN for e in entries)


def _has_town(entries: list[Entry], text: str = "") -> bool:
    """A sense with some thousands of people; given the text, only a town of exactly that name
    (alternate names of cities include oddities: weak evidence where the model saw no place)."""
    return any(e.population >= TOWN and (not text or gazetteer.key(e.name) == gazetteer.key(text))
               for e in entries)


# --- choosing among senses --------------------------------------------------------------------------

def _apply_city_state(doc: Doc, gaz: Gazetteer, mentions: list[_Mention]) -> None:
    """ "Lebanon, Pennsylvania", "Paris, Texas", "Long Beach, CA": the second name contains the first."""
    at = {m.start: m for m in mentions if not m.anchor_only}
    ends = {m.end for m in at.values()}
    for a in list(at.values()):
        if a.end + 1 >= len(doc) or doc[a.end].text != "," or _in_list(doc, a.start - 1, at, ends, back=True):
            continue
        b = at.get(a.end + 1)
        if b is None:
            abbrev = gaz.after_comma.get(gazetteer.key(doc[a.end + 1].text))
            if abbrev is None:
                continue
            b = _Mention(a.end + 1, a.end + 2, [abbrev], "")
        if _in_list(doc, b.end, at, ends, back=False):
            continue  # "Maine, New York, New Jersey": a list, not an address
        pairs = [(x, c) for c in b.entries if c.feature in ("country", "admin1") for x in a.entries
                 if x is not c and _contains(c, x)]
        if pairs:
            a.entries = list({id(x): x for x, _ in pairs}.values())
            b.entries = list({id(c): c for _, c in pairs}.values())
            a.confirmed = b.confirmed = True
            if b not in mentions:
                mentions.append(b)


def _in_list(doc: Doc, i: int, at: dict[int, _Mention], ends: set[int], back: bool) -> bool:
    """Is the name next to token i one item of a list of names? (``ends``: where the names of ``at`` end)"""
    if back:
        return i >= 1 and doc[i].text == "," and i in ends
    return i + 1 < len(doc) and doc[i].lower_ in (",", "and", "or") and (i + 1) in at


def _contains(container: Entry, place: Entry) -> bool:
    if container.feature == "country":
        return place.country == container.country
    return place.admin1 is not None and place.admin1 == container.admin1 and place.feature != "admin1"


def _prior(e: Entry) -> float:
    """How likely a sense is before reading the article: administrative units first, then size."""
    base = {"country": 8.0, "admin1": 7.5, "region": 7.0, "landmark": 7.0}.get(e.feature)
    if base is None:
        base = math.log10(e.population + 10) + (1.0 if e.capital else 0.0)
    return base + (2.0 if e.preferred else 0.0) + (2.0 if e.context else 0.0)


def _resolve(doc: Doc, mentions: list[_Mention], context: set[str]) -> None:
    """Pick one sense per mention, using the senses the article makes clear elsewhere."""
    neighbours = gazetteer.load().neighbours
    # Evidence from the sure senses, counted once for the article and once per name: a mention's
    # evidence is the article's minus its own name's (a per-mention recount is quadratic).
    all_countries: Counter[str] = Counter()
    all_units: Counter[str] = Counter()
    all_states: Counter[str] = Counter()
    by_name: dict[str, tuple[Counter[str], Counter[str], Counter[str]]] = {}
    keys = {id(m): _key(doc, m) for m in mentions}
    for m in mentions:
        ranked = sorted((_prior(e) for e in m.entries), reverse=True)
        if ranked and not m.anchor_only and (m.confirmed or len(ranked) == 1 or ranked[0] - ranked[1] >= 2):
            e = max(m.entries, key=_prior)
            own = by_name.setdefault(keys[id(m)], (Counter(), Counter(), Counter()))
            for counter, total, value in ((own[0], all_countries, e.country), (own[1], all_units, e.admin1),
                                          (own[2], all_states, e.admin1 if e.feature == "admin1" else None)):
                if value:
                    counter[value] += 1
                    total[value] += 1
    empty: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
    nearby_without: dict[frozenset[str], tuple[set[str], set[str]]] = {}
    for m in mentions:
        if not m.entries:
            continue
        own = by_name.get(keys[id(m)], empty)  # a name is no evidence for itself
        own_countries, own_units = own[0], own[1]
        # "Paris, Texas" in a Texas story; a list of twenty states says little about any one town
        unit_bonus = 3.0 / max(1, len(all_states) - sum(1 for u, n in own[2].items() if all_states[u] == n))
        gone = frozenset(c for c, n in own_countries.items() if all_countries[c] == n)
        if gone not in nearby_without:
            known_here = context | (set(all_countries) - gone)
            nearby_without[gone] = (known_here, {n for c in known_here for n in neighbours.get(c, ())})
        known, nearby = nearby_without[gone]

        def score(e: Entry) -> float:
            in_unit = bool(e.admin1 and all_units[e.admin1] - own_units[e.admin1] > 0)
            in_country = all_countries[e.country] - own_countries[e.country] > 0 if e.country else False
            return (_prior(e) + 1.5 * (e.country in context) + 1.5 * in_country
                    + (3.0 if e.feature == "admin1" else unit_bonus) * in_unit + 0.75 * (e.country in nearby))

        senses = [e for e in m.entries if e.context is None or e.context in known] or m.entries
        m.entry = max(senses, key=lambda e: (score(e), e.population))


def _key(doc: Doc, m: _Mention) -> str:
    return gazetteer.key(doc[m.start:m.end].text)


def _anchor_landmarks(doc: Doc, mentions: list[_Mention]) -> None:
    """A facility the gazetteer lacks sits at the place its name holds ("Hong Kong Police
    Headquarters"), or at a place inside that one named in its sentence ("the California Science
    Center in Los Angeles"), or else at the most specific city or region of its sentence; failing
    those, in the article's main city, or the country its sentence names."""
    located = [m for m in mentions if m.entry is not None and m.entry.lat is not None
               and m.entry.feature != "landmark"]
    cities = Counter(m.entry.name for m in located if m.entry.feature == "city" and not m.anchor_only)
    top = cities.most_common(1)[0][0] if cities else None
    main_city = next((m.entry for m in located if m.entry.feature == "city" and m.entry.name == top), None)
    countries = {m.entry.country for m in located if m.host is None}
    seen: dict[str, Entry] = {}
    sentences = _sentences(doc)
    # indexes instead of a scan of every located mention per facility (quadratic on long articles)
    hosted: dict[tuple[int, int], Entry] = {}
    for x in located:
        if x.host is not None:
            hosted.setdefault(x.host, x.entry)
    by_start = sorted(range(len(located)), key=lambda k: located[k].start)
    starts = [located[k].start for k in by_start]
    for m in sorted((m for m in mentions if not m.entries), key=lambda m: m.start):
        text = doc[m.start:m.end].text
        own = hosted.get((m.start, m.end))
        first, last = sentences[m.start]
        root = doc[m.start:m.end].root
        in_sentence = sorted(by_start[bisect_left(starts, first):bisect_left(starts, last)])
        near = sorted((x for x in map(located.__getitem__, in_sentence) if x.host != (m.start, m.end)),
                      key=lambda x: (doc[x.start:x.end].root.head.head != root,  # "X in Ohio"
                                     -SPECIFICITY.get(x.entry.feature, 0), abs(x.start - m.start)))
        local = [x.entry for x in near if x.entry.feature != "country"]
        elsewhere = {x.entry.country for x in near} | countries
        if own is not None and elsewhere and own.country not in elsewhere:
            own = None  # "Kennedy Space Center in Cape Canaveral": not the Kennedy district of Bogotá
        if gazetteer.key(text) in seen:
            anchor = seen[gazetteer.key(text)]
        elif own is not None:
            anchor = next((e for e in local if _contains(own, e) or own.feature == "country"
                           and e.country == own.country), own)
        else:
            anchor = local[0] if local else main_city or (near[0].entry if near else None)
        if anchor is not None:  # else nothing in the article says where it is: not listed
            seen.setdefault(gazetteer.key(text), anchor)
            m.entry = Entry(text, "landmark", anchor.country, anchor.lat, anchor.lon)


# --- how a name is used -----------------------------------------------------------------------------

def _is_place_use(span: Span, e: Entry) -> bool:
    """Countries, states, capitals and famous buildings often stand for their governments."""
    if not span.doc.has_annotation("DEP") or locative_use(span):
        return True
    if _modifier_only(span) or e.locative_only:
        return False
    if e.feature in ("country", "admin1") or e.capital:
        return not (_agentive(span) or _actor_object(span))
    return e.feature != "landmark" or not _agentive(span)  # "the Kremlin said"


def _agentive(span: Span) -> bool:
    """ "Moscow said", "Russia launched", "Pyongyang's support", "supported by the United States"."""
    tok = _conj_head(span.root)
    head = tok.head
    if tok.dep_ == "nsubj":
        return head.pos_ in ("VERB", "AUX") and not _is(head, "stative_verb")
    if tok.dep_ == "poss":
        return _is(head, "action_noun")
    return tok.dep_ == "pobj" and head.dep_ == "agent"


def _actor_object(span: Span) -> bool:
    """ "support for Moscow", "a pact with North Korea", "sanctions on North Korea"."""
    tok = _conj_head(span.root)
    return tok.dep_ == "pobj" and tok.head.lower_ in _cues()["actor_prep"]


def _modifier_only(span: Span) -> bool:
    """ "US Defense Secretary", "Thailand's Thai Raksa Chart Party", "the Paris Climate Accord":
    a label on someone or part of another name, not a place."""
    tok = span.root
    if tok.dep_ not in ("compound", "poss", "nmod", "amod"):
        return False
    head = tok.head
    if tok.dep_ == "compound" and head.pos_ == "PROPN" and not _placeish(head):
        return True
    return _is(head, "role_head") or head.ent_type_ in ("PERSON", "ORG", "NORP")


def _conj_head(tok: Token) -> Token:
    """The first item of a coordination ("in Brazil, Bolivia, and Paraguay" -> Brazil)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _is(tok: Token, kind: str) -> bool:
    """Is the word (as written or as lemma) in that list of place_cues.tsv?"""
    words = _cues()[kind]
    return tok.lower_ in words or tok.lemma_.lower() in words


def _placeish(tok: Token) -> bool:
    return tok.ent_type_ in PLACE_LABELS or _is(tok, "place_noun")

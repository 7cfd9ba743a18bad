"""Events: who did what to whom, coded in CAMEO and PLOVER, with the flags analysts need.

Predicates are verbs and event nouns that the verb lexicon (``ontology.verbs``) codes. Their
arguments come from the dependency parse: the agent (subject, passive "by" phrase, possessor of
an event noun, the subject a coordinated or controlled verb inherits) and the patient or recipient
(object, "to/with/against/on/into" phrases, the country of a place). Each event says whether it is
negated, hypothetical, historical or reported by someone (``attributed_to``), and points to its
trigger and evidence spans.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import product
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..ontology.codes import cameo_info, is_valid
from ..ontology.event_cues import cue_class
from ..ontology.verbs import VerbMatch, match_predicate, sector_code
from ..records import Event, Place, Quote, TimeRef
from .actors import ActorResolution
from .places import place_in_span
from .quotes import match_cue
from .span_index import Cover, FirstContaining, StartIndex

#: CAMEO codes that are not events of their own: bare statements (the quote step keeps what was said).
STATEMENT_CODES = {"010", "01"}
#: Codes that mean nothing without a counterpart ("travel to", "host").
NEEDS_TARGET = {"042", "043", "044", "046"}
#: Acts that, done jointly by two parties with no object, run both ways: meet and talk (04x), sign an
#: agreement (057), cooperate (06x). Seconding or praising together is not mutual.
RECIPROCAL_PREFIXES = ("04", "057", "06")
TARGET_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "at", "onto", "over", "from", "for", "of")
NOUN_TARGET_PREPS = ("of", "on", "against", "to", "with", "into", "toward", "towards", "at", "upon", "over")
#: Nouns that count or group acts ("a series of strikes", "a wave of arrests"): the act's agent and
#: target are found from the group noun's place in the clause.
PARTITIVE_NOUNS = frozenset({"series", "wave", "spate", "string", "number", "round", "barrage", "volley", "salvo",
                             "flurry", "raft", "set", "couple", "dozen", "hundred", "thousand", "campaign", "streak"})
#: What is fired, dropped or thrown is the means of an attack, not its target ("fired shells at Seoul").
WEAPON_NOUNS = frozenset({"shell", "missile", "rocket", "bomb", "artillery", "mortar", "grenade", "drone", "torpedo",
                          "bullet", "round", "shot", "salvo", "projectile", "munition", "warhead", "gas", "cannon",
                          "firework", "stone", "rock", "brick", "bottle", "cocktail", "weapon", "gun", "explosive"})
#: Prepositions inside an object that name the act's target ("a partnership with X", "an attack at X").
INNER_TARGET_PREPS = ("with", "against", "to", "into", "on", "at", "upon", "toward", "towards")
#: Prepositions that name an act's target when they hang on the word carrying the act noun.
CARRIED_TARGET_PREPS = tuple(p for p in NOUN_TARGET_PREPS if p != "of")
CLAUSE_BREAKS = {"conj", "parataxis", "cc"}
#: Verbal conflict said about someone ("claimed protesters were sent by the government"): the
#: reported clause names the target.
ACCUSING_ROOTS = {"11", "12"}
#: Protest with no stated target is protest against the protesters' own government.
PROTEST_ROOT = "14"
HISTORICAL_DAYS = 180
MODALS = {"may", "might", "could", "would", "should", "can", "will", "shall", "must", "'d", "'ll", "wo", "ca"}
#: Relations through which a governing "not"/"refused to" reaches a predicate ("refused to sign").
NEGATION_PATH = frozenset({"xcomp", "pcomp", "pobj", "prep", "dobj", "acomp"})
#: Relations through which a modal, condition, plan, request or allegation reaches it.
MODALITY_PATH = NEGATION_PATH | {"ccomp", "relcl", "acl", "advcl", "conj", "nsubjpass", "attr", "oprd"}
TEMPORAL_PREPS = {"during", "after", "before", "amid", "since", "following", "until", "despite"}
HEDGE_ADJECTIVES = {"possible", "potential", "planned", "proposed", "likely", "expected", "prospective", "alleged", "future", "hypothetical"}


@dataclass
class _Candidate:
    token: Token
    match: VerbMatch


def find_events(
    doc: Doc,
    actors: ActorResolution,
    dates: list[TimeRef] = (),
    places: list[Place] = (),
    quotes: list[Quote] = (),
    published: Optional[str] = None,
    reported: Optional[TimeRef] = None,
) -> list[Event]:
    """Coded events in text order, ids "e1", "e2", ... ``reported`` is the publication-date TimeRef
    that events without a date of their own are dated by."""
    builder = _EventBuilder(doc, actors, list(dates), list(places), list(quotes), published, reported)
    return builder.run()


class _EventBuilder:
    def __init__(self, doc, actors, dates, places, quotes, published, reported):
        self.doc = doc
        self.actors = actors
        self.dates = dates
        self.places = places
        self.quotes = quotes
        self.published = dt.date.fromisoformat(published) if published else None
        self.reported = reported
        self.sentence_of = {}
        for n, sent in enumerate(doc.sents):
            self.sentence_of[sent.start] = n
        # indexes for the per-event look-ups (a scan per event is quadratic on long articles)
        token_starts = [t.idx for t in doc]
        self.quote_at = FirstContaining([q.content_span for q in quotes], token_starts)
        self.quoted = Cover([q.content_span for q in quotes if q.kind != "indirect"])
        country_places = [p for p in places if p.country]
        self.place_with_country = (country_places, FirstContaining([p.span for p in country_places], token_starts))
        self.country_actor: dict[str, str] = {}
        for a in actors.actors:
            if a.kind == "country":
                self.country_actor.setdefault(a.country, a.id)
        self.place_starts = StartIndex(places, lambda p: p.span[0])
        self.date_starts = StartIndex([d for d in dates if d.span is not None], lambda d: d.span[0])
        self._governors: dict[tuple[int, int], int] = {}
        self._dates_governed: Optional[dict[int, list[int]]] = None

    def run(self) -> list[Event]:
        candidates = list(self._candidates())
        self._predicates = {c.token.i for c in candidates}
        self.agents_of_act: dict[str, list[str]] = {}  # "called" -> its agents, for a later "the call"
        consumed = {i for c in candidates for i in c.match.tokens if i != c.token.i}
        events: list[Event] = []
        seen: set[tuple] = set()
        for c in candidates:
            if c.token.i in consumed:
                continue  # "launched an invasion", "planning to deploy": coded with the word that governs it
            for event in self._events_for(c):
                key = (event.source, event.target, event.cameo, event.trigger)
                if key not in seen:
                    seen.add(key)
                    events.append(event)
        events.sort(key=lambda e: (e.trigger, e.source or "", e.target or ""))
        for n, e in enumerate(events, start=1):
            e.id = f"e{n}"
        return events

    def _candidates(self) -> Iterator[_Candidate]:
        for t in self.doc:
            if t.pos_ not in ("VERB", "NOUN") or (t.pos_ == "VERB" and t.dep_ == "amod"):
                continue
            match = match_predicate(t)
            if match is None or match.code in STATEMENT_CODES or not is_valid(match.code):
                continue
            if _reports_content(t, match) or _re_mention(t):
                continue
            yield _Candidate(t, match)

    # --- one predicate --------------------------------------------------------------------------

    def _events_for(self, c: _Candidate) -> list[Event]:
        pred, match = c.token, self._by_sector(c)
        sources = self._actor_ids(self._agent_tokens(pred))
        targets = self._target_ids(pred, match)
        if sources:
            self.agents_of_act[pred.lemma_.lower()] = sources
        if match.reverse:  # "Russia faced sanctions": the subject undergoes the act
            sources, targets = self._actor_ids(self._by_agents(pred)), sources
        if not targets and match.code[:2] == PROTEST_ROOT:
            targets = self._own_government(sources)
        if not targets and match.code[:2] in ACCUSING_ROOTS and _speech_with_content(pred):
            return []  # "X claims that ...": a claim about nobody in particular is a quote, not an event
        sources, targets = _expand_groups(self.actors, sources), _expand_groups(self.actors, targets)
        reciprocal = False
        if not targets and len(sources) > 1 and match.code.startswith(RECIPROCAL_PREFIXES) and match.code not in NEEDS_TARGET:
            pairs = [(a, b) for a in sources for b in sources if a != b]
            reciprocal = True
        else:
            pairs = [(s, t) for s, t in product(sources or [None], targets or [None]) if s != t or s is None]
        if match.code in NEEDS_TARGET:
            pairs = [(s, t) for s, t in pairs if t]
        pairs = [(s, t) for s, t in pairs if s or t]
        if not pairs:
            return []
        info = cameo_info(match.code)
        evidence = self._evidence(pred, match)
        trigger = (pred.idx, pred.idx + len(pred))
        date = self._date(pred, evidence)
        place = self._place(pred, evidence)
        # a modality the lexicon folded into the code ("will not lift the ban" is a refusal, 12x;
        # "will provide aid" an intent, 03x) is the event itself, not a qualification of it
        negated = self._negated(pred) and not match.modality
        hypothetical = self._hypothetical(pred) and not match.modality
        attributed_to, attributed = self._attribution(pred)
        historical = self._historical(date)
        return [
            Event(
                id="", sentence=self.sentence_of[pred.sent.start], source=s, target=t, cameo=info.code,
                cameo_root=info.root, plover=info.plover, quad_class=info.quad_class, goldstein=info.goldstein,
                trigger=trigger, evidence=evidence, negated=negated, hypothetical=hypothetical, historical=historical,
                attributed_to=attributed_to, attributed=attributed, date=date.id if date else None,
                place=place.id if place else None, reciprocal=reciprocal, pattern=match.pattern,
                confidence=_confidence(match, s, t, negated or hypothetical),
            )
            for s, t in pairs
        ]

    def _by_sector(self, c: _Candidate) -> VerbMatch:
        """What a verb means can depend on who does it: protesters who gather demonstrate (141)."""
        if c.token.pos_ != "VERB":
            return c.match
        for actor_id in self._actor_ids(self._agent_tokens(c.token)):
            actor = self.actors.get(actor_id)
            code = sector_code(c.match.lemma, actor.sector if actor else None, c.match.code)
            if code and is_valid(code):
                return replace(c.match, code=code, pattern=f"{c.match.pattern} | subject sector {actor.sector} -> {code}")
        return c.match

    # --- arguments ------------------------------------------------------------------------------

    def _agent_tokens(self, pred: Token) -> list[Token]:
        """Tokens that head the agent phrase of a predicate."""
        if pred.pos_ == "NOUN":
            return self._noun_agents(pred)
        if _is_passive(pred):
            agents = self._by_agents(pred)
            if agents or pred.dep_ != "acl":
                return agents
        subjects = [c for c in pred.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            return [_relative_referent(s) for s in subjects]
        if pred.dep_ == "conj" and pred.head.pos_ in ("VERB", "AUX"):
            return self._agent_tokens(pred.head)  # "Russia launched ... and occupies"
        if pred.dep_ == "xcomp":
            head = pred.head
            objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            return objects or self._agent_tokens(head)  # "urged its allies to impose" vs "plans to deploy"
        if pred.dep_ in ("acomp", "oprd") and pred.head.pos_ in ("VERB", "AUX"):
            return self._agent_tokens(pred.head)  # "is willing [to negotiate]": the subject of "is"
        if pred.dep_ in ("advcl", "pcomp") and pred.head.pos_ in ("VERB", "AUX"):
            return self._agent_tokens(pred.head)  # "..., arguing that"
        if pred.dep_ in ("acl", "relcl") and not _is_passive(pred):
            return [pred.head]  # "troops attacking the city"
        return []

    def _by_agents(self, pred: Token) -> list[Token]:
        return [o for c in pred.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]

    def _noun_agents(self, noun: Token) -> list[Token]:
        possessors = [c for c in noun.children if c.dep_ == "poss"]
        if possessors:
            return [self._possessor_referent(p, noun) for p in possessors]
        by = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.children if o.dep_ == "pobj"]
        if by:
            return by
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and self.actors.ids_at(c.i)]
        if modifiers:
            return modifiers  # "a Russian invasion", "police violence"
        group = _partitive_group(noun)
        if group is not noun:
            return self._noun_agents(group)  # "carried out a series of strikes": whoever carried out the series
        governor = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and governor.pos_ in ("VERB", "AUX"):
            return self._agent_tokens(governor)  # "launched its invasion": whoever launched it
        if noun.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.pos_ in ("VERB", "AUX") and (
                governor.lower_ not in TEMPORAL_PREPS or self._joint_noun(noun)):
            return self._agent_tokens(governor.head)  # "signed by Putin during a visit"
        return []

    def _joint_noun(self, noun: Token) -> bool:
        """Visits, talks and meetings involve whoever acts during them; a rally or an attack
        "during" which someone acts does not."""
        match = match_predicate(noun)
        return match is not None and match.code.startswith("04")

    def _possessor_referent(self, poss: Token, noun: Token) -> Token:
        """'its invasion': a possessive pronoun refers to the subject of the governing verb."""
        if poss.pos_ == "PRON" and not self.actors.ids_at(poss.i):
            governor = noun.head
            if noun.dep_ in ("dobj", "attr") and governor.pos_ in ("VERB", "AUX"):
                agents = self._agent_tokens(governor)
                if agents:
                    return agents[0]
        return poss

    def _target_ids(self, pred: Token, match: VerbMatch) -> list[str]:
        """The patient or recipient, in order of evidence: an object that is itself an actor, a
        "to/with/against/on" phrase of the predicate, such a phrase inside the object ("a partnership
        with North Korea"), the object's owner or nationality ("North Korea's involvement")."""
        if pred.pos_ == "NOUN":
            found = self._first_actor(_prep_objects(pred, NOUN_TARGET_PREPS), look_inside=True)
            group = _partitive_group(pred)
            if not found and group is not pred:  # "a series of strikes against X": the phrase may hang on "series"
                found = self._first_actor(_prep_objects(group, CARRIED_TARGET_PREPS), look_inside=True)
            verb = group.head
            if not found and group.dep_ in ("dobj", "obj") and verb.pos_ == "VERB":
                # "launched a broadside at X", "issued a warning to X": the parser hangs the act's target
                # on the verb that carries the noun
                carried = _prep_objects(verb, CARRIED_TARGET_PREPS, deps=("prep", "dative"))
                carried += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]
                found = self._first_actor(carried, look_inside=True)
            return found
        objects = [c for c in pred.children if c.dep_ in ("dative", "dobj", "obj", "nsubjpass")]
        if pred.dep_ == "acl" and _is_passive(pred):
            objects.append(pred.head)  # "a pact, signed by Putin"
        if not objects and _is_passive(pred) and pred.dep_ in ("pcomp", "advcl", "xcomp", "conj") and pred.head.pos_ in ("VERB", "AUX", "ADP"):
            governor = pred.head.head if pred.head.pos_ == "ADP" else pred.head
            objects = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]  # "were injured after being attacked"
        phrases = sorted((o for c in pred.children if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS
                          for o in c.children if o.dep_ == "pobj"), key=lambda o: TARGET_PREPS.index(o.head.lower_))
        carried = objects + [m for obj in objects for m in _partitive_members(obj)]  # "a wave of attacks on X"
        inner = [o for obj in carried for o in _prep_objects(obj, INNER_TARGET_PREPS)]
        direct = [o for o in objects if not self._means(o, pred, match)]
        earlier_act = [i for o in direct if _definite(o) for i in self.agents_of_act.get(o.lemma_.lower(), [])]
        reported = [a for c in pred.children if c.dep_ == "ccomp" for a in self._agent_tokens(c)] if match.code[:2] in ACCUSING_ROOTS else []
        return (self._first_actor(direct, look_inside=False) or self._first_actor(phrases, look_inside=True)
                or self._first_actor(inner, look_inside=True) or self._first_actor(direct, look_inside=True)
                or self._first_actor(reported, look_inside=True)
                or earlier_act)  # "The call was seconded by Merkel": whoever made the call

    def _own_government(self, sources: list[str]) -> list[str]:
        countries = {a.country for i in sources if (a := self.actors.get(i)) and a.country}
        return [a.id for a in self.actors.actors if a.country in countries and a.sector == "GOV" and a.kind != "person"][:1]

    def _first_actor(self, tokens: list[Token], look_inside: bool) -> list[str]:
        for token in map(_relative_referent, tokens):
            ids = [i for t in [token, *token.conjuncts] for i in self.actors.ids_at(t.i)]
            if not ids and look_inside:
                ids = list(self._inner_actor(token, as_target=True)) or self._place_country_ids(token)
            if ids:
                return ids
        return []

    def _means(self, obj: Token, pred: Token, match: VerbMatch) -> bool:
        """'sent soldiers to Russia', 'sent troops to support': what is sent is not the target; nor is
        what is fired or thrown ("fired two artillery shells at Seoul")."""
        if obj.lemma_.lower() in WEAPON_NOUNS:
            return True
        if obj.lemma_.lower() not in ("force", "troop", "soldier") and any(
                c.dep_ == "compound" and c.lemma_.lower() in WEAPON_NOUNS for c in obj.children):
            return True  # "artillery shells", but not "drone forces"
        ids = self.actors.ids_at(obj.i) or self._inner_actor(obj)
        actors = [self.actors.get(i) for i in ids]
        return bool(actors) and all(a.kind == "group" and not a.country for a in actors) and match.code[:2] in ("06", "07")

    def _actor_ids(self, tokens: Iterable[Token]) -> list[str]:
        """Actors named by argument head tokens, looking through conjunctions, possessors,
        demonyms and "of/from" phrases when the head itself is no actor ("Ukrainian territory")."""
        out: list[str] = []
        for token in tokens:
            for t in [token, *token.conjuncts]:
                ids = self.actors.ids_at(t.i) or self._inner_actor(t)
                out.extend(i for i in ids if i not in out)
        return out

    def _inner_actor(self, t: Token, depth: int = 0, as_target: bool = False) -> tuple[str, ...]:
        if depth > 3:
            return ()
        for dep in ("poss", "amod", "compound", "nmod"):
            for c in t.children:
                if c.dep_ == dep and c.pos_ == "PRON" and as_target:
                    continue  # "urged its allies": the owner is no stand-in for the allies as target
                if c.dep_ == dep and self.actors.ids_at(c.i):
                    return self.actors.ids_at(c.i)
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for o in prep.children:
                    if o.dep_ == "pobj":
                        found = tuple(i for x in (o, *o.conjuncts) for i in self.actors.ids_at(x.i)) or self._inner_actor(o, depth + 1, as_target)
                        if found:
                            return found  # "the delegations of Cyprus, Greece and Israel": all three
        return ()

    def _place_country_ids(self, token: Token) -> list[str]:
        """'a visit to Pyongyang': the country of the place, when the article has it as an actor."""
        places, first_containing = self.place_with_country
        k = first_containing.at(token.i)
        if k is None:
            return []
        country = self.country_actor.get(places[k].country)
        return [country] if country else []

    # --- flags ----------------------------------------------------------------------------------

    def _negated(self, pred: Token) -> bool:
        for t in _clause_chain(pred, NEGATION_PATH):
            if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("det", "advmod") for c in t.children):
                return True
            if t is not pred and cue_class(t.lemma_) == "negating":
                return True  # "refused to sign", "denied sending troops"
            if t.dep_ in ("pcomp", "pobj") and t.head.lower_ == "without":
                return True
        return False

    def _hypothetical(self, pred: Token) -> bool:
        """Not asserted as fact: possible, conditional, planned, requested or alleged."""
        for t in _clause_chain(pred, MODALITY_PATH):
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in t.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
                return True
            if t is not pred and cue_class(t.lemma_) in ("intention", "request", "negating", "alleging"):
                return True  # "plans to deploy", "urged its allies to impose", "blamed him for encouraging"
        if pred.pos_ == "NOUN" and any(c.lower_ in HEDGE_ADJECTIVES for c in pred.children):
            return True
        return False

    def _attribution(self, pred: Token) -> tuple[Optional[str], bool]:
        """The actor whose report carries the event ("Reports from South Korea ... suggested",
        "according to ...", a quote's speaker), and whether it is reported at all."""
        k = self.quote_at.at(pred.i)
        if k is not None:
            return self.quotes[k].speaker, True
        t = pred
        while True:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "according":
                    objs = [o for p in c.subtree for o in [p] if o.dep_ == "pobj"]
                    ids = self._actor_ids(objs[:1])
                    return (ids[0] if ids else None), True
            if t.dep_ in ("ccomp",) and (_reporting(t.head) or cue_class(t.head.lemma_) == "alleging"):
                ids = self._actor_ids(self._agent_tokens(t.head))
                return (ids[0] if ids else None), True
            if t.head.i == t.i or t.dep_ in ("conj",) and t.head.pos_ not in ("VERB", "AUX"):
                return None, False
            t = t.head

    def _date(self, pred: Token, evidence: tuple[int, int]) -> Optional[TimeRef]:
        """The date expressed in the predicate's own clause (not in a quote or a clause of its own
        inside it); for an event noun, also the clause of the verb it depends on."""
        anchors = {pred.i}
        if pred.pos_ == "NOUN":
            governor = pred.head.head if pred.head.pos_ == "ADP" else pred.head
            if governor.pos_ in ("VERB", "AUX"):
                anchors.add(governor.i)
        best = None
        # only dates whose governing predicate is an anchor can be chosen: look them up by governor
        if self._dates_governed is None:
            self._dates_governed = {}
            for k, ref in enumerate(self.dates):
                if ref.span is not None:
                    self._dates_governed.setdefault(self._governing_predicate(ref.span), []).append(k)
        for k in sorted(k for a in anchors for k in self._dates_governed.get(a, ())):
            ref = self.dates[k]
            if best is None or _more_specific(ref, best):
                best = ref
        return best or self._sentence_date(pred) or self.reported

    def _sentence_date(self, pred: Token) -> Optional[TimeRef]:
        """A date on a clause above the event that belongs to no other event ("Friday night was the
        fourth night in a row that Serbians protested"), outside quotations."""
        sent = pred.sent
        above = {t.i for t in pred.ancestors}
        for ref in self.date_starts.between(sent.start_char, sent.end_char):
            governor = self._governing_predicate(ref.span)
            if governor in self._predicates or governor not in above or self._quoted(ref.span[0]):
                continue  # another event's date, or one in a clause that does not contain this event
            return ref
        return None

    def _quoted(self, char: int) -> bool:
        return char in self.quoted

    def _place(self, pred: Token, evidence: tuple[int, int]) -> Optional[Place]:
        """The place in the event's clause, else a place in its sentence that no other event claims."""
        inside = [p for p in self.place_starts.between(evidence[0], evidence[1] + 1) if p.span[1] <= evidence[1]]
        found = place_in_span(inside, *evidence)
        if found is not None:
            return found
        sent = pred.sent
        free = [p for p in self.place_starts.between(sent.start_char, sent.end_char)
                if self._governing_predicate(p.span) not in self._predicates - {pred.i} and not self._quoted(p.span[0])]
        return place_in_span(free, sent.start_char, sent.end_char)

    def _governing_predicate(self, span: tuple[int, int]) -> int:
        """The nearest verb (or event noun on the path) above a date or place expression."""
        key = (span[0], span[1])
        if key not in self._governors:
            self._governors[key] = self._find_governing_predicate(key)
        return self._governors[key]

    def _find_governing_predicate(self, span: tuple[int, int]) -> int:
        token = self.doc.char_span(span[0], span[1], alignment_mode="expand").root
        t = token
        for _ in range(8):
            if t.head.i == t.i:
                return t.i
            t = t.head
            if t.pos_ in ("VERB", "AUX") or t.i in self._predicates:
                return t.i
        return t.i

    def _historical(self, date: Optional[TimeRef]) -> bool:
        if date is None or date is self.reported or not date.end or not self.published:
            return False
        return (self.published - dt.date.fromisoformat(date.end)).days > HISTORICAL_DAYS

    def _evidence(self, pred: Token, match: VerbMatch) -> tuple[int, int]:
        clause = _clause_span(pred)
        start, end = clause.start_char, clause.end_char
        for i in match.tokens:
            tok = self.doc[i]
            start, end = min(start, tok.idx), max(end, tok.idx + len(tok))
        sent = pred.sent
        return max(start, sent.start_char), min(end, sent.end_char)


# ----------------------------------------------------------------------------------------------

def _prep_objects(token: Token, preps: tuple[str, ...], deps: tuple[str, ...] = ("prep",)) -> list[Token]:
    """The objects of ``token``'s prepositional phrases headed by one of ``preps``."""
    return [o for c in token.children if c.dep_ in deps and c.lower_ in preps for o in c.children if o.dep_ == "pobj"]


def _partitive_group(noun: Token) -> Token:
    """'a series of strikes' -> 'series' (through nested groups); any other noun is itself."""
    group = noun
    for _ in range(3):
        prep = group.head
        if group.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in PARTITIVE_NOUNS:
            group = prep.head
        else:
            break
    return group


def _partitive_members(noun: Token) -> list[Token]:
    """'a wave of attacks' -> ['attacks']; [] for a noun that groups nothing."""
    if noun.lemma_.lower() not in PARTITIVE_NOUNS:
        return []
    return [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]


def _definite(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _more_specific(a: TimeRef, b: TimeRef) -> bool:
    order = {"day": 0, "range": 1, "month": 2, "year": 3}
    return order.get(a.precision or "", 9) < order.get(b.precision or "", 9)


def _reports_content(pred: Token, match: VerbMatch) -> bool:
    """'Reports have suggested that ...', 'X claims that ...': the event is in the reported clause;
    the reporting verb is a quote, not an event of its own (unless a pattern gave it a specific code)."""
    return (pred.pos_ == "VERB" and "verb default" in match.pattern and match.code[:2] not in ACCUSING_ROOTS
            and _speech_with_content(pred))


def _speech_with_content(pred: Token) -> bool:
    return _reporting(pred) and any(c.dep_ == "ccomp" for c in pred.children)


def _reporting(verb: Token) -> bool:
    """A speech or belief cue ("said", "suggested", "believe"), by the quote step's cue table."""
    cue = match_cue(verb)
    return cue is not None and cue.cls in ("speech", "belief")


def _re_mention(pred: Token) -> bool:
    """'During this trip': a demonstrative event noun points back at an event already coded."""
    return pred.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in pred.children)


def _clause_span(pred: Token) -> Span:
    """The predicate's own clause: its subtree without coordinated clauses or appended sentences."""
    tokens = [pred]
    stack = [c for c in pred.children if c.dep_ not in CLAUSE_BREAKS]
    while stack:
        t = stack.pop()
        tokens.append(t)
        stack.extend(c for c in t.children if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = pred.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _clause_chain(pred: Token, path: frozenset[str]) -> Iterator[Token]:
    """The predicate and the words it depends on through ``path`` relations: "may be planning to
    deploy", "would allow X to remove people who had been accused"."""
    t = pred
    yield t
    for _ in range(6):
        if t.dep_ not in path or t.head.i == t.i:
            return
        if t.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return  # "... should be opened, and his critics blame him": a clause of its own
        t = t.head
        yield t


def _relative_referent(subject: Token) -> Token:
    """'the troops who attacked', 'Babaryka, who was arrested': the relative pronoun stands for the
    noun the clause modifies."""
    if subject.lower_ in ("who", "which", "that", "whom") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _is_passive(pred: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in pred.children) or (pred.dep_ == "acl" and pred.tag_ == "VBN")


def _expand_groups(actors: ActorResolution, ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        actor = actors.get(i)
        members = actor.members if actor is not None and actor.members else [i]
        out.extend(m for m in members if m not in out)
    return out


def _confidence(match: VerbMatch, source: Optional[str], target: Optional[str], qualified: bool) -> float:
    score = 0.35 + (0.25 if source else 0.0) + (0.15 if target else 0.0)
    score += 0.15 if "verb default" not in match.pattern else 0.05
    return round(min(score, 0.95) - (0.1 if qualified else 0.0), 2)

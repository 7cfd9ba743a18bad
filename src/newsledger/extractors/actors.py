"""Actors: every person, organisation, country and group in an article, resolved to CAMEO codes.

The unit of analysis is the noun phrase around a head token. What the phrase itself says decides
the codes (a title, a demonym, a country name, an "of"/"from" phrase, an apposition); stored
leader lists only fill what the text leaves open, and only when valid at the publication date.
Later mentions (surnames, "the president", "he", "the two countries") join earlier actors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..ontology import actor_tables
from ..ontology.actor_tables import Entry
from ..records import Actor
from .actor_index import PersonNames, RecentActors
from .actor_lexicon import lexicon_hits
from .actor_phrases import (
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    GROUP_SEARCH_SENTENCES,
    MODIFIER_DEPS,
    PREMODIFIER_DEPS,
    PERSON_SEARCH_SENTENCES,
    DOMESTIC_SECTORS,
    home_country,
    _title_end,
    _linking_participle,
    _has_linking_participle,
    _collective_sector,
    _body_phrase,
    _kind_word_before_name,
    _described_by,
    _acting_modifier,
    _has_who_clause,
    _is_title,
    _foreign,
    _only,
    _non_state_code,
    _pick,
    _possessors,
    _origin_objects,
    _phrase_sector,
    _role_with_body,
    _group_of_countries,
    _is_definite_anaphor,
    _set_off,
    _is_named,
    _rename,
    _merge_profile,
    _cameo_code,
    _actor_key,
    _clean_name,
    _country_name,
    _demonym_name,
    _igo_short,
)
from .coreference import bound_antecedent
from .places import locative_use

@dataclass
class Mention:
    start: int  # token indices, end exclusive
    end: int
    head: int


@dataclass
class ActorResolution:
    """The actors of one article and, per token, which actors a phrase headed there refers to."""

    actors: list[Actor]
    by_token: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.actors}

    def get(self, actor_id: Optional[str]) -> Optional[Actor]:
        return self._by_id.get(actor_id) if actor_id else None

    def ids_at(self, token_index: int) -> tuple[str, ...]:
        return self.by_token.get(token_index, ())

    def countries(self) -> list[str]:
        """ISO3 codes of the countries the article's actors belong to, most mentioned first."""
        counts: Counter[str] = Counter()
        for a in self.actors:
            if a.country and len(a.country) == 3 and a.country.isupper():
                counts[a.country] += len(a.mentions)
        return [c for c, _ in counts.most_common()]


@dataclass
class Profile:
    """What one noun phrase says about its referent."""

    kind: str
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    igo_code: Optional[str] = None
    role: Optional[str] = None
    head_lemma: str = ""
    evidence: str = ""
    countries: list[str] = field(default_factory=list)  # compound actors: "Hungarian and Romanian officials"
    gender: Optional[str] = None


# ------------------------------------------------------------------------------------------------
# the resolver

def resolve_actors(doc: Doc, published: Optional[str] = None) -> ActorResolution:
    return _Resolver(doc, published).run()


class _Resolver:
    def __init__(self, doc: Doc, published: Optional[str]):
        self.doc = doc
        self.published = published
        self.hits = lexicon_hits(doc)
        self.actors: list[Actor] = []
        self.by_id: dict[str, Actor] = {}
        self.by_token: dict[int, list[str]] = {}
        self.covered: set[int] = set()  # tokens inside an actor noun phrase
        self.keys: dict[tuple, Actor] = {}
        self.head_lemma: dict[str, str] = {}  # actor id -> head noun lemma of its first phrase
        self.last_seen: dict[str, int] = {}  # actor id -> token index of its latest mention
        self.subjects: dict[int, list[str]] = {}  # sentence start -> person ids that were subjects
        self.gender: dict[str, str] = {}
        self.plural: dict[str, bool] = {}  # actor id -> named by a plural noun ("protesters")
        self.sent_starts = [s.start for s in doc.sents]
        # indexes for the look-ups that would otherwise scan every actor per mention
        self.position: dict[str, int] = {}  # actor id -> index in self.actors
        self.person_names = PersonNames()
        self.recent = RecentActors(self.sent_starts)
        self.skip: set[int] = set()  # tokens already inside a name ("Chan-o-cha")
        self.home = home_country(self.hits)
        self.entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}  # doc.ents builds spans on every access

    def run(self) -> ActorResolution:
        for token in self.doc:
            if self._is_head(token):
                self._resolve_phrase(token)
        self._leftover_names()
        actors = [a for a in self.actors if a.mentions]
        for a in actors:
            a.mentions.sort()
        self._renumber(actors)
        return ActorResolution(actors, {i: tuple(ids) for i, ids in self.by_token.items()})

    # --- which tokens head an actor phrase --------------------------------------------------

    def _is_head(self, t: Token) -> bool:
        if t.pos_ not in ("PROPN", "NOUN", "PRON", "ADJ") or t.is_space or t.i in self.skip:
            return False
        if t.pos_ == "ADJ" and t.i not in self.hits:
            return False  # a demonym used as a noun ("the Americans") is tagged ADJ sometimes
        if t.dep_ in PREMODIFIER_DEPS and t.head.i > t.i and not _acting_modifier(t):
            return False  # a modifier of a later head
        if t.dep_ == "conj" and t.head.dep_ in PREMODIFIER_DEPS and t.head.head.i > t.i:
            return False  # "Hungarian and [Romanian] officials"
        if _linking_participle(t) is not None:
            return False  # "the [Yemen]-based movement": the country qualifies the movement
        hit = self.hits.get(t.i)
        if hit and hit[0].end - 1 != t.i:
            return False  # inside a multi-word name, its last token is the head
        return True

    def _phrase(self, head: Token) -> Mention:
        """The noun phrase of ``head``: its left modifiers (not a possessor's own phrase)."""
        start = head.i
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.lefts:
                if child.dep_ in MODIFIER_DEPS and child.dep_ != "poss":
                    start = min(start, child.left_edge.i)
                    stack.append(child)
        hit = self.hits.get(head.i)
        if hit:
            start = min(start, hit[0].start)
        ent = self.entity_at.get(head.i)
        if ent is not None and ent.end - 1 == head.i:
            start = min(start, ent.start)
        while start < head.i and (self.doc[start].dep_ in ("det", "punct", "case", "cc") or self.doc[start].is_space):
            start += 1
        return Mention(start, head.i + 1, head.i)

    # --- one phrase -----------------------------------------------------------------------------

    def _resolve_phrase(self, head: Token) -> None:
        if head.pos_ == "PRON":
            self._pronoun(head)
            return
        mention = self._phrase(head)
        if self._destination_holder(head, mention):
            return
        span = self.doc[mention.start:mention.end]
        profile = self._profile(head, span)
        if profile is None:
            return
        if profile.kind == "group-of-countries":
            self._country_group(head, mention)
            return
        target = self._appositive_owner(head)
        if target is None and profile.kind in ("person", "group", "organization") and _is_definite_anaphor(head, span, profile):
            target = self._antecedent(head, profile)
        while mention.end in self.skip:  # the rest of a hyphenated name ("Chan-o-cha")
            mention.end += 1
        if target is not None and target.kind in ("group", "organization") and profile.kind in ("person", "organization") \
                and self.head_lemma.get(target.id) and not _is_named(target):
            _rename(target, profile)  # "the current president, Alexander Lukashenko": the name wins
            self.person_names.add(self.position[target.id], target)
        if target is not None:
            _merge_profile(target, profile)
            self._add_mention(target, mention)
            return
        if profile.countries and len(profile.countries) > 1:  # compound actor: one per country
            for country in profile.countries:
                p = Profile(**{**profile.__dict__, "country": country, "countries": [], "name": f"{_demonym_name(country)} {profile.head_lemma}s".strip()})
                self._add_mention(self._actor_for(p, head), mention)
            return
        self._add_mention(self._actor_for(profile, head), mention)

    def _destination_holder(self, head: Token, mention: Mention) -> bool:
        """'Chinese Ambassador to Australia Cheng Jingye': the parser glues the host country to the
        holder's name. The name after the country is the ambassador (of China); the host country
        stays a country of its own (a leftover name)."""
        start = mention.start
        k = start - 1
        while k >= 0 and self.doc[k].dep_ == "det":
            k -= 1  # "to the United States"
        before = self.doc[k] if k >= 0 else None
        if before is None or before.lower_ not in ("to", "in") or head.pos_ != "PROPN":
            return False
        post = before.head
        if post.lower_ not in actor_tables.link_words("destination") and post.lemma_.lower() not in actor_tables.link_words("destination"):
            return False
        hit = self.hits.get(start)
        if hit is None or _pick(hit[1]).kind not in ("country", "capital", "igo") or hit[0].end > head.i:
            return False
        name_start = hit[0].end
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in self.doc[name_start:head.i + 1]):
            return False
        owners = self.by_token.get(post.i)
        if not owners:
            return False
        holder = self.by_id[owners[0]]
        name = self.doc[name_start:head.i + 1].text
        if holder.kind != "person":
            holder.name, holder.kind, holder.role = name, "person", holder.role or post.text
        self._add_mention(holder, Mention(name_start, head.i + 1, head.i))
        return True

    def _profile(self, head: Token, span: Span) -> Optional[Profile]:
        hit = self.hits.get(head.i)
        entries = hit[1] if hit else ()
        ent = self.entity_at.get(head.i)
        info = self._modifier_info(head, span)
        lemma = head.lemma_.lower()

        kind_word = _kind_word_before_name(head, span)
        if kind_word is not None and not entries:  # "the Chilean airline Andes Sky": an airline, not a person
            name = self.doc[kind_word.i + 1:head.i + 1]
            return Profile(kind="organization", name=name.text, country=info.country, sector=actor_tables.agent_sector(kind_word.lemma_.lower()),
                           igo_code=info.igo_code, head_lemma=lemma, evidence=info.evidence or "description")
        person = self._person_tokens(head, span, ent, entries)
        if person is not None:
            return self._person_profile(head, span, person, info)
        if entries:
            return self._named_profile(head, span, entries, info)
        if _group_of_countries(head):
            return Profile(kind="group-of-countries", name=span.text)
        sector = _phrase_sector(span, head) or _collective_sector(span, head)
        if sector is None and info.country and _has_linking_participle(span) and head.pos_ == "NOUN":
            return Profile(kind="group", name=_clean_name(span), country=info.country, igo_code=info.igo_code,
                           head_lemma=lemma, evidence=info.evidence or "located by the text", countries=info.countries)
        if sector and info.org_sector:
            sector = info.org_sector  # "Hezbollah fighters" are Hezbollah's (REB), not generic gunmen
        if sector:
            if info.country is None and sector[:3] in DOMESTIC_SECTORS:
                self._located_in(head, info)
            country = info.country
            if country is None and self.home and sector[:3] in DOMESTIC_SECTORS and not _foreign(span):
                country, info.evidence = self.home, "the article's main country"
            kind = "organization" if ent is not None and ent.label_ == "ORG" else "group"
            name = _clean_name(span)
            return Profile(kind=kind, name=name, country=country, sector=sector, igo_code=info.igo_code,
                           head_lemma=lemma, evidence=info.evidence or "sector noun", countries=info.countries)
        if ent is not None and ent.label_ in ("ORG", "NORP") and ent.end - 1 == head.i and not any(t.like_num for t in ent):
            country, igo, sector, evidence = info.country, info.igo_code, None, info.evidence
            described = _described_by(head)
            if described is not None:  # "the Yemeni movement Ansar Allah": the description qualifies the name
                d_span = self.doc[self._phrase(described).start:described.i + 1]
                d_info = self._modifier_info(described, d_span)
                country, igo = (country, igo) if (country or igo) else (d_info.country, d_info.igo_code)
                sector = _phrase_sector(d_span, described) or _collective_sector(d_span, described)
                evidence = evidence or ("description" if country or sector else "")
            return Profile(kind="organization" if ent.label_ == "ORG" else "group", name=_clean_name(ent),
                           country=country, sector=sector, igo_code=igo, head_lemma=lemma, evidence=evidence or "named entity")
        return None

    def _person_tokens(self, head: Token, span: Span, ent: Optional[Span], entries: tuple[Entry, ...]) -> Optional["PersonTokens"]:
        """The name and title tokens when the phrase names a person, else None.

        A PERSON entity is a person; so is a run of proper nouns after a personal title
        ("Princess Ubolratana Mahidol") or with a person noun in apposition ("X, an opposition candidate")
        even when the small model tags the name as an organisation.
        """
        if entries and not _only(entries, "leader"):
            return None
        body = _body_phrase(span, head)  # "General Assembly", "National Guard", "antiwar protesters" name no person
        if ent is not None and ent.label_ == "PERSON" and not (body and head.pos_ == "NOUN"):
            tokens = [t for t in self.doc[min(ent.start, span.start):head.i + 1]]
        elif head.pos_ == "PROPN" and (ent is None or ent.label_ in ("ORG", "GPE", "NORP") and len(ent) <= 4) and not body:
            tokens = list(span)
            titled = any(_is_title(t) for t in tokens[:-1])
            name = tokens[_title_end(tokens[:-1], self.hits):]
            known = self._same_person(" ".join(t.text for t in name), dry_run=True)
            if not (titled or known or self._person_apposition(head) or _has_who_clause(head)):
                return None
        else:
            return None
        split = _title_end(tokens[:-1], self.hits)
        if ent is not None and ent.label_ == "PERSON":
            split = max(split, ent.start - tokens[0].i)
        name = tokens[split:]
        end = head.i + 1
        while end + 1 < len(self.doc) and not self.doc[end - 1].whitespace_ and self.doc[end].text in ("-", "'") and self.doc[end + 1].is_alpha:
            end += 2  # hyphenated names the tokenizer splits: "Prayuth Chan-o-cha"
        self.skip.update(range(head.i + 1, end))
        name_text = self.doc[name[0].i:end].text if name else head.text
        return PersonTokens(name=name_text, titles=tokens[:split])

    def _person_apposition(self, head: Token) -> Optional[Token]:
        """The head noun of an apposition that describes a person ("an opposition candidate")."""
        for c in head.children:
            if c.dep_ == "appos" and (actor_tables.person_word(c.lemma_) is not None or actor_tables.is_role(c.lower_)):
                return c
        return None

    def _person_profile(self, head: Token, span: Span, person: "PersonTokens", info: "ModifierInfo") -> Profile:
        role, sector = _role_with_body(person.titles)
        if sector is None:  # "Police director": the body named in the title gives the sector
            sector = next((sec for t in reversed(person.titles) if (sec := actor_tables.agent_sector(t.lemma_.lower()))), None)
        country, igo, evidence = info.country, info.igo_code, info.evidence
        appos = self._apposition_info(head)
        if appos is not None:
            country, igo = (country, igo) if (country or igo) else (appos.country, appos.igo_code)
            role, sector = (role, sector) if sector else (appos.role, appos.role_sector)
            evidence = evidence or "apposition"
        if country is None and igo is None:
            leader = self._leader(person.name)
            if leader is not None and (sector is None or (leader.sector or "").startswith(sector[:3])):
                if (leader.cameo_code or "").startswith(("IGO", "NGO")):
                    igo = leader.cameo_code
                country = leader.country
                sector = sector or leader.sector
                evidence = evidence or "leader dictionary"
        if igo:
            country = _igo_short(igo)
        elif sector == "BUS" and country and info.country:
            sector = "GOV"  # a title qualified by a state is a state office ("Hong Kong Chief Executive")
        if country is None and igo is None and self.home and (sector and sector[:3] in DOMESTIC_SECTORS or not sector and any(
                actor_tables.holds_office(t.lower_) for t in person.titles)):
            country, evidence = self.home, evidence or "the article's main country"  # an office or rank held at home
        gender = next((g for t in person.titles if (g := actor_tables.person_word(t.lower_))), None)
        appos_noun = self._person_apposition(head)
        if gender is None and appos_noun is not None:
            gender = actor_tables.person_word(appos_noun.lemma_) or None
        return Profile(kind="person", name=person.name, country=country, sector=sector, igo_code=igo, role=role,
                       head_lemma=head.lemma_.lower(), evidence=evidence or ("role title" if role else "name"), gender=gender)

    def _named_profile(self, head: Token, span: Span, entries: tuple[Entry, ...], info: "ModifierInfo") -> Optional[Profile]:
        entry = _pick(entries)
        name = entry.name
        if entry.kind == "igo":
            return Profile(kind="igo", name=name, country=entry.country, sector=entry.sector,
                           igo_code=entry.cameo_code, head_lemma=head.lemma_.lower(), evidence="IGO name")
        if entry.kind == "organization":
            return Profile(kind="organization", name=name, country=entry.country, sector=entry.sector,
                           igo_code=_non_state_code(entry), head_lemma=head.lemma_.lower(), evidence="organisation dictionary")
        if entry.kind == "capital":
            if locative_use(span) or head.dep_ in PREMODIFIER_DEPS:
                return None  # a place (in Kazan, to Pyongyang): the place extractor records it
            return Profile(kind="organization", name=f"{_country_name(entry.country)} government", country=entry.country,
                           sector="GOV", head_lemma=head.lemma_.lower(), evidence=f"capital '{span.text}' for its government")
        if entry.kind == "seat":
            country = entry.country or info.country
            return Profile(kind="organization", name=name, country=country, sector=entry.sector,
                           head_lemma=head.lemma_.lower(), evidence="seat of power")
        if entry.kind == "demonym":
            if head.dep_ == "amod" or head.pos_ == "ADJ" and head.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
                return None
            return Profile(kind="group", name=_clean_name(span), country=entry.country, head_lemma=head.lemma_.lower(), evidence="demonym")
        if entry.kind == "country":
            return Profile(kind="country", name=_country_name(entry.country) or name, country=entry.country,
                           head_lemma=head.lemma_.lower(), evidence="country name")
        return None

    # --- what the modifiers, "of"-phrases and appositions say ------------------------------------

    def _modifier_info(self, head: Token, span: Span) -> "ModifierInfo":
        info = ModifierInfo()
        tokens = list(span) + _possessors(head) + _origin_objects(head)
        for t in tokens:
            if t.i == head.i:
                continue
            hit = self.hits.get(t.i)
            if hit:
                entry = _pick(hit[1])
                if entry.kind == "igo" and not info.igo_code:
                    info.igo_code = entry.cameo_code
                    info.country = info.country or entry.country
                    info.evidence = info.evidence or "IGO in the phrase"
                elif entry.kind == "organization" and (entry.country or entry.sector):
                    info.country = info.country or entry.country  # "Boko Haram gunmen": the group's fighters
                    info.org_sector = info.org_sector or entry.sector
                    info.igo_code = info.igo_code or _non_state_code(entry)
                    info.evidence = info.evidence or "organisation in the phrase"
                elif entry.kind in ("country", "demonym", "capital", "seat") and entry.country:
                    if entry.country not in info.countries:
                        info.countries.append(entry.country)
                    info.country = info.country or entry.country
                    info.evidence = info.evidence or "country in the phrase"
        if info.country is None and info.igo_code is None:
            self._possessor_actor_info(head, info)
        role_words = [t for t in span if t.ent_type_ != "PERSON" and (t.i == head.i or t.i not in self.hits)]
        info.role, info.role_sector = _role_with_body(role_words)
        return info

    def _located_in(self, head: Token, info: "ModifierInfo") -> None:
        """'protesters in Kenya', 'police in Serbia': a domestic body placed in a country belongs to it."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in actor_tables.link_words("locates_domestic"):
                for obj in prep.children:
                    hit = self.hits.get(obj.i) if obj.dep_ == "pobj" else None
                    entry = _pick(hit[1]) if hit else None
                    if entry is not None and entry.kind in ("country", "capital") and entry.country:
                        info.country, info.evidence = entry.country, info.evidence or "placed in a country"
                        return

    def _possessor_actor_info(self, head: Token, info: "ModifierInfo") -> None:
        """'its ambassador', 'the group's fighters': an owner already resolved to a country or IGO."""
        for c in head.children:
            if c.dep_ == "poss":
                owner = next((self.by_id[i] for i in self.by_token.get(c.i, ()) if i in self.by_id), None)
                if owner is not None and owner.kind != "person" and (owner.country or "").isupper():
                    igo = owner.cameo_code if (owner.cameo_code or "").startswith(("IGO", "NGO")) else None
                    info.country, info.igo_code = owner.country, igo
                    info.evidence = info.evidence or "possessor"
                    return

    def _apposition_info(self, head: Token) -> Optional["ModifierInfo"]:
        partners = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            partners.append(head.head)
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":  # "Hatice Cengiz is a Turkish national"
            partners.extend(c for c in head.head.children if c.dep_ == "attr")
        for p in partners:
            span = self.doc[self._phrase(p).start:p.i + 1]
            info = self._modifier_info(p, span)
            if info.role_sector is None:
                info.role, info.role_sector = _role_with_body([t for t in span if t.i not in self.hits])
            if info.role_sector is None:
                info.role_sector = _phrase_sector(span, p)
            if info.country is None and info.igo_code is None:
                for t in p.subtree:  # "an opposition candidate for the Belarusian presidential election"
                    hit = self.hits.get(t.i)
                    if hit and _pick(hit[1]).kind in ("country", "demonym") and _pick(hit[1]).country:
                        info.country, info.evidence = _pick(hit[1]).country, "apposition"
                        break
            if info.country or info.igo_code or info.role_sector:
                return info
        return None

    def _appositive_owner(self, head: Token) -> Optional[Actor]:
        """'the State Duma, Russia's parliament': the second phrase names the same actor."""
        if head.dep_ != "appos" or not (_set_off(head) or _described_by(head) is not None):
            return None
        owners = self.by_token.get(head.head.i)
        return self.by_id[owners[0]] if owners else None

    def _leader(self, name: str) -> Optional[Entry]:
        """The stored office of a named person on the publication date (latest office when undated)."""
        entries = [e for e in actor_tables.phrase_index().get(name.lower(), ()) if e.kind in ("leader", "organization")]
        dated = [e for e in entries if e.valid_from or e.valid_to]
        if self.published:
            valid = [e for e in dated if (e.valid_from or "") <= self.published <= (e.valid_to or "9999")]
        else:  # no date to check against: the most recent office on record
            valid = [e for e in dated if e.valid_to is None] or dated
        if valid:
            return max(valid, key=lambda e: e.valid_from or "")
        undated = [e for e in entries if not (e.valid_from or e.valid_to)]
        return undated[0] if undated and not dated else None

    # --- anaphora ------------------------------------------------------------------------------

    def _pronoun(self, t: Token) -> None:
        if t.lower_ in PLURAL_PRONOUNS:
            group = self._salient_group(t) or self._bound_actor(t)
            if group is not None:
                self._add_mention(group, Mention(t.i, t.i + 1, t.i))
            return
        if t.lower_ in ("it", "its"):
            actor = self._bound_actor(t)
            if actor is not None:
                self._add_mention(actor, Mention(t.i, t.i + 1, t.i))
            return
        gender = PERSONAL_PRONOUNS.get(t.lower_)
        if gender is None:
            return
        person = self._salient_person(t, gender)
        if person is not None:
            self.gender.setdefault(person.id, gender)
            self._add_mention(person, Mention(t.i, t.i + 1, t.i))

    def _bound_actor(self, t: Token) -> Optional[Actor]:
        """'Norway said it will ...', 'Egypt condemned ... It said ...': see extractors.coreference."""
        found = bound_antecedent(t, lambda i: self.by_token.get(i, ()),
                                 lambda a: self.by_id[a].kind if a in self.by_id else None,
                                 lambda a: bool(self.plural.get(a)))
        return self.by_id.get(found) if found else None

    def _salient_person(self, t: Token, gender: str) -> Optional[Actor]:
        """The person a he/she refers to: a subject of this or a recent sentence, else the latest person."""
        sent_index = self.recent.sentence(t.i)
        window_start = self.sent_starts[max(0, sent_index - PERSON_SEARCH_SENTENCES)]
        recent = map(self.by_id.__getitem__, self.recent.seen_in(sent_index - PERSON_SEARCH_SENTENCES, sent_index, self.position))
        candidates = [a for a in recent if a.kind == "person" and self.gender.get(a.id, gender) == gender
                      and window_start <= self.last_seen.get(a.id, -1) < t.i]
        if not candidates:
            return None
        for s in range(sent_index, max(-1, sent_index - PERSON_SEARCH_SENTENCES - 1), -1):
            subjects = [a for a in candidates if a.id in self.subjects.get(self.sent_starts[s], [])
                        and (s < sent_index or self.last_seen[a.id] < t.i)]
            if subjects:
                return max(subjects, key=lambda a: self.last_seen[a.id])
        return max(candidates, key=lambda a: self.last_seen[a.id])

    def _salient_group(self, t: Token) -> Optional[Actor]:
        """The group 'they' refers to: the latest plural group named shortly before, but not the
        subject of the clause the pronoun is an object in ("police fired tear gas at them")."""
        sent_index = self.recent.sentence(t.i)
        window_start = self.sent_starts[max(0, sent_index - GROUP_SEARCH_SENTENCES)]
        clause = t.head.head if t.head.dep_ == "prep" else t.head
        own_subjects = {i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for i in self.by_token.get(c.i, [])}
        if t.dep_ in ("nsubj", "nsubjpass"):
            own_subjects = set()
        recent = map(self.by_id.__getitem__, self.recent.seen_in(sent_index - GROUP_SEARCH_SENTENCES, sent_index, self.position))
        candidates = [a for a in recent if (a.kind == "group" and self.plural.get(a.id) or a.members)
                      and window_start <= self.last_seen.get(a.id, -1) < t.i and a.id not in own_subjects]
        return max(candidates, key=lambda a: self.last_seen[a.id]) if candidates else None

    def _antecedent(self, head: Token, profile: Profile) -> Optional[Actor]:
        """'the president', 'the American journalist': the latest actor with the same role or head noun."""
        lemma = profile.head_lemma
        best = None
        for a in self.actors:
            if self.last_seen.get(a.id, 10**9) >= head.i:
                continue
            same_role = a.kind == "person" and a.role and lemma in a.role.lower().split()
            same_head = self.head_lemma.get(a.id) == lemma and a.kind == profile.kind
            compatible = not (profile.country and a.country and profile.country != a.country)
            if (same_role or same_head) and compatible and (best is None or self.last_seen[a.id] > self.last_seen[best.id]):
                best = a
        return best

    def _country_group(self, head: Token, mention: Mention) -> None:
        """'the two countries', 'both sides': the latest two distinct country-level actors."""
        seen: list[Actor] = []
        for a in sorted(self.actors, key=lambda a: -self.last_seen.get(a.id, -1)):
            if self.last_seen.get(a.id, 10**9) < head.i and a.kind in ("country", "organization", "person") and a.country and len(a.country) == 3:
                if all(a.country != b.country for b in seen):
                    seen.append(a)
            if len(seen) == 2:
                break
        if len(seen) < 2:
            return
        countries = sorted({a.country for a in seen})
        members = [self._actor_for(Profile(kind="country", name=_country_name(c) or c, country=c, evidence="group member"), head, mention_less=True) for c in countries]
        key = ("group", tuple(countries))
        group = self.keys.get(key)
        if group is None:
            group = self._new_actor(Profile(kind="group", name=" and ".join(m.name for m in members), evidence="the two countries"), head)
            group.members = [m.id for m in members]
            self.keys[key] = group
        self._add_mention(group, mention)

    # --- registry --------------------------------------------------------------------------------

    def _actor_for(self, p: Profile, head: Token, mention_less: bool = False) -> Actor:
        if p.kind == "person":
            existing = self._same_person(p.name)
            if existing is not None:
                _merge_profile(existing, p)
                if p.gender:
                    self.gender.setdefault(existing.id, p.gender)
                return existing
            return self._new_actor(p, head)
        key = _actor_key(p)
        actor = self.keys.get(key)
        if actor is None:
            actor = self._new_actor(p, head)
            self.keys[key] = actor
        return actor

    def _same_person(self, name: str, dry_run: bool = False) -> Optional[Actor]:
        parts = name.lower().split()
        if not parts:
            return None
        # the newest person whose name is the same, or shares the lone, first or last name
        # (full name; one part with first or last; one-part name with last; first + last)
        k = self.person_names.latest(parts)
        if k is None:
            return None
        a = self.actors[k]
        if len(parts) > len(a.name.lower().split()) and not dry_run:
            a.name = name
            self.person_names.add(k, a)
        return a

    def _new_actor(self, p: Profile, head: Token) -> Actor:
        actor = Actor(id=f"a{len(self.actors) + 1}", name=p.name, kind=p.kind, country=p.country, sector=p.sector,
                      role=p.role, evidence=p.evidence)
        actor.cameo_code = _cameo_code(actor, p.igo_code)
        self.actors.append(actor)
        self.position[actor.id] = len(self.actors) - 1
        self.person_names.add(self.position[actor.id], actor)
        self.by_id[actor.id] = actor
        self.head_lemma[actor.id] = p.head_lemma
        if p.gender:
            self.gender[actor.id] = p.gender
        return actor

    def _add_mention(self, actor: Actor, m: Mention) -> None:
        head = self.doc[m.head]
        span = (self.doc[m.start].idx, self.doc[m.end - 1].idx + len(self.doc[m.end - 1]))
        if span not in actor.mentions:
            actor.mentions.append(span)
        ids = self.by_token.setdefault(m.head, [])
        if actor.id not in ids:
            ids.append(actor.id)
        self.covered.update(range(m.start, m.end))
        if head.tag_ in ("NNS", "NNPS"):
            self.plural[actor.id] = True
        self.last_seen[actor.id] = max(self.last_seen.get(actor.id, -1), m.head)
        self.recent.seen(actor.id, self.last_seen[actor.id])
        if actor.kind == "person" and head.dep_ in ("nsubj", "nsubjpass"):
            self.subjects.setdefault(head.sent.start, []).append(actor.id)

    def _leftover_names(self) -> None:
        """Country, demonym and IGO names outside any actor phrase ('North Korean involvement',
        'the BRICS summit') are still mentions of that country or IGO."""
        done: set[int] = set()
        for i, (span, entries) in sorted(self.hits.items()):
            if span.start in done or any(t in self.covered for t in range(span.start, span.end)):
                continue
            done.add(span.start)
            entry = _pick(entries)
            if entry.kind in ("country", "demonym") and entry.country:
                p = Profile(kind="country", name=_country_name(entry.country) or entry.name, country=entry.country, evidence=entry.kind)
            elif entry.kind == "igo":
                p = Profile(kind="igo", name=entry.name, country=entry.country, igo_code=entry.cameo_code, evidence="IGO name")
            elif entry.kind == "organization":
                p = Profile(kind="organization", name=entry.name, country=entry.country, sector=entry.sector,
                            igo_code=_non_state_code(entry), evidence="organisation dictionary")
            else:
                continue
            self._add_mention(self._actor_for(p, span.root), Mention(span.start, span.end, span.end - 1))

    def _renumber(self, actors: list[Actor]) -> None:
        """Ids a1, a2, ... in order of first mention; members and the token index follow."""
        actors.sort(key=lambda a: a.mentions[0])
        new_ids = {a.id: f"a{n}" for n, a in enumerate(actors, start=1)}
        for a in actors:
            a.id = new_ids[a.id]
            a.members = [new_ids[m] for m in a.members if m in new_ids]
        for i, ids in list(self.by_token.items()):
            self.by_token[i] = [new_ids[x] for x in ids if x in new_ids]


@dataclass
class PersonTokens:
    name: str
    titles: list[Token]


@dataclass
class ModifierInfo:
    country: Optional[str] = None
    igo_code: Optional[str] = None
    role: Optional[str] = None
    role_sector: Optional[str] = None
    evidence: str = ""
    countries: list[str] = field(default_factory=list)
    org_sector: Optional[str] = None  # the sector of a named organisation in the phrase

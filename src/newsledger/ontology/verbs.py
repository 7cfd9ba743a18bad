"""Predicate -> CAMEO code, from the PETRARCH verb dictionary turned into tables.

`match_predicate(token)` looks at a verb (or an event noun) and its dependents in the spaCy
parse and returns the most specific CAMEO code the tables give it, with the row that fired.

Tables (data/, loaded once):
- cameo_verbs.tsv, cameo_verb_patterns.tsv, cameo_synsets.tsv: generated from CAMEO.2.0.txt
  by tools/build_verb_lexicon.py; verb_additions.tsv, cameo_verb_patterns_curated.tsv and
  cameo_synsets_curated.tsv are reviewed rows that replace or extend them (merged here, at
  load time, so the generated tables stay a faithful conversion).
- event_nouns.tsv + light_verbs.tsv: "launched an invasion", "faced sanctions", "Putin's visit".
- complement_codes.tsv: "agreed to meet" (036), "threatened to impose sanctions" (1312).
- operator_nouns.tsv: nouns that act on another act: "the suspension of aid" (162), "a call for a
  ceasefire" (0256), "plans to impose restrictions" (132).
- modal_codes.tsv: what "will", "will not", "cannot", a reported "must" or "should" make of an act.
- sector_verb_codes.tsv, for the extractor through `sector_code(lemma, sector, current)`: what a
  verb means for a subject of a given CAMEO sector (protesters who gather 141, clash 145; a person
  who kills 1823; police who attack 175).

How a verb is coded, in order:
1. its dictionary entry (lemma + particle: "carry out", "call on") gives a block and a default;
2. the block's patterns are tried against the parse: objects (dobj, attr, oprd, passive
   subject, open complement; "thousands of soldiers" looks through to "soldiers"),
   prepositional phrases, subject; the pattern needing the most words wins;
3. a light verb with an event-noun object ("made a visit") gives the noun's code unless a
   dictionary pattern was at least as specific;
4. a verb of a class in complement_codes.tsv (appeal, intent, demand, reject, threaten, and the
   operators stop / ease / violate) combines with an event-noun object: "threatened
   sanctions" 1312, "lifted the embargo" 085, "reduced military aid" 1622;
5. otherwise the verb's default code; "---" means no event;
6. an open complement combines the same way ("agreed to meet" 036, "urged X to impose
   sanctions" stays 020), and is the event itself after "begin", "continue", "be about to",
   "decide" and, for coercive acts, "order"; a claim of one's own act of force is 015 ("the
   Houthis claimed that they had attacked the airport");
7. modality (modal_codes.tsv and the "be willing/ready/reluctant" rows of verb_additions.tsv)
   combines the same way: "will provide aid" 0331 (intent), "will not lift the ban" 1241
   (refusal), "said Israel must end attacks" 1056 (demand), "is willing to withdraw" 0356;
   `VerbMatch.modality` then says the code already states the modal or the negation.

What the patterns see (the PETRARCH "post-verb noun phrases", from the dependency parse): the
objects, with "which"/"who" of a relative clause read as the noun it modifies ("measures, which
the government dropped"); a for-to clause as a FOR phrase ("called for the bill to be dropped");
a to-infinitive as a TO phrase; the name a verb gives its object and its judging adjectives
("called the ambassador a very stupid guy", "considered it inappropriate"). A pattern written
for another verb of the same block yields to this verb's own light-verb or operator reading.

`VerbMatch.lemma` joins a dictionary particle ("carry_out", "call_on"); prepositions that
only a pattern names ("call for") show in `pattern`, not in the lemma.

Reporting verbs follow the dictionary: say, tell, state, explain, note, announce, comment -> 010
("make statement"); add, report, believe, confirm -> no code (None). The event extractor should
look inside the reported clause instead of keeping a bare 010.
"""
from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Token

from .cache import cached_table

DATA_DIR = Path(__file__).with_name("data")

# Dependents of a verb that hold what PETRARCH called the post-verb noun phrases.
COMPLEMENT_DEPS = {"dobj", "obj", "attr", "oprd", "acomp", "dative", "npadvmod", "advmod",
                   "prt", "xcomp", "nsubjpass"}
NOUN_MODIFIER_DEPS = {"compound", "amod", "nmod"}
# "thousands of soldiers", "a fifth of its territory": the head is a quantity, the content follows "of".
OBJECT_DEPS = {"dobj", "obj", "nsubjpass"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom"}
QUANTITY_WORDS = {"thousand", "hundred", "dozen", "million", "billion", "ten", "score", "number",
                  "group", "contingent", "batch", "unit", "lot", "couple", "some", "many", "more",
                  "several", "most", "all", "part", "half", "third", "quarter", "fifth", "tenth",
                  "portion", "share", "majority", "rest", "wave", "series", "round", "spate", "string"}


@dataclass(frozen=True)
class VerbMatch:
    code: str  # CAMEO code, e.g. "057"
    lemma: str  # the predicate lemma (with particle: "carry_out")
    pattern: str  # the table row that fired, human-readable
    tokens: tuple[int, ...]  # doc token indices the pattern consumed (predicate, particle, object words)
    reverse: bool = False  # the grammatical subject is the target ("Russia faced sanctions")
    paired_code: str | None = None  # the reciprocal event, done by the object (042 visit -> 043 host)
    # Set when the code already states the clause's modality: "intent" ("will provide aid" 0331,
    # "is willing to withdraw" 0356), "refusal" ("will not lift the ban" 1241: the negation is in
    # the code), "demand" ("said Israel must end attacks" 1056), "appeal" ("should"). The event
    # is the statement itself, so it is neither hypothetical nor (for a refusal) negated.
    modality: str | None = None


# ---------------------------------------------------------------- tables

@dataclass(frozen=True)
class _Atom:
    kind: str  # obj | subj | prep | neg
    preps: tuple[str, ...] = ()  # alternatives for prep atoms
    words: tuple[str, ...] = ()  # modifiers..., head

    @property
    def weight(self) -> int:
        return len(self.words) + (1 if self.kind in ("prep", "neg") else 0)


@dataclass(frozen=True)
class _Pattern:
    block: str
    code: str
    atoms: tuple[_Atom, ...]
    text: str
    verbs: frozenset[str]
    paired: str
    reverse: bool
    order: int

    @property
    def weight(self) -> int:
        return sum(a.weight for a in self.atoms)


@dataclass(frozen=True)
class _Verb:
    lemma: str
    particle: tuple[str, ...]
    code: str
    block: str
    paired: str
    complement: str


@dataclass(frozen=True)
class _EventNoun:
    noun: str
    code: str
    activators: frozenset[str]
    nominal: bool
    note: str


@dataclass(frozen=True)
class _LightVerb:
    lemma: str
    particle: tuple[str, ...]
    via: str
    reverse: bool


@dataclass
class _Lexicon:
    verbs: dict[str, list[_Verb]]
    patterns: dict[tuple[str, str], list[_Pattern]]  # (block, anchor word) -> patterns
    stems: dict[str, list[tuple[str, _Pattern]]]  # block -> (prefix, pattern) for TABARI stems
    synsets: dict[str, list[tuple[str, ...]]]  # "&military" -> member words (modifiers..., head)
    event_nouns: dict[str, _EventNoun]
    light: dict[str, list[_LightVerb]]
    complement: dict[tuple[str, str], str]  # (class, complement code prefix or "*") -> code
    modals: dict[str, tuple[str, str, str]]  # auxiliary -> (scope, class, negated class)
    operators: dict[str, tuple[str, frozenset[str]]]  # noun -> (class, prepositions)


def _read(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def _parse_atoms(requires: str) -> tuple[_Atom, ...]:
    atoms = []
    for raw in requires.split():
        if raw == "neg":
            atoms.append(_Atom("neg"))
        elif raw.startswith("prep:"):
            prep, _, words = raw[5:].partition("=")
            atoms.append(_Atom("prep", tuple(prep.split("/")), tuple(words.split("_")) if words else ()))
        else:
            kind, _, words = raw.partition("=")
            atoms.append(_Atom(kind, (), tuple(words.split("_"))))
    return tuple(atoms)


@cached_table("verb_lexicon")
def _lexicon() -> _Lexicon:
    synsets: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in _read("cameo_synsets.tsv") + _read("cameo_synsets_curated.tsv"):
        synsets[row["synset"]].append(tuple(row["member"].split("_")))

    verb_rows: dict[tuple[str, str], dict[str, str]] = {}
    for row in _read("cameo_verbs.tsv") + _read("verb_additions.tsv"):  # additions replace
        verb_rows[(row["lemma"], row["particle"])] = row
    verbs: dict[str, list[_Verb]] = defaultdict(list)
    for (lemma, particle), row in sorted(verb_rows.items()):
        verbs[lemma].append(_Verb(lemma, tuple(particle.split()), row["code"] or "---", row["block"],
                                  row.get("paired_code") or "", row.get("complement") or ""))
    for entries in verbs.values():  # longest particle first: "carry out" before "carry"
        entries.sort(key=lambda v: -len(v.particle))

    pattern_rows: dict[tuple[str, str], dict[str, str]] = {}
    for row in _read("cameo_verb_patterns.tsv") + _read("cameo_verb_patterns_curated.tsv"):
        pattern_rows[(row["block"], " ".join(sorted(row["requires"].split())))] = row
    patterns: dict[tuple[str, str], list[_Pattern]] = defaultdict(list)
    stems: dict[str, list[tuple[str, _Pattern]]] = defaultdict(list)
    for order, row in enumerate(pattern_rows.values()):
        p = _Pattern(row["block"], row["code"], _parse_atoms(row["requires"]), row["pattern"],
                     frozenset(filter(None, row["verbs"].split(","))), row["paired_code"],
                     row["reverse"] == "1", order)
        for anchor in _anchors(p, synsets):
            if anchor.endswith("*"):
                stems[p.block].append((anchor[:-1], p))
            else:
                patterns[(p.block, anchor)].append(p)

    event_nouns = {row["noun"]: _EventNoun(row["noun"], row["code"], frozenset(row["activators"].split(",")),
                                           row["nominal"] == "yes", row["note"])
                   for row in _read("event_nouns.tsv")}
    light: dict[str, list[_LightVerb]] = defaultdict(list)
    for row in _read("light_verbs.tsv"):
        light[row["lemma"]].append(_LightVerb(row["lemma"], tuple(row["particle"].split()), row["noun_via"],
                                              row["direction"] == "reverse"))
    complement = {(row["class"], row["complement"]): row["code"] for row in _read("complement_codes.tsv")}
    modals = {row["aux"]: (row["scope"], row["class"], row["negated_class"]) for row in _read("modal_codes.tsv")}
    operators = {row["noun"]: (row["class"], frozenset(row["preps"].split(","))) for row in _read("operator_nouns.tsv")}
    return _Lexicon(dict(verbs), dict(patterns), dict(stems), dict(synsets), event_nouns, dict(light),
                    complement, modals, operators)


def _anchors(p: _Pattern, synsets: dict[str, list[tuple[str, ...]]]) -> set[str]:
    """Index keys for a pattern: one word every match must contain (dict lookup, no scans)."""
    for atom in p.atoms:
        if atom.words:
            head = atom.words[-1]
            if head.startswith("&"):
                return {member[-1] for member in synsets.get(head, [])}
            return {head}
    for atom in p.atoms:
        if atom.kind == "prep":
            return {f"prep:{prep}" for prep in atom.preps}
        if atom.kind == "neg":
            return {"neg"}
    return {""}


# ---------------------------------------------------------------- the parse around a predicate

def _keys(t: Token) -> set[str]:
    return {t.lemma_.lower(), t.lower_}


def _with_conjuncts(tokens: Iterable[Token]) -> Iterator[Token]:
    for t in tokens:
        yield t
        yield from t.conjuncts


@dataclass
class _Env:
    """What PETRARCH's patterns can ask about a predicate, read off the dependency parse."""
    comps: list[Token]
    preps: list[tuple[Token | None, str, list[Token]]]  # (prep token, prep lemma, its objects)
    subjects: list[Token]
    negated: bool
    objects: frozenset[int] = frozenset()  # indices of the comps that are real objects (not adverbs, particles)

    def keys(self) -> set[str]:
        words = self.comps + self.subjects + [o for _, _, objs in self.preps for o in objs]
        out = {k for t in words for k in _keys(t)}
        out.update(f"prep:{lemma}" for _, lemma, _ in self.preps)
        out.add("")
        if self.negated:
            out.add("neg")
        return out


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _environment(v: Token) -> _Env:
    kids = [(c, c.dep_) for c in v.children]  # token attributes are not free: read each once
    v_dep = v.dep_
    direct = [c for c, d in kids if d in COMPLEMENT_DEPS
              or (d == "ccomp" and c.pos_ in ("ADJ", "NOUN"))]  # "considered it inappropriate"
    objects = [c for c, d in kids if d in OBJECT_DEPS]
    if v_dep == "relcl" and objects and v.head.pos_ in ("NOUN", "PROPN"):
        # "measures, which the government dropped", "Babaryka, who was arrested": the relative
        # pronoun stands for the noun the clause modifies
        pronouns = [c for c in objects if c.lower_ in RELATIVE_PRONOUNS]
        if pronouns:
            direct = [c for c in direct if c not in pronouns] + [v.head]
            objects = [c for c in objects if c not in pronouns] + [v.head]
    if not objects and v_dep == "conj" and not any(d in ("attr", "oprd") for _, d in kids):
        # "signed and ratified the treaty": a conjoined verb shares the object
        shared = [c for c in v.head.children if c.dep_ in ("dobj", "nsubjpass") and c.i > v.i]
        direct += shared
        objects += shared
    if v_dep in ("acl", "amod") and v.tag_ == "VBN":
        direct.append(v.head)  # "a partnership signed by Putin", "occupied areas": the noun is the object
        objects.append(v.head)
    object_ids = {o.i for o in _with_conjuncts(objects)}
    comps: list[Token] = []
    for c in _with_conjuncts(direct):
        comps.append(c)
        c_dep = c.dep_
        if c.pos_ == "NUM" or c.like_num or c.lemma_.lower() in QUANTITY_WORDS:
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    inner = list(_with_conjuncts(o for o in prep.children if o.dep_ == "pobj"))
                    comps.extend(inner)
                    if c.i in object_ids:
                        object_ids.update(o.i for o in inner)
        if c_dep in ("dobj", "oprd", "ccomp", "acomp"):
            # "called the ambassador a very stupid guy", "called his admission a political maneuver":
            # the name given to the object and the adjectives that carry its judgement
            # (an apposition set off by punctuation is the same thing again, not a name for it)
            names = [a for a in c.children if a.dep_ == "oprd" or a.dep_ == "appos"
                     and not any(t.is_punct for t in c.doc[min(c.i, a.i):max(c.i, a.i)])]
            if c_dep != "dobj":
                names.append(c)
            for a in names:
                if a is not c:
                    comps.append(a)
                comps.extend(m for m in a.children if m.dep_ == "amod")

    preps: list[tuple[Token | None, str, list[Token]]] = []
    v_i = v.i
    holders = [(c, None) for c in comps if c.pos_ in ("NOUN", "PROPN", "PRON")]
    for holder, pairs in [(v, kids)] + [(h, [(p, p.dep_) for p in h.children]) for h, _ in holders]:
        for p, d in pairs:
            if d == "prep":
                if holder is v and p.i < v_i:
                    continue  # "With the approval of the cabinet, X agreed": PETRARCH's phrases follow the verb
            elif not (d == "agent" or (d == "dative" and p.pos_ == "ADP")):
                continue
            objs = list(_with_conjuncts(o for o in p.children if o.dep_ in ("pobj", "pcomp")))
            if objs and all(o.ent_type_ in ("DATE", "TIME") for o in objs):
                continue  # "called X on Wednesday": a date fills no slot ("call on" is an appeal)
            preps.append((p, p.lemma_.lower(), objs))
    for x, d in kids:
        if d not in ("xcomp", "ccomp", "advcl"):
            continue
        xkids = [(a, a.dep_) for a in x.children]
        # "agreed to meet": a to-infinitive can fill a TO slot, like "(TO PEACE)"; an infinitive
        # with its own subject is a ccomp ("encouraged the CIA to release")
        if d != "advcl" and any(ad == "aux" and a.lower_ == "to" for a, ad in xkids):
            preps.append((None, "to", [x]))
        # "called for the bill to be dropped", "pushed for the constitution to be revised": a
        # for-to clause fills a FOR slot with its subject and its verb
        mark = next((a for a, ad in xkids if ad == "mark" and a.lower_ == "for"), None)
        if mark is not None:
            subjects = [a for a, ad in xkids if ad in ("nsubj", "nsubjpass")]
            preps.append((mark, "for", list(_with_conjuncts(subjects)) + [x]))

    if any(d in ("nsubjpass", "auxpass") for _, d in kids):
        subjects = [o for p, d in kids if d == "agent" for o in p.children if o.dep_ == "pobj"]
    else:
        subjects = [c for c, d in kids if d in ("nsubj", "csubj")]
    if not subjects and v_dep in ("xcomp", "conj", "advcl"):
        subjects = [c for c in v.head.children if c.dep_ == "nsubj"]
    negated = any(d == "neg" for _, d in kids)
    return _Env(comps, preps, list(_with_conjuncts(subjects)), negated, frozenset(object_ids))


# ---------------------------------------------------------------- matching atoms

def _word_at(word: str, t: Token, lex: _Lexicon) -> list[int] | None:
    """Token indices if dictionary word `word` (lemma, 'stem*' or '&set') is token t."""
    keys = _keys(t)
    if word.startswith("&"):
        for member in lex.synsets.get(word, []):
            if member[-1] in keys or (member[-1].endswith("*") and any(k.startswith(member[-1][:-1]) for k in keys)):
                used = _modifiers_at(member[:-1], t, lex)
                if used is not None:
                    return [t.i] + used
        return None
    if word.endswith("*"):
        return [t.i] if any(k.startswith(word[:-1]) for k in keys) else None
    return [t.i] if word in keys else None


def _modifiers_at(mods: tuple[str, ...], head: Token, lex: _Lexicon) -> list[int] | None:
    """Each modifier word somewhere under the head ("defense" in "a defense pact")."""
    used: list[int] = []
    below = [u for u in head.subtree if u.i != head.i]
    for mod in mods:
        hit = next((r for u in below if (r := _word_at(mod, u, lex)) is not None), None)
        if hit is None:
            return None
        used += hit
    return used


def _phrase_at(words: tuple[str, ...], t: Token, lex: _Lexicon) -> list[int] | None:
    head = _word_at(words[-1], t, lex)
    if head is None:
        return None
    mods = _modifiers_at(words[:-1], t, lex)
    return None if mods is None else head + mods


def _atom_at(atom: _Atom, env: _Env, lex: _Lexicon) -> list[int] | None:
    if atom.kind == "neg":
        return [] if env.negated else None
    if atom.kind == "prep":
        for tok, lemma, objs in env.preps:
            if lemma not in atom.preps:
                continue
            here = [tok.i] if tok is not None else []
            if not atom.words:
                if tok is None:
                    continue  # a bare "(TO)" means a preposition ("go to"), not an infinitive ("ordered X to pay")
                return here
            for o in objs:
                hit = _phrase_at(atom.words, o, lex)
                if hit is not None:
                    return here + hit
        return None
    pool = env.subjects if atom.kind == "subj" else env.comps
    if atom.words == ("*",):  # "obj=*": any nominal object ("returned the paintings to Peru")
        pool = [t for t in pool if t.i in env.objects and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    for t in pool:
        hit = _phrase_at(atom.words, t, lex)
        if hit is not None:
            return hit
    return None


def _best_pattern(block: str, lemma: str, env: _Env, lex: _Lexicon) -> tuple[_Pattern, list[int]] | None:
    keys = env.keys()
    candidates: dict[int, _Pattern] = {}
    for key in keys:
        for p in lex.patterns.get((block, key), ()):
            candidates[p.order] = p
    for prefix, p in lex.stems.get(block, ()):  # a handful per block
        if any(k.startswith(prefix) for k in keys):
            candidates[p.order] = p
    best: tuple[tuple[int, bool, int], _Pattern, list[int]] | None = None
    for p in candidates.values():
        used: list[int] = []
        for atom in p.atoms:
            hit = _atom_at(atom, env, lex)
            if hit is None:
                break
            used += hit
        else:
            # most required words first; then a pattern written for this very verb; then the later row
            rank = (p.weight, lemma in p.verbs, p.order)
            if best is None or rank > best[0]:
                best = (rank, p, used)
    return (best[1], best[2]) if best else None


# ---------------------------------------------------------------- event nouns

def _event_noun(n: Token, lex: _Lexicon, depth: int = 0) -> tuple[_EventNoun, list[int]] | None:
    """The event-noun row for a noun: an operator noun with an act after it first ("suspension of
    aid" 162, operator_nouns.tsv), then compounds ("air strike" before "strike", "state of
    emergency" before "state"), then the noun itself."""
    operator = lex.operators.get(n.lemma_.lower()) if depth < 2 else None
    if operator is not None:
        cls, preps = operator
        for p in n.children:
            if p.dep_ == "prep" and p.lower_ in preps:
                for o in _with_conjuncts(c for c in p.children if c.dep_ in ("pobj", "pcomp")):
                    if o.pos_ not in ("NOUN", "PROPN", "VERB"):
                        continue
                    inner = _event_noun(o, lex, depth + 1) if o.pos_ != "VERB" else None
                    if inner is None or inner[0].code == "---":
                        continue
                    code = _combine(cls, inner[0].code, lex)
                    if code:
                        row = _EventNoun(n.lemma_.lower(), code, frozenset({"*"}), True,
                                         f"{n.lemma_.lower()} ({cls}) {p.lower_} {inner[0].noun} [{inner[0].code}]")
                        return row, [n.i, p.i, *inner[1]]
    for m in n.children:
        if m.dep_ in NOUN_MODIFIER_DEPS:
            for mk in _keys(m):
                for nk in _keys(n):
                    row = lex.event_nouns.get(f"{mk}_{nk}")
                    if row:
                        return row, [n.i, m.i]
        elif m.dep_ == "prep" and m.lower_ == "of":
            for o in m.children:
                if o.dep_ == "pobj":
                    row = lex.event_nouns.get(f"{n.lemma_.lower()}_of_{o.lemma_.lower()}")
                    if row:
                        return row, [n.i, m.i, o.i]
    for nk in _keys(n):
        row = lex.event_nouns.get(nk)
        if row:
            return row, [n.i]
    return None


def _temporal(prep: Token) -> bool:
    """'on Wednesday': a preposition whose objects are all dates or times."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _particle_at(particle: tuple[str, ...], v: Token) -> list[int] | None:
    used = []
    for word in particle:
        hit = next((c.i for c in v.children if word in _keys(c) and c.dep_ not in ("nsubj", "nsubjpass")
                    and not _temporal(c)), None)
        if hit is None:
            return None
        used.append(hit)
    return used


def _light_match(v: Token, lemma: str, env: _Env, lex: _Lexicon,
                 particle: tuple[str, ...] = ()) -> tuple[VerbMatch, int] | None:
    """An event-noun object activated by this verb: "launched an invasion", "faces sanctions".

    Also returns its specificity on the pattern scale: 1, or 2 for a compound ("air strike").
    A phrasal verb is another verb: "called off a strike" is not "called a strike".
    """
    options: list[tuple[list[Token], bool, str, list[int]]] = []  # (nouns, reverse, via, particle tokens)
    for lv in lex.light.get(lemma, ()):
        if set(particle) - set(lv.particle):
            continue
        used = _particle_at(lv.particle, v)
        if used is None:
            continue
        if lv.via:
            nouns = [o for tok, p, objs in env.preps if p == lv.via and tok is not None and tok.head.i == v.i
                     for o in objs]
            used = used + [tok.i for tok, p, _ in env.preps if p == lv.via and tok is not None and tok.head.i == v.i]
        else:
            nouns = env.comps
        options.append((nouns, lv.reverse, "*", used))
    if not particle:
        options.append((env.comps, False, "", []))  # verbs the noun row names itself ("ratify" a partnership)
    for nouns, reverse, star, used in options:
        for n in nouns:
            if n.pos_ not in ("NOUN", "PROPN"):
                continue
            found = _event_noun(n, lex)
            if not found:
                continue
            row, noun_tokens = found
            if row.code == "---" or not (lemma in row.activators or (star and star in row.activators)):
                continue
            how = "subject undergoes it" if reverse else "light verb"
            match = VerbMatch(row.code, lemma, f"event noun {row.noun} [{row.code}] with {how} {lemma!r}"
                              + (f" ({row.note})" if row.note else ""),
                              tuple(sorted({v.i, *used, *noun_tokens})), reverse=reverse)
            return match, len(noun_tokens)
    return None


# ---------------------------------------------------------------- the entry point

def match_predicate(token: Token) -> VerbMatch | None:
    """The CAMEO code of a predicate: a VERB (or AUX used as a main verb) or an event NOUN.

    Returns None when the tables give no event (unknown verb, a null "---" code, or a noun
    that is not an event on its own).
    """
    lex = _lexicon()
    if token.pos_ in ("NOUN", "PROPN"):
        found = _event_noun(token, lex)
        if found and found[0].nominal and found[0].code != "---":
            row, used = found
            return VerbMatch(row.code, row.noun, f"event noun {row.noun} [{row.code}] as a nominal"
                             + (f" ({row.note})" if row.note else ""), tuple(sorted(used)))
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return _with_modality(token, _match_verb(token, lex), lex)


CLASS_ROOTS = ("02", "03", "10", "12", "13")  # codes whose verbs take an act as argument


def _verb_lemmas(v: Token) -> Iterator[str]:
    """The lemma, then guesses for forms spaCy mislemmatises ("cordoned" -> "cordone")."""
    lemma, low = v.lemma_.lower(), v.lower_
    yield lemma
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            yield low[: -len(suffix)] + repl


def _dictionary_entry(v: Token, lex: _Lexicon) -> tuple[str, _Verb | None, list[int]]:
    """(lemma, entry, particle tokens): the longest particle present wins ("carry out")."""
    for lemma in _verb_lemmas(v):
        for candidate in lex.verbs.get(lemma, ()):
            used = _particle_at(candidate.particle, v)
            if used is not None:
                return lemma, candidate, used
    return v.lemma_.lower(), None, []


def _combine(cls: str, inner_code: str, lex: _Lexicon) -> str | None:
    """complement_codes.tsv: the longest matching prefix of the argument's code, else the class default."""
    for n in (4, 3, 2):
        code = lex.complement.get((cls, inner_code[:n]))
        if code:
            return inner_code if code == "=" else code
    code = lex.complement.get((cls, "*"))
    return inner_code if code == "=" else code


def _match_verb(v: Token, lex: _Lexicon) -> VerbMatch | None:
    lemma, entry, particle_tokens = _dictionary_entry(v, lex)
    env = _environment(v)
    name = "_".join((lemma,) + entry.particle) if entry else lemma

    # candidates as (specificity, preference, match); the dictionary's own patterns win ties
    options: list[tuple[int, int, VerbMatch]] = []
    if entry:
        found = _best_pattern(entry.block, lemma, env, lex)
        if found:
            p, used = found
            # a pattern written for another verb of the block yields to this verb's own light-verb
            # or operator reading of the same object ("allowed aid" 0863, though APPROVE AID is 070)
            own = 3 if (lemma in p.verbs or not p.verbs) else 0
            options.append((p.weight, own, VerbMatch(p.code, name, f"{p.block}: {p.text}",
                                                    tuple(sorted({v.i, *particle_tokens, *used})),
                                                    p.reverse, p.paired or None)))
    light = _light_match(v, lemma, env, lex, entry.particle if entry else ())
    if light:
        options.append((light[1], 2, light[0]))
    operated = _operator_match(v, name, entry, env, particle_tokens, lex)
    if operated:
        options.append((operated[1], 1, operated[0]))
    if entry and entry.code != "---":
        options.append((0, 0, VerbMatch(entry.code, name, f"{entry.block}: {name} [{entry.code}] (verb default)",
                                        tuple(sorted({v.i, *particle_tokens})), paired_code=entry.paired or None)))
    result = max(options, key=lambda o: o[:2])[2] if options else None
    if result is not None and result.code == "---":
        result = None  # the dictionary says this use of the verb is not an event
    return _with_complement(v, entry, result, particle_tokens, lex)


def _verb_class(entry: _Verb | None, code: str | None) -> str:
    if entry and entry.complement:
        return entry.complement
    return code[:2] if code and code[:2] in CLASS_ROOTS else ""


def _operator_match(v: Token, name: str, entry: _Verb | None, env: _Env, particle_tokens: list[int],
                    lex: _Lexicon) -> tuple[VerbMatch, int] | None:
    """A verb whose object is an act: "threatened sanctions" 1312, "lifted the embargo" 085."""
    cls = _verb_class(entry, entry.code if entry else None)
    if not cls or cls in ("=", "claim"):
        return None  # a claim is about a clause ("claimed that they had attacked"), not an object
    for n in env.comps:
        if n.pos_ not in ("NOUN", "PROPN"):
            continue
        found = _event_noun(n, lex)
        if not found or found[0].code == "---":
            continue
        row, noun_tokens = found
        code = _combine(cls, row.code, lex)
        if code:
            return VerbMatch(code, name, f"{name} ({cls}) + event noun {row.noun} [{row.code}] -> [{code}]"
                             f" (complement_codes {cls})", tuple(sorted({v.i, *particle_tokens, *noun_tokens}))), \
                len(noun_tokens)
    return None


def _with_complement(v: Token, entry: _Verb | None, head: VerbMatch | None, particle_tokens: list[int],
                     lex: _Lexicon) -> VerbMatch | None:
    """Combine an open complement: "agreed to meet" 036, "began to withdraw" = the withdrawal.

    The complement hangs off the verb or off its particle ("is willing to provide").
    """
    holders = [v] + [v.doc[i] for i in particle_tokens]
    # an infinitive with its own subject is parsed as ccomp: "allowed the WFP to deliver food"
    xcomps = [c for h in holders for c in h.children if c.pos_ in ("VERB", "AUX")
              and (c.dep_ == "xcomp" or c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
              and (head is None or c.i not in head.tokens)]
    cls = _verb_class(entry, head.code if head else None)
    if cls == "claim":
        return _claimed_act(v, head, particle_tokens, lex)
    if not xcomps or not cls:
        return head
    inner = _match_verb(xcomps[0], lex)
    if inner is None:
        return head
    code = _combine(cls, inner.code, lex)
    if code is None:
        return head  # no parallel code: "urged X to impose sanctions" stays an appeal (020)
    base = head.pattern if head else f"{v.lemma_.lower()} (no code of its own)"
    tokens = tuple(sorted({v.i, *particle_tokens, *(head.tokens if head else ()), *inner.tokens}))
    return VerbMatch(code, head.lemma if head else "_".join((v.lemma_.lower(),) + (entry.particle if entry else ())),
                     f"{base} + complement {inner.lemma} [{inner.code}] -> [{code}] (complement_codes {cls})",
                     tokens, reverse=inner.reverse if code == inner.code else False,
                     paired_code=inner.paired_code if code == inner.code else None)


def _claimed_act(v: Token, head: VerbMatch | None, particle_tokens: list[int], lex: _Lexicon) -> VerbMatch | None:
    """"The Houthis claimed that they had attacked the airport": a claim of one's own act of force is
    CAMEO 015 (claim responsibility; complement_codes "claim"). The act stays an event of its own,
    attributed to the claim, so its tokens are not taken."""
    for c in v.children:
        if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX") or _is_passive(c):
            continue  # "claimed fires had been set": whose act is not said
        if not any(s.dep_ == "nsubj" for s in c.children) or not _speaks_for_itself(c, v):
            continue
        inner = _match_verb(c, lex)
        code = _combine("claim", inner.code, lex) if inner else None
        if code:
            tokens = tuple(sorted({v.i, *particle_tokens}))
            return VerbMatch(code, head.lemma if head else v.lemma_.lower(),
                             f"claim of its own act {inner.lemma} [{inner.code}] -> [{code}] (complement_codes claim)",
                             tokens)
    return head


# ---------------------------------------------------------------- modality: will, must, willing to

CONDITIONAL_AUX = {"would", "'d", "could", "might"}  # "will not release them unless ..." stays a refusal
MODALITY_NAMES = {"03": "intent", "12": "refusal", "10": "demand", "02": "appeal", "13": "threat"}
CLASS_DEFAULTS = {"10": "100", "02": "020"}  # a demand or appeal for an act with no parallel code
SPEAKER_PRONOUNS = {"it", "they", "we", "i", "he", "she"}
SPEAKER_INSTITUTIONS = {"government", "administration", "authority", "country", "cabinet", "ministry"}


def _report_head(v: Token) -> Token | None:
    """The verb that reports v's clause ("said" in "X said it will ..."), if any."""
    t = v
    while t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
        t = t.head
    return t.head if t.dep_ == "ccomp" and t.head.pos_ in ("VERB", "AUX") else None


def _speaks_for_itself(v: Token, reporter: Token) -> bool:
    """'X said it will ...': the reported clause's subject is the speaker (a pronoun or the same noun)."""
    subjects = [c for c in v.children if c.dep_ == "nsubj"]
    speakers = [c for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return True
    s = subjects[0]
    if s.lower_ in SPEAKER_PRONOUNS or s.lemma_.lower() in SPEAKER_INSTITUTIONS:
        return True  # "it", "they"; "the government" in an official's announcement
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in s.children):
        return True  # "his government", "their members"
    return any(s.lemma_.lower() == sp.lemma_.lower() for sp in speakers)


def _governing_class(v: Token, lex: _Lexicon) -> tuple[str, str] | None:
    """(class, cue) from a predicate adjective that governs v: "is willing to withdraw" (03),
    "is reluctant to ..." (12), "is committed to opening up" (03) -- the "be X" rows of
    verb_additions.tsv. The copula's negation turns an intent into a refusal."""
    if v.dep_ == "acl" and v.head.pos_ == "NOUN" and any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children):
        # "the government's plans to impose restrictions" 132, "threats to impose sanctions" 1312
        operator = lex.operators.get(v.head.lemma_.lower())
        if operator is not None and operator[0] in MODALITY_NAMES or operator is not None and operator[0] == "13":
            return operator[0], f"{v.head.lemma_.lower()} to"
        return None
    if v.dep_ == "xcomp":
        gov = v.head
    elif v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.lower_ == "to":
        gov = v.head.head
    else:
        return None
    if gov.pos_ not in ("ADJ", "VERB"):
        return None
    for word in (gov.lower_, gov.lemma_.lower()):
        for entry in lex.verbs.get("be", ()):
            if entry.particle == (word,) and entry.complement not in ("", "="):
                copula = gov.head if gov.dep_ in ("acomp", "xcomp") else gov
                negated = any(c.dep_ == "neg" for c in (*gov.children, *copula.children))
                cls = "12" if negated and entry.complement == "03" else entry.complement
                return cls, f"be {word}"
    return None


def _modal_class(v: Token, lex: _Lexicon) -> tuple[str, str] | None:
    """(class, cue) from v's modal auxiliary, after modal_codes.tsv."""
    if _is_passive(v) or lex.modals.get(v.lemma_.lower(), ("",))[0] == "verb":
        return None  # no agent to intend it; or an attitude ("would prefer"), not an act
    conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in v.children)
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "n't") and c.dep_ in ("neg", "advmod")
                  for c in v.children)
    reporter = _report_head(v)
    for aux in (c for c in v.children if c.dep_ == "aux"):
        row = lex.modals.get(aux.lower_)
        if row is None:
            continue
        scope, cls, negated_cls = row
        if conditional and aux.lower_ in CONDITIONAL_AUX:
            continue  # "if you put a Solar System there, it would destroy ...": a conditional, no commitment
        cls = negated_cls if negated else cls
        if not cls or (scope == "reported" and reporter is None):
            continue
        if cls == "03" and reporter is not None and not _speaks_for_itself(v, reporter):
            continue  # "officials said North Korea will launch a missile" is a forecast, not an intent
        return cls, aux.lower_ + (" not" if negated else "")
    return None


def _with_modality(v: Token, match: VerbMatch | None, lex: _Lexicon) -> VerbMatch | None:
    """Fold a modal or a governing adjective into the code, through complement_codes.tsv."""
    if match is None or match.modality:
        return match
    found = _governing_class(v, lex) or _modal_class(v, lex)
    if found is None:
        return match
    cls, cue = found
    if match.code[:2] == cls:
        return match  # already stated: "will agree to meet" is the intent 036
    code = _combine(cls, match.code, lex) or CLASS_DEFAULTS.get(cls)
    if code is None or code == match.code:
        return match  # no parallel code: "will not attack" stays a negated attack
    return VerbMatch(code, match.lemma, f"{match.pattern} + {cue!r} -> [{code}] ({MODALITY_NAMES.get(cls, cls)})",
                     match.tokens, modality=MODALITY_NAMES.get(cls, cls))


# ---------------------------------------------------------------- the actor decides: sector_verb_codes.tsv

@functools.lru_cache(maxsize=1)
def _sector_codes() -> dict[tuple[str, str], tuple[str, frozenset[str]]]:
    table: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}
    for row in _read("sector_verb_codes.tsv"):
        replaces = frozenset(filter(None, row["replaces"].split(",")))
        for sector in row["sectors"].split(","):
            table[(row["lemma"], sector)] = (row["code"], replaces)
    return table


def sector_code(lemma: str, sector: str | None, current: str | None = None) -> str | None:
    """The code a verb has when its subject (the event's source) is of this CAMEO agent sector,
    after sector_verb_codes.tsv, or None when the sector changes nothing.

    ``lemma`` is VerbMatch.lemma ("gather", "clash"); ``sector`` an actor's sector ("OPP", or a
    compound such as "GOVMIL", read three letters at a time). With ``current`` (the matched code),
    only a code the row replaces is overridden: protesters who "gathered" (040)
    demonstrate (141), but "gathered for talks" (046) stays talks.
    """
    if not sector or not lemma:
        return None
    table = _sector_codes()
    base = lemma.split("_")[0]
    for i in range(0, len(sector) - 2, 3):
        found = table.get((base, sector[i:i + 3]))
        if found is None:
            continue
        code, replaces = found
        if current is not None and replaces and not any(current.startswith(r) for r in replaces):
            return None
        return code if code != current else None
    return None

"""Quotes: who said what. Direct quotations, reported (indirect) speech and the mix of both, each
with its speaker (an actor when the resolver knows one), the speaker's mention, the cue and the content.

Two passes over one parsed article, both driven by the cue table ``ontology/data/speech_cues.tsv``:

1. **Quotation marks** are paired on the raw text (``“ ” „ « » "`` and ``''``; ``‘ ’`` at the top level;
   marks inside leftover markup such as ``<tweet author="...">`` are ignored). Straight marks open or
   close by what flanks them, a curly mark facing the wrong way is accepted when its neighbours say so
   ("decision.“ However"), and a quotation never runs past its paragraph: an unclosed mark closes at
   the paragraph end, and the next paragraph continues the quotation only when it opens with a mark
   (the convention for quotations of several paragraphs).
2. **Cues** are the words of the table found in the parse: a verb with a clausal complement ("X said
   (that) ...", "X claims that ...", "A, X said, B"), an infinitive ("promised to ...", "urged X to
   ..."), a naming complement ("called X a Y"), a noun-phrase object ("called for a moratorium"),
   "according to X, ...", an adjective ("is confident that ..."), a noun ("the claim that ...") or a
   name and a colon opening a paragraph ("Pat Caddell: ..."). The content is the complement; the
   speaker is the cue's subject, found through participles, conjuncts and relative pronouns ("...,
   arguing that" is said by the subject of the verb it hangs on). An attribution reported inside
   another one's content ("X said she turned out to support Y") is part of that content, not a quote of
   its own, and so is a cue inside a quotation (the quoted speaker's own words).

A quotation is then attributed by the cue right after it ("“...,” Putin said", "“...?” the journalist
asked", "“A” tweeted Johnson “B”", "“...” ― Steve Quinlan") or right before it ("He said, “...”",
"Bolsonaro opposed the statement: “...”", "He said:\n\n“...”") - after first when the quotation is
spliced into its sentence ("“...,” he said"), before first otherwise -, else by the cue whose
complement contains it (a naming fragment "called it a “significant escalation”" is a direct quote
of the fragment; a fragment inside a reported clause, "said that A “B” C", makes that clause a
*mixed* quote), else as a floating quotation: the speaker of the quotation just before it (same
paragraph, or the previous one when the quotation opens its paragraph), or of a cue sentence just
before it ("Putin said. “We have never ...”", "X issued a statement. “...”"). A short quotation that
nothing attributes is a scare quote or a title, not a quote.

Speakers: the actor whose phrase is headed at the subject token (``ActorResolution.ids_at``; resolved
he/she included); a name in apposition ("television broadcaster PBS"); a reporting noun ("Reports
from South Korea, Ukraine and the US", "a statement by the ministry", "a UN report") speaks for the
actor of its "from"/"by"/"of" phrase, possessor or modifier; "these reports" repeats the last speaker
with that head noun. The speaker span is the mention as written ("he", "who", "Putin"); when no actor
is known (``speaker`` None) it is still the subject's noun phrase ("Sources", "a spokesman").
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from ..records import Quote, Span
from .actors import ActorResolution

_CUES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "data" / "speech_cues.tsv"

# --------------------------------------------------------------------------- the cue table

POS_OF = {"VERB": "verb", "AUX": "verb", "ADJ": "adj", "NOUN": "noun", "PROPN": "noun", "ADP": "prep"}
SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
#: Dependencies through which a participle, conjunct or open complement shares its head's subject
#: ("Ukraine urged ..., arguing that": arguing is said by Ukraine).
SUBJECT_SHARING_DEPS = {"advcl", "conj", "xcomp", "ccomp", "pcomp", "relcl"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
FIRST_SECOND_PERSON = {"i", "we", "you"}
#: Cue verbs whose object is the person spoken to ("told Brian", "asked reporters").
ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "answer", "email", "text", "write"}
#: Nouns of statements whose author may be named with them ("a statement from the king").
STATEMENT_NOUNS = {"statement", "message", "letter", "note", "remark", "comment", "word", "declaration",
                   "announcement", "address", "speech", "tweet", "post", "communique", "communiqué"}
#: Verbs whose object is a statement made by their subject ("issued a statement that ...").
STATEMENT_VERBS = {"make", "issue", "release", "express", "voice", "repeat", "reiterate", "offer", "give",
                   "deliver", "publish", "post", "put", "send", "share", "renew", "raise", "read", "quote", "cite"}
#: Nouns of reports, documents and statements that speak for whoever issued them.
SOURCE_NOUN_PREPS = {"from", "by", "of"}
LEADING_MARKS = {",", ":", "—", "–", "-", ";"}
DASHES = {"―", "—", "–", "--", "-"}
MAX_WINDOW = 30  # tokens around a quotation searched for its cue
MIN_UNATTRIBUTED_TOKENS = 8  # shorter unattributed quotations are scare quotes or titles


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    pos: str  # verb | adj | noun | prep
    cls: str  # speech | belief | intention
    indirect: bool  # takes a clausal complement as reported speech
    frames: frozenset[str]  # to | obj-to | naming | quote

    @property
    def text(self) -> str:
        return " ".join(self.words)


@functools.lru_cache(maxsize=1)
def cue_table() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """(first word, pos) -> the cues starting with that word, longest first."""
    table: dict[tuple[str, str], list[Cue]] = {}
    for line in _CUES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("cue\t"):
            continue
        words, pos, cls, indirect, frames = (line.split("\t") + [""] * 5)[:5]
        cue = Cue(tuple(words.split()), pos, cls, indirect == "yes",
                  frozenset(f for f in frames.split(",") if f and f != "-"))
        table.setdefault((cue.words[0], pos), []).append(cue)
    return {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in table.items()}


def match_cue(token: Token) -> Optional[Cue]:
    """The cue of the table that ``token`` heads, with its particle or dependent words, if any."""
    if token.lower_ == "according":
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            return cue_table().get(("according", "prep"), (None,))[0]
        return None
    pos = POS_OF.get(token.pos_)
    if pos is None or pos == "prep":
        return None
    word = token.lemma_.lower() if pos in ("verb", "noun") else token.lower_
    candidates = cue_table().get((word, pos))
    if not candidates and pos == "adj" and token.tag_ == "VBN":
        candidates = cue_table().get((token.lemma_.lower(), "verb"))  # "is convinced" tagged as verb
    if not candidates:
        return None
    children = None
    for cue in candidates:
        if len(cue.words) == 1:
            if "naming" in cue.frames and _names_a_thing(token):
                return None
            return cue
        if children is None:
            children = {c.lower_ for c in token.children} | {c.lemma_.lower() for c in token.children}
            # "calling for the killers to be brought to justice": "for" marks the clause
            children |= {g.lower_ for c in token.children if c.dep_ in ("advcl", "ccomp", "xcomp") for g in c.children if g.dep_ == "mark"}
        if all(w in children for w in cue.words[1:]):
            return cue
    return None


def _names_a_thing(token: Token) -> bool:
    """"a class called “Perception”", "the so-called special relationship": a name, not a speaker's words."""
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return True
    i = token.i
    doc = token.doc
    while i > 0 and doc[i - 1].text in ("-", "–") and not doc[i - 1].whitespace_:
        i -= 1
    return i > 0 and doc[i - 1].lower_ in ("so", "so-")


def cue_class_of_tokens(tokens: Iterable[Token]) -> Optional[str]:
    """The class (speech | belief | intention) of the first cue among ``tokens`` (a gold cue span);
    a bare colon ("Pat Caddell: ...") is speech."""
    colon = False
    for t in tokens:
        cue = match_cue(t)
        if cue is not None:
            return cue.cls
        colon = colon or t.text == ":"
    return "speech" if colon else None


def cue_class(doc: Doc, cue_span: Optional[Span]) -> Optional[str]:
    """The class of the cue at ``cue_span`` (character offsets) of ``doc``."""
    if not cue_span:
        return None
    span = doc.char_span(cue_span[0], cue_span[1], alignment_mode="expand")
    return cue_class_of_tokens(span) if span is not None else None


# --------------------------------------------------------------------------- quotation marks

_MARKS = re.compile(r"''|[\"“”„«»‘’`]")
_OPENERS = {"“", "„", "«", "‘", "``"}
_CLOSERS = {"”", "»", "’"}
_OPEN_BEFORE = set("([{—–-/:;") | {"\n"}
_CLOSE_AFTER = set(".,;:!?)]}—–-…")


@dataclass
class Segment:
    """One quotation between marks: character offsets of the marks and of the content between them."""

    open_at: int
    close_at: Optional[int]  # None: unclosed, ended at the paragraph end
    start: int  # content, without the marks, whitespace trimmed
    end: int
    continues: Optional[int] = None  # index of the segment this one continues (next paragraph)
    tokens: tuple[int, int] = (0, 0)  # token range of the content
    open_tok: int = 0
    close_tok: int = 0  # the closing mark's token (or the last content token when unclosed)


def _flanks(text: str, i: int, width: int) -> tuple[bool, bool]:
    """(may open, may close) for a mark at ``i``: what stands before and after it."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    may_open = not nxt.isspace() and (prev.isspace() or prev in _OPEN_BEFORE or prev in "“\"‘'")
    may_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in "”\"’'")
    return may_open, may_close


def find_segments(text: str) -> list[Segment]:
    """Every quotation of ``text`` in order (double marks; single curly marks at the top level)."""
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
    if "<" in text:  # marks inside markup left in the text (<tweet author="...">) quote nothing
        tags = [(m.start(), m.end()) for m in _TAG.finditer(text)]
        if tags:
            starts = [a for a, _ in tags]
            marks = [(i, m) for i, m in marks if not _inside(tags, starts, i)]
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    doubles = [(i, m) for i, m in marks if m not in ("‘", "’", "`")]
    segments = _pair_doubles(text, doubles, breaks)
    singles = [(i, m) for i, m in marks if m in ("‘", "’")]
    if singles:
        segments = _add_singles(text, singles, segments, breaks)
    return segments


_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")


def _inside(spans: list[tuple[int, int]], starts: list[int], i: int) -> bool:
    j = bisect.bisect_right(starts, i) - 1
    return j >= 0 and spans[j][0] <= i < spans[j][1]


def _paragraph_end(text: str, breaks: list[int], i: int) -> int:
    j = bisect.bisect_left(breaks, i)
    return breaks[j] if j < len(breaks) else len(text)


def _pair_doubles(text: str, marks: list[tuple[int, str]], breaks: list[int]) -> list[Segment]:
    segments: list[Segment] = []
    open_at: Optional[int] = None
    open_width = 1
    open_continues: Optional[int] = None
    unclosed: Optional[int] = None  # a segment ended by its paragraph end, which the next paragraph may continue
    for i, mark in marks:
        width = len(mark)
        may_open, may_close = _flanks(text, i, width)
        if mark in _OPENERS:
            role = "close" if (may_close and not may_open) else "open"
        elif mark in _CLOSERS:
            role = "open" if (may_open and not may_close) else "close"
        else:
            role = "close" if (may_close and not may_open) else "open" if (may_open and not may_close) else "either"
        if open_at is not None:
            end = _paragraph_end(text, breaks, open_at)
            if end < i:  # the quotation ran to its paragraph end without a closing mark
                segments.append(_segment(text, open_at, open_width, None, end, open_continues))
                unclosed, open_at = len(segments) - 1, None
        if open_at is not None:
            if role in ("close", "either") or text[open_at:open_at + open_width] in ('"', "''") and not may_open:
                segments.append(_segment(text, open_at, open_width, i, i, open_continues))
                open_at, unclosed = None, None
                continue
            # an opener inside an open quotation: the first one was never closed
            segments.append(_segment(text, open_at, open_width, None, i, open_continues))
            open_at, unclosed = None, None
        if role in ("open", "either"):
            continues = None
            if unclosed is not None and not text[segments[unclosed].end:i].strip(" \t\r\n,;:") and _at_paragraph_start(text, i):
                continues = segments[unclosed].continues if segments[unclosed].continues is not None else unclosed
            open_at, open_width, open_continues, unclosed = i, width, continues, None
    if open_at is not None:
        segments.append(_segment(text, open_at, open_width, None, _paragraph_end(text, breaks, open_at), open_continues))
    return segments


def _at_paragraph_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    return j < 0 or text[j] == "\n"


def _segment(text: str, open_at: int, width: int, close_at: Optional[int], end: int,
             continues: Optional[int] = None) -> Segment:
    start = open_at + width
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    while stop > start and text[stop - 1] in ",;:":  # “A,” he said: the comma is the splice, not the words
        stop -= 1
    return Segment(open_at, close_at, start, stop, continues)


def _add_singles(text: str, marks: list[tuple[int, str]], segments: list[Segment], breaks: list[int]) -> list[Segment]:
    """‘…’ quotations outside double quotations (headline style); ’ is also the apostrophe, so a
    closer must be followed by a non-letter, and the quotation must stay in its paragraph."""
    inside = [(s.open_at, (s.close_at if s.close_at is not None else s.end)) for s in segments]
    starts = [a for a, _ in inside]

    def covered(i: int) -> bool:
        j = bisect.bisect_right(starts, i) - 1
        return j >= 0 and inside[j][0] <= i <= inside[j][1]

    extra: list[Segment] = []
    k = 0
    while k < len(marks):
        i, mark = marks[k]
        if mark != "‘" or covered(i) or not _flanks(text, i, 1)[0]:
            k += 1
            continue
        end = _paragraph_end(text, breaks, i)
        for j in range(k + 1, len(marks)):
            c, m2 = marks[j]
            if c >= end:
                break
            nxt = text[c + 1] if c + 1 < len(text) else "\n"
            if m2 == "’" and not nxt.isalnum() and not text[c - 1].isspace():
                seg = _segment(text, i, 1, c, c)
                if len(text[seg.start:seg.end].split()) >= 2:
                    extra.append(seg)
                k = j
                break
        k += 1
    return sorted(segments + extra, key=lambda s: s.open_at)


# --------------------------------------------------------------------------- the document index


class _Index:
    """What the passes ask about the document, computed once: token at a character, sentence and
    paragraph of a token, the quotation a token is in, actor mentions."""

    def __init__(self, doc: Doc, actors: ActorResolution):
        self.doc = doc
        self.text = doc.text
        self.actors = actors
        self.starts = [t.idx for t in doc]
        self.sent_of = [0] * len(doc)
        self.sent_bounds: list[tuple[int, int]] = []
        for n, s in enumerate(doc.sents):
            self.sent_bounds.append((s.start, s.end))
            for i in range(s.start, s.end):
                self.sent_of[i] = n
        self.breaks = [m.start() for m in re.finditer(r"\n\s*", self.text)]  # one per paragraph break
        self.segments = find_segments(self.text)
        self.in_segment = [-1] * len(doc)
        for n, seg in enumerate(self.segments):
            seg.open_tok = self.token_at(seg.open_at)
            if seg.end > seg.start:
                first, last = self.token_at(seg.start), self.token_at(seg.end - 1)
            else:
                first = last = seg.open_tok
            seg.tokens = (first, last + 1)
            seg.close_tok = self.token_at(seg.close_at) if seg.close_at is not None else last
            for i in range(first, last + 1):
                self.in_segment[i] = n
        self._mentions: dict[str, list[tuple[int, int]]] = {a.id: sorted(a.mentions) for a in actors.actors}

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.breaks, char)

    def char_span(self, first: int, last: int) -> Span:
        """Characters of tokens ``first``..``last`` (inclusive)."""
        return (self.doc[first].idx, self.doc[last].idx + len(self.doc[last]))

    def mention_at(self, actor_id: str, token: Token) -> Optional[Span]:
        spans = self._mentions.get(actor_id, [])
        j = bisect.bisect_right(spans, (token.idx, 10**12)) - 1
        while j >= 0:
            s, e = spans[j]
            if s <= token.idx < e:
                return (s, e)
            if e <= token.idx and token.idx - s > 200:
                break
            j -= 1
        return None


# --------------------------------------------------------------------------- speakers


@dataclass
class _Speaker:
    token: Token  # the head of the speaker phrase
    actor: Optional[str]
    span: Span


def _subject_token(v: Token, depth: int = 0, avoid: tuple[int, int] = (0, 0)) -> Optional[Token]:
    """The subject of a cue verb: its own, else that of the verb it hangs on (participle, conjunct,
    open complement), or the noun a participle modifies ("a statement saying", "officials speaking").
    Tokens in ``avoid`` (the quotation, which the parser sometimes makes a subject) are skipped."""
    passive = any(c.dep_ == "auxpass" for c in v.children)
    for c in v.children:
        if c.dep_ in SUBJECT_DEPS and not avoid[0] <= c.i < avoid[1]:
            return c
        if c.dep_ == "agent":  # "it was reported by X"
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if passive:
        return None  # "he was asked", "it is believed": the subject is not the source
    if depth >= 3 or v.head.i == v.i:
        return None
    if v.dep_ in ("acl",) and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return v.head
    if v.dep_ in SUBJECT_SHARING_DEPS and v.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _subject_token(v.head, depth + 1, avoid)
    return None


def _np_span(index: _Index, head: Token, with_source: bool = False) -> Span:
    """The noun phrase of ``head`` as written: its left modifiers (and, for a reporting noun, its
    "from"/"by" phrase), not its relative clauses or appositions."""
    first = head.i
    for c in head.lefts:
        if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "predet", "advmod", "npadvmod"):
            first = min(first, c.left_edge.i)
    last = head.i
    for c in head.rights:
        if c.dep_ in ("compound", "flat") or (c.dep_ == "case" and c.i == last + 1):
            last = max(last, c.i)
        elif with_source and c.dep_ == "prep" and c.lower_ in SOURCE_NOUN_PREPS:
            last = max(last, c.right_edge.i)
        elif c.dep_ == "prep" and c.i == last + 1 and head.pos_ == "PROPN" and c.lower_ in ("of", "for") \
                and all(t.text[:1].isupper() or t.lower_ in ("of", "for", "and", "the") for t in c.subtree):
            last = max(last, c.right_edge.i)  # a name: "National Institute for Space Research"
    while first < head.i and (index.doc[first].is_punct or index.doc[first].is_space):
        first += 1
    while last > head.i and (index.doc[last].is_punct or index.doc[last].is_space):
        last -= 1
    return index.char_span(first, last)


def _actor_of(index: _Index, token: Token) -> Optional[str]:
    ids = index.actors.ids_at(token.i)
    return ids[0] if ids else None


class _Speakers:
    """Resolves subject tokens to speakers; remembers reporting nouns for "these reports"."""

    def __init__(self, index: _Index):
        self.index = index
        self.last_by_noun: dict[str, _Speaker] = {}

    def resolve(self, token: Optional[Token]) -> Optional[_Speaker]:
        if token is None:
            return None
        index = self.index
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # "X, who said": the mention as written is "who", the speaker is X
            antecedent = self.resolve(token.head.head)
            span = (token.idx, token.idx + len(token))
            return _Speaker(token, antecedent.actor if antecedent else None, span)
        if token.pos_ == "NOUN":  # "television broadcaster PBS": the name in apposition
            name = next((c for c in token.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == token.i + 1), None)
            if name is not None:
                token = name
        actor = _actor_of(index, token)
        if actor is not None:
            span = index.mention_at(actor, token) or _np_span(index, token)
            speaker = _Speaker(token, actor, span)
        else:
            speaker = self._reporting_noun(token)
        if token.pos_ in ("NOUN", "PROPN"):
            self.last_by_noun[token.lemma_.lower()] = speaker
        return speaker

    def _reporting_noun(self, token: Token) -> _Speaker:
        """A subject that is not an actor: a report, a statement or a nameless source. It speaks for
        the actor of its "from"/"by"/"of" phrase or its possessor, or repeats the last speaker with the
        same head noun ("these reports")."""
        index = self.index
        span = _np_span(index, token, with_source=True)
        for c in token.children:
            owners: list[Token] = []
            if c.dep_ == "poss":
                owners = [c]
            elif c.dep_ == "prep" and c.lower_ in SOURCE_NOUN_PREPS:
                owners = [g for g in c.children if g.dep_ == "pobj"]
            for o in owners:
                for t in [o, *o.conjuncts]:
                    actor = _actor_of(index, t)
                    if actor is not None:
                        return _Speaker(token, actor, span)
        previous = self.last_by_noun.get(token.lemma_.lower())
        if previous is not None and previous.actor and any(c.dep_ == "det" and c.lower_ in ("these", "this", "the", "those", "that") for c in token.children):
            return _Speaker(token, previous.actor, span)
        # a compound modifier that is an actor: "Kremlin spokesman", "NBC reporter"
        for c in token.lefts:
            if c.dep_ == "compound":
                actor = _actor_of(index, c)
                if actor is not None:
                    return _Speaker(token, actor, span)
        return _Speaker(token, None, span)


# --------------------------------------------------------------------------- reported speech


@dataclass
class _Candidate:
    cue: Cue
    cue_tokens: tuple[int, int]  # token range (inclusive first, exclusive end)
    content: tuple[int, int]  # token range
    subject: Optional[Token]
    kind: str = "indirect"
    frame: str = "clause"  # clause | to | obj-to | naming | according | adj | noun
    predicate: Optional[tuple[int, int]] = None  # naming: token range of what the object is called
    speaker: Optional[_Speaker] = None
    segments: list[int] = field(default_factory=list)
    anchor: int = 0  # token of the cue word, for speaker resolution order


def _trim(doc: Doc, first: int, last: int) -> Optional[tuple[int, int]]:
    """Token range ``first``..``last`` (inclusive) without leading "that"/punctuation and trailing
    punctuation (closing quotation marks stay); None when nothing is left."""
    while first <= last and (doc[first].is_space or doc[first].dep_ == "mark" and doc[first].lower_ == "that"
                             or doc[first].is_punct and doc[first].text not in ("“", '"', "‘", "''", "„", "«")):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].is_punct and doc[last].text in (",", ";", ":", "—", "–", "-", "(", ".", "“")):
        last -= 1
    if last < first:
        return None
    return first, last + 1


def _misread_cue(index: _Index, token: Token):
    """"Agnès Callamard, a UN rapporteur ..., cautioned justice does not come swiftly": the tagger read
    the reporting verb as an adjective of the next noun, which it hung on the speaker as an apposition.
    Returns a maker of the candidate (subject: the speaker; content: the rest of the sentence)."""
    doc = index.doc
    head = token.head
    if not (token.dep_ == "amod" and token.tag_ in ("VBD", "VBN") and token.i > 0 and doc[token.i - 1].text == ","
            and head.i > token.i and head.dep_ == "appos" and head.head.pos_ in ("PROPN", "NOUN") and head.head.i < token.i):
        return None
    s1 = index.sent_bounds[index.sent_of[token.i]][1]
    content = _trim(doc, token.i + 1, s1 - 1)
    if content is None or not any(t.pos_ in ("VERB", "AUX") for t in doc[content[0]:content[1]]):
        return None
    return lambda cue: _Candidate(cue, (token.i, token.i + 1), content, head.head, anchor=token.i)


def _finite(clause: Token) -> bool:
    """A clause that can report something: it has a subject or a finite verb ("Speaking to PBS, he said"
    has a participle the parser sometimes calls a complement)."""
    if clause.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    return True


def _after_parenthetical(doc: Doc, cue: Token, sent_end: int) -> Optional[int]:
    """Where the reported clause resumes after "..., Mr. Clarke said, ...": after the comma that
    closes the parenthetical cue (a few words at most: "said Friday", "said in a statement")."""
    for j in range(cue.i + 1, min(sent_end, cue.i + 8)):
        if doc[j].text in (",", "—", "–"):
            return j + 1
        if doc[j].text in (".", ";", ":", "!", "?") or doc[j].pos_ in ("VERB", "AUX"):
            return None
    return None


def _cut_tail(doc: Doc, comp: Token, content: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """Reported content without what the writer adds to it: a trailing apposition ("he did not support
    Mr. Trump, the presumed Putin favorite"). Relative clauses stay: they may be the claim itself
    ("them to be mercenaries, who allegedly were preparing ...")."""
    if content is None:
        return None
    first, end = content
    changed = True
    while changed and end - first > 2:
        changed = False
        last = doc[end - 1]
        node = last
        while node.head.i != node.i and first <= node.head.i < end and node.dep_ != "appos":
            node = node.head
        if node.dep_ == "appos" and node.left_edge.i > first + 1 and doc[node.left_edge.i - 1].text == "," \
                and node.right_edge.i >= end - 1:
            end = node.left_edge.i - 1
            changed = True
    return _trim(doc, first, end - 1)


def _cue_extent(token: Token, cue: Cue) -> tuple[int, int]:
    """Token range of the cue words: the head word with its particle or preposition."""
    if cue.pos == "prep":
        return token.i, token.i + 2
    first = last = token.i
    for w in cue.words[1:]:
        near = list(token.children) + [g for c in token.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                                       for g in c.children if g.dep_ == "mark"]
        for c in near:
            if c.lower_ == w or c.lemma_.lower() == w:
                first, last = min(first, c.i), max(last, c.i)
                break
    if last - first > 3:
        last = first = token.i
    return first, last + 1


def _object_content(doc: Doc, token: Token, cue: Cue) -> Optional[tuple[int, int]]:
    """The noun phrase a cue is about: its object ("cited problems in the Middle East"), the object of
    its preposition ("called for a moratorium"), with "of"/"for" phrases ("accused X of Y")."""
    parts: list[Token] = []
    if len(cue.words) > 1:
        for c in token.children:  # "called for the killers to be brought to justice"
            mark = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == cue.words[-1]), None)
            if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > token.i and mark is not None and mark.i == c.left_edge.i:
                return _trim(doc, mark.i + 1, c.right_edge.i)
        prep = next((c for c in token.children if c.dep_ in ("prep", "prt") and c.lower_ == cue.words[-1] and c.i > token.i), None)
        objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")] if prep is not None else []
        if not objs and prep is not None and prep.dep_ == "prt":  # "pointed out the flaw"
            objs = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        parts = objs[:1]
    else:
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
        if obj is not None:
            parts = [obj] + [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "as") and c.i > obj.i][:1]
    if not parts or parts[0].pos_ == "PRON" and len(parts) == 1:
        return None
    return _trim(doc, parts[0].left_edge.i, max(p.right_edge.i for p in parts))


def _complement_that(token: Token) -> Optional[Token]:
    """A "that"-clause complementing a noun or adjective ("the claim that ...", "sure that ...")
    - not a relative clause, whose "that" is a pronoun -, or a clause with a subject of its own
    ("a statement to the effect the king considered it inappropriate")."""
    for c in token.children:
        if c.dep_ in ("ccomp", "acl") and any(g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for g in c.children):
            return c
    for c in token.children:
        if c.dep_ == "acl" and c.tag_ in ("VBD", "VBZ", "VBP", "MD") and any(
                g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in RELATIVE_PRONOUNS and g.i < c.i for g in c.children):
            return c
    return None


def _reported(index: _Index, token: Token, cue: Cue) -> list[_Candidate]:
    """The reported content of one cue and the token its speaker is read from."""
    doc = index.doc
    content: Optional[tuple[int, int]] = None
    subject: Optional[Token] = None
    if cue.pos == "prep":  # according to X, CLAUSE
        to = doc[token.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
        if not objs:
            return []
        subject = objs[0]
        phrase = (token.i, max(subject.right_edge.i, to.right_edge.i, token.right_edge.i))
        s0, s1 = index.sent_bounds[index.sent_of[token.i]]
        if phrase[0] - s0 <= 1:  # sentence-initial: the rest of the sentence
            content = _trim(doc, phrase[1] + 1, s1 - 1)
        else:  # "..., according to X." or "... according to X, ...": the clause before it
            content = _trim(doc, s0, phrase[0] - 1)
            if content is None or content[1] - content[0] < 3:
                content = _trim(doc, phrase[1] + 1, s1 - 1)
        if content is None:
            return []
        return [_Candidate(cue, (token.i, token.i + 2), content, subject, frame="according", anchor=token.i)]
    if cue.pos == "verb":
        subject = _subject_token(token)
        comp = None
        if subject is None and cue.indirect:
            misread = _misread_cue(index, token)
            if misread is not None:
                return [misread(cue)]
        if cue.indirect:
            comps = [c for c in token.children if c.dep_ == "ccomp" and _finite(c)]
            comp = next((c for c in comps if c.i > token.i), comps[0] if comps else None)  # "A, however, X concluded B": B
            if comp is None and token.dep_ == "parataxis" and subject is not None and token.head.pos_ in ("VERB", "AUX"):
                # "The museum, Mr. Bush said, celebrated ...", "A happened, he said": the clause the
                # cue interrupts or follows is the content, in one or two parts around the cue
                head = token.head
                s0, s1 = index.sent_bounds[index.sent_of[token.i]]
                after = _after_parenthetical(doc, token, s1)
                parts = [_trim(doc, max(s0, min(head.left_edge.i, token.left_edge.i)), token.left_edge.i - 1),
                         _trim(doc, after, max(head.right_edge.i, s1 - 1)) if after is not None else None]
                parts = [p for p in parts if p is not None and any(not doc[j].is_punct for j in range(*p))
                         and not p[0] <= token.i < p[1]]
                return [_Candidate(cue, _cue_extent(token, cue), p, subject, frame="parenthetical", anchor=token.i) for p in parts]
        if comp is not None:
            content = _cut_tail(doc, comp, _trim(doc, comp.left_edge.i, comp.right_edge.i))
            if comp.i < token.i and subject is not None and comp.right_edge.i < subject.left_edge.i:
                # "A, but B, the source added": everything before the cue and its subject is reported
                s0 = min(index.sent_bounds[index.sent_of[token.i]][0], comp.left_edge.i)
                if all(index.in_segment[j] == -1 for j in range(s0, token.i)):
                    content = _trim(doc, s0, min(subject.left_edge.i, token.i) - 1)
            if content and content[0] <= token.i < content[1]:
                content = None
        frame, predicate = "clause", None
        if content is None and "to" in cue.frames:
            frame = "to"
            x = next((c for c in token.children if c.dep_ == "xcomp" and c.i > token.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
            if x is not None:
                content = _trim(doc, x.left_edge.i, x.right_edge.i)
        if content is None and "obj-to" in cue.frames:
            frame = "obj-to"
            obj = next((c for c in token.children if c.dep_ in ("dobj", "iobj") and c.i > token.i), None)
            x = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.i > token.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
            if x is not None:
                start = obj.left_edge.i if obj is not None and obj.i < x.i else x.left_edge.i
                content = _trim(doc, start, x.right_edge.i)
        if content is None and "naming" in cue.frames:
            obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
            pred = next((c for c in token.children if c.i > token.i and (c.dep_ in ("oprd", "xcomp", "attr", "ccomp") or c.dep_ == "prep" and c.lower_ == "as")), None)
            if obj is not None and pred is not None:
                frame, predicate = "naming", (pred.left_edge.i, pred.right_edge.i + 1)
                content = _trim(doc, obj.left_edge.i, max(pred.right_edge.i, obj.right_edge.i))
        if content is None and "object" in cue.frames:
            frame = "object"
            content = _object_content(doc, token, cue)
        if content is None:
            return []
        return [_Candidate(cue, _cue_extent(token, cue), content, subject, frame=frame, predicate=predicate, anchor=token.i)]
    # adjectives ("is confident that") and nouns ("the claim that")
    if not cue.indirect:
        return []
    comp = _complement_that(token)
    if comp is None:
        return []
    content = _trim(doc, comp.left_edge.i, comp.right_edge.i)
    if content is None:
        return []
    if cue.pos == "adj":
        head = token.head if token.dep_ in ("acomp", "oprd", "ccomp", "xcomp") else None
        subject = _subject_token(head) if head is not None else None
        if subject is None:
            return []
        return [_Candidate(cue, (token.i, token.i + 1), content, subject, frame="adj", anchor=token.i)]
    # a noun: its possessor or "by/from" phrase; else the subject of the verb it is the object of
    subject = next((c for c in token.children if c.dep_ == "poss"), None)
    if subject is None:
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                subject = next((g for g in c.children if g.dep_ == "pobj"), None)
                break
    if subject is None and token.dep_ in ("dobj",) and token.head.lemma_.lower() in STATEMENT_VERBS:
        subject = _subject_token(token.head)  # "issued a statement that", "made the claim that"
    if subject is None:
        return []
    return [_Candidate(cue, (token.i, token.i + 1), content, subject, frame="noun", anchor=token.i)]


def _reported_speech(index: _Index) -> list[_Candidate]:
    """Every cue of the table with reported content, in text order."""
    found: list[_Candidate] = []
    table = cue_table()
    for token in index.doc:
        pos = POS_OF.get(token.pos_)
        if pos is None and token.lower_ != "according":
            continue
        key = (token.lower_ if pos in ("adj", "prep") else token.lemma_.lower(), pos)
        if key not in table and not (pos == "adj" and token.tag_ == "VBN") and token.lower_ != "according":
            continue
        cue = match_cue(token)
        if cue is None:
            continue
        found.extend(c for c in _reported(index, token, cue) if _clip_to_paragraph(index, c))
    found.extend(_name_colon(index))
    return sorted(found, key=lambda c: c.anchor)


_COLON_CUE = Cue((":",), "punct", "speech", True, frozenset())


def _name_colon(index: _Index) -> list[_Candidate]:
    """"Pat Caddell: Democrat Voters Worried About ...": a paragraph opened by a name and a colon
    (headlines, transcripts) reports what follows."""
    doc = index.doc
    out = []
    for start in [0] + [index.token_at(b) + 1 for b in index.breaks]:
        while start < len(doc) and doc[start].is_space:
            start += 1
        colon = next((j for j in range(start, min(start + 6, len(doc))) if doc[j].text == ":"), None)
        if colon is None or colon == start:
            continue
        name = doc[start:colon]
        if not all(t.pos_ == "PROPN" or t.text in (".", "-") for t in name):
            continue
        head = name[-1]
        if not (index.actors.ids_at(head.i) or head.ent_type_ in ("PERSON", "ORG", "NORP")):
            continue
        para_end = doc[colon].idx
        j = bisect.bisect_right(index.breaks, para_end)
        end_char = index.breaks[j] if j < len(index.breaks) else len(index.text)
        last = index.token_at(max(para_end, end_char - 1))
        content = _trim(doc, colon + 1, last)
        if content is None or content[1] - content[0] < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[content[0]:content[1]]):
            continue
        out.append(_Candidate(_COLON_CUE, (colon, colon + 1), content, head, frame="colon", anchor=colon))
    return out


def _clip_to_paragraph(index: _Index, cand: _Candidate) -> bool:
    """Keep the content inside the cue's paragraph (the parser sometimes joins paragraphs into one
    sentence); False when nothing of it is left there."""
    doc = index.doc
    para = index.paragraph(doc[cand.anchor].idx)
    c0, c1 = cand.content
    while c0 < c1 and index.paragraph(doc[c0].idx) < para:
        c0 += 1
    while c1 > c0 and index.paragraph(doc[c1 - 1].idx) > para:
        c1 -= 1
    trimmed = _trim(doc, c0, c1 - 1) if c1 > c0 else None
    if trimmed is None:
        return False
    cand.content = trimmed
    return True


# --------------------------------------------------------------------------- direct quotations


def _spliced(index: _Index, seg: Segment) -> bool:
    """A quotation spliced into its sentence: it ends with a comma, or with ?/! and the sentence goes
    on in lower case (“...?” the journalist asked)."""
    if seg.close_at is None:
        return False
    text = index.text
    j = seg.close_at - 1
    while j > seg.open_at and text[j].isspace():
        j -= 1
    if text[j] in ",;—–-":
        return True
    if text[j] in "?!":
        k = seg.close_at + 1
        while k < len(text) and text[k] in " \xa0":
            k += 1
        return k < len(text) and text[k].islower()
    return False


def _window_after(index: _Index, seg: Segment, next_open: Optional[int]) -> list[int]:
    """Tokens after a quotation, up to the end of its sentence, the next quotation or a paragraph break."""
    doc = index.doc
    out: list[int] = []
    i = seg.close_tok + 1 if seg.close_at is not None else seg.tokens[1]
    while i < len(doc) and len(out) < MAX_WINDOW:
        t = doc[i]
        if next_open is not None and i >= next_open:
            break
        if t.is_space and "\n" in t.text:
            break
        out.append(i)
        if t.text in (".", "!", "?") and out and len(out) > 1:
            break
        i += 1
    return out


def _window_before(index: _Index, seg: Segment, prev_close: Optional[int]) -> list[int]:
    """Tokens before a quotation, back to the start of its sentence, the previous quotation or a
    paragraph break."""
    doc = index.doc
    out: list[int] = []
    i = seg.open_tok - 1
    sent_start = index.sent_bounds[index.sent_of[seg.open_tok]][0]
    while i >= 0 and len(out) < MAX_WINDOW:
        t = doc[i]
        if prev_close is not None and i <= prev_close:
            break
        if t.is_space and "\n" in t.text:
            if not out and i > 0 and doc[i - 1].text == ":":
                i -= 1  # the paragraph before ends with a colon ("He said:"): it introduces the quotation
                continue
            break
        if i < sent_start and (t.text in (".", "!", "?")):
            break
        out.append(i)
        i -= 1
    out.reverse()
    return out


def _verb_cue(token: Token) -> Optional[Cue]:
    if token.pos_ not in ("VERB", "AUX") and not (token.tag_.startswith("VB")):
        return None
    cue = match_cue(token)
    if cue is None and token.pos_ not in ("VERB", "AUX"):
        cues = cue_table().get((token.lemma_.lower(), "verb"))
        cue = cues[-1] if cues else None
    return cue if cue is not None and cue.pos == "verb" else None


def _own_complement_after(token: Token, seg: Segment, window_end: int) -> bool:
    """Whether a cue verb after a quotation reports something else: a clause of its own after it
    (in the same paragraph: the parser sometimes hangs the next paragraph on the verb)."""
    doc = token.doc
    return any(c.dep_ in ("ccomp",) and token.i < c.i <= window_end
               and not any(doc[j].text in (",", ";", "—", "–") for j in range(token.i + 1, c.left_edge.i))
               for c in token.children)


@dataclass
class _Attribution:
    cue_tokens: Optional[tuple[int, int]]
    subject: Optional[Token]
    cue: Optional[Cue]
    how: str  # after | before | naming | floating | continued


def _attribute_after(index: _Index, seg: Segment, window: list[int]) -> Optional[_Attribution]:
    """“...,” Putin said / said Putin / the journalist asked / Scott Pruitt, the attorney general, said.
    The cue's subject must open the clause after the quotation, or the cue must (inverted order)."""
    if not window:
        return None
    doc = index.doc
    content_end = index.text[seg.start:seg.end].rstrip()
    ends_sentence = content_end.endswith((".", "?", "!", "…")) and doc[window[0]].text[:1].isupper()
    avoid = (seg.open_tok, seg.close_tok + 1)
    start = window[0]
    while start <= window[-1] and (doc[start].is_space or doc[start].text in (",", ".")):
        start += 1
    if start <= window[-1] and (doc[start].dep_ == "cc" or doc[start].lower_ in ("but", "and", "or", "while", "although", "though", "as", "because")):
        return None  # ", but the government will ...": a new clause, not an attribution
    if start <= window[-1] and doc[start].text in DASHES:  # “...” ― Steve Quinlan
        name = _name_after(doc, start + 1, window[-1])
        if name is not None:
            return _Attribution((start, start + 1), name, None, "after")
        return None
    for i in window:
        t = doc[i]
        if index.in_segment[i] != -1:
            break
        cue = _verb_cue(t)
        if cue is None:
            continue
        if _own_complement_after(t, seg, window[-1]) or (ends_sentence and _says_something_else(t, cue)):
            return None  # a new sentence after the quotation, saying something of its own
        subject = _subject_token(t, avoid=avoid)
        if subject is None or index.in_segment[subject.i] != -1:
            # the parser lost the subject: the name between the quotation and the cue
            subject = _name_before(doc, start, i) if i > start else _name_after(doc, i + 1, window[-1])
        if subject is None:
            continue
        if i - start <= 2 or (subject.i < i and _only_subject_between(doc, start, subject, i)):
            return _Attribution(_cue_extent(t, cue), subject, cue, "after")
        return None
    return None


def _says_something_else(verb: Token, cue: Cue) -> bool:
    """After a quotation that closed its sentence ("...business.” Putin said."), a cue attributes it only
    when it reports nothing else: no object (but the addressee of "told"), complement or "about"."""
    if cue.cls != "speech":
        return True
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ in ("xcomp", "ccomp", "attr", "oprd"):
            return True
        if c.dep_ in ("dobj", "iobj") and verb.lemma_.lower() not in ADDRESSEE_VERBS:
            return True
        if c.dep_ in ("prep", "prt") and c.lower_ in cue.words[1:]:
            return True  # "referred to growing concerns"
    return False


def _name_after(doc: Doc, first: int, last: int) -> Optional[Token]:
    """The last word of a run of capitalised words starting at ``first`` ("Steve Quinlan")."""
    i = first
    while i <= last and (doc[i].is_space or doc[i].text in DASHES):
        i += 1
    head = None
    while i <= last and (doc[i].text[:1].isupper() or doc[i].text in (".", "-") and head is not None):
        if doc[i].text[:1].isupper():
            head = doc[i]
        i += 1
    return head


def _name_before(doc: Doc, first: int, cue: int) -> Optional[Token]:
    """A name (capitalised words, possibly mis-tagged) filling the gap between a quotation and its cue."""
    words = [doc[j] for j in range(first, cue) if not doc[j].is_punct and not doc[j].is_space]
    if not words or len(words) > 8 or not all(w.text[:1].isupper() or w.pos_ in ("NOUN", "ADJ", "DET", "PROPN") for w in words):
        return None
    return words[-1]


def _only_subject_between(doc: Doc, start: int, subject: Token, cue: int) -> bool:
    """The subject phrase (with its appositions and relative clauses) is all that stands between the
    quotation and the cue: "“...,” Scott Pruitt, the attorney general of Oklahoma, said"."""
    if subject.left_edge.i <= start + 1:
        return True
    inside = range(subject.left_edge.i, subject.right_edge.i + 1)
    return not any(doc[j].pos_ in ("VERB", "AUX") and j not in inside for j in range(start, cue))


def _attribute_before(index: _Index, seg: Segment, window: list[int]) -> Optional[_Attribution]:
    if not window:
        return None
    doc = index.doc
    last = window[-1]
    while last >= window[0] and doc[last].is_space:
        last -= 1
    if last < window[0]:
        return None
    joint = doc[last].text if doc[last].is_punct else ""
    seg_tokens = range(*seg.tokens)
    for i in reversed(window):
        t = doc[i]
        cue = _verb_cue(t)
        if cue is None:
            continue
        governs = any(doc[j].head.i == t.i or t.is_ancestor(doc[j]) for j in (seg.tokens[0], min(seg.tokens[1] - 1, seg.tokens[0] + 3)) if j in seg_tokens)
        near = joint in LEADING_MARKS and not any(doc[j].pos_ == "VERB" and doc[j].dep_ not in ("aux", "auxpass") for j in range(i + 1, last))
        if governs or near or (joint == "" and i >= last - 1):
            subject = _subject_token(t, avoid=(seg.open_tok, seg.close_tok + 1))
            if subject is not None:
                return _Attribution(_cue_extent(t, cue), _statement_author(t) or subject, cue, "before")
        break
    if joint == ":":  # "Bolsonaro opposed Macron's statement: “...”": the clause's subject speaks
        verbs = [doc[i] for i in window if doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("aux", "auxpass")]
        for v in reversed(verbs):
            subject = _subject_token(v, avoid=(seg.open_tok, seg.close_tok + 1))
            if subject is not None:
                return _Attribution((v.i, v.i + 1), _statement_author(v) or subject, match_cue(v), "before")
        nouns = [doc[i] for i in window if doc[i].pos_ in ("PROPN", "NOUN", "PRON") and doc[i].head.i == doc[i].i or doc[i].dep_ == "ROOT" and doc[i].pos_ in ("PROPN", "NOUN")]
        if nouns:
            return _Attribution((last, last + 1), nouns[-1], None, "before")
    return None


def _statement_author(verb: Token) -> Optional[Token]:
    """"The palace issued the following statement from the king:": the author named with the statement."""
    if verb.lemma_.lower() not in STATEMENT_VERBS:
        return None  # "Bolsonaro opposed Macron's statement:" is Bolsonaro's
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in STATEMENT_NOUNS:
            for c in obj.children:
                if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
                    return c
                if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
    return None


def _attribute_inside(index: _Index, seg: Segment) -> Optional[_Attribution]:
    """A quotation inside a clause: the cue above it in the parse, when the quotation is what the cue
    calls something ("called it a “significant escalation”") or the cue's object ("said “no”")."""
    doc = index.doc
    first, end = seg.tokens
    tops = sorted((doc[i] for i in range(first, end) if not first <= doc[i].head.i < end), key=lambda t: t.i)
    for top in tops:
        branch, node = top, top.head
        for _ in range(6):
            if index.in_segment[node.i] == -1:
                cue = _verb_cue(node)
                if cue is not None:
                    subject = _subject_token(node, avoid=(seg.open_tok, seg.close_tok + 1))
                    if "naming" in cue.frames and branch.dep_ in ("oprd", "xcomp", "attr", "ccomp", "dobj", "prep", "advcl"):
                        return _Attribution(_cue_extent(node, cue), subject, cue, "naming")
                    if branch.dep_ in ("dobj", "attr", "oprd"):
                        return _Attribution(_cue_extent(node, cue), subject, cue, "object")
                    return None
            if node.head.i == node.i:
                break
            branch, node = node, node.head
    return None


# --------------------------------------------------------------------------- the extractor


def find_quotes(doc: Doc, actors: ActorResolution) -> list[Quote]:
    """Every quote of ``doc`` with its speaker, cue, content and kind; ids q1, q2, ... in text order."""
    index = _Index(doc, actors)
    speakers = _Speakers(index)
    segments = index.segments
    kept, absorbed, fragments = _combine(index, _reported_speech(index))

    # resolve speakers of reported speech in text order (anaphoric "these reports" looks back)
    items: list[tuple[int, str, object]] = [(c.anchor, "cand", c) for c in kept]
    attributions: dict[int, _Attribution] = {}
    for n, cand in fragments.items():
        attributions[n] = _Attribution(cand.cue_tokens, cand.subject, cand.cue, "naming")
    opens = [s.open_tok for s in segments]
    for n, seg in enumerate(segments):
        if n in absorbed or seg.end <= seg.start:
            continue
        if n in fragments:
            items.append((seg.tokens[0], "seg", n))
            continue
        next_open = opens[n + 1] if n + 1 < len(segments) else None
        prev_close = segments[n - 1].close_tok if n > 0 else None
        after = _attribute_after(index, seg, _window_after(index, seg, next_open))
        before = _attribute_before(index, seg, _window_before(index, seg, prev_close))
        # “...,” he said: the cue after a spliced quotation; X says “...”. : the cue before
        attr = (after or before) if _spliced(index, seg) else (before or after)
        if attr is None:
            attr = _attribute_inside(index, seg)
        if attr is None and seg.continues is not None:
            attr = _Attribution(None, None, None, "continued")
        if attr is not None:
            attributions[n] = attr
        items.append((seg.tokens[0], "seg", n))
    items.sort(key=lambda x: x[0])

    results: list[tuple[Span, Optional[_Speaker], Optional[Span], str, Optional[str]]] = []
    seg_result: dict[int, tuple[Optional[_Speaker], Optional[Span], Optional[str]]] = {}
    last_direct: Optional[tuple[int, Optional[_Speaker], Optional[Span], str, int]] = None  # (paragraph, speaker, cue, cls, seg)
    for _, what, obj in items:
        if what == "cand":
            cand = obj  # type: ignore[assignment]
            speaker = speakers.resolve(cand.subject)
            if speaker is None:
                continue
            c0, c1 = cand.content
            span = index.char_span(c0, c1 - 1)
            cue_span = index.char_span(cand.cue_tokens[0], cand.cue_tokens[1] - 1)
            results.append((span, speaker, cue_span, cand.kind, cand.cue.cls))
            if cand.kind == "mixed":
                para = index.paragraph(span[1])
                last_direct = (para, speaker, cue_span, cand.cue.cls, -1)
            continue
        n = obj  # type: ignore[assignment]
        seg = segments[n]
        attr = attributions.get(n)
        para = index.paragraph(seg.start)
        speaker: Optional[_Speaker] = None
        cue_span: Optional[Span] = None
        cls: Optional[str] = None
        if attr is not None and attr.how == "continued":
            speaker, cue_span, cls = seg_result.get(seg.continues, (None, None, None))  # type: ignore[arg-type]
        elif attr is not None:
            speaker = speakers.resolve(attr.subject)
            cue_span = index.char_span(attr.cue_tokens[0], attr.cue_tokens[1] - 1) if attr.cue_tokens else None
            cls = attr.cue.cls if attr.cue else "speech"
        else:
            previous = _previous_speaker(index, seg, last_direct, para)
            if previous is not None:
                speaker, cue_span, cls = previous
            else:
                cue = _cue_sentence_before(index, seg)
                if cue is not None:
                    speaker = speakers.resolve(cue.subject)
                    cue_span = index.char_span(cue.cue_tokens[0], cue.cue_tokens[1] - 1) if cue.cue_tokens else None
                    cls = cue.cue.cls if cue.cue else "speech"
            if speaker is None and _too_short(index, seg):
                continue  # a scare quote or a title
        seg_result[n] = (speaker, cue_span, cls)
        results.append(((seg.start, seg.end), speaker, cue_span, "direct", cls))
        if speaker is not None:
            last_direct = (index.paragraph(seg.end), speaker, cue_span, cls or "speech", n)

    results.sort(key=lambda r: r[0])
    quotes: list[Quote] = []
    for n, (span, speaker, cue_span, kind, _cls) in enumerate(results, start=1):
        quotes.append(Quote(id=f"q{n}", speaker=speaker.actor if speaker else None,
                            speaker_span=speaker.span if speaker else None, cue_span=cue_span,
                            content_span=span, kind=kind, cue_class=cue_class(doc, cue_span)))
    return quotes


def _combine(index: _Index, candidates: list[_Candidate]) -> tuple[list[_Candidate], set[int], dict[int, _Candidate]]:
    """Reported speech against the quotations: content that is a quotation is a direct quote (left to
    the quotation pass); content with a quotation inside is mixed and absorbs it; a quotation that is
    only what a naming cue calls its object ("called it a “significant escalation”") is a direct quote
    of that fragment. Returns (kept candidates, absorbed segments, naming fragments by segment)."""
    doc = index.doc
    segments = index.segments
    absorbed: set[int] = set()
    fragments: dict[int, _Candidate] = {}
    kept: list[_Candidate] = []
    candidates = _outermost(doc, candidates)
    direct_cues: set[int] = set()  # cues that introduce a quotation
    for cand in candidates:
        if index.in_segment[cand.anchor] != -1:
            continue  # a cue inside a quotation belongs to the quoted speaker's own words
        c0, c1 = cand.content
        inside = _segments_overlapping(index, c0, c1)
        if not inside:
            kept.append(cand)
            continue
        quoted = sum(min(c1, segments[n].tokens[1]) - max(c0, segments[n].tokens[0]) for n in inside)
        if quoted >= 0.8 * (c1 - c0) - 2:
            direct_cues.add(cand.anchor)
            continue  # the content is the quotation: a direct quote, attributed by the quotation pass
        if not all(segments[n].tokens[0] >= c0 - 1 and segments[n].tokens[1] <= c1 + 1 for n in inside):
            continue  # reported content running into a quotation: part of someone's quoted words
        if cand.frame == "naming" and cand.predicate and all(
                cand.predicate[0] <= segments[n].tokens[0] and segments[n].tokens[1] <= cand.predicate[1] + 1 for n in inside):
            for n in inside:
                fragments[n] = cand
            continue
        for n in inside:  # the content keeps the marks of quotations at its edges
            seg = segments[n]
            if seg.tokens[0] <= c0 + 1:
                c0 = min(c0, seg.open_tok)
            if seg.close_at is not None and seg.tokens[1] >= c1 - 1:
                c1 = max(c1, seg.close_tok + 1)
        cand.content = (c0, c1)
        cand.kind = "mixed"
        cand.segments = inside
        absorbed.update(inside)
        kept.append(cand)
    # "Speaking to PBS, he said, “...”": the words before a cue that introduces a quotation are not content
    kept = [c for c in kept if not (c.frame == "parenthetical" and c.anchor in direct_cues)]
    return _merge_split_clauses(doc, kept), absorbed, fragments


def _outermost(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop attributions reported inside another reported content ("X said she turned out to support
    Y": X's statement, not a second attribution), and beliefs and intentions of the writer or reader
    ("I think", "you want")."""
    if not candidates:
        return []
    depth = [0] * (len(doc) + 1)  # how many reported contents cover each token
    for c in candidates:
        depth[c.content[0]] += 1
        depth[c.content[1]] -= 1
    for i in range(1, len(depth)):
        depth[i] += depth[i - 1]
    out = []
    for cand in candidates:
        if depth[cand.anchor] > 0:
            continue
        if cand.cue.cls != "speech" and cand.subject is not None and cand.subject.lower_ in FIRST_SECOND_PERSON:
            continue
        out.append(cand)
    return out


def _merge_split_clauses(doc: Doc, kept: list[_Candidate]) -> list[_Candidate]:
    """"X commented, saying that A, B": when the parser hangs B on the outer verb, the two reported
    clauses sit side by side (only punctuation between); B belongs to the inner cue's content."""
    drop: set[int] = set()
    by_start: dict[int, list[int]] = {}
    for k, c in enumerate(kept):
        by_start.setdefault(c.content[0], []).append(k)
    for a in sorted(range(len(kept)), key=lambda k: kept[k].anchor):
        A = kept[a]
        if a in drop or A.anchor >= A.content[0]:
            continue
        j = A.content[1]
        while True:
            for b in by_start.get(j, ()):
                B = kept[b]
                if b != a and b not in drop and B.anchor < A.anchor and doc[B.anchor].is_ancestor(doc[A.anchor]):
                    A.content = (A.content[0], B.content[1])
                    if B.kind == "mixed":
                        A.kind = "mixed"
                        A.segments = A.segments + B.segments
                    drop.add(b)
                    break
            if j >= len(doc) or not (doc[j].is_punct or doc[j].is_space):
                break
            j += 1
    return [c for k, c in enumerate(kept) if k not in drop]


def _segments_overlapping(index: _Index, first: int, end: int) -> list[int]:
    found = {index.in_segment[i] for i in range(first, end) if index.in_segment[i] != -1}
    return sorted(found)


def _too_short(index: _Index, seg: Segment) -> bool:
    first, end = seg.tokens
    words = [t for t in index.doc[first:end] if not t.is_punct and not t.is_space]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    return len(words) < MIN_UNATTRIBUTED_TOKENS or not has_verb


def _previous_speaker(index: _Index, seg: Segment, last: Optional[tuple], para: int):
    """The speaker of the quotation just before, when it ended in this or the previous paragraph."""
    if last is None:
        return None
    last_para, speaker, cue_span, cls, _ = last
    if speaker is None or para - last_para > 1:
        return None
    if para - last_para == 1 and not _paragraph_is_quotation(index, seg):
        return None
    return speaker, cue_span, cls


def _paragraph_is_quotation(index: _Index, seg: Segment) -> bool:
    """A paragraph that opens with the quotation (a speaker's words continued in a new paragraph)."""
    return _at_paragraph_start(index.text, seg.open_at)


def _cue_sentence_before(index: _Index, seg: Segment) -> Optional[_Attribution]:
    """"Putin said. “We ...”", "He added:\n\n“...”", "X issued a statement on Y. “...”": a cue with a
    subject in the sentence just before (same paragraph, or the previous one when the quotation opens
    its paragraph)."""
    doc = index.doc
    sent = index.sent_of[seg.open_tok]
    if sent == 0:
        return None
    s0, s1 = index.sent_bounds[sent - 1]
    para = index.paragraph(seg.open_at)
    if index.paragraph(doc[s0].idx) < para - (1 if _at_paragraph_start(index.text, seg.open_at) else 0):
        return None
    for i in range(s0, s1):
        if index.in_segment[i] != -1:
            return None
    for i in range(s0, s1):
        t = doc[i]
        author = _statement_author(t) if t.lemma_.lower() in STATEMENT_VERBS else None
        issued = t.lemma_.lower() in STATEMENT_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in t.children)
        cue = _verb_cue(t)
        speech = cue is not None and cue.cls == "speech" and s1 - s0 <= 12 and not any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
        if issued or speech:
            subject = _subject_token(t)
            if subject is not None:
                return _Attribution(_cue_extent(t, cue) if cue else (i, i + 1), author or subject, cue, "floating")
    return None

"""The data model: what newsledger reads (Article) and what it writes (Extraction and its records).

Every record is a plain dataclass. Spans are ``(start, end)`` character offsets into the article
text (Python ``str`` indices, end exclusive). ``Extraction.to_dict()`` gives the JSON output contract
of DESIGN.md; the field names there are read by evaluations, so they keep their names and meanings.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

Span = tuple[int, int]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One input article. ``origin`` says where it came from (``file`` or ``file:line``)."""

    id: str
    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None  # ISO date, YYYY-MM-DD
    language: Optional[str] = None
    origin: Optional[str] = None
    dateline: Optional[str] = None  # "JAKARTA (Reuters)": taken off the body of a web page
    byline: Optional[str] = None  # "By ...", "Writing by ...; Editing by ...": taken off the body of a web page
    #: What was repaired or dropped on the way in (control characters, a field that is not a date):
    #: the article is kept, and these are recorded in the ledger's ``warnings`` table.
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass
class Failure:
    """An input that could not be processed, with the reason a user can act on."""

    origin: str  # file, file:line, or "-" for stdin
    reason: str
    article_id: Optional[str] = None
    sha256: Optional[str] = None

    def message(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person | country | organization | igo | group | unknown
    country: Optional[str] = None  # ISO alpha-3, or the IGO short name ("NATO", "UN") for IGO actors
    sector: Optional[str] = None  # CAMEO agent code: GOV, MIL, SPY, GOVMIL, ...
    cameo_code: Optional[str] = None  # country + sector (RUSGOV) or the IGO code (IGOWSTNAT)
    mentions: list[Span] = field(default_factory=list)
    role: Optional[str] = None  # the title the text gives ("Defense Secretary")
    members: list[str] = field(default_factory=list)  # for a group actor ("the two countries"): member actor ids
    evidence: Optional[str] = None  # what decided the codes: "apposition", "dictionary", "demonym", ...


@dataclass
class Event:
    id: str
    sentence: int
    source: Optional[str]
    target: Optional[str]
    cameo: str
    cameo_root: str
    plover: Optional[str]
    quad_class: int
    goldstein: float
    trigger: Span
    evidence: Span
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    attributed_to: Optional[str] = None
    attributed: bool = False  # reported by someone (a source, "reports", "according to"), not asserted by the article
    date: Optional[str] = None
    place: Optional[str] = None
    confidence: float = 0.5
    reciprocal: bool = False
    pattern: Optional[str] = None  # which verb pattern coded it, for explanation


@dataclass
class Quote:
    id: str
    speaker: Optional[str]
    speaker_span: Optional[Span]
    cue_span: Optional[Span]
    content_span: Span
    kind: str  # direct | indirect | mixed
    cue_class: Optional[str] = None  # speech | belief | intention ("said" / "believes" / "wants")


@dataclass
class Quantity:
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None  # as written ("troops", "share of territory")
    unit_kind: Optional[str] = None  # people | troops | casualties | money | share | area | count
    currency: Optional[str] = None
    approximate: bool = False
    vague: Optional[str] = None  # the vague expression ("thousands", "dozens")
    span: Optional[Span] = None


@dataclass
class Claim:
    id: str
    source: Optional[str]
    evidence: Span
    about: Optional[str] = None
    hedged: bool = False
    quantity: Optional[Quantity] = None
    quote: Optional[str] = None  # the quote this claim was reported in
    hedges: list[str] = field(default_factory=list)


@dataclass
class TimeRef:
    id: str
    span: Optional[Span]
    text: Optional[str]
    value: Optional[str]  # "2024-06-12", "2024-06", "2024", or None when unresolved
    start: Optional[str] = None
    end: Optional[str] = None
    precision: Optional[str] = None  # day | month | year | range | reported
    relative: bool = False  # resolved against the publication date
    unresolved: bool = False  # relative, but no publication date to resolve it against


@dataclass
class Place:
    id: str
    span: Span
    name: str
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    feature: Optional[str] = None  # country | region | admin1 | city | landmark


@dataclass
class Extraction:
    id: str
    text: str
    published: Optional[str] = None
    language: Optional[str] = "en"
    sha256: str = ""
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    sentences: list[Span] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    dates: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dateline: Optional[str] = None
    byline: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    origin: Optional[str] = None  # where the input came from (file, file:line); not part of the output record

    def actor(self, actor_id: Optional[str]) -> Optional[Actor]:
        return next((a for a in self.actors if a.id == actor_id), None)

    def span_text(self, span: Optional[Span]) -> str:
        return self.text[span[0]:span[1]] if span else ""

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The JSON output contract (DESIGN.md). Spans become ``[start, end]`` lists."""
        d = _plain(dataclasses.asdict(self))
        d.pop("origin")  # a local path: the ledger keeps it (warnings table), the record does not need it
        if not include_text:
            d.pop("text")
        return d


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value

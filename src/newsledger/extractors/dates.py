"""Dates: find the temporal expressions of an article and resolve them to calendar intervals.

Candidates come from a small grammar of regular expressions (month, weekday and number words are
data: ``ontology/data/temporal_words.tsv``) run over the whole text, so that what the small model
misses is found too. The model judges where the words alone cannot tell: a bare month name counts
after a temporal cue word ("in June") or, unless it is also an English word ("May", "March"), in a
DATE entity; a bare four-digit number is a year after a cue, a determiner or another year, or when
it modifies a noun ("the 2014 coup"), never when it counts something ("1709 schoolchildren") or
tells the time ("1800 UTC"); nothing inside a name entity ("USA Today", "Theresa May") counts.
Durations ("for three years", "24 hours"), ages and counts are not dates and are never returned.

Relative expressions are resolved against the publication date, never against today, in the
direction the governing clause looks (its tense, from the parse: see ``_clause_tense``):

- a weekday ("on Wednesday") is the latest such day at or before publication in a past clause. A
  weekday equal to the publication day is that day: a reporter writing on a Monday about "Monday"
  means today; a week earlier would be "last Monday". In a future clause ("will meet", "is
  scheduled to") it is the next one at or after; in a present or modal clause ("the warnings apply
  into Friday", "said it would vote on Friday") the nearest one;
- "last", "this past", "past" force strictly before; "next", "this coming", "coming" strictly after
  ("next Monday" is the first Monday after publication);
- a month alone ("in June") is the latest June at or before the publication month, or the next one
  at or after it in a future or modal clause ("may continue into February"); "last October" is
  strictly before the publication month;
- a day without a year ("March 24") is the occurrence nearest to publication, or the next one at
  or after it in a future clause;
- weeks are ISO weeks (Monday to Sunday): "this week" holds the publication day, "last week" is
  the week before; a weekend is that week's Saturday and Sunday; "this past week" is the seven days
  before publication, and "this weekend" in a past clause written on a weekday is the one just gone;
  "early/mid/late" keep the whole month or year; "the 1990s" and "the 13th century" are ranges.

Without a publication date such expressions come back with ``unresolved=True`` and ``value=None``.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal, Optional

from dateutil.relativedelta import MO, relativedelta, weekday
from spacy.tokens import Doc, Token

from ..records import TimeRef

_WORDS_FILE = Path(__file__).resolve().parent.parent / "ontology" / "data" / "temporal_words.tsv"

# Entity labels under which a matching word is part of a name, not a date.
_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "LAW", "FAC"})
# Entity labels under which a bare number is a count, not a year.
_NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL", "TIME"})
# Relative expressions need an anchor even when there is no publication date: they are resolved
# against this placeholder only to learn their precision; its values are never reported.
_PLACEHOLDER = date(2000, 1, 1)

Direction = Literal["before", "at_or_before", "at_or_after", "after", "nearest"]
Tense = Literal["past", "open", "present", "modal", "future"]  # of the governing clause: see _clause_tense
# Where an expression without "last" or "next" falls from the publication date, by the tense of its
# clause: (weekday, month, day of month). A modal clause is ahead of some report, which is itself
# behind publication: "said it would vote on Friday" is the nearest Friday, "would meet in
# September" the next September (months are too far apart for "nearest" to work).
_REACH: dict[Tense, tuple[Direction, Direction, Direction]] = {
    "past": ("at_or_before", "at_or_before", "nearest"),  # "held on June 21" is often a scheduled day
    "open": ("nearest", "nearest", "nearest"),
    "present": ("nearest", "at_or_before", "nearest"),
    "modal": ("nearest", "at_or_after", "nearest"),
    "future": ("at_or_after", "at_or_after", "at_or_after"),
}
Groups = dict[str, Optional[str]]


@dataclass(frozen=True)
class _Interval:
    value: str  # "2024-06-12" | "2024-06" | "2024"; for a range the value of its first part
    start: date
    end: date
    precision: str  # day | month | year | range
    relative: bool = False  # depends on the publication date


@dataclass(frozen=True)
class _Form:
    name: str
    regex: re.Pattern[str]
    resolve: Callable[[Groups, date, Tense], Optional[_Interval]]


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    interval: _Interval
    anchored: bool = True  # False: the publication date could not anchor it (see _matches)


# --------------------------------------------------------------------------- public interface


def find_dates(doc: Doc, published: str | None) -> list[TimeRef]:
    """One TimeRef per temporal expression of ``doc``, in text order, ids ``t1``, ``t2``, ..."""
    anchor = _publication_day(published)
    text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
    chosen = sorted(_longest_first(list(_matches(doc, text, anchor))), key=lambda f: f.start)
    return [_time_ref(f"t{n}", text, found, anchor) for n, found in enumerate(chosen, 1)]


def date_in_span(dates: list[TimeRef], start: int, end: int) -> TimeRef | None:
    """The most specific (shortest, resolved first, then earliest) date lying inside ``[start, end)``."""
    inside = [d for d in dates if d.span and start <= d.span[0] and d.span[1] <= end]
    return min(inside, key=_specificity, default=None)


def reported_date(published: str | None, id: str) -> TimeRef | None:
    """The publication date as a span-less TimeRef, for events the text does not date."""
    day = _publication_day(published)
    if day is None:
        return None
    iso = day.isoformat()
    return TimeRef(id=id, span=None, text=None, value=iso, start=iso, end=iso, precision="reported")


# --------------------------------------------------------------------------- finding


def _matches(doc: Doc, text: str, anchor: date | None) -> Iterator[_Found]:
    """Every acceptable, resolvable match of every form, overlaps included."""
    for form in _grammar():
        for m in form.regex.finditer(text):
            if not _acceptable(doc, m, form):
                continue
            tense = _clause_tense(doc, m.start(), m.end())
            try:
                interval = form.resolve(m.groupdict(), anchor or _PLACEHOLDER, tense)
                anchored = True
            except (ValueError, OverflowError):
                # a publication date at the edge of the calendar ("9999-12-31", a scraper's
                # placeholder; "0001-01-01") puts "next week" outside it: unresolved, as without a date
                interval = form.resolve(m.groupdict(), _PLACEHOLDER, tense)
                anchored = False
            if interval is not None:
                yield _Found(m.start(), m.end(), interval, anchored)


def _longest_first(found: list[_Found]) -> list[_Found]:
    """Keep the longest matches that do not overlap ("October 2 2018" over "October 2" and "2018")."""
    kept: list[_Found] = []
    if any(f.start >= f.end for f in found):  # empty matches break the bisection below: scan
        for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
            if all(f.end <= k.start or k.end <= f.start for k in kept):
                kept.append(f)
        return kept
    # kept matches never overlap, so sorted by start they are sorted by end too: only the last one
    # starting before f ends can overlap f (a scan of all kept ones is quadratic on long articles)
    starts: list[int] = []
    ends: list[int] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        k = bisect.bisect_left(starts, f.end)
        if k == 0 or ends[k - 1] <= f.start:
            kept.append(f)
            starts.insert(k, f.start)
            ends.insert(k, f.end)
    return kept


def _acceptable(doc: Doc, m: re.Match[str], form: _Form) -> bool:
    labels = _entity_labels(doc, m.start(), m.end())
    if labels & _NAME_LABELS:  # "USA Today", "Theresa May", "Good Friday Agreement"
        return False
    before = _previous_word(m.string, m.start())
    if form.name == "weekday":
        return before not in _vocab()["weekday_blocker"]  # "Black Friday"
    if not _is_bare(form, m):
        return True
    # "between 1000 and 2000 people", "at 2053 Wednesday", "(1800 UTC)"; but the model calls many
    # year ranges ("1987–2017") CARDINAL, and _year_range checks those itself
    counted = bool(labels & _NUMBER_LABELS) and form.name != "year_range"
    if counted or _next_word(m.string, m.end()) in _vocab()["clock_word"]:
        return False
    if form.name == "month":
        return _month_is_date(m["m"] or "", before, labels)
    return _year_is_date(doc, m, form, before)


def _is_bare(form: _Form, m: re.Match[str]) -> bool:
    """A lone number or month name, which may be a date or not ("2014", "1500", "May")."""
    if form.name in ("year", "month"):
        return not m["mod"]
    if form.name == "from_to":
        return bool(m["a"].isdigit() and m["b"].isdigit())
    return form.name == "year_range"


def _month_is_date(month: str, before: str, labels: set[str]) -> bool:
    cue = before.lower() in _vocab()["cue"]
    if month in _vocab()["ambiguous_month"]:
        return cue  # "May" the modal and "March" the noun are tagged DATE too often to trust the tag
    return cue or "DATE" in labels


def _year_is_date(doc: Doc, m: re.Match[str], form: _Form, before: str) -> bool:
    """Whether a bare four-digit number (or a range of them) is a year.

    Yes after a temporal cue ("in 2014", "since 1995"), in a run of years ("2015 and 2016") or a
    range ("2014-16", "from 2014 to 2016"); no when it counts something ("1709 schoolchildren",
    "1260 kilometers"). A number between 1900 and 2099 is also a year after a determiner ("the 2014
    elections", "a 2006 interview") or when it modifies a noun ("the upcoming 2020 census", "2014
    government coup"): in news such numbers are rarely anything else. The model's DATE tag is no
    evidence here: the small model gives it to most four-digit numbers.
    """
    word, number = before.lower(), _token_ending_at(doc, m.end())
    recent = 1900 <= int(m.groupdict().get("y") or m["a"]) < 2100
    if _after_year(m.string, m.start()) or (recent and word in _vocab()["determiner"]):
        return True
    if number is None or _counts_something(number):
        return False
    if form.name in ("from_to", "year_range") or word in _vocab()["cue"]:
        return True
    return recent and (word in _vocab()["weak_cue"] or _modifies_noun(number))


# A year just before, joined by a comma or a conjunction: "in 2015 and 2016", "2017, 2018".
_AFTER_YEAR = re.compile(r"\b(?:1\d{3}|2[01]\d\d)(?:,|\s(?:and|or|to))\s*$")


def _after_year(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends with a year and a list separator ("2015 and ", "1995, ").

    Searches only the few characters such an ending can take: ``_AFTER_YEAR`` searched over
    the whole text before every match made long articles quadratic."""
    j = end
    while j > 0 and text[j - 1].isspace():
        j -= 1
    # the year and separator end at j and take at most 8 characters ("2015 and"); the window keeps
    # a few characters more so that \b sees the character before the year
    return _AFTER_YEAR.search(text, max(0, j - 12), end) is not None


def _token_ending_at(doc: Doc, end: int) -> Optional[Token]:
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    return span[-1] if span is not None else None


def _counts_something(number: Token) -> bool:
    """Whether the number counts a plural noun ("1709 schoolchildren", "1300 route kilometres")."""
    following = number.nbor() if number.i + 1 < len(number.doc) else None
    return (number.dep_ == "nummod" and number.head.tag_ in ("NNS", "NNPS")) or (
        following is not None and following.tag_ == "NNS")


def _modifies_noun(number: Token) -> bool:
    """Whether the number stands before a noun it modifies ("the upcoming 2020 census")."""
    head = number.head
    return number.dep_ in ("nummod", "compound", "amod") and head.i > number.i and head.pos_ in ("NOUN", "PROPN")


def _entity_labels(doc: Doc, start: int, end: int) -> set[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return {t.ent_type_ for t in span if t.ent_type_} if span is not None else set()


def _previous_word(text: str, start: int) -> str:
    found = re.search(r"([A-Za-z]+-?)\s*$", text[max(0, start - 30):start])
    return found.group(1) if found else ""


def _next_word(text: str, end: int) -> str:
    found = re.match(r"\s*([A-Za-z]+)", text[end:end + 30])
    return found.group(1) if found else ""


def _clause_tense(doc: Doc, start: int, end: int) -> Tense:
    """What the clause governing the expression says of time.

    "future": an auxiliary "will"/"shall"/"'ll", "going to", "is to", or a future-pointing governor, alone
    or over a to-infinitive ("is scheduled for", "is due on", "plans to visit", "the upcoming vote").
    "modal": "would", "may", "could"... ("would meet in September", "may continue into February").
    "present": a present-tense verb ("the warnings apply into Friday morning").
    "open": a past-tense verb whose end point is the date ("extended the lockdown to May 1").
    "past" otherwise, and always for a past-tense governor ("was scheduled to"), a perfect ("have
    been relocated since Wednesday", "may have killed") and "since": they report what is behind us.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.head.lower_ == "since":
        return "past"
    path = _path_to_verb(span.root)
    clause = _clause_words(path[-1])
    auxiliaries = {t.lower_ for t in clause if t.dep_ == "aux"}
    if any(t.tag_ == "VBD" for t in clause):
        # "extended the lockdown to May 1", "rescheduled to June 2": the end point may still be ahead
        return "open" if span.root.head.lower_ in ("to", "until", "till", "through", "into") else "past"
    modifiers = [c for t in path for c in t.children if c.dep_ == "amod"]  # "the upcoming vote"
    verb = path[-1]
    be_to = "to" in auxiliaries and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP")  # "is to be held"
    if (
        be_to
        or auxiliaries & _vocab()["future_modal"].keys()
        or any(t.lemma_ == "go" and t.tag_ == "VBG" for t in clause)
        or any(t.lemma_.lower() in _vocab()["future_cue"] for t in clause + modifiers)
    ):
        return "future"
    if auxiliaries & {"have", "has", "'ve"}:
        return "past"
    if auxiliaries & _vocab()["modal"].keys():
        return "modal"
    return "present" if any(t.tag_ in ("VBZ", "VBP") for t in clause) else "past"


def _clause_words(verb: Token) -> list[Token]:
    """The verb with its auxiliaries, and the words that decide its tense when it has none of its own."""
    def with_auxiliaries(t: Token) -> list[Token]:
        return [t, *(c for c in t.children if c.dep_ in ("aux", "auxpass", "acomp", "xcomp"))]

    words = with_auxiliaries(verb)
    if verb.head is not verb and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        words += with_auxiliaries(verb.head)  # "is scheduled to discuss", "plans to visit"
    if verb.head is not verb and verb.dep_ in ("acl", "amod"):
        words += with_auxiliaries(_path_to_verb(verb.head)[-1])  # "games scheduled for Wednesday were held"
    return words


def _path_to_verb(token: Token) -> list[Token]:
    """The token and its heads up to the first verb (or the sentence root)."""
    path = [token]
    while path[-1].pos_ not in ("VERB", "AUX") and path[-1].head is not path[-1] and len(path) < 8:
        path.append(path[-1].head)
    return path


def _time_ref(id: str, text: str, found: _Found, anchor: date | None) -> TimeRef:
    span, iv = (found.start, found.end), found.interval
    if iv.relative and (anchor is None or not found.anchored):
        return TimeRef(id, span, text[span[0]:span[1]], None, precision=iv.precision,
                       relative=True, unresolved=True)
    return TimeRef(id, span, text[span[0]:span[1]], iv.value, iv.start.isoformat(), iv.end.isoformat(),
                   iv.precision, relative=iv.relative)


def _specificity(ref: TimeRef) -> tuple[bool, int, int]:
    nominal = {"day": 0, "month": 30, "year": 365}
    if ref.start and ref.end:
        width = (date.fromisoformat(ref.end) - date.fromisoformat(ref.start)).days
    else:
        width = nominal.get(ref.precision or "", 10**6)
    return (ref.unresolved, width, ref.span[0] if ref.span else 0)


def _publication_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:  # not an ISO date: relative expressions stay unresolved
        return None


# --------------------------------------------------------------------------- vocabulary and grammar


@functools.cache
def _vocab() -> dict[str, dict[str, int]]:
    """kind -> {word: value} from the temporal words table."""
    table: dict[str, dict[str, int]] = {}
    for line in _WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "kind\t")):
            continue
        kind, word, value = (line.split("\t") + [""])[:3]
        table.setdefault(kind, {})[word] = int(value) if value else 0
    return table


def _alt(words: dict[str, int] | list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@functools.cache
def _grammar() -> list[_Form]:
    """The expression forms, each a regex with named groups and the function that resolves it."""
    v = _vocab()
    month, wday = rf"(?P<m>{_alt(v['month'])})", rf"(?P<wd>{_alt(v['weekday'])})"
    day, year = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)", r"(?P<y>1\d{3}|2[01]\d\d)(?!\d)"
    d_end = r"(?P<d_end>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    part = r"(?:\s(?:morning|afternoon|evening|night))?"
    to = r"(?:\s?[-–]\s?|\s(?:to|through|until)\s)"
    lead_wd = rf"(?:{_alt(v['weekday'])},?\s)?"  # "Monday, August 3, 2020" is one date
    not_the = r"(?<!the\s)(?<!The\s)"  # "the next Tuesday", "the last week" are anaphora and durations

    month_day = rf"{lead_wd}{month}\s{day}(?:,?\s{year})?"
    day_month = rf"{lead_wd}(?:the\s)?{day}(?:\sof)?\s{month}(?:,?\s{year})?"
    year_or_rel = rf"(?:{year}|(?P<yrel>(?i:this|last|next))\syear)"  # "June 2024", "June of this year"
    month_year = rf"(?:(?P<mod>(?i:early|mid|late))[-\s])?{month}(?:\sof)?,?\s{year_or_rel}"
    month_only = rf"(?:(?P<mod>(?i:this past|this coming|last|next|this|coming|early|mid|late))[-\s])?{month}"
    year_only = rf"(?:(?P<mod>(?i:early|mid|late))[-\s])?{year}"
    # the parts of a "from ... to ..." range, unnamed (group names may not repeat in one regex)
    simple = "|".join(re.sub(r"\?P<\w+>", "?:", s) for s in (month_day, day_month, month_year, month_only, year_only))
    decade_word = rf"[Tt]he\s(?:(?:early|mid|late)[-\s])?(?P<decw>{_alt(v['decade_word'])})"
    ordinal = rf"(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{_alt(v['ordinal'])})"
    century = rf"[Tt]he\s(?:(?:early|mid|late)[-\s])?{ordinal}[-\s][Cc]entury"

    forms = [
        ("from_to", rf"(?:[Ff]rom|[Bb]etween)\s(?P<a>{simple})\s(?:and|to|until|till|through|[-–])\s(?P<b>{simple})",
         _from_to),
        ("month_day_range", rf"{month}\s{day}{to}{d_end}(?:,?\s{year})?", _day_range),
        ("day_month_range", rf"{day}{to}{d_end}\s{month}(?:,?\s{year})?", _day_range),
        ("year_range", rf"{year}\s?[-–]\s?(?P<y_end>1\d{{3}}|2[01]\d\d|\d\d)(?!\d)", _year_range),
        ("month_day", month_day, _month_day),
        ("day_month", day_month, _month_day),
        ("month_year", month_year, _month_year),
        ("month", month_only, _month),
        ("decade", rf"{decade_word}|(?:[Tt]he\s)?(?:(?:early|mid|late)[-\s])?(?P<dec>1\d\d0|20\d0)s", _decade),
        ("century", century, _century),
        ("year", year_only, _year),
        ("relative_day", r"(?i:(?:(?:early|late|earlier|later)\s)?(?P<word>yesterday|today|tonight|tomorrow)"
                         rf"{part}|(?P<word2>this)\s(?:morning|afternoon|evening)|(?P<word3>last)\s(?:night|evening))",
         _relative_day),
        ("weekday", rf"(?:{not_the}(?P<mod>(?i:this past|this coming|last|next|this|coming|past))\s"
                    rf"|(?i:early|late)\s)?{wday}{part}", _weekday),
        ("period", rf"(?:(?i:earlier|later|early|late)\s)?{not_the}"
                   r"(?P<rel>(?i:this past|this coming|last|next|this))\s(?P<unit>(?i:week|weekend|month|year))",
         _period),
        ("ago", rf"(?i:(?P<n>\d+|{_alt(v['number'])})\s(?P<unit>day|week|month|year|decade)s?\sago)", _ago),
    ]
    # Word edges: no letter, digit or joining mark on either side ("COVID-19", "2019-nCoV", "$2014", "2.5").
    edges = r"(?<![\w$£€#@/:,.–-])(?:{})(?!\w|[-–/]\w|[.,:]\d|%)"
    return [_Form(name, re.compile(edges.format(src)), fn) for name, src, fn in forms]


def _simple_forms() -> list[_Form]:
    return [f for f in _grammar() if f.name in ("month_day", "day_month", "month_year", "month", "year")]


# --------------------------------------------------------------------------- resolving one form


def _month_day(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    month, day = _vocab()["month"][g["m"] or ""], int(g["d"] or 0)
    if g["y"]:
        found = _make_date(int(g["y"]), month, day)
        return _on_day(found) if found else None
    options = [_on_day(d, True) for y in _around(anchor) if (d := _make_date(y, month, day))]
    return _pick(options, anchor, _REACH[tense][2])


def _day_range(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    """ "March 3-5": the last day is placed like any day; the first one lies in its month and year."""
    last = _month_day({**g, "d": g["d_end"]}, anchor, tense)
    first = _make_date(last.start.year, last.start.month, int(g["d"] or 0)) if last else None
    if last is None or first is None or first > last.start:
        return None
    return _range(_on_day(first, last.relative), last)


def _month_year(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    month = _vocab()["month"][g["m"] or ""]
    if g["y"]:
        return _in_month(int(g["y"]), month)
    shift = {"this": 0, "last": -1, "next": 1}[(g["yrel"] or "this").lower()]
    return _in_month(anchor.year + shift, month, relative=True)


def _month(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    month = _vocab()["month"][g["m"] or ""]
    options = [_in_month(y, month, relative=True) for y in _around(anchor)]
    return _pick(options, anchor, _direction(g["mod"], _REACH[tense][1]))


def _year(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    return _in_year(int(g["y"] or 0))


def _year_range(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    first, end = int(g["y"] or 0), g["y_end"] or ""
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)  # "2014-16"
    # a century at most: "1500-2000" is a count
    return _range(_in_year(first), _in_year(last)) if first < last <= first + 100 else None


def _decade(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    first = int(g["dec"]) if g["dec"] else _vocab()["decade_word"][(g["decw"] or "").lower()]
    return _range(_in_year(first), _in_year(first + 9))


def _century(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    ordinal = (g["c"] or "").lower()
    number = int(ordinal[:-2]) if ordinal[:1].isdigit() else _vocab()["ordinal"][ordinal]
    return _range(_in_year(max(1, (number - 1) * 100)), _in_year(number * 100 - 1)) if number else None


def _from_to(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    """ "from 2014 to 2016", "between March and May": the first part takes its year from the second."""
    last = _resolve_simple(g["b"] or "", anchor, tense)
    first = _resolve_simple(g["a"] or "", last.end, "past") if last else None
    if first is None or last is None:
        return None
    return _range(first, last, relative=last.relative)


def _relative_day(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    word = (g["word"] or g["word2"] or g["word3"] or "").lower()
    offset = {"yesterday": -1, "last": -1, "today": 0, "tonight": 0, "this": 0, "tomorrow": 1}[word]
    return _on_day(anchor + timedelta(days=offset), relative=True)


def _weekday(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    wd = _vocab()["weekday"][g["wd"] or ""]
    latest = anchor + relativedelta(weekday=weekday(wd)(-1))  # at or before the anchor
    options = [_on_day(latest + timedelta(weeks=k), relative=True) for k in (-1, 0, 1)]
    return _pick(options, anchor, _direction(g["mod"], _REACH[tense][0]))


def _period(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    rel, unit = " ".join((g["rel"] or "").lower().split()), (g["unit"] or "").lower()
    shift = {"last": -1, "this past": -1, "this": 0, "next": 1, "this coming": 1}[rel]
    if unit == "year":
        return _in_year(anchor.year + shift, relative=True)
    if unit == "month":
        month = anchor + relativedelta(months=shift)
        return _in_month(month.year, month.month, relative=True)
    if unit == "week" and rel == "this past":  # the seven days up to publication
        return _days(anchor - timedelta(days=7), anchor - timedelta(days=1))
    if unit == "weekend" and rel == "this" and tense == "past" and anchor.weekday() < 5:
        shift = -1  # "was a guest this weekend", written on a weekday: the weekend just gone
    monday = anchor + relativedelta(weeks=shift, weekday=MO(-1))
    if unit == "week":
        return _days(monday, monday + timedelta(days=6))
    return _days(monday + timedelta(days=5), monday + timedelta(days=6))  # the weekend


def _ago(g: Groups, anchor: date, tense: Tense) -> Optional[_Interval]:
    word, unit = (g["n"] or "").lower(), (g["unit"] or "").lower()
    n = int(word) if word.isdigit() else _vocab()["number"][word]
    if unit == "day":
        return _on_day(anchor - timedelta(days=n), relative=True)
    if unit == "week":
        monday = anchor - timedelta(weeks=n) + relativedelta(weekday=MO(-1))
        return _days(monday, monday + timedelta(days=6))
    if unit == "month":
        month = anchor - relativedelta(months=n)
        return _in_month(month.year, month.month, relative=True)
    return _in_year(anchor.year - n * (10 if unit == "decade" else 1), relative=True)


def _resolve_simple(text: str, anchor: date, tense: Tense) -> Optional[_Interval]:
    """One part of a range, by the first simple form that matches it whole."""
    for form in _simple_forms():
        m = form.regex.fullmatch(text)
        if m:
            return form.resolve(m.groupdict(), anchor, tense)
    return None


# --------------------------------------------------------------------------- calendar arithmetic


def _direction(modifier: Optional[str], default: Direction) -> Direction:
    """ "last"/"this past" force strictly before, "next"/"this coming" strictly after."""
    mod = " ".join((modifier or "").lower().split())
    if mod in ("last", "past", "this past"):
        return "before"
    if mod in ("next", "coming", "this coming"):
        return "after"
    return default


def _pick(options: list[_Interval], anchor: date, direction: Direction) -> Optional[_Interval]:
    """The option (in calendar order) lying in ``direction`` from the anchor, closest to it."""
    if direction == "nearest":
        return min(options, key=lambda o: abs((o.start - anchor).days), default=None)
    if direction == "before":
        return next((o for o in reversed(options) if o.end < anchor), None)
    if direction == "at_or_before":
        return next((o for o in reversed(options) if o.start <= anchor), None)
    if direction == "at_or_after":
        return next((o for o in options if o.end >= anchor), None)
    return next((o for o in options if o.start > anchor), None)


def _around(anchor: date) -> tuple[int, int, int]:
    return (anchor.year - 1, anchor.year, anchor.year + 1)


def _make_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:  # "February 30"
        return None


def _on_day(day: date, relative: bool = False) -> _Interval:
    return _Interval(day.isoformat(), day, day, "day", relative)


def _in_month(year: int, month: int, relative: bool = False) -> _Interval:
    first = date(year, month, 1)
    return _Interval(f"{year:04d}-{month:02d}", first, first + relativedelta(months=1, days=-1), "month", relative)


def _in_year(year: int, relative: bool = False) -> _Interval:
    return _Interval(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year", relative)


def _days(start: date, end: date) -> _Interval:
    """A run of days (a week, a weekend), always relative to the publication date."""
    return _Interval(start.isoformat(), start, end, "range", relative=True)


def _range(first: _Interval, last: _Interval, relative: Optional[bool] = None) -> Optional[_Interval]:
    if last.end < first.start:
        return None
    rel = first.relative or last.relative if relative is None else relative
    return _Interval(first.value, first.start, last.end, "range", rel)

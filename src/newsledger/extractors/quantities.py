"""Quantities: the counted and measured things of an article ("as many as 12,000 North Korean troops").

One ``Quantity`` per counted thing, in text order. Its ``span`` covers the whole phrase: the bound or
estimate word, the number and the counted noun. Every word this module knows (number words, magnitudes,
fractions, bound words, currencies, unit nouns) is data: ``ontology/data/quantity_words.tsv``.

How a phrase is read, left to right inside one sentence:

1. an optional modifier: a bound ("as many as" -> ``high``, "at least" -> ``low``) or an estimate
   ("around", "nearly" -> ``value``, approximate); or the range opener "between" (bounds can also
   follow the number: "107 or more");
2. a number: digits ("12,000", "1.5", "HK$5", "3bn", "15–25"), number words ("two million",
   "twenty-five"), a vague magnitude ("thousands", "several tens of thousands", "a handful"), or a
   fraction ("a fifth of", "two-thirds of", "half the");
3. an optional second end of a range ("18,250 to 63,000", "between 3,000 and 5,000", "two or three");
4. a percent word or currency ("%", "percent", "dollars", "US$");
5. the counted noun, found through the parse: the noun the number modifies ("12,000 ... troops"),
   the object of "of" after a vague word, fraction or percent ("thousands of soldiers"), or the noun
   after a comparative ("85% more wildfires").

Conventions (the ones a reader of the output has to know):

- a vague magnitude is a lower bound of one unit of that magnitude: "thousands" -> ``low`` 1000,
  "dozens" -> 12, "tens of thousands" -> 10000, "several tens of thousands" -> 10000, "a handful" -> 2.
  These are the smallest values no reading of the phrase goes below; ``vague`` keeps the words.
- shares are fractions of one: "20 percent" -> 0.2, "a fifth of" -> 0.2; ``unit`` is "share of <noun>"
  ("share of territory"), "more <noun>" for a relative change ("85% more wildfires"), else "share".
- money: ``unit`` is the currency as written ("$", "dollars", "euros"), ``currency`` its ISO 4217 code.
- a count given in words of thousands or more ("two million people", "1.4 million") is a rounded
  figure, hence approximate; money is exempt (a budget of "$1.5 billion" is stated, not estimated).
- ``approximate`` is False for "at least" (a hard bound) and for exact numbers.

What is not a quantity: anything spaCy calls a DATE, TIME or ORDINAL (years, dates, durations,
ages, clock times, ranks), numbers inside names ("G7", "Movimento 5 Stelle") and labels ("Article 4",
"No. 10", "COVID-19"), list numbering, rate bases ("per 100,000"), hyphenated modifiers
("45-year-old", "a 22-mile journey"), "one of ...", and "one" that does not count people.
"""
from __future__ import annotations

import functools
import re
from fractions import Fraction
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, TypeVar

from spacy.tokens import Doc, Span, Token

from ..records import Quantity

_WORDS_FILE = Path(__file__).resolve().parent.parent / "ontology" / "data" / "quantity_words.tsv"

# spaCy labels under which a number is a time, not a count: years, dates, durations, ages, ranks.
_TIME_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
# spaCy labels under which a number is part of a name ("G7", "Article 4", "Apollo 11").
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "NORP"}
)
_NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Dependencies by which a number (or its last word) attaches to the noun it counts.
_COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "npadvmod", "det", "predet", "appos"})
# Parts of speech allowed between a number and its noun ("12,000 North Korean troops").
_NOUN_PREMODIFIERS = frozenset({"ADJ", "PROPN", "NOUN", "ADV", "PUNCT", "PART", "VERB"})
_DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "WP$"})

# A number written in digits, possibly with a glued currency ("HK$5"), range end ("15–25") or
# magnitude abbreviation ("3bn"). Malformed groupings ("200,0000") do not match on purpose.
_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_PLAIN = r"\d+(?:\.\d+)?"
_DIGITS = re.compile(
    rf"^(?P<cur>[A-Za-z]{{0,3}}\$|[€£¥₹₽₴₩₺₪])?(?P<num>{_GROUPED}|{_PLAIN})"
    rf"(?:[–-](?P<num2>{_GROUPED}|{_PLAIN}))?(?P<suffix>[a-z]{{1,3}})?$"
)
_YEAR_LIKE = re.compile(r"^(1[0-9]|20)\d\d$")

Phrase = tuple[str, ...]
T = TypeVar("T")


class _Phrases(dict[Phrase, T]):
    """A table of word sequences that knows its longest entry, so that matching stays cheap."""

    def __init__(self, entries: dict[Phrase, T]) -> None:
        super().__init__(entries)
        self.longest = max((len(k) for k in self), default=0)
        self.first_words = frozenset(k[0] for k in self)


# --------------------------------------------------------------------------- public interface


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every counted or measured thing of ``doc``, in text order (see the module docstring)."""
    lex = _lexicon()
    found: list[Quantity] = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if not _may_start(doc[i], lex):  # most words: skip cheaply
                i += 1
                continue
            quantity, next_i = _read_phrase(doc, sent, i, lex)
            if quantity is not None:
                found.append(quantity)
            i = max(next_i, i + 1)
    return found


def _may_start(token: Token, lex: _Lexicon) -> bool:
    """Whether a quantity phrase can start at ``token``: digits, or a word some table begins with."""
    return token.text[0].isdigit() or token.lower_ in lex.first_words or _DIGITS.match(token.text) is not None


# --------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, float]
    scales: dict[str, float]
    suffixes: dict[str, float]
    vague: dict[str, tuple[float, str]]  # word -> (lower bound, condition)
    few: _Phrases[str]
    handful: _Phrases[float]
    fractions: dict[str, tuple[float, str]]  # word -> (value, condition)
    modifiers: _Phrases[tuple[str, bool]]  # phrase -> (field, approximate)
    post_modifiers: _Phrases[tuple[str, bool]]
    range_open: dict[str, str]  # opener -> the link word it needs
    range_links: frozenset[str]
    change_from: frozenset[str]
    percent: _Phrases[str]
    currencies: _Phrases[tuple[str, float]]  # phrase -> (ISO code, multiplier)
    ambiguous_currencies: _Phrases[tuple[str, float]]
    units: _Phrases[str]  # noun or phrase -> unit kind
    time_units: frozenset[str]
    area_units: _Phrases[str]
    casualty_verbs: dict[str, str]  # lemma -> "object" (kill) or "subject" (die)
    comparatives: frozenset[str]
    not_count_cues: frozenset[str]

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """Every word a quantity phrase can start with (besides digits)."""
        tables: list[_Phrases] = [self.few, self.handful, self.modifiers, self.currencies]
        return frozenset().union(
            *(t.first_words for t in tables), self.numbers, self.vague, self.fractions, self.range_open, ("a", "an")
        )


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for line in _WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, phrase, value, extra = (line.split("\t") + ["", "", ""])[:4]
        rows.setdefault(kind, []).append((phrase, value, extra))

    def words(kind: str) -> list[tuple[str, str, str]]:
        return rows.get(kind, [])

    def key(phrase: str) -> Phrase:
        return tuple(phrase.split())

    def money(kind: str) -> _Phrases[tuple[str, float]]:
        return _Phrases({key(p): (v, float(e) if e else 1.0) for p, v, e in words(kind)})

    return _Lexicon(
        numbers={p: float(v) for p, v, _ in words("number")},
        scales={p: float(v) for p, v, _ in words("scale")},
        suffixes={p: float(v) for p, v, _ in words("scale_suffix")},
        vague={p: (float(v), e) for p, v, e in words("vague")},
        few=_Phrases({key(p): p for p, _, _ in words("few")}),
        handful=_Phrases({key(p): float(v) for p, v, _ in words("handful")}),
        fractions={p: (float(Fraction(v)), e) for p, v, e in words("fraction")},
        modifiers=_Phrases({key(p): (v, e == "1") for p, v, e in words("modifier")}),
        post_modifiers=_Phrases({key(p): (v, e == "1") for p, v, e in words("post_modifier")}),
        range_open={p: v for p, v, _ in words("range_open")},
        range_links=frozenset(p for p, _, _ in words("range_link")),
        change_from=frozenset(p for p, _, _ in words("change_from")),
        percent=_Phrases({key(p): p for p, _, _ in words("percent")}),
        currencies=money("currency"),
        ambiguous_currencies=money("currency_ambiguous"),
        units=_Phrases({key(p): v for p, v, _ in words("unit")}),
        time_units=frozenset(p for p, _, _ in words("time_unit")),
        area_units=_Phrases({key(p): v for p, v, _ in words("unit") if v == "area"}),
        casualty_verbs={p: v for p, v, _ in words("casualty_verb")},
        comparatives=frozenset(p for p, _, _ in words("comparative")),
        not_count_cues=frozenset(p for p, _, _ in words("not_count_cue")),
    )


def _match(doc: Doc, i: int, end: int, table: _Phrases[T]) -> Optional[tuple[T, int]]:
    """The longest phrase of ``table`` starting at token ``i`` (before ``end``): (its value, end index)."""
    if i >= end or doc[i].lower_ not in table.first_words:
        return None
    for n in range(min(table.longest, end - i), 0, -1):
        phrase = tuple(t.lower_ for t in doc[i:i + n])
        if phrase in table:
            return table[phrase], i + n
    return None


# --------------------------------------------------------------------------- reading numbers


@dataclass
class _Number:
    start: int  # token range of the number, with its percent word or currency
    end: int
    value: float
    high: Optional[float] = None  # the second end of a range inside one token ("15–25")
    scale: float = 1.0  # the factor of its magnitude words ("million" -> 1e6, "bn" -> 1e9)
    spelled: bool = False  # written in words ("two", "a fifth")
    vague: Optional[str] = None
    fraction: bool = False
    percent: bool = False
    currency: Optional[str] = None  # ISO 4217 code
    currency_text: Optional[str] = None  # the currency as written ("US$", "euros")

    @property
    def words_scale(self) -> bool:
        """Given in thousands or more ("two million", "3bn")."""
        return self.scale >= 1000


def _read_number(doc: Doc, i: int, end: int, lex: _Lexicon) -> Optional[_Number]:
    """The number starting at token ``i``, with its magnitude, percent word and currency."""
    if i >= end:
        return None
    start = i
    currency: Optional[tuple[str, float]] = None
    currency_text: Optional[str] = None
    prefix = _match(doc, i, end, lex.currencies)
    if prefix and prefix[1] < end and _DIGITS.match(doc[prefix[1]].text):  # "$ 1.5", "USD 5"
        currency, currency_text, i = prefix[0], doc[i:prefix[1]].text, prefix[1]
    number = _fraction(doc, i, end, lex) or _vague(doc, i, end, lex) or _exact(doc, i, end, lex, currency is not None)
    if number is None:
        return None
    number.start = start
    if number.vague or number.fraction:
        return number
    if number.currency_text:  # glued to the digits: "HK$5"
        currency = lex.currencies.get((number.currency_text.lower(),), ("", 1.0))
        currency_text = number.currency_text
    j = number.end
    suffix = doc[j].lower_.rstrip(".") if j < end else ""  # "€20 m", "€20m." at a sentence end
    if currency and suffix in lex.suffixes:
        number.value *= lex.suffixes[suffix]
        number.scale, j = lex.suffixes[suffix], j + 1
    percent = _match(doc, j, end, lex.percent)
    if percent:
        number.percent, j = True, percent[1]
    elif currency is None:  # "5 million euros"; "pounds" only where spaCy saw money
        suffix = _match(doc, j, end, lex.currencies)
        if suffix is None and j < end and doc[j].ent_type_ == "MONEY":
            suffix = _match(doc, j, end, lex.ambiguous_currencies)
        if suffix:
            currency, currency_text, j = suffix[0], doc[j:suffix[1]].text, suffix[1]
    if currency:
        iso, multiplier = currency
        number.value *= multiplier
        number.high = number.high * multiplier if number.high is not None else None
        number.currency, number.currency_text = iso or None, currency_text
    number.end = j
    return number


def _exact(doc: Doc, i: int, end: int, lex: _Lexicon, money: bool = False) -> Optional[_Number]:
    """Digits or number words, with any magnitude words after them ("1.5 billion", "one hundred and fifty").

    ``money``: a currency came just before, so an abbreviated magnitude is one ("US$ 3bn").
    """
    m = _DIGITS.match(doc[i].text)
    number = _Number(i, i, 0.0)
    total, current, j = 0.0, 0.0, i
    if m:
        if m["suffix"] and (m["suffix"] not in lex.suffixes or not (m["cur"] or money)):
            return None  # "5G", "1st", "9mm": not a count
        if re.match(r"0\d", m["num"]):
            return None  # a leading zero: a code or a phone number ("0800", "0143")
        number.scale = lex.suffixes.get(m["suffix"] or "", 1.0)
        current = float(m["num"].replace(",", "")) * number.scale
        number.currency_text = m["cur"]
        j = i + 1
    elif doc[i].lower_ in ("a", "an") and i + 1 < end and doc[i + 1].lower_ in lex.scales:
        current, j, number.spelled = 1.0, i + 1, True  # "a million", "a dozen"
    base = current
    while j < end:
        word = doc[j].lower_
        if word in lex.scales and j > i:
            scale = lex.scales[word]
            # "hundred thousand": consecutive magnitudes multiply; "two million three hundred": the first counts
            number.scale = number.scale * scale if doc[j - 1].lower_ in lex.scales else max(number.scale, scale)
            if scale >= 1000:
                total, current = total + current * scale, 0.0
            else:
                current *= scale
        elif word in lex.numbers and not m and _can_add(current, lex.numbers[word]):
            current += lex.numbers[word]
            number.spelled = True
        elif _number_joint(doc, j, end, current, lex) and not m:
            j += 1  # "twenty-five", "one hundred and fifty": the next word continues the number
            continue
        else:
            break
        j += 1
    if j == i:
        return None
    number.end, number.value = j, total + current
    if m and m["num2"]:  # "15–25 million": the magnitude applies to both ends
        factor = number.value / base if base else 1.0
        number.high = float(m["num2"].replace(",", "")) * lex.suffixes.get(m["suffix"] or "", 1.0) * factor
    return number


def _number_joint(doc: Doc, j: int, end: int, current: float, lex: _Lexicon) -> bool:
    """A hyphen or "and" inside a spelled-out number ("twenty-five", "hundred and fifty")."""
    word = doc[j].lower_
    if j == 0 or j + 1 >= end or current == 0 or doc[j + 1].lower_ not in lex.numbers:
        return False
    if not _can_add(current, lex.numbers[doc[j + 1].lower_]):
        return False
    if word == "-":
        return not doc[j - 1].whitespace_ and not doc[j].whitespace_
    return word == "and" and doc[j - 1].lower_ in lex.scales


def _can_add(current: float, n: float) -> bool:
    """Whether number word ``n`` continues the number so far ("twenty" + "five"), not a new one ("one two")."""
    if current == 0:
        return True
    rest = current % 100
    if n < 10:
        return rest == 0 or (rest >= 20 and rest % 10 == 0)
    return rest == 0 and n < 100


def _vague(doc: Doc, i: int, end: int, lex: _Lexicon) -> Optional[_Number]:
    """A vague magnitude: "thousands", "tens of thousands", "several hundred", "a handful"."""
    handful = _match(doc, i, end, lex.handful)
    if handful:
        return _Number(i, handful[1], handful[0], vague=doc[i:handful[1]].text, spelled=True)
    few = _match(doc, i, end, lex.few)
    j = few[1] if few else i
    if j >= end:
        return None
    word = doc[j].lower_
    if few and word in lex.scales:  # "several hundred (thousand)"
        low = lex.scales[word]
        j += 1
        while j < end and doc[j].lower_ in lex.scales:
            low, j = low * lex.scales[doc[j].lower_], j + 1
    elif word in lex.vague:
        low, condition = lex.vague[word]
        if condition == "of" and not (j + 1 < end and doc[j + 1].lower_ == "of"):
            return None
        j += 1
        # "tens of thousands", "hundreds of millions": magnitudes multiply
        while j + 1 < end and doc[j].lower_ == "of" and doc[j + 1].lower_ in lex.vague:
            low, j = low * lex.vague[doc[j + 1].lower_][0], j + 2
    else:
        return None
    return _Number(i, j, low, vague=doc[i:j].text, spelled=True)


def _fraction(doc: Doc, i: int, end: int, lex: _Lexicon) -> Optional[_Number]:
    """A share ("a fifth of", "two-thirds of", "half the") or a fraction of a magnitude ("half a million")."""
    word = doc[i].lower_
    numerator, j = 1.0, i
    if word in ("a", "an", "one"):
        j = i + 1
    elif word in lex.numbers:
        numerator, j = lex.numbers[word], i + 1
    if j > i and j < end and doc[j].text == "-" and not doc[j - 1].whitespace_:
        j += 1  # "two-thirds"
    if j >= end or doc[j].lower_ not in lex.fractions or (j == i and word != "half"):
        return None  # a bare "third of" is an ordinal ("the third of five children")
    share, condition = lex.fractions[doc[j].lower_]
    value, j = numerator * share, j + 1
    # "half a million", "a quarter of a million": a fraction of a magnitude is a plain number
    k = j + 1 if j < end and doc[j].lower_ == "of" else j
    if k + 1 < end and doc[k].lower_ in ("a", "an") and doc[k + 1].lower_ in lex.scales:
        scale = lex.scales[doc[k + 1].lower_]
        return _Number(i, k + 2, value * scale, scale=scale, spelled=True)
    nxt = doc[j] if j < end else None
    if nxt is None:
        return None
    if nxt.lower_ != "of" and not (condition == "of_or_det" and nxt.tag_ in _DETERMINER_TAGS):
        return None
    return _Number(i, j, value, fraction=True, spelled=True)


# --------------------------------------------------------------------------- reading phrases


@dataclass
class _Phrase:
    start: int
    first: _Number
    last: _Number  # the same as ``first`` unless a range
    role: str = "value"  # which field a single number fills: value | low | high
    approximate: bool = False
    modified: bool = False


def _read_phrase(doc: Doc, sent: Span, i: int, lex: _Lexicon) -> tuple[Optional[Quantity], int]:
    """The quantity phrase starting at token ``i``, if any, and the index to continue from."""
    end = sent.end
    # "some hundreds": a vague quantity word, not the estimate "some" before a number
    modifier = _match(doc, i, end, lex.modifiers) if not _vague(doc, i, end, lex) else None
    k = modifier[1] if modifier else i
    opener = lex.range_open.get(doc[k].lower_) if k < end else None
    first = _read_number(doc, k + 1 if opener else k, end, lex)
    if first is None:
        return None, i + 1
    phrase = _Phrase(i, first, first)
    if modifier:
        phrase.role, phrase.approximate = modifier[0]
        phrase.modified = True
    second = _range_end(doc, first, end, opener, lex)
    if second is None and opener:  # "between" without its "and": not part of the phrase
        return None, i + 1
    if second is not None:
        if not _join_range(first, second):
            return None, second.end  # "3-1", "voted 66 to 27": a score or a tally, not a range
        phrase.last = second
        phrase.approximate = phrase.approximate or doc[first.end].lower_ == "or"
    elif first.high is not None and first.high <= first.value:
        return None, first.end  # "3-1" inside one token
    else:
        after = _match(doc, first.end, end, lex.post_modifiers)
        if after and not first.vague:  # "107 or more"
            (phrase.role, approximate), first.end = after
            phrase.approximate = phrase.approximate or approximate
            phrase.modified = True
    return _quantity(doc, sent, phrase, lex)


def _range_end(doc: Doc, first: _Number, end: int, opener: Optional[str], lex: _Lexicon) -> Optional[_Number]:
    """The second number of a range after ``first``, if the link word and a number follow."""
    j = first.end
    if j + 1 >= end or first.vague or first.fraction or first.high is not None:
        return None
    link = doc[j].lower_
    if link != opener and (opener or link not in lex.range_links):
        return None
    if link == "to" and first.start > 0 and doc[first.start - 1].lower_ in lex.change_from:
        return None  # "rose from 20 to 30": a change, two quantities
    second = _read_number(doc, j + 1, end, lex)
    if second is None or second.vague or second.fraction:
        return None
    return second


def _join_range(first: _Number, second: _Number) -> bool:
    """Share magnitude, percent and currency between the two ends ("300 and 400 billion"); False if no range."""
    if second.scale > 1 and first.scale == 1 and first.value * second.scale <= second.value:
        first.value, first.scale = first.value * second.scale, second.scale
    first.percent = first.percent or second.percent
    second.percent = first.percent
    for a, b in ((first, second), (second, first)):
        a.currency = a.currency or b.currency
        a.currency_text = a.currency_text or b.currency_text
    return first.value < second.value


# --------------------------------------------------------------------------- the counted noun


def _quantity(doc: Doc, sent: Span, phrase: _Phrase, lex: _Lexicon) -> tuple[Optional[Quantity], int]:
    first, last = phrase.first, phrase.last
    noun, unit, span_end, next_i = _counted(doc, sent, last, lex)
    if _rejected(doc, sent, phrase, noun, unit, lex):
        return None, last.end
    share = last.percent or last.fraction
    divisor = 100.0 if last.percent else 1.0
    low: Optional[float] = None
    high: Optional[float] = None
    value: Optional[float] = None
    if last is not first:
        low, high = first.value / divisor, last.value / divisor
    elif first.high is not None:
        low, high = first.value / divisor, first.high / divisor
    elif first.vague:
        low = first.value
    elif phrase.role == "low":
        low = first.value / divisor
    elif phrase.role == "high":
        high = first.value / divisor
    else:
        value = first.value / divisor
    kind = _unit_kind(doc, noun, unit, phrase, lex)
    rounded = last.words_scale and not last.currency_text and not share
    return Quantity(
        value=_clean(value), low=_clean(low), high=_clean(high),
        unit=unit, unit_kind=kind, currency=last.currency or first.currency,
        approximate=phrase.approximate or bool(first.vague) or rounded,
        vague=first.vague,
        span=(doc[phrase.start].idx, span_end),
    ), next_i


def _clean(x: Optional[float]) -> Optional[float]:
    """Round away float noise (0.2 * 3 = 0.6000000000000001) but keep 1/3."""
    return None if x is None else round(x, 10)


def _counted(doc: Doc, sent: Span, number: _Number, lex: _Lexicon) -> tuple[Optional[Token], Optional[str], int, int]:
    """The counted noun of ``number``: (its token, the unit as reported, the phrase's end char, next index)."""
    end = sent.end
    j = number.end
    number_end_char = doc[j - 1].idx + len(doc[j - 1].text.rstrip(".") or ".")  # not the full stop of "€20m."
    if number.currency_text:
        return None, number.currency_text, number_end_char, j
    nxt = doc[j] if j < end else None
    share = number.percent or number.fraction
    measure = _match(doc, j, end, lex.area_units)
    if measure and not share:  # "300 square kilometres"
        stop = measure[1]
        return doc[stop - 1], doc[j:stop].text, doc[stop - 1].idx + len(doc[stop - 1].text), stop
    if nxt is not None and nxt.lower_ == "of":  # "thousands of soldiers", "a fifth of Ukrainian territory"
        noun = _object_of(doc, nxt, end)
        if noun is not None:
            text = None if noun.pos_ == "PRON" else _unit_text(doc, noun, j + 1)
            if share:
                text = f"share of {text}" if text else "share"
            return noun, text, noun.idx + len(noun.text), noun.i + 1
        if share:
            return None, "share", number_end_char, j
    if number.percent:
        if nxt is not None and nxt.lower_ in lex.comparatives and j + 1 < end:
            noun = nxt.head if nxt.head.pos_ in ("NOUN", "PROPN") and nxt.head.i > j else None
            if noun is not None:
                return noun, f"{nxt.text} {_unit_text(doc, noun, j + 1)}", noun.idx + len(noun.text), noun.i + 1
        return None, "share", number_end_char, j
    if number.fraction:  # "half the country"
        noun = _governed_noun(doc, number, end, across_determiner=True)
        text = f"share of {_unit_text(doc, noun, j)}" if noun is not None else "share"
        stop = noun.i + 1 if noun is not None else j
        return noun, text, doc[stop - 1].idx + len(doc[stop - 1].text), stop
    noun = _governed_noun(doc, number, end)
    if noun is None and nxt is not None and (_match(doc, j, end, lex.units) or nxt.tag_ in ("NNS", "NNPS")):
        noun = nxt  # "40 dead", "12 injured": the parser did not attach them
    if noun is None:
        return None, None, number_end_char, j
    return noun, _unit_text(doc, noun, j), noun.idx + len(noun.text), noun.i + 1


def _governed_noun(doc: Doc, number: _Number, end: int, across_determiner: bool = False) -> Optional[Token]:
    """The noun that the number modifies, a few words to its right ("12,000 North Korean troops").

    ``across_determiner``: for "half the country", where a determiner comes between.
    """
    heads = [t for t in doc[number.start:number.end] if not number.start <= t.head.i < number.end]
    if not heads:
        return None
    top = heads[-1]
    noun = top.head
    if top.dep_ not in _COUNTING_DEPS or not number.end <= noun.i < min(end, number.end + 6):
        return None
    if noun.pos_ not in ("NOUN", "PROPN") and not (noun.pos_ in ("ADJ", "VERB") and noun.i == number.end):
        return None
    allowed = _NOUN_PREMODIFIERS | ({"DET", "PRON"} if across_determiner else set())
    if any(t.pos_ not in allowed or t.text in ",;:()" for t in doc[number.end:noun.i]):
        return None
    return noun


def _object_of(doc: Doc, of: Token, end: int) -> Optional[Token]:
    """The noun after "of" ("thousands of Hong Kong protesters" -> protesters)."""
    objects = [c for c in of.children if c.dep_ == "pobj"]
    if objects and objects[0].pos_ in ("NOUN", "PROPN", "PRON"):
        noun = _hyphenated_end(doc, objects[0])
        plural = doc[noun.i - 1] if noun.i > of.i + 1 else None
        if noun.tag_ == "NN" and plural is not None and plural.tag_ == "NNS" and plural.dep_ == "compound":
            return plural  # "thousands of federal workers hostage": the parser took "hostage" for the head
        return noun
    for t in doc[of.i + 1:min(end, of.i + 6)]:  # the parser hung "of" elsewhere: take the first noun
        if t.pos_ in ("NOUN", "PRON") and not (t.i + 1 < end and doc[t.i + 1].dep_ == "compound"):
            return _hyphenated_end(doc, t)
        if t.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "CCONJ"):
            return None
    return None


def _hyphenated_end(doc: Doc, token: Token) -> Token:
    """The last part of a hyphenated word the tokenizer split ("co" of "co-authors" -> "authors")."""
    while (token.i + 2 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
           and not doc[token.i + 1].whitespace_ and doc[token.i + 2].is_alpha):
        token = doc[token.i + 2]
    return token


def _unit_text(doc: Doc, noun: Token, not_before: int) -> str:
    """The counted noun as written, with its common-noun compounds ("police officers"), not names."""
    first = noun.i
    while first - 1 >= not_before:
        prev = doc[first - 1]
        glued = prev.text == "-" and not prev.whitespace_ and first - 2 >= not_before and not doc[first - 2].whitespace_
        if glued:  # "light-years"
            first -= 2
        elif prev.dep_ == "compound" and prev.pos_ == "NOUN" and prev.head.i in range(first, noun.i + 1):
            first -= 1
        else:
            break
    return doc[first:noun.i + 1].text


def _unit_kind(doc: Doc, noun: Optional[Token], unit: Optional[str], phrase: _Phrase, lex: _Lexicon) -> str:
    number = phrase.last
    if number.currency_text:
        return "money"
    if number.percent or number.fraction:
        return "share"
    kind: Optional[str] = None
    if unit:
        kind = lex.units.get(tuple(unit.lower().split()))
    if kind is None and noun is not None:
        kind = lex.units.get((noun.lower_,)) or lex.units.get((noun.lemma_.lower(),))
    if kind in (None, "people") and _casualty_context(doc, noun, number, phrase.start, lex):
        return "casualties"  # "345 pilgrims have been killed", "killed 40"
    return kind or "count"


def _casualty_context(doc: Doc, noun: Optional[Token], number: _Number, modifier_start: int, lex: _Lexicon) -> bool:
    """Whether the counted people (or a bare number) are the victims of a killing or injuring verb."""
    target = noun
    if target is None:
        heads = [t for t in doc[number.start:number.end] if not number.start <= t.head.i < number.end]
        if not heads:
            return False
        target = heads[-1]
    if any(c.dep_ in ("acl", "amod", "relcl")
           and (c.lemma_ in lex.casualty_verbs or lex.units.get((c.lower_,)) == "casualties")
           for c in target.children):
        return True  # "people killed", "200 people injured"
    verb, dep = target.head, target.dep_
    if modifier_start <= verb.i < number.start:
        # the parser hung the phrase on its bound word ("over 345 pilgrims have been killed"):
        # the phrase is then the subject of the verb it precedes
        while modifier_start <= verb.i < number.start and verb.head.i != verb.i:
            verb = verb.head
        dep = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) and verb.i > target.i else "nsubj"
    role = lex.casualty_verbs.get(verb.lemma_)
    if role is None or verb.pos_ != "VERB":
        return False
    # "were killed" (passive subject), "killed 40" (object), "40 died" (subject of an intransitive verb)
    return dep == "nsubjpass" or (dep in ("dobj", "conj") if role == "object" else dep == "nsubj")


# --------------------------------------------------------------------------- what is not a quantity


def _rejected(doc: Doc, sent: Span, phrase: _Phrase, noun: Optional[Token], unit: Optional[str], lex: _Lexicon) -> bool:
    """Whether the phrase is not a count after all: a time, a name, a label, an age, a rate, a year."""
    first, last = phrase.first, phrase.last
    labels = {t.ent_type_ for t in doc[first.start:last.end] if t.ent_type_}
    if labels & _TIME_LABELS:
        return True  # a year, date, duration, age, clock time or rank
    if labels & _NAME_LABELS and not labels & _NUMBER_LABELS:
        return True  # part of a name: "G7", "Movimento 5 Stelle"
    if noun is not None and _not_counted_noun(noun, unit, lex):
        return True
    if noun is not None and phrase.start == first.start and _names_its_noun(doc, sent, first, noun):
        return True
    if _glued(doc, first.start, last.end) or _year_like(doc, phrase, noun):
        return True
    after = doc[last.end] if last.end < sent.end else None
    money_or_share = first.currency_text or first.percent or first.fraction
    if after is not None and after.lower_ == "per" and not money_or_share:
        return True  # a rate: "three per 100,000 people", "120 miles per hour"
    # A number in a list ("posts 542 and 543", "aged nine, ten, thirteen") shares the first one's cue.
    lead = _list_head(doc, first, sent)
    before = doc[lead - 1] if lead > sent.start else None
    if before is not None and (before.lower_ in lex.not_count_cues or _age_of(doc, before, sent, lex)):
        return True  # "No. 10", "per 100,000", "aged 45", "the age of fifteen"
    bare = unit is None and not phrase.modified and last is first and first.high is None
    if bare and not (first.vague or money_or_share):
        if first.value == 0 or _is_label(doc, sent, first, lead, before) or _is_age(doc, first):
            return True
        if before is not None and (before.lower_ in _DEFINITE or (before.pos_ == "ADJ" and before.i > sent.start
                                                                    and doc[before.i - 1].lower_ in _DEFINITE)):
            return True  # "the two met", "the other three": a set counted before, not a new count
    if (first.spelled and first.value is not None and first.value <= 10 and not phrase.modified
            and before is not None and before.lower_ in _DEFINITE):
        return True  # "the two countries", "both sides": a set named before, not a new count
    if first.spelled and first.value == 1 and not (first.words_scale or money_or_share):
        # "one of the five pillars", "one day", "no one": a single thing counts only when it is a person
        kind = lex.units.get(tuple((unit or "").lower().split()))
        if kind is None and noun is not None:
            kind = lex.units.get((noun.lemma_.lower(),))
        if kind not in ("people", "troops", "casualties") or (after is not None and after.lower_ == "of"):
            return True
    return False


def _not_counted_noun(noun: Token, unit: Optional[str], lex: _Lexicon) -> bool:
    """The noun shows the number is no count: a duration ("three years") or a name ("51 Pegasi b")."""
    if unit and (tuple(unit.lower().split()) in lex.units or unit.startswith(("share", "more"))):
        return False
    if noun.lower_ in lex.fractions:
        return True  # "two thirds" without "of": a measure in words ("one and two thirds meters")
    if (unit or noun.text).lower() in (noun.lower_, noun.lemma_.lower()) and (
            noun.lower_ in lex.time_units or noun.lemma_.lower() in lex.time_units):
        return True  # "three years", but not "110 light-years"
    return noun.tag_ == "NNP" or not any(c.isalpha() for c in noun.text)


def _names_its_noun(doc: Doc, sent: Span, number: _Number, noun: Token) -> bool:
    """"category 1 hurricanes": a noun just before the number, inside the same noun phrase, makes it a label."""
    if number.start == sent.start or number.currency_text or number.percent:
        return False
    before = doc[number.start - 1]
    return before.pos_ in ("NOUN", "PROPN") and (before.head.i == noun.i or number.start <= before.head.i < number.end)


def _list_head(doc: Doc, number: _Number, sent: Span) -> int:
    """Where the list a bare number belongs to starts ("542" of "posts 542 and 543"); else the number."""
    token = doc[number.start]
    while token.dep_ in ("conj", "appos") and sent.start <= token.head.i < token.i and token.head.pos_ == "NUM":
        token = token.head
    return token.i


def _age_of(doc: Doc, before: Token, sent: Span, lex: _Lexicon) -> bool:
    """"the age of fifteen": a cue word two tokens back, through "of"."""
    return before.lower_ == "of" and before.i > sent.start and doc[before.i - 1].lower_ in lex.not_count_cues


def _is_age(doc: Doc, number: _Number) -> bool:
    """"when she was six", "he would have been 80": a bare number said of a person is an age."""
    token = doc[number.start:number.end].root
    if token.dep_ not in ("attr", "acomp") or token.head.lemma_ != "be":
        return False
    subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    return any(s.ent_type_ == "PERSON" or s.lower_ in _PERSONAL_PRONOUNS for s in subjects)


_DEFINITE = frozenset({"the", "these", "those"})
_PERSONAL_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they"})


def _glued(doc: Doc, start: int, end: int) -> bool:
    """A number glued by a hyphen to letters or digits: a name ("COVID-19", "F-16"), a modifier
    ("45-year-old"), a code or phone number ("202-555-0143"); or glued to a degree sign ("232°C"):
    a temperature or an angle."""
    def attached(i: int) -> bool:  # token i is written right against token i + 1
        return 0 <= i < len(doc) - 1 and not doc[i].whitespace_

    prev = doc[start - 1] if attached(start - 1) else None
    if prev is not None and (prev.text[-1].isalnum() or (prev.text in "-–" and attached(start - 2)
                                                         and doc[start - 2].text[-1].isalnum())):
        return True
    nxt = doc[end] if attached(end - 1) else None
    if nxt is not None and nxt.text.startswith("°"):
        return True
    # "45-year-old", "555-0143": the number is part of a longer hyphenated word or code
    return nxt is not None and nxt.text in "-–" and attached(end) and doc[end + 1].text[:1].isalnum()


def _is_label(doc: Doc, sent: Span, number: _Number, lead: int, before: Optional[Token]) -> bool:
    """A bare number naming something rather than counting: "Article 4", "Flight 17", list numbering, ages."""
    if before is not None and before.pos_ in ("NOUN", "PROPN"):
        return True  # "Article 4", "Resolution 2334"
    after = doc[number.end] if number.end < sent.end else None
    if after is not None and after.text == ")" and (before is None or before.text != "("):
        return True  # list numbering: "1) estimating ..."
    at_line_start = lead == 0 or lead == sent.start or "\n" in doc[lead - 1].text_with_ws
    if after is not None and after.text == "." and (at_line_start or after.i < sent.end - 1):
        return True  # list numbering: "1. an inquiry; 2. an amnesty"
    # "John Smith, 45, said", "Another brother, 22,": an age in apposition
    return (before is not None and before.text in ",(" and before.i > sent.start
            and doc[before.i - 1].pos_ in ("PROPN", "NOUN") and (after is None or after.text in ",)"))


def _year_like(doc: Doc, phrase: _Phrase, noun: Optional[Token]) -> bool:
    """Four-digit numbers that count no plural noun: a year ("in 2014") or years ("2005–2015")."""
    first, last = phrase.first, phrase.last
    if first.currency_text or first.percent or first.words_scale:
        return False
    ends = [first.value, last.value] + ([first.high] if first.high is not None else [])
    texts = [t.text for t in doc[first.start:last.end] if t.like_num or _DIGITS.match(t.text)]
    if not texts or any("," in t or "." in t for t in texts) or not all(_YEAR_LIKE.match(str(int(v))) for v in ends):
        return False
    if noun is not None and noun.tag_ in ("NNS", "NNPS"):  # "1500 troops", unless "the 2019 elections"
        previous = doc[phrase.start - 1].lower_ if phrase.start > 0 else ""
        return doc[first.start].ent_type_ not in _NUMBER_LABELS and previous in ("in", "since", "the")
    return True

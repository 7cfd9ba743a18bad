"""Quotes: real sentences of the seed article and the Wikinews demo corpus (CC BY 2.5), one test per
construction the extractor must handle: direct quotations in straight and curly marks, over several
sentences and paragraphs, split by their cue, questions, fragments inside reported speech, malformed
marks; reported speech with "said (that)", "claims that", "told reporters", "according to",
"urged ..., arguing that"; speakers named before or after, floating quotations, pronouns, nominals."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsledger.extractors.actors import ActorResolution, resolve_actors
from newsledger.extractors.quotes import cue_class, cue_table, find_quotes, find_segments
from newsledger.records import Actor, Quote

SEED_DATE = "2024-10-25"


@dataclass
class Found:
    """The quotes of one text, with helpers to look them up by their words."""

    text: str
    quotes: list[Quote]
    actors: ActorResolution

    def content(self, q: Quote) -> str:
        return self.text[q.content_span[0]:q.content_span[1]]

    def cue(self, q: Quote) -> str:
        return self.text[q.cue_span[0]:q.cue_span[1]] if q.cue_span else ""

    def said(self, q: Quote) -> str:
        return self.text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else ""

    def speaker(self, q: Quote) -> Actor | None:
        return self.actors.get(q.speaker)

    def quote(self, words: str) -> Quote:
        """The quote whose content contains ``words`` (the only one, or the shortest)."""
        matches = [q for q in self.quotes if words in self.content(q)]
        assert matches, f"no quote contains {words!r}; quotes: {[self.content(q)[:60] for q in self.quotes]}"
        return min(matches, key=lambda q: q.content_span[1] - q.content_span[0])

    def none_contains(self, words: str) -> bool:
        return not any(words in self.content(q) for q in self.quotes)


def run(nlp, text: str, published: str | None = None) -> Found:
    doc = nlp(text)
    actors = resolve_actors(doc, published)
    return Found(text, find_quotes(doc, actors), actors)


@pytest.fixture(scope="module")
def seed_quotes(nlp, seed_text) -> Found:
    return run(nlp, seed_text, SEED_DATE)


def article(demo_by_id, nlp, article_id: str) -> Found:
    a = demo_by_id[article_id]
    return run(nlp, a["text"], a.get("date"))


# --------------------------------------------------------------------------- the seed article


def test_seed_core_quotes_have_the_right_speakers(seed_quotes):
    f = seed_quotes
    for words in ("I would like to draw your attention", "There is Article 4",
                  "what we do within the framework of this article is our business"):
        q = f.quote(words)
        assert q.kind == "direct"
        assert f.speaker(q).name == "Vladimir Putin"
    austin = f.quote("something left to be seen")
    assert f.speaker(austin).name == "Lloyd Austin"
    rutte = f.quote("significant escalation")
    assert f.speaker(rutte).name == "Mark Rutte"
    intel = f.quote("as many as 12,000 North Korean troops may be involved")
    assert intel.kind == "indirect" and f.cue(intel) == "claims"
    assert f.said(intel) == "South Korean intelligence"
    assert (f.speaker(intel).country, f.speaker(intel).sector) == ("KOR", "SPY")


def test_ids_in_text_order_and_spans_inside_the_text(seed_quotes):
    f = seed_quotes
    assert [q.id for q in f.quotes] == [f"q{n}" for n in range(1, len(f.quotes) + 1)]
    assert [q.content_span for q in f.quotes] == sorted(q.content_span for q in f.quotes)
    for q in f.quotes:
        assert q.kind in ("direct", "indirect", "mixed")
        for span in (q.content_span, q.cue_span, q.speaker_span):
            assert span is None or 0 <= span[0] < span[1] <= len(f.text)
        if q.speaker is not None:
            assert f.speaker(q) is not None and q.speaker_span is not None


def test_direct_content_drops_the_marks(seed_quotes):
    f = seed_quotes
    for q in f.quotes:
        if q.kind == "direct":
            content = f.content(q)
            assert content[0] not in "“”\"" and content[-1] not in "“”\"", content


def test_curly_quote_with_speaker_after_it(seed_quotes):
    q = seed_quotes.quote("the 2014 government coup, supported primarily by the United States")
    assert seed_quotes.cue(q) == "responded" and seed_quotes.said(q) == "Putin"


def test_floating_quote_takes_the_speaker_of_the_quote_before(seed_quotes):
    """'"There is Article 4,” Putin said. “We have never doubted ..."': the second quotation has no cue."""
    f = seed_quotes
    first, second = f.quote("There is Article 4"), f.quote("We have never doubted")
    assert f.speaker(second).name == "Vladimir Putin"
    assert second.cue_span == first.cue_span  # attributed by the same "said"
    assert "Putin said" not in f.content(second)


def test_mixed_opening_and_closing_marks(seed_quotes):
    """The seed writes '"There is Article 4,”': a straight opening mark closed by a curly one."""
    assert seed_quotes.content(seed_quotes.quote("There is Article 4")) == "There is Article 4"


def test_question_with_a_nominal_speaker(seed_quotes):
    """'The American journalist asked, “What are they doing here? And isn't this ...?”'"""
    f = seed_quotes
    q = f.quote("What are they doing here?")
    assert f.content(q).endswith("escalation of the conflict?")
    assert f.cue(q) == "asked" and "journalist" in f.said(q)
    assert f.speaker(q) is not None and "journalist" in f.speaker(q).name


def test_fragment_called_a_quote_is_a_direct_quote_of_the_fragment(seed_quotes):
    """'called North Korea’s possible involvement ... a “significant escalation.”'"""
    f = seed_quotes
    q = f.quote("significant escalation")
    assert q.kind == "direct" and f.cue(q) == "called"
    assert f.content(q).rstrip(".") == "significant escalation"


def test_quoted_fragment_inside_reported_speech_is_mixed(seed_quotes):
    """'saying that while it’s still unclear ..., their presence in Russia is “something left to be seen.”'"""
    f = seed_quotes
    q = f.quote("something left to be seen")
    assert q.kind == "mixed" and f.cue(q) == "saying"
    assert f.content(q).startswith("while it’s still unclear")
    assert f.said(q) == "US Defense Secretary Lloyd Austin"


def test_indirect_speech_with_that(seed_quotes):
    f = seed_quotes
    q = f.quote("North Korean soldiers could join Russian combat operations")
    assert q.kind == "indirect" and f.cue(q) == "believe"
    assert not f.content(q).startswith("that ")
    assert (f.speaker(q).country, f.speaker(q).sector) == ("KOR", "GOV")


def test_reports_speak_for_the_countries_they_come_from(seed_quotes):
    """'Reports from South Korea, Ukraine, and the United States have suggested that ...'"""
    f = seed_quotes
    q = f.quote("North Korea sent thousands of soldiers to Russia")
    assert f.cue(q) == "suggested" and f.said(q).startswith("Reports from South Korea")
    assert f.speaker(q).country in ("KOR", "UKR", "USA")


def test_according_to_these_reports(seed_quotes):
    """'According to these reports, Moscow may be planning ...': the reports named just before."""
    f = seed_quotes
    q = f.quote("Moscow may be planning to deploy North Korean forces")
    assert f.cue(q) == "According to" and f.said(q) == "these reports"
    assert f.speaker(q).country in ("KOR", "UKR", "USA")


def test_urged_then_arguing_that(seed_quotes):
    """'Ukraine has urged its allies to impose new sanctions on North Korea, arguing that ...'"""
    f = seed_quotes
    urged = f.quote("its allies to impose new sanctions on North Korea")
    argued = f.quote("Pyongyang’s increasing support for Moscow effectively makes it a participant")
    assert f.cue(urged) == "urged" and f.cue(argued) == "arguing"
    for q in (urged, argued):
        assert q.kind == "indirect" and f.speaker(q).country == "UKR"


def test_a_scare_quote_is_not_a_quote_of_its_own(seed_quotes):
    """“comprehensive strategic partnership” belongs to what Putin mentioned, not to a quote by itself."""
    f = seed_quotes
    holders = [q for q in f.quotes if "comprehensive strategic partnership" in f.content(q)]
    assert holders and all(q.kind == "mixed" and f.speaker(q).name == "Vladimir Putin" for q in holders)


def test_cue_classes(seed_quotes, nlp):
    doc = nlp(seed_quotes.text)
    f = seed_quotes
    assert cue_class(doc, f.quote("as many as 12,000").cue_span) == "speech"
    assert cue_class(doc, f.quote("North Korean soldiers could join").cue_span) == "belief"
    assert cue_class(doc, f.quote("its allies to impose new sanctions").cue_span) == "intention"
    classes = {c.cls for cues in cue_table().values() for c in cues}
    assert classes == {"speech", "belief", "intention"}


# --------------------------------------------------------------------------- the demo corpus


def test_straight_marks_several_sentences_speaker_after(demo_by_id, nlp):
    """'"Our house is burning. Literally. ... in two days!" Macron told the world on Thursday via Twitter.'"""
    f = article(demo_by_id, nlp, "wn-20190824-576f50ac")
    q = f.quote("Our house is burning. Literally.")
    assert q.kind == "direct" and f.content(q).endswith("first order in two days!")
    assert f.cue(q) == "told" and f.speaker(q).name == "Emmanuel Macron"


def test_split_quote_without_commas(demo_by_id, nlp):
    """'"We stand ready" tweeted Johnson "to provide whatever help we can ..."'"""
    f = article(demo_by_id, nlp, "wn-20190824-576f50ac")
    first, second = f.quote("We stand ready"), f.quote("to provide whatever help we can")
    assert f.content(first) == "We stand ready"
    for q in (first, second):
        assert q.kind == "direct" and f.cue(q) == "tweeted" and f.speaker(q).name == "Boris Johnson"


def test_speaker_named_before_a_colon(demo_by_id, nlp):
    """'Brazilian President Jair Bolsonaro opposed Macron's statement: "..."' is Bolsonaro's, not Macron's."""
    f = article(demo_by_id, nlp, "wn-20190824-576f50ac")
    q = f.quote("evokes a colonialist mentality")
    assert f.speaker(q).name == "Jair Bolsonaro"


def test_split_quote_with_commas(demo_by_id, nlp):
    """'"What is so sad for me", Cengiz said, "is not seeing the punishment of the perpetrators [...]"'"""
    f = article(demo_by_id, nlp, "wn-20190929-57ac4b3e")
    first, second = f.quote("What is so sad for me"), f.quote("is not seeing the punishment")
    assert f.content(first) == "What is so sad for me"
    assert first.cue_span == second.cue_span and f.cue(first) == "said"
    assert f.speaker(first).name == f.speaker(second).name == "Hatice Cengiz"


def test_pronoun_speakers(demo_by_id, nlp):
    """'Speaking to Martin Smith of PBS, he said, "It happened under my watch."'; 'She explained, "..."'"""
    f = article(demo_by_id, nlp, "wn-20190929-57ac4b3e")
    he = f.quote("It happened under my watch")
    assert f.said(he) == "he" and f.speaker(he).name == "Mohammad bin Salman"
    assert f.none_contains("Speaking to Martin Smith")
    she = f.quote("By confessing this")
    assert f.said(she) == "She" and f.speaker(she).name == "Hatice Cengiz"


def test_according_to_two_sources(demo_by_id, nlp):
    """'According to Reuters and NBC, Mohammad bin Salman is the de facto Saudi ruler.'"""
    f = article(demo_by_id, nlp, "wn-20190929-57ac4b3e")
    q = f.quote("Mohammad bin Salman is the de facto Saudi ruler")
    assert q.kind == "indirect" and f.cue(q) == "According to"
    assert f.speaker(q).name == "Reuters"


def test_partial_quote_after_an_infinitive_cue(demo_by_id, nlp):
    """'..., she said, asking Cengiz to be "patient and resilient."'"""
    f = article(demo_by_id, nlp, "wn-20190929-57ac4b3e")
    q = f.quote("patient and resilient")
    assert f.cue(q) == "asking" and f.speaker(q).name == "Agnès Callamard"


def test_reporting_verb_the_tagger_read_as_an_adjective(demo_by_id, nlp):
    """'Agnès Callamard, a UN rapporteur ... who had investigated the case, cautioned justice does not
    come swiftly.': the small model tags "cautioned" as an adjective of "justice"."""
    f = article(demo_by_id, nlp, "wn-20190929-57ac4b3e")
    q = f.quote("justice does not come swiftly")
    assert q.kind == "indirect" and f.cue(q) == "cautioned" and f.speaker(q).name == "Agnès Callamard"


def test_calling_for_a_clause(demo_by_id, nlp):
    """'Hatice Cengiz ... addressed reporters in New York, calling for the killers of Khashoggi to be brought to justice.'"""
    f = article(demo_by_id, nlp, "wn-20190929-57ac4b3e")
    q = f.quote("the killers of Khashoggi to be brought to justice")
    assert f.cue(q) == "calling for" and f.speaker(q).name == "Hatice Cengiz"


def test_statement_to_the_effect(demo_by_id, nlp):
    """'the palace issued a statement to the effect the king considered it inappropriate for Thai royals to run ...'"""
    f = article(demo_by_id, nlp, "wn-20190211-2ceb5e61")
    q = f.quote("the king considered it inappropriate")
    assert f.cue(q) == "statement" and f.said(q) == "palace"


def test_said_without_that(demo_by_id, nlp):
    """'Police director Vladimir Rebic said at least 71 people were arrested Friday night.'"""
    f = article(demo_by_id, nlp, "wn-20200712-6fd24e76")
    q = f.quote("at least 71 people were arrested Friday night")
    assert q.kind == "indirect" and f.cue(q) == "said"
    assert f.said(q) == "Police director Vladimir Rebic"
    assert (f.speaker(q).country, f.speaker(q).sector) == ("SRB", "COP")
    later = f.quote("the night's incidents injured fourteen police officers")
    assert later.speaker == q.speaker and f.said(later) == "Director Rebic"


def test_claimed_by_some_members_of_a_group(demo_by_id, nlp):
    """'Some members of opposition parties have claimed violent protesters were sent by the government.'"""
    f = article(demo_by_id, nlp, "wn-20200712-6fd24e76")
    q = f.quote("violent protesters were sent by the government")
    assert f.cue(q) == "claimed" and f.said(q) == "Some members of opposition parties"
    assert f.speaker(q).sector == "OPP"


def test_told_reporters(demo_by_id, nlp):
    """'Prosecutor Krzysztof Sierak told reporters today psychiatric assessments will be carried out ...'"""
    f = article(demo_by_id, nlp, "wn-20190114-592a8fc4")
    q = f.quote("psychiatric assessments will be carried out")
    assert q.kind == "indirect" and f.cue(q) == "told"
    assert f.speaker(q).name == "Krzysztof Sierak"


def test_unnamed_sources_have_a_span_but_no_actor(demo_by_id, nlp):
    """'Sources report she is generally treated as royalty by the Thai populace.'"""
    f = article(demo_by_id, nlp, "wn-20190211-2ceb5e61")
    q = f.quote("she is generally treated as royalty")
    assert q.speaker is None and f.said(q) == "Sources" and f.cue(q) == "report"


def test_statement_from_the_king(demo_by_id, nlp):
    """'The palace issued the following statement from the king: "..."': the statement is the king's."""
    f = article(demo_by_id, nlp, "wn-20190211-2ceb5e61")
    q = f.quote("Even though she relinquished her title")
    assert f.speaker(q).name == "Maha Vajiralongkorn"


def test_quotation_over_two_paragraphs(demo_by_id, nlp):
    """Gov. Gregoire's statement: the first paragraph has no closing mark, the second opens with one."""
    f = article(demo_by_id, nlp, "wn-20110413-9f8a929a")
    first = f.quote("The Museum of Flight put a tremendous amount of effort")
    second = f.quote("However, the full fuselage trainer")
    assert "\n" not in f.content(first) and f.content(first).endswith("NASA did not choose them.")
    assert f.content(second).endswith("engineering and math.")
    assert first.speaker == second.speaker and first.cue_span == second.cue_span
    assert f.none_contains("Other items include various shuttle simulators")  # the next paragraph is not swallowed


def test_statement_issued_in_the_sentence_before(demo_by_id, nlp):
    """'Senator John Cornyn ... issued a statement regarding ... . "Like many Texans, I am disappointed ..."'"""
    f = article(demo_by_id, nlp, "wn-20110413-9f8a929a")
    q = f.quote("Like many Texans")
    assert f.speaker(q).name == "John Cornyn"


def test_opening_mark_used_as_closing_mark(demo_by_id, nlp):
    """Real text: '... the Administration's misguided decision.“ However, the JSC will recieve ...'."""
    f = article(demo_by_id, nlp, "wn-20110413-9f8a929a")
    q = f.quote("There is no question Houston should have been selected")
    assert f.content(q).endswith("misguided decision.")
    assert f.none_contains("the JSC will recieve pilot and commander seats")
    assert f.speaker(q).name == "John Cornyn"


# --------------------------------------------------------------------------- unbalanced marks


def test_a_missing_closing_mark_ends_the_quotation_at_its_paragraph(nlp, seed_text):
    """The seed with Putin's closing mark deleted: no crash, nothing after the paragraph is swallowed."""
    broken = seed_text.replace("supported primarily by the United States,”", "supported primarily by the United States,", 1)
    assert broken != seed_text
    f = run(nlp, broken, SEED_DATE)
    q = f.quote("I would like to draw your attention")
    assert "\n" not in f.content(q)
    assert f.none_contains("Putin also mentioned")
    # the rest of the article keeps its quotes
    assert f.speaker(f.quote("There is Article 4")).name == "Vladimir Putin"
    assert f.speaker(f.quote("as many as 12,000 North Korean troops")).country == "KOR"


def test_a_stray_opening_mark_does_not_swallow_the_article(nlp, seed_text):
    paragraphs = seed_text.split("\n")
    broken = "\n".join(paragraphs[:4] + ["“" + paragraphs[4]] + paragraphs[5:])
    f = run(nlp, broken, SEED_DATE)
    for q in f.quotes:
        assert "\n" not in f.content(q).strip()
    assert f.speaker(f.quote("significant escalation")).name == "Mark Rutte"


@pytest.mark.parametrize("text", [
    "“", "\"", "''", "“”", "He said “", "” he said.", "“A” “B” “C", "\"\"\"\"\"", "‘quoted’ ’",
    "Putin said: “\n\n\n", "“Yes,” he said, “", "»Nein« sagte er.",
])
def test_degenerate_marks_never_crash(nlp, text):
    f = run(nlp, text)
    for q in f.quotes:
        assert 0 <= q.content_span[0] <= q.content_span[1] <= len(text)


def test_segments_pair_straight_marks_by_context():
    text = 'He said "yes" and then "no". She wrote: "Maybe.'
    segs = find_segments(text)
    assert [text[s.start:s.end] for s in segs] == ["yes", "no", "Maybe."]
    assert segs[-1].close_at is None


def test_no_direct_quotation_crosses_a_paragraph(demo_articles, nlp):
    """Over demo articles with many quotation marks: a direct quote stays inside its paragraph."""
    busy = sorted(demo_articles, key=lambda a: -a["text"].count('"'))[:12]
    for a in busy:
        f = run(nlp, a["text"], a.get("date"))
        for q in f.quotes:
            if q.kind == "direct":
                assert "\n" not in f.content(q), (a["id"], f.content(q)[:80])

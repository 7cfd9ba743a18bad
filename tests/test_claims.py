"""Claims: real sentences of the seed article and the Wikinews demo corpus (CC BY 2.5) with their
source, what they are about, their hedges and their normalised quantities."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsledger.extractors.actors import ActorResolution, resolve_actors
from newsledger.extractors.claims import find_claims, hedge_table
from newsledger.extractors.quantities import find_quantities
from newsledger.extractors.quotes import find_quotes
from newsledger.records import Actor, Claim, Quote

SEED_DATE = "2024-10-25"


@dataclass
class Found:
    text: str
    claims: list[Claim]
    quotes: list[Quote]
    actors: ActorResolution

    def evidence(self, c: Claim) -> str:
        return self.text[c.evidence[0]:c.evidence[1]]

    def claim(self, words: str) -> Claim:
        matches = [c for c in self.claims if words in self.evidence(c)]
        assert matches, f"no claim holds {words!r}; claims: {[self.evidence(c)[:60] for c in self.claims]}"
        return min(matches, key=lambda c: c.evidence[1] - c.evidence[0])

    def actor(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id)

    def quote(self, quote_id: str | None) -> Quote | None:
        return next((q for q in self.quotes if q.id == quote_id), None)


def run(nlp, text: str, published: str | None = None) -> Found:
    doc = nlp(text)
    actors = resolve_actors(doc, published)
    quotes = find_quotes(doc, actors)
    return Found(text, find_claims(doc, actors, quotes, find_quantities(doc)), quotes, actors)


@pytest.fixture(scope="module")
def seed_claims(nlp, seed_text) -> Found:
    return run(nlp, seed_text, SEED_DATE)


def article(demo_by_id, nlp, article_id: str) -> Found:
    a = demo_by_id[article_id]
    return run(nlp, a["text"], a.get("date"))


# --------------------------------------------------------------------------- the seed article


def test_as_many_as_12000_troops(seed_claims):
    """'South Korean intelligence claims that as many as 12,000 North Korean troops may be involved'"""
    f = seed_claims
    c = f.claim("as many as 12,000 North Korean troops may be involved")
    q = c.quantity
    assert (q.value, q.low, q.high, q.unit, q.unit_kind, q.approximate) == (None, None, 12000, "troops", "troops", True)
    source = f.actor(c.source)
    assert (source.country, source.sector) == ("KOR", "SPY")
    about = f.actor(c.about)
    assert (about.country, about.sector) == ("PRK", "MIL")
    assert c.hedged and {"claims", "as many as", "may"} <= set(c.hedges)
    assert f.quote(c.quote) is not None and f.quote(c.quote).speaker == c.source


def test_thousands_of_soldiers_reported_by_three_countries(seed_claims):
    """'Reports from South Korea, Ukraine, and the United States have suggested that North Korea sent
    thousands of soldiers to Russia.'"""
    f = seed_claims
    c = f.claim("North Korea sent thousands of soldiers to Russia")
    q = c.quantity
    assert (q.low, q.unit, q.vague, q.approximate) == (1000, "soldiers", "thousands", True)
    assert f.actor(c.source).country in ("KOR", "UKR", "USA")
    assert f.actor(c.about).country == "PRK"
    assert "suggested" in c.hedges


def test_article_states_a_share_without_source(seed_claims):
    """'Russia launched its full-scale invasion ... and currently occupies nearly a fifth of Ukrainian territory.'"""
    f = seed_claims
    c = f.claim("occupies nearly a fifth of Ukrainian territory")
    assert c.source is None and c.quote is None
    assert (c.quantity.value, c.quantity.unit, c.quantity.unit_kind) == (pytest.approx(0.2), "share of territory", "share")
    assert f.actor(c.about).country == "RUS"
    assert "Russia launched its full-scale invasion" not in f.evidence(c)  # the clause, not the sentence


def test_belief_with_a_modal_is_hedged(seed_claims):
    """'South Korean authorities believe that North Korean soldiers could join Russian combat operations'"""
    c = seed_claims.claim("North Korean soldiers could join Russian combat operations")
    assert c.hedged and c.hedges == ["believe", "could"]
    assert seed_claims.actor(c.source).country == "KOR"


def test_unhedged_statement(seed_claims):
    c = seed_claims.claim("Pyongyang’s increasing support for Moscow effectively makes it a participant")
    assert not c.hedged and c.hedges == []
    assert seed_claims.actor(c.source).country == "UKR"


def test_intentions_and_questions_are_no_claims(seed_claims):
    f = seed_claims
    assert not any("its allies to impose new sanctions" in f.evidence(c) for c in f.claims)  # urged
    assert not any("What are they doing here" in f.evidence(c) for c in f.claims)  # a question
    assert not any(f.evidence(c).strip(" .“”") == "significant escalation" for c in f.claims)  # a label, not a statement


def test_claim_ids_and_links(seed_claims):
    f = seed_claims
    assert [c.id for c in f.claims] == [f"c{n}" for n in range(1, len(f.claims) + 1)]
    assert [c.evidence for c in f.claims] == sorted(c.evidence for c in f.claims)
    for c in f.claims:
        assert c.hedged == bool(c.hedges)
        if c.quantity is not None:
            assert c.evidence[0] <= c.quantity.span[0] and c.quantity.span[1] <= c.evidence[1]
        if c.quote is not None:
            q = f.quote(c.quote)
            assert q is not None and c.source == q.speaker
            assert q.content_span[0] <= c.evidence[0] < q.content_span[1]  # a split quotation: from its first part


# --------------------------------------------------------------------------- the demo corpus


def test_at_least_71_arrested_said_the_police_director(demo_by_id, nlp):
    """'Police director Vladimir Rebic said at least 71 people were arrested Friday night.'"""
    f = article(demo_by_id, nlp, "wn-20200712-6fd24e76")
    c = f.claim("at least 71 people were arrested Friday night")
    assert (c.quantity.low, c.quantity.high, c.quantity.unit, c.quantity.approximate) == (71, None, "people", False)
    assert (f.actor(c.source).country, f.actor(c.source).sector) == ("SRB", "COP")
    injured = f.claim("the night's incidents injured fourteen police officers")
    assert injured.quantity.value == 14 and injured.source == c.source


def test_between_two_numbers_with_a_hedge(demo_by_id, nlp):
    """'he was told by Emergencies Minister Yevgeny Zinichev of "presumably between 36 and 40 people under the rubble"'"""
    f = article(demo_by_id, nlp, "wn-20190104-8ef2cffb")
    c = f.claim("between 36 and 40 people")
    assert (c.quantity.low, c.quantity.high, c.quantity.unit) == (36, 40, "people")
    assert f.actor(c.source).name == "Yevgeny Zinichev"
    assert c.hedges == ["presumably"]


def test_at_least_42_dead_reportedly(demo_by_id, nlp):
    """'The first attack reportedly was in Al Noor Mosque ..., which left at least 42 people dead.'"""
    f = article(demo_by_id, nlp, "wn-20190317-938f2f82")
    c = f.claim("at least 42 people dead")
    assert c.source is None and c.quantity.low == 42
    assert c.hedges == ["reportedly"]


def test_range_of_visitors_from_two_reports(demo_by_id, nlp):
    """'According to reports from the ministry of internal affairs of Belarus ... and Vyasna ..., around
    18,250 to 63,000 visitors attended the rally.'"""
    f = article(demo_by_id, nlp, "wn-20200803-8cf51320")
    c = f.claim("18,250 to 63,000 visitors attended the rally")
    assert (c.quantity.low, c.quantity.high, c.quantity.unit, c.quantity.approximate) == (18250, 63000, "visitors", True)
    assert f.actor(c.source).country == "BLR"
    assert c.hedges == ["around"]


def test_vague_tens_of_thousands_stated_by_the_article(demo_by_id, nlp):
    """'The rally was visited by several tens of thousands of people'"""
    f = article(demo_by_id, nlp, "wn-20200803-8cf51320")
    c = f.claim("several tens of thousands of people")
    assert c.source is None and (c.quantity.low, c.quantity.vague) == (10000, "several tens of thousands")


def test_a_month_is_not_a_modal(demo_by_id, nlp):
    """'... her husband Siarhei, who was arrested in May': "May" hedges nothing."""
    f = article(demo_by_id, nlp, "wn-20200803-8cf51320")
    assert all("May" not in c.hedges for c in f.claims)


def test_claimed_and_allegedly(demo_by_id, nlp):
    """'Belarusian KGB arrested 33 Russian individuals, claiming them to be mercenaries, who allegedly ...'"""
    f = article(demo_by_id, nlp, "wn-20200803-8cf51320")
    arrest = f.claim("arrested 33 Russian individuals")
    assert arrest.quantity.value == 33 and f.actor(arrest.about).country == "RUS"
    assert "claiming them" not in f.evidence(arrest)
    mercenaries = f.claim("them to be mercenaries")
    assert f.actor(mercenaries.source).sector == "SPY"
    assert {"claiming", "allegedly"} <= set(mercenaries.hedges)


def test_percentage_claimed_by_an_institute(demo_by_id, nlp):
    """'Brazil's National Institute for Space Research has reported there have been 85% more wildfires ...'"""
    f = article(demo_by_id, nlp, "wn-20190824-576f50ac")
    c = f.claim("85% more wildfires")
    assert c.quantity.value == pytest.approx(0.85) and f.actor(c.source).country == "BRA"
    oxygen = f.claim("20 percent of our planet's oxygen")
    assert f.actor(oxygen.source).name == "Emmanuel Macron"
    assert oxygen.quantity.value == pytest.approx(0.2)


def test_hedge_table_loads():
    table = hedge_table()
    assert table.words[("as", "many", "as")] == "quantity"
    assert table.lemmas["believe"] == "verb" and table.words[("reportedly",)] == "adverb"

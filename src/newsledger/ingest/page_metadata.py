"""What a web page says about itself in its markup: publication date, headline, author, address.

The page's own date metadata is preferred, in this order: ``<meta>`` publication-date properties
(``article:published_time`` and kin), JSON-LD ``datePublished``, ``itemprop="datePublished"``,
then ``<time datetime>`` elements. Only when the page has none is a date guessed from elsewhere
(trafilatura's search), because such guesses come from image addresses (``/2010/01/01/photo.jpg``)
and sidebars as often as from the article.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator, Optional

#: ``<meta>`` names and properties that hold the publication date, most specific first.
DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "publish-date", "publish_date", "publishdate", "pubdate", "publication_date",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
)
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})")


@dataclass
class PageMetadata:
    published: Optional[str] = None
    published_from: Optional[str] = None  # which markup gave the date, for the curious
    title: Optional[str] = None
    author: Optional[str] = None


def page_metadata(html: str) -> PageMetadata:
    """The page's own metadata; empty when the markup cannot be parsed."""
    tree = _parse(html)
    if tree is None:
        return PageMetadata()
    meta = _meta_values(tree)
    found = PageMetadata(title=_first(meta.get(k) for k in ("og:title", "twitter:title")), author=_first(meta.get(k) for k in AUTHOR_META))
    for name in DATE_META:
        day = parse_day(meta.get(name))
        if day:
            found.published, found.published_from = day, f"<meta {name}>"
            return found
    for item in _json_ld(tree):
        day = parse_day(item.get("datePublished")) or parse_day(item.get("dateCreated"))
        if day:
            found.published, found.published_from = day, "JSON-LD datePublished"
            found.title = found.title or _text(item.get("headline"))
            return found
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        day = parse_day(element.get("content") or element.get("datetime") or element.text_content())
        if day:
            found.published, found.published_from = day, "itemprop datePublished"
            return found
    for element in tree.xpath("//article//time[@datetime] | //time[@datetime]"):
        day = parse_day(element.get("datetime"))
        if day:
            found.published, found.published_from = day, "<time datetime>"
            return found
    return found


def parse_day(value: Any) -> Optional[str]:
    """``YYYY-MM-DD`` from an ISO date or timestamp, a compact ``20141203``, or an RFC 2822 date;
    None for anything else (a wrong date is worse than none)."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _parse(html: str):
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError / ValueError on empty or odd documents
        return None


def _meta_values(tree) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key and key not in values:
            values[key] = element.get("content")
    return values


def _json_ld(tree) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (ValueError, TypeError):
            continue
        yield from _dicts(data)


def _dicts(data: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 4:
        return
    if isinstance(data, list):
        for value in data:
            yield from _dicts(value, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _dicts(data["@graph"], depth + 1)


def _text(value: Any) -> Optional[str]:
    return value.strip() or None if isinstance(value, str) else None


def _first(values) -> Optional[str]:
    return next((v.strip() for v in values if isinstance(v, str) and v.strip()), None)

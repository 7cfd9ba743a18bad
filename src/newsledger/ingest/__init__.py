"""Ingest: what users give (files, directories, stdin; text, HTML, JSON/JSONL) becomes Articles, or
Failures that say why not. One concept per module:

- ``readers``      files, directories, stdin, JSONL/JSON documents, in input order
- ``decoding``     bytes to text (encodings, binary files)
- ``characters``   stray control and invisible characters, replaced without moving offsets
- ``html``         web pages: trafilatura's main text, then ``page_text`` and ``page_metadata``
- ``page_text``    headline, dateline, byline, captions and sidebars taken off a page's body
- ``page_metadata`` a page's own date, headline and author from its markup
- ``fields``       the fields of a JSON record; publication dates
- ``language``     English or not (py3langid)
- ``validation``   the checks every article gets
"""
from ..records import Article, Failure
from .characters import repair_characters
from .decoding import Decoded, decode_bytes, decode_text
from .fields import article_from_record, normalise_date
from .html import MIN_HTML_WORDS, html_article, looks_like_html
from .language import detect_language, judge_language, looks_english
from .readers import (HTML_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, MAX_LINE_BYTES, SUPPORTED, TEXT_SUFFIXES, ReadOptions,
                      document_article, files_under, read_inputs, read_jsonl_lines)
from .validation import DEFAULT_MAX_CHARS, DEFAULT_MIN_PAGE_CHARS, Item, validate_article

__all__ = [
    "Article", "Failure", "Item", "ReadOptions", "Decoded",
    "read_inputs", "read_jsonl_lines", "files_under", "document_article", "decode_bytes", "decode_text",
    "repair_characters", "article_from_record", "normalise_date", "html_article", "looks_like_html",
    "detect_language", "judge_language", "looks_english", "validate_article",
    "DEFAULT_MAX_CHARS", "DEFAULT_MIN_PAGE_CHARS", "MIN_HTML_WORDS", "MAX_LINE_BYTES",
    "SUPPORTED", "TEXT_SUFFIXES", "HTML_SUFFIXES", "JSONL_SUFFIXES", "JSON_SUFFIXES",
]

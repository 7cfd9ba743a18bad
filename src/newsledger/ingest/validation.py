"""The checks every article gets, whatever its format: repair what can be repaired (with a warning),
refuse what cannot be an article (with the reason)."""
from __future__ import annotations

from typing import Optional, Union

from ..records import Article, Failure
from .characters import repair_characters
from .fields import normalise_date
from .language import judge_language

#: Articles longer than this are refused (configurable per call). Parsing cost grows with length;
#: a book-sized "article" is almost always a wrong input, and refusing it beats running out of memory.
DEFAULT_MAX_CHARS = 2_000_000
#: A web page whose main text is shorter than this is a caption, a video blurb or a teaser, not an
#: article (``--min-chars`` changes it, and applies it to every input; plain text and JSONL
#: articles have no minimum by default: a short text someone gives on purpose is processed).
DEFAULT_MIN_PAGE_CHARS = 300

Item = Union[Article, Failure]


def validate_article(
    article: Article,
    *,
    default_published: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    min_chars: int = 0,
) -> Item:
    """The Article (characters repaired, date normalised, language set) or a Failure with the reason."""
    where = article.origin or article.id
    article.text, repaired = repair_characters(article.text)
    if repaired:
        article.warnings.append(repaired)
    if not article.text.strip():
        reason = "empty article (no text" + (" once control characters are removed)" if repaired else ")")
        return Failure(where, reason, article_id=article.id)
    if len(article.text) > max_chars:
        return Failure(
            where,
            f"article is {len(article.text):,} characters, more than the limit of {max_chars:,} "
            f"(raise it with --max-chars, or split the text)",
            article_id=article.id, sha256=article.sha256,
        )
    length = len(article.text.strip())
    if min_chars and length < min_chars:
        return too_short(article, length, min_chars)
    try:
        article.published = normalise_date(article.published)
    except ValueError as err:
        article.warnings.append(f"'published' {err}: field dropped")
        article.published = None
    article.published = article.published or normalise_date(default_published)
    return _check_language(article, where)


def too_short(article: Article, length: int, min_chars: int) -> Failure:
    return Failure(article.origin or article.id,
                   f"too short for an article: {length} characters, fewer than the minimum of {min_chars} "
                   f"(a caption or a video blurb?); change the minimum with --min-chars",
                   article_id=article.id, sha256=article.sha256)


def _check_language(article: Article, where: str) -> Item:
    given = (article.language or "").strip().lower()
    if given:
        if given == "en" or given.startswith(("en-", "en_")) or given == "english":
            article.language = "en"
            return article
        return Failure(where, f"unsupported language: {given} (from the input; English only)", article_id=article.id, sha256=article.sha256)
    verdict = judge_language(article.text)
    if not verdict.english:
        return Failure(where, f"unsupported language: {verdict.language} (detected; English only; "
                              f"give language \"en\" to process it anyway)", article_id=article.id, sha256=article.sha256)
    if verdict.warning:
        article.warnings.append(verdict.warning)
    article.language = "en"
    return article

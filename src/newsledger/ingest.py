"""Readers for the inputs users have: plain text, HTML, JSONL/JSON, directories and stdin.

Every reader yields, in input order, either an :class:`Article` or a :class:`Failure` that says what
is wrong and where (file, and line for JSONL). Nothing raises for a user's mistake, and nothing is
dropped silently: an input that cannot become an article becomes a Failure.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Optional, Union

from .records import Article, Failure

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES)

#: Articles longer than this are refused (configurable per call). Parsing cost grows with length;
#: a book-sized "article" is almost always a wrong input, and refusing it beats running out of memory.
DEFAULT_MAX_CHARS = 2_000_000
#: Fewer words than this after boilerplate removal means the page has no article body.
MIN_HTML_WORDS = 8
#: A JSONL line longer than this is refused without being decoded.
MAX_LINE_BYTES = 64 * 1024 * 1024

Item = Union[Article, Failure]

# Function words that make up a large share of any English running text and little of other languages.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for it was on with as by at from be this are have has an not"
    " said were which or but their its his her they he she will would been had who after".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def read_inputs(
    paths: Iterable[str],
    *,
    published: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: Optional[IO[str]] = None,
) -> Iterator[Item]:
    """Articles (or Failures) from files, directories, ``-`` (stdin), in the order given.

    ``published`` is the default publication date for inputs that carry none.
    Ids are made unique within one call: a repeated id gets a ``#2``, ``#3`` suffix.
    """
    seen: dict[str, int] = {}
    for raw in paths:
        for item in _read_path(raw, stdin):
            if isinstance(item, Article):
                item = validate_article(item, default_published=published, max_chars=max_chars)
            if isinstance(item, Article):
                _make_unique(item, seen)
            yield item


def _read_path(raw: str, stdin: Optional[IO[str]]) -> Iterator[Item]:
    if raw == "-":
        yield from _read_stdin(stdin or sys.stdin)
        return
    path = Path(raw)
    if not path.exists():
        yield Failure(raw, "no such file or directory")
    elif path.is_dir():
        files = files_under(path)
        if not files:
            yield Failure(raw, "directory contains no files")
        for file in files:
            yield from _read_file(file)
    else:
        yield from _read_file(path)


def files_under(directory: Path) -> list[Path]:
    """Every file below ``directory``, sorted, hidden ones (".git", ".DS_Store") left out."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and not _hidden(p.relative_to(directory)))


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _read_file(path: Path) -> Iterator[Item]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Failure(origin, f"unsupported file type {suffix or '(no extension)'!r}; expected one of {', '.join(SUPPORTED)}")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _read_jsonl_lines(fh, origin, default_id=path.stem)
            return
        data = path.read_bytes()
    except OSError as err:
        yield Failure(origin, f"cannot read file: {err.strerror or err}")
        return
    text_or_failure = decode_text(data, origin)
    if isinstance(text_or_failure, Failure):
        yield text_or_failure
    elif suffix in HTML_SUFFIXES:
        yield html_article(text_or_failure, origin, default_id=path.stem)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json_document(text_or_failure, origin, default_id=path.stem)
    else:
        yield Article(id=path.stem, text=text_or_failure, origin=origin)


def _read_stdin(stream: IO[str]) -> Iterator[Item]:
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        lines: Iterator[bytes] = iter(stream.read().encode("utf-8", "surrogateescape").splitlines(keepends=True))
    else:
        lines = iter(buffer)
    # JSONL is read line by line as it arrives (stdin may be gigabytes); anything else is one article
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if head and head[-1].lstrip().removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        yield from _read_jsonl_lines(itertools.chain(head, lines), "-", default_id="stdin")
        return
    data = b"".join(head) + b"".join(lines)
    text = decode_text(data, "-")
    if isinstance(text, Failure):
        yield text
    elif text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        yield html_article(text, "-", default_id="stdin")
    else:
        yield Article(id="stdin", text=text, origin="-")


def decode_text(data: bytes, origin: str) -> Union[str, Failure]:
    """UTF-8 text (a BOM is dropped), or a Failure for binary or undecodable bytes."""
    head = data[:8192]
    if b"\x00" in head or (head and sum(b < 9 or 13 < b < 32 for b in head) / len(head) > 0.1):
        return Failure(origin, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Failure(origin, f"not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r}); convert it, e.g. `iconv -f latin1 -t utf-8`")


def html_article(html: str, origin: str, default_id: str) -> Union[Article, Failure]:
    """Main text and metadata of a web page, via trafilatura."""
    import trafilatura  # imported here: loading it costs time that plain-text runs need not pay

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as err:  # trafilatura raises assorted errors on broken markup
        return Failure(origin, f"cannot parse HTML: {err}")
    if doc is not None and not isinstance(doc, dict):  # trafilatura >= 2 returns a Document
        doc = doc.as_dict()
    text = ((doc or {}).get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:
        return Failure(origin, "no article text found in the HTML")
    return Article(
        id=default_id,
        text=text,
        title=doc.get("title"),
        url=doc.get("url"),
        source=doc.get("sitename") or doc.get("hostname"),
        published=doc.get("date"),
        language=doc.get("language"),
        origin=origin,
    )


def _read_jsonl_lines(lines: Iterable[bytes], origin: str, default_id: str) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if len(raw) > MAX_LINE_BYTES:
            yield Failure(where, f"line is {len(raw):,} bytes, more than the {MAX_LINE_BYTES:,} allowed")
            continue
        if not raw.strip():
            continue
        text = decode_text(raw, where)
        if isinstance(text, Failure):
            yield text
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            yield Failure(where, f"malformed JSON: {err.msg} (column {err.colno})")
            continue
        yield article_from_record(record, where, default_id=f"{default_id}-{number}")


def _read_json_document(text: str, origin: str, default_id: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield Failure(origin, f"malformed JSON: {err.msg} (line {err.lineno}, column {err.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        where = f"{origin}[{index}]" if isinstance(data, list) else origin
        yield article_from_record(record, where, default_id=f"{default_id}-{index}" if isinstance(data, list) else default_id)


def article_from_record(record: object, where: str, default_id: str) -> Union[Article, Failure]:
    """An Article from one JSON object with ``id, text, title?, url?, source?, published?, language?``."""
    if not isinstance(record, dict):
        return Failure(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        return Failure(where, "no 'text' field", article_id=_str_or_none(record.get("id")))
    if not isinstance(text, str):
        return Failure(where, f"'text' must be a string, got {type(text).__name__}", article_id=_str_or_none(record.get("id")))
    published = record.get("published", record.get("date"))
    return Article(
        id=_str_or_none(record.get("id")) or default_id,
        text=text,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")),
        published=_str_or_none(published),
        language=_str_or_none(record.get("language")),
        origin=where,
    )


def _str_or_none(value: object) -> Optional[str]:
    if value is None or value == "":
        return None
    return str(value)


def normalise_date(value: Optional[str]) -> Optional[str]:
    """``YYYY-MM-DD`` from an ISO date or timestamp; raises ValueError for anything else."""
    if value is None:
        return None
    text = value.strip()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$", text)
    if not match:
        raise ValueError(f"invalid publication date {value!r} (expected YYYY-MM-DD)")
    return dt.date.fromisoformat(match.group(1)).isoformat()


def looks_english(text: str) -> bool:
    """True unless a text long enough to judge has almost none of the commonest English words."""
    words = _WORD.findall(text[:20000].lower())
    if len(words) < 25:
        return True
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= 0.08


def validate_article(article: Article, *, default_published: Optional[str] = None, max_chars: int = DEFAULT_MAX_CHARS) -> Item:
    """The checks every article gets, whatever its format: the Article (date normalised) or a Failure."""
    where = article.origin or article.id
    if not article.text.strip():
        return Failure(where, "empty article (no text)", article_id=article.id)
    if len(article.text) > max_chars:
        return Failure(
            where,
            f"article is {len(article.text):,} characters, more than the limit of {max_chars:,} "
            f"(raise it with --max-chars, or split the text)",
            article_id=article.id,
        )
    if "\x00" in article.text:
        return Failure(where, "text contains NUL characters (binary data?)", article_id=article.id)
    try:
        article.published = normalise_date(article.published) or normalise_date(default_published)
    except ValueError as err:
        return Failure(where, str(err), article_id=article.id)
    language = (article.language or "").lower()
    if language and not language.startswith("en"):
        return Failure(where, f"language {article.language!r} is not supported (English only)", article_id=article.id)
    if not language and not looks_english(article.text):
        return Failure(where, "text does not look like English (English only)", article_id=article.id)
    article.language = "en"
    return article


def _make_unique(article: Article, seen: dict[str, int]) -> None:
    count = seen.get(article.id, 0) + 1
    seen[article.id] = count
    if count > 1:
        article.id = f"{article.id}#{count}"


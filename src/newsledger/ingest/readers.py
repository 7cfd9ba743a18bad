"""Readers for the inputs users have: plain text, HTML, JSONL/JSON, directories and stdin.

Every reader yields, in input order, either an :class:`Article` or a :class:`Failure` that says what
is wrong and where (file, and line for JSONL). Nothing raises for a user's mistake, and nothing is
dropped silently: an input that cannot become an article becomes a Failure, and what was repaired
on the way (stray bytes, a bad optional field) is a warning on the Article.
"""
from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional, Union

from ..records import Article, Failure
from .decoding import decode_bytes
from .fields import article_from_record
from .html import html_article, looks_like_html
from .validation import DEFAULT_MAX_CHARS, Item, validate_article

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES)

#: A JSONL line longer than this is refused without being decoded.
MAX_LINE_BYTES = 64 * 1024 * 1024


@dataclass
class ReadOptions:
    published: Optional[str] = None  # fills a missing date; overrides a date found in a web page
    max_chars: int = DEFAULT_MAX_CHARS
    min_chars: Optional[int] = None  # None: web pages only, at DEFAULT_MIN_PAGE_CHARS


def read_inputs(
    paths: Iterable[str],
    *,
    published: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    min_chars: Optional[int] = None,
    stdin: Optional[IO[str]] = None,
) -> Iterator[Item]:
    """Articles (or Failures) from files, directories, ``-`` (stdin), in the order given.

    ``published`` is the publication date for inputs that carry none, and for web pages whatever
    date they show. Ids are made unique within one call: a repeated id gets a ``#2``, ``#3`` suffix
    (and a warning when its text differs from the first one's).
    """
    options = ReadOptions(published=published, max_chars=max_chars, min_chars=min_chars)
    seen: dict[str, tuple[int, str, str]] = {}
    for raw in paths:
        for item in _read_path(raw, stdin, options):
            if isinstance(item, Article):
                item = _validated(item, options)
            if isinstance(item, Article):
                _make_unique(item, seen)
            yield item


def _read_path(raw: str, stdin: Optional[IO[str]], options: ReadOptions) -> Iterator[Item]:
    if raw == "-":
        yield from _guarded(_read_stdin(stdin or sys.stdin, options), "-")
        return
    if raw.lower().startswith(("http://", "https://", "ftp://")):
        yield Failure(raw, "URLs are not fetched: save the page and give the file")
        return
    path = Path(raw)
    if not path.exists():
        yield Failure(raw, "no such file or directory")
    elif path.is_dir():
        files = files_under(path)
        if not files:
            yield Failure(raw, "directory contains no files")
        for file in files:
            yield from _guarded(_read_file(file, options), str(file))
    else:
        yield from _guarded(_read_file(path, options), str(path))


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """``items``, and a Failure instead of an exception if reading breaks on a bug: a reader's bug
    must cost one input, not the run (the ingest reads in the process that writes the ledger)."""
    try:
        yield from items
    except (Exception, RecursionError, MemoryError) as err:  # noqa: BLE001 - reported as the input's failure
        yield Failure(origin, _internal_error(err))


def _validated(article: Article, options: ReadOptions) -> Item:
    try:
        return validate_article(article, default_published=options.published, max_chars=options.max_chars,
                                min_chars=options.min_chars or 0)
    except (Exception, RecursionError, MemoryError) as err:  # noqa: BLE001 - as in _guarded
        return Failure(article.origin or article.id, _internal_error(err), article_id=article.id)


def _internal_error(err: BaseException) -> str:
    return f"could not be read ({type(err).__name__}: {err}); this is a newsledger bug, please report it"


def files_under(directory: Path) -> list[Path]:
    """Every file below ``directory``, sorted, hidden ones (".git", ".DS_Store") left out."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and not _hidden(p.relative_to(directory)))


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Failure(origin, f"unsupported file type {suffix or '(no extension)'!r}; expected one of {', '.join(SUPPORTED)}")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_jsonl_lines(fh, origin, default_id=path.stem)
            return
        data = path.read_bytes()
    except OSError as err:
        yield Failure(origin, f"cannot read file: {err.strerror or err}")
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json_document(data, origin, default_id=path.stem)
    else:
        yield document_article(data, origin, path.stem, options, html=suffix in HTML_SUFFIXES)


def document_article(data: bytes, origin: str, default_id: str, options: ReadOptions, html: Optional[bool] = None) -> Item:
    """One article from the bytes of a text file or web page (``html=None``: judged from the text)."""
    decoded = decode_bytes(data, origin)
    if isinstance(decoded, Failure):
        return decoded
    is_html = looks_like_html(decoded.text) if html is None else html
    if is_html:
        item = html_article(decoded.text, origin, default_id, published=options.published, min_chars=options.min_chars)
    else:
        item = Article(id=default_id, text=decoded.text, origin=origin)
    if isinstance(item, Article):
        item.warnings[:0] = decoded.warnings
    return item


def _read_stdin(stream: IO[str], options: ReadOptions) -> Iterator[Item]:
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
        yield from read_jsonl_lines(itertools.chain(head, lines), "-", default_id="stdin")
        return
    data = b"".join(head) + b"".join(lines)
    yield document_article(data, "-", "stdin", options)


def read_jsonl_lines(lines: Iterable[bytes], origin: str, default_id: str) -> Iterator[Item]:
    """One Article or Failure per non-blank line, each named ``origin:line``."""
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if len(raw) > MAX_LINE_BYTES:
            yield Failure(where, f"line is {len(raw):,} bytes, more than the {MAX_LINE_BYTES:,} allowed")
            continue
        if not raw.strip():
            continue
        decoded = decode_bytes(raw, where)
        if isinstance(decoded, Failure):
            yield decoded
            continue
        record = parse_json(decoded.text, where, with_line=False)
        if isinstance(record, Failure):
            yield record
            continue
        item = article_from_record(record, where, default_id=f"{default_id}-{number}")
        if isinstance(item, Article):
            item.warnings[:0] = decoded.warnings
        yield item


def parse_json(text: str, where: str, with_line: bool) -> object:
    """The parsed value, or a Failure naming where the JSON broke (a JSONL line's origin already names its line)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        position = f"line {err.lineno}, column {err.colno}" if with_line else f"column {err.colno}"
        return Failure(where, f"malformed JSON: {err.msg} ({position})")
    except RecursionError:
        return Failure(where, "malformed JSON: nested too deeply")


def _read_json_document(data: bytes, origin: str, default_id: str) -> Iterator[Item]:
    decoded = decode_bytes(data, origin)
    if isinstance(decoded, Failure):
        yield decoded
        return
    parsed = parse_json(decoded.text, origin, with_line=True)
    if isinstance(parsed, Failure):
        yield parsed
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        yield Failure(origin, "empty JSON list: no articles")
    for index, record in enumerate(records, start=1):
        where = f"{origin}[{index}]" if isinstance(parsed, list) else origin
        item = article_from_record(record, where, default_id=f"{default_id}-{index}" if isinstance(parsed, list) else default_id)
        if isinstance(item, Article):
            item.warnings[:0] = decoded.warnings
        yield item


def _make_unique(article: Article, seen: dict[str, tuple[int, str, str]]) -> None:
    count, first_origin, first_sha = seen.get(article.id, (0, article.origin or "", article.sha256))
    seen[article.id] = (count + 1, first_origin, first_sha)
    if count:
        new_id = f"{article.id}#{count + 1}"
        if article.sha256 != first_sha:
            article.warnings.append(f"id {article.id!r} was already used by {first_origin} with a different text: stored as {new_id!r}")
        article.id = new_id



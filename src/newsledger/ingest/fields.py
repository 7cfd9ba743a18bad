"""The fields of a JSON article record and the publication date.

Only ``text`` is required: a record without a usable text is a Failure. An optional field of the
wrong type (a number for a title, a list for a url) is dropped with a warning, and the article kept.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional, Union

from ..records import Article, Failure

#: Optional fields that must be strings when given (``published`` is checked as a date later).
OPTIONAL_STRING_FIELDS = ("title", "url", "source", "language")

_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


def article_from_record(record: object, where: str, default_id: str) -> Union[Article, Failure]:
    """An Article from one JSON object with ``id, text, title?, url?, source?, published?, language?``."""
    if not isinstance(record, dict):
        return Failure(where, f"expected a JSON object, got {_type_name(record)}")
    warnings: list[str] = []
    article_id = _record_id(record.get("id"), default_id, warnings)
    text = record.get("text")
    if text is None:
        return Failure(where, "no 'text' field", article_id=article_id)
    if not isinstance(text, str):
        return Failure(where, f"'text' must be a string, got {_type_name(text)}", article_id=article_id)
    values: dict[str, Optional[str]] = {}
    for name in OPTIONAL_STRING_FIELDS:
        values[name] = _optional_string(record, name, warnings)
    published_field = "published" if record.get("published") is not None else "date"
    published = _optional_string(record, published_field, warnings)
    return Article(id=article_id, text=text, published=published, origin=where, warnings=warnings, **values)


def _record_id(value: object, default_id: str, warnings: list[str]) -> str:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):  # numeric ids are common and unambiguous
        return str(value)
    if value not in (None, ""):
        warnings.append(f"'id' must be a string or an integer, got {_type_name(value)}: using {default_id!r}")
    return default_id


def _optional_string(record: dict, name: str, warnings: list[str]) -> Optional[str]:
    value = record.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    warnings.append(f"'{name}' must be a string, got {_type_name(value)} ({_short(value)}): field dropped")
    return None


def normalise_date(value: Optional[str]) -> Optional[str]:
    """``YYYY-MM-DD`` from an ISO date or timestamp; raises ValueError for anything else."""
    if value is None:
        return None
    text = value.strip()
    match = _ISO_DAY.match(text)
    if not match:
        raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError as err:
        raise ValueError(f"{value!r} is not a date ({err}; expected YYYY-MM-DD)") from None


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number", float: "a number", str: "a string"}.get(
        type(value), type(value).__name__)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"

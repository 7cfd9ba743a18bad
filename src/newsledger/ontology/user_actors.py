"""A user's own actor dictionary (``--actors FILE``): names and CAMEO codes that the bundled tables
lack or that the user codes differently, in PETRARCH/Phoenix ``.actors`` format or a simple CSV.

``.actors`` (what PETRARCH and the Phoenix dictionaries use)::

    ARNOR_  [ARN]                       # a phrase (underscores are spaces) and its code
    AUSTRALIA [AUS]
    +AUSTRALIAN                         # a synonym of the phrase above
    VLADIMIR_PUTIN
    +PUTIN
        [RUSGOV 000507-080507]          # codes with date ranges (YYMMDD or YYYYMMDD; <d, >d, d-d)
        [RUSELI]                        # undated: the default when no range applies

CSV: a header with ``name`` and ``code`` and optionally ``valid_from``, ``valid_to`` (ISO dates) and
``aliases`` (separated by ``|``); one row per name and code.

Entries become lookup entries like the bundled ones, marked ``user``, and win over bundled entries
for the same phrase: a user who codes "Egypt" as UAR gets UAR. Lines that cannot be read are reported
with the file and line and skipped; a file with no usable entry is an error.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .actor_tables import Entry

#: Code prefixes that name no country: IGOs, NGOs, international militarised and other groups.
NON_STATE_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "UIS", "INT", "NGM")
_CODE = re.compile(r"^(?:[A-Za-z0-9]{3,15}|---)$")
_BRACKET = re.compile(r"\[([^\]]*)\]")


class ActorDictionaryError(ValueError):
    """A dictionary file that cannot be used at all (missing, unreadable, no entries)."""


@dataclass(frozen=True)
class ActorDictionary:
    path: str
    entries: tuple[Entry, ...]
    problems: tuple[str, ...]  # "FILE:LINE: why", one per skipped line
    fingerprint: str  # of the file's bytes: what caches key on
    #: one-word phrases written without a closing underscore in an .actors file: PETRARCH/TABARI
    #: stems, which also match longer words ("ARGENTIN" matches Argentina and Argentine)
    stems: tuple[str, ...] = ()

    @property
    def n_phrases(self) -> int:
        return len({e.phrase for e in self.entries})


def read_actor_dictionary(path: str | Path) -> ActorDictionary:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise ActorDictionaryError(f"{path}: cannot read the actor dictionary ({err.strerror or err})") from None
    text = raw.decode("utf-8", errors="replace")
    is_csv = p.suffix.lower() in (".csv", ".tsv") or text.lstrip().lower().startswith("name,")
    stems: list[str] = []
    entries, problems = (_read_csv(text, str(path)) if is_csv else _read_actors(text, str(path), stems))
    if not entries:
        detail = f" ({problems[0]})" if problems else ""
        raise ActorDictionaryError(f"{path}: no actor entries found; expected PETRARCH .actors lines like "
                                   f"'ARNOR [ARN]' or a CSV with name,code columns{detail}")
    return ActorDictionary(str(path), tuple(entries), tuple(problems), hashlib.sha256(raw).hexdigest(),
                           tuple(sorted(set(stems))))


def entry_for(phrase: str, code: str, valid_from: Optional[str] = None, valid_to: Optional[str] = None,
              name: Optional[str] = None) -> Entry:
    """A lookup entry for one phrase and code. Three letters name a country; a longer code is a
    country (its first three letters) with a sector, or a non-state actor (IGO..., NGO..., IMG...)."""
    code = code.upper()
    display = _display(name or phrase)
    if code == "---":  # a known name of no known country (PETRARCH's null code)
        return Entry(phrase=" ".join(phrase.lower().split()), kind="organization", name=display, country=None, sector=None,
                     cameo_code=None, valid_from=valid_from, valid_to=valid_to, user=True)
    dated = bool(valid_from or valid_to)
    if code.startswith(NON_STATE_PREFIXES):
        kind, country, sector = ("leader" if dated else "organization"), None, None
        if code.startswith("IGO"):
            kind = "leader" if dated else "igo"
    elif len(code) == 3:
        kind, country, sector = ("leader" if dated else "country"), code, None
    else:
        kind, country, sector = ("leader" if dated else "organization"), code[:3], code[3:6] or None
    return Entry(phrase=" ".join(phrase.lower().split()), kind=kind, name=display, country=country, sector=sector,
                 cameo_code=code, valid_from=valid_from, valid_to=valid_to, user=True)


def _display(phrase: str) -> str:
    words = phrase.split()
    return " ".join(w if any(c.islower() for c in w) else w.capitalize() for w in words)


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _strip_comments(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    return line.split("#", 1)[0]


#: Shorter stems would match too many ordinary words.
MIN_STEM = 5


def _read_actors(text: str, origin: str, stems: list[str]) -> tuple[list[Entry], list[str]]:
    entries: list[Entry] = []
    problems: list[str] = []
    block_phrases: list[str] = []
    block_codes: list[tuple[str, Optional[str], Optional[str]]] = []
    in_comment = False

    def note_stem(raw_phrase: str) -> None:
        raw_phrase = raw_phrase.strip()
        if not raw_phrase.endswith("_") and " " not in _phrase(raw_phrase) and len(_phrase(raw_phrase)) >= MIN_STEM:
            stems.append(_phrase(raw_phrase).lower())

    def close() -> None:
        for phrase in block_phrases:
            for code, start, end in block_codes:
                entries.append(entry_for(phrase, code, start, end, name=block_phrases[0]))
        block_phrases.clear()
        block_codes.clear()

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:  # inside a multi-line <!-- ... --> block
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            line, in_comment = line.split("<!--", 1)[0], True
        line = _strip_comments(line)
        if not line.strip():
            continue
        indented = line[:1].isspace()
        codes = [_code_range(c) for c in _BRACKET.findall(line)]
        bad = [c for c, parsed in zip(_BRACKET.findall(line), codes) if parsed is None]
        if bad:
            problems.append(f"{origin}:{n}: cannot read the code [{bad[0]}]; line skipped")
            continue
        head = _BRACKET.sub("", line).strip()
        if head.startswith("+"):
            if not block_phrases:
                problems.append(f"{origin}:{n}: a synonym ({head}) before any phrase; line skipped")
                continue
            if _phrase(head[1:]):
                block_phrases.append(_phrase(head[1:]))
                note_stem(head[1:])
        elif head and not indented:
            if block_codes:  # a new phrase starts a new block
                close()
            elif block_phrases:  # a phrase with no codes yet: PETRARCH gives it the next block's codes
                pass
            block_phrases.append(_phrase(head))
            note_stem(head)
        elif head:
            problems.append(f"{origin}:{n}: an indented line that is not a [CODE] line; skipped")
            continue
        block_codes.extend(c for c in codes if c is not None)
    if block_codes:
        close()
    elif block_phrases:
        problems.append(f"{origin}: the last phrase ({block_phrases[0]}) has no code; skipped")
    return _dedupe(entries), problems


def _code_range(inside: str) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    parts = inside.split(None, 1)
    if not parts or not _CODE.match(parts[0]):
        return None
    code = parts[0].upper()
    if len(parts) == 1:
        return code, None, None
    dates = "".join(parts[1].split())  # "< 950601", "19950601 - 19990815"
    try:
        if dates.startswith("<"):
            return code, None, _date(dates[1:])
        if dates.startswith(">"):
            return code, _date(dates[1:]), None
        if "-" in dates:
            start, end = dates.split("-", 1)
            return code, _date(start), _date(end)
    except ValueError:
        return None
    return None


def _date(token: str) -> str:
    """PETRARCH dates: YYMMDD (00-30 meaning 20xx) or YYYYMMDD, as ISO."""
    token = token.strip()
    if len(token) == 6 and token.isdigit():
        yy = int(token[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        token = f"{year}{token[2:]}"
    if len(token) != 8 or not token.isdigit():
        raise ValueError(token)
    month, day = int(token[4:6]), int(token[6:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(token)
    return f"{token[:4]}-{token[4:6]}-{token[6:]}"


def _read_csv(text: str, origin: str) -> tuple[list[Entry], list[str]]:
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = {c.strip().lower() for c in reader.fieldnames or ()}
    if not {"name", "code"} <= columns:
        return [], [f"{origin}:1: the header must name the columns name and code (got {', '.join(sorted(columns)) or 'none'})"]
    entries: list[Entry] = []
    problems: list[str] = []
    for n, row in enumerate(reader, 2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name, code = row.get("name", ""), row.get("code", "")
        if not name or not _CODE.match(code):
            problems.append(f"{origin}:{n}: needs a name and a CAMEO code (got {name!r}, {code!r}); row skipped")
            continue
        try:
            start = _iso(row.get("valid_from"))
            end = _iso(row.get("valid_to"))
        except ValueError as err:
            problems.append(f"{origin}:{n}: {err}; row skipped")
            continue
        for phrase in [name, *(a.strip() for a in row.get("aliases", "").split("|") if a.strip())]:
            entries.append(entry_for(phrase, code, start, end, name=name))
    return _dedupe(entries), problems


def _iso(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD") from None


def _dedupe(entries: list[Entry]) -> list[Entry]:
    seen, out = set(), []
    for e in entries:
        k = (e.phrase, e.cameo_code, e.valid_from, e.valid_to)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out

"""The ledger: an embedded DuckDB file holding articles, their extractions and what was skipped.

One row per article in ``articles`` (keyed by the SHA-256 of its text, so re-ingesting the same text
changes nothing), the full JSON record in ``extractions``, flat tables per record type for SQL and
pandas users (``actors``, ``events``, ``quotes``, ``claims``, ``dates``, ``places``) and every input
that could not be processed in ``failures``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

import duckdb
import pandas as pd

from .records import Extraction, Failure

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
  sha256 VARCHAR PRIMARY KEY, id VARCHAR, title VARCHAR, url VARCHAR, source VARCHAR,
  published DATE, language VARCHAR, n_chars INTEGER, n_sentences INTEGER, text VARCHAR,
  ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS extractions (sha256 VARCHAR PRIMARY KEY, id VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS actors (
  sha256 VARCHAR, article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR,
  sector VARCHAR, cameo_code VARCHAR, role VARCHAR, n_mentions INTEGER, first_mention VARCHAR);
CREATE TABLE IF NOT EXISTS events (
  sha256 VARCHAR, article_id VARCHAR, event_id VARCHAR, sentence INTEGER,
  source VARCHAR, source_name VARCHAR, source_code VARCHAR, target VARCHAR, target_name VARCHAR, target_code VARCHAR,
  cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
  negated BOOLEAN, hypothetical BOOLEAN, historical BOOLEAN, attributed_to VARCHAR, reciprocal BOOLEAN,
  date VARCHAR, date_precision VARCHAR, place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
  confidence DOUBLE, trigger_text VARCHAR, evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER);
CREATE TABLE IF NOT EXISTS quotes (
  sha256 VARCHAR, article_id VARCHAR, quote_id VARCHAR, speaker VARCHAR, speaker_name VARCHAR,
  speaker_code VARCHAR, kind VARCHAR, cue_text VARCHAR, content_text VARCHAR, content_start INTEGER, content_end INTEGER);
CREATE TABLE IF NOT EXISTS claims (
  sha256 VARCHAR, article_id VARCHAR, claim_id VARCHAR, source VARCHAR, source_name VARCHAR, source_code VARCHAR,
  about VARCHAR, about_code VARCHAR, hedged BOOLEAN, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR,
  unit_kind VARCHAR, approximate BOOLEAN, evidence_text VARCHAR);
CREATE TABLE IF NOT EXISTS dates (
  sha256 VARCHAR, article_id VARCHAR, date_id VARCHAR, text VARCHAR, value VARCHAR, start_date VARCHAR,
  end_date VARCHAR, precision VARCHAR, relative BOOLEAN, unresolved BOOLEAN);
CREATE TABLE IF NOT EXISTS places (
  sha256 VARCHAR, article_id VARCHAR, place_id VARCHAR, text VARCHAR, name VARCHAR, country VARCHAR,
  lat DOUBLE, lon DOUBLE, geonameid BIGINT, feature VARCHAR);
CREATE TABLE IF NOT EXISTS failures (
  origin VARCHAR, reason VARCHAR, article_id VARCHAR, sha256 VARCHAR, recorded_at TIMESTAMP);
"""

RECORD_TABLES = ("actors", "events", "quotes", "claims", "dates", "places")


@dataclass
class WriteResult:
    added: int = 0
    unchanged: int = 0
    failures: int = 0
    added_ids: list[str] = field(default_factory=list)


class Ledger:
    """A DuckDB ledger file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Union[str, Path], read_only: bool = False):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no ledger at {self.path}")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(set(hashes))
        if not hashes:
            return set()
        rows = self.con.execute("SELECT sha256 FROM articles WHERE sha256 IN (SELECT unnest(?))", [hashes]).fetchall()
        return {r[0] for r in rows}

    def write(self, items: Iterable[Union[Extraction, Failure]]) -> WriteResult:
        """Store a batch of extractions and failures in one transaction; known texts are skipped."""
        items = list(items)
        result = WriteResult()
        extractions = [x for x in items if isinstance(x, Extraction)]
        known = self.known_hashes(x.sha256 for x in extractions)
        fresh: dict[str, Extraction] = {}
        for x in extractions:
            if x.sha256 in known or x.sha256 in fresh:
                result.unchanged += 1
            else:
                fresh[x.sha256] = x
        failures = [f for f in items if isinstance(f, Failure)]
        now = dt.datetime.now()
        tables: dict[str, list[dict]] = {name: [] for name in ("articles", "extractions", *RECORD_TABLES)}
        for x in fresh.values():
            for name, rows in flatten(x, now).items():
                tables[name].extend(rows)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name, rows in tables.items():
                if rows:
                    self._insert(name, rows)
            result.failures = self._write_failures(failures, now)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        result.added = len(fresh)
        result.added_ids = [x.id for x in fresh.values()]
        return result

    def _insert(self, table: str, rows: list[dict]) -> None:
        frame = pd.DataFrame.from_records(rows)
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        self.con.register("_incoming", frame)
        try:
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def _write_failures(self, failures: list[Failure], now: dt.datetime) -> int:
        """Record failures not recorded before (same input, same reason), so re-runs add nothing."""
        existing = set(self.con.execute("SELECT origin, reason FROM failures").fetchall()) if failures else set()
        rows = []
        for f in failures:
            if (f.origin, f.reason) in existing:
                continue
            existing.add((f.origin, f.reason))
            rows.append({"origin": f.origin, "reason": f.reason, "article_id": f.article_id, "sha256": f.sha256, "recorded_at": now})
        if rows:
            self._insert("failures", rows)
        return len(rows)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", *RECORD_TABLES, "failures")}

    def query(self, sql: str, params: Optional[list] = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def record(self, article_id: str) -> Optional[dict]:
        """The stored output-contract record of one article."""
        row = self.con.execute("SELECT record FROM extractions WHERE id = ? LIMIT 1", [article_id]).fetchone()
        return json.loads(row[0]) if row else None


def flatten(x: Extraction, now: dt.datetime) -> dict[str, list[dict]]:
    """Rows for every table from one extraction."""
    key = {"sha256": x.sha256, "article_id": x.id}
    actors = {a.id: a for a in x.actors}
    dates = {d.id: d for d in x.dates}
    places = {p.id: p for p in x.places}

    def name(actor_id: Optional[str]) -> Optional[str]:
        return actors[actor_id].name if actor_id in actors else None

    def code(actor_id: Optional[str]) -> Optional[str]:
        return actors[actor_id].cameo_code if actor_id in actors else None

    return {
        "articles": [{
            "sha256": x.sha256, "id": x.id, "title": x.title, "url": x.url, "source": x.source,
            "published": dt.date.fromisoformat(x.published) if x.published else None, "language": x.language,
            "n_chars": len(x.text), "n_sentences": len(x.sentences), "text": x.text, "ingested_at": now,
        }],
        "extractions": [{"sha256": x.sha256, "id": x.id, "record": json.dumps(x.to_dict(), ensure_ascii=False)}],
        "actors": [{
            **key, "actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
            "cameo_code": a.cameo_code, "role": a.role, "n_mentions": len(a.mentions),
            "first_mention": x.span_text(a.mentions[0]) if a.mentions else None,
        } for a in x.actors],
        "events": [{
            **key, "event_id": e.id, "sentence": e.sentence, "source": e.source, "source_name": name(e.source),
            "source_code": code(e.source), "target": e.target, "target_name": name(e.target), "target_code": code(e.target),
            "cameo": e.cameo, "cameo_root": e.cameo_root, "plover": e.plover, "quad_class": e.quad_class,
            "goldstein": e.goldstein, "negated": e.negated, "hypothetical": e.hypothetical, "historical": e.historical,
            "attributed_to": e.attributed_to, "reciprocal": e.reciprocal,
            "date": dates[e.date].value if e.date in dates else None,
            "date_precision": dates[e.date].precision if e.date in dates else None,
            "place_name": places[e.place].name if e.place in places else None,
            "place_country": places[e.place].country if e.place in places else None,
            "lat": places[e.place].lat if e.place in places else None,
            "lon": places[e.place].lon if e.place in places else None,
            "confidence": e.confidence, "trigger_text": x.span_text(e.trigger), "evidence_text": x.span_text(e.evidence),
            "evidence_start": e.evidence[0], "evidence_end": e.evidence[1],
        } for e in x.events],
        "quotes": [{
            **key, "quote_id": q.id, "speaker": q.speaker, "speaker_name": name(q.speaker), "speaker_code": code(q.speaker),
            "kind": q.kind, "cue_text": x.span_text(q.cue_span), "content_text": x.span_text(q.content_span),
            "content_start": q.content_span[0], "content_end": q.content_span[1],
        } for q in x.quotes],
        "claims": [{
            **key, "claim_id": c.id, "source": c.source, "source_name": name(c.source), "source_code": code(c.source),
            "about": c.about, "about_code": code(c.about), "hedged": c.hedged,
            "value": c.quantity.value if c.quantity else None, "low": c.quantity.low if c.quantity else None,
            "high": c.quantity.high if c.quantity else None, "unit": c.quantity.unit if c.quantity else None,
            "unit_kind": c.quantity.unit_kind if c.quantity else None,
            "approximate": c.quantity.approximate if c.quantity else None, "evidence_text": x.span_text(c.evidence),
        } for c in x.claims],
        "dates": [{
            **key, "date_id": d.id, "text": d.text, "value": d.value, "start_date": d.start, "end_date": d.end,
            "precision": d.precision, "relative": d.relative, "unresolved": d.unresolved,
        } for d in x.dates],
        "places": [{
            **key, "place_id": p.id, "text": x.span_text(p.span), "name": p.name, "country": p.country,
            "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid, "feature": p.feature,
        } for p in x.places],
    }

"""The ledger's tables. Per-article tables are keyed by the SHA-256 of the article text and the
record's id within its article; spans are kept as start/end columns next to the text they cover."""
from __future__ import annotations

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

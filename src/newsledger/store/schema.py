"""The ledger's tables, as data. Per-article tables are keyed by the SHA-256 of the article text and
the record's id within its article; spans are kept as start/end columns next to the text they cover.

``apply_schema`` creates missing tables and adds missing columns, so a ledger written by an older
version opens with the current layout (new columns are NULL for the rows it already holds).
"""
from __future__ import annotations

import duckdb

#: table -> ordered (column, DuckDB type) pairs. Add columns at the end of a table's list.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("sha256", "VARCHAR PRIMARY KEY"), ("id", "VARCHAR"), ("title", "VARCHAR"), ("url", "VARCHAR"), ("source", "VARCHAR"),
        ("published", "DATE"), ("language", "VARCHAR"), ("n_chars", "INTEGER"), ("n_sentences", "INTEGER"), ("text", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"), ("dateline", "VARCHAR"), ("byline", "VARCHAR"),
    ),
    "extractions": (("sha256", "VARCHAR PRIMARY KEY"), ("id", "VARCHAR"), ("record", "JSON")),
    "actors": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"),
        ("country", "VARCHAR"), ("sector", "VARCHAR"), ("cameo_code", "VARCHAR"), ("role", "VARCHAR"), ("n_mentions", "INTEGER"),
        ("first_mention", "VARCHAR"),
    ),
    "events": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("event_id", "VARCHAR"), ("sentence", "INTEGER"),
        ("source", "VARCHAR"), ("source_name", "VARCHAR"), ("source_code", "VARCHAR"),
        ("target", "VARCHAR"), ("target_name", "VARCHAR"), ("target_code", "VARCHAR"),
        ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("plover", "VARCHAR"), ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"),
        ("negated", "BOOLEAN"), ("hypothetical", "BOOLEAN"), ("historical", "BOOLEAN"), ("attributed_to", "VARCHAR"), ("reciprocal", "BOOLEAN"),
        ("date", "VARCHAR"), ("date_precision", "VARCHAR"), ("place_name", "VARCHAR"), ("place_country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("confidence", "DOUBLE"), ("trigger_text", "VARCHAR"), ("evidence_text", "VARCHAR"),
        ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
        ("date_start", "DATE"), ("date_end", "DATE"), ("attributed", "BOOLEAN"), ("pattern", "VARCHAR"),
        ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"), ("date_id", "VARCHAR"), ("place_id", "VARCHAR"),
    ),
    "quotes": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("quote_id", "VARCHAR"), ("speaker", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_code", "VARCHAR"), ("kind", "VARCHAR"), ("cue_text", "VARCHAR"), ("content_text", "VARCHAR"),
        ("content_start", "INTEGER"), ("content_end", "INTEGER"), ("cue_class", "VARCHAR"),
    ),
    "claims": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("claim_id", "VARCHAR"), ("source", "VARCHAR"), ("source_name", "VARCHAR"),
        ("source_code", "VARCHAR"), ("about", "VARCHAR"), ("about_code", "VARCHAR"), ("hedged", "BOOLEAN"),
        ("value", "DOUBLE"), ("low", "DOUBLE"), ("high", "DOUBLE"), ("unit", "VARCHAR"), ("unit_kind", "VARCHAR"),
        ("approximate", "BOOLEAN"), ("evidence_text", "VARCHAR"),
        ("about_name", "VARCHAR"), ("currency", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
    ),
    "dates": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("date_id", "VARCHAR"), ("text", "VARCHAR"), ("value", "VARCHAR"),
        ("start_date", "VARCHAR"), ("end_date", "VARCHAR"), ("precision", "VARCHAR"), ("relative", "BOOLEAN"), ("unresolved", "BOOLEAN"),
    ),
    "places": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("place_id", "VARCHAR"), ("text", "VARCHAR"), ("name", "VARCHAR"),
        ("country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"), ("feature", "VARCHAR"),
    ),
    "failures": (
        ("origin", "VARCHAR"), ("reason", "VARCHAR"), ("article_id", "VARCHAR"), ("sha256", "VARCHAR"), ("recorded_at", "TIMESTAMP"),
    ),
    # The corpus tables: rebuilt as a whole from the per-article tables by ``newsledger.corpus.rebuild``
    # (so they depend only on which articles the ledger holds, never on the order they came in).
    "corpus_actors": (
        ("corpus_actor_id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"), ("code", "VARCHAR"),
        ("country", "VARCHAR"), ("sector", "VARCHAR"), ("n_articles", "INTEGER"), ("n_mentions", "INTEGER"),
        ("names", "VARCHAR[]"), ("codes", "VARCHAR[]"), ("first_seen", "DATE"), ("last_seen", "DATE"), ("identity", "VARCHAR"),
    ),
    "actor_links": (
        ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("corpus_actor_id", "VARCHAR"),
        ("rule", "VARCHAR"),
    ),
    "corpus_events": (
        ("corpus_event_id", "VARCHAR"), ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("plover", "VARCHAR"),
        ("plover_mode", "VARCHAR"), ("plover_context", "VARCHAR"), ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"),
        ("source", "VARCHAR"), ("source_name", "VARCHAR"), ("source_code", "VARCHAR"),
        ("target", "VARCHAR"), ("target_name", "VARCHAR"), ("target_code", "VARCHAR"),
        ("date_start", "DATE"), ("date_end", "DATE"), ("date_precision", "VARCHAR"),
        ("place_name", "VARCHAR"), ("place_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"),
        ("place_feature", "VARCHAR"), ("n_mentions", "INTEGER"), ("n_articles", "INTEGER"), ("n_sources", "INTEGER"),
        ("articles", "VARCHAR[]"), ("first_published", "DATE"), ("last_published", "DATE"),
        ("root_sha256", "VARCHAR"), ("root_event_id", "VARCHAR"), ("evidence_text", "VARCHAR"), ("url", "VARCHAR"),
    ),
    "event_mentions": (
        ("corpus_event_id", "VARCHAR"), ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("event_id", "VARCHAR"),
        ("sentence", "INTEGER"), ("published", "DATE"), ("outlet", "VARCHAR"), ("url", "VARCHAR"),
        ("cameo", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"), ("date_precision", "VARCHAR"), ("place_name", "VARCHAR"),
        ("evidence_text", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
        ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"), ("confidence", "DOUBLE"),
        ("is_root", "BOOLEAN"), ("rule", "VARCHAR"), ("reason", "VARCHAR"),
    ),
    "claim_threads": (
        ("thread_id", "VARCHAR"), ("about", "VARCHAR"), ("about_name", "VARCHAR"), ("about_code", "VARCHAR"),
        ("place_name", "VARCHAR"), ("unit_kind", "VARCHAR"), ("unit", "VARCHAR"), ("n_claims", "INTEGER"),
        ("n_articles", "INTEGER"), ("n_sources", "INTEGER"), ("first_date", "DATE"), ("last_date", "DATE"),
        ("first_value", "DOUBLE"), ("last_value", "DOUBLE"), ("min_value", "DOUBLE"), ("max_value", "DOUBLE"),
        ("disagreement", "BOOLEAN"),
    ),
    "claim_thread_values": (
        ("thread_id", "VARCHAR"), ("seq", "INTEGER"), ("sha256", "VARCHAR"), ("article_id", "VARCHAR"), ("claim_id", "VARCHAR"),
        ("date", "DATE"), ("value", "DOUBLE"), ("low", "DOUBLE"), ("high", "DOUBLE"), ("source_name", "VARCHAR"),
        ("source_code", "VARCHAR"), ("outlet", "VARCHAR"), ("evidence_text", "VARCHAR"),
    ),
    "corpus_meta": (
        ("built_at", "TIMESTAMP"), ("n_articles", "INTEGER"), ("n_mentions", "INTEGER"), ("seconds", "DOUBLE"),
    ),
    # what was repaired or dropped on the way in while the article was kept (stored with the article)
    "warnings": (
        ("origin", "VARCHAR"), ("article_id", "VARCHAR"), ("sha256", "VARCHAR"), ("message", "VARCHAR"),
    ),
}

RECORD_TABLES = ("actors", "events", "quotes", "claims", "dates", "places")
#: Derived from the per-article tables, replaced as a whole on every rebuild.
CORPUS_TABLES = ("corpus_actors", "actor_links", "corpus_events", "event_mentions", "claim_threads", "claim_thread_values")

def create_table_sql(name: str) -> str:
    columns = ", ".join(f'"{column}" {kind}' for column, kind in TABLES[name])
    return f"CREATE TABLE IF NOT EXISTS {name} ({columns})"


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing: tables, then columns added since the ledger was written."""
    existing = {
        (table, column)
        for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'").fetchall()
    }
    tables = {table for table, _ in existing}
    for name, columns in TABLES.items():
        if name not in tables:
            con.execute(create_table_sql(name))
            continue
        for column, kind in columns:
            if (name, column) not in existing:
                con.execute(f'ALTER TABLE {name} ADD COLUMN "{column}" {kind.replace(" PRIMARY KEY", "")}')

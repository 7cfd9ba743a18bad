"""Claim threads: claims about the same thing followed over time.

A claim with a number joins a thread keyed by what it is about and what it counts:

- **about**: the corpus actor the claim is about; when it names none, the place of an event
  reported in the same stretch of the article (an event whose evidence overlaps the claim's);
  claims about neither are not threaded;
- **what**: the quantity's kind and unit (``people``/``troops``, ``money``/``US$``), compared in lower case.

Each value keeps its date (the publication date: claims carry no date of their own), source,
outlet and article, in date order, with the first and last value (how the figure changed). A thread
is flagged ``disagreement`` when two articles or sources reporting within ``DISAGREEMENT_DAYS`` of
each other give figures that do not fit one value: their ranges are apart by more than
``DISAGREEMENT_MARGIN`` of the larger (3,000 vs 12,000 troops; 3,000-4,000 vs 3,500 is no disagreement).
Only threads of two or more claims are kept. Ids: ``T`` + 12 hex digits of the MD5 of the key.
"""
from __future__ import annotations

import duckdb

#: Relative gap between figures that counts as sources disagreeing.
DISAGREEMENT_MARGIN = 0.10
#: Figures further apart in time than this are a change over time, not a disagreement.
DISAGREEMENT_DAYS = 7


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Fill ``claim_threads`` and ``claim_thread_values`` from ``claims`` (both emptied first)."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _claim_rows AS
        WITH placed AS (  -- the place of an event in the same stretch of text, when the claim names no actor
            SELECT c.sha256, c.claim_id, first(e.place_name ORDER BY e.evidence_start, e.event_id) AS place_name
            FROM claims c JOIN events e
              ON e.sha256 = c.sha256 AND e.place_name IS NOT NULL
             AND e.evidence_start < c.evidence_end AND c.evidence_start < e.evidence_end
            WHERE c.about IS NULL GROUP BY ALL
        )
        SELECT c.sha256, c.article_id, c.claim_id, a.published AS date, c.value, c.low, c.high,
               coalesce(c.low, c.value, c.high) AS lo, coalesce(c.high, c.value, c.low) AS hi,
               c.source_name, c.source_code, coalesce(c.source, '') AS source_key, a.source AS outlet, c.evidence_text,
               c.evidence_start, l.corpus_actor_id AS about, c.unit_kind, c.unit, pl.place_name,
               coalesce('actor ' || l.corpus_actor_id, 'place ' || lower(pl.place_name)) || ' | '
                   || lower(coalesce(c.unit_kind, '')) || ' | ' || lower(coalesce(c.unit, c.currency, '')) AS thread_key
        FROM claims c JOIN articles a USING (sha256)
        LEFT JOIN actor_links l ON l.sha256 = c.sha256 AND l.actor_id = c.about
        LEFT JOIN placed pl ON pl.sha256 = c.sha256 AND pl.claim_id = c.claim_id
        WHERE coalesce(c.value, c.low, c.high) IS NOT NULL AND (l.corpus_actor_id IS NOT NULL OR pl.place_name IS NOT NULL)
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _threads AS
        SELECT thread_key, 'T' || left(md5(thread_key), 12) AS thread_id FROM _claim_rows
        GROUP BY thread_key HAVING count(*) >= 2
    """)
    con.execute("DELETE FROM claim_thread_values")
    con.execute("""
        INSERT INTO claim_thread_values
        SELECT t.thread_id, row_number() OVER (PARTITION BY t.thread_id ORDER BY r.date NULLS LAST, r.sha256, r.evidence_start, r.claim_id)::INTEGER,
               r.sha256, r.article_id, r.claim_id, r.date, r.value, r.low, r.high, r.source_name, r.source_code, r.outlet, r.evidence_text
        FROM _claim_rows r JOIN _threads t USING (thread_key)
    """)
    con.execute("DELETE FROM claim_threads")
    con.execute(f"""
        INSERT INTO claim_threads
        WITH r AS (
            SELECT r.*, t.thread_id, count(*) OVER (PARTITION BY t.thread_id, r.unit) AS n_unit
            FROM _claim_rows r JOIN _threads t USING (thread_key)
        ),
        agg AS (
            SELECT thread_id, min(about) AS about, first(place_name ORDER BY place_name) AS place_name,
                   min(unit_kind) AS unit_kind, first(unit ORDER BY n_unit DESC, unit) AS unit,
                   count(*) AS n_claims, count(DISTINCT sha256) AS n_articles, count(DISTINCT coalesce(outlet, sha256)) AS n_sources,
                   min(date) AS first_date, max(date) AS last_date,
                   first(coalesce(value, lo) ORDER BY date NULLS LAST, sha256, evidence_start, claim_id) AS first_value,
                   first(coalesce(value, hi) ORDER BY date DESC NULLS LAST, sha256 DESC, evidence_start DESC, claim_id DESC) AS last_value,
                   min(lo) AS min_value, max(hi) AS max_value
            FROM r GROUP BY thread_id
        ),
        disagreeing AS (  -- two sources, reporting within the window, whose figures do not fit one value
            SELECT DISTINCT a.thread_id
            FROM r a JOIN r b
              ON a.thread_id = b.thread_id AND (a.sha256 || '/' || a.source_key) < (b.sha256 || '/' || b.source_key)
             AND abs(coalesce(a.date - b.date, 0)) <= {DISAGREEMENT_DAYS}
             AND greatest(a.lo, b.lo) - least(a.hi, b.hi) > {DISAGREEMENT_MARGIN} * greatest(abs(a.hi), abs(b.hi))
        )
        SELECT g.thread_id, g.about, ca.name, ca.code, g.place_name, g.unit_kind, g.unit, g.n_claims, g.n_articles, g.n_sources,
               g.first_date, g.last_date, g.first_value, g.last_value, g.min_value, g.max_value, d.thread_id IS NOT NULL
        FROM agg g LEFT JOIN corpus_actors ca ON ca.corpus_actor_id = g.about LEFT JOIN disagreeing d USING (thread_id)
    """)
    con.execute("DROP TABLE IF EXISTS _claim_rows")
    con.execute("DROP TABLE IF EXISTS _threads")

"""Corpus events: event mentions from many articles (and repeated within one) merged into one event.

Only asserted mentions take part (not negated, not hypothetical). Two mentions can be one event when
they share a **block**: the same source and target (the same corpus actor, or for a country-level
actor (a country, or a generic group such as ``Russian forces``) the same country, so ``Russia`` and
``Russian forces`` agree; people and named organisations only match themselves), the same action (PLOVER
category, or the CAMEO base code when there is none). Within a block, dates and places decide, in
three deterministic steps:

1. **Dated to the day** (the clause gives a day): mentions of the same day and place are one event.
   A mention without a place joins the day's event when that day has exactly one place reported
   (and its country, if given, agrees). Two strikes on consecutive days stay two events.
2. **Dated loosely** (the publication date only, a ``reported`` date, weak evidence; or a month or
   a short range): the mention joins a step-1 event of its block whose day lies in its window:
   for a reported date the 3 days up to publication, for a month or range that period. The event
   in the same article wins, then the nearest day, then the smaller key. A year-wide date ("in
   2008", a historical event mentioned again years later) joins only the one such event in its year.
3. **The rest** merge with each other when their windows overlap (gaps-and-islands over the date
   windows), per place; a placeless group joins the one placed group it overlaps, when there is
   exactly one. Year-wide dates left over only merge with the same period.

A historical mention (``historical``) without a date of its own never joins a current event.
Every mention keeps the rule and a sentence saying why it joined (``event_mentions.rule/reason``).
The event id is ``E`` + 12 hex digits of the MD5 of its earliest mention (publication date, article
hash, event id), so the same articles always give the same ids, in whatever order they came.
"""
from __future__ import annotations

import duckdb

#: Days before publication a ``reported`` (publication-dated) mention may refer to.
REPORTED_WINDOW_DAYS = 3
#: Longest own date range (days) still treated as a window rather than a period.
LOOSE_RANGE_DAYS = 31


def build(con: duckdb.DuckDBPyConnection, cameo_table: str) -> None:
    """Fill ``corpus_events`` and ``event_mentions`` from ``events`` + ``actor_links``.
    ``cameo_table`` names a table with the CAMEO codes' PLOVER mode and context."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _m0 AS
        WITH raw AS (
            SELECT e.sha256, e.article_id, e.event_id, e.sentence, a.published,
                   coalesce(a.source, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.sha256) AS outlet_key,
                   a.source AS outlet, a.url,
                   e.source AS source_actor, e.target AS target_actor, ls.corpus_actor_id AS src_ca, lt.corpus_actor_id AS tgt_ca,
                   e.source_code, e.target_code, e.source_name, e.target_name,
                   CASE WHEN sa.country ~ '^[A-Z]{{3}}$' AND sa.kind IN ('country', 'group') THEN 'C:' || sa.country
                        WHEN ls.corpus_actor_id IS NOT NULL THEN 'A:' || ls.corpus_actor_id ELSE '-' END AS src_key,
                   CASE WHEN ta.country ~ '^[A-Z]{{3}}$' AND ta.kind IN ('country', 'group') THEN 'C:' || ta.country
                        WHEN lt.corpus_actor_id IS NOT NULL THEN 'A:' || lt.corpus_actor_id ELSE '-' END AS tgt_key,
                   coalesce(e.plover, 'CAMEO ' || left(e.cameo, 3)) AS action_key,
                   e.cameo, e.cameo_root, e.plover, e.quad_class, e.goldstein, e.historical, e.confidence,
                   e.date_precision, coalesce(e.date_start, a.published) AS ds, coalesce(e.date_end, e.date_start, a.published) AS de,
                   e.place_name, e.place_country, e.lat, e.lon, p.geonameid, p.feature AS place_feature,
                   CASE WHEN e.place_name IS NOT NULL AND coalesce(p.feature, '') <> 'country' THEN lower(e.place_name) END AS place_key,
                   e.evidence_text, e.evidence_start, e.evidence_end, e.trigger_start, e.trigger_end
            FROM events e JOIN articles a USING (sha256)
            LEFT JOIN actor_links ls ON ls.sha256 = e.sha256 AND ls.actor_id = e.source
            LEFT JOIN actor_links lt ON lt.sha256 = e.sha256 AND lt.actor_id = e.target
            LEFT JOIN actors sa ON sa.sha256 = e.sha256 AND sa.actor_id = e.source
            LEFT JOIN actors ta ON ta.sha256 = e.sha256 AND ta.actor_id = e.target
            LEFT JOIN places p ON p.sha256 = e.sha256 AND p.place_id = e.place_id
            WHERE NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)
        )
        SELECT *,
               CASE WHEN date_precision = 'day' AND ds IS NOT NULL THEN 'day'
                    WHEN date_precision IN ('month', 'range') AND de - ds <= {LOOSE_RANGE_DAYS} THEN 'window'
                    WHEN date_precision IN ('year', 'range', 'month') THEN 'period'
                    ELSE 'reported' END AS strength,
               src_key || ' > ' || tgt_key || ' : ' || action_key
                   || CASE WHEN historical AND coalesce(date_precision, 'reported') = 'reported' THEN ' (historical)' ELSE '' END AS block
        FROM raw
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _m AS
        SELECT *, CASE WHEN strength = 'reported' THEN ds - {REPORTED_WINDOW_DAYS} ELSE ds END AS lo,
                  CASE WHEN strength = 'reported' THEN ds ELSE de END AS hi
        FROM _m0
    """)
    con.execute("DROP TABLE _m0")
    _step1_days(con)
    _step2_loose(con)
    _step3_rest(con)
    _write(con, cameo_table)
    for table in ("_m", "_day_groups", "_assigned", "_loose_pick", "_rest"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def _step1_days(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _day_groups AS
        SELECT block, ds AS day, place_key, min(place_country) AS place_country
        FROM _m WHERE strength = 'day' AND place_key IS NOT NULL GROUP BY ALL
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _assigned AS
        WITH unplaced_pick AS (
            SELECT m.sha256, m.event_id, min(g.place_key) AS place_key, count(*) AS n
            FROM _m m JOIN _day_groups g
              ON g.block = m.block AND g.day = m.ds AND (m.place_country IS NULL OR g.place_country IS NULL OR g.place_country = m.place_country)
            WHERE m.strength = 'day' AND m.place_key IS NULL GROUP BY ALL
        )
        SELECT m.sha256, m.event_id,
               m.block || ' @ ' || strftime(m.ds, '%Y-%m-%d') || ' @ ' || coalesce(m.place_key, CASE WHEN u.n = 1 THEN u.place_key END, '*') AS cluster,
               CASE WHEN m.place_key IS NOT NULL THEN 'same day and place'
                    WHEN u.n = 1 THEN 'same day, no place given' ELSE 'same day' END AS rule,
               CASE WHEN m.place_key IS NOT NULL THEN 'same actors and action, dated ' || strftime(m.ds, '%Y-%m-%d') || ' at ' || m.place_name
                    WHEN u.n = 1 THEN 'same actors and action, dated ' || strftime(m.ds, '%Y-%m-%d')
                                      || '; gives no place, and the only place reported for that day is ' || u.place_key
                    ELSE 'same actors and action, dated ' || strftime(m.ds, '%Y-%m-%d') END AS reason
        FROM _m m LEFT JOIN unplaced_pick u USING (sha256, event_id)
        WHERE m.strength = 'day'
    """)


def _step2_loose(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _loose_pick AS
        WITH anchors AS (
            -- one row per step-1 event (its mentions may spell the place differently: min keeps it deterministic)
            SELECT a.cluster, min(m.block) AS block, min(m.ds) AS day, min(m.place_key) AS place_key,
                   min(m.place_country) AS place_country, min(m.place_name) AS place_name, list(DISTINCT m.sha256) AS shas
            FROM _assigned a JOIN _m m USING (sha256, event_id) GROUP BY a.cluster
        ),
        candidates AS (
            SELECT m.sha256, m.event_id, c.cluster, c.day, c.place_name, list_contains(c.shas, m.sha256) AS same_article,
                   row_number() OVER (PARTITION BY m.sha256, m.event_id
                                      ORDER BY list_contains(c.shas, m.sha256) DESC, m.hi - c.day, c.cluster) AS pick,
                   count(*) OVER (PARTITION BY m.sha256, m.event_id) AS n_candidates, m.strength
            FROM _m m JOIN anchors c
              ON c.block = m.block AND c.day BETWEEN m.lo AND m.hi
             AND (m.place_key IS NULL OR c.place_key IS NULL OR c.place_key = m.place_key)
             AND (m.place_country IS NULL OR c.place_country IS NULL OR c.place_country = m.place_country)
            WHERE m.strength IN ('reported', 'window', 'period')
        )
        SELECT * FROM candidates WHERE pick = 1 AND (strength <> 'period' OR n_candidates = 1)
    """)
    con.execute("""
        INSERT INTO _assigned
        SELECT p.sha256, p.event_id, p.cluster,
               CASE m.strength WHEN 'reported' THEN 'reported date' WHEN 'period' THEN 'within the period' ELSE 'date window' END,
               'same actors and action; '
               || CASE WHEN m.strength = 'reported' THEN 'dated only by publication (' || strftime(m.ds, '%Y-%m-%d') || '), '
                       ELSE 'dated ' || strftime(m.ds, '%Y-%m-%d') || '..' || strftime(m.de, '%Y-%m-%d') || ' (' || m.date_precision || '), ' END
               || 'joined the event of ' || strftime(p.day, '%Y-%m-%d')
               || coalesce(' at ' || p.place_name, '')
               || CASE WHEN p.same_article THEN ' reported in the same article'
                       WHEN m.strength = 'period' THEN ' (the only such day in the period)' ELSE ' (the nearest such day)' END
        FROM _loose_pick p JOIN _m m USING (sha256, event_id)
    """)


def _step3_rest(con: duckdb.DuckDBPyConnection) -> None:
    """Islands of overlapping windows per (block, place); periods group by their exact period."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _rest AS
        WITH rest AS (
            SELECT m.* FROM _m m ANTI JOIN _assigned a USING (sha256, event_id)
        ),
        windows AS (
            SELECT *, block || ' @ ' || coalesce(place_key, '*') AS part,
                   max(hi) OVER (PARTITION BY block, coalesce(place_key, '*'), strength = 'period' ORDER BY lo, hi, sha256, event_id
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_hi
            FROM rest
        ),
        islands AS (
            SELECT *, sum(CASE WHEN prev_hi IS NULL OR lo > prev_hi THEN 1 ELSE 0 END)
                          OVER (PARTITION BY part, strength = 'period' ORDER BY lo, hi, sha256, event_id) AS island
            FROM windows
        )
        SELECT sha256, event_id, block, place_key, place_country, strength, lo, hi, ds, de, article_id,
               CASE WHEN strength = 'period' THEN part || ' @ ' || strftime(ds, '%Y-%m-%d') || '..' || strftime(de, '%Y-%m-%d')
                    ELSE part || ' # ' || island END AS cluster
        FROM islands
    """)
    # A placeless island joins the single placed island of its block whose window overlaps it.
    con.execute("""
        INSERT INTO _assigned
        WITH spans AS (
            SELECT cluster, block, place_key, min(place_country) AS place_country, min(lo) AS lo, max(hi) AS hi, count(*) AS n,
                   count(DISTINCT sha256) AS n_articles, bool_or(strength = 'period') AS period
            FROM _rest GROUP BY cluster, block, place_key
        ),
        placeless AS (
            SELECT u.cluster, min(p.cluster) AS into_cluster, count(*) AS n_candidates
            FROM spans u JOIN spans p
              ON u.place_key IS NULL AND p.place_key IS NOT NULL AND p.block = u.block AND NOT u.period AND NOT p.period
             AND p.lo <= u.hi AND u.lo <= p.hi AND (u.place_country IS NULL OR p.place_country IS NULL OR u.place_country = p.place_country)
            GROUP BY u.cluster
        ),
        final AS (
            SELECT r.*, coalesce(CASE WHEN pl.n_candidates = 1 THEN pl.into_cluster END, r.cluster) AS final_cluster,
                   pl.n_candidates = 1 AS joined_place
            FROM _rest r LEFT JOIN placeless pl USING (cluster)
        ),
        sized AS (
            SELECT *, count(*) OVER (PARTITION BY final_cluster) AS n,
                      count(DISTINCT sha256) OVER (PARTITION BY final_cluster) AS n_art FROM final
        )
        SELECT sha256, event_id, final_cluster,
               CASE WHEN strength = 'period' THEN 'same period'
                    WHEN n = 1 THEN 'alone'
                    WHEN n_art = 1 THEN 'same article'
                    ELSE 'overlapping dates' END,
               CASE WHEN strength = 'period' THEN 'same actors and action over the same period ' || strftime(ds, '%Y-%m-%d') || '..' || strftime(de, '%Y-%m-%d')
                    WHEN n = 1 THEN 'no other mention of the same actors and action in its date window'
                    ELSE 'same actors and action, date windows overlap (' || strftime(lo, '%Y-%m-%d') || '..' || strftime(hi, '%Y-%m-%d') || ')'
                         || CASE WHEN joined_place THEN '; gives no place, and only one place is reported for that time' ELSE '' END
               END
        FROM sized
    """)


def _write(con: duckdb.DuckDBPyConnection, cameo_table: str) -> None:
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _clustered AS
        WITH j AS (
            SELECT m.*, a.cluster, a.rule, a.reason FROM _m m JOIN _assigned a USING (sha256, event_id)
        ),
        rooted AS (
            SELECT *, first(sha256 || '/' || event_id ORDER BY published NULLS LAST, sha256, sentence, event_id)
                          OVER (PARTITION BY cluster) AS root_key
            FROM j
        )
        SELECT *, 'E' || left(md5(root_key), 12) AS corpus_event_id, (sha256 || '/' || event_id) = root_key AS is_root FROM rooted
    """)
    con.execute("DELETE FROM event_mentions")
    con.execute("""
        INSERT INTO event_mentions (corpus_event_id, sha256, article_id, event_id, sentence, published, outlet, url, cameo,
                                    date_start, date_end, date_precision, place_name, evidence_text, evidence_start, evidence_end,
                                    trigger_start, trigger_end, confidence, is_root, rule, reason)
        SELECT corpus_event_id, sha256, article_id, event_id, sentence, published, outlet, url, cameo, ds, de,
               coalesce(date_precision, 'reported'), place_name, evidence_text, evidence_start, evidence_end,
               trigger_start, trigger_end, confidence, is_root,
               CASE WHEN is_root THEN 'first report' ELSE rule END,
               CASE WHEN is_root THEN 'the earliest report of this event (' || reason || ')' ELSE reason END
        FROM _clustered
    """)
    con.execute("DELETE FROM corpus_events")
    con.execute(f"""
        INSERT INTO corpus_events
        WITH c AS (
            SELECT *, count(*) OVER (PARTITION BY corpus_event_id, cameo) AS n_cameo,
                      count(src_ca) OVER (PARTITION BY corpus_event_id, src_ca) AS n_src,
                      count(tgt_ca) OVER (PARTITION BY corpus_event_id, tgt_ca) AS n_tgt,
                      count(source_code) OVER (PARTITION BY corpus_event_id, source_code) AS n_src_code,
                      count(target_code) OVER (PARTITION BY corpus_event_id, target_code) AS n_tgt_code,
                      count(place_name) OVER (PARTITION BY corpus_event_id, place_name) AS n_place,
                      CASE strength WHEN 'day' THEN 1 WHEN 'window' THEN 2 WHEN 'period' THEN 3 ELSE 4 END AS rank_date
            FROM _clustered
        ),
        agg AS (
            SELECT corpus_event_id,
                   first(cameo ORDER BY n_cameo DESC, length(cameo) DESC, cameo) AS cameo,
                   first(plover ORDER BY n_cameo DESC, length(cameo) DESC, cameo) AS plover,
                   first(quad_class ORDER BY n_cameo DESC, length(cameo) DESC, cameo) AS quad_class,
                   first(goldstein ORDER BY n_cameo DESC, length(cameo) DESC, cameo) AS goldstein,
                   first(src_ca ORDER BY n_src DESC, src_ca) FILTER (WHERE src_ca IS NOT NULL) AS source,
                   first(tgt_ca ORDER BY n_tgt DESC, tgt_ca) FILTER (WHERE tgt_ca IS NOT NULL) AS target,
                   first(source_code ORDER BY n_src_code DESC, length(source_code) DESC, source_code) FILTER (WHERE source_code IS NOT NULL) AS source_code,
                   first(target_code ORDER BY n_tgt_code DESC, length(target_code) DESC, target_code) FILTER (WHERE target_code IS NOT NULL) AS target_code,
                   min(rank_date) AS best_date,
                   first(place_name ORDER BY n_place DESC, place_name) FILTER (WHERE place_name IS NOT NULL) AS place_name,
                   count(*) AS n_mentions, count(DISTINCT sha256) AS n_articles, count(DISTINCT outlet_key) AS n_sources,
                   list_distinct(list(article_id ORDER BY published NULLS LAST, article_id)) AS articles,
                   min(published) AS first_published, max(published) AS last_published,
                   first(sha256) FILTER (WHERE is_root) AS root_sha256, first(event_id) FILTER (WHERE is_root) AS root_event_id,
                   first(evidence_text) FILTER (WHERE is_root) AS evidence_text, first(url) FILTER (WHERE is_root) AS url
            FROM c GROUP BY corpus_event_id
        ),
        dates AS (  -- the event's dates come from its best-dated mentions
            SELECT c.corpus_event_id, min(c.ds) AS date_start, max(c.de) AS date_end,
                   first(coalesce(c.date_precision, 'reported') ORDER BY c.ds) AS date_precision
            FROM c JOIN agg a ON a.corpus_event_id = c.corpus_event_id AND c.rank_date = a.best_date GROUP BY c.corpus_event_id
        ),
        place AS (
            SELECT DISTINCT ON (c.corpus_event_id) c.corpus_event_id, c.place_country, c.lat, c.lon, c.geonameid, c.place_feature
            FROM c JOIN agg a ON a.corpus_event_id = c.corpus_event_id AND c.place_name = a.place_name
            ORDER BY c.corpus_event_id, c.sha256, c.event_id
        ),
        country_place AS (  -- no place of its own: the country, when the mentions name one
            SELECT corpus_event_id, first(place_country ORDER BY place_country) AS place_country
            FROM c WHERE place_country IS NOT NULL GROUP BY corpus_event_id
        )
        SELECT a.corpus_event_id, a.cameo, left(a.cameo, 2), a.plover,
               nullif(coalesce(k.plover_mode_2021, kb.plover_mode_2021), ''), nullif(coalesce(k.plover_context_2021, kb.plover_context_2021), ''),
               a.quad_class, a.goldstein,
               a.source, sa.name, a.source_code, a.target, ta.name, a.target_code,
               d.date_start, d.date_end, d.date_precision,
               a.place_name, coalesce(p.place_country, cp.place_country), p.lat, p.lon, p.geonameid, p.place_feature,
               a.n_mentions, a.n_articles, a.n_sources, a.articles, a.first_published, a.last_published,
               a.root_sha256, a.root_event_id, a.evidence_text, a.url
        FROM agg a JOIN dates d USING (corpus_event_id)
        LEFT JOIN place p USING (corpus_event_id)
        LEFT JOIN country_place cp USING (corpus_event_id)
        LEFT JOIN corpus_actors sa ON sa.corpus_actor_id = a.source
        LEFT JOIN corpus_actors ta ON ta.corpus_actor_id = a.target
        LEFT JOIN {cameo_table} k ON k.cameo_code = a.cameo
        LEFT JOIN {cameo_table} kb ON kb.cameo_code = left(a.cameo, 3)
    """)
    con.execute("DROP TABLE IF EXISTS _clustered")

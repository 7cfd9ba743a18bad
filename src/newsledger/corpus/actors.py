"""Corpus actors: the per-article actors that are one entity across the corpus share one id.

Identity rules, in SQL over the ``actors`` table (``actor_links`` says which rule joined each one):

- **code**: countries, IGOs and groups that carry a CAMEO code are the actor of that code
  (``Russia`` and ``Russian`` → ``RUS``; ``Saudi officials`` and ``Saudi Interior Ministry`` → ``SAUGOV``).
- **name**: people, organisations and uncoded groups by their normalised name (lower case, no
  accents, punctuation or leading "the"/"Mr"). A name used with two different countries is two
  actors (one per country); a mention without a country joins when only one country is known.
- **partial name**: a person named by part of a name ("Putin", "Obama") joins the full name
  ("Vladimir Putin") whose tokens contain it and whose surname it shares, when exactly one such
  full name exists in the corpus and their countries do not contradict each other. Two candidates
  ("Clinton": Bill and Hillary) leave the partial name on its own.

Ids are ``A`` + 12 hex digits of the MD5 of the identity key (``code:RUS``, ``person:vladimir putin|RUS``),
so they depend on what the corpus holds, never on insertion order.
"""
from __future__ import annotations

import duckdb

#: Titles dropped from the front of a name before comparing names.
_NAME_PREFIX = r"^(the|mr|mrs|ms|dr|sir|dame) "


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Fill ``corpus_actors`` and ``actor_links`` from ``actors`` (both emptied first)."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _actor_rows AS
        WITH base AS (
            SELECT a.sha256, a.article_id, a.actor_id, a.name, a.kind, a.cameo_code AS code, a.country, a.sector,
                   coalesce(a.n_mentions, 1) AS n_mentions, ar.published,
                   regexp_replace(trim(regexp_replace(lower(strip_accents(coalesce(a.name, ''))), '[^a-z0-9]+', ' ', 'g')),
                                  '{_NAME_PREFIX}', '') AS norm
            FROM actors a JOIN articles ar USING (sha256)
        )
        SELECT *,
               CASE WHEN code IS NOT NULL AND kind IN ('country', 'igo', 'group') THEN 'code'
                    WHEN norm = '' THEN 'code'
                    ELSE 'name' END AS basis,
               CASE WHEN kind = 'person' THEN 'person' ELSE 'org' END AS name_class
        FROM base
    """)
    # Name-based entities: (class, norm, country). A norm seen with one country (or none) is one entity.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _name_entities AS
        WITH per_norm AS (
            SELECT name_class, norm, count(DISTINCT country) AS n_countries, min(country) AS only_country
            FROM _actor_rows WHERE basis = 'name' GROUP BY ALL
        )
        SELECT DISTINCT r.name_class, r.norm,
               CASE WHEN p.n_countries <= 1 THEN p.only_country ELSE r.country END AS country,
               CASE WHEN p.n_countries <= 1 THEN 'name' WHEN r.country IS NULL THEN 'name, country unknown' ELSE 'name and country' END AS rule
        FROM _actor_rows r JOIN per_norm p USING (name_class, norm)
        WHERE r.basis = 'name'
    """)
    # Partial person names: the unique maximal full name that contains the name and ends with its surname.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _partial AS
        WITH people AS (
            SELECT norm, country, string_split(norm, ' ') AS toks FROM _name_entities WHERE name_class = 'person'
        ),
        contains AS (  -- p is a part of q
            SELECT p.norm AS p_norm, p.country AS p_country, q.norm AS q_norm, q.country AS q_country
            FROM people p JOIN people q
              ON list_last(p.toks) = list_last(q.toks) AND len(p.toks) < len(q.toks) AND list_has_all(q.toks, p.toks)
             AND (p.country IS NULL OR q.country IS NULL OR p.country = q.country)
        ),
        maximal AS (
            SELECT c.* FROM contains c
            WHERE NOT EXISTS (SELECT 1 FROM contains d WHERE d.p_norm = c.q_norm AND d.p_country IS NOT DISTINCT FROM c.q_country)
        )
        SELECT p_norm, p_country, min(q_norm) AS q_norm, min(q_country) AS q_country
        FROM maximal GROUP BY p_norm, p_country
        HAVING count(DISTINCT (q_norm, coalesce(q_country, ''))) = 1
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _actor_keys AS
        SELECT r.sha256, r.article_id, r.actor_id, r.name, r.kind, r.code, r.country, r.sector, r.n_mentions, r.published, r.norm,
               CASE WHEN r.basis = 'code' THEN 'code:' || coalesce(r.code, 'kind ' || r.kind || ' ' || r.sha256 || ' ' || r.actor_id)
                    WHEN pt.q_norm IS NOT NULL THEN 'person:' || pt.q_norm || '|' || coalesce(pt.q_country, '')
                    ELSE r.name_class || ':' || r.norm || '|' || coalesce(e.country, '') END AS identity,
               CASE WHEN r.basis = 'code' THEN 'code ' || coalesce(r.code, '(none: nameless actor kept apart)')
                    WHEN pt.q_norm IS NOT NULL THEN 'partial name of ' || pt.q_norm
                    ELSE e.rule END AS rule
        FROM _actor_rows r
        LEFT JOIN _name_entities e
          ON r.basis = 'name' AND e.name_class = r.name_class AND e.norm = r.norm
         AND (e.country IS NOT DISTINCT FROM r.country OR (e.rule = 'name'))
        LEFT JOIN _partial pt
          ON r.basis = 'name' AND r.name_class = 'person' AND pt.p_norm = r.norm AND pt.p_country IS NOT DISTINCT FROM e.country
    """)
    con.execute("DELETE FROM actor_links")
    con.execute("""
        INSERT INTO actor_links (sha256, article_id, actor_id, corpus_actor_id, rule)
        SELECT sha256, article_id, actor_id, 'A' || left(md5(identity), 12), rule FROM _actor_keys
    """)
    con.execute("DELETE FROM corpus_actors")
    # Display name: the most frequent spelling of the full form (the identity's own norm first).
    con.execute("""
        INSERT INTO corpus_actors (corpus_actor_id, name, kind, code, country, sector, n_articles, n_mentions, names, codes,
                                   first_seen, last_seen, identity)
        WITH k AS (
            SELECT *, count(*) OVER (PARTITION BY identity, name) AS n_name,
                   count(*) OVER (PARTITION BY identity, kind) AS n_kind,
                   count(code) OVER (PARTITION BY identity, code) AS n_code,
                   count(country) OVER (PARTITION BY identity, country) AS n_country,
                   count(sector) OVER (PARTITION BY identity, sector) AS n_sector,
                   (identity LIKE '%:' || norm || '|%' OR identity = 'code:' || code) AS full_form
            FROM _actor_keys
        )
        SELECT 'A' || left(md5(identity), 12),
               first(name ORDER BY full_form DESC, n_name DESC, length(name) DESC, name),
               first(kind ORDER BY n_kind DESC, kind),
               first(code ORDER BY n_code DESC, length(code) DESC, code) FILTER (WHERE code IS NOT NULL),
               first(country ORDER BY n_country DESC, country) FILTER (WHERE country IS NOT NULL),
               first(sector ORDER BY n_sector DESC, sector) FILTER (WHERE sector IS NOT NULL),
               count(DISTINCT sha256), sum(n_mentions)::INTEGER,
               list_sort(list_distinct(list(name))), list_sort(list_distinct(list(code) FILTER (WHERE code IS NOT NULL))),
               min(published), max(published), identity
        FROM k GROUP BY identity
    """)
    for table in ("_actor_rows", "_name_entities", "_partial", "_actor_keys"):
        con.execute(f"DROP TABLE IF EXISTS {table}")

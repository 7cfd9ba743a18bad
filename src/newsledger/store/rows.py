"""Rows for every per-article table from one Extraction (codes and names denormalised next to
the ids, so that SQL and pandas users need no joins for the common questions)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Optional

from ..records import Extraction


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
            "dateline": x.dateline, "byline": x.byline,
        }],
        "warnings": [{**key, "origin": x.origin, "message": message} for message in x.warnings],
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
            "date_start": _day(dates[e.date].start) if e.date in dates else None,
            "date_end": _day(dates[e.date].end) if e.date in dates else None,
            "attributed": e.attributed, "pattern": e.pattern, "trigger_start": e.trigger[0], "trigger_end": e.trigger[1],
            "date_id": e.date, "place_id": e.place,
        } for e in x.events],
        "quotes": [{
            **key, "quote_id": q.id, "speaker": q.speaker, "speaker_name": name(q.speaker), "speaker_code": code(q.speaker),
            "kind": q.kind, "cue_text": x.span_text(q.cue_span), "content_text": x.span_text(q.content_span),
            "content_start": q.content_span[0], "content_end": q.content_span[1], "cue_class": q.cue_class,
        } for q in x.quotes],
        "claims": [{
            **key, "claim_id": c.id, "source": c.source, "source_name": name(c.source), "source_code": code(c.source),
            "about": c.about, "about_code": code(c.about), "hedged": c.hedged,
            "value": c.quantity.value if c.quantity else None, "low": c.quantity.low if c.quantity else None,
            "high": c.quantity.high if c.quantity else None, "unit": c.quantity.unit if c.quantity else None,
            "unit_kind": c.quantity.unit_kind if c.quantity else None,
            "approximate": c.quantity.approximate if c.quantity else None, "evidence_text": x.span_text(c.evidence),
            "about_name": name(c.about), "currency": c.quantity.currency if c.quantity else None,
            "evidence_start": c.evidence[0], "evidence_end": c.evidence[1],
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


def _day(value: Optional[str]) -> Optional[dt.date]:
    """A DATE from an ISO day; None for anything else (an unresolved or partial value)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None

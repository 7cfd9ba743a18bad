"""Actor resolution on the NGEC development cases (``ngec_actor_cases_dev.jsonl``).

Each case is a short actor phrase with its expected country (ISO3, "IGO", or "" for none) and/or
sector (``code_1``). The phrase is resolved in a neutral frame ("PHRASE said on Monday.") so the
parser sees it as a subject; the actor whose mention covers most of the phrase is scored.
Cases that test Wikipedia look-ups (``query_wiki``) or other NGEC internals have neither field
and are counted as skipped.
"""
from __future__ import annotations

from typing import Optional

from .. import nlp as nlp_loader
from ..extractors.actors import resolve_actors
from . import ratio, read_jsonl
from .split import parts_report

FRAME = "{} said on Monday."


def predict(nlp, phrase: str) -> tuple[Optional[str], Optional[str]]:
    """(country, sector) of the actor the phrase names; IGOs give country "IGO"."""
    text = FRAME.format(phrase)
    doc = nlp(text)
    resolution = resolve_actors(doc)
    best, best_len = None, 0
    for actor in resolution.actors:
        for start, end in actor.mentions:
            covered = max(0, min(end, len(phrase)) - start)
            if covered > best_len:
                best, best_len = actor, covered
    if best is None:
        return None, None
    if (best.cameo_code or "").startswith(("IGO", "NGO")):
        return best.cameo_code[:3], best.sector
    return best.country, best.sector


def expected_fields(case: dict) -> dict[str, str]:
    want = {}
    for e in case.get("expected", []):
        if e.get("field") in ("country", "code_1") and e.get("op") == "==":
            want[e["field"]] = e["value"] or ""
    if case.get("method") == "search_nat" and case.get("expected_country"):
        want["country"] = case["expected_country"]
    return want


def report(path: str, limit: Optional[int] = None, errors: int = 0, part: str = "both") -> str:
    nlp = nlp_loader.load()
    cases = list(read_jsonl(path, limit))
    outcomes = []
    for case in cases:
        want = expected_fields(case)
        outcomes.append((case["input"], want, predict(nlp, case["input"]) if want else (None, None)))
    body = lambda chosen, shown: _summary([outcomes[i] for i in chosen], shown)
    return f"actor resolution on {path}\n" + parts_report(cases, body, errors, part)


def _summary(outcomes: list[tuple[str, dict, tuple]], errors: int) -> str:
    country_hits = country_total = sector_hits = sector_total = skipped = 0
    misses: list[str] = []
    for phrase, want, (country, sector) in outcomes:
        if not want:
            skipped += 1
            continue
        if "country" in want:
            country_total += 1
            ok = (country or "") == want["country"]
            country_hits += ok
            if not ok:
                misses.append(f"country  {phrase!r}: got {country or '-'}, want {want['country'] or '-'}")
        if "code_1" in want:
            sector_total += 1
            ok = (sector or "")[:3] == want["code_1"]
            sector_hits += ok
            if not ok:
                misses.append(f"sector   {phrase!r}: got {sector or '-'}, want {want['code_1'] or '-'}")
    lines = [
        f"  country accuracy: {ratio(country_hits, country_total)}",
        f"  sector accuracy:  {ratio(sector_hits, sector_total)}",
        f"  skipped (no country or sector expected): {skipped}",
    ]
    if errors and misses:
        lines.append("  first errors:")
        lines.extend("    " + m for m in misses[:errors])
    return "\n".join(lines)

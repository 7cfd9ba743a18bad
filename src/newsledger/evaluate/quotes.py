"""Quotes on PolNeAR attribution annotations (``quotes-polnear-{dev,train}.jsonl``).

Each gold attribution has speaker, cue and content spans (several content spans when a quotation is
split by its cue or runs over several paragraphs). The extractor's quotes are grouped the same way:
quotes that share a cue span form one attribution (“A,” he said, “B.” is one attribution with two
contents). An attribution matches a gold one when their content characters overlap with a Jaccard
index of at least 0.5 (whitespace and quotation marks are not counted: gold spans keep the marks, the
extractor's drop them); pairs are matched one to one, best overlap first.

- **content** P/R/F1: matched attributions, whatever the speaker;
- **end-to-end** P/R/F1: matched and with the right speaker: the speaker span overlaps a gold speaker
  span, or the chosen actor has a mention that does (PolNeAR marks the speaker as written, "he");
- **direct-quote speaker accuracy**: among matched gold attributions of direct form, the share with
  the right speaker;
- by kind: recall by the gold form (PolNeAR's ``quote_form_heuristic``: marks around all, part or none
  of the content), precision by the extractor's kind;
- **speech cues only**: PolNeAR also annotates beliefs and intentions ("believes", "wants", "backs");
  both sides are restricted to attributions whose cue the cue table classes as speech (a direct
  quotation with an unknown cue counts as speech).

The texts are copyrighted: they are read for scoring only and never written anywhere.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from .. import nlp as nlp_loader
from ..extractors.actors import ActorResolution, resolve_actors
from ..extractors.quotes import cue_class, cue_class_of_tokens, find_quotes
from ..records import Quote
from . import read_jsonl
from .split import parts_report

THRESHOLD = 0.5
KINDS = ("direct", "mixed", "indirect")
_NOT_COUNTED = set(" \t\r\n\xa0“”\"‘’'«»„`")


@dataclass
class Attribution:
    chars: frozenset[int]
    kind: str
    speech: bool
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)  # gold; or the predicted speaker span
    actor_mentions: list[tuple[int, int]] = field(default_factory=list)  # predicted actor's mentions
    label: str = ""  # for error listings: cue and the start of the content


def _chars(text: str, spans) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in range(s, e) if text[i] not in _NOT_COUNTED)


def gold_attributions(record: dict, doc: Doc) -> list[Attribution]:
    text = record["text"]
    out = []
    for q in record.get("quotes", []):
        chars = _chars(text, q.get("content_spans") or [])
        if not chars:
            continue
        kind = q.get("quote_form_heuristic") or "indirect"
        cls = None
        for s, e in q.get("cue_spans") or []:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                cls = cls or cue_class_of_tokens(span)
        speech = cls == "speech" or (cls is None and kind == "direct")
        cue = " ".join(text[s:e] for s, e in q.get("cue_spans") or [])
        out.append(Attribution(chars, kind, speech, [tuple(s) for s in q.get("speaker_spans") or []],
                               label=f"[{kind}] cue={cue!r}"))
    return out


def predicted_attributions(text: str, doc: Doc, quotes: list[Quote], actors: ActorResolution) -> list[Attribution]:
    groups: dict[object, list[Quote]] = {}
    for q in quotes:
        key = tuple(q.cue_span) if q.cue_span else ("own", q.id)
        groups.setdefault(key, []).append(q)
    out = []
    for members in groups.values():
        kinds = {q.kind for q in members}
        kind = "mixed" if "mixed" in kinds or len(kinds) > 1 else kinds.pop()
        first = members[0]
        actor = actors.get(first.speaker)
        cls = cue_class(doc, first.cue_span)
        speech = cls == "speech" or (cls is None and kind == "direct")
        cue = text[first.cue_span[0]:first.cue_span[1]] if first.cue_span else None
        out.append(Attribution(_chars(text, [q.content_span for q in members]), kind, speech,
                               [tuple(first.speaker_span)] if first.speaker_span else [],
                               list(actor.mentions) if actor else [], label=f"[{kind}] cue={cue!r}"))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def right_speaker(pred: Attribution, gold: Attribution) -> bool:
    if not gold.speaker_spans:
        return not pred.speaker_spans
    return any(_overlaps(p, g) for g in gold.speaker_spans for p in pred.speaker_spans + pred.actor_mentions)


def match(preds: list[Attribution], golds: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one (pred, gold) pairs with content Jaccard >= THRESHOLD, best first."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            inter = len(p.chars & g.chars)
            if inter:
                jac = inter / len(p.chars | g.chars)
                if jac >= THRESHOLD:
                    pairs.append((jac, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass
class Tally:
    """Counts for one slice (all, speech only): predictions and gold per kind, and matches."""

    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    content_pred: Counter = field(default_factory=Counter)  # matched, by predicted kind
    content_gold: Counter = field(default_factory=Counter)  # matched, by gold kind
    e2e_pred: Counter = field(default_factory=Counter)
    e2e_gold: Counter = field(default_factory=Counter)

    def add(self, preds: list[Attribution], golds: list[Attribution]) -> list[tuple[int, int, bool]]:
        pairs = match(preds, golds)
        for p in preds:
            self.pred[p.kind] += 1
        for g in golds:
            self.gold[g.kind] += 1
        out = []
        for i, j in pairs:
            ok = right_speaker(preds[i], golds[j])
            self.content_pred[preds[i].kind] += 1
            self.content_gold[golds[j].kind] += 1
            if ok:
                self.e2e_pred[preds[i].kind] += 1
                self.e2e_gold[golds[j].kind] += 1
            out.append((i, j, ok))
        return out

    def line(self, name: str, matched_pred: Counter, matched_gold: Counter, kind: Optional[str] = None) -> str:
        if kind is None:
            mp, np_, mg, ng = sum(matched_pred.values()), sum(self.pred.values()), sum(matched_gold.values()), sum(self.gold.values())
        else:
            mp, np_, mg, ng = matched_pred[kind], self.pred[kind], matched_gold[kind], self.gold[kind]
        p = mp / np_ if np_ else 0.0
        r = mg / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"    {name:<10} P {p:.3f} ({mp}/{np_})  R {r:.3f} ({mg}/{ng})  F1 {f:.3f}"


def evaluate(records: list[dict], docs: list[Doc], errors: int = 0) -> str:
    """The report for parsed records (``docs[i]`` is the parse of ``records[i]["text"]``)."""
    all_tally, speech_tally = Tally(), Tally()
    direct_matched = direct_right = 0
    misses: list[str] = []
    started = time.perf_counter()
    for record, doc in zip(records, docs):
        text = record["text"]
        actors = resolve_actors(doc, record.get("publication_date"))
        quotes = find_quotes(doc, actors)
        preds = predicted_attributions(text, doc, quotes, actors)
        golds = gold_attributions(record, doc)
        pairs = all_tally.add(preds, golds)
        for i, j, ok in pairs:
            if golds[j].kind == "direct":
                direct_matched += 1
                direct_right += ok
        speech_tally.add([p for p in preds if p.speech], [g for g in golds if g.speech])
        if errors and len(misses) < errors:
            matched_g = {j: ok for _, j, ok in pairs}
            matched_p = {i for i, _, _ in pairs}
            for j, g in enumerate(golds):
                if j not in matched_g:
                    misses.append(f"missed     {record['id']}: {g.label} {_preview(text, g.chars)}")
                elif not matched_g[j]:
                    p = preds[next(i for i, jj, _ in pairs if jj == j)]
                    said = ", ".join(repr(text[s:e]) for s, e in p.speaker_spans) or "none"
                    want = ", ".join(repr(text[s:e]) for s, e in g.speaker_spans) or "none"
                    misses.append(f"speaker    {record['id']}: got {said}, want {want} {g.label} {_preview(text, g.chars)}")
            for i, p in enumerate(preds):
                if i not in matched_p:
                    misses.append(f"spurious   {record['id']}: {p.label} {_preview(text, p.chars)}")
    elapsed = time.perf_counter() - started
    lines = [f"quotes: {len(records)} articles, actors + quotes in {elapsed:.1f}s "
             f"({1000 * elapsed / max(1, len(records)):.0f} ms/article, parsing not counted)"]
    for title, tally in (("all attributions", all_tally), ("speech cues only", speech_tally)):
        lines.append(f"  {title} (content Jaccard >= {THRESHOLD}):")
        lines.append("   content:")
        lines.append(tally.line("all", tally.content_pred, tally.content_gold))
        lines.extend(tally.line(k, tally.content_pred, tally.content_gold, k) for k in KINDS)
        lines.append("   end-to-end (content and speaker):")
        lines.append(tally.line("all", tally.e2e_pred, tally.e2e_gold))
        lines.extend(tally.line(k, tally.e2e_pred, tally.e2e_gold, k) for k in KINDS)
    acc = direct_right / direct_matched if direct_matched else 0.0
    lines.append(f"  direct-quote speaker accuracy: {acc:.3f} ({direct_right}/{direct_matched} matched direct quotes)")
    if errors:
        lines.append("  errors:")
        lines.extend("    " + m for m in misses[:errors])
    return "\n".join(lines)


def _preview(text: str, chars: frozenset[int], width: int = 90) -> str:
    if not chars:
        return ""
    start = min(chars)
    return repr(text[start:start + width])


def report(path: str, limit: Optional[int] = None, errors: int = 0, part: str = "both") -> str:
    from ..pipeline import parse_texts

    records = list(read_jsonl(path, limit))
    nlp = nlp_loader.load()
    started = time.perf_counter()
    docs = parse_texts(nlp, [r["text"] for r in records])
    parsed = time.perf_counter() - started
    body = lambda chosen, shown: evaluate([records[i] for i in chosen], [docs[i] for i in chosen], shown)
    return f"parsed {len(records)} articles in {parsed:.1f}s\n" + parts_report(records, body, errors, part)

"""Event coding on coded-sentence gold sets (``conflibert_cameo_dev.jsonl``, the PETRARCH/TABARI
suites; schema in ../shared/eval/README.md).

Prints, per file:
- type-level precision/recall/F1 over (sentence, CAMEO root) and (sentence, full code), and by root;
- dyad-level P/R/F1 over (sentence, source, target, root), actors compared by their CAMEO country
  (the first three letters: "USAGOV" ~ an actor coded USA...);
- for ConfliBERT's 5-way classes: accuracy of the sentence's main event class, and coverage.

Only positive events count as predictions: negated and hypothetical events are not claims that the
event happened. The PETRARCH/TABARI suites use fictional countries (Arnor, Gondor) defined in their
own test dictionaries: give that dictionary with ``--actors`` (``PETR.Validate.actors.txt``) and the
dyad scores measure argument finding; without it only the type scores mean something.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Optional

from .. import nlp as nlp_loader
from ..ontology.codes import is_valid
from ..ontology.verbs import match_predicate
from ..pipeline import extract_doc
from ..records import Article, Extraction
from . import prf, ratio, read_jsonl
from .split import parts_report

#: ConfliBERT's 5 classes by CAMEO root.
CONFLIBERT_CLASSES = {**{r: "0" for r in ("01", "02")}, **{r: "1" for r in ("03", "04", "05")},
                      **{r: "2" for r in ("06", "07", "08")}, **{r: "3" for r in ("09", "10", "11", "12", "13", "16")},
                      **{r: "4" for r in ("14", "15", "17", "18", "19", "20")}}


def predicted_events(x: Extraction) -> list[tuple[str, str, str]]:
    """(source country, target country, code) for each positive event."""
    actors = {a.id: a for a in x.actors}

    def country(actor_id: Optional[str]) -> str:
        a = actors.get(actor_id)
        if a is None:
            return "---"
        code = a.cameo_code or a.country or ""
        return code[:3] if code else "---"

    return [(country(e.source), country(e.target), e.cameo) for e in x.events if not e.negated and not e.hypothetical]


def main_class(x: Extraction, doc) -> Optional[str]:
    """The ConfliBERT class of the sentence's main event: the most confident positive event, else
    the most confident event of any kind, else (a sentence whose actors were not resolved, or a
    bare statement) the code of its main verb."""
    events = sorted(x.events, key=lambda e: (not e.negated and not e.hypothetical, e.confidence), reverse=True)
    if events:
        return CONFLIBERT_CLASSES.get(events[0].cameo_root)
    statement = None
    for sent in doc.sents:
        for verb in [sent.root, *sent.root.conjuncts, *(c for c in sent.root.children if c.dep_ in ("ccomp", "xcomp"))]:
            match = match_predicate(verb)
            if match is not None and is_valid(match.code):
                if match.code.startswith("01"):  # a bare "said": what was said decides, if it is coded
                    statement = statement or match.code
                    continue
                return CONFLIBERT_CLASSES.get(match.code[:2])
    return CONFLIBERT_CLASSES.get(statement[:2]) if statement else None


def report(path: str, limit: Optional[int] = None, errors: int = 0, part: str = "both") -> str:
    nlp = nlp_loader.load()
    records = [r for r in read_jsonl(path, limit) if r.get("evaluate", True)]
    is_classes = any((e.get("code_scheme") or "").startswith("conflibert") for r in records for e in r.get("events", []))
    outcomes = [_outcome(record, doc, n, is_classes) for n, (record, doc) in enumerate(zip(records, nlp.pipe(r["text"] for r in records)))]
    body = lambda chosen, shown: _summary([outcomes[i] for i in chosen], is_classes, shown)
    return f"event coding on {path} ({len(records)} records)\n" + parts_report(records, body, errors, part)


def _outcome(record: dict, doc, n: int, is_classes: bool) -> dict:
    """What the extractor got for one gold record, in the shape ``_summary`` adds up."""
    article = Article(id=str(record.get("uid", n)), text=record["text"], published=_iso(record.get("date")))
    x = extract_doc(doc, article)
    if is_classes:
        gold_class = record["events"][0]["code"] if record["events"] else None
        got = main_class(x, doc)
        return {"gold": gold_class, "got": got, "error": f"class {got} want {gold_class}: {record['text'][:140]}"}
    gold = [] if record.get("no_event") else [(e.get("source") or "---", e.get("target") or "---", e["code"]) for e in record["events"]]
    got = predicted_events(x)
    return {"gold": gold, "got": got, "error": f"got {sorted(got)} want {sorted(gold)}: {record['text'][:120]}"}


def _summary(outcomes: list[dict], is_classes: bool, errors: int) -> str:
    lines: list[str] = []
    examples: list[str] = []
    if is_classes:
        covered = sum(o["got"] is not None for o in outcomes)
        hits = sum(o["got"] == o["gold"] for o in outcomes)
        examples = [o["error"] for o in outcomes if o["got"] != o["gold"]]
        lines.append(f"  5-class accuracy (main event's class): {ratio(hits, len(outcomes))}")
        lines.append(f"  coverage (sentences with any event):   {ratio(covered, len(outcomes))}")
        lines.append(f"  accuracy where an event was found:     {ratio(hits, covered)}")
    else:
        counts = {k: Counter() for k in ("root", "code", "dyad")}
        by_root: dict[str, Counter] = defaultdict(Counter)
        for o in outcomes:
            gold, got = o["gold"], o["got"]
            _count(counts["root"], by_root, {c[:2] for *_, c in gold}, {c[:2] for *_, c in got})
            _count(counts["code"], None, {c for *_, c in gold}, {c for *_, c in got})
            _count(counts["dyad"], None, {(s[:3], t[:3], c[:2]) for s, t, c in gold}, {(s, t, c[:2]) for s, t, c in got})
            if {c[:2] for *_, c in gold} != {c[:2] for *_, c in got}:
                examples.append(o["error"])
        for level, label in (("root", "event type (CAMEO root)"), ("code", "full CAMEO code"), ("dyad", "(source, target, root)")):
            p, r, f = prf(counts[level]["tp"], counts[level]["fp"], counts[level]["fn"])
            lines.append(f"  {label:26s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        lines.append("  by root:  root  gold  P      R      F1")
        for root in sorted(by_root):
            c = by_root[root]
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            lines.append(f"            {root}    {c['tp'] + c['fn']:4d}  {p:.3f}  {r:.3f}  {f:.3f}")
    if errors and examples:
        lines.append("  examples of errors:")
        lines.extend("    " + e for e in examples[:errors])
    return "\n".join(lines)


def _count(total: Counter, by_root: Optional[dict], gold: set, got: set) -> None:
    total["tp"] += len(gold & got)
    total["fp"] += len(got - gold)
    total["fn"] += len(gold - got)
    if by_root is not None:
        for root in gold | got:
            by_root[root]["tp"] += root in gold and root in got
            by_root[root]["fp"] += root in got and root not in gold
            by_root[root]["fn"] += root in gold and root not in got


def _iso(date: Optional[str]) -> Optional[str]:
    return date[:10] if date and len(date) >= 10 and date[4] == "-" else None

"""The output contract: valid spans, unique ids, resolvable references, codes from the codebook,
input order, one parse per article (batch and single extraction agree), long texts."""
from __future__ import annotations

import json

import pytest

from newsledger.ingest import validate_article
from newsledger.ontology.codes import cameo_info
from newsledger.pipeline import CHUNK_CHARS, extract, parse_texts, read_articles, split_for_parsing
from newsledger.records import Article, Extraction, Failure


def spans_of(record: dict):
    yield from ((s, "sentence") for s in record["sentences"])
    for a in record["actors"]:
        yield from ((m, "actor mention") for m in a["mentions"])
    for e in record["events"]:
        yield e["trigger"], "event trigger"
        yield e["evidence"], "event evidence"
    for q in record["quotes"]:
        yield from ((s, "quote") for s in (q["content_span"], q["cue_span"], q["speaker_span"]) if s)
    for c in record["claims"]:
        yield c["evidence"], "claim"
    yield from ((d["span"], "date") for d in record["dates"] if d["span"])
    yield from ((p["span"], "place") for p in record["places"])


def check_contract(x: Extraction) -> None:
    record = x.to_dict()
    n = len(x.text)
    for span, what in spans_of(record):
        assert 0 <= span[0] < span[1] <= n, (what, span)
    for key in ("actors", "events", "quotes", "claims", "dates", "places"):
        ids = [r["id"] for r in record[key]]
        assert len(ids) == len(set(ids)), key
    actor_ids = {a["id"] for a in record["actors"]}
    date_ids = {d["id"] for d in record["dates"]}
    place_ids = {p["id"] for p in record["places"]}
    sentences = record["sentences"]
    for e in record["events"]:
        assert {e["source"], e["target"], e["attributed_to"]} - {None} <= actor_ids
        assert e["date"] is None or e["date"] in date_ids
        assert e["place"] is None or e["place"] in place_ids
        info = cameo_info(e["cameo"])
        assert (e["cameo_root"], e["quad_class"], e["goldstein"], e["plover"]) == (info.root, info.quad_class, info.goldstein, info.plover)
        s_start, s_end = sentences[e["sentence"]]
        assert s_start <= e["evidence"][0] and e["evidence"][1] <= s_end, "evidence leaves its sentence"
        assert e["evidence"][0] <= e["trigger"][0] and e["trigger"][1] <= e["evidence"][1]
    for q in record["quotes"]:
        assert q["speaker"] is None or q["speaker"] in actor_ids
        assert q["kind"] in ("direct", "indirect", "mixed")
    for c in record["claims"]:
        assert {c["source"], c["about"]} - {None} <= actor_ids
    for a in record["actors"]:
        assert a["mentions"], a
        assert set(a["members"]) <= actor_ids
    json.dumps(record)  # serialisable as is


def test_seed_article_meets_the_contract(seed):
    check_contract(seed)
    assert seed.sha256 and seed.published == "2024-10-25" and seed.language == "en"
    assert len(seed.sentences) >= 20 and seed.actors and seed.events


def test_demo_articles_meet_the_contract_in_input_order(nlp, demo_articles):
    sample = demo_articles[::15]
    items = [validate_article(Article(id=a["id"], text=a["text"], published=a["date"])) for a in sample]
    out = list(read_articles(items, nlp=nlp, batch_size=4))
    assert [x.id for x in out] == [a["id"] for a in sample]
    for x in out:
        assert isinstance(x, Extraction), x
        check_contract(x)


def test_batched_and_single_extraction_agree(nlp, demo_articles):
    a = demo_articles[100]
    single = extract(a["text"], published=a["date"], id=a["id"], nlp=nlp).to_dict()
    [batched] = read_articles([validate_article(Article(id=a["id"], text=a["text"], published=a["date"]))], nlp=nlp)
    assert batched.to_dict() == single


def test_failures_keep_their_place_in_the_stream(nlp, demo_articles):
    items = [Failure("x.txt", "empty article (no text)"),
             validate_article(Article(id="a", text=demo_articles[0]["text"])),
             Failure("y.jsonl:3", "malformed JSON")]
    out = list(read_articles(items, nlp=nlp))
    assert [type(i).__name__ for i in out] == ["Failure", "Extraction", "Failure"]


def test_long_text_is_parsed_in_chunks_with_exact_offsets(nlp, demo_articles):
    text = "\n\n".join(a["text"] for a in demo_articles[:120])
    assert len(text) > 2 * CHUNK_CHARS
    pieces = split_for_parsing(text)
    assert "".join(pieces) == text and all(len(p) <= CHUNK_CHARS for p in pieces)
    [doc] = parse_texts(nlp, [text])
    assert doc.text == text


def test_extract_refuses_unusable_text_with_a_clear_error(nlp):
    with pytest.raises(ValueError, match="empty article"):
        extract("   ", nlp=nlp)

"""Exports load where users load them: GDELT 2.0 TSVs in pandas with GDELT's 61 and 16 columns,
PLOVER JSONL valid against the schema kept in the repo, every table as Parquet and CSV."""
from __future__ import annotations

import json

import duckdb
import jsonschema
import pandas as pd
import pytest

from newsledger.cli import main
from newsledger.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from newsledger.export.plover import schema
from newsledger.export.tables import EXPORT_TABLES


@pytest.fixture(scope="module")
def counts(corpus_ledger):
    with duckdb.connect(str(corpus_ledger), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "corpus_events", "event_mentions")}


def strike_id(corpus_ledger) -> str:
    with duckdb.connect(str(corpus_ledger), read_only=True) as con:
        return con.execute("""SELECT corpus_event_id FROM corpus_events
                              WHERE list_contains(articles, 'strike-a') AND list_contains(articles, 'strike-b')""").fetchone()[0]


def test_gdelt_event_table_has_gdelt_columns_and_loads_in_pandas(corpus_ledger, counts, tmp_path):
    assert main(["export", str(corpus_ledger), "--format", "gdelt", "--output", str(tmp_path)]) == 0
    events = pd.read_csv(tmp_path / "events.export.tsv", sep="\t", header=None, names=EVENT_COLUMNS, dtype={"EventCode": str})
    assert events.shape == (counts["corpus_events"], 61)
    assert EVENT_COLUMNS[26] == "EventCode" and EVENT_COLUMNS[60] == "SOURCEURL"
    strike = events[events["SOURCEURL"].isin(["https://a.example/strike", "https://b.example/kharkiv"])
                    & (events["NumArticles"] == 2)]
    assert len(strike) == 1
    row = strike.iloc[0]
    assert (row["Day"], row["EventRootCode"], row["QuadClass"], row["NumSources"], row["NumMentions"]) == (20240304, 19, 4, 2, 2)
    assert row["Actor1CountryCode"] == "RUS" and row["Actor2Code"] == "UKRMIL" and row["Actor2Type1Code"] == "MIL"
    assert row["ActionGeo_CountryCode"] == "UP"  # FIPS for Ukraine, as GDELT's geography uses
    assert row["ActionGeo_Type"] == 4 and "Kharkiv" in row["ActionGeo_FullName"]
    mentions = pd.read_csv(tmp_path / "mentions.tsv", sep="\t", header=None, names=MENTION_COLUMNS)
    assert mentions.shape == (counts["event_mentions"], 16)
    assert set(mentions["GlobalEventID"]) == set(events["GlobalEventID"])
    assert sorted(mentions[mentions["GlobalEventID"] == row["GlobalEventID"]]["MentionSourceName"]) == ["Outlet A", "Outlet B"]


def test_plover_jsonl_validates_and_keeps_mode_context_actors_and_spans(corpus_ledger, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    assert main(["export", str(corpus_ledger), "--format", "plover", "--output", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) > 10
    validator = jsonschema.Draft202012Validator(schema())
    for record in records:
        validator.validate(record)
    strike = next(r for r in records if r["id"] == strike_id(corpus_ledger))
    assert strike["event"] == ["ASSAULT"] and strike["date"] == "2024-03-04" and strike["quad_code"] == 4
    assert strike["source"][0]["code"] == "RUS" and strike["recipient"][0] == {
        "code": "UKR", "sector": "MIL", "actor_text": strike["recipient"][0]["actor_text"],
        "identifier_id": strike["recipient"][0]["identifier_id"], "identifier_text": strike["recipient"][0]["identifier_text"]}
    assert strike["event_loc"]["name"] == "Kharkiv" and strike["event_loc"]["cc3"] == "UKR"
    assert len(strike["mentions"]) == 2 and strike["cite_info"]["publication"] in ("Outlet A", "Outlet B")
    assert all(m["text_info"]["end"] > m["text_info"]["start"] for m in strike["mentions"])
    with_mode = [r for r in records if r["mode"]]
    assert with_mode, "CAMEO codes with a 2021 PLOVER mode keep it"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**strike, "event": ["NOT-A-CATEGORY"]})


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_every_table_exports_and_reads_back_in_pandas(corpus_ledger, counts, tmp_path, fmt):
    assert main(["export", str(corpus_ledger), "--format", fmt, "--output", str(tmp_path)]) == 0
    read = pd.read_parquet if fmt == "parquet" else pd.read_csv
    frames = {t: read(tmp_path / f"{t}.{fmt}") for t in EXPORT_TABLES}
    assert len(frames["corpus_events"]) == counts["corpus_events"] and len(frames["articles"]) == counts["articles"]
    names = frames["corpus_actors"]["names"]
    lists = names.map(list) if fmt == "parquet" else names.map(json.loads)
    assert any({"Putin", "Vladimir Putin"} <= set(v) for v in lists)
    with duckdb.connect() as con:  # DuckDB reads the files in place too
        assert con.execute(f"SELECT count(*) FROM '{tmp_path / ('event_mentions.' + fmt)}'").fetchone()[0] == counts["event_mentions"]


def test_jsonl_export_is_the_per_article_contract(corpus_ledger, counts, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert main(["export", str(corpus_ledger), "--format", "jsonl", "--output", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == counts["articles"]
    strike = next(r for r in records if r["id"] == "strike-a")
    assert strike["events"] and strike["actors"]

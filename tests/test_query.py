"""The query layer and the CLI list commands over a real ledger of demo articles: filters mean what
they say, pages add up to the whole, every output format loads back, user values never become SQL."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from newsledger.cli import main
from newsledger.query import Filters, QueryError, list_records


@pytest.fixture(scope="session")
def ledger_path(tmp_path_factory, demo_articles):
    folder = tmp_path_factory.mktemp("query")
    source = folder / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": a["id"], "text": a["text"], "published": a["date"]}) for a in demo_articles[:40]) + "\n")
    db = folder / "ledger.duckdb"
    assert main(["ingest", str(source), "--db", str(db), "--no-progress"]) == 0
    return db


@pytest.fixture()
def con(ledger_path):
    connection = duckdb.connect(str(ledger_path), read_only=True)
    yield connection
    connection.close()


def everything(con, kind, **filters):
    return list_records(con, kind, Filters(limit=10_000, **filters)).rows


def test_a_code_in_capitals_matches_code_prefixes_and_other_text_matches_names(con):
    codes = [r["source_code"] for r in everything(con, "events") if r["source_code"]]
    country = max({c[:3] for c in codes}, key=[c[:3] for c in codes].count)
    by_code = everything(con, "events", actor=country)
    assert by_code and all(r["source_code"].startswith(country) for r in by_code)
    assert len(by_code) == sum(c.startswith(country) for c in codes)
    name = by_code[0]["source_name"]
    word = max(name.split(), key=len).lower()
    by_name = everything(con, "events", actor=word)
    assert by_name and all(word in (r["source_name"] or "").lower() for r in by_name)


def test_dates_text_and_type_filters(con):
    rows = everything(con, "events")
    middle = sorted(r["date_start"] for r in rows)[len(rows) // 2]
    later = everything(con, "events", since=middle)
    assert later and all(r["date_end"] >= middle for r in later) and len(later) < len(rows)
    earlier = everything(con, "events", until=middle)
    assert all(r["date_start"] <= middle for r in earlier)
    plover = rows[0]["plover"]
    typed = everything(con, "events", type=plover.lower())
    assert typed and {r["plover"] for r in typed} == {plover}
    words = rows[0]["evidence_text"].split()[:2]
    texts = everything(con, "events", text=" ".join(w.upper() for w in words))
    assert texts and all(all(w.lower() in r["evidence_text"].lower() for w in words) for r in texts)


def test_unasserted_events_only_on_request(con):
    asserted = everything(con, "events")
    all_events = everything(con, "events", include_unasserted=True)
    assert not any(r["negated"] or r["hypothetical"] for r in asserted)
    assert len(all_events) > len(asserted)
    assert len(all_events) == con.execute("SELECT count(*) FROM events").fetchone()[0]


def test_pages_add_up_to_the_whole(con):
    whole = everything(con, "quotes")
    pages, offset = [], 0
    while True:
        page = list_records(con, "quotes", Filters(limit=17, offset=offset))
        assert page.total == len(whole)
        if not page.rows:
            break
        pages.extend(page.rows)
        offset += 17
    assert [(r["article_id"], r["quote_id"]) for r in pages] == [(r["article_id"], r["quote_id"]) for r in whole]


def test_sorting_is_whitelisted_and_descending_on_request(con):
    rows = list_records(con, "articles", Filters(sort="-n_events", limit=1000)).rows
    assert [r["n_events"] for r in rows] == sorted((r["n_events"] for r in rows), reverse=True)
    with pytest.raises(QueryError, match="cannot sort"):
        list_records(con, "articles", Filters(sort="n_events; DROP TABLE articles"))
    with pytest.raises(QueryError, match="since"):
        Filters(since="2020-13-01")


def test_hostile_values_are_parameters_not_sql(ledger_path, con):
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    for value in ("'; DROP TABLE articles; --", "%", "_", "\\", "RUS' OR '1'='1"):
        assert everything(con, "events", actor=value) == []
        assert everything(con, "claims", text=value) == [] or value in ("%", "_")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == n_articles


def test_cli_formats_load_back(ledger_path, tmp_path, capsys):
    assert main(["events", str(ledger_path), "--format", "json", "--limit", "25"]) == 0
    out, err = capsys.readouterr()
    rows = json.loads(out)
    assert len(rows) == 25 and "25 of " in err and "--offset 25 for more" in err
    parquet = tmp_path / "events.parquet"
    assert main(["events", "--db", str(ledger_path), "--format", "parquet", "--output", str(parquet), "--limit", "25"]) == 0
    frame = pd.read_parquet(parquet)
    assert list(frame["event_id"]) == [r["event_id"] for r in rows]
    csv_path = tmp_path / "events.csv"
    assert main(["events", str(ledger_path), "--format", "csv", "--output", str(csv_path), "--limit", "25"]) == 0
    assert list(pd.read_csv(csv_path)["event_id"]) == [r["event_id"] for r in rows]
    assert main(["quotes", str(ledger_path), "--format", "jsonl", "--limit", "5"]) == 0
    assert len([json.loads(line) for line in capsys.readouterr().out.splitlines()]) == 5


def test_cli_table_fits_the_width_and_cuts_long_text(ledger_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["quotes", str(ledger_path), "--limit", "20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["article_id", "published", "speaker_name"]
    assert set(lines[1]) <= {"-", " "}
    assert all(len(line) <= 120 for line in lines)
    assert any(line.endswith("…") for line in lines[2:])


def test_cli_says_what_is_wrong_with_a_filter(ledger_path, capsys):
    assert main(["events", str(ledger_path), "--since", "yesterday"]) == 1
    assert "--since must be a date" in capsys.readouterr().err
    assert main(["events", str(ledger_path), "--sort", "nonsense"]) == 1
    assert "cannot sort events by 'nonsense'" in capsys.readouterr().err
    assert main(["events", str(ledger_path), "--format", "parquet"]) == 1
    assert "needs --output" in capsys.readouterr().err


def test_a_ledger_from_an_older_version_gains_the_new_columns(ledger_path, tmp_path):
    from newsledger.store import TABLES, Ledger

    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as connection:
        connection.execute(f"ATTACH '{ledger_path}' AS src (READ_ONLY)")
        connection.execute("CREATE TABLE events AS SELECT * EXCLUDE (pattern, date_start, date_end) FROM src.events")
        connection.execute("CREATE TABLE articles AS SELECT * FROM src.articles")
    with Ledger(old) as ledger:
        columns = [r[0] for r in ledger.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")]
        assert set(c for c, _ in TABLES["events"]) <= set(columns)
        page = list_records(ledger.con, "events", Filters(limit=5))
        assert page.total > 0 and all(r["pattern"] is None for r in page.rows)

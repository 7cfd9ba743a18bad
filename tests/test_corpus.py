"""The corpus ledger over real ingests: the same strike from two outlets is one event, different strikes
are not, actors are known across articles, claim threads flag disagreement, the network and the query
commands show them, and the tables do not depend on how the input was split."""
from __future__ import annotations

import json

import duckdb
import networkx as nx
import pytest

from tests.conftest import write_jsonl
from newsledger.cli import main
from newsledger.query import Filters, corpus_event, list_records

CORPUS_TABLES = ("corpus_actors", "actor_links", "corpus_events", "event_mentions", "claim_threads", "claim_thread_values")


@pytest.fixture()
def con(corpus_ledger):
    connection = duckdb.connect(str(corpus_ledger), read_only=True)
    yield connection
    connection.close()


def event_of(con, article_id: str, plover: str) -> str:
    rows = con.execute("""SELECT DISTINCT m.corpus_event_id FROM event_mentions m JOIN corpus_events e USING (corpus_event_id)
                          WHERE m.article_id = ? AND e.plover = ?""", [article_id, plover]).fetchall()
    assert len(rows) == 1, rows
    return rows[0][0]


def cli_json(capsys, *argv) -> list | dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def table_contents(path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as c:
        return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in CORPUS_TABLES}


def test_two_outlets_reporting_one_strike_in_different_words_give_one_event(corpus_ledger, capsys):
    events = cli_json(capsys, "events", str(corpus_ledger), "--merged", "--min-articles", "2", "--format", "json")
    strike = [e for e in events if {"strike-a", "strike-b"} <= set(e["articles"])]
    assert len(strike) == 1
    e = strike[0]
    for field in ("id", "cameo", "cameo_root", "plover", "plover_mode", "source", "source_code", "target", "target_code",
                  "date_start", "date_end", "n_mentions", "n_articles", "n_sources", "articles", "mentions"):
        assert field in e
    assert (e["plover"], e["n_articles"], e["n_sources"], e["date_start"]) == ("ASSAULT", 2, 2, "2024-03-04")
    assert e["source_code"].startswith("RUS") and e["target_code"] == "UKRMIL"
    texts = {m["article_id"]: m["evidence_text"] for m in e["mentions"]}
    assert "shelled Ukrainian soldiers" in texts["strike-b"] and "attacked Ukrainian troops" in texts["strike-a"]


def test_different_strikes_stay_apart(con):
    strike = event_of(con, "strike-a", "ASSAULT")
    assert event_of(con, "strike-b", "ASSAULT") == strike
    assert event_of(con, "next-day", "ASSAULT") != strike  # the next day: another strike
    assert event_of(con, "other-target", "ASSAULT") != strike  # same attacker, same day, another target


def test_a_historical_event_recalled_years_later_joins_the_original_report(con):
    invasion = event_of(con, "invasion-2008", "COERCE")
    assert event_of(con, "recalled-2024", "COERCE") == invasion
    row = con.execute("SELECT date_start, n_articles FROM corpus_events WHERE corpus_event_id = ?", [invasion]).fetchone()
    assert row[0].isoformat() == "2008-08-08" and row[1] == 2
    assert event_of(con, "other-target", "ASSAULT") != invasion


def test_every_asserted_mention_is_in_exactly_one_corpus_event(con):
    asserted = con.execute("SELECT count(*) FROM events WHERE NOT negated AND NOT hypothetical").fetchone()[0]
    assert asserted > 20
    assert con.execute("SELECT count(*), count(DISTINCT (sha256, event_id)) FROM event_mentions").fetchone() == (asserted, asserted)
    assert con.execute("SELECT sum(n_mentions) FROM corpus_events").fetchone()[0] == asserted
    assert con.execute("SELECT count(*) FROM corpus_events").fetchone()[0] < asserted  # some merged


def test_explain_prints_each_mention_with_its_evidence_and_why_it_joined(corpus_ledger, con, capsys):
    strike = event_of(con, "strike-a", "ASSAULT")
    capsys.readouterr()
    assert main(["explain", str(corpus_ledger), strike]) == 0
    out = capsys.readouterr().out
    assert "Russian forces attacked Ukrainian troops near Kharkiv" in out and "Russia shelled Ukrainian soldiers" in out
    assert out.count("why:") == 2 and "same day and place" in out
    detail = corpus_event(con, strike)
    assert [m["rule"] for m in detail["mentions"]].count("first report") == 1
    assert main(["explain", str(corpus_ledger), "Enot-an-event"]) == 1


def test_putin_and_vladimir_putin_are_one_corpus_actor(corpus_ledger, capsys):
    actors = cli_json(capsys, "actors", str(corpus_ledger), "--name", "putin", "--format", "json")
    assert len(actors) == 1
    putin = actors[0]
    assert putin["name"] == "Vladimir Putin" and putin["code"] == "RUSGOV"
    assert {"Putin", "Vladimir Putin"} <= set(putin["names"]) and putin["n_articles"] == 3
    by_code = cli_json(capsys, "actors", str(corpus_ledger), "--code", "RUS", "--format", "json")
    assert putin["id"] in {a["id"] for a in by_code}


def test_a_surname_shared_by_two_full_names_is_not_joined(tmp_path, nlp):
    articles = [
        {"id": "bill", "published": "2024-01-02", "text": "Bill Clinton visited Ghana on January 1, 2024."},
        {"id": "hillary", "published": "2024-01-03", "text": "Hillary Clinton visited Kenya on January 2, 2024."},
        {"id": "clinton", "published": "2024-01-04", "text": "Clinton praised the voters of Ohio."},
    ]
    db = tmp_path / "clintons.duckdb"
    assert main(["ingest", str(write_jsonl(tmp_path / "in.jsonl", articles)), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    with duckdb.connect(str(db), read_only=True) as c:
        rows = c.execute("""SELECT a.name, l.rule FROM actor_links l JOIN actors a USING (sha256, actor_id)
                            WHERE a.name ILIKE '%clinton%' ORDER BY a.name""").fetchall()
        names = {r[0]: r[1] for r in rows}
        assert "Clinton" in names and not names["Clinton"].startswith("partial")
        assert c.execute("SELECT count(*) FROM corpus_actors WHERE name ILIKE '%clinton%'").fetchone()[0] == 3


def test_claims_with_disagreeing_figures_form_a_flagged_thread(corpus_ledger, capsys):
    threads = cli_json(capsys, "claims", str(corpus_ledger), "--threads", "--about", "RUS", "--format", "json")
    troops = [t for t in threads if t["unit"] == "troops"]
    assert len(troops) == 1
    t = troops[0]
    assert t["disagreement"] is True and t["about_code"] == "RUS"
    assert sorted(v["value"] for v in t["values"]) == [3000.0, 12000.0]
    assert {v["article"] for v in t["values"]} == {"troops"}
    flagged = cli_json(capsys, "claims", str(corpus_ledger), "--threads", "--disagreement", "--format", "json")
    assert t["id"] in {x["id"] for x in flagged}


def test_network_graphml_loads_in_networkx_with_the_strike_edge(corpus_ledger, con, tmp_path):
    out = tmp_path / "net.graphml"
    assert main(["network", str(corpus_ledger), "--period", "week", "--format", "graphml", "--output", str(out)]) == 0
    graph = nx.read_graphml(out)
    source, target = con.execute("SELECT source, target FROM corpus_events WHERE corpus_event_id = ?",
                                 [event_of(con, "strike-a", "ASSAULT")]).fetchone()
    assert graph.has_edge(source, target)
    edge = graph.get_edge_data(source, target)["2024-03-04"]  # keyed by period: the week of Monday 4 March
    assert graph.nodes[target]["code"] == "UKRMIL"
    assert (edge["n_events"], edge["quad4"], edge["n_articles"], edge["mean_goldstein"]) == (1, 1, 2, -10.0)
    csv_out = tmp_path / "net.csv"
    assert main(["network", str(corpus_ledger), "--period", "day", "--actor", "UKR", "--output", str(csv_out)]) == 0
    assert "2024-03-04" in csv_out.read_text()


def test_corpus_kinds_share_the_query_layer(con):
    page = list_records(con, "corpus_events", Filters(actor="RUS", type="ASSAULT", since="2024-03-04", until="2024-03-04"))
    assert page.total >= 2 and all(r["plover"] == "ASSAULT" for r in page.rows)
    assert all(r["mentions"] for r in page.rows)
    assert list_records(con, "corpus_actors", Filters(kind="country", limit=100)).total >= 3


def test_ingesting_in_two_halves_gives_the_same_corpus_tables_as_at_once(corpus_ledger, corpus_inputs, tmp_path):
    halves = tmp_path / "halves.duckdb"
    first, second = corpus_inputs[1::2], corpus_inputs[0::2]  # interleaved, so each half holds part of each story
    for i, part in enumerate((first, second)):
        source = write_jsonl(tmp_path / f"part{i}.jsonl", part)
        assert main(["ingest", str(source), "--db", str(halves), "--workers", "1", "--no-progress"]) == 0
    once = table_contents(corpus_ledger)
    assert once["corpus_events"] and once == table_contents(halves)
    assert main(["corpus", str(halves)]) == 0  # an explicit rebuild changes nothing
    assert table_contents(halves) == once

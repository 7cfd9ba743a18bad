"""A user's own actor dictionary (--actors): the PETRARCH/Phoenix .actors format and CSV are read with
every unreadable line named, its codes reach actors and events (and win over the bundled tables),
stems match longer words, and the CLI and parallel workers use it for that run only."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger import pipeline
from newsledger.cli import main
from newsledger.ontology import actor_tables
from newsledger.ontology.user_actors import ActorDictionaryError, read_actor_dictionary

DATA = Path(__file__).parent / "data" / "dictionaries"
ACTORS = DATA / "tolkien.actors"
CSV = DATA / "custom.csv"


@pytest.fixture()
def tolkien():
    actor_tables.use_actor_dictionary(str(ACTORS))
    yield
    actor_tables.use_actor_dictionary(None)


def codes(x) -> dict[str, str]:
    return {a.name: a.cameo_code for a in x.actors}


def test_actors_format_reads_synonyms_date_ranges_and_names_every_skipped_line():
    d = read_actor_dictionary(ACTORS)
    by_phrase = {}
    for e in d.entries:
        by_phrase.setdefault(e.phrase, []).append(e)
    assert [e.cameo_code for e in by_phrase["arnorian"]] == ["ARN"]  # a synonym takes its phrase's code
    assert by_phrase["minas tirith garrison"][0].country == "GON" and by_phrase["minas tirith garrison"][0].sector == "MIL"
    elrond = {(e.cameo_code, e.valid_from, e.valid_to) for e in by_phrase["elrond"]}
    assert elrond == {("ELFGOV", "1995-01-01", "1999-12-31"), ("ELF", None, None)}
    assert by_phrase["rivendell council"][0].kind == "igo"
    assert "gondor" in d.stems and "arnor" not in d.stems  # ARNOR_ ends with an underscore: exact only
    assert any(p.startswith(f"{ACTORS}:11:") and "not a code" in p for p in d.problems), d.problems


def test_csv_reads_aliases_and_names_bad_rows():
    d = read_actor_dictionary(CSV)
    phrases = {e.phrase: e.cameo_code for e in d.entries}
    assert phrases["egypt"] == "UAR" and phrases["shire council"] == "HOBGOV" and phrases["the council of the shire"] == "HOBGOV"
    assert any(":4:" in p for p in d.problems) and any(":5:" in p and "yesterday" in p for p in d.problems)


def test_a_file_without_entries_is_refused_with_its_name(tmp_path):
    empty = tmp_path / "nothing.actors"
    empty.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(ActorDictionaryError, match="nothing.actors: no actor entries"):
        read_actor_dictionary(empty)
    with pytest.raises(ActorDictionaryError, match="cannot read"):
        read_actor_dictionary(tmp_path / "missing.actors")


def test_dictionary_codes_reach_events_and_stems_match_longer_words(tolkien, nlp):
    x = pipeline.extract("Arnor attacked Gondor on Monday. Gondorian troops later accused Arnor of lying.",
                         published="1995-03-01", nlp=nlp)
    found = codes(x)
    assert found.get("Arnor") == "ARN" and found.get("Gondor") == "GON"
    assert any(code.startswith("GON") for name, code in found.items() if name.startswith("Gondorian")), found
    actors = {a.id: a.cameo_code for a in x.actors}
    dyads = {(actors.get(e.source), actors.get(e.target), e.cameo_root) for e in x.events}
    assert ("ARN", "GON", "19") in dyads, dyads


def test_without_the_dictionary_the_names_stay_uncoded(nlp):
    x = pipeline.extract("Arnor attacked Gondor on Monday.", published="1995-03-01", nlp=nlp)
    assert "ARN" not in {a.cameo_code for a in x.actors}


def test_user_codes_win_over_the_bundled_tables(nlp):
    actor_tables.use_actor_dictionary(str(CSV))
    try:
        x = pipeline.extract("Egypt condemned the attack on Tuesday.", published="2020-01-07", nlp=nlp)
    finally:
        actor_tables.use_actor_dictionary(None)
    assert codes(x).get("Egypt") == "UAR"
    again = pipeline.extract("Egypt condemned the attack on Tuesday.", published="2020-01-07", nlp=nlp)
    assert codes(again).get("Egypt") == "EGY"  # dropped again: the next run codes as bundled


def test_cli_extract_uses_the_dictionary_and_warns_of_skipped_lines(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Arnor attacked Gondor on Monday.", encoding="utf-8")
    assert main(["extract", str(article), "--actors", str(ACTORS), "--published", "1995-03-01", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    [record] = json.loads(out)
    assert {a["cameo_code"] for a in record["actors"]} >= {"ARN", "GON"}
    assert f"{ACTORS}:11:" in err and "phrases" in err
    assert actor_tables.actor_dictionary_key() == ""  # only for that run


def test_cli_refuses_a_dictionary_it_cannot_use(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Arnor attacked Gondor on Monday.", encoding="utf-8")
    assert main(["extract", str(article), "--actors", str(tmp_path / "none.actors")]) == 1
    err = capsys.readouterr().err
    assert "none.actors" in err and "Traceback" not in err


def test_parallel_workers_code_with_the_coordinators_dictionary(tmp_path, capsys):
    lines = [{"id": f"a{i}", "text": f"Arnor attacked Gondor on Monday. Talks {i} followed.", "published": "1995-03-01"}
             for i in range(4)]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    db = tmp_path / "l.duckdb"
    assert main(["ingest", str(source), "--db", str(db), "--workers", "2", "--batch-size", "1", "--actors", str(ACTORS),
                 "--no-progress"]) == 0
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    per_article = dict(con.execute("SELECT article_id, count(*) FROM actors WHERE cameo_code = 'ARN' GROUP BY 1").fetchall())
    con.close()
    assert set(per_article) == {r["id"] for r in lines}

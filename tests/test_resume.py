"""Ingest as a user runs it on a real DuckDB file: one worker and two give the same ledger, a run
killed with SIGKILL and started again ends with exactly the ledger of an uninterrupted run, queries
keep working while an ingest writes, and articles already in the ledger are not parsed again."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newsledger.cli import main
from newsledger.store import open_reader
from newsledger.store.snapshot import differences, snapshot

N_ARTICLES = 14


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, demo_articles):
    """Short demo articles, a malformed line, a line without text and a repeated text under another id."""
    short = sorted(demo_articles, key=lambda a: len(a["text"]))[:N_ARTICLES]
    lines = [json.dumps({"id": a["id"], "text": a["text"], "published": a["date"]}) for a in short]
    lines.insert(3, '{"id": "broken", "text": ')
    lines.insert(7, json.dumps({"id": "no-text", "title": "a title only"}))
    lines.append(json.dumps({"id": "repeat", "text": short[0]["text"]}))
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest_command(corpus, db, workers, batch=2):
    return [sys.executable, "-m", "newsledger", "ingest", str(corpus), "--db", str(db), "--workers", str(workers),
            "--batch-size", str(batch), "--commit-every", str(batch), "--no-progress"]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """An uninterrupted two-worker ingest in its own process, with this process reading all along."""
    db = tmp_path_factory.mktemp("reference") / "ledger.duckdb"
    process = subprocess.Popen(ingest_command(corpus, db, workers=2), stderr=subprocess.PIPE, text=True)
    seen = []
    while process.poll() is None:
        if db.exists():
            with open_reader(db) as ledger:  # raises on a lock it could not wait out
                seen.append(ledger.counts())
        time.sleep(0.05)
    err = process.stderr.read()
    assert process.returncode == 0, err
    return {"db": db, "stderr": err, "reads": seen}


def test_queries_keep_working_while_an_ingest_writes(reference):
    reads = reference["reads"]
    articles = [c["articles"] for c in reads]
    assert len(reads) > 10
    assert articles == sorted(articles), "a reader saw the ledger shrink"
    assert articles[-1] <= N_ARTICLES
    assert main(["stats", str(reference["db"])]) == 0


def test_one_worker_and_two_give_the_same_ledger(corpus, reference, tmp_path, capsys):
    db = tmp_path / "one.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", "2", "--commit-every", "2"]) == 0
    err = capsys.readouterr().err
    assert f"{N_ARTICLES} articles added, 1 already in the ledger" in err and "2 skipped" in err
    mine, theirs = snapshot(db), snapshot(reference["db"])
    assert differences(mine, theirs) == []
    assert len(mine["articles"]) == N_ARTICLES and len(mine["failures"]) == 2
    assert len(mine["actors"]) > N_ARTICLES and mine["events"]


def test_interrupted_and_killed_ingests_resume_to_the_uninterrupted_ledger(corpus, reference, tmp_path):
    db = tmp_path / "killed.duckdb"
    kills = []
    # SIGKILL early, Ctrl-C later, each after a commit. One article per commit keeps the run slow
    # enough for a kill to land midway; Ctrl-C commits what is already extracted, so it may end the run.
    for wanted, sig in ((2, signal.SIGKILL), (7, signal.SIGINT)):
        process = subprocess.Popen(ingest_command(corpus, db, workers=1, batch=1), stderr=subprocess.PIPE, text=True, start_new_session=True)
        stored, seen = 0, []
        while process.poll() is None and stored < wanted:
            if db.exists():
                with open_reader(db) as ledger:  # reading while the ingest commits, batch after batch
                    stored = ledger.counts()["articles"]
                seen.append(stored)
            time.sleep(0.02)
        assert seen == sorted(seen)
        if process.poll() is None:
            os.killpg(process.pid, sig)  # the whole process group, as a terminal's Ctrl-C or a crash would
        err = process.communicate()[1]
        if sig == signal.SIGINT and process.returncode != 0:
            assert process.returncode == 130 and "interrupted; run the same command again" in err and "Traceback" not in err, err
        with open_reader(db) as ledger:
            kills.append(ledger.counts()["articles"])
    assert any(0 < n < N_ARTICLES for n in kills), f"no kill landed midway: {kills}"
    resumed = subprocess.run(ingest_command(corpus, db, workers=1, batch=1), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"already in the ledger" in resumed.stderr
    assert differences(snapshot(db), snapshot(reference["db"])) == []


def test_known_articles_are_skipped_without_loading_the_model(corpus, reference, tmp_path):
    db = tmp_path / "again.duckdb"
    db.write_bytes(reference["db"].read_bytes())
    probe = ("import sys; from newsledger.cli import main; code = main(sys.argv[1:]); "
             "print('spacy loaded' if 'spacy' in sys.modules else 'spacy not loaded'); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", probe, "ingest", str(corpus), "--db", str(db)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "spacy not loaded" in result.stdout
    assert f"0 articles added, {N_ARTICLES + 1} already in the ledger (not parsed again)" in result.stderr
    assert differences(snapshot(db), snapshot(reference["db"])) == []

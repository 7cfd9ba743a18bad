"""The command line: exit codes, bad input reported per file without tracebacks, idempotent ingest."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsledger.cli import main

GOOD = "Russian President Vladimir Putin visited Pyongyang on Wednesday and signed a defence pact with North Korea."


@pytest.fixture
def inputs(tmp_path, demo_articles):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": a["id"], "text": a["text"], "published": a["date"]}) for a in demo_articles[:3]]
    lines.insert(1, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_extract_jsonl_keeps_order_and_reports_the_bad_line(inputs, capsys, demo_articles):
    code = main(["extract", str(inputs), "--format", "jsonl"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["id"] for r in records] == [a["id"] for a in demo_articles[:3]]
    assert f"{inputs}:2: malformed JSON" in err and "Traceback" not in err
    assert "3 processed, 1 skipped" in err


def test_extract_json_to_file(tmp_path, capsys):
    src = tmp_path / "putin.txt"
    src.write_text(GOOD)
    out = tmp_path / "out.json"
    assert main(["extract", str(src), "--published", "2024-10-25", "--output", str(out)]) == 0
    [record] = json.loads(out.read_text())
    assert record["id"] == "putin" and record["published"] == "2024-10-25"
    assert any(a["cameo_code"] == "RUSGOV" for a in record["actors"])


def test_nothing_processed_exits_1(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["extract", str(empty), str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty article" in err and "missing.txt: no such file or directory" in err


def test_bad_publication_date_is_a_usage_error(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(src), "--published", "last week"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --published: 'last week' is not a date" in err and "usage: newsledger extract" in err


def test_ingest_twice_changes_nothing_and_records_failures_once(inputs, tmp_path, capsys):
    db = str(tmp_path / "ledger.duckdb")
    assert main(["ingest", str(inputs), "--db", db]) == 0
    assert "3 articles added" in capsys.readouterr().err
    assert main(["ingest", str(inputs), "--db", db]) == 0
    assert "0 articles added, 3 already in the ledger" in capsys.readouterr().err
    from newsledger.store import Ledger

    with Ledger(db, read_only=True) as ledger:
        counts = ledger.counts()
        assert counts["articles"] == 3 and counts["failures"] == 1
        assert counts["actors"] > 0 and counts["events"] > 0
        [(origin, reason)] = ledger.query("SELECT origin, reason FROM failures")
        assert origin.endswith("in.jsonl:2") and reason.startswith("malformed JSON")
    assert main(["stats", "--db", db]) == 0
    assert "articles: 3" in capsys.readouterr().out


def test_stats_on_a_missing_ledger_is_a_clear_error(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "nope.duckdb")]) == 1
    err = capsys.readouterr().err
    assert "no ledger at" in err and "Traceback" not in err


def test_module_entry_point_and_stdin(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsledger", "extract", "-", "--format", "jsonl", "--published", "2024-10-25"],
                            input=GOOD, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and record["events"], record
    assert "Traceback" not in result.stderr


def test_unreadable_everything_exits_1_without_traceback(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    result = subprocess.run([sys.executable, "-m", "newsledger", "extract", str(binary)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "binary file" in result.stderr and "Traceback" not in result.stderr


# --- messages for the habits people bring ------------------------------------------------------

def test_impossible_date_names_the_option(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(src), "--db", str(tmp_path / "l.duckdb"), "--published", "2014-13-45"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --published: '2014-13-45' is not a date (month must be in 1..12" in err
    assert "usage: newsledger ingest" in err


def test_urls_are_not_fetched(capsys):
    assert main(["extract", "https://www.example.test/world/story-123"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "URLs are not fetched" in err and "https://www.example.test/world/story-123" in err


def test_misspelt_option_gets_the_subcommand_usage_and_the_close_match(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(src), "--fromat", "jsonl"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: newsledger extract") and "did you mean --format?" in err


def test_option_of_another_command_says_whose_it_is(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["stats", str(tmp_path / "l.duckdb"), "--include-text"])
    err = capsys.readouterr().err
    assert err.startswith("usage: newsledger stats") and "--include-text is an option of `newsledger extract`" in err


def test_ledger_is_positional_where_it_is_the_only_file(inputs, tmp_path, capsys):
    db = str(tmp_path / "ledger.duckdb")
    assert main(["ingest", str(inputs), "--db", db]) == 0
    capsys.readouterr()
    for command in ("stats", "events", "quotes", "claims", "articles"):
        assert main([command, db]) == 0, command
    assert "articles: 3" in capsys.readouterr().out


def test_bad_optional_fields_and_stray_characters_are_warnings_not_losses(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ctrl", "text": GOOD[:20] + "\x00\x07\u200f" + GOOD[20:]}),
        json.dumps({"id": "date", "text": GOOD + " Again.", "published": "yesterday", "title": 7}),
        json.dumps({"id": "bad", "text": ["not", "text"]}),
    ]) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.duckdb")
    assert main(["ingest", str(path), "--db", db]) == 0
    err = capsys.readouterr().err
    assert f"warning: {path}:1: 3 control or invisible characters replaced by spaces" in err
    assert f"warning: {path}:2: 'published' 'yesterday' is not a date" in err
    assert f"warning: {path}:2: 'title' must be a string" in err
    assert "3 inputs: 2 articles added, 0 already in the ledger (not parsed again), 1 skipped" in err and "3 warnings" in err
    from newsledger.store import open_reader

    with open_reader(db) as ledger:
        texts = dict(ledger.query("SELECT id, text FROM articles"))
        warnings = ledger.query("SELECT origin, article_id, message FROM warnings ORDER BY origin, message")
        events = ledger.query("SELECT evidence_start, evidence_end, evidence_text FROM events WHERE article_id = 'ctrl'")
    assert set(texts) == {"ctrl", "date"} and len(texts["ctrl"]) == len(GOOD) + 3
    assert [(o.rsplit(":", 1)[1], a) for o, a, _ in warnings] == [("1", "ctrl"), ("2", "date"), ("2", "date")]
    assert events and all(texts["ctrl"][s:e] == t for s, e, t in events)  # spans into the stored text hold
    assert main(["stats", db]) == 0
    assert "warnings: 3" in capsys.readouterr().out

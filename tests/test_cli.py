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
    assert "invalid publication date" in capsys.readouterr().err


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

"""The generated hostile-input suite (tools/hostile_inputs.py), ingested through the real CLI into a
real ledger: no traceback, no good article lost, every bad input named, the counts reconciled."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import duckdb
import pytest

from newsledger.cli import main

TOOL = Path(__file__).resolve().parents[1] / "tools" / "hostile_inputs.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("hostile_inputs", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, nlp):
    tool = load_tool()
    directory = tmp_path_factory.mktemp("hostile") / "suite"
    captured: dict = {}

    def runner(args):
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(args)
        captured["stderr"] = err.getvalue()
        return code, captured["stderr"]

    verdict = tool.run_suite(directory, runner=runner)
    cases = tool.build_cases()
    return tool, verdict, cases, directory, captured["stderr"]


def test_the_suite_is_hostile_and_big_enough(hostile):
    tool, verdict, cases, directory, _ = hostile
    assert verdict.inputs_tried >= 70
    assert sum(len(c.named) for c in cases) >= 30  # bad inputs
    assert sum(len(c.stored) for c in cases) >= 50  # good articles hidden among them
    assert (directory / "utf16_no_bom.txt").read_bytes()[1] == 0  # really UTF-16, really generated


def test_no_crash_no_lost_article_every_bad_input_named(hostile):
    _, verdict, _, _, stderr = hostile
    assert "Traceback" not in stderr
    assert verdict.crashes == []
    assert verdict.lost == []
    assert verdict.unnamed == []


def test_counts_reconcile_in_the_summary_and_the_ledger(hostile):
    tool, verdict, cases, directory, stderr = hostile
    assert verdict.reconciled, verdict.summary_line
    db = directory.parent / f"{directory.name}.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    n_articles, n_failures = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM failures)").fetchone()
    warnings = con.execute("SELECT origin, article_id, message FROM warnings ORDER BY origin").fetchall()
    con.close()
    assert n_articles + n_failures == tool.count_inputs(cases)
    assert f"{tool.count_inputs(cases)} inputs: {n_articles} articles added" in stderr
    # warnings name the input and line, and belong to a stored article
    origins = {origin for origin, _, _ in warnings}
    assert str(directory / "broken.jsonl") + ":9" in origins  # "published": "last Tuesday"
    assert str(directory / "control_chars.txt") in origins


def test_stray_characters_keep_the_article_and_its_length(hostile):
    _, _, _, directory, _ = hostile
    db = directory.parent / f"{directory.name}.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    text, = con.execute("SELECT text FROM articles WHERE id = 'control_chars'").fetchone()
    spans = con.execute("SELECT e.evidence_start, e.evidence_end, e.evidence_text FROM events e WHERE article_id = 'zero_width_rtl'").fetchall()
    emoji, = con.execute("SELECT text FROM articles WHERE id = 'emoji'").fetchone()
    con.close()
    original = (directory / "control_chars.txt").read_text(encoding="utf-8")
    assert len(text) == len(original) and "\x00" not in text and "\x07" not in text
    assert [i for i, ch in enumerate(original) if ch in "\x00\x07\x1b"] == [i for i, (a, b) in enumerate(zip(original, text)) if a != b]
    assert "👨\u200d👩\u200d👧" in emoji  # a joiner inside an emoji sequence is not stray


def test_other_languages_are_recorded_as_unsupported(hostile):
    _, _, _, directory, _ = hostile
    db = directory.parent / f"{directory.name}.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    reasons = dict(con.execute("SELECT origin, reason FROM failures").fetchall())
    con.close()
    for name, code in (("russian.txt", "ru"), ("arabic.txt", "ar"), ("chinese.txt", "zh")):
        assert reasons[str(directory / name)].startswith(f"unsupported language: {code}")


def test_script_mode_prints_the_verdict(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(TOOL), str(tmp_path / "suite")], capture_output=True, text=True)
    assert result.returncode == 0 and "inputs written" in result.stdout
    manifest = json.loads((tmp_path / "suite.expected.json").read_text())
    assert manifest["broken.jsonl"]["named"] and manifest["many.jsonl"]["stored"]

"""The hostile-input suite: generate the inputs scrapers really produce, ingest them, and check that
nothing crashed, no good article was lost, every bad input was named, and the counts add up.

    python tools/hostile_inputs.py DIR            # write the small suite into DIR
    python tools/hostile_inputs.py DIR --full     # ... with the 20 MB article and 100,000 one-line articles
    python tools/hostile_inputs.py --run DIR [--full]   # write it, ingest it, print the verdict

Everything is generated from code (no checked-in binaries); the article texts are invented.
``tests/test_hostile_inputs.py`` runs the small suite.
"""
from __future__ import annotations

import argparse
import codecs
import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

SMALL_MANY = 40  # one-line articles in the small suite (100,000 with --full)
FULL_MANY = 100_000

_TOWNS = ("Oakridge", "Millbrook", "Carrow", "Fenwick", "Halston", "Brightwater", "Elmsford", "Kestrel Bay", "Norwick", "Ashby")
_BODIES = ("council", "port authority", "water board", "school district", "transport agency", "health service")
_ACTS = ("approved a budget for new schools", "delayed a vote on a bridge repair", "opened an inquiry into flood damage",
         "signed a contract for electric buses", "cut the price of bus fares", "hired forty nurses for its hospital")


def article_text(seed: int, sentences: int = 5) -> str:
    """An invented English news text, different for every seed."""
    rng = random.Random(seed)
    town = rng.choice(_TOWNS)
    out = [f"The {rng.choice(_BODIES)} of {town} {rng.choice(_ACTS)} on Monday, officials said (case {seed})."]
    for _ in range(sentences - 1):
        out.append(f"The mayor of {town} said the {rng.choice(_BODIES)} {rng.choice(_ACTS)} after {rng.randint(2, 90)} residents "
                   f"asked for it at a public meeting, and that the work would start in {rng.choice(('May', 'June', 'July'))}.")
    return " ".join(out)


@dataclass
class Case:
    """One generated file: the ids of the articles that must be stored, the inputs (file, or file:line)
    that must be named in an error or warning line."""

    name: str
    data: bytes
    stored: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)
    what: str = ""


def _page(body: str, extra_head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Council news</title>{extra_head}</head><body>{body}</body></html>"


def build_cases(full: bool = False) -> list[Case]:
    cases: list[Case] = []

    def add(name: str, data: bytes, stored: bool, named: bool, what: str, ids: Optional[list[str]] = None, lines: Optional[list[str]] = None):
        stem = name.rsplit(".", 1)[0]
        cases.append(Case(name, data, ids if ids is not None else ([stem] if stored else []),
                          [f"{name}{line}" for line in (lines or [""])] if named else [], what))

    text = article_text
    add("empty.txt", b"", False, True, "empty file")
    add("whitespace.txt", b"  \n\t\r\n   \n", False, True, "whitespace only")
    add("binary.txt", random.Random(1).randbytes(20_000), False, True, "random bytes")
    add("image.txt", b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(5000), False, True, "a PNG named .txt")
    bad_utf8 = text(3).encode()
    bad_utf8 = bad_utf8[:40] + b"\xff\xfe\xc3" + bad_utf8[40:] + " — café".encode()
    add("invalid_utf8.txt", bad_utf8, True, True, "UTF-8 with stray invalid bytes")
    add("utf16_bom.txt", codecs.BOM_UTF16_LE + text(4).encode("utf-16-le"), True, False, "UTF-16 with BOM")
    add("utf16_no_bom.txt", text(5).encode("utf-16-le"), True, True, "UTF-16 without BOM")
    add("latin1.txt", (text(6) + " The café owner called it naïve.").encode("latin-1"), True, True, "Latin-1")
    add("nested_quotes.txt", ('The minister said "the council told us \'the mayor said "we will \'never\' agree" and left\' on Monday" '
                              'and then "nothing more. ' + text(7) + ' "“Unbalanced ‘quotes” here\'').encode(), True, False,
        "deeply nested and unbalanced quotation marks")
    words = re.findall(r"[a-z]+", text(8).lower())
    add("long_sentence.txt", ("The council said " + " ".join(words[i % len(words)] for i in range(900)))[:5000].encode(), True, False,
        "a 5,000-character sentence without punctuation")
    add("script_only.html", _page("<script>var x = '" + "a" * 2000 + "';</script><script>track();</script>",
                                  "<script>window.dataLayer = [];</script><style>body{color:red}</style>").replace("<body>", "").replace("</body>", "").encode(),
        False, True, "HTML with scripts and no body")
    rows = "".join(f"<tr><td><p>{text(20 + i, 3)}</p></td></tr>" for i in range(3))
    add("table_article.html", _page(f"<table class='layout'><tr><td><h1>Council news</h1></td></tr>{rows}</table>").encode(), True, False,
        "HTML with the article in a table")
    add("unclosed.html", ("<html><body><div><p>" + text(9) + "<p>" + text(10) + "<div><span>").encode(), True, False, "unbalanced tags")
    add("russian.txt", ("Городской совет в понедельник утвердил бюджет на строительство новых школ, сообщили чиновники. "
                        "Мэр заявил, что работы начнутся летом после общественных слушаний.").encode(), False, True, "Russian")
    add("arabic.txt", ("وافق مجلس المدينة يوم الاثنين على ميزانية لبناء مدارس جديدة، حسبما قال مسؤولون. "
                       "وقال رئيس البلدية إن العمل سيبدأ في الصيف بعد جلسات استماع عامة.").encode(), False, True, "Arabic")
    add("chinese.txt", "市议会星期一批准了建设新学校的预算，官员们说。市长说，工程将在公开听证会之后于夏季开始。".encode(), False, True, "Chinese")
    add("mixed_language.txt", (text(11) + "\n\nГородской совет в понедельник утвердил бюджет на строительство новых школ, сообщили "
                               "чиновники, и мэр заявил, что работы начнутся летом.\n\n" + text(12)).encode(), True, True,
        "English with a Russian paragraph")
    add("control_chars.txt", (text(13)[:50] + "\x00" + text(13)[50:90] + "\x07\x1b" + text(13)[90:]).encode(), True, True,
        "NUL, bell and escape characters in English text")
    add("zero_width_rtl.txt", (text(14)[:30] + "\u200b\u200f" + text(14)[30:70] + "\u202e\u2066" + text(14)[70:] + "\ufeff").encode(), True, True,
        "zero-width and right-to-left marks")
    add("emoji.txt", (text(15) + " Residents cheered 🎉👍🏽 and posted 👨‍👩‍👧 photos.").encode(), True, False, "emoji")
    add("notes.docx", b"PK\x03\x04" + bytes(100), False, True, "unsupported file type")
    add("deep.json", ("[" * 100_000 + "]" * 100_000).encode(), False, True, "JSON nested 100,000 deep")
    add("surrogate.json", json.dumps({"id": "surrogate", "text": text(16) + " \ud800 end."}).encode(), True, True,
        "JSON text with a lone surrogate", ids=["surrogate"])

    # JSONL: broken lines, non-object lines, duplicate ids with different text, wrong field types
    lines = [
        (json.dumps({"id": "j-ok", "text": text(30)}), "stored", None),
        ('{"id": "j-broken", "text": "unterminated', "named", None),
        ("[1, 2, 3]", "named", None),
        ('"just a string"', "named", None),
        ("42", "named", None),
        (json.dumps({"id": "j-dup", "text": text(31)}), "stored", None),
        (json.dumps({"id": "j-dup", "text": text(32)}), "stored+named", "j-dup#2"),
        (json.dumps({"id": "j-types", "text": text(33), "title": 17, "url": ["x"], "source": {"a": 1}, "published": 20141203}), "stored+named", None),
        (json.dumps({"id": "j-date", "text": text(34), "published": "last Tuesday"}), "stored+named", None),
        (json.dumps({"id": "j-baddate", "text": text(35), "published": "2014-13-45"}), "stored+named", None),
        (json.dumps({"id": "j-notext", "title": "no text"}), "named", None),
        (json.dumps({"id": "j-numtext", "text": 12345}), "named", None),
        (json.dumps({"id": ["list", "id"], "text": text(36)}), "stored+named", "broken-13"),
        (json.dumps({"id": "j-fr", "text": text(37), "language": "fr"}), "named", None),
        ("\x00\x01\x02garbage\x03", "named", None),
        (json.dumps({"id": "j-ctrl", "text": text(38)[:20] + "\x00\x07" + text(38)[20:]}), "stored+named", None),
        (json.dumps({"id": "j-last", "text": text(39)}), "stored", None),
    ]
    raw, ids, named = [], [], []
    for number, (line, fate, stored_id) in enumerate(lines, start=1):
        raw.append(line)
        if fate.startswith("stored"):
            ids.append(stored_id or json.loads(line)["id"])
        if "named" in fate:
            named.append(f":{number}")
    add("broken.jsonl", ("\n".join(raw) + "\n").encode(), True, True, "JSONL with broken, non-object, duplicate and mistyped lines",
        ids=ids, lines=named)

    many = FULL_MANY if full else SMALL_MANY
    add("many.jsonl", "".join(json.dumps({"id": f"m{i}", "text": f"The council of town number {i} approved a new budget on Monday, officials said."}) + "\n"
                              for i in range(many)).encode(), True, False, f"{many:,} one-line articles", ids=[f"m{i}" for i in range(many)])
    if full:
        add("huge.txt", (text(40) + " ") .encode() * (20_000_000 // (len(text(40)) + 1)), False, True, "a 20 MB article (over the default limit)")
    return cases


def write_suite(directory: Path, full: bool = False) -> list[Case]:
    """Write the suite's files into ``directory`` (created) and ``expected.json`` beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    cases = build_cases(full)
    for case in cases:
        (directory / case.name).write_bytes(case.data)
    manifest = {c.name: {"what": c.what, "stored": c.stored, "named": c.named} for c in cases}
    (directory.parent / f"{directory.name}.expected.json").write_text(json.dumps(manifest, indent=1))
    return cases


@dataclass
class Verdict:
    inputs_tried: int  # files and JSONL lines of the suite
    crashes: list[str]  # tracebacks, extractor exceptions, a bad exit code
    lost: list[str]  # ids of good articles not in the ledger
    unnamed: list[str]  # bad inputs no error or warning line names
    reconciled: bool  # summary: inputs = added + known + skipped, and the ledger agrees
    summary_line: str = ""

    def ok(self) -> bool:
        return not self.crashes and not self.lost and not self.unnamed and self.reconciled


def count_inputs(cases: list[Case]) -> int:
    total = 0
    for case in cases:
        total += sum(1 for line in case.data.splitlines() if line.strip()) if case.name.endswith(".jsonl") else 1
    return total


def judge(cases: list[Case], directory: Path, db: Path, code: int, stderr: str) -> Verdict:
    """Compare what an ingest of the suite printed and stored with what the cases expect."""
    import duckdb

    crashes = []
    if "Traceback" in stderr:
        crashes.append("a traceback on stderr")
    if code not in (0, 1):
        crashes.append(f"exit code {code}")
    crashes += [line for line in stderr.splitlines() if "extraction failed:" in line or "process died" in line]
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
        n_articles = len(stored)
        n_failures = con.execute("SELECT count(*) FROM failures").fetchone()[0]
        n_warnings = con.execute("SELECT count(*) FROM warnings").fetchone()[0]
    finally:
        con.close()
    lost = [i for case in cases for i in case.stored if i not in stored]
    reported = [line for line in stderr.splitlines() if line.startswith(("newsledger: skipped ", "newsledger: warning: "))]
    unnamed = []
    for case in cases:
        for name in case.named:
            origin = str(directory / name)
            if not any(re.search(re.escape(origin) + r"(?![\d])", line) for line in reported):
                unnamed.append(name)
    summary = next((line for line in stderr.splitlines() if " inputs: " in line and "articles added" in line), "")
    match = re.search(r"(\d+) inputs: (\d+) articles added, (\d+) already in the ledger .*?, (\d+) skipped", summary)
    reconciled = False
    if match:
        read, added, known, skipped = map(int, match.groups())
        warned = re.search(r"; (\d+) warnings?", summary)
        reconciled = (read == added + known + skipped == count_inputs(cases) and added == n_articles and skipped == n_failures
                      and (int(warned.group(1)) if warned else 0) == n_warnings)
    return Verdict(count_inputs(cases), crashes, lost, unnamed, reconciled, summary)


def run_suite(directory: Path, full: bool = False, runner: Optional[Callable[[list[str]], tuple[int, str]]] = None) -> Verdict:
    """Write the suite, ingest it into a fresh ledger beside it, and judge the result. ``runner`` takes
    the ``newsledger`` arguments and returns (exit code, stderr); the default runs a subprocess."""
    cases = write_suite(directory, full)
    db = directory.parent / f"{directory.name}.duckdb"
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    args = ["ingest", str(directory), "--db", str(db), "--workers", "1", "--no-progress"]
    if runner is None:
        result = subprocess.run([sys.executable, "-m", "newsledger", *args], capture_output=True, text=True)
        code, stderr = result.returncode, result.stderr
    else:
        code, stderr = runner(args)
    return judge(cases, directory, db, code, stderr)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="where to write the suite")
    parser.add_argument("--full", action="store_true", help="include the 20 MB article and 100,000 one-line articles")
    parser.add_argument("--run", action="store_true", help="also ingest it and print what happened")
    args = parser.parse_args(argv)
    if not args.run:
        cases = write_suite(args.directory, args.full)
        print(f"{len(cases)} files, {count_inputs(cases)} inputs written to {args.directory}")
        return 0
    verdict = run_suite(args.directory, args.full)
    print(f"hostile inputs tried: {verdict.inputs_tried}")
    print(f"crashes: {len(verdict.crashes)}" + "".join(f"\n  {c}" for c in verdict.crashes[:10]))
    print(f"lost articles: {len(verdict.lost)}" + (f" ({', '.join(verdict.lost[:10])})" if verdict.lost else ""))
    print(f"bad inputs not named: {len(verdict.unnamed)}" + (f" ({', '.join(verdict.unnamed)})" if verdict.unnamed else ""))
    print(f"counts reconciled: {'yes' if verdict.reconciled else 'NO'} ({verdict.summary_line.removeprefix('newsledger: ')})")
    return 0 if verdict.ok() else 1


if __name__ == "__main__":
    sys.exit(main())

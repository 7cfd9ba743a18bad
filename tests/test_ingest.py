"""Readers: every supported input, and every bad input, gives an Article or a clear Failure."""
from __future__ import annotations

import io
import json

import pytest

from newsledger.ingest import read_inputs, validate_article
from newsledger.records import Article, Failure


def read(*paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_txt_file_is_an_article_named_after_the_file(tmp_path, seed_text):
    path = tmp_path / "kazan.txt"
    path.write_text(seed_text, encoding="utf-8")
    [article] = read(path, published="2024-10-25")
    assert isinstance(article, Article)
    assert article.id == "kazan" and article.text == seed_text and article.published == "2024-10-25"


def test_jsonl_fields_and_order(tmp_path):
    rows = [{"id": "b", "text": "Second article about the government of France and its president.", "published": "2020-01-02", "title": "T"},
            {"id": "a", "text": "First article about the army of Chad and the rebels in the north.", "date": "2019-05-06T10:00:00Z"}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    items = read(path)
    assert [i.id for i in items] == ["b", "a"]
    assert items[0].title == "T" and items[1].published == "2019-05-06"
    assert items[0].origin.endswith("in.jsonl:1")


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("The police arrested two men in the city on Monday, officials said.")
    (tmp_path / "sub" / "a.txt").write_text("The minister resigned after the vote in parliament on Tuesday, he said.")
    (tmp_path / ".hidden.txt").write_text("The army said the attack was repelled on the border by its soldiers.")
    items = read(tmp_path)
    assert [i.id for i in items] == ["b", "a"]


def test_html_main_text_and_metadata(tmp_path):
    body = " ".join(["The prime minister of Spain met the president of France in Madrid on Monday to discuss the border and trade."] * 6)
    html = f"""<html><head><title>Leaders meet</title><meta property="article:published_time" content="2021-03-04"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Leaders meet</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright 2021</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article), article
    assert "prime minister of Spain" in article.text and "Home | World" not in article.text
    assert article.title == "Leaders meet" and article.published == "2021-03-04"


def test_stdin_plain_text_and_jsonl():
    text = "The army of Chad said its soldiers repelled an attack by rebels near the border on Monday."
    [article] = list(read_inputs(["-"], stdin=io.StringIO(text)))
    assert article.id == "stdin" and article.text == text
    lines = "\n".join(json.dumps({"id": f"x{i}", "text": text}) for i in range(3))
    assert [a.id for a in read_inputs(["-"], stdin=io.StringIO(lines))] == ["x0", "x1", "x2"]


def test_repeated_ids_are_made_unique(tmp_path):
    path = tmp_path / "in.jsonl"
    text = "The government of Peru said the president would visit Chile next week for talks."
    path.write_text("\n".join(json.dumps({"id": "same", "text": text + str(i)}) for i in range(3)))
    assert [a.id for a in read(path)] == ["same", "same#2", "same#3"]


# --- bad inputs: one clear failure each, the rest of the batch goes on ------------------------

GOOD = "The foreign minister of Japan met his counterpart from Korea in Seoul on Friday to discuss trade."


def failures_and_articles(items):
    return [i for i in items if isinstance(i, Failure)], [i for i in items if isinstance(i, Article)]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty article"),
    ("blank.txt", b"   \n\t\n  ", "empty article"),
    ("binary.txt", bytes(range(256)) * 40, "binary file"),
    ("latin1.txt", "Le président a visité la région à Noël, où il a rencontré des élèves.".encode("latin-1"), "unsupported language: fr"),
    ("notes.docx", b"PK\x03\x04 fake", "unsupported file type '.docx'"),
    ("empty.html", b"<html><body><nav>Menu</nav></body></html>", "no article text found in the HTML"),
    ("german.txt", ("Die Bundesregierung hat am Mittwoch beschlossen, dass die Soldaten in der Region bleiben sollen. " * 5).encode(), "unsupported language: de"),
])
def test_bad_file_gives_one_failure_naming_it_and_the_batch_goes_on(tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    failures, articles = failures_and_articles(read(bad, good))
    assert len(failures) == 1 and reason in failures[0].reason, failures
    assert failures[0].origin == str(bad)
    assert [a.id for a in articles] == ["good"]


def test_missing_path_is_reported(tmp_path):
    failures, articles = failures_and_articles(read(tmp_path / "nope.txt", tmp_path))
    assert failures[0].reason == "no such file or directory" and "nope.txt" in failures[0].origin


def test_huge_text_is_refused_with_the_limit_named(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("The army said the attack was repelled. " * (20_000_000 // 39))  # about 20 MB
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    failures, articles = failures_and_articles(read(huge, good))
    assert len(failures) == 1 and "more than the limit" in failures[0].reason and "--max-chars" in failures[0].reason
    assert len(articles) == 1


def test_jsonl_bad_lines_name_the_line_and_keep_the_good_ones(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok1", "text": GOOD}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "notext", "title": "no body"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "baddate", "text": GOOD, "published": "yesterday"}),
        json.dumps({"id": "fr", "text": GOOD, "language": "fr"}),
        "",
        json.dumps({"id": "ok2", "text": GOOD}),
    ]), encoding="utf-8")
    failures, articles = failures_and_articles(read(path))
    # a bad optional field costs the field, not the article
    assert [a.id for a in articles] == ["ok1", "baddate", "ok2"]
    baddate = articles[1]
    assert baddate.published is None and baddate.origin.endswith("mixed.jsonl:5")
    assert baddate.warnings == ["'published' 'yesterday' is not a date (expected YYYY-MM-DD): field dropped"]
    by_line = {f.origin.rsplit(":", 1)[1]: f.reason for f in failures}
    assert set(by_line) == {"2", "3", "4", "6"}
    assert by_line["2"].startswith("malformed JSON")
    assert by_line["3"] == "no 'text' field"
    assert "expected a JSON object" in by_line["4"]
    assert by_line["6"].startswith("unsupported language: fr")


def test_validate_article_normalises_dates():
    article = validate_article(Article(id="x", text=GOOD, published="2024-10-25T08:00:00+02:00"))
    assert isinstance(article, Article) and article.published == "2024-10-25"


def test_a_reader_bug_costs_one_input_not_the_run(tmp_path, monkeypatch):
    # fault injection: the page reader breaks on one file; the run goes on and names it
    from newsledger.ingest import readers

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(readers, "html_article", broken)
    (tmp_path / "a.html").write_text("<html><body><p>" + GOOD * 5 + "</p></body></html>")
    (tmp_path / "b.txt").write_text(GOOD)
    failures, articles = failures_and_articles(read(tmp_path))
    assert [a.id for a in articles] == ["b"]
    assert failures[0].origin.endswith("a.html") and "KeyError" in failures[0].reason and "bug" in failures[0].reason


def test_warnings_name_what_was_repaired(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(("The minister\x00 said the army\u200f would leave on Monday, officials said.").encode("utf-16-le"))
    [article] = read(path)
    assert isinstance(article, Article) and "\x00" not in article.text and "\u200f" not in article.text
    assert article.warnings[0].startswith("no byte-order mark: read as UTF-16-LE")
    assert article.warnings[1].startswith("2 control or invisible characters replaced by spaces (NUL ×1, RIGHT-TO-LEFT MARK ×1")

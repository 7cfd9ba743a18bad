"""Shared fixtures: the spaCy pipeline (loaded once), the seed article and a few demo articles."""
from __future__ import annotations

import json
import pathlib

import pytest

DATA = pathlib.Path(__file__).parent / "data"
SEED_PUBLISHED = "2024-10-25"


@pytest.fixture(scope="session")
def nlp():
    from newsledger import nlp as nlp_loader

    return nlp_loader.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (DATA / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text, nlp):
    from newsledger import extract

    return extract(seed_text, published=SEED_PUBLISHED, id="seed", nlp=nlp)


@pytest.fixture(scope="session")
def demo_articles() -> list[dict]:
    from newsledger.demo import demo_corpus_path

    with demo_corpus_path().open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def demo_by_id(demo_articles) -> dict[str, dict]:
    return {a["id"]: a for a in demo_articles}


def sentence_with(text: str, needle: str) -> str:
    """The sentence (roughly: between full stops/newlines) of ``text`` that contains ``needle``."""
    i = text.index(needle)
    start = max(text.rfind(". ", 0, i) + 2, text.rfind("\n", 0, i) + 1, 0)
    end = min([j for j in (text.find(". ", i), text.find("\n", i)) if j != -1] or [len(text)])
    return text[start:end + 1].strip()


#: Short articles written for the corpus tests: two outlets report one strike in different words, a
#: strike the next day, the same attacker against another target, a 2008 invasion reported then and
#: recalled in 2024, disagreeing troop figures, and "Putin" next to "Vladimir Putin".
CORPUS_ARTICLES = [
    {"id": "strike-a", "source": "Outlet A", "url": "https://a.example/strike", "published": "2024-03-05",
     "text": "Russian forces attacked Ukrainian troops near Kharkiv on March 4, 2024. Vladimir Putin did not comment on the attack."},
    {"id": "strike-b", "source": "Outlet B", "url": "https://b.example/kharkiv", "published": "2024-03-05",
     "text": "Russia shelled Ukrainian soldiers in Kharkiv on March 4, 2024. Putin spoke to reporters in Moscow."},
    {"id": "next-day", "source": "Outlet C", "url": "https://c.example/again", "published": "2024-03-06",
     "text": "Russia attacked Ukraine on March 5, 2024."},
    {"id": "other-target", "source": "Outlet A", "url": "https://a.example/georgia", "published": "2024-03-05",
     "text": "Russia attacked Georgia on March 4, 2024."},
    {"id": "invasion-2008", "source": "Outlet D", "url": "https://d.example/2008", "published": "2008-08-09",
     "text": "Russia invaded Georgia on August 8, 2008. The war lasted five days."},
    {"id": "recalled-2024", "source": "Outlet B", "url": "https://b.example/nato", "published": "2024-03-07",
     "text": "Russia invaded Georgia in August 2008. Georgia now hopes to join NATO."},
    {"id": "troops", "source": "Outlet C", "url": "https://c.example/troops", "published": "2024-03-05",
     "text": "Russia has 3,000 troops in Transnistria, the Russian defence ministry said on Monday. "
             "Ukraine says Russia has 12,000 troops in Transnistria."},
    {"id": "summit", "source": "Outlet D", "url": "https://d.example/summit", "published": "2024-05-17",
     "text": "Putin met Chinese President Xi Jinping in Beijing on May 16, 2024."},
]


def write_jsonl(path: pathlib.Path, articles: list[dict]) -> pathlib.Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus_inputs(demo_articles) -> list[dict]:
    """The hand-written articles and six demo articles, as ingest input records."""
    demo = [{"id": a["id"], "text": a["text"], "published": a["date"], "source": "Wikinews"} for a in demo_articles[:6]]
    return CORPUS_ARTICLES + demo


@pytest.fixture(scope="session")
def corpus_ledger(tmp_path_factory, corpus_inputs, nlp) -> pathlib.Path:
    """A ledger of ``corpus_inputs`` ingested in one run (in-process: shares the loaded pipeline)."""
    from newsledger.cli import main

    folder = tmp_path_factory.mktemp("corpus")
    source = write_jsonl(folder / "in.jsonl", corpus_inputs)
    db = folder / "once.duckdb"
    assert main(["ingest", str(source), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    return db

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

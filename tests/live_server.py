"""A real uvicorn server on 127.0.0.1 (a free port, in a thread of the test process) over a real
DuckDB ledger of demo articles plus one hostile article whose text and title carry scripts.

Import the fixtures into a test module: ``from .live_server import live_server, web_ledger``.
The thread shares the test session's spaCy pipeline, so /api/extract does not load it again.
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import httpx
import pytest

from .conftest import CORPUS_ARTICLES

#: Text a browser would run if the UI ever put article text into the page as HTML.
SCRIPT_TEXT = (
    "The city council of Lyon approved a new budget on Monday, officials said.\n\n"
    "<script>window.__pwned=1</script><script>alert(1)</script>"
    "<img src=x onerror=\"window.__pwned=2\">\n\n"
    "The mayor said the budget would fund new schools and repair roads across the city. "
    "French President Emmanuel Macron praised the council for the decision."
)
SCRIPT_TITLE = "Budget <img src=x onerror=\"window.__pwned=3\"> approved"
SCRIPT_ID = "hostile-<script>"
N_DEMO = 10
#: Corpus test articles in the web ledger: one strike reported by two outlets, and a claim thread.
REPORTED_TWICE = ("strike-a", "strike-b", "troops")


@dataclass
class LiveServer:
    base_url: str
    db: Path
    write_token: Optional[str]
    script_id: str = SCRIPT_ID

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=60, **kwargs)


@pytest.fixture(scope="session")
def web_ledger(tmp_path_factory, demo_articles, nlp) -> Path:
    """The ledger the servers read: the first demo articles, two outlets' reports of one strike and
    the disagreeing troop figures (``REPORTED_TWICE``), and the hostile article."""
    from newsledger.ingest import validate_article
    from newsledger.pipeline import read_articles
    from newsledger.records import Article
    from newsledger.store import open_writer

    articles = [Article(id=a["id"], text=a["text"], title=a.get("title"), published=a.get("date"), origin=a["id"])
                for a in demo_articles[:N_DEMO]]
    articles += [Article(id=a["id"], text=a["text"], title=f"{a['source']}: {a['id']}", url=a["url"], source=a["source"],
                         published=a["published"], origin=a["id"])
                 for a in CORPUS_ARTICLES if a["id"] in REPORTED_TWICE]
    articles.append(Article(id=SCRIPT_ID, text=SCRIPT_TEXT, title=SCRIPT_TITLE, published="2024-03-04", origin=SCRIPT_ID))
    items = list(read_articles([validate_article(a) for a in articles], nlp=nlp))
    db = tmp_path_factory.mktemp("web") / "ledger.duckdb"
    from newsledger import corpus

    with open_writer(db) as ledger:
        result = ledger.write(items)
        corpus.rebuild(ledger.con)  # as every ingest ends
    assert result.added == len(articles), "every test article must be in the ledger"
    return db


@contextlib.contextmanager
def serve(db: Path, nlp=None, write_token: Optional[str] = None, **options) -> Iterator[LiveServer]:
    """Run ``create_app(db, ...)`` under uvicorn on a free loopback port until the block ends."""
    import uvicorn

    from newsledger.web import create_app

    app = create_app(db, write_token=write_token, **options)
    app.state.nlp = nlp
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port; uvicorn serves this very socket
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(base_url=base_url, db=db, write_token=write_token)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def live_server(web_ledger, nlp) -> Iterator[LiveServer]:
    """The server as ``newsledger serve LEDGER`` runs it: read-only, default body limit."""
    with serve(web_ledger, nlp=nlp) as server:
        yield server


@pytest.fixture()
def writable_server(web_ledger, nlp, tmp_path) -> Iterator[LiveServer]:
    """A server started with a write token, over its own copy of the ledger (writes stay in the test)."""
    db = tmp_path / "writable.duckdb"
    shutil.copy(web_ledger, db)
    with serve(db, nlp=nlp, write_token="s3cret-token") as server:
        yield server

"""``create_app(db)``: the FastAPI app serving one ledger's API, pages and built front end."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import api, pages
from .security import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders

STATIC = Path(__file__).parent / "static"


def create_app(db: Union[str, os.PathLike], write_token: Optional[str] = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app over the ledger file ``db`` (opened per request, read-only). Writing endpoints need
    ``write_token``; without one the server is read-only. Bodies over ``max_body`` bytes get 413."""
    app = FastAPI(title="newsledger", version=__version__,
                  description="Sourced event data from news articles: every record points back to the text behind it. "
                              "List endpoints take the filters of the `newsledger events|quotes|claims|articles` commands.")
    app.state.db = str(db)
    app.state.db_name = Path(db).name
    app.state.write_token = write_token or None
    app.state.nlp = None  # the spaCy pipeline, loaded by the first extraction
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_body=max_body)  # added last: runs first, before anything reads the body
    return app

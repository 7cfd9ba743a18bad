"""The ledger's face: a REST API under ``/api/`` and HTML pages (each linking its JSON twin), served
by one FastAPI app from ``create_app(db)``. Reads go through ``newsledger.query`` only; the built
front end lives in ``static/`` (sources in ``frontend/``, built by ``tools/build_frontend.sh``)."""
from .app import create_app

__all__ = ["create_app"]

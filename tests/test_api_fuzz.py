"""Schema-based fuzzing of the REST API (schemathesis) against a real uvicorn server on loopback:
every read endpoint in the OpenAPI schema, with generated parameters, answers without a 5xx and
as its schema says. A short run in CI; the long run:

    NEWSLEDGER_API_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/test_api_fuzz.py
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from .live_server import live_server, web_ledger  # noqa: F401 (fixtures)

EXAMPLES = int(os.environ.get("NEWSLEDGER_API_FUZZ_EXAMPLES", "8"))


@pytest.fixture(scope="session")
def api_schema(live_server):
    return schemathesis.openapi.from_url(f"{live_server.base_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.include(method="GET").parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_read_endpoints_never_fail_on_generated_input(case):
    response = case.call(timeout=30)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.status_code} {response.text[:300]}"

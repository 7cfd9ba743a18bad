"""Scale-out on a real (local) Ray cluster gives the same records as the local pipeline, in order."""
from __future__ import annotations

import json

import pytest
import ray

from newsledger import extract_paths
from newsledger.records import Extraction, Failure
from newsledger.scale import extract_on_ray


@pytest.fixture(scope="module")
def ray_cluster():
    yield
    ray.shutdown()


def test_ray_extraction_matches_local_and_keeps_order(ray_cluster, tmp_path, demo_articles):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    rows = [json.dumps({"id": a["id"], "text": a["text"], "published": a["date"]}) for a in demo_articles[150:158]]
    first.write_text("\n".join(rows[:5] + ['{"id": "broken", "text": ']) + "\n", encoding="utf-8")
    second.write_text("\n".join(rows[5:]) + "\n", encoding="utf-8")

    remote = list(extract_on_ray([str(first), str(second)], workers=2, batch_size=3))
    local = list(extract_paths([str(first), str(second)]))

    assert [r["id"] if isinstance(r, dict) else r.origin for r in remote] == \
           [x.id if isinstance(x, Extraction) else x.origin for x in local]
    [failure] = [r for r in remote if isinstance(r, Failure)]
    assert failure.origin.endswith("a.jsonl:6") and failure.reason.startswith("malformed JSON")
    remote_records = [r for r in remote if isinstance(r, dict)]
    local_records = [x.to_dict() for x in local if isinstance(x, Extraction)]
    assert len(remote_records) == 8 and remote_records == local_records
    assert all(r["actors"] for r in remote_records)

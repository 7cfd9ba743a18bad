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


def test_parquet_output_stores_the_same_ledger_as_a_local_ingest(ray_cluster, tmp_path, demo_articles):
    """`newsledger scale --input DIR --output OUT`, then `newsledger ingest OUT`: the ledger a local
    ingest of the same shards gives, row for row; DuckDB reads the Parquet directories directly."""
    import duckdb

    from newsledger.cli import main
    from newsledger.store.snapshot import differences, snapshot

    shards = tmp_path / "shards"
    shards.mkdir()
    rows = [json.dumps({"id": a["id"], "text": a["text"], "published": a["date"]}) for a in demo_articles[200:205]]
    (shards / "part-0.jsonl").write_text("\n".join(rows[:3] + ['{"id": "broken", "text": ']) + "\n", encoding="utf-8")
    repeat = json.dumps({"id": "repeat", "text": demo_articles[200]["text"]})
    (shards / "part-1.jsonl").write_text("\n".join(rows[3:] + [repeat]) + "\n", encoding="utf-8")
    out = tmp_path / "out"

    assert main(["scale", "--input", str(shards), "--output", str(out), "--workers", "2", "--batch-size", "2"]) == 0
    n_events = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/events/*.parquet') WHERE article_id <> 'repeat'").fetchone()[0]
    assert n_events > 0  # the repeated text was extracted on the cluster too; the ledger stores it once

    from_scale, local = tmp_path / "from_scale.duckdb", tmp_path / "local.duckdb"
    assert main(["ingest", str(out), "--db", str(from_scale)]) == 0
    assert main(["ingest", str(out), "--db", str(from_scale)]) == 0  # a second time adds nothing
    assert main(["ingest", str(shards), "--db", str(local), "--workers", "1"]) == 0
    stored = snapshot(from_scale)
    assert differences(stored, snapshot(local)) == []
    assert len(stored["articles"]) == 5 and len(stored["failures"]) == 1
    assert len(stored["events"]) == n_events

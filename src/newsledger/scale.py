"""Scale-out: the same extraction as ``newsledger extract``, run as a Ray Data job.

Input files are spread over the cluster (each worker reads its own files with the same readers as
the CLI, so bad lines become failures with their file and line), articles are extracted in batches
by a pool of actors that each load the spaCy pipeline once, and results come back in input order.
On one machine ``ray.init`` starts a local cluster; give ``address`` to join an existing one (the
input paths must then be readable from every node).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from .ingest import DEFAULT_MAX_CHARS, files_under, read_inputs
from .records import Article, Extraction, Failure

ARTICLE_FIELDS = ("id", "text", "title", "url", "source", "published", "language", "origin")


@dataclass
class ScaleResult:
    processed: int = 0
    failures: list[Failure] = field(default_factory=list)


def expand_paths(paths: list[str]) -> list[str]:
    """Files to read, walked as the local readers walk directories; other paths are kept as given so
    that a missing or unsupported one is reported by the reader like everywhere else."""
    return [str(f) for raw in paths for f in (files_under(Path(raw)) if Path(raw).is_dir() else [raw])]


def _read_file_rows(row: dict[str, Any], published: Optional[str], max_chars: int) -> list[dict[str, str]]:
    """One input file -> one row per article or failure (runs on a worker). Every column is a
    string ("" for none), so that blocks from different files share one Arrow schema."""
    out = []
    for item in read_inputs([row["path"]], published=published, max_chars=max_chars):
        if isinstance(item, Article):
            out.append({"origin": item.origin or "", "article": json.dumps({f: getattr(item, f) for f in ARTICLE_FIELDS}), "failure": ""})
        else:
            out.append({"origin": item.origin, "article": json.dumps({"id": item.article_id}), "failure": item.reason})
    return out


class _Extractor:
    """A Ray actor: loads the pipeline once, then extracts batch after batch."""

    def __init__(self, batch_size: int):
        from . import nlp as nlp_loader

        self.nlp = nlp_loader.load()
        self.batch_size = batch_size

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        from .pipeline import read_articles

        items: list[Union[Article, Failure]] = []
        for origin, article, failure in zip(batch["origin"], batch["article"], batch["failure"]):
            fields = json.loads(article)
            items.append(Failure(origin, failure, article_id=fields.get("id")) if failure else Article(**fields))
        records, failures = [], []
        for item in read_articles(items, nlp=self.nlp, batch_size=self.batch_size):  # one output per input, in order
            records.append(json.dumps(item.to_dict(), ensure_ascii=False) if isinstance(item, Extraction) else "")
            failures.append(item.reason if isinstance(item, Failure) else "")
        return {"origin": [str(o) for o in batch["origin"]], "article": [str(a) for a in batch["article"]],
                "record": records, "failure": failures}


def extract_on_ray(
    paths: list[str],
    *,
    published: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    workers: int = 2,
    batch_size: int = 16,
    address: Optional[str] = None,
) -> Iterator[Union[dict, Failure]]:
    """Records (as output-contract dicts) and Failures, in input order, computed on Ray."""
    import ray

    if not ray.is_initialized():
        # one CPU per extraction actor plus one for the tasks that read the files, or the readers starve
        ray.init(address=address, num_cpus=None if address else workers + 1, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    files = ray.data.from_items([{"path": p} for p in expand_paths(paths)])
    articles = files.flat_map(_read_file_rows, fn_kwargs={"published": published, "max_chars": max_chars})
    results = articles.map_batches(_Extractor, fn_constructor_kwargs={"batch_size": batch_size}, batch_size=batch_size,
                                   concurrency=workers, batch_format="numpy")
    for row in results.iter_rows():
        if row["failure"]:
            yield Failure(row["origin"], row["failure"], article_id=json.loads(row["article"]).get("id"))
        else:
            yield json.loads(row["record"])

"""Scale-out: the same extraction as ``newsledger extract``, run as a Ray Data job.

Input files (JSONL, Parquet, or anything the local readers take) are spread over the cluster: each
read task opens its own files with the same readers as the CLI (a bad line becomes a failure with
its file and line), articles are extracted in batches by a pool of actors that each load the spaCy
pipeline once (``map_batches`` with ``concurrency=workers``), and

- :func:`scale_to_parquet` writes one directory of Parquet files per ledger table (see
  ``scale_output``), in parallel from the cluster, that ``newsledger ingest`` or DuckDB read directly;
- :func:`extract_on_ray` brings the records back to the caller in input order (JSONL mode).

Paths may be local (on a cluster they must be readable from every node) or object-storage URIs
(``s3://bucket/shards/``, ``gs://...``), opened through ``pyarrow.fs`` with the usual credentials.
Without ``address`` a local Ray is started; with one (``auto``, ``ray://head:10001``) the job joins
that cluster.
"""
from __future__ import annotations

import datetime as dt
import glob as globbing
import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional, Union

from .ingest import (DEFAULT_MAX_CHARS, JSONL_SUFFIXES, article_from_record, files_under, read_inputs,
                     validate_article)
from .records import Article, Extraction, Failure

ARTICLE_FIELDS = ("id", "text", "title", "url", "source", "published", "language", "origin")
PARQUET_SUFFIXES = {".parquet", ".pq"}


def is_uri(path: str) -> bool:
    return "://" in path


def expand_paths(paths: list[str]) -> list[str]:
    """Files to read, in order: directories walked as the local readers walk them, globs expanded
    (sorted), object-storage prefixes listed; other paths kept as given so that a missing or
    unsupported one is reported by the reader like everywhere else."""
    out: list[str] = []
    for raw in paths:
        if is_uri(raw):
            out.extend(_list_uri(raw))
        elif Path(raw).is_dir():
            out.extend(str(f) for f in files_under(Path(raw)))
        elif any(c in raw for c in "*?["):
            out.extend(sorted(globbing.glob(raw, recursive=True)) or [raw])
        else:
            out.append(raw)
    return out


def _list_uri(uri: str) -> list[str]:
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(uri)
    info = filesystem.get_file_info(path)
    scheme = uri.split("://", 1)[0]
    if info.type == fs.FileType.Directory:
        found = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
        return sorted(f"{scheme}://{f.path}" for f in found if f.type == fs.FileType.File and not Path(f.path).name.startswith(("_", ".")))
    return [uri]


# ----------------------------------------------------------------------------------- reading (on workers)

def _read_file_rows(row: dict[str, Any], published: Optional[str], max_chars: int) -> Iterator[dict[str, str]]:
    """One input file -> one row per article or failure. Every column is a string ("" for none),
    so that blocks from different files share one Arrow schema."""
    from .scale_output import input_seq

    path, index = str(row["path"]), int(row["index"])
    for position, item in enumerate(_read_one(path, published, max_chars)):
        seq = input_seq(index, position)
        if isinstance(item, Article):
            yield {"seq": seq, "origin": item.origin or "", "article": json.dumps({f: getattr(item, f) for f in ARTICLE_FIELDS}), "failure": ""}
        else:
            yield {"seq": seq, "origin": item.origin, "article": json.dumps({"id": item.article_id}), "failure": item.reason}


def _read_one(path: str, published: Optional[str], max_chars: int) -> Iterator[Union[Article, Failure]]:
    suffix = Path(path.split("://", 1)[-1]).suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        yield from _read_parquet_articles(path, published, max_chars)
    elif is_uri(path):
        yield from _read_remote(path, suffix, published, max_chars)
    else:
        yield from read_inputs([path], published=published, max_chars=max_chars)


def _read_parquet_articles(path: str, published: Optional[str], max_chars: int) -> Iterator[Union[Article, Failure]]:
    """Rows of a Parquet shard with the JSONL fields as columns (``id, text, title?, ...``)."""
    import pyarrow.parquet as pq

    try:
        shard = pq.ParquetFile(_open(path))
    except Exception as err:  # not Parquet, unreadable, missing
        yield Failure(path, f"cannot read Parquet: {err}")
        return
    number = 0
    for batch in shard.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            number += 1
            where = f"{path}[row {number}]"
            record = {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in record.items()}
            item = article_from_record(record, where, default_id=f"{Path(path).stem}-{number}")
            yield validate_article(item, default_published=published, max_chars=max_chars) if isinstance(item, Article) else item


def _read_remote(uri: str, suffix: str, published: Optional[str], max_chars: int) -> Iterator[Union[Article, Failure]]:
    """A JSONL or text file on object storage: read through pyarrow.fs, then the local readers' rules."""
    from . import ingest

    try:
        with _open(uri) as fh:
            data = fh.read()
    except Exception as err:
        yield Failure(uri, f"cannot read: {err}")
        return
    if suffix in JSONL_SUFFIXES:
        items = ingest.read_jsonl_lines(io.BytesIO(data), uri, default_id=Path(uri).stem)
    else:
        text = ingest.decode_text(data, uri)
        items = iter([text if isinstance(text, Failure) else Article(id=Path(uri).stem, text=text, origin=uri)])
    for item in items:
        yield validate_article(item, default_published=published, max_chars=max_chars) if isinstance(item, Article) else item


def _open(path: str):
    if not is_uri(path):
        return open(path, "rb")
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path)
    return filesystem.open_input_file(inner)


# ------------------------------------------------------------------------------------ extracting (actors)

class _Extractor:
    """A Ray actor: loads the pipeline once, then extracts batch after batch. ``output`` is
    "record" (the JSON output contract) or "rows" (the ledger's rows of every table, pickled)."""

    def __init__(self, batch_size: int, output: str = "record"):
        from . import nlp as nlp_loader

        self.nlp = nlp_loader.load()
        self.batch_size = batch_size
        self.output = output

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from .pipeline import read_articles
        from .scale_output import table_rows

        items: list[Union[Article, Failure]] = []
        for origin, article, failure in zip(batch["origin"], batch["article"], batch["failure"]):
            fields = json.loads(article)
            items.append(Failure(origin, failure, article_id=fields.get("id")) if failure else Article(**fields))
        now = dt.datetime.now()
        out: dict[str, list] = {"seq": [str(s) for s in batch["seq"]], "origin": [str(o) for o in batch["origin"]],
                                "article": [str(a) for a in batch["article"]], "record": [], "failure": []}
        for seq, item in zip(out["seq"], read_articles(items, nlp=self.nlp, batch_size=self.batch_size)):  # in order
            if self.output == "rows":
                out["record"].append(pickle.dumps(table_rows(item, seq, now)))
            else:
                out["record"].append(json.dumps(item.to_dict(), ensure_ascii=False) if isinstance(item, Extraction) else "")
            out["failure"].append(item.reason if isinstance(item, Failure) else "")
        return out


def _table_rows(batch: dict[str, Any], table: str):
    """One table's rows out of the extractor's pickled rows, as an Arrow table with the ledger's schema."""
    from .scale_output import to_arrow

    return to_arrow(table, [row for blob in batch["record"] for row in pickle.loads(blob)[table]])


# ------------------------------------------------------------------------------------------- the jobs

def _init_ray(address: Optional[str], workers: int) -> None:
    import logging

    import ray
    if not ray.is_initialized():
        # one CPU per extraction actor plus one for the tasks that read the files, or the readers starve
        ray.init(address=address, num_cpus=None if address else workers + 1, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("ray.data")] + ["ray.data"]:
        logging.getLogger(name).setLevel(logging.WARNING)  # per-stage INFO lines would drown the summary


def _extracted(paths: list[str], published: Optional[str], max_chars: int, workers: int, batch_size: int, output: str):
    import ray

    files = ray.data.from_items([{"path": p, "index": i} for i, p in enumerate(expand_paths(paths))])
    articles = files.flat_map(_read_file_rows, fn_kwargs={"published": published, "max_chars": max_chars})
    # One big file is read by one task into few blocks, which would keep all but one actor idle:
    # blocks of a few batches spread it over the pool (in order, without a shuffle).
    articles = articles.repartition(target_num_rows_per_block=max(1, batch_size * 2))
    return articles.map_batches(_Extractor, fn_constructor_kwargs={"batch_size": batch_size, "output": output},
                                batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=workers), batch_format="numpy")


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
    _init_ray(address, workers)
    for row in _extracted(paths, published, max_chars, workers, batch_size, "record").iter_rows():
        if row["failure"]:
            yield Failure(row["origin"], row["failure"], article_id=json.loads(row["article"]).get("id"))
        else:
            yield json.loads(row["record"])


def scale_to_parquet(
    paths: list[str],
    output: str,
    *,
    published: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    workers: int = 2,
    batch_size: int = 16,
    address: Optional[str] = None,
) -> dict[str, int]:
    """Extract on Ray and write one Parquet directory per ledger table under ``output``.
    Returns the number of rows written per table."""
    from .scale_output import TABLES, arrow_schemas, write_marker

    _init_ray(address, workers)
    extracted = _extracted(paths, published, max_chars, workers, batch_size, "rows").materialize()  # spills to disk if large
    counts = {}
    base = output.rstrip("/")
    for table in TABLES:
        rows = extracted.map_batches(_table_rows, fn_kwargs={"table": table}, batch_format="numpy").materialize()
        counts[table] = rows.count()
        if counts[table]:
            rows.write_parquet(f"{base}/{table}")
        elif not is_uri(base):  # an empty table still has its schema, so that DuckDB can read every directory
            import pyarrow.parquet as pq

            Path(base, table).mkdir(parents=True, exist_ok=True)
            pq.write_table(arrow_schemas()[table].empty_table(), str(Path(base, table, "empty.parquet")))
    write_marker(base)
    return counts

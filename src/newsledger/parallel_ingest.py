"""Parallel, resumable ingest: N extraction processes, one writer, results in input order.

The process that calls :func:`ingest_items` is the coordinator and the only writer of the ledger:

1. It reads the inputs as a stream (``ingest.read_inputs`` yields one article at a time; nothing is
   read ahead beyond a bounded window) and looks each window's text hashes up in the ledger:
   articles already stored, or already sent off earlier in this run, are **skipped before parsing**.
2. The new articles go, ``batch_size`` at a time, to a pool of worker processes. Each worker loads
   the spaCy pipeline once and runs ``pipeline.read_articles`` (``nlp.pipe``) over its batch. At most
   ``2 × workers`` batches are in flight, so memory stays bounded whatever the input size.
3. Results are taken back in input order and **committed in batches** (one DuckDB transaction each,
   the file opened only for the commit; see ``store.access``). A batch is committed when
   ``commit_every`` items are waiting or ``commit_seconds`` have passed.

Resume: everything the ledger holds is durable, and everything not yet committed is simply done
again. A run killed at any point (Ctrl-C, SIGKILL, power loss) and started again with the same
arguments skips the committed articles by their hash; failures are recorded once per (input,
reason), so the second run adds none twice. The result is the ledger an uninterrupted run gives.
Ctrl-C commits what is already extracted before stopping.

Determinism: the inputs are cut into the same batches whatever the worker count, results are written
in input order, and a spaCy parse does not depend on what else is in its batch, so one worker and
eight give the same ledger.

A worker that dies (out of memory, a crash in native code) costs no article but the one that killed
it: the batches in flight are redone one article at a time in a fresh pool, and an article that kills
its worker again is recorded as a failure.
"""
from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Optional, Union

from .ingest import Item
from .records import Article, Extraction, Failure

DEFAULT_BATCH_SIZE = 16
DEFAULT_COMMIT_EVERY = 128
DEFAULT_COMMIT_SECONDS = 10.0


@dataclass
class Known:
    """An input article whose text is already in the ledger (or earlier in this run): not parsed."""

    article: Article


Outcome = Union[Extraction, Failure, Known]


@dataclass
class IngestSummary:
    read: int = 0  # inputs seen: articles and failures
    added: int = 0  # articles stored by this run
    known: int = 0  # articles skipped before parsing: text already in the ledger or repeated in the input
    failed: int = 0  # inputs that could not be processed (each is in the failures table)
    failures_recorded: int = 0  # failure rows this run added (a failure seen by an earlier run is not added twice)
    warnings: int = 0  # warnings on this run's inputs (stray characters replaced, a bad field dropped, ...)
    warnings_recorded: int = 0  # warning rows this run added (with the articles it added)
    commits: int = 0
    seconds: float = 0.0
    workers: int = 1
    interrupted: bool = False
    corpus_seconds: Optional[float] = None  # time the corpus tables took to rebuild, when they did

    @property
    def extracted(self) -> int:
        return self.added


@dataclass
class _Unit:
    """Consecutive inputs whose new articles go to one worker as one batch."""

    entries: list[Union[Article, Failure, Known]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    future: Optional[Future] = None


def outcome_warnings(outcome: Outcome) -> list[str]:
    """The warnings of an input's outcome (an extraction's, or a known article's as read again)."""
    if isinstance(outcome, Known):
        return outcome.article.warnings
    return getattr(outcome, "warnings", None) or []


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def ingest_items(
    items: Iterable[Item],
    db: str,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    commit_every: int = DEFAULT_COMMIT_EVERY,
    commit_seconds: float = DEFAULT_COMMIT_SECONDS,
    on_outcome: Optional[Callable[[Outcome], None]] = None,
    model: Optional[str] = None,
    summary: Optional[IngestSummary] = None,
) -> IngestSummary:
    """Extract ``items`` (Articles and Failures, e.g. from ``ingest.read_inputs``) into the ledger ``db``.

    ``on_outcome`` is called once per input, in input order, when its outcome is known (progress,
    failure messages). When interrupted (KeyboardInterrupt), what is already extracted is committed
    and the exception raised again; pass ``summary`` to read the counts then.
    """
    from .store import open_writer

    started = time.perf_counter()
    summary = summary if summary is not None else IngestSummary()
    summary.workers = workers
    with open_writer(db):  # creates the ledger and its tables
        pass
    pool = _Pool(workers, model)
    writer = _Writer(db, summary, commit_every, commit_seconds)
    in_flight: deque[_Unit] = deque()
    pending_hashes: set[str] = set()  # sent off or waiting to be committed: a repeat is "known"
    window = max(4 * batch_size, 64)
    stream = iter(items)

    def settle(unit: _Unit) -> None:
        outcomes = pool.results(unit)
        for outcome in outcomes:
            summary.known += isinstance(outcome, Known)
            summary.failed += isinstance(outcome, Failure)
            summary.warnings += len(outcome_warnings(outcome))
            if on_outcome:
                on_outcome(outcome)
        writer.add(outcomes, pending_hashes)

    try:
        while True:
            chunk = list(islice(stream, window))
            if not chunk:
                break
            summary.read += len(chunk)
            exhausted = len(chunk) < window
            known = _known_hashes(db, [x.sha256 for x in chunk if isinstance(x, Article)])
            unit = _Unit()
            for item in chunk:
                if isinstance(item, Article):
                    digest = item.sha256
                    if digest in known or digest in pending_hashes:
                        unit.entries.append(Known(item))
                        continue
                    pending_hashes.add(digest)
                    unit.articles.append(item)
                unit.entries.append(item)
                if len(unit.articles) >= batch_size:
                    in_flight.append(pool.submit(unit, last=False))
                    unit = _Unit()
                    while len(in_flight) > pool.capacity:
                        settle(in_flight.popleft())
            if unit.entries:
                in_flight.append(pool.submit(unit, last=exhausted and not in_flight))
            while len(in_flight) > pool.capacity:
                settle(in_flight.popleft())
            if exhausted:
                break
        while in_flight:
            settle(in_flight.popleft())
        writer.commit()
        _rebuild_corpus(db, summary)
    except KeyboardInterrupt:
        summary.interrupted = True
        pool.terminate()
        for unit in in_flight:  # keep what is already extracted, in order, up to the first unfinished batch
            if unit.future is not None and not (unit.future.done() and unit.future.exception() is None):
                break
            try:
                settle(unit)
            except Exception:
                break
        writer.commit()
        raise
    finally:
        pool.shutdown()
        summary.seconds = time.perf_counter() - started
    return summary


def _rebuild_corpus(db: str, summary: IngestSummary) -> None:
    """The corpus tables (merged events, corpus actors, claim threads) from all the ledger holds, when
    its articles changed: a rebuild from scratch keeps them independent of how the input was split."""
    from .corpus import rebuild_if_stale

    result = rebuild_if_stale(db)
    if result is not None:
        summary.corpus_seconds = result["seconds"]


def _known_hashes(db: str, hashes: list[str]) -> set[str]:
    from .store import open_reader

    if not hashes:
        return set()
    with open_reader(db) as ledger:
        return ledger.known_hashes(hashes)


class _Writer:
    """Collects outcomes in input order and commits them in batches."""

    def __init__(self, db: str, summary: IngestSummary, commit_every: int, commit_seconds: float):
        self.db = db
        self.summary = summary
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.buffer: list[Union[Extraction, Failure]] = []
        self.hashes: list[str] = []  # of the buffered extractions: in the ledger once committed
        self.pending_hashes: Optional[set[str]] = None
        self.last_commit = time.monotonic()

    def add(self, outcomes: list[Outcome], pending_hashes: set[str]) -> None:
        self.pending_hashes = pending_hashes
        for outcome in outcomes:
            if isinstance(outcome, Known):
                continue
            self.buffer.append(outcome)
            # A text whose extraction failed stays "pending" for the whole run, so that its repeats
            # are skipped whenever they come, not only before the next commit: same ledger every run.
            if isinstance(outcome, Extraction):
                self.hashes.append(outcome.sha256)
        if len(self.buffer) >= self.commit_every or (self.buffer and time.monotonic() - self.last_commit >= self.commit_seconds):
            self.commit()

    def commit(self) -> None:
        from .store import open_writer

        if not self.buffer:
            return
        with open_writer(self.db) as ledger:
            result = ledger.write(self.buffer)
        self.summary.added += result.added
        self.summary.known += result.unchanged  # stored meanwhile by another ingest of the same ledger
        self.summary.failures_recorded += result.failures
        self.summary.warnings_recorded += result.warnings
        self.summary.commits += 1
        if self.pending_hashes is not None:
            self.pending_hashes.difference_update(self.hashes)  # the ledger answers for them now
        self.buffer, self.hashes = [], []
        self.last_commit = time.monotonic()


# ---------------------------------------------------------------------------------------------- workers

_worker_nlp = None


def _init_worker(model: Optional[str], actor_dictionary: Optional[str] = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    _exit_with_parent()
    from . import nlp as nlp_loader
    from .ontology import actor_tables

    if actor_dictionary:  # the coordinator's --actors: every worker codes with the same dictionary
        actor_tables.use_actor_dictionary(actor_dictionary)

    global _worker_nlp
    _worker_nlp = nlp_loader.load(model) if model else nlp_loader.load()


def _extract_batch(articles: list[Article]) -> list[Union[Extraction, Failure]]:
    from .pipeline import read_articles

    if _worker_nlp is None:
        _init_worker(None)
    return list(read_articles(articles, nlp=_worker_nlp, batch_size=max(1, len(articles))))


def _exit_with_parent() -> None:
    """Linux: a worker dies with its coordinator (even by SIGKILL) instead of finishing a batch for nobody."""
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class _Pool:
    """The worker processes, started on first need; a single worker (or a single batch) runs in-process."""

    def __init__(self, workers: int, model: Optional[str]):
        self.workers = max(1, workers)
        self.model = model
        self.capacity = 2 * self.workers
        self.executor: Optional[ProcessPoolExecutor] = None
        self.inline = self.workers == 1

    def submit(self, unit: _Unit, last: bool) -> _Unit:
        if not unit.articles:
            return unit
        if self.inline or (last and self.executor is None):
            unit.future = _completed(_extract_batch, unit.articles)
        else:
            unit.future = self._executor().submit(_extract_batch, unit.articles)
        return unit

    def results(self, unit: _Unit) -> list[Outcome]:
        extracted: Iterator[Union[Extraction, Failure]] = iter(())
        if unit.future is not None:
            try:
                extracted = iter(unit.future.result())
            except BrokenProcessPool:
                extracted = iter(self._one_by_one(unit.articles))
        return [next(extracted) if isinstance(e, Article) else e for e in unit.entries]

    def _one_by_one(self, articles: list[Article]) -> list[Union[Extraction, Failure]]:
        """After a worker died: each article of the lost batch alone, so only a culprit is lost."""
        self._restart()
        out: list[Union[Extraction, Failure]] = []
        for article in articles:
            try:
                [result] = self._executor().submit(_extract_batch, [article]).result()
            except BrokenProcessPool:
                self._restart()
                result = Failure(article.origin or article.id, "the extraction process died on this article "
                                 "(out of memory, or a crash in native code)", article_id=article.id, sha256=article.sha256)
            out.append(result)
        return out

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            import multiprocessing

            from .ontology import actor_tables

            # spawn, not fork: the coordinator has threads (progress bar, DuckDB) that fork would copy mid-state
            self.executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_init_worker,
                                                initargs=(self.model, actor_tables.actor_dictionary_path()))
        return self.executor

    def _restart(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def terminate(self) -> None:
        if self.executor is not None:
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.terminate()
            self._restart()

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _completed(fn, *args) -> Future:
    future: Future = Future()
    try:
        future.set_result(fn(*args))
    except BaseException as err:  # noqa: BLE001 - handed to whoever asks for the result
        if isinstance(err, KeyboardInterrupt):
            raise
        future.set_exception(err)
    return future

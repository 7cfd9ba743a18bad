"""A disk cache for compiled knowledge tables, so that every process need not rebuild them.

Building the lookup structures from the TSV tables and GeoNames costs seconds per process (every
CLI call, every ingest worker, every Ray actor); reading a pickle of the result costs a fraction of
that. ``@cached_table("name")`` wraps a zero-argument builder: the first call in a process returns
the cached value when a valid one exists, else builds it and stores it for the next process.

Correctness before speed:

- The key is a SHA-256 over everything the value is built from: the Python version, this cache's
  format, the builder's name, the source of every module in ``ontology/`` and the content of every
  file under ``ontology/data/`` (so an edited table or loader is a different key, never a stale hit),
  plus whatever the builder adds through ``extra_key`` (e.g. the version of a third-party data package).
- A cache file carries a SHA-256 of its payload; a file that is truncated, corrupt or unreadable is
  ignored and rebuilt, so the value is always what the builder would return.
- Writes go to a temporary file renamed into place, so concurrent processes (ingest workers starting
  together) never read a half-written file.
- Any failure to read or write the cache directory falls back to building in memory.

Where: ``$NEWSLEDGER_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/newsledger``, else
``~/.cache/newsledger`` (never inside the installed package). ``NEWSLEDGER_CACHE_DIR=off`` (or
empty) disables the cache. Files are small pickles (a few MB); delete the directory at any time.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional, TypeVar

T = TypeVar("T")

ONTOLOGY = Path(__file__).resolve().parent
DATA = ONTOLOGY / "data"
#: Bump when the file layout below changes.
FORMAT = b"newsledger-table-cache-1\n"
#: Cache files kept per table name (older keys are removed on write; several checkouts may share a cache).
KEEP_PER_NAME = 4
DISABLED = {"", "0", "off", "no", "none", "false"}


def cache_dir() -> Optional[Path]:
    """The cache directory, or None when caching is disabled."""
    configured = os.environ.get("NEWSLEDGER_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in DISABLED else Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


@functools.lru_cache(maxsize=1)
def ontology_fingerprint() -> str:
    """SHA-256 over the ontology package's modules and data files (names and contents)."""
    digest = hashlib.sha256()
    files = sorted(ONTOLOGY.glob("*.py")) + sorted(p for p in DATA.rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(ONTOLOGY)).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def source_key(*files: str | Path) -> str:
    """For ``extra_key``: SHA-256 of source files outside ``ontology/`` that a builder depends on
    (pass ``__file__`` of the builder's module), with the spaCy version when spaCy is loaded."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).read_bytes() + b"\0")
    spacy = sys.modules.get("spacy")
    return digest.hexdigest() + "|spacy " + (getattr(spacy, "__version__", "") if spacy else "")


def cache_key(name: str, extra: str = "") -> str:
    parts = [FORMAT.decode(), sys.version, name, ontology_fingerprint(), extra]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cached_table(name: str, extra_key: Optional[Callable[[], str]] = None) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorator: the builder's value, once per process, from the disk cache when it holds a valid copy.

    The value must be picklable and must not depend on anything outside ``ontology/`` other than what
    ``extra_key()`` describes. The wrapped function keeps ``cache_clear()`` and exposes the builder as
    ``.build``.
    """

    def wrap(build: Callable[[], T]) -> Callable[[], T]:
        @functools.lru_cache(maxsize=1)
        def load() -> T:
            return load_or_build(name, build, extra_key() if extra_key else "")

        load.build = build  # type: ignore[attr-defined]
        return functools.wraps(build)(load)

    return wrap


def load_or_build(name: str, build: Callable[[], T], extra: str = "") -> T:
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{cache_key(name, extra)[:24]}.pickle"
    value = _read(path)
    if value is not _MISSING:
        return value
    value = build()
    _write(path, value)
    return value


_MISSING: Any = object()


def _read(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return _MISSING
    header = len(FORMAT) + 32
    if len(data) < header or not data.startswith(FORMAT):
        return _MISSING
    payload = data[header:]
    if hashlib.sha256(payload).digest() != data[len(FORMAT):header]:
        return _MISSING
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes many objects and no cycles: the collector would only slow it down
    try:
        return pickle.loads(payload)
    except Exception:  # a class renamed since the file was written, or the like: rebuild
        return _MISSING
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, value: Any) -> None:
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(FORMAT + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path)
    except Exception:  # an unwritable or full cache directory costs speed, never the result
        return


def _prune(keep: Path) -> None:
    name = keep.name.rsplit("-", 1)[0]
    siblings = sorted(keep.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in siblings[KEEP_PER_NAME:]:
        if old != keep:
            old.unlink(missing_ok=True)

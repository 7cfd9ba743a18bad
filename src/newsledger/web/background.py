"""`newsledger serve` as a child process, for scripts that need the real server (benchmarks, the
README's screenshots): started on 127.0.0.1, waited for until it answers, stopped on exit."""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


@contextmanager
def serve_in_background(db: str | Path, port: int, timeout: float = 60) -> Iterator[str]:
    """Yields the server's base URL once it answers; raises RuntimeError if it exits or stays silent."""
    server = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", str(db), "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"newsledger serve {db} exited with {server.returncode}")
            try:
                httpx.get(f"{base}/api/articles?limit=1", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"newsledger serve {db} did not answer within {timeout:.0f} s") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)

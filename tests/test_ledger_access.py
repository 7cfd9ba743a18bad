"""The ledger's sharing protocol between processes: a reader waits for a writer's batch instead of
failing, a writer waits for readers, a process that ignores the lock files is waited out on DuckDB's
own lock, and a wait that runs out says so clearly."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from newsledger.store import LedgerBusy, open_reader, open_writer

HOLD = textwrap.dedent("""
    import sys, time
    from newsledger.store import open_reader, open_writer
    path, how, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if how == "foreign":  # a notebook's duckdb.connect: knows nothing of the lock files
        import duckdb
        con = duckdb.connect(path)
        print("holding", flush=True)
        time.sleep(seconds)
        con.execute("INSERT INTO articles (sha256, id) VALUES ('held', 'held')")
        con.close()
    else:
        with (open_writer(path) if how == "write" else open_reader(path)) as ledger:
            print("holding", flush=True)
            time.sleep(seconds)
            if how == "write":
                ledger.con.execute("INSERT INTO articles (sha256, id) VALUES ('held', 'held')")
""")


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "shared.duckdb"
    with open_writer(path):
        pass
    return path


def hold(path, how, seconds):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(path), how, str(seconds)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding"
    return process


@pytest.mark.parametrize("how", ["write", "foreign"])
def test_a_reader_waits_for_the_writer_and_sees_its_batch(ledger, how):
    writer = hold(ledger, how, 1.0)
    with open_reader(ledger, timeout=60) as reader:
        ids = [r[0] for r in reader.query("SELECT id FROM articles")]
    writer.wait()
    assert writer.returncode == 0 and ids == ["held"]


def test_a_writer_waits_for_a_reader(ledger):
    reader = hold(ledger, "read", 1.0)
    with open_writer(ledger, timeout=60) as writer:
        writer.con.execute("INSERT INTO articles (sha256, id) VALUES ('mine', 'mine')")
    reader.wait()
    with open_reader(ledger) as check:
        assert check.query("SELECT id FROM articles") == [("mine",)]


def test_readers_share_the_file(ledger):
    first = hold(ledger, "read", 1.0)
    with open_reader(ledger, timeout=0.5) as second:  # no waiting needed for a second reader
        assert second.counts()["articles"] == 0
    first.wait()


@pytest.mark.parametrize("how", ["write", "foreign"])
def test_a_wait_that_runs_out_names_the_ledger(ledger, how):
    writer = hold(ledger, how, 3.0)
    with pytest.raises(LedgerBusy, match="shared.duckdb"):
        open_reader(ledger, timeout=0.2)
    writer.wait()


def test_a_missing_ledger_is_not_created_by_a_reader(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_reader(tmp_path / "nope.duckdb")
    assert not (tmp_path / "nope.duckdb").exists()
    with open_writer(tmp_path / "new.duckdb") as ledger:
        assert ledger.counts()["articles"] == 0
    assert isinstance(duckdb.connect(str(tmp_path / "new.duckdb"), read_only=True).execute("SELECT 1").fetchone(), tuple)

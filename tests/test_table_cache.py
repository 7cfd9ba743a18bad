"""The table cache makes start-up fast and never changes a result: a corrupt, truncated or stale
file is rebuilt, a disabled or unwritable cache only costs time, and the real tables read back from
the cache equal the ones built from the TSV files."""
from __future__ import annotations

import shutil

import pytest

from newsledger.ontology import actor_tables, cache, gazetteer


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(directory))
    return directory


def counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_second_load_reads_the_file_and_gives_the_same_value(cache_dir):
    value = {"kazan": [("Kazan", 55.79, 49.12)], "moscow": [("Moscow", 55.75, 37.62)]}
    build, calls = counting_builder(value)
    assert cache.load_or_build("demo_table", build) == value
    assert cache.load_or_build("demo_table", build) == value
    assert len(calls) == 1
    assert len(list(cache_dir.glob("demo_table-*.pickle"))) == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_file_is_rebuilt_not_trusted(cache_dir, damage):
    value = {"rows": list(range(1000))}
    build, calls = counting_builder(value)
    cache.load_or_build("damaged", build)
    [path] = cache_dir.glob("damaged-*.pickle")
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[-10] ^= 0xFF
    elif damage == "garbage":
        data = bytearray(b"not a cache file at all")
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert cache.load_or_build("damaged", build) == value
    assert len(calls) == 2
    assert cache.load_or_build("damaged", build) == value and len(calls) == 2  # repaired on disk


def test_other_inputs_are_another_key(cache_dir):
    build_a, calls_a = counting_builder("built with geonames 2.0")
    build_b, calls_b = counting_builder("built with geonames 3.0")
    assert cache.load_or_build("versioned", build_a, extra="2.0") == "built with geonames 2.0"
    assert cache.load_or_build("versioned", build_b, extra="3.0") == "built with geonames 3.0"
    assert cache.load_or_build("versioned", build_a, extra="2.0") == "built with geonames 2.0"
    assert (len(calls_a), len(calls_b)) == (1, 1)


def test_an_edited_table_or_loader_changes_the_fingerprint(tmp_path, monkeypatch):
    copy = tmp_path / "ontology"
    shutil.copytree(cache.ONTOLOGY, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "ONTOLOGY", copy)
    monkeypatch.setattr(cache, "DATA", copy / "data")
    fingerprints = []
    for edit in (None, "data/seats.tsv", "gazetteer.py"):
        if edit:
            with (copy / edit).open("a", encoding="utf-8") as fh:
                fh.write("\n# edited\n")
        cache.ontology_fingerprint.cache_clear()
        fingerprints.append(cache.ontology_fingerprint())
    cache.ontology_fingerprint.cache_clear()
    assert len(set(fingerprints)) == 3


@pytest.mark.parametrize("setting", ["off", ""])
def test_disabled_cache_builds_and_writes_nothing(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", setting)
    monkeypatch.chdir(tmp_path)
    build, calls = counting_builder([1, 2, 3])
    assert cache.load_or_build("disabled", build) == [1, 2, 3]
    assert cache.load_or_build("disabled", build) == [1, 2, 3]
    assert len(calls) == 2 and not list(tmp_path.rglob("*.pickle"))


def test_unwritable_cache_dir_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache dir cannot be created below a file")
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(blocker / "cache"))
    build, calls = counting_builder({"x": 1})
    assert cache.load_or_build("unwritable", build) == {"x": 1}


def test_cached_gazetteer_equals_the_built_one(cache_dir):
    built = gazetteer._compiled.build()
    cache.load_or_build("gazetteer", lambda: built, gazetteer._geonames_key())  # writes the file
    from_file = cache.load_or_build("gazetteer", lambda: pytest.fail("the cache file was not used"), gazetteer._geonames_key())
    assert gazetteer._to_plain(gazetteer._from_plain(from_file)) == built
    gaz = gazetteer._from_plain(from_file)
    kazan = [e for e in gaz.lookup("Kazan") if e.country == "RUS"]
    assert kazan and abs(kazan[0].lat - 55.79) < 0.05
    assert gaz.lookup("Kazan") is gaz.lookup("kazan")  # one list, one Entry per sense, as when built
    assert gaz.names.get("no such place anywhere") is None


def test_cached_actor_index_equals_the_built_one(cache_dir):
    built = actor_tables.bundled_phrase_index.build()
    cache.load_or_build("actor_phrase_index", actor_tables.bundled_phrase_index.build)
    from_file = cache.load_or_build("actor_phrase_index", lambda: pytest.fail("the cache file was not used"))
    assert from_file == built and from_file["kremlin"]

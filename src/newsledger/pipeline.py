"""Article -> Extraction, in batches. The only place that orders the extraction steps.

Each article is parsed once (``nlp.pipe`` over the batch); every extractor is a pure function of
that parsed Doc and what earlier steps found.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_loader
from .extractors.actors import resolve_actors
from .extractors.claims import find_claims
from .extractors.dates import find_dates, reported_date
from .extractors.events import find_events
from .extractors.places import find_places
from .extractors.quantities import find_quantities
from .extractors.quotes import find_quotes
from .ingest import DEFAULT_MAX_CHARS, Item, html_article, looks_like_html, read_inputs, validate_article
from .records import Article, Extraction, Failure

#: Texts longer than this are parsed in paragraph-aligned chunks and joined back into one Doc,
#: which keeps the parser's memory flat whatever the article length.
CHUNK_CHARS = 100_000
DEFAULT_BATCH_SIZE = 16


def extract(
    text: str,
    published: Optional[str] = None,
    *,
    id: str = "text",
    title: Optional[str] = None,
    nlp: Optional[Language] = None,
) -> Extraction:
    """Extract everything from one text (plain text, or a web page's HTML: its article is extracted).
    ``published`` is the date to use (for a web page, instead of the page's own). Raises ValueError
    for input that cannot be processed; ``Extraction.warnings`` says what was repaired."""
    if looks_like_html(text):
        article = html_article(text, id, id, published=published)
        if isinstance(article, Article) and title:
            article.title = title
    else:
        article = Article(id=id, text=text, title=title, published=published, origin=id)
    if isinstance(article, Article):
        article = validate_article(article)
    if isinstance(article, Failure):
        raise ValueError(article.message())
    [item] = list(read_articles([article], nlp=nlp))
    if isinstance(item, Failure):
        raise ValueError(item.message())
    return item


def read_articles(
    items: Iterable[Item],
    *,
    nlp: Optional[Language] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_item: Optional[Callable[[Item], None]] = None,
) -> Iterator[Item]:
    """Extractions (or Failures) for a stream of validated Articles (and Failures), in input order.

    Articles come from ``ingest.read_inputs`` or ``ingest.validate_article``. They are parsed in
    batches with ``nlp.pipe``; an article whose extraction fails becomes a Failure with the reason
    and the rest of the batch goes on. ``on_item`` is called once per output item (progress bars).
    """
    nlp = nlp or nlp_loader.load()
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _emit(_process_batch(nlp, batch), on_item)
            batch = []
    if batch:
        yield from _emit(_process_batch(nlp, batch), on_item)


def extract_paths(paths: Iterable[str], *, published: Optional[str] = None, max_chars: int = DEFAULT_MAX_CHARS, **kwargs) -> Iterator[Item]:
    """Extractions (or Failures) for files, directories or ``-``, in input order."""
    return read_articles(read_inputs(paths, published=published, max_chars=max_chars), **kwargs)


def _emit(items: list[Item], on_item: Optional[Callable[[Item], None]]) -> Iterator[Item]:
    for item in items:
        if on_item:
            on_item(item)
        yield item


def _process_batch(nlp: Language, batch: list[Item]) -> list[Item]:
    articles = [item for item in batch if isinstance(item, Article)]
    docs = iter(parse_texts(nlp, [a.text for a in articles]))
    return [item if isinstance(item, Failure) else _extract_or_fail(next(docs), item) for item in batch]


def _extract_or_fail(doc: Doc, article: Article) -> Item:
    try:
        return extract_doc(doc, article)
    except Exception as err:  # a bug on one article must not lose the batch; the reason is kept
        return Failure(article.origin or article.id, f"extraction failed: {type(err).__name__}: {err}", article_id=article.id, sha256=article.sha256)


STEPS = ("actors", "dates", "places", "quotes", "claims", "events")


def extract_doc(doc: Doc, article: Article, timings: Optional[dict[str, float]] = None) -> Extraction:
    """All extraction steps over one parsed article, in dependency order.

    ``timings``, when given, accumulates the seconds spent in each step (see ``STEPS``).
    """
    clock = _StepClock(timings)
    with clock("actors"):
        resolution = resolve_actors(doc, published=article.published)
    with clock("dates"):
        dates = find_dates(doc, article.published)
    with clock("places"):
        places = find_places(doc, resolution.countries())
    with clock("quotes"):
        quotes = find_quotes(doc, resolution)
    with clock("claims"):
        claims = find_claims(doc, resolution, quotes, find_quantities(doc))
    with clock("events"):
        reported = reported_date(article.published, f"t{len(dates) + 1}")
        events = find_events(doc, resolution, dates, places, quotes, published=article.published, reported=reported)
    if reported is not None and any(e.date == reported.id for e in events):
        dates.append(reported)
    return Extraction(
        id=article.id,
        text=article.text,
        published=article.published,
        language=article.language or "en",
        sha256=article.sha256,
        title=article.title,
        url=article.url,
        source=article.source,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        actors=resolution.actors,
        events=events,
        quotes=quotes,
        claims=claims,
        dates=dates,
        places=places,
        dateline=article.dateline,
        byline=article.byline,
        warnings=list(article.warnings),
        origin=article.origin,
    )


class _StepClock:
    """``with clock("step"):`` adds the block's wall time to ``timings["step"]`` (if timing)."""

    def __init__(self, timings: Optional[dict[str, float]]):
        self.timings = timings
        self.step = ""
        self.started = 0.0

    def __call__(self, step: str) -> "_StepClock":
        self.step = step
        return self

    def __enter__(self) -> None:
        if self.timings is not None:
            self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        if self.timings is not None:
            self.timings[self.step] = self.timings.get(self.step, 0.0) + time.perf_counter() - self.started


def parse_texts(nlp: Language, texts: list[str]) -> list[Doc]:
    """One Doc per text, through ``nlp.pipe``; long texts are parsed in chunks and re-joined."""
    pieces_of = [split_for_parsing(text) for text in texts]
    whole = [i for i, pieces in enumerate(pieces_of) if len(pieces) == 1]
    docs: list[Optional[Doc]] = [None] * len(texts)
    for i, doc in zip(whole, nlp.pipe([texts[i] for i in whole])):
        docs[i] = doc
    for i, pieces in enumerate(pieces_of):
        if len(pieces) > 1:
            # one chunk at a time: parsed in one batch, the chunks of a long text hold the parser's
            # working memory for all of them at once (1.1 GB at 300k characters, 0.5 GB one by one;
            # the parses are the same)
            docs[i] = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    return docs


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` (joined they give it back), each at most ``limit`` characters
    where the text allows, cut after a paragraph break, else a line break, else a sentence end."""
    if len(text) <= limit:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        cut = start + (cut + 1 if cut > limit // 4 else limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces

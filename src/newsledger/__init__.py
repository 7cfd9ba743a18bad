"""newsledger: turn news articles into a sourced ledger of who did what to whom, when and where,
who said what, and which claims rest on which sources.

    from newsledger import extract
    x = extract("Russian President Vladimir Putin visited Pyongyang on Wednesday.", published="2024-10-25")
    x.to_dict()          # the JSON output contract
"""
from typing import Any

from .records import Actor, Article, Claim, Event, Extraction, Failure, Place, Quantity, Quote, TimeRef

__all__ = [
    "extract", "extract_paths", "read_articles",
    "Actor", "Article", "Claim", "Event", "Extraction", "Failure", "Place", "Quantity", "Quote", "TimeRef",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline imports spaCy; load it on first use so `newsledger --help` stays instant.
    if name in ("extract", "extract_paths", "read_articles"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")

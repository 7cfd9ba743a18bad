"""Extractors: pure functions over a parsed spaCy Doc, one module per kind of record."""

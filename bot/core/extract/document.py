"""A parsed article as the rules read it: spaCy's Doc with its tokens and text built once.

spaCy makes a new Python `Token` at every `doc[i]` and at every step of `for tok in doc`, and joins the whole text
again at every `doc.text`. The rules walk an article's tokens a few dozen times between them, so on news articles
building those objects cost more than the rules' own work (cProfile: a third of extraction). `Parsed` builds them
once and hands out the same objects; everything else (slices, entities, `char_span`) is the Doc's own.

`Token.sent` and `Span.sent` are the other cost: spaCy walks the sentence boundaries out from the token and makes a
new Span at every reading (2.6 µs, against 0.05 µs for a token's text), and the rules ask for a token's sentence a
few thousand times per article. `reading` builds the sentences once and, while the rules run, answers those two
through spaCy's own hooks for them (`Doc.user_token_hooks`, `Doc.user_span_hooks`), with the same spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The property both hooks answer.
SENT = "sent"


class Parsed:
    """A read-only view of a parsed Doc that builds its tokens and its text once (see the module's docstring)."""

    __slots__ = ("_doc", "_line_ends", "_sent_of", "_sents", "_tokens", "text")

    def __init__(self, doc: Any) -> None:
        self._doc = doc.doc if isinstance(doc, Parsed) else doc
        self._tokens: list[Any] = list(self._doc)
        self.text: str = self._doc.text
        self._line_ends: list[int] | None = None  # the tokens holding a line break, found on first use
        self._sents: list[Any] = []  # the sentences and each token's one, built at the first `sentence` asked
        self._sent_of: list[int] = []

    @property
    def doc(self) -> Any:
        """The spaCy Doc itself."""
        return self._doc

    def line_of(self, i: int) -> str:
        """The printed line token `i` stands on: from after the last token before it that holds a line break to
        before the first one after it (the token itself belongs to its line even when it holds one)."""
        if self._line_ends is None:
            self._line_ends = [t.i for t in self._tokens if "\n" in t.text]
        before = bisect_left(self._line_ends, i)  # line breaks at tokens < i
        start = self._line_ends[before - 1] + 1 if before else 0
        after = bisect_right(self._line_ends, i)  # the first line break at a token > i
        end = self._line_ends[after] if after < len(self._line_ends) else len(self._tokens)
        stop = self._tokens[end].idx if end < len(self._tokens) else len(self.text)
        return self.text[self._tokens[start].idx : stop]

    def tokens(self, start: int, end: int) -> list[Any]:
        """The tokens from `start` to `end`, as a list of the tokens built once (a slice of the Doc is a Span,
        whose every reading makes its tokens again)."""
        return self._tokens[max(0, start) : end]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, cut from the article's text (a Span joins its tokens' texts at every reading)."""
        n = len(self._tokens)
        start = min(n, max(0, start + n if start < 0 else start))  # a slice's bounds, as spaCy reads them
        end = min(n, max(start, end + n if end < 0 else end))
        if start == end:
            return ""
        last = self._tokens[end - 1]
        return self.text[self._tokens[start].idx : last.idx + len(last.text)]

    def sentence(self, i: int) -> Any:
        """The sentence token `i` stands in, as `doc[i].sent` gives it (a token past the end: the last one)."""
        if not self._sents:
            self._sents = list(self._doc.sents)
            self._sent_of = [n for n, sent in enumerate(self._sents) for _ in range(len(sent))]
        return self._sents[self._sent_of[min(i, len(self._sent_of) - 1)]]

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._tokens)

    def __getitem__(self, key: Any) -> Any:
        # a token by position (negative counts from the end, as in a Doc); a slice is the Doc's own Span
        return self._tokens[key] if isinstance(key, int) else self._doc[key]

    def __getattr__(self, name: str) -> Any:
        # only called for what the class does not define: ents, sents, char_span, user_data, vocab …
        return getattr(self._doc, name)


def parsed(doc: Any) -> Parsed:
    """`doc` with its tokens and text built once (itself when it already is)."""
    return doc if isinstance(doc, Parsed) else Parsed(doc)


def tokens(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens of `doc` from `start` to `end` (a rule may be handed a bare Doc: then they are made)."""
    return doc.tokens(start, end) if isinstance(doc, Parsed) else list(doc[max(0, start) : end])


def span_text(doc: Any, start: int, end: int) -> str:
    """The text of the tokens of `doc` from `start` to `end`, as `doc[start:end].text`."""
    return doc.span_text(start, end) if isinstance(doc, Parsed) else str(doc[start:end].text)


@contextmanager
def reading(doc: Any) -> Iterator[Parsed]:
    """`doc` as `parsed` gives it, whose tokens and spans, until the block ends, find their sentence in the view's
    list rather than walking the Doc (see the module's docstring). A Doc without sentence boundaries, without
    tokens, or with hooks of its own for sentences is read as it is."""
    view = parsed(doc)
    raw = view.doc
    hooks = (raw.user_token_hooks, raw.user_span_hooks)
    if not len(view) or not raw.has_annotation("SENT_START") or any(SENT in h for h in hooks):
        yield view
        return
    raw.user_token_hooks[SENT] = lambda token: view.sentence(token.i)
    raw.user_span_hooks[SENT] = lambda span: view.sentence(span.start)  # its first token's, as spaCy's own
    try:
        yield view
    finally:  # the hooks hold the view, which holds the Doc: left in place, they would keep it from being freed
        del raw.user_token_hooks[SENT], raw.user_span_hooks[SENT]

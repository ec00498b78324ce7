"""A parsed article as the rules read it: spaCy's Doc with its tokens and text built once.

spaCy makes a new Python `Token` at every `doc[i]`, at every step of `for tok in doc` or `for tok in span` and at
every `token.head` or `token.children`, looks a token's text and lower-case form up in its string store at every
reading, and joins the whole text again at every `doc.text`. The rules walk an article's tokens a few dozen times
between them and read each token's lower-case form about eighteen times (on the evaluation corpus), which made a
large share of extraction's time. `Parsed` builds the tokens once, with those values read once (`tree.ViewToken`),
and hands out the same objects; its slices, sentences and entities are spans whose tokens are those
(`tree.ViewSpan`), and the entities are built once too. Everything else (`char_span`, `user_data` …) is the Doc's.

`Token.sent` and `Span.sent` are the other cost: spaCy walks the sentence boundaries out from the token and makes a
new Span at every reading (2.6 µs, against 0.05 µs for a token's text), and the rules ask for a token's sentence a
few thousand times per article. `reading` builds the sentences once and, while the rules run, answers those two
through spaCy's own hooks for them (`Doc.user_token_hooks`, `Doc.user_span_hooks`), with the same spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# The property both hooks answer.
SENT = "sent"


class Parsed:
    """A read-only view of a parsed Doc that builds its tokens and its text once (see the module's docstring)."""

    __slots__ = (
        "_doc", "_ents", "_line_ends", "_offsets", "_readings", "_sentence_at", "_sents", "_span_kind", "_tokens",
        "hooked", "text",
    )  # fmt: skip

    def __init__(self, doc: Any) -> None:
        from bot.core.extract.tree import ViewSpan, ViewToken  # spaCy's own: imported only where articles are read

        self._doc = doc.doc if isinstance(doc, Parsed) else doc
        self._span_kind = ViewSpan
        self._tokens: list[Any] = ViewToken.all_of(self, self._doc)
        self.text: str = ViewToken.text_of(self._tokens, self._doc)
        self._line_ends: list[int] | None = None  # the tokens holding a line break, found on first use
        self._sents: list[Any] = []  # the sentences and each token's one, built at the first `sentence` asked
        self._sentence_at: list[Any] = []
        self._ents: tuple[Any, ...] | None = None  # the entities, built on first use
        self._readings: dict[Callable[[Any], Any], Any] = {}  # `once`'s answers, by the function that gave them
        self._offsets: list[int] = self._read_tree()
        # while `reading` answers the Doc's sentences from this view, its tokens and spans answer theirs directly
        self.hooked = False

    def _read_tree(self) -> list[int]:
        """Give each token its head and children, and return each one's head as spaCy keeps it (an offset)."""
        if not self._tokens:
            return []
        offsets, deps = self._doc.to_array(["HEAD", "DEP"]).astype("int64").T.tolist()
        tokens = self._tokens
        children: list[list[Any]] = [[] for _ in offsets]
        for i, (token, offset, dep) in enumerate(zip(tokens, offsets, deps, strict=True)):
            # spaCy gives a token without a dependency label (no parse) as its own head
            token.head = tokens[i + offset] if dep else token
            if offset:
                children[i + offset].append(token)
        for token, kids in zip(tokens, children, strict=True):
            token.kids = tuple(kids)
        return list(offsets)

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
        return self._tokens[start if start > 0 else 0 : end]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, cut from the article's text (a Span joins its tokens' texts at every reading)."""
        start, end = _bounds(len(self._tokens), start, end)
        if start == end:
            return ""
        last = self._tokens[end - 1]
        return self.text[self._tokens[start].idx : last.idx + len(last.text)]

    def sentence(self, i: int) -> Any:
        """The sentence token `i` stands in, as `doc[i].sent` gives it (a token past the end: the last one)."""
        try:  # asked a few thousand times an article: the common case first
            return self._sentence_at[i]
        except IndexError:
            pass
        if not self._sents:
            self._sents = [self.span(s.start, s.end) for s in self._doc.sents]
            self._sentence_at = [sent for sent in self._sents for _ in range(len(sent))]
        return self._sentence_at[i] if i < len(self._sentence_at) else self._sentence_at[-1]

    @property
    def sents(self) -> Iterator[Any]:
        """The sentences, as `Doc.sents` gives them."""
        self.sentence(0)
        return iter(self._sents)

    @property
    def ents(self) -> tuple[Any, ...]:
        """The named entities, as `Doc.ents` gives them (which builds them all again at every reading)."""
        if self._ents is None:
            self._ents = tuple(self.span(e.start, e.end, e.label, e.kb_id, e.id) for e in self._doc.ents)
        return self._ents

    def span(self, start: int, end: int, label: int = 0, kb_id: int = 0, span_id: int = 0) -> Any:
        """The Doc's span from `start` to `end`, whose tokens are the view's."""
        if label or kb_id or span_id:
            span = self._span_kind(self._doc, start, end, label=label, kb_id=kb_id, span_id=span_id)
        else:  # most spans: a slice or a sentence (spaCy reads keyword arguments slowly)
            span = self._span_kind(self._doc, start, end)
        span.view = self
        return span

    def ancestors_of(self, i: int) -> list[Any]:
        """The heads from token `i`'s up to its sentence's root, as `Token.ancestors` walks them."""
        found: list[Any] = []
        while self._offsets[i] != 0 and len(found) < len(self._tokens):
            i += self._offsets[i]
            found.append(self._tokens[i])
        return found

    def release(self) -> None:
        """Unlink the tokens and spans from each other and from the view, which leaves it empty. Their heads,
        children and view are reference cycles, which only the garbage collector would free, late and at a cost
        (its collections took more than a millisecond per article while they lived); unlinked, they are freed as
        soon as the rules let go of them."""
        for token in self._tokens:
            del token.head, token.kids, token.view
        for span in (*self._sents, *(self._ents or ())):
            del span.view
        self._tokens, self._sents, self._sentence_at, self._ents, self._readings = [], [], [], None, {}

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._tokens)

    def __getitem__(self, key: Any) -> Any:
        # a token by position (negative counts from the end, as in a Doc); a slice is the Doc's span, as the Doc
        # reads its bounds
        if isinstance(key, int):
            return self._tokens[key]
        if key.step not in (None, 1):
            raise ValueError("a slice of an article takes no step")
        return self.span(*_bounds(len(self._tokens), key.start, key.stop))

    def __getattr__(self, name: str) -> Any:
        # only called for what the class does not define: ents, sents, char_span, user_data, vocab …
        return getattr(self._doc, name)


def _bounds(length: int, start: int | None, end: int | None) -> tuple[int, int]:
    """Where the slice `[start:end]` of a Doc `length` tokens long starts and ends, as spaCy reads its bounds."""
    # conditions rather than min() and max(): this is read tens of thousands of times per article
    start = 0 if start is None else start + length if start < 0 else start
    start = 0 if start < 0 else length if start > length else start
    end = length if end is None else end + length if end < 0 else end
    return start, start if end < start else length if end > length else end


def once(doc: Any, reading: Callable[[Any], T]) -> T:
    """`reading(doc)`, worked out once per view: for what several rules read of a whole article (its dateline, its
    paragraphs), which depends on nothing but the article. A Doc that is not a view is read every time."""
    if not isinstance(doc, Parsed):
        return reading(doc)
    try:
        found: T = doc._readings[reading]
    except KeyError:
        found = doc._readings[reading] = reading(doc)
    return found


def parsed(doc: Any) -> Parsed:
    """`doc` with its tokens and text built once (itself when it already is)."""
    return doc if isinstance(doc, Parsed) else Parsed(doc)


def view_of(piece: Any) -> Any:
    """The view that handed out `piece` (a token or a span), whose tokens, entities and sentences are built once;
    its Doc when it is spaCy's own, or its view is spent."""
    view = getattr(piece, "view", None)
    return view if view is not None else piece.doc


def tokens(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens of `doc` from `start` to `end` (a rule may be handed a bare Doc: then they are made)."""
    return doc.tokens(start, end) if isinstance(doc, Parsed) else list(doc[max(0, start) : end])


def char_bounds(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Where the tokens of `doc` from `start` to `end` lie in its text, as `doc[start:end]`'s `start_char` and
    `end_char` (without making the Span)."""
    start, end = _bounds(len(doc), start, end)
    if start == end:
        at = doc[start].idx if start < len(doc) else len(doc.text)
        return at, at
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


def span_text(doc: Any, start: int, end: int) -> str:
    """The text of the tokens of `doc` from `start` to `end`, as `doc[start:end].text`."""
    return doc.span_text(start, end) if isinstance(doc, Parsed) else str(doc[start:end].text)


@contextmanager
def reading(doc: Any) -> Iterator[Parsed]:
    """`doc` as `parsed` gives it, whose tokens and spans, until the block ends, find their sentence in the view's
    list rather than walking the Doc (see the module's docstring). A Doc without sentence boundaries, without
    tokens, or with hooks of its own for sentences is read as it is. A view made here is spent when the block ends
    (`Parsed.release`)."""
    view = parsed(doc)
    raw = view.doc
    hooks = (raw.user_token_hooks, raw.user_span_hooks)
    hooked = len(view) > 0 and raw.has_annotation("SENT_START") and not any(SENT in h for h in hooks)
    if hooked:
        raw.user_token_hooks[SENT] = lambda token: view.sentence(token.i)
        raw.user_span_hooks[SENT] = lambda span: view.sentence(span.start)  # its first token's, as spaCy's own
        view.hooked = True  # the view's own tokens and spans skip the hooks (`tree.ViewToken.sent`)
    try:
        yield view
    finally:  # the hooks hold the view, which holds the Doc: left in place, they would keep it from being freed
        if hooked:
            view.hooked = False
            del raw.user_token_hooks[SENT], raw.user_span_hooks[SENT]
        if view is not doc:
            view.release()

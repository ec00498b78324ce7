"""spaCy's Token and Span as a `Parsed` view hands them out: the same objects in every respect, except that what the
rules read most is kept on them as plain values, and what they lead to (a head, children, the tokens of a span, a
span's sentence) is the view's, built once (see `document`'s docstring).

spaCy looks a token's text and lower-case form up in its string store at every reading, and answers `token.head`,
`token.children` and `for tok in span` with new `Token` objects each time. The rules read a token's lower-case form
about eighteen times and its text about ten (on the evaluation corpus), and walk the parse and their sentences many
thousand times per article. These subclasses answer all that from values read once, by the same rules as spaCy's
own (the tests of `document` compare each with spaCy's answer), so that the rules read as they would against spaCy
itself. Imported on first use: the query path starts without spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.attrs import DEP, LOWER, ORTH, SPACY
from spacy.tokens import Span, Token


class ViewToken(Token):
    """A token whose text, lower-case form, dependency label and head are plain values, and whose syntactic
    neighbours are the view's tokens."""

    # each slot stands in front of spaCy's property of the same name, which is read once to fill it
    __slots__ = ("dep_", "head", "kids", "lower_", "text", "view")
    text: str
    lower_: str
    dep_: str
    head: ViewToken
    kids: tuple[ViewToken, ...]  # the children, in order
    view: Any  # the `Parsed` view that made it (`document` imports this module)

    @classmethod
    def all_of(cls, view: Any, doc: Any) -> list[ViewToken]:
        """Every token of `doc` as `view` hands it out (their heads and children are set once all are made): their
        texts, lower-case forms and labels read from the Doc's arrays, each distinct one looked up in the string
        store once (an article repeats most of its words), and no spaCy `Token` made on the way."""
        vocab, store = doc.vocab, doc.vocab.strings
        strings: dict[int, str] = {}  # a hash -> its string
        made = []
        for i, (orth, lower, dep) in enumerate(doc.to_array([ORTH, LOWER, DEP]).tolist()):
            token = cls(vocab, doc, i)
            token.view = view
            token.text = strings.get(orth) or strings.setdefault(orth, store[orth])
            token.lower_ = strings.get(lower) or strings.setdefault(lower, store[lower])
            token.dep_ = strings.get(dep) or strings.setdefault(dep, store[dep])
            made.append(token)
        return made

    @staticmethod
    def text_of(tokens: list[ViewToken], doc: Any) -> str:
        """The text of `doc`, whose tokens (from `all_of`) are `tokens`, as `Doc.text` joins it (each token's text
        and the one space after it, if any), without making spaCy's tokens again."""
        spaces = doc.to_array(SPACY).tolist() if tokens else []
        return "".join([t.text + " " if space else t.text for t, space in zip(tokens, spaces, strict=True)])

    @property
    def children(self) -> Iterator[ViewToken]:
        """The token's children in the parse, in order."""
        return iter(self.kids)

    @property
    def lefts(self) -> Iterator[ViewToken]:
        """The children before the token."""
        return iter([c for c in self.kids if c.i < self.i])

    @property
    def rights(self) -> Iterator[ViewToken]:
        """The children after the token."""
        return iter([c for c in self.kids if c.i > self.i])

    @property
    def subtree(self) -> Iterator[ViewToken]:
        """The token and what hangs from it, in order: each left child's subtree, the token, each right child's."""
        found: list[ViewToken] = []
        _gather(self, found)
        return iter(found)

    @property
    def sent(self) -> Any:
        """The sentence the token stands in: the view's own while `document.reading` hooks the Doc's, else
        spaCy's (the same span the hook would give, without going through spaCy's property and the hook)."""
        try:
            hooked = self.view.hooked
        except AttributeError:  # a token of a spent view (`Parsed.release`)
            hooked = False
        return self.view.sentence(self.i) if hooked else Token.sent.__get__(self)

    @property
    def ancestors(self) -> Iterator[ViewToken]:
        """The token's head, its head's head, and so on up to the root."""
        return iter(self.view.ancestors_of(self.i))

    @property
    def left_edge(self) -> Any:
        """The first token of the token's subtree."""
        return self.view[super().left_edge.i]

    @property
    def right_edge(self) -> Any:
        """The last token of the token's subtree."""
        return self.view[super().right_edge.i]


def _gather(token: ViewToken, found: list[ViewToken]) -> None:
    """Append `token`'s subtree to `found`, in order (as spaCy's `Token.subtree` walks it, with no generator per
    token)."""
    i = token.i
    kids = token.kids
    for child in kids:
        if child.i < i:
            _gather(child, found)
    found.append(token)
    for child in kids:
        if child.i > i:
            _gather(child, found)


class ViewSpan(Span):
    """A span (a slice, a sentence, an entity) whose tokens and text are the view's."""

    __slots__ = ("view",)
    view: Any  # the `Parsed` view that made it (`document` imports this module)

    def __iter__(self) -> Iterator[ViewToken]:
        # the view's own list, cut here: a span is iterated tens of thousands of times per article
        return iter(self.view._tokens[self.start : self.end])

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            piece = super().__getitem__(key)  # spaCy's own reading of the bounds
            return self.view.span(piece.start, piece.end)
        i = self.end + key if key < 0 else self.start + key
        if not self.start <= i < self.end:
            raise IndexError(f"token {key} of a span of {len(self)}")
        return self.view[i]

    @property
    def text(self) -> str:
        """The span's text, cut from the article's (spaCy joins its tokens' texts at every reading)."""
        return str(self.view.span_text(self.start, self.end))

    @property
    def sent(self) -> Any:
        """The sentence of the span's first token, as spaCy's (see `ViewToken.sent`)."""
        try:
            hooked = self.view.hooked
        except AttributeError:  # a span of a spent view (`Parsed.release`)
            hooked = False
        return self.view.sentence(self.start) if hooked else Span.sent.__get__(self)

    @property
    def root(self) -> Any:
        """The token nearest the root of the parse, as spaCy picks it."""
        return self.view[super().root.i]

    @property
    def ents(self) -> list[ViewSpan]:  # type: ignore[override]  # spaCy's stub says a tuple; its code makes a list
        """The article's entities that lie wholly inside the span, as spaCy's."""
        return [e for e in self.view.ents if e.start >= self.start and e.end <= self.end]

"""The search language people type, parsed into a small query tree: no SQL, no store, no search engine syntax.

`"exact phrase"`, `-word`, `-"phrase"`, `a OR b` (tighter than the implicit AND between terms, as in web search),
and the filters `from:DATE`, `to:DATE`, `source:NAME`, `about:NAME`, `sort:new|relevance`; everything else is
plain words. Every string parses: what cannot be read is dropped, and a filter that cannot be read is dropped
with one line saying why (`SearchQuery.notes`), so the rest of the query still runs. The stores render the tree
into their own syntax (`bot.core.store.search`), from words that are runs of letters and digits only.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

# More words than this add nothing a person means and make every search engine slower: the rest is dropped.
MAX_QUERY_WORDS = 16
# A filter value longer than this is not a name or a date anyone types; it is cut there.
MAX_VALUE_CHARS = 100
# Filters of one kind beyond this many are dropped (each `about:` is a lookup, each `source:` a pattern).
MAX_FILTERS_PER_KIND = 5

# Letters and digits, as both stores cut words (an underscore separates words there too).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Typographic quotes (what phones and some keyboards type) count as straight ones.
_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»＂"})
_FIELD = re.compile(r"([A-Za-z]+):")
_DAY = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")


class Sort(StrEnum):
    """How results are ordered: relevance blended with recency (the default), or newest first."""

    RELEVANCE = "relevance"
    NEW = "new"


_SORT_NAMES = {
    "relevance": Sort.RELEVANCE,
    "relevant": Sort.RELEVANCE,
    "best": Sort.RELEVANCE,
    "rank": Sort.RELEVANCE,
    "new": Sort.NEW,
    "newest": Sort.NEW,
    "recent": Sort.NEW,
    "date": Sort.NEW,
}


@dataclass(frozen=True)
class Terms:
    """A word, or a phrase: words that must follow each other in this order."""

    words: tuple[str, ...]

    def text(self) -> str:
        """As typed: a bare word, or a quoted phrase."""
        bare = len(self.words) == 1 and self.words[0] != "OR"  # a quoted "OR" is a word, a bare one an operator
        return self.words[0] if bare else '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class Filters:
    """What narrows the matches besides words. `about` holds names as typed; `entities` the entity ids each one
    resolved to (set by `bot.core.search.about`), an article matching every group."""

    since: date | None = None
    until: date | None = None  # inclusive
    sources: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    entities: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: every clause must match (a clause is one or more alternatives joined by OR), no excluded
    term may, and the filters hold."""

    clauses: tuple[tuple[Terms, ...], ...] = ()
    excluded: tuple[Terms, ...] = ()
    filters: Filters = field(default_factory=Filters)
    sort: Sort = Sort.RELEVANCE
    notes: tuple[str, ...] = ()  # one line per part of the text that was ignored, and why

    @property
    def positive(self) -> tuple[Terms, ...]:
        """Every term that can make an article match (all alternatives of all clauses)."""
        return tuple(t for clause in self.clauses for t in clause)

    @property
    def filtered(self) -> bool:
        """Whether a filter narrows the matches."""
        f = self.filters
        return bool(f.since or f.until or f.sources or f.entities)

    def text(self) -> str:
        """The query as it can be typed again, to the same tree (what the header and the "more" button show)."""
        parts = [" OR ".join(t.text() for t in clause) for clause in self.clauses]
        parts += ["-" + t.text() for t in self.excluded]
        f = self.filters
        parts += [f"from:{f.since.isoformat()}"] if f.since else []
        parts += [f"to:{f.until.isoformat()}"] if f.until else []
        parts += [f"source:{_value(s)}" for s in f.sources]
        parts += [f"about:{_value(a)}" for a in f.about]
        parts += ["sort:new"] if self.sort is Sort.NEW else []
        return " ".join(parts)

    def without_about(self) -> SearchQuery:
        """The same query with no `about:` filter (one that could not be resolved is dropped this way)."""
        return replace(self, filters=replace(self.filters, about=(), entities=()))


def _value(value: str) -> str:
    return f'"{value}"' if not value or any(c.isspace() or c in "\"'" for c in value) else value


@dataclass(frozen=True)
class _Token:
    negated: bool
    name: str | None  # a known filter's name, or None for words
    value: str
    quoted: bool
    raw: str


FILTER_NAMES = ("from", "to", "source", "about", "sort")


def _tokens(text: str) -> Iterator[_Token]:
    """Whitespace-separated tokens; a quote opens a phrase (or a filter's value) that runs to the next quote.
    Control characters are dropped: no name or word holds one, and PostgreSQL refuses a NUL in any value."""
    text = "".join(c for c in text.translate(_QUOTES) if c.isprintable() or c.isspace())
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        i += negated
        name = None
        found = _FIELD.match(text, i)
        if found and found.group(1).lower() in FILTER_NAMES:
            name, i = found.group(1).lower(), found.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            value, quoted, i = text[i + 1 : end], True, end + 1
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] != '"':
                end += 1
            value, quoted, i = text[i:end], False, end
        yield _Token(negated, name, value, quoted, text[start:i])


@dataclass
class _Builder:
    """The tree as tokens add to it."""

    today: date
    clauses: list[list[Terms]] = field(default_factory=list)
    excluded: list[Terms] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    sources: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    sort: Sort = Sort.RELEVANCE
    notes: list[str] = field(default_factory=list)
    words: int = 0
    joining: bool = False  # an OR was just read after a term that can take an alternative

    def add(self, token: _Token) -> None:
        if token.name is not None:
            self.joining = False
            self.filter(token.name, token)
        elif token.value == "OR" and not token.quoted and not token.negated:
            self.joining = bool(self.clauses)
        else:
            self.term(token)

    def term(self, token: _Token) -> None:
        found = tuple(_WORD.findall(token.value))
        words = found[: MAX_QUERY_WORDS - self.words]
        note = f"Only the first {MAX_QUERY_WORDS} words were searched."
        if len(words) < len(found) and note not in self.notes:
            self.notes.append(note)
        if not words:
            return
        self.words += len(words)
        terms = Terms(words)
        if token.negated:
            self.excluded.append(terms) if terms not in self.excluded else None
        elif self.joining:
            self.clauses[-1].append(terms) if terms not in self.clauses[-1] else None
        elif [terms] not in self.clauses:
            self.clauses.append([terms])
        self.joining = False

    def filter(self, name: str, token: _Token) -> None:
        value = " ".join(token.value.split())[:MAX_VALUE_CHARS]
        shown = f"{name}:{_value(value)}"
        if token.negated:
            self.notes.append(f"“-{shown}” was ignored: a filter cannot be negated.")
        elif not value:
            self.notes.append(f"“{name}:” was ignored: it needs a value, such as {name}:{_EXAMPLES[name]}.")
        elif name in ("from", "to"):
            self.date(name, value, shown)
        elif name == "sort":
            self.sorting(value, shown)
        else:
            self.named(self.sources if name == "source" else self.about, value, shown)

    def date(self, name: str, value: str, shown: str) -> None:
        period = _period(value, self.today)
        if period is None:
            self.notes.append(f"“{shown}” was ignored: {name}: takes a date such as {_EXAMPLES[name]} {_DATE_FORMS}.")
        elif name == "from":
            self.since = period[0]
        else:
            self.until = period[1]

    def sorting(self, value: str, shown: str) -> None:
        sort = _SORT_NAMES.get(value.lower())
        if sort is None:
            self.notes.append(f"“{shown}” was ignored: sort: is new or relevance.")
        else:
            self.sort = sort

    def named(self, values: list[str], value: str, shown: str) -> None:
        if len(values) >= MAX_FILTERS_PER_KIND:
            self.notes.append(f"“{shown}” was ignored: at most {MAX_FILTERS_PER_KIND} of a kind.")
        elif value.casefold() not in (v.casefold() for v in values):
            values.append(value)

    def query(self) -> SearchQuery:
        since, until, notes = self.since, self.until, list(self.notes)
        if since and until and since > until:
            notes.append(f"“from:{since.isoformat()}” is after “to:{until.isoformat()}”: both were ignored.")
            since = until = None
        filters = Filters(since, until, tuple(self.sources), tuple(self.about))
        clauses = tuple(tuple(c) for c in self.clauses)
        return SearchQuery(clauses, tuple(self.excluded), filters, self.sort, tuple(notes))


_EXAMPLES = {"from": "2025-11-03", "to": "2025-11-30", "source": "reuters", "about": "Lavrov", "sort": "new"}
_DATE_FORMS = "(or a month, 2025-11, a year, today or yesterday)"


def _period(value: str, today: date) -> tuple[date, date] | None:
    """The first and last day a date names: a day, a month, a year, today or yesterday; None if it names none."""
    relative = {"today": 0, "yesterday": 1}.get(value.lower())
    if relative is not None:
        day = today - timedelta(days=relative)
        return day, day
    found = _DAY.fullmatch(value)
    if found is None:
        return None
    year, month, day_ = (int(g) if g else None for g in found.groups())
    try:
        if month is None:
            return date(year or 0, 1, 1), date(year or 0, 12, 31)
        if day_ is None:
            return date(year or 0, month, 1), date(year or 0, month, calendar.monthrange(year or 0, month)[1])
        return date(year or 0, month, day_), date(year or 0, month, day_)
    except ValueError:  # year 0, month 13, 31 February
        return None


def parse(text: str, today: date) -> SearchQuery:
    """The query tree of what a person typed (`today` reads "today" and "yesterday"); any text parses."""
    builder = _Builder(today)
    for token in _tokens(text):
        builder.add(token)
    return builder.query()

"""Search with Tantivy: the query tree as Tantivy query objects, ranked over the whole corpus by BM25 times recency.

Nothing typed reaches a query parser: each word is cut by the index's own analyzer and becomes a term or a phrase
object; clauses, exclusions and filters are boolean clauses built here. `SearchIndex` (`search_index`) keeps
the index in step with the store; this module only reads it.

Ranking. An article's score is its BM25 relevance (the headline's weighed HEADLINE_WEIGHT times the body's, as
the SQL search weighs them) times the recency decay of `search_base`. BM25 for one query has a ceiling
(`Rendered.ceiling`), so the best score any article published before a date can reach is known. The walk takes ranges of
publication dates, the newest first (the first two weeks wide, or narrower where articles are dense; each next
one twice as wide). In a range it asks Tantivy for the best M by BM25: every unfetched match of the range scores
at most the M-th BM25 times the decay of the range's newest date, so M grows until the page's last score beats
that. The walk stops when the page's last score beats the ceiling times the decay of the next range's newest
date: the order is exactly that of scoring every match. Matches are counted over the same ranges.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple, cast

import tantivy
from tantivy import Occur, Query

from bot.core.search.syntax import SearchQuery, Sort, Terms
from bot.core.store.search_base import BODY_WEIGHT, HALF_LIFE_DAYS, HEADLINE_WEIGHT, MAX_HALVINGS, Scored

# Words as the SQL stores cut them: runs of letters and digits (an underscore separates), diacritics folded,
# lower case. A "word" longer than this is no word anyone searches for: it is left out of the index and the query.
MAX_WORD_CHARS = 100
WORDS, SOURCES = "newsbot_words", "newsbot_source"
# Tantivy's BM25 constant (the same as FTS5's).
BM25_K1 = 1.2
# The first range of dates scored: the newest two weeks, or fewer days holding about FIRST_RANGE_ARTICLES where
# the index is dense (at least MIN_RANGE); each next range is twice as wide. Scoring a range costs about its
# articles, and the page of a common word is mostly settled within its first thousands.
FIRST_RANGE = timedelta(days=HALF_LIFE_DAYS)
FIRST_RANGE_ARTICLES = 2_000
MIN_RANGE = timedelta(hours=1)
# Reading a range of dates from the inverted index costs about this many times what checking one match of the
# words against the dates column does (on the generated corpora, 100k and a 1M stand-in: ~0.5 µs an article
# against ~10 ns a match): the range leads only when it holds that many times fewer articles than the rarest
# clause matches.
INVERTED_RANGE_COST = 40.0
RANGE_GROWTH = 2
# Within a range, the best matches are fetched this many times deeper each time the last fetched could still hide
# a better one: BM25 varies little among the matches of a common word, so the depth needed grows fast.
FETCH_GROWTH = 4
MICROSECONDS = 1_000_000


def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """The index's analyzers by name (registered on every opening: Tantivy keeps only their names)."""
    words = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_WORD_CHARS))
        .filter(tantivy.Filter.ascii_fold())  # before lower-casing: "İ" folds to "I", not "i" and a dot
        .filter(tantivy.Filter.lowercase())
        .build()
    )
    sources = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(tantivy.Filter.lowercase()).build()
    return {WORDS: words, SOURCES: sources}


def schema() -> tantivy.Schema:
    """Fields: the article id, its words (positions kept, for phrases), its date, its source and a fingerprint."""
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", indexed=True, fast=True)
    builder.add_text_field("headline", tokenizer_name=WORDS)
    builder.add_text_field("body", tokenizer_name=WORDS)
    builder.add_integer_field("published", indexed=True, fast=True)  # microseconds since 1970, UTC
    builder.add_text_field("source", tokenizer_name=SOURCES, index_option="basic")
    builder.add_unsigned_field("fingerprint", indexed=True)  # of the content hash: the store is the same one
    return builder.build()


def microseconds(moment: datetime) -> int:
    """A datetime as the index keeps it."""
    delta = moment.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86400 + delta.seconds) * MICROSECONDS + delta.microseconds


def moment(value: int) -> datetime:
    """The datetime the index's microseconds stand for."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=value)


def fingerprint(content_hash: str) -> int:
    """The first 16 hex digits of an article's content hash (another store's article at the same id differs)."""
    return int(content_hash[:16], 16) if len(content_hash) >= 16 else 0


class Snapshot(NamedTuple):
    """A searcher, and the oldest and newest publication date of the articles it holds (None when it holds none),
    which the index keeps as it adds articles: finding them in the searcher would read every article's date."""

    searcher: tantivy.Searcher
    edges: tuple[int, int] | None


@dataclass(frozen=True)
class _Term:
    """A term or a phrase, in the words the index analyzer cut it into (none: it matches nothing)."""

    words: tuple[str, ...]


class Rendered:
    """One parsed query as Tantivy queries on one searcher."""

    def __init__(self, searcher: tantivy.Searcher, schema_: tantivy.Schema, query: SearchQuery, any_word: bool) -> None:
        self.searcher, self.schema, self.query = searcher, schema_, query
        clauses = [query.positive] if any_word else query.clauses
        self.clauses = [[_cut(t) for t in clause] for clause in clauses]
        self.excluded = [_cut(t) for t in query.excluded]

    def words(self) -> Query:
        """Every clause (one of its alternatives in the headline or the body), no excluded term; without clauses,
        every article but those with an excluded term."""
        return Query.boolean_query(self.parts())

    def parts(self) -> list[tuple[Occur, Query]]:
        """`words` as clauses of a boolean query, to which filters are added at the same level (nested, Tantivy
        would walk every match of the words before the filter could narrow them)."""
        parts = [(Occur.Must, self._any(clause)) for clause in self.clauses] or [(Occur.Must, Query.all_query())]
        return parts + [(Occur.MustNot, self._any([t])) for t in self.excluded if t.words]

    def fewest(self) -> int:
        """At most how many articles the rarest clause can match (each alternative's rarest word, in either field;
        every article without clauses): a range of dates holding fewer articles is the cheaper place to start."""
        if not self.clauses:
            return self.searcher.num_docs
        return min(sum(self._rarest(t) for t in clause if t.words) for clause in self.clauses)

    def _rarest(self, term: _Term) -> int:
        return min(sum(self.searcher.doc_freq(field, w) for field in ("headline", "body")) for w in term.words)

    def _any(self, terms: Sequence[_Term]) -> Query:
        found = [self._term(t) for t in terms if t.words]
        return Query.boolean_query([(Occur.Should, q) for q in found]) if found else Query.empty_query()

    def _term(self, term: _Term) -> Query:
        return Query.boolean_query(
            [
                (Occur.Should, Query.boost_query(self._field("headline", term), HEADLINE_WEIGHT)),
                (Occur.Should, Query.boost_query(self._field("body", term), BODY_WEIGHT)),
            ]
        )

    def _field(self, field: str, term: _Term) -> Query:
        if len(term.words) == 1:
            return Query.term_query(self.schema, field, term.words[0])
        return Query.phrase_query(self.schema, field, list(term.words))

    def ceiling(self) -> float:
        """No article's BM25 for this query exceeds this: (K1 + 1) × IDF of each term, per field and weight, for
        every term that can match (Tantivy scores a phrase with the sum of its words' IDF). A term with a word no
        article has in a field adds nothing there (most words never appear in a headline, and a missing word's
        IDF is the highest there is). A phrase's best in the headlines is looked up instead: headlines are short,
        and the ceiling's headline part, weighed four times, is what keeps a phrase's walk going longest."""
        total = self.searcher.num_docs
        best = 0.0
        for term in {t for clause in self.clauses for t in clause if t.words}:
            for field, weight in (("headline", HEADLINE_WEIGHT), ("body", BODY_WEIGHT)):
                having = [self.searcher.doc_freq(field, w) for w in term.words]
                if not all(having):
                    continue
                if field == "headline" and len(term.words) > 1:
                    found = self.searcher.search(self._field(field, term), 1).hits
                    best += weight * (float(found[0][0]) if found else 0.0)
                else:
                    best += weight * (BM25_K1 + 1) * sum(_idf(total, n) for n in having)
        return best

    def filters(self, low: int | None, high: int | None, ids: Sequence[int] | None, few: bool = False) -> list[Query]:
        """The filters as non-scoring clauses: published in [low, high) (microseconds; `few`: a range holding fewer
        articles than the words match), the sources, the ids."""
        f, found = self.query.filters, []
        since = (
            None if f.since is None else microseconds(datetime(f.since.year, f.since.month, f.since.day, tzinfo=UTC))
        )
        low = since if low is None else (low if since is None else max(low, since))
        if low is not None or high is not None:
            found.append(self.published(low, None if high is None else high - 1, few))
        if f.sources:  # a source whose name holds one of them, as the SQL's LIKE '%name%'
            patterns = [Query.regex_query(self.schema, "source", f".*{_literal(s.lower())}.*") for s in f.sources]
            found.append(Query.boolean_query([(Occur.Should, q) for q in patterns]))
        if ids is not None:
            found.append(Query.term_set_query(self.schema, "id", list(ids)) if ids else Query.empty_query())
        return [Query.const_score_query(q, 0.0) for q in found]

    def published(self, low: int | None, high: int | None, few: bool = False) -> Query:
        """Published in [low, high], microseconds (None: open). A range holding `few` articles is read from the
        inverted index, which lists them, and leads the search; a wide one from the dates column, which only
        checks the articles the words lead to."""
        return Query.range_query(self.schema, "published", tantivy.FieldType.Integer, low, high, use_inverted_index=few)


# What Rust's regex syntax reads as other than itself (the characters its `regex::escape` escapes).
_REGEX_META = frozenset("\\.+*?()|[]{}^$#&-~")


def _literal(text: str) -> str:
    """`text` as a regular expression matching exactly it."""
    return "".join("\\" + c if c in _REGEX_META else c for c in text)


def _cut(terms: Terms) -> _Term:
    """A term in the index's words; one with a word the index leaves out (too long) matches nothing."""
    analyzer = analyzers()[WORDS]
    words = [analyzer.analyze(word) for word in terms.words]
    return _Term(tuple(w for cut in words for w in cut) if all(words) else ())


def matches(result: tantivy.SearchResult) -> int:
    """How many documents a search with `count=True` matched (the bindings' type stubs leave the count out)."""
    return int(cast(Any, result).count)


def _idf(total: int, having: int) -> float:
    """BM25's IDF as Tantivy computes it."""
    return math.log(1 + (total - having + 0.5) / (having + 0.5))


@dataclass
class Ranking:
    """The best matches, best first, and how many match (up to the cap asked for)."""

    top: list[Scored]
    total: int


# The article ids linked to every `about:` group, published in [low, high) microseconds (None: open ends).
Linked = Callable[[int | None, int | None], list[int]]


def rank(
    rendered: Rendered, edges: tuple[int, int] | None, want: int, cap: int, now: datetime, linked: Linked | None = None
) -> Ranking:
    """The best `want` matches over the whole corpus, best first, and how many match (counted up to `cap`);
    `edges` are the oldest and newest date in the index (`Snapshot`)."""
    if edges is None:
        return Ranking([], 0)
    top, total = _Walk(rendered, now, linked).run(want, cap, edges)
    return Ranking([Scored(score, moment(published), article_id) for score, published, article_id in top], total)


# A match as the walk ranks it: its score (relevance times recency; 0 for sort:new), date (microseconds) and id.
_Match = tuple[float, int, int]


class _Walk:
    """Ranges of publication dates, the newest first, until the page is settled and the count is reached."""

    def __init__(self, rendered: Rendered, now: datetime, linked: Linked | None) -> None:
        self.rendered, self.searcher, self.now, self.linked = rendered, rendered.searcher, microseconds(now), linked
        self.parts, self.fewest = rendered.parts(), rendered.fewest()
        self.density = 0.0  # articles per microsecond, on average over the index's dates
        self.new = rendered.query.sort is Sort.NEW or not rendered.clauses  # nothing to rank by: newest first
        until = rendered.query.filters.until
        self.end = None if until is None or until.year == 9999 else microseconds(_day_after(until))
        self.ceiling = 0.0 if self.new else rendered.ceiling()

    def run(self, want: int, cap: int, edges: tuple[int, int]) -> tuple[list[_Match], int]:
        oldest, newest = edges
        if self.end is not None:
            newest = min(newest, self.end - 1)  # the walk starts at to: (ranges with no article cost nothing)
        since = self.rendered.query.filters.since
        floor = None if since is None else microseconds(datetime(since.year, since.month, since.day, tzinfo=UTC))
        top: list[_Match] = []
        total, ranking = 0, True
        self.density = self.searcher.num_docs / max(1, edges[1] - edges[0])
        high, width = self.end, self._first_width()
        low = newest - width + 1
        while True:
            last = low <= oldest or (floor is not None and low <= floor)
            articles = self.density * ((newest if high is None else high) - max(low, oldest))
            few = articles * INVERTED_RANGE_COST < self.fewest
            query = self._query(None if last else low, high, few)
            if ranking:
                top, counted = self._best(query, top, want, newest if high is None else min(newest, high - 1))
                ranking = not self._settled(top, want, low)
            else:
                counted = matches(self.searcher.search(query, 1, count=True))
            total += counted
            if last or (not ranking and total > cap):
                return top, min(total, cap)
            if not ranking and self.linked is None:  # the page is settled: the older matches counted in one search
                total += matches(self.searcher.search(self._query(None, low, False), 1, count=True))
                return top, min(total, cap)
            high, width = low, width * RANGE_GROWTH  # (about: reads the links of a range at a time)
            low = high - width

    def _first_width(self) -> int:
        """The first range's width: FIRST_RANGE, or less where the index is dense, so that it holds about
        FIRST_RANGE_ARTICLES (a million articles put a few days' worth there, where two weeks would be 10,000)."""
        widest, narrowest = (int(r.total_seconds() * MICROSECONDS) for r in (FIRST_RANGE, MIN_RANGE))
        dense = FIRST_RANGE_ARTICLES / self.density if self.density else widest
        return max(narrowest, min(widest, int(dense)))

    def _query(self, low: int | None, high: int | None, few: bool) -> Query:
        ids = None if self.linked is None else self.linked(low, high)
        filters = self.rendered.filters(low, high, ids, few)
        return Query.boolean_query([*self.parts, *((Occur.Must, f) for f in filters)])

    def _best(self, query: Query, top: list[_Match], want: int, newest: int) -> tuple[list[_Match], int]:
        """The page merged with this range's best, fetched deep enough that no unfetched match could enter it;
        and how many matched in the range."""
        fetch = want
        while True:
            result = self.searcher.search(query, fetch, count=True, order_by_field="published" if self.new else None)
            found = self._scored(result.hits)
            if self.new and len(found) == fetch:
                found += self._same_moment(query, int(result.hits[-1][0]))
            merged = sorted({m[2]: m for m in [*top, *found]}.values(), key=_best_first)[:want]
            if len(result.hits) < fetch or self.new:
                return merged, matches(result)
            unfetched = float(result.hits[-1][0]) * self._decay(newest)
            if len(merged) == want and merged[-1][0] > unfetched:
                return merged, matches(result)
            fetch *= FETCH_GROWTH

    def _same_moment(self, query: Query, published: int) -> list[_Match]:
        """Every match published at exactly this moment (sort:new: the page's last date may be shared)."""
        same = Query.boolean_query(
            [(Occur.Must, query), (Occur.Must, self.rendered.published(published, published, few=True))]
        )
        count = matches(self.searcher.search(same, 1, count=True))
        return self._scored(self.searcher.search(same, max(1, count), order_by_field="published").hits)

    def _scored(self, hits: list[tuple[float, tantivy.DocAddress]]) -> list[_Match]:
        addresses = [address for _, address in hits]
        ids = self.searcher.fast_field_values("id", addresses)
        dates = [int(d or 0) for d in self.searcher.fast_field_values("published", addresses)]
        if self.new:
            return [(0.0, d, int(i or 0)) for d, i in zip(dates, ids, strict=True)]
        return [(float(r) * self._decay(d), d, int(i or 0)) for (r, _), d, i in zip(hits, dates, ids, strict=True)]

    def _decay(self, published: int) -> float:
        """`search_base.decay` on microseconds (the same formula as the SQL's)."""
        age_days = max(0.0, (self.now - published) / (86400 * MICROSECONDS))
        return float(2.0 ** -min(MAX_HALVINGS, age_days / HALF_LIFE_DAYS))

    def _settled(self, top: list[_Match], want: int, low: int) -> bool:
        """Whether no match published before `low` can enter the page."""
        if len(top) < want:
            return False
        if self.new:
            return True  # every older match is older than the page's last
        return top[-1][0] > self.ceiling * self._decay(low - 1)


def _best_first(match: _Match) -> tuple[float, int, int]:
    """Best first: by score (none for sort:new), then newest, then most recently added."""
    return -match[0], -match[1], -match[2]


def _day_after(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)

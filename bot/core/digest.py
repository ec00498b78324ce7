"""What a digest holds: the articles after a channel's cursor, their key sentences and entities, grouped into stories.

Near-duplicates (one story told by several sources) become one story. Fuzzy measures propose, rules decide:
articles join when their wording overlaps heavily, or when they name the same several entities under similar
headlines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import desc, func, select

from bot.core.models import EntityType
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store.reader import ArticleRow, EntityRow, utc

# Word 3-gram Jaccard at or above this: the same text re-published (agency copy, light edits).
SAME_WORDING = 0.45
# Or: at least this many entities in common, this share of them, and headlines at least this alike
# (token_set_ratio, 0-100) — one event reported in different words by different sources.
SHARED_ENTITIES = 3
SAME_ENTITIES = 0.5
SIMILAR_HEADLINES = 60.0
SHINGLE = 3
KEY_SENTENCES = 2
# A key sentence longer than this is cut: a digest item is a glance, not the article.
KEY_SENTENCE_CHARS = 300
# A sentence with fewer words than this is a dateline or a caption rather than news.
MIN_SENTENCE_WORDS = 6
SHOWN_TYPES = (EntityType.PERSON, EntityType.PLACE, EntityType.INSTALLATION)

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’»)]*|$)")


@dataclass(frozen=True)
class DigestArticle:
    """One new article as a digest shows it."""

    article: ArticleRow
    key_sentences: list[str]
    entities: list[EntityRow]
    shingles: frozenset[tuple[str, ...]] = field(repr=False, default=frozenset())


@dataclass(frozen=True)
class Story:
    """One item of a digest: a lead article and the other sources that told the same story."""

    lead: DigestArticle
    others: list[DigestArticle]

    @property
    def articles(self) -> list[DigestArticle]:
        """The lead first, then the others."""
        return [self.lead, *self.others]

    def entities(self, kind: EntityType) -> list[EntityRow]:
        """The story's entities of one type, most written-about first, each once."""
        seen: dict[int, EntityRow] = {}
        for item in self.articles:
            for entity in item.entities:
                if entity.type is kind:
                    seen.setdefault(entity.id, entity)
        return sorted(seen.values(), key=lambda e: (-e.article_count, e.name))


def load(store: Store, after_id: int, upto_id: int) -> list[DigestArticle]:
    """The articles with ids in (after_id, upto_id], in the order they were ingested."""
    a = s.articles.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(a.id, a.headline, a.published_at, a.source, a.url, a.text)
            .where(a.id > after_id, a.id <= upto_id)
            .order_by(a.id)
        ).all()
        ids = [r.id for r in rows]
        entities = _entities(conn, ids)
        spans = _busy_sentences(conn, ids)
    return [
        DigestArticle(
            article=ArticleRow(r.id, r.headline, utc(r.published_at), r.source, r.url),
            key_sentences=key_sentences(r.text, r.headline, spans.get(r.id, [])),
            entities=entities.get(r.id, []),
            shingles=shingles(r.text),
        )
        for r in rows
    ]


def _entities(conn: Any, ids: list[int]) -> dict[int, list[EntityRow]]:
    e, ea = s.entities.c, s.entity_articles.c
    rows = conn.execute(
        select(ea.article_id, e.id, e.name, e.type, e.article_count)
        .join(s.entities, e.id == ea.entity_id)
        .where(ea.article_id.in_(ids))
        .order_by(desc(ea.mentions), e.name)
    ).all()
    found: dict[int, list[EntityRow]] = {}
    for r in rows:
        found.setdefault(r.article_id, []).append(EntityRow(r.id, r.name, EntityType(r.type), r.article_count))
    return found


def _busy_sentences(conn: Any, ids: list[int]) -> dict[int, list[tuple[int, int, int]]]:
    """Per article, its sentences (start, end) with how many distinct entities each names."""
    m = s.mentions.c
    named = func.count(func.distinct(m.entity_id)).label("named")
    rows = conn.execute(
        select(m.article_id, m.sent_start, m.sent_end, named)
        .where(m.article_id.in_(ids))
        .group_by(m.article_id, m.sent_start, m.sent_end)
    ).all()
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for r in rows:
        spans.setdefault(r.article_id, []).append((int(r.sent_start), int(r.sent_end), int(r.named)))
    return spans


def key_sentences(text: str, headline: str, spans: Sequence[tuple[int, int, int]]) -> list[str]:
    """One or two sentences that say the most: those naming the most entities, in the article's order."""
    candidates = [(start, end, named) for start, end, named in spans] or [
        (m.start(), m.end(), 0) for m in _SENTENCE.finditer(text)
    ]
    head = _fold(headline.rstrip("…"))
    usable = []
    for start, end, named in candidates:
        sentence = " ".join(text[start:end].split())
        if len(sentence.split()) >= MIN_SENTENCE_WORDS and not _fold(sentence).startswith(head):
            usable.append((start, sentence, named))
    best = sorted(usable, key=lambda c: (-c[2], c[0]))[:KEY_SENTENCES]
    return [sentence for _start, sentence, _named in sorted(best)]


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """The text's overlapping word 3-grams, case folded."""
    words = _WORD.findall(text.casefold())
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1)))


def same_story(one: DigestArticle, other: DigestArticle) -> bool:
    """Whether two articles tell the same story (see the module's thresholds)."""
    if _jaccard(one.shingles, other.shingles) >= SAME_WORDING:
        return True
    mine, theirs = {e.id for e in one.entities}, {e.id for e in other.entities}
    shared = mine & theirs
    if len(shared) < SHARED_ENTITIES or _jaccard(mine, theirs) < SAME_ENTITIES:
        return False
    headlines = fuzz.token_set_ratio(
        one.article.headline, other.article.headline, processor=_fold, score_cutoff=SIMILAR_HEADLINES
    )
    return bool(headlines)


def _jaccard(one: frozenset[Any] | set[Any], other: frozenset[Any] | set[Any]) -> float:
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)


def group(articles: Sequence[DigestArticle]) -> list[Story]:
    """Stories in the order their first article arrived; each story's lead is its first article."""
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if root(i) != root(j) and same_story(articles[i], articles[j]):
                parent[root(j)] = root(i)
    members: dict[int, list[DigestArticle]] = {}
    for i, item in enumerate(articles):
        members.setdefault(root(i), []).append(item)
    return [Story(lead=items[0], others=items[1:]) for items in members.values()]


def top_entities(articles: Sequence[DigestArticle], limit: int) -> list[tuple[EntityRow, int]]:
    """The entities named by the most articles of this batch, with how many."""
    counts: Counter[int] = Counter()
    known: dict[int, EntityRow] = {}
    for item in articles:
        for entity in item.entities:
            counts[entity.id] += 1
            known[entity.id] = entity
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], -known[pair[0]].article_count, known[pair[0]].name))
    return [(known[entity_id], n) for entity_id, n in ranked[:limit]]

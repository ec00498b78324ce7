"""What a digest holds: the articles after a channel's cursor, their key sentences and entities, grouped into stories.

Near-duplicates (one story told by several sources) become one story. Fuzzy measures propose, rules decide:
articles join when their wording overlaps heavily, or when they name the same several entities under similar
headlines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from bot.core.digest.pairs import Hashes, candidate_pairs, components, jaccard_pairs
from bot.core.models import EntityType
from bot.core.store import Store, digests
from bot.core.store.digests import Span
from bot.core.store.records import ArticleRow, EntityRow

# Word 3-gram Jaccard at or above this: the same text re-published (agency copy, light edits).
SAME_WORDING = 0.45
# Or: at least this many entities in common, this share of them, and headlines at least this alike
# (token_set_ratio, 0-100) — one event reported in different words by different sources.
SHARED_ENTITIES = 3
SAME_ENTITIES = 0.5
SIMILAR_HEADLINES = 60.0
SHINGLE = 3
KEY_SENTENCES = 2
# Sentences read per article, busiest first: enough for the key sentences unless several of the busiest are
# captions or repeat the headline, and then the article's other sentences are read too.
SENTENCES_READ = 5
# A key sentence longer than this is cut: a digest item is a glance, not the article.
KEY_SENTENCE_CHARS = 300
# A sentence with fewer words than this is a dateline or a caption rather than news.
MIN_SENTENCE_WORDS = 6
SHOWN_TYPES = (EntityType.PERSON, EntityType.PLACE, EntityType.INSTALLATION)

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’»)]*|$)")
# An odd 64-bit multiplier (2**64 / golden ratio) that spreads each word's hash over its 3-grams' hashes.
_MIX = np.uint64(0x9E3779B97F4A7C15)

# A text's word 3-grams, case folded, each hashed to one number: a whole batch's are compared at once.
Shingles = Hashes


@dataclass(frozen=True)
class DigestArticle:
    """One new article as a digest shows it."""

    article: ArticleRow
    key_sentences: list[str]
    entities: list[EntityRow]
    shingles: Shingles = field(repr=False, compare=False, default_factory=lambda: np.empty(0, dtype=np.uint64))


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
    return [
        DigestArticle(
            article=item.article,
            key_sentences=_read_key_sentences(store, item),
            entities=item.entities,
            shingles=shingles(item.text),
        )
        for item in digests.range_articles(store, after_id, upto_id, busiest=SENTENCES_READ)
    ]


def _read_key_sentences(store: Store, item: digests.RangeArticle) -> list[str]:
    """The article's key sentences from its busiest sentences, or from all of them when those are not enough."""
    found = key_sentences(item.text, item.article.headline, item.spans)
    if len(found) < KEY_SENTENCES and item.sentences > len(item.spans):
        found = key_sentences(item.text, item.article.headline, digests.sentences(store, item.article.id))
    return found


def key_sentences(text: str, headline: str, spans: Sequence[Span]) -> list[str]:
    """One or two sentences that say the most: those naming the most entities, in the article's order."""
    candidates = [(start, end, named) for start, end, named in spans] or [
        (m.start(), m.end(), 0) for m in _SENTENCE.finditer(text)
    ]
    head = _fold(headline.rstrip("…"))
    best = []
    # Best first, and only until enough are found: an article has dozens of sentences, a digest shows two.
    for start, end, named in sorted(candidates, key=lambda c: (-c[2], c[0])):
        sentence = " ".join(text[start:end].split())
        if len(sentence.split()) >= MIN_SENTENCE_WORDS and not _fold(sentence).startswith(head):
            best.append((start, sentence, named))
            if len(best) == KEY_SENTENCES:
                break
    return [sentence for _start, sentence, _named in sorted(best)]


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def shingles(text: str) -> Shingles:
    """The text's overlapping word 3-grams, case folded, each hashed to a number (see `Shingles`)."""
    words = np.fromiter(map(hash, _WORD.findall(text.casefold())), dtype=np.int64).view(np.uint64)
    grams = np.zeros(max(0, len(words) - SHINGLE + 1), dtype=np.uint64)
    for k in range(SHINGLE):
        grams = grams * _MIX + words[k : k + len(grams)]  # wraps around modulo 2**64, as a hash should
    return np.unique(grams)


def same_story(one: DigestArticle, other: DigestArticle) -> bool:
    """Whether two articles tell the same story (see the module's thresholds)."""
    return _overlap(one.shingles, other.shingles) >= SAME_WORDING or _named_alike(one, other)


def _named_alike(one: DigestArticle, other: DigestArticle) -> bool:
    """Whether two articles name the same several entities under similar headlines."""
    return _same_entities(_entity_ids(one), _entity_ids(other)) and _similar_headlines(one, other)


def _same_entities(mine: set[int], theirs: set[int]) -> bool:
    return len(mine & theirs) >= SHARED_ENTITIES and _jaccard(mine, theirs) >= SAME_ENTITIES


def _similar_headlines(one: DigestArticle, other: DigestArticle) -> bool:
    headlines = fuzz.token_set_ratio(
        one.article.headline, other.article.headline, processor=_fold, score_cutoff=SIMILAR_HEADLINES
    )
    return bool(headlines)


def _entities_needed(count: int) -> int:
    """The entities an article with `count` of them must share with another for the entity rule to hold."""
    # SAME_ENTITIES of the union is at least that share of either side; less one, so float rounding never excludes.
    return max(SHARED_ENTITIES, math.ceil(SAME_ENTITIES * count) - 1)


def _entity_ids(item: DigestArticle) -> set[int]:
    return {e.id for e in item.entities}


def _jaccard(one: set[int], other: set[int]) -> float:
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)


def _overlap(one: Shingles, other: Shingles) -> float:
    """The Jaccard index of two texts' shingles."""
    if not len(one) or not len(other):
        return 0.0
    shared = len(np.intersect1d(one, other, assume_unique=True))
    return shared / (len(one) + len(other) - shared)


def group(articles: Sequence[DigestArticle]) -> list[Story]:
    """Stories in the order their first article arrived; each story's lead is its first article.

    A story is a connected group of articles linked pairwise by `same_story`. Pairs are not all tried: the
    wording rule is applied to the whole batch at once, the entity rule only to pairs that share entities.
    """
    named = [_entity_ids(a) for a in articles]
    links = jaccard_pairs([a.shingles for a in articles], SAME_WORDING)
    for i, j in sorted(candidate_pairs(named, _entities_needed)):
        if _same_entities(named[i], named[j]) and _similar_headlines(articles[i], articles[j]):
            links.append((i, j))
    members: dict[int, list[DigestArticle]] = {}
    for item, story in zip(articles, components(len(articles), links), strict=True):
        members.setdefault(story, []).append(item)
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

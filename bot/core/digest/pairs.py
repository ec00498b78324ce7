"""Which pairs of a batch are alike, found without trying every pair: the search behind a digest's stories.

Both methods are exact, for two kinds of sets:
- large sets of hashes (a text's word 3-grams): every pair's overlap at once, with array operations;
- small sets (an article's entities): prefix filtering, which proposes only the pairs that can share enough.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence

import numpy as np
import numpy.typing as npt

# Sorted, distinct 64-bit hashes: one set, as an array.
Hashes = npt.NDArray[np.uint64]
Counts = npt.NDArray[np.int64]

# An item in at least this share of a batch (a stock phrase) is counted for all pairs at once by a matrix
# product, whose cost does not grow with how many sets hold it; rarer ones are counted pair by pair, whose
# cost grows with the square of their holders.
COMMON_SHARE = 0.05


def jaccard_pairs(sets: Sequence[Hashes], threshold: float) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, whose Jaccard index (shared over all distinct items) is at least `threshold` > 0."""
    shared = shared_counts(sets)
    sizes = np.array([len(items) for items in sets], dtype=np.int64)
    union = sizes[:, None] + sizes[None, :] - shared
    # Integers divided in float64: the same correctly rounded quotient as len(a & b) / len(a | b).
    index = np.divide(shared, union, out=np.zeros(shared.shape), where=shared > 0)
    first, second = np.nonzero(np.triu(index >= threshold, k=1))
    return list(zip(first.tolist(), second.tolist(), strict=True))


def shared_counts(sets: Sequence[Hashes]) -> Counts:
    """How many items each pair of sets has in common: an n x n matrix, exact above its diagonal.

    Only items held by two sets or more count. Those held by many are counted for all pairs by one matrix
    product; the others pair by pair along the list of their holders.
    """
    sizes = [len(items) for items in sets]
    items = np.concatenate([np.empty(0, dtype=np.uint64), *sets])
    holders = np.repeat(np.arange(len(sets)), sizes)
    order = np.argsort(items, kind="stable")  # each item's holders side by side, in ascending order
    items, holders = items[order], holders[order]
    first = np.ones(len(items), dtype=bool)
    first[1:] = items[1:] != items[:-1]
    runs = np.diff(np.append(np.flatnonzero(first), len(items)))
    held = np.repeat(runs, runs)  # per entry, how many sets hold its item
    common = held >= max(2, math.ceil(COMMON_SHARE * len(sets)))
    rare = (held >= 2) & ~common
    shared = _counted_by_product(len(sets), holders[common], np.cumsum(first[common]) - 1)
    shared += _counted_by_pairs(len(sets), holders[rare], items[rare])
    return shared


def _counted_by_product(size: int, holders: Counts, columns: Counts) -> Counts:
    """Items in common for every pair of `size` sets, given who holds which item (numbered 0, 1, 2...)."""
    incidence = np.zeros((size, int(columns[-1]) + 1 if len(columns) else 0), dtype=np.float32)
    incidence[holders, columns] = 1.0
    # float32 counts are exact below 2**24 items; the product is where BLAS makes this fast.
    return (incidence @ incidence.T).astype(np.int64)


def _counted_by_pairs(size: int, holders: Counts, items: Hashes) -> Counts:
    """Items in common for every pair of `size` sets (i < j), each item's holders side by side, ascending."""
    firsts, seconds = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for step in range(1, len(items)):
        same = items[:-step] == items[step:]  # one item's holders `step` apart
        if not same.any():
            break
        firsts.append(holders[:-step][same])
        seconds.append(holders[step:][same])
    pairs = np.concatenate(firsts) * size + np.concatenate(seconds)
    return np.bincount(pairs, minlength=size * size).reshape(size, size)


def candidate_pairs(sets: Sequence[Collection[Hashable]], needed: Callable[[int], int]) -> set[tuple[int, int]]:
    """The pairs (i, j), i < j, of sets that may share `needed(len(a set))` items (at least one), either side's.

    Prefix filtering: with items ordered rarest first (the same order in every set), two sets that share k
    items share one among the first len - k + 1 items of each. So only those prefixes are indexed and looked
    up, and items common to most sets are rarely touched. A superset of the pairs asked for: check each.
    """
    rank = _rarest_first(sets)
    holders: defaultdict[int, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for j, items in enumerate(sets):
        ranks = sorted(map(rank.__getitem__, items))
        for item in ranks[: len(ranks) - max(1, needed(len(ranks))) + 1]:
            earlier = holders[item]
            pairs.update((i, j) for i in earlier)
            earlier.append(j)
    return pairs


def _rarest_first(sets: Iterable[Collection[Hashable]]) -> dict[Hashable, int]:
    """Each item's place in one order for all sets: the fewest holders first, ties by first appearance."""
    counts = Counter(item for items in sets for item in items)
    return {item: place for place, item in enumerate(sorted(counts, key=counts.__getitem__))}


def components(size: int, links: Iterable[tuple[int, int]]) -> list[int]:
    """For each of `size` nodes, a label shared by exactly the nodes the links connect it to."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[root(j)] = root(i)
    return [root(i) for i in range(size)]

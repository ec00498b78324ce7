"""The lookups that keep extraction linear answer exactly what the scans they replaced answered: a new spelling's
only matching cluster (consonant index against every cluster), the mention listed last before a position."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core import names
from bot.core.extract.clauses import Latest
from bot.core.extract.grouping import _Variants
from bot.core.extract.mentions import Candidate, Cluster

# Spellings that are and are not variants of each other (transliterations, vowels, one or two words).
SPELLINGS = [
    "tartus", "tartous", "tarsus", "hmeimim", "khmeimim", "mohammed", "muhammad", "mahmoud", "ahmed", "ahmad",
    "rami", "rima", "shaibani", "shibani", "hama", "homs", "sergey lavrov", "sergei lavrov", "lavrov",
    "asaad al shaibani", "asaad shibani", "t4", "tiyas", "qamishli", "kamishli", "raqqa", "raqqah",
]  # fmt: skip


def _scan(name_key: str, clusters: list[Cluster]) -> Cluster | None:
    """What `cluster()` did before the index: compare with every cluster."""
    matches = [c for c in clusters if c.members and names.same_name(name_key, c.key)]
    return matches[0] if len(matches) == 1 else None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=30))
def test_the_consonant_index_finds_the_same_cluster_as_a_full_scan(keys: list[str]) -> None:
    clusters: list[Cluster] = []
    variants = _Variants(clusters)
    for position, key in enumerate(keys):
        expected = _scan(key, clusters)
        assert variants.only_match(key) is expected
        home = expected or Cluster()
        if expected is None:
            clusters.append(home)
        before = home.key if home.members else None
        home.add(Candidate(position, position + 1, key.title(), key))
        variants.rekey(home, before)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=50), max_size=30),
    st.integers(min_value=-1, max_value=52),
)
def test_latest_before_is_the_last_listed_of_those_positioned_before(positions: list[int], limit: int) -> None:
    entries = [(position, order) for order, position in enumerate(positions)]
    before = [order for position, order in entries if position < limit]
    assert Latest(entries).before(limit) == (before[-1] if before else None)

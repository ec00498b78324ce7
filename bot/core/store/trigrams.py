"""Which of many name keys may be a typo of a typed one: keys sharing the most character trigrams with it.

Scoring every key with rapidfuzz costs time in proportion to the keys (0.2 s for the ~450,000 names of a million
articles), so typo matching scores only the keys this index proposes. The index is built in one pass with numpy (a
sorted array of (trigram, key) pairs), and kept current between builds by a dictionary of the keys added since;
keys that went away are dropped by the caller, who knows which keys exist.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

# Keys are padded as "  key " so that short keys and first letters count: "lavrov" -> "  l", " la", ..., "ov ".
_LEAD, _TRAIL = "  ", " "
# Trigram codes: three code points, each below 0x110000 (21 bits), packed in 63 bits.
_BASE = 0x110000
# The typed key's trigrams are counted from the rarest, until their keys add up to this share of all keys (the
# cost of counting stays that of one pass over the keys); the commonest (" se" of every "Sergei ...") say least
# about which key was meant. The rarest few are counted whatever their share.
COUNTED_SHARE = 1.0
MIN_COUNTED = 3


def trigrams(key: str) -> set[str]:
    """The padded trigrams of one key."""
    padded = f"{_LEAD}{key}{_TRAIL}"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _code(gram: str) -> int:
    first, second, third = (ord(c) for c in gram)
    return (first * _BASE + second) * _BASE + third


class TrigramIndex:
    """The keys given at build time, by trigram, plus the keys added since (proposed whatever they look like)."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        self.added: dict[str, set[str]] = {}  # trigram -> the keys added since the build that have it
        self.added_count = 0
        self._codes, self._starts, self._key_ids = _postings(self.keys)
        self._sizes = np.bincount(self._key_ids, minlength=len(self.keys))  # each key's distinct trigrams

    def add(self, key: str) -> None:
        """A key that appeared after the build."""
        self.added_count += 1
        for gram in trigrams(key):
            self.added.setdefault(gram, set()).add(key)

    def likely(self, key: str, most: int) -> set[str]:
        """Up to `most` keys most like `key` on trigrams (each sharing one at least), and every key added since
        the build that shares one."""
        grams = trigrams(key)
        found = {k for g in grams for k in self.added.get(g, ())}
        postings = [self._posting(_code(g)) for g in grams]
        rare: list[npt.NDArray[np.int32]] = []
        total = 0
        for posting in sorted((p for p in postings if len(p)), key=len):
            total += len(posting)
            if len(rare) >= MIN_COUNTED and total > COUNTED_SHARE * len(self.keys):
                break
            rare.append(posting)
        if not rare:
            return found
        counts = np.bincount(np.concatenate(rare), minlength=len(self.keys))
        sharing = np.flatnonzero(counts)
        if len(sharing) > most:
            # Ranked as rapidfuzz's ratio ranks strings, but on trigrams: the shared ones over both keys' own (a
            # long key sharing four trigrams is a worse match than a short one sharing four).
            dice = counts[sharing] / (self._sizes[sharing] + len(grams))
            sharing = sharing[np.argpartition(-dice, most)[:most]]
        found.update(self.keys[i] for i in sharing.tolist())
        return found

    def _posting(self, code: int) -> npt.NDArray[np.int32]:
        at = int(np.searchsorted(self._codes, code))
        if at == len(self._codes) or int(self._codes[at]) != code:
            return self._key_ids[:0]
        return self._key_ids[self._starts[at] : self._starts[at + 1]]


def _postings(keys: Sequence[str]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """Every distinct trigram code (sorted), where its keys start in the key ids, and the key ids.

    Built in place where numpy allows and with 32-bit ids and positions: on the 445,000 keys of a million articles
    (5.8 million trigrams) the build's temporaries had taken a long-running process's peak memory 410 MB above its
    steady use."""
    if not keys:
        empty = np.zeros(0, dtype=np.int32)
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64), empty
    padded = [f"{_LEAD}{k}{_TRAIL}" for k in keys]
    # Every key's code points end to end: a window of three is a trigram when it does not run into the next key.
    points = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(p) for p in padded), dtype=np.int32, count=len(padded))
    del padded
    ends = np.cumsum(lengths, dtype=np.int64)
    inside = np.ones(len(points), dtype=bool)
    inside[ends - 1] = inside[ends - 2] = False  # the last two positions of each key start no trigram
    starts = np.flatnonzero(inside).astype(np.int32 if len(points) < 2**31 else np.int64)
    del inside
    owners = np.repeat(np.arange(len(keys), dtype=np.int32), lengths)[starts]
    codes = points[starts].astype(np.uint64)
    for step in (1, 2):
        codes *= _BASE
        codes += points[starts + step]
    del points, starts
    # A stable sort by trigram keeps each trigram's keys in key order (positions run through the keys in order).
    order = np.argsort(codes, kind="stable")
    codes, owners = codes[order], owners[order]
    del order
    repeated = np.zeros(len(codes), dtype=bool)
    repeated[1:] = (codes[1:] == codes[:-1]) & (owners[1:] == owners[:-1])  # a trigram twice in one key
    kept = ~repeated
    del repeated
    codes, owners = codes[kept], owners[kept]
    first = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[first], np.append(first, len(codes)).astype(np.int64), owners

"""A title shared by a list of names, split into each person's own: "Foreign Ministers of Türkiye and Russia, Hakan
Fidan and Sergey Lavrov" gives "Foreign Minister of Türkiye" and "Foreign Minister of Russia"."""

from __future__ import annotations

import re

from bot.core.lexicon import TITLE_HEADS, TITLE_MODIFIERS

_PLURALS = {"spokesmen": "spokesman", "spokeswomen": "spokeswoman", "secretaries": "secretary"}


def _singular(word: str) -> str:
    lower = word.lower()
    if lower in _PLURALS:
        single = _PLURALS[lower]
        return single.capitalize() if word[:1].isupper() else single
    if lower in TITLE_HEADS and lower.endswith("s") and lower[:-1] in TITLE_HEADS:
        return word[:-1]
    return word


def distribute(title: str, n: int) -> list[str]:
    """One title per person in a list: "Foreign Ministers of A and B" gives "Foreign Minister of A", "… of B"."""
    words = [_singular(w) for w in title.split()]
    if n == 1:
        return [" ".join(words)]
    if "of" in words:
        at = words.index("of")
        parts = _split_list(" ".join(words[at + 1 :]))
        if len(parts) == n:
            return [f"{' '.join(words[:at])} of {part}" for part in parts]
    body_at = len(words)
    while body_at > 0 and words[body_at - 1].lower() in TITLE_HEADS | TITLE_MODIFIERS:
        body_at -= 1
    owners = _split_list(" ".join(words[:body_at]))
    if len(owners) == n:
        return [f"{owner} {' '.join(words[body_at:])}" for owner in owners]
    return [" ".join(words)] * n


def _split_list(text: str) -> list[str]:
    return [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]

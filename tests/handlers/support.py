"""What a person sees of a reply, and the small store set-ups the handler tests share."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from itertools import count

from bot.core.models import Article
from bot.core.registry import Context
from bot.core.render.blockkit import Reply
from bot.core.store import Store
from handlers import build_registry

# A Thursday, noon UTC: schedules and "since" dates in the replies are computed from it.
NOW = datetime(2025, 10, 16, 12, 0, tzinfo=UTC)
ADMIN = "U0ADMIN"
CHANNEL = "C0NEWS"

_serial = count()


def texts(reply: Reply) -> list[str]:
    """Every text a person reads in the blocks, in order: headers, sections and their fields, context lines,
    button labels."""
    found: list[str] = []
    for block in reply.blocks:
        if isinstance(block.get("text"), dict):
            found.append(block["text"]["text"])
        found += [f["text"] for f in block.get("fields", [])]
        for element in block.get("elements", []):
            found.append(element["text"]["text"] if element.get("type") == "button" else element["text"])
    return found


def shown(reply: Reply) -> str:
    """The blocks' text as one string, one text object per line."""
    return "\n".join(texts(reply))


def kinds(reply: Reply) -> list[str]:
    """The block types of a reply, in order."""
    return [str(block["type"]) for block in reply.blocks]


def buttons(reply: Reply) -> list[tuple[str, str]]:
    """(label, command line) of every button."""
    return [(e["text"]["text"], e["value"]) for b in reply.blocks if b["type"] == "actions" for e in b["elements"]]


def context_over(
    store: Store, user_id: str | None = None, channel_id: str | None = None, admins: frozenset[str] = frozenset()
) -> Context:
    """A context over `store` at NOW with every handler registered, asked by `user_id` in `channel_id`."""
    return Context(
        store=store, registry=build_registry(), now=NOW, user_id=user_id, channel_id=channel_id, admins=admins
    )


def new_user(corpus: Context) -> Context:
    """`corpus` asked at NOW by a user nobody has been before: the shared corpus keeps no state of theirs."""
    return replace(corpus, now=NOW, user_id=f"U{uuid.uuid4().hex[:12].upper()}")


def add_article(store: Store, headline: str, body: str, day: int = 1, dated: bool = True) -> int:
    """Store an article without entities (search, /articles and digests read only its text and date); `dated`
    False stores it as one that gave no date (its date is then when it was indexed)."""
    unique = f"{headline}|{body}|{next(_serial)}"
    article = Article(
        text=body,
        headline=headline,
        published=datetime(2025, 10, day, tzinfo=UTC),
        source=f"test-{day}.txt",
        content_hash=hashlib.sha256(unique.encode()).hexdigest(),
        dated=dated,
    )
    article_id = store.add_article(article, [])
    assert article_id is not None
    return article_id


# Twelve bases, two per article, so /bases has a second page; Ivan Petrov is in all six articles, so /who and
# /search (five per page) have one too.
NORTHLAND_BASES = ("Korvik", "Drovna", "Baltem", "Sorenvik", "Quarro", "Milbeck",
                   "Tesmar", "Yorund", "Peldor", "Hastova", "Grumlin", "Zarnek")  # fmt: skip
NORTHLAND_ARTICLES = 6


def northland_article(n: int) -> str:
    """Article `n`: Ivan Petrov and two of Norway's naval bases, dated 1 to 6 March 2025."""
    first, second = NORTHLAND_BASES[2 * n], NORTHLAND_BASES[2 * n + 1]
    return (
        f"Defence Minister Ivan Petrov said on Monday that Norway's {first} naval base near Velmar would be expanded. "
        f"Petrov later toured Norway's {second} naval base on the coast.\n"
        f"On March {n + 1}, 2025, dispatch {n} from Velmar closed.\n"
    )

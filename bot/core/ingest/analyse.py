"""One article's analysis and storing, each a failure domain of its own: what goes wrong with one article is a
reason line for it, never an exception that takes the articles beside it down (a store that cannot be reached
excepted: that is no article's fault, and every later one would fail the same way)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from bot.core.extract import extract
from bot.core.ingest.files import describe
from bot.core.ingest.nlp import Stopped, parse
from bot.core.models import Article, Extracted
from bot.core.store import Store

log = logging.getLogger(__name__)

Outcome = list[Extracted] | str  # what extraction found in an article, or why it failed
STOPPED = "not parsed: the run was stopped"  # never reported: nothing is stored or counted after a stop


def analyse(nlp: Any, texts: list[str], stop: threading.Event | None = None) -> list[Outcome]:
    """Parse and extract each text; when the batch fails, each text is tried alone, so only the text at fault
    is lost. Asked to stop, the texts not parsed yet are left out (the run stores nothing after a stop)."""
    outcomes: list[Outcome] = []
    try:
        for doc in parse(nlp, texts, stop.is_set if stop is not None else lambda: False):
            outcomes.append(extract(doc))
    except Stopped:
        return outcomes + [STOPPED] * (len(texts) - len(outcomes))
    except Exception:
        log.debug("a batch failed; parsing its articles one by one", exc_info=True)
        return [_analyse_one(nlp, text) for text in texts]
    return outcomes


def _analyse_one(nlp: Any, text: str) -> Outcome:
    try:
        [doc] = parse(nlp, [text])
    except Exception as error:
        log.debug("parsing failed", exc_info=True)
        return f"not parsed: {describe(error)}"
    try:
        return extract(doc)
    except Exception as error:
        log.debug("extraction failed", exc_info=True)
        return f"extraction failed: {describe(error)}"


def store_article(store: Store, article: Article, found: list[Extracted], now: datetime) -> int | str | None:
    """Store one article in a transaction of its own: its id, None when it is already stored, or why it was not
    (then nothing of it is stored). Raises only when the store cannot be reached."""
    [stored] = store_articles(store, [(article, found)], lambda: now)
    return stored


def store_articles(
    store: Store, found: Iterable[tuple[Article, list[Extracted]]], now: Callable[[], datetime]
) -> list[int | str | None]:
    """Store articles in one transaction, each in a savepoint (`Store.add_articles`): for each, its id, None when it
    is already stored, or why it was not (then nothing of it is stored). Raises only when the store cannot be
    reached, and then none of them is stored."""
    return [_reason(stored) if isinstance(stored, Exception) else stored for stored in store.add_articles(found, now)]


def _reason(error: Exception) -> str:
    log.debug("storing an article failed", exc_info=error)
    return f"not stored: {describe(error)}"

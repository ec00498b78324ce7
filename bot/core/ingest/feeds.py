"""RSS and Atom feeds: the list in the store, and one poll of a feed (conditional GET, new items, their pages)."""

from __future__ import annotations

import calendar
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.core.ingest.fetch import DEFAULT_POLICY, NOT_MODIFIED, FetchError, check_url, fetch
from bot.core.ingest.policy import FetchPolicy
from bot.core.ingest.web import NlpLoader, fetch_page, index_documents, site, strip_html
from bot.core.models import Document, SourceError
from bot.core.store import Store
from bot.core.store import feeds as stored

# Imported "as" itself: re-exported, callers import it from here.
from bot.core.store.feeds import Feed as Feed

log = logging.getLogger(__name__)

# New items taken from one poll: a feed added with hundreds of old items is read over a few polls instead of
# holding its job (one page fetch each) for many minutes.
MAX_NEW_ITEMS = 30
# Problems kept in a feed's last_error: enough to act on, short enough for a /feeds line.
MAX_ERRORS_SHOWN = 3
# A summary shorter than this ("Read more…") says nothing a digest could show; the item waits for its page.
MIN_SUMMARY_WORDS = 8


@dataclass
class Poll:
    """What one poll of a feed did."""

    new_ids: list[int] = field(default_factory=list)
    items: int = 0
    errors: list[str] = field(default_factory=list)
    not_modified: bool = False


@dataclass(frozen=True)
class Item:
    """One feed entry: its stable key, link, title, summary and date."""

    key: str
    link: str | None
    title: str | None
    summary: str
    published: datetime | None


def add(store: Store, url: str, user_id: str | None, now: datetime) -> bool:
    """Add a feed for the store's workspace (FetchError for a URL that is not http(s)); False when it already
    reads it."""
    return stored.add(store, check_url(url), user_id, now)


def remove(store: Store, url: str) -> bool:
    """Stop reading a feed for the store's workspace (gone, with its remembered items, once nobody reads it); False
    when it did not read it."""
    return stored.remove(store, url.strip())


def all_feeds(store: Store) -> list[Feed]:
    """The feeds the store's workspace reads (every feed, each address once, when unscoped), oldest first."""
    return stored.all_feeds(store)


def get(store: Store, feed_id: int) -> Feed | None:
    """One feed by id."""
    return stored.get(store, feed_id)


def poll(store: Store, feed: Feed, nlp: NlpLoader, now: datetime, policy: FetchPolicy = DEFAULT_POLICY) -> Poll:
    """Fetch a feed (conditionally) within `policy`, index its new items, and record how it went."""
    result = Poll()
    conditional = {"If-None-Match": feed.etag} if feed.etag else {}
    conditional |= {"If-Modified-Since": feed.last_modified} if feed.last_modified else {}
    try:
        got = fetch(feed.url, policy, conditional)
    except FetchError as error:
        return _failed(store, feed, now, result, str(error))
    if got.status == NOT_MODIFIED:
        result.not_modified = True
        _record(store, feed, now, result, {})
        return result
    parsed = feedparser.parse(got.body)
    problem = malformed(parsed)
    if problem:
        return _failed(store, feed, now, result, problem)
    items = [item_of(entry) for entry in parsed.entries]
    result.items = len(items)
    seen = stored.seen(store, feed.id, [i.key for i in items])
    fresh = [i for i in items if i.key not in seen][:MAX_NEW_ITEMS]
    source = _title(parsed) or site(feed.url)
    for item in fresh:
        _take(store, feed, item, source, nlp, now, policy, result)
    changes = {"etag": got.headers.get("etag"), "last_modified": got.headers.get("last-modified")}
    _record(store, feed, now, result, changes | {"title": _title(parsed) or feed.title})
    return result


def malformed(parsed: Any) -> str | None:
    """Why feedparser's result is not a usable feed, or None."""
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, feedparser.CharacterEncodingOverride):
        return f"malformed feed ({type(problem).__name__}: {str(problem)[:120]})"
    if not parsed.get("version") and not parsed.entries:
        return "not an RSS or Atom feed"
    return None


def item_of(entry: Any) -> Item:
    """A feed entry as an Item; its key comes from its id, else its link, else its title and date."""
    link = entry.get("link") or None
    identity = entry.get("id") or link or f"{entry.get('title', '')}|{entry.get('published', '')}"
    summary = entry.get("summary") or (entry.get("content") or [{}])[0].get("value", "")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Item(
        key=hashlib.sha256(identity.encode("utf-8", errors="surrogatepass")).hexdigest(),
        link=link,
        title=entry.get("title") or None,
        summary=strip_html(summary),
        published=_stamp_time(stamp),
    )


def _stamp_time(stamp: Any) -> datetime | None:
    """A feed's parsed date as UTC; None when absent or outside what a date can hold (year 0, year 99999)."""
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
    except (OverflowError, OSError, ValueError, TypeError):
        return None


def item_document(item: Item, source: str, policy: FetchPolicy) -> tuple[Document | None, str | None]:
    """The item's article from its page, else from the feed's summary; and a problem worth reporting."""
    problem = None
    if item.link:
        page = fetch_page(item.link, policy, source)
        if isinstance(page, Document):
            title, published = item.title or page.title, item.published or page.published
            return Document(page.text, source, item.link, title, published), None
        problem = f"{item.link}: {page.reason}"
    if len(item.summary.split()) >= MIN_SUMMARY_WORDS:
        doc = Document(item.summary, source, item.link, item.title, item.published)
        return doc, (f"{problem}; used the feed's summary" if problem else None)
    return None, problem or f"item {item.title or item.key[:12]}: no link and no summary"


def _take(
    store: Store, feed: Feed, item: Item, source: str, nlp: NlpLoader, now: datetime, policy: FetchPolicy, result: Poll
) -> None:
    doc, problem = item_document(item, source, policy)
    if problem:
        result.errors.append(problem)
        log.warning("feed %s: %s", feed.url, problem)
    if doc is None:
        return  # not remembered: a page that is down now may answer at the next poll
    [indexed] = index_documents([doc], store, nlp, now)
    if isinstance(indexed, SourceError):  # remembered: the same item would fail the same way at every poll
        result.errors.append(str(indexed))
        log.warning("feed %s: %s", feed.url, indexed)
        stored.remember(store, feed.id, item.key, None, now)
        return
    if indexed.article_id is not None:
        result.new_ids.append(indexed.article_id)
    stored.remember(store, feed.id, item.key, indexed.article_id, now)


def _title(parsed: Any) -> str | None:
    title = parsed.get("feed", {}).get("title")
    return title.strip() if isinstance(title, str) and title.strip() else None


def _failed(store: Store, feed: Feed, now: datetime, result: Poll, problem: str) -> Poll:
    log.warning("feed %s skipped: %s", feed.url, problem)
    result.errors.append(problem)
    stored.record_failure(store, feed.id, now, problem)
    return result


def _record(store: Store, feed: Feed, now: datetime, result: Poll, changes: dict[str, Any]) -> None:
    error = "; ".join(result.errors[:MAX_ERRORS_SHOWN]) or None
    stored.record_success(store, feed.id, now, error, len(result.new_ids), changes)

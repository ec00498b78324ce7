"""Articles from the web: a fetched page's main text (trafilatura), and indexing documents that are not files."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from bot.core.ingest.analyse import analyse, store_article
from bot.core.ingest.article import Unusable, to_article
from bot.core.ingest.entries import as_one_story
from bot.core.ingest.fetch import DEFAULT_POLICY, FetchError, fetch
from bot.core.ingest.files import too_complex, unreadable, with_captions, with_credits
from bot.core.ingest.policy import FetchPolicy
from bot.core.models import Article, Document, Extracted, SourceError
from bot.core.store import Store

# Fewer words than this is a teaser, a cookie banner or an error page, not an article.
MIN_ARTICLE_WORDS = 25
# Only dates the page's markup states (see bot.core.ingest.files: a date in a sidebar must not win).
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_TAG = re.compile(r"<[^>]+>")

NlpLoader = Callable[[], Any]


@dataclass(frozen=True)
class Indexed:
    """One document after indexing: its article, what extraction found, and its id (None: already stored)."""

    article: Article
    found: list[Extracted]
    article_id: int | None


def site(url: str) -> str:
    """The host a URL is on, without `www.`, as a source name."""
    return urlsplit(url).netloc.removeprefix("www.") or url


def page_document(url: str, body: bytes, source: str | None = None) -> Document | SourceError:
    """A page's main text, title and stated date, without navigation and footers."""
    if refused := too_complex(body):
        return SourceError(url, refused)
    try:
        page = trafilatura.bare_extraction(
            as_one_story(with_captions(body)),
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as error:  # a parser's bug on one page is that page's failure, reported
        return SourceError(url, unreadable(error))
    text = getattr(page, "text", None)
    if not isinstance(text, str) or len(text.split()) < MIN_ARTICLE_WORDS:
        return SourceError(url, "no article text found on the page")
    title = getattr(page, "title", None)
    title = title if isinstance(title, str) and title.strip() else None
    return Document(
        text=with_credits(text, body, title),
        source=source or site(url),
        url=url,
        title=title,
        published=_date(getattr(page, "date", None)),
        origin=url,
    )


def _date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: year 1 at +05:00 is before year 1 in UTC
        return None


def strip_html(fragment: str) -> str:
    """Plain text from a feed summary's HTML fragment."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def fetch_page(url: str, policy: FetchPolicy = DEFAULT_POLICY, source: str | None = None) -> Document | SourceError:
    """Fetch one page within `policy` and extract its article; failures become a SourceError with the reason."""
    try:
        got = fetch(url, policy)
    except FetchError as error:
        return SourceError(url, str(error))
    return page_document(got.url, got.body, source)


def index_documents(
    docs: Sequence[Document], store: Store, nlp: NlpLoader, now: datetime
) -> list[Indexed | SourceError]:
    """Index documents the way `ingest` indexes files: duplicates (same text or URL) are kept once, and a document
    that cannot be indexed (too long, a parser's or the store's refusal) is a SourceError with the reason."""
    return [_index_one(doc, store, nlp, now) for doc in docs]


def _index_one(doc: Document, store: Store, nlp: NlpLoader, now: datetime) -> Indexed | SourceError:
    where = doc.origin or doc.url or doc.source
    try:
        article = to_article(doc, now)
    except Unusable as error:
        return SourceError(where, str(error))
    if store.is_duplicate(article):
        return Indexed(article, [], None)
    [found] = analyse(nlp(), [article.text])
    if isinstance(found, str):
        return SourceError(where, found)
    stored = store_article(store, article, found, now)
    return SourceError(where, stored) if isinstance(stored, str) else Indexed(article, found, stored)

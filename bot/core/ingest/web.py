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

from bot.core.extract import extract
from bot.core.ingest.article import to_article
from bot.core.ingest.fetch import DEFAULT_POLICY, FetchError, fetch
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
    page = trafilatura.bare_extraction(
        body, url=url, with_metadata=True, include_comments=False, date_extraction_params=dict(_DATE_PARAMS)
    )
    text = getattr(page, "text", None)
    if not isinstance(text, str) or len(text.split()) < MIN_ARTICLE_WORDS:
        return SourceError(url, "no article text found on the page")
    title = getattr(page, "title", None)
    return Document(
        text=text,
        source=source or site(url),
        url=url,
        title=title if isinstance(title, str) and title.strip() else None,
        published=_date(getattr(page, "date", None)),
    )


def _date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


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


def index_documents(docs: Sequence[Document], store: Store, nlp: NlpLoader, now: datetime) -> list[Indexed]:
    """Index documents the way `ingest` indexes files: duplicates (same text or URL) are kept once."""
    articles = [to_article(doc, now) for doc in docs]
    fresh = [a for a in articles if not store.is_duplicate(a)]
    parsed = dict(zip([id(a) for a in fresh], nlp().pipe([a.text for a in fresh]), strict=True)) if fresh else {}
    indexed = []
    for article in articles:
        if id(article) not in parsed:
            indexed.append(Indexed(article, [], None))
            continue
        found = extract(parsed[id(article)])
        indexed.append(Indexed(article, found, store.add_article(article, found, now)))
    return indexed

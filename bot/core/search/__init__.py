"""Search as people type it: the query language parsed into a tree (`syntax`), and `about:` names resolved to
entities (`about`, imported on its own: it reads the store, which renders the tree)."""

from bot.core.search.syntax import Filters, SearchQuery, Sort, Terms, parse

__all__ = ["Filters", "SearchQuery", "Sort", "Terms", "parse"]

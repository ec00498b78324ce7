"""Ingestion on realistic articles: the evaluation corpus (`tests/eval/articles`, news articles written in many
outlets' styles) against bare `nlp.pipe` of the same texts, by CPU time.

The generated corpus of the other ingestion rows repeats a few sentence templates; real copy has longer sentences,
more names per paragraph, quotes, datelines and credit lines, which is where the extraction rules do their work.
The set is small (105 articles), so it is ingested several times over: each copy is written as one JSON record per
article (its text, headline, date, source and a URL of its own) and ends with a line naming its edition, so that
no copy is a duplicate of another and every one is parsed, extracted and stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bench.measure import ROOT
from bot.core.ingest.article import normalise_text
from bot.core.ingest.files import read_sources
from bot.core.models import Document

ARTICLES = ROOT / "tests" / "eval" / "articles"
# Five copies of 105 articles: ~200,000 words, ~30 s of spaCy on one core: long enough for a steady ratio.
REPEATS, QUICK_REPEATS = 5, 1


@dataclass(frozen=True)
class Corpus:
    """The copies on disk and the article texts the bot will parse from them, in the same order."""

    paths: list[Path]
    texts: list[str]


def copies(repeats: int, directory: Path, articles: Path | None = None) -> Corpus:
    """`repeats` copies of every article under `articles` (the evaluation corpus), as JSON records under
    `directory`."""
    documents = [d for d in read_sources([articles or ARTICLES]) if isinstance(d, Document)]
    directory.mkdir(parents=True, exist_ok=True)
    paths, texts = [], []
    for edition in range(1, repeats + 1):
        for number, document in enumerate(documents):
            record = _record(document, edition, repeats)
            path = directory / f"{edition:02d}-{number:03d}.json"
            path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            paths.append(path)
            texts.append(normalise_text(record["text"]))  # what `to_article` keeps of it
    return Corpus(paths, texts)


def _record(document: Document, edition: int, editions: int) -> dict[str, str]:
    url = document.url or f"https://eval.test/{document.origin or document.source}"
    record = {
        "text": f"{document.text.rstrip()}\n\nEdition {edition} of {editions}.",
        "url": f"{url}#edition-{edition}",
        "source": document.source,
    }
    if document.title:
        record["title"] = document.title
    declared = document.published or document.file_time  # as `to_article` prefers them
    if declared is not None:
        record["published"] = declared.isoformat()
    return record

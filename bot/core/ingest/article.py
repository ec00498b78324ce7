"""A document becomes an article: normalised text, headline, publication date and content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta

from bot.core.ingest.files import as_utc
from bot.core.models import Article, Document

# About what a Slack list line or a notification shows before it wraps; longer reads as a paragraph.
HEADLINE_MAX = 100
ELLIPSIS = "…"
# A date later than this past the moment of indexing is a typo or a placeholder (9999-12-31), not news from the
# future: such an article is dated when it was indexed, or it would stay on top of /articles for ever. A day
# of margin keeps the dates of places ahead of UTC.
FUTURE_MARGIN = timedelta(days=1)


# --- articles -------------------------------------------------------------------------------------------


def to_article(doc: Document, now: datetime) -> Article:
    """Normalise a document's text and settle its headline, publication time and content hash."""
    text = normalise_text(doc.text)
    title = _one_line(doc.title or "")
    return Article(
        text=text,
        headline=_shorten(title) if title else headline_of(text),
        published=_published(doc, text, now),
        source=doc.source,
        content_hash=content_hash(text),
        url=doc.url,
    )


def _published(doc: Document, text: str, now: datetime) -> datetime:
    """The date the text states, else the declared one, else the file's time, else now; never the future."""
    stated = date_in_text(text)
    if stated is not None:
        when = datetime(stated.year, stated.month, stated.day, tzinfo=UTC)
    else:
        when = as_utc(doc.published or doc.file_time or now)
    latest = as_utc(now) + FUTURE_MARGIN
    return as_utc(now) if when > latest else when


_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces, at most one blank line in a row, stripped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace runs collapsed and case folded, so re-saved copies match."""
    canonical = " ".join(normalise_text(text).split()).casefold()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- headlines ------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)\]]*\s+")
_OPENING = "\"'“‘«(["
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# Titles and short forms that end in a full stop yet rarely end a sentence before a capital, single
# initials ("John F. Kennedy") and dotted short forms ("U.S.", "U.N.", "a.m.").
_NOT_AN_END = re.compile(
    r"Mrs?|Ms|Dr|St|Jr|Sr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Brig|Cmdr|Gov|Sen|Rep|Rev|Hon|Mt|Ft|vs"
    r"|[A-Z]|[A-Za-z](?:\.[A-Za-z])+"
)


def headline_of(text: str) -> str:
    """The text's first sentence on one line, cut at a word boundary to HEADLINE_MAX characters."""
    return _shorten(_one_line(_DATELINE.sub("", _first_sentence(normalise_text(text)), count=1)))


# A wire-style dateline before the story: "ANKARA, March 3, 2025 —", "DAMASCUS (Reuters) -".
_DATELINE = re.compile(
    r"^[A-Z]{3,}[A-Z .'-]{0,40}"  # the city in capitals
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}"  # , March 3, 2025 —
    r"|\s*\([^)]{1,40}\)\s*[—–-]{1,2}"  # (Reuters) -
    r"|\s*—)\s+(?=\S)"  # an em dash alone
)


def _first_sentence(text: str) -> str:
    """Up to the first sentence end, within the first paragraph (a headline line often has no stop)."""
    paragraph = _MARKDOWN_HEADING.sub("", text.split("\n\n", 1)[0])
    for match in _SENTENCE_END.finditer(paragraph):
        if _ends_sentence(paragraph, match):
            return paragraph[: match.end()]
    return paragraph


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    following = paragraph[match.end() : match.end() + 1]
    if not (following.isupper() or (following and following in _OPENING)):
        return False
    if paragraph[match.start()] != ".":
        return True
    words = paragraph[: match.start()].rsplit(None, 1)
    word = words[-1].lstrip(_OPENING) if words else ""
    return not _NOT_AN_END.fullmatch(word)


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _shorten(line: str) -> str:
    """At most HEADLINE_MAX characters, cut at a word boundary and marked with an ellipsis when cut."""
    if len(line) <= HEADLINE_MAX:
        return line
    cut = line[: HEADLINE_MAX - len(ELLIPSIS)]
    if not line[len(cut)].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


# --- dates in text --------------------------------------------------------------------------------------

_MONTH = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
_MONTH += r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
_MONTH_NUMBERS = {
    prefix: number
    for number, prefix in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_ORDINAL = "(?:st|nd|rd|th)?"
# 2025-10-15 | October 15, 2025 / Oct. 15 2025 | 15 October 2025 / 15th Oct. 2025; a day is required.
_DATE = re.compile(
    rf"""(?<!\d)(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?!\d)
    |\b(?P<mdy_m>{_MONTH})\b\.?\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL},?\s+(?P<mdy_y>\d{{4}})(?!\d)
    |(?<!\d)(?P<dmy_d>\d{{1,2}}){_ORDINAL}\s+(?P<dmy_m>{_MONTH})\b\.?,?\s+(?P<dmy_y>\d{{4}})(?!\d)""",
    re.IGNORECASE | re.VERBOSE,
)


def date_in_text(text: str) -> date | None:
    """The first full date (day, month and year) the text states, or None."""
    for match in _DATE.finditer(text):
        found = _date_of(match)
        if found is not None:
            return found
    return None


def _date_of(match: re.Match[str]) -> date | None:
    year = match["iso_y"] or match["mdy_y"] or match["dmy_y"]
    month = match["iso_m"] or match["mdy_m"] or match["dmy_m"]
    day = match["iso_d"] or match["mdy_d"] or match["dmy_d"]
    number = int(month) if month.isdigit() else _MONTH_NUMBERS[month[:3].lower()]
    try:
        return date(int(year), number, int(day))
    except ValueError:  # "February 30, 2025" or "2025-13-01" look like dates but are not
        return None

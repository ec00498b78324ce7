"""A document becomes an article: normalised text, headline, publication date and content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.core.ingest.files import as_utc
from bot.core.models import Article, Document

# About what a Slack list line or a notification shows before it wraps; longer reads as a paragraph.
HEADLINE_MAX = 100
ELLIPSIS = "…"
# A first line up to this long with the story below it is a headline; a longer one is the story's first paragraph.
HEADLINE_LINE_MAX = 200
# Bylines, time stamps, "Published:" and live-blog date lines are short; a story's first paragraph is not.
FRONT_LINE_MAX = 160
# A date later than this past the moment of indexing is a typo or a placeholder (9999-12-31), not news from the
# future: such an article is dated when it was indexed, or it would stay on top of /articles for ever. A day
# of margin keeps the dates of places ahead of UTC.
FUTURE_MARGIN = timedelta(days=1)
# The longest article indexed, in characters. News articles are a few thousand; a text a thousand times that is
# parsed in pieces in about a minute (README: Performance). Anything longer is not an article but the wrong file
# (a dump, a log, a book), and refusing it keeps one file from holding an ingestion up for many minutes.
MAX_ARTICLE_CHARS = 1_000_000


class Unusable(ValueError):
    """A document that cannot become an article; the message is the reason shown to the user."""


# --- articles -------------------------------------------------------------------------------------------


def to_article(doc: Document, now: datetime) -> Article:
    """Normalise a document's text and settle its headline, publication time and content hash; `Unusable` when
    no text is left or the text is longer than MAX_ARTICLE_CHARS."""
    text = normalise_text(doc.text)
    if not text:
        raise Unusable("no text (only whitespace or control characters)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise Unusable(f"article too long ({len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,})")
    title = _one_line(safe_text(doc.title or ""))
    published, dated = _published(doc, text, now)
    return Article(
        text=text,
        headline=_shorten(title) if title else headline_of(text),
        published=published,
        source=safe_text(doc.source),
        content_hash=content_hash(text),
        url=safe_text(doc.url) if doc.url else None,
        dated=dated,
    )


def _published(doc: Document, text: str, now: datetime) -> tuple[datetime, bool]:
    """The date printed with the story (its dateline or the lines above it), else the one its source declared,
    else the file's time, else now, never the future; a date inside the story (history, a caption) is never its
    date. The flag says whether the story or its source gave the date (not the file's time or now)."""
    declared = _utc_or_none(doc.published)
    fallback = declared or _utc_or_none(doc.file_time) or as_utc(now)
    stated = printed_date(text, fallback) or signed_off_date(text)
    if stated is not None:
        when, dated = datetime(stated.year, stated.month, stated.day, tzinfo=UTC), True
    else:
        when, dated = fallback, declared is not None
    latest = as_utc(now) + FUTURE_MARGIN
    return (as_utc(now), False) if when > latest else (when, dated)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    """A stated time in UTC; None when it is absent or cannot be written in UTC (year 1 at +05:00)."""
    try:
        return as_utc(moment) if moment is not None else None
    except OverflowError:
        return None


_BLANK_LINES = re.compile(r"\n{3,}")
# NUL, which PostgreSQL cannot store in text and no article needs, and lone UTF-16 surrogates (from a JSON "\ud800"
# escape or an undecodable file name), which no encoding can write: the one is dropped, the other shown as U+FFFD.
_NUL = "\x00"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """`text` without NUL characters and with lone surrogates replaced, so it can be encoded and stored."""
    return _LONE_SURROGATE.sub("\ufffd", text.replace(_NUL, ""))


def normalise_text(text: str) -> str:
    """Safe (see `safe_text`), NFC, Unix line ends, no trailing spaces, at most one blank line in a row, stripped."""
    text = unicodedata.normalize("NFC", safe_text(text)).replace("\r\n", "\n").replace("\r", "\n")
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
    """The headline: the whole first line when it stands on a line of its own above the story (as outlets print
    it, question marks and colons included), else the first sentence; cut to HEADLINE_MAX characters."""
    text = normalise_text(text)
    first, _, rest = text.partition("\n")
    first = _MARKDOWN_HEADING.sub("", first).strip()
    if _DOCUMENT_SYMBOL.fullmatch(first) and (titled := _titled_under_symbol(rest)):
        return _shorten(_one_line(titled))
    following = rest.lstrip()[:1]
    # Headlines end without a full stop; a first line that has one, or whose next line starts in lower case (a
    # hard-wrapped paragraph), is the story's opening.
    if following and not following.islower() and len(first) <= HEADLINE_LINE_MAX and not first.endswith("."):
        return _shorten(_one_line(first))
    return _shorten(_one_line(_first_sentence(text)))


# A document symbol alone on the first line ("SC/16241", "SG/SM/22345", "GA/EF/3585"): a UN press release's, over its
# date, the organ, the meeting and then the headline.
_DOCUMENT_SYMBOL = re.compile(r"[A-Z]{1,8}(?:/[A-Z0-9][A-Z0-9.-]*)+")
# How many lines under a document symbol its headline may stand.
SYMBOL_HEADER_LINES = 8


def _titled_under_symbol(rest: str) -> str | None:
    """The headline under a document symbol: the first of the short lines above the story that reads as one
    (enough words besides a date, no sentence), not the date, organ or meeting lines above it."""
    lines = [line.strip() for line in rest.split("\n") if line.strip()]
    for line in lines[:SYMBOL_HEADER_LINES]:
        if _reads_as_story(line) or len(line) > HEADLINE_LINE_MAX:
            return None
        if _reads_as_headline(line) and not line.endswith("."):
            return line
    return None


def _first_sentence(text: str) -> str:
    """Up to the first sentence end, within the first paragraph and after its dateline (a headline line often has
    no stop; a dateline's own stops, as in "MOSCOW, June 12. /TASS/.", end no sentence)."""
    paragraph = _MARKDOWN_HEADING.sub("", text.split("\n\n", 1)[0])
    if found := dateline(paragraph):
        paragraph = paragraph[found.end :].lstrip()
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
# 2025-10-15, 2025/10/15 | October 15, 2025 / Oct. 15 2025 | 15 October 2025 / 15th Oct. 2025 / 15th of October
# 2025 | 15/10/2025, 15.10.2025 (day first, as international outlets print it, unless the first number cannot be a
# day's month); a day is required.
_DATE = re.compile(
    rf"""(?<![\d/.-])(?P<iso_y>\d{{4}})(?P<isep>[-/.])(?P<iso_m>\d{{1,2}})(?P=isep)(?P<iso_d>\d{{1,2}})(?!\d)
    |(?<![\d/.-])(?P<num_d>\d{{1,2}})(?P<sep>[/.-])(?P<num_m>\d{{1,2}})(?P=sep)(?P<num_y>\d{{4}})(?!\d)
    |\b(?P<mdy_m>{_MONTH})\b\.?\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL},?\s+(?P<mdy_y>\d{{4}})(?!\d)
    |(?<!\d)(?P<dmy_d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})\b\.?,?\s+(?P<dmy_y>\d{{4}})(?!\d)""",
    re.IGNORECASE | re.VERBOSE,
)


def date_in_text(text: str) -> date | None:
    """The first full date (day, month and year) the text states, or None."""
    for match in _DATE.finditer(text):
        found = _date_of(match)
        if found is not None:
            return found
    return None


def printed_date(text: str, reference: datetime | None = None) -> date | None:
    """The date printed with the story: on the short lines above its first paragraph (a byline, "Published:", a
    live blog's date line) or in that paragraph's dateline; None when neither states a full date. The headline and
    photo captions above the story are not where its date is printed, whatever dates they mention; a dateline's
    day without a year ("MOSCOW, February 11. /TASS/.") is that day's last occurrence up to `reference`."""
    for number, line in enumerate(text.split("\n")):
        if number == 0 and _long_headline(line):
            continue
        if len(line) > FRONT_LINE_MAX or (number > 0 and _reads_as_story(line)):
            found = dateline(line)
            if found is None:
                return None
            return date_in_text(line[: found.end]) or _day_without_year(line[: found.end], reference)
        if (number == 0 and _reads_as_headline(line)) or _CAPTION.match(line) or _CREDITED.search(line):
            continue
        if (stated := date_in_text(line)) is not None:
            return stated
    return None


def signed_off_date(text: str) -> date | None:
    """The date of a press release's closing line, when nothing above its story gives one: "Issued by the press
    office, Nov. 13, 2026", "Released: 13 November 2026" (after it, only an end mark such as "###" or "ENDS")."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in reversed(lines[-SIGN_OFF_LINES:]):
        if _SIGN_OFF.match(line) and len(line) <= FRONT_LINE_MAX and not _CLAUSE.search(line):
            return date_in_text(line)
        if not _END_MARK.fullmatch(line):
            return None
    return None


# How many lines from the end a press release's sign-off may stand, end marks below it included.
SIGN_OFF_LINES = 3
# "Issued by …", "Released: …", "Published on …": the opening of a sign-off, not "Released from prison on …".
_SIGN_OFF = re.compile(r"(?:issued|released|published|posted|dated)(?:\s*:|\s+(?:by|on)\b|,)|date\s*:", re.IGNORECASE)
# Words of a clause, which a sign-off has none of ("Posted by X, who was released on …").
_CLAUSE = re.compile(r"\b(?:who|which|that|was|were|is|are|has|had|have)\b", re.IGNORECASE)
_END_MARK = re.compile(r"#{3}|-?\s*ends?\s*-?|-30-|\*{3}", re.IGNORECASE)
# A photo caption's opening ("Photo: …", "File photo -", "(Photo: …)", "Caption:").
_CAPTION = re.compile(r"\s*\(?\s*(?:file\s+)?(?:photo|picture|image|caption)\b", re.IGNORECASE)
# A caption's closing credit: "… on March 3, 2019. (AFP)", "… (Photo: SANA)", "… REUTERS/Omar Sanadiki".
_CREDITED = re.compile(
    r"\((?:(?:photo|picture|image)s?\s*:\s*)?[A-Z][\w&.-]{1,20}\)\s*$|\b[A-Z]{2,}/[A-Z][\w'’. -]+$", re.I
)
# A line above the first long paragraph with at least this many words besides its date, ending a sentence, is the
# story's first paragraph.
STORY_WORDS = 10
# A first line with at least this many words besides its date is a headline, not a date line.
HEADLINE_WORDS = 6
_DAY_MONTH = re.compile(rf"\b(?P<m>{_MONTH})\b\.?\s+(?P<d>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\b", re.I)


def _reads_as_story(line: str) -> bool:
    """A short first paragraph ("On 8 December 2024, rebels entered Damascus and the old order fell.") is the
    story, not a line printed above it: a full sentence of many words besides its date."""
    return line.rstrip().endswith((".", '."', ".”")) and len(_DATE.sub(" ", line).split()) >= STORY_WORDS


def _long_headline(line: str) -> bool:
    """A first line longer than the lines printed above a story, but a headline (a press release's may run to two
    lines): no dateline opens it and it is no sentence."""
    return FRONT_LINE_MAX < len(line) <= HEADLINE_LINE_MAX and dateline(line) is None and not _reads_as_story(line)


def _reads_as_headline(line: str) -> bool:
    return len(_DATE.sub(" ", line).split()) >= HEADLINE_WORDS


def _day_without_year(text: str, reference: datetime | None) -> date | None:
    """ "February 11" in a dateline: that day in the reference's year, or the year before if it would be later."""
    match = _DAY_MONTH.search(text)
    if match is None or reference is None:
        return None
    month = _MONTH_NUMBERS[(match["m"] or match["m2"])[:3].lower()]
    day = int(match["d"] or match["d2"])
    for year in (reference.year, reference.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= (reference + FUTURE_MARGIN).date():
            return found
    return None


def _date_of(match: re.Match[str]) -> date | None:
    if match["num_y"]:
        first, second = int(match["num_d"]), int(match["num_m"])
        day_number, month_number = (second, first) if second > 12 >= first else (first, second)
        try:
            return date(int(match["num_y"]), month_number, day_number)
        except ValueError:
            return None
    year = match["iso_y"] or match["mdy_y"] or match["dmy_y"]
    month = match["iso_m"] or match["mdy_m"] or match["dmy_m"]
    day = match["iso_d"] or match["mdy_d"] or match["dmy_d"]
    number = int(month) if month.isdigit() else _MONTH_NUMBERS[month[:3].lower()]
    try:
        return date(int(year), number, int(day))
    except ValueError:  # "February 30, 2025" or "2025-13-01" look like dates but are not
        return None


# --- datelines ------------------------------------------------------------------------------------------

_WORD = r"[\w'’.]+(?:-[\w'’.]+)*"
_NAME = rf"[A-Z]{_WORD}(?:\s(?:[A-Z]|al-|el-|ez-|az-){_WORD}){{0,3}}"
# "November 25, 2026", "25 November 2026", and the ordinal day with a comma before the year as Gulf agencies print
# it ("ABU DHABI, 25th November, 2026 (WAM) --").
_DAY = rf"(?i:{_MONTH})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}{_ORDINAL}\s+(?i:{_MONTH})\.?(?:,?\s+\d{{4}})?"
# "DAMASCUS, Syria (AP) —", "BEIRUT, Feb 24 (Reuters) -", "MOSCOW, February 11. /TASS/.", "Ankara (AA) -",
# "Qamishli (Syria) (AFP) -", "Damascus, SANA-", "JABLEH, Syria –", "ANKARA, March 3, 2025 —", and an agency in
# capitals after the date, "YEREVAN, NOVEMBER 5, ARMENPRESS.", and a colon after the agency, "Manama, Jan. 12 (BNA):".
_DATELINE = re.compile(
    rf"""(?P<place>{_NAME})
    (?:\s*\((?P<area>[A-Z][\w\s'’.-]{{1,30}})\)(?=\s*\())?
    (?:,\s*(?P<region>{_NAME}))?
    (?:,\s*(?P<when>{_DAY}))?
    \.?\s*
    (?:\((?P<agency>[^()\n]{{1,30}})\)\s*(?:[—–-]{{1,2}}|(?P<colon>:))|/(?P<tag>[^/\n]{{1,30}})/\.?|(?P<dash>[—–-]{{1,2}})
       |,\s*(?P<shouted>[A-Z]{{3,}}(?:[ -][A-Z]{{2,}}){{0,2}})\.)
    \s*""",
    re.VERBOSE,
)
# A bare "PLACE —" is a dateline only when shouted, or when a region or a date stands with it.
_SHOUTED = re.compile(r"[A-Z][A-Z .'’-]{2,}")


@dataclass(frozen=True)
class Dateline:
    """Where a story was filed, and where its dateline ends in the paragraph."""

    place: str
    end: int


def dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story's paragraph, if it has one."""
    match = _DATELINE.match(paragraph)
    if match is None or not match["place"][0].isupper():
        return None
    if match["dash"] and not (match["region"] or match["when"] or _SHOUTED.fullmatch(match["place"])):
        return None
    if match["shouted"] and not match["when"]:  # "Paris, LONDON." is no dateline; a date before the agency makes one
        return None
    if match["colon"] and not (match["when"] and match["agency"][:1].isupper()):
        return None  # "Manama, Jan. 12 (BNA):" is one; "Omar Haddad, Jan. 12 (file):" is a caption
    return Dateline(match["place"], match.end())

"""Read article files (text, Markdown, HTML, JSON, JSON Lines) into documents, one per article or bad record."""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from itertools import islice
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.utils import load_html

from bot.core.ingest.entries import as_one_story
from bot.core.models import Document, SourceError

MIB = 1024 * 1024
# A news article is tens of kilobytes and a saved page or a feed a few megabytes; a bigger file is almost
# certainly the wrong file, and refusing it before reading keeps one mistake from filling the memory.
MAX_FILE_BYTES = 10 * MIB

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIX = ".json"
JSONL_SUFFIX = ".jsonl"
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {JSON_SUFFIX, JSONL_SUFFIX}

# Only dates the page's markup states: to_article reads dates in the text itself, and letting htmldate
# search the page's text would let a date in a sidebar or a related-stories box win.
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# trafilatura's time grows faster than the number of elements (its readability comparison walks the tree again and
# again): a page of 1,000,000 tiny paragraphs, under the size limit, takes minutes. Timed with a quick script
# (bare_extraction on pages of N `<p>a</p>`, and of N elements of paragraphs with links) on the development
# machine, 2 cores busy with another job: 10,000 elements 0.6 s, 20,000 1.3-1.6 s, 40,000 3.2-3.5 s, 50,000
# 3.2-5.5 s, 80,000 11 s. Real pages stay far below it: a news article's page typically holds a few thousand
# elements (the saved pages in tests/eval hold under 30; live pages were not sampled here), and a saved page of a
# whole book (the Rust book's print.html, 1.9 MB) 24,500. Counting start tags stops one past the limit (5 ms on a
# 9 MB page).
MAX_HTML_ELEMENTS = 50_000
_START_TAG = re.compile(r"<[A-Za-z]")
_START_TAG_BYTES = re.compile(rb"<[A-Za-z]")
# Enough of an error's message to recognise it; the rest may quote the input.
MAX_REASON_CHARS = 160
_NO_TEXT_FIELD = 'record has no text (needs a non-empty string field "text")'
# Opening never follows a link at the name when links are refused (the drop folder), and never waits on a FIFO
# put where a file was: the name is opened once and what was opened is checked (fstat), so a file swapped for a
# link or a FIFO after a check cannot be read through. (Neither flag exists on Windows, where links are rare.)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
LINK_REASON = "a symbolic link: not followed"
_NOT_REGULAR = "not a regular file"


class _Unusable(Exception):
    """A file that cannot become documents; the message is the reason shown to the user."""


# --- reading files --------------------------------------------------------------------------------------


def read_sources(paths: Sequence[str | Path], follow_links: bool = True) -> Iterator[Document | SourceError]:
    """Yield a Document or a SourceError per file, in the order given; folders are walked sorted. With
    `follow_links` false a link to a file is an error, never read (linked folders are never followed)."""
    for given in paths:
        yield from _read_path(Path(given), follow_links)


def display_name(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8 (which Python
    keeps as lone surrogates) are shown as U+FFFD instead of failing every encoder they meet."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def printable(text: str) -> str:
    """`text` as one line for a log or a reason file: every character that is not printable (control characters,
    line and paragraph separators, invisible format marks) shown as its escape (`\\n`, `\\x1b`, `\\u2028`), so a
    file's name cannot start a line of its own."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _read_path(path: Path, follow_links: bool) -> Iterator[Document | SourceError]:
    try:
        mode = (path.stat() if follow_links else path.lstat()).st_mode
    except (FileNotFoundError, NotADirectoryError):
        yield SourceError(display_name(path), "no such file or folder")
        return
    except (OSError, ValueError) as err:  # ValueError: a NUL in the path given
        yield SourceError(display_name(path), _os_reason(err) if isinstance(err, OSError) else "invalid path")
        return
    if stat.S_ISDIR(mode):
        for found in _walk(path):
            if isinstance(found, SourceError):
                yield found
            else:
                yield from _read_file(found, follow_links)
    elif stat.S_ISLNK(mode):
        yield SourceError(display_name(path), LINK_REASON)
    elif not stat.S_ISREG(mode):
        yield SourceError(display_name(path), _NOT_REGULAR)
    elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
        yield SourceError(display_name(path), _unsupported(path))
    else:
        yield from _read_file(path, follow_links)


def _walk(folder: Path) -> Iterator[Path | SourceError]:
    """Supported files under a folder, sorted; hidden entries and other file types are skipped silently."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as err:
        yield SourceError(display_name(folder), _os_reason(err))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Linked folders are not followed: a link back up the tree would never end.
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.suffix.lower() in SUPPORTED_SUFFIXES and entry.is_file():
            yield entry


def _read_file(path: Path, follow_links: bool) -> Iterator[Document | SourceError]:
    """The file's documents; whatever goes wrong with it is one SourceError, and the files after it are read."""
    name = display_name(path)
    suffix = path.suffix.lower()
    try:
        text, file_time = _load_text(path, follow_links, by_line=suffix == JSONL_SUFFIX)
        if suffix == JSONL_SUFFIX:
            yield from _jsonl_documents(name, text, file_time)
        elif suffix == JSON_SUFFIX:
            yield from _json_documents(name, text, file_time)
        elif suffix in HTML_SUFFIXES:
            yield _html_document(name, text, file_time)
        else:
            yield Document(text=text, source=name, file_time=file_time, origin=name)
    except _Unusable as err:
        yield SourceError(name, str(err))
    except Exception as err:  # a parser's bug on one file is that file's failure, reported like the others
        yield SourceError(name, unreadable(err))


def unreadable(err: BaseException) -> str:
    """The reason line for an unexpected error while reading a file."""
    return f"could not be read ({describe(err)})"


def describe(err: BaseException) -> str:
    """An error as its type and the first line of its message, cut short: never more, since a long message can
    quote the input (an article, a statement's parameters)."""
    message = str(err).strip().split("\n", 1)[0]
    cut = message[:MAX_REASON_CHARS] + ("…" if len(message) > MAX_REASON_CHARS else "")
    return f"{type(err).__name__}: {cut}" if cut else type(err).__name__


def _load_text(path: Path, follow_links: bool, by_line: bool = False) -> tuple[str, datetime | None]:
    """The file's text and modification time, read from the one regular file opened; the size is checked before a
    byte is read. `by_line`: bytes that are not UTF-8 are kept escaped (`_decode`) for each line to answer for."""
    flags = os.O_RDONLY | _NON_BLOCKING | (0 if follow_links else _NO_FOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as err:
        linked = err.errno == errno.ELOOP and not follow_links
        raise _Unusable(LINK_REASON if linked else _os_reason(err)) from err
    try:
        with open(descriptor, "rb", closefd=True) as handle:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise _Unusable(_NOT_REGULAR)
            _check_size(info.st_size)
            # One byte past the limit, in case the file grew after fstat.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise _Unusable(_os_reason(err)) from err
    _check_size(len(data))
    return _decode(data, by_line), _file_time(info.st_mtime)


def _file_time(mtime: float) -> datetime | None:
    """The modification time, or None when it is outside what a date can hold (a file touched to year 300000)."""
    try:
        return datetime.fromtimestamp(mtime, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise _Unusable(f"file too large ({size / MIB:.1f} MiB; the limit is {MAX_FILE_BYTES // MIB} MiB)")


# Byte-order marks of the Unicode encodings a text editor may save in ("Unicode" in Windows' Notepad is UTF-16);
# UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)  # fmt: skip


def _decode(data: bytes, by_line: bool = False) -> str:
    """UTF-8 (a byte-order mark allowed), or UTF-16 / UTF-32 with theirs; without a mark, NUL bytes mean a binary
    file, not text. `by_line` (a file of one record per line): bytes that are not UTF-8 are kept as escapes
    (U+DC80-U+DCFF), so that only the lines holding them are refused (`_jsonl_documents`), not the whole file."""
    bom, encoding = next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", "utf-8"))
    if not bom and b"\0" in data:
        raise _Unusable("binary file (contains NUL bytes)")
    try:
        text = data[len(bom) :].decode(
            encoding, errors="surrogateescape" if by_line and encoding == "utf-8" else "strict"
        )
    except UnicodeDecodeError as err:
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise _Unusable(f"not {name} text (invalid byte at offset {len(bom) + err.start})") from err
    if not text.strip():
        raise _Unusable("empty file (only whitespace)" if text else "empty file")
    return text


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "unreadable (permission denied)"
    return f"unreadable ({err.strerror or err})"


def _unsupported(path: Path) -> str:
    expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
    kind = f"'{display_name(path.suffix)}'" if path.suffix else "(no extension)"
    return f"unsupported file type {kind}; expected one of {expected}"


# --- HTML and JSON --------------------------------------------------------------------------------------


def too_complex(page: str | bytes) -> str | None:
    """Why a page is refused before its text is extracted (more than MAX_HTML_ELEMENTS elements), or None."""
    tags = _START_TAG_BYTES.finditer(page) if isinstance(page, bytes) else _START_TAG.finditer(page)
    found = sum(1 for _ in islice(tags, MAX_HTML_ELEMENTS + 1))
    if found > MAX_HTML_ELEMENTS:
        return f"page too complex: more than {MAX_HTML_ELEMENTS:,} elements"
    return None


# A figure's tags, which trafilatura cleans away with their caption (it keeps no figure without an image option).
_FIGURE_TAG = re.compile(r"<(/?)(figcaption|figure)\b", re.IGNORECASE)
_FIGURE_TAG_BYTES = re.compile(rb"<(/?)(figcaption|figure)\b", re.IGNORECASE)


def with_captions(page: str | bytes) -> str | bytes:
    """The page with each figure's caption as a paragraph of its own, where it stands: a photo story says much in
    its captions (where a base is, whose it is, who is pictured), and trafilatura drops every figure as furniture.
    Only the tags' names change, so the caption is kept or dropped with the part of the page it stands in."""
    if isinstance(page, bytes):
        return _FIGURE_TAG_BYTES.sub(lambda m: b"<" + m[1] + (b"p" if m[2].lower() == b"figcaption" else b"div"), page)
    return _FIGURE_TAG.sub(lambda m: "<" + m[1] + ("p" if m[2].lower() == "figcaption" else "div"), page)


# Where a page prints the outlet's name, when its metadata does not (og:site_name): the usual classes of that line
# (not a whole masthead, which holds the menus too). An outlet's name is a few words.
_OUTLET_CLASSES = ("site-name", "site-title", "outlet", "publication-name")
_HAS_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
_OUTLET_PATHS = (
    "//meta[@property='og:site_name']/@content",
    *(f"//*[{_HAS_CLASS.format(name)}][not(ancestor-or-self::nav)]" for name in _OUTLET_CLASSES),
)
MAX_OUTLET_WORDS = 8
# The story's byline: by class (hNews and most sites: "byline", "article-byline"), or by the author markup of HTML
# and schema.org; the story's own before a sidebar's, and never a comment's.
_BYLINE_PATHS = ("//*[contains(@class, 'byline')]", "//*[@rel='author']", "//*[@itemprop='author']")
_STORY = ("article", "main")
_NOT_THE_STORY = frozenset({"nav", "aside", "footer", "form"})
# A masthead or byline longer than this is a block of the page, not a line.
MAX_CREDIT_CHARS = 200
# Elements whose text a reader never sees.
_UNSEEN = frozenset({"script", "style", "noscript", "template"})


def with_credits(text: str, page: str | bytes, title: str | None) -> str:
    """The page's text with the outlet's name and the byline, as a line each under the headline, as a printed story
    has them: trafilatura drops both as furniture, and they name the outlet (a body) and the writer (a person). The
    headline the page prints (`<h1>`) is the first line when trafilatura left it out (it does when it finds no frame
    for the story, as in a page of captioned photos): a reader sees it, and it names who and where."""
    tree = load_html(page)
    if tree is None:
        return text
    if title is not None and _shows_headline(tree, title) and " ".join(title.split()) not in _lines(text):
        text = f"{title}\n{text}"
    outlet = _first_line(_line(found) for path in _OUTLET_PATHS for found in tree.xpath(path))
    if outlet is not None and len(outlet.split()) > MAX_OUTLET_WORDS:
        outlet = None
    bylines = [found for path in _BYLINE_PATHS for found in tree.xpath(path) if _a_story_byline(found)]
    bylines.sort(key=lambda found: not any(a.tag in _STORY for a in found.iterancestors()))  # stable: page order
    byline = _first_line(_line(found) for found in bylines)
    printed = _lines(text)
    lines = [line for line in dict.fromkeys((outlet, byline)) if line is not None and line not in printed]
    if not lines:
        return text
    head, _, rest = text.partition("\n")
    if title is not None and head.strip() == title.strip():
        return "\n".join([head, *lines, rest])
    return "\n".join([*lines, text])


def _lines(text: str) -> set[str]:
    """The text's lines, each with its spaces collapsed."""
    return {" ".join(line.split()) for line in text.splitlines()}


def _shows_headline(tree: Any, title: str) -> bool:
    """Whether the page prints `title` as a top heading outside its menus, sidebars and footer (a `<title>` may add
    the site's name, which no headline prints)."""
    wanted = " ".join(title.split())
    return any(
        _line(heading) == wanted and not any(a.tag in _NOT_THE_STORY for a in heading.iterancestors())
        for heading in tree.iter("h1")
    )


def _a_story_byline(element: Any) -> bool:
    """Whether an element the byline paths found is the story's byline: marked as an author's, or of a byline class
    that is not a comment's ("comment-byline") nor says there is none ("no-byline"), and not in the page's menus,
    sidebars or footer."""
    marked = element.get("rel") == "author" or element.get("itemprop") == "author"
    classed = any(_byline_class(c) for c in str(element.get("class") or "").split())
    return (marked or classed) and not any(a.tag in _NOT_THE_STORY for a in element.iterancestors())


def _byline_class(name: str) -> bool:
    return name == "byline" or (name.endswith("byline") and not name.startswith(("comment", "no")))


def _first_line(lines: Iterable[str]) -> str | None:
    """The first of `lines` that is a line: not empty, not a block."""
    return next((line for line in lines if line and len(line) <= MAX_CREDIT_CHARS), None)


def _line(found: Any) -> str:
    """An attribute's value, or an element's text as a reader sees it, on one line: its parts that markup alone
    sets apart ("<a>Mark Ellison</a> <time>14 November</time>") kept apart by a bar, as a printed byline has them,
    and never a script's or a style's text."""
    if isinstance(found, str):
        return " ".join(found.split())
    pieces = [found.text or ""]
    last = pieces[0]  # the last piece with words in it: "By" before a name sets nothing apart
    after_element = False
    for child in found:
        if isinstance(child.tag, str) and child.tag not in _UNSEEN:
            if after_element and not pieces[-1].strip() and not last.strip().casefold().endswith("by"):
                pieces.append(last := " | ")
            part = _line(child)
            pieces.append(" " + part + " ")
            last = part or last
            after_element = True
        pieces.append(tail := child.tail or "")
        last = tail if tail.strip() else last
    return " ".join("".join(pieces).split())


def _html_document(name: str, html: str, file_time: datetime | None) -> Document:
    """The page's main text, without navigation and footers, and the title, date and URL it declares."""
    if refused := too_complex(html):
        raise _Unusable(refused)
    page = trafilatura.bare_extraction(
        as_one_story(with_captions(html)),
        with_metadata=True,
        include_comments=False,
        date_extraction_params=dict(_HTML_DATE_PARAMS),
    )
    text = getattr(page, "text", None)
    if not isinstance(text, str) or not text.strip():
        raise _Unusable("no article text found in the HTML")
    title = _clean(getattr(page, "title", None))
    return Document(
        text=with_credits(text, html, title),
        source=name,
        url=_clean(getattr(page, "url", None)),
        title=title,
        published=_parse_when(getattr(page, "date", None)),
        file_time=file_time,
        origin=name,
    )


def _json_documents(name: str, text: str, file_time: datetime | None) -> Iterator[Document | SourceError]:
    data = _parse_json(text)
    if isinstance(data, dict):
        yield _record_document(data, name, file_time)
    elif isinstance(data, list) and data:
        for number, record in enumerate(data, start=1):
            yield _record_document(record, f"{name}#{number}", file_time)
    elif isinstance(data, list):
        raise _Unusable("no records (the JSON list is empty)")
    else:
        raise _Unusable("expected a JSON object or a list of objects")


# A byte that was not UTF-8, as `_decode` keeps it for a file read line by line (strict UTF-8 never gives these).
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _jsonl_documents(name: str, text: str, file_time: datetime | None) -> Iterator[Document | SourceError]:
    # Split on "\n" only: JSON strings may hold U+2028 and friends, which str.splitlines would cut at.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        if escaped := _ESCAPED_BYTE.search(line):
            yield SourceError(where, f"not UTF-8 text (invalid byte at column {escaped.start() + 1})")
            continue
        try:
            record = _parse_json(line)
        except _Unusable as err:
            yield SourceError(where, str(err))
            continue
        yield _record_document(record, where, file_time)


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        at = f"column {err.colno}" if err.lineno == 1 else f"line {err.lineno}, column {err.colno}"
        raise _Unusable(f"malformed JSON ({err.msg} at {at})") from err
    except RecursionError as err:
        raise _Unusable("malformed JSON (nested too deeply)") from err


# The fields a record may state its publication time in, in order of preference (exporters name it variously).
PUBLISHED_FIELDS = ("published", "published_at", "publishedAt", "datePublished", "pubDate", "date")


def _record_document(record: object, where: str, file_time: datetime | None) -> Document | SourceError:
    """One JSON object as a document; its own "source" field, if any, names it instead of the file (`origin`
    still says where it was read, for error lines)."""
    if not isinstance(record, dict):
        return SourceError(where, "record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return SourceError(where, _NO_TEXT_FIELD)
    return Document(
        text=text,
        source=_clean(record.get("source")) or where,
        url=_clean(record.get("url")),
        title=_clean(record.get("title")),
        published=next(filter(None, (_parse_when(record.get(k)) for k in PUBLISHED_FIELDS)), None),
        file_time=file_time,
        origin=where,
    )


def _clean(value: object) -> str | None:
    """A non-blank string field, stripped; anything else counts as absent."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _parse_when(value: object) -> datetime | None:
    """An ISO date or date-time, or a feed's RFC 2822 one ("Tue, 14 Apr 2026 08:00:00 GMT"), as aware UTC;
    anything unparseable is ignored."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value.strip()))
    except (ValueError, OverflowError):  # OverflowError: "0001-01-01T00:00+05:00" is before year 1 in UTC
        pass
    try:
        return as_utc(parsedate_to_datetime(value.strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive time is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)

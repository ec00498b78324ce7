"""Read article files (text, Markdown, HTML, JSON, JSON Lines) into documents, one per article or bad record."""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura

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
_NO_TEXT_FIELD = 'record has no text (needs a non-empty string field "text")'


class _Unusable(Exception):
    """A file that cannot become documents; the message is the reason shown to the user."""


# --- reading files --------------------------------------------------------------------------------------


def read_sources(paths: Sequence[str | Path]) -> Iterator[Document | SourceError]:
    """Yield a Document or a SourceError per file, in the order given; folders are walked sorted."""
    for given in paths:
        yield from _read_path(Path(given))


def _read_path(path: Path) -> Iterator[Document | SourceError]:
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        yield SourceError(str(path), "no such file or folder")
        return
    except OSError as err:
        yield SourceError(str(path), _os_reason(err))
        return
    if stat.S_ISDIR(mode):
        for found in _walk(path):
            if isinstance(found, SourceError):
                yield found
            else:
                yield from _read_file(found)
    elif not stat.S_ISREG(mode):
        yield SourceError(str(path), "not a regular file")
    elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
        yield SourceError(str(path), _unsupported(path))
    else:
        yield from _read_file(path)


def _walk(folder: Path) -> Iterator[Path | SourceError]:
    """Supported files under a folder, sorted; hidden entries and other file types are skipped silently."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as err:
        yield SourceError(str(folder), _os_reason(err))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Linked folders are not followed: a link back up the tree would never end.
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.suffix.lower() in SUPPORTED_SUFFIXES and entry.is_file():
            yield entry


def _read_file(path: Path) -> Iterator[Document | SourceError]:
    try:
        text, file_time = _load_text(path)
        suffix = path.suffix.lower()
        if suffix == JSONL_SUFFIX:
            yield from _jsonl_documents(path, text, file_time)
        elif suffix == JSON_SUFFIX:
            yield from _json_documents(path, text, file_time)
        elif suffix in HTML_SUFFIXES:
            yield _html_document(path, text, file_time)
        else:
            yield Document(text=text, source=str(path), file_time=file_time)
    except _Unusable as err:
        yield SourceError(str(path), str(err))


def _load_text(path: Path) -> tuple[str, datetime]:
    """The file's text and modification time; the size is checked before a byte is read."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            _check_size(info.st_size)
            # One byte past the limit, in case the file grew after fstat.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise _Unusable(_os_reason(err)) from err
    _check_size(len(data))
    return _decode(data), datetime.fromtimestamp(info.st_mtime, tz=UTC)


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise _Unusable(f"file too large ({size / MIB:.1f} MiB; the limit is {MAX_FILE_BYTES // MIB} MiB)")


def _decode(data: bytes) -> str:
    """Strict UTF-8 (a byte-order mark allowed); NUL bytes mean a binary file, not text."""
    if b"\0" in data:
        raise _Unusable("binary file (contains NUL bytes)")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Unusable(f"not UTF-8 text (invalid byte at offset {skip + err.start})") from err
    if not text.strip():
        raise _Unusable("empty file (only whitespace)" if text else "empty file")
    return text


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "unreadable (permission denied)"
    return f"unreadable ({err.strerror or err})"


def _unsupported(path: Path) -> str:
    expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    return f"unsupported file type {kind}; expected one of {expected}"


# --- HTML and JSON --------------------------------------------------------------------------------------


def _html_document(path: Path, html: str, file_time: datetime) -> Document:
    """The page's main text, without navigation and footers, and the title, date and URL it declares."""
    page = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, date_extraction_params=dict(_HTML_DATE_PARAMS)
    )
    text = getattr(page, "text", None)
    if not isinstance(text, str) or not text.strip():
        raise _Unusable("no article text found in the HTML")
    return Document(
        text=text,
        source=str(path),
        url=_clean(getattr(page, "url", None)),
        title=_clean(getattr(page, "title", None)),
        published=_parse_when(getattr(page, "date", None)),
        file_time=file_time,
    )


def _json_documents(path: Path, text: str, file_time: datetime) -> Iterator[Document | SourceError]:
    data = _parse_json(text)
    if isinstance(data, dict):
        yield _record_document(data, str(path), file_time)
    elif isinstance(data, list) and data:
        for number, record in enumerate(data, start=1):
            yield _record_document(record, f"{path}#{number}", file_time)
    elif isinstance(data, list):
        raise _Unusable("no records (the JSON list is empty)")
    else:
        raise _Unusable("expected a JSON object or a list of objects")


def _jsonl_documents(path: Path, text: str, file_time: datetime) -> Iterator[Document | SourceError]:
    # Split on "\n" only: JSON strings may hold U+2028 and friends, which str.splitlines would cut at.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
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


def _record_document(record: object, where: str, file_time: datetime) -> Document | SourceError:
    """One JSON object as a document; its own "source" field, if any, names it instead of the file."""
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
        published=_parse_when(record.get("published")),
        file_time=file_time,
    )


def _clean(value: object) -> str | None:
    """A non-blank string field, stripped; anything else counts as absent."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _parse_when(value: object) -> datetime | None:
    """An ISO date or date-time as aware UTC; anything unparseable is ignored."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None


def as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive time is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)

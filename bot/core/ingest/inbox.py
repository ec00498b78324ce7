"""The drop folder: files put in it are ingested, then moved to `processed/` or to `failed/` with the reason."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.core.ingest.files import describe, display_name, printable
from bot.core.ingest.pipeline import ingest
from bot.core.ingest.web import NlpLoader
from bot.core.store import Store, is_outage

log = logging.getLogger(__name__)

PROCESSED = "processed"
FAILED = "failed"
REASON_SUFFIX = ".reason.txt"
# A file changed less than this long ago may still be being copied in; it is taken at the next run.
SETTLE_SECONDS = 2.0
# Links are never followed: whoever may drop files must not make the bot index whatever it can read (a `.env`
# with its tokens) into the index every workspace reads.
LINK_REASON = "a symbolic link: the drop folder reads the files put in it, never what a link points to"
# The longest file name (in bytes) the usual file systems take: a reason file's name is cut to fit.
MAX_NAME_BYTES = 255
# A reason file is made new, never written through what already stands at its name (a link planted in failed/).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)

# What a file looked like (inode, size, modification and change times): any write or rename changes it.
_Stamp = tuple[int, int, int, int]


class _Memory:
    """What the passes of this process remember about files they could not settle by their times alone: files
    dated in the future (settled once unchanged for `settle` seconds of this machine's clock), and files that could
    not be moved out (left alone until they change, instead of being read and logged again every pass)."""

    def __init__(self) -> None:
        self.first_seen: dict[Path, tuple[_Stamp, float]] = {}
        self.stuck: dict[Path, _Stamp] = {}

    def forget_all_but(self, inbox: Path, present: set[Path]) -> None:
        """Drop what is remembered about this folder's files that are gone."""
        for table in (self.first_seen, self.stuck):
            for path in [p for p in table if p.parent == inbox and p not in present]:
                del table[path]

    def unchanged_for(self, path: Path, stamp: _Stamp, settle: float) -> bool:
        """Whether the file looked the same at an earlier pass at least `settle` seconds ago (remembered now if not)."""
        seen = self.first_seen.get(path)
        if seen is None or seen[0] != stamp:
            self.first_seen[path] = (stamp, time.monotonic())
            return False
        return time.monotonic() - seen[1] >= settle


_memory = _Memory()


@dataclass
class InboxRun:
    """What one pass over the drop folder did."""

    new_ids: list[int] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def ready_files(inbox: Path, settle: float = SETTLE_SECONDS) -> list[Path]:
    """Files (and links, to be refused) directly in the folder, not hidden, unchanged for `settle` seconds, by
    name."""
    if not inbox.is_dir():
        return []
    listed = sorted(inbox.iterdir())
    _memory.forget_all_but(inbox, set(listed))
    found = []
    for path in listed:
        if path.name.startswith(".") or not (path.is_symlink() or path.is_file()):
            continue  # processed/ and failed/ are folders; dot files are editors' and copiers' temporaries
        try:
            info = path.lstat()
        except OSError:
            continue  # taken away since the folder was listed
        if _settled(path, info, settle):
            found.append(path)
    return found


def _settled(path: Path, info: os.stat_result, settle: float) -> bool:
    """Unchanged for `settle` seconds, and not a file that could not be moved and has not changed since. A time in
    the future (a skewed clock where it was written, `cp -p`) says nothing: such a file is settled once it looks
    the same at a pass `settle` seconds after another."""
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if _memory.stuck.get(path) == stamp:
        return False
    now = time.time()
    if info.st_mtime > now:
        return _memory.unchanged_for(path, stamp, settle)
    return info.st_mtime <= now - settle


def process(inbox: Path, store: Store, nlp: NlpLoader, now: datetime, settle: float = SETTLE_SECONDS) -> InboxRun:
    """Ingest every settled file, one at a time, and move it out of the way with its outcome: a file with any
    bad article goes to failed/ with the reasons beside it, and the files after it are read all the same. Only
    a store that cannot be reached stops the pass, leaving the files where they are for the next one."""
    run = InboxRun()
    _clear_outcome_names(inbox)
    for path in ready_files(inbox, settle):
        if path.is_symlink():
            _fail(inbox, path, [f"error: {display_name(path)}: {LINK_REASON}"], 0, run)
            continue
        problems: list[str] = []
        try:
            summary = ingest([path], store, nlp(), report=problems.append, now=lambda: now, follow_links=False)
        except Exception as error:
            if is_outage(error):
                raise
            log.exception("inbox: %s could not be ingested", _logged(path))
            _fail(inbox, path, [f"error: {display_name(path)}: {describe(error)}"], 0, run)
            continue
        run.new_ids += summary.new_ids
        if summary.failed:
            _fail(inbox, path, problems, summary.new, run)
        elif _moved(path, inbox / PROCESSED) is None:
            run.failed.append(display_name(path.name))
        else:
            run.processed.append(display_name(path.name))
            log.info("inbox: %s ingested (%s)", _logged(path), summary)
    return run


def _fail(inbox: Path, path: Path, problems: list[str], indexed: int, run: InboxRun) -> None:
    """Move a file to failed/ with a text file beside it giving the reasons, one line each."""
    lines = [printable(problem) for problem in problems] or ["could not be ingested"]
    run.failed.append(display_name(path.name))
    log.warning("inbox: %s failed: %s", _logged(path), "; ".join(lines))
    target = _moved(path, inbox / FAILED)
    if target is not None:
        kept = f"({indexed} other article(s) from this file were indexed.)\n" if indexed else ""
        _write_new(target.with_name(_fit(target.name, REASON_SUFFIX)), "\n".join(lines) + "\n" + kept)


def _moved(path: Path, folder: Path) -> Path | None:
    """Move a file into `folder`; one that cannot be moved (another owner's file in a sticky folder) is logged
    once and left alone until it changes, and the pass goes on."""
    try:
        return _move(path, folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            info = path.lstat()
            _memory.stuck[path] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        log.warning(
            "inbox: %s could not be moved to %s/ (%s); left until it changes",
            _logged(path),
            folder.name,
            describe(error),
        )
        return None


def _write_new(path: Path, text: str) -> None:
    """Write a new file; when something already stands at the name (made since the name was chosen), say so."""
    try:
        descriptor = os.open(path, _NEW_FILE, 0o666)
    except OSError as error:
        log.warning("inbox: %s could not be written (%s)", _logged(path), describe(error))
        return
    with open(descriptor, "w", encoding="utf-8", errors="replace") as handle:
        handle.write(text)


def _move(path: Path, folder: Path) -> Path:
    """Move a file into `folder`, never over another file of the same name, nor to a name whose reason file's name
    is taken."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    number = 1
    while _taken(target):
        target = folder / _fit(path.stem, f".{number}{path.suffix}")
        number += 1
    return path.replace(target)


def _taken(target: Path) -> bool:
    """Whether anything (a dangling link too) stands at the name or at its reason file's name."""
    return os.path.lexists(target) or os.path.lexists(target.with_name(_fit(target.name, REASON_SUFFIX)))


def _logged(path: Path) -> str:
    """A file's name as it goes in a log line (never more than one line)."""
    return printable(display_name(path.name))


def _clear_outcome_names(inbox: Path) -> None:
    """A file (or link) dropped under the name of an outcome folder would stop every later move there: rename it
    aside, so it is taken as an ordinary dropped file at the next pass."""
    for name in (PROCESSED, FAILED):
        taken = inbox / name
        if taken.is_symlink() or (taken.exists() and not taken.is_dir()):
            aside = _moved(taken, inbox)
            if aside is not None:
                log.warning("inbox: a file named %s was in the way of the folder; renamed %s", name, _logged(aside))


def _fit(stem: str, suffix: str) -> str:
    """`stem + suffix`, the stem cut (never the suffix) so that the name fits the file system's limit."""
    room = MAX_NAME_BYTES - len(os.fsencode(suffix))
    encoded = os.fsencode(stem)
    if len(encoded) > room:
        stem = os.fsdecode(encoded[:room]).rstrip()
        while len(os.fsencode(stem)) > room:  # a cut inside a character decodes to a longer escape
            stem = stem[:-1]
    return stem + suffix

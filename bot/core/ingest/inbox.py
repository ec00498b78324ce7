"""The drop folder: files put in it are ingested, then moved to `processed/` or to `failed/` with the reason."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.core.ingest.files import describe, display_name
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
    cutoff = time.time() - settle
    found = []
    for path in sorted(inbox.iterdir()):
        if path.name.startswith(".") or not (path.is_symlink() or path.is_file()):
            continue  # processed/ and failed/ are folders; dot files are editors' and copiers' temporaries
        try:
            if path.lstat().st_mtime <= cutoff:
                found.append(path)
        except OSError:
            continue  # taken away since the folder was listed
    return found


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
            summary = ingest([path], store, nlp(), report=problems.append, now=lambda: now)
        except Exception as error:
            if is_outage(error):
                raise
            log.exception("inbox: %s could not be ingested", display_name(path.name))
            _fail(inbox, path, [f"error: {display_name(path)}: {describe(error)}"], 0, run)
            continue
        run.new_ids += summary.new_ids
        if summary.failed:
            _fail(inbox, path, problems, summary.new, run)
        else:
            _move(path, inbox / PROCESSED)
            run.processed.append(display_name(path.name))
            log.info("inbox: %s ingested (%s)", display_name(path.name), summary)
    return run


def _fail(inbox: Path, path: Path, problems: list[str], indexed: int, run: InboxRun) -> None:
    """Move a file to failed/ with a text file beside it giving the reasons, one line each."""
    target = _move(path, inbox / FAILED)
    reasons = "\n".join(problems) or "could not be ingested"
    kept = f"\n({indexed} other article(s) from this file were indexed.)" if indexed else ""
    reason_file = target.with_name(_fit(target.name, REASON_SUFFIX))
    reason_file.write_text(reasons + kept + "\n", encoding="utf-8", errors="replace")
    run.failed.append(display_name(path.name))
    log.warning("inbox: %s failed: %s", display_name(path.name), reasons)


def _move(path: Path, folder: Path) -> Path:
    """Move a file into `folder`, never over another file of the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    number = 1
    while target.exists():
        target = folder / _fit(path.stem, f".{number}{path.suffix}")
        number += 1
    return path.replace(target)


def _clear_outcome_names(inbox: Path) -> None:
    """A file (or link) dropped under the name of an outcome folder would stop every later move there: rename it
    aside, so it is taken as an ordinary dropped file at the next pass."""
    for name in (PROCESSED, FAILED):
        taken = inbox / name
        if taken.is_symlink() or (taken.exists() and not taken.is_dir()):
            aside = _move(taken, inbox)
            log.warning("inbox: a file named %s was in the way of the folder; renamed %s", name, aside.name)


def _fit(stem: str, suffix: str) -> str:
    """`stem + suffix`, the stem cut (never the suffix) so that the name fits the file system's limit."""
    room = MAX_NAME_BYTES - len(os.fsencode(suffix))
    encoded = os.fsencode(stem)
    if len(encoded) > room:
        stem = os.fsdecode(encoded[:room]).rstrip()
        while len(os.fsencode(stem)) > room:  # a cut inside a character decodes to a longer escape
            stem = stem[:-1]
    return stem + suffix

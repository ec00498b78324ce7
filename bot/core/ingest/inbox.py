"""The drop folder: files put in it are ingested, then moved to `processed/` or to `failed/` with the reason."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.core.ingest.pipeline import ingest
from bot.core.ingest.web import NlpLoader
from bot.core.store import Store

log = logging.getLogger(__name__)

PROCESSED = "processed"
FAILED = "failed"
REASON_SUFFIX = ".reason.txt"
# A file changed less than this long ago may still be being copied in; it is taken at the next run.
SETTLE_SECONDS = 2.0


@dataclass
class InboxRun:
    """What one pass over the drop folder did."""

    new_ids: list[int] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def ready_files(inbox: Path, settle: float = SETTLE_SECONDS) -> list[Path]:
    """Files directly in the folder, not hidden, unchanged for `settle` seconds, by name."""
    if not inbox.is_dir():
        return []
    cutoff = time.time() - settle
    found = []
    for path in sorted(inbox.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue  # processed/ and failed/ are folders; dot files are editors' and copiers' temporaries
        if path.stat().st_mtime <= cutoff:
            found.append(path)
    return found


def process(inbox: Path, store: Store, nlp: NlpLoader, now: datetime, settle: float = SETTLE_SECONDS) -> InboxRun:
    """Ingest every settled file, one at a time, and move it out of the way with its outcome."""
    run = InboxRun()
    for path in ready_files(inbox, settle):
        problems: list[str] = []
        summary = ingest([path], store, nlp(), report=problems.append, now=lambda: now)
        run.new_ids += summary.new_ids
        if summary.failed:
            target = _move(path, inbox / FAILED)
            reasons = "\n".join(problems) or "could not be ingested"
            kept = (
                f"\n({summary.new} article(s) from this file were indexed before the failure.)" if summary.new else ""
            )
            target.with_name(target.name + REASON_SUFFIX).write_text(reasons + kept + "\n", encoding="utf-8")
            run.failed.append(path.name)
            log.warning("inbox: %s failed: %s", path.name, reasons)
        else:
            _move(path, inbox / PROCESSED)
            run.processed.append(path.name)
            log.info("inbox: %s ingested (%s)", path.name, summary)
    return run


def _move(path: Path, folder: Path) -> Path:
    """Move a file into `folder`, never over another file of the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    number = 1
    while target.exists():
        target = folder / f"{path.stem}.{number}{path.suffix}"
        number += 1
    return path.replace(target)

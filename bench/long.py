"""One long article through parsing and extraction, in a fresh process each: seconds and peak memory at 10k, 100k
and 1M characters (`python -m bench.run --only long`). Generated articles (varied names, roles, places and
quotes) are joined paragraph by paragraph until the size is reached, so the long text names many people."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

from bench import corpus
from bench.measure import ROOT

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000,)

# Run in a fresh interpreter: the peak resident memory (VmHWM) is then this article's alone, model included.
_SCRIPT = """
import json, sys, time
from bench.long import article
from bot.core.ingest import nlp as nlp_module
from bot.core.ingest.analyse import analyse

def peak_kb():
    return int([l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1])

nlp = nlp_module.load()
analyse(nlp, ["Warm up the pipeline before the clock starts."])
text = article(int(sys.argv[1]))
loaded = peak_kb()
started = time.perf_counter()
[found] = analyse(nlp, [text])
seconds = time.perf_counter() - started
assert not isinstance(found, str), found
print(json.dumps({"chars": len(text), "seconds": seconds, "loaded_kb": loaded, "peak_kb": peak_kb(),
                  "entities": len(found)}))
"""


@dataclass(frozen=True)
class LongRun:
    """One long article's figures."""

    chars: int
    seconds: float
    loaded_mb: float  # peak resident memory with the model loaded and the text built, before parsing
    peak_mb: float
    entities: int


def article(chars: int) -> str:
    """A text of about `chars` characters (never more): generated articles' paragraphs, joined by blank lines."""
    paragraphs: list[str] = []
    size = 0
    # A generated article is at least 400 words (some 2,500 characters): this many always suffice.
    for text in corpus.texts(chars // 2_000 + 10):
        for paragraph in text.split("\n\n"):
            if size + len(paragraph) + 2 > chars:
                return "\n\n".join(paragraphs)
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def run(chars: int) -> LongRun:
    """Parse and extract one article of `chars` characters in a fresh process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(chars)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    got = json.loads(done.stdout)
    return LongRun(got["chars"], got["seconds"], got["loaded_kb"] / 1024, got["peak_kb"] / 1024, got["entities"])

"""Answers that outlive their request: a bounded pool, a deadline per command, and a word to the asker whenever
an acknowledged answer cannot come (too many waiting, too slow, or the process stopping).

Slack is answered at once (the acknowledgement); the answer itself runs here. A thread cannot be stopped from
outside, so a deadline does not end the work: it tells the asker, and the answer, if it comes later, is dropped
(`wanted` is false in its thread) rather than arriving after "please ask again". At shutdown the pool waits a
grace period, then tells everyone whose answer has not come that it was interrupted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.core.store.deadline import database_deadline
from bot.settings import DEFAULT_ANSWER_DEADLINE

log = logging.getLogger(__name__)

Payload = dict[str, Any]
Notify = Callable[[str], None]
Work = Callable[[Payload, WebClient], None]

BUSY = "Too many questions are waiting for an answer right now, so I dropped this one. Please ask again in a minute."
TOO_SLOW = "That took too long, so I stopped working on it. Please ask again in a minute."
INTERRUPTED = "I was restarting and your answer was interrupted. Please ask again."
# Answers are mostly CPU (NLP, queries): more threads than this only queue behind the GIL.
ANSWER_THREADS = 4
# Answers waiting for a thread: a burst of this many is served within a few seconds; past it, a new question
# is told at once to ask again rather than waiting minutes behind the others.
WAITING = 60
# Seconds an answer may take, from its acknowledgement; ANSWER_DEADLINE_SECONDS sets it.
DEFAULT_DEADLINE = DEFAULT_ANSWER_DEADLINE
# Commands that fetch a page or post a digest wait on the network and the NLP (the registry's `slow` ones): they
# get this many deadlines.
SLOW_FACTOR = 4
# How long a notice to the asker may take: it is a short message, and at shutdown every second counts.
NOTICE_SECONDS = 4
NOTICE_THREADS = 4
# How often the deadlines are looked at.
TICK_SECONDS = 0.25

_running = threading.local()


def wanted() -> bool:
    """False in an answer's thread once the asker was told it will not come (too slow, or interrupted)."""
    job: _Job | None = getattr(_running, "job", None)
    return job is None or job.claim_delivery()


@dataclass(eq=False)  # each job is itself, kept in a set
class _Job:
    what: str
    notify: Notify | None
    allowed: float  # seconds
    due: float
    future: Future[None] | None = None
    # "open" until the answer starts going out ("delivering") or the asker is told it will not come ("told").
    _state: str = "open"
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def claim_delivery(self) -> bool:
        """True if the answer may go out; from then on the asker is never told it will not come."""
        with self._lock:
            if self._state == "open":
                self._state = "delivering"
            return self._state == "delivering"

    def told(self) -> bool:
        """Whether the asker was told the answer will not come."""
        with self._lock:
            return self._state == "told"

    def tell_off(self) -> bool:
        """Mark the answer as not coming; True if the asker should now be told (once, and never after it came)."""
        with self._lock:
            if self._state != "open":
                return False
            self._state = "told"
            return True


class AnswerPool:
    """Runs answers on a few threads, with a bound on those waiting and a deadline for each."""

    def __init__(
        self,
        deadline: float = DEFAULT_DEADLINE,
        threads: int = ANSWER_THREADS,
        waiting: int = WAITING,
        clock: Callable[[], float] = time.monotonic,
        slow: Callable[[str], bool] = lambda _line: False,
    ) -> None:
        self._deadline = deadline
        self._slow = slow
        self._limit = threads + waiting
        self._clock = clock
        self._workers = ThreadPoolExecutor(threads, thread_name_prefix="slack-answer")
        self._notices = ThreadPoolExecutor(NOTICE_THREADS, thread_name_prefix="slack-notice")
        self._jobs: set[_Job] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        threading.Thread(target=self._watch, name="slack-deadlines", daemon=True).start()

    def deadline_for(self, what: str) -> float:
        """Seconds an answer to `what` (a command line such as `/news ingest URL`, or an event type) may take."""
        return self._deadline * (SLOW_FACTOR if what.startswith("/") and self._slow(what) else 1)

    def submit(self, work: Work, payload: Payload, client: WebClient) -> None:
        """Answer `payload` (a command, a button's body, or an event) with `work`, or tell the asker why not."""
        what = str(payload.get("command") or payload.get("type") or "request")  # what the log says: never the text
        line = f"{what} {payload.get('text') or ''}" if payload.get("command") else what
        allowed = self.deadline_for(line)
        job = _Job(what, recipient(payload, client), allowed, self._clock() + allowed)
        with self._lock:
            refused = INTERRUPTED if self._closed.is_set() else BUSY if len(self._jobs) >= self._limit else None
            if refused is None:
                self._jobs.add(job)
        if refused is not None:
            log.warning("%s not answered: %s", what, "shutting down" if refused is INTERRUPTED else "too many waiting")
            self._tell(job, refused)
            return
        job.future = self._workers.submit(self._run, job, work, payload, client)

    def shutdown(self, grace: float) -> int:
        """Stop taking answers, wait up to `grace` seconds, then tell every asker still waiting; how many."""
        self._closed.set()
        with self._lock:
            pending = [j.future for j in self._jobs if j.future is not None]
        wait_all(pending, timeout=grace)
        with self._lock:
            left = list(self._jobs)
        for job in left:
            if job.future is not None:
                job.future.cancel()
        told = [self._tell(job, INTERRUPTED) for job in left]
        wait_all([t for t in told if t is not None], timeout=NOTICE_SECONDS)
        self._workers.shutdown(wait=False, cancel_futures=True)
        self._notices.shutdown(wait=False)
        if left:
            log.warning("shutting down: %d answer(s) interrupted, their askers told to ask again", len(left))
        return len(left)

    def _run(self, job: _Job, work: Work, payload: Payload, client: WebClient) -> None:
        _running.job = job
        try:
            if not job.told():
                with database_deadline():  # one budget for everything the answer reads and writes
                    work(payload, client)
        finally:
            _running.job = None
            with self._lock:
                self._jobs.discard(job)

    def _watch(self) -> None:
        while not self._closed.wait(TICK_SECONDS):
            now = self._clock()
            with self._lock:
                late = [j for j in self._jobs if j.due <= now]
            for job in late:
                if self._tell(job, TOO_SLOW) is not None:
                    log.warning("%s not answered within %g s; the asker was told", job.what, job.allowed)

    def _tell(self, job: _Job, message: str) -> Future[None] | None:
        """Tell the asker `message` once, in the background; None when already told or nobody to tell."""
        if not job.tell_off() or job.notify is None:
            return None
        try:
            return self._notices.submit(_notice, job.notify, message)
        except RuntimeError:  # the notice pool is shut down (a question arriving as the process stops): tell now
            _notice(job.notify, message)
            return None


def _notice(notify: Notify, message: str) -> None:
    try:
        notify(message)
    except Exception as error:  # the notice is best effort: Slack may be what is failing
        log.warning("could not tell the asker (%s)", type(error).__name__)


def recipient(payload: Payload, client: WebClient) -> Notify | None:
    """How to reach whoever is waiting for the answer to `payload`, if anyone is.

    A command or a button has a response_url; an App Home button answers in the app's DM; a direct message or
    a mention typed by a person is answered in its channel. Other events (edits, other bots, App Home being
    opened) are answered by nobody, so nobody is told anything about them.
    """
    url = payload.get("response_url")
    if isinstance(url, str) and url:
        return lambda text: _post_response(url, text)
    user = payload.get("user")
    if payload.get("type") == "block_actions" and isinstance(user, dict) and user.get("id"):
        return lambda text: _chat(client, str(user["id"]), text)
    if not _typed_by_a_person(payload):
        return None
    channel = str(payload.get("channel", ""))
    # As bot.slack.events answers: a DM in its thread if any; a mention (outside DMs) in the thread it starts.
    if payload.get("type") == "message" and payload.get("channel_type") == "im":
        return lambda text: _chat(client, channel, text, thread_ts=payload.get("thread_ts"))
    if payload.get("type") == "app_mention" and not channel.startswith("D"):
        return lambda text: _chat(client, channel, text, thread_ts=payload.get("thread_ts") or payload.get("ts"))
    return None


def _typed_by_a_person(event: Payload) -> bool:
    return not event.get("subtype") and not event.get("bot_id") and bool(event.get("user"))


def _post_response(url: str, text: str) -> None:
    response = WebhookClient(url, timeout=NOTICE_SECONDS).send_dict({"text": text, "replace_original": False})
    if response.status_code != 200:
        raise RuntimeError(f"response_url answered {response.status_code}")


def _chat(client: WebClient, channel: str, text: str, thread_ts: Any = None) -> None:
    client.chat_postMessage(channel=channel, text=text, thread_ts=thread_ts)

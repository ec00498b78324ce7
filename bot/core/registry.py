"""The command registry: what every transport (console, Slack, help, manifest) reads to know the commands."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.core.ingest.policy import FetchPolicy
from bot.core.render.blockkit import Reply

if TYPE_CHECKING:
    from bot.core.store import Store


def _load_nlp() -> Any:
    from bot.core.ingest import nlp

    return nlp.load()


@dataclass(frozen=True)
class Context:
    """Everything an answer may read, passed in rather than built at import time."""

    store: Store
    registry: Registry
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Who is asking, and where (Slack's user_id and channel_id); None in the console.
    user_id: str | None = None
    channel_id: str | None = None
    # Who may subscribe channels, manage feeds and ingest URLs (ADMIN_USER_IDS); empty means everyone.
    admins: frozenset[str] = frozenset()
    # The spaCy pipeline, loaded on first use: only /ingest needs it, and loading takes seconds.
    nlp: Callable[[], Any] = field(default=_load_nlp)
    # What /ingest may fetch (public addresses, and FETCH_ALLOWED_NETWORKS), and for how long.
    fetch: FetchPolicy = field(default_factory=FetchPolicy)

    def may_administer(self) -> bool:
        """Whether the asker may change subscriptions, feeds and the corpus."""
        return not self.admins or (self.user_id is not None and self.user_id in self.admins)


Answer = Callable[[str, Context], Reply]


@dataclass(frozen=True)
class Command:
    """One slash command: its name, usage, one-line help and the pure function that answers it."""

    name: str
    usage: str
    help: str
    answer: Answer

    @property
    def slash(self) -> str:
        """The command as typed in Slack, e.g. `/who`."""
        return f"/{self.name}"


class Registry:
    """Commands in the order they were registered, looked up by name."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def add(self, command: Command) -> None:
        """Register a command; a second command with the same name is a programming error."""
        if command.name in self._commands:
            raise ValueError(f"command /{command.name} registered twice")
        self._commands[command.name] = command

    def get(self, name: str) -> Command | None:
        """The command called `name` (with or without its slash), if any."""
        return self._commands.get(name.lstrip("/").lower())

    def run(self, line: str, ctx: Context) -> Reply:
        """Answer a command line such as `/bases Russia --page 2`, as typed or carried by a button."""
        name, _, text = typed(line).strip().partition(" ")
        command = self.get(name)
        if command is None:
            return unknown_command(name)
        return command.answer(text.strip(), ctx)

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def __len__(self) -> int:
        return len(self._commands)


def unknown_command(name: str) -> Reply:
    """The one reply to a command nobody registered, in every transport: what was not understood, and /help."""
    name = name.lstrip("/")
    said = f"Unknown command /{name}." if name else "That was not a command."
    return Reply(f"{said} Type /help to see the commands I know.")


# Control characters other than tab and line breaks: no name, word or web address contains one, and
# PostgreSQL's text type refuses NUL outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def typed(text: str) -> str:
    """What a person typed, without control characters."""
    return _CONTROL.sub("", text)


def bounded_number(digits: str, most: int) -> int:
    """ASCII digits as a number, at most `most` (int() refuses more than 4,300 digits; nobody means that many)."""
    significant = digits.lstrip("0") or "0"
    return most if len(significant) > len(str(most)) else min(int(significant), most)


# ASCII digits only: str.isdigit and \d accept digits int() reads differently or not at all ("²").
_PAGE = re.compile(r"\s*--page\s+([0-9]+)\s*$")
MAX_PAGE = 1000


def split_page(text: str) -> tuple[str, int]:
    """Separate a trailing "--page N" (added by "more" buttons) from the user's text."""
    match = _PAGE.search(text)
    if match is None:
        return text.strip(), 1
    return text[: match.start()].strip(), max(1, bounded_number(match.group(1), MAX_PAGE))

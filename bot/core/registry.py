"""The command registry: what every transport (console, Slack, help, manifest) reads to know the commands."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from bot.core import roles
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
    # Who may subscribe channels, manage feeds and ingest URLs (ADMIN_USER_IDS). Empty: in Slack, the
    # workspace's admins and owners (see `role`); in the console, whoever runs it.
    admins: frozenset[str] = frozenset()
    # The spaCy pipeline, loaded on first use: only /ingest needs it, and loading takes seconds.
    nlp: Callable[[], Any] = field(default=_load_nlp)
    # How a sub-command is typed where the question came from: "/" in the console ("/who NAME"), the main
    # command and a space in Slack ("/news who NAME"), where most one-word names are taken (see SLACK_BUILT_INS).
    prefix: str = "/"
    # Whether the bot can post in a channel (joining it when it is public): None when it can, else Slack's
    # reason code. None in the console, where there is nobody to post for.
    reach: Callable[[str], str | None] | None = None
    # What /ingest may fetch (public addresses, and FETCH_ALLOWED_NETWORKS), and for how long.
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    # The asker's role in the workspace they ask from (bot.core.roles), looked up in Slack (users.info, cached);
    # None where there is no Slack to ask (the console, tests of the handlers alone).
    role: Callable[[str], str] | None = None

    def may_administer(self) -> bool:
        """Whether the asker may change subscriptions, feeds and the corpus: never a guest or someone from
        another organisation; then whoever ADMIN_USER_IDS lists, or without it the workspace's admins and owners."""
        listed = self.user_id is not None and self.user_id in self.admins
        if self.role is None or self.user_id is None:
            return not self.admins or listed
        role = self.role(self.user_id)
        if role in roles.NEVER:
            return False
        return listed if self.admins else role == roles.ADMIN

    def asker_role(self) -> str | None:
        """The asker's role, None where it cannot be looked up."""
        return self.role(self.user_id) if self.role is not None and self.user_id is not None else None


Answer = Callable[[str, Context], Reply]


# Slack's own slash commands: an app cannot register them, and one of them in a manifest makes Slack reject
# its whole list of commands (see shared/slack/NOTES.md). Names are global in a workspace, so the bot's
# main command is configurable (SLACK_COMMAND) and its direct commands are names no built-in uses.
SLACK_BUILT_INS = frozenset(
    "/active /apps /archive /away /call /collapse /dm /dnd /expand /feed /feedback /invite /join /kick /leave /me "
    "/msg /mute /open /prefs /pro /remind /remove /rename /search /shortcuts /shrug /star /status /topic /who".split()
)
# Slack's rule for a command name: a slash, then lowercase letters, digits, "-" or "_"; 2 to 32 characters.
_SLASH_NAME = re.compile(r"/[a-z0-9][a-z0-9_-]{0,30}")
DEFAULT_MAIN = "news"


def slash_name_problem(slash: str) -> str | None:
    """Why Slack would refuse `slash` as an app's command name, or None when it would accept it."""
    if not _SLASH_NAME.fullmatch(slash):
        return "a slash and 1 to 31 lowercase letters, digits, - or _ (such as /news)"
    if slash in SLACK_BUILT_INS:
        return f"{slash} is one of Slack's built-in commands"
    return None


@dataclass(frozen=True)
class Command:
    """One command: its name, usage, one-line help, the pure function that answers it, and the name Slack
    may register for it as a command of its own (`direct`, None when every short name is too generic)."""

    name: str
    usage: str
    help: str
    answer: Answer
    direct: str | None = None
    # Other names it answers to as a sub-command ("latest" for /articles): the words people reach for first. Never
    # registered in Slack on their own, and not listed apart in /help (the command's help names them).
    aliases: tuple[str, ...] = ()
    # Waits on the network or the NLP (a fetch, an ingestion, a digest posted): its answer gets longer in Slack.
    slow: bool = False

    @property
    def slash(self) -> str:
        """The command as typed in the console, e.g. `/who`."""
        return f"/{self.name}"

    def typed(self, prefix: str = "/") -> str:
        """The usage as typed where `prefix` starts a sub-command: "/who NAME", or "/news who NAME" in Slack."""
        return prefix + self.usage.removeprefix("/")


class Registry:
    """Commands in the order they were registered, looked up by name or by their direct Slack name, and the
    main command (`/news`) that takes every other one as its first word."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}
        self._names: dict[str, Command] = {}
        self.main: Command | None = None

    def add(self, command: Command) -> None:
        """Register a command; a name taken twice or a built-in direct name is a programming error."""
        for name in (command.name, *command.aliases):
            self._claim(name, command)
        if command.direct is not None:
            problem = slash_name_problem(f"/{command.direct}")
            if problem:
                raise ValueError(f"/{command.name} cannot be typed directly as /{command.direct}: {problem}")
            if command.direct != command.name:
                self._claim(command.direct, command)
        self._commands[command.name] = command

    def set_main(self, command: Command) -> None:
        """Register the main command, which is not listed among the others."""
        self._claim(command.name, command)
        self.main = command

    def _claim(self, name: str, command: Command) -> None:
        if name in self._names:
            raise ValueError(f"command /{name} registered twice")
        self._names[name] = command

    def get(self, name: str) -> Command | None:
        """The command called `name` (with or without its slash, by its name or its direct name), if any."""
        return self._names.get(name.lstrip("/").lower())

    def retyper(self, prefix: str, installed: Collection[str] = ()) -> Callable[[str], str]:
        """How text that names sub-commands as the console types them ("try `/search WORDS`") reads where they
        follow `prefix` ("/news search WORDS"); a command installed under its own name (`installed`, without
        slashes, such as "bases") keeps it. A slash inside a word, a URL or a link is left alone."""
        typed_names = {name for c in self for name in (c.name, *c.aliases)}
        names = sorted((n for n in typed_names if n not in installed), key=len, reverse=True)
        if prefix == "/" or not names:
            return lambda text: text
        pattern = re.compile(rf"(?<![\w/<:.&-])/({'|'.join(map(re.escape, names))})(?![\w/-])")
        return lambda text: pattern.sub(lambda found: prefix + found.group(1), text)

    def direct(self) -> list[Command]:
        """The commands Slack may register under a name of their own, in order."""
        return [c for c in self if c.direct is not None]

    def resolve(self, line: str) -> Command | None:
        """The command a line runs: the sub-command of the main command's line (`/news ingest URL`: /ingest)."""
        name, _, text = typed(line).strip().partition(" ")
        command = self.get(name)
        if command is not None and command is self.main:
            return self.get(text.strip().partition(" ")[0]) or command
        return command

    def is_slow(self, line: str) -> bool:
        """Whether the command `line` runs waits on the network or the NLP (Command.slow)."""
        command = self.resolve(line)
        return command is not None and command.slow

    def run(self, line: str, ctx: Context) -> Reply:
        """Answer a command line such as `/bases Russia --page 2`, as typed or carried by a button."""
        name, _, text = typed(line).strip().partition(" ")
        command = self.get(name)
        if command is None:
            return unknown_command(name, self.closest(name), text.strip())
        return command.answer(text.strip(), ctx)

    def closest(self, name: str) -> Command | None:
        """The command whose name a mistyped one is nearest ("/base", "/serch"), when one is near enough."""
        found = process.extractOne(name.lstrip("/").lower(), list(self._names), scorer=fuzz.ratio,
                                   score_cutoff=SUGGESTION_SCORE)  # fmt: skip
        return self._names[found[0]] if found else None

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def __len__(self) -> int:
        return len(self._commands)


# How near (rapidfuzz ratio, 0-100) a mistyped command's name must be to a command's to be suggested: "/base" and
# "/serch" are; "/bogus" is near nothing.
SUGGESTION_SCORE = 75


def unknown_command(name: str, nearest: Command | None = None, rest: str = "") -> Reply:
    """The one reply to a command nobody registered, in every transport: what was not understood, the command
    meant when the name is a near miss (with the rest of the line, as it would run), and /help."""
    name = name.lstrip("/")
    said = f"Unknown command /{name}." if name else "That was not a command."
    if nearest is not None and name:
        said += f" Did you mean {' '.join(filter(None, (nearest.slash, rest)))}?"
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
_FROM = re.compile(r"\s*--(page|from)\s+([0-9]+)\s*$")
MAX_PAGE = 1000


def split_page(text: str) -> tuple[str, int]:
    """Separate a trailing "--page N" (added by "more" buttons) from the user's text."""
    match = _PAGE.search(text)
    if match is None:
        return text.strip(), 1
    return text[: match.start()].strip(), max(1, bounded_number(match.group(1), MAX_PAGE))


def split_start(text: str, per_page: int) -> tuple[str, int]:
    """Separate a trailing "--from N" (the N-th item on, added by "show the next" buttons) or an older button's
    "--page N" from the user's text; returns the text and how many items come before the first to show."""
    match = _FROM.search(text)
    if match is None:
        return text.strip(), 0
    number = max(1, bounded_number(match.group(2), MAX_PAGE * per_page))
    start = (number - 1) * per_page if match.group(1) == "page" else number - 1
    return text[: match.start()].strip(), start

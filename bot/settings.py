"""Settings from the environment, the only place it is read: a bad value stops the bot with one line naming it.

`load` reads every variable and checks what every entry point needs (the database, the port, the jobs'
section). The Slack section's rules depend on how the bot talks to Slack, so `slack_config` checks them when
`serve` starts, and `api_url` when a job or the command line first posts.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.digest.run import DEFAULT_LEASE
from bot.core.digest.schedule import Schedule, ScheduleError, parse
from bot.core.ingest.nlp import DEFAULT_MODEL
from bot.core.ingest.policy import FETCH_TIMEOUT, FetchPolicy, IPNetwork, parse_networks
from bot.core.registry import DEFAULT_MAIN, slash_name_problem

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
DEFAULT_INBOX = DATA_DIR / "inbox"
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'newsbot.db'}"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
# Every interface: what a container or a platform such as Heroku routes to. HOST=127.0.0.1 keeps the server to
# the machine (behind a proxy on the same host).
DEFAULT_HOST = "0.0.0.0"
# Seconds a Slack answer may take before the asker is told to ask again (commands that fetch or post digests
# get several times this; see bot.slack.answers).
DEFAULT_ANSWER_DEADLINE = 30.0

# How often the drop folder is looked at: files appear by hand or by a copy job, and half a minute is
# "soon" to a person while costing one directory listing.
INBOX_EVERY = 30.0
# How often each feed is fetched: news feeds update every few minutes; conditional GETs keep this cheap for
# both sides, and most publishers ask for no more than this.
FEEDS_EVERY = 15 * 60.0
# How often the scheduler re-reads subscriptions, feeds and /digest now requests made by other processes.
SYNC_EVERY = 5.0
# Watch alerts wait until no article has been ingested for this long, so that one ingestion run gives one
# direct message. It must outlast the longest pause inside a run started outside the scheduler:
# `python -m bot ingest` parses a batch of articles between writes, `/ingest URL` fetches a page
# (FETCH_TIMEOUT). The scheduler's own feed and drop-folder runs are waited for directly.
WATCH_QUIET_SECONDS = 60.0

_SLACK_ID = re.compile(r"[A-Z0-9]{2,32}")
# Slack's token prefixes: bot tokens are xoxb-, app-level (Socket Mode) tokens are xapp-.
_BOT_TOKEN = re.compile(r"xoxb-[A-Za-z0-9-]+")
_APP_TOKEN = re.compile(r"xapp-[A-Za-z0-9-]+")
# Signing secrets are 32 hex characters in practice; Slack's own documented example is not hex, so only the
# shape is checked: letters and digits, long enough not to be a typo or a placeholder.
_SECRET = re.compile(r"[A-Za-z0-9]{16,}")
_CLIENT_ID = re.compile(r"[0-9]+\.[0-9]+")


class SettingsError(Exception):
    """A missing or malformed environment variable; the message names it."""


@dataclass(frozen=True)
class JobsConfig:
    """Everything the scheduler and the permission check need."""

    admins: frozenset[str] = frozenset()
    digest_channels: tuple[str, ...] = ()
    digest_schedule: Schedule | None = None
    empty_note: bool = False
    inbox_dir: Path = DEFAULT_INBOX
    inbox_every: float = INBOX_EVERY
    feeds_every: float = FEEDS_EVERY
    sync_every: float = SYNC_EVERY
    watch_quiet: float = WATCH_QUIET_SECONDS
    fetch_timeout: float = FETCH_TIMEOUT
    # Networks an operator trusts the bot to fetch from (FETCH_ALLOWED_NETWORKS): an intranet's news pages.
    fetch_allow: tuple[IPNetwork, ...] = ()
    digest_lease: timedelta = DEFAULT_LEASE
    enabled: bool = True

    @property
    def fetch_policy(self) -> FetchPolicy:
        """What /ingest, feeds and their item pages may fetch, and for how long."""
        return FetchPolicy(allow=self.fetch_allow, timeout=self.fetch_timeout)


@dataclass(frozen=True)
class OAuthConfig:
    """App credentials for installing into several workspaces."""

    client_id: str
    client_secret: str = field(repr=False)  # secrets stay out of reprs, and so out of logs and tracebacks


@dataclass(frozen=True)
class SlackConfig:
    """Everything the Slack transport needs, already validated."""

    port: int
    api_url: str
    signing_secret: str | None = field(repr=False)
    workers: int = 1
    host: str = DEFAULT_HOST
    answer_deadline: float = DEFAULT_ANSWER_DEADLINE
    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    oauth: OAuthConfig | None = None

    @property
    def socket_mode(self) -> bool:
        """Socket Mode when an app-level token is configured, HTTP otherwise."""
        return self.app_token is not None


@dataclass(frozen=True)
class Settings:
    """The bot's configuration: the Slack values as given (see `slack_config`), the rest checked."""

    database_url: str = DEFAULT_DATABASE_URL
    # The search index's directory (SEARCH_INDEX_DIR): None searches the store's own full-text search alone.
    search_index_dir: Path | None = None
    articles_dir: Path = ARTICLES_DIR
    nlp_model: str = DEFAULT_MODEL
    port: int = DEFAULT_PORT
    host: str = DEFAULT_HOST
    answer_deadline: float = DEFAULT_ANSWER_DEADLINE
    web_concurrency: int = 1
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_api_url: str = DEFAULT_SLACK_API_URL
    slack_client_id: str | None = None
    slack_client_secret: str | None = field(default=None, repr=False)
    # The main slash command (SLACK_COMMAND, without its slash) and the direct commands to offer beside it
    # (SLACK_DIRECT_COMMANDS: None for every one the handlers offer, () for none).
    slack_command: str = DEFAULT_MAIN
    slack_direct_commands: tuple[str, ...] | None = None
    # Domains whose links the bot unfurls (SLACK_UNFURL_DOMAINS), declared in a generated manifest.
    slack_unfurl_domains: tuple[str, ...] = ()
    jobs: JobsConfig = field(default_factory=JobsConfig)

    @property
    def slack_configured(self) -> bool:
        """True when there is enough to talk to Slack (a bot token)."""
        return bool(self.slack_bot_token)

    def secrets(self) -> list[str]:
        """Every secret value, for scrubbing from logs."""
        values = [self.slack_signing_secret, self.slack_bot_token, self.slack_app_token, self.slack_client_secret]
        return [v for v in values if v]


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from `env` (the process environment by default)."""
    env = os.environ if env is None else env
    url = database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    return Settings(
        port=_port(env.get("PORT", str(DEFAULT_PORT))),
        host=_host(env.get("HOST") or DEFAULT_HOST),
        answer_deadline=_seconds(env, "ANSWER_DEADLINE_SECONDS", DEFAULT_ANSWER_DEADLINE),
        web_concurrency=_workers(env.get("WEB_CONCURRENCY", "1")),
        database_url=url,
        search_index_dir=search_index_dir(env.get("SEARCH_INDEX_DIR", ""), url),
        articles_dir=Path(env.get("ARTICLES_DIR") or ARTICLES_DIR),
        nlp_model=env.get("NLP_MODEL") or DEFAULT_MODEL,
        slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        slack_app_token=env.get("SLACK_APP_TOKEN") or None,
        slack_api_url=env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL,
        slack_client_id=env.get("SLACK_CLIENT_ID") or None,
        slack_client_secret=env.get("SLACK_CLIENT_SECRET") or None,
        slack_command=slack_command(env.get("SLACK_COMMAND") or f"/{DEFAULT_MAIN}"),
        slack_direct_commands=_direct_commands(env.get("SLACK_DIRECT_COMMANDS", "")),
        slack_unfurl_domains=_domains(env.get("SLACK_UNFURL_DOMAINS", "")),
        jobs=_jobs(env),
    )


def slack_command(raw: str) -> str:
    """The main command's name without its slash; a name Slack would refuse stops start-up."""
    slash = raw.strip() if raw.strip().startswith("/") else "/" + raw.strip()
    problem = slash_name_problem(slash)
    if problem:
        raise SettingsError(f"SLACK_COMMAND must be a command name Slack accepts: {problem}")
    return slash[1:]


def _direct_commands(raw: str) -> tuple[str, ...] | None:
    words = [w.lstrip("/").lower() for w in re.split(r"[\s,]+", raw.strip()) if w]
    if not words or words == ["all"]:
        return None
    if words == ["none"]:
        return ()
    for word in words:
        if slash_name_problem(f"/{word}"):
            raise SettingsError(
                f"SLACK_DIRECT_COMMANDS must be all, none, or command names such as whois,bases: {word!r}"
            )
    return tuple(words)


_DOMAIN = re.compile(r"(?![.-])[-a-z0-9.]+[a-z0-9]")
# Slack's manifest takes at most five unfurl domains, each once and of at most 255 characters.
MAX_UNFURL_DOMAINS = 5
MAX_DOMAIN_CHARS = 255


def _domains(raw: str) -> tuple[str, ...]:
    domains = tuple(dict.fromkeys(d.lower() for d in re.split(r"[\s,]+", raw.strip()) if d))
    valid = all(_DOMAIN.fullmatch(d) and len(d) <= MAX_DOMAIN_CHARS for d in domains)
    if len(domains) > MAX_UNFURL_DOMAINS or not valid:
        raise SettingsError(f"SLACK_UNFURL_DOMAINS must list up to {MAX_UNFURL_DOMAINS} domains such as example.com")
    return domains


def database_url(raw: str) -> str:
    """Normalise a database URL: hosting platforms hand out `postgres://`, SQLAlchemy wants a driver name."""
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
    if not raw.startswith(("sqlite:", "postgresql+")):
        raise SettingsError(f"DATABASE_URL must be a sqlite:/// or postgresql:// URL, got scheme {raw.split(':')[0]!r}")
    return raw


SEARCH_INDEX_OFF = "off"


def search_index_dir(raw: str, url: str) -> Path | None:
    """SEARCH_INDEX_DIR as given ("off": none); by default beside a SQLite file (`newsbot.db-search`), and under
    data/search-index/ for PostgreSQL, one per database (each replica keeps its own: bot.core.store.search_index)."""
    if raw.strip().lower() == SEARCH_INDEX_OFF:
        return None
    if raw.strip():
        return Path(raw.strip())
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///") + "-search")
    where = urlsplit(url)
    database = where.path.lstrip("/") or "postgres"
    server = hashlib.sha256(f"{where.hostname}:{where.port}/{database}".encode()).hexdigest()[:8]
    return DATA_DIR / "search-index" / f"{database}-{server}"


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise SettingsError(f"PORT must be a port number, got {text!r}")
    return int(text)


def _host(text: str) -> str:
    try:
        ip_address(text.strip())
    except ValueError:
        raise SettingsError(
            f"HOST must be an address to listen on, such as 0.0.0.0 or 127.0.0.1, got {text!r}"
        ) from None
    return text.strip()


def _workers(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise SettingsError(f"WEB_CONCURRENCY must be a number of worker processes (1 or more), got {text!r}")
    return int(text)


# --- the jobs' section ----------------------------------------------------------------------------------


def _jobs(env: Mapping[str, str]) -> JobsConfig:
    channels = _ids(env, "DIGEST_CHANNELS")
    return JobsConfig(
        admins=frozenset(_ids(env, "ADMIN_USER_IDS")),
        digest_channels=channels,
        digest_schedule=_schedule(env.get("DIGEST_SCHEDULE", ""), bool(channels)),
        empty_note=_flag(env, "DIGEST_EMPTY_NOTE"),
        inbox_dir=Path(env.get("INBOX_DIR") or DEFAULT_INBOX),
        inbox_every=_seconds(env, "INBOX_INTERVAL_SECONDS", INBOX_EVERY),
        feeds_every=_seconds(env, "FEEDS_INTERVAL_SECONDS", FEEDS_EVERY),
        sync_every=_seconds(env, "SCHEDULER_SYNC_SECONDS", SYNC_EVERY),
        watch_quiet=_seconds(env, "WATCH_QUIET_SECONDS", WATCH_QUIET_SECONDS),
        fetch_timeout=_seconds(env, "FETCH_TIMEOUT_SECONDS", FETCH_TIMEOUT),
        fetch_allow=_networks(env, "FETCH_ALLOWED_NETWORKS"),
        digest_lease=timedelta(seconds=_seconds(env, "DIGEST_LEASE_SECONDS", DEFAULT_LEASE.total_seconds())),
        enabled=not _flag(env, "SCHEDULER_OFF"),
    )


def _ids(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    values = tuple(v for v in re.split(r"[\s,]+", env.get(name, "")) if v)
    bad = [v for v in values if not _SLACK_ID.fullmatch(v)]
    if bad:
        raise SettingsError(f"{name} must list Slack ids such as C0123ABC or U0123ABC, separated by commas")
    return values


def _networks(env: Mapping[str, str], name: str) -> tuple[IPNetwork, ...]:
    try:
        return parse_networks(env.get(name, ""))
    except ValueError as error:
        raise SettingsError(f"{name} must list networks such as 10.0.0.0/8, separated by commas: {error}") from None


def _schedule(text: str, needed: bool) -> Schedule | None:
    if not text.strip():
        return parse("") if needed else None
    try:
        return parse(text, allow_short=True)
    except ScheduleError as error:
        raise SettingsError(f"DIGEST_SCHEDULE is malformed: {error}") from error


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value not in {"", "0", "1", "true", "false", "yes", "no"}:
        raise SettingsError(f"{name} must be 1 or 0, got {value!r}")
    return value in {"1", "true", "yes"}


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise SettingsError(f"{name} must be a positive number of seconds, got {raw!r}")
    return value


# --- the Slack section ----------------------------------------------------------------------------------


def slack_config(settings: Settings) -> SlackConfig:
    """Check the Slack settings for serving: which are required depends on Socket Mode and OAuth."""
    oauth = _oauth(settings)
    app_token = _checked("SLACK_APP_TOKEN", settings.slack_app_token, _APP_TOKEN, "an xapp- token")
    # HTTP mode verifies every request's signature; OAuth mode gets each workspace's token as it installs the app.
    secret = _required("SLACK_SIGNING_SECRET", settings.slack_signing_secret, _SECRET, "the app's signing secret",
                       needed=app_token is None)  # fmt: skip
    bot_token = _required("SLACK_BOT_TOKEN", settings.slack_bot_token, _BOT_TOKEN, "an xoxb- token",
                          needed=oauth is None)  # fmt: skip
    if app_token is not None and oauth is not None and bot_token is None:
        raise SettingsError(
            "SLACK_APP_TOKEN (Socket Mode) with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth) needs SLACK_BOT_TOKEN: "
            "Socket Mode cannot install into workspaces; set SLACK_BOT_TOKEN or unset the OAuth pair"
        )
    return SlackConfig(
        port=settings.port,
        api_url=api_url(settings.slack_api_url),
        signing_secret=secret,
        workers=settings.web_concurrency,
        host=settings.host,
        answer_deadline=settings.answer_deadline,
        bot_token=bot_token,
        app_token=app_token,
        oauth=oauth,
    )


def api_url(raw: str) -> str:
    """The Web API base URL, with the trailing slash slack-sdk joins method names onto."""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, got {raw!r}")
    return raw if raw.endswith("/") else raw + "/"


def _oauth(settings: Settings) -> OAuthConfig | None:
    client_id = _checked("SLACK_CLIENT_ID", settings.slack_client_id, _CLIENT_ID, "a number like 123.456")
    secret = _checked("SLACK_CLIENT_SECRET", settings.slack_client_secret, _SECRET, "the app's client secret")
    if (client_id is None) != (secret is None):
        missing = "SLACK_CLIENT_SECRET" if secret is None else "SLACK_CLIENT_ID"
        raise SettingsError(f"{missing} is missing: OAuth needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    return OAuthConfig(client_id, secret) if client_id and secret else None


def _required(name: str, value: str | None, shape: re.Pattern[str], what: str, needed: bool) -> str | None:
    checked = _checked(name, value, shape, what)
    if checked is None and needed:
        raise SettingsError(f"{name} is missing: set it to {what} (see the README's Slack section)")
    return checked


def _checked(name: str, value: str | None, shape: re.Pattern[str], what: str) -> str | None:
    # The message never repeats the value: a malformed secret is still mostly a secret.
    if value is not None and not shape.fullmatch(value):
        raise SettingsError(f"{name} is malformed: expected {what}")
    return value

"""Settings from the environment, checked at start-up so a bad value stops the bot with one clear line."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'newsbot.db'}"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class SettingsError(Exception):
    """A missing or malformed environment variable; the message names it."""


@dataclass(frozen=True)
class Settings:
    """The bot's configuration."""

    database_url: str = DEFAULT_DATABASE_URL
    articles_dir: Path = ARTICLES_DIR
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: int = 3000

    @property
    def slack_configured(self) -> bool:
        """True when there is enough to talk to Slack (a bot token)."""
        return bool(self.slack_bot_token)


def database_url(raw: str) -> str:
    """Normalise a database URL: hosting platforms hand out `postgres://`, SQLAlchemy wants a driver name."""
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
    if not raw.startswith(("sqlite:", "postgresql+")):
        raise SettingsError(f"DATABASE_URL must be a sqlite:/// or postgresql:// URL, got scheme {raw.split(':')[0]!r}")
    return raw


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from `env` (the process environment by default)."""
    env = os.environ if env is None else env
    port_text = env.get("PORT", "3000")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError(f"PORT must be a port number, got {port_text!r}")
    return Settings(
        database_url=database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        articles_dir=Path(env.get("ARTICLES_DIR") or ARTICLES_DIR),
        slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        slack_app_token=env.get("SLACK_APP_TOKEN") or None,
        slack_api_url=env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL,
        port=int(port_text),
    )

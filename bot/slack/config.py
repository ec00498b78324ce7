"""Slack configuration, checked at start-up: a bad value stops the bot with one line naming it."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.settings import Settings, SettingsError

# Slack's token prefixes: bot tokens are xoxb-, app-level (Socket Mode) tokens are xapp-.
_BOT_TOKEN = re.compile(r"xoxb-[A-Za-z0-9-]+")
_APP_TOKEN = re.compile(r"xapp-[A-Za-z0-9-]+")
# Signing secrets are 32 hex characters in practice; Slack's own documented example is not hex, so only the
# shape is checked: letters and digits, long enough not to be a typo or a placeholder.
_SECRET = re.compile(r"[A-Za-z0-9]{16,}")
_CLIENT_ID = re.compile(r"[0-9]+\.[0-9]+")


@dataclass(frozen=True)
class OAuthConfig:
    """App credentials for installing into several workspaces."""

    client_id: str
    client_secret: str


@dataclass(frozen=True)
class SlackConfig:
    """Everything the Slack transport needs, already validated."""

    database_url: str
    port: int
    api_url: str
    signing_secret: str | None
    bot_token: str | None = None
    app_token: str | None = None
    oauth: OAuthConfig | None = None

    @property
    def socket_mode(self) -> bool:
        """Socket Mode when an app-level token is configured, HTTP otherwise."""
        return self.app_token is not None

    def secrets(self) -> list[str]:
        """Every secret value, for scrubbing from logs."""
        values = [self.signing_secret, self.bot_token, self.app_token]
        values += [self.oauth.client_secret] if self.oauth else []
        return [v for v in values if v]


def load(settings: Settings, env: Mapping[str, str] | None = None) -> SlackConfig:
    """Validate the Slack settings (OAuth credentials come from `env`, the process environment by default)."""
    env = os.environ if env is None else env
    oauth = _oauth(env)
    app_token = _checked("SLACK_APP_TOKEN", settings.slack_app_token, _APP_TOKEN, "an xapp- token")
    needs_bot_token = oauth is None
    needs_secret = app_token is None
    return SlackConfig(
        database_url=settings.database_url,
        port=settings.port,
        api_url=api_url(settings.slack_api_url),
        signing_secret=_required(
            "SLACK_SIGNING_SECRET",
            settings.slack_signing_secret,
            _SECRET,
            "the app's signing secret",
            needs_secret,
        ),
        bot_token=_required("SLACK_BOT_TOKEN", settings.slack_bot_token, _BOT_TOKEN, "an xoxb- token", needs_bot_token),
        app_token=app_token,
        oauth=oauth,
    )


def api_url(raw: str) -> str:
    """The Web API base URL, with the trailing slash slack-sdk joins method names onto."""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, got {raw!r}")
    return raw if raw.endswith("/") else raw + "/"


def _oauth(env: Mapping[str, str]) -> OAuthConfig | None:
    client_id = _checked("SLACK_CLIENT_ID", env.get("SLACK_CLIENT_ID") or None, _CLIENT_ID, "a number like 123.456")
    secret = _checked("SLACK_CLIENT_SECRET", env.get("SLACK_CLIENT_SECRET") or None, _SECRET, "the app's client secret")
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

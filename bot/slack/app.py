"""The Bolt app: one WebClient (base URL from the settings, 429s waited out), listeners, de-duplication."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import Engine

from bot.settings import OAuthConfig, SettingsError, SlackConfig
from bot.slack import dedup, events, listeners
from bot.slack.answers import AnswerPool
from bot.slack.core import Core

log = logging.getLogger(__name__)

# Bolt's own executor only runs acknowledgements (answers go to the answer pool); it must never be exhausted by
# a burst of requests, and the gateway dispatches fewer requests than this at once anyway.
ACK_THREADS = 32
# channels:history and groups:history: a digest interrupted by a crash is found again by reading the channel
# back (conversations.history with message metadata) instead of being posted twice. channels:join,
# channels:read and groups:read: /digest subscribe joins a public channel, or checks the bot was invited to a
# private one, before saying "Subscribed". links:read and links:write: links to indexed articles are unfurled.
SCOPES = [
    "app_mentions:read", "channels:history", "channels:join", "channels:read", "chat:write", "commands",
    "groups:history", "groups:read", "im:history", "im:write", "links:read", "links:write",
]  # fmt: skip
# An OAuth `state` is only good for the few minutes a person takes to click "Allow".
OAUTH_STATE_SECONDS = 600


def web_client(config: SlackConfig) -> WebClient:
    """The Web API client: base URL from SLACK_API_URL, retries on connection errors and 429 Retry-After."""
    return WebClient(token=config.bot_token, base_url=config.api_url, retry_handlers=listeners.retry_handlers())


def check_token(client: WebClient) -> None:
    """Before serving or scheduling: Slack accepts the client's token (auth.test); otherwise a SettingsError naming
    Slack's answer, one line at start-up instead of a worker's traceback."""
    try:
        client.auth_test()
    except SlackApiError as error:
        raise SettingsError(f"Slack refused SLACK_BOT_TOKEN: {error.response.get('error', 'unknown error')}") from None
    except OSError as error:  # urllib's URLError included: Slack (or SLACK_API_URL) cannot be reached
        reason = getattr(error, "reason", None) or error
        raise SettingsError(f"Slack's Web API cannot be reached at {client.base_url}: {reason}") from None


def build_app(config: SlackConfig, core: Core, answers: AnswerPool | None = None) -> App:
    """The Bolt app with every listener registered, in token mode or (client id and secret) OAuth mode; its
    answers run on `answers` (a pool of its own by default)."""
    app = App(
        client=web_client(config),
        signing_secret=config.signing_secret or "",
        request_verification_enabled=not config.socket_mode,
        oauth_settings=oauth_settings(config.oauth, core.engine) if config.oauth else None,
        listener_executor=ThreadPoolExecutor(ACK_THREADS, thread_name_prefix="slack-ack"),
    )
    app.use(dedup.middleware(dedup.EventLog(core.engine)))
    workers = answers or AnswerPool(config.answer_deadline)
    listeners.register(app, core, workers)
    events.register(app, core, workers)
    return app


def oauth_settings(oauth: OAuthConfig, engine: Engine) -> OAuthSettings:
    """Bolt's OAuth flow with installations and states kept in the bot's own database."""
    # Imported only in OAuth mode: slack-sdk's SQLAlchemy stores import SQLAlchemy's asyncio extension, which
    # needs the `greenlet` package that token mode does not.
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    installations = SQLAlchemyInstallationStore(client_id=oauth.client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_SECONDS, engine=engine)
    installations.create_tables()  # type: ignore[no-untyped-call]  # slack-sdk leaves these unannotated
    states.create_tables()  # type: ignore[no-untyped-call]
    return OAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=SCOPES,
        installation_store=installations,
        state_store=states,
    )

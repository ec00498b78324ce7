"""The Bolt app: one WebClient (base URL from the settings, 429s waited out), listeners, de-duplication."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import Engine

from bot.core.store import ensure_tables
from bot.settings import OAuthConfig, SettingsError, SlackConfig
from bot.slack import dedup, events, listeners
from bot.slack.answers import AnswerPool
from bot.slack.core import Core
from bot.slack.retries import retry_handlers
from bot.slack.roles import Roles

log = logging.getLogger(__name__)

# Bolt's own executor only runs acknowledgements (answers go to the answer pool); it must never be exhausted by
# a burst of requests, and the gateway dispatches fewer requests than this at once anyway.
ACK_THREADS = 32
# Every scope the bot asks for, and why: what calls or events need it (the README shows this table; a test checks
# they agree). Nothing else: a workspace admin reads this list before approving the app.
SCOPE_REASONS = {
    "app_mentions:read": "answer questions when someone mentions the bot in a channel (`app_mention`)",
    "channels:history": "find a digest interrupted by a crash in a public channel (conversations.history) "
    "instead of posting it twice",
    "channels:join": "join a public channel when it is subscribed to digests (conversations.join)",
    "channels:read": "check a public channel before subscribing it (conversations.info)",
    "chat:write": "post answers, digests and watch alerts (chat.postMessage; a DM is a post to the user id)",
    "commands": "the slash commands",
    "groups:history": "find an interrupted digest in a private channel (conversations.history and .replies)",
    "groups:read": "check that the bot was invited to a private channel before subscribing it",
    "im:history": "answer direct messages (`message.im`)",
    "links:read": "see links to indexed articles (`link_shared`)",
    "links:write": "unfurl them (chat.unfurl)",
    "users:read": "tell admins, owners, guests and people from other organisations apart (users.info) before "
    "an admin command",
}
SCOPES = sorted(SCOPE_REASONS)
# An OAuth `state` is only good for the few minutes a person takes to click "Allow".
OAUTH_STATE_SECONDS = 600


def web_client(config: SlackConfig) -> WebClient:
    """The Web API client: base URL from SLACK_API_URL, retries on connection errors and 429 Retry-After."""
    return WebClient(token=config.bot_token, base_url=config.api_url, retry_handlers=retry_handlers())


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
    workers = answers or AnswerPool(config.answer_deadline, slow=core.registry.is_slow)
    known = Roles()  # people's roles per workspace, shared by commands, buttons and events
    listeners.register(app, core, workers, known)
    events.register(app, core, workers, known)
    return app


def oauth_settings(oauth: OAuthConfig, engine: Engine) -> OAuthSettings:
    """Bolt's OAuth flow with installations and states kept in the bot's own database."""
    # Imported only in OAuth mode: slack-sdk's SQLAlchemy stores import SQLAlchemy's asyncio extension, which
    # needs the `greenlet` package that token mode does not.
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    from bot.slack.states import PrunedStateStore

    installations = SQLAlchemyInstallationStore(client_id=oauth.client_id, engine=engine)
    states = PrunedStateStore(expiration_seconds=OAUTH_STATE_SECONDS, engine=engine)
    # Created one process at a time (the schema lock): the scheduler creating its own table at the same moment
    # would otherwise make SQLite refuse one of them ("database is locked").
    ensure_tables(engine, installations.metadata)
    ensure_tables(engine, states.metadata)
    return OAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=SCOPES,
        installation_store=installations,
        state_store=states,
    )

"""The composition root: every entry point's parts, built from one `Settings`.

The command line (bot.cli), the Slack server (bot.slack.serve) and the scheduler (bot.jobs.leader) get their
store, NLP loader, command registry, contexts and messenger from an `App`, so none of them builds its own and
the two transports never import each other. Nothing is built at import time or when an `App` is made, and the
transports are imported only when used: the gunicorn master checks the settings and forks, and each worker
builds its own parts after the fork.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.core.messenger import Messenger
from bot.core.registry import Context, Registry
from bot.core.store import Store, ensure_tables, open_store, teams
from bot.core.store.team import Team
from bot.logs import configure_logging
from bot.settings import Settings, slack_config

if TYPE_CHECKING:
    from slack_sdk.oauth.installation_store import InstallationStore

    from bot.jobs.scheduler import Runtime
    from bot.jobs.workspaces import Workspaces
    from bot.slack.core import Core

log = logging.getLogger(__name__)


class App:
    """The bot's parts, each built from the settings on first use and then shared within the process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def store(self) -> Store:
        """The store on DATABASE_URL, its schema brought up to date."""
        return open_store(self.settings.database_url, self.settings.search_index_dir)

    @cached_property
    def registry(self) -> Registry:
        """Every command, from the handlers, under the main command SLACK_COMMAND."""
        import handlers

        return handlers.build_registry(self.settings.slack_command)

    def slack_commands(self) -> list[str]:
        """The slash commands this install answers in Slack: SLACK_COMMAND, then the SLACK_DIRECT_COMMANDS."""
        from bot.slack.core import slack_commands

        return slack_commands(self.registry, self.settings.slack_direct_commands)

    def nlp(self) -> Any:
        """The spaCy pipeline NLP_MODEL, loaded on the first call (it takes seconds) and shared afterwards."""
        from bot.core.ingest import nlp

        return nlp.load(self.settings.nlp_model)

    def context(self) -> Context:
        """A Context for a question from Slack: who may change shared things is ADMIN_USER_IDS; sub-commands
        are typed after the main command; what /ingest may fetch is the fetch policy."""
        jobs = self.settings.jobs
        return Context(
            store=self.store,
            registry=self.registry,
            admins=jobs.admins,
            nlp=self.nlp,
            prefix=f"/{self.settings.slack_command} ",
            reach=(lambda channel: self.messenger.reach(channel)) if self.settings.slack_bot_token else None,
            fetch=jobs.fetch_policy,
        )

    @cached_property
    def home_team(self) -> Team | None:
        """The workspace of SLACK_BOT_TOKEN (auth.test, once per process); None without a bot token."""
        if not self.settings.slack_bot_token:
            return None
        from bot.slack.installations import home_team
        from bot.slack.poster import bot_client

        return home_team(bot_client(self.settings))

    def home_store(self) -> Store:
        """The store as the bot token's workspace sees it (the command line's digests), its legacy rows moved
        there first; every team's store without a bot token."""
        if self.home_team is None:
            return self.store
        self.adopt_legacy(self.store)
        return self.store.for_team(self.home_team)

    def adopt_legacy(self, store: Store) -> None:
        """Move the rows made before workspaces were told apart to the bot token's workspace (see migration
        15a0teams); nothing to do without a bot token, or once done."""
        if self.home_team is not None:
            moved = teams.adopt_legacy(store, self.home_team)
            if moved:
                log.info("%d subscriptions and watches moved to the bot's workspace %s", moved, self.home_team)

    @cached_property
    def installations(self) -> InstallationStore | None:
        """OAuth's installation store (each workspace's tokens) in the bot's database; None without OAuth."""
        if not (self.settings.slack_client_id and self.settings.slack_client_secret):
            return None
        from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

        found = SQLAlchemyInstallationStore(client_id=self.settings.slack_client_id, engine=self.store.engine)
        ensure_tables(self.store.engine, found.metadata)  # one process at a time (see bot.slack.app)
        return found

    def workspaces(self) -> Workspaces | None:
        """With OAuth, which token posts in which workspace (the installation store); None with one bot token."""
        if self.installations is None:
            return None
        from bot.jobs.workspaces import Workspaces
        from bot.settings import api_url
        from bot.slack.core import bounded, keep_line
        from bot.slack.installations import installed_messengers

        keep = bounded(lambda value: keep_line(self.store, value))
        return Workspaces(installed_messengers(self.installations, api_url(self.settings.slack_api_url), keep))

    def console_context(self) -> Context:
        """A Context for the terminal, whose user runs the bot and so may administer it."""
        return Context(store=self.store, registry=self.registry, nlp=self.nlp, fetch=self.settings.jobs.fetch_policy)

    @cached_property
    def messenger(self) -> Messenger:
        """Slack through the bot token, paced per channel; SettingsError without SLACK_BOT_TOKEN."""
        from bot.slack.core import bounded, keep_line
        from bot.slack.poster import SlackPoster, bot_client

        retype = self.registry.retyper(f"/{self.settings.slack_command} ", self.slack_commands())
        keep = bounded(lambda value: keep_line(self.store, value))
        return SlackPoster(bot_client(self.settings), retype=retype, keep=keep)

    def slack_core(self) -> Core:
        """The core as the Slack transport sees it: commands, plain-language answers and App Home."""
        import handlers.message
        from bot.slack.core import build_core

        self.adopt_legacy(self.store)  # before the first request reads a workspace's rows
        return build_core(self.store, self.registry, self.context, handlers.message.answer, self.slack_commands())

    def jobs_runtime(self) -> Runtime:
        """What the scheduled jobs work with: their own store, so that a slow job never holds the connections
        answers wait for; the messenger; the NLP loader."""
        from bot.jobs.scheduler import Runtime

        store = open_store(self.settings.database_url)
        self.adopt_legacy(store)
        poster = self.messenger if self.settings.slack_bot_token else None
        return Runtime(store=store, poster=poster, config=self.settings.jobs, nlp=self.nlp,
                       workspaces=self.workspaces(), home=self.home_team)  # fmt: skip

    def lead(self, stop: threading.Event) -> bool:
        """Run the scheduler whenever this process holds the leader lock, until `stop` is set; False when jobs
        were still running after their grace (see bot.jobs.leader.keep_leading)."""
        from bot.jobs.leader import keep_leading
        from bot.jobs.lock import lock_for

        return keep_leading(self.jobs_runtime, lock_for(self.settings.database_url), stop)

    def compete_for_scheduler(self) -> Callable[[], bool] | None:
        """In a serving process: compete for the leader lock in the background, unless the jobs cannot run;
        returns how to stop (True when no job was left running)."""
        from bot.jobs.leader import Leadership
        from bot.jobs.lock import lock_for

        if not self.settings.jobs.enabled:
            log.info("scheduler off (SCHEDULER_OFF)")
        elif not self.settings.slack_bot_token and self.installations is None:
            log.warning(
                "scheduler not started: digests and alerts are posted with SLACK_BOT_TOKEN (or each "
                "installation's token with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET), which are unset"
            )
        else:
            return Leadership(self.jobs_runtime, lock_for(self.settings.database_url)).start().stop
        return None

    def check_ready(self) -> None:
        """Before serving or scheduling: the database answers (its schema brought up to date) and Slack accepts the
        bot token. Either failing is one line naming it (bot.cli), not a traceback from a worker."""
        from bot.slack.app import check_token
        from bot.slack.poster import bot_client

        logging.disable(logging.ERROR)  # the libraries' own lines about the failure would bury the one line
        try:
            self.store  # noqa: B018  (opened and migrated here, then let go: serving forks after this)
            self.close()
            if self.settings.slack_bot_token:  # OAuth mode: each workspace's token comes with its installation
                check_token(bot_client(self.settings))
        finally:
            logging.disable(logging.NOTSET)

    def close(self) -> None:
        """Let go of the store (before serving forks workers that open their own)."""
        if "store" in vars(self):
            self.store.engine.dispose()
            del self.store


SlackCore = Callable[[App], "Core"]


def serve(settings: Settings, core: SlackCore = App.slack_core) -> int:
    """Serve Slack, each serving process also competing to run the scheduler (tests pass their own `core`)."""
    from bot.slack.serve import serve as serve_slack

    config = slack_config(settings)  # checked here, before gunicorn forks: a bad variable is one line
    configure_logging(settings.secrets())
    app = App(settings)  # nothing built yet but the registry: each serving process builds its own parts
    app.slack_commands()  # SLACK_DIRECT_COMMANDS checked before the fork too
    app.check_ready()
    return serve_slack(config, lambda: core(app), app.compete_for_scheduler)

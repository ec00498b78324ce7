"""Settings: a missing or malformed value is one line naming the variable, never showing a secret value."""

from __future__ import annotations

from datetime import timedelta
from ipaddress import ip_address
from pathlib import Path

import pytest

from bot.core.ingest.policy import FETCH_TIMEOUT
from bot.settings import DEFAULT_INBOX, OAuthConfig, Settings, SettingsError, SlackConfig, load, slack_config

BOT_TOKEN = "xoxb-1-2-abcdef"
SECRET = "0123456789abcdef0123456789abcdef"
APP_TOKEN = "xapp-1-A1-2-abcdef"


def _slack(env: dict[str, str]) -> SlackConfig:
    return slack_config(load(env))


def test_http_mode_needs_bot_token_and_signing_secret() -> None:
    settings = load({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET})
    loaded = slack_config(settings)
    assert not loaded.socket_mode
    assert loaded.api_url == "https://slack.com/api/"
    assert settings.secrets() == [SECRET, BOT_TOKEN]


def test_socket_mode_needs_no_signing_secret() -> None:
    loaded = slack_config(load({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN}))
    assert loaded.socket_mode
    assert loaded.signing_secret is None


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_SIGNING_SECRET": SECRET}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_SIGNING_SECRET": SECRET}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "short"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-not-an-app-token"}, "SLACK_APP_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": "slack.com"},
            "SLACK_API_URL",
        ),
        ({"SLACK_SIGNING_SECRET": SECRET, "SLACK_CLIENT_ID": "123.456"}, "SLACK_CLIENT_SECRET"),
        (
            {"SLACK_SIGNING_SECRET": SECRET, "SLACK_CLIENT_ID": "abc", "SLACK_CLIENT_SECRET": SECRET},
            "SLACK_CLIENT_ID",
        ),
    ],
)
def test_a_bad_slack_value_is_one_line_naming_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as raised:
        _slack(env)
    message = str(raised.value)
    assert message.startswith(variable)
    assert "\n" not in message
    secrets = [v for k, v in env.items() if k != "SLACK_API_URL" and len(v) > len("SLACK")]
    assert all(secret not in message for secret in secrets)


def test_oauth_mode_needs_no_bot_token() -> None:
    settings = load({"SLACK_SIGNING_SECRET": SECRET, "SLACK_CLIENT_ID": "123.456", "SLACK_CLIENT_SECRET": SECRET})
    loaded = slack_config(settings)
    assert loaded.oauth == OAuthConfig("123.456", SECRET)
    assert loaded.bot_token is None
    assert settings.secrets() == [SECRET, SECRET]
    assert SECRET not in repr(settings) and SECRET not in repr(loaded)


def test_api_url_gets_the_trailing_slash_slack_sdk_needs() -> None:
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SECRET, slack_api_url="http://127.0.0.1:9/api")
    assert slack_config(settings).api_url == "http://127.0.0.1:9/api/"


def test_the_command_line_needs_no_slack_settings() -> None:
    settings = load({})
    assert not settings.slack_configured
    assert settings.secrets() == []
    assert settings.database_url.startswith("sqlite:///")


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"PORT": "70000"}, "PORT"),
        ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY"),
        ({"DATABASE_URL": "mysql://db/news"}, "DATABASE_URL"),
        ({"ADMIN_USER_IDS": "U0123ABC, not-an-id"}, "ADMIN_USER_IDS"),
        ({"DIGEST_CHANNELS": "#general"}, "DIGEST_CHANNELS"),
        ({"DIGEST_SCHEDULE": "at teatime"}, "DIGEST_SCHEDULE"),
        ({"DIGEST_EMPTY_NOTE": "maybe"}, "DIGEST_EMPTY_NOTE"),
        ({"SCHEDULER_OFF": "please"}, "SCHEDULER_OFF"),
        ({"INBOX_INTERVAL_SECONDS": "0"}, "INBOX_INTERVAL_SECONDS"),
        ({"FEEDS_INTERVAL_SECONDS": "soon"}, "FEEDS_INTERVAL_SECONDS"),
        ({"SCHEDULER_SYNC_SECONDS": "-5"}, "SCHEDULER_SYNC_SECONDS"),
        ({"WATCH_QUIET_SECONDS": "x"}, "WATCH_QUIET_SECONDS"),
        ({"FETCH_TIMEOUT_SECONDS": "0"}, "FETCH_TIMEOUT_SECONDS"),
        ({"DIGEST_LEASE_SECONDS": "-1"}, "DIGEST_LEASE_SECONDS"),
        ({"FETCH_ALLOWED_NETWORKS": "10.0.0.0/8, intranet"}, "FETCH_ALLOWED_NETWORKS"),
    ],
)
def test_a_bad_value_stops_loading_with_one_line_naming_it(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load(env)
    assert str(raised.value).startswith(variable)
    assert "\n" not in str(raised.value)


def test_every_section_is_read_from_the_one_environment() -> None:
    settings = load(
        {
            "DATABASE_URL": "postgres://u@db/news",
            "NLP_MODEL": "en_core_web_md",
            "PORT": "8080",
            "ADMIN_USER_IDS": "U1AAA, U2BBB",
            "DIGEST_CHANNELS": "C0123ABC",
            "INBOX_DIR": "/srv/inbox",
            "DIGEST_LEASE_SECONDS": "90",
            "SCHEDULER_OFF": "yes",
        }
    )
    assert settings.database_url == "postgresql+psycopg://u@db/news"
    assert (settings.nlp_model, settings.port) == ("en_core_web_md", 8080)
    assert settings.jobs.admins == frozenset({"U1AAA", "U2BBB"})
    assert settings.jobs.digest_channels == ("C0123ABC",)
    assert settings.jobs.digest_schedule is not None  # channels without a schedule get the default one
    assert settings.jobs.inbox_dir == Path("/srv/inbox")
    assert settings.jobs.digest_lease == timedelta(seconds=90)
    assert not settings.jobs.enabled
    assert load({}).jobs.inbox_dir == DEFAULT_INBOX


def test_the_slack_command_and_the_direct_commands_are_read_and_checked() -> None:
    assert load({}).slack_command == "news" and load({}).slack_direct_commands is None
    renamed = load({"SLACK_COMMAND": "/news-staging", "SLACK_DIRECT_COMMANDS": "whois, /bases"})
    assert renamed.slack_command == "news-staging" and renamed.slack_direct_commands == ("whois", "bases")
    assert load({"SLACK_COMMAND": "intel"}).slack_command == "intel"
    assert load({"SLACK_DIRECT_COMMANDS": "none"}).slack_direct_commands == ()
    assert load({"SLACK_UNFURL_DOMAINS": "wire.example, news.example.org"}).slack_unfurl_domains == (
        "wire.example", "news.example.org",
    )  # fmt: skip
    # Slack's manifest schema refuses a domain listed twice: the same domain twice is one.
    assert load({"SLACK_UNFURL_DOMAINS": "Wire.example wire.example"}).slack_unfurl_domains == ("wire.example",)


@pytest.mark.parametrize(
    ("env", "variable", "reason"),
    [
        ({"SLACK_COMMAND": "/who"}, "SLACK_COMMAND", "built-in"),
        ({"SLACK_COMMAND": "/search"}, "SLACK_COMMAND", "built-in"),
        ({"SLACK_COMMAND": "/News Bot"}, "SLACK_COMMAND", "lowercase"),
        ({"SLACK_COMMAND": "/" + "n" * 40}, "SLACK_COMMAND", "lowercase"),
        ({"SLACK_DIRECT_COMMANDS": "who"}, "SLACK_DIRECT_COMMANDS", "who"),
        ({"SLACK_UNFURL_DOMAINS": "https://wire.example/"}, "SLACK_UNFURL_DOMAINS", "domains"),
        ({"SLACK_UNFURL_DOMAINS": "a" * 250 + ".example"}, "SLACK_UNFURL_DOMAINS", "domains"),
    ],
)
def test_a_command_name_slack_would_refuse_stops_start_up(env: dict[str, str], variable: str, reason: str) -> None:
    with pytest.raises(SettingsError, match=variable) as refused:
        load(env)
    assert reason in str(refused.value)


def test_fetches_reach_only_public_addresses_unless_networks_are_allowed() -> None:
    default = load({}).jobs.fetch_policy
    assert default.allow == () and default.timeout == FETCH_TIMEOUT
    assert not default.permits(ip_address("10.1.2.3"))

    policy = load({"FETCH_ALLOWED_NETWORKS": "10.0.0.0/8 fd00::/8", "FETCH_TIMEOUT_SECONDS": "4"}).jobs.fetch_policy
    assert policy.timeout == 4.0
    assert policy.permits(ip_address("10.1.2.3")) and policy.permits(ip_address("fd12::1"))
    assert not policy.permits(ip_address("192.168.1.1")) and not policy.permits(ip_address("127.0.0.1"))


def test_socket_mode_with_oauth_and_no_bot_token_is_refused_in_one_line_naming_the_variables() -> None:
    env = {"SLACK_APP_TOKEN": APP_TOKEN, "SLACK_CLIENT_ID": "123.456", "SLACK_CLIENT_SECRET": SECRET}
    with pytest.raises(SettingsError) as raised:
        _slack(env)
    message = str(raised.value)
    assert "\n" not in message and SECRET not in message and APP_TOKEN not in message
    assert all(name in message for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_BOT_TOKEN"))
    assert _slack(env | {"SLACK_BOT_TOKEN": BOT_TOKEN}).socket_mode  # with a bot token it starts


def test_the_search_index_lives_beside_the_sqlite_file_or_per_postgresql_database_unless_set_or_off() -> None:
    beside = load({"DATABASE_URL": "sqlite:////srv/news/bot.db"}).search_index_dir
    one = load({"DATABASE_URL": "postgres://u:secret@db:5432/news"}).search_index_dir
    same = load({"DATABASE_URL": "postgresql://u:other@db:5432/news"}).search_index_dir
    other = load({"DATABASE_URL": "postgresql://u@db2:5432/news"}).search_index_dir

    assert beside == Path("/srv/news/bot.db-search")
    assert one is not None and one.name.startswith("news-") and one.parent.name == "search-index"
    assert one == same != other, "one directory per server and database, whatever the password"
    assert "secret" not in str(one)
    assert load({"SEARCH_INDEX_DIR": "/var/index"}).search_index_dir == Path("/var/index")
    assert load({"SEARCH_INDEX_DIR": "off"}).search_index_dir is None

"""Slack settings: a missing or malformed value is one line naming the variable, never showing the value."""

from __future__ import annotations

import pytest

from bot.settings import Settings, SettingsError, load
from bot.slack import config

BOT_TOKEN = "xoxb-1-2-abcdef"
SECRET = "0123456789abcdef0123456789abcdef"
APP_TOKEN = "xapp-1-A1-2-abcdef"


def _load(env: dict[str, str]) -> config.SlackConfig:
    return config.load(load(env), env)


def test_http_mode_needs_bot_token_and_signing_secret() -> None:
    loaded = _load({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET})
    assert not loaded.socket_mode
    assert loaded.api_url == "https://slack.com/api/"
    assert loaded.secrets() == [SECRET, BOT_TOKEN]


def test_socket_mode_needs_no_signing_secret() -> None:
    loaded = _load({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN})
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
def test_a_bad_value_is_one_line_naming_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as raised:
        _load(env)
    message = str(raised.value)
    assert message.startswith(variable)
    assert "\n" not in message
    secrets = [v for k, v in env.items() if k != "SLACK_API_URL" and len(v) > len("SLACK")]
    assert all(secret not in message for secret in secrets)


def test_oauth_mode_needs_no_bot_token() -> None:
    loaded = _load({"SLACK_SIGNING_SECRET": SECRET, "SLACK_CLIENT_ID": "123.456", "SLACK_CLIENT_SECRET": SECRET})
    assert loaded.oauth == config.OAuthConfig("123.456", SECRET)
    assert loaded.bot_token is None


def test_api_url_gets_the_trailing_slash_slack_sdk_needs() -> None:
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SECRET, slack_api_url="http://127.0.0.1:9/api")
    assert config.load(settings, {}).api_url == "http://127.0.0.1:9/api/"

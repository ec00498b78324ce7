"""The console (`python -m bot console | ask`) and the plain-language routing of direct messages."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.digest import subscriptions
from bot.core.registry import Context
from bot.core.store import open_store
from handlers import message
from tests.conftest import ROOT, RunBot
from tests.handlers.support import add_article
from tests.slack.slack_standin import SlackStandIn


def bot(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` as its own process from the repository root (the smoke tests)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def ask(run_bot: RunBot, env: dict[str, str], *args: str) -> str:
    """`python -m bot ask ARGS`, in process: must exit 0 without a traceback; returns what it printed."""
    done = run_bot(env, "ask", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


# --- python -m bot console ------------------------------------------------------------------------------


def test_console_answers_each_line_in_order_and_leaves_on_end_of_input(cli_env: dict[str, str]) -> None:
    done = bot(cli_env, "console", stdin="/help\nwho is Peskov?\n/who Qwxyz\n/bogus\n\n")

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    answers = ["What I can do", "Dmitry Peskov", "Not found", "Unknown command /bogus"]
    positions = [out.find(answer) for answer in answers]
    assert -1 not in positions, out
    assert positions == sorted(positions), out
    # The help lists every command; the profile is the one a person reads, escapes undone.
    for usage in ("/who NAME", "/bases", "/search WORDS", "/articles [N]", "/help"):
        assert usage in out[positions[0] : positions[1]]
    assert "Kremlin spokesman" in out[positions[1] : positions[2]]
    assert "“Qwxyz”" in out[positions[2] : positions[3]]
    # The blank line is answered with nothing: only prompts follow the last reply.
    after_last = out[positions[3] :].splitlines()[1:]
    assert [line.replace(">", "").strip() for line in after_last] == [""] * len(after_last), after_last


def test_console_leaves_on_quit(cli_env: dict[str, str], run_bot: RunBot) -> None:
    done = run_bot(cli_env, "console", stdin="quit\n/help\n")

    assert done.returncode == 0, done.stderr
    assert "What I can do" not in done.stdout


# --- python -m bot ask ----------------------------------------------------------------------------------


def test_ask_json_prints_the_slack_payload(cli_env: dict[str, str], run_bot: RunBot) -> None:
    payload = json.loads(ask(run_bot, cli_env, "--json", "/who Lavrov"))

    assert set(payload) == {"text", "blocks"}
    assert isinstance(payload["text"], str) and "Sergey Lavrov" in payload["text"]
    assert payload["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "Sergey Lavrov"}}
    assert all(isinstance(block, dict) and "type" in block for block in payload["blocks"])


def test_ask_prints_what_a_person_reads(cli_env: dict[str, str], run_bot: RunBot) -> None:
    out = ask(run_bot, cli_env, "/who Lavrov")

    assert out.splitlines()[0] == "Sergey Lavrov"
    assert '"blocks"' not in out and "&lt;" not in out and "&amp;" not in out


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who is Peskov?", "Dmitry Peskov"),
        ("which bases does Russia have?", "Military installations — Russia"),
        ("news about Astana", "Search: Astana"),
        ("hello", "What I can do"),
        ("/who Lavrov", "Sergey Lavrov"),
    ],
)
def test_ask_dm_routes_plain_language(cli_env: dict[str, str], question: str, expected: str, run_bot: RunBot) -> None:
    out = ask(run_bot, cli_env, "--dm", question)

    assert out.splitlines()[0].startswith(expected), out


def test_ask_dm_answers_what_it_cannot_place_with_help(cli_env: dict[str, str], run_bot: RunBot) -> None:
    out = ask(run_bot, cli_env, "--dm", "purple monkey dishwasher")

    assert "couldn't place" in out
    assert "/who NAME" in out


def test_ask_names_an_unknown_command(cli_env: dict[str, str], run_bot: RunBot) -> None:
    out = ask(run_bot, cli_env, "/bogus Lavrov")

    assert "Unknown command /bogus" in out
    assert "/help" in out


@pytest.mark.parametrize(
    ("line", "usage"),
    [("/articles abc", "Usage: /articles [N]"), ("/who", "Usage: /who NAME"), ("/search ?!", "Usage: /search WORDS")],
)
def test_ask_with_bad_arguments_gives_usage_not_a_traceback(
    cli_env: dict[str, str], line: str, usage: str, run_bot: RunBot
) -> None:
    assert usage in ask(run_bot, cli_env, line)


def test_a_bad_database_url_is_one_line_not_a_traceback(cli_env: dict[str, str], run_bot: RunBot) -> None:
    done = run_bot({**cli_env, "DATABASE_URL": "mysql://localhost/news"}, "ask", "/help")

    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "DATABASE_URL" in done.stderr and "Traceback" not in done.stderr


# --- plain-language routing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who is Lavrov?", ("who", "Lavrov")),
        ("Who is Sergey Lavrov", ("who", "Sergey Lavrov")),
        ("who's Peskov?", ("who", "Peskov")),
        ("who was Bashar al-Assad?", ("who", "Bashar al-Assad")),
        ("what's the Astana process?", ("who", "Astana process")),
        ("what is Hmeimim?", ("who", "Hmeimim")),
        ("tell me about Hmeimim", ("who", "Hmeimim")),
        ("Tell me about Erdoğan.", ("who", "Erdoğan")),
        ("which bases does Russia have?", ("bases", "Russia")),
        ("which bases does Russia use?", ("bases", "Russia")),
        ("what military bases does Turkey operate?", ("bases", "Turkey")),
        ("bases in Syria", ("bases", "Syria")),
        ("air bases near Latakia", ("bases", "Latakia")),
        ("list the bases", ("bases", "")),
        ("news about Aleppo", ("search", "Aleppo")),
        ("any articles on the Astana process?", ("search", "the Astana process")),
        ("search for Astana process", ("search", "Astana process")),
        ("find Tartus", ("search", "Tartus")),
        ("latest news", ("articles", "")),
        ("any recent articles?", ("articles", "")),
        ("hello", ("help", "")),
        ("help", ("help", "")),
        ("what can you do?", ("help", "")),
        ("/who Lavrov", ("who", "Lavrov")),
        ("<@U123> who is Putin?", ("who", "Putin")),
        ("<@U123> news about Aleppo", ("search", "Aleppo")),
        ("purple monkey dishwasher", None),
        ("<@U123>", None),
        ("", None),
    ],
)
def test_route_places_plain_language(text: str, expected: tuple[str, str] | None) -> None:
    assert message.route(text) == expected


def test_whats_new_means_the_latest_articles() -> None:
    assert message.route("what's new?") == ("articles", "")


def test_clean_drops_mentions_and_closing_punctuation() -> None:
    assert message.clean("<@U123> <#C42|news> who is Putin?!") == "who is Putin"


def test_a_bare_name_in_a_message_is_looked_up(corpus: Context) -> None:
    reply = message.answer("Lavrov", corpus)

    assert reply.blocks[0]["text"]["text"] == "Sergey Lavrov"


@pytest.mark.parametrize("text", ["purple monkey dishwasher", "<@U123>", "", "?!"])
def test_text_that_cannot_be_placed_gets_help_not_an_error(text: str, corpus: Context) -> None:
    reply = message.answer(text, corpus)

    assert reply.text.startswith(("I couldn't place that question", "Commands:"))
    assert "/who NAME" in reply.text
    assert any(block["type"] == "header" and block["text"]["text"] == "What I can do" for block in reply.blocks)


def test_an_at_mention_question_is_answered_like_the_command(corpus: Context) -> None:
    who = corpus.registry.get("who")
    assert who is not None
    assert message.answer("<@U123> who is Peskov?", corpus) == who.answer("Peskov", corpus)


def test_asking_an_empty_index_says_why_nothing_is_found(
    cli_env: dict[str, str], tmp_path: Path, run_bot: RunBot
) -> None:
    empty = {**cli_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}
    done = run_bot(empty, "ask", "/who Lavrov")
    assert done.returncode == 0 and "Not found" in done.stdout
    assert "The index is empty: run `python -m bot index`" in done.stderr
    assert "index is empty" not in run_bot(cli_env, "ask", "/who Lavrov").stderr


# --- python -m bot run, export, import, digest, scheduler ----------------------------------------------


def test_run_without_slack_credentials_indexes_then_opens_the_console(
    tmp_path: Path, run_bot: RunBot, cli_env: dict[str, str]
) -> None:
    env = {**cli_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}

    done = run_bot(env, "run", stdin="/who Lavrov\n")

    assert done.returncode == 0, done.stderr
    assert "Indexing" in done.stderr and "the index is empty" in done.stderr
    assert "News bot console" in done.stdout and "Sergey Lavrov" in done.stdout


def test_export_then_import_moves_the_index_to_another_store(
    tmp_path: Path, run_bot: RunBot, cli_env: dict[str, str]
) -> None:
    dump = tmp_path / "index.jsonl"
    exported = run_bot(cli_env, "export", str(dump))
    assert exported.returncode == 0, exported.stderr
    count = len(dump.read_text(encoding="utf-8").splitlines())
    assert f"Exported {count} articles." in exported.stderr and count >= 2

    other = {**cli_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'other.db'}"}
    imported = run_bot(other, "import", str(dump))
    assert imported.returncode == 0, imported.stderr
    assert ask(run_bot, other, "/who Lavrov") == ask(run_bot, cli_env, "/who Lavrov")
    missing = run_bot(other, "import", str(tmp_path / "nowhere.jsonl"))
    assert missing.returncode == 1 and "nowhere.jsonl" in missing.stderr and "Traceback" not in missing.stderr


def test_digest_dry_run_prints_the_digest_and_an_unknown_channel_is_one_line(
    run_bot: RunBot, cli_env: dict[str, str]
) -> None:
    unknown = run_bot(cli_env, "digest", "--channel", "C0NOSUCH", "--dry-run")
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1
    assert "C0NOSUCH has no digest subscription" in unknown.stderr

    # DIGEST_CHANNELS is honoured before the scheduler has ever run (it was refused until then); a new
    # subscription starts after the newest article, so there is nothing to show yet.
    subscribed = {**cli_env, "DIGEST_CHANNELS": "C0DIGEST", "DIGEST_SCHEDULE": "daily 08:00 UTC"}
    preview = run_bot(subscribed, "digest", "--channel", "C0DIGEST", "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "(dry run: " in preview.stderr and "no digest subscription" not in preview.stderr
    store = open_store(cli_env["DATABASE_URL"])
    assert subscriptions.get(store, "C0DIGEST") is None, "a dry run changes nothing, not even the subscriptions"
    store.engine.dispose()


def test_a_digest_slack_refuses_is_one_line_and_pauses_its_subscription(
    run_bot: RunBot, cli_env: dict[str, str], database_url: str
) -> None:
    standin = SlackStandIn().start()
    standin.add_channel("C0NOTIN")  # public, and the bot is not in it: Slack answers not_in_channel
    env = {**cli_env, "DATABASE_URL": database_url, "DIGEST_CHANNELS": "C0NOTIN", "DIGEST_SCHEDULE": "daily 08:00 UTC",
           "SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_API_URL": standin.api_url}  # fmt: skip
    try:
        nothing_yet = run_bot(env, "digest", "--channel", "C0NOTIN")  # subscribed from now on: nothing to post
        assert nothing_yet.returncode == 0, nothing_yet.stderr
        store = open_store(database_url)
        add_article(store, "Ceasefire holds", "Negotiators said the ceasefire held overnight in the north.")
        refused = run_bot(env, "digest", "--channel", "C0NOTIN")
        assert refused.returncode == 1 and "Traceback" not in refused.stdout + refused.stderr
        assert (refused.stdout + refused.stderr).strip().count("\n") == 0, "one line"
        assert "not_in_channel" in refused.stdout + refused.stderr
        sub = subscriptions.get(store, "C0NOTIN")
        assert sub is not None and sub.paused_reason == "not_in_channel"
        store.engine.dispose()
    finally:
        standin.stop()


def test_the_scheduler_stops_on_sigterm(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.db'}", "SLACK_BOT_TOKEN": "xoxb-test-token"}
    standin = SlackStandIn().start()  # start-up checks the token with Slack; nothing is posted (no subscription)
    env["SLACK_API_URL"] = standin.api_url
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "scheduler"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "runs the scheduler" in line:
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        standin.stop()

"""The registry runs a command line the same way for every transport, and answers an unknown name with /help."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.registry import MAX_PAGE, Command, Context, Registry, split_page
from bot.core.render.blockkit import Reply, actions, retext, section
from bot.core.store import Store


def _echo(text: str, ctx: Context) -> Reply:
    """Answers with the text it was given, so a test sees exactly what reached the handler."""
    return Reply(f"echo [{text}]")


def _context(store: Store) -> tuple[Registry, Context]:
    registry = Registry()
    registry.add(Command("echo", "/echo TEXT", "repeat the text", _echo))
    return registry, Context(store=store, registry=registry)


def test_run_passes_the_rest_of_the_line_to_the_command_stripped(store: Store) -> None:
    registry, ctx = _context(store)

    assert registry.run("  /echo   Sergey Lavrov --page 2  ", ctx).text == "echo [Sergey Lavrov --page 2]"
    assert registry.run("/ECHO", ctx).text == "echo []"


def test_run_names_an_unknown_command_and_points_at_help(store: Store) -> None:
    registry, ctx = _context(store)

    reply = registry.run("/bogus Lavrov", ctx)

    assert reply.text == "Unknown command /bogus. Type /help to see the commands I know."
    assert registry.run("bogus", ctx) == reply, "with or without its slash, the name is shown once with one"


def test_a_mistyped_command_gets_the_nearest_one_suggested(store: Store) -> None:
    registry, ctx = _context(store)
    assert registry.run("/ecoh Lavrov", ctx).text == (
        "Unknown command /ecoh. Did you mean /echo Lavrov? Type /help to see the commands I know."
    )
    assert "Did you mean /echo?" in registry.run("/ecoh", ctx).text
    assert "Did you mean" not in registry.run("/bogus", ctx).text


def test_an_empty_line_is_not_called_a_command_named_slash(store: Store) -> None:
    registry, ctx = _context(store)
    for line in ("", "   ", "/"):
        assert registry.run(line, ctx).text == "That was not a command. Type /help to see the commands I know."


def test_control_characters_never_reach_a_command(store: Store) -> None:
    # A NUL reaches PostgreSQL as a query parameter and fails there; no name or word contains one.
    registry, ctx = _context(store)

    assert registry.run("/echo Lav\x00rov\x07\x1b[2J", ctx).text == "echo [Lavrov[2J]"


def test_a_page_number_of_any_length_is_a_page() -> None:
    assert split_page("Lavrov --page " + "9" * 5000) == ("Lavrov", MAX_PAGE)
    assert split_page("Lavrov --page " + "0" * 5000 + "2") == ("Lavrov", 2)
    assert split_page("Lavrov --page 0") == ("Lavrov", 1)
    assert split_page("Lavrov --page ²") == ("Lavrov --page ²", 1), "only ASCII digits make a page number"


def _news_registry() -> Registry:
    registry = Registry()
    for name, direct in (("who", "whois"), ("search", None), ("bases", "bases"), ("watches", None)):
        registry.add(Command(name, f"/{name} TEXT", f"what /{name} does", _echo, direct))
    return registry


def test_hints_name_sub_commands_as_slack_types_them_and_keep_installed_names() -> None:
    retype = _news_registry().retyper("/news ", installed=("whois", "bases"))
    assert retype("Try `/search Astana` or `/who Lavrov`.") == "Try `/news search Astana` or `/news who Lavrov`."
    assert retype("`/watches` lists them") == "`/news watches` lists them"
    assert retype("/bases Russia, also as /whois") == "/bases Russia, also as /whois"
    assert retype("/searching /who-is /search/x") == "/searching /who-is /search/x"
    assert _news_registry().retyper("/")("Try `/search X`") == "Try `/search X`"


@given(st.text(alphabet="/:.<>|&abcdehorstw -", max_size=60))
def test_retyping_never_changes_a_link_or_a_url(tail: str) -> None:
    retype = _news_registry().retyper("/news ")
    for url in (f"https://e.x/search{tail}", f"<https://e.x/who|{tail}>", f"http://w.x/watches/{tail}"):
        assert retype(url).startswith(url.partition(tail)[0] if tail else url)


def test_retext_changes_what_people_read_and_never_what_a_button_carries() -> None:
    reply = Reply("see /search x", [section("see /search x"), actions([("/search x", "/search x")])])
    changed = retext(reply, str.upper)
    assert changed.text == "SEE /SEARCH X" and changed.blocks[0]["text"]["text"] == "SEE /SEARCH X"
    [button] = changed.blocks[1]["elements"]
    assert button["text"]["text"] == "/SEARCH X" and button["value"] == "/search x"


def test_a_command_answers_to_its_aliases_but_is_listed_once(store: Store) -> None:
    registry = Registry()
    registry.add(Command("echo", "/echo TEXT", "repeat the text; also /say", _echo, aliases=("say",)))
    ctx = Context(store=store, registry=registry)

    assert registry.run("/say hello", ctx).text == "echo [hello]"
    assert [c.name for c in registry] == ["echo"]
    assert registry.retyper("/news ")("also /say or /echo") == "also /news say or /news echo"


def test_an_alias_cannot_take_another_commands_name() -> None:
    registry = Registry()
    registry.add(Command("echo", "/echo TEXT", "repeat the text", _echo))

    with pytest.raises(ValueError, match="registered twice"):
        registry.add(Command("say", "/say TEXT", "say the text", _echo, aliases=("echo",)))

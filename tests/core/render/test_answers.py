"""Replies as Slack sees them: corpus and user text escaped for mrkdwn, and every message within Slack's limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.core.ingest.pipeline import ingest
from bot.core.registry import Context
from bot.core.render.answers import source_link
from bot.core.render.blockkit import (
    MAX_BLOCKS,
    MAX_CONTEXT_ELEMENTS,
    MAX_FALLBACK_TEXT,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
    Block,
    Reply,
    context,
    escape,
    fit_blocks,
    header,
    link,
    plain,
    section,
    truncate,
    unescape,
)
from bot.core.store import open_store
from bot.core.store.records import ArticleRow
from handlers import build_registry, message

# Slack's limits that `bot.core.render.blockkit` has no constant for (Block Kit reference: actions, button).
MAX_ACTIONS_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000

PINGS = ("<!channel>", "<@U123>", "<https://evil.example|click>")
ESCAPED_PINGS = ("&lt;!channel&gt;", "&lt;@U123&gt;", "&lt;https://evil.example|click&gt;")

HOSTILE_ARTICLE = """\
Defence Minister Ivan Petrov told <!channel> & <@U123> on March 3, 2025 that the Korvik naval base near Velmar \
would stay open.
“Tell <!channel> and <@U123> to read <https://evil.example|click> & stay calm,” Petrov said at the Korvik naval base.
Foreign Minister Olga Brandt <@U123> met Petrov in Velmar & said the Northland navy <!channel> would stay.
"""


def run(line: str, ctx: Context) -> Reply:
    """Answer a line as the transports do: a registered slash command, or else a direct message."""
    if line.startswith("/"):
        name, _, rest = line[1:].partition(" ")
        command = ctx.registry.get(name)
        assert command is not None, line
        return command.answer(rest, ctx)
    return message.answer(line, ctx)


def text_objects(blocks: list[Block]) -> Iterator[dict[str, Any]]:
    """Every text object in the blocks: headers, section texts and fields, context elements, button labels."""
    for block in blocks:
        if isinstance(block.get("text"), dict):
            yield block["text"]
        yield from block.get("fields", [])
        for element in block.get("elements", []):
            yield element["text"] if element.get("type") == "button" else element


def mrkdwn(blocks: list[Block]) -> str:
    """All mrkdwn text of the blocks, one object per line.

    Headers and button labels are plain_text, which Slack shows as written and never parses for mentions or
    links, so they are left out: only mrkdwn must carry `&lt;` instead of `<`.
    """
    return "\n".join(t["text"] for t in text_objects(blocks) if t["type"] == "mrkdwn")


# --- escaping -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Context:
    """A store holding one article full of mentions, a channel ping, a link and ampersands."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    store = open_store(f"sqlite:///{folder / 'bot.db'}")
    assert ingest([folder / "hostile.txt"], store, nlp, report=print).new == 1
    return Context(store=store, registry=build_registry())


HOSTILE_LINES = [
    "/who Ivan Petrov",
    "/who Olga Brandt",
    "/who Korvik naval base",
    "/bases",
    "/bases Korvik",
    "/search channel",
    "/articles",
    "/who <!channel>",
    "/search <!channel> <@U123>",
    "/bases <!channel>",
    "who is Petrov?",
    "news about Velmar",
    "<@U999> tell me about Olga Brandt",
]
FALLBACK_CASES = HOSTILE_LINES


@pytest.mark.parametrize("line", HOSTILE_LINES)
def test_blocks_show_corpus_and_user_text_escaped(line: str, hostile: Context) -> None:
    payload = run(line, hostile).payload()
    shown = mrkdwn(payload["blocks"])

    for ping in PINGS:
        assert ping not in shown, (ping, shown)
    # Not vacuous: every one of these replies quotes the article or the user, so the escaped form is there.
    assert any(escaped in shown for escaped in ESCAPED_PINGS), shown
    # Escaped once, not twice: a person would otherwise read "&lt;" in Slack.
    assert "&amp;lt;" not in shown and "&amp;amp;" not in shown, shown


@pytest.mark.parametrize("line", FALLBACK_CASES)
def test_the_fallback_text_pings_no_one(line: str, hostile: Context) -> None:
    text = run(line, hostile).payload()["text"]

    assert text.strip()
    for ping in PINGS[:2]:
        assert ping not in text, (ping, text)


@pytest.mark.parametrize("line", HOSTILE_LINES)
def test_the_console_shows_the_text_as_written(line: str, hostile: Context) -> None:
    shown = plain(run(line, hostile))

    assert any(ping in shown for ping in PINGS), shown
    assert "&lt;" not in shown and "&gt;" not in shown and "&amp;" not in shown, shown


def test_the_console_shows_a_quote_with_its_link_and_mentions_literally(hostile: Context) -> None:
    reply = run("/who Ivan Petrov", hostile)
    assert "Tell &lt;!channel&gt; and &lt;@U123&gt; to read &lt;https://evil.example|click&gt; &amp; stay calm" in (
        mrkdwn(reply.blocks)
    )
    assert "Tell <!channel> and <@U123> to read <https://evil.example|click> & stay calm" in plain(reply)


def test_a_filter_matching_no_base_does_not_deny_the_bases_that_exist(hostile: Context) -> None:
    assert "Korvik naval base" in plain(run("/bases", hostile))
    shown = plain(run("/bases Atlantis", hostile))
    assert "No military installations match" in shown
    assert "names no installations" not in shown, shown


# --- Slack's limits over a crowded corpus ---------------------------------------------------------------

BASES = [
    ("Korvik", "naval base"),
    ("Drovna", "air base"),
    ("Baltem", "air base"),
    ("Sorenvik", "naval base"),
    ("Quarro", "air base"),
    ("Milbeck", "naval base"),
    ("Tesmar", "air base"),
    ("Yorund", "naval base"),
    ("Peldor", "air base"),
    ("Hastova", "naval base"),
    ("Grumlin", "air base"),
    ("Zarnek", "naval base"),
]
OPERATORS = ["France", "Norway", "Canada", "Brazil"]
TOWNS = ["Velmar", "Ostrava", "Kelburn", "Marnholt", "Drisdale"]
OPENERS = [
    "Defence Minister Ivan Petrov said on Monday that {op}'s {b1} {k1} near {town} would be expanded.",
    "Ivan Petrov, the defence minister of Northland, toured {op}'s {b1} {k1} outside {town}.",
    "Northland's Defence Minister Ivan Petrov flew to {town}, where {op}'s {b1} {k1} sits on the coast.",
]
QUOTES = [
    "“We will keep our promises to every ally, in {town} and beyond, and we will say so {filler},” Petrov said.",
    "“The {b2} {k2} is no bargaining chip,” Petrov told reporters.",
    "“Nobody should doubt our resolve,” Petrov said on day {n} of the talks.",
]
CLOSERS = [
    "Foreign Minister Olga Brandt met Petrov later and said, “Talks on the {b2} {k2} will continue.”",
    "Olga Brandt, the foreign minister of Southland, said the {b2} {k2} near {town} was operated by {op}.",
    "Spokesman Tomas Keller said {op}'s {b2} {k2} had received new aircraft, report number {n}.",
]
CROWD = 60


def crowd_article(n: int) -> str:
    """Article `n` of the crowd: the same people and bases as every other, in varied sentences."""
    b1, k1 = BASES[n % len(BASES)]
    b2, k2 = BASES[(n * 5 + 3) % len(BASES)]
    town = TOWNS[n % len(TOWNS)]
    filler = " ".join(["again and again"] * (n % 7 * 10))  # long quotes in some articles
    values = {"op": OPERATORS[n % len(OPERATORS)], "town": town, "b1": b1, "k1": k1, "b2": b2, "k2": k2, "n": n}
    sentences = [OPENERS[n % 3], QUOTES[n // 3 % 3], CLOSERS[n // 9 % 3]]
    body = " ".join(s.format(filler=filler or "today", **values) for s in sentences)
    return f"{body}\nOn March {n % 28 + 1}, 2025, dispatch {n} from {town} closed.\n"


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Context:
    """A store of 60 articles that all name the same few people and bases."""
    folder = tmp_path_factory.mktemp("crowd")
    for n in range(CROWD):
        (folder / f"{n:02d}.txt").write_text(crowd_article(n), encoding="utf-8")
    store = open_store(f"sqlite:///{folder / 'bot.db'}")
    summary = ingest([folder], store, nlp, report=print)
    assert (summary.new, summary.failed) == (CROWD, 0)
    return Context(store=store, registry=build_registry())


def check_limits(payload: dict[str, Any]) -> None:
    """Everything Slack would reject or cut: block count, text sizes, empty texts, button sizes."""
    assert payload["text"].strip(), payload
    assert len(payload["text"]) <= MAX_FALLBACK_TEXT
    blocks = payload["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        kind = block["type"]
        if kind == "header":
            assert block["text"]["type"] == "plain_text"
            assert 0 < len(block["text"]["text"]) <= MAX_HEADER_TEXT
        elif kind == "section":
            assert "text" in block or "fields" in block
            if "text" in block:
                assert 0 < len(block["text"]["text"]) <= MAX_SECTION_TEXT
            assert len(block.get("fields", [])) <= MAX_FIELDS
            assert all(0 < len(f["text"]) <= MAX_FIELD_TEXT for f in block.get("fields", []))
        elif kind == "context":
            assert 0 < len(block["elements"]) <= MAX_CONTEXT_ELEMENTS
            assert all(0 < len(e["text"]) <= MAX_SECTION_TEXT for e in block["elements"])
        elif kind == "actions":
            elements = block["elements"]
            assert 0 < len(elements) <= MAX_ACTIONS_ELEMENTS
            assert len({e["action_id"] for e in elements}) == len(elements)
            for button in elements:
                assert 0 < len(button["text"]["text"]) <= MAX_BUTTON_TEXT
                assert 0 < len(button["value"]) <= MAX_BUTTON_VALUE
        else:
            assert kind == "divider", block


def buttons(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, command line) of every button in a payload."""
    return [
        (e["text"]["text"], e["value"])
        for block in payload["blocks"]
        if block["type"] == "actions"
        for e in block["elements"]
    ]


LONG_WORDS = " ".join(f"word{n}" for n in range(60))
LIMIT_LINES = [
    "/help",
    "/who Ivan Petrov",
    "/who Petrov --page 2",
    "/who Olga Brandt",
    "/who Tomas Keller",
    "/who Korvik naval base",
    "/who Velmar",
    "/who Qwxyzzy",
    "/who " + "Petrov " * 60,
    "/who",
    "/bases",
    "/bases --page 2",
    "/bases France",
    "/bases Korvik",
    "/bases Atlantis",
    "/search Petrov",
    "/search Petrov --page 12",
    "/search Petrov --page 999",
    "/search " + LONG_WORDS,
    '/search ((( "NEAR" * -',
    "/articles",
    "/articles 20",
    "/articles 100000",
    "/articles 0",
    "/articles abc",
    "who is Petrov?",
    "which bases does France have?",
    "news about Velmar",
    "latest news",
    "gibberish that means nothing at all",
]


@pytest.mark.parametrize("line", LIMIT_LINES, ids=[line[:40] for line in LIMIT_LINES])
def test_every_reply_and_every_button_it_offers_keeps_within_slack_limits(line: str, crowd: Context) -> None:
    payload = run(line, crowd).payload()
    check_limits(payload)
    for _label, command_line in buttons(payload):
        check_limits(run(command_line, crowd).payload())


def test_a_profile_of_someone_in_every_article_is_cut_to_fit(crowd: Context) -> None:
    reply = run("/who Ivan Petrov", crowd)
    payload = reply.payload()

    assert f"in {CROWD} articles" in mrkdwn(payload["blocks"])
    assert buttons(payload) == [("More articles", "/who Ivan Petrov --from 6")]
    check_limits(payload)


def sources_on_page(payload: dict[str, Any]) -> list[str]:
    """The article file names a /search or /who page lists, in order."""
    return re.findall(r"· (\d\d\.txt)", mrkdwn(payload["blocks"]))


def follow_more(first_line: str, label: str, ctx: Context) -> list[dict[str, Any]]:
    """Every page of a paged reply, following its "more" button until there is none."""
    pages = [run(first_line, ctx).payload()]
    while more := [value for name, value in buttons(pages[-1]) if name == label]:
        assert len(pages) < CROWD, "the more button never goes away"
        assert re.search(r"--(page|from) \d+$", more[0]), more
        pages.append(run(more[0], ctx).payload())
    return pages


def test_a_search_matching_every_article_pages_through_all_of_them_once(crowd: Context) -> None:
    first = run("/search Petrov", crowd).payload()
    assert f"{CROWD} articles match" in mrkdwn(first["blocks"])
    assert buttons(first) == [("More results", "/search Petrov --page 2")]

    pages = follow_more("/search Petrov", "More results", crowd)

    seen = [source for page in pages for source in sources_on_page(page)]
    assert len(sources_on_page(pages[1])) == 5
    assert set(sources_on_page(pages[0])).isdisjoint(sources_on_page(pages[1]))
    assert sorted(seen) == [f"{n:02d}.txt" for n in range(CROWD)]


def test_the_more_articles_button_of_a_profile_pages_through_every_article_once(crowd: Context) -> None:
    pages = follow_more("/who Ivan Petrov", "More articles", crowd)

    seen = [source for page in pages for source in sources_on_page(page)]
    assert sorted(seen) == [f"{n:02d}.txt" for n in range(CROWD)]


def test_the_bases_list_pages_through_every_base_once(crowd: Context) -> None:
    pages = follow_more("/bases", "More", crowd)

    names = [m for page in pages for m in re.findall(r"^\*(\w+) (?:air|naval) base\*", mrkdwn(page["blocks"]), re.M)]
    assert len(pages) == 2
    assert sorted(names) == sorted(name for name, _ in BASES)


def test_quoted_sentences_keep_their_italics_on_one_line(crowd: Context) -> None:
    for line in ("/who Olga Brandt", "/who Tomas Keller", "/who Ivan Petrov"):
        shown = mrkdwn(run(line, crowd).payload()["blocks"])
        assert not [row for row in shown.splitlines() if row.strip() == "_"], shown


# --- the builders ---------------------------------------------------------------------------------------


def test_truncate_leaves_short_text_alone() -> None:
    assert truncate("Lavrov spoke.", 13) == "Lavrov spoke."
    assert truncate("", 5) == ""


def test_truncate_cuts_at_a_word_boundary_and_marks_the_cut() -> None:
    text = "The minister said the talks would continue next week in the capital"
    cut = truncate(text, 30)

    assert len(cut) <= 30
    assert cut.endswith("…")
    kept = cut.removesuffix("…")
    assert text.startswith(kept) and text[len(kept)] == " "
    assert kept == "The minister said the talks"


def test_truncate_cuts_a_word_without_spaces_hard() -> None:
    cut = truncate("x" * 100, 10)
    assert cut == "x" * 9 + "…"


@pytest.mark.parametrize("offset", range(6))
def test_truncate_never_leaves_half_an_escape(offset: int) -> None:
    # The cut falls at every position inside "&amp;" in turn.
    text = "y" * (20 - offset) + "&amp;" + "z" * 40
    cut = truncate(text, 21)

    assert len(cut) <= 21
    assert not re.search(r"&[a-z]*…$", cut), cut
    assert cut.removesuffix("…") in {"y" * (20 - offset), "y" * (20 - offset) + "&amp;"}


def test_fit_blocks_keeps_fifty_and_says_how_many_went() -> None:
    fifty = [section(f"item {n}") for n in range(MAX_BLOCKS)]
    assert fit_blocks(fifty) == fifty

    many = [section(f"item {n}") for n in range(120)]
    fitted = fit_blocks(many)
    assert len(fitted) == MAX_BLOCKS
    assert fitted[: MAX_BLOCKS - 1] == many[: MAX_BLOCKS - 1]
    assert fitted[-1] == context(f"_{120 - (MAX_BLOCKS - 1)} more items not shown._")


def test_payload_fits_blocks_and_text() -> None:
    reply = Reply(text="word " * 2000, blocks=[section("x")] * 60)
    payload = reply.payload()
    assert len(payload["blocks"]) == MAX_BLOCKS
    assert len(payload["text"]) <= MAX_FALLBACK_TEXT and payload["text"].endswith("…")


def test_builders_cut_to_slack_sizes() -> None:
    assert len(header("h" * 400)["text"]["text"]) == MAX_HEADER_TEXT
    block = section("s " * 4000, fields=["f " * 2000] * 14)
    assert len(block["text"]["text"]) <= MAX_SECTION_TEXT
    assert len(block["fields"]) == MAX_FIELDS
    assert all(len(f["text"]) <= MAX_FIELD_TEXT for f in block["fields"])


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<@U123>", "&lt;@U123&gt;"),
        ("<https://evil.example|click>", "&lt;https://evil.example|click&gt;"),
        ("Marks & Spencer", "Marks &amp; Spencer"),
        ("&lt; is not a tag", "&amp;lt; is not a tag"),
        ("*bold* _it_ `code`", "*bold* _it_ `code`"),
    ],
)
def test_escape_makes_control_characters_literal_and_unescape_undoes_it(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped
    assert unescape(escape(raw)) == raw


def test_plain_shows_a_reply_without_blocks_from_its_text() -> None:
    assert plain(Reply(text="Unknown command /x & <!here>.")) == "Unknown command /x & <!here>.\n"


def test_blocks_built_from_the_crowd_are_not_empty(crowd: Context) -> None:
    # A guard for the limit checks above: they must have had real, full replies to look at.
    payload = run("/who Ivan Petrov", crowd).payload()
    assert sum(len(t["text"]) for t in text_objects(payload["blocks"])) > 2000
    assert len(run("/bases", crowd).payload()["blocks"]) > 10


def test_the_more_button_of_a_very_long_search_still_turns_the_page(crowd: Context) -> None:
    query = " ".join(["Petrov"] * 400)  # 2,799 characters; only the first words reach the search
    first = run(f"/search {query}", crowd).payload()
    [(label, command_line)] = buttons(first)

    assert label == "More results"
    assert command_line.endswith("--page 2"), command_line[-40:]
    assert set(sources_on_page(run(command_line, crowd).payload())).isdisjoint(sources_on_page(first))


def test_a_bar_in_an_article_address_cannot_set_the_link_text() -> None:
    # Slack reads `<url|text>` up to the first bar: an address with a bar of its own would choose its label.
    hostile = ArticleRow(1, "Headline", datetime(2025, 1, 1, tzinfo=UTC), "", "https://x.example/a|Official <b>")

    # An address with spaces is not a link at all: its name is shown, escaped.
    assert source_link(hostile) == "a|Official &lt;b&gt;"
    barred = replace(hostile, url="https://x.example/a|Official")
    assert source_link(barred) == "<https://x.example/a%7COfficial|a|Official>"
    assert source_link(replace(barred, source="wire")) == "<https://x.example/a%7COfficial|wire>"


def test_a_link_is_kept_to_its_length_once_escaped() -> None:
    # A query string full of "&" grows fivefold when escaped: under the limit raw, far over it in the message.
    address = "https://x.example/?" + "&" * 900
    assert link(address, "wire") == "wire", "too long to link whole: the label alone"
    assert link("https://x.example/?a=1&b=2", "wire") == "<https://x.example/?a=1&amp;b=2|wire>"

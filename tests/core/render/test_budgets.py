"""Budgets, not cuts: for arbitrary long headlines, names, sentences and URLs and many items, every item an answer
holds is either shown whole or counted in "…and N more", every text stays within Slack's limits, and no link,
escape sequence or mention is split (Hypothesis)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.alerts.render import alert_reply
from bot.core.digest.render import ALSO_REPORTED_CHARS, render
from bot.core.digest.stories import DigestArticle, Story
from bot.core.models import EntityType
from bot.core.query import InstallationSummary, Profile
from bot.core.query.profiles import RoleSummary
from bot.core.render.answers import (
    SENTENCE_CHARS,
    SNIPPET_CHARS,
    articles_reply,
    bases_reply,
    profile_reply,
    search_reply,
    snippet_mrkdwn,
    source_link,
)
from bot.core.render.blockkit import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    Reply,
    clip,
    cut_mrkdwn,
    escape,
    quote,
    retext,
    truncate,
)
from bot.core.store.alerts import Alert
from bot.core.store.records import ArticleRow, EntityRow, Said, Sighting
from bot.core.store.search import HIT_END, HIT_START, Hit
from handlers import build_registry

WHEN = datetime(2026, 1, 2, tzinfo=UTC)
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("&<>|*_"),
                min_size=1, max_size=600)  # fmt: skip
urls = st.none() | st.builds(lambda path: "https://wire.example/" + path, st.text("ab/&?=%|<>", max_size=3000))


@st.composite
def article_rows(draw: Any, count: int) -> list[ArticleRow]:
    return [
        ArticleRow(id=n, headline=f"[{n}] " + draw(texts), published=WHEN, source=draw(texts), url=draw(urls))
        for n in range(count)
    ]


def checked(reply: Reply) -> list[str]:
    """Slack's limits and whole markup in every text; the section texts."""
    payload = reply.payload()
    assert len(payload["blocks"]) <= MAX_BLOCKS
    shown = []
    for block in payload["blocks"]:
        objects = [block.get("text") or {}, *[e for e in block.get("elements", []) if e.get("type") == "mrkdwn"]]
        for text in [o["text"] for o in objects if o.get("type") == "mrkdwn"]:  # plain_text shows as typed
            assert len(text) <= MAX_SECTION_TEXT
            unquoted = re.sub(r"^> ", "", text, flags=re.M)  # a mrkdwn quote line starts with ">"
            assert unquoted.count("<") == unquoted.count(">"), "a link or mention split"
            assert not re.search(r"&(?!amp;|lt;|gt;)", text), "an escape sequence split"
        if block["type"] == "section":
            shown.append(block["text"]["text"])
    return shown


def counted(reply: Reply) -> int:
    found = re.findall(r"…and (\d+) more", str(reply.blocks))
    return int(found[0]) if found else 0


def _numbers(shown: list[str]) -> list[int]:
    return [int(n) for n in re.findall(r"^• \*\[(\d+)\]", "\n".join(shown), re.M)]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 20).flatmap(lambda n: article_rows(n)), st.integers(0, 5))
def test_articles_every_item_is_shown_or_counted_and_the_button_shows_exactly_the_rest(
    rows: list[ArticleRow], start: int
) -> None:
    start = min(start, len(rows) - 1)
    wanted = len(rows)
    reply = articles_reply(rows[start:], 100, wanted, start)
    numbers = _numbers(checked(reply))
    assert numbers == list(range(start, start + len(numbers))), "shown in order, none skipped"
    assert len(numbers) + counted(reply) == wanted - start
    buttons = [e["value"] for b in reply.blocks if b["type"] == "actions" for e in b["elements"]]
    if counted(reply):
        assert buttons == [f"/articles {wanted} --from {start + len(numbers) + 1}"]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: article_rows(n)), texts, texts, st.integers(5, 500))
def test_a_profile_shows_or_counts_every_article(
    rows: list[ArticleRow], entity: str, sentence: str, total: int
) -> None:
    person = EntityRow(id=1, name=entity, type=EntityType.PERSON, article_count=total)
    profile = Profile(person, [], [Sighting(a, sentence) for a in rows], [], [])
    reply = profile_reply(profile)
    numbers = _numbers(checked(reply))
    assert numbers == list(range(len(numbers))) and numbers
    assert len(numbers) + counted(reply) == max(total, len(numbers))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 400).flatmap(lambda n: article_rows(n)), texts)
def test_a_watch_alert_shows_or_counts_every_article(rows: list[ArticleRow], watched: str) -> None:
    reply = alert_reply([Alert(a, [watched]) for a in rows])
    numbers = _numbers(checked(reply))
    assert numbers == list(range(len(numbers)))
    assert len(numbers) + counted(reply) == len(rows)


def test_a_long_watch_alert_names_the_search_command_as_the_install_types_it() -> None:
    rows = [ArticleRow(n, "Talks & <more> " * 20, WHEN, "wire", None) for n in range(1000)]
    reply = alert_reply([Alert(a, ["Lavrov"]) for a in rows])
    assert counted(reply) > 0
    retyped = retext(reply, build_registry("news-staging").retyper("/news-staging ", ["whois", "bases", "digest"]))
    hints = str(retyped.blocks)
    assert "`/news-staging search`" in hints and "`/news-staging watches`" in hints and "`/news search`" not in hints


@given(texts, st.integers(5, 400))
def test_clip_and_cut_never_split_an_escape_and_keep_to_the_limit(raw: str, limit: int) -> None:
    clipped = clip(raw, limit)
    assert len(clipped) <= limit and not re.search(r"&(?!amp;|lt;|gt;)", clipped)
    linked = f"see <https://x.example/{clipped}|{clipped}> and <@U123>"
    cut = cut_mrkdwn(linked, limit)
    assert len(cut) <= limit and cut.count("<") == cut.count(">")


@st.composite
def installations(draw: Any, count: int) -> list[InstallationSummary]:
    rows = draw(article_rows(count))
    return [
        InstallationSummary(
            entity=EntityRow(id=n, name=f"[{n}] " + draw(texts), type=EntityType.INSTALLATION, article_count=n + 1),
            kind=draw(texts),
            operator=draw(st.none() | texts),
            location=draw(st.none() | texts),
            context=draw(texts),
            article=rows[n],
            stated=(),
        )
        for n in range(count)
    ]


HOSTILE = "Talks & <more> " * 40  # every character mrkdwn escapes, long: escaped, it is several times longer


def _installation(n: int, text: str) -> InstallationSummary:
    row = ArticleRow(id=n, headline=text, published=WHEN, source=text, url=None)
    entity = EntityRow(id=n, name=f"[{n}] {text}", type=EntityType.INSTALLATION, article_count=1)
    return InstallationSummary(entity, kind=text, operator=text, location=text, context=text, article=row, stated=())


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 25).flatmap(lambda n: installations(n)), st.integers(1, 3))
@example([_installation(n, HOSTILE) for n in range(3)], 1)
def test_every_installation_of_a_bases_page_is_shown_whole(items: list[InstallationSummary], page: int) -> None:
    per_page = 10
    page = min(page, (len(items) - 1) // per_page + 1)
    sections = checked(bases_reply(items, "", page, per_page))
    numbers = [int(n) for n in re.findall(r"^\*\[(\d+)\]", "\n".join(sections), re.M)]
    on_page = items[(page - 1) * per_page : page * per_page]
    assert numbers == [int(i.entity.name[1 : i.entity.name.index("]")]) for i in on_page]
    ends = [quote(truncate(i.context, SENTENCE_CHARS)) for i in on_page]
    assert all(any(text.endswith(end) for text in sections) for end in ends), "no item cut by its section"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 10).flatmap(lambda n: article_rows(n)), texts, texts)
@example([ArticleRow(n, f"[{n}] {HOSTILE}", WHEN, HOSTILE, None) for n in range(3)], HOSTILE, HOSTILE)
def test_every_search_hit_is_shown_whole(rows: list[ArticleRow], query: str, snippet: str) -> None:
    marked = f"{snippet} {HIT_START}{snippet}{HIT_END}"
    hits = [Hit(r.id, r.headline, r.published, r.source, r.url, marked) for r in rows]
    sections = checked(search_reply(query, hits, 100, 1, 10))
    assert [int(n) for n in re.findall(r"^\*\[(\d+)\]", "\n".join(sections), re.M)] == [r.id for r in rows]
    hit_sections = [text for text in sections if text.startswith("*[")]
    if len(escape(marked)) <= SNIPPET_CHARS:
        assert all(text.endswith(f"{escape(snippet)} *{escape(snippet)}*") for text in hit_sections)


@given(st.text(alphabet="ab &<", max_size=40), st.text(alphabet="ab &<", min_size=1, max_size=40), st.integers(5, 60))
def test_a_cut_snippet_never_leaves_a_match_open(before: str, match: str, limit: int) -> None:
    shown = snippet_mrkdwn(f"{before}{HIT_START}{match}{HIT_END} after", limit)
    assert len(shown) <= limit + 1 and shown.count("*") % 2 == 0 and not re.search(r"&(?!amp;|lt;|gt;)", shown)


labels = texts.map(lambda text: text.replace("/", "")).filter(bool)  # a source's name (the last part of a path)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(labels, urls), max_size=120))
@example([(HOSTILE, "https://wire.example/" + "&" * 150 + "a" * 300)] * 60)
def test_a_digest_story_shows_or_counts_every_other_source(others: list[tuple[str, str | None]]) -> None:
    def item(n: int, source: str, url: str | None) -> DigestArticle:
        return DigestArticle(ArticleRow(n, "Lead story", WHEN, source, url), [], [])

    lead = item(0, "Lead wire", None)
    story = Story(lead, [item(n + 1, f"[{n}] {source}", url) for n, (source, url) in enumerate(others)])
    messages = render([story], story.articles)
    shown = [text for reply in messages for text in checked(reply)]
    also = [text for text in shown if "Also reported by" in text]
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", "\n".join(also))]
    assert numbers == list(range(len(numbers))), "in order, none skipped"
    more = re.findall(r"and (\d+) more_", "\n".join(also))
    assert len(numbers) + int(more[0] if more else 0) == len(others)
    if len(", ".join(source_link(o.article) for o in story.others)) <= ALSO_REPORTED_CHARS:
        assert not more, "a budget, not a number: every source that fits is named"


def test_a_digest_story_counts_the_names_it_does_not_show() -> None:
    people = [EntityRow(n, f"Person {n}", EntityType.PERSON, 10 - n) for n in range(9)]
    story = Story(DigestArticle(ArticleRow(1, "Lead story", WHEN, "wire", None), [], people), [])
    [message] = render([story], story.articles)
    [named] = [b for b in message.blocks if b["type"] == "context" and "People:" in str(b)]
    assert named["elements"][0]["text"] == "People: " + ", ".join(f"Person {n}" for n in range(6)) + " and 3 more"


@settings(max_examples=40, deadline=None)
@given(st.lists(labels, min_size=1, max_size=60), texts)
@example([HOSTILE] * 60, HOSTILE)
def test_a_profile_shows_or_counts_every_role(titles: list[str], sentence: str) -> None:
    article = ArticleRow(1, "Headline", WHEN, "wire", None)
    roles = [RoleSummary(f"{{{n}}} {title}", 1, Said(title, sentence, article)) for n, title in enumerate(titles)]
    person = EntityRow(id=1, name="Someone", type=EntityType.PERSON, article_count=1)
    reply = profile_reply(Profile(person, roles, [], [], []))
    shown = "\n".join(checked(reply))
    numbers = sorted({int(n) for n in re.findall(r"\{(\d+)\}", shown)})
    assert numbers == list(range(len(numbers))), "the most stated first, none skipped"
    more = re.findall(r"and (\d+) more roles?", shown)
    assert len(numbers) + int(more[0] if more else 0) == len(titles)

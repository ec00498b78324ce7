"""Direct messages and mentions: a question gets exactly the answer of the command it means, with the asker's
context; what cannot be placed gets the help. (Routing rules themselves are tested in tests/test_cli.py.)"""

from __future__ import annotations

import pytest

from bot.core.alerts import watches
from bot.core.registry import Answer, Context
from handlers import articles, bases, help, message, search, who
from tests.handlers.support import kinds, new_user, texts

NOTE = "I couldn't place that question. Here is what I can answer:"


@pytest.mark.parametrize(
    ("question", "answer", "argument"),
    [
        ("which bases does Russia have?", bases.answer, "Russia"),
        ("bases in Syria", bases.answer, "Syria"),
        ("news about Astana", search.answer, "Astana"),
        ("what's new about the Astana process?", search.answer, "the Astana process"),
        ("latest news", articles.answer, ""),
        ("latest", articles.answer, ""),
        ("what's the latest?", articles.answer, ""),
        ("what happened yesterday?", search.answer, "from:yesterday to:yesterday"),
        ("news from today", search.answer, "from:today to:today"),
        ("headlines", articles.answer, ""),
        ("what do you know about Lavrov?", who.answer, "Lavrov"),
        ("What can you tell me about the Hmeimim airbase?", who.answer, "the Hmeimim airbase"),
        ("hello!", help.answer, ""),
        ("Hmeimim", who.answer, "Hmeimim"),
        ("where is Hmeimim?", who.answer, "Hmeimim"),
        ("Where's the Hmeimim airbase?", who.answer, "Hmeimim airbase"),
        ("where are the Russian bases?", bases.answer, ""),
        ("who is Russia's foreign minister?", who.answer, "Russia's foreign minister"),
        ("who commands CENTCOM?", who.answer, "commander of CENTCOM"),
        ("Who heads the Syrian Democratic Forces?", who.answer, "head of the Syrian Democratic Forces"),
        ("/bases Russia", bases.answer, "Russia"),
        ("who is Lavrov?", who.answer, "Lavrov"),
        ("what did Lavrov say?", who.answer, "Lavrov"),
        ("What has Lavrov said about the Astana process?", search.answer, 'about:"Lavrov" the Astana process'),
        ("what is Peskov saying?", who.answer, "Peskov"),
        ("/who Lavrov", who.answer, "Lavrov"),  # typed as text: a built-in Slack never sends the bot as a command
        ("/news who Lavrov", who.answer, "Lavrov"),
        ("<@U0BOT> /whois Lavrov", who.answer, "Lavrov"),
        ("<@U0BOT> /search Astana", search.answer, "Astana"),
    ],
)
def test_a_question_gets_the_reply_of_the_command_it_means(
    question: str, answer: Answer, argument: str, corpus: Context
) -> None:
    assert message.answer(question, corpus) == answer(argument, corpus)


def test_the_reply_is_not_the_help_when_the_question_is_placed(corpus: Context) -> None:
    reply = message.answer("which bases does Russia have?", corpus)

    assert texts(reply)[0] == "Military installations — Russia"
    assert NOTE not in reply.text


@pytest.mark.parametrize("question", ["/frobnicate Lavrov", "Zzyzx", "what does the fox say", "what did you say"])
def test_what_cannot_be_placed_gets_a_note_then_the_whole_help(question: str, corpus: Context) -> None:
    reply = message.answer(question, corpus)
    full_help = help.answer("", corpus)

    assert reply.blocks[0] == {"type": "context", "elements": [{"type": "mrkdwn", "text": NOTE}]}
    assert reply.blocks[1:] == full_help.blocks
    assert kinds(reply) == ["context", "header", "section", "context"]
    assert reply.text == f"{NOTE}\n{full_help.text}"


def test_the_asker_is_passed_on_so_a_watch_asked_for_in_a_message_is_theirs(corpus: Context) -> None:
    ctx = new_user(corpus)
    assert ctx.user_id is not None

    reply = message.answer("/watch Lavrov", ctx)

    assert reply.text.startswith("Watching Sergey Lavrov")
    assert [w.name for w in watches.of(ctx.store, ctx.user_id)] == ["Sergey Lavrov"]


def test_a_nul_in_a_direct_message_is_dropped_not_sent_to_the_store(corpus: Context) -> None:
    assert message.answer("who is Pes\x00kov?", corpus) == message.answer("who is Peskov?", corpus)
    assert message.answer("\x00Peskov\x00", corpus) == message.answer("Peskov", corpus)


@pytest.mark.parametrize("question", ["who heads to Moscow?", "who leads in the polls?", "who runs for president?"])
def test_a_verb_of_motion_or_contest_asks_for_no_role(question: str) -> None:
    routed = message.route(question)
    assert routed is None or not routed[1].startswith(("head of", "leader of"))


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("tell me about Russia's bases", "Russia"),
        ("what are Turkey's military bases?", "Turkey"),
        ("where are the US's air bases?", "the US"),
        ("which bases does Russia have?", "Russia"),
    ],
)
def test_bases_asked_by_whose_they_are_list_that_owners(question: str, owner: str) -> None:
    assert message.route(question) == ("bases", owner)


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        ("tell me about the latest news", ("articles", "")),
        ("tell me about news from Velmoria", ("search", "Velmoria")),
        ("tell me about who leads the NSF", ("who", "leader of the NSF")),
        ("what's the latest on Camp Orvel?", ("search", "Camp Orvel")),
        ("what's happening in Velmoria?", ("search", "Velmoria")),
        ("List Velmoria's bases", ("bases", "Velmoria")),
        ("Show me Velmoria's bases", ("bases", "Velmoria")),
        ("tell me about Camp Orvel", ("who", "Camp Orvel")),
    ],
)
def test_a_request_for_news_or_a_question_inside_another_routes_as_itself(
    question: str, routed: tuple[str, str]
) -> None:
    assert message.route(question) == routed


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        ("tell me about yesterday", ("search", "from:yesterday to:yesterday")),
        ("What happened to Camp Orvel?", ("search", "Camp Orvel")),
        ("what happened in Velmoria", ("search", "Velmoria")),
        ("tell me about new articles on Camp Orvel", ("search", "Camp Orvel")),
        ("recent stories about the NSF", ("search", "the NSF")),
        ("what happened", ("articles", "")),
    ],
)
def test_what_happened_somewhere_or_on_a_day_searches_it(question: str, routed: tuple[str, str]) -> None:
    assert message.route(question) == routed


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        ("what is the news", ("articles", "")),
        ("what are the headlines?", ("articles", "")),
        ("show me the latest", ("articles", "")),
        ("give me the headlines", ("articles", "")),
        ("any updates?", ("articles", "")),
        ("what is new", ("articles", "")),
        ("what is the latest?", ("articles", "")),
        ("what is the news about Velmoria?", ("search", "Velmoria")),
        ("any updates on Camp Orvel?", ("search", "Camp Orvel")),
        ("what is going on in Velmoria?", ("search", "Velmoria")),
        ("what's Newsmax?", ("who", "Newsmax")),
        ("what are the Velmor Hawks?", ("who", "Velmor Hawks")),
    ],
)
def test_a_request_for_the_news_in_other_words_lists_or_searches_articles(
    question: str, routed: tuple[str, str]
) -> None:
    assert message.route(question) == routed


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        ("who owns the Orvel base?", ("who", "the Orvel base")),
        ("which country controls Camp Orvel?", ("who", "Camp Orvel")),
        ("who operates bases in Velmoria?", ("bases", "Velmoria")),
    ],
)
def test_who_keeps_one_base_asks_for_its_profile(question: str, routed: tuple[str, str]) -> None:
    assert message.route(question) == routed

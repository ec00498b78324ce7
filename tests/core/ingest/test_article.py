"""A document becomes an article: normalised text, headline, date and content hash."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.core.ingest.article import (
    HEADLINE_MAX,
    content_hash,
    date_in_text,
    dateline,
    headline_of,
    normalise_text,
    printed_date,
    to_article,
)
from bot.core.models import Document
from tests.core.ingest.test_files import (
    ARTICLE_PAGE,
    FILE_TIME,
    NOW,
    SEED_ARTICLES,
    doc,
    only_document,
    read_all,
    write,
)


def test_normalise_text() -> None:
    messy = "  Cafe\u0301 opens.  \r\nSecond line\t\r\n\r\n\r\n\r\n\n\nThird paragraph.   \n\n"
    assert normalise_text(messy) == "Café opens.\nSecond line\n\nThird paragraph."


def test_content_hash_ignores_line_endings_spacing_and_case() -> None:
    unix = "Ships left Tartus.\nThey sailed north.\n"
    windows = "Ships  left Tartus. \r\n\r\nthey sailed   NORTH.\r\n"
    assert content_hash(unix) == content_hash(windows)
    assert content_hash(unix) != content_hash("Ships left Tartus.\nThey sailed south.\n")
    assert len(content_hash(unix)) == 64


def test_to_article_normalises_and_passes_url_and_source_through() -> None:
    article = to_article(
        Document(text="Ships left.\r\nThey  sailed. \r\n", source="wire:3", url="https://e.com/a"), NOW
    )
    assert article.text == "Ships left.\nThey  sailed."
    assert article.source == "wire:3"
    assert article.url == "https://e.com/a"
    assert article.headline == "Ships left."
    assert article.content_hash == content_hash("ships left. they sailed.")


# --- headlines --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Ships left Tartus. They sailed north.", "Ships left Tartus."),
        ("Did they leave? Nobody knows.", "Did they leave?"),
        ("They left! Everyone saw.", "They left!"),
        ('He spoke. "We leave," he said.', "He spoke."),
        ("It was over.” Then silence.", "It was over.”"),
        ("The U.S. Navy sailed. It left.", "The U.S. Navy sailed."),
        ("Mr. Smith and Dr. Jones met. They talked.", "Mr. Smith and Dr. Jones met."),
        ("They met at St. Mary's church. Then left.", "They met at St. Mary's church."),
        ("John F. Kennedy spoke. Then he left.", "John F. Kennedy spoke."),
        ("Sales rose 3.5 percent. Prices fell.", "Sales rose 3.5 percent."),
        ("It ended at 5 p.m. on Monday. Then rain.", "It ended at 5 p.m. on Monday."),
        ("Talks end in Moscow\n\nThe meeting was long. It ended.", "Talks end in Moscow"),
        ("# Talks end\n\nBody.", "Talks end"),
        ("No stop at all", "No stop at all"),
        ("First line\nwraps here. Next.", "First line wraps here."),
        # a story that opens with its dateline: the headline is the sentence after it
        ("KARAVIK, May 2. /Nordpress/. Ministers met in Karavik. They talked.", "Ministers met in Karavik."),
        ("KARAVIK (Wirenews) - Ministers met. They talked.", "Ministers met."),
    ],
)
def test_headline_is_the_first_sentence(text: str, headline: str) -> None:
    assert headline_of(text) == headline


def test_a_long_headline_is_cut_at_a_word_boundary() -> None:
    words = "The foreign ministers of Türkiye and Russia spoke by telephone to discuss the evolving crisis"
    text = f"{words} in Syria and the Astana process in detail today. Second."
    headline = headline_of(text)
    assert len(headline) <= HEADLINE_MAX
    assert headline.endswith("…")
    stem = headline.removesuffix("…")
    assert text.startswith(stem)
    assert text[len(stem)] == " "
    assert len(stem) > HEADLINE_MAX - 15


def test_a_headline_of_exactly_the_limit_is_not_cut() -> None:
    text = "x" * (HEADLINE_MAX - 1) + "."
    assert headline_of(text) == text


def test_a_single_overlong_word_is_cut_hard() -> None:
    headline = headline_of("y" * 300)
    assert headline == "y" * (HEADLINE_MAX - 1) + "…"


def test_a_title_wins_over_the_text_and_is_shortened_too() -> None:
    assert to_article(doc("First sentence. Second.", title=" Given\n title "), NOW).headline == "Given title"
    long_title = "word " * 40
    headline = to_article(doc("Text.", title=long_title), NOW).headline
    assert len(headline) <= HEADLINE_MAX and headline.endswith("word…")


def test_a_blank_title_falls_back_to_the_text() -> None:
    assert to_article(doc("From the text. More.", title="   "), NOW).headline == "From the text."


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On October 15, 2025, the leaders met.",
        "The leaders met on October 15, 2025.",
        "The leaders met on Oct. 15, 2025 in Moscow.",
        "The leaders met on Oct 15 2025.",
        "The leaders met on 15 October 2025.",
        "The leaders met on 15th October, 2025.",
        "The leaders met on October 15th, 2025.",
        "Filed 2025-10-15 by the desk.",
        "Filed 2025-10-15T08:30:00Z by the desk.",
        "MOSCOW, OCTOBER 15, 2025 — the leaders met.",
    ],
)
def test_date_in_text_finds_each_format(text: str) -> None:
    assert date_in_text(text) == date(2025, 10, 15)


@pytest.mark.parametrize(
    "text",
    [
        "In September 2025 the talks stalled.",
        "Talks began in Sept. 2025 and ended in 2026.",
        "No date here at all.",
        "The code 12025-10-15 is not a date, nor is 2025-10-155.",
        "On February 30, 2025 nothing happened.",
        "It was 2025-13-01.",
    ],
)
def test_date_in_text_needs_a_real_full_date(text: str) -> None:
    assert date_in_text(text) is None


def test_date_in_text_takes_the_first_full_date() -> None:
    text = "In September 2025 talks stalled; on 3 March 2024 they began; on 2025-10-15 they ended."
    assert date_in_text(text) == date(2024, 3, 3)
    assert date_in_text("On February 30, 2025 or May 1, 2025, depending.") == date(2025, 5, 1)


def test_published_prefers_text_date_then_field_then_file_time_then_now() -> None:
    field = datetime(2025, 1, 2, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    dated = "On October 15, 2025, they met."
    undated = "They met."
    assert to_article(doc(dated, published=field, file_time=FILE_TIME), NOW).published == datetime(
        2025, 10, 15, tzinfo=UTC
    )
    from_field = to_article(doc(undated, published=field, file_time=FILE_TIME), NOW).published
    assert from_field == datetime(2025, 1, 2, 9, 0, tzinfo=UTC)
    assert from_field.tzinfo is UTC
    assert to_article(doc(undated, file_time=FILE_TIME), NOW).published == FILE_TIME
    assert to_article(doc(undated), NOW).published == NOW


HISTORY_ONLY = (
    "Talks resume\n\nOfficials from both governments met on Monday to discuss the future of the base, which "
    "opened on October 15, 2019, after a year of building."
)


def test_only_a_date_the_story_or_its_source_gives_makes_an_article_dated() -> None:
    field = datetime(2025, 1, 2, tzinfo=UTC)
    dateline = "ANKARA, March 3, 2025 (Reuters) - They met."
    assert to_article(doc(dateline, file_time=FILE_TIME), NOW).dated
    assert to_article(doc("They met.", published=field, file_time=FILE_TIME), NOW).dated
    # The file's time and the time of indexing stand in for a date, and the article says it has none of its own.
    assert not to_article(doc("They met.", file_time=FILE_TIME), NOW).dated
    assert not to_article(doc("They met.", file_time=None), NOW).dated
    # A date inside the story is not the article's, so it stays undated.
    assert not to_article(doc(HISTORY_ONLY, file_time=FILE_TIME), NOW).dated


def test_a_date_inside_the_story_never_beats_the_html_metadata_date(tmp_path: Path) -> None:
    page = ARTICLE_PAGE.replace("on Wednesday", "on 1 October 2025")
    document = only_document(read_all(write(tmp_path / "page.html", page)))
    assert document.published == datetime(2025, 10, 15, tzinfo=UTC)
    assert to_article(document, NOW).published == datetime(2025, 10, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        (
            "Headline\nBy A Reporter\nUpdated 3:47 PM GMT+2, January 19, 2026\n\nDAMASCUS, Syria (AP) — " + "x " * 90,
            date(2026, 1, 19),
        ),
        ("Headline?\nSomeone  |14.04.2026 - 16:20\n\nAnkara (AA) - " + "y " * 90, date(2026, 4, 14)),
        ("Headline: live\nIssued on: 19/02/2026 - 11:48\n\nQamishli (Syria) (AFP) - " + "z " * 90, date(2026, 2, 19)),
        ("ANKARA, March 3, 2025 — Turkish President met the envoy. " * 4, date(2025, 3, 3)),
        ("Envoy Tells Council " * 9 + "\nSC/1\n12 May 2026\nSecurity Council\n\n" + "t " * 90, date(2026, 5, 12)),
        ("The envoy told the Council that the talks had stalled again on 12 May 2026, " * 2 + "t " * 90, None),
        ("Headline\n\nMOSCOW, February 11. /TASS/. " + "w " * 90, None),  # no year printed
        ("Headline\n\nVELMORA, 4th March, 2026 (DORPRESS) -- " + "w " * 90, date(2026, 3, 4)),  # an ordinal day
        ("Headline\n\nWhen the war began in March 2011, on 15 March 2011, " + "v " * 90, None),  # history
        ("Headline\n\n" + "u " * 90 + "\nPhoto: a file picture taken on 3 May 2018.", None),  # a caption
    ],
)
def test_the_printed_date_is_the_datelines_or_the_front_matters(text: str, stated: date | None) -> None:
    assert printed_date(normalise_text(text)) == stated


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("DAMASCUS, Syria (AP) — Drones were launched.", "DAMASCUS", "Drones were launched."),
        ("BEIRUT, Feb 24 (Reuters) - Russia and Syria agreed.", "BEIRUT", "Russia and Syria agreed."),
        ("MOSCOW, February 11. /TASS/. Moscow expects.", "MOSCOW", "Moscow expects."),
        ("Damascus, SANA- President al-Sharaa received.", "Damascus", "President al-Sharaa received."),
        ("Qamishli (Syria) (AFP) - US forces began.", "Qamishli", "US forces began."),
        ("ABU KAMAL, Syria — The gate is open.", "ABU KAMAL", "The gate is open."),
        ("Ankara (AA) - Türkiye and Syria agreed.", "Ankara", "Türkiye and Syria agreed."),
        ("VELMORA, MARCH 3, DORPRESS. The port reopened.", "VELMORA", "The port reopened."),
        ("VELMORA, 4th March, 2026 (DORPRESS) -- The port reopened.", "VELMORA", "The port reopened."),
        ("Velmora, Jan. 12 (DNA): The port reopened.", "Velmora", "The port reopened."),
    ],
)
def test_a_dateline_gives_the_place_and_ends_before_the_story(paragraph: str, place: str, rest: str) -> None:
    found = dateline(paragraph)
    assert found is not None and found.place == place and paragraph[found.end :] == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "President Erdogan said on Monday that it would not.",
        "Hmeimim — the base — is busy.",
        "The talks (AP) ended.",
        "Velmora, DORPRESS. The port reopened.",
        "Omar Haddad (left): the garrison commander speaks at the ceremony.",
        "Omar Haddad, Jan. 12 (file): the garrison commander speaks at the ceremony.",
    ],
)
def test_a_sentence_is_not_a_dateline(paragraph: str) -> None:
    assert dateline(paragraph) is None


def test_the_whole_first_line_is_the_headline_with_its_question_mark_and_colon() -> None:
    text = "Syria: will Russia keep its bases? Analysts doubt it\nBy A Reporter\n\nMOSCOW — The talks went on."
    assert headline_of(text) == "Syria: will Russia keep its bases? Analysts doubt it"


def test_under_a_document_symbol_the_headline_is_the_line_below_the_date_organ_and_meeting() -> None:
    # a UN press release as the UN prints it: symbol, date, organ, meeting, then the headline
    text = (
        "SC/17011\n4 March 2026\n\nSecurity Council\n9901st Meeting (PM)\n\n"
        "Envoy Warns Council Ceasefire in Velmor Valley Is Fraying as Talks Stall\n\n"
        "The Special Envoy told the Security Council today that the ceasefire was fraying."
    )
    assert headline_of(text) == "Envoy Warns Council Ceasefire in Velmor Valley Is Fraying as Talks Stall"
    # with no headline line above the story, the symbol line stays what it was: the first line
    assert headline_of("SC/17011\n4 March 2026\n\nThe Council met today and heard a long briefing on it.") == (
        "SC/17011"
    )
    # a first line with a slash that is words, not a symbol, is the headline as before
    assert headline_of("Israel/Gaza: talks resume\n\nCAIRO — Negotiators met.") == "Israel/Gaza: talks resume"


# --- the seed corpus --------------------------------------------------------------------------------


def test_the_seed_articles_become_articles() -> None:
    items = read_all(SEED_ARTICLES)
    documents = [item for item in items if isinstance(item, Document)]
    assert documents and len(documents) == len(items), items
    articles = [to_article(document, NOW) for document in documents]
    for article in articles:
        assert 0 < len(article.headline) <= HEADLINE_MAX
        assert article.published.tzinfo is UTC
    moscow = [article for article in articles if article.text.startswith("On October 15, 2025")]
    assert len(moscow) == 1
    # "On October 15, 2025, …" opens the story: a date inside the story is not the article's, so the file's time is.
    seed = next(d for d in documents if d.text.startswith("On October 15, 2025"))
    assert moscow[0].published == seed.file_time


@pytest.mark.parametrize(
    "published",
    [datetime(9999, 12, 31, tzinfo=UTC), NOW + timedelta(days=60)],
    ids=["9999-12-31", "months-ahead"],
)
def test_a_date_in_the_future_is_the_time_of_indexing(published: datetime) -> None:
    article = to_article(doc("They met.", published=published), NOW)
    assert article.published == NOW and not article.dated


def test_a_future_date_stated_in_the_text_is_not_believed_either() -> None:
    assert to_article(doc("On December 31, 9999, they met."), NOW).published == NOW


def test_a_date_a_few_hours_ahead_of_utc_is_kept() -> None:
    tomorrow_in_auckland = NOW + timedelta(hours=13)
    assert to_article(doc("They met.", published=tomorrow_in_auckland), NOW).published == tomorrow_in_auckland


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Headline\n\nMOSCOW, February 11. /TASS/. " + "w " * 90, date(2026, 2, 11)),  # the reference's year
        ("Headline\n\nMOSCOW, December 30. /TASS/. " + "w " * 90, date(2025, 12, 30)),  # not a day still ahead
        ("Headline\n\nVELMORA, FEBRUARY 20, DORPRESS. " + "w " * 90, date(2026, 2, 20)),  # agency in capitals
        ("A year after the fall of Damascus on 8 December 2024, little has changed\n\n" + "t " * 90, None),
        ("Headline\nPhoto: crowds in the square on 8 December 2024\n\n" + "s " * 90, None),
        ("Headline\nSoldiers at the gate of the base on 3 March 2019. (AFP)\n\n" + "s " * 90, None),
        ("Headline\nSoldiers at the gate on 3 March 2019. REUTERS/Omar Sanadiki\n\n" + "s " * 90, None),
        (
            "Headline\nOn 8 December 2024 rebels entered the capital and the old order fell overnight.\n" + "r " * 90,
            None,
        ),
        ("Headline\nBy A Reporter | Published 3 May 2026\n\n" + "q " * 90, date(2026, 5, 3)),
    ],
)
def test_headlines_captions_and_short_paragraphs_do_not_date_a_story_and_a_yearless_dateline_takes_the_year(
    text: str, stated: date | None
) -> None:
    assert printed_date(normalise_text(text), datetime(2026, 3, 1, tzinfo=UTC)) == stated


@pytest.mark.parametrize(
    ("text", "stated"),
    [("Published 2026/03/05 08:00", date(2026, 3, 5)), ("Updated on the 5th of March 2026", date(2026, 3, 5))],
)
def test_year_first_slashes_and_day_of_month_are_dates(text: str, stated: date) -> None:
    assert date_in_text(text) == stated


@pytest.mark.parametrize(
    "closing",
    [
        "Issued by the Velmor garrison public affairs office, Nov. 13, 2025",
        "Released: 13 November 2025\n\n###",
        "Date: 2025-11-13\n\n- ENDS -",
    ],
)
def test_a_press_releases_closing_line_dates_it_when_nothing_above_the_story_does(closing: str) -> None:
    text = (
        "Garrison marks five years\n\nThe garrison marked five years on Friday with a parade and a speech by its "
        f"commander.\n\n{closing}"
    )
    article = to_article(doc(text, file_time=FILE_TIME), NOW)
    assert (article.published, article.dated) == (datetime(2025, 11, 13, tzinfo=UTC), True)


def test_a_date_in_the_storys_last_sentence_is_no_sign_off() -> None:
    text = (
        "Garrison marks five years\n\nThe garrison marked five years on Friday with a parade and a speech by its "
        "commander.\n\nIt opened on November 13, 2019, after two years of building work."
    )
    assert not to_article(doc(text, file_time=FILE_TIME), NOW).dated


@pytest.mark.parametrize(
    "closing",
    [
        "Released from prison on June 3, 2019, the commander has led the town's defence since.",
        "Posted by a reader, who was released on Jan. 4, 2020",
    ],
)
def test_a_last_line_that_is_a_sentence_is_no_sign_off(closing: str) -> None:
    text = (
        "Garrison marks five years\n\nThe garrison marked five years on Friday with a parade and a speech by its "
        f"commander.\n\n{closing}"
    )
    assert not to_article(doc(text, file_time=FILE_TIME), NOW).dated

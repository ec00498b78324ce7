"""Reading article files of every supported kind into documents, and refusing bad ones with a reason."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.ingest.files import LINK_REASON, MAX_FILE_BYTES, MAX_HTML_ELEMENTS, printable, read_sources, too_complex
from bot.core.ingest.web import page_document
from bot.core.models import Document, SourceError
from tests.conftest import ROOT

SEED_ARTICLES = ROOT / "data" / "articles"
NOW = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
FILE_TIME = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
# Far below the 50 MiB test file and far above what reading the metadata of one file needs.
READ_MEMORY_CEILING = 1024 * 1024
# Root reads files whatever their mode; the kernel still refuses to let anyone read this write-only file.
WRITE_ONLY_PROC_FILE = Path("/proc/sys/vm/drop_caches")

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Talks in Moscow | Example News</title>
  <meta property="og:title" content="Syria's interim president meets Putin in Moscow">
  <meta property="article:published_time" content="2025-10-15T08:30:00+02:00">
  <link rel="canonical" href="https://news.example.com/2025/10/talks">
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Home page</a></li><li><a href="/world">World news</a></li>
    <li><a href="/sport">Sport</a></li>
  </ul></nav></header>
  <main><article>
    <h1>Syria's interim president meets Putin in Moscow</h1>
    <p>Syria's interim President Ahmed al-Sharaa sat across from Russian President Vladimir Putin at the
    Kremlin on Wednesday, the first official talks between the two since the fall of Bashar al-Assad.</p>
    <p>The meeting covered the future of the Russian naval facility at Tartus and the air base at Hmeimim,
    officials said, as well as reconstruction aid and the return of refugees.</p>
    <p>Neither side announced an agreement, but both described the conversation as constructive and said
    their foreign ministers would meet again before the end of the year.</p>
  </article></main>
  <footer><p>Subscribe to our newsletter for daily updates.</p><p>Copyright Example News.</p></footer>
</body>
</html>
"""


def write(path: Path, content: str | bytes) -> Path:
    """Write a file (creating its folder) and give it a known modification time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    os.utime(path, (FILE_TIME.timestamp(), FILE_TIME.timestamp()))
    return path


def read_all(*paths: str | Path) -> list[Document | SourceError]:
    return list(read_sources(paths))


def only_error(items: list[Document | SourceError]) -> SourceError:
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, SourceError), item
    return item


def only_document(items: list[Document | SourceError]) -> Document:
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Document), item
    return item


def doc(
    text: str,
    *,
    title: str | None = None,
    published: datetime | None = None,
    file_time: datetime | None = None,
) -> Document:
    return Document(text=text, source="test", title=title, published=published, file_time=file_time)


# --- plain files and folders ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["story.txt", "story.md", "STORY.TXT"])
def test_a_text_file_becomes_one_document(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "Troops left the base.\n")
    document = only_document(read_all(path))
    assert document.text == "Troops left the base.\n"
    assert document.source == str(path)
    assert document.file_time == FILE_TIME
    assert document.title is None and document.url is None and document.published is None


def test_a_path_given_as_a_string_is_named_as_given(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "Text.")
    assert only_document(read_all(str(path))).source == str(path)


def test_folders_are_walked_sorted_skipping_hidden_and_unsupported_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a.md", "A.")
    write(tmp_path / "sub" / "c.txt", "C.")
    write(tmp_path / "sub" / "deeper" / "d.html", ARTICLE_PAGE)
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "e.txt", "In a hidden folder.")
    write(tmp_path / "notes.pdf", b"%PDF-1.7")
    write(tmp_path / "README", "No extension.")
    items = read_all(tmp_path)
    assert all(isinstance(item, Document) for item in items), items
    assert [Path(item.source).relative_to(tmp_path).as_posix() for item in items] == [
        "a.md",
        "b.txt",
        "sub/c.txt",
        "sub/deeper/d.html",
    ]


def test_an_unsupported_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.pdf", b"%PDF-1.7")
    error = only_error(read_all(path))
    assert error.source == str(path)
    assert "unsupported file type '.pdf'" in error.reason
    assert ".txt" in error.reason


def test_a_missing_path_is_an_error_and_the_rest_are_still_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Fine.")
    items = read_all(tmp_path / "missing.txt", good, tmp_path / "no-folder")
    assert items == [
        SourceError(str(tmp_path / "missing.txt"), "no such file or folder"),
        Document(text="Fine.", source=str(good), file_time=FILE_TIME),
        SourceError(str(tmp_path / "no-folder"), "no such file or folder"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "empty file (only whitespace)"),
        (b"Text\x00with a NUL", "binary file (contains NUL bytes)"),
        (b"caf\xe9 au lait", "not UTF-8 text (invalid byte at offset 3)"),
        (b"\xef\xbb\xbfok \xff", "not UTF-8 text (invalid byte at offset 6)"),
        (b"\xef\xbb\xbf", "empty file"),
    ],
    ids=["empty", "whitespace", "binary", "latin-1", "bad-after-bom", "bom-only"],
)
def test_bad_content_gets_one_clear_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    assert only_error(read_all(path)) == SourceError(str(path), reason)


def test_a_utf8_byte_order_mark_is_accepted_and_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffCafé.".encode())
    assert only_document(read_all(path)).text == "Café."


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        items = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert only_error(items) == SourceError(str(path), "file too large (50.0 MiB; the limit is 10 MiB)")
    assert peak < READ_MEMORY_CEILING


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", b"word " * (MAX_FILE_BYTES // 5))
    assert len(only_document(read_all(path)).text) == MAX_FILE_BYTES


@pytest.fixture
def unreadable_file(tmp_path: Path) -> Iterator[Path]:
    """A .txt file the current user cannot open for reading."""
    path = tmp_path / "locked.txt"
    if os.geteuid() != 0:
        write(path, "Secret.")
        path.chmod(0)
        yield path
        path.chmod(0o600)
    elif WRITE_ONLY_PROC_FILE.exists():
        path.symlink_to(WRITE_ONLY_PROC_FILE)
        yield path
    else:
        pytest.skip("running as root without a write-only file to stand in for an unreadable one")


def test_an_unreadable_file_is_an_error(unreadable_file: Path) -> None:
    error = only_error(read_all(unreadable_file))
    assert error == SourceError(str(unreadable_file), "unreadable (permission denied)")


# --- HTML -------------------------------------------------------------------------------------------


def test_html_keeps_the_article_and_drops_navigation_and_footer(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_PAGE)
    document = only_document(read_all(path))
    assert "sat across from Russian President Vladimir Putin" in document.text
    assert "their foreign ministers would meet again" in document.text
    for boilerplate in ("Home page", "World news", "Subscribe to our newsletter", "Copyright"):
        assert boilerplate not in document.text
    assert document.title == "Syria's interim president meets Putin in Moscow"
    assert document.url == "https://news.example.com/2025/10/talks"
    assert document.published == datetime(2025, 10, 15, tzinfo=UTC)
    assert document.source == str(path)
    assert document.file_time == FILE_TIME


CAPTIONED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Drills at Korvel</title></head>
<body><article>
<h1>Drills at Korvel</h1>
<figure><img src="a.jpg" alt=""><figcaption>Tanks cross the range at Korvel Camp, north of Velmora, on
Tuesday. The camp is home to the Ardanian Army's 4th Brigade. (Photo: Example News)</figcaption></figure>
<p>VELMORA — Soldiers of the 4th Brigade held their largest live-fire drill in a decade on Tuesday, the defence
ministry said, as the region braced for another winter of border incidents.</p>
<p>The ministry did not say how many troops took part, but officials said more than forty tanks had been used.</p>
</article></body></html>
"""


def test_html_keeps_photo_captions_in_the_story(tmp_path: Path) -> None:
    """A photo story says much in its captions (where a base is, whose it is); a figure is text, not furniture."""
    for document in (
        only_document(read_all(write(tmp_path / "page.html", CAPTIONED_PAGE))),
        page_document("https://news.example.com/drills", CAPTIONED_PAGE.encode()),
    ):
        assert isinstance(document, Document)
        assert "The camp is home to the Ardanian Army's 4th Brigade." in document.text
        assert "held their largest live-fire drill" in document.text


CREDITED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Drills at Korvel</title>{meta}</head>
<body><header><p class="site-name">The Velmora Ledger</p><nav><a href="/">Home</a></nav></header>
<article>
<h1>Drills at Korvel</h1>
<p class="byline">Analysis by Olek Varga &middot; <time datetime="2026-05-03">3 May 2026</time></p>
<p>VELMORA — Soldiers of the 4th Brigade held their largest live-fire drill in a decade on Tuesday, the defence
ministry said, as the region braced for another winter of border incidents.</p>
<p>The ministry did not say how many troops took part, but officials said more than forty tanks had been used.</p>
</article></body></html>
"""


@pytest.mark.parametrize(
    ("meta", "outlet"),
    [
        ("", "The Velmora Ledger"),
        ('<meta property="og:site_name" content="Velmora Ledger Online">', "Velmora Ledger Online"),
    ],
)
def test_html_keeps_the_outlet_and_the_byline_under_the_headline(tmp_path: Path, meta: str, outlet: str) -> None:
    """trafilatura drops the masthead and the byline as furniture; they name the outlet and the writer, so each is
    a line under the headline, as a printed story has them (the site's own name in its metadata comes first)."""
    page = CREDITED_PAGE.format(meta=meta)
    for document in (
        only_document(read_all(write(tmp_path / "page.html", page))),
        page_document("https://news.example.com/drills", page.encode()),
    ):
        assert isinstance(document, Document)
        lines = document.text.splitlines()
        assert lines[:3] == ["Drills at Korvel", outlet, "Analysis by Olek Varga · 3 May 2026"]
        assert "Home" not in lines
        assert "held their largest live-fire drill" in document.text


def test_html_prints_a_byline_once_when_the_page_text_keeps_it(tmp_path: Path) -> None:
    byline = '<h1>Drills at Korvel</h1><p rel="author">Olek Varga</p>'  # a paragraph trafilatura keeps
    page = CAPTIONED_PAGE.replace("<h1>Drills at Korvel</h1>", byline)
    text = only_document(read_all(write(tmp_path / "page.html", page))).text
    assert text.count("Olek Varga") == 1


LIVE_BLOG_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Live: Floods reach Korvel</title></head>
<body><header><p class="outlet">Velmora Live Desk</p></header>
<article>
<h1>Live: Floods reach Korvel</h1>
<p class="byline">Live blog by Mira Astan | <time datetime="2026-04-02T09:00:00+02:00">2 April 2026</time></p>
<section class="entry"><h2>12:40</h2>
<p>Water has reached the barracks of Korvel Camp, the garrison's commander said.</p>
</section>
<section class="entry"><h2>11:15</h2>
<p>Governor Teodor Brask [Governor of Lower Velmora] said the dam would hold "for two more days at most."</p>
<p>"Everyone south of the river must leave tonight," he told reporters in Ostrava Nova.</p>
</section>
<section class="entry"><h2>09:30</h2>
<p>Good morning. Rain has fallen on the valley for a fourth day, the weather service said.</p>
</section>
</article></body></html>
"""

# Posts in list items, the first pinned and long enough to pass for a whole story, as many live pages print them.
LISTED_POSTS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Live: Talks in Ostrava Nova</title></head>
<body><main><h1>Live: Talks in Ostrava Nova</h1><ol class="stream">
<li><article class="post post--pinned"><h3>Summary</h3>
<p>Delegations from Velmora and Ardania are meeting in Ostrava Nova for a third day. Foreign minister Lina Ferren
said a deal on the river crossings was close, while the Ardanian side asked for more time to consult its
parliament. Observers from the regional council are present at every session.</p></article></li>
<li><article class="post"><h3>10:20</h3>
<p>Ardanian negotiator Paul Deniko told reporters the crossings would reopen "within the week."</p></article></li>
<li><article class="post"><h3>09:05</h3>
<p>The talks resumed behind closed doors at the old customs house, a council spokeswoman said.</p></article></li>
</ol></main></body></html>
"""


@pytest.mark.parametrize("page", [LIVE_BLOG_PAGE, LISTED_POSTS_PAGE])
def test_html_live_blog_keeps_every_entry_in_order_under_the_credits(tmp_path: Path, page: str) -> None:
    """A live blog prints its story as repeated entries (`<section class="entry">`, `<article>` posts): trafilatura
    took the first for the whole story, so later entries lost their headings or were dropped and the masthead's
    line landed in the middle of the story. Every entry's text comes out in the page's order, under the credits."""
    for document in (
        only_document(read_all(write(tmp_path / "page.html", page))),
        page_document("https://news.example.com/live", page.encode()),
    ):
        assert isinstance(document, Document)
        lines = document.text.splitlines()
        # Each entry's paragraphs (the credits' paragraphs have a class); a time heading may stay as a line.
        expected = [" ".join(found.split()) for found in re.findall(r"<p>(.*?)</p>", page, re.DOTALL)]
        assert [line for line in lines if line in expected] == expected
        if page is LIVE_BLOG_PAGE:
            assert lines[:3] == [
                "Live: Floods reach Korvel",
                "Velmora Live Desk",
                "Live blog by Mira Astan | 2 April 2026",
            ]


PHOTO_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>In pictures: Ardania's river forts | Example News</title></head>
<body><nav><a href="/">Home</a></nav>
<h1>In pictures: Ardania's river forts</h1>
<p class="byline">Photographs by Ilse Marn | <time datetime="2026-03-09">9 March 2026</time></p>
<figure><img src="a.jpg" alt=""><figcaption>Soldiers of the Ardanian river guard raise the flag over Fort Kessel, on
the bank opposite Dravo, on 7 March 2026. (Ilse Marn)</figcaption></figure>
<figure><img src="b.jpg" alt=""><figcaption>A patrol boat leaves the harbour of Fort Linna, the guard's main base, at
dawn. (Ilse Marn)</figcaption></figure>
</body></html>
"""


def test_html_keeps_the_printed_headline_when_the_page_has_no_story_frame(tmp_path: Path) -> None:
    """A page of captioned photos has no story frame, and trafilatura then reads its paragraphs and leaves out the
    headline; a reader sees it first (and it says who and where), so it heads the text, above the byline."""
    for document in (
        only_document(read_all(write(tmp_path / "page.html", PHOTO_PAGE))),
        page_document("https://news.example.com/forts", PHOTO_PAGE.encode()),
    ):
        assert isinstance(document, Document)
        lines = document.text.splitlines()
        assert lines[:2] == ["In pictures: Ardania's river forts", "Photographs by Ilse Marn | 9 March 2026"]
        assert "A patrol boat leaves the harbour of Fort Linna" in document.text


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.htm", "<html><head><title>Nothing</title></head><body></body></html>")
    assert only_error(read_all(path)) == SourceError(str(path), "no article text found in the HTML")


# --- JSON and JSON Lines ----------------------------------------------------------------------------


def test_a_json_object_gives_one_document_with_its_fields(tmp_path: Path) -> None:
    record = {
        "text": "Ships left Tartus.",
        "title": "  Ships leave  ",
        "url": "https://example.com/ships",
        "published": "2025-10-15T10:00:00+02:00",
        "source": "Example Wire",
    }
    path = write(tmp_path / "one.json", json.dumps(record))
    assert only_document(read_all(path)) == Document(
        text="Ships left Tartus.",
        source="Example Wire",
        url="https://example.com/ships",
        title="Ships leave",
        published=datetime(2025, 10, 15, 8, 0, tzinfo=UTC),
        file_time=FILE_TIME,
    )


def test_a_json_list_names_each_record_and_reports_bad_ones(tmp_path: Path) -> None:
    records = [{"text": "First."}, {"title": "No text"}, ["not", "an", "object"], {"text": "Fourth."}]
    path = write(tmp_path / "feed.json", json.dumps(records))
    assert read_all(path) == [
        Document(text="First.", source=f"{path}#1", file_time=FILE_TIME),
        SourceError(f"{path}#2", 'record has no text (needs a non-empty string field "text")'),
        SourceError(f"{path}#3", "record is not a JSON object"),
        Document(text="Fourth.", source=f"{path}#4", file_time=FILE_TIME),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "a",\n "title": }', "malformed JSON (Expecting value at line 2, column 11)"),
        ('"just a string"', "expected a JSON object or a list of objects"),
        ("[]", "no records (the JSON list is empty)"),
        ("[" * 100_000, "malformed JSON (nested too deeply)"),
    ],
    ids=["malformed", "scalar", "empty-list", "too-deep"],
)
def test_a_bad_json_file_is_one_error(tmp_path: Path, content: str, reason: str) -> None:
    path = write(tmp_path / "bad.json", content)
    assert only_error(read_all(path)) == SourceError(str(path), reason)


def test_jsonl_reads_every_good_line_around_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Line one.", "published": "2025-10-15"}),
        '{"text": "broken",',
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "   "}),
        "",
        json.dumps({"text": "Line six.", "source": "Wire", "published": "yesterday"}),
        json.dumps(42),
        json.dumps({"text": 7}),
        json.dumps({"text": "Line nine.\u2028Same record."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\r\n".join(lines) + "\r\n")
    no_text = 'record has no text (needs a non-empty string field "text")'
    assert read_all(path) == [
        Document(
            text="Line one.",
            source=f"{path}:1",
            published=datetime(2025, 10, 15, tzinfo=UTC),
            file_time=FILE_TIME,
        ),
        SourceError(f"{path}:2", "malformed JSON (Expecting property name enclosed in double quotes at column 20)"),
        SourceError(f"{path}:3", no_text),
        SourceError(f"{path}:4", no_text),
        Document(text="Line six.", source="Wire", file_time=FILE_TIME),
        SourceError(f"{path}:7", "record is not a JSON object"),
        SourceError(f"{path}:8", no_text),
        Document(text="Line nine.\u2028Same record.", source=f"{path}:9", file_time=FILE_TIME),
    ]


def test_a_jsonl_line_that_is_not_utf8_is_refused_alone(tmp_path: Path) -> None:
    # An export with one record in Latin-1 ("\xe9" for "é"): that line is refused, the lines around it are read.
    lines = [
        json.dumps({"text": "Line one."}).encode(),
        b'{"text": "Caf\xe9 talks."}',
        json.dumps({"text": "Three."}).encode(),
    ]
    path = write(tmp_path / "feed.jsonl", b"\n".join(lines))
    assert read_all(path) == [
        Document(text="Line one.", source=f"{path}:1", file_time=FILE_TIME),
        SourceError(f"{path}:2", "not UTF-8 text (invalid byte at column 14)"),
        Document(text="Three.", source=f"{path}:3", file_time=FILE_TIME),
    ]


def test_a_naive_published_time_is_taken_as_utc(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": "T.", "published": "2025-10-15 13:45"}))
    assert only_document(read_all(path)).published == datetime(2025, 10, 15, 13, 45, tzinfo=UTC)


# --- normalising, hashing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("published", "2026-04-14T08:00:00Z"), ("date", "2026-04-14"), ("pubDate", "Tue, 14 Apr 2026 08:00:00 GMT")],
)
def test_a_records_date_is_read_from_the_usual_fields_and_formats(tmp_path: Path, field: str, value: str) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"text": "Story text here.", field: value}), encoding="utf-8")
    [document] = list(read_sources([path]))
    assert isinstance(document, Document) and document.published is not None
    assert document.published.date() == datetime(2026, 4, 14, tzinfo=UTC).date()


# Far more than reading and refusing (or extracting) a page under the size limit takes; the page below took over
# 300 s on the development machine.
HOSTILE_PAGE_SECONDS = 20


def test_an_html_page_of_a_million_tiny_paragraphs_is_read_or_refused_in_bounded_time(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text("<html><body><article>" + "<p>a</p>" * 1_000_000 + "</article></body></html>", encoding="utf-8")
    assert page.stat().st_size < MAX_FILE_BYTES
    script = "import sys; from bot.core.ingest.files import read_sources; list(read_sources([sys.argv[1]]))"
    try:
        subprocess.run([sys.executable, "-c", script, str(page)], cwd=ROOT, timeout=HOSTILE_PAGE_SECONDS, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the page took more than {HOSTILE_PAGE_SECONDS} s")


def test_a_fetched_page_of_too_many_elements_is_refused_before_extraction() -> None:
    url = "https://news.example.com/long"

    def page(paragraphs: int) -> bytes:  # html and body are elements too
        return b"<html><body>" + b"<p>a</p>" * paragraphs + b"</body></html>"

    reason = f"page too complex: more than {MAX_HTML_ELEMENTS:,} elements"
    assert page_document(url, page(MAX_HTML_ELEMENTS - 1)) == SourceError(url, reason)
    assert too_complex(page(MAX_HTML_ELEMENTS - 2)) is None  # exactly at the limit: extracted as usual


def test_links_are_read_or_refused_as_the_caller_asks(tmp_path: Path) -> None:
    target = write(tmp_path / "story.txt", "A story.")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert only_document(read_all(link)).text == "A story."  # the command line reads what it is given
    assert only_error(list(read_sources([link], follow_links=False))) == SourceError(str(link), LINK_REASON)


def test_a_name_is_printed_on_one_line_with_its_control_characters_escaped() -> None:
    assert printable("a\nb\r\x1b[31m\u2028c\u202ed ü") == "a\\nb\\r\\x1b[31m\\u2028c\\u202ed ü"

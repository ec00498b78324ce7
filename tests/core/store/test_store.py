"""The store on a real SQLite file: entities resolved across articles, duplicates (search: test_search.py)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot.core import names
from bot.core.extract import extract
from bot.core.models import Article, EntityType, Extracted, Mention, Quote
from bot.core.query.resolve import lookup
from bot.core.store import Store, is_outage, open_store, outage
from bot.core.store import schema as s
from tests.conftest import ROOT


def add(store: Store, nlp: Any, text: str, day: int = 1, headline: str | None = None) -> int | None:
    """Index `text` as an article published on `day` November 2025."""
    article = Article(
        text=text,
        headline=headline or text.split(".")[0],
        published=datetime(2025, 11, day, tzinfo=UTC),
        source=f"test-{day}.txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return store.add_article(article, extract(nlp(text)))


def named(store: Store, name: str) -> list[tuple[str, EntityType, int]]:
    return [(e.name, e.type, e.article_count) for e in store.entities_by_key(name)]


def test_a_family_name_seen_first_joins_the_full_name_seen_later(store: Store, nlp: Any) -> None:
    add(store, nlp, "Lavrov said on Monday that the talks in Geneva would go on.", day=1)
    add(store, nlp, "Russian Foreign Minister Sergey Lavrov arrived in Ankara for talks.", day=2)
    assert named(store, "Lavrov") == [("Sergey Lavrov", EntityType.PERSON, 2)]
    assert named(store, "Sergey Lavrov") == [("Sergey Lavrov", EntityType.PERSON, 2)]


def test_a_family_name_shared_by_two_people_stays_apart(store: Store, nlp: Any) -> None:
    add(store, nlp, "President Bashar al-Assad spoke in Damascus on Sunday.", day=1)
    add(store, nlp, "First Lady Asma al-Assad visited a hospital in Aleppo.", day=2)
    add(store, nlp, "Assad was not seen in public for a week.", day=3)
    people = {e.name for e in store.entities_by_key("Assad")}
    assert people == {"Assad"}
    assert {e.name for e in store.entities_by_surname("assad")} == {"Bashar al-Assad", "Asma al-Assad"}


def test_two_people_each_called_by_a_shared_family_name_stay_apart(store: Store, nlp: Any) -> None:
    # Each article calls its person by the family name alone after the full name: that bare name is no reason to
    # join two people who bear it (a tune article's Michel Haddad took in another article's Anas Haddad).
    add(store, nlp, "Drone pilot Anas Korvelli flew from the airfield. Korvelli said the weather was calm.", day=1)
    add(store, nlp, "Aid worker Michel Korvelli reached the camp on Monday. Korvelli said food was short.", day=2)
    people = {e.name for e in store.entities_by_surname("korvelli")}
    assert people == {"Anas Korvelli", "Michel Korvelli"}


def test_installation_spellings_merge_across_articles(store: Store, nlp: Any) -> None:
    add(store, nlp, "Russian warships returned to the Tartus naval base on Monday.", day=1)
    add(store, nlp, "Moscow keeps its fleet at the Tartous naval port, officials said.", day=2)
    add(store, nlp, "Fighting was reported near Tarsus and in the countryside.", day=3)
    [base] = [i for i in store.installations()]
    assert base.entity.article_count == 2
    assert [stated.value for stated in base.operators] == ["Russia"]
    assert all(e.type is EntityType.PLACE for e in store.entities_by_key("Tarsus"))


def test_a_town_named_like_an_installation_stays_a_town(store: Store, nlp: Any) -> None:
    add(
        store,
        nlp,
        "Government troops took over security at Zarbin airport, where Russian forces were stationed.",
        day=1,
    )
    add(store, nlp, "Two commanders met in Zarbin on Friday, and later spoke to local television in Zarbin.", day=2)
    kinds = sorted(e.type for e in store.entities_by_key("Zarbin"))
    assert kinds == sorted([EntityType.INSTALLATION, EntityType.PLACE])


def test_vowel_variants_of_a_name_merge_across_articles(store: Store, nlp: Any) -> None:
    add(store, nlp, "Syrian President Ahmad al-Sharaa met the delegation in Damascus on Monday.", day=1)
    add(store, nlp, "President Ahmed al-Sharaa said the talks had been useful.", day=2)
    add(store, nlp, "Foreign Minister As'ad al-Shaibani travelled to Ankara.", day=3)
    add(store, nlp, "Foreign Minister Asaad al-Shaibani met his Turkish counterpart.", day=4)
    assert [e.article_count for e in store.entities_by_key("Ahmed al-Sharaa")] == [2]
    assert [e.article_count for e in store.entities_by_key("Asaad al-Shaibani")] == [2]


def test_the_same_content_is_one_article(store: Store, nlp: Any) -> None:
    text = "Kremlin spokesman Dmitry Peskov said the meeting was useful."
    assert add(store, nlp, text) is not None
    assert add(store, nlp, text) is None
    assert store.article_count() == 1
    found = lookup(store, "Peskov").entity
    assert found is not None and (found.name, found.article_count) == ("Dmitry Peskov", 1)


def test_another_process_writing_refreshes_the_cached_names_and_installations(
    store: Store, database_url: str, nlp: Any
) -> None:
    add(store, nlp, "Foreign Minister Sergey Lavrov spoke in Ankara.", day=1)
    assert lookup(store, "Peskof").entity is None  # fills the cached names
    assert store.installations() == []  # and the cached installations
    other = open_store(database_url)  # another replica, or `python -m bot ingest` beside the running bot
    add(other, nlp, "Kremlin spokesman Dmitry Peskov said Russian jets flew from the Hmeimim air base.", day=2)
    other.engine.dispose()

    found = lookup(store, "Peskof").entity
    assert found is not None and found.name == "Dmitry Peskov"
    assert [i.entity.name for i in store.installations()] == ["Hmeimim air base"]


def _person(name: str, mentions: int = 1) -> Extracted:
    """What extraction would find about a person named once (or more) in a one-sentence article."""
    return Extracted(
        name=name,
        key=names.key(name),
        type=EntityType.PERSON,
        votes={EntityType.PERSON: 2.0},
        aliases={name},
        mentions=[Mention(name, 0, len(name), 0, 40)] * mentions,
    )


def _article(text: str, day: int) -> Article:
    return Article(
        text=text,
        headline=text,
        published=datetime(2025, 11, day, tzinfo=UTC),
        source=f"test-{day}.txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def test_a_merge_in_the_middle_of_an_article_keeps_the_rest_of_it(store: Store) -> None:
    # A lone family name first; then an article naming the full name (which absorbs it, mid-article) and the
    # family name again, which now resolves to the merged person and adds to the link already stored.
    store.add_article(_article("Galosov spoke on Monday.", 1), [_person("Galosov")])
    second = store.add_article(
        _article("Daniel Galosov spoke again. Galosov said more.", 2),
        [_person("Daniel Galosov"), _person("Galosov", mentions=2)],
    )
    [person] = store.entities_by_key("Daniel Galosov")
    assert (person.name, person.type, person.article_count) == ("Daniel Galosov", EntityType.PERSON, 2)
    assert store.entities_by_key("Galosov") == [person]
    with store.engine.connect() as conn:
        links = conn.execute(
            select(s.entity_articles.c.article_id, s.entity_articles.c.mentions).order_by(
                s.entity_articles.c.article_id
            )
        ).all()
        mentions = conn.execute(select(func.count()).select_from(s.mentions)).scalar_one()
    assert [tuple(link) for link in links] == [(1, 1), (second, 3)]
    assert mentions == 4


def test_a_merge_keeps_a_quote_both_entities_hold_once(store: Store) -> None:
    said = Quote("We will stay.", "Galosov said: \u201cWe will stay.\u201d")
    lone, full = _person("Galosov"), _person("Daniel Galosov")
    lone.quotes.append(said)
    full.quotes.append(said)
    assert store.add_article(_article("Galosov and Daniel Galosov both said it.", 1), [lone, full]) is not None
    [person] = store.entities_by_key("Galosov")
    assert person.name == "Daniel Galosov"
    assert [q.text for q in store.quotes(person.id, limit=5)] == ["We will stay."]


def test_a_failing_statement_does_not_show_its_parameters(store: Store) -> None:
    # Errors are logged; the parameters hold articles' text and what people typed.
    with pytest.raises(SQLAlchemyError) as failed, store.engine.connect() as connection:
        connection.execute(text("INSERT INTO articles (no_such_column) VALUES (:x)"), {"x": "the article's text"})
    assert "the article's text" not in str(failed.value)


def test_companions_are_the_entities_sharing_most_articles_ties_by_article_count_then_name(store: Store) -> None:
    # Twelve articles naming the same person among others, so that many companions tie at the cut of a short list.
    others = ["Irina Volk", "Omar Haddad", "Lena Aras", "Yusuf Demir", "Karim Nasser", "Daria Sokol"]
    for day in range(1, 13):
        named = [others[day % 6], others[day % 4], others[day % 3]] if day % 5 else others
        entities = [_person("Daniel Galosov"), *(_person(n) for n in dict.fromkeys(named))]
        store.add_article(_article(f"Daniel Galosov met {', '.join(named)} on day {day}.", day), entities)
    [person] = store.entities_by_key("Daniel Galosov")
    everyone = [e for name in others for e in store.entities_by_key(name)]
    with store.engine.connect() as conn:
        links = conn.execute(select(s.entity_articles.c.entity_id, s.entity_articles.c.article_id)).all()
    mine = {a for e, a in links if e == person.id}
    shared = {e.id: sum(1 for o, a in links if o == e.id and a in mine) for e in everyone}
    expected = sorted(everyone, key=lambda e: (-shared[e.id], -e.article_count, e.name))
    for limit in (1, 2, 3, 5, 6, 12):
        assert store.companions(person.id, limit) == [(e, shared[e.id]) for e in expected[:limit]]


def test_companions_that_tie_on_everything_come_in_the_order_of_their_ids(store: Store) -> None:
    # Two stored entities of one name, named in the same articles as often (a town and the base named after it).
    article_id = store.add_article(_article("Daniel Galosov visited Velmor.", 1), [_person("Daniel Galosov")])
    [person] = store.entities_by_key("Daniel Galosov")
    with store.engine.begin() as conn:
        twins = [9_002, 9_001]  # the later id first: the order they were stored in says nothing
        for twin, kind in zip(twins, (EntityType.PLACE, EntityType.INSTALLATION), strict=True):
            conn.execute(s.entities.insert().values(id=twin, name="Velmor", key="velmor", type=kind, article_count=1))
        for twin in twins:
            link = {"entity_id": twin, "article_id": article_id, "mentions": 1, "sent_start": 0, "sent_end": 30}
            conn.execute(s.entity_articles.insert().values(**link, votes={}, published_at=datetime(2025, 11, 1)))
    assert [e.id for e, _ in store.companions(person.id, 2)] == sorted(twins)
    assert [e.id for e, _ in store.companions(person.id, 1)] == [min(twins)]


def test_a_store_says_whether_its_statements_cross_a_network(store: Store) -> None:
    assert store.across_a_network is (store.engine.dialect.name == "postgresql")


def _stored_heads(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(s.articles.c.headline).order_by(s.articles.c.id)).scalars())


def test_articles_stored_together_take_one_generation_and_keep_a_failure_to_itself(store: Store) -> None:
    before = store.generation().number or 0
    broken = _person("Olga Varenko")
    broken.mentions.clear()  # the writer fails on it mid-article, after the article's row is written
    first = _article("Daniel Galosov spoke.", 1)

    results = store.add_articles(
        [(first, [_person("Daniel Galosov")]), (_article("Olga Varenko spoke.", 2), [broken]), (first, [])]
    )

    assert isinstance(results[0], int) and isinstance(results[1], IndexError) and results[2] is None
    assert _stored_heads(store) == ["Daniel Galosov spoke."]  # nothing of the failed article, the duplicate once
    assert store.entities_by_key("Olga Varenko") == []
    assert store.generation().number == before + 1  # one transaction, one generation for every process's caches


def test_a_store_that_goes_away_mid_batch_keeps_none_of_the_batch(store: Store, monkeypatch: Any) -> None:
    from bot.core.store import writer

    real, calls = writer.add_article, []

    def failing_second(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))
        return real(*args, **kwargs)

    monkeypatch.setattr(writer, "add_article", failing_second)
    with pytest.raises(OperationalError):
        store.add_articles(
            [(_article(f"Article {day} was written.", day), [_person("Daniel Galosov")]) for day in (1, 2)]
        )
    assert _stored_heads(store) == []  # the run stops; the inputs are read again by the next one


def test_a_full_disk_mid_batch_is_raised_as_itself_and_keeps_none_of_the_batch(store: Store, monkeypatch: Any) -> None:
    # SQLite rolls back the whole transaction after some errors (a full disk among them): going back to the
    # article's savepoint then fails with "no such savepoint", which hid the cause (found by a hostile review).
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's page limit stands in for a full disk")
    from bot.core.store import writer

    real, calls = writer.add_article, []

    def filling_the_disk(conn: Any, *args: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
            conn.exec_driver_sql(f"PRAGMA max_page_count={pages}")  # no room for another page
        return real(conn, *args)

    monkeypatch.setattr(writer, "add_article", filling_the_disk)
    long_text = "A long article about Daniel Galosov. " + "word " * 200_000
    with pytest.raises(OperationalError) as full:
        store.add_articles(
            [(_article("Olga Varenko spoke.", 1), [_person("Olga Varenko")]), (_article(long_text, 2), [])]
        )
    assert is_outage(full.value) and "full" in outage(full.value), outage(full.value)
    monkeypatch.undo()
    store.engine.dispose()  # the page limit was the connection's own
    assert _stored_heads(store) == []


def test_no_article_to_store_takes_no_write_lock(store: Store) -> None:
    # An ingestion asked to stop (or whose batch held only duplicates or failures) ends its articles before the
    # first: it must not wait for another writer's lock to store nothing. A SIGTERM'd ingestion waited up to the
    # busy timeout (SQLite) or for as long as the other writer held the lock (PostgreSQL), past the 9 s after
    # which it leaves without its summary (found by a hostile review).
    other = open_store(store.engine.url.render_as_string(hide_password=False))
    finished = threading.Event()

    def store_none() -> None:
        store.add_articles(iter([]))
        finished.set()

    try:
        with other.writing():  # another process storing a long batch
            thread = threading.Thread(target=store_none, daemon=True)
            thread.start()
            thread.join(2.0)
            assert finished.is_set(), "storing no article waited for another writer's lock"
        thread.join()
    finally:
        other.engine.dispose()


def test_ending_the_articles_early_stores_those_taken(store: Store) -> None:
    def two_then_stop() -> Any:
        yield _article("The first one.", 1), []
        yield _article("The second one.", 2), []

    assert len(store.add_articles(two_then_stop())) == 2
    assert _stored_heads(store) == ["The first one.", "The second one."]


def test_rows_inserted_in_bulk_read_back_as_sqlalchemy_writes_them(store: Store) -> None:
    """`rows.insert_rows` hands the driver its values itself: dates with their zone, JSON and NULLs must be stored
    exactly as SQLAlchemy's own insert stores them."""
    from bot.core.store.rows import insert_ignore, insert_rows

    when = datetime(2025, 11, 3, 14, 5, 6, 789, tzinfo=UTC)
    with store.writing() as conn:
        stored = {"content_hash": "h", "source": "s", "headline": "h", "text": "t", "word_count": 1}
        article = conn.execute(
            s.articles.insert().values(**stored, published_at=when, ingested_at=when).returning(s.articles.c.id)
        ).scalar_one()
        people = [
            conn.execute(
                s.entities.insert().values(name=n, key=n, type="person").returning(s.entities.c.id)
            ).scalar_one()
            for n in ("a", "b")
        ]
        link = {"article_id": article, "mentions": 2, "sent_start": 0, "sent_end": 9, "published_at": when}
        conn.execute(s.entity_articles.insert(), [{**link, "entity_id": people[0], "votes": {"person": 1.5}}])
        insert_rows(conn, s.entity_articles, [{**link, "entity_id": people[1], "votes": {"person": 1.5}}])
        fact = {"article_id": article, "kind": "air base", "location": None, "sentence": "s", "published_at": when}
        conn.execute(s.base_facts.insert(), [{**fact, "entity_id": people[0], "operator": "X"}])
        insert_rows(conn, s.base_facts, [{**fact, "entity_id": people[1], "operator": "X"}])
        alias = {"key": "a", "alias": "A", "skeleton": "a", "consonants": ""}
        insert_ignore(conn, s.aliases, [{**alias, "entity_id": people[1]}] * 2, ("entity_id", "key"))
    with store.engine.connect() as conn:
        links = conn.execute(select(s.entity_articles).order_by(s.entity_articles.c.entity_id)).all()
        facts = conn.execute(select(s.base_facts).order_by(s.base_facts.c.entity_id)).all()
        aliases = conn.execute(select(s.aliases.c.alias)).scalars().all()
    assert [row[1:] for row in links[:1]] == [row[1:] for row in links[1:]]
    assert links[1].published_at.astimezone(UTC) == when and links[1].votes == {"person": 1.5}
    assert [row[2:] for row in facts[:1]] == [row[2:] for row in facts[1:]] and facts[1].location is None
    assert aliases == ["A"]  # the second, its key already stored, is skipped


def test_rows_inserted_in_bulk_must_give_the_columns_sqlalchemy_would_fill_in(store: Store) -> None:
    from bot.core.store.rows import insert_rows

    with store.writing() as conn, pytest.raises(ValueError, match="votes"):
        insert_rows(conn, s.entity_articles, [{"entity_id": 1, "article_id": 1, "mentions": 1, "sent_start": 0,
                                               "sent_end": 1, "published_at": datetime.now(UTC)}])  # fmt: skip


class _Listed(set[str]):
    """A set of names iterated in the order given, as another hash seed may iterate a set."""

    def __init__(self, order: list[str]) -> None:
        super().__init__(order)
        self.order = order

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)


def _stored_aliases(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(s.aliases.c.alias).order_by(s.aliases.c.key)).scalars())


@pytest.mark.parametrize("order", [["Velmor", "VELMOR", "Velmor Heights"], ["Velmor Heights", "VELMOR", "Velmor"]])
def test_the_names_stored_do_not_depend_on_the_order_a_set_gives_them(store: Store, order: list[str]) -> None:
    # Two spellings with one key keep one row: the same one whichever order the set of names comes in (a set's
    # order changes with the process's hash seed).
    place = Extracted(
        name="Velmor",
        key="velmor",
        type=EntityType.PLACE,
        votes={EntityType.PLACE: 2.0},
        aliases=_Listed(order),
        mentions=[Mention("VELMOR", 0, 6, 0, 40)],
    )
    store.add_article(_article("VELMOR, in Velmor Heights, was quiet.", 1), [place])
    assert _stored_aliases(store) == ["VELMOR", "Velmor Heights"]


# Stores one article whose two entities, of one name, are one stored entity (their votes summed), and prints what
# is stored of it, as another process would store it.
_TWO_OF_ONE_NAME = """
import sys
from datetime import UTC, datetime
from sqlalchemy import text
from bot.core.models import Article, EntityType as T, Extracted, Mention
from bot.core.store import open_store
store = open_store(f"sqlite:///{sys.argv[1]}")
kinds = [{T.PERSON: 1.0, T.PLACE: 2.0}, {T.ORGANISATION: 1.0, T.INSTALLATION: 3.0, T.PLACE: 1.0}]
found = [Extracted("Velmor", "velmor", T.PLACE, votes, {"Velmor", "VELMOR"}, [Mention("Velmor", 0, 6, 0, 40)])
         for votes in kinds]
when = datetime(2025, 11, 1, tzinfo=UTC)
store.add_article(Article("Velmor and VELMOR.", "Velmor", when, "velmor.txt", "0" * 64), found)
with store.engine.connect() as conn:
    print([tuple(r) for r in conn.execute(text("SELECT votes FROM entity_articles"))])
    print([tuple(r) for r in conn.execute(text("SELECT alias FROM aliases"))])
"""


def test_what_is_stored_does_not_depend_on_the_hash_seed(tmp_path: Any) -> None:
    # A set's order changes with PYTHONHASHSEED: the rows, and the JSON text of their votes, must not.
    stored = []
    for seed in ("1", "2"):  # two seeds that iterate the votes' keys in different orders
        database = tmp_path / f"seed{seed}.db"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        ran = subprocess.run(
            [sys.executable, "-c", _TWO_OF_ONE_NAME, str(database)], cwd=ROOT, env=env, capture_output=True,
            text=True, check=True, timeout=120,
        )  # fmt: skip
        stored.append(ran.stdout)
    assert stored[0].count("(") == 2  # the link's votes, and one alias of two spellings
    assert stored[0] == stored[1]

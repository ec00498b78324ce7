"""Who holds a role, from the titles stored for each person: qualifiers in the title or its sentence."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from bot.core import query
from bot.core.extract import extract
from bot.core.models import Article
from bot.core.store import Store


def add(store: Store, nlp: Any, text: str, day: int) -> None:
    article = Article(
        text=text,
        headline=text.split(".")[0],
        published=datetime(2025, 11, day, tzinfo=UTC),
        source=f"roles-{day}.txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    assert store.add_article(article, extract(nlp(text))) is not None


def holder(store: Store, role: str) -> str | None:
    found = query.role_holder(store, role)
    return found.entity.name if found else None


def test_the_envoy_for_a_country_is_told_from_the_envoy_for_another(store: Store, nlp: Any) -> None:
    add(store, nlp, "Geir Pedersen, the UN envoy for Syria, met officials in Geneva on Monday.", 1)
    add(store, nlp, "Hans Grundberg, the UN envoy for Yemen, travelled to Riyadh on Tuesday.", 2)
    assert holder(store, "the UN envoy for Syria") == "Geir Pedersen"
    assert holder(store, "U.N. envoy for Yemen") == "Hans Grundberg"
    assert holder(store, "UN envoy for Libya") is None
    assert not query.names_a_role("Geir Pedersen") and query.names_a_role("the UN envoy for Syria")


def test_a_demonym_in_the_title_answers_a_country_in_the_question(store: Store, nlp: Any) -> None:
    add(store, nlp, "Russian Foreign Minister Sergey Lavrov met Syrian Defense Minister Murhaf Abu Qasra.", 1)
    assert holder(store, "Russia's foreign minister") == "Sergey Lavrov"
    assert holder(store, "Syria's defence minister") == "Murhaf Abu Qasra"


def test_a_deputy_or_a_former_holder_does_not_hold_the_office(store: Store, nlp: Any) -> None:
    add(store, nlp, "Russian Deputy Foreign Minister Pavel Gromtsev met the Syrian ambassador in Moscow on Monday.", 1)
    add(store, nlp, "Former Russian Foreign Minister Oleg Varin wrote a memoir about his years in Damascus.", 2)
    assert holder(store, "Russia's foreign minister") is None
    add(store, nlp, "Russian Foreign Minister Sergey Lavrov met the Syrian ambassador in Moscow on Tuesday.", 3)
    assert holder(store, "Russia's foreign minister") == "Sergey Lavrov"
    assert holder(store, "the deputy foreign minister") == "Pavel Gromtsev"
    assert holder(store, "the former foreign minister") == "Oleg Varin"


def test_a_role_asked_by_one_word_is_found_under_another_word_for_it(store: Store, nlp: Any) -> None:
    add(store, nlp, "SDF commander Rezan Kobani said on Monday that the talks had stalled.", 1)
    add(store, nlp, "Hezbollah chief Tarek Salameh gave a televised speech on Friday.", 2)
    assert holder(store, "the leader of the SDF") == "Rezan Kobani"
    assert holder(store, "head of Hezbollah") == "Tarek Salameh"
    add(store, nlp, "Karim Nassar, the leader of Hezbollah, met the delegation on Saturday.", 3)
    assert holder(store, "the chief of Hezbollah") == "Tarek Salameh"  # the title asked for comes first
    assert holder(store, "the leader of Hezbollah") == "Karim Nassar"


def test_the_head_of_a_part_of_a_body_is_not_its_leader(store: Store, nlp: Any) -> None:
    add(store, nlp, "Dara Hesen, the head of the SDF media centre, said the figures were provisional.", 1)
    add(store, nlp, "Dara Hesen, the head of the SDF media centre, denied the report.", 2)
    add(store, nlp, "SDF commander Rezan Kobani said on Monday that the talks had stalled.", 3)
    assert holder(store, "the leader of the SDF") == "Rezan Kobani"


def test_a_then_holder_does_not_hold_the_office_now(store: Store, nlp: Any) -> None:
    add(store, nlp, "In 2019, then-Defence Minister Karel Vostan signed a deal for 40 armoured vehicles.", 1)
    assert holder(store, "the defence minister") is None
    add(store, nlp, "Defence Minister Ilan Moravec said on Friday the army would stay.", 2)
    assert holder(store, "the defence minister") == "Ilan Moravec"


def test_a_chief_of_another_role_does_not_lead_the_body(store: Store, nlp: Any) -> None:
    add(store, nlp, "Hezbollah's chief negotiator Wafiq Darra said the group would not take part in the talks.", 1)
    assert holder(store, "the leader of Hezbollah") is None
    assert holder(store, "Hezbollah's chief negotiator") == "Wafiq Darra"
    add(store, nlp, "Jordan's army chief Lieutenant General Fares Khalil visited troops on Wednesday.", 2)
    assert holder(store, "the head of the Jordanian army") == "Fares Khalil"


def test_what_someone_is_to_an_office_holder_is_not_the_office(store: Store, nlp: Any) -> None:
    add(store, nlp, "Ahmed Saleh, the son of the defence minister, said on Thursday that the talks had failed.", 1)
    add(store, nlp, "Rana Haddad, an adviser to the president, said the government would respond.", 2)
    add(store, nlp, "Samir Tal, a spokesman for the interior minister, said the roads were closed.", 3)
    assert holder(store, "the defence minister") is None
    assert holder(store, "the president") is None
    assert holder(store, "the interior minister") is None
    assert holder(store, "the adviser to the president") == "Rana Haddad"
    add(store, nlp, "Ministry of Defence spokesman Tom Grey said the drill was planned.", 4)
    assert holder(store, "the Ministry of Defence spokesman") == "Tom Grey"


def test_a_holder_who_also_held_another_office_still_holds_this_one(store: Store, nlp: Any) -> None:
    add(store, nlp, "Karim Haddad, the defence minister and a former army chief, said the troops would stay.", 1)
    assert holder(store, "the defence minister") == "Karim Haddad"
    add(store, nlp, "Lina Castel, a former defence minister and now an adviser, spoke on Monday.", 2)
    assert holder(store, "the defence minister") == "Karim Haddad"


def test_a_body_asked_by_one_of_its_names_finds_a_title_with_another(store: Store, nlp: Any) -> None:
    add(store, nlp, "Drones of the Northern Shield Forces (NSF) hit the airport. NSF chief Omar Varani denied it.", 1)
    add(store, nlp, "Lina Sabri, the head of the Western Relief Agency (WRA), visited the camp on Tuesday.", 2)
    assert holder(store, "the leader of the Northern Shield Forces") == "Omar Varani"
    assert holder(store, "the chief of the WRA") == "Lina Sabri"
    assert holder(store, "the leader of the Eastern Shield Forces") is None

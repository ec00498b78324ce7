"""The scorer on small hand-made cases: each measure moves when, and only when, the answer it checks is wrong."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.core.models import EntityType
from bot.evaluation.gold import GoldArticle, GoldEntity, GoldQuote
from bot.evaluation.score import Predicted, PredictedEntity, score

PER, ORG, LOC, INST = EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE, EntityType.INSTALLATION
WHEN = datetime(2026, 3, 4, tzinfo=UTC)


def gold(name: str, *entities: GoldEntity, **fields: object) -> GoldArticle:
    """A gold article with these entities; other fields as given or empty."""
    return GoldArticle(
        file=name,
        split="tune",
        style="wire",
        headline=str(fields.get("headline", "Headline")),
        date=fields.get("date", date(2026, 3, 4)),  # type: ignore[arg-type]
        entities=entities,
        roles=fields.get("roles", ()),  # type: ignore[arg-type]
        quotes=fields.get("quotes", ()),  # type: ignore[arg-type]
        not_installations=(),
    )


def found(name: str, kind: EntityType, *surfaces: str, **fields: tuple[str, ...]) -> PredictedEntity:
    """A predicted entity resolved to the corpus entity `name`."""
    return PredictedEntity((kind.value, name.lower(), name), name, kind, surfaces or (name,), **fields)


def article(
    *entities: PredictedEntity, headline: str = "Headline", published: datetime = WHEN, dated: bool = True
) -> Predicted:
    """What the store holds of an article (read from a file saved at WHEN)."""
    return Predicted(headline, published, dated, WHEN, entities)


LAVROV = GoldEntity("sergey-lavrov", "Sergey Lavrov", PER, ("Sergei Lavrov", "Lavrov"))
MOSCOW = GoldEntity("moscow", "Moscow", LOC, ("Moscow",))
BASE = GoldEntity(
    "hmeimim", "Hmeimim air base", INST, ("Hmeimim air base", "Khmeimim"), operator="Russia", location="latakia"
)
LATAKIA = GoldEntity("latakia", "Latakia", LOC, ("Latakia",))


def test_a_perfect_answer_scores_one_everywhere() -> None:
    g = gold("a", LAVROV, MOSCOW, roles=(("sergey-lavrov", "Foreign Minister"),),
             quotes=(GoldQuote("sergey-lavrov", "we will not leave the region"),))  # fmt: skip
    p = article(
        found("Sergey Lavrov", PER, "Sergei Lavrov", "Lavrov", roles=("Russian Foreign Minister",),
              quotes=("“We will not leave the region,” he said",)),
        found("Moscow", LOC),
    )  # fmt: skip
    s = score([(g, p)])
    for name in ("entity precision", "entity recall", "type accuracy", "role accuracy", "quote attribution",
                 "headline accuracy", "date accuracy", "variant merge recall"):  # fmt: skip
        assert s.ratios[name].value == 1.0, name
    assert s.errors == {}


def test_a_missed_entity_a_spurious_one_and_a_wrong_type_each_count() -> None:
    p = article(found("Sergey Lavrov", ORG, "Lavrov"), found("Several Bases", INST))
    s = score([(gold("a", LAVROV, MOSCOW), p)])

    assert (s.ratios["entity precision"].hit, s.ratios["entity precision"].total) == (1, 2)
    assert (s.ratios["entity recall"].hit, s.ratios["entity recall"].total) == (1, 2)
    assert s.ratios["type accuracy"].value == 0.0
    assert s.errors["false bases"] == ["a: Several Bases"]


def test_an_attacker_is_not_an_operator_and_a_place_must_be_the_right_one() -> None:
    g = gold("a", BASE, LATAKIA)
    right = article(found("Hmeimim air base", INST, "Khmeimim", operators=("Russian",), locations=("Latakia",)),
                    found("Latakia", LOC))  # fmt: skip
    wrong = article(found("Hmeimim air base", INST, "Khmeimim", operators=("Israel",), locations=("Moscow",)),
                    found("Latakia", LOC))  # fmt: skip

    assert score([(g, right)]).ratios["operator accuracy"].value == 1.0
    assert score([(g, right)]).ratios["location accuracy"].value == 1.0
    assert score([(g, wrong)]).ratios["operator accuracy"].value == 0.0
    assert score([(g, wrong)]).ratios["location accuracy"].value == 0.0


def test_an_operator_stated_where_the_article_states_none_is_wrong() -> None:
    g = gold("a", GoldEntity("t4", "T4", INST, ("T4",)))
    assert score([(g, article(found("T4", INST, operators=("Israel",))))]).ratios["operator accuracy"].value == 0.0
    assert "operator accuracy" not in score([(g, article(found("T4", INST)))]).ratios


def test_variants_kept_apart_and_two_entities_merged_are_both_errors() -> None:
    first, second = gold("a", BASE), gold("b", BASE, LATAKIA)
    split = [
        (first, article(found("Hmeimim air base", INST))),
        (second, article(found("Khmeimim", INST), found("Latakia", LOC))),
    ]
    assert score(split).ratios["variant merge recall"].value == 0.0

    merged = [(gold("a", LAVROV, MOSCOW), article(found("Lavrov", PER, "Lavrov", "Moscow")))]
    s = score(merged)
    assert "wrong merges" not in s.errors  # one article's mentions vote for one entity
    two = [
        (gold("a", LAVROV), article(found("X", PER, "Lavrov"))),
        (gold("b", MOSCOW), article(found("X", PER, "Moscow"))),
    ]
    assert score(two).errors["wrong merges"] == ["X (person) holds ['moscow', 'sergey-lavrov']"]


def test_a_quote_given_to_the_wrong_person_or_to_an_unnamed_speakers_neighbour_is_wrong() -> None:
    pedersen = GoldEntity("geir-pedersen", "Geir Pedersen", PER, ("Pedersen",))
    quotes = (
        GoldQuote("sergey-lavrov", "no military solution to this"),
        GoldQuote(None, "an official said nothing new"),
    )
    g = gold("a", LAVROV, pedersen, quotes=quotes)
    p = article(found("Sergey Lavrov", PER, "Lavrov"),
                found("Geir Pedersen", PER, "Pedersen", quotes=("There is no military solution to this.",
                                                              "An official said nothing new here.")))  # fmt: skip
    assert score([(g, p)]).ratios["quote attribution"].value == 0.0


def test_a_cut_headline_matches_and_a_date_from_the_body_does_not() -> None:
    long = "A headline " * 12
    g = gold("a", headline=long.strip(), date=date(2026, 3, 4))
    p = article(headline=long[:60].rstrip() + "…", published=datetime(2018, 5, 1, tzinfo=UTC))
    s = score([(g, p)])
    assert s.ratios["headline accuracy"].value == 1.0
    assert s.ratios["date accuracy"].value == 0.0


def test_an_article_without_a_date_is_right_only_when_it_is_shown_as_undated() -> None:
    g = gold("a", date=None)
    assert score([(g, article(dated=False))]).ratios["date accuracy"].value == 1.0
    assert score([(g, article(dated=True))]).ratios["date accuracy"].value == 0.0
    assert score([(gold("b"), article(dated=False))]).ratios["date accuracy"].value == 0.0

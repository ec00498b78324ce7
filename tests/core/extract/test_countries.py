"""Reading entities from the tokens: the same spans, labels and texts as `doc.ents`, which is rebuilt whole at
each reading (an article of a million characters took minutes when every lookup read it)."""

from __future__ import annotations

from typing import Any

from bot.core.extract import parties
from bot.core.extract.countries import ent_at, host_countries

TEXT = (
    "DAMASCUS, March 3 (Reuters) - Russian forces in Syria kept flying from the Hmeimim air base near Latakia, "
    "the United Nations said on Tuesday. In western Syria, officials from the United States and Türkiye met."
)


def test_an_entity_read_from_its_tokens_is_the_one_doc_ents_holds(nlp: Any) -> None:
    doc = nlp(TEXT)
    for i, token in enumerate(doc):
        expected = next((e for e in doc.ents if e.start == i), None)
        found = ent_at(doc, i)
        if expected is None:
            assert found is None, token
        else:
            assert found is not None, token
            assert (found.start, found.end, found.label_, found.text) == (
                expected.start, expected.end, expected.label_, expected.text,
            )  # fmt: skip
        inside = next((str(e.text) for e in doc.ents if e.start <= i < e.end), str(token.text))
        assert parties.entity_text(token) == inside


def test_the_host_countries_are_read_once_per_article(nlp: Any) -> None:
    doc = nlp(TEXT)
    first = host_countries(doc)
    first.add("somewhere else")  # a caller's copy: the next caller is not affected
    assert host_countries(doc) == first - {"somewhere else"}
    assert "Syria" in host_countries(doc)

"""Parsing in pieces: the pieces join back into the text, the tokens are the ones the whole text gives, and what is
extracted from a long article points at the right characters, to its last paragraph."""

from __future__ import annotations

import gc
import os
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from bot.core.extract import extract
from bot.core.ingest import nlp as nlp_module
from bot.core.ingest.article import normalise_text
from bot.core.ingest.nlp import PIECE_CHARS, parse, pieces
from bot.core.names import clean_surface
from tests.core.ingest.test_isolation import long_text

WORDS = ["Putin", "said", "the", "U.S.", "“We", "stay,”", "don't", "12", "(AP)", "—", "Mr.", "end.", "Homs'", "é"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", " \t ", "\n  ", "\xa0 "]
prose = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=120).map(
    lambda pairs: normalise_text("".join(word + sep for word, sep in pairs))
)


def tokens(doc: Any) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in doc]


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@example(text="Putin Putin Putin Putin  Putin  Putin  Putin", size=40)  # runs of spaces only, found in a run
@given(text=prose, size=st.integers(min_value=40, max_value=200))
def test_pieces_join_into_the_text_and_keep_its_tokens(nlp: Any, text: str, size: int) -> None:
    cut = pieces(text, size)
    assert "".join(cut) == text
    assert all(0 < len(piece) <= size for piece in cut)
    joined = Doc.from_docs([nlp.make_doc(piece) for piece in cut], ensure_whitespace=False)
    assert tokens(joined) == tokens(nlp.make_doc(text))


def test_a_line_with_no_space_is_still_cut_to_size() -> None:
    assert [len(p) for p in pieces("x" * 250, 100)] == [100, 100, 50]


def test_a_short_text_is_parsed_whole_as_before(nlp: Any) -> None:
    text = long_text(3000)
    [doc] = parse(nlp, [text])
    whole = nlp(text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]


def test_a_long_article_is_parsed_in_pieces_and_its_mentions_point_at_the_text(nlp: Any) -> None:
    text = long_text(3 * PIECE_CHARS) + "\n\nThe report was written by Henrietta Vollmer-Strand in Quelport.\n"
    assert len(pieces(text)) >= 3
    [doc] = parse(nlp, [text])
    assert doc.text == text
    found = extract(doc)
    for entity in found:
        for m in entity.mentions:
            assert clean_surface(text[m.start : m.end]) == m.surface
            assert m.sent_start <= m.start < m.end <= m.sent_end
            assert "\n" not in text[m.sent_start : m.sent_end].strip()  # sentences never cross a line
    names = {e.name for e in found}
    assert "Henrietta Vollmer-Strand" in names  # from the last piece
    starts = sorted(m.start for e in found for m in e.mentions)
    assert starts[0] < PIECE_CHARS and any(PIECE_CHARS < s < 2 * PIECE_CHARS for s in starts)  # every piece read


def test_the_loaded_pipeline_is_left_out_of_cyclic_collections(nlp: Any) -> None:
    # Frozen objects are in no generation: a full collection does not walk the model's objects.
    assert nlp_module.load() is nlp
    assert not any(obj is nlp for obj in gc.get_objects())
    assert gc.get_freeze_count() > 0

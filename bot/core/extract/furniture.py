"""The furniture of news copy that the model reads as names: a section label above the headline ("ANALYSIS"), a
month in a date line ("5 MAR 2026"), editors' initials closing a state-agency story ("H.Kh / L.A") and the roles
of a wire story's credit line ("(Reporting by …; Writing by …; Editing by …)")."""

from __future__ import annotations

import re
from typing import Any

from bot.core.extract.document import parsed, span_text

Doc = Any  # spacy.tokens.Doc (as in `mentions`, which uses this module)

# Labels outlets print above or before a story to say what kind it is.
KICKERS = frozenset(
    """
    analysis exclusive breaking update updated opinion explainer factbox feature interview comment editorial
    live watch insight focus fact-check
    """.split()
)
# Months and their abbreviations, as date lines print them.
MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# The roles a credit line names before "by": they are no organisations.
CREDIT_ROLES = frozenset(
    {"reporting", "writing", "editing", "additional", "compiled", "graphics", "photos", "photographs", "pictures"}
)
# A line of editors' initials: "H.Kh / L.A", "R.J".
_INITIALS_LINE = re.compile(r"^\s*(?:[A-Z]\.?[A-Za-z]{0,2}\.?\s*/\s*)*[A-Z]\.[A-Za-z]{1,2}\.?\s*$")


def furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at tokens `start`-`end` are a part of the page rather than a name."""
    words = span_text(doc, start, end)
    folded = words.casefold()
    if folded in MONTHS and words.isupper():
        return True  # "5 MAR 2026"; "May" written as a word may be a name
    if folded in CREDIT_ROLES and end < len(doc) and doc[end].lower_ == "by":
        return True
    line = _line_of(doc, start)
    if folded in KICKERS and line.strip().casefold() == folded:
        return True
    return bool(_INITIALS_LINE.match(line))


def _line_of(doc: Doc, i: int) -> str:
    """The line token `i` stands on (from an index of the line breaks, built once per article)."""
    return parsed(doc).line_of(i)

"""Which country an article or a sentence is set in, and which country a name is: the article's main country
(the one it names far more than any other), the countries it puts things "in", a sentence's first country."""

from __future__ import annotations

from collections import Counter

from bot.core import names
from bot.core.extract import parties
from bot.core.extract.document import once, tokens
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.lexicon import COUNTRY_VARIANTS, DEMONYMS

# The article's own country is the one it names at least this many times as often as the next.
MAIN_COUNTRY_LEAD = 2
# ... and names at least this often: a country named once is an aside, not where the story is.
MAIN_COUNTRY_MENTIONS = 3


def host_countries(doc: Doc) -> set[str | None]:
    """The countries the article sets things in ("in Libya", "in western Libya") and its main country (read once
    per article: every installation in it asks)."""
    known = doc.user_data.get(_HOSTS)
    if known is None:
        known = doc.user_data[_HOSTS] = frozenset(_host_countries(doc))
    return set(known)


# Where `host_countries` keeps its answer on the Doc.
_HOSTS = ("newsbot", "host_countries")


def _host_countries(doc: Doc) -> set[str | None]:
    found: set[str | None] = {main_country(doc)}
    for tok in doc:
        if tok.lower_ != "in":
            continue
        for nxt in tokens(doc, tok.i + 1, tok.i + 3):
            if nxt.ent_type_ == "GPE" and nxt.ent_iob_ == "B" and (ent := ent_at(doc, nxt.i)) is not None:
                found.add(country_itself(names.clean_surface(ent.text)))
                break
            if nxt.pos_ != "ADJ":
                break
    return found - {None}


def sentence_country(sent: Span) -> str | None:
    """The first country a sentence names, itself or by its capital."""
    for ent in (e for e in sent.ents if e.label_ == "GPE"):
        country = country_itself(names.clean_surface(ent.text)) or capital_country(ent.root)
        if country:
            return country
    return None


def countries_named(doc: Doc) -> Counter[str]:
    """How often the article names each country, by its name or its demonym ("Russian forces"), by its key (read
    once per article: every installation without a keeper asks; the answer is shared, not to be changed)."""
    return once(doc, _countries_named)


def _countries_named(doc: Doc) -> Counter[str]:
    named = Counter(
        names.key(c) for ent in doc.ents if ent.label_ == "GPE" and (c := country_itself(names.clean_surface(ent.text)))
    )
    named.update(names.key(DEMONYMS[t.lower_]) for t in doc if t.text[:1].isupper() and t.lower_ in DEMONYMS)
    return named


def main_country(doc: Doc) -> str | None:
    """The country the article names most often, when one clearly leads (the story's own country)."""
    counted = Counter(
        c for ent in doc.ents if ent.label_ == "GPE" and (c := country_itself(names.clean_surface(ent.text)))
    )
    return _leader(counted)


def main_nation(doc: Doc) -> str | None:
    """The country the article names most often by its name or its demonym ("the Israeli Air Force", "Israeli
    pilots"), when one clearly leads: the nation a story about its own forces is about."""
    leader = _leader(countries_named(doc))
    return next((c for c in DEMONYMS.values() if names.key(c) == leader), None) if leader else None


def _leader(counted: Counter[str]) -> str | None:
    """The most counted, when it is counted often enough and well ahead of the next."""
    ranked = counted.most_common(2)
    if (
        not ranked
        or ranked[0][1] < MAIN_COUNTRY_MENTIONS
        or (len(ranked) == 2 and ranked[1][1] * MAIN_COUNTRY_LEAD > ranked[0][1])
    ):
        return None
    return ranked[0][0]


def country_itself(text: str) -> str | None:
    """The country a name is ("Syria", "the Russian Federation"), not the one a capital is in."""
    folded = names.fold(text)
    if folded in parties.COUNTRIES:
        return text
    return COUNTRY_VARIANTS.get(folded)


def capital_country(tok: Token) -> str | None:
    """The country a capital stands for ("Moscow" gives Russia), or a country named by itself."""
    party = parties.named_party(tok)
    return party if party and names.fold(party) in parties.COUNTRIES else None


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity that starts at token `i`, if one does (read from the tokens: `doc.ents` builds every entity of
    the article at each reading)."""
    if i >= len(doc) or doc[i].ent_iob_ != "B":
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc.char_span(doc[i].idx, doc[end - 1].idx + len(doc[end - 1]), label=doc[i].ent_type_)

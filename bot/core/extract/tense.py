"""When a clause about an installation holds: "occupied until early 2025" (no longer), "is now held by" (now,
whatever year another clause names), "In 1971 the Soviet navy began to use …" (history), "have flown from it since
2015" (still)."""

from __future__ import annotations

from bot.core.extract.document import view_of
from bot.core.extract.furniture import MONTHS
from bot.core.extract.mentions import Token

# Words that set a clause in the present ("is now held by", "still keeps").
NOW_WORDS = frozenset({"now", "currently", "still", "today"})


# Adverbs that put a holding in the past: "once operated by", "formerly used by", "previously held by".
ONCE_WORDS = frozenset({"once", "formerly", "previously"})


def until(verb: Token) -> bool:
    """ "occupied until early 2025": held once, no longer."""
    if any(c.lower_ in ONCE_WORDS and c.dep_ == "advmod" for c in verb.children):
        return verb.tag_ in {"VBD", "VBN"}  # "once operated by Russia", "formerly used by French troops"
    return any(c.lower_ == "until" for c in verb.children) and verb.tag_ in {"VBD", "VBN"}


def present(verb: Token) -> bool:
    """ "… and it is now held by the Syrian army": a clause in the present, or said to hold now, is no history,
    whatever year another clause of its sentence names."""
    helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "advmod"}]
    if any(w.lower_ in NOW_WORDS or w.tag_ in {"VBZ", "VBP"} for w in helpers):
        return True
    # a bare verb after "let" or "make" is often tagged as a present ("let the Soviet navy use …"): not a clause of
    # its own
    if verb.tag_ == "VBZ" and verb.dep_ == "ccomp":
        return True  # "'The base remains in Russian hands,' the ministry said": said now (no bare verb ends in -s)
    return verb.tag_ in {"VBZ", "VBP"} and verb.dep_ in {"ROOT", "conj", "relcl"}


def clause_year(anchor: Token) -> int | None:
    """The past year the clause holding `anchor` is set in, or None: a clause is history when it is set in a past
    year ("In 1971 the Soviet navy began to use …", "ties go back to 1971, when …"), not when it runs since then
    ("have flown from it since 2015")."""
    verb = next((a for a in anchor.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or present(verb):
        return None
    governing = {verb.i, *(a.i for a in verb.ancestors)}
    found = None
    for year in anchor.sent:
        if not (a_year(year.text) and year.ent_type_ == "DATE"):
            continue
        above = list(year.ancestors)
        if any(a.lower_ == "since" for a in above[:2]) or _a_day_this_year(year):
            continue
        year_verb = next((a for a in above if a.pos_ in {"VERB", "AUX"}), None)
        if year_verb is not None and year_verb.i == verb.i:
            return int(year.text[:4])  # "built it in the 1960s and handed it over in 2022": the year of its own verb
        if year_verb is not None and year_verb.i in governing and found is None:
            found = int(year.text[:4])
    return found


# How many words before a year a day and a month may stand in a full date ("on 2 October 2026", "Oct. 2, 2026").
_DATE_WORDS = 4


def _a_day_this_year(year: Token) -> bool:
    """ "Warships moored at the base on 2 October 2026": a full date (day, month and year) in the latest year the
    article names is the day of its news, not history (a caption dates its picture so)."""
    before = view_of(year)[max(year.sent.start, year.i - _DATE_WORDS) : year.i]
    has_day = any(t.text.isdigit() and len(t.text) <= 2 for t in before)
    has_month = any(t.lower_.rstrip(".") in MONTHS for t in before)
    return has_day and has_month and int(year.text[:4]) == latest_year(year)


def latest_year(anchor: Token) -> int | None:
    """The latest year the article names: the nearest thing to the year it is written in (read from the date
    entities, as the view holds them: walking every token of the article made a Token object of each, a third of
    extraction's time)."""
    years = [int(t.text[:4]) for ent in view_of(anchor).ents if ent.label_ == "DATE" for t in ent if a_year(t.text)]
    return max(years) if years else None


def a_year(text: str) -> bool:
    """ "1971", or a decade ("the 1970s", "the 1930s")."""
    digits = text.removesuffix("s")
    return digits.isdigit() and len(digits) == 4


# Nouns of what is only proposed, whose infinitive sends no one anywhere yet ("a plan to station jets there").
_PROPOSALS = frozenset({"plan", "plans", "proposal", "proposals", "idea", "offer", "bid", "request", "option"})
# Verbs of staying, which a plan to do them says who is already there ("a plan to keep its ships at the port").
_STAYING = frozenset({"keep", "maintain", "retain", "remain", "stay"})


def only_proposed(verb: Token) -> bool:
    """ "the long-discussed plan to station Turkish air defences at the base", "a proposal to deploy troops there":
    forces a plan would send are not kept there (a plan to keep what is there already still says who keeps it)."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return infinitive and verb.head.lower_ in _PROPOSALS and verb.lower_ not in _STAYING

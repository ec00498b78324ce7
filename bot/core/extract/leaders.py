"""Who leads a body, said of the body: "The RSF, led by Mohamed Dagalo," or "Hayat Tahrir al-Sham, which is headed
by Ahmed al-Sharaa," make the person the body's leader or head, though no title stands beside the name; so does a
body named by generic words ("The general staff is led by X") and a verb said of the person ("X has run the defence
ministry since 2024", "X heads the Y")."""

from __future__ import annotations

from bot.core.extract.appositives import HELD_OFFICE_VERBS, OFFICE_VERBS
from bot.core.extract.mentions import TITLE_WORDS, Candidate, Doc, Token
from bot.core.extract.roles import TITLE_PERSON_VOTE
from bot.core.lexicon import BARE_BODY_HEADS
from bot.core.models import EntityType, Role

# The participle of leading, and the office it gives: "led by X" makes X the leader.
LEADING = {"led": "leader", "headed": "head", "commanded": "commander", "chaired": "chair", "founded": "founder"}
# Words that may stand between the body's name and the participle: "X, which is led by", "X was founded by".
_BETWEEN = frozenset({",", "which", "that", "who", "is", "was", "are", "were", "been", "has", "now", "currently"})
# The auxiliaries of the past: who "was led by" someone may be led by another now (a founder stays one).
_PAST = frozenset({"was", "were"})
# Nouns for a gathering or a party sent, which "led by" or "chaired by" after "of"/"from" and a body describes rather
# than the body: "a delegation from Hamas, led by X," and "a meeting of the Security Council, chaired by Y,".
GATHERINGS = frozenset(
    """
    delegation delegations team teams officials representatives envoys members meeting meetings session sessions
    summit conference talks panel committee commission mission convoy
    """.split()
)
# Lower-case nouns that close the name of a body a country has, said in generic words ("the general staff", "the
# interior ministry", "the intelligence directorate"): the article's own country's, as the writer means it.
GENERIC_BODIES = BARE_BODY_HEADS | {"directorate", "department", "command", "service", "agency"}
# Words that may open such a name before its noun: its article and the lower-case words that say which it is.
_GENERIC_DEPS = frozenset({"det", "amod", "compound"})
# How many words between "by" and the name: a rank or a title ("led by General X", "by former minister X").
MAX_TITLE_WORDS = 3


def leader_roles(doc: Doc, found: list[Candidate]) -> list[tuple[Candidate, Role]]:
    """Each person a sentence says leads (heads, commands, chairs, founded) a body named just before, with that
    office of the body as the person's role."""
    by_start = {c.start: c for c in found}
    by_end = {c.end: c for c in found}
    out = []
    for tok in doc:
        office = LEADING.get(tok.lower_)
        if office is None or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "by":
            continue
        person = _named_after_by(doc, tok.i + 2, by_start)
        body = _body_before(doc, tok.i, by_end)
        if person is None:
            continue
        if body is None:
            generic = _generic_subject(tok)
            if generic is not None and (office == "founder" or not _past(tok)):
                out.append((person, Role(f"{office} of {generic}", tok.sent.text.strip())))
            continue
        if _of_a_gathering(doc, body):
            continue
        if office != "founder" and any(t.lower_ in _PAST for t in doc[body.end : tok.i]):
            continue  # "which was led by X until his death": no one leads it now, as a past "who led" says
        out.append((person, Role(f"{office} of {_named(doc, body)}", tok.sent.text.strip())))
    out += _offices_held(doc, found)
    for person, _role in out:
        person.vote(EntityType.PERSON, TITLE_PERSON_VOTE)
    return out


def _offices_held(doc: Doc, found: list[Candidate]) -> list[tuple[Candidate, Role]]:
    """ "X has run the defence ministry since 2024", "X heads the Velmor Directorate": a person who, as the verb's
    subject, heads (runs, leads, commands) a body now holds that office of it. "X ran it" is a past office."""
    at = {i: c for c in found for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        held = any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in tok.children)
        office = HELD_OFFICE_VERBS.get(tok.lower_) if held else OFFICE_VERBS.get(tok.lower_)
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        thing = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if office is None or tok.pos_ != "VERB" or subject is None or thing is None:
            continue
        person, body = at.get(subject.i), at.get(thing.i)
        if person is None or not _a_person(person):
            continue
        what = _named(doc, body) if body is not None and _a_body(body) else _generic_phrase(thing)
        if what is not None:
            out.append((person, Role(f"{office} of {what}", tok.sent.text.strip())))
    return out


def _named(doc: Doc, body: Candidate) -> str:
    the = "the " if body.start > 0 and doc[body.start - 1].lower_ == "the" else ""
    return f"{the}{body.surface}"


def _past(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" and c.lower_ in _PAST for c in verb.children)


def _generic_subject(verb: Token) -> str | None:
    """The body a passive of leading is said of, when generic words name it: "The general staff is led by", "The
    interior ministry, which controls the police, is headed by", "the army, which is commanded by"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = verb.head
    return _generic_phrase(subject) if subject is not None else None


def _generic_phrase(noun: Token) -> str | None:
    """ "the general staff", "the interior ministry": a lower-case noun of a body with its lower-case modifiers."""
    if noun.lower_ not in GENERIC_BODIES or not noun.text.islower():
        return None
    words = [c for c in noun.lefts if c.dep_ in _GENERIC_DEPS and (c.dep_ == "det" or c.text.islower())]
    if not words or words[0].lower_ != "the":
        return None  # "a ministry", "its army": no particular body the reader knows
    return " ".join(["the", *(w.text for w in words[1:]), noun.text])


def _named_after_by(doc: Doc, start: int, by_start: dict[int, Candidate]) -> Candidate | None:
    """The person named after "by", past a rank or a title ("by Colonel Imad Farouk")."""
    for i in range(start, min(len(doc), start + MAX_TITLE_WORDS + 1)):
        found = by_start.get(i)
        if found is not None:
            return found if _a_person(found) else None
        if doc[i].lower_.rstrip(".") not in TITLE_WORDS:
            return None
    return None


def _body_before(doc: Doc, verb: int, by_end: dict[int, Candidate]) -> Candidate | None:
    """The body named just before the participle, past a comma, a relative pronoun or an auxiliary."""
    i = verb
    while i > 0 and doc[i - 1].lower_ in _BETWEEN and doc[i - 1].sent.start == doc[verb].sent.start:
        found = by_end.get(i)
        if found is not None:
            break
        i -= 1
    if by_end.get(i) is None and i >= 3 and doc[i - 1].text == ")" and doc[i - 3].text == "(":
        i -= 3  # "The Northern Protection Force (NPF), which is commanded by": past its initials
    found = by_end.get(i)
    return found if found is not None and _a_body(found) else None


def _of_a_gathering(doc: Doc, body: Candidate) -> bool:
    """Whether the body is named as the one a gathering or a party sent is of or from ("officials from the X")."""
    i = body.start - (1 if body.start > 0 and doc[body.start - 1].lower_ == "the" else 0)
    return i >= 2 and doc[i - 1].lower_ in {"of", "from"} and doc[i - 2].lower_ in GATHERINGS


def _a_person(c: Candidate) -> bool:
    return bool(c.votes) and max(c.votes, key=c.votes.__getitem__) is EntityType.PERSON


def _a_body(c: Candidate) -> bool:
    return bool(c.votes) and max(c.votes, key=c.votes.__getitem__) is EntityType.ORGANISATION

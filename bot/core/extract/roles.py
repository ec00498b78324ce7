"""Titles people hold, read from the words around their names.

Three shapes cover news English: a title before the name ("Kremlin spokesman Dmitry Peskov"), an appositive
("Geir Pedersen, the UN envoy for Syria,") and a title shared by a list of names ("Foreign Ministers of Türkiye
and Russia, Hakan Fidan and Sergey Lavrov"), where each person gets his own part.
"""

from __future__ import annotations

import re

from bot.core.extract.appositives import BODY_NOUNS, after_age, after_aside, office_clause
from bot.core.extract.countries import country_itself
from bot.core.extract.document import tokens, view_of
from bot.core.extract.mentions import (
    ACRONYM,
    NAMED_AFTER_SOMEONE,
    RANKS,
    Candidate,
    Doc,
    Token,
    ordinal_rank,
    short_rank,
)
from bot.core.extract.shared_titles import distribute
from bot.core.lexicon import HONORIFICS, PERSON_NOUNS, SHORT_RANKS, TITLE_HEADS, TITLE_MODIFIERS
from bot.core.models import EntityType, Role

# A title is evidence of a person far stronger than one NER label.
TITLE_PERSON_VOTE = 3.0
# Shorter words ending in "-ist" are no nouns of people ("list", "mist", "twist", "exist").
MIN_SUFFIXED_NOUN = 6
# Appositives longer than this are clauses, not titles.
MAX_APPOSITIVE_TOKENS = 18
# The title word comes early in a title phrase ("the UN envoy for Syria"); later, it is a description.
TITLE_HEAD_WITHIN = 6
# Capitalised words of a body's name inside a title ("the Armed Forces General Staff") looked through for its office.
MAX_BODY_WORDS = 5
# Words that open a rank written in full ("Rear Admiral", "Brigadier General", "Lieutenant General").
_RANK_PREFIXES = frozenset({"rear", "vice", "brigadier", "lieutenant", "major", "maj.", "lt.", "brig.", "gen.", "adm."})
# Ranks written short, which stand after an office as a rank written in full does ("spokesman Brig. Gen.").
_RANK_ABBREVIATIONS = frozenset(
    {"gen.", "adm.", "col.", "maj.", "brig.", "capt.", "lt.", "cmdr.", "lt.-gen.", "maj.-gen."}
)
# Prepositions inside a title: "Secretary of State", "Special Envoy for Syria", "Ambassador to Ankara".
_TITLE_PREPOSITIONS = frozenset({"of", "for", "to"})
_POSSESSIVES = frozenset({"its", "his", "her", "their"})
# Capitalised words that open a hyphenated title and are no title words alone ("Under-Secretary-General").
_HYPHENATED_PREFIXES = frozenset({"Under", "Co", "Ex"})
# Words a name is addressed with, which end no title ("Prime Minister Sheikh …", "Foreign Secretary Sir …").
FORMS_OF_ADDRESS = HONORIFICS | {"sheikh", "sheik", "shaikh"}
_CLAUSE_OPENERS = frozenset({"who", "which", "that", "whose"})
# The nouns of the styles rulers and dignitaries are addressed by ("His Highness", "Her Majesty", "His Excellency").
_STYLES = frozenset({"highness", "majesty", "excellency", "holiness", "eminence", "beatitude"})
# Adverbs that open an apposition to say the title is held at the time of writing ("X, now Ardan's foreign
# minister,"): no part of the title.
_NOW = frozenset({"now", "currently", "then"})  # "X, then the governor of Y,"
_CONJUNCTIONS = frozenset({"and", "or"})
# Verbs that join a person to the title a relative clause gives ("who is", "who serves as", "who became").
# "who was appointed defence minister": verbs of taking up an office give it as well.
_COPULAS = frozenset(
    {
        "is", "was", "serves", "served", "as", "became", "remains", "has", "had", "been", "now", "currently", "also",
        "appointed", "named", "sworn", "in", "took", "takes", "over",
    }
)  # fmt: skip
# Verbs of giving someone an office, whose object is the person and whose "as" phrase the office ("Putin appointed
# Vice Admiral X as commander of the fleet", "NATO named X as its next commander"); their participles open an
# apposition that gives the office ("Zamir, appointed chief of staff after Y resigned,").
_APPOINTED = frozenset(
    {"appointed", "named", "nominated", "elected", "chosen", "designated", "picked", "tapped", "promoted"}
)
_APPOINTING = _APPOINTED | frozenset(
    """
    appoint appoints appointing name names naming nominate nominates nominating elect elects electing choose chooses
    chose choosing designate designates designating pick picks picking tap taps tapping promote promotes promoting
    """.split()
)
# Words that end the office such a participle gives, and open when or why it was given ("after Y resigned", "by the
# president", "following the vote").
_OFFICE_GIVEN_WHEN = frozenset({"after", "before", "when", "by", "following", "until", "since", "amid", "despite"})
_DELIMITERS = frozenset({",", ";", ":", "—", "–", "(", ")", "“", "”", '"', "|", "*"})  # "|": bylines
_ARTICLES = frozenset({"the", "a", "an"})
# What ends a sentence as written: a stop, a question or exclamation mark, a closing quotation mark or a colon.
_SENTENCE_ENDS = frozenset({".", "!", "?", '"', "”", ":", "…"})
_WHEN_ENTS = frozenset({"DATE", "TIME"})
_NON_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PERSON"})


def find_roles(doc: Doc, found: list[Candidate]) -> list[tuple[Candidate, Role]]:
    """Every (mention, role) the text states; a mention with a role also gains a person vote."""
    out: list[tuple[Candidate, Role]] = []
    by_start = {c.start: c for c in found}
    family_names = _family_names(found)
    seen_groups: set[int] = set()
    for candidate in found:
        if candidate.start in seen_groups:
            continue
        group = _coordinated(doc, candidate, by_start)
        seen_groups.update(c.start for c in group)
        # "the head of U.S. Central Command, Adm. Brad Cooper": both the phrase and the rank are titles.
        # "the official IRNA news agency": a title before a name that a body's noun follows is no person's
        # "Colonel Yusuf Street": a street, a school or a brigade named after someone is none of his
        named_after = doc[candidate.end - 1].lower_ in NAMED_AFTER_SOMEONE
        before = (
            None if named_after or _ends_in_a_body_noun(doc, candidate.end) else _title_before(doc, candidate.start)
        )
        titles = [
            *(part for t in (split_titles(before) if before else []) for part in _rank_apart(t)),
            _title_before_comma(doc, _before_title(doc, candidate.start)),
            _appointed_as(doc, candidate) if len(group) == 1 else None,
        ]
        for title in dict.fromkeys(t for t in titles if t):
            for member, text in zip(group, distribute(title, len(group)), strict=True):
                out.append((member, Role(text, doc[member.start].sent.text.strip())))
        # Only after a name the model reads as a person: "Homs province, a rebel commander, said" is not one.
        # "Lavrentiev, the Kremlin's envoy, …": a person named in full before is called by the family name alone
        person = candidate.votes.get(EntityType.PERSON, 0.0) > 0 or candidate.key in family_names
        after = after_age(doc, after_aside(doc, candidate.end))
        appositive = (
            _appositive_after(doc, after)
            or _appointed_apposition(doc, after)
            or _bracketed_title(doc, candidate.end)
            or office_clause(doc, after)
            or _copular_clause(doc, after)
            or _copular_sentence(doc, after)
            or _office_taken_sentence(doc, after)
            or _the_post_before(doc, candidate.end)
            if len(group) == 1 and (person or _looks_like_a_persons_name(doc, candidate))
            else None
        )
        if appositive and not person and not _headed_by_title(appositive):
            appositive = None  # "Velmor Holdings, the firm of a former minister": a firm, not a minister
        if appositive:
            out.append((candidate, Role(appositive, doc[candidate.start].sent.text.strip())))
    for candidate, _role in out:
        candidate.vote(EntityType.PERSON, TITLE_PERSON_VOTE)
    return out


# The brackets a title may stand in right after a name, as transcripts and live blogs set them ("X [Defence Minister]
# said", "X (head of the media centre) said").
_BRACKETS = {"(": ")", "[": "]"}


def _bracketed_title(doc: Doc, end: int) -> str | None:
    """ "Oren Galit [Defence Minister] said", "Tarek Hanin (head of the Front's media centre) said": a title phrase
    alone in brackets after a name is the person's title; an acronym, a place or a date there is none."""
    close = _BRACKETS.get(doc[end].text) if end < len(doc) else None
    if close is None:
        return None
    stop = next((i for i in range(end + 1, min(len(doc), end + MAX_APPOSITIVE_TOKENS)) if doc[i].text == close), None)
    if stop is None or stop == end + 1:
        return None
    words = doc[end + 1 : stop]
    if any(t.pos_ in {"VERB", "AUX"} or t.text in _DELIMITERS for t in words):
        return None  # "(he said)", "(the army, the police)": a clause or a list, not one title
    title = words.text
    return title if _headed_by_title(title) else None


def _ends_in_a_body_noun(doc: Doc, end: int) -> bool:
    """Whether a lowercase noun of a body ends a name or follows it ("the official Velmor agency"), past a noun
    compounded with it ("the official Velmor news agency")."""
    after = end + 1 if end + 1 < len(doc) and doc[end].is_lower and doc[end].dep_ == "compound" else end
    words = [doc[i] for i in (end - 1, end, after) if i < len(doc)]
    return any(t.lower_ in BODY_NOUNS and t.is_lower and t.pos_ == "NOUN" for t in words)


def _family_names(found: list[Candidate]) -> set[str]:
    """The last words of the names of two words or more that the model reads as people's: a mention of one such
    word alone is that person called by the family name, as news does after the first mention."""
    return {c.key.split()[-1] for c in found if len(c.key.split()) >= 2 and c.votes.get(EntityType.PERSON, 0.0) > 0}


def _looks_like_a_persons_name(doc: Doc, c: Candidate) -> bool:
    """ "Nadia Farouk, a police officer": two or three capitalised words the model took for a body, with no word of a
    body or a place among them and no place cue before them, may carry a title like a person's name."""
    words = tokens(doc, c.start, c.end)
    if not 2 <= len(words) <= 3 or c.votes.get(EntityType.PLACE, 0.0) > 0:
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and not t.is_stop for t in words) and not any(
        t.ent_type_ in {"GPE", "LOC", "FAC", "NORP"} for t in words
    )


def _headed_by_title(title: str) -> bool:
    """Whether a title phrase's own noun, before any "of", "for" or "to", is a title ("police officer", not "firm of
    a former minister")."""
    words = title.lower().replace("-", " ").split()
    before = next((n for n, w in enumerate(words) if w in _TITLE_PREPOSITIONS | {"in"}), len(words))
    return before > 0 and _describes_a_person(words[before - 1])


def _coordinated(doc: Doc, first: Candidate, by_start: dict[int, Candidate]) -> list[Candidate]:
    """`first` and the names joined to it by "and" or commas ("Hakan Fidan and Sergey Lavrov")."""
    group = [first]
    # "Lawmakers X, Y and Z": all three are people; "leaders Russia, China and Iran" are countries still
    titled = _plural_title_before(doc, first.start) and country_itself(first.surface) is None
    if not (_person_like(first) or titled):
        return group
    if not titled and _title_before(doc, first.start):
        return group  # "Defence Minister X and Y, the army chief,": a title in the singular is X's alone
    i, joined = first.end, False
    while i < len(doc) and doc[i].text in {",", "and"}:
        j = i + 1
        if doc[i].text == "," and j < len(doc) and doc[j].text == "and":
            j += 1
        nxt = by_start.get(j)
        if nxt is None or not (_person_like(nxt) or (titled and country_itself(nxt.surface) is None)):
            break
        joined |= doc[j - 1].text == "and"
        group.append(nxt)
        i = nxt.end
    # "a spokesman for X, Y, said": two names set off by a comma with no "and" are a name and its apposition
    return group if joined else [first]


def _plural_title_before(doc: Doc, start: int) -> bool:
    """Whether a plural title stands right before a name ("ministers X and Y", "the sheikhs X, Y and Z")."""
    if start == 0:
        return False
    word = doc[start - 1]
    return word.lower_ in TITLE_HEADS and word.lower_.endswith("s") and word.lower_[:-1] in TITLE_HEADS


def _person_like(c: Candidate) -> bool:
    return c.votes.get(EntityType.PERSON, 0.0) > 0


def _is_title_word(tok: Token) -> bool:
    return tok.lower_ in TITLE_HEADS or tok.lower_ in TITLE_MODIFIERS or short_rank(tok)


def _before_title(doc: Doc, start: int) -> int:
    """Where a name's rank before it begins ("Adm." of "Adm. Brad Cooper"), else the name's start."""
    i = start
    while i - 1 >= 0 and _addresses(doc[i - 1]) and doc[i - 1].text[:1].isupper():
        i -= 1  # "Adm.", "Admiral", "Rear Adm.", "Dr.", "Under-Secretary-General"
        while i - 2 >= 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
            i -= 2  # "Under-Secretary-" of "Under-Secretary-General": the words a rank is hyphenated from
    return i


def _addresses(tok: Token) -> bool:
    """A word a name is addressed with: a rank or title word, or a form of address ("Dr.", "Prof.", "Sheikh")."""
    return _is_title_word(tok) or tok.lower_.rstrip(".") in FORMS_OF_ADDRESS


def _title_before(doc: Doc, start: int) -> str | None:
    """The title written right before a name: "Russian Foreign Minister", "Syria's interim President",
    "Secretary of State"."""
    i, first = start - 1, None
    sent_start = _clause_start(doc, start)
    while i >= sent_start:
        tok = doc[i]
        if ordinal_rank(doc, i):
            first, i = i - 2, i - 3  # "Captain 1st Rank"
            continue
        if _closes_acronym(doc, i, sent_start):
            i -= 3  # "the Head of the National Intelligence Organization (MIT) İbrahim Kalın"
            continue
        if tok.tag_ == "POS" and i - 1 >= sent_start and doc[i - 1].text[:1].isupper():
            i -= 1  # a possessive owner: "Syria's"
            first = i
        elif (
            tok.lower_ in _TITLE_PREPOSITIONS
            and first is not None
            and i - 1 >= sent_start
            and (_is_title_word(doc[i - 1]))
        ):
            first = i  # "Secretary of State", "Envoy for Syria", "Ambassador to Ankara"
        elif (
            tok.lower_ in _TITLE_PREPOSITIONS
            and first is not None
            and (head := _office_behind(doc, i, sent_start)) is not None
        ):
            first, i = head, head - 1  # "Chief of the General Staff of the Kuwaiti Army": a body's name in between
            continue
        elif (
            tok.lower_ == "the"
            and first is not None
            and i - 1 > sent_start
            and doc[i - 1].lower_ in _TITLE_PREPOSITIONS
        ):
            first = i  # "Envoy for the Middle East"
        elif tok.text == "-" and first is not None and i - 1 >= sent_start and _hyphenated_title(doc[i - 1]):
            first = i  # "Secretary-General", "Under-Secretary-General"
        elif tok.text == "-" and first is not None and i - 2 >= sent_start and _between_hyphens(doc, i - 1):
            first = i  # "commander-in-chief": the hyphen after the "in"
        elif tok.text in _HYPHENATED_PREFIXES and first == i + 1:
            first = i
        elif tok.lower_ == "in" and first == i + 1 and doc[i + 1].text == "-" and i - 1 >= sent_start:
            first = i  # "Commander-in-Chief": the "in" between the hyphens
        elif tok.lower_ == "and" and first is not None and _joins_titles(doc, i, sent_start):
            first = i  # "Deputy Foreign Minister and Special Presidential Envoy …", split apart below
        elif tok.lower_ == "elect" and first is None and i == start - 1 and _elect_of_a_title(doc, i, sent_start):
            first = i  # "President-elect": a title to be taken up, hyphenated to the title
        elif _is_title_word(tok) or _is_name_modifier(tok) or _is_compound_into(tok, start):
            first = i
        else:
            break
        i -= 1
    if first is None:
        return None
    words = _own_part(doc[first:start])
    if not any(t.lower_ in TITLE_HEADS or short_rank(t) for t in words) or _heads_what_follows(words):
        return None
    while words and (
        _after_a_hyphen(doc, words[0])
        or not (_is_title_word(words[0]) or words[0].text[:1].isupper() or _is_compound_into(words[0], start))
    ):
        words = words[1:]
    while words and words[0].lower_ in _STYLES:
        words = words[1:]  # "His Highness Sheikh …": the style of address is no part of the title
    while len(words) > 1 and words[-1].lower_ in FORMS_OF_ADDRESS and any(t.lower_ in TITLE_HEADS for t in words[:-1]):
        words = words[:-1]  # "Prime Minister Sheikh …": the sheikh is how he is addressed, the office is the title
    return re.sub(r" \([A-Z]{2,6}\)", "", _text(words)) or None


def _after_a_hyphen(doc: Doc, tok: Token) -> bool:
    """ "based" of "the Tarvel-based analyst": the end of a word hyphenated from one the title leaves out."""
    return tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_


def _clause_start(doc: Doc, i: int) -> int:
    """Where the sentence holding token `i` starts, passing over a start the model put where no sentence ends
    ("…, Commander-in-Chief of the Russian Navy | Admiral X said": no stop, no line break before the rank)."""
    start = int(doc[i].sent.start)
    while start > 0 and not doc[start - 1].is_space and doc[start - 1].text not in _SENTENCE_ENDS:
        start = int(doc[start - 1].sent.start)
    return start


def _office_behind(doc: Doc, i: int, sent_start: int) -> int | None:
    """Where the office opens before the preposition at `i` when capitalised words of a body stand between them
    ("Chief of the General Staff of …", "Deputy Chief of the Armed Forces General Staff for …"): the title word
    a few capitalised words back, itself after "of"/"for"/"the" or a title word, or at the sentence's start."""
    j = i - 1
    while j >= sent_start and i - j <= MAX_BODY_WORDS and _inside_office(doc[j]) and doc[j].ent_type_ != "PERSON":
        if doc[j].lower_ in TITLE_HEADS and doc[j].text[:1].isupper() and j < i - 1:
            return j
        j -= 1
    if j >= sent_start and doc[j].lower_ in _ARTICLES and j + 1 < i and doc[j + 1].lower_ in TITLE_HEADS:
        return j + 1
    # "the spokesman for the Ministry of Foreign Affairs (MFA) X": a lower-case title for a body named in capitals
    if j > sent_start and j + 1 < i and doc[j].lower_ in _TITLE_PREPOSITIONS and doc[j - 1].lower_ in TITLE_HEADS:
        return j - 1
    return None


def _inside_office(tok: Token) -> bool:
    """A word of an office's own name: capitalised, or the "of"/"the" of "Chief of Staff", "Chief of the General
    Staff"."""
    return (tok.is_alpha and tok.text[:1].isupper()) or tok.lower_ in {"of", "the"}


def _rank_apart(title: str) -> list[str]:
    """ "Chief of the General Staff of the Kuwaiti Army Lieutenant General", "Defence Minister Colonel General",
    "coalition spokesman Colonel": an office followed by a rank holds two titles, the office and the rank. An office
    is a title word that is no rank ("Minister", "spokesman") or an office "of" a body; "Navy Commander Rear
    Admiral" and "Brigadier General" have none before the rank and stay whole."""
    words = title.split()
    cut = len(words)
    while cut > 1 and _rank_word(words[cut - 1]) and not words[cut - 1].islower():
        cut -= 1
    ranked = any(w.lower().rstrip(".") in RANKS or w.lower() in _RANK_ABBREVIATIONS | SHORT_RANKS for w in words[cut:])
    # "border guard commander Lt. Gen.": a rank's word written in lower case is the office ("commander"), not a rank
    office = any(w.lower() in TITLE_HEADS and (not _rank_word(w) or w.islower()) for w in words[:cut])
    if cut == len(words) or not ranked or not (office or any(w in _TITLE_PREPOSITIONS for w in words[:cut])):
        return [title]
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _rank_word(word: str) -> bool:
    """A word of a rank, written in full or shortened: "Rear", "Admiral", "Brig.", "Gen.", "Maj Gen"."""
    lower = word.lower()
    dotless = word[:1].isupper() and lower in SHORT_RANKS
    return lower.rstrip(".") in RANKS or lower in _RANK_PREFIXES or lower in _RANK_ABBREVIATIONS or dotless


def _own_part(words: Doc) -> Doc:
    """ "Marek Tallin, spokesman for Prime Minister Ilkan Sorel", "an adviser to Queen Mirela Voss": a lowercase
    title "for" or "to" a titled name is someone else's, named or not; the name holds only the title after the
    preposition."""
    for n in range(1, len(words) - 1):
        tok = words[n]
        if tok.lower_ in {"for", "to"} and words[n - 1].is_lower and words[n + 1].text[:1].isupper():
            inner = words[n + 1 :]
            if any(t.lower_ in TITLE_HEADS for t in inner):
                return inner
    return words


def _heads_what_follows(words: Doc) -> bool:
    """ "the secretary of Russia's Security Council": a title "of" someone's, right before a name, makes the name
    what the title holder heads, not the holder."""
    return len(words) >= 3 and words[-1].tag_ == "POS" and any(t.lower_ == "of" for t in words)


def _closes_acronym(doc: Doc, i: int, sent_start: int) -> bool:
    """Whether token `i` closes an organisation's acronym in parentheses inside a title: "… Organization (MIT)"."""
    return (
        doc[i].text == ")"
        and i - 2 > sent_start
        and doc[i - 2].text == "("
        and bool(ACRONYM.match(doc[i - 1].text))
        and doc[i - 3].text[:1].isupper()
    )


def _hyphenated_title(tok: Token) -> bool:
    """A word joined by a hyphen to the title after it: "Secretary-General", "Under-Secretary", "Vice-President"."""
    return _is_title_word(tok) or tok.text in _HYPHENATED_PREFIXES


def _elect_of_a_title(doc: Doc, i: int, sent_start: int) -> bool:
    """Whether token `i` is the "elect" of "President-elect", "Prime Minister-elect": joined by a hyphen, unspaced,
    to a title word."""
    return (
        i - 2 >= sent_start
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and _is_title_word(doc[i - 2])
    )


def _between_hyphens(doc: Doc, i: int) -> bool:
    """The "in" of "commander-in-chief", between two hyphens inside one title."""
    return bool(doc[i].lower_ == "in" and doc[i - 1].text == "-")


def _joins_titles(doc: Doc, i: int, sent_start: int) -> bool:
    """An "and" inside a run of titles: capitalised words on both sides, no person before it."""
    before, after = doc[i - 1] if i - 1 >= sent_start else None, doc[i + 1]
    return (
        before is not None
        and before.text[:1].isupper()
        and after.text[:1].isupper()
        and before.ent_type_ != "PERSON"
        and before.tag_ != "POS"
    )


def split_titles(title: str) -> list[str]:
    """ "Deputy Foreign Minister and Special Envoy for the Middle East and Africa": one title per title word run;
    an "and" part without a title word belongs to the title before it, or to none."""
    parts: list[str] = []
    for part in title.split(" and "):
        words = part.replace("-", " ").split()  # "Secretary-General"; "Maj Gen", a rank short without its dot
        if any(w.lower() in TITLE_HEADS or (w[:1].isupper() and w.lower() in SHORT_RANKS) for w in words):
            parts.append(part)
        elif parts:
            parts[-1] = f"{parts[-1]} and {part}"
    return parts


def _is_name_modifier(tok: Token) -> bool:
    """A capitalised word that can qualify a title: "Kremlin", "Russian", "U.S.", "UN"."""
    return (
        tok.text[:1].isupper()
        and tok.pos_ in {"PROPN", "ADJ", "NOUN"}
        and tok.ent_type_ not in _NON_NAME_ENTS
        and not (tok.is_sent_start and tok.pos_ == "NOUN" and tok.lower_ not in TITLE_HEADS)
    )


def _is_compound_into(tok: Token, start: int) -> bool:
    """A lowercase modifier of a title word ("rebel commander", "opposition leader"), or of a word that is one
    itself ("border guard commander")."""
    while tok.dep_ in {"compound", "amod"} and tok.i < tok.head.i < start + 1:
        if tok.head.lower_ in TITLE_HEADS:
            return True
        tok = tok.head
    return False


def _title_before_comma(doc: Doc, start: int) -> str | None:
    """A title phrase ending in a comma right before the name: "the UN envoy for Syria, Geir Pedersen"."""
    comma = start - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    sent_start = doc[start].sent.start
    i = comma - 1
    while i >= sent_start and doc[i].text not in _DELIMITERS and not _ends_noun_phrase(doc[i]):
        opens = doc[i + 1].lower_ in _ARTICLES | _POSSESSIVES  # "… and its Force Commander, Major General Y"
        if doc[i].lower_ in _CONJUNCTIONS and (opens or doc[i - 1].ent_type_ == "PERSON"):
            break  # "Defence Minister Israel Katz and the chief of staff, Lt. Gen. Eyal Zamir": the second title
        i -= 1
    if doc[i + 1].lower_ in _CONJUNCTIONS:
        i += 1  # "…, and its commander, Admiral Y": the title after the "and"
    words = doc[i + 1 : comma]
    return _title_phrase(words)


def _ends_noun_phrase(tok: Token) -> bool:
    """A word before which the title phrase cannot reach: a verb, a clause word, a preposition other than those
    of a title ("met the head of US Central Command, Admiral …")."""
    if _inside_a_compound(tok):
        return False  # "the commander-in-chief of the SDF": "in" between hyphens is part of a word
    if tok.pos_ in {"VERB", "AUX", "SCONJ"}:
        return True
    if tok.pos_ == "PRON" and tok.lower_ not in _POSSESSIVES:
        return True
    if tok.lower_ == "in" and tok.i > 0 and view_of(tok)[tok.i - 1].lower_ in TITLE_HEADS:
        return False  # "the US consul general in Erbil, Elizabeth Harmon": where the title is held
    return tok.pos_ == "ADP" and tok.lower_ not in _TITLE_PREPOSITIONS


def _inside_a_compound(tok: Token) -> bool:
    """Whether a word is joined to the words on both sides by hyphens ("in" of "commander-in-chief")."""
    doc = view_of(tok)
    i = tok.i
    return (
        0 < i < len(doc) - 1
        and doc[i - 1].text == "-" == doc[i + 1].text
        and not doc[i - 1].whitespace_
        and not tok.whitespace_
    )


# Marks that set an apposition off after a name: a comma, or the dash British copy uses ("X – the army's chief –").
_APPOSITION_OPENERS = frozenset({",", "–", "—"})


def _appositive_after(doc: Doc, end: int) -> str | None:
    """A title phrase set off by commas or dashes after a name: "Geir Pedersen, the UN envoy for Syria, said"."""
    if end >= len(doc) or doc[end].text not in _APPOSITION_OPENERS:
        return None
    if end + 1 < len(doc) and doc[end + 1].lower_ in _CONJUNCTIONS:
        return None  # "Cahit Adar, and the envoy to Baku, Rasim Aliyev": the next item of a list, not an apposition
    sent_end = doc[end].sent.end
    i = end + 1
    while i < sent_end and doc[i].text not in _DELIMITERS and doc[i].text not in {".", "!", "?"}:
        hyphenated = doc[i - 1].text == "-"  # "a Dushanbe-based political analyst": a compound adjective
        participle = doc[i].tag_ == "VBN" and not _participle_modifier(doc[i])  # "the newly appointed envoy"
        if doc[i].lower_ in _CLAUSE_OPENERS or (participle and i > end + 2 and not hyphenated):
            break  # "a former deputy secretary who is not related …", "a political analyst based in Erbil"
        i += 1
    if i - end - 1 > MAX_APPOSITIVE_TOKENS:
        # "the spokesman for the ministry and an adviser to …": the first of two titles joined by "and"
        i = next((j for j in range(end + 2, i - 1) if doc[j].lower_ == "and" and doc[j + 1].lower_ in _ARTICLES), i)
        if i - end - 1 > MAX_APPOSITIVE_TOKENS:
            return None
    return _title_phrase(doc[end + 1 : i])


def _appointed_as(doc: Doc, c: Candidate) -> str | None:
    """ "Putin has appointed Vice Admiral Oleg Demchenko as commander of the Baltic Fleet": the person a verb of
    giving an office takes as its object holds the office its "as" phrase names."""
    first = _before_title(doc, c.start)
    after = _after_apposition(doc, c.end)
    if first == 0 or after + 1 >= len(doc) or doc[after].lower_ != "as":
        return None
    verb = doc[first - 1]
    if verb.lower_ == "of" and first >= 2 and doc[first - 2].lower_ in _APPOINTMENTS:
        return _office_before_verb(doc, after + 1)  # "the appointment of X as chief of staff was announced"
    # a headline's "Velmor names X as …" is read as a plural noun: its "as" after the name says it is the verb
    if not (verb.tag_.startswith("VB") or verb.tag_ == "NNS") or verb.lower_ not in _APPOINTING:
        return None
    return _title_until_delimiter(doc, after + 1)


# Nouns of giving someone an office, whose "of" names the person and whose "as" phrase the office.
_APPOINTMENTS = frozenset({"appointment", "nomination", "election", "promotion"})


def _office_before_verb(doc: Doc, start: int) -> str | None:
    """The office from `start` to the sentence's verb or the next comma ("… as chief of the general staff was
    announced on Friday")."""
    sent_end = doc[start].sent.end
    stop = start
    while stop < sent_end and doc[stop].pos_ not in {"VERB", "AUX"} and doc[stop].text not in _DELIMITERS:
        stop += 1
    return _title_phrase(doc[start:stop]) if start < stop <= start + MAX_APPOSITIVE_TOKENS else None


def _after_apposition(doc: Doc, end: int) -> int:
    """Where the sentence goes on after a phrase set off by commas right after a name ("named X, until now the
    ministry's secretary-general, as acting minister"): after the second comma; `end` itself if there is none."""
    if end >= len(doc) or doc[end].text != ",":
        return end
    sent_end = doc[end].sent.end
    close = next((i for i in range(end + 1, min(sent_end, end + MAX_APPOSITIVE_TOKENS)) if doc[i].text == ","), None)
    return close + 1 if close is not None else end


def _appointed_apposition(doc: Doc, end: int) -> str | None:
    """ "Zamir, appointed chief of staff after Halevi resigned,": an apposition opening with the participle of a
    verb of giving an office names the office, up to the words saying when or why it was given."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in _APPOINTED:
        return None
    start = end + 2
    if doc[start].lower_ == "as":
        start += 1  # "X, named as the fleet's new commander,"
    return _office_until_when(doc, start)


def _copular_clause(doc: Doc, end: int) -> str | None:
    """ "Tomas Hrabal, who is the country's defence minister,", "…, who serves as army chief of staff,": the title a
    relative clause says the person holds."""
    if end + 3 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return None
    i = end + 2
    while i < len(doc) and doc[i].lower_ in _COPULAS:
        i += 1
    if i == end + 2 or i >= len(doc):
        return None
    return _appositive_after(doc, i - 1) if doc[i - 1].lower_ == "," else _office_until_when(doc, i)


def _copular_sentence(doc: Doc, end: int) -> str | None:
    """ "Tomasz Wirth is a defence correspondent for the Vistula Herald.": a sentence whose subject is the name and
    whose main verb is "is" says the title held now, as an author's note at the end of an analysis does."""
    name = doc[end - 1]
    if end + 1 < len(doc) and doc[end].text == "," and name.dep_ == "appos" and name.head.dep_ == "nsubj":
        name, end = name.head, end + 1  # "The group's former leader, X, is now the country's president."
    if end + 2 >= len(doc) or doc[end].lower_ != "is":
        return None
    if name.dep_ != "nsubj" or name.head.i != end or doc[end].dep_ != "ROOT":
        return None  # "… said Wirth is a candidate": the name is the subject of a clause inside another
    start = end + 1
    while start + 1 < len(doc) and doc[start].pos_ == "ADV":
        start += 1  # "is now", "is also"
    owned = doc[start].pos_ == "PROPN" and doc[start + 1].tag_ == "POS"  # "is now Syria's president"
    return _title_until_delimiter(doc, start) if doc[start].lower_ in _ARTICLES or owned else None


# Main verbs saying that their subject holds, or has taken up, the office after them ("X became foreign minister", "X
# was appointed defence minister in 2024", "X serves as the army's chief of staff", "X has been governor since 2020"),
# and the words that may stand between the name and such a verb.
_TAKING_UP = _APPOINTED | {"became", "becomes", "serves", "serve", "remains", "been", "sworn", "took", "takes"}
_BEFORE_TAKING_UP = frozenset(
    {"was", "is", "has", "have", "been", "will", "now", "also", "currently", "recently", "just"}
)
# The words between such a verb and the office: "was sworn in as", "serves as".
_BEFORE_OFFICE = frozenset({"in", "as", "over", "to"})  # "promoted to rear admiral"


def _office_taken_sentence(doc: Doc, end: int) -> str | None:
    """ "Lena Osk became foreign minister in 2023.": the office a sentence whose subject is the name says it holds
    or has taken up; "X had been governor" and "X served as governor" are past offices, and give none."""
    name = doc[end - 1]
    if end + 1 < len(doc) and doc[end].text == "," and name.dep_ == "appos" and name.head.dep_ in _SUBJECTS:
        name, end = name.head, end + 1  # "Garba's predecessor, General X, now serves as ambassador to Mali."
    verb = name.head
    if name.dep_ not in _SUBJECTS or verb.dep_ != "ROOT" or verb.i <= name.i:
        return None
    if verb.lower_ not in _TAKING_UP or any(t.lower_ not in _BEFORE_TAKING_UP for t in doc[end : verb.i]):
        return None
    if verb.lower_ == "been" and not any(t.lower_ in {"has", "have"} for t in doc[end : verb.i]):
        return None
    start = _after_as(doc, verb) if verb.lower_ in _TAKING else verb.i + 1
    while start is not None and start < len(doc) and doc[start].lower_ in _BEFORE_OFFICE:
        start += 1  # "was sworn in as Minister of Interior"
    return _office_until_when(doc, start) if start is not None and start < len(doc) else None


# Verbs of taking up or serving that give an office only in their "as" phrase ("took over as army chief", "took
# office as prime minister", "took over from X as army chief", "will serve under the president as defence minister");
# what they take or whom they serve is no office ("took control of the city", "serve under the new president").
_TAKING = frozenset({"took", "takes", "serve", "serves"})
# How many words may stand between such a verb and its "as" ("took over from General Karim Salih as").
_MAX_BEFORE_AS = 8


def _after_as(doc: Doc, verb: Token) -> int | None:
    """Where the office starts after a verb of taking: right after the first "as" that follows it in its clause,
    before any comma; None when there is none."""
    stop: int = min(verb.sent.end, verb.i + 1 + _MAX_BEFORE_AS)
    for i in range(verb.i + 1, stop):
        if doc[i].text in _DELIMITERS or doc[i].pos_ in {"VERB", "AUX"}:
            return None
        if doc[i].lower_ == "as":
            return i + 1
    return None


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# "X had held the post since 2024": the nouns of an office a sentence points back at, and the verbs of holding it.
_POSTS = frozenset({"post", "job", "office", "position"})
_HOLDING = frozenset({"held", "holds", "hold", "took", "takes", "assumed", "assumes", "occupied"})


def _the_post_before(doc: Doc, end: int) -> str | None:
    """ "Chad's defence minister resigned on Tuesday. X had held the post since 2024.": the post a sentence says the
    name held is the office of the sentence before, whose subject is someone it describes by that office alone."""
    name = doc[end - 1]
    verb = name.head
    if name.dep_ != "nsubj" or verb.lower_ not in _HOLDING:
        return None
    if not any(c.dep_ == "dobj" and c.lower_ in _POSTS and _the_one(c) for c in verb.children):
        return None
    start = name.sent.start
    while start > 0 and doc[start - 1].is_space:
        start -= 1
    if start == 0:
        return None
    # the first subject of the sentence before ("Chad's defence minister resigned …, the presidency said")
    subject = next((t for t in doc[start - 1].sent if t.dep_ in _SUBJECTS), None)
    if subject is None or any(t.ent_type_ == "PERSON" for t in subject.subtree):
        return None  # "Defence Minister X resigned": a name of its own, whose office is read there
    if _someone_among_many(subject):
        return None  # "A soldier was killed at the border. X held the position for three days": no office
    return _title_phrase(doc[subject.left_edge.i : subject.i + 1])


# Determiners of one of many ("a soldier", "one officer", "some guards"): someone described, not an office held.
_INDEFINITE = frozenset({"a", "an", "one", "some", "another", "two", "three", "several", "many"})


def _someone_among_many(subject: Token) -> bool:
    """Whether the subject is a noun with an indefinite determiner or a number ("a soldier", "two officers")."""
    return any(c.lower_ in _INDEFINITE and c.dep_ in {"det", "nummod"} for c in subject.children)


def _the_one(noun: Token) -> bool:
    return any(c.lower_ == "the" for c in noun.children)


def _office_until_when(doc: Doc, start: int) -> str | None:
    """The office from `start` to the words saying when, where or why it was taken up ("Minister of Interior on
    Monday before the Amir", "ambassador to Mali after the coup"), or to the next comma."""
    sent_end = doc[start].sent.end
    stop = start
    while stop < sent_end and doc[stop].text not in _DELIMITERS and doc[stop].text not in {".", "!", "?"}:
        if doc[stop].lower_ in _OFFICE_GIVEN_WHEN or doc[stop].pos_ == "SCONJ":
            break
        stop += 1
    return _title_phrase(doc[start:stop]) if start < stop <= start + MAX_APPOSITIVE_TOKENS else None


def _title_until_delimiter(doc: Doc, start: int) -> str | None:
    """The title phrase from `start` to the next comma or the sentence's end."""
    sent_end = doc[start].sent.end if start < len(doc) else start
    i = start
    while i < sent_end and doc[i].text not in _DELIMITERS and doc[i].text not in {".", "!", "?"}:
        i += 1
    return _title_phrase(doc[start:i]) if i - start <= MAX_APPOSITIVE_TOKENS else None


def _title_phrase(words: Doc) -> str | None:
    """The phrase as a title if it is one: a title word early, no verb before it, no clause."""
    words = _after_preposition(list(words))
    # "Arman Sayat, one of the group's founders,": one of a title's holders holds it
    one_of = len(words) > 2 and words[0].lower_ == "one" and words[1].lower_ == "of"
    while words and (words[0].lower_ in _ARTICLES or words[0].lower_ in _POSSESSIVES | _NOW | {"whose"}):
        # "its Turkish commander", "the militia, whose commander, …", "X, now the army chief,", "then-defence minister"
        hyphened = words[0].lower_ in _NOW and len(words) > 1 and words[1].text == "-"
        words = words[2:] if hyphened else words[1:]
    words = _without_when(words)
    while words and words[-1].pos_ == "ADV":
        words = words[:-1]  # "the former rebel commander once known as …": the adverb goes with the participle
    if not words or len(words) > MAX_APPOSITIVE_TOKENS:
        return None
    if words[0].pos_ in {"PRON", "VERB", "AUX", "SCONJ"} and not _participle_modifier(words[0]):
        return None
    # A verb or another person's name means a clause ("…, Russian Foreign Minister Sergey Lavrov stated"); a name
    # after "of" is what the title is of ("a deputy governor of al-Hasakah province"), whatever the model calls it.
    domain = next((n for n, t in enumerate(words) if t.lower_ in _TITLE_PREPOSITIONS), len(words))
    if any(
        (t.pos_ in {"VERB", "AUX"} and not _participle_modifier(t))
        or (t.ent_type_ == "PERSON" and n < domain and not _owner(t))
        for n, t in enumerate(words)
    ):
        return None
    if _a_relation(words):
        return None  # "the minister's daughter", "a close ally of the president": who they are to someone, no office
    heads = [t for t in words[:TITLE_HEAD_WITHIN] if not _compounded(t)]  # "the 15-member council": no member
    if one_of and _held_by_many(words[2 : 2 + TITLE_HEAD_WITHIN]):
        return _text(words)
    described = any(t.lower_ in TITLE_HEADS or (t.pos_ == "NOUN" and _describes_a_person(t.lower_)) for t in heads)
    return _text(words) if described else None


# Nouns of what a person is to another, kin or not: an apposition headed by one says no office.
_RELATIONS = frozenset(
    """
    son sons daughter daughters brother brothers sister sisters father mother parents wife husband widow widower
    cousin nephew niece uncle aunt grandson granddaughter grandfather grandmother friend ally rival critic relative
    """.split()
)


def _a_relation(words: list[Token]) -> bool:
    """Whether the phrase's head noun (the word the others hang on) is a relation's ("the brother of the minister"),
    with no office joined to it ("the president's brother and commander of the Fourth Division" holds one)."""
    inside = {t.i for t in words}
    roots = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    joined = any(t.lower_ in _CONJUNCTIONS for t in words)
    return len(roots) == 1 and roots[0].lower_ in _RELATIONS and not joined


def _held_by_many(words: list[Token]) -> bool:
    """Whether the first plural noun of a phrase after "one of" names people who hold a title ("the group's
    founders", "its directors"), not places or things ("the main roads")."""
    plural = next((t for t in words if t.tag_ in {"NNS", "NNPS"}), None)
    return plural is not None and any(_names_a_calling(w) for w in (plural.lower_[:-1], plural.lower_[:-2]))


def _compounded(tok: Token) -> bool:
    """Whether a word ends an adjective of a number and a hyphen ("15-member", "five-member"), not a title's part
    ("vice-president")."""
    doc = view_of(tok)
    i = tok.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].like_num and not doc[i - 2].whitespace_


def _describes_a_person(word: str) -> bool:
    """A noun for a person: a title, a listed person noun, or one of the endings English makes people's nouns with
    ("agronomist", "hydrologist", "technician"); "-list" is a list's ("checklist"), save "journalist"'s "-alist"."""
    return word in PERSON_NOUNS or _names_a_calling(word)


def _names_a_calling(word: str) -> bool:
    """A noun for what a person does or holds: a title, or a noun of a trade by its ending ("agronomist"); not one
    for what befell them or where they live ("hostage", "survivor", "resident"), which is no office."""
    if word in TITLE_HEADS:
        return True
    if len(word) < MIN_SUFFIXED_NOUN or not word.isalpha():
        return False
    return word.endswith("ician") or (word.endswith("ist") and (not word.endswith("list") or word.endswith("alist")))


def _without_when(words: list[Token]) -> list[Token]:
    """The title without the time it was taken up: "army chief last year", "defence minister in March"."""
    if not words or words[-1].ent_type_ not in _WHEN_ENTS:
        return words
    while words and words[-1].ent_type_ in _WHEN_ENTS:
        words = words[:-1]
    return words[:-1] if words and words[-1].pos_ in {"ADP", "SCONJ"} else words  # "since 2019"


def _after_preposition(words: list[Token]) -> list[Token]:
    """The words a leading preposition governs when they name one person's office ("according to the head of
    Central Command, Adm. …"); none when they name a crowd ("Speaking to reporters, Interior Minister …")."""
    if not words or words[0].pos_ != "ADP" or words[0].text in _HYPHENATED_PREFIXES:
        return words
    rest = words[1:]
    head = next((t for t in rest if t.lower_ in TITLE_HEADS or t.lemma_.lower() in TITLE_HEADS), None)
    return [] if head is None or head.tag_ in {"NNS", "NNPS"} else rest


def _owner(tok: Token) -> bool:
    """A word of a name that owns what follows ("Kataib Hezbollah's secretary-general"), whatever the model calls
    the name: the words of the name run to a possessive."""
    if tok.tag_ == "POS":
        return True
    doc, i = view_of(tok), tok.i
    while i + 1 < len(doc) and doc[i + 1].ent_type_ == tok.ent_type_ and doc[i + 1].tag_ != "POS":
        i += 1
    return bool(i + 1 < len(doc) and doc[i + 1].tag_ == "POS")


def _participle_modifier(tok: Token) -> bool:
    """ "a retired Israeli air force colonel": a participle describing the title noun, not a verb of a clause."""
    return bool(tok.tag_ in {"VBN", "VBG"} and tok.dep_ in {"amod", "compound"} and tok.head.i > tok.i)


def _text(words: list[Token] | Doc) -> str:
    text = "".join(t.text_with_ws for t in words).strip()
    return re.sub(r"\s+", " ", text)

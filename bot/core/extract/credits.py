"""News agencies credited by the conventions of news copy, which the model often leaves untagged: the agency tag of
a dateline ("MOSCOW, January 28. /TASS/.", "BEIRUT, Feb 24 (Reuters) -", "Damascus, SANA-") and an agency named
after its description ("Syria's state news agency SANA")."""

from __future__ import annotations

import re

from bot.core import names
from bot.core.extract.countries import country_itself
from bot.core.extract.document import tokens
from bot.core.extract.furniture import KICKERS, MONTHS
from bot.core.extract.mentions import Candidate, Doc, Token
from bot.core.lexicon import DEMONYMS, TITLE_HEADS
from bot.core.models import EntityType

# A credit is the outlet's own convention for naming an agency: near-certain evidence of an organisation.
CREDIT_VOTE = 3.0
_AGENCY = r"[A-Z][\w&.-]{1,20}(?: [A-Z][\w&.-]{1,20}){0,2}"
_CREDITS = (
    re.compile(rf"\. /(?P<name>{_AGENCY})/\."),  # "MOSCOW, January 28. /TASS/."
    re.compile(rf"(?m)^[A-Z][\w'’-]+(?:,? [\w'’.-]+){{0,5}} \((?P<name>{_AGENCY})\) ?[—–-]"),  # "BEIRUT (AP) —"
    re.compile(r"(?m)^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?P<name>[A-Z]{2,6}) ?[—–-]"),  # "Damascus, SANA-"
    # a photo's credit of one word ("(Photo: AFP)", "(Photo: Reuters)"); a photographer has two or more
    re.compile(r"\((?i:photo|photos|picture|image)\s*:\s*(?P<name>[A-Z][\w&.-]{1,20})\)"),
)
# A story's byline ("By Noa Shalev", "By Oumar Sangaré, Sahel Weekly correspondent") and a wire story's credit line
# ("(Reporting by Rania Aboud in Beirut and Pavel Orlov in Moscow; Editing by Simon Whitcombe)"): the names they
# credit are the writers'.
# A byline may say what the writer gave first ("Analysis by …", "Photos and text by …"), in a word of its own; such a
# line is short and no sentence, where a paragraph may open the same way ("Reporting by the Post found that … .").
_BYLINE_WORK = r"(?:analysis|commentary|opinion|photos?|pictures|text|words|story|video|reporting)"
MAX_BYLINE_CHARS = 90
_BY = rf"(?:By|(?=[^\n]{{0,{MAX_BYLINE_CHARS}}}$)(?![^\n]*[.!?]$)(?i:{_BYLINE_WORK}(?: and {_BYLINE_WORK})? by))"
_BYLINE = re.compile(rf"(?m)^[*_]*{_BY} (?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){{1,3}})")
# The outlet a byline names after a separator ("By Nadine Khoury | Cedar Dispatch | 14 November 2026", "*By … |
# Island Review | …*" in Markdown, "By Hemin Salih - Kurdistan Horizon"): the outlet is a body.
_BYLINE_OUTLET = re.compile(
    rf"(?m)^[*_]*{_BY} [^|\n]{{3,60}}? [|–—-] (?P<name>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){{0,4}}) *(?:[|*_]|$)"
)
# The outlet's name on a line of its own right above the byline, as a masthead prints it ("Rojava Observer" over "By
# Shilan Hasan"; in Markdown with the kind of story after a dash: "*Levant Strategic Review — Analysis*"). Never the
# first line, which is the headline, nor a label of the kind of story ("ANALYSIS").
_MASTHEAD = re.compile(
    rf"(?m)(?<=\n)[*_]*(?:The )?(?P<name>[A-Z][\w&'’.-]*(?: (?:of|the|and|[A-Z][\w&'’.-]*)){{0,5}})"
    rf"(?: [—–|-] (?i:{'|'.join(sorted(KICKERS))}))?[*_]*[ \t]*\n[*_]*{_BY} "
)
# Words that end a label, not a name, above a byline or in a credit ("Guest Column", "Senior Correspondent",
# "Jerusalem Newsroom"); and those that open a label there ("Updated Tuesday").
_LABEL_ENDS = TITLE_HEADS | frozenset({"column", "columns", "newsroom", "bureau", "staff", "team", "newsletter"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_LABEL_WORDS = KICKERS | MONTHS | _WEEKDAYS
_CREDIT_LINE = re.compile(r"\((?:Additional )?[Rr]eporting by [^()]{3,300}\)")
# A name a credit line gives after "by", "and" or a comma, for the names the model left untagged there.
_CREDITED_NAME = re.compile(r"(?:\bby|\band|,) (?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})")
WRITER_VOTE = 3.0
# The words before a writer's name in a credit line.
_CREDIT_JOINS = frozenset({"by", "and", ","})
# The words of a photo's credit before the name credited.
_CAPTION_WORDS = frozenset({"photo", "photos", "picture", "image"})
# The words before a name that describe it as a news agency ("the state news agency SANA").
AGENCY_NOUNS = frozenset({"agency"})


def credited_agencies(doc: Doc, found: list[Candidate], taken: set[int]) -> list[Candidate]:
    """Every credited agency as a candidate organisation; a credit the model did tag adds its evidence there."""
    text = doc.text  # rebuilt by spaCy on every reading: read once
    spans = [m.span("name") for pattern in _CREDITS for m in pattern.finditer(text)]
    spans += [m.span("name") for pattern in (_BYLINE_OUTLET, _MASTHEAD) for m in pattern.finditer(text) if
              not _a_label(m["name"])]  # fmt: skip
    spans += [span for span in _outlet_fields(text) if not _a_section(doc, *span)]
    spans += [(doc[i].idx, doc[i].idx + len(doc[i])) for i in _described_agencies(doc)]
    spans += _agencies_before_their_noun(doc)
    by_span = {(c.start, c.end): c for c in found}
    new: dict[tuple[int, int], Candidate] = {}
    for start_char, end_char in sorted(set(spans)):
        # "/TASS/." is one token: the credit is the whole token, named by the words the pattern found
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or (span.start, span.end) in new:
            continue
        existing = (
            by_span.get((span.start, span.end))
            or _holding(doc, found, span.start, span.end)
            or _part_of(found, span.start, span.end)
        )
        if existing is not None:
            _narrow(existing, span.start, span.end, names.clean_surface(text[start_char:end_char]))
            existing.vote(EntityType.ORGANISATION, CREDIT_VOTE)
        elif not any(i in taken for i in range(span.start, span.end)):
            surface = names.clean_surface(text[start_char:end_char])
            candidate = Candidate(span.start, span.end, surface, names.key(surface))
            candidate.vote(EntityType.ORGANISATION, CREDIT_VOTE)
            new[(span.start, span.end)] = candidate
    return list(new.values())


def _a_label(name: str) -> bool:
    """Whether words a byline's line or a credit gives are a label rather than a name ("ANALYSIS", "Guest Column",
    "Middle East Correspondent", "Updated Tuesday", "Jerusalem Newsroom")."""
    words = name.casefold().split()
    return not words or words[-1] in _LABEL_ENDS or any(word in _LABEL_WORDS for word in words)


def _holding(doc: Doc, found: list[Candidate], start: int, end: int) -> Candidate | None:
    """The mention the model made of a credit with a caption's words around it ("Photo: Reuters" as one name), or with
    the line break after it."""
    for c in found:
        extra = [t for t in tokens(doc, c.start, c.end) if not start <= t.i < end]
        if (
            c.start <= start
            and end <= c.end
            and extra
            and all(t.is_punct or t.is_space or t.lower_ in _CAPTION_WORDS for t in extra)
        ):
            return c
    return None


def _part_of(found: list[Candidate], start: int, end: int) -> Candidate | None:
    """The mention the model made of some of a credit's words ("/Sakartvelo" of "/Sakartvelo Press/.")."""
    return next((c for c in found if start <= c.start and c.end <= end), None)


# The lines under a headline a masthead's line of fields may be on ("Rojava Observer | Dilan Yusuf | 27 November 2026").
MASTHEAD_LINES = 3
_FIELD = re.compile(r"[^|\n]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NAME_FIELD = re.compile(
    r"^(?P<name>[A-Z][\w&'’.-]*(?: (?:&|of|the|and|[A-Z][\w&'’.-]*)){0,5})(?P<kind> (?i:live blog|live|blog|desk))?$"
)


def _outlet_fields(text: str) -> list[tuple[int, int]]:
    """The outlet of a masthead's line of fields separated by bars, one of them dated: its first name, after the
    labels of the kind of story, when the line also credits a writer ("Rojava Observer | Dilan Yusuf | 27 November
    2026", "Analysis | Levant Policy Monitor | 22 November 2026 | By …") or the name says it is a live blog's
    ("Frontline Desk live blog | Updated …"). A name alone beside a date is the writer's ("Burcu Yıldız | 14.04.2026");
    a line that opens with a byline is read by `_BYLINE_OUTLET`."""
    lines = text.split("\n")
    offset = len(lines[0]) + 1
    for line in lines[1 : 1 + MASTHEAD_LINES]:
        if "|" in line and _YEAR.search(line) and not line.lstrip("*_ ").startswith("By "):
            fields = [
                (offset + f.start() + f.group().index(w), w)
                for f in _FIELD.finditer(line)
                if (w := f.group().strip(" *_"))
            ]
            return _first_outlet(fields)
        offset += len(line) + 1
    return []


# The sections of a paper a masthead's line of fields may open with ("Defence | Security | X | 3 March 2026").
_SECTIONS = frozenset(
    """
    world politics defence defense security business economy region regional national international local news
    sport sports culture science health environment energy diplomacy conflict war
    """.split()
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


def _a_section(doc: Doc, start: int, end: int) -> bool:
    """Whether the first field of a masthead's line is a section, by its subject or by the region it covers ("Middle
    East | Dara Vesk | 3 March 2026"), rather than the outlet."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = span.text.casefold().split()
    return all(w in _SECTIONS for w in words) or all(t.ent_type_ in _PLACE_LABELS for t in span)


def _first_outlet(fields: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """`_outlet_fields` of one line's fields (where each starts, and its words)."""
    named = [(start, words, _NAME_FIELD.match(words)) for start, words in fields]
    for n, (start, words, match) in enumerate(named):
        if match is None or _a_label(match["name"]):
            if _a_label(words):
                continue
            return []
        writer = any((m is not None and not _a_label(m["name"])) or w.startswith("By ") for _, w, m in named[n + 1 :])
        return [(start, start + len(match["name"]))] if writer or match["kind"] else []
    return []


def _narrow(candidate: Candidate, start: int, end: int, surface: str) -> None:
    """The credit, not the words the model took with it, is the name."""
    if (candidate.start, candidate.end) != (start, end):
        candidate.start, candidate.end, candidate.surface, candidate.key = start, end, surface, names.key(surface)


def credit_writers(doc: Doc, found: list[Candidate], taken: set[int]) -> list[Candidate]:
    """A name the byline or a credit line gives is a person's, whatever the model took it for; a name there the
    model missed, or ran into the outlet after it ("Shivan Zebari - Duhok"), is made or cut to the name."""
    text = doc.text
    bylines = [m.span("name") for m in _BYLINE.finditer(text) if not _capitals_then_outlet(m.group("name"))]
    new = [c for start, end in bylines if (c := _byline_writer(doc, found, taken, start, end)) is not None]
    for c in [*found, *new]:
        c.writer = c.writer or any(start <= _chars(doc, c)[0] and _chars(doc, c)[1] <= end for start, end in bylines)
    spans = list(bylines)
    for line in _CREDIT_LINE.finditer(text):
        credited = (
            m.span("name") for m in _CREDITED_NAME.finditer(text, line.start(), line.end()) if not _a_label(m["name"])
        )
        new += [c for start, end in credited if (c := _byline_writer(doc, found, taken, start, end)) is not None]
        spans += [
            _chars(doc, c) for c in found
            if line.start() <= _chars(doc, c)[0] and _chars(doc, c)[1] <= line.end()
            and c.start > 0 and doc[c.start - 1].lower_ in _CREDIT_JOINS
        ]  # fmt: skip
    for start_char, end_char in spans:
        for c in found:
            if start_char <= _chars(doc, c)[0] and _chars(doc, c)[1] <= end_char:
                c.vote(EntityType.PERSON, WRITER_VOTE)
    return new


def _capitals_then_outlet(name: str) -> bool:
    """ "By JANE ROE Associated Press": a writer in capitals run into the outlet's name, left as the model read it.
    Cut to the writer, it would be a person whom another byline may spell otherwise ("Jane Rowe"), and two writers
    whose names differ by a transliteration cannot be told apart from one (see README, Evaluation)."""
    words = name.split()
    return len(words[0]) > 1 and words[0].isupper() and not all(w.isupper() for w in words)


def _byline_writer(doc: Doc, found: list[Candidate], taken: set[int], start: int, end: int) -> Candidate | None:
    """The byline's name as a mention: a new one when the model tagged none of its words, the model's cut back to
    the name when it ran on past it; None when the model's mention is the name already (or part of it: the capitalised
    words the pattern takes may run on into a place or an outlet, "By Nadia Kerrow Jakarta")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(i in taken for i in range(span.start, span.end)):
        return None
    surface = names.clean_surface(span.text)
    overlapping = [c for c in found if c.start < span.end and span.start < c.end]
    for c in overlapping:
        if span.start <= c.start < span.end < c.end:
            _narrow(c, span.start, span.end, surface)  # "Shivan Zebari - Duhok": the outlet is no part of him
    if overlapping:
        return None
    candidate = Candidate(span.start, span.end, surface, names.key(surface))
    candidate.vote(EntityType.PERSON, WRITER_VOTE)
    return candidate


def _chars(doc: Doc, c: Candidate) -> tuple[int, int]:
    last = doc[c.end - 1]
    return int(doc[c.start].idx), int(last.idx + len(last))


# How many capitalised words an agency's name before "news agency" may have ("Tasnim", "Mehr", "Kurdistan 24").
AGENCY_NAME_WORDS = 3


def _agencies_before_their_noun(doc: Doc) -> list[tuple[int, int]]:
    """ "the Tasnim news agency", "Fars news agency reported": the proper nouns right before "news agency" in small
    letters are the agency's name (as character spans); "State news agency SANA" has none there."""
    found = []
    for tok in doc:
        if tok.text != "news" or tok.i + 1 >= len(doc) or doc[tok.i + 1].text not in AGENCY_NOUNS:
            continue
        start = tok.i
        while start > max(0, tok.i - AGENCY_NAME_WORDS) and _agency_word(doc[start - 1]):
            start -= 1
        words = doc[start : tok.i].text
        if start < tok.i and not _a_country_s(words, doc, tok.i + 2):
            found.append((doc[start].idx, doc[tok.i - 1].idx + len(doc[tok.i - 1])))
    return found


def _a_country_s(words: str, doc: Doc, after: int) -> bool:
    """ "Qatar news agency reported", "the Kuwait news agency KUNA": a country's agency, not one named after it (its
    name, if any, is the acronym after "agency")."""
    named_after = after < len(doc) and doc[after].text.isupper() and doc[after].is_alpha and len(doc[after]) > 1
    return named_after or country_itself(words) is not None or words.lower() in DEMONYMS


def _agency_word(tok: Token) -> bool:
    if tok.lower_ in _WEEKDAYS or tok.lower_ in MONTHS:  # "On Monday Tasnim news agency reported": a date
        return False
    return bool(tok.pos_ == "PROPN" and tok.text[:1].isupper() and (tok.is_alpha or tok.is_digit))


def _described_agencies(doc: Doc) -> list[int]:
    """ "Syria's state news agency SANA", "the news agency, SANA,": an acronym set right after "agency"."""
    found = []
    for tok in doc:
        if not (tok.text.isupper() and len(tok.text) >= 2):
            continue
        before = doc[tok.i - 1] if tok.i else None
        if before is not None and before.text == "," and tok.i > 1:
            before = doc[tok.i - 2]
        if before is not None and before.lower_ in AGENCY_NOUNS:
            found.append(tok.i)
    return found

"""What news copy sets after a name besides a title phrase: the person's age ("Hevi Ahmed, 34, a teacher"), and a
relative clause that states the office held ("Farid Nasser, who heads the ministry's legal department")."""

from __future__ import annotations

from bot.core.extract.mentions import Doc

# Verbs of a relative clause that say what someone heads, and the title each gives ("who heads X": head of X).
OFFICE_VERBS = {
    "heads": "head", "leads": "leader", "chairs": "chair", "commands": "commander", "directs": "director",
    "runs": "head", "oversees": "head",
}  # fmt: skip
# The longest object of such a clause taken as the title's domain ("the ministry's legal department").
MAX_OFFICE_TOKENS = 8
# An age set off by commas is a number of one or two digits.
MAX_AGE_DIGITS = 2


def after_age(doc: Doc, end: int) -> int:
    """Where the words after a name go on once an age set off by commas is passed: "Hevi Ahmed, 34, a teacher"
    gives the position of the comma before "a teacher"; `end` when there is no age."""
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text == ",":
        age = doc[end + 1].text
        if age.isdigit() and len(age) <= MAX_AGE_DIGITS:
            return end + 2
    return end


def office_clause(doc: Doc, end: int) -> str | None:
    """ "Farid Nasser, who heads the ministry's legal department," gives "head of the ministry's legal department"."""
    if end + 3 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return None
    title = OFFICE_VERBS.get(doc[end + 2].lower_)
    if title is None:
        return None
    sent_end = doc[end].sent.end
    stop = end + 3
    while stop < sent_end and doc[stop].text not in {",", ";", ".", ")"} and doc[stop].pos_ not in {"VERB", "AUX"}:
        stop += 1
    if stop - (end + 3) > MAX_OFFICE_TOKENS or stop == end + 3:
        return None
    return f"{title} of {doc[end + 3 : stop].text}"

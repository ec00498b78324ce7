"""Direct messages and mentions: plain-language questions routed to the same answers as the commands."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core import query
from bot.core.registry import Context, typed
from bot.core.render.blockkit import Reply, context

_MENTION = re.compile(r"<[@!#][^>]*>")
_SLASH = re.compile(r"^/(\w+)\s*(.*)$", re.S)
_WHO = re.compile(r"^(?:who|what)(?:'s|’s| is| are| was| were)\s+(?:the\s+)?(.+)$", re.I)
# "tell me about the Hmeimim air base": one thing asked about by name, whatever kind of thing it is.
_ABOUT = re.compile(
    r"^(?:tell me about|profile of|info on|info about|information on|information about|details on"
    r"|what do you know about|what can you tell me about|what about)\s+(.+)$",
    re.I,
)
# "where is Hmeimim?", "where's Tartus": the profile says where a place or an installation is.
_WHERE = re.compile(r"^where(?:'s|’s| is| are| was| were)\s+(?:the\s+)?(.+)$", re.I)
_PLURAL_BASES = re.compile(r"\b(?:bases|installations|garrisons|airbases|ports)\b", re.I)
_BASES = re.compile(r"\b(?:military\s+)?(?:bases?|installations?|air\s?bases?|garrisons?|naval\s+ports?)\b", re.I)
_BASES_OWNER = re.compile(
    r"\b(?:does|do|did|has|have)\s+(.+?)\s+(?:have|has|use|uses|operate|operates|run|runs|hold|holds|keep|control)\b",
    re.I,
)
_BASES_WHERE = re.compile(r"\b(?:in|of|by|near|for|at)\s+(.+)$", re.I)
# "Russia's bases", "the US's air bases": whose they are, before them.
_BASES_POSSESSOR = re.compile(
    r"(?:^(?:(?i:list|show|give|name|find|get|display)(?:\s+me)?\s+)?|\s)"  # not the verb of "List Russia's bases"
    r"((?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?:'s|’s|')\s+(?:\w+\s+)?(?:[Bb]ases|[Ii]nstallations)\b"
)
_SEARCH = re.compile(
    r"^(?:(?:any\s+)?(?:news|articles?|stories|anything|reports?)\s+(?:about|on|regarding|mentioning|from)"
    r"|search(?:\s+for)?|find|look\s+up)\s+(.+)$",
    re.I,
)
_LATEST = re.compile(
    r"\b(?:latest|recent|newest|new)\b.*\b(?:news|articles?|stories|headlines)\b|^what(?:'|’)?s new$"
    r"|^(?:(?:show|give|get|tell)\s+me\s+)?(?:the\s+)?"
    r"(?:latest|news|headlines|top stories|anything new|(?:any\s+)?updates|today(?:'|’)?s news)$"
    r"|^what(?:(?:'|’)?s| is) (?:new|the latest|happening)$|^what happened(?:\s+(?:overnight|lately))?$"
    r"|^what(?:(?:'|’)?s| is| are) (?:the\s+)?(?:news|headlines)(?:\s+today)?$"
    r"|^what(?:'|’)?s going on$|^what is (?:going on|happening)$",
    re.I,
)
# "what happened yesterday?", "news from today": the articles of that day.
_ON_A_DAY = re.compile(
    r"^(?:(?:what happened|(?:the\s+)?news|headlines|articles)\s+(?:from\s+)?)?(today|yesterday)$", re.I
)
_LATEST_ABOUT = re.compile(
    r"^(?:what(?:'|’)?s new|(?:what(?:'|’)?s )?the latest|latest(?: news)?|anything new|what(?:'|’)?s happening"
    r"|(?:any\s+)?updates|what(?:'|’)?s going on|what is (?:going on|happening)|what(?:(?:'|’)?s| is) the news"
    r"|(?:the\s+)?(?:latest|recent|newest|new)\s+(?:news|articles|stories|headlines)"
    r"|what happened(?=\s+(?:to|at|in)\b))"
    r"\s+(?:on|about|with|in|from|regarding|to|at)\s+(.+)$",
    re.I,
)
# "who leads the SDF?", "who commands CENTCOM?": the role of the one who does it, asked as a role ("leader of …").
# A preposition after the verb makes it another verb: "who heads to Moscow?", "who leads in the polls?".
_WHO_DOES = re.compile(
    r"^who\s+(leads|heads|commands|runs|chairs|directs|governs)\s+"
    r"(?!(?:to|in|into|for|from|back|home|out|off|up|down|on|at|with|towards?|away)\b)(.+)$",
    re.I,
)
_DOER = {
    "leads": "leader",
    "heads": "head",
    "commands": "commander",
    "runs": "head",
    "chairs": "chair",
    "directs": "director",
    "governs": "governor",
}
_GREETING = re.compile(r"^(?:help|hi|hello|hey|commands|\?|what can you do)\b", re.I)

Route = Callable[[str], tuple[str, str] | None]


def _explicit(text: str) -> tuple[str, str] | None:
    match = _SLASH.match(text)
    return (match.group(1).lower(), match.group(2)) if match else None


def _greeting(text: str) -> tuple[str, str] | None:
    return ("help", "") if _GREETING.match(text) else None


def _bases(text: str) -> tuple[str, str] | None:
    if not _BASES.search(text):
        return None
    owner = _BASES_OWNER.search(text) or _BASES_POSSESSOR.search(text) or _BASES_WHERE.search(text)
    return "bases", owner.group(1).strip() if owner else ""


def _who(text: str) -> tuple[str, str] | None:
    match = _WHO.match(text)
    return ("who", match.group(1).strip()) if match else None


def _about(text: str) -> tuple[str, str] | None:
    match = _ABOUT.match(text)
    if match is None or _PLURAL_BASES.search(text):
        return None  # "tell me about Russia's bases" asks for the list
    asked = match.group(1).strip()
    # "tell me about the latest news", "tell me about who leads the RSF": a question or a request for news inside it
    inner = next((found for rule in _INNER_ROUTES if (found := rule(asked)) is not None), None)
    return inner or ("who", asked)


# "who operates the Tartus base?", "which country controls Hmeimim?": the profile says who keeps it.
_WHO_KEEPS = re.compile(
    r"^(?:who|which (?:country|state|army|force))\s+(?:owns|operates|controls|uses|holds|keeps|built|leases)\s+(.+)$",
    re.I,
)


def _who_keeps(text: str) -> tuple[str, str] | None:
    match = _WHO_KEEPS.match(text)
    if match is None or _PLURAL_BASES.search(text):
        return None  # "who operates bases in Syria?" asks for the list
    return "who", match.group(1).strip()


# "what did Erdogan say?", "what has Peskov said about the bases?": a person's words, all of them in the profile, or
# those of the articles about him that speak of the topic.
_SAID = re.compile(
    r"^what (?:did|has|have)\s+(.+?)\s+(?:say|said)(?:\s+(?:about|on|of)\s+(.+))?$"
    r"|^what (?:is|are|was|were)\s+(.+?)\s+saying(?:\s+(?:about|on|of)\s+(.+))?$",
    re.I,
)


_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})


def _said(text: str) -> tuple[str, str] | None:
    match = _SAID.match(text)
    if match is None:
        return None
    speaker, topic = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    speaker = speaker.replace('"', "").strip()
    if speaker.lower() in _PRONOUNS:
        return None  # "what did you say?": nobody the articles name
    return ("search", f'about:"{speaker}" {topic.strip()}') if topic else ("who", speaker)


def _who_does(text: str) -> tuple[str, str] | None:
    match = _WHO_DOES.match(text)
    return ("who", f"{_DOER[match.group(1).lower()]} of {match.group(2).strip()}") if match else None


def _where(text: str) -> tuple[str, str] | None:
    match = _WHERE.match(text)
    if match is None or _PLURAL_BASES.search(text):
        return None  # "where are Russia's bases?" asks for the list
    return "who", match.group(1).strip()


def _search(text: str) -> tuple[str, str] | None:
    match = _SEARCH.match(text)
    return ("search", match.group(1).strip()) if match else None


def _latest(text: str) -> tuple[str, str] | None:
    about = _LATEST_ABOUT.match(text)
    if about:
        return "search", about.group(1).strip()
    if day := _ON_A_DAY.match(text):
        return "search", f"from:{day.group(1).lower()} to:{day.group(1).lower()}"
    return ("articles", "") if _LATEST.search(text) else None


# What a question asked inside "tell me about …" may be rather than a name.
_INNER_ROUTES: tuple[Route, ...] = (_latest, _who_does, _search)

# Order matters: "where is the Hmeimim air base?" and "tell me about the Hmeimim air base" are about one place,
# "which bases does Russia have?" about bases, "what's new?" about articles, "what did X say" about X's words, "who
# leads X" about a role, "who is X" about X.
ROUTES: tuple[Route, ...] = (
    _explicit,
    _greeting,
    _where,
    _about,
    _who_keeps,
    _bases,
    _latest,
    _said,
    _who_does,
    _who,
    _search,
)


def clean(text: str) -> str:
    """The question without mentions of users or channels and without trailing punctuation."""
    return _MENTION.sub(" ", text).strip().rstrip("?!. ").strip()


def route(text: str) -> tuple[str, str] | None:
    """The command and argument a plain-language question means, if it can be placed."""
    cleaned = clean(text)
    for rule in ROUTES:
        found = rule(cleaned)
        if found is not None:
            return found
    return None


def answer(text: str, ctx: Context) -> Reply:
    """Answer a direct message or mention; text that cannot be placed gets help, not an error."""
    text = typed(text)
    routed = route(text)
    cleaned = clean(text)
    if routed is None and cleaned and query.lookup(ctx.store, cleaned).entity is not None:
        routed = ("who", cleaned)
    command = ctx.registry.get(routed[0]) if routed else None
    if command is not None and routed is not None:
        return command.answer(routed[1], ctx)
    help_command = ctx.registry.get("help")
    assert help_command is not None, "the help command is always registered"
    reply = help_command.answer("", ctx)
    note = "I couldn't place that question. Here is what I can answer:"
    return Reply(text=f"{note}\n{reply.text}", blocks=[context(note), *reply.blocks])

"""Plain data passed between ingestion, extraction, the store and the query layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.core.lexicon import BODY_HEADS


@dataclass(frozen=True)
class Document:
    """Text read from one source (a file, one JSON line, a fetched page), before it becomes an article."""

    text: str
    source: str
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    file_time: datetime | None = None
    # Where it was read ("file", "file#3", "file:12", a URL), for error lines: not part of what the document is.
    origin: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SourceError:
    """A source that could not be read, with a reason a person can act on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Article:
    """A news article ready to be indexed."""

    text: str
    headline: str
    published: datetime
    source: str
    content_hash: str
    url: str | None = None
    # False when neither the article nor its source gave a date: `published` is then the file's time or the time
    # it was indexed, and replies say so.
    dated: bool = True


class EntityType(StrEnum):
    """What an entity is; the order is the order in which profiles group them."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    INSTALLATION = "installation"


@dataclass(frozen=True)
class Mention:
    """One place an entity is named: character offsets of the name and of its sentence in the article."""

    surface: str
    start: int
    end: int
    sent_start: int
    sent_end: int


@dataclass(frozen=True)
class Role:
    """A title a person holds, with the sentence that says so."""

    title: str
    sentence: str


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker, with the sentence they stand in."""

    text: str
    sentence: str


@dataclass(frozen=True)
class BaseFact:
    """What one sentence says about a military installation."""

    kind: str
    operator: str | None
    location: str | None
    sentence: str


@dataclass
class Extracted:
    """One entity as found in one article, after in-article resolution."""

    name: str
    key: str  # the matching key; for an installation, of its bare name ("tartous")
    type: EntityType
    votes: dict[EntityType, float] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    base_facts: list[BaseFact] = field(default_factory=list)


def decide_type(votes: dict[EntityType, float], name_key: str | None = None) -> EntityType:
    """The type the evidence favours; a tie goes to the first in `EntityType`. Given the name's key (the store,
    deciding on the evidence of every article), a tie or near tie (`CORPUS_PLACE_SHARE`) between a body and a place
    goes to the place unless a word of the name says body ("… University", "Ministry of …"): across many articles
    the model reads a town as a body where the story makes it an actor ("Erbil condemned …") about as often as the
    place cues say where things are.
    Within one article a tie stays a body's: there it is one label against one cue ("near X camps")."""
    if not votes:
        return EntityType.PLACE
    if len(votes) == 1:  # most mentions have evidence of one type: no ordering to call a key for
        [best] = votes
    else:
        best = max(votes, key=lambda kind: (votes[kind], -_TYPE_ORDER[kind]))
    if (
        name_key is not None
        and best is EntityType.ORGANISATION
        and votes.get(EntityType.PLACE, 0.0) >= CORPUS_PLACE_SHARE * votes[best]
        and not BODY_HEADS.intersection(name_key.split())
    ):
        return EntityType.PLACE
    return best


# Across articles, a name with nearly as much place evidence as body evidence is a town the stories make an actor
# ("Erbil condemned …", one bare label per story) more often than the place cues say where things are: a place.
CORPUS_PLACE_SHARE = 0.8
# Each type's place in `EntityType`, listed once: iterating an enum is slow, and every mention asks for its type.
_TYPE_ORDER = {kind: position for position, kind in enumerate(EntityType)}

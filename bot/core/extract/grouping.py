"""One cluster per entity per article: mentions grouped by key, family names to full names, first names to
the one person so called, shorter names of bodies to the full ones, and transliteration variants."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.mentions import ACRONYM, Candidate, Cluster
from bot.core.extract.naming import bare_name
from bot.core.extract.parties import COUNTRIES
from bot.core.lexicon import CAPITALS, TITLE_MODIFIERS
from bot.core.models import EntityType

# Words of the names every country's bodies have ("the Navy", "the Foreign Ministry", "the Security Council"): such a
# name, which several bodies of the article end with, says which one only there, not in other articles.
GENERIC_BODY_WORDS = TITLE_MODIFIERS | frozenset(
    {"ministry", "army", "navy", "council", "air", "force", "fleet", "guard"}
)


def cluster(found: list[Candidate], seeded: list[Cluster]) -> list[Cluster]:
    """Group mentions: same key, then surnames to full names, then transliteration variants."""
    clusters = list(seeded)
    by_key: dict[str, Cluster] = {c.key: c for c in clusters if c.members}
    bare_names = _bare_names(clusters)
    variants = _Variants(clusters)
    for candidate in found:
        home = by_key.get(candidate.key) or variants.only_match(candidate.key)
        if home is None and not (candidate.alias or candidate.surface.isupper()):
            home = bare_names.get(candidate.key)  # "TURKSOM" alone is the command the camp is named after
        if home is None:
            home = Cluster()
            clusters.append(home)
            by_key[candidate.key] = home
        before = home.key if home.members else None
        home.add(candidate)
        variants.rekey(home, before)
    _merge_partial_names(clusters)
    _merge_patronymic_names(clusters)
    _merge_given_names(clusters)
    _merge_partial_bodies(clusters)
    _merge_initialled_names(clusters)
    return [c for c in clusters if c.members]


def _bare_names(clusters: list[Cluster]) -> dict[str, Cluster]:
    """The bases named with their kind first, by the bare name they are called by again (`naming.bare_name`)."""
    found: dict[str, Cluster] = {}
    for c in clusters:
        if c.members and c.installation_kind and (bare := bare_name(c.key)) is not None:
            found.setdefault(bare, c)
    return found


class _Variants:
    """The clusters by the consonants of their key. Two keys that name the same thing (`names.same_name`) always
    share their consonants, so a new spelling is compared with those clusters only, not with every cluster."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.by_consonants: dict[str, list[Cluster]] = {}
        for c in clusters:
            if c.members:
                self.by_consonants.setdefault(names.consonants(c.key), []).append(c)

    def only_match(self, name_key: str) -> Cluster | None:
        """The one cluster whose key names the same thing as `name_key`, if exactly one does."""
        bucket = self.by_consonants.get(names.consonants(name_key), [])
        matches = [c for c in bucket if c.members and names.same_name(name_key, c.key)]
        return matches[0] if len(matches) == 1 else None

    def rekey(self, c: Cluster, before: str | None) -> None:
        """Keep `c` under the consonants of its key after a mention was added (it may now have a fuller name)."""
        if before is not None:
            if c.key == before:
                return
            self.by_consonants[names.consonants(before)].remove(c)
        self.by_consonants.setdefault(names.consonants(c.key), []).append(c)


def _writer(c: Cluster) -> bool:
    """Whether every mention of a person is the byline's: the story calls its writer by the family name alone
    never, and the people it quotes often ("By Rania Haddad" over "Haddad, the ministry spokesman, said")."""
    return bool(c.members) and all(m.writer for m in c.members)


def _merge_partial_names(clusters: list[Cluster]) -> None:
    """ "Lavrov" joins "Sergey Lavrov", and "Abu Qasra" "Murhaf Abu Qasra", when exactly one longer name of a person
    in the article ends that way. The longest partial names go first, so that "Qasra" then finds one owner."""
    full = [c for c in clusters if len(c.key.split()) >= 2 and c.type() is EntityType.PERSON and not _writer(c)]
    # A partial name's last word is a spelling of the full name's last word, so they share its consonants.
    by_last: dict[str, list[Cluster]] = {}
    for c in full:
        for last in {names.consonants(full_key.split()[-1]) for full_key in _full_keys(c)}:
            by_last.setdefault(last, []).append(c)
    for partial in sorted(clusters, key=lambda c: -len(c.key.split()) if c.members else 0):
        if not partial.members or partial.installation_kind:
            continue
        if _clearly_a_place(partial) and not _family_words_of_one(partial, full):
            continue
        words = partial.key.split()
        near = by_last.get(names.consonants(words[-1]), []) if words else full
        owners = [c for c in near if c is not partial and c.members and _ends_with_any(c, partial.key)]
        if len(owners) > 1:
            # "Hammoud" is "Abdulkarim Hammoud", not "Yasser al-Hamad": a name spelled as one owner's, and another's
            # only by a transliteration rule, is the one spelled so
            owners = [c for c in owners if any(k.endswith(f" {partial.key}") for k in _full_keys(c))]
        if len(owners) > 1:
            owners = _named_before_every_mention(partial, owners)
        # "Marwan said" after "Khalid Marwan … Marwan's son Karim": a family name alone is the man the text calls so,
        # never the son it names by the given name (`kinship`), even where the father's full name went unread
        owners = [c for c in owners if not any(m.written and " " not in m.written for m in c.members)]
        if len(owners) == 1:
            owners[0].absorb(partial)


def _full_keys(c: Cluster) -> list[str]:
    """A full name's key and, where its last word as written alone keys otherwise, the key that word gives it: a
    glued article is read off only after a first word ("Saeed Ezzat" keys "saeed zat", "Ezzat" alone "ezzat"), and
    the "Abd" compound written as two words is one word of the key ("Mohammad Abdul Hamid" keys "mohammad
    abdulhamid"), yet news calls him "Hamid"."""
    words = c.best().surface.split()
    key_words = c.key.split()
    alone = names.key(words[-1]) if words else ""
    if not alone or " " in alone or alone == key_words[-1]:
        return [c.key]
    return [c.key, " ".join([*key_words[:-1], alone])]


def _ends_with_any(c: Cluster, partial_key: str) -> bool:
    return any(_ends_with(full_key, partial_key) for full_key in _full_keys(c))


def _family_words_of_one(partial: Cluster, full: list[Cluster]) -> bool:
    """ "Abu Qasra" read as a place ("In Tartous, Abu Qasra met …") is "Murhaf Abu Qasra": two words or more that
    exactly end the full name of one person of the article are his family name, whatever the model took them for.
    Named as a place twice or more and never as a verb's subject ("In Abu Qasra, a village near Hama, … Shelling in
    Abu Qasra …"), it is a place of the family's name."""
    if len(partial.key.split()) < 2:
        return False
    if len(partial.members) > 1 and not any(m.acts for m in partial.members):
        return False
    return sum(1 for c in full if c.members and c.key.endswith(f" {partial.key}")) == 1


def _named_before_every_mention(partial: Cluster, owners: list[Cluster]) -> list[Cluster]:
    """ "Adm. Brad Cooper met … Cooper said" and, paragraphs on, "Laura Cooper, a former official": a family name
    written alone before the second bearer is first named can only be the first one's."""
    first = min(m.start for m in partial.members)
    last = max(m.start for m in partial.members)
    before = [c for c in owners if min(m.start for m in c.members) < first]
    later = [c for c in owners if min(m.start for m in c.members) > last]
    return before if len(before) == 1 and len(before) + len(later) == len(owners) else owners


# The word that joins a given name to the father's in Arabic names ("Abdullah bin Zayed"): "son of", "daughter of".
_PATRONYMIC_WORDS = frozenset({"bin", "ibn", "bint"})


def _merge_patronymic_names(clusters: list[Cluster]) -> None:
    """ "Abdullah bin Zayed" joins "Abdullah bin Zayed Al Nahyan": a name ending with its father's ("X bin Y") is the
    one person of the article whose longer name, with the family's, opens with it, as Gulf news shortens rulers'
    and ministers' names."""
    people = [c for c in clusters if c.members and c.type() is EntityType.PERSON]
    for short in people:
        words = short.key.split()
        if len(words) < 3 or words[-2] not in _PATRONYMIC_WORDS or not short.members:
            continue
        owners = [c for c in people if c is not short and c.members and c.key.startswith(f"{short.key} ")]
        if len(owners) == 1:
            owners[0].absorb(short)


def _merge_given_names(clusters: list[Cluster]) -> None:
    """ "Rojda Bozan … Rojda said": a lone word that is the first name of exactly one person named in full in the
    article (and no one's family name) is that person; kept out of the person's stored names, since a first name
    alone names someone else in another article."""
    people = [c for c in clusters if c.members and len(c.key.split()) >= 2 and c.type() is EntityType.PERSON]
    by_first: dict[str, list[Cluster]] = {}
    for c in people:
        by_first.setdefault(c.key.split()[0], []).append(c)
    families = {c.key.split()[-1] for c in people}
    for lone in clusters:
        if not lone.members or " " in lone.key or lone.installation_kind or _clearly_a_place(lone):
            continue
        owners = by_first.get(lone.key, [])
        if len(owners) == 1 and lone.key not in families and (lone.type() is EntityType.PERSON or _one_label(lone)):
            for member in lone.members:
                member.given_name = True
            owners[0].absorb(lone)


def _merge_partial_bodies(clusters: list[Cluster]) -> None:
    """ "the Foreign Ministry" joins "the Russian Foreign Ministry", "the Security Council" the "UN Security
    Council", when one organisation in the article is so named; shorter names are placed last, so that "Council"
    finds "UN Security Council" once "Security Council" has joined it. When several names end so ("the Islamic
    Republic of Iran Navy", "the Revolutionary Guard Corps Navy"), whatever the model took them for, "the Navy" is
    the one named last before it."""
    bodies = [c for c in clusters if c.members and not c.installation_kind and c.type() is EntityType.ORGANISATION]
    named = [c for c in clusters if c.members and not c.installation_kind and c.type() is not EntityType.PERSON]
    for partial in sorted(bodies, key=lambda c: -len(c.key.split())):
        if not partial.members or _known_by_acronym(partial):
            continue
        owners = [c for c in named if c is not partial and c.members and _ends_with(c.key, partial.key)]
        owner = owners[0] if len(owners) == 1 else _named_last_before(owners, partial)
        if owner is not None and (owner.type() is EntityType.ORGANISATION or len(owners) > 1):
            if len(owners) > 1 and set(partial.key.split()) <= GENERIC_BODY_WORDS:
                for member in partial.members:
                    member.given_name = True  # "the Navy" elsewhere is another navy: not one of its stored names
            owner.absorb(partial)


def _named_last_before(owners: list[Cluster], partial: Cluster) -> Cluster | None:
    """Of several names a shorter one may stand for, the one whose last mention before the shorter name's first is
    nearest to it; when none is named before (a headline's "Navy commander: …"), the one the story names first
    after it; None when there are none."""
    first = min(m.start for m in partial.members)
    before = [(max(m.start for m in c.members if m.start < first), c) for c in owners
              if any(m.start < first for m in c.members)]  # fmt: skip
    if before:
        return max(before, key=lambda pair: pair[0])[1]
    after = [(min(m.start for m in c.members), c) for c in owners if c.members]
    return min(after, key=lambda pair: pair[0])[1] if after else None


def _known_by_acronym(c: Cluster) -> bool:
    """Whether a cluster is known only by an all-capitals abbreviation ("UN", "SDF")."""
    return all(ACRONYM.match(m.surface) for m in c.members)


def _ends_with(full_key: str, partial_key: str) -> bool:
    full_words, partial_words = full_key.split(), partial_key.split()
    if len(partial_words) >= len(full_words):
        return False
    tail = full_words[-len(partial_words) :]
    return all(names.same_token(a, b) for a, b in zip(tail, partial_words, strict=True))


def _one_label(c: Cluster) -> bool:
    """A name the model labelled once, with nothing else for or against it ("Costas, who joined …" read as a
    place): a first name of a person named in full may be it."""
    known_place = c.key in COUNTRIES or c.key in CAPITALS  # "Jordan Peterson … Jordan closed its border"
    return len(c.members) == 1 and sum(c.votes().values()) <= 1.0 and not known_place


def _clearly_a_place(c: Cluster) -> bool:
    votes = c.votes()
    return votes.get(EntityType.PLACE, 0.0) >= 2 and not votes.get(EntityType.PERSON)


def _merge_initialled_names(clusters: list[Cluster]) -> None:
    """ "the IRGC Navy" joins "the Islamic Revolutionary Guard Corps Navy": a body's name that opens with initials in
    capitals and goes on with words another name of the article ends with, whose words before them those initials
    spell, when exactly one name does so."""
    named = [c for c in clusters if c.members and not c.installation_kind and c.type() is not EntityType.PERSON]
    for short in named:
        if not short.members:
            continue
        first, *tail = short.best().surface.split()
        if not tail or not names.is_acronym(first):
            continue
        owners = [c for c in named if c is not short and c.members and _spelled_by(first, tail, c.best().surface)]
        if len(owners) == 1:
            owners[0].absorb(short)


def _spelled_by(initials: str, tail: list[str], full: str) -> bool:
    """Whether a name ends with `tail` and its words before it are the ones `initials` spell."""
    words = full.split()
    if len(words) <= len(tail) or [names.key(w) for w in words[-len(tail) :]] != [names.key(w) for w in tail]:
        return False
    return names.initials(" ".join(words[: -len(tail)])) == initials

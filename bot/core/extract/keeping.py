"""The words by which news says who keeps, takes, leaves, hands over or hosts a place, in all their forms (the
pipeline runs without a lemmatizer), and the nouns of sites, parts and control that `operators` reads them with."""

from __future__ import annotations

from bot.core.lexicon import INSTALLATION_HEADS


def inflected(words: str) -> frozenset[str]:
    """Every regular form of these verbs (the pipeline runs without a lemmatizer); irregular forms are listed."""
    forms = set()
    for word in words.split():
        stem = word[:-1] if word.endswith("e") else word
        forms |= {word, f"{word}s", f"{stem}ed", f"{stem}ing", f"{word}d" if word.endswith("e") else f"{word}ed"}
        if word.endswith("y") and word[-2] not in "aeiou":
            forms |= {f"{word[:-1]}ies", f"{word[:-1]}ied"}
    return frozenset(forms)


# Verbs of keeping, using or holding a place, in all their forms.
KEEPING = inflected(
    "keep maintain station deploy use have operate base host hold occupy control run guard man fly remain stay"
    " moor dock park be house garrison lease take seize capture assume enter secure patrol stand headquarter"
    " recapture retake regain reclaim overrun share work serve sail"
) | frozenset(
    "kept has had held ran controlled controlling manned manning flew flown is are was were been took taken"
    " entered stood retook retaken overran".split()
)
# Verbs of running a place, whose doer is who keeps it whoever else comes and goes ("the base is run by the Estonian
# Air Force", "which the US Air Force operates", "which the Kuwait Air Force shares with the US Air Force": who
# shares a place lets the other in, "whose forces have held the base since …"): a stronger word than that of forces
# deployed or rotated there.
RUNNING = inflected("run operate manage administer command share hold") | frozenset({"ran", "held"})
RUN_WEIGHT = 1.5
HELD_BY_COMPOUNDS = frozenset(
    {"controlled", "held", "run", "operated", "occupied", "manned", "garrisoned", "leased", "used", "staffed"}
)
# Verbs of serving as something ("serves as a hub for Russian operations").
SERVING = inflected("serve act function")
# Verbs of moving, whose doers keep the place they move into ("moved into the base", "relocated to it").
MOVING = inflected("move relocate redeploy transfer shift deploy dispatch")
# Verbs of building or fortifying a place: who did so likely keeps it, unless that was long ago (`clause_year`).
BUILDING = inflected(
    "build fortify construct establish expand upgrade inaugurate form rebuild refurbish renovate modernise modernize"
    " open"  # "Japan opened the base in 2011 to support its patrols"
) | frozenset({"built", "set", "rebuilt"})
# Verbs of building that build only what is their object ("opened the base"; "opened fire on the base" is a strike).
OPENING = inflected("open")
BUILT_WEIGHT = 0.5
# Verbs of taking a place over, whose claim lasts (see `Claim.lasting`).
TAKING = inflected("take seize capture assume recapture retake regain reclaim overrun") | frozenset(
    {"took", "taken", "retook", "retaken", "overran"}
)
# "the air base fell to rebel fighters": a site that falls to someone is theirs from then on.
FALLING = (
    frozenset({"fell", "fallen", "falls", "falling", "fall"}) | inflected("pass revert") | {"passes"}
)  # "passed to the army"
# "pulled out of the base": the particle between a leaving verb and the "of" that names what is left.
OUT_OF = frozenset({"out", "away"})
LEAVING = inflected("leave withdraw pull depart vacate abandon quit evacuate exit dismantle close") | frozenset(
    "left withdrew withdrawn quitted gone".split()
)
# Verbs of leaving that end a site for everyone ("the base was closed"), not only for whoever left it.
CLOSING = inflected("close dismantle abandon shut demolish decommission") | frozenset({"shut"})
# Verbs of putting others out of a place ("ordered American forces out of the base"): who does so holds it.
EXPELLING = inflected("order force expel push drive kick chase evict") | frozenset({"drove", "driven"})
LEAVING_NOUNS = frozenset({"pullout", "withdrawal", "exit", "departure", "drawdown", "pullback"})
HANDING = inflected("hand transfer cede return give surrender") | frozenset(
    "transferred transferring gave given".split()
)
HOSTING = inflected("host house anchor accommodate")
# Nouns of forces of several countries, whose leader a compound names ("the U.S.-led coalition").
COALITION_NOUNS = frozenset({"coalition", "alliance", "mission"})
# Verbs of making a site into something else, which only its holder does (strikes that "turn it into rubble" aside).
CONVERTING = inflected("turn convert transform repurpose")
# Verbs of meeting people at a place, whose objects are visitors there ("greets Rwandan officers at the camp").
VISITING = inflected("greet meet receive welcome visit inspect review salute") | frozenset({"met"})
# Verbs of training forces at a place: the trainees are guests there, the trainer likely keeps it.
TRAINING = inflected("train drill instruct teach") | frozenset({"taught"})
TRAINER_WEIGHT = 0.5
BELONGING = inflected("belong")
# Participles after an installation that give it to someone ("…, leased to Russia", "…, handed to the army").
HANDED_TO = frozenset({"leased", "handed", "transferred", "given", "ceded", "returned", "rented"})
# Nouns of a site that stands for the installation in a sentence ("the supply point in Tartus").
SITE_NOUNS = frozenset(
    {"point", "site", "hub", "pier", "facility", "compound", "base", "port", "station", "outpost", "installation"}
)
# Nouns of a part of a site, whose holder holds the site ("a military section of the airport").
PART_NOUNS = frozenset({"section", "part", "wing", "side", "corner", "zone", "area", "portion"})
# "in US hands", "under Turkish command": nouns of control whose owner is the operator.
CONTROL_NOUNS = frozenset({"hands", "control", "command", "authority"})
# "gave Russia the use of Tartus": what is given of a site, whose taker then holds it.
GRANTED_NOUNS = frozenset({"control", "use"})
HEADS = frozenset(INSTALLATION_HEADS)
# What a site is to the forces it keeps ("the headquarters of …", "the home port of …", "Moscow's main foothold"),
# besides a kind of site.
HOME_NOUNS = HEADS | {"headquarters", "headquarter", "home", "foothold", "stronghold"}
# Words that put a site in a list of places said of something else ("locations, including the garrison").
LISTING = frozenset({"including", "like", "among"})
PRESENCE_PREPOSITIONS = frozenset({"at", "in", "on", "from", "inside", "within"})
# The words, besides names, of a phrase that places an installation.
PLACING_WORDS = frozenset(
    """
    in near outside on of about some east west north south northeast northwest southeast southwest km kilometres
    kilometers miles region province governorate district town city village outskirts edge coast countryside
    county oblast municipality
    """.split()
)

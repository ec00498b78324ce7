"""Where one mention puts an installation: the first place a locating phrase right after it names ("near the
southern city of Adana", "in Syria's Homs province"), a town named further on rather than the city it lies in the
direction of, never a point a distance is measured from ("20 km east of Bishkek") or a river; else the place a
"where" clause holding the mention hangs on, or the country the sentence is set in."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import names
from bot.core.extract import keeping, parties
from bot.core.extract.countries import (
    capital_country,
    country_itself,
    ent_at,
    host_countries,
    main_country,
)
from bot.core.extract.document import span_text
from bot.core.extract.guesses import ATTACK_VERBS
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.extract.placecues import area_name_cut_short, dateline, untagged_area_name
from bot.core.lexicon import CAPITALS, INSTALLATION_HEADS, PERSON_NOUNS, SPEECH_VERBS, TITLE_HEADS

# Each country's capital, by the country's folded name (the first capital listed for it: "Kyiv" before "Kiev").
CAPITAL_OF = {names.fold(country): city.title() for city, country in reversed(CAPITALS.items())}
# How many words back "the capital" may refer to a capital named by name.
CAPITAL_LOOKBACK = 80
# How many words back "the city" may speak of a town named by name (about two paragraphs of wire copy).
TOWN_LOOKBACK = 150
# Nouns of a place named before, which "the" speaks of again ("south of the city", "in the west of the country").
_SPOKEN_OF_AGAIN = frozenset({"city", "town", "country"})
_PERSONS_NOUNS = TITLE_HEADS | PERSON_NOUNS  # joined once, not at every reading
# How far after a mention a locating phrase may start ("…, a Turkish air base near the southern city of Adana").
LOCATING_WINDOW = 14
# Words that locate what comes before them.
# "on" locates on islands and coasts ("on Okinawa", "on the southern coast of Cyprus"); a date after it is no place.
_LOCATING = frozenset({"in", "near", "outside", "around", "inside", "on", "between", "above", "overlooking"})
# Words after which "of" locates: "the city of Jableh", "east of Aleppo", "the outskirts of Adana".
_OF_AFTER = frozenset(
    """
    city town village port outskirts edge east west north south northeast northwest southeast southwest province
    governorate region district countryside heart centre center suburbs coast shore shores island islands banks
    outskirt foot slopes
    """.split()
)
# Nouns of the land beside water, whose sea, lake or river is no place a base stands in.
_WATERSIDE = frozenset({"coast", "coastline", "shore", "shores", "banks", "bank"})
# Verbs of attacking, whose doers are somewhere else than what they attack.
_ATTACKING = ATTACK_VERBS | {"fired", "fires", "fire", "launched", "launches", "launch"}
# Words after which a name is a place something is in, at or comes to ("strikes on Port Sudan", "flights to Erbil").
_PLACED_AFTER = _LOCATING | {"at", "to", "from", "of", "into"}
# Words before "to" or "from" that say how near something is ("close to", "not far from").
_NEARNESS = frozenset({"close", "next", "adjacent", "far", "closer"})
# Verbs of lying somewhere, whose relative clause goes on locating ("…, which lies on the outskirts of Raqqa").
_LYING = frozenset({"lies", "lie", "lay", "sits", "sit", "stands", "located", "situated", "overlooks", "overlook"})
# Nouns of a body of water written after its name ("the Bab el-Mandeb strait", "the Caspian Sea").
_WATERS = frozenset({"strait", "straits", "sea", "gulf", "ocean", "lake", "river", "channel", "lagoon"})
# Nouns of land in the sea, after a name a base is on ("on Alexandra Land island", "the Kola Peninsula").
_ISLANDS = frozenset({"island", "islands", "archipelago", "peninsula", "atoll"})
# Nouns of land after a named feature, which make it an area rather than a river or a sea.
_TERRAIN = frozenset(
    {"desert", "valley", "plain", "plains", "plateau", "highlands", "heights", "region", "basin", *_ISLANDS}
)
# Nouns of a border, after which "with" names the country on its other side.
_BORDERS = frozenset({"border", "borders", "frontier", "frontiers", "boundary"})
_DIRECTIONS = frozenset("east west north south northeast northwest southeast southwest east-northeast".split())
_DISTANCE_UNITS = frozenset({"km", "kilometres", "kilometers", "miles", "mi", "kms", "metres", "meters"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels of numbers and times, which with a number say how big or when, never where ("a city of about 150,000 people").
_NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME", "ORDINAL"})
_SETTLEMENTS = frozenset({"town", "village", "city"})
_AREAS = frozenset({"region", "province", "governorate", "district", "county", "oblast", "countryside", "area"})
# Land or an area of government after a name ("the Bekaa valley", "the Olbek district"): never water.
_LAND = _TERRAIN | _AREAS
# Areas of a town with no name of their own ("Olbek's airport district", "the city's old quarter").
_TOWN_AREAS = _AREAS | {"quarter", "neighbourhood", "neighborhood", "suburb"}
# Marks that end the clause a phrase stands in.
_CLAUSE_BREAKS = frozenset({",", ";", "(", "—", "–"})
_WEAK_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON"})  # the small model's labels for lesser-known towns
# Labels of things the small model also gives towns it does not know ("Agadez" as a PRODUCT, "Kursk's" as one),
# which only a word that places something makes a place.
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# Words after which what is named is no longer where the installation is ("from X to the Y base in Libya").
_CLAUSE_ENDS = frozenset({"which", "where", "who", "to", "from", "(", ";", ":", "—", "–"})
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
# Forms of "to be" before a participle of lying ("is situated", "was located").
_BEING = frozenset({"is", "was", "are", "were"})
# Prepositions of purpose, time, manner or company, after which a name is not where something is.
_NOT_LOCATING = frozenset("for with during after before since by under over against about like via despite".split())
# Verbs of being kept somewhere, which a "whose" clause puts a base's part in ("whose headquarters is stationed in").
_KEPT_IN = _LYING | {"stationed", "based", "headquartered", "deployed"}
# How many words before "from" a distance may stand ("30 kilometres (20 miles) up the highway from").
DISTANCE_WORDS = 9
# Words that open an apposition after a comma, which may still locate what it follows.
_APPOSITION_OPENERS = frozenset({"the", "a", "an", "about", "some", "just", "roughly", "around"})


@dataclass(frozen=True)
class Placed:
    """Where one mention puts the installation: the nearest place, and the country when one is named."""

    place: str | None
    country: str | None
    setting: str | None = None  # the country the sentence is set in ("a military presence in Syria")
    measured: bool = False  # the place is only a point a distance is measured from ("20 km east of Bishkek")
    settled: bool = False  # the place is written as a town, village or city ("in the town of Olbek")


def where_clause(anchor: Token) -> Placed | None:
    """ "… to Dushanbe, where he will inspect the 201st military base": a place that a "where" clause holding the
    mention hangs on is where the installation is."""
    for verb in (a for a in anchor.ancestors if a.dep_ == "relcl"):
        if not any(c.lower_ == "where" for c in verb.children):
            continue
        place = verb.head
        if place.lower_ in _AREAS:  # "in Hasakah province, where …"
            place = next((c for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN"), place)
        if place.ent_type_ in _PLACE_LABELS | _WEAK_PLACE_LABELS and place.pos_ == "PROPN":
            ent = next((e for e in place.doc.ents if e.start <= place.i < e.end), None)
            text = names.clean_surface(ent.text if ent is not None else place.text)
            own = country_itself(text)
            return Placed(None if own else text, own or capital_country(place), None)
        return None
    return None


def opening_town(anchor: Token) -> Placed | None:
    """ "In Olbek, the army keeps Camp Velmor": a town a sentence opens with, set off by a comma, is where the
    installation named later in the sentence stands when nothing after the name places it (a country opening the
    sentence is its setting, which says only which country)."""
    doc, start = anchor.doc, anchor.sent.start
    if doc[start].lower_ != "in" or start + 1 >= anchor.i or doc[start + 1].ent_iob_ != "B":
        return None
    ent = ent_at(doc, start + 1)
    if ent is None or ent.label_ not in _PLACE_LABELS or ent.end >= anchor.i or doc[ent.end].text != ",":
        return None
    text = names.clean_surface(ent.text)
    if country_itself(text) or _natural_feature(doc, ent):
        return None
    if any(t.lower_ in SPEECH_VERBS or t.lower_ in _TALKING for t in anchor.sent):
        return None  # "In Ankara, officials denied that Incirlik would close": where they spoke, not where it is
    return Placed(text, None, None)  # a town the sentence opens with says where, not whose


# Verbs of talking about a site, besides saying: a sentence of them opening with a town is set where the talk was.
_TALKING = keeping.inflected("discuss deny debate threaten vow urge confirm criticise criticize")


# What a site houses that stands where the site does ("houses the mission's headquarters in Bangui").
_HOUSED_PARTS = frozenset({"headquarters", "command", "hq"})


def housed_in(anchor: Token) -> Placed | None:
    """ "Camp Korrin houses the mission's headquarters in Bangui": a headquarters the installation houses stands
    where it does, so the town that places the headquarters places the installation."""
    node = anchor
    while node.dep_ == "compound" and node.head.i > node.i:
        node = node.head  # "Camp Korrin": the kind that opens the name hangs on the name
    if node.dep_ != "nsubj" or node.head.lower_ not in keeping.HOSTING:
        return None
    for part in (c for c in node.head.children if c.dep_ == "dobj" and c.lower_ in _HOUSED_PARTS):
        for place in (g for c in part.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children):
            if place.dep_ == "pobj" and place.ent_type_ in _PLACE_LABELS and (ent := ent_at(place.doc, place.i)):
                text = names.clean_surface(ent.text)
                own = country_itself(text)
                return Placed(None if own else text, own or capital_country(place), None)
    return None


# How many words before an installation's kind "-based" may stand ("the Olbek-based Naval Support Activity Tarsk").
BASED_PREFIX_WORDS = 6


def based_prefix(anchor: Token) -> Placed | None:
    """ "the Olbek-based Naval Support Activity", "the Olbek-based 12th Air Base": the town written before "-based"
    ahead of the installation's name is where it stands (a country there only says which country)."""
    doc = anchor.doc
    for j in range(anchor.i - 1, max(anchor.sent.start + 1, anchor.i - BASED_PREFIX_WORDS), -1):
        if doc[j].text in _CLAUSE_BREAKS or (doc[j].pos_ in {"VERB", "AUX"} and doc[j].lower_ != "based"):
            return None  # another clause: a town "-based" there says where something else is
        if doc[j].lower_ != "based" or doc[j - 1].text != "-" or doc[j - 2].pos_ != "PROPN":
            continue
        start = j - 2
        while start > anchor.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        text = names.clean_surface(doc[start : j - 1].text)
        own = country_itself(text)
        return Placed(None if own else text, own or capital_country(doc[j - 2]), None, settled=own is None)
    return None


def area_owner(anchor: Token) -> Placed | None:
    """ "Erbil province's Harir air base", "the Kurdistan Region's Harir base": an area written as the owner of the
    installation's phrase is where it is."""
    for area in (c for c in anchor.children if c.dep_ == "poss" and c.lower_ in _AREAS):
        words = [c for c in area.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if words:
            text = names.clean_surface(anchor.doc[words[0].i : area.i + 1].text)
            return Placed(text, None, None)
    for town in (c for c in anchor.children if c.dep_ == "poss" and _a_towns_label(c)):
        ent = ent_at(anchor.doc, town.left_edge.i) if town.left_edge.ent_iob_ == "B" else None
        text = names.clean_surface(ent.text) if ent is not None else str(town.text)
        if country_itself(text) is None:  # "Aswan's Velmor air base": a town's (a country's is whose it is)
            return Placed(text, capital_country(town), None)
    return None


def _a_towns_label(tok: Token) -> bool:
    """Whether a name written as an owner may be a town's: the model took it for one, or for a thing it cannot be
    ("Kursk's Velmor air base", "Kursk" read as a product); never a body, a nation or a person, who own sites."""
    return tok.ent_type_ == "GPE" or (tok.ent_type_ in _THING_LABELS and tok.pos_ == "PROPN")


def locate(doc: Doc, end: int, sent: Span, name: str) -> Placed:
    """The first place a locating phrase right after the mention names, preferring a town or a province over a
    country; stops where the next clause begins."""
    stop = min(sent.end, end + LOCATING_WINDOW)
    country = None
    measured = None  # "about 20 km east of Bishkek": where it is when no place it stands in is named
    building = -1  # the verb of a relative clause of building, which goes on locating
    i = end
    while i < stop:
        tok = doc[i]
        if _clause_starts(doc, i, end) and i != building:
            if (kept := _whose_part_kept(doc, i, end)) is not None:
                i = kept  # "…, whose headquarters is stationed in the town of Olbek": where its command is, it is
                continue
            if tok.lower_ in {"which", "that"} and tok.head.lower_ in keeping.BUILDING | _LYING and tok.head.i > tok.i:
                building = tok.head.i  # "…, which Turkey set up in 2015 in the Bashiqa district", "which lies in"
                i += 1
                continue
            if _built_by_someone(doc, i, end):
                building = tok.i  # "Air Base 201, the drone base the United States built on the outskirts of Agadez"
                i += 1
                continue
            if (resumed := _after_relative_clause(doc, i, stop)) is not None:
                i = resumed  # "the base, which U.S. troops use, near the town of Olbek"
                continue
            break  # another clause, another place: "… air base on the night of …, many in Moscow assumed"
        if tok.lower_ in {"and", "or"} and not any(
            _locating_word(doc, j) or doc[j].lower_ in _LOCATING for j in range(end, i)
        ):
            break  # "Camp Velmor and the port of Olbek": another site named beside it, not where it is
        if tok.ent_iob_ == "B" and (number := _a_number(doc, i)) is not None:
            i = number  # "a city of about 150,000 people": its size, not a place
            continue
        if tok.ent_iob_ == "B" and scope_of_comparison(doc, i):
            i = (ent_at(doc, i) or doc[i : i + 1]).end  # "the only American base in Africa": where it is compared
            continue
        if tok.ent_iob_ == "B" and _locating_before(doc, i, end) and not _measured_from(doc, i):
            ent = ent_at(doc, i)
            whole = area_name_cut_short(doc, ent.end) if ent is not None else None
            if ent is not None and whole is not None and ent.label_ not in _NUMBER_LABELS:
                # "in the Kafr ez-Velmor countryside", the model's name cut at the glued article: the whole name
                return Placed(names.clean_surface(span_text(doc, ent.start, whole)), country, None)
        if tok.ent_iob_ == "B" and _locating_before(doc, i, end):
            ent = ent_at(doc, i)
            if (
                ent is not None
                and _measured_from(doc, i)
                and ent.label_ in _PLACE_LABELS | _WEAK_PLACE_LABELS
                and not _natural_feature(doc, ent)  # "70 km north of the Bab el-Mandeb strait": no town to name
            ):
                text = names.clean_surface(ent.text)
                measured = measured or (None if country_itself(text) else text)
            if ent is not None and (_measured_from(doc, i) or _natural_feature(doc, ent) or _across_border(doc, i)):
                i = ent.end  # "about 20 km east of Bishkek", "west of the Euphrates", "near the border with Jordan"
                continue
            if ent is not None and ent.label_ == "NORP" and doc[ent.end - 1].tag_ == "JJ":
                i = ent.end  # "in the Syrian province of Hasakah": a nationality, the place comes after "of"
                continue
            if ent is not None and _area_of_its_own_after(doc, ent.end) and not country_itself(ent.text):
                i = ent.end + 1  # "in Kashan's Olbek district": the district, inside the province that owns it
                continue
            if ent is not None and (
                ent.label_ in _PLACE_LABELS
                or _strongly_located(doc, i)
                or _area_after(doc, ent.end)
                or _in_right_after(doc, i, end, ent)
                or _owns_an_unnamed_area(doc, ent.end)
            ):
                text = names.clean_surface(_first_place(ent))
                as_country = country_itself(text) if ent.label_ == "GPE" else None
                if as_country is None and (names.key(text) != names.key(name) or _strongly_located(doc, i)):
                    if _directed_from(doc, i) and (nearer := _settlement_after(doc, ent.end, stop, end)):
                        return nearer  # "southeast of Latakia, near the town of Jableh": the town it is at
                    host = country or capital_country(tok) or _country_after(doc, ent.end, stop)
                    text = _untagged_word_before(doc, ent, text)
                    settled = _named_as_settlement(doc, i) or _district_of(doc, ent.end)
                    return Placed(_with_area(doc, ent.end, text), host, None, settled=settled)
                country = country or as_country
                i = ent.end
                continue
        if tok.lower_ == "capital" and _the_capital(doc, i, end) and (city := _capital_of(doc, i, sent, country)):
            if not _measured_from(doc, i - 1):  # "near the capital" locates; "140 km southwest of the capital" measures
                return Placed(city, country, None)
            measured = measured or city
        if (again := _spoken_of_again(doc, i, end, sent)) is not None:
            return again  # "south of the city", "in the west of the country": the one named before
        if (
            i > end and _locating_before(doc, i, end) and not _measured_from(doc, i)
            and (named_end := untagged_area_name(doc, i)) is not None and named_end - i >= 2
        ):  # fmt: skip
            # "in the Deir ez-Zor countryside": a name of several words the model left untagged, before an area noun
            return Placed(_with_area(doc, named_end, span_text(doc, i, named_end)), country, None)
        if _untagged_area(doc, i, end) and not _measured_from(doc, i):
            # "in the Chui region", "in the Korvan district of Tarsk province"
            return Placed(_with_area(doc, i + 1, str(tok.text)), country, None, settled=_district_of(doc, i + 1))
        # "the 12th Tactical Air Base at Korvik", "Air Base 305 in Olbek": a name right after the site's own words
        at_it = i == end + 1 and doc[end].lower_ in {"at", "in"}
        if _untagged_town(doc, i) and (at_it or _strongly_located(doc, i)) and not _measured_from(doc, i):
            host = country or _country_after(doc, i + 1, stop)
            return Placed(str(tok.text), host, None, settled=_named_as_settlement(doc, i) or _district_of(doc, i + 1))
        i += 1
    return Placed(measured, country, _setting(doc, sent), measured is not None)


def _a_number(doc: Doc, i: int) -> int | None:
    """Where a number or a time the model tagged at `i` ends ("about 150,000"); None when the words hold no number
    (the model sometimes tags a town's name as a date)."""
    ent = ent_at(doc, i) or doc[i : i + 1]
    return ent.end if doc[i].ent_type_ in _NUMBER_LABELS and any(t.like_num for t in ent) else None


def _built_by_someone(doc: Doc, i: int, end: int) -> bool:
    """ "Air Base 305, the drone base the United States built on the outskirts of Olbek": a clause of building with
    no "which", in an apposition that names a kind of site, goes on saying where the site is."""
    if doc[i].lower_ not in keeping.BUILDING or doc[i].tag_ not in {"VBD", "VBN"}:
        return False
    between = doc[end + 1 : i]
    kinds = [t.i for t in between if t.lower_ in INSTALLATION_HEADS]
    return bool(kinds) and kinds[-1] < i - 1 and not any(t.text in _CLAUSE_BREAKS for t in between)


def _named_as_settlement(doc: Doc, i: int) -> bool:
    """Whether the name at `i` is written as a town's, a village's or a city's ("the town of Olbek")."""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _SETTLEMENTS


# Areas a province or a region is divided into, which name a place nearer than the area they are part of.
_DISTRICTS = frozenset({"district", "subdistrict", "county", "municipality"})


def _district_of(doc: Doc, end: int) -> bool:
    """ "in the Shaqlawa district of Erbil province": a district written as part of a larger area, which places
    what stands in it more nearly than that area does, however often the article names the area."""
    return end + 2 < len(doc) and doc[end].lower_ in _DISTRICTS and doc[end + 1].lower_ == "of"


def _whose_part_kept(doc: Doc, i: int, end: int) -> int | None:
    """In ", whose headquarters is stationed in …" (or "located", "based") after the mention: the word after the
    verb, where the place follows, when the clause that starts at `i` is that verb's; else None."""
    whose = next((j for j in range(end, min(i + 1, end + 3)) if doc[j].lower_ == "whose"), None)
    if whose is None or doc[whose - 1].text != "," or whose + 1 >= len(doc):
        return None
    if doc[whose + 1].lower_ in _PERSONS_NOUNS:
        return None  # ", whose commander is headquartered in Karstad": where a person is, not the site
    verb = doc[whose + 1].head
    if verb.lower_ not in _KEPT_IN or verb.i < i or verb.i - whose > 4:
        return None
    return int(verb.i) + 1


def _after_relative_clause(doc: Doc, i: int, stop: int) -> int | None:
    """Where the locating phrase goes on after a relative or participial clause set off by commas (", which U.S.
    troops use, near Olbek", ", used by the army, south of the capital"): the word after the closing comma, when
    that word locates; None otherwise."""
    if doc[i].text == "," and _locating_word(doc, i + 1) and _participle_opened(doc, i):
        return i + 1  # ", used by the Syrian army, south of the capital"
    if doc[i].lower_ not in {"which", "who"} or i == 0 or doc[i - 1].text != ",":
        return None
    for j in range(i + 1, stop - 1):
        if doc[j].text in _CLAUSE_BREAKS:
            return j + 1 if doc[j].text == "," and _locating_word(doc, j + 1) else None
    return None


def _participle_opened(doc: Doc, i: int) -> bool:
    """Whether the comma at `i` closes a participial clause that a comma opened (", used by the army,")."""
    for j in range(i - 1, max(0, i - LOCATING_WINDOW), -1):
        if doc[j].text in _CLAUSE_BREAKS:
            return bool(doc[j].text == "," and doc[j + 1].tag_ == "VBN")
    return False


def _locating_word(doc: Doc, i: int) -> bool:
    """Whether a phrase that locates opens at `i`: "near …", "outside …", "south of …" ("in" and "on" also open
    phrases of time and topic)."""
    word = doc[i].lower_
    of_next = i + 1 < len(doc) and doc[i + 1].lower_ == "of"
    return word in _LOCATING - {"in", "on"} or (word in _DIRECTIONS and of_next)


def _the_capital(doc: Doc, i: int, end: int) -> bool:
    """ "south of the capital", "near the capital": the capital alone, said where a place is, no name after it (nor
    a part of it: "in the capital's Juffair district" is in the district)."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    alone = nxt is None or not (nxt.lower_ == "of" or nxt.pos_ == "PROPN" or nxt.tag_ == "POS")
    return i > end and doc[i - 1].lower_ == "the" and alone and _locating_before(doc, i, end)


def _capital_of(doc: Doc, i: int, sent: Span, country: str | None) -> str | None:
    """The capital of the country the phrase, its sentence or else the article is set in; else the capital named
    last before (" … south of Kuwait City. Ali Al Salem, some 37 km west of the capital, …")."""
    country = country or _setting(doc, sent) or main_country(doc)  # where things are "in", not whose they are
    hosts = host_countries(doc)
    country = country or (next(iter(hosts)) if len(hosts) == 1 else None)  # the one country it puts things in
    if country:
        return CAPITAL_OF.get(names.fold(country))
    for j in range(i - 1, max(0, i - CAPITAL_LOOKBACK) - 1, -1):
        ent = ent_at(doc, j) if doc[j].ent_type_ == "GPE" else None
        if ent is not None and names.fold(ent.text) in CAPITALS:
            return names.clean_surface(ent.text)
    return None


def _spoken_of_again(doc: Doc, i: int, end: int, sent: Span) -> Placed | None:
    """The place "the city" or "the country" at `i` speaks of again, when it locates (not when a distance is measured
    from it): for a country, the article's own, else the one named last before it in the sentence (by name, capital
    or demonym: "an Azerbaijani installation in the west of the country"); for a town, the town the story is filed
    from (the town it is about). None when there is none."""
    tok = doc[i]
    if tok.lower_ not in _SPOKEN_OF_AGAIN or not _the_town_again(doc, i, end):
        return None
    if tok.lower_ == "country":
        named = main_country(doc) or _country_before(doc, i, sent)
        return Placed(None, named, None) if named else None
    filed = dateline(doc)
    if filed is not None and not country_itself(filed[0]):
        return Placed(filed[0], None, None)
    town = _town_before(doc, i)  # "Drone strikes on Port Sudan … the air base on the northern edge of the city"
    return Placed(town, None, None) if town else None


# How many words may follow "the city's" before the noun it owns ("the city's old international airport").
OWNED_WORDS = 3


def _the_town_again(doc: Doc, i: int, end: int) -> bool:
    """Whether "the city", "the country" at `i` speaks again of one named before, in a phrase that locates: also with
    a word that says what kind of town it is ("the port town", "the northern city"), and as the owner of something
    with no name of its own ("next to the city's international airport"), which stands in the town; not "the city of
    Olbek", a town named here, nor the point a distance is measured from."""
    kind = doc[i - 1] if i > end + 1 and doc[i - 1].is_lower and doc[i - 1].pos_ in {"NOUN", "ADJ"} else None
    at = i - 1 if kind is not None else i  # "the port town" reads as "the town"
    if _measured_from(doc, at - 1) or doc[at - 1].lower_ != "the" or not _locating_before(doc, at, end):
        return False
    if kind is None and _the_capital(doc, i, end):
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "POS":  # "the city's airport", not "the city's Juffair district"
        return not any(t.pos_ == "PROPN" for t in doc[i + 2 : min(len(doc), i + 2 + OWNED_WORDS)])
    return nxt is None or not (nxt.lower_ == "of" or nxt.pos_ == "PROPN")


def _town_before(doc: Doc, i: int) -> str | None:
    """The town or city named last before token `i` (not a country, nor a capital standing for its government),
    which "the city" speaks of again when no dateline names the town the story is filed from."""
    for j in range(i - 1, max(0, i - TOWN_LOOKBACK) - 1, -1):
        ent = _town_named_at(doc, j)
        if ent is None or _natural_feature(doc, ent):
            continue  # "the Red Sea", "the Sahel", "Assistant Secretary-General for Africa": no city
        text = names.clean_surface(ent.text)
        if country_itself(text) is None and names.fold(text) not in CAPITALS:
            return text
    return None


# Offices and people of a town, which make the name that owns them a town's ("Sevastopol's governor").
_TOWNS_OWN = frozenset({"governor", "mayor", "residents", "inhabitants", "municipality", "outskirts"})


def _town_named_at(doc: Doc, j: int) -> Span | None:
    """The place whose name starts at `j` when it is written where a town may be: after a word that places it ("in
    Olbek", "strikes on Olbek"), or as the owner of something ("Olbek's port"); any name the model did not take for
    a place counts only as the owner of a town's office or people ("Olbek's governor", the model reading an
    organisation)."""
    ent = ent_at(doc, j) if doc[j].ent_iob_ == "B" else None
    if ent is None:
        return None
    owner = ent.end + 1 < len(doc) and doc[ent.end].tag_ == "POS"
    if ent.label_ in {"GPE", "LOC"}:
        return ent if j == 0 or doc[j - 1].lower_ in _PLACED_AFTER or owner else None
    owned = doc[ent.end - 1].head if owner else None
    return ent if owned is not None and owned.lower_ in _TOWNS_OWN and ent.label_ in _WEAK_PLACE_LABELS else None


def _country_before(doc: Doc, i: int, sent: Span) -> str | None:
    """The country named last before token `i` in its sentence."""
    for tok in reversed(doc[sent.start : i]):
        if (party := parties.named_party(tok)) and names.fold(party) in parties.COUNTRIES:
            return party
    return None


def _natural_feature(doc: Doc, ent: Span) -> bool:
    """ "the Euphrates", "the Mediterranean": a river, a sea or a range (a non-political place with "the") is no town
    a base stands in."""
    starts_with_the = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    waterside = (ent.end < len(doc) and doc[ent.end].lower_ in _WATERSIDE) or (
        ent.start > 1 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in _WATERSIDE
    )  # "on Syria's Mediterranean coast", "on the shores of Lake Assad": the water, not the town
    # "the Bekaa valley", "the Olbek district": land or an area of government, never water
    area = ent[-1].lower_ in _TERRAIN or (ent.end < len(doc) and doc[ent.end].lower_ in _LAND)
    if _WATERS & {ent[-1].lower_, doc[ent.end].lower_ if ent.end < len(doc) else ""}:
        return True  # "the Bab el-Mandeb strait", "the Gulf of Aden": whatever the model labelled it, water
    return bool(ent.label_ == "LOC" and (starts_with_the or waterside) and not area)


def _across_border(doc: Doc, i: int) -> bool:
    """ "near the border with Jordan", "close to the frontier with Iraq": the country across a border is a
    neighbour of where the installation stands, not its place."""
    return i >= 2 and doc[i - 1].lower_ == "with" and doc[i - 2].lower_ in _BORDERS


def _directed_from(doc: Doc, i: int) -> bool:
    """Whether the place at `i` follows a direction ("southeast of Latakia")."""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _DIRECTIONS


def _settlement_after(doc: Doc, start: int, stop: int, end: int) -> Placed | None:
    """A town, village or city named further on in the same locating phrase (", near the town of Jableh")."""
    for i in range(start, stop):
        if _clause_starts(doc, i, end):
            return None
        if doc[i].ent_iob_ == "B" and _named_as_settlement(doc, i):
            ent = ent_at(doc, i)
            if ent is not None:
                return Placed(names.clean_surface(ent.text), None, None, settled=True)
    return None


def _untagged_area(doc: Doc, i: int, end: int) -> bool:
    """ "in the Chui region", "in Velmor province": a capitalised name the model left untagged before a noun of an
    area, after a word that locates."""
    tok, nxt = doc[i], doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in _AREAS - {"area", "countryside"} or tok.ent_iob_ != "O":
        return False
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and i > end and _locating_before(doc, i, end)


def _untagged_town(doc: Doc, i: int) -> bool:
    """A capitalised name the model left untagged, standing alone ("east of Aleppo", "near Kelmar")."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    alone = nxt is None or not (nxt.pos_ == "PROPN" or nxt.text == "-")
    return tok.ent_iob_ == "O" and tok.pos_ == "PROPN" and tok.text[:1].isupper() and alone


def _clause_starts(doc: Doc, i: int, end: int) -> bool:
    """Whether token `i` begins another clause: a finite verb (never an installation's head, which the tagger
    sometimes reads as one), a relative word, or a comma not opening an apposition ("…, the desert airfield
    southwest of Tripoli", "…, about 20 km east of Bishkek")."""
    tok = doc[i]
    if tok.lower_ in _LYING and i == end + 1 and doc[end].text == "," and tok.dep_ == "ROOT":
        return False  # "The base, officially Velmor Air Base, lies north of …": the name's own sentence locates it
    if tok.lower_ in _LYING and i == end and doc[end - 1].dep_ == "nsubj" and doc[end - 1].head is tok:
        return False  # "It lies on the edge of …", "Velmor sits near …": what lies there is the mention
    if tok.lower_ in _BEING and i == end and i + 1 < len(doc) and doc[i + 1].lower_ in _LYING:
        return False  # "The Velmor air base is situated in …": the mention's own sentence locates it
    if tok.lower_ in _LYING and i == end + 1 and doc[end].lower_ in _BEING:
        return False
    if tok.tag_ in _FINITE and tok.lower_ not in INSTALLATION_HEADS and not _participle_describing(doc, i):
        return True
    if tok.lower_ == "than":  # "larger than the city of Olbek": a place it is compared with, not where it is
        return not (i + 1 < len(doc) and doc[i + 1].like_num)  # "more than 20 km south of": a distance goes on
    if tok.lower_ == "to" and _direction_follows(doc, i + 1):
        return False  # "about 100 km to the south near Mitzpe Ramon": a direction, not where something goes
    if tok.lower_ in {"to", "from"} and i > 0 and doc[i - 1].lower_ in _NEARNESS:
        return False  # "close to the town of Olbek", "not far from Benghazi": nearness, not where something goes
    if tok.lower_ == "from" and _measured_from(doc, i + 1):
        return False  # "some 30 km from Olbek": a distance, not where something comes from
    if tok.text == "(" and i + 1 < len(doc) and doc[i + 1].like_num:
        return False  # "30 km (19 miles) south of Benghazi": the distance again, in other units
    if tok.text == "(" and i == end and i + 1 < len(doc) and doc[i + 1].lower_ in _LOCATING:
        return False  # "the Velmor air base (in Olbek)": where it is, in brackets
    if tok.text != "," or i == end:
        return tok.lower_ in _CLAUSE_ENDS
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    # ", situated between Homs and Palmyra", ", located in the province of Adana": a participle of lying locates
    return nxt is None or not (nxt.lower_ in _APPOSITION_OPENERS | _LOCATING | _LYING | _NEARNESS or nxt.like_num)


def _direction_follows(doc: Doc, i: int) -> bool:
    """Whether "the south", "the northeast" (or a bare direction) starts at token `i`."""
    i += i < len(doc) and doc[i].lower_ == "the"
    return i < len(doc) and doc[i].lower_ in _DIRECTIONS


def _country_after(doc: Doc, i: int, stop: int) -> str | None:
    """ "near Adana in southern Türkiye": the country the place just named is in."""
    for tok in doc[i:stop]:
        if tok.text == "," and tok.i == i and _country_apposed(doc, tok.i + 1):
            continue  # "in Hamedan province, western Iran": the country set after a comma
        if tok.tag_ in _FINITE or tok.lower_ in _CLAUSE_ENDS or tok.text == ",":
            return None
        ent = ent_at(doc, tok.i) if tok.ent_iob_ == "B" and tok.ent_type_ == "GPE" else None
        country = country_itself(names.clean_surface(ent.text)) if ent is not None else None
        if country:
            return country
    return None


def _country_apposed(doc: Doc, i: int) -> bool:
    """Whether a country's name, with at most a lower-case adjective before it, starts at token `i` ("western Iran")."""
    if i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].text.islower():
        i += 1
    ent = ent_at(doc, i) if i < len(doc) and doc[i].ent_type_ == "GPE" else None
    return ent is not None and country_itself(names.clean_surface(ent.text)) is not None


def _setting(doc: Doc, sent: Span) -> str | None:
    """The country a sentence says things happen in ("… a military presence in Syria for years, with …")."""
    for tok in sent:
        if tok.lower_ == "in" and tok.i + 1 < sent.end and doc[tok.i + 1].ent_type_ == "GPE":
            ent = ent_at(doc, tok.i + 1)
            if ent is None or (ent.end < sent.end and doc[ent.end].lower_ in keeping.CONTROL_NOUNS):
                continue  # "remains in US hands": whose it is, not where
            if tok.head.dep_ == "nsubj" and tok.head.head.lower_ in _ATTACKING:
                continue  # "Houthi fighters in Yemen fired missiles at the base": where the attackers are
            country = country_itself(names.clean_surface(ent.text))
            if country:
                return country
    return None


# Words before a kind of site that compare it with every other of its kind in a place ("the only base in Africa").
_COMPARING = frozenset({"only", "sole", "first", "last", "biggest", "largest", "oldest", "newest", "busiest"})


def scope_of_comparison(doc: Doc, i: int) -> bool:
    """Whether the name at `i` is where a superlative compares the site with others ("the only permanent American
    base in Africa", "the largest naval base in the Mediterranean"), not where it stands."""
    prep = doc[i].head if doc[i].dep_ == "pobj" else None
    if prep is None or prep.lower_ != "in" or (prep.i != i - 1 and doc[i - 1].lower_ != "the"):
        return False
    kind = prep.head
    return kind.pos_ == "NOUN" and any(c.lower_ in _COMPARING or c.tag_ == "JJS" for c in kind.children)


def _locating_before(doc: Doc, i: int, end: int) -> bool:
    """A locating word stands a few words before the name ("near the southern city of Adana", "in Syria's Homs")."""
    for j in range(i - 1, max(end, i - 5) - 1, -1):
        word = doc[j].lower_
        if word in _LOCATING or (word == "of" and j > 0 and doc[j - 1].lower_ in _OF_AFTER) or _near_to(doc, j):
            return True
        if word == "at" and j == end:
            return True  # "the 12th Tactical Air Base at Korvik": where the site's own words say it stands
        if word == "from" and _measured_from(doc, j + 1):
            return True  # "some 30 km from Olbek"
        # "in occupied Crimea": an adjective, whether the parser hangs it on the name or on the verb
        if doc[j].pos_ in {"VERB", "AUX"} and doc[j].dep_ != "amod" and not _participle_describing(doc, j):
            return False
        if word in _NOT_LOCATING:  # "landed at Velmor on Sunday for the Blue Flag drill": what for, not where
            return False
    return False


def _participle_describing(doc: Doc, j: int) -> bool:
    """Whether the participle at `j` describes the name right after it, after a word that locates ("in occupied
    Tarsk", "near war-torn Olbek")."""
    before, after = doc[j - 1] if j > 0 else None, doc[j + 1] if j + 1 < len(doc) else None
    placed = before is not None and (before.lower_ in _LOCATING or before.text == "-")
    # the parser may read the participle as a past tense, which cannot stand right after a preposition
    return doc[j].tag_ in {"VBN", "VBD"} and placed and after is not None and after.pos_ == "PROPN"


def _measured_from(doc: Doc, i: int) -> bool:
    """Whether the place at `i` follows a distance and a direction ("180 km west of", "45 kilometres north of"), or a
    distance and "from" ("some 30 km from", "30 kilometres (20 miles) up the highway from")."""
    if i >= 2 and doc[i - 1].lower_ == "from" and doc[i - 2].lower_ not in _NEARNESS:
        return any(t.lower_ in _DISTANCE_UNITS for t in doc[max(0, i - DISTANCE_WORDS) : i - 1])
    if i < 3 or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in _DIRECTIONS:
        return False
    unit = doc[i - 3]
    return unit.lower_ in _DISTANCE_UNITS or (
        unit.text == ")" and any(t.lower_ in _DISTANCE_UNITS for t in doc[max(0, i - 8) : i - 3])
    )


def _in_right_after(doc: Doc, i: int, end: int, ent: Span) -> bool:
    """ "stationed at Air Base 101 in Niamey": a name "in" right after the installation's own words is where it
    stands, whatever the model took it for (it takes lesser-known towns for bodies or people), unless a possessive
    makes it an owner ("in Russia's …")."""
    possessive = ent.end < len(doc) and doc[ent.end].tag_ == "POS"
    # "The 7th military base, in Gudauta, has …": the phrase set off by commas right after the words
    set_off = doc[end].text == "," and end + 1 < i and ent.end < len(doc) and doc[ent.end].text == ","
    end += set_off
    # "in occupied Crimea", "in war-torn Sudan": describing words may stand between (the parser may hang the
    # adjective on the verb, not the name)
    described = all(
        t.dep_ == "amod" or t.pos_ == "ADJ" or _participle_describing(doc, t.i) or t.text == "-"
        for t in doc[end + 1 : i]
    )
    misread = ent.label_ in _WEAK_PLACE_LABELS | _THING_LABELS  # "in Agadez", read as a product
    return described and doc[end].lower_ in {"in", "at"} and misread and not possessive


def _area_of_its_own_after(doc: Doc, end: int) -> bool:
    """Whether a possessive at `end` is followed by a name and an area noun ("Kashan's Olbek district")."""
    if end + 2 >= len(doc) or doc[end].tag_ != "POS" or not doc[end + 1].text[:1].isupper():
        return False
    return any(t.lower_ in _AREAS for t in doc[end + 2 : min(len(doc), end + 4)])


# How many plain words may describe an area a town owns ("Olbek's old airport district").
AREA_DESCRIBING_WORDS = 3


def _owns_an_unnamed_area(doc: Doc, end: int) -> bool:
    """ "in Olbek's airport district", "in the city's old quarter": an area with no name of its own, written as a
    name's, is inside the place that name is, whatever the model took the name for."""
    if end + 1 >= len(doc) or doc[end].tag_ != "POS":
        return False
    for tok in doc[end + 1 : min(len(doc), end + 2 + AREA_DESCRIBING_WORDS)]:
        if tok.lower_ in _TOWN_AREAS:
            named_after = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of"  # "its western district of Velmo"
            return tok.i > end + 1 and not named_after
        if not (tok.is_alpha and tok.is_lower):
            return False
    return False


def _area_after(doc: Doc, end: int) -> bool:
    """ "in the Kidal region", "in the Kashan desert": a name before an area noun or a noun of land is a place,
    whatever the model labelled it."""
    return end < len(doc) and doc[end].lower_ in _AREAS | _TERRAIN


def _near_to(doc: Doc, j: int) -> bool:
    """ "close to", "next to", "not far from", "adjacent to": words of nearness, which locate like "near"."""
    return doc[j].lower_ in {"to", "from"} and j > 0 and doc[j - 1].lower_ in _NEARNESS


def _strongly_located(doc: Doc, i: int) -> bool:
    if i > 0 and _near_to(doc, i - 1):
        return True
    prev = doc[i - 1].lower_ if i > 0 else ""
    near = {"near", "outside", "between", "above", "overlooking"}
    # "stationed in Gyumri", "based at Velmor": a verb of being kept somewhere says the name after it is a place,
    # whatever label the model gave it
    kept = prev in {"in", "at"} and i > 1 and doc[i - 2].lower_ in _KEPT_IN and not _kept_by_another(doc[i - 2])
    return kept or prev in near or (prev == "of" and i > 1 and doc[i - 2].lower_ in _OF_AFTER)


def _kept_by_another(verb: Token) -> bool:
    """Whether a verb of being kept somewhere is said of something other than a site ("Pilots from Velmor air base,
    some of them based in Dorvan"): its subject, or the noun it describes, is neither a kind of site nor a pronoun
    standing for one."""
    holder = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if holder is None and verb.dep_ in {"acl", "relcl"}:
        holder = verb.head
    if holder is None or holder.pos_ not in {"NOUN", "PRON", "DET"}:
        return False
    return holder.lower_ not in INSTALLATION_HEADS and holder.lower_ not in {"it", "which", "that"}


def _first_place(ent: Span) -> str:
    """ "Bashiqa in Nineveh", which the model may read as one name: the place before a preposition that places it in
    another (no place's name holds "in" or "near" in lower case)."""
    cut = next((t.i for t in ent if t.pos_ == "ADP" and t.lower_ in {"in", "near"} and t.i > ent.start), ent.end)
    return str(ent.doc[ent.start : cut].text)


def _untagged_word_before(doc: Doc, ent: Span, text: str) -> str:
    """ "in Preah Sihanouk province", read by the model as "Sihanouk": a capitalised word it left untagged right
    before a place an area word follows is the first word of the area's name."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    area_after = ent.end < len(doc) and doc[ent.end].lower_ in _AREAS
    if before is None or not area_after or before.ent_type_ or before.pos_ != "PROPN" or before.is_sent_start:
        return text
    if not before.text[:1].isupper() or before.i == 0 or doc[before.i - 1].lower_ not in {"in", "of", "the"}:
        return text
    return f"{before.text} {text}"


# Areas whose word stays with the name: "the Khmelnytskyi region" is not the city of Khmelnytskyi.
_NAMED_AREAS = frozenset({"province", "governorate", "region", "oblast"})


def _with_area(doc: Doc, ent_end: int, text: str) -> str:
    """ "Homs province": the area word stays with the name, as the reader wrote it."""
    if ent_end < len(doc) and doc[ent_end].lower_ in _NAMED_AREAS and not text.lower().endswith(tuple(_NAMED_AREAS)):
        return f"{text} {doc[ent_end].text}"
    return text

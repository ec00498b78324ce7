"""Name keys and the rules that decide whether two spellings name the same thing.

Keys ignore case, diacritics, possessives and the Arabic article ("al-", "el-"). Transliteration variants
(Tartus / Tartous, Hmeimim / Khmeimim) share a skeleton; fuzzy scores only propose, these rules decide.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process

from bot.core.lexicon import BARE_BODY_HEADS, BARE_BODY_WORDS, BODY_HEADS, COUNTRY_VARIANTS, DEMONYMS, HONORIFICS

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
# The Arabic article in its common spellings, including the assimilated forms ("ash-Sham", "es-Sughra").
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|es|ed|ez|an|ath|adh)-(?=\w)")
_ARTICLE_WORDS = {"al", "el"}
# The assimilated article written as a word of its own inside a name ("Dayr az Zawr", "Jisr ash Shughur"); not "as",
# "at", "an", which are English words, nor at a name's start ("Ed Miliband").
_SPACED_ARTICLE_WORDS = frozenset({"az", "ash", "ad", "ar", "adh", "ath", "ez", "es", "ed"})
# The article written into the next word, its consonant doubled ("Deir Ezzor" is "Deir ez-Zor"): only after a first
# word, so that a name that begins so ("Essam") stays whole, and only before one short syllable ("-zor", "-zour"): a
# longer word opening so is a name of its own whose doubled letter is its root's ("Ezzeddine", as "Izzeddine").
_GLUED_ARTICLE = re.compile(r"^e([tdrzsn])\1(?=[a-z]{2,3}$)")
# Spelling variants that English transliterations of Arabic, Russian and Turkish names use interchangeably.
_TRANSLIT = [
    ("dj", "j"),  # French transliteration of Arabic "j" ("Djibouti", "Hadji")
    ("kh", "h"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ey", "ei"),
    ("y", "i"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("dh", "d"),
    # Persian and Arabic write one letter as "gh" or "q" (Ghalibaf / Qalibaf, Araghchi / Araqchi), and "q" as "k".
    ("gh", "k"),
    ("w", "u"),
]
_DOUBLE = re.compile(r"(.)\1+")
# The older spelling of the Russian "-ov" and "-ev" endings ("Smirnoff", "Hajioff").
_OFF = re.compile(r"(?<=[a-z]{2})([oe])ff$")
# An "o" is written "u" as often ("Zor" / "Zour" / "Zur", "Yousef" / "Yusuf"), except in an English "ow"
# ("Moscow"), which would otherwise become the "u" of a misspelt "Moscw".
_O_AS_U = re.compile(r"o(?!w)")
_VOWELS = re.compile(r"[aeiou'’]")  # an apostrophe is a glottal stop, written or not ("As'ad"/"Asaad")
_SKELETON_VOWELS = frozenset("aeiou")
# Fuzzy similarity (0-100) below which two keys are not even considered as variants of each other.
VARIANT_PROPOSAL_CUTOFF = 75.0
# Tokens shorter than this only merge on identical skeletons: short names differ by one vowel too often.
MIN_VOWEL_VARIANT_LEN = 5
# How many vowels two spellings with the same consonants may write differently (changed, added or left out):
# Muhammad / Mohammed, Shaibani / Shibani, Rmeilan / Rmelan; Mohammed / Mahmoud (three) stay apart.
MAX_VOWEL_EDITS = 2
# Short words (under this length) may differ by one vowel only: Ahmed / Ahmad, not Rami / Rima.
ONE_VOWEL_EDIT_BELOW = 7
# A letter and a number joined by a hyphen are one name: "T-4" is "T4".
_LETTER_NUMBER = re.compile(r"\b([a-z]{1,3})-(\d{1,3})\b")
# Initials written with dots are the same initials without them: "U.S." is "US".
_DOTTED_INITIALS = re.compile(r"^(?:[a-z]\.){1,4}[a-z]\.?$")
# British and American spellings of the words institutions are named with ("Defence Ministry"/"Defense Ministry").
_SPELLINGS = {
    "defence": "defense", "centre": "center", "organisation": "organization", "programme": "program",
    "labour": "labor", "armour": "armor", "armoured": "armored",
}  # fmt: skip
# "-isation" is British for "-ization" in any word ("Mobilisation Forces", "Stabilisation Mission").
_ISATION = re.compile(r"(?<=[a-z])isation(s?)$")
# Words after a place's name that say what kind of area it is ("Homs province"): not part of its key.
_AREA_WORDS = frozenset({"province", "governorate"})
# "Ministry of Defense" is the "Defense Ministry": a one-word portfolio after "ministry of" moves before it, and so
# does one of two words that opens with "national" ("Ministry of National Defense", "National Defense Ministry").
_MINISTRY_OF = ("ministry", "of")
_NATIONAL_PORTFOLIOS = frozenset({"national"})
_FOREIGN_AFFAIRS = ("ministry", "of", "foreign", "affairs")
# A final "h" after a vowel is a transliteration habit ("Hasakah", "Raqqah"), not a letter of the name.
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
# Pure functions of a short string, asked again for every mention of a name, every pair of names compared and every
# entity stored: remembered, so that a name seen before costs a lookup, not string rewriting (a name recurs
# across an article and a corpus; cProfile: a tenth of extraction and of storing went to keys).
NAME_CACHE_SIZE = 65_536


@lru_cache(maxsize=NAME_CACHE_SIZE)
def fold(text: str) -> str:
    """Lowercase, strip diacritics and normalise apostrophes and dashes."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace("ı", "i")


@lru_cache(maxsize=NAME_CACHE_SIZE)
def clean_surface(text: str) -> str:
    """A mention as it should be shown: no leading "the", no possessive, no stray punctuation."""
    text = re.sub(r"\s+", " ", text).strip(" \t\n,;:\"'“”‘’()[]")
    if not re.search(r"(?:^|[\s.])[A-Z]\.$", text):  # keep the dot of "U.S."
        text = text.rstrip(".")
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text.strip()


def readable(name: str) -> str:
    """A name of several words printed in capitals (a dateline's "NEW YORK", "UNITED NATIONS") as it is written in
    running text; a name of one word ("NATO", "UNIFIL") and words that read as initials (two letters, or no vowel:
    "UN", "SDF") stay as they are."""
    words = name.split()
    if len(words) < 2 or not name.isupper():
        return name
    return " ".join(w if len(w) <= 2 or not _CAPITAL_VOWELS.intersection(w) else w.title() for w in words)


_CAPITAL_VOWELS = frozenset("AEIOUY")


# Turkish and Kurdish letters that English copy writes as one letter or as two ("Şamî" as "Sami" or "Shami").
_DIGRAPHS = str.maketrans({"ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch"})


def digraph_spelling(name: str) -> str | None:
    """A name with "ş" and "ç" written "sh" and "ch", as English copy also writes them ("Ferhad Şamî" as "Ferhad
    Shamî"); None for a name without them (its key already writes them "s" and "c", the other way)."""
    spelled = name.translate(_DIGRAPHS)
    return spelled if spelled != name else None


def tokens(name: str) -> list[str]:
    """The folded words of a name, without possessives, honorifics and the Arabic article."""
    words = re.split(r"[\s]+", _LETTER_NUMBER.sub(r"\1\2", fold(clean_surface(name))))
    out: list[str] = []
    for word in words:
        word = re.sub(r"'s$", "", word)
        word = word.replace(".", "") if _DOTTED_INITIALS.match(word) else word.strip(".,'\"")
        word = _ISATION.sub(r"ization\1", _SPELLINGS.get(word, word))
        if not word or word.rstrip(".") in HONORIFICS:
            continue
        if word in _ARTICLE_WORDS or (not out and word == "the") or (out and word in _SPACED_ARTICLE_WORDS):
            continue
        word = _ARTICLE.sub("", word)
        if out:
            word = _GLUED_ARTICLE.sub(r"\1", word)
        parts = word.split("-")
        out.extend(part for n, part in enumerate(parts) if part and part not in _ARTICLE_WORDS and not _ezafe(n, part))
    return _portfolio_first(_servant_names_joined(out))


# The Persian ezafe, the "of" hyphened to a place's first word ("Bandar-e Abbas", "Qasr-e Shirin"): a link, as the
# Arabic article is, left out or written apart as often ("Bandar Abbas").
_EZAFE = frozenset({"e", "ye"})


def _ezafe(position: int, part: str) -> bool:
    """Whether a part of a hyphened word, after its first, is the ezafe."""
    return position > 0 and part in _EZAFE


# "Abd" ("servant of") and the article after it, opening a name that goes on with one of God's names: one word or
# two as the writer pleases ("Abdulkadir", "Abdul Qadir", "Abd al-Qadir", "Abdel Kader").
_SERVANT = re.compile(r"^abd(?:ul|el|al|ol|oul|ool)?$")
_SERVANT_OPENING = re.compile(r"^abd(?:ul|el|al|ol|oul|ool)(?=[a-z]{3})")


def _servant_names_joined(words: list[str]) -> list[str]:
    """ "abdul qadir" as "abdulqadir", "abdelkader" as "abdulkader": the "Abd" compound as one word, its article
    written "ul"; a lone "Abdul" at a name's end stays (a family name)."""
    out: list[str] = []
    for word in words:
        if out and _SERVANT.match(out[-1]):
            out[-1] = f"abdul{word}"
            continue
        out.append(_SERVANT_OPENING.sub("abdul", word))
    return out


def _portfolio_first(words: list[str]) -> list[str]:
    """ "syrian ministry of defense" as "syrian defense ministry", "ministry of national defense" as "national
    defense ministry": the two word orders name one ministry, and "ministry of foreign affairs" is the "foreign
    ministry"; "homs province" as "homs": a province is known by its name, as the place it is named after."""
    if len(words) >= 3 and tuple(words[-3:-1]) == _MINISTRY_OF:
        return [*words[:-3], words[-1], "ministry"]
    if len(words) >= 4 and tuple(words[-4:-2]) == _MINISTRY_OF and words[-2] in _NATIONAL_PORTFOLIOS:
        return [*words[:-4], *words[-2:], "ministry"]
    if len(words) >= 4 and tuple(words[-4:]) == _FOREIGN_AFFAIRS:
        return [*words[:-4], "foreign", "ministry"]  # "the Iranian Ministry of Foreign Affairs": its Foreign Ministry
    if len(words) >= 2 and words[-1] in _AREA_WORDS:
        return words[:-1]
    return words


@lru_cache(maxsize=NAME_CACHE_SIZE)
def key(name: str) -> str:
    """The matching key of a name: `"Al-Sharaa's"` and `"al-Sharaa"` both give `"sharaa"`; a country's
    variants give its usual name's key (`"U.S."` and `"United States"`, `"Türkiye"` and `"Turkey"`)."""
    words = _country_first(tokens(name))
    if len(words) >= 3:  # "Geir O. Pedersen" is "Geir Pedersen": a middle initial is often left out
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1 or w.isdigit()), words[-1]]
    name_key = " ".join(words)
    return _COUNTRY_KEYS.get(name_key, name_key)


_COUNTRY_KEYS = {" ".join(tokens(variant)): " ".join(tokens(usual)) for variant, usual in COUNTRY_VARIANTS.items()}
# A country's one-word key to its adjective's ("russia" to "russian"): the first demonym listed for it.
_ADJECTIVE_KEYS = {country.casefold(): demonym for demonym, country in reversed(DEMONYMS.items()) if " " not in country}


def _country_first(words: list[str]) -> list[str]:
    """ "security council of russia" as "russian security council", "armed forces of ukraine" as "ukrainian armed
    forces": a body named "X of <country>" is the country's X, however the article orders the words."""
    if len(words) >= 3 and words[-2] == "of" and words[-3] in BODY_HEADS and words[-1] in _ADJECTIVE_KEYS:
        return [_ADJECTIVE_KEYS[words[-1]], *words[:-2]]
    return _without_arab(words)


def _without_arab(words: list[str]) -> list[str]:
    """ "syrian arab army" as "syrian army": an Arab republic's bodies are named with its official name's "Arab" and
    without it (a country's adjective, "arab", then a body's head)."""
    if len(words) == 3 and words[0] in DEMONYMS and words[1] == "arab" and words[2] in BODY_HEADS:
        return [words[0], words[2]]
    return words


@lru_cache(maxsize=NAME_CACHE_SIZE)
def skeleton(name_key: str) -> str:
    """The transliteration-insensitive form of a key: `"khmeimim"` and `"hmeimim"` give the same."""
    out = []
    for word in name_key.split():
        word = _OFF.sub(r"\1v", word)
        for old, new in _TRANSLIT:
            word = word.replace(old, new)
            if old == "oo":
                word = _O_AS_U.sub("u", word)
        out.append(_FINAL_H.sub("", _DOUBLE.sub(r"\1", word)) or word)
    return " ".join(out)


# The vowels a word may open with in one spelling and not the same in another ("Erbil" / "Arbil", "Osama" / "Usama"):
# written vowels only, not the "y" and "w" the skeleton turns into vowels ("Yael" and "Wael" open differently).
_OPENING_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=NAME_CACHE_SIZE)
def consonants(name_key: str) -> str:
    """The skeleton without vowels, an index-friendly key for proposing spelling variants; a word opening with a
    vowel opens with "a" whichever vowel it is."""
    return " ".join(
        _opening(word) + _VOWELS.sub("", skel[1:])
        for word, skel in zip(name_key.split(), skeleton(name_key).split(), strict=True)
    )


def _opening(word: str) -> str:
    """The first letter of a word's skeleton, or "a" for any written vowel."""
    return "a" if word[:1] in _OPENING_VOWELS else skeleton(word)[:1]


def same_token(a: str, b: str) -> bool:
    """Whether two folded words are spellings of one name."""
    if a == b:
        return True
    sa, sb = skeleton(a.replace("'", "")), skeleton(b.replace("'", ""))  # "As'ad" and "Asaad"
    if sa == sb:
        return True
    if consonants(a) == consonants(b) and _diphthongs(sa) == _diphthongs(sb):
        return True  # "Dayr" / "Deir", "Zawr" / "Zour": too short for a vowel edit, one sound written two ways
    # the length as written: "Mazzeh" is as long a word as "Mezzeh", however short their skeletons ("maze", "meze")
    if min(len(a), len(b)) < MIN_VOWEL_VARIANT_LEN or consonants(a) != consonants(b):
        return False
    if (sa[-1] in _SKELETON_VOWELS) != (sb[-1] in _SKELETON_VOWELS):
        return False  # a final vowel makes another word ("Talabani" of "Taliban", "Hashemi" of "Hashem")
    # Same consonants in the same order: the spellings differ only in vowels, and only in a few.
    allowed = 1 if min(len(sa), len(sb)) < ONE_VOWEL_EDIT_BELOW else MAX_VOWEL_EDITS
    return Levenshtein.distance(sa, sb) <= allowed


# The diphthongs English writes two ways ("ay" / "ei" of "Dayr" / "Deir", "aw" / "ou" of "Zawr" / "Zour"), as the
# skeleton spells them ("y" and "w" are "i" and "u" there). Left out of the skeleton itself, which the store's index
# reads: "Soleimani" and "Sulaimani" would share one.
# Only a diphthong a consonant follows ("Dayr", "Zawr"): at a word's end the two spellings are two names ("Kay" and
# "Kei", "Mai" and "Mei").
_DIPHTHONGS = ((re.compile(r"ei(?=[^aeiou\s])"), "ai"), (re.compile(r"au(?=[^aeiou\s])"), "u"))


def _diphthongs(skel: str) -> str:
    """A skeleton with each diphthong before a consonant written one way."""
    for old, new in _DIPHTHONGS:
        skel = old.sub(new, skel)
    return skel


# The vowels transliteration writes one for another: the Arabic short "a" as "a" or "e" ("Mazzeh" / "Mezzeh"), "i"
# as "i" or "e" ("Idlib" / "Edlib"); "o" and "u" are one letter in the skeleton. An "a" or "i" where the other
# spelling has "o" or "u" is another vowel, not another way to write one.
_VOWELS_WRITTEN_ALIKE = frozenset({frozenset("ae"), frozenset("ei"), frozenset("ai")})


def vowel_sound_changed(a_key: str, b_key: str) -> bool:
    """Whether two spellings with the same words write a vowel of one as another vowel that transliteration does
    not swap: "Mombasa" and "Mambasa" (an "o" for an "a") are two towns; "Mezzeh" and "Mazzeh" one, as are
    "Qamishli" and "Qamishlo"."""
    a_words, b_words = a_key.split(), b_key.split()
    if len(a_words) != len(b_words):
        return False
    return any(_vowel_swapped(skeleton(x), skeleton(y)) for x, y in zip(a_words, b_words, strict=True))


def _vowel_swapped(a_skel: str, b_skel: str) -> bool:
    """Whether one skeleton has a vowel where the other has a vowel transliteration does not write for it, before
    the word's last letter: a final vowel differs between two languages' names of one town ("Qamishli", the Kurdish
    "Qamishlo")."""
    for op in Levenshtein.editops(a_skel, b_skel):
        if op.tag != "replace" or op.src_pos == len(a_skel) - 1:
            continue
        pair = frozenset((a_skel[op.src_pos], b_skel[op.dest_pos]))
        if pair <= _SKELETON_VOWELS and pair not in _VOWELS_WRITTEN_ALIKE:
            return True
    return False


def same_name(a_key: str, b_key: str) -> bool:
    """Whether two keys name the same thing: word-by-word transliteration rules decide; fuzzy similarity only
    turns away pairs that share neither a skeleton nor their consonants."""
    if a_key == b_key or skeleton(a_key) == skeleton(b_key):
        return True
    if consonants(a_key) != consonants(b_key) and fuzz.ratio(a_key, b_key, processor=default_process) < (
        VARIANT_PROPOSAL_CUTOFF
    ):
        return False
    a_words, b_words = a_key.split(), b_key.split()
    return len(a_words) == len(b_words) and all(same_token(x, y) for x, y in zip(a_words, b_words, strict=True))


def surname(name_key: str) -> str | None:
    """The family name of a multi-word personal name key, used to resolve "Lavrov" to "Sergey Lavrov"."""
    words = name_key.split()
    return words[-1] if len(words) >= 2 else None


# Words a name's initials leave out: "Ministry of Defense" is "MD", not "MOD" (an acronym that keeps them is
# written so and introduced as such).
INITIALS_SKIPPED = frozenset({"of", "and", "for", "the", "in", "on"})


def initials(name: str, small_words: bool = False) -> str:
    """The capitals of a name of two or more capitalised words: "United Nations" gives "UN", "Hayat Tahrir al-Sham"
    "HTS" (the Arabic article does not count); "" for a name of one word, and for one with a word in capitals or
    initials of its own ("AK Party" is not "AP", "U.S. Central Command" not "UCC"). With `small_words`, the words
    initials usually leave out are kept in small letters, as some bodies write theirs ("Ministry of Defence Affairs"
    gives "MoDA")."""
    capitals = []
    letters = []
    for word in name.replace("-", " ").split():
        if is_article(word):
            continue
        if word.lower() in INITIALS_SKIPPED:
            letters.append(word[0].lower())
            continue
        if not word[:1].isupper():
            continue
        if not word[1:].islower():
            return ""
        capitals.append(word[0])
        letters.append(word[0])
    if len(capitals) < 2:
        return ""
    return "".join(letters).strip("".join(_SMALL_INITIALS)) if small_words else "".join(capitals)


_SMALL_INITIALS = frozenset(w[0] for w in INITIALS_SKIPPED)
# Initials with the small words' letters in lower case between capitals ("MoD", "MoFA"): never an ordinary word.
_MIXED_ACRONYM = re.compile(r"^[A-Z](?:[a-z]?[A-Z]){1,5}$")


def is_mixed_acronym(name: str) -> bool:
    """Whether a name is initials written with small letters for the small words ("MoD", "MoPA")."""
    return bool(_MIXED_ACRONYM.match(name)) and not name.isupper()


# A name written in capitals only: an abbreviation, never a transliteration of another word.
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def is_acronym(name: str) -> bool:
    """Whether a name is an abbreviation in capitals ("SANA", "AFP"), not a word ("Sanaa")."""
    return bool(_ACRONYM.match(name))


def is_article(word: str) -> bool:
    """Whether a word is the Arabic article standing alone ("al" of "al Sham", "al-" split off)."""
    return word.lower() in _ARTICLE_WORDS


def bare_body(name_key: str) -> bool:
    """ "foreign ministry", "ministry of foreign affairs", "army", "general staff": a country's institution named
    without its country, by one head and generic words (every country has one so named)."""
    words = name_key.split()
    heads = [w for w in words if w in BARE_BODY_HEADS]
    return len(heads) == 1 and set(words) - set(heads) <= BARE_BODY_WORDS

"""Name keys and spelling variants: transliterations merge, different names stay apart."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.core import names
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hmeimim", "Khmeimim"), ("Hmeimim", "Hemeimeem"), ("Tartus", "Tartous"), ("Qamishli", "Kamishli"),
        ("Raqqa", "Rakka"), ("Hasakah", "Hasaka"), ("T4", "T-4"), ("Rmeilan", "Rmelan"), ("Sweida", "Suwayda"),
        ("Ahmed al-Sharaa", "Ahmad al-Sharaa"), ("Asaad al-Shaibani", "Asaad al-Shibani"),
        ("Muhammad al-Hamoud", "Mohammed al-Hamoud"), ("Sergey Lavrov", "Sergei Lavrov"), ("Kobani", "Kobane"),
        ("Deir ez-Zor", "Deir Zor"), ("Dmitry Peskov", "Dmitri Peskov"), ("Deir Ezzor", "Deir ez-Zor"),
        ("Deir al-Zour", "Deir ez-Zor"), ("Youssef Hamdan", "Yusuf Hamdan"), ("Qattah", "Qettah"),
    ],
)  # fmt: skip
def test_spellings_of_one_name_are_the_same_name(a: str, b: str) -> None:
    assert names.same_name(names.key(a), names.key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tartus", "Tarsus"), ("Hama", "Homs"), ("Mohammed", "Mahmoud"), ("Rami", "Rima"), ("Adana", "Aden"),
        ("Idlib", "Irbil"), ("Latakia", "Lattakia Port"), ("Sergey Lavrov", "Sergey Shoigu"), ("Homs", "Hums Port"),
        ("Jableh", "Jubail"), ("Iran", "Iraq"), ("Essam Haddad", "Sam Haddad"), ("Bashar al-Assad", "Bashar Sad"),
        ("Tella", "Tallu"), ("Hala", "Hula"),
    ],
)  # fmt: skip
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not names.same_name(names.key(a), names.key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S. Central Command", "US Central Command"), ("J.D. Vance", "JD Vance"),
        ("Defence Ministry", "Defense Ministry"), ("Syrian Ministry of Defense", "Syrian Defence Ministry"),
        ("the Russian Federation", "Russia"), ("Syrian Arab Republic", "Syria"), ("State of Israel", "Israel"),
        ("Homs province", "Homs"), ("Latakia Province", "Latakia"), ("Idlib governorate", "Idlib"),
        ("Dorvan Stabilisation Forces", "Dorvan Stabilization Forces"),
        ("Velmoran Normalisation Commissions", "Velmoran Normalization Commissions"),
    ],
)  # fmt: skip
def test_dotted_initials_british_spellings_and_ministry_of_share_a_key(a: str, b: str) -> None:
    assert names.key(a) == names.key(b)


def test_a_ministry_of_two_words_keeps_its_order() -> None:
    assert names.key("Ministry of Internal Affairs") == "ministry of internal affairs"


def test_a_ministry_of_foreign_affairs_is_the_foreign_ministry() -> None:
    assert names.key("Velmoran Ministry of Foreign Affairs") == names.key("Velmoran Foreign Ministry")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one Persian letter written "gh" or "q"
        ("Mohsen Taghavian", "Mohsen Taqavian"), ("Baghirzadeh", "Baqirzadeh"),
        # a written vowel opening a word, as transliterations differ on it
        ("Esmarin", "Asmarin"), ("Irvanesh", "Arvanesh"),
        # "ministry of national X" and "national X ministry"
        ("Velmoran Ministry of National Defence", "Velmoran National Defense Ministry"),
        # "dj" for "j", "-off" for "-ov"
        ("Djerven", "Jerven"), ("Dimitri Kalganoff", "Dmitri Kalganov"),
        # a country's other names
        ("America", "United States"), ("the USSR", "Soviet Union"),
    ],
)  # fmt: skip
def test_transliterations_word_orders_and_country_names_that_agree(a: str, b: str) -> None:
    assert names.same_name(names.key(a), names.key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Gadrin", "Kadrin"),  # a plain "g" is no "q"
        ("Yarvel", "Warvel"),  # a "y" or "w" the skeleton reads as a vowel is a letter of the name
        ("Esmarin", "Asmoron"),  # an opening vowel and two more are too many
        ("Ardo", "Erdo"),  # too short for a vowel to differ
        ("Sorabani", "Soriban"), ("Kardavani", "Kardavan"),  # a final vowel makes another word (a nisba: "of X")
    ],
)  # fmt: skip
def test_names_that_differ_by_more_than_those_variants_stay_apart(a: str, b: str) -> None:
    assert not names.same_name(names.key(a), names.key(b))


def test_initials_may_keep_the_small_words_in_small_letters() -> None:
    assert names.initials("Ministry of Highland Affairs", small_words=True) == "MoHA"
    assert names.initials("Ministry of Highland Affairs") == "MHA"
    assert names.is_mixed_acronym("MoHA") and not names.is_mixed_acronym("MHA") and not names.is_mixed_acronym("Moha")


@pytest.mark.parametrize(
    ("printed", "readable"),
    [
        ("NEW YORK", "New York"),
        ("UNITED NATIONS", "United Nations"),
        ("UN NEWS", "UN News"),
        ("SDF FORCES", "SDF Forces"),
        ("NATO", "NATO"),
        ("Abu Dhabi", "Abu Dhabi"),
        ("AK Party", "AK Party"),
    ],
)
def test_a_name_printed_in_capitals_reads_as_running_text_writes_it(printed: str, readable: str) -> None:
    assert names.readable(printed) == readable


# An article that writes its names several ways, extracted by another process: each entity's name, key, type,
# aliases (sorted: a set's printed order is the seed's) and mentions, in the order extraction gives them.
_SPELLINGS = """
from bot.core.extract import extract
from bot.core.ingest import nlp
text = (
    "VARDOSK, Norvania (Reuters) - Drones struck the Khemeirun air base near Vardosk on Monday, the Norvanian "
    "Defence Ministry said. Norvania's Defense Ministry said the Hemeirun airfield was not damaged. "
    "Foreign Minister Yousef al-Tarrani told reporters in VARDOSK that talks would go on. Youssef Tarrani said "
    "the Khemeirun base would stay. Al-Tarrani met Admiral Mahmoud Qessari; Qassari declined to comment."
)
for e in extract(nlp.load()(text)):
    print(e.name, e.key, e.type.value, sorted(e.aliases), [(m.surface, m.start) for m in e.mentions])
"""


def test_the_names_extraction_chooses_do_not_depend_on_the_hash_seed() -> None:
    # Which spelling names an entity, which spellings join it and in what order its names come must not follow a
    # set's order, which changes with PYTHONHASHSEED.
    found = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        ran = subprocess.run(
            [sys.executable, "-c", _SPELLINGS], cwd=ROOT, env=env, capture_output=True, text=True, check=True,
            timeout=300,
        )  # fmt: skip
        found.append(ran.stdout)
    assert "Khemeirun" in found[0]
    assert found[0] == found[1]

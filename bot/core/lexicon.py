"""Words of the English language the extractor relies on: titles, speech verbs, installation kinds.

None of this names anyone or anything in a corpus; it describes how news English talks about people and bases.
"""

from __future__ import annotations

# Nouns that head a title ("Foreign Minister", "Kremlin spokesman", "UN envoy").
TITLE_HEADS = frozenset(
    """
    president presidents minister ministers premier chancellor spokesman spokesmen spokeswoman
    spokeswomen spokesperson spokespersons envoy envoys ambassador ambassadors secretary secretaries
    king queen prince princess emir sultan sheikh monarch general generals commander commanders chief
    chiefs leader leaders head heads director directors governor governors mayor mayors senator senators
    adviser advisers advisor advisors official officials representative representatives chairman
    chairwoman chairperson chair diplomat diplomats negotiator negotiators colonel colonels lieutenant
    admiral admirals marshal commissioner commissioners speaker lawmaker lawmakers mp judge prosecutor
    patriarch pope ayatollah cleric founder ceo coordinator attaché attache consul rapporteur
    aide aides correspondent correspondents analyst analysts researcher researchers reporter reporters
    journalist journalists writer editor expert experts professor economist historian activist activists
    lawyer doctor nurse teacher farmer shopkeeper driver fisherman fishermen trader merchant engineer mechanic
    adm. gen. col. lt. maj. capt. sgt. brig. cmdr. rear-admiral major captain sergeant brigadier
    cdr. cpl. pvt. sen. rep. gov. amb. supt. insp. lt.-gen. maj.-gen. brig.-gen. lt.-col.
    officer officers pilot pilots soldier soldiers delegate delegates member members politician politicians
    legislator legislators parliamentarian parliamentarians councillor councilor emissary undersecretary
    mufti bishop archbishop rabbi priest scholar lecturer commentator columnist photographer manager scientist
    scientists co-chair co-chairs deputy deputies
    administrator inspector mukhtar elder elders physician surgeon medic volunteer fellow fellows
    imam imams preacher preachers sheikhs emirs mukhtars chargé d'affaires commodore hojatoleslam hojjatoleslam
    corporal corporals mullah maulana mawlana sheikha shaikha shaikh shaykh
    """.split()
)
# Nouns that say what a person named before them is, set off after the name ("Salma Haddad, a resident of Idlib,",
# "Omar Yassin, a herder who …"), which name no office: read as the person's title there, and nowhere else (a quote
# after "a resident said" is no particular resident's). Only words that describe people, never a body ("a major
# investor", "a mediator" may be a firm or a state).
PERSON_NOUNS = frozenset(
    """
    resident witness student survivor refugee mother father widow businessman businesswoman entrepreneur banker
    strategist consultant investigator attorney detainee prisoner hostage defector veteran militant sailor
    paratrooper congressman congresswoman ombudsman campaigner protester demonstrator dissident blogger cameraman
    author novelist poet archaeologist epidemiologist physicist paramedic pharmacist policeman policewoman
    firefighter rescuer translator interpreter employee technician worker labourer laborer miner herder shepherd
    staffer
    """.split()
)
# Words that may stand inside a title before its head ("Deputy Foreign Minister", "interim President").
TITLE_MODIFIERS = frozenset(
    """
    prime foreign defense defence interior finance economy justice health energy vice deputy acting
    interim former first top senior chief special state general supreme military foreign-affairs then
    new national security intelligence press executive assistant associate lead military-intelligence
    grand rear retired crown
    """.split()
)
# The last words of a country's institutions, which every country has ("Foreign Ministry", "the army").
NATIONAL_BODY_HEADS = frozenset({"ministry", "army", "navy"})
# The heads of the names of a country's institutions named by generic words alone ("the General Staff", "the Air
# Force", "the Ministry of Foreign Affairs"), and the other words such a name may have.
BARE_BODY_HEADS = NATIONAL_BODY_HEADS | {"staff", "force", "forces"}
BARE_BODY_WORDS = TITLE_MODIFIERS | {"of", "the", "affairs", "armed", "air"}
# Ranks written short, as a name's key has them and as British and Gulf outlets print them (without the dot: "Maj
# Gen", "Lt Col"): alone, the model may take one for a body ("Lt." of "Lt. Col. Dana Ruiz"); none is anyone's name.
SHORT_RANKS = frozenset({"adm", "gen", "col", "maj", "brig", "capt", "lt", "cmdr", "cdr", "sgt", "cpl", "pvt"})
# "His Highness", "His Excellency" written short, as Gulf agencies print them before a ruler's or a minister's name
# ("H.H. Sheikh …") and alone for him once named ("…," H.H. said), as "he" is.
ADDRESS_INITIALS = frozenset({"h.h.", "h.e.", "h.r.h."})
# Forms of address that may open a name the model tagged ("Lady Asma al-Assad", "Mr Lavrov").
# "Sayyid" (a descendant of the Prophet's family, and in Oman a royal's style) as Gulf and Levant copy writes it
# before a name ("Sayyid Hamad said").
HONORIFICS = ADDRESS_INITIALS | {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lady", "lord", "madam", "sayyid", "sayyed",
}  # fmt: skip

# Verbs that introduce or close a quotation ("…," Putin said; Lavrov insisted, "…").
SPEECH_VERBS = frozenset(
    """
    say said says saying tell told tells telling state stated states stating insist insisted insisting
    report reported reports condemn condemned condemns describe described describes
    insists declare declared declares declaring add added adds adding note noted notes noting warn
    warned warns warning ask asked asks explain explained explains explaining claim claimed claims
    claiming announce announced announces argue argued argues arguing write wrote writes stress stressed
    stresses stressing emphasize emphasized emphasised emphasizes remark remarked reply replied replies
    respond responded continue continued conclude concluded recall recalled assert asserted affirm
    affirmed urge urged urges tweet tweeted posted acknowledge acknowledged confirm confirmed confirms
    reaffirm reaffirmed reaffirms reiterate reiterated reiterates thank thanked call called calls calling
    accuse accused accuses accusing
    concede conceded concedes admit admitted admits vow vowed vows pledge pledged pledges promise promised promises
    predict predicted predicts caution cautioned cautions complain complained complains joke joked jokes quip
    quipped quips recount recounted recounts boast boasted boasts lament lamented laments counter countered counters
    """.split()
)
PRONOUNS = frozenset({"he", "she"})
# Titles that say the one who holds them is a woman ("Spokeswoman Maria Zakharova"), whom "she" then names.
FEMALE_TITLES = frozenset(
    "spokeswoman chairwoman congresswoman businesswoman queen princess lady mrs. ms. mrs ms madam".split()
)
# Titles and forms of address that say the one who holds them is a man ("King X", "Mr. Osk"), whom "she" never
# names. Not "spokesman" nor "chairman": many outlets write them for women too ("Chairman Aiko X … she said").
MALE_TITLES = frozenset("king prince sir mr. mr".split())
# Nouns for what was just said, looked back at by a demonstrative ("With those words, …", "These remarks …").
ECHO_NOUNS = frozenset({"words", "remarks", "comments", "statement", "message"})
# What a speaker issues, which "the statement said" speaks for.
STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "letter", "post", "readout"})
# Determiners of a description that points at someone already spoken of ("the diplomat", "this official").
DEFINITE = frozenset({"the", "this", "that"})

# The noun that names an installation, and the kind it means. A bare "base" or "port" needs a military word
# beside it ("naval port", "military base"); the others are military by themselves.
INSTALLATION_HEADS = {
    "airbase": "air base",
    "airbases": "air base",
    "airfield": "airfield",
    "airfields": "airfield",
    "airstrip": "airfield",
    "garrison": "garrison",
    "garrisons": "garrison",
    "outpost": "outpost",
    "outposts": "outpost",
    "radar": "radar",
    "base": "base",
    "bases": "base",
    "port": "port",
    "ports": "port",
    "facility": "facility",
    "facilities": "facility",
    "airport": "airport",
    "airports": "airport",
    "station": "station",
    "barracks": "barracks",
    "camp": "camp",
    "depot": "depot",
    # a launch site, military by birth and kept by a state's forces or space agency
    "cosmodrome": "cosmodrome",
    "cosmodromes": "cosmodrome",
}
# Grounds where forces train or test their weapons: installations only when a word before them says so ("the Velmor
# training range", "the Velmor firing range", "the Velmor testing ground", "a training area"), never by themselves
# (a mountain range, a play area, common ground).
TRAINING_HEADS = {
    "range": "range",
    "ranges": "range",
    "ground": "ground",
    "grounds": "ground",
    "area": "area",
    "areas": "area",
}
TRAINING_MODIFIERS = {
    "training": "training",
    "firing": "firing",
    "shooting": "firing",
    "testing": "testing",
    "test": "testing",
    "proving": "proving",
    "bombing": "bombing",
    "missile": "missile",
}
# Words for a place in general that are installations only when a word before them says what forces keep there
# ("the Velmor test site", "the logistics point in Velmor", "the Velmor transit center"), never by themselves (a
# building site, a point of view, a shopping center, a transport hub).
SITE_HEADS = {
    "site": "site",
    "sites": "site",
    "point": "point",
    "points": "point",
    "center": "center",
    "centers": "center",
    "centre": "center",
    "centres": "center",
    "hub": "hub",
    "hubs": "hub",
    "post": "post",
    "posts": "post",
}
# The words before such a place that say what forces do there (with the military ones: "naval logistics point").
SITE_MODIFIERS = {
    "test": "test",
    "testing": "test",
    "launch": "launch",
    "transit": "transit",
    "logistics": "logistics",
    "logistic": "logistics",
    "supply": "supply",
    "missile": "missile",
    "listening": "listening",
    "observation": "observation",
}
# Designations a state's forces write before a station's own name ("RAF Akrotiri", "Naval Support Activity Bahrain",
# "CFB Trenton"): the kind of site it is and the country whose forces name their stations so.
STATION_DESIGNATIONS = {
    "raf": ("air base", "United Kingdom"),
    "raaf base": ("air base", "Australia"),
    "cfb": ("base", "Canada"),
    "canadian forces base": ("base", "Canada"),
    "naval support activity": ("naval base", "United States"),
    "joint base": ("base", "United States"),
}
SELF_MILITARY_HEADS = frozenset({"air base", "airfield", "garrison", "outpost", "barracks", "radar", "cosmodrome"})
MILITARY_MODIFIERS = {
    "air": "air",
    "naval": "naval",
    "navy": "naval",
    "military": "military",
    "army": "military",
    "missile": "missile",
    "marine": "naval",
    "submarine": "naval",
    "logistics": "logistics",
    "logistic": "logistics",
    "supply": "logistics",
    "radar": "radar",
    "drone": "drone",
}
# Words before a base that say how forces use it ("a forward operating base", "the main operating base").
OPERATING_MODIFIERS = {"forward": "forward", "operating": "operating"}
# "base of operations", "support base", "power base": senses of "base" that are not installations.
NON_INSTALLATION_BEFORE = frozenset(
    """
    power support voter voters customer fan data knowledge tax industrial home political electoral donor
    user client rate population economic manufacturing asset capital
    """.split()
)
# ("a port town", "a garrison city": the town is what is named, its kind describes it)
NON_INSTALLATION_AFTER = frozenset(
    {"of", "rate", "rates", "line", "case", "salary", "pay", "camp", "areas", "town", "towns", "city", "cities"}
)

# Adjectives of nationality that name an operator or a location ("Russian bases", "Turkish troops").
# The adjectives of the continents and the polar regions ("the Arctic garrison", "its largest African base"): they
# say where a base or a thing lies, they name no place of their own.
CONTINENT_ADJECTIVES = frozenset("african european asian oceanian antarctic arctic".split())
# Continents and the polar regions with their adjectives: regions wider than a country, which place or own a base
# but name none.
CONTINENT_WORDS = CONTINENT_ADJECTIVES | frozenset("africa europe asia oceania antarctica".split())

DEMONYMS = {
    "afghan": "Afghanistan", "algerian": "Algeria", "american": "United States", "armenian": "Armenia",
    "australian": "Australia", "austrian": "Austria", "azerbaijani": "Azerbaijan", "bahraini": "Bahrain",
    "belarusian": "Belarus", "belgian": "Belgium", "brazilian": "Brazil", "british": "United Kingdom",
    "bulgarian": "Bulgaria", "canadian": "Canada", "chinese": "China", "cypriot": "Cyprus", "czech": "Czechia",
    "danish": "Denmark", "dutch": "Netherlands", "egyptian": "Egypt", "emirati": "United Arab Emirates",
    "estonian": "Estonia", "ethiopian": "Ethiopia", "finnish": "Finland", "french": "France",
    "georgian": "Georgia", "german": "Germany", "greek": "Greece", "hungarian": "Hungary", "indian": "India",
    "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel",
    "italian": "Italy", "japanese": "Japan", "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya",
    "korean": "Korea", "kurdish": "Kurdistan", "kuwaiti": "Kuwait", "latvian": "Latvia", "lebanese": "Lebanon",
    "libyan": "Libya", "lithuanian": "Lithuania", "malian": "Mali", "mexican": "Mexico", "moldovan": "Moldova",
    "moroccan": "Morocco", "nigerian": "Nigeria", "norwegian": "Norway", "omani": "Oman",
    "pakistani": "Pakistan", "palestinian": "Palestine", "polish": "Poland", "portuguese": "Portugal",
    "qatari": "Qatar", "romanian": "Romania", "russian": "Russia", "saudi": "Saudi Arabia", "serbian": "Serbia",
    "slovak": "Slovakia", "somali": "Somalia", "spanish": "Spain", "sudanese": "Sudan", "swedish": "Sweden",
    "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan", "tunisian": "Tunisia", "turkish": "Turkey",
    "ukrainian": "Ukraine", "uzbek": "Uzbekistan", "venezuelan": "Venezuela", "vietnamese": "Vietnam",
    "yemeni": "Yemen", "soviet": "Soviet Union", "us": "United States", "u.s.": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "nigerien": "Niger", "djiboutian": "Djibouti",
    "kyrgyz": "Kyrgyzstan", "tajik": "Tajikistan", "burkinabe": "Burkina Faso", "chadian": "Chad",
    "eritrean": "Eritrea", "albanian": "Albania", "argentine": "Argentina", "argentinian": "Argentina",
    "bangladeshi": "Bangladesh", "bosnian": "Bosnia and Herzegovina", "cameroonian": "Cameroon",
    "central african": "Central African Republic", "chilean": "Chile",
    "colombian": "Colombia", "congolese": "Congo", "croatian": "Croatia", "cuban": "Cuba", "ecuadorian": "Ecuador",
    "filipino": "Philippines", "philippine": "Philippines", "ghanaian": "Ghana", "hellenic": "Greece",
    "icelandic": "Iceland",
    "ivorian": "Ivory Coast", "kosovar": "Kosovo", "malaysian": "Malaysia", "mauritanian": "Mauritania",
    "mongolian": "Mongolia", "montenegrin": "Montenegro", "mozambican": "Mozambique", "nepali": "Nepal",
    "nepalese": "Nepal", "peruvian": "Peru", "rwandan": "Rwanda", "senegalese": "Senegal",
    "singaporean": "Singapore", "slovenian": "Slovenia", "sri lankan": "Sri Lanka", "tanzanian": "Tanzania",
    "thai": "Thailand", "turkmen": "Turkmenistan", "ugandan": "Uganda", "zambian": "Zambia",
    "zimbabwean": "Zimbabwe", "macedonian": "North Macedonia", "south korean": "South Korea",
    "north korean": "North Korea", "burmese": "Myanmar", "cambodian": "Cambodia", "bolivian": "Bolivia",
    "nicaraguan": "Nicaragua", "beninese": "Benin", "togolese": "Togo", "guinean": "Guinea",
    "gabonese": "Gabon", "maltese": "Malta", "gambian": "Gambia", "angolan": "Angola", "namibian": "Namibia",
    "liberian": "Liberia", "burundian": "Burundi", "comorian": "Comoros", "mauritian": "Mauritius",
    "malagasy": "Madagascar", "south sudanese": "South Sudan", "sierra leonean": "Sierra Leone",
    "south african": "South Africa",
}  # fmt: skip
# Country names that news English writes two ways; the key is the folded variant, the value its usual form.
COUNTRY_VARIANTS = {
    "turkiye": "Turkey", "united states of america": "United States", "usa": "United States",
    "america": "United States", "u.s.": "United States", "u.s": "United States", "us": "United States",
    "u.s.a.": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates", "ksa": "Saudi Arabia",
    # Official long forms, as state media and diplomatic texts write them.
    "russian federation": "Russia", "syrian arab republic": "Syria", "islamic republic of iran": "Iran",
    "republic of turkiye": "Turkey", "republic of turkey": "Turkey", "state of israel": "Israel",
    "arab republic of egypt": "Egypt", "hashemite kingdom of jordan": "Jordan",
    "kingdom of saudi arabia": "Saudi Arabia",
    "republic of iraq": "Iraq", "lebanese republic": "Lebanon", "state of qatar": "Qatar", "state of kuwait": "Kuwait",
    "sultanate of oman": "Oman", "kingdom of bahrain": "Bahrain", "people's republic of china": "China",
    "french republic": "France", "federal republic of germany": "Germany", "republic of azerbaijan": "Azerbaijan",
    "united kingdom of great britain and northern ireland": "United Kingdom", "republic of cyprus": "Cyprus",
    # Spellings translated wires take from French or German; no transliteration rule joins a name to a country's
    # (the store's `COUNTRY_KEYS`), so each is listed.
    "bahrein": "Bahrain", "irak": "Iraq", "katar": "Qatar", "kuweit": "Kuwait", "tadjikistan": "Tajikistan",
    "azerbaidjan": "Azerbaijan", "kirgizstan": "Kyrgyzstan", "tunesia": "Tunisia",
    # A state of the past, by its initials as history paragraphs write them.
    "ussr": "Soviet Union", "u.s.s.r.": "Soviet Union", "union of soviet socialist republics": "Soviet Union",
}  # fmt: skip
# Capitals that news English uses for their governments ("Moscow keeps warships at …").
CAPITALS = {
    "moscow": "Russia", "ankara": "Turkey", "washington": "United States", "tehran": "Iran", "damascus": "Syria",
    "beijing": "China", "london": "United Kingdom", "paris": "France", "berlin": "Germany", "kyiv": "Ukraine",
    "kiev": "Ukraine", "baghdad": "Iraq", "beirut": "Lebanon", "amman": "Jordan", "riyadh": "Saudi Arabia",
    "cairo": "Egypt", "doha": "Qatar", "abu dhabi": "United Arab Emirates", "baku": "Azerbaijan",
    "yerevan": "Armenia", "tbilisi": "Georgia", "minsk": "Belarus", "tripoli": "Libya", "rome": "Italy",
    "tokyo": "Japan", "seoul": "South Korea", "pyongyang": "North Korea", "islamabad": "Pakistan",
    "new delhi": "India", "kabul": "Afghanistan", "tashkent": "Uzbekistan", "bishkek": "Kyrgyzstan",
    "dushanbe": "Tajikistan", "astana": "Kazakhstan", "ashgabat": "Turkmenistan", "athens": "Greece",
    "madrid": "Spain", "lisbon": "Portugal", "warsaw": "Poland", "sofia": "Bulgaria", "bucharest": "Romania",
    "budapest": "Hungary", "prague": "Czechia", "vienna": "Austria", "brussels": "Belgium", "oslo": "Norway",
    "stockholm": "Sweden", "helsinki": "Finland", "copenhagen": "Denmark", "tallinn": "Estonia", "riga": "Latvia",
    "vilnius": "Lithuania", "nicosia": "Cyprus", "khartoum": "Sudan", "nairobi": "Kenya", "addis ababa": "Ethiopia",
    "mogadishu": "Somalia", "bamako": "Mali", "niamey": "Niger", "ouagadougou": "Burkina Faso",
    "algiers": "Algeria", "tunis": "Tunisia", "rabat": "Morocco", "sanaa": "Yemen", "muscat": "Oman",
    "manama": "Bahrain", "kuwait city": "Kuwait", "canberra": "Australia", "ottawa": "Canada", "manila": "Philippines",
    "hanoi": "Vietnam", "bangkok": "Thailand", "jakarta": "Indonesia", "belgrade": "Serbia", "tirana": "Albania",
    "chisinau": "Moldova", "abuja": "Nigeria", "asmara": "Eritrea", "n'djamena": "Chad", "djibouti": "Djibouti",
    "libreville": "Gabon", "dakar": "Senegal", "valletta": "Malta", "nouakchott": "Mauritania", "kigali": "Rwanda",
    "kampala": "Uganda", "luanda": "Angola", "pretoria": "South Africa", "maputo": "Mozambique", "accra": "Ghana",
    "yaounde": "Cameroon", "bangui": "Central African Republic", "kinshasa": "Congo", "juba": "South Sudan",
}  # fmt: skip
# Armed forces and state bodies whose names carry no country word, for the country they serve (a name that starts
# this way stands for it: "the People's Liberation Army Navy" is China's).
NATIONAL_FORCES = {
    "people's liberation army": "China", "pla": "China",
    "islamic revolutionary guard corps": "Iran", "irgc": "Iran", "revolutionary guards": "Iran",
    "quds force": "Iran", "pentagon": "United States", "kremlin": "Russia", "bundeswehr": "Germany",
    "tsahal": "Israel", "centcom": "United States", "africom": "United States", "eucom": "United States",
    "raf": "United Kingdom", "royal air force": "United Kingdom", "royal navy": "United Kingdom",
    "usaf": "United States", "idf": "Israel",
}  # fmt: skip
# The words of bodies' names that say what they are ("Qatar University", "the Institute for …", "the Foreign Ministry").
BODY_HEADS = frozenset(
    """
    university college institute institution center centre academy school ministry council agency commission committee
    command office department directorate authority foundation association union league party movement front group
    company corporation bank court forces army navy guard brigade division district organization organisation alliance
    """.split()
)
# Words before "after", "for" or "from" that say where a name comes from ("named after", "takes its name from"): the
# person or village written next is the name's origin, not a place or a site the text is about.
NAMING_WORDS = frozenset({"named", "renamed", "nicknamed", "name", "names"})

"""English word lists for article extraction: speech verbs, pronouns, titles, cue words.

Pure data. Another language adds a sibling module (lang_fr.py...) with the same names.
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "ACCORDING_TO",
    "FEMININE_PRONOUNS",
    "GENDERED_ROLES",
    "GENDER_HONORIFICS",
    "INSTITUTIONAL_WORDS",
    "INVERTED_VERBS",
    "JUNK_BYLINES",
    "MASCULINE_PRONOUNS",
    "MONTHS",
    "NAME_PARTICLES",
    "NOT_NAMES",
    "ORG_WORDS",
    "SPEECH_VERBS",
    "SUBJECT_PRONOUNS",
    "TITLES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report what a person said, wrote or thinks, in every form articles use.
# Extend here: each is matched as a whole word, optionally after an auxiliary ("has said").
SPEECH_VERBS: frozenset[str] = _words(
    """
    shout shouts shouted whisper whispers whispered recommend recommends recommended
    dismiss dismisses dismissed reject rejects rejected welcome welcomes welcomed
    criticized criticise criticises criticised blast blasts blasted accuse accuses accused
    promise promises promised pledge pledges pledged dub dubs dubbed criticize criticizes
    call calls called instruct instructs instructed condemn condemns condemned vow vows vowed
    adding arguing warning noting writing estimating explaining stating testifying insisting
    asking replying claiming acknowledging admitting suggesting cautioning urging declaring
    complaining conceding describing predicting recalling
    acknowledge acknowledged acknowledges add added adds admit admits admitted agree agreed
    agrees announce announced announces answer answered answers argue argued argues ask
    asked asks assert asserted asserts believe believed believes calculate calculated
    calculates caution cautioned cautions claim claimed claims comment commented comments
    complain complained complains concede conceded concedes conclude concluded concludes
    confirm confirmed confirms contend contended contends continue continued continues
    counter countered counters declare declared declares denied denies deny describe
    described describes disagree disagreed disagrees emphasise emphasised emphasises
    emphasize emphasized emphasizes estimate estimated estimates explain explained explains
    insist insisted insists joke joked jokes maintain maintained maintains muse mused muses
    note noted notes observe observed observes point pointed points predict predicted
    predicts recall recalled recalls recount recounted recounts remark remarked remarks
    replied replies reply report reported reports respond responded responds reveal revealed
    reveals said say saying says state stated states stress stressed stresses suggest
    suggested suggests tell telling tells testified testifies testify think thinks thought
    told tweet tweeted tweets urge urged urges warn warned warns wonder wondered wonders
    write writes wrote
    """
)

# Verbs that may come before the speaker ("..., said Anna Berg"); transitive ones like
# "told" never do, since what follows them is the listener.
INVERTED_VERBS = _words(
    "said says added adds wrote writes noted notes explained explains argued argues warned"
    " warns insisted insists recalled recalls replied replies asked asks continued continues"
    " recounted recounts instructed shouted whispered observed observes remarked remarks"
    " concluded concludes conceded concedes countered counters stated states testified"
)

ACCORDING_TO = "according to"

FEMININE_PRONOUNS = _words("she her hers herself")
MASCULINE_PRONOUNS = _words("he him his himself")
# Pronouns that can be the subject of a speech verb ("she said"), as written.
SUBJECT_PRONOUNS = _words("he she He She")

# Titles stripped from a name into `honorific` (compared lower-cased, without the dot).
TITLES: frozenset[str] = _words(
    """
    cllr councillor councilor alderman
    ceo cfo coo cto cmdr
    leader superintendent prosecutor attorney commander deputy
    adm admiral ambassador archbishop bishop brother capt captain cardinal chairman
    chairwoman chancellor chief coach col commissioner dame detective director dr father
    former gen general gov governor imam inspector judge justice king lady lord lt maj major
    mayor minister miss mp mr mrs ms mx officer pm pope president prince princess prof
    professor queen rabbi rep representative rev reverend sec secretary sen senator sgt
    sheikh sir sister speaker supt vice
    """
)

# Honorifics and role nouns that carry gender evidence (the gender engine decides what they
# mean; these are only the words worth keeping as cues).
GENDER_HONORIFICS: frozenset[str] = _words(
    """
    brother dame father king lady lord miss mr mrs ms prince princess queen sir sister
    """
)
GENDERED_ROLES: frozenset[str] = _words(
    """
    actor actress aunt baron baroness boy brother businessman businesswoman chairman
    chairwoman congressman congresswoman councilman councilwoman count countess daughter
    duchess duke father girl grandfather grandmother hero heroine husband king lady lord man
    mother nephew niece policeman policewoman prince princess queen sister son spokesman
    spokeswoman sportsman sportswoman uncle waitress widow widower wife woman
    """
)

NAME_PARTICLES: frozenset[str] = _words(
    """
    al bin da das de del della den der di dos du el la le st. ten ter van von y
    """
)

# Words that make a capitalised run an organisation or a place, never a person.
ORG_WORDS: frozenset[str] = _words(
    """
    survey u.s u.k u.n e.u
    co prosecution public
    edison twitter facebook google amazon apple microsoft instagram youtube
    republicans democrat democratic conservative conservatives labour liberal liberals islamists
    communications insurance securities investments ventures nation operation republican
    energy health airlines motors technologies systems solutions labs studios entertainment
    rights clinic statehouse capitol market markets finance research day travel tourism foods
    abc academy administration afp agency airport alliance army associated association
    authority avenue bank bbc beach bloomberg board bureau cabinet capital cbs center centre
    church city club cnn coalition coast college commission committee company conference
    congress corp corporation council county court democrats department east eastern embassy
    exchange fed federal federation festival firm force forces foundation fox fund
    government group guardian harbor harbour herald holdings hospital house inc industries
    institute institution international island islands journal kingdom laboratory league llc
    ltd magazine ministries ministry museum national nations navy nbc network news north
    northern ocean office organisation organization parliament partners party plc police
    post press program programme project republic republicans reserve reuters river road
    school sea senate service services society south southern state states station street
    summit team telegraph times treaty tribune trust union united university west western
    white
    """
)

# Capitalised words that start sentences or name days and months, never part of a name.
NOT_NAMES: frozenset[str] = _words(
    """
    polish irish scottish welsh brazilian muslim jewish catholic indian japanese korean
    ukrainian turkish egyptian saudi swedish dutch italian spanish tunisian iranian iraqi
    afghan european african asian australian canadian mexican american british english
    french german russian chinese syrian israeli palestinian upon via per dear please thanks
    yes ok well oh los las san new both once soon thus indeed perhaps often never always
    again under over through within a according added after afterward afterwards all also
    although among an and another as asked at because before between but by christmas covid
    despite during each earlier easter even every few first for friday from god he her here
    his how however i if in instead it its just last later like many meanwhile monday more
    most much my next no nor not now of on one only or other our said saturday says she
    since so some still such sunday that the their then there these they this those though
    three thursday to today told tomorrow tuesday two unless unlike until we wednesday what
    whatever when whenever where which while who whom whose why with without yesterday yet
    you your
    """
)

# Month names: never part of a name when a number follows ("May 20"), else maybe a name.
MONTHS = _words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)

# Bylines that name no person (institutional or unsigned), compared on lower-cased words.
INSTITUTIONAL_WORDS: frozenset[str] = _words(
    """
    agencies agency analysis associated board bureau contributor contributors correspondent
    correspondents desk digital editor editorial editorials editors media news newsroom
    online opinion press reporter reporters reuters service services staff team view views
    wire wires writers
    """
)
JUNK_BYLINES: frozenset[str] = _words(
    """
    admin administrator anonymous author by editor guest none null root unknown user
    username webmaster
    """
)

# Abbreviations whose final dot does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS: frozenset[str] = _words(
    """
    a.m adm approx apr aug capt co col corp d.c dec dept dr e.g e.u est etc feb fig ft gen
    gov i.e inc jan jr jul jun lt ltd maj mar mr mrs ms mt no nos nov oct p.m prof rep rev
    sen sep sept sgt sr st u.k u.n u.s vs
    """
)

"""English word lists for article extraction: speech verbs, pronouns, titles, cue words.

Pure data. Another language adds a sibling module (lang_fr.py...) with the same names.
"""

from __future__ import annotations

import re

from scrapers.article.endings import Ending

__all__ = [
    "ABBREVIATIONS",
    "ACCORDING_TO",
    "ACTION_BEFORE_TO",
    "BYLINE_ROLE_WORDS",
    "CLAUSE_VERBS",
    "DEMONYMS",
    "FEMININE_PRONOUNS",
    "FEMININE_WORDS",
    "GENDERED_ROLES",
    "GENDER_HONORIFICS",
    "INSTITUTIONAL_WORDS",
    "INVERTED_VERBS",
    "JUNK_BYLINES",
    "LEADING_ROLES",
    "MASCULINE_PRONOUNS",
    "MASCULINE_WORDS",
    "MONTHS",
    "NAME_PARTICLES",
    "NOT_NAMES",
    "ORG_NOUNS",
    "ORG_WORDS",
    "OTHER_PERSON_NOUNS",
    "REPORTING_PARTICIPLES",
    "RESEARCH_NOUNS",
    "RESEARCH_VERBS",
    "ROLE_NOUNS",
    "SPEECH_PHRASES",
    "SPEECH_VERBS",
    "SUBJECT_PRONOUNS",
    "SURNAME_NOUNS",
    "SURNAME_TITLES",
    "TITLES",
    "TITLE_BEFORE",
    "TITLE_BEFORE_RE",
    "TITLE_ROLES",
    "TITLE_WORDS",
    "WORDS_OF",
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
    complaining conceding describing predicting recalling tout touts touted touting
    signal signals signaled signalled hinted hints indicated indicates
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
    quip quips quipped boast boasts boasted lament laments lamented speculate speculates
    speculated reckon reckons reckoned advised exclaim exclaims exclaimed
    question questions questioned dispute disputes disputed allege alleges alleged demand
    demands demanded blame blames blamed praise praises praised propose proposes proposed
    forecast forecasts reiterate reiterates reiterated retort retorts retorted mention
    mentions mentioned clarify clarifies clarified elaborate elaborates elaborated
    """
)
# Multi-word speech verbs ("Calderón fired back", "X weighed in on Twitter").
SPEECH_PHRASES: frozenset[str] = frozenset(
    {"fired back", "fires back", "hit back", "hits back", "shot back", "pushed back"}
    | {"weighed in", "weighs in", "chimed in", "spoke out", "speaks out", "pointed out"}
)

# Verbs that may come before the speaker ("..., said Anna Berg"); transitive ones like
# "told" never do, since what follows them is the listener.
INVERTED_VERBS = _words(
    "said says added adds wrote writes noted notes explained explains argued argues warned"
    " warns insisted insists recalled recalls replied replies asked asks continued continues"
    " recounted recounts instructed shouted whispered observed observes remarked remarks"
    " concluded concludes conceded concedes countered counters stated states testified"
    " declared declares acknowledged admitted cautioned complained responded joked tweeted"
    " suggested stressed predicted agreed asserted claimed announced mused"
)
# Participles that report what the subject of the sentence said, after other words: "X deflected
# questions before saying, “...”", "X hit back, adding that...".
REPORTING_PARTICIPLES = _words(
    "saying adding noting arguing warning writing explaining insisting declaring telling stating"
    " calling describing dubbing branding labeling labelling accusing"
)

# Speech verbs that report an action when "to" and a verb follow ("agreed to sell").
ACTION_BEFORE_TO = _words("agree agreed agrees continue continued continues")

ACCORDING_TO = "according to"
# A quote right after these is the title of a work, not someone's words ('their book "Overload"').
TITLE_WORDS = (
    "book", "books", "film", "movie", "report", "paper", "article", "essay", "column", "novel",
    "memoir", "song", "album", "show", "series", "documentary", "podcast", "headline", "play",
    "poem", "titled", "entitled",
)  # fmt: skip
TITLE_BEFORE_RE = re.compile(r"\b(?:" + "|".join(TITLE_WORDS) + r")\s*$", re.IGNORECASE)
# The same, matched once on the reversed text before the quote instead of searched from every
# place of it (issue 12: extraction cost); test_article_attribution_speed checks both agree.
TITLE_BEFORE = Ending(
    TITLE_BEFORE_RE.pattern,
    r"\s*(?:" + "|".join(word[::-1] for word in TITLE_WORDS) + r")\b",
    re.IGNORECASE,
)
WORDS_OF = "in the words of"  # "In the words of X, “...”"

# Verbs after which "her"/"his" most likely belongs to the speaker ("X said her members...");
# transitive verbs ("told her", "asked him") are left out: there the pronoun is the listener.
CLAUSE_VERBS = _words(
    "said says added adds noted notes argued argues explained explains insisted insists wrote"
    " writes stressed stresses recalled recalls acknowledged acknowledges conceded concedes"
)

# Reported findings, only when "that" follows ("X found that...", issue 5: with precision).
# "written" too: "X has written that..." reports a view, "X had written the letter" does not.
RESEARCH_VERBS = _words(
    "found finds shown showed shows demonstrated demonstrates documented written"
)
# "a study by X found...", "X's research shows...": the work that carries a person's finding.
RESEARCH_NOUNS = _words(
    "study studies research report review analysis paper survey book work poll findings data"
    " modelling modeling estimates experiment experiments trial"
)

# Role nouns that may stand for a person already named ("the senator added"); resolved only
# when one person named so far carries the noun. "official" and "source" are left out: in
# news they are anonymous far more often than not.
ROLE_NOUNS: frozenset[str] = _words(
    """
    adviser advisor activist ambassador analyst anthropologist archaeologist architect
    attorney author biologist bishop campaigner candidate captain ceo chair chairman
    chairwoman chancellor chemist chief coach columnist commander commissioner congressman
    congresswoman conservator councillor councilman councilwoman councilor critic curator
    dean delegate diplomat director doctor economist editor engineer envoy epidemiologist
    executive expert farmer founder general geologist governor historian hydrologist
    investor judge justice lawmaker lawyer leader legislator manager mayor member
    meteorologist minister neurologist novelist nurse owner parent pastor philosopher
    physician physicist pollster president priest principal professor prosecutor
    psychiatrist psychologist rabbi representative researcher scientist secretary senator
    sheriff sociologist spokesman spokesperson spokeswoman strategist superintendent surgeon
    teacher treasurer veteran virologist
    anchor columnist comedian commentator correspondent counsel host journalist organiser
    organizer pundit reporter singer
    """
)
# Abbreviated titles and the role noun they stand for ("Sen. X" ... "the senator said").
TITLE_ROLES: dict[str, str] = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "prof": "professor",
    "dr": "doctor",
    "supt": "superintendent",
    "cllr": "councillor",
    "gen": "general",
    "capt": "captain",
    "sec": "secretary",
    "amb": "ambassador",
}
# Capitalised role words opening a sentence before a name ("Parent Jordan Ellis said"):
# stripped only at the start of a name, since several are also surnames (Farmer, Parent).
LEADING_ROLES: frozenset[str] = _words(
    """
    activist analyst economist farmer historian lawyer nurse parent researcher resident
    scientist shopkeeper spokesman spokesperson spokeswoman strategist student teacher
    veteran voter worker
    """
)
# Titles that are also common surnames: the last word of "Claudia Major" or "John King" is a
# surname, while "Major Tom" or "King Charles" keep it as a title.
SURNAME_TITLES: frozenset[str] = _words("major king bishop prince judge dean")
# Organisation words that are also common English family names (Cornel West, Rebecca White,
# Tony Hall, Margaret Court, Frank Church): after a known given name they end a person's name.
SURNAME_NOUNS: frozenset[str] = _words(
    "bank banks beach church court cross east fox hall house king north post press river rivers"
    " south street west white"
)

FEMININE_PRONOUNS = _words("she her hers herself")
MASCULINE_PRONOUNS = _words("he him his himself")
# Pronouns that can be the subject of a speech verb ("she said"), as written.
SUBJECT_PRONOUNS = _words("he she He She")

# Titles stripped from a name into `honorific` (compared lower-cased, without the dot).
TITLES: frozenset[str] = _words(
    """
    cllr councillor councilor alderman adviser advisor envoy
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

# Unnamed people a pronoun may refer to instead of the person a sentence is about.
OTHER_PERSON_NOUNS: frozenset[str] = _words(
    """
    assistant attorney coach doctor employee lawyer nurse student teacher
    aide boy boyfriend boss brother child client colleague customer dad daughter father
    friend girl girlfriend grandfather grandmother husband man manager men mother mum
    neighbor neighbour nephew niece official officer partner patient relative sister son
    spokesman spokesperson spokeswoman spouse uncle aunt wife woman women
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

# Honorifics and role nouns of one grammatical gender: a "he" never refers to someone already
# called "Mrs." or "spokeswoman" (used to resolve pronouns only; app/gender labels people).
FEMININE_WORDS: frozenset[str] = _words(
    """
    mrs ms miss lady dame madam queen princess duchess baroness countess actress waitress
    chairwoman congresswoman councilwoman businesswoman spokeswoman policewoman sportswoman
    sister mother daughter wife widow aunt niece grandmother girl woman heroine
    """
)
MASCULINE_WORDS: frozenset[str] = _words(
    """
    mr sir lord king prince duke baron count actor chairman congressman councilman
    businessman spokesman policeman sportsman brother father son husband widower uncle
    nephew grandfather boy man hero
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
    twitter facebook google amazon apple microsoft instagram youtube
    republicans democrat democratic conservative conservatives labour liberal liberals
    communications insurance securities investments ventures nation operation republican
    energy health airlines motors technologies systems solutions labs studios entertainment
    safety care
    rights clinic capitol market markets finance research day travel tourism foods
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

# Common nouns for an institution speaking as one ("the ministry said", "the company added"):
# quoted organisations are counted apart from people (issue 12).
ORG_NOUNS: frozenset[str] = _words(
    """
    administration agency army association authority bank board campaign charity club
    coalition commission committee company council court department embassy federation firm
    foundation government group hospital institute league ministry network newspaper office
    organisation organization party police regulator school service union university
    """
)

# Adjectives of nations, regions and faiths ("Swedish Prosecution Authority", "Iranian Foreign
# Minister X"): a general list of the world's demonyms (not those that are also common given
# names: Christian, Sri), never part of a personal name.
DEMONYMS: frozenset[str] = _words(
    """
    afghan albanian algerian american andorran angolan argentine argentinian armenian
    australian austrian azerbaijani bahamian bahraini bangladeshi barbadian belarusian
    belgian belizean beninese bhutanese bolivian bosnian botswanan brazilian british
    bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian
    chilean chinese colombian congolese croatian cuban cypriot czech danish djiboutian
    dominican dutch ecuadorian egyptian emirati english eritrean estonian ethiopian fijian
    filipino finnish french gabonese gambian georgian german ghanaian greek grenadian
    guatemalan guinean guyanese haitian honduran hungarian icelandic indian indonesian
    iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan
    korean kosovar kuwaiti kyrgyz lao latvian lebanese liberian libyan lithuanian
    luxembourgish macedonian malagasy malawian malaysian maldivian malian maltese
    mauritanian mauritian mexican moldovan mongolian montenegrin moroccan mozambican
    namibian nepalese nicaraguan nigerian nigerien norwegian omani pakistani palestinian
    panamanian paraguayan peruvian polish portuguese qatari romanian russian rwandan saudi
    scottish senegalese serbian singaporean slovak slovenian somali south-african spanish
    lankan sudanese surinamese swazi swedish swiss syrian taiwanese tajik tanzanian
    thai togolese tongan trinidadian tunisian turkish turkmen ugandan ukrainian uruguayan
    uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
    african american arab asian caribbean european latin middle nordic scandinavian
    muslim jewish catholic protestant orthodox hindu buddhist sikh
    """
)

# Capitalised words that start sentences or name days and months, never part of a name.
NOT_NAMES: frozenset[str] = DEMONYMS | _words(
    """
    upon via per dear please thanks
    yes ok well oh los las san new both once soon thus indeed perhaps often never always
    besides had has have was were is are did does would could should must might whether
    amid beyond behind across around against along except moreover nevertheless
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
# Words opening a job title after a byline name ("Priya Raman, Senior Economics Correspondent").
BYLINE_ROLE_WORDS: frozenset[str] = _words(
    """
    assistant associate business chief climate contributing culture deputy economics
    education environment executive foreign health international investigative legal
    managing national political science senior special sports technology
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

"""Person, organisation or placeholder: decided from evidence, each decision with its reason.

Evidence, strongest first:
- placeholder phrases in the languages agendas are written in (TBA, N.N., "Alle", "Tous",
  "Various speakers"): not names at all, so left out of lineups;
- organisation shapes: a legal-form suffix ("GmbH", "Ltd"), a word that names a group ("Team",
  "Committee", "Foundation", "Project"), a head noun with "of"/"for" ("Institute of ...");
- the name data: a first word known as a given name in any country (gender-guesser's
  nam_dict.txt, read in place from the installed package) makes a person, so a surname that is
  also a noun ("Tony Hall", "Margaret Court", "Rachel House") never turns a person into a place;
- what the record says: a speaker record of an agenda system is a person unless the above says
  otherwise; free text needs a name-like shape in its script.

Pure and cached; never imports app.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from anyascii import anyascii

__all__ = [
    "ORGANISATION",
    "PERSON",
    "PLACEHOLDER",
    "Verdict",
    "classify",
    "known_given_name",
    "placeholder_reason",
]

PERSON: Literal["person"] = "person"
ORGANISATION: Literal["organisation"] = "organisation"
PLACEHOLDER: Literal["placeholder"] = "placeholder"
Kind = Literal["person", "organisation", "placeholder"]

# Not a name at all: "to be announced" and "everyone" in the languages agendas are written in.
PLACEHOLDER_TEXT = """
    tba tbd tbc tbn n.n. n.n nn n/a ? ?? ??? - --
    to be announced | to be confirmed | to be determined | to be decided | to be named
    speaker tba | speaker tbd | speakers tba | speaker to be announced | guest tba
    announced soon | coming soon | more soon | stay tuned | surprise guest | mystery guest
    all | everyone | everybody | all participants | all speakers | all attendees | all delegates
    all panelists | all panellists | the audience | audience | you | vous | ustedes | вы
    the public | public
    open discussion | participants | speakers | panelists | panellists | attendees | various
    various speakers | various presenters | various artists | several speakers | multiple speakers
    anonymous | unknown | someone | somebody | nobody | none | null
    alle | alle teilnehmenden | alle teilnehmer | alle teilnehmer*innen | alle referenten
    verschiedene | verschiedene redner | verschiedene referenten | verschiedene sprecher
    diverse | diverse referenten | wird bekannt gegeben | folgt | noch offen | offen
    tous | tout le monde | tous les participants | tous les intervenants | divers intervenants
    intervenants | à confirmer | a confirmer | à venir | a venir | à définir | à préciser
    todos | todas | todos los participantes | varios ponentes | varios oradores | por confirmar
    por definir | a confirmar | ponentes | tutti | tutti i partecipanti | vari relatori
    da definire | da confermare | relatori | все | все участники | участники | спикеры
    уточняется | будет объявлено | всі | всі учасники | учасники | спікери | уточнюється
"""
PLACEHOLDERS = frozenset(
    item.strip()
    for line in PLACEHOLDER_TEXT.strip().splitlines()
    for item in (line.split("|") if "|" in line else line.split())
    if item.strip()
)
PLACEHOLDER_RE = re.compile(
    r"^(?:(?:speaker|speakers|moderator|chair|panell?ists?|guest|keynote|referent(?:in)?"
    r"|intervenant|ponente|relatore|спикер|спікер)\s*[:(\[-]?\s*)?"
    r"(?:tba|tbd|tbc|n\.\s?n\.?|to be (?:announced|confirmed|determined)|à confirmer)[)\]]?$"
)
# Legal forms at the end of a name: a company, never a person.
LEGAL_FORMS_TEXT = """
    gmbh ggmbh ag e.v. ev e.g. eg kg ohg ug inc inc. incorporated ltd ltd. limited llc llp plc
    corp corp. corporation co co. company s.a. sa s.a.s sas sarl s.a.r.l. srl s.r.l. spa s.p.a.
    bv b.v. nv n.v. oy ab a/s as pty pvt ооо оао зао пао тов ат
"""
LEGAL_FORMS = frozenset(LEGAL_FORMS_TEXT.split())
# Words that name a group or an institution, almost never a surname.
GROUP_WORDS_TEXT = """
    team teams crew committee navy army police forces marines organisers organizers organising
    organizing orga volunteers staff foundation institute institut university universität
    universite université universidad università universidade association society collective
    community communities consortium alliance initiative project network group club hackerspace
    verein stiftung gesellschaft ministry ministerium ministère ministerio department agency
    council coalition federation union league chamber secretariat directorate commission embassy
    government parliament corporation company companies sponsors sponsor partners organisation
    organization organisations organizations dialogue dialogo diálogo cooperative
    redaktion editorial kollektiv gruppe arbeitsgruppe bündnis netzwerk freundeskreis chaostreff
    équipe equipe collectif groupe equipo colectivo grupo squadra gruppo collettivo redazione
    группа сообщество редакция коллектив група спільнота редакція колектив collaborative
    taskforce working-group lab labs laboratory school college academy akademie hochschule
    fondation asociación associazione fondazione associação центр институт университет команда
    организаторы комитет фонд асоціація команда університет
"""
GROUP_WORDS = frozenset(GROUP_WORDS_TEXT.split())
# Words that name a place or a product as often as they end a surname (Hall, Court, House):
# an organisation only when the first word is not a known given name.
PLACE_WORDS_TEXT = """
    hall house court bank press trust center centre hotel room rooms studio studios news media
    times journal radio tv library museum theatre theater auditorium campus systems solutions
    technologies software ventures capital partners online livestream webinar conference summit
    forum symposium workshop office board service services bureau authority hospital clinic
    church street square tower park
"""
PLACE_WORDS = frozenset(PLACE_WORDS_TEXT.split())
HEAD_OF_RE = re.compile(
    r"^(?:the\s+)?(?:\w+\s+)?(?:institute|university|ministry|department|centre|center|council"
    r"|office|school|academy|association|society|federation|foundation|bank|college|museum"
    r"|embassy|agency|commission|league|union|chamber|friends|people|board|house|court|school"
    r"|bureau|office|network|alliance)\s+(?:of|for|on)\b"
)
WEBSITE_RE = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|info|io|eu|de|fr|at|ch|nl|uk|it|es|ru|ua|pl|be)\b"
)
PATRONYMIC_RE = re.compile(r"(?:ovich|evich|ovna|evna|ichna|ович|евич|овна|евна|ична|івна|йович)$")
NAME_DATA_MIN_LEN = 2
WORD_RE = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a string names, and the evidence that decided it."""

    kind: Kind
    reason: str
    strong: bool = True  # False when only a name-like shape speaks for a person


@functools.cache
def _given_names() -> frozenset[str]:
    """Given names of gender-guesser's nam_dict.txt (all countries), lower-case ASCII."""
    source = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names: set[str] = set()
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if line[:1] in "#=" or len(line) < 30:
                continue
            raw = line[3:30].strip()
            for part in raw.replace("+", " ").replace("-", " ").split():
                key = _ascii_key(part)
                if len(key) >= NAME_DATA_MIN_LEN:
                    names.add(key)
    return frozenset(names)


def _ascii_key(word: str) -> str:
    if word.isascii():  # most names: no transliteration needed
        return word.casefold().strip(".'")
    return anyascii(unicodedata.normalize("NFC", word)).casefold().strip(".'’")


def known_given_name(word: str) -> bool:
    """Tell whether a word is a given name known to the name data of any country."""
    return _ascii_key(word) in _given_names()


def placeholder_reason(text: str) -> str | None:
    """The reason a string is a placeholder (TBA, "Alle", "Various speakers"), or None."""
    lowered = " ".join(text.casefold().split()).strip(" .!:;,*()[]")
    if not lowered or (not any(ch.isalnum() for ch in lowered) and lowered not in PLACEHOLDERS):
        return "placeholder: no letters, so no name"
    parts = [p.strip() for p in re.split(r"\s[/|]\s", lowered)]  # "Vous / You", bilingual
    if all(p in PLACEHOLDERS or PLACEHOLDER_RE.match(p) for p in parts):
        return f"placeholder: {text.strip()!r} stands for no one in particular"
    return None


def _organisation_reason(words: list[str], lowered: str, first_is_name: bool) -> str | None:
    if words and words[-1].casefold() in LEGAL_FORMS and len(words) > 1:
        return f"organisation: legal-form suffix {words[-1]!r}"
    for word in words:
        folded = word.casefold().strip(".'’")
        if folded in GROUP_WORDS:
            return f"organisation: {word!r} names a group or an institution"
    site = WEBSITE_RE.search(re.sub(r"\([^()]*\)", "", lowered))  # not '(example.org)'
    if site is not None:
        return f"organisation: {site.group(0)!r} is a website's name"
    if HEAD_OF_RE.match(lowered):
        return "organisation: an institution's name ('... of ...')"
    if first_is_name:
        return None
    for word in words:
        if word.casefold() in PLACE_WORDS:
            return f"organisation: {word!r} names a place or a firm and no given name starts it"
    return None


@functools.lru_cache(maxsize=65536)
def classify(name: str, *, record: bool = True) -> Verdict:
    """Decide whether `name` names a person, an organisation or no one (a placeholder).

    `record` says the string is a speaker record of an agenda system (a person unless strong
    evidence says otherwise); free text (`record=False`) also needs a name-like shape.
    """
    reason = placeholder_reason(name)
    if reason is not None:
        return Verdict(PLACEHOLDER, reason)
    words = WORD_RE.findall(name)
    lowered = " ".join(name.casefold().split())
    first_is_name = bool(words) and known_given_name(words[0])
    reason = _organisation_reason(words, lowered, first_is_name)
    if reason is not None:
        return Verdict(ORGANISATION, reason)
    if first_is_name:
        return Verdict(PERSON, f"person: {words[0]!r} is a given name in the name data")
    given = next((w for w in words[1:] if known_given_name(w)), None)
    if given is not None and len(words) >= 2:  # surname first, or a title word before the name
        return Verdict(PERSON, f"person: {given!r} is a given name in the name data", strong=False)
    if record:
        return Verdict(PERSON, "person: a speaker record of the agenda, nothing says otherwise")
    if _name_shaped(words):
        return Verdict(PERSON, "person: shaped like a personal name in its script", strong=False)
    return Verdict(ORGANISATION, "not a person: no given name known to the name data")


def _name_shaped(words: list[str]) -> bool:
    """2-4 capitalised words in any script (initials allowed), or one word and a Slavic
    patronymic ('Ivanovich', 'Петровна'): the name data does not know every given name."""
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return any(PATRONYMIC_RE.search(w) for w in words) or len(words[-1].strip(".")) > 1

"""Honorific and role-noun evidence: "Ms", "Frau", "Sir", "spokeswoman", "chairman".

Pure. Honorifics are near-certain about how a person is addressed; "-man" role nouns are often
used for everyone ("chairman"), so they weigh far less than "-woman" ones.
"""

from __future__ import annotations

import re
from typing import Final

from app.gender.evidence import Evidence, new_evidence
from app.gender.labels import Label

__all__ = ["HONORIFIC_LR", "honorific_evidence", "role_noun_evidence"]

HONORIFIC_LR: Final = 50.0  # an honorific used for a person is wrong about 1 time in 50 at most
WOMAN_ROLE_LR: Final = 30.0
MAN_ROLE_LR: Final = 3.0  # "chairman", "spokesman" are still said of women
FEMALE_HONORIFICS: Final = frozenset(
    [
        "ms",
        "mrs",
        "miss",
        "madam",
        "madame",
        "mme",
        "mlle",
        "dame",
        "lady",
        "baroness",
        "countess",
        "duchess",
        "frau",
        "fru",
        "fr",
        "sra",
        "srta",
        "senora",
        "senorita",
        "signora",
        "sig.ra",
        "dona",
        "donna",
        "pani",
        "gospozha",
        "sayyida",
        "begum",
        "smt",
        "นาง",
        "นางสาว",
        "คุณหญิง",
        "ท่านผู้หญิง",
        "หญิง",
        "hj",
        "hjh",
        "hajjah",
        "datin",
        "puan",
        "kumari",
        "dra",
        "adi",
        "ep",
        "epse",
        "epouse",
        "nee",
        "geb",
        "geborene",
        "shrimati",
        "mevrouw",
        "mevr",
        "mw",
        "sister",
        "queen",
        "princess",
        "empress",
    ]
)
MALE_HONORIFICS: Final = frozenset(
    [
        "mr",
        "mister",
        "sir",
        "lord",
        "baron",
        "count",
        "duke",
        "m",
        "monsieur",
        "herr",
        "hr",
        "sr",
        "senor",
        "signor",
        "sig",
        "don",
        "pan",
        "gospodin",
        "sayyid",
        "shri",
        "นาย",
        "encik",
        "ratu",
        "sri",
        "meneer",
        "dhr",
        "brother",
        "king",
        "prince",
        "emperor",
    ]
)
FEMALE_ROLE: Final = re.compile(
    r"^(?:chair|spokes|congress|business|sales|council|alders|anchor|police|fire|camera|"
    r"news|country|states|committee|assembly|front|crafts|sports|horse)?(?:woman|women)$|"
    r"^(?:actress|hostess|waitress|heiress|duchess|princess|queen|empress|stewardess|"
    r"businesswoman|mother|daughter|sister|wife|grandmother|aunt|niece|girl|lady)$"
)
MALE_ROLE: Final = re.compile(
    r"^(?:chair|spokes|congress|business|sales|council|alders|anchor|police|fire|camera|"
    r"news|country|states|committee|assembly|front|crafts|sports|horse)(?:man|men)$|"
    r"^(?:father|son|brother|husband|grandfather|uncle|nephew|boy|king|emperor|duke|prince)$"
)
STRONG_MALE_ROLE: Final = frozenset(
    [
        "father",
        "son",
        "brother",
        "husband",
        "grandfather",
        "uncle",
        "nephew",
        "boy",
        "king",
        "emperor",
        "duke",
        "prince",
    ]
)


def _norm(word: str) -> str:
    return word.strip().lower().rstrip(".").replace("ñ", "n").replace("ñ", "n")


def honorific_evidence(word: str) -> Evidence | None:
    """Evidence from one honorific ("Ms.", "Herr"); None for neutral ones ("Dr", "Prof")."""
    key = _norm(word)
    if key in FEMALE_HONORIFICS:
        label = Label.WOMAN
    elif key in MALE_HONORIFICS:
        label = Label.MAN
    else:
        return None
    value = word.strip()
    return new_evidence("honorific", value, label, HONORIFIC_LR, f"addressed as '{value}'")


def role_noun_evidence(word: str) -> Evidence | None:
    """Evidence from one role noun ("spokeswoman" strong, "chairman" weak); None otherwise."""
    key = _norm(word)
    if FEMALE_ROLE.match(key):
        label, weight = Label.WOMAN, WOMAN_ROLE_LR
    elif MALE_ROLE.match(key):
        label = Label.MAN
        weight = WOMAN_ROLE_LR if key in STRONG_MALE_ROLE else MAN_ROLE_LR
    else:
        return None
    value = word.strip()
    return new_evidence("role_noun", value, label, weight, f"described as '{value}'")

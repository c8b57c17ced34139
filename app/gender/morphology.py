"""Surname morphology: gendered surname endings (Slavic, Baltic, Icelandic, Turkic, Greek).

Pure. Each rule carries the likelihood ratio it earns; bench/gender_accuracy.py prints each rule's
measured precision on the gold sets, and the ratios here are set at or below what it shows.
Polish -ski/-ska weigh little: outside Poland (US Congress) the forms are used across genders.
Rules test the lowercase ASCII surname (anyascii folds "-ienė" to "-iene"). Unisex endings
(South Slavic -ić, Swedish -sson, Russian surnames in -ovich, Turkish -oğlu) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from app.gender.evidence import Evidence
from app.gender.labels import Label
from app.gender.nameform import PATRONYMIC_FEMALE, PATRONYMIC_MALE

__all__ = [
    "RULES",
    "RULE_TAILS",
    "SurnameRule",
    "matching_rule",
    "overruled",
    "patronymic_evidence",
    "surname_evidence",
    "vietnamese_evidence",
]


@dataclass(frozen=True, slots=True)
class SurnameRule:
    """One ending: the pattern, who it points to, its likelihood ratio and where it comes from."""

    name: str
    pattern: re.Pattern[str]
    label: Label
    ratio: float
    origin: str
    tails: frozenset[str]  # the last two letters of its endings (a test derives them)
    detail: str  # the evidence's wording, the same for every surname it fits


def _rule(
    name: str, regex: str, label: Label, ratio: float, origin: str, tails: str
) -> SurnameRule:
    detail = f"surname ending {name} ({origin}) points to a {label}"
    return SurnameRule(
        name, re.compile(regex), label, ratio, origin, frozenset(tails.split()), detail
    )


W: Final = Label.WOMAN
M: Final = Label.MAN
# Order matters: the first matching rule speaks. Long, specific endings come first.
RULES: Final[tuple[SurnameRule, ...]] = (
    _rule("-dottir", r"dott?ir$", W, 200.0, "Icelandic patronymic", "ir"),
    _rule("-iene/-aite/-yte", r"(?:iene|aite|yte|ute)$", W, 100.0, "Lithuanian", "ne te"),
    _rule("-qizi/-kyzy", r"(?:qizi|kizi|kyzy|gyzy)$", W, 100.0, "Azerbaijani/Turkic", "zi zy"),
    _rule("-uly/-ogly", r"(?:uly|ogly)$", M, 5.0, "Kazakh/Azerbaijani patronymic", "ly"),
    _rule("-ovna/-evna", r"(?:ovna|evna|ichna)$", W, 100.0, "East Slavic patronymic", "na"),
    _rule("-skaya/-tskaya", r"(?:skaya|tskaya|zkaya|skaja|ckaja)$", W, 100.0, "Russian", "ya ja"),
    _rule("-ska/-cka", r"(?:ska|cka|dzka)$", W, 8.0, "Polish/Czech", "ka"),
    _rule(
        "-sky/-ski", r"(?:sky|skiy|skii|ski|cki|dzki|tskiy|tsky)$", M, 4.0, "Slavic", "ky iy ii ki"
    ),
    _rule("-ova/-eva", r"(?:ova|eva|iova|yova)$", W, 40.0, "Slavic", "va"),
    _rule("-ov/-ev", r"(?:ov|ev|yov|iov)$", M, 15.0, "Slavic", "ov ev"),
    _rule("-ina/-yna", r"[^aeiou](?:ina|yna)$", W, 2.0, "Russian (-in/-ina), also Italian", "na"),
    _rule("-aya", r"[lnrst]aya$", W, 5.0, "Russian adjectival", "ya"),
    _rule("-ou (Greek f.)", r"(?:opoulou|akou|idou|iadou)$", W, 30.0, "Greek genitive", "ou"),
    _rule("-os/-is (Greek m.)", r"(?:opoulos|akis|idis|iadis)$", M, 20.0, "Greek", "os is"),
    _rule("-ne (Latvian)", r"(?:iete|niece)$", W, 10.0, "Latvian", "te ce"),
)
RULE_SPAN: Final = 8  # the longest ending ("opoulou") plus the newline `$` may stand before
ANY_RULE: Final = re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in RULES))
# The last two letters of every ending above: most surnames end otherwise, and a slice and a set
# lookup say so faster than one search (issue 11); where one fits, only the rules ending so are
# tried, in their order (issue 11: trying each rule's search in turn was a cold surname's cost).
RULE_TAILS: Final = frozenset(tail for rule in RULES for tail in rule.tails)
TAIL_RULES: Final = {
    tail: tuple(rule for rule in RULES if tail in rule.tails) for tail in sorted(RULE_TAILS)
}


@lru_cache(maxsize=100_000)
def surname_evidence(surname: str) -> Evidence | None:
    """Evidence from the ending of `surname` (lowercase ASCII), or None when no rule fits."""
    if len(surname) < 4:
        return None
    rule = _rule_for(surname.rpartition("-")[2].rpartition(" ")[2])
    if rule is None:
        return None
    # What Evidence(...) does, without the Python frame of a NamedTuple's __new__ (issue 11)
    return tuple.__new__(Evidence, ("surname", surname, rule.label, rule.ratio, rule.detail))


def matching_rule(surname: str) -> SurnameRule | None:
    """Return the rule that would speak for `surname` (for the bench's precision table)."""
    if len(surname) < 4:
        return None
    return _rule_for(surname.split("-")[-1].split(" ")[-1])


def _rule_for(last: str) -> SurnameRule | None:
    """The first rule whose ending fits `last`; most surnames fit none, and one search says so.

    Every rule is anchored at the end and spans at most RULE_SPAN characters, so the tail decides
    (issue 3, speed: fifteen searches per surname were a fifth of a cold name's cost).
    """
    rules = TAIL_RULES.get(last[-2:])
    tail = last[-RULE_SPAN:]
    if rules is None:
        if last[-1:] != "\n":  # `$` also matches before a "\n": there every rule is tried
            return None
        if ANY_RULE.search(tail) is None:
            return None
        rules = RULES
    return next((rule for rule in rules if rule.pattern.search(tail)), None)


VIETNAMESE_SURNAMES: Final = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "dinh",
        "truong",
    ]
)
VIETNAMESE_MIDDLE: Final = {"thi": (Label.WOMAN, 50.0), "van": (Label.MAN, 20.0)}


def vietnamese_evidence(given: tuple[str, ...]) -> Evidence | None:
    """ "Vo Thi Anh Xuan", "Nguyen Van An": the gendered Vietnamese middle name after a surname."""
    if len(given) < 2 or given[0] not in VIETNAMESE_SURNAMES or given[1] not in VIETNAMESE_MIDDLE:
        return None
    label, ratio = VIETNAMESE_MIDDLE[given[1]]
    return Evidence(
        kind="surname",
        value=" ".join(given[:2]),
        label=label,
        weight=ratio,
        detail=f"Vietnamese middle name '{given[1]}' points to a {label}",
    )


# A patronymic's ending is grammar: "-ovich" a son, "-ovna" a daughter
PATRONYMIC_RATIO: Final = 100.0


@lru_cache(maxsize=10_000)
def patronymic_evidence(patronymic: str) -> Evidence | None:
    """ "Abikenovich", "Yurievna", "Kyzy": the patronymic's gendered ending (lowercase ASCII)."""
    if PATRONYMIC_FEMALE.search(patronymic):
        label = Label.WOMAN
    elif PATRONYMIC_MALE.search(patronymic):
        label = Label.MAN
    else:
        return None
    return Evidence(
        kind="patronymic", value=patronymic, label=label, weight=PATRONYMIC_RATIO,
        detail=f"patronymic '{patronymic}' has the ending of a {label}'s",
    )  # fmt: skip


# A given name this sure (log-odds 1.5, P ~ 0.82) outweighs an ending
DECISIVE_NAME_RATIO: Final = 4.5


def overruled(surname: Evidence, given: list[Evidence]) -> bool:
    """Whether a clearly gendered given name says otherwise than the surname's ending: endings
    hold for their language only ("Luca Terranova", "Jordan Villanova" are not Slavic names)."""
    return any(
        g.label is not surname.label and g.label is not Label.UNKNOWN
        and g.weight >= DECISIVE_NAME_RATIO
        for g in given
    )  # fmt: skip

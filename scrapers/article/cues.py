"""Gender cues from pronouns about the one person a sentence is about (issue 5, item 4).

A sentence naming exactly one person, or naming nobody right after one that did, is "about"
that person; its he/she/her/his outside quotes then count as cues for them, unless the sentence
also mixes both sets or brings in an unnamed person ("her husband", "a spokesman").
Must not import app or dashboards.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Final

from scrapers.article import patterns

__all__ = ["FOCUS_SENTENCES", "focus_pronouns", "names_someone_else"]

FOCUS_SENTENCES: Final = 2  # sentences without a name that still speak of the last one named
# \b(?:she|her|hers|herself|he|him|his|himself)\b in any case, written so that `re` jumps from
# h to s (a first letter before the look-behind) rather than trying every place (issue 12: cost);
# "ſ" is an "s" to re.IGNORECASE. A test checks both forms find the same words. The words
# focus_pronouns reads; it searches them with the two patterns below (pronouns_in).
PRONOUN_RE: Final = re.compile(
    r"[HhSsſ](?<!\w.)(?:(?<=[Ssſ])(?i:he)|(?<=[Hh])(?i:erself|ers|er|e|imself|im|is))\b"
)
# PRONOUN_RE as two searches, each led by one literal letter, the "h" every one of these words
# holds (first, or second after the "s" of "she"): `re` scans for a literal letter several times
# faster than it tests each character against a class, and tries a match only where an "h" is,
# not at every "s" (issue 12: 4.9 M of focus_pronouns' 11.1 M instructions on the PolNeAR pages
# were PRONOUN_RE's searches). A match led by the "h" of "she" starts one character before it.
# No letter but H and h is an "h" to re.IGNORECASE; a test checks both forms find the same words.
_PRONOUN_AFTER_H: Final = (
    r"(?:(?<=[Ssſ].)(?<!\w..)(?i:e)|(?<!\w.)(?i:erself|ers|er|e|imself|im|is))\b"
)
PRONOUN_LOWER_H_RE: Final = re.compile("h" + _PRONOUN_AFTER_H)
PRONOUN_UPPER_H_RE: Final = re.compile("H" + _PRONOUN_AFTER_H)
# "her" then a noun is a possessive ("her members"); then a stop word, an object ("credits her
# with"), which is rarely the sentence's own subject: objects are not counted.
POSSESSIVE_HER_RE: Final = re.compile(
    r"\s+(?!(?:and|or|but|with|to|for|that|as|in|on|at|of|by|from|about)\b)[a-z]"
)
OBJECT_PRONOUNS: Final = frozenset({"him", "himself", "herself"})
QUOTE_RE: Final = re.compile("\ue000.")
QUOTE_WORD_RE: Final = re.compile("\ue000\\w")  # only then must a sentence be blanked (_blanked)
LOWER_WORD_RE: Final = re.compile(r"[a-z]+")
_OTHER_NOUNS: Final[dict[ModuleType, re.Pattern[str]]] = {}  # _other_person_noun's, by language
CAPITALISED_RE: Final = re.compile(r"[A-Z](?<!\w.)[a-z’'\-]+")  # \b[A-Z]..., capital first
# ", the mayor," right after the name describes the person; skipped before looking for others.
OWN_APPOSITIVE_RE: Final = re.compile(r"\s*,[^,]{1,160},")
# "asked the prime minister whether he...": a described, unnamed person who may be meant.
OTHER_PERSON_RE: Final = (
    re.compile(  # \b(?:the|a|an|another|one|two|three)\s+..., first letter first
        r"[tao](?<!\w.)(?:(?<=t)(?:he|wo|hree)|(?<=a)(?:nother|n|)|(?<=o)ne)"
        r"\s+([a-z\-]+(?:\s+[a-z\-]+){0,2})"
    )
)
# OTHER_PERSON_RE's article and the space it needs after it: searched only up to a bound, where
# a match of OTHER_PERSON_RE at a place up to `last` must show one (_other_person_at).
ARTICLE_RE: Final = re.compile(
    r"[tao](?<!\w.)(?:(?<=t)(?:he|wo|hree)|(?<=a)(?:nother|n|)|(?<=o)ne)(?=\s)"
)
ARTICLE_SPAN: Final = len("another ")  # the longest article and one space


def names_someone_else(sentence: str, lang: ModuleType) -> bool:
    """Tell whether a sentence with no resolved person still has a capitalised word that may
    be one ("Raman said..."), so that it is not taken to speak of the last person named."""
    text = _blanked(sentence)
    # searched on from each match, as patterns.every_match: no scanner object (issue 12: cost)
    match = CAPITALISED_RE.search(text)
    while match is not None:
        if match.group().lower() not in lang.NOT_NAMES:
            return True
        match = CAPITALISED_RE.search(text, match.end())
    return False


def _blanked(sentence: str) -> str:
    """The sentence as the word patterns here must read it: quotes blanked ("\ue000" and the
    character after it become two spaces).

    A quote marker and a non-word character after it read as two spaces do (both non-word,
    neither a letter, the same places): then the sentence itself is returned, and no copy is
    made (issue 12: cost). Only a word character after a marker needs the blanked copy."""
    if "\ue000" in sentence and QUOTE_WORD_RE.search(sentence) is not None:
        return QUOTE_RE.sub("  ", sentence)
    return sentence


def focus_pronouns(sentence: str, *, after: int, lang: ModuleType) -> list[tuple[int, str]]:
    """Return (position, pronoun) of the pronouns after `after` that can only mean the focus.

    Empty when the sentence mixes feminine and masculine pronouns or names an unnamed person
    (lang.OTHER_PERSON_NOUNS) who could be meant instead.
    """
    # quotes speak in their own voice: "my", "I", "he"
    found = pronouns_in(_blanked(sentence), after)
    if not found:
        return []
    kinds = {word.lower() in lang.FEMININE_PRONOUNS for _, word in found}
    if len(kinds) > 1:
        return []
    # Cheapest tests first: when no pronoun is about the subject the answer is empty whatever
    # the other tests say (issue 12: cost).
    text = QUOTE_RE.sub("  ", sentence) if "\ue000" in sentence else sentence
    kept = [(at, word) for at, word in found if _about_subject(text, at, word)]
    if not kept or _other_person_noun(text, lang):
        return []
    limit = _other_person_at(text, after, lang, last=kept[-1][0])
    return [(at, word) for at, word in kept if at < limit]


def pronouns_in(text: str, start: int) -> list[tuple[int, str]]:
    """(position, word) of each PRONOUN_RE match from `start`, in order, as
    `[(m.start(), m.group()) for m in PRONOUN_RE.finditer(text, start)]`.

    Each match is a whole word, so the h-led searches find the same words; "she" led by an "h"
    before `start` starts before it and is left out, as PRONOUN_RE, searched from `start`, finds
    no "she" there (nor the "he" after its "s"). An upper-case "H" is searched for only in a text
    that holds one (a one-character `in`: no copy of the needle)."""
    found: list[tuple[int, str]] = []
    upper = "H" in text
    for pattern in (PRONOUN_LOWER_H_RE, PRONOUN_UPPER_H_RE) if upper else (PRONOUN_LOWER_H_RE,):
        match = pattern.search(text, start)  # as patterns.every_match: no scanner (issue 12)
        while match is not None:
            at, end = match.span()  # one call, not start() and end() twice (issue 12: cost)
            if at and text[at - 1] in "Ssſ":  # the "h" of "she": the other branch needs no letter
                at -= 1
            if at >= start:
                found.append((at, text[at:end]))
            match = pattern.search(text, end)
    if upper and len(found) > 1:
        found.sort()  # two searches: their words in the order of the text
    return found


def _other_person_noun(text: str, lang: ModuleType) -> bool:
    """Tell whether a lower-case word of `text` (LOWER_WORD_RE) is one of the language's
    OTHER_PERSON_NOUNS: one search for the nouns between non-[a-z] characters (a space put
    first stands for the start), not every word copied into a set (issue 12: cost)."""
    pattern = _OTHER_NOUNS.get(lang)
    if pattern is None:
        words = frozenset(w for w in lang.OTHER_PERSON_NOUNS if LOWER_WORD_RE.fullmatch(w))
        tree = patterns.alternation(words).removesuffix(r"\b")
        pattern = _OTHER_NOUNS[lang] = re.compile("[^a-z]" + tree + "(?![a-z])")
    return pattern.search(" " + text) is not None


def _other_person_at(text: str, after: int, lang: ModuleType, *, last: int) -> int:
    """Where a described other person ("the prime minister") first comes after the focus; the
    length of the text when none comes before `last`, the place of the last pronoun looked at:
    a later one changes nothing (issue 12: cost)."""
    own = OWN_APPOSITIVE_RE.match(text, after) if after else None
    start = own.end() if own else after
    if start > last:
        return len(text)
    # OTHER_PERSON_RE searched only where its article (ARTICLE_RE) is, and that only up to
    # ARTICLE_SPAN past `last`: a match opening by `last` shows its article and a space there,
    # and a later one changes nothing. The text after is not read (issue 12: OTHER_PERSON_RE's
    # searches scanned to the end of the text, half of it past `last` on the PolNeAR pages).
    bound = last + ARTICLE_SPAN
    at = start
    while True:
        lead = ARTICLE_RE.search(text, at, bound)
        if lead is None or lead.start() > last:
            return len(text)
        match = OTHER_PERSON_RE.match(text, lead.start())
        if match is None:
            at = lead.start() + 1  # an article with no lower-case word after its spaces
            continue
        if lang.ROLE_NOUNS.intersection(match.group(1).split()):
            return match.start()
        at = match.end()


def _about_subject(text: str, at: int, word: str) -> bool:
    lowered = word.lower()
    if lowered in OBJECT_PRONOUNS:
        return False
    return lowered != "her" or POSSESSIVE_HER_RE.match(text, at + len(word)) is not None

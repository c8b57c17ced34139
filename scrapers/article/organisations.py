"""Organisations quoted as sources ("Amnesty International said", "the ministry said", "a
spokesperson for the UN said"): found, kept with their reason, and counted apart from people.

An organisation is never a woman or a man: these are listed, never counted. Patterns run over the
masked text of masking.py (\\ue002 + index is an organisation the name finder recognised).
Must not import app or dashboards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Final

from scrapers.article import choice, patterns
from scrapers.article.endings import Ending
from scrapers.article.masking import Masked

__all__ = ["OrgSource", "org_sources"]

FIRST_INDEX: Final = 0xE100
ORG_MARK: Final = patterns.ORG_MARK
PERSON_MARK: Final = patterns.PERSON_MARK
QUOTE_MARK: Final = patterns.QUOTE_MARK
# An organisation after these is where someone works or what they speak for, not a speaker.
OBJECT_BEFORE: Final = Ending(
    r"(?:\b(?:of|at|for|from|with|by|to|in|on|about|against|and)|[’']s)\s+(?:the\s+)?$",
    r"(?:\s+eht)?\s+(?:(?:fo|ta|rof|morf|htiw|yb|ot|ni|no|tuoba|tsniaga|dna)\b|s[’'])",
    re.I,
)
POSSESSIVE_AFTER_RE: Final = re.compile(r"[’']s?\b")
# Capitalised words right before an organisation that the name finder split off ("European"
# Union, "New" York Times, "Swedish" Prosecution Authority): part of its name.
LOOK_BEHIND: Final = 80  # characters read before an organisation: bounded, so long runs stay linear
LEADING_CAPITALS_RE: Final = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][\w.’'\-]*\s+)+)$")
_NOT_PART: Final = """
    the a an but and also meanwhile however yet so now then still even instead later today
    yesterday thus indeed
"""
NOT_PART: Final = frozenset(_NOT_PART.split())
ORG_MARK_RE: Final = re.compile("\ue002(.)")
NAME_TAIL_RE: Final = re.compile(
    r" (?:of|for|on) (?:the )?(?:\ue002.|[A-Z][\w’'\-]*(?: (?:and |& )?[A-Z][\w’'\-]*){0,4})"
)


# Spaces and a comma before the verb ("\s*,?\s*"), taken whole: the verb (its auxiliaries and
# adverb too) opens with a lower-case letter, so giving any back cannot help; `re` would try it
# at every organisation (issue 12: cost).
VERB_GAP: Final = r"\s*+,?+\s*+(?=[a-z])"


@dataclass(frozen=True, slots=True)
class OrgSource:
    """One statement credited to an organisation in a sentence."""

    name: str
    quote: str | None
    reason: str


def _build(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    verb = patterns.AUX + patterns.ADVERB + patterns.alternation(lang.SPEECH_VERBS)
    inverted = patterns.alternation(lang.INVERTED_VERBS)
    nouns = patterns.alternation(lang.ORG_NOUNS)
    inst = patterns.THE + r"\s+(?P<inst>(?:[a-z][\w\-]*\s+){0,2}?" + nouns + r")\b"
    # inst led by the literal "he" (then "[Tt]he" at a word start, looked at behind): `re`
    # jumps from one "he" to the next, not testing [Tt] at every character (issue 12: cost).
    inst_he = r"he(?<=[Tt]he)(?<!\w...)" + inst[len(patterns.THE) :]
    org, q = r"\ue002(?P<o>.)", r"\ue000(?P<q>.)"
    spokes = (
        patterns.word_start(frozenset({"A", "a", "An", "an", "The", "the"}))
        + r"\s+(?:[a-z]+\s+)?(?:spokesperson|spokesman|spokeswoman|statement"
        r"|representative|press\s+release|press\s+officer)\s+(?:for|from|of|by)\s+(?:the\s+)?"
    )
    sources = {
        "org_verb": org + r"(?:\s*\([^()\ue000\ue001]{1,40}\))?" + patterns.WHEN + VERB_GAP
        + verb + r"(?:" + patterns.GAP_WITH_ORGS + q + r")?",
        "q_org_verb": q + patterns.LEAD + org + r"\s+" + verb,
        "q_verb_org": q + patterns.LEAD + inverted + r"\s+(?:the\s+)?" + org
        + patterns.SPEAKER_END,
        "org_colon_q": org + r"\s*:\s*" + q,
        "spokes_for": spokes + org,
        "spokes_for_inst": spokes + r"(?P<inst>(?:[a-z][\w\-]*\s+){0,2}?" + nouns + r")\b",
        "inst_verb": inst_he + r"\s+" + verb,
        "q_inst_verb": q + patterns.LEAD + inst + r"\s+" + verb,
        "q_verb_inst": q + patterns.LEAD + inverted + r"\s+" + inst + patterns.SPEAKER_END,
        "according_org": patterns.word_start(frozenset({lang.ACCORDING_TO}), ignorecase=True)
        + r"\s+(?:the\s+)?" + org,
    }  # fmt: skip
    return {name: re.compile(source) for name, source in sources.items()}


REASONS: Final = {
    "org_verb": "an organisation's name as the speaker",
    "q_org_verb": "an organisation's name as the speaker",
    "q_verb_org": "an organisation's name as the speaker",
    "org_colon_q": "an organisation's name as the speaker",
    "spokes_for": "an unnamed spokesperson for the organisation",
    "spokes_for_inst": "an unnamed spokesperson for the organisation",
    "inst_verb": "an institution named by its common noun",
    "q_inst_verb": "an institution named by its common noun",
    "q_verb_inst": "an institution named by its common noun",
    "according_org": "an organisation's name as the source",
}
_COMPILED: Final[dict[str, dict[str, re.Pattern[str]]]] = {}
# Cheap checks first: most sentences lack what these patterns need.
NEEDS_ORG: Final = frozenset(
    {"org_verb", "q_org_verb", "q_verb_org", "org_colon_q", "spokes_for", "according_org"}
)
NEEDS_THE: Final = frozenset({"inst_verb", "q_inst_verb", "q_verb_inst"})
NEEDS_NOUN: Final = NEEDS_THE | {"spokes_for_inst"}  # one of the language's ORG_NOUNS
# Built on the speech verbs or the inverted ones (a subset, checked by a test).
NEEDS_SPEECH: Final = NEEDS_THE | {"org_verb", "q_org_verb", "q_verb_org"}
_NOUNS: Final[
    dict[str, re.Pattern[str]]
] = {}  # the nouns, backwards: the older forms' gate (tests)
SPOKES_WORDS: Final = choice.SPOKES_WORDS  # one of them: choice.KEY_SPOKES


def _compiled(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    if lang.__name__ not in _COMPILED:
        _COMPILED[lang.__name__] = _build(lang)
        _NOUNS[lang.__name__] = re.compile(patterns.ended_word(lang.ORG_NOUNS))
    return _COMPILED[lang.__name__]


def _full_name(name: str, before: str) -> str:
    """Put back the capitalised words the name finder split off the front of a name."""
    match = LEADING_CAPITALS_RE.search(before)
    if not match:
        return name
    words = match.group(1).split()
    while words and words[0].lower() in NOT_PART:
        words.pop(0)
    return " ".join([*words, name])


def _name_tail(masked: Masked, sentence: str, end: int) -> str:
    """' of Education' after 'Ministry': the rest of a name the finder ended at "of"."""
    match = NAME_TAIL_RE.match(sentence, end)
    if not match:
        return ""
    return ORG_MARK_RE.sub(lambda m: masked.orgs[ord(m.group(1)) - FIRST_INDEX], match.group())


def _is_speaker(sentence: str, start: int) -> bool:
    """An organisation speaks when it is not the object of a preposition or a possessive, and
    no person comes before it in its clause ("X, a fellow at Brookings, said" is X)."""
    before = sentence[:start]
    leading = LEADING_CAPITALS_RE.search(before, max(0, start - LOOK_BEHIND))
    before = before[: leading.start()] if leading else before
    if OBJECT_BEFORE.ends(before):
        return False
    clause = before[before.rfind(QUOTE_MARK) + 1 :]
    return PERSON_MARK not in clause


_Flags = tuple[bool, bool, bool, bool, bool, bool, bool]
FLAG_COUNT: Final = 7
# Per language module, for each of the 128 flag sets of _runnable (their bits, first flag
# highest): the patterns worth trying, in order. Built once, not checked pattern by pattern in
# every sentence; keyed by the module itself, not its __name__ (issue 12: cost).
_RUNNABLE: Final[dict[ModuleType, list[list[tuple[str, re.Pattern[str]]]]]] = {}


def _runnable(lang: ModuleType, flags: _Flags) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns a sentence can match, in order; `flags`: whether it holds an organisation,
    "the ", a speech verb, a quote, a spokesperson word, a colon, and "ccord" in any case.

    No institution noun is looked for (NEEDS_NOUN): searching the nouns backwards cost more
    than the patterns that need one, led by the literal "he" or a quote marker (issue 12)."""
    table = _RUNNABLE.get(lang)
    if table is None:
        compiled = _compiled(lang)
        size = 1 << FLAG_COUNT
        every = [
            tuple(bool(index >> (FLAG_COUNT - 1 - bit) & 1) for bit in range(FLAG_COUNT))
            for index in range(size)
        ]
        table = _RUNNABLE[lang] = [_patterns_for(compiled, each) for each in every]
    has_org, has_the, speech, quote, spokes, colon, according = flags
    index = (
        has_org << 6
        | has_the << 5
        | speech << 4
        | quote << 3
        | spokes << 2
        | colon << 1
        | according
    )
    return table[index]


def _patterns_for(
    compiled: dict[str, re.Pattern[str]], flags: tuple[bool, ...]
) -> list[tuple[str, re.Pattern[str]]]:
    has_org, has_the, speech, quote, spokes, colon, according = flags
    return [
        (name, pattern)
        for name, pattern in compiled.items()
        if not (name in NEEDS_ORG and not has_org)
        and not (name in NEEDS_THE and not has_the)
        and not (name in NEEDS_SPEECH and not speech)
        and not (name.startswith("q_") and not quote)
        and not (name.startswith("spokes") and not spokes)
        and not (name == "org_colon_q" and not (quote and colon))
        and not (name == "according_org" and not according)
    ]


def org_sources(
    masked: Masked, sentence: str, lang: ModuleType, *, speech: bool, keys: int | None = None
) -> list[OrgSource]:
    """Return the organisations a masked sentence credits with a statement; `speech` tells
    whether it has a speech verb (patterns.has_speech_verb), `keys` is
    choice.sentence_keys(lang, sentence) (read here when not given): the literals the
    checks below need, looked for in one pass (issue 12: cost)."""
    if keys is None:
        keys = choice.sentence_keys(lang, sentence)
    has_org = bool(keys & choice.KEY_ORG)
    if not has_org and not keys & choice.KEY_HE_SPACE:  # "he " in any case
        return []
    spokes = bool(keys & choice.KEY_SPOKES)
    if not (has_org or speech or spokes):
        return []  # what is left to match needs one of them (issue 12: cost)
    found: list[OrgSource] = []
    has_the = bool(keys & choice.KEY_THE)  # "the " or "The "
    has_quote = bool(keys & choice.KEY_QUOTE)
    colon = has_quote and has_org and bool(keys & choice.KEY_COLON)
    # according_org reads "according to" in any case: its [Aa]-led search is tried at every
    # "a" of the sentence, "ccord" in any case is a bit of the keys (issue 12: cost).
    according = has_org and bool(keys & choice.KEY_ACCORD)
    flags = (has_org, has_the, speech, has_quote, spokes, colon, according)
    for name, pattern in _runnable(lang, flags):
        for match in patterns.every_match(pattern, sentence):  # no scanner object (issue 12)
            groups = match.groupdict()
            if groups.get("o"):
                at = match.start("o") - 1
                spoken_for = name.startswith("spokes")
                if not spoken_for and (
                    not _is_speaker(sentence, at)
                    or POSSESSIVE_AFTER_RE.match(sentence, match.end("o"))
                ):
                    continue
                org = masked.orgs[ord(groups["o"]) - FIRST_INDEX]
                org = _full_name(org, sentence[max(0, at - LOOK_BEHIND) : at]) + _name_tail(
                    masked, sentence, match.end("o")
                )
            elif groups.get("inst"):
                if not name.startswith("spokes") and not _is_speaker(sentence, match.start("inst")):
                    continue
                org = "the " + groups["inst"].lower()
            else:
                continue
            quote = masked.quotes[ord(groups["q"]) - FIRST_INDEX] if groups.get("q") else None
            found.append(OrgSource(org, quote, REASONS[name]))
    return found

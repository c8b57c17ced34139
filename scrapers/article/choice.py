"""Which attribution patterns (patterns.py) are worth trying on a sentence, and the cheap
checks that let most sentences skip them: the markers and literals it holds (one automaton pass,
sentence_keys), the keywords each pattern needs, and gates searched before a costly pattern
(issue 12: extraction cost). Must not import app or dashboards.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Final

from scrapers.article import patterns
from scrapers.article.substrings import Substrings

__all__ = [
    "FLAG_SETS",
    "HOLDING",
    "KEYWORDS",
    "PRONOUN_TOKEN_PATTERNS",
    "ROLE_TOKEN_PATTERNS",
    "SPEECH_PATTERNS",
    "applicable",
    "case_forms",
    "flags_index",
    "gates",
    "late_gates",
    "may_hold_pronoun",
    "may_hold_role",
    "needs",
    "sentence_keys",
]

# Keyed by the language module itself: looked up for every sentence, and a module hashes by
# identity, with no attribute to read first (late_gates).
_LATE_GATES: Final[dict[ModuleType, dict[str, re.Pattern[str]]]] = {}
SPEECH: Final = "speech verb"  # a need: a word of the language's speech verbs or phrases
# Patterns built on `verb`, `said` or `inverted` (a subset of the speech verbs, which a test
# checks): none can match a sentence without one of those words, as about half are.
SPEECH_PATTERNS: Final = frozenset(
    {"q_verb_p", "q_p_verb", "q_pron_verb", "q_verb_pron", "q_role_verb", "q_verb_role"}
    | {"p_verb_q", "pron_verb_q", "role_verb_q", "comma_verb_p", "p_verb", "p_who_verb"}
    | {"pron_verb", "role_verb"}
)
# Plain substrings some patterns cannot match without, so most sentences skip them cheaply.
KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "study_by": ("by ",),
    "passive_by": (" by ",),
    "as_put": (" it",),
    "p_put_q": (" it",),
    "words_of": ("words of",),
    "declined": ("d to ",),  # "declined to", "refused to"
    "p_found": ("that",),
    "p_colon_q": (":",),
    "p_gap_colon_q": (":",),
    "p_then_saying": ("ing",),
    "p_who_verb": ("who",),
    "comma_verb_p": (",",),
}


# Substrings of which a pattern needs at least one (its verbs or nouns): most sentences have none.
_ROLE_START: Final = ("the ", "The ")
_FOUND_WORDS: Final = ("found", "finds", "sugges", "show", "conclud", "estimat", "argue", "warn")
_IN_WORDS: Final = (
    "phrase",
    "words",
    "view",
    "telling",
    "estimation",
    "account",
    "formulation",
    "coinage",
)


def _any_keywords(lang: ModuleType) -> dict[str, tuple[str, ...]]:
    according = (lang.ACCORDING_TO[1:],)  # "ccording to": either case of its first letter
    return {
        "q_role_verb": _ROLE_START,
        "q_verb_role": _ROLE_START,
        "role_verb_q": _ROLE_START,
        "role_verb": _ROLE_START,
        "q_according": according,
        "according": according,
        "study_by": _FOUND_WORDS,
        "poss_research": _FOUND_WORDS,
        "in_words": _IN_WORDS,
        "as_put": ("put",),
        "p_put_q": ("put",),
        "p_posted": patterns.POSTED_VERBS,
    }


def _gates(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    """Searches some patterns need to find something: p_then_saying needs one of the reporting
    participles, all ending in "ing"; one search for "ing" followed by a look back for each
    participle costs less than a look-up of each (issue 12: extraction cost)."""
    return {"p_then_saying": re.compile(patterns.suffix_search(lang.REPORTING_PARTICIPLES))}


def needs(name: str) -> tuple[str, ...]:
    """Markers a pattern cannot match without (checked first: most sentences lack them)."""
    marks: list[str] = []
    if "p" in name.split("_") or name in {"according", "q_according", "words_of", "in_words"}:
        marks.append(patterns.PERSON_MARK)
    if name in {"declined", "study_by", "poss_research", "passive_by", "as_put"}:
        marks.append(patterns.PERSON_MARK)
    if "q" in name.split("_"):
        marks.append(patterns.QUOTE_MARK)
    if "pron" in name or "role" in name:
        marks.append("he")  # "he" or "He": in he, she, He, She, the, The
    if name in SPEECH_PATTERNS:
        marks.append(SPEECH)
    return tuple(marks)


# name, pattern, keywords all needed, keywords one of which is needed, a search that must find
_Candidate = tuple[str, re.Pattern[str], frozenset[str], frozenset[str], re.Pattern[str] | None]
_Choice = tuple[list[_Candidate], tuple[str, ...]]
# Per language, for each of the 16 marker flags (flags_index): the candidates, and every keyword
# any of them looks for. All 16 are built on the language's first sentence, not one at a time
# as sentences first show them (issue 12: that cost fell inside the timed, cold parses).
_BY_FLAGS: Final[dict[str, list[_Choice]]] = {}
FLAG_SETS: Final = tuple(
    (person, quote, he, speech)
    for person in (False, True)
    for quote in (False, True)
    for he in (False, True)
    for speech in (False, True)
)


def flags_index(flags: tuple[bool, bool, bool, bool]) -> int:
    """The place of `flags` in FLAG_SETS."""
    return int(flags[0]) * 8 + int(flags[1]) * 4 + int(flags[2]) * 2 + int(flags[3])


def _candidates(lang: ModuleType, flags: tuple[bool, bool, bool, bool]) -> _Choice:
    table = _BY_FLAGS.get(lang.__name__)
    if table is None:
        table = _BY_FLAGS[lang.__name__] = [_choice(lang, each) for each in FLAG_SETS]
    return table[flags_index(flags)]


def _choice(lang: ModuleType, flags: tuple[bool, bool, bool, bool]) -> _Choice:
    present = {
        patterns.PERSON_MARK: flags[0],
        patterns.QUOTE_MARK: flags[1],
        "he": flags[2],
        SPEECH: flags[3],
    }
    anyof, gates = _any_keywords(lang), _gates(lang)
    candidates = [
        (
            name,
            pattern,
            frozenset(KEYWORDS.get(name, ())),
            frozenset(anyof.get(name, ())),
            gates.get(name),
        )
        for name, pattern in patterns.compiled(lang).items()
        if all(present[mark] for mark in needs(name))
    ]
    words = {word for _, _, needed, oneof, _ in candidates for word in needed | oneof}
    return candidates, tuple(sorted(words))


# The bits of sentence_keys: which literals a sentence holds, read once by an automaton
# (substrings.py) for applicable and organisations.org_sources. A person, a quote and "he" sit
# where flags_index puts their flags: (keys & FLAG_KEYS) | speech is a sentence's index.
KEY_HE: Final = 1 << 1  # "he" or "He": in he, she, He, She, the, The
KEY_QUOTE: Final = 1 << 2
KEY_PERSON: Final = 1 << 3
FLAG_KEYS: Final = KEY_HE | KEY_QUOTE | KEY_PERSON
KEY_ORG: Final = 1 << 4  # the rest for org_sources
KEY_HE_SPACE: Final = 1 << 5  # "he " in any case
KEY_SPOKES: Final = 1 << 6  # a word of SPOKES_WORDS
KEY_THE: Final = 1 << 7  # "the " or "The "
KEY_COLON: Final = 1 << 8
KEY_ACCORD: Final = 1 << 9  # "ccord" in any case (as in sentence.lower(): a test checks)
FIRST_KEYWORD_BIT: Final = 10  # then a bit for each keyword of the patterns (_keyword_bits)
SPOKES_WORDS: Final = ("spokes", "statement", "representative", "press")
_KEYS: Final[dict[ModuleType, Substrings]] = {}


def sentence_keys(lang: ModuleType, sentence: str) -> int:
    """The KEY_ bits, and the _keyword_bits, of the literals `sentence` holds as substrings.

    One pass of an automaton (substrings.py) in place of applicable's ~16,500 `in` checks
    (~580 instructions each) and set look-ups, and org_sources' ~5,600 checks, on the 915
    sentences of the 25 PolNeAR pages (issue 12: extraction cost). Measured (callgrind): this
    5.95 M instructions (~64 a character); applicable 16.0 -> 3.85 M, org_sources 14.5 ->
    9.6 M, both inclusive; parse 418.3 -> 407.7 M."""
    automaton = _KEYS.get(lang)
    if automaton is None:
        automaton = _KEYS[lang] = Substrings(_key_substrings(lang))
    return automaton.found_in(sentence)


def _keyword_bits(lang: ModuleType) -> dict[str, int]:
    """A bit for each keyword a pattern needs (KEYWORDS) or needs one of (_any_keywords)."""
    anyof = _any_keywords(lang)
    words = sorted(
        {word for name in patterns.PATTERN_NAMES for word in KEYWORDS.get(name, ())}
        | {word for name in patterns.PATTERN_NAMES for word in anyof.get(name, ())}
    )
    assert FIRST_KEYWORD_BIT + len(words) <= 60  # a short int, read natively
    return {word: 1 << (FIRST_KEYWORD_BIT + at) for at, word in enumerate(words)}


def _key_substrings(lang: ModuleType) -> dict[str, int]:
    bits = dict(_keyword_bits(lang))
    fixed: list[tuple[tuple[str, ...], int]] = [
        (("he", "He"), KEY_HE),
        ((patterns.QUOTE_MARK,), KEY_QUOTE),
        ((patterns.PERSON_MARK,), KEY_PERSON),
        ((patterns.ORG_MARK,), KEY_ORG),
        (case_forms("he "), KEY_HE_SPACE),
        (SPOKES_WORDS, KEY_SPOKES),
        (("the ", "The "), KEY_THE),
        ((":",), KEY_COLON),
        (case_forms("ccord"), KEY_ACCORD),
    ]
    for words, bit in fixed:
        for word in words:
            bits[word] = bits.get(word, 0) | bit
    return bits


def case_forms(word: str) -> tuple[str, ...]:
    """Every way of writing an ASCII `word` in upper and lower case ("he ": "he ", "hE "...)."""
    forms = [""]
    for char in word:
        forms = [form + each for form in forms for each in sorted({char.lower(), char.upper()})]
    return tuple(forms)


# The candidates of each flag index as applicable reads them: the (name, pattern) pair it
# returns, built once, and the bits of the keywords all needed and one of which is needed
# (issue 12: cost). Keyed by the language module itself (a module hashes by identity).
_Plan = tuple[tuple[str, re.Pattern[str]], int, int, re.Pattern[str] | None]
_PLANS: Final[dict[ModuleType, list[list[_Plan]]]] = {}


def _plans(lang: ModuleType, index: int) -> list[_Plan]:
    table = _PLANS.get(lang)
    if table is None:
        bits = _keyword_bits(lang)
        table = _PLANS[lang] = [_planned(_candidates(lang, each), bits) for each in FLAG_SETS]
    return table[index]


def _planned(choice: _Choice, bits: dict[str, int]) -> list[_Plan]:
    return [
        ((name, pattern), _mask(needed, bits), _mask(oneof, bits), gate)
        for name, pattern, needed, oneof, gate in choice[0]
    ]


def _mask(words: frozenset[str], bits: dict[str, int]) -> int:
    mask = 0
    for word in words:
        mask |= bits[word]
    return mask


def applicable(
    lang: ModuleType, sentence: str, *, speech: bool, keys: int | None = None
) -> list[tuple[str, re.Pattern[str]]]:
    """Return the (name, pattern) pairs worth trying on `sentence`, in order; `speech` tells
    whether it has a speech verb (patterns.has_speech_verb), `keys` is sentence_keys(lang, sentence)
    (read here when not given).

    Each keyword is looked for in the one pass of sentence_keys, and each pattern's keywords
    checked as bits: this runs for every sentence of every article (issue 12: extraction
    cost): 16.0 -> 3.85 M instructions on the PolNeAR pages (sentence_keys).
    """
    if keys is None:
        keys = sentence_keys(lang, sentence)
    chosen: list[tuple[str, re.Pattern[str]]] = []
    for pair, needed, oneof, gate in _plans(lang, (keys & FLAG_KEYS) | int(speech)):
        if (keys & needed) != needed:
            continue
        if oneof and not keys & oneof:
            continue
        if gate is not None and gate.search(sentence) is None:
            continue
        chosen.append(pair)
    return chosen


# Patterns each match of which holds a match of another, the first at the same place: their
# source ends in the other's ("...+ pron + \\s+ + AUX + verb"), or runs on past it ("+ GAP + q"),
# and q_p_verb's last name opens a p_verb. Where that other finds nothing they cannot match, and
# it is tried anyway: `applicable` chooses it whenever it chooses them (issue 12: cost).
HOLDING: Final = {
    "q_pron_verb": "pron_verb",
    "pron_verb_q": "pron_verb",
    "q_role_verb": "role_verb",
    "role_verb_q": "role_verb",
    "q_p_verb": "p_verb",
    "p_verb_q": "p_verb",
}


# Patterns whose subject pronoun stands after a non-word character or the start and before
# whitespace (pron + "\\s+"). Where none does they cannot match; str.find looks for one at less
# cost than their searches, which try every "h" and "s" and then a word tree (issue 12: cost).
# Each match holds a pron_verb match (HOLDING).
PRONOUN_TOKEN_PATTERNS: Final = frozenset({"pron_verb", "q_pron_verb", "pron_verb_q"})


def may_hold_pronoun(lang: ModuleType, sentence: str) -> bool:
    """Whether one of the language's subject pronouns stands in `sentence` after a non-word
    character or the start and before whitespace: each found by str.find."""
    pronouns = _PRONOUNS.get(lang)
    if pronouns is None:
        pronouns = _PRONOUNS[lang] = tuple(sorted(lang.SUBJECT_PRONOUNS))
    size = len(sentence)
    for pronoun in pronouns:
        at = sentence.find(pronoun)
        while at >= 0:
            end = at + len(pronoun)
            if end < size and sentence[end].isspace():
                if at == 0:
                    return True
                before = sentence[at - 1]
                if not (before.isalnum() or before == "_"):
                    return True
            at = sentence.find(pronoun, at + 1)
    return False


_PRONOUNS: Final[dict[ModuleType, tuple[str, ...]]] = {}
# Patterns whose role (THE + r"\s+" + up to two words and a role noun, then whitespace) is
# looked for first by may_hold_role: their searches try every "t" and a word tree after each
# "the" (issue 12: cost); every role noun looked up among the whole sentence's tokens cost more
# than that. Each match holds a role_verb match (HOLDING).
ROLE_TOKEN_PATTERNS: Final = frozenset({"role_verb", "q_role_verb", "role_verb_q"})
_ROLE_WORDS: Final[dict[ModuleType, tuple[frozenset[str], int]]] = {}


def may_hold_role(lang: ModuleType, sentence: str) -> bool:
    """Whether "the" or "The" opens a word of `sentence`, whitespace follows it, and one of the
    next tokens (two words and a role noun's) is the last word of one of the language's role
    nouns. Each "he" found by str.find; the tokens split only after such a "the"."""
    table = _ROLE_WORDS.get(lang)
    if table is None:
        nouns = [noun.split() for noun in lang.ROLE_NOUNS]
        table = _ROLE_WORDS[lang] = (
            frozenset(words[-1] for words in nouns),
            2 + max(len(words) for words in nouns),
        )
    words, window = table
    at = sentence.find("he", 1)
    while at >= 0:
        end = at + 2
        if (
            sentence[at - 1] in "Tt"
            and end < len(sentence)
            and sentence[end].isspace()
            and (at == 1 or not _is_word_char(sentence[at - 2]))
        ):
            tokens = sentence[end:].split(None, window)
            for token in tokens[:window]:
                if token in words:
                    return True
        at = sentence.find("he", at + 1)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _late_gates(lang: ModuleType) -> dict[str, str]:
    """Searches that patterns cannot match without, each a part of the pattern that comes
    after its costly start (or, for p_then_saying, that part made stricter: its participle
    after a space or comma, found by its "ing", then its tail)."""
    ends = patterns.suffix_search(lang.REPORTING_PARTICIPLES, before=r"[\s,]")
    return {
        "p_then_saying": f"(?:{ends})\\b{patterns.THEN_SAYING_TAIL}",
        "p_found": patterns.alternation(lang.RESEARCH_VERBS) + r"\s+that\b",
        "p_posted": patterns.POSTED,
        "study_by": r"by\s+\ue001",
    }


def late_gates(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    """Return, by pattern name, a search the pattern cannot match without, to try once
    `applicable` has chosen it: where it fails the pattern is skipped. Each pattern tries its
    costly start (a name and its appositive, a gap, a word tree) at every place it may begin
    before failing: up to ~300,000 instructions on a long sentence for p_then_saying, whose
    participle `applicable` only finds as a substring (issue 12: extraction cost).
    """
    gates = _LATE_GATES.get(lang)
    if gates is None:
        gates = {name: re.compile(source) for name, source in _late_gates(lang).items()}
        _LATE_GATES[lang] = gates
    return gates


def _literal_gates(lang: ModuleType) -> dict[str, str]:
    """Searches led by a literal, which `re` finds at a few instructions a character where a
    pattern led by a class costs ~45 (issue 12: cost), that patterns (or their late gate)
    cannot match without: p_found's "that" after whitespace and a research verb (the last word
    of one; or two whitespace characters, left to the late gate), p_gap_colon_q's colon then a
    quote."""
    verbs = sorted({verb.split()[-1] for verb in lang.RESEARCH_VERBS})
    looks = "|".join(f"(?<={re.escape(verb)}\\sthat)" for verb in verbs)
    return {
        "p_found": f"that\\b(?:(?<=\\s\\sthat)|{looks})",
        "p_gap_colon_q": r":\s*\ue000",
    }


_GATES: Final[dict[ModuleType, dict[str, tuple[re.Pattern[str], ...]]]] = {}


def gates(lang: ModuleType) -> dict[str, tuple[re.Pattern[str], ...]]:
    """By pattern name, the searches a pattern cannot match without, in the order to try them:
    its literal gate (_literal_gates), then its late gate (late_gates)."""
    found = _GATES.get(lang)
    if found is None:
        literal = {name: re.compile(source) for name, source in _literal_gates(lang).items()}
        late = late_gates(lang)
        found = {
            name: tuple(each[name] for each in (literal, late) if name in each)
            for name in {*literal, *late}
        }
        _GATES[lang] = found
    return found

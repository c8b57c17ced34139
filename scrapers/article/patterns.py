"""Attribution patterns over masked text: who said, wrote or found what, from a language module.

Markers (masking.py): \\ue000 a quote, \\ue001 a person, \\ue002 an organisation, each followed by
its index character. Groups: q (a quote), p (a person), pron (he/she), role ("the senator").
Must not import app or dashboards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import ModuleType
from typing import Any, Final

from scrapers.article.substrings import Substrings
from scrapers.article.word_ends import WordEnds

__all__ = [
    "HOLDING",
    "PATTERN_NAMES",
    "PRONOUN_TOKEN_PATTERNS",
    "ROLE_TOKEN_PATTERNS",
    "SUBJECT_PATTERNS",
    "alternation",
    "applicable",
    "case_forms",
    "compiled",
    "ended_word",
    "ends_a_word",
    "every_match",
    "gates",
    "late_gates",
    "may_hold_pronoun",
    "may_hold_role",
    "needs",
    "sentence_keys",
    "suffix_search",
    "word_start",
]


def word_start(words: frozenset[str], *, ignorecase: bool = False) -> str:
    """Return `\\b(?:w1|w2...)` for words that open with a letter, written first letter first:
    "[Tt](?<!\\w.)(?:(?<=[Tt])he)". A pattern led by \\b or a look-behind makes `re` try every
    place of a sentence; one led by a character class jumps to the places holding one (issue 12:
    extraction cost). The same places match; with `ignorecase` the words, not the rest of the
    pattern, ignore case ("[Aa]" is every letter that re.IGNORECASE takes for "a").
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        first = _case_forms(word[0]) if ignorecase else re.escape(word[0])
        by_first.setdefault(first, []).append(re.escape(word[1:]))
    branches = [
        f"(?<=[{first}])" + (f"(?i:{'|'.join(rests)})" if ignorecase else f"(?:{'|'.join(rests)})")
        for first, rests in by_first.items()
    ]
    return f"[{''.join(by_first)}](?<!\\w.)(?:{'|'.join(branches)})"


def _case_forms(letter: str) -> str:
    """Every character re.IGNORECASE matches for `letter` ("s": "S", "s" and "ſ")."""
    same = re.compile(f"(?i:{re.escape(letter)})")
    return "".join(re.escape(c) for c in map(chr, range(0x10000)) if same.fullmatch(c))


def _tree(words: Iterable[str]) -> dict[str, Any]:
    """A prefix tree of `words`, a space standing for any whitespace."""
    tree: dict[str, dict[str, Any]] = {}
    for word in sorted(words):
        node = tree
        for unit in (r"\s+" if char == " " else re.escape(char) for char in word):
            node = node.setdefault(unit, {})
        node[""] = {}  # a word ends here
    return tree


def _branches(node: dict[str, Any]) -> str:
    """The pattern of a prefix-tree node: its continuations, then the word that ends there."""
    options = [unit + _branches(child) for unit, child in node.items() if unit]
    if "" in node:
        options.append("")
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


# One or two auxiliaries before a verb ("has also said", "likes to say", "was quoted as saying").
AUX_WORDS: Final = (
    *("has", "have", "had", "also", "later", "then", "previously", "once", "repeatedly"),
    *("recently", "often", "long", "likes to", "liked to", "loves to", "will", "would"),
    *(f"{be} quoted as" for be in ("was", "is", "were")),
    *(f"{be} {word} to" for be in ("is", "was", "are", "were") for word in ("expected", "set")),
    *(f"{be} {word} to" for be in ("is", "was", "are", "were") for word in ("due", "likely")),
    "went on to",
)
# Written as a prefix tree (_tree), as `alternation` is: `re` tried the ~20 branches of the flat
# list one by one wherever an auxiliary may stand, several times for each name of a sentence
# (issue 12: cost). No word is a prefix of another, so at most one can match at a place: the
# order the branches are tried in changes no match.
AUX: Final = r"(?:" + _branches(_tree(AUX_WORDS)) + r"\s+){0,2}"
# Words with no quote, name or sentence end between them ("U.N." and "Polygraph.info" pass).
# The gaps below that a marker they exclude must end ("...GAP\ue000") can end in one place only,
# the first marker: written possessive ("+"), `re` goes there at once instead of trying every
# shorter gap first (issue 12: extraction cost); the matches are the same. GAP_WITH_POSSESSIVES
# and GAP_OVER_OBJECTS may hold a marker, so they stay lazy.
GAP: Final = r"(?:[^\ue000\ue001\ue002.;!?]|\.(?!\s)){0,120}+"
GAP_WITH_ORGS: Final = r"(?:[^\ue000\ue001.;!?]|\.(?!\s)){0,120}+"
# As GAP_WITH_ORGS, and a possessive name may sit in it: 'said Clinton’s aide Jake Sullivan'.
GAP_WITH_POSSESSIVES: Final = r"(?:[^\ue000\ue001.;!?]|\.(?!\s)|\ue001.[’']s?\b){0,120}?"
# As GAP_WITH_ORGS, and names after a preposition may sit in it: "X deflected questions about
# Mr. Trump before saying, “...”" is X's.
OBJECT_PREPOSITIONS: Final = (
    "about",
    "to",
    "with",
    "for",
    "of",
    "by",
    "from",
    "against",
    "at",
    "on",
)
GAP_OVER_OBJECTS: Final = (
    r"(?:[^\ue000\ue001.;!?]|\.(?!\s)|(?:"
    + "|".join(rf"(?<=\b{word}\s)" for word in OBJECT_PREPOSITIONS)
    + r")\ue001.(?:[’']s?)?){0,160}?"
)
# What a speaker says before quoting: other names may sit in it ("X told CNN that Ginsburg's
# comments “shows bias”", "X replied that Sanders is “driving this train”").
CONTENT_GAP: Final = r"(?:[^\ue000.;!?]|\.(?!\s)){0,120}+"
SHORT_GAP: Final = r"[^\ue000\ue001\ue002,.;!?]{0,60}+"
SHORT_GAP_WITH_ORGS: Final = r"[^\ue000\ue001,.;!?]{0,60}+"
# After a name: " of/at (the) Y", a parenthesis, then ", a fellow at Y," or " — who led the
# talks — " or a bare comma (issue 5: dash asides and long appositives). The parenthesis, dash
# and comma spans exclude the character that ends them, so they are possessive (see GAP).
APPOSITIVE: Final = (
    r"(?:\s+(?:of|from|at|for)\s+(?:the\s+)?(?:\ue002.|[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})){0,2}"
    r"(?:\s*\([^()\ue000\ue001]{1,80}+\))?"
    r"(?:\s*[—–]\s*[^—–\ue000;]{1,160}+\s*[—–]|\s+--\s+[^\ue000;]{1,160}?\s+--"
    r"|(?:,[^,\ue000;]{1,120}+){1,2},|,)?"
)
# "X on Tuesday said", "X last week warned": a time between a speaker and the verb.
# The whitespace opening each of its three forms is read once, not once for each (issue 12:
# cost); each form then opens with a letter, so that whitespace is all there is in every one.
WHEN: Final = (
    r"(?:\s+(?:(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)(?:\s+(?:night|morning|afternoon|evening))?|(?:last|this|earlier|later)\s+"
    r"(?:week|month|year)|yesterday|today))?"
)
# After an inverted speaker comes the end, an appositive or a relative clause, not "'s death".
SPEAKER_END: Final = r"(?=\s*(?:[,.;:!?]|$|\(|\s(?:who|whose|in|on|at|of)\b))"
ADVERB: Final = r"(?:(?:[a-z]+ly|even|still|never|again|just|already|once\s+again)\s+)?"
# Lower-case words between a quote and its speaker: '"...," finance critic X said'.
DESCRIPTOR: Final = (
    r"(?:(?:\ue002.|(?!(?:by|of|to|from|with|for|told|tells|asked|about|than|and|or|as|at|in"
    r"|on|said|says|after|before|while|when)\b)[a-z][\w\-]*)\s+){0,3}"
)
LEAD: Final = r"[,.!?]?\s*(?:[—–-]+\s*)?"
FOUND_VERBS: Final = (
    r"(?:found|finds|suggests|suggested|shows|showed|concluded|concludes|estimated|estimates"
    r"|argues|argued|warned|warns|has\s+shown|have\s+shown)\b"
)
DECLINED: Final = (
    r"(?:declined|refused)\s+to\s+[^\ue000\ue001.;]{1,80}?(?:,\s*|\s+)(?:but\s+|and\s+)?"
    r"(?:saying|said|adding|added|noting|noted|says)\b"
)
# "(in economist X's phrase) “...”": a phrase or view credited to a person.
IN_WORDS: Final = r"(?:phrase|words|view|telling|estimation|account|formulation|coinage)\b"
THE: Final = word_start(frozenset({"The", "the"}))  # \\b[Tt]he
# "he was told by X to...": X's instruction, reported.
PASSIVE_BY: Final = (
    word_start(frozenset({"was", "were", "been", "being"}))
    + r"\s+(?:first\s+)?(?:told|asked|advised|warned|instructed|urged"
    r"|reported|revealed|disclosed|described|announced)\s+(?:[a-z]+\s+){0,2}?by\s+"
)
# What follows p_then_saying's participle: "that", or a quote within three words.
THEN_SAYING_TAIL: Final = r"(?:\s+that\b|(?:\s+(?:[a-z]+|\ue001.)){0,3}\s*[,:]?\s*\ue000(?P<q>.))"
POSTED_VERBS: Final = ("posted", "shared", "wrote", "said")
# "X posted on X/Facebook: “...”", "X wrote on social media that...": a statement online.
POSTED: Final = (
    r"(?:"
    + "|".join(POSTED_VERBS)
    + r")\s+(?:[a-z]+\s+){0,2}?(?:on|to)\s+(?:\ue002.|X\b|Threads|Bluesky"
    r"|LinkedIn|TikTok|Truth\s+Social|social\s+media|(?:his|her|their)\s+(?:[a-z]+\s+)?(?:account"
    r"|page|feed|blog|channel))"
)
# Patterns whose person is the subject of the sentence: a name after a preposition or a
# possessive ("songs by X and Y, added...", "attacks against X") cannot be their speaker.
SUBJECT_PATTERNS: Final = frozenset(
    {"q_p_verb", "p_colon_q", "p_verb_q", "p_put_q", "p_posted", "declined", "p_verb"}
    | {"p_then_saying", "p_gap_colon_q", "p_found"}
)
PATTERN_NAMES: Final = (
    "q_verb_p", "q_p_verb", "q_pron_verb", "q_verb_pron", "q_role_verb", "q_verb_role",
    "p_colon_q", "p_verb_q", "pron_verb_q", "role_verb_q", "comma_verb_p", "q_according",
    "according",
    "words_of", "in_words", "as_put", "p_put_q", "p_posted", "passive_by", "declined",
    "p_verb", "p_who_verb", "p_then_saying", "p_gap_colon_q", "p_found", "study_by",
    "poss_research", "pron_verb", "role_verb",
)  # fmt: skip


def alternation(words: frozenset[str]) -> str:
    """Return a pattern matching any of `words`, longest first, up to a word boundary.

    Written as a prefix tree ("s(?:a(?:id|ys?)|...)"): `re` tries the branches of a flat
    alternation one by one, ~250 at every place a verb may start; the tree tries one letter's
    (issue 12: extraction cost). Each word is still tried before the shorter words it extends,
    as in the flat list sorted longest first, and words that do not extend one another cannot
    match at the same place: the matches are the same.
    """
    return r"(?:" + _branches(_tree(words)) + r")\b"


def ended_word(words: frozenset[str]) -> str:
    """Return a pattern that, searched by `ends_a_word` in the reversed text, finds whether any
    of `words` occurs with a word boundary after it: whether `alternation(words)` has a match.

    Forwards, `re` tries the word tree at nearly every letter of a sentence; backwards, led by
    the character that must come after a word (not a letter, a digit or "_"; a space put before
    the reversed text stands for its end), it tries it only where a word ends (issue 12:
    extraction cost). Only whether there is a match is the same, not where. Words end in a
    letter.
    """
    return r"\W(?:" + _branches(_tree(word[::-1] for word in words)) + ")"


def ends_a_word(pattern: re.Pattern[str], text: str) -> bool:
    """Search an `ended_word` pattern in `text` backwards."""
    return pattern.search(" " + text[::-1]) is not None


def _build(lang: ModuleType) -> dict[str, str]:
    """Return the pattern sources by name, each with an example:

    q_verb_p '"...," said X'; q_p_verb '"...," X said'; q_pron_verb '"...," she said';
    q_role_verb '"...," the senator said'; p_colon_q 'X: "..."'; p_verb_q 'X said: "..."';
    comma_verb_p '..., said X.'; q_according '"...," according to X'; according 'according
    to X'; p_who_verb 'X, who called it...'; words_of 'In the words of X, "..."';
    in_words '(in X's phrase) "..."'; as_put 'As X put it, "..."'; p_put_q 'X put it bluntly:
    "..."'; passive_by 'he was told by X'; declined 'X declined to comment, saying...'; p_verb
    'X argued that...'; p_found 'X has found that...'; study_by 'a study by X found...';
    poss_research "X's research shows..."; pron_verb 'she noted...'; role_verb 'the professor
    noted...'.
    """
    verb = alternation(lang.SPEECH_VERBS | lang.SPEECH_PHRASES)
    inverted = alternation(lang.INVERTED_VERBS)
    research = alternation(lang.RESEARCH_VERBS)
    works = r"(?i:" + alternation(lang.RESEARCH_NOUNS) + ")"
    pron = r"(?P<pron>" + word_start(lang.SUBJECT_PRONOUNS) + r")\b"
    role = THE + r"\s+(?P<role>(?:[a-z][\w\-]*\s+){0,2}?" + alternation(lang.ROLE_NOUNS) + ")"
    q, p = r"\ue000(?P<q>.)", r"\ue001(?P<p>.)"
    said = AUX + ADVERB + verb
    return {
        "q_verb_p": q + LEAD + AUX + inverted + r"\s+" + GAP_WITH_POSSESSIVES + p + SPEAKER_END,
        "q_p_verb": q + LEAD + DESCRIPTOR + p + r"(?P<more>(?:\s*,\s*|\s+and\s+)\ue001.){0,3}"
        + APPOSITIVE + WHEN + r"\s*" + said,
        "q_pron_verb": q + LEAD + pron + r"\s+" + AUX + verb,
        "q_verb_pron": q + LEAD + verb + r"\s+" + pron,
        "q_role_verb": q + LEAD + role + r"\s+" + AUX + verb,
        "q_verb_role": q + LEAD + inverted + r"\s+" + role + SPEAKER_END,
        "p_colon_q": p + APPOSITIVE + r"\s*:\s*" + q,
        "p_verb_q": p + APPOSITIVE + WHEN + r"\s*" + said + CONTENT_GAP + q,
        "pron_verb_q": pron + r"\s+" + AUX + verb + GAP + q,
        "role_verb_q": role + r"\s+" + AUX + verb + GAP + q,
        "comma_verb_p": r",\s*" + inverted + r"\s+" + GAP + p + SPEAKER_END,
        "q_according": q + LEAD + r"(?i:" + lang.ACCORDING_TO + r")\s+" + SHORT_GAP + p,
        "according": word_start(frozenset({lang.ACCORDING_TO}), ignorecase=True) + r"\s+"
        + SHORT_GAP + p,
        "words_of": word_start(frozenset({lang.WORDS_OF}), ignorecase=True) + r"\s+"
        + SHORT_GAP_WITH_ORGS + p
        + APPOSITIVE + r"\s*(?:" + q + ")?",
        "in_words": word_start(frozenset({"In", "in"})) + r"\s+(?:[a-z][\w\-]*\s+){0,3}?" + p
        + r"(?:[’']s?)?\s+" + IN_WORDS
        + r"(?:[^\ue000\ue001.;!?]{0,20}?" + q + ")?",
        "p_put_q": p + APPOSITIVE + r"\s*" + AUX + ADVERB + r"(?:put|puts)\s+it\b"
        + GAP_WITH_ORGS + q,
        "p_posted": p + APPOSITIVE + r"\s*" + AUX + POSTED + r"(?:" + GAP_WITH_ORGS + q + ")?",
        "passive_by": PASSIVE_BY + SHORT_GAP_WITH_ORGS + p,
        "as_put": word_start(frozenset({"As", "as"}))
        + r"\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w\-]*\s+){0,3}?" + p + APPOSITIVE
        + r"\s*" + AUX + ADVERB + r"(?:put|puts)\s+it\b(?:" + GAP_WITH_ORGS + q + ")?",
        "declined": p + APPOSITIVE + r"\s*" + DECLINED + r"(?:" + GAP_WITH_ORGS + q + ")?",
        "p_verb": p + APPOSITIVE + WHEN + r"\s*" + said,
        "p_then_saying": p + GAP_OVER_OBJECTS + r"(?<=[\s,])"
        + alternation(lang.REPORTING_PARTICIPLES) + THEN_SAYING_TAIL,
        "p_gap_colon_q": p + GAP_OVER_OBJECTS + r"\s*:\s*" + q,
        "p_who_verb": p + r"(?:,[^,\ue000;]{1,60}+)?,\s+who\s+" + said
        + r"(?:" + GAP_WITH_ORGS + q + ")?",
        "p_found": p + APPOSITIVE + r"\s*" + AUX + ADVERB + research + r"\s+that\b",
        "study_by": r"(?:" + works + r"|\ue002.)"
        r"(?:\s+(?:of|on|into)\s+[^,.;\ue000\ue001]{1,40}?)?\s+"
        r"(?:(?:led|conducted|written|co-authored|published)\s+)?by\s+" + p + APPOSITIVE
        + r"\s*" + AUX + FOUND_VERBS,
        "poss_research": p + r"(?:[’']s?)?\s+(?:(?:new|latest|own|recent|earlier)\s+)?" + works
        + r"\s+(?:[a-z]+\s+){0,2}?" + FOUND_VERBS,
        "pron_verb": pron + r"\s+" + AUX + verb,
        "role_verb": role + r"\s+" + AUX + ADVERB + verb,
    }  # fmt: skip


_COMPILED: Final[dict[str, dict[str, re.Pattern[str]]]] = {}
# Keyed by the language module itself: looked up for every sentence, and a module hashes by
# identity, with no attribute to read first (late_gates).
_LATE_GATES: Final[dict[ModuleType, dict[str, re.Pattern[str]]]] = {}
PERSON_MARK: Final = "\ue001"
QUOTE_MARK: Final = "\ue000"
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
        "p_posted": POSTED_VERBS,
    }


def _gates(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    """Searches some patterns need to find something: p_then_saying needs one of the reporting
    participles, all ending in "ing"; one search for "ing" followed by a look back for each
    participle costs less than a look-up of each (issue 12: extraction cost)."""
    return {"p_then_saying": re.compile(suffix_search(lang.REPORTING_PARTICIPLES))}


def suffix_search(words: frozenset[str], *, before: str = "") -> str:
    """A pattern found in a text exactly when one of `words` occurs in it, as a substring: their
    common ending, then a look back for each word. `re` looks for a pattern's leading letters
    fast, and tries the rest only where they are. Empty words are not allowed. `before`, a
    pattern of one character, must come right before the word."""
    ending = _common_ending(sorted(words))
    if not ending:
        return "|".join(f"(?<={before}){re.escape(word)}" for word in sorted(words))
    looks = "|".join(f"(?<={before}{re.escape(word)})" for word in sorted(words))
    return f"{re.escape(ending)}(?:{looks})"


def _common_ending(words: list[str]) -> str:
    ending = words[0]
    for word in words[1:]:
        while not word.endswith(ending):
            ending = ending[1:]
    return ending


def needs(name: str) -> tuple[str, ...]:
    """Markers a pattern cannot match without (checked first: most sentences lack them)."""
    marks: list[str] = []
    if "p" in name.split("_") or name in {"according", "q_according", "words_of", "in_words"}:
        marks.append(PERSON_MARK)
    if name in {"declined", "study_by", "poss_research", "passive_by", "as_put"}:
        marks.append(PERSON_MARK)
    if "q" in name.split("_"):
        marks.append(QUOTE_MARK)
    if "pron" in name or "role" in name:
        marks.append("he")  # "he" or "He": in he, she, He, She, the, The
    if name in SPEECH_PATTERNS:
        marks.append(SPEECH)
    return tuple(marks)


def has_speech_verb(lang: ModuleType, sentence: str) -> bool:
    """Tell whether a sentence holds one of the language's speech verbs or phrases followed by a
    non-word character or the end (what every pattern of SPEECH_PATTERNS and the organisations'
    verb patterns need): whether `alternation(lang.SPEECH_VERBS | lang.SPEECH_PHRASES)` finds
    a match.

    Read by an automaton in one pass (word_ends.py): ~4,400 instructions a sentence, 4.0 M over
    the 915 sentences of the 25 PolNeAR pages, where str.find for "said", "says" and "told" then
    the backward search (ended_word) cost ~18,800, 17.2 M (issue 12: cost). Looking for "said"
    first no longer pays: it cost more than the sentences it settles save."""
    automaton = _SPEECH.get(lang)
    if automaton is None:
        automaton = _SPEECH[lang] = WordEnds(lang.SPEECH_VERBS | lang.SPEECH_PHRASES)
    return automaton.found_in(sentence)


_SPEECH: Final[dict[ModuleType, WordEnds]] = {}


def compiled(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    """Return the compiled patterns for `lang`, in the order they are tried."""
    if lang.__name__ not in _COMPILED:
        sources = _build(lang)
        _COMPILED[lang.__name__] = {name: re.compile(sources[name]) for name in PATTERN_NAMES}
        late_gates(lang)  # built here too, on the language's first sentence
    return _COMPILED[lang.__name__]


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
    present = {PERSON_MARK: flags[0], QUOTE_MARK: flags[1], "he": flags[2], SPEECH: flags[3]}
    anyof, gates = _any_keywords(lang), _gates(lang)
    candidates = [
        (
            name,
            pattern,
            frozenset(KEYWORDS.get(name, ())),
            frozenset(anyof.get(name, ())),
            gates.get(name),
        )
        for name, pattern in compiled(lang).items()
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
ORG_MARK: Final = "\ue002"
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
        {word for name in PATTERN_NAMES for word in KEYWORDS.get(name, ())}
        | {word for name in PATTERN_NAMES for word in anyof.get(name, ())}
    )
    assert FIRST_KEYWORD_BIT + len(words) <= 60  # a short int, read natively
    return {word: 1 << (FIRST_KEYWORD_BIT + at) for at, word in enumerate(words)}


def _key_substrings(lang: ModuleType) -> dict[str, int]:
    bits = dict(_keyword_bits(lang))
    fixed: list[tuple[tuple[str, ...], int]] = [
        (("he", "He"), KEY_HE),
        ((QUOTE_MARK,), KEY_QUOTE),
        ((PERSON_MARK,), KEY_PERSON),
        ((ORG_MARK,), KEY_ORG),
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
    whether it has a speech verb (has_speech_verb), `keys` is sentence_keys(lang, sentence)
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


def every_match(
    pattern: re.Pattern[str], text: str, first: re.Match[str] | None = None, start: int = 0
) -> list[re.Match[str]]:
    """Return what `pattern.finditer(text, start)` yields, for a pattern that cannot match the
    empty string (as none of these can: each opens with a marker, a letter or a comma).

    One search, then one from each match's end: finditer builds a scanner object per call, and
    most calls find nothing (issue 12: ~1,700 instructions each, 2,700 calls on the PolNeAR
    pages). Look-behinds and \\b still see the text before the position searched from.
    `first`, when given, is `pattern.search(text, start)` already made.
    """
    found: list[re.Match[str]] = []
    match = pattern.search(text, start) if first is None else first
    while match is not None:
        found.append(match)
        match = pattern.search(text, match.end())
    return found


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
    ends = suffix_search(lang.REPORTING_PARTICIPLES, before=r"[\s,]")
    return {
        "p_then_saying": f"(?:{ends})\\b{THEN_SAYING_TAIL}",
        "p_found": alternation(lang.RESEARCH_VERBS) + r"\s+that\b",
        "p_posted": POSTED,
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

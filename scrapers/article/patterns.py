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

from scrapers.article.word_ends import WordEnds

__all__ = [
    "ORG_MARK",
    "PATTERN_NAMES",
    "PERSON_MARK",
    "QUOTE_MARK",
    "SUBJECT_PATTERNS",
    "alternation",
    "compiled",
    "ended_word",
    "ends_a_word",
    "every_match",
    "has_speech_verb",
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
PERSON_MARK: Final = "\ue001"
QUOTE_MARK: Final = "\ue000"
ORG_MARK: Final = "\ue002"


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
    return _COMPILED[lang.__name__]


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

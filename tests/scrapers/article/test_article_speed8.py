"""Issue 12 (extraction cost), eighth round: the literals the per-sentence gates of
choice.applicable and organisations.org_sources look for, read by one automaton
(substrings.Substrings, choice.sentence_keys) in place of `in` checks and set look-ups. The
replaced forms are kept here and compared on random texts, with near misses."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import choice, lang_en, organisations
from scrapers.article.masking import Masked
from scrapers.article.substrings import Substrings

SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PERSON, QUOTE, ORG = "\ue001", "\ue000", "\ue002"
KEYWORD_BITS = choice._keyword_bits(lang_en)
KEY_WORDS = sorted(choice._key_substrings(lang_en))

# --- the replaced forms -----------------------------------------------------------------------


def old_has_capital_he(sentence: str) -> bool:
    return "He " in sentence or "HE " in sentence or "hE " in sentence


def old_says_according(sentence: str) -> bool:
    if "ccord" in sentence:
        return True
    if "cc" in sentence or "CC" in sentence or "Cc" in sentence or "cC" in sentence:
        return "ccord" in sentence.lower()
    return False


_Pair = tuple[str, re.Pattern[str]]
_OldPlan = tuple[_Pair, tuple[str, ...], tuple[str, ...], re.Pattern[str] | None]
_OldKeywords = tuple[tuple[str, tuple[str, ...]], ...]


def old_plans(
    lang: ModuleType, flags: tuple[bool, bool, bool, bool]
) -> tuple[list[_OldPlan], _OldKeywords]:
    """choice._planned as it was: keywords as tuples, each with the shorter ones inside it."""
    candidates, words = choice._candidates(lang, flags)
    plans = [
        ((name, pattern), tuple(sorted(needed)), tuple(sorted(oneof)), gate)
        for name, pattern, needed, oneof, gate in candidates
    ]
    ordered = sorted(words, key=lambda word: (len(word), word))
    keywords = tuple(
        (word, tuple(part for part in ordered[:at] if part in word))
        for at, word in enumerate(ordered)
    )
    return plans, keywords


def old_applicable(
    lang: ModuleType, sentence: str, *, speech: bool
) -> list[tuple[str, re.Pattern[str]]]:
    he = "he" in sentence or "He" in sentence
    flags = (PERSON in sentence, QUOTE in sentence, he, speech)
    plans, keywords = old_plans(lang, flags)
    found: set[str] = set()
    for word, parts in keywords:
        if all(part in found for part in parts) and word in sentence:
            found.add(word)
    chosen: list[tuple[str, re.Pattern[str]]] = []
    for pair, needed, oneof, gate in plans:
        if any(word not in found for word in needed):
            continue
        if oneof and not any(word in found for word in oneof):
            continue
        if gate is not None and gate.search(sentence) is None:
            continue
        chosen.append(pair)
    return chosen


def old_org_flags(sentence: str, *, speech: bool) -> tuple[bool, ...] | None:
    """The gates of org_sources as they were: None where it returned [] at once."""
    has_org = ORG in sentence
    if not has_org and "he " not in sentence and not old_has_capital_he(sentence):
        return None
    spokes = any(word in sentence for word in ("spokes", "statement", "representative", "press"))
    if not (has_org or speech or spokes):
        return None
    has_the = "the " in sentence or "The " in sentence
    has_quote = QUOTE in sentence
    colon = has_quote and has_org and ":" in sentence
    according = has_org and old_says_according(sentence)
    return (has_org, has_the, speech, has_quote, spokes, colon, according)


def old_org_sources(
    masked: Masked, sentence: str, lang: ModuleType, *, speech: bool
) -> list[organisations.OrgSource]:
    """org_sources with its old gates: the patterns chosen as before, run as org_sources runs
    them (its keys given as the old gates read them)."""
    flags = old_org_flags(sentence, speech=speech)
    if flags is None:
        return []
    has_org, has_the, _, has_quote, spokes, colon, according = flags
    keys = choice.KEY_ORG if has_org else 0
    keys |= choice.KEY_HE_SPACE | (choice.KEY_THE if has_the else 0)
    keys |= (choice.KEY_QUOTE if has_quote else 0) | (choice.KEY_SPOKES if spokes else 0)
    keys |= (choice.KEY_COLON if colon else 0) | (choice.KEY_ACCORD if according else 0)
    return organisations.org_sources(masked, sentence, lang, speech=speech, keys=keys)


def reference_keys(sentence: str) -> int:
    """sentence_keys by `in`: each bit set where one of its literals is in the sentence."""
    keys = 0
    checks = [
        ("he" in sentence or "He" in sentence, choice.KEY_HE),
        (QUOTE in sentence, choice.KEY_QUOTE),
        (PERSON in sentence, choice.KEY_PERSON),
        (ORG in sentence, choice.KEY_ORG),
        ("he " in sentence.lower(), choice.KEY_HE_SPACE),
        (any(w in sentence for w in organisations.SPOKES_WORDS), choice.KEY_SPOKES),
        ("the " in sentence or "The " in sentence, choice.KEY_THE),
        (":" in sentence, choice.KEY_COLON),
        ("ccord" in sentence.lower(), choice.KEY_ACCORD),
        *((word in sentence, bit) for word, bit in KEYWORD_BITS.items()),
    ]
    for present, bit in checks:
        if present:
            keys |= bit
    return keys


# --- texts ------------------------------------------------------------------------------------

WHITESPACE = [" ", "  ", "\n", "\t", "\xa0", "\u2009", "\u2028", "\x85"]
NON_ASCII = ["é", "ſ", "K", "İ", "ﬀ", "ß", "\u0301", "’", "“", "”", "—", "Ç", "Ｃ", "ｃ"]
PIECES = st.one_of(
    st.sampled_from(KEY_WORDS),
    st.sampled_from(KEY_WORDS).map(str.upper),
    st.sampled_from(KEY_WORDS).map(str.title),
    st.sampled_from(KEY_WORDS).map(lambda word: word[: len(word) // 2 + 1]),
    st.sampled_from(KEY_WORDS).map(lambda word: word[len(word) // 2 :]),
    st.sampled_from(["\ue000\ue100", "\ue001\ue100", "\ue002\ue100", "\ue002\ue101", "\ue000"]),
    st.sampled_from(["accord", "ACCORD", "AcCoRd", "cc", "cC", "according to", "Accord", "h"]),
    st.sampled_from(["he", "He", "HE", "hE", "e ", "the", "The", "she", "by", "d to", "it", "x"]),
    st.sampled_from(WHITESPACE),
    st.sampled_from(NON_ASCII),
    st.sampled_from([",", ".", ":", ";", "'", "-", "(", ")", "0", "_"]),
    st.characters(blacklist_categories=("Co", "Cs")),
)
TEXTS = st.lists(PIECES, max_size=20).map("".join)
NEAR_MISSES = [
    "",
    "h",
    "he",
    "he\t",
    "he\xa0",
    "hE\n",
    "the\t",
    "thE ",
    "tHe ",
    "ccor d",
    "cord",
    "acc ord",
    "Ａccord",
    "ｃcord",
    "ACCORDIN",
    "ccording t",
    "ccording  to",
    "Ccording to",
    "spoke",
    "statemen",
    "represent",
    "pres",
    "wrot e",
    "d to",
    "d  to ",
    "by",
    " by",
    "by\t",
    "it",
    " i t",
    "words  of",
    "word of",
    "tha t",
    "in g",
    "wh o",
    "pu t",
    "sai d",
    "postes",
    "share",
    "sugge",
    "estima",
    "conclu",
    "argu",
    "war n",
    "phras",
    "tellin",
    "formulatio",
    "coinag",
    "accoun",
    "\ue003",
    "\ue0ff",
    "\uf8ff",
    "He",
    "sHe",
    "The",
]


# --- the automaton ----------------------------------------------------------------------------


@SETTINGS
@given(TEXTS)
def test_sentence_keys_as_in_checks(sentence: str) -> None:
    assert choice.sentence_keys(lang_en, sentence) == reference_keys(sentence)


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_sentence_keys_on_near_misses(sentence: str) -> None:
    assert choice.sentence_keys(lang_en, sentence) == reference_keys(sentence)
    for word in KEY_WORDS:
        for text in (word, f"x{word}y", word + sentence, sentence + word, word[:-1], word[1:]):
            assert choice.sentence_keys(lang_en, text) == reference_keys(text), text


def test_every_literal_alone_and_overlapping() -> None:
    """Each literal found alone, and literals overlapping or inside one another."""
    for word in KEY_WORDS:
        assert choice.sentence_keys(lang_en, word) == reference_keys(word), word
    for text in ("she ", "The ", "ccording to", "by by ", "d to by ", "showed", "wrote:"):
        assert choice.sentence_keys(lang_en, text) == reference_keys(text), text


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(st.sampled_from("ab \ue000\ue002"), min_size=1, max_size=4),
        st.integers(min_value=1, max_value=(1 << 20) - 1),
        min_size=1,
        max_size=6,
    ),
    st.text(st.sampled_from("ab \ue000\ue001\ue002é"), max_size=30),
)
def test_substrings_as_in(bits: dict[str, int], text: str) -> None:
    """Any small set of substrings (prefixes of each other, overlapping): the bits of those in
    the text, however the text spells them."""
    expected = 0
    for word, bit in bits.items():
        if word in text:
            expected |= bit
    assert Substrings(bits).found_in(text) == expected


def test_substrings_refuse_other_characters() -> None:
    with pytest.raises(AssertionError):
        Substrings({"é": 1})


def test_lower_casing_adds_only_ascii_case_forms() -> None:
    """ "he " and "ccord" in the lower-cased sentence are their ASCII case forms in it (what
    KEY_HE_SPACE and KEY_ACCORD read): no other character lower-cases to text holding their
    letters."""
    letters = [chr(code) for code in range(0x110000)]
    assert {c for c in letters if set(c.lower()) & set("he cord")} == set("hHeE cCoOrRdD")
    assert set(choice.case_forms("he ")) == {"he ", "He ", "hE ", "HE "}
    assert len(set(choice.case_forms("ccord"))) == 32


# --- the gates that read it -------------------------------------------------------------------


@SETTINGS
@given(TEXTS, st.booleans())
def test_applicable_as_before(sentence: str, speech: bool) -> None:
    assert choice.applicable(lang_en, sentence, speech=speech) == old_applicable(
        lang_en, sentence, speech=speech
    )
    keys = choice.sentence_keys(lang_en, sentence)
    given_keys = choice.applicable(lang_en, sentence, speech=speech, keys=keys)
    assert given_keys == old_applicable(lang_en, sentence, speech=speech)


@pytest.mark.parametrize("sentence", NEAR_MISSES)
@pytest.mark.parametrize("speech", [False, True])
def test_applicable_on_near_misses(sentence: str, speech: bool) -> None:
    for word in KEY_WORDS:
        text = f"\ue001\ue100 {word} \ue000\ue100 {sentence}"
        assert choice.applicable(lang_en, text, speech=speech) == old_applicable(
            lang_en, text, speech=speech
        ), text


ORG_TEXTS = st.lists(
    st.one_of(
        PIECES.filter(lambda piece: not any(0xE000 <= ord(c) <= 0xF8FF for c in piece)),
        st.sampled_from(["\ue000\ue100", "\ue001\ue100", "\ue002\ue100", "\ue002\ue101"]),
        st.sampled_from(["\ue002\ue100 said", "according to \ue002\ue101", "\ue002\ue100: "]),
        st.sampled_from(["a spokesperson for \ue002\ue100", "the ministry said", "He told"]),
    ),
    max_size=20,
).map("".join)


@SETTINGS
@given(ORG_TEXTS, st.booleans())
def test_org_sources_as_before(sentence: str, speech: bool) -> None:
    masked = Masked(text=sentence, quotes=["Q one.", "Q two"], orgs=["Acme", "Ministry"])
    new = organisations.org_sources(masked, sentence, lang_en, speech=speech)
    assert new == old_org_sources(masked, sentence, lang_en, speech=speech)


@pytest.mark.parametrize("sentence", NEAR_MISSES)
@pytest.mark.parametrize("speech", [False, True])
def test_org_sources_on_near_misses(sentence: str, speech: bool) -> None:
    masked = Masked(text="", quotes=["Q one.", "Q two"], orgs=["Acme", "Ministry"])
    for lead in ("\ue002\ue100 said ", "a spokesperson for \ue002\ue101, ", "the ministry said "):
        for text in (lead + sentence, sentence + " " + lead, f"{sentence}{lead}\ue000\ue100"):
            keys = choice.sentence_keys(lang_en, text)
            new = organisations.org_sources(masked, text, lang_en, speech=speech, keys=keys)
            assert new == old_org_sources(masked, text, lang_en, speech=speech), text


def test_flag_bits_are_the_flags_index() -> None:
    """applicable's index, (keys & FLAG_KEYS) | speech, is flags_index of the flags read."""
    for person, quote, he, speech in choice.FLAG_SETS:
        keys = (choice.KEY_PERSON if person else 0) | (choice.KEY_QUOTE if quote else 0)
        keys |= (choice.KEY_HE if he else 0) | choice.KEY_ORG | choice.KEY_ACCORD
        index = (keys & choice.FLAG_KEYS) | int(speech)
        assert index == choice.flags_index((person, quote, he, speech))

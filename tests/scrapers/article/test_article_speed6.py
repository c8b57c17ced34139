"""Issue 12 (extraction cost), sixth round (the speech-verb gate read by an automaton,
word_ends.py): the gate gives what the form it replaced gave. The old form is kept here and
compared on random texts, with the forward alternation it stands for."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import lang_en, patterns, word_ends
from tests.scrapers.article.test_article_attribution_speed import SENTENCES

SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPEECH_WORDS = lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES
FORWARD = re.compile(patterns.alternation(SPEECH_WORDS))
# The gate before: "said", "says" and "told" by str.find, then the backward search.
OLD_COMMON = ("said", "says", "told")
OLD_BACKWARD = re.compile(patterns.ended_word(SPEECH_WORDS))


def old_has_speech_verb(lang: ModuleType, sentence: str) -> bool:
    for word in OLD_COMMON:
        at = sentence.find(word)
        while at >= 0:
            end = at + len(word)
            if end == len(sentence):
                return True
            after = sentence[end]
            if not (after.isalnum() or after == "_"):
                return True
            at = sentence.find(word, at + 1)
    return patterns.ends_a_word(OLD_BACKWARD, sentence)


WHITESPACE = st.lists(
    st.sampled_from([" ", "\n", "\t", "\xa0", "\u2009", "\u2028", "\x1c"]), min_size=1
)
# A phrase's words apart, across any run of whitespace (or none).
PHRASES = st.tuples(
    st.sampled_from(sorted(lang_en.SPEECH_PHRASES)), WHITESPACE.map("".join) | st.just("")
).map(lambda pair: pair[0].replace(" ", pair[1]))
# Pieces of the words, whole words, near misses, and every kind of character around them.
PIECES = st.one_of(
    st.sampled_from(sorted(SPEECH_WORDS)),
    PHRASES,
    st.sampled_from(sorted({word.split()[0] for word in lang_en.SPEECH_PHRASES})),
    st.sampled_from(["back", "in", "out", "sai", "d", "ed", "ing", "un", "re", "x", "Said"]),
    st.sampled_from(["\ue000\ue100", "\ue001\ue101", "\ue002\ue102", "\ue000", "\ue001"]),
    st.sampled_from(["é", "ſ", "ß", "\u0301", "٣", "²", "_", "0", "9", "A", "Z"]),
    st.sampled_from([" ", "  ", "\n", "\t", "\xa0", "\u2009", "\u2028", "\x1c", "\x85"]),
    st.sampled_from([",", ".", ";", ":", "!", "?", "’", "'", "“", "”", "—", "-", "(", ")", "/"]),
    st.characters(),
)
TEXTS = st.lists(PIECES, max_size=16).map("".join)
NEAR_MISSES = [
    "unsaid",
    "unsaid.",
    "said_",
    "saidx",
    "said9",
    "saidé",
    "said\u0301",
    "Said so",
    "SAID so",
    "sai d",
    "fired\nback",
    "fired\n \tback.",
    "fired\xa0back",
    "fired back_",
    "fired backs",
    "firedback",
    "fired, back",
    "weighed\u2028in",
    "weighed in",
    "weighed into",
    "chimed ins",
    "speaks out loud",
    "spokesman",
    "misfired back",
    "retold",
    "toldſ",
    "told\ue000\ue100",
    "\ue001\ue100 said\ue000\ue101",
    "the vote",
    "",
    " ",
    "s",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_speech_gate_examples(text: str) -> None:
    expected = FORWARD.search(text) is not None
    assert old_has_speech_verb(lang_en, text) is expected
    assert patterns.has_speech_verb(lang_en, text) is expected


@SETTINGS
@given(st.one_of(TEXTS, SENTENCES))
def test_speech_gate_as_before(text: str) -> None:
    """The automaton, the old gate and the forward alternation agree."""
    expected = FORWARD.search(text) is not None
    assert old_has_speech_verb(lang_en, text) is expected
    assert patterns.has_speech_verb(lang_en, text) is expected


WORD_SETS = st.frozensets(
    st.lists(st.sampled_from("abs"), min_size=1, max_size=4).map("".join)
    | st.tuples(
        st.lists(st.sampled_from("ab"), min_size=1, max_size=3).map("".join),
        st.lists(st.sampled_from("ab"), min_size=1, max_size=3).map("".join),
    ).map(" ".join),
    min_size=1,
    max_size=5,
)
SMALL_TEXTS = st.lists(
    st.sampled_from(["a", "b", "s", "ab", "ba", " ", "  ", "\n", "\xa0", "_", "é", ".", "\ue000"]),
    max_size=12,
).map("".join)


@SETTINGS
@given(WORD_SETS, SMALL_TEXTS)
def test_word_ends_finds_what_the_alternation_finds(words: frozenset[str], text: str) -> None:
    """Any set of words: overlapping ones, ones inside others, phrases sharing a first word."""
    automaton = word_ends.WordEnds(words)
    assert automaton.found_in(text) is (re.search(patterns.alternation(words), text) is not None)


def test_every_character_reads_as_re_reads_it() -> None:
    """A non-ASCII character stands for the ASCII one of its kind: whitespace, a word
    character or neither, as `re` tells them (\\s, \\w), over the whole BMP."""
    space, word = re.compile(r"\s"), re.compile(r"\w")
    for code in range(128, 0x10000):
        char = chr(code)
        like = chr(word_ends._like(code))
        assert (space.match(char) is None) is (space.match(like) is None), hex(code)
        assert (word.match(char) is None) is (word.match(like) is None), hex(code)

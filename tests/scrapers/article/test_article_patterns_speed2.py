"""Issue 12 (extraction cost): each rewrite gives what the form it replaced gave.

choice.HOLDING lets _attribute skip a pattern when the one it holds finds nothing, and reuse
that one's first match: such a pattern never matches where the one it holds does not, and
`applicable` chooses the held one with it. _cleaned cleans the lines of a text as the text was
cleaned whole."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import choice, lang_en, patterns, quotes
from tests.scrapers.article.test_article_attribution_speed import (
    CHUNKS,
    SENTENCE_PIECES,
    SEPARATORS,
)

HOLDING_CHUNKS = st.sampled_from(
    [
        "\ue000\ue100, she said",
        "\ue000\ue100,” he has also said",
        "\ue000\ue100 — the senator said",
        "\ue000\ue100,” the former finance minister added",
        "\ue000\ue100, \ue001\ue100 and \ue001\ue101 said",
        "\ue000\ue100,” party leader \ue001\ue100 said",
        "\ue001\ue100 (R-Texas), a senator, on Tuesday said that \ue000\ue101",
        "\ue001\ue100 — who led the talks — said \ue000\ue100",
        "she told reporters that \ue000\ue100",
        "the senator said that \ue000\ue101",
        "\ue001\ue100 of \ue002\ue100 said: \ue000\ue101",
        "\ue001\ue100, \ue001\ue101,",
        "They repeatedly said",
    ]
)
SENTENCES = st.lists(
    st.tuples(st.one_of(HOLDING_CHUNKS, CHUNKS, SENTENCE_PIECES), SEPARATORS), max_size=16
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_a_holding_pattern_matches_only_where_the_held_one_does(sentence: str) -> None:
    compiled = patterns.compiled(lang_en)
    for name, held in choice.HOLDING.items():
        if compiled[name].search(sentence) is not None:
            assert compiled[held].search(sentence) is not None, name


def test_holding_examples_match() -> None:
    compiled = patterns.compiled(lang_en)
    for name, sentence in [
        ("q_pron_verb", "\ue000\ue100, she said."),
        ("pron_verb_q", "She said that \ue000\ue100"),
        ("q_role_verb", "\ue000\ue100, the senator said."),
        ("role_verb_q", "The senator said \ue000\ue100"),
        ("q_p_verb", "\ue000\ue100, \ue001\ue100 and \ue001\ue101 said."),
        ("p_verb_q", "\ue001\ue100 said: \ue000\ue100"),
    ]:
        assert compiled[name].search(sentence) is not None, sentence
        assert compiled[choice.HOLDING[name]].search(sentence) is not None, sentence


def test_applicable_chooses_the_held_pattern_with_its_holders() -> None:
    """Whatever the sentence, its markers and keywords: the held pattern's needs and keywords
    are a part of each holder's, so it is among the candidates whenever a holder is."""
    any_keywords = choice._any_keywords(lang_en)
    for name, held in choice.HOLDING.items():
        assert set(choice.needs(held)) <= set(choice.needs(name)), name
        assert set(choice.KEYWORDS.get(held, ())) <= set(choice.KEYWORDS.get(name, ())), name
        assert any_keywords.get(held) == any_keywords.get(name), name
        assert held not in choice.late_gates(lang_en), name
        assert patterns.PATTERN_NAMES.index(held) > patterns.PATTERN_NAMES.index(name), name


def old_every_match(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_every_match_from_a_first_match_as_finditer(sentence: str) -> None:
    for held in set(choice.HOLDING.values()):
        pattern = patterns.compiled(lang_en)[held]
        first = pattern.search(sentence)
        new = patterns.every_match(pattern, sentence, first) if first is not None else []
        old = old_every_match(pattern, sentence)
        assert [(m.span(), m.groupdict()) for m in new] == [(m.span(), m.groupdict()) for m in old]


def test_every_stray_code_point_is_unprintable() -> None:
    """_cleaned keeps a printable line as it is: no code point STRAY_RE finds is printable."""
    for code in range(0x110000):
        char = chr(code)
        if quotes.STRAY_RE.match(char):
            assert not char.isprintable(), hex(code)
            assert not char.isascii(), hex(code)


def old_lines(text: str) -> list[str]:
    """extract_sources's paragraphs before _cleaned: the whole text cleaned, then split."""
    if quotes.STRAY_RE.search(text) is not None:
        text = quotes.PRIVATE_USE_RE.sub(" ", text)
        text = quotes.BIDI_CONTROL_RE.sub("", text)
    return [p for p in text.split("\n") if p.strip()]


def new_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if not text.isascii():
        lines = [quotes._cleaned(line) for line in lines]
    return [p for p in lines if p.strip()]


STRAY_TEXTS = st.lists(
    st.sampled_from(
        [
            *["a", "Jane Doe", " ", "\n", "\t", "\xa0", "“", "é", "\u200e", "\u200f", "\u202a"],
            *["\u202e", "\u2066", "\u2069", "\u206a", "\ue000", "\ue100", "\uf8ff", "\uf900"],
            *["\u200d", "\u2028", "\U0001f600", "\x00", "."],
        ]
    )
    | st.characters(),
    max_size=30,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(STRAY_TEXTS)
def test_cleaned_lines_as_the_text_cleaned_whole(text: str) -> None:
    assert new_lines(text) == old_lines(text)

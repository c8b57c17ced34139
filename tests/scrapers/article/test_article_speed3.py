"""Issue 12 (extraction cost), third round: each rewrite of the sentence engine gives what the
form it replaced gave. The old forms are kept here and compared on random texts."""

from __future__ import annotations

import re
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import choice, cues, lang_en, organisations, patterns, quotes
from tests.scrapers.article.test_article_attribution_speed import (
    CHUNKS,
    SENTENCE_PIECES,
    SEPARATORS,
)

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CUE_PIECES = st.sampled_from(
    [
        *["she", "She", "SHE", "her", "Her", "hers", "herself", "he", "He", "him", "his", "Him"],
        *["himself", "ſhe", "the", "The", "a", "an", "another", "one", "two", "three", "mayor"],
        *["husband", "wife", "spokesman", "senator", "prime", "minister", "Raman", "Mr", "It"],
        *["and", "with", "members", "told", "said", "Obama", "O’Brien", "x-ray", "Z"],
        *["\ue000\ue100", "\ue000a", "\ue001\ue100", "\ue002\ue101", "\ue000"],
        *" ,.;:’'-",
        " ",
        "  ",
        "\xa0",
    ]
)
CUE_SENTENCES = st.lists(st.tuples(CUE_PIECES, SEPARATORS), max_size=18).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)
SENTENCES = st.lists(st.tuples(st.one_of(CHUNKS, SENTENCE_PIECES), SEPARATORS), max_size=16).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)
ORG_CHUNKS = st.sampled_from(
    [
        "\ue002\ue100 said",
        "\ue002\ue101 (AI) on Monday said",
        "\ue000\ue100,” \ue002\ue100 said",
        "\ue000\ue100, said the \ue002\ue101.",
        "\ue002\ue100: \ue000\ue101",
        "a spokesman for the \ue002\ue100",
        "A spokeswoman for the health ministry",
        "the ministry said",
        "The agency warned",
        "\ue000\ue100,” the department said",
        "according to the \ue002\ue100",
        "According to \ue002\ue101",
    ]
)
ORG_SENTENCES = st.lists(
    st.tuples(st.one_of(ORG_CHUNKS, SENTENCE_PIECES), SEPARATORS), max_size=14
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def test_the_searched_patterns_never_match_the_empty_string() -> None:
    """every_match searches on from each match's end, as finditer does for non-empty matches:
    so for the organisations' patterns and the cue and person-marker searches."""
    searched = [
        *organisations._compiled(lang_en).values(),
        cues.PRONOUN_RE,
        cues.CAPITALISED_RE,
        cues.OTHER_PERSON_RE,
        quotes.PERSON_RE,
    ]
    for pattern in searched:
        assert re._parser.parse(pattern.pattern).getwidth()[0] > 0, pattern  # type: ignore[attr-defined]


@SETTINGS
@given(ORG_SENTENCES, st.integers(0, 40))
def test_every_match_from_a_start_as_finditer(sentence: str, start: int) -> None:
    """org_sources, focus_pronouns and extract_sources read every_match, not finditer."""
    searched = [
        *organisations._compiled(lang_en).values(),
        cues.PRONOUN_RE,
        quotes.PERSON_RE,
    ]
    for pattern in searched:
        old = list(pattern.finditer(sentence, start))
        assert _spans(patterns.every_match(pattern, sentence, start=start)) == _spans(old)
        assert _spans(patterns.every_match(pattern, sentence)) == _spans(
            list(pattern.finditer(sentence))
        )


def old_names_someone_else(sentence: str, lang: ModuleType) -> bool:
    for match in cues.CAPITALISED_RE.finditer(cues._blanked(sentence)):
        if match.group().lower() not in lang.NOT_NAMES:
            return True
    return False


def old_other_person_at(text: str, after: int, lang: ModuleType, *, last: int) -> int:
    own = cues.OWN_APPOSITIVE_RE.match(text, after) if after else None
    start = own.end() if own else after
    if start > last:
        return len(text)
    for match in cues.OTHER_PERSON_RE.finditer(text, start):
        if match.start() > last:
            break
        if lang.ROLE_NOUNS.intersection(match.group(1).split()):
            return match.start()
    return len(text)


@SETTINGS
@given(CUE_SENTENCES, st.integers(0, 30), st.integers(0, 60))
def test_cue_searches_as_before(sentence: str, after: int, last: int) -> None:
    """names_someone_else, focus_pronouns and _other_person_at search on from each match
    instead of walking finditer's scanner."""
    assert cues.names_someone_else(sentence, lang_en) is old_names_someone_else(sentence, lang_en)
    after = min(after, len(sentence))
    old_found = [
        (m.start(), m.group()) for m in cues.PRONOUN_RE.finditer(cues._blanked(sentence), after)
    ]
    matches = patterns.every_match(cues.PRONOUN_RE, cues._blanked(sentence), start=after)
    assert [(m.start(), m.group()) for m in matches] == old_found
    new_at = cues._other_person_at(sentence, after, lang_en, last=last)
    assert new_at == old_other_person_at(sentence, after, lang_en, last=last)


SPEECH_PIECES = st.sampled_from(
    [
        *("said", "says", "told"),
        *("Said", "Says", "Told"),
        "unsaid",
        "saidx",
        "said_",
        "said9",
        "saidé",
        "toldſ",
        "sai",
        "d",
        "pointed",
        "out",
        "weighed",
        "in",
        "the",
        *["\ue000\ue100", "\ue001\ue100", "\ue002\ue101", "’", "-", ",", ".", "\u0301"],
        " ",
        "\xa0",
        "\t",
    ]
)
SPEECH_TEXTS = st.lists(st.one_of(SPEECH_PIECES, SENTENCE_PIECES), max_size=14).map("".join)


def old_has_speech_verb(lang: ModuleType, sentence: str) -> bool:
    backward = re.compile(patterns.ended_word(lang.SPEECH_VERBS | lang.SPEECH_PHRASES))
    return patterns.ends_a_word(backward, sentence)


@SETTINGS
@given(st.one_of(SPEECH_TEXTS, SENTENCES))
def test_has_speech_verb_as_before(sentence: str) -> None:
    """The backward search as before, and the gate now (test_article_speed6.py), agree with
    the forward alternation."""
    forward = re.compile(patterns.alternation(lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES))
    expected = forward.search(sentence) is not None
    assert old_has_speech_verb(lang_en, sentence) is expected
    assert patterns.has_speech_verb(lang_en, sentence) is expected


PRONOUN_PIECES = st.sampled_from(
    [
        *sorted(lang_en.SUBJECT_PRONOUNS),
        *["the", "The", "they", "shed", "hes", "ſhe", "HE", "_", "9", "é", "x"],
        *["said", "has", "also", "told", "added", "\ue000\ue100", "\ue001\ue100", "“", "(", "-"],
        *[" ", "  ", "\xa0", "\t", "\n", "\u2028", ",", "."],
    ]
)
PRONOUN_TEXTS = st.lists(PRONOUN_PIECES, max_size=14).map("".join)


@SETTINGS
@given(st.one_of(PRONOUN_TEXTS, SENTENCES))
def test_pronoun_gate_is_the_pronoun_then_whitespace(sentence: str) -> None:
    """may_hold_pronoun finds what the patterns' pronoun and the whitespace after it find, and
    so holds wherever one of PRONOUN_TOKEN_PATTERNS matches (_attribute skips them otherwise)."""
    pronoun = re.compile(patterns.word_start(lang_en.SUBJECT_PRONOUNS) + r"\b\s")
    found = choice.may_hold_pronoun(lang_en, sentence)
    assert found is (pronoun.search(sentence) is not None)
    compiled = patterns.compiled(lang_en)
    for name in choice.PRONOUN_TOKEN_PATTERNS:
        if compiled[name].search(sentence) is not None:
            assert found, name


def test_pronoun_gated_patterns_take_the_pronoun_then_whitespace() -> None:
    """Each gated pattern's source has the pronoun group followed by \\s+."""
    pron = r"(?P<pron>" + patterns.word_start(lang_en.SUBJECT_PRONOUNS) + r")\b\s+"
    sources = patterns._build(lang_en)
    for name in choice.PRONOUN_TOKEN_PATTERNS:
        assert pron in sources[name], name


GATE_PIECES = st.one_of(
    st.sampled_from(
        [
            *sorted(lang_en.RESEARCH_VERBS),
            *["that", "thatch", "that_", "has shown", "found  that", "found\xa0that", ":", " : "],
            *["\ue000\ue100", "\ue001\ue100", "\ue001\ue101: ", "about \ue001\ue101", "to "],
        ]
    ),
    SENTENCE_PIECES,
    CHUNKS,
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(GATE_PIECES, SEPARATORS), max_size=14))
def test_gates_skip_only_what_cannot_match(pairs: list[tuple[str, str]]) -> None:
    """_attribute skips a pattern when any of its gates (the literal ones, then the late ones)
    finds nothing: none finds nothing where the pattern matches."""
    sentence = "".join(piece + sep for piece, sep in pairs)
    compiled = patterns.compiled(lang_en)
    for name, gated in choice.gates(lang_en).items():
        if compiled[name].search(sentence) is not None:
            assert all(gate.search(sentence) is not None for gate in gated), name


def test_gates_keep_the_examples_that_match() -> None:
    gated = choice.gates(lang_en)
    assert set(gated) == {"p_then_saying", "p_found", "p_posted", "study_by", "p_gap_colon_q"}
    assert gated["p_then_saying"] == (choice.late_gates(lang_en)["p_then_saying"],)
    for name, sentence in [
        ("p_found", "\ue001\ue100 has found that it works."),
        ("p_found", "\ue001\ue100 has shown  that it works."),
        ("p_found", "\ue001\ue100 found\xa0that it works."),
        ("p_gap_colon_q", "\ue001\ue100 spoke to \ue001\ue101 later: \ue000\ue100"),
    ]:
        assert patterns.compiled(lang_en)[name].search(sentence) is not None, sentence
        assert all(gate.search(sentence) is not None for gate in gated[name]), sentence
    assert gated["p_found"][0].search("\ue001\ue100 said that it works.") is None


ROLE_PIECES = st.sampled_from(
    [
        *sorted(lang_en.ROLE_NOUNS)[::7],
        *["senator", "professor", "mayor", "senators", "the", "The", "THE", "other", "then"],
        *["former", "vice", "x-ray", "_the", "9the", "éthe", "\ue000\ue100", "\ue001\ue100"],
        *["said", "has also said", "told", "noted", "added", "she", "\ue000\ue100,", "—"],
        *[" ", "  ", "\xa0", "\t", "\n", ",", "."],
    ]
)
ROLE_TEXTS = st.lists(ROLE_PIECES, max_size=14).map("".join)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ROLE_TEXTS, SENTENCES))
def test_role_gate_holds_where_a_role_pattern_matches(sentence: str) -> None:
    """_attribute skips ROLE_TOKEN_PATTERNS where may_hold_role finds nothing: none matches
    there."""
    compiled = patterns.compiled(lang_en)
    if not choice.may_hold_role(lang_en, sentence):
        for name in choice.ROLE_TOKEN_PATTERNS:
            assert compiled[name].search(sentence) is None, name


def test_role_gate_examples() -> None:
    for sentence in [
        "The senator said it.",
        "\ue000\ue100, the former finance minister added",
        "(the\xa0mayor\tsaid so)",
        "the vice   president said",
    ]:
        assert choice.may_hold_role(lang_en, sentence), sentence
    for sentence in ["Bathe senator said", "the long standing old senator said", "They said"]:
        assert not choice.may_hold_role(lang_en, sentence), sentence

"""Issue 12 (extraction cost): each rewrite of the attribution step gives what the form it
replaced gave. The old forms are kept here and compared on random texts."""

from __future__ import annotations

import re
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import choice, lang_en, patterns, quotes

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKERS = ["\ue000\ue100", "\ue001\ue100", "\ue002\ue101"]
TITLE_PIECES = st.sampled_from(
    [
        *lang_en.TITLE_WORDS,
        *(word.upper() for word in lang_en.TITLE_WORDS),
        *(word.title() for word in lang_en.TITLE_WORDS),
        *MARKERS,
        "their ",
        "the ",
        "a",
        "s",
        "e",
        " ",
        "  ",
        "\t",
        "\n",
        "\xa0",
        ",",
        "-",
        "_",
        "9",
        "é",
        "ſ",  # long s: re.IGNORECASE takes it for "s"
        "K",  # Kelvin sign: for "k"
        "\u0301",  # a combining mark, no word character
    ]
)
TEXTS = st.lists(TITLE_PIECES, max_size=12).map("".join)


@SETTINGS
@given(TEXTS, TEXTS)
def test_title_before_ends_where_the_forward_pattern_searched(text: str, after: str) -> None:
    """_attribute matched TITLE_BEFORE_RE (\\b...\\s*$) from every place of the text before a
    quote; TITLE_BEFORE matches its reverse once."""
    sentence = text + "\ue000\ue100" + after
    end = len(text) + 2  # match.start("q") of the quote marker
    old = lang_en.TITLE_BEFORE_RE.search(sentence, 0, end - 1) is not None
    assert lang_en.TITLE_BEFORE.ends(sentence[: end - 1]) is old


def old_commitment(lang: ModuleType, sentence: str, match: re.Match[str]) -> bool:
    verb = match.group().split()[-1] if match.group().split() else ""
    follows = quotes.TO_VERB_RE.match(sentence, match.end())
    return verb in lang.ACTION_BEFORE_TO and follows is not None


COMMIT_PIECES = st.sampled_from(
    [*sorted(lang_en.ACTION_BEFORE_TO), "said", "X", " ", "  ", "\t", "to", "To", "sell", "."]
)


@SETTINGS
@given(st.lists(COMMIT_PIECES, max_size=10).map("".join), st.integers(0, 12), st.integers(0, 12))
def test_commitment_as_before(sentence: str, start: int, length: int) -> None:
    """_commitment now tries the "to" after the match before splitting the match's words."""
    start = min(start, len(sentence))
    match = re.compile(f"(?s).{{{min(length, len(sentence) - start)}}}").match(sentence, start)
    assert match is not None
    assert quotes._commitment(lang_en, sentence, match) is old_commitment(lang_en, sentence, match)


def test_no_pattern_matches_the_empty_string() -> None:
    """every_match searches on from each match's end, as finditer does for non-empty matches."""
    for name, pattern in patterns.compiled(lang_en).items():
        assert re._parser.parse(pattern.pattern).getwidth()[0] > 0, name  # type: ignore[attr-defined]


_WORDS = sorted(
    lang_en.SPEECH_VERBS
    | lang_en.REPORTING_PARTICIPLES
    | lang_en.ROLE_NOUNS
    | lang_en.RESEARCH_NOUNS
    | lang_en.RESEARCH_VERBS
    | lang_en.SUBJECT_PRONOUNS
    | lang_en.SPEECH_PHRASES
)
SENTENCE_PIECES = st.sampled_from(
    [
        *_WORDS,
        *MARKERS,
        "\ue001\ue101",
        "\ue000\ue101",
        *["the", "The", "a", "by", "it", "put", "that", "who", "of", "to", "in", "words"],
        *["according", "According", "declined", "In", "As", "as", "was", "told", "her", "his"],
        *["has", "also", "Monday", "last", "week"],
        *" ,.:;!?()—–-’'",
        " ",
        "  ",
        "\xa0",
    ]
)
# Chunks that make the patterns match, so that matches after the first are compared too.
CHUNKS = st.sampled_from(
    [
        "\ue001\ue100 said",
        "\ue001\ue101 has also said that",
        "\ue000\ue100, said",
        "\ue000\ue101,” \ue001\ue100 said",
        "the senator said",
        "The professor noted",
        "she said",
        "He added",
        "according to \ue001\ue101",
        "\ue001\ue100: \ue000\ue101",
        "\ue001\ue100 found that",
        "\ue001\ue100, a fellow at \ue002\ue100, said",
        "\ue001\ue100’s research shows",
        "a study by \ue001\ue101 found",
        "In the words of",
        "\ue001\ue100 put it",
        "\ue001\ue100 declined to comment, saying",
        "was told by \ue001\ue100",
        "\ue001\ue100 posted on \ue002\ue101",
        "\ue001\ue101, who said",
        "before saying,",
        "\ue001\ue100 and \ue001\ue101 said",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", "", ", ", ": ", "\xa0"])
SENTENCES = st.lists(st.tuples(st.one_of(CHUNKS, SENTENCE_PIECES), SEPARATORS), max_size=16).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_every_match_finds_what_finditer_found(sentence: str) -> None:
    for name, pattern in patterns.compiled(lang_en).items():
        new = patterns.every_match(pattern, sentence)
        assert _spans(new) == _spans(list(pattern.finditer(sentence))), name


def old_applicable(
    lang: ModuleType, sentence: str, *, speech: bool
) -> list[tuple[str, re.Pattern[str]]]:
    """choice.applicable before its plans: every keyword looked up, frozensets compared."""
    he = "he" in sentence or "He" in sentence
    flags = (patterns.PERSON_MARK in sentence, patterns.QUOTE_MARK in sentence, he, speech)
    candidates, keywords = choice._candidates(lang, flags)
    found = {word for word in keywords if word in sentence}
    return [
        (name, pattern)
        for name, pattern, needed, oneof, gate in candidates
        if needed <= found
        and (not oneof or not oneof.isdisjoint(found))
        and (gate is None or gate.search(sentence) is not None)
    ]


KEYWORD_PIECES = st.sampled_from(
    sorted({word for flags in choice.FLAG_SETS for word in choice._candidates(lang_en, flags)[1]})
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(KEYWORD_PIECES, SENTENCE_PIECES, CHUNKS, SEPARATORS), max_size=16).map(
        "".join
    ),
    st.booleans(),
)
def test_applicable_as_before_its_plans(sentence: str, speech: bool) -> None:
    assert choice.applicable(lang_en, sentence, speech=speech) == old_applicable(
        lang_en, sentence, speech=speech
    )


def test_plans_hold_their_keywords_bits() -> None:
    """Each plan's masks are the bits of its candidate's keywords (choice.sentence_keys)."""
    bits = choice._keyword_bits(lang_en)
    for flags in choice.FLAG_SETS:
        plans = choice._plans(lang_en, choice.flags_index(flags))
        candidates, _ = choice._candidates(lang_en, flags)
        assert len(plans) == len(candidates)
        for (pair, needed, oneof, gate), candidate in zip(plans, candidates, strict=True):
            assert pair == candidate[:2] and gate is candidate[4]
            assert needed == sum(bits[word] for word in candidate[2])
            assert oneof == sum(bits[word] for word in candidate[3])


def test_then_saying_pattern_as_before() -> None:
    """p_then_saying's tail is now the named THEN_SAYING_TAIL: the same pattern."""
    old_tail = r"(?:\s+that\b|(?:\s+(?:[a-z]+|\ue001.)){0,3}\s*[,:]?\s*" + r"\ue000(?P<q>.)" + ")"
    source = patterns.compiled(lang_en)["p_then_saying"].pattern
    assert source.endswith(patterns.alternation(lang_en.REPORTING_PARTICIPLES) + old_tail)


THEN_PIECES = st.one_of(
    st.sampled_from([*sorted(lang_en.REPORTING_PARTICIPLES), "that", "thatch", "ing", "sing"]),
    SENTENCE_PIECES,
    CHUNKS,
)


def test_late_gates_are_parts_of_their_patterns() -> None:
    """Each gate but p_then_saying's is a piece of its pattern outside any optional group
    (checked by reading _build); p_then_saying's is its participle and tail."""
    sources = {name: p.pattern for name, p in patterns.compiled(lang_en).items()}
    gates = choice.late_gates(lang_en)
    assert set(gates) == {"p_then_saying", "p_found", "p_posted", "study_by"}
    for name, gate in gates.items():
        if name != "p_then_saying":
            assert gate.pattern in sources[name], name
    assert gates["p_then_saying"].pattern.endswith(patterns.THEN_SAYING_TAIL)


LATE_PIECES = st.one_of(
    st.sampled_from(
        [
            *sorted(lang_en.REPORTING_PARTICIPLES),
            *sorted(lang_en.RESEARCH_VERBS),
            *patterns.POSTED_VERBS,
            *["that", "thatch", "ing", "sing", "by", "on", "X", "Threads", "his feed"],
            *["a study", "research", "led by", "\ue002\ue100", "Research"],
        ]
    ),
    SENTENCE_PIECES,
    CHUNKS,
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LATE_PIECES, SEPARATORS), max_size=14))
def test_late_gates_skip_only_what_cannot_match(pairs: list[tuple[str, str]]) -> None:
    sentence = "".join(piece + sep for piece, sep in pairs)
    compiled = patterns.compiled(lang_en)
    for name, gate in choice.late_gates(lang_en).items():
        if gate.search(sentence) is None:
            assert compiled[name].search(sentence) is None, name


def test_late_gates_keep_the_examples_that_match() -> None:
    compiled, gates = patterns.compiled(lang_en), choice.late_gates(lang_en)
    for name, sentence in [
        ("p_then_saying", "\ue001\ue100 hit back, saying that it was wrong."),
        ("p_then_saying", "\ue001\ue100 spoke about \ue001\ue101 before saying, \ue000\ue100"),
        ("p_then_saying", "\ue001\ue100 went on, adding \ue000\ue100"),
        ("p_found", "\ue001\ue100 has found that it works."),
        ("p_posted", "\ue001\ue100 posted on X: \ue000\ue100"),
        ("study_by", "A study by \ue001\ue100 found more."),
    ]:
        assert compiled[name].search(sentence) is not None, sentence
        assert gates[name].search(sentence) is not None, sentence
    skipped = "\ue001\ue100 met \ue001\ue101 before saying goodbye to the staff."
    assert gates["p_then_saying"].search(skipped) is None

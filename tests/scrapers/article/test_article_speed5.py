"""Issue 12 (extraction cost), fifth round (the AUX prefix tree and WHEN): each rewrite of the
sentence engine gives what the form it replaced gave. The old forms are kept here and compared
on random texts."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import lang_en, organisations, patterns
from tests.scrapers.article.test_article_attribution_speed import (
    CHUNKS,
    SENTENCE_PIECES,
    SEPARATORS,
)

SETTINGS = settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The forms AUX and WHEN replaced: a flat list of auxiliaries; whitespace before each time.
OLD_AUX = (
    r"(?:(?:has|have|had|also|later|then|previously|once|repeatedly|recently|often|long"
    r"|likes\s+to|liked\s+to|loves\s+to|(?:was|is|were)\s+quoted\s+as|will|would"
    r"|(?:is|was|are|were)\s+(?:expected|set|due|likely)\s+to|went\s+on\s+to)\s+){0,2}"
)
OLD_WHEN = (
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)(?:\s+(?:night|morning|afternoon|evening))?|\s+(?:last|this|earlier|later)\s+"
    r"(?:week|month|year)|\s+(?:yesterday|today))?"
)
AUX_PIECES = st.sampled_from(
    [
        *patterns.AUX_WORDS,
        *["is", "was", "are", "were", "quoted", "as", "to", "on", "went", "likes", "lov", "ha"],
        *["expected", "set", "due", "likely", "said", "says", "told", "added", "argued", "put it"],
        *["Monday", "Sunday", "night", "late", "early", "last", "this", "week", "year"],
        *["yesterday", "today", "earlier", "later", "\ue001\ue100", "\ue002\ue100", "\ue000\ue101"],
        *["he", "She", "the senator", "the ministry", "(AI)", ",", "—"],
    ]
)
WHITESPACE = st.one_of(SEPARATORS, st.sampled_from(["  ", "\n", " \xa0", "\t"]))
# A speaker, up to three auxiliaries or times, then a verb: where AUX and WHEN are read.
SPEAKER_AUX = st.tuples(
    st.sampled_from(["\ue001\ue100", "\ue000\ue100,” he", "\ue002\ue100", "the senator"]),
    st.lists(st.tuples(WHITESPACE, AUX_PIECES), max_size=3),
    WHITESPACE,
    st.sampled_from(["said", "told", "argued", "put it", "found that", "posted on X", "noted"]),
).map(lambda t: t[0] + "".join(s + w for s, w in t[1]) + t[2] + t[3])
AUX_SENTENCES = st.lists(
    st.tuples(st.one_of(SPEAKER_AUX, AUX_PIECES, CHUNKS, SENTENCE_PIECES), WHITESPACE),
    max_size=14,
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))


def _old_sources() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Each pattern holding AUX or WHEN, with its old form."""
    compiled = [*patterns.compiled(lang_en).values(), *organisations._compiled(lang_en).values()]
    pairs = []
    for pattern in compiled:
        old = pattern.pattern.replace(patterns.AUX, OLD_AUX).replace(patterns.WHEN, OLD_WHEN)
        if old != pattern.pattern:
            pairs.append((pattern, re.compile(old)))
    return pairs


OLD_PATTERNS = _old_sources()


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_aux_words_are_prefix_free() -> None:
    """The tree's branches are tried in another order than the flat list's: no change, since no
    auxiliary is a prefix of another. Then two cannot match at one place: where they first
    differ, each needs another letter, or one a letter and the other whitespace."""
    for word in patterns.AUX_WORDS:
        assert not any(o != word and o.startswith(word) for o in patterns.AUX_WORDS), word
    assert len(set(patterns.AUX_WORDS)) == len(patterns.AUX_WORDS)


def test_aux_and_when_are_in_the_patterns() -> None:
    """The comparison below covers the speech patterns of both modules."""
    names = {pattern.pattern for pattern, _ in OLD_PATTERNS}
    assert patterns.compiled(lang_en)["p_verb"].pattern in names
    assert organisations._compiled(lang_en)["org_verb"].pattern in names
    assert len(OLD_PATTERNS) >= 15


@SETTINGS
@given(AUX_SENTENCES)
def test_aux_tree_and_when_match_as_before(sentence: str) -> None:
    for pattern, old in OLD_PATTERNS:
        assert _spans(list(pattern.finditer(sentence))) == _spans(list(old.finditer(sentence)))


def test_aux_and_when_examples() -> None:
    examples = [
        "\ue001\ue100 has also said that",
        "\ue001\ue100 was quoted as saying",
        "\ue001\ue100 is expected to announce",
        "\ue001\ue100 were set to say",
        "\ue001\ue100 went on to say",
        "\ue001\ue100 likes to say",
        "\ue001\ue100 on Monday night said",
        "\ue001\ue100\xa0last\xa0week warned",
        "\ue001\ue100  yesterday told",
        "\ue001\ue100 today has said",
        "\ue002\ue100 (AI) late Sunday said",
        "\ue000\ue100,” she has said",
        "\ue001\ue100 are quoted as saying",
        "\ue001\ue100 has have had said",
    ]
    for word in patterns.AUX_WORDS:  # each auxiliary, alone and before another
        for lead in ("\ue001\ue100 ", "\ue000\ue100,” she ", "the ministry ", "\ue002\ue100 "):
            examples.append(f"{lead}{word} said")
            examples.append(f"{lead}{word}  also\xa0told")
            examples.append(f"{lead}{word} posted on X")
    for sentence in examples:
        for pattern, old in OLD_PATTERNS:
            assert _spans(list(pattern.finditer(sentence))) == _spans(
                list(old.finditer(sentence))
            ), (sentence, pattern.pattern)

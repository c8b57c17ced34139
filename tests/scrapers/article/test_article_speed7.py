"""Issue 12 (extraction cost), seventh round (the per-sentence bookkeeping: person markers read
once, pronouns found by h-led searches): each rewrite gives what the form it replaced gave. The
old forms are kept here and compared on random texts and on near misses."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import cues, quotes
from scrapers.article.masking import FIRST_INDEX, PERSON, QUOTE, Masked, Mention

SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- cues.pronouns_in: PRONOUN_RE's matches, by two h-led searches -----------------------------


def old_pronouns(text: str, start: int) -> list[tuple[int, str]]:
    """What focus_pronouns read before: every PRONOUN_RE match from `start`."""
    return [(m.start(), m.group()) for m in cues.PRONOUN_RE.finditer(text, start)]


PRONOUN_PIECES = st.sampled_from(
    [
        *["he", "He", "HE", "hE", "she", "She", "SHE", "sHe", "ſhe", "ſHE", "her", "Her", "HER"],
        *["hers", "herself", "HERSELF", "him", "Him", "himself", "his", "His", "HIS", "hıs"],
        *["hİs", "hiſ", "herb", "hero", "shed", "shes", "the", "this", "which", "hiss", "ahe"],
        *["sshe", "she's", "he’s", "h", "H", "s", "S", "ſ", "e", "_he", "3he", "éhe", "heé"],
        *[" ", "  ", ",", ".", "-", "'", "\n", QUOTE, PERSON, "\ue100", "\ue101", "“", "”", "é"],
    ]
)
PRONOUN_TEXTS = st.one_of(
    st.lists(PRONOUN_PIECES, max_size=16).map("".join),
    st.lists(PRONOUN_PIECES, max_size=12).map(" ".join),
    st.text(alphabet="hHsSſeEiIrRmMlf ı İ_.\ue000\ue100", max_size=30),
)


@SETTINGS
@given(PRONOUN_TEXTS, st.integers(min_value=0, max_value=40))
def test_pronouns_in_as_pronoun_re(text: str, start: int) -> None:
    assert cues.pronouns_in(text, start) == old_pronouns(text, start)


def test_pronouns_in_near_misses() -> None:
    texts = [
        "she",  # "she" from 0; from 1 neither finds it nor the "he" in it
        "She said he knew her and his wife; hers, herself, himself.",
        "sHE and ſhe and SHE",
        "herb, hero, shed, hiss, this, the, which, sshe, ahe, _he, 3he",
        "He\nshe\nHIM",
        "\ue001\ue100 said she would.",
        "\ue000\ue100he said",
        "xshe she",
        "Hhe hhe hHe",
        "She she She",
    ]
    for text in texts:
        for start in range(len(text) + 2):
            assert cues.pronouns_in(text, start) == old_pronouns(text, start), (text, start)


def test_only_h_is_an_h_to_ignorecase() -> None:
    """pronouns_in leads with a literal h or H: no other character is one to re.IGNORECASE."""
    either = re.compile("(?i:h)")
    hs = [chr(c) for c in range(sys.maxunicode + 1) if either.fullmatch(chr(c))]
    assert hs == ["H", "h"]


# --- quotes._person_marks: PERSON_RE's matches, by str.find --------------------------------


def old_person_marks(masked: Masked, sentence: str) -> list[tuple[int, Mention]]:
    """What extract_sources read before: every PERSON_RE match and the mention it indexes."""
    return [
        (m.start(), masked.people[ord(m.group(1)) - FIRST_INDEX])
        for m in quotes.PERSON_RE.finditer(sentence)
    ]


# 300 people: a marker or a quote marker read as an index (a marker after a marker) reads a
# negative one, as PERSON_RE's "(.)" makes both forms do; any other character fails in both.
MASKED = Masked(text="", people=[Mention(f"Person {i}") for i in range(300)])
INDEXES = [chr(FIRST_INDEX + i) for i in range(4)]
MARK_PIECES = st.sampled_from(
    [PERSON, PERSON, QUOTE, "\n", " ", "x", "said", ",", "\u2028", "\r", *INDEXES]
)
MARK_SENTENCES = st.lists(MARK_PIECES, max_size=14).map("".join)


def _outcome(read: Callable[[Masked, str], object], sentence: str) -> object:
    try:
        return read(MASKED, sentence)
    except IndexError:
        return IndexError


@SETTINGS
@given(MARK_SENTENCES)
def test_person_marks_as_person_re(sentence: str) -> None:
    new = _outcome(quotes._person_marks, sentence)
    assert new == _outcome(old_person_marks, sentence)


def test_person_marks_near_misses() -> None:
    a, b = INDEXES[0], INDEXES[1]
    sentences = [
        "",
        PERSON,  # no character after it: no marker
        f"x {PERSON}",
        f"{PERSON}\n{PERSON}{a}",  # a line break after it: none there, the next one read
        f"{PERSON}{a}{PERSON}{b} and {PERSON}{a}.",
        f"said {PERSON}{b}{PERSON}",
        f"{PERSON}\n",
        f"{PERSON}\n\n{PERSON}{b}",
        f"{PERSON}{PERSON}{PERSON}{a}",  # the second marker is the first one's index
        f"{PERSON}{QUOTE}{PERSON}{b}",
        f"{PERSON}\r{PERSON}{b}",  # "\r" is no line break to "."
    ]
    for sentence in sentences:
        new = _outcome(quotes._person_marks, sentence)
        assert new == _outcome(old_person_marks, sentence), sentence
    assert _outcome(quotes._person_marks, f"{PERSON}x") is IndexError

"""Each backwards-matched ending finds what its forward `$` pattern finds (issue 12: cost)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers.article import masking, names, organisations, quotes
from scrapers.article.endings import Ending

ENDINGS = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in (masking, names, organisations, quotes)
    for name, value in vars(module).items()
    if isinstance(value, Ending)
}
# Pieces that make the patterns match, half-match and fail: their words, case, apostrophes,
# accents (a combining mark is no word character), markers and the words of their lookbehinds.
PIECES = [
    *"aAbZé- _.,9’'&\t\n\u0301\ue001",
    "the ",
    "The ",
    "THE ",
    "of ",
    "Of ",
    "to ",
    "in ",
    "into ",
    "with ",
    "about  ",
    "and ",
    "for ",
    "near ",
    "words ",
    "behalf ",
    "according ",
    "Senator ",
    "New York ",
    "U.S. ",
    "finance critic ",
    "Ministry",
    "’s ",
    "'s",
    "said ",
    "X ",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)


def _forward(ending: Ending, text: str) -> str | None:
    match = ending.forward.search(text)
    if match is None:
        return None
    return match.group(1 if ending.forward.groups else 0)


def test_endings_are_found_in_every_module_that_uses_them() -> None:
    assert {"names.PLACE_AFTER", "masking.WORD_BEFORE", "organisations.OBJECT_BEFORE"} <= set(
        ENDINGS
    )


@pytest.mark.parametrize("name", sorted(ENDINGS))
def test_backward_pattern_has_the_forward_groups(name: str) -> None:
    ending = ENDINGS[name]
    assert ending.backward.groups == ending.forward.groups <= 1
    assert ending.forward.pattern.endswith("$")


@pytest.mark.parametrize("name", sorted(ENDINGS))
@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_backward_match_equals_forward_search(name: str, text: str) -> None:
    ending = ENDINGS[name]
    assert ending.find(text) == _forward(ending, text)
    assert ending.ends(text) == (ending.forward.search(text) is not None)


@pytest.mark.parametrize("name", sorted(ENDINGS))
def test_backward_match_equals_forward_search_on_many_strings(name: str) -> None:
    ending = ENDINGS[name]
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
        assert ending.find(text) == _forward(ending, text), repr(text)

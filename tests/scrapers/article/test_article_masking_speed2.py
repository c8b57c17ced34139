"""Issue 12 (cost): names._capital_tokens, the capitals found by flag bytes, equals the regex
split it replaced, on random texts of letters in and out of Latin-1, marks, markers and "?"."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import lang_en, names

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    *["Anna", "Berg", " ", "  ", "?", "A", "a", "É", "é", "Ł", "ł", "ǅ", "Ⅻ", "ℂ", "İ", "ß"],
    *["’", "'", "-", ".", "R.J.", "U.S.", "Mc", "Donald", "O’Neill", "\ue000\ue100", "\ue001"],
    *["\U0001d400", "\ud800", "(", "“", "—", "3", "_", "van der ", "\n", "Ω", "Жук", "×"],
    *[",", ";", ":", ")", "!", '"', "”", "Smith.", "Lee, ", "\t", "A. ", "ABC"],
    *["Smith”", "Lee”, ", "Ab1", "Ab_", "Aé", "A.", "Ab.c", "Ab,,", "X?"],
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=60),
)


def old_capital_tokens(text: str, capitals: re.Pattern[str]) -> list[names._Token]:
    """The split form: text between candidates and the candidates, places from the lengths."""
    pieces = capitals.split(text)
    tokens: list[names._Token] = []
    start = 0
    for index in range(1, len(pieces), 2):
        start += len(pieces[index - 1])
        tokens.append((start, start + len(pieces[index]), pieces[index]))
        start += len(pieces[index])
    return tokens


@SETTINGS
@given(TEXTS)
def test_capital_tokens_equal_the_split(text: str) -> None:
    capitals = names._lang(lang_en).capitals
    assert names._capital_tokens(text, capitals) == old_capital_tokens(text, capitals)


def test_capital_flags_mark_the_latin1_capitals_and_the_replacement() -> None:
    flagged = {chr(i) for i, flag in enumerate(names.CAPITAL_FLAGS) if flag}
    assert flagged == {c for c in map(chr, range(256)) if c.isupper() or c.istitle()} | {"?"}
    assert set(names.CAPITAL_FLAGS) == {0, 1}
    upper = "".join(c for c in map(chr, range(0x10000)) if c.isupper() or c.istitle())
    assert re.escape(upper) == names.UPPER

"""Issue 12 (extraction cost), fourth round, names.py and masking.py: each rewrite gives what the
form it replaced gave. The old forms are kept here and compared on random texts."""

from __future__ import annotations

import re
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import lang_en, masking, names
from scrapers.article import resolver as resolving
from tests.scrapers.article.test_article_names_speed import NAME_PIECES

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARK_PIECES = [
    *['"', "“", "”", "«", "»", "„", "‘", "’", "’’", "‘‘", "``", "''", "'", "`", ".", "!", "?"],
    *["\ue000", "\ue000\ue100", "\ue001\ue101", " ", "  ", "(", "—", "a", "Ab", "é", "3", "\n"],
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(NAME_PIECES + MARK_PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(MARK_PIECES), max_size=30).map("".join),
    st.text(max_size=40),
)


# --- the forms before this round ---------------------------------------------------------


def old_places(text: str, chars: str) -> list[int]:
    return sorted(i for char in chars for i in range(len(text)) if text.startswith(char, i))


def old_marker(kind: str, index: int) -> str:
    return kind + masking.MARKER_INDEXES[min(index, masking.MAX_MARKERS)]


def old_mask_quotes(paragraph: str) -> masking.Masked:
    for old, new in masking.QUOTE_FIXES:
        paragraph = paragraph.replace(old, new)
    if "''" in paragraph:
        paragraph = masking.OPENING_PAIR_RE.sub("“", paragraph).replace("''", "”")
    masked = masking.Masked(text="")
    pieces: list[str] = []
    last = 0
    for start, end in masking.find_quotes(paragraph)[: masking.MAX_MARKERS]:
        pieces.append(paragraph[last:start])
        pieces.append(old_marker(masking.QUOTE, len(masked.quotes)))
        masked.quotes.append(paragraph[start:end].strip('"“”«»„‘’ '))
        last = end
    pieces.append(paragraph[last:])
    masked.text = "".join(pieces)
    return masked


def old_object_before(behind: str, tokens: list[str] | None = None) -> bool:
    if not behind[:1].isspace():
        return False
    words = behind.split(None, 1) if tokens is None else tokens
    if not words:
        return False
    word = words[0]
    if not word[0].isalpha():
        return False
    if word.isalpha() and word.isascii():
        return word[::-1].lower() in masking.OBJECT_WORDS
    return masking.OBJECT_BEFORE.ends_reversed(behind)


def old_word_before(behind: str, tokens: list[str] | None = None) -> str | None:
    words = behind.split(None, 1) if tokens is None else tokens
    if not words:
        return None
    word = words[0]
    if word.isalpha():
        return word[::-1]
    if not word[0].isalnum():
        return None
    return masking.WORD_BEFORE.find_reversed(behind)


def old_descriptor_words(behind: str, tokens: list[str] | None = None) -> list[str]:
    if not behind[:1].isspace():
        return []
    words: list[str] = []
    for token in (behind.split(None, 3) if tokens is None else tokens)[:3]:
        if token.isalnum() and token[-1] in masking.ASCII_LETTERS:
            words.append(token[::-1])
            continue
        run = 0
        while run < len(token) and (token[run].isalnum() or token[run] in "_-"):
            run += 1
        start = run
        while start > 0 and token[start - 1] not in masking.ASCII_LETTERS:
            start -= 1
        if start:
            words.append(token[:start][::-1])
        if start < len(token):
            break
    words.reverse()
    return words


def old_find_names(text: str, language: ModuleType) -> list[names.NameSpan]:
    lang = names._lang(language)
    spans: list[names.NameSpan] = []
    for run in names._runs(text, lang):
        for segment, bare in names._segments(run, text, lang):
            span = names._span(segment, bare, text, lang)
            if span is not None:
                spans.append(span)
    return spans


def old_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper() and "." not in token


# --- the comparisons ----------------------------------------------------------------------


@SETTINGS
@given(TEXTS)
def test_places_equal_every_place_of_each_character(text: str) -> None:
    quote_places = [m.start() for m in masking.QUOTE_CHAR_RE.finditer(text)]
    assert masking._places(text, masking.QUOTE_MARKS, masking.QUOTE_MARKS_ASCII) == quote_places
    assert quote_places == old_places(text, masking.QUOTE_CHARS)
    boundary = masking._places(text, masking.BOUNDARY_MARKS, masking.BOUNDARY_MARKS_ASCII)
    assert boundary == old_places(text, masking.BOUNDARY_STARTS)


def test_the_mark_tuples_hold_each_character_and_the_ascii_ones() -> None:
    for marks, ascii_marks, chars in (
        (masking.QUOTE_MARKS, masking.QUOTE_MARKS_ASCII, masking.QUOTE_CHARS),
        (masking.BOUNDARY_MARKS, masking.BOUNDARY_MARKS_ASCII, masking.BOUNDARY_STARTS),
    ):
        assert "".join(marks) == chars
        assert ascii_marks == tuple(c for c in chars if ord(c) < 128)


def test_made_markers_equal_the_markers_made_anew() -> None:
    for kind in (masking.QUOTE, masking.PERSON, masking.ORG):
        for index in [*range(masking.MADE_MARKERS + 3), masking.MAX_MARKERS, 10**6]:
            assert masking._marker(kind, index) == old_marker(kind, index)


@SETTINGS
@given(TEXTS)
def test_mask_quotes_equals_the_looped_fixes(paragraph: str) -> None:
    assert masking._mask_quotes(paragraph) == old_mask_quotes(paragraph)


@SETTINGS
@given(st.one_of(TEXTS, st.lists(st.sampled_from(["A", "B", "b", "z", "É", "é", ".", "ǅ"]))
                 .map("".join)))  # fmt: skip
def test_acronym_equals_isupper(token: str) -> None:
    assert names._acronym(token) == old_acronym(token)


BEFORE_PIECES = [
    *["the ", "physicist ", "finance critic ", "Sen. ", "to ", "with ", "TO ", "ﬁnd ", "K ", "\t"],
    *["co-chair ", "x_y ", "3rd ", "-a ", "a- ", "é ", "éa ", "aé ", "\ue000\ue100 ", "(", ")"],
    *[" ", "  ", "\xa0", "\n", ",", ".", "’", "'", "-", "_", "a", "Z", "9", "ß", "İ", "Ω"],
]
BEFORES = st.one_of(
    st.lists(st.sampled_from(BEFORE_PIECES + NAME_PIECES[:60]), max_size=14).map("".join),
    st.text(max_size=30),
)


@SETTINGS
@given(BEFORES)
def test_last_words_read_forwards_equal_the_reversed_reading(before: str) -> None:
    before = before[-masking.LOOK_BEHIND :]
    behind = before[::-1]
    tokens, reversed_tokens = before.rsplit(None, 3), behind.split(None, 3)
    assert [t[::-1] for t in reversed(tokens)] == reversed_tokens  # the same words
    for shared in (False, True):
        forwards = tokens if shared else None
        backwards = reversed_tokens if shared else None
        assert masking._object_before(before, forwards) == old_object_before(behind, backwards)
        assert masking._word_before(before, forwards) == old_word_before(behind, backwards)
        descriptor = masking._descriptor_words(before, forwards)
        assert descriptor == old_descriptor_words(behind, backwards)


def test_held_words_are_the_modules_lists() -> None:
    held = names.held_words(lang_en)
    assert held is names.held_words(lang_en) is names._lang(lang_en)
    for field in ("ABBREVIATIONS", "ROLE_NOUNS", "TITLE_ROLES", "GENDERED_ROLES", "TITLES"):
        assert getattr(held, field) is getattr(lang_en, field)


@SETTINGS
@given(TEXTS)
def test_find_names_equals_the_segments_of_every_run(text: str) -> None:
    assert names.find_names(text, lang_en) == old_find_names(text, lang_en)


@SETTINGS
@given(st.text(min_size=1, max_size=3))
def test_opens_upper_is_the_first_letters_isupper(word: str) -> None:
    assert names._opens_upper(word) == word[0].isupper()


QUOTE_ENDS = st.lists(st.sampled_from(['"', "”", "’", ")", ".", "!", "?", "a", "\n", " "]))


@SETTINGS
@given(st.one_of(TEXTS, QUOTE_ENDS.map("".join)))
def test_ends_a_sentence_equals_the_quote_end_search(quote: str) -> None:
    assert masking._ends_a_sentence(quote) == (masking.QUOTE_END_RE.search(quote) is not None)


def test_quote_end_closers_are_the_patterns() -> None:
    assert f"[{masking.QUOTE_END_CLOSERS}]" == '["”’)]'
    assert masking.QUOTE_END_RE.pattern == r"[.!?][\"”’)]*$"


@SETTINGS
@given(TEXTS)
def test_several_words_once_per_name_equal_the_split(name: str) -> None:
    resolver = resolving.Resolver([], lang=lang_en)
    for _ in range(2):
        assert resolver._several(name) == (len(name.split()) > 1)


def old_bare(token: str) -> str:
    word = token.rstrip(".").lower()
    return names.TITLE_SUFFIX_RE.sub("", word) if "-" in word else word


TOKEN_PIECES = ["A", "s", "S", ".", "..", "-", "-elect", "’s", "'s", "’", "'", "İ", "é", "x", "ǅ"]


@SETTINGS
@given(st.one_of(TEXTS, st.lists(st.sampled_from(TOKEN_PIECES), max_size=6).map("".join)))
def test_bare_and_clean_token_read_by_numbers_equal_the_forms_before(token: str) -> None:
    assert names._bare(token) == old_bare(token)
    old = token
    if old[-1:] in (".", "s"):
        if len(old) > 3 and old.endswith(".") and old.count(".") == 1:
            old = old[:-1]
        old = re.sub(r"[’']s?$", "", old) if old.endswith(("’s", "'s")) else old
    assert names._clean_token(token) == old


@SETTINGS
@given(st.lists(st.sampled_from(TOKEN_PIECES), min_size=1, max_size=6).map("".join))
def test_possessive_by_numbers_equals_the_marks_and_ends(token: str) -> None:
    old = token[-1] in names.POSSESSIVE_MARKS or token[-2:] in names.POSSESSIVE_ENDS
    assert names._possessive(token) == old


def test_particle_first_codes_are_the_first_letters() -> None:
    held = names._lang(lang_en)
    assert {chr(code) for code in held.first_codes} == held.firsts
    assert all(len(first) == 1 for first in held.firsts)


def test_clean_token_takes_off_the_possessive_as_the_regex() -> None:
    for token in ["Trump’s", "Clinton's", "Bank’s.", "A’s", "’s", "x's", "Jones’", "Ross", "U.S."]:
        old = token
        if len(old) > 3 and old.endswith(".") and old.count(".") == 1:
            old = old[:-1]
        old = re.sub(r"[’']s?$", "", old) if old.endswith(("’s", "'s")) else old
        assert names._clean_token(token) == old

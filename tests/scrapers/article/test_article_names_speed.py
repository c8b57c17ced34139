"""Issue 12 (cost), second round: each faster form in names.py and masking.py equals the form it
replaced, kept here verbatim, on random texts built from the fixtures' words, names, titles,
organisation words, possessives, particles and the words before a name that names.py reads."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import lang_en, masking, names
from scrapers.article import resolver as resolving
from scrapers.article.given_names import is_given_name
from tests.scrapers.article.test_article_masking_speed import old_split_sentences

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "article"
SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = sorted(
    {w for page in sorted(FIXTURES.glob("*.html"))[:4] for w in page.read_text().split()[:400]}
)
NAME_PIECES = [
    *["Anna Berg", "Berg", "Dr. ", "U.S.", "R.J. ", "van der ", "O’Neill", "al-Assad", "St. "],
    *["Cornel West", "Rebecca White", "New York Post", "Health and Social Care", "the ", "The "],
    *["Prime Minister ", "Senators ", "director-general ", "President-elect ", "Sen. ", "Mr. "],
    *["White House Counsel W. Neil Eggleston", "State Mike Pompeo", "NATO ", "CNN", "AP "],
    *["Trump’s", "Clinton's", "Jones’", "Jones' ", "Bank’s", "Institute’", "Party's", "Inc."],
    *["Institute ", "University ", "Bank", "Act", "Bill ", "May 20", "Monday ", "In ", "Pro-"],
    *[" of ", " in ", " from ", " and ", " & ", " according to ", " words of ", " behalf of "],
    *[" de la ", " y ", " al ", " bin ", " st. ", "Da ", " ter", " den ", " Del ", "-based "],
    *[" ", "  ", ", ", ". ", "; ", "-", "—", "(", ")", "\n", "A.", "x", "É", "\ue001", "\ue000"],
    *["’s", "'s", "’", "s", ".", "Xs", "ABC", "A.B.", "Lily Eskelsen García", "Jr."],
    *_WORDS[:: max(1, len(_WORDS) // 300)],
]
TEXTS = st.lists(st.sampled_from(NAME_PIECES), max_size=40).map("".join)


# --- the forms before this round ---------------------------------------------------------


def old_add_token(
    current: list[names._Token],
    runs: list[list[names._Token]],
    token: names._Token,
    lang: names._Lang,
) -> int:
    current.append(token)
    word = token[2]
    if word[-2:] in ("’s", "'s") or (
        word[-1] == "." and len(word) > 2 and names._bare(word) not in lang.ABBREVIATIONS
    ):
        runs.append(current)
        return -2
    return token[1]


def old_runs(text: str, lang: names._Lang) -> list[list[names._Token]]:
    capitals, particles, heads = names._candidates(lang.module)
    runs: list[list[names._Token]] = []
    current: list[names._Token] = []
    last = -2
    pieces = capitals.split(text)
    start = 0
    for index in range(1, len(pieces), 2):
        word = pieces[index]
        start += len(pieces[index - 1])
        end = start + len(word)
        if current and (start != last + 1 or text[last] != " "):
            runs.append(current)
            current = []
        last = old_add_token(current, runs, (start, end, word), lang)
        while last >= 0 and text[last : last + 1] == " ":
            if text[last + 1 : last + 3] not in heads and text[last + 1 : last + 2] not in heads:
                break
            joined = particles.match(text, last + 1)
            if joined is None:
                break
            last = old_add_token(
                current, runs, (joined.start(), joined.end(), joined.group()), lang
            )
        if last < 0:
            current = []
        start = end
    if current:
        runs.append(current)
    return runs


def old_clean_token(token: str) -> str:
    if len(token) > 3 and token.endswith(".") and token.count(".") == 1:
        token = token[:-1]
    return names.POSSESSIVE_RE.sub("", token) if token.endswith(("’s", "'s")) else token


def old_looks_like_thing(start: int, text: str, lang: names._Lang, *, given: bool) -> bool:
    before = text[max(0, start - names.LOOK_BEHIND) : start]
    joined = names.AND_BEFORE.find(before) if names._ends_in(before, names.AND_WORDS) else None
    if joined and not given and joined.lower() in lang.ORG_WORDS:
        return True
    return names._ends_in(before, names.ARTICLE_WORDS) and names.ARTICLE_BEFORE.ends(before)


def old_not_a_person(
    tokens: list[str],
    words: set[str],
    text: str,
    start: int,
    lang: names._Lang,
    *,
    honorific: str | None,
    whole: bool,
    acronym: bool,
) -> bool:
    if acronym or len(tokens) > names.MAX_NAME_TOKENS:
        return True
    if len(tokens) > 1 and tokens[-1].lower() in names.LAST_WORD_ORG:
        return True
    before = text[max(0, start - names.LOOK_BEHIND) : start]
    given = len(tokens) > 1 and is_given_name(tokens[0])
    if (
        not honorific
        and names._ends_in(before, names.PLACE_AFTER_WORDS)
        and names.PLACE_AFTER.ends(before)
    ):
        return True
    if not honorific and len(tokens) > 1 and old_looks_like_thing(start, text, lang, given=given):
        return True
    if words & lang.ORG_WORDS:
        surname = whole and not names.CAPITALISED_BEFORE.ends(before)
        return not (surname and names._surname_is_noun(tokens, lang))
    return (
        len(tokens) > 1
        and not given
        and names._ends_in(before, names.AND_WORDS)
        and names.AND_BEFORE.ends(before)
    )


def old_span(
    segment: list[names._Token], bare: list[str], text: str, lang: names._Lang
) -> names.NameSpan | None:
    raw = [token[2] for token in segment]
    titles = names._title_positions(bare, lang)
    cut = titles[-1] + 1 if titles else 0
    first_title, before = cut, len(titles) - 1
    while before >= 0 and titles[before] == first_title - 1:
        first_title, before = first_title - 1, before - 1
    honorific = " ".join(raw[first_title:cut]) or None
    tokens = [t for t in [old_clean_token(r) for r in raw[cut:]] if t]
    if not tokens:
        return None
    start, end = segment[0][0], segment[-1][1]
    if raw[-1][-1] == "." and tokens[-1][-1] != ".":
        end -= 1
    if (
        len(tokens) > 2
        and not honorific
        and not is_given_name(tokens[0])
        and names.PLACE_BEFORE_NAME.ends(text[max(0, start - names.LOOK_BEHIND) : start])
    ):
        tokens, start = tokens[1:], segment[1][0]
    words = {names._plain(t) for t in tokens}
    org_at = [i for i, t in enumerate(tokens) if names._org_token(t, lang)]
    offset = len(segment) - len(tokens)
    acronym = any(names._acronym(tokens[i]) for i in org_at)
    if org_at and len(tokens) - org_at[-1] > 2:
        first = org_at[-1] + 1
        if len(tokens) - first > names.MIN_AFTER_ROLE and tokens[first].lower() in lang.ROLE_NOUNS:
            first += 1
        tokens, start = tokens[first:], segment[offset + first][0]
        words = {t.lower().rstrip(".") for t in tokens}
        acronym = False
    whole = segment[0][0] == start
    if old_not_a_person(
        tokens, words, text, start, lang, honorific=honorific, whole=whole, acronym=acronym
    ):
        return names.NameSpan(start, end, " ".join(raw), names.NameKind.ORG, None)
    kind = names.NameKind.PERSON if len(tokens) > 1 else names.NameKind.SINGLE
    return names.NameSpan(start, end, " ".join(tokens), kind, honorific)


def old_find_names(text: str, language: ModuleType) -> list[names.NameSpan]:
    lang = names._lang(language)
    spans: list[names.NameSpan] = []
    for run in old_runs(text, lang):
        for segment, bare in names._segments(run, text, lang):
            span = old_span(segment, bare, text, lang)
            if span is not None:
                spans.append(span)
    return spans


# --- the checks ---------------------------------------------------------------------------


@SETTINGS
@given(TEXTS)
def test_find_names_equals_the_form_before(text: str) -> None:
    assert names.find_names(text, lang_en) == old_find_names(text, lang_en)


BEFORE_TAIL = r"[\w’'\-]*(?:\.(?=[^\W\d_])[\w’'\-]*)*\.?"
FIRST_TAIL = r"(?:[\w’'\-]|\.(?=[^\W\d_]))*\.?"


@SETTINGS
@given(st.lists(st.sampled_from([*NAME_PIECES, "..", ".1", ".b", ".É", "._", "A.b.c.", "1"])))
def test_name_candidates_with_possessive_runs_agree(parts: list[str]) -> None:
    text = "".join(parts)
    new, _, _ = names._candidates(lang_en)
    for tail in (BEFORE_TAIL, FIRST_TAIL):
        old = re.compile(rf"([{names.UPPER}](?<!\w.)(?<!\w[’'\-.].){tail})")
        assert new.split(text) == old.split(text)


@SETTINGS
@given(TEXTS)
def test_runs_equal_the_runs_before(text: str) -> None:
    lang = names._lang(lang_en)
    assert names._runs(text, lang) == old_runs(text, lang)


@SETTINGS
@given(st.lists(st.sampled_from(["’s", "'s", ".", "s", "’", "A", "B.", "x", "É"]), max_size=6))
def test_clean_token_equals_the_form_before(parts: list[str]) -> None:
    token = "".join(parts)
    assert names._clean_token(token) == old_clean_token(token)


def test_find_names_on_the_fixture_pages_equals_the_form_before() -> None:
    lines = [
        re.sub(r"<[^>]+>", " ", line)
        for page in sorted(FIXTURES.glob("*.html"))
        for line in page.read_text().splitlines()
    ]
    assert any(names.find_names(line, lang_en) for line in lines)
    for line in lines:
        assert names.find_names(line, lang_en) == old_find_names(line, lang_en)


# --- masking.mask_names' reads around a name ------------------------------------------------

BEFORE_PIECES = [
    *[" ", "  ", "\t", "\u2003", "\n", "-", "_", "—", "(", ".", ",", "’", "'", "9", "²", "x"],
    *["senator ", "Sen. ", "the physicist ", "finance critic ", "to ", "TO ", "with ", "ſ"],
    *["\u212a", "İn ", "into ", "(to ", "co-chair ", "9ba ", "éa ", "_x ", "a_b ", "said "],
    *["\ue000\ue100 ", "\ue001\ue101", "her ", "against ", "between ", "than ", "like "],
]
BEFORES = st.lists(st.sampled_from(BEFORE_PIECES + NAME_PIECES), max_size=12).map("".join)


def old_role(after: str) -> str | None:
    place = masking.OF_PLACE_RE.match(after)
    rest = after[place.end() :] if place else after
    for pattern in (masking.ROLE_RE, masking.DASH_ROLE_RE):
        match = pattern.match(rest)
        if match and pattern is masking.ROLE_RE and len(match.group(1)) not in masking.ROLE_LENGTH:
            match = None
        role = masking._checked_role(match.group(1).strip()) if match else None
        if role is not None:
            return role
    return place.group(1) if place else None


def old_possessive_start(text: str, start: int, end: int) -> int:
    found = masking.POSSESSIVE_END_RE.search(text, start, end)
    return end if found is None else found.start()


@SETTINGS
@given(BEFORES)
def test_words_before_a_name_equal_the_endings(before: str) -> None:
    before = before[-masking.LOOK_BEHIND :]
    found = masking.DESCRIPTOR.find(before)
    assert masking._descriptor_words(before) == (found or "").split()
    assert masking._word_before(before) == masking.WORD_BEFORE.find(before)
    assert masking._object_before(before) == masking.OBJECT_BEFORE.ends(before)
    tokens = before.rsplit(None, 3)  # as mask_names shares them
    assert masking._descriptor_words(before, tokens) == (found or "").split()
    assert masking._word_before(before, tokens) == masking.WORD_BEFORE.find(before)
    assert masking._object_before(before, tokens) == masking.OBJECT_BEFORE.ends(before)


def test_object_words_are_the_object_pattern_words() -> None:
    for word in masking.OBJECT_WORDS:
        assert masking.OBJECT_BEFORE.ends(f"x {word} ")
        assert masking.OBJECT_BEFORE.ends_reversed(f" {word[::-1]}")
    pattern = masking.OBJECT_BEFORE.forward.pattern
    assert len(masking.OBJECT_WORDS) == pattern.count("|") + 1


@SETTINGS
@given(
    st.lists(
        st.sampled_from([" ", "  ", "\t", ",", ", ", "of", "from", " of ", " from the ", "—", "–"])
        | st.sampled_from([" — a veteran negotiator — ", ", a fellow at Y", ", who", "U.S."])
        | st.sampled_from(NAME_PIECES + BEFORE_PIECES),
        max_size=12,
    ).map("".join)
)
def test_role_with_its_gates_equals_the_role_without(after: str) -> None:
    assert masking._role(after, lang_en) == old_role(after)


@SETTINGS
@given(
    st.lists(st.sampled_from(["A", "b", "s", "’", "'", "’s", "'s", "\n", " ", "x"]), max_size=8),
    st.integers(0, 8),
    st.integers(0, 8),
)
def test_possessive_start_equals_the_search(parts: list[str], start: int, end: int) -> None:
    text = "".join(parts)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert masking._possessive_start(text, start, end) == old_possessive_start(text, start, end)


@SETTINGS
@given(st.lists(st.sampled_from(["’", "'", "s", "x", " ", "ab", "\ue001"]), max_size=5))
def test_possessive_after_gate_keeps_the_match(parts: list[str]) -> None:
    text = "".join(parts)
    for end in range(len(text) + 1):
        gated = text[end : end + 1] in masking.POSSESSIVE_MARKS
        assert gated or masking.POSSESSIVE_AFTER_RE.match(text, end) is None


SENTENCE_PIECES = [". ", "! ", "?", "...", ".” ", '." ', ".) ", "\ue000\ue100 ", "\ue000\ue101"]
SENTENCE_PIECES += ["Mr. ", "U.S. ", "e.g. ", "No. ", " A", "3.5", ".\t", ".\u2003", "’ ", ".’"]
SENTENCE_PIECES += ["said Trump. ", "ſ. ", "x.", "9. ", "\ue001\ue100. ", "\ue002\ue100", "(", "—"]


@SETTINGS
@given(
    st.lists(st.sampled_from(SENTENCE_PIECES * 3 + NAME_PIECES), max_size=40).map("".join),
    st.sampled_from([None, [], ["a b c."], ["a b c.", "d e f", "g!”"]]),
)
def test_split_sentences_equals_the_form_before(text: str, quotes: list[str] | None) -> None:
    assert masking.split_sentences(text, lang_en, quotes) == old_split_sentences(
        text, lang_en, quotes
    )


@SETTINGS
@given(BEFORES)
def test_place_after_tails_gate_keeps_every_place_word(before: str) -> None:
    stripped = before.rstrip()
    if stripped.endswith(names.PLACE_AFTER_WORDS):
        assert stripped[-2:] in names.PLACE_AFTER_TAILS
    for word in names.PLACE_AFTER_WORDS:
        assert f"x {word}"[-2:] in names.PLACE_AFTER_TAILS


def old_name_key(name: str) -> tuple[str, str]:
    words = [w for w in names.KEY_WORD_RE.findall(name.lower()) if len(w) > 1]
    while len(words) > 2 and words[-1] in names.NAME_SUFFIXES:
        words.pop()
    if not words:
        return ("", "")
    return (words[0], words[-1])


KEY_PIECES = ["Anna", "Berg", "R.J.", "O’Neill", "O'Neill", "al-Assad", "Jr.", "III", "(Bob)"]
KEY_PIECES += [" ", "  ", "\t", "_", "-", "’", "9", "²", "É", "ß", "İ", "x", "Mc", "de la", "Ⅻ"]


@SETTINGS
@given(st.lists(st.sampled_from(KEY_PIECES + NAME_PIECES), max_size=8).map("".join))
def test_name_key_equals_the_findall_form(name: str) -> None:
    assert names.name_key(name) == old_name_key(name)


ROLES = [None, "", "a senator from Ohio", "the chairwoman, of", "x", "co-chair of the U.S. board"]


@SETTINGS
@given(
    BEFORES,
    st.sampled_from([None, "", "Dr.", "Senator", "Prime Minister"]),
    st.sampled_from(ROLES),
)
def test_role_words_given_once_equal_those_found_by_each(
    before: str, honorific: str | None, role: str | None
) -> None:
    before = before[-masking.LOOK_BEHIND :]
    tokens = before.rsplit(None, 3)
    letters = masking.LETTERS_RE.findall(role) if role else None
    alone = masking._role_nouns(before, honorific, role, lang_en)
    shared = masking._role_nouns(before, honorific, role, lang_en, tokens=tokens, letters=letters)
    assert shared == alone
    alone_cues = masking._cue_words(before, role, lang_en)
    assert masking._cue_words(before, role, lang_en, tokens=tokens, letters=letters) == alone_cues


def old_single(resolver: resolving.Resolver, span: names.NameSpan) -> str | None:
    word = span.name.lower()
    full = resolver.by_last.get(word) or resolver.ahead_by_last.get(word)
    if full is not None and len(full.split()) > 1:
        return full
    firsts = resolver.by_first.get(word, set())
    if len(firsts) == 1:
        return next(iter(firsts))
    if span.honorific:
        resolver.singles.add(word)
        return span.name
    return span.name if word in resolver.singles else None


SPANS = [
    names.NameSpan(0, 9, "Anna Berg", names.NameKind.PERSON),
    names.NameSpan(0, 4, "Berg", names.NameKind.SINGLE),
    names.NameSpan(0, 4, "Anna", names.NameKind.SINGLE),
    names.NameSpan(0, 4, "Anna Smith", names.NameKind.PERSON),
    names.NameSpan(0, 5, "Jones", names.NameKind.SINGLE, "Dr."),
    names.NameSpan(0, 5, "Jones", names.NameKind.SINGLE),
    names.NameSpan(0, 3, "Lee", names.NameKind.SINGLE),
]


@SETTINGS
@given(st.lists(st.sampled_from(SPANS), max_size=10), st.lists(st.sampled_from(SPANS), max_size=4))
def test_resolver_single_equals_the_form_before(spans: list[names.NameSpan], ahead: list) -> None:
    new, old = resolving.Resolver(ahead, lang=lang_en), resolving.Resolver(ahead, lang=lang_en)
    for span in spans:
        if span.kind is names.NameKind.SINGLE:
            assert new._single(span) == old_single(old, span)
        assert new.resolve(span) == old.resolve(span)
        assert new._start(span.name) == resolving._start(span.name)  # kept per name, the same


def test_sentence_openers_are_the_boundary_look_ahead() -> None:
    look_ahead = masking.BOUNDARY_RE.pattern.rsplit("(?=[", 1)[1].rstrip("])")
    assert re.compile(f"[{look_ahead}]").pattern == f"[{look_ahead}]"
    for code in range(0x10000):
        char = chr(code)
        opens = re.fullmatch(f"[{look_ahead}]", char) is not None
        assert opens == (char in masking.SENTENCE_OPENERS), char

"""Issue 12 (extraction cost): each rewritten step gives what the version it replaced gave.

The old versions are kept here, as they were, and compared on random masked sentences made of
the word lists' words, quote marks, markers and names.
"""

from __future__ import annotations

import re
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import choice, lang_en, organisations, patterns
from scrapers.article.masking import Masked

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKERS = ["\ue000\ue100", "\ue001\ue100", "\ue002\ue100", "\ue001\ue101", "\ue000\ue101"]
_WORDS = sorted(
    lang_en.SPEECH_VERBS
    | lang_en.INVERTED_VERBS
    | lang_en.REPORTING_PARTICIPLES
    | lang_en.ROLE_NOUNS
    | lang_en.ORG_NOUNS
    | lang_en.RESEARCH_NOUNS
    | lang_en.RESEARCH_VERBS
    | lang_en.SUBJECT_PRONOUNS
    | lang_en.FEMININE_PRONOUNS
    | lang_en.MASCULINE_PRONOUNS
)
PIECES = st.sampled_from(
    [
        *_WORDS,
        *MARKERS,
        *lang_en.SPEECH_PHRASES,
        "the",
        "The",
        "a",
        "an",
        "by",
        "it",
        "put",
        "that",
        "who",
        "of",
        "to",
        "in",
        "words",
        "according to",
        "According to",
        "declined to",
        "In the words of",
        "spokesman for",
        "statement",
        "press",
        "posted on",
        "found",
        "shows",
        "Smith",
        "Jane Doe",
        "Ministry",
        ",",
        ".",
        ":",
        ";",
        "—",
        '"',
        "“",
        "”",
        "é",
        "\ud800",
        "ſ",
        "ing",
        "d",
        "s",
        "(",
        ")",
        "(a fellow)",
        "–",
        "--",
        "who",
        "also",
        "quickly",
        "on Tuesday",
        "last week",
        "of the",
        "U.N.",
        "’s",
        "'s",
        "!",
        "?",
        "x" * 70,
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", ", ", "  ", "\n"])


# Few words, most of them what the patterns look for: random sentences that often match.
DENSE = st.sampled_from(
    [
        *MARKERS,
        *MARKERS,
        "said",
        "says",
        "told",
        "added",
        "saying",
        "according to",
        "the senator",
        "the ministry",
        "he",
        "She",
        "who",
        "a fellow at",
        "x",
        ",",
        ",",
        "—",
        "–",
        "--",
        "(x)",
        "’s",
        ":",
        ".",
        "aide",
        "on Tuesday",
        "also",
        "that",
        "by",
        "put it",
        "declined to comment",
        "found",
        "study",
        "posted on",
        "about",
        "In",
        "words",
        "As",
        "spokesman for",
        "was told by",
    ]
)


# Or clauses in the order the patterns read them: lead, speaker, appositive, time, verb, rest.
SLOTS = [
    ["", "\ue000\ue100, ", "\ue000\ue101 — ", "In the words of ", "according to ", "As ", "x "],
    ["\ue001\ue100", "\ue001\ue101", "\ue002\ue100", "he", "She", "the senator", "the ministry"],
    [
        "",
        " of the Acme",
        " at \ue002\ue101",
        ", a fellow at Y,",
        ", x, y,",
        ", x, y, z,",
        ",",
        " — who led the talks — ",
        " – x",
        " -- a -- b --",
        " -- a --",
        " (R-Ky.)",
        " (x",
        ", x",
        ", " + "x" * 119 + ",",
        ", " + "x " * 61 + ",",
        " — " + "y" * 159 + " —",
        " —  — ",
    ],
    ["", " on Tuesday", " last week", " Monday night"],
    ["", " has", " also", " was quoted as", " quickly", " has also"],
    [
        " said",
        " says",
        " told",
        " saying",
        " put it",
        " posted on X",
        " wrote on her blog",
        " declined to comment, saying",
        " found that",
        ", who said",
        " argued",
        " noted",
    ],
    [
        "",
        " that",
        " x",
        " x, y",
        " about \ue001\ue101",
        ":",
        " U.N. x",
        " x.y",
        " " + "z" * 121,
        " " + "z" * 61,
    ],
    [
        "",
        " \ue000\ue100",
        " \ue000\ue101.",
        ".",
        " \ue001\ue101.",
        " \ue001\ue101’s aide \ue001\ue100.",
    ],
]
CLAUSES = st.tuples(*(st.sampled_from(slot) for slot in SLOTS)).map("".join)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    pieces = draw(st.sampled_from([PIECES, DENSE]))
    parts = draw(st.lists(st.tuples(pieces, SEPARATORS), max_size=14))
    words = "".join(piece + gap for piece, gap in parts)
    clauses = draw(st.lists(CLAUSES, min_size=1, max_size=3))
    return draw(st.sampled_from([words, " ".join(clauses), words + " ".join(clauses)]))


def old_org_sources(
    masked: Masked, sentence: str, lang: ModuleType, *, speech: bool
) -> list[organisations.OrgSource]:
    """organisations.org_sources before issue 12 (the noun gate searched whenever "the " or a
    spokesperson word occurred)."""
    o = organisations
    if o.ORG_MARK not in sentence and "he " not in sentence and "he " not in sentence.lower():
        return []
    found: list[o.OrgSource] = []
    compiled = o._compiled(lang)
    has_org = o.ORG_MARK in sentence
    has_the = "the " in sentence or "The " in sentence
    spokes = any(word in sentence for word in o.SPOKES_WORDS)
    noun = (has_the or spokes) and patterns.ends_a_word(o._NOUNS[lang.__name__], sentence)
    for name, pattern in compiled.items():
        if (name in o.NEEDS_ORG and not has_org) or (name in o.NEEDS_THE and not has_the):
            continue
        if (name in o.NEEDS_SPEECH and not speech) or (name in o.NEEDS_NOUN and not noun):
            continue
        if (name.startswith("q_") and o.QUOTE_MARK not in sentence) or (
            name.startswith("spokes") and not spokes
        ):
            continue
        for match in pattern.finditer(sentence):
            groups = match.groupdict()
            if groups.get("o"):
                at = match.start("o") - 1
                spoken_for = name.startswith("spokes")
                if not spoken_for and (
                    not o._is_speaker(sentence, at)
                    or o.POSSESSIVE_AFTER_RE.match(sentence, match.end("o"))
                ):
                    continue
                org = masked.orgs[ord(groups["o"]) - o.FIRST_INDEX]
                org = o._full_name(org, sentence[max(0, at - o.LOOK_BEHIND) : at]) + o._name_tail(
                    masked, sentence, match.end("o")
                )
            elif groups.get("inst"):
                if not name.startswith("spokes") and not o._is_speaker(
                    sentence, match.start("inst")
                ):
                    continue
                org = "the " + groups["inst"].lower()
            else:
                continue
            quote = masked.quotes[ord(groups["q"]) - o.FIRST_INDEX] if groups.get("q") else None
            found.append(o.OrgSource(org, quote, o.REASONS[name]))
    return found


@SETTINGS
@given(sentences(), st.booleans())
def test_org_sources_as_before(sentence: str, speech: bool) -> None:
    masked = Masked(text=sentence, quotes=["Q one.", "Q two"], orgs=["Acme", "Ministry"])
    new = organisations.org_sources(masked, sentence, lang_en, speech=speech)
    assert new == old_org_sources(masked, sentence, lang_en, speech=speech)


# The lazy spans the patterns had before issue 12 wrote them possessive, as they were.
OLD_SPANS = {
    r"(?:[^\ue000\ue001\ue002.;!?]|\.(?!\s)){0,120}+": (
        r"(?:[^\ue000\ue001\ue002.;!?]|\.(?!\s)){0,120}?"
    ),
    r"(?:[^\ue000\ue001.;!?]|\.(?!\s)){0,120}+": r"(?:[^\ue000\ue001.;!?]|\.(?!\s)){0,120}?",
    r"(?:[^\ue000.;!?]|\.(?!\s)){0,120}+": r"(?:[^\ue000.;!?]|\.(?!\s)){0,120}?",
    r"[^\ue000\ue001\ue002,.;!?]{0,60}+": r"[^\ue000\ue001\ue002,.;!?]{0,60}?",
    r"[^\ue000\ue001,.;!?]{0,60}+": r"[^\ue000\ue001,.;!?]{0,60}?",
    r"[^()\ue000\ue001]{1,80}+\)": r"[^()\ue000\ue001]{1,80}\)",
    r"[^—–\ue000;]{1,160}+": r"[^—–\ue000;]{1,160}?",
    r"(?:,[^,\ue000;]{1,120}+){1,2},": r"(?:,[^,\ue000;]{1,120}?){1,2},",
    r"(?:,[^,\ue000;]{1,60}+)?,\s+who": r"(?:,[^,\ue000;]{1,60}?)?,\s+who",
}


def _old(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    for new, old in OLD_SPANS.items():
        source = source.replace(new, old)
    return re.compile(source)


ALL_PATTERNS = {
    **patterns.compiled(lang_en),
    **{"org " + name: p for name, p in organisations._compiled(lang_en).items()},
}
OLD_PATTERNS = {name: _old(pattern) for name, pattern in ALL_PATTERNS.items()}


def test_the_old_patterns_are_the_lazy_ones() -> None:
    changed = {name for name, p in ALL_PATTERNS.items() if OLD_PATTERNS[name].pattern != p.pattern}
    assert {"p_verb", "pron_verb_q", "according", "p_who_verb", "org org_verb"} <= changed
    assert not any(
        "+" in new[-3:] and new in p.pattern for new in OLD_SPANS for p in OLD_PATTERNS.values()
    )


def _matches(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_possessive_spans_match_as_the_lazy_ones(sentence: str) -> None:
    for name, pattern in ALL_PATTERNS.items():
        assert _matches(pattern, sentence) == _matches(OLD_PATTERNS[name], sentence), name


def old_applicable(
    lang: ModuleType, sentence: str, *, speech: bool
) -> list[tuple[str, re.Pattern[str]]]:
    """choice.applicable before issue 12 gave p_then_saying a participle search: a look-up of
    each keyword, p_then_saying needing one of the reporting participles."""
    he = "he" in sentence or "He" in sentence
    flags = (patterns.PERSON_MARK in sentence, patterns.QUOTE_MARK in sentence, he, speech)
    candidates, _ = choice._candidates(lang, flags)
    found = []
    for name, pattern, needed, oneof, _gate in candidates:
        if name == "p_then_saying":
            oneof = frozenset(lang.REPORTING_PARTICIPLES)
        if all(word in sentence for word in needed) and (
            not oneof or any(word in sentence for word in oneof)
        ):
            found.append((name, pattern))
    return found


PARTICIPLES = st.sampled_from([*sorted(lang_en.REPORTING_PARTICIPLES), "ing", "sing", "aying"])


@SETTINGS
@given(sentences(), st.lists(PARTICIPLES, max_size=3), st.booleans())
def test_applicable_as_before(sentence: str, extra: list[str], speech: bool) -> None:
    sentence = " ".join([sentence, *extra]) if extra else sentence
    new = choice.applicable(lang_en, sentence, speech=speech)
    assert new == old_applicable(lang_en, sentence, speech=speech)


@given(
    st.lists(st.sampled_from(["a", "b", "ab", "ba", "bab", "x"]), min_size=1, max_size=4),
    st.text("abx"),
)
def test_suffix_search_finds_any_word(words: list[str], text: str) -> None:
    found = re.search(patterns.suffix_search(frozenset(words)), text) is not None
    assert found == any(word in text for word in words)


def test_flag_sets_are_indexed_in_order() -> None:
    assert [choice.flags_index(flags) for flags in choice.FLAG_SETS] == list(range(16))

"""Issue 12 (extraction cost), seventh round (the per-sentence bookkeeping: person markers read
once, pronouns found by h-led searches): each rewrite gives what the form it replaced gave. The
old forms are kept here and compared on random texts and on near misses."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import cues, lang_en, quotes
from scrapers.article.masking import FIRST_INDEX, PERSON, QUOTE, Masked, Mention
from scrapers.article.sources import Source

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


# --- quotes._register_mentions and _Tracker.person before their gates -------------------------


def old_person(tracker: quotes._Tracker, name: str) -> Source:
    if name not in tracker.people:
        tracker.people[name] = Source(name=name, order=len(tracker.people))
    return tracker.people[name]


def old_register_mentions(tracker: quotes._Tracker, marks: list[tuple[int, Mention]]) -> list[str]:
    named: list[str] = []
    for _, mention in marks:
        person = old_person(tracker, mention.name)
        person.mentions += 1
        tracker.seen.append(mention.name)
        if mention.subject:
            named.append(mention.name)
        if mention.honorific and person.honorific is None:
            person.honorific = mention.honorific
        for word in (mention.honorific or "").split():
            bare = word.rstrip(".").lower()
            if bare in tracker.lang.GENDER_HONORIFICS or bare in tracker.lang.GENDERED_ROLES:
                person.add_cue(word)
        if mention.role and person.affiliation is None:
            person.affiliation = mention.role
        for word in mention.cue_words:
            person.add_cue(word)
        person.roles.update(mention.roles)
    return named


MENTIONS = st.builds(
    Mention,
    st.sampled_from(["Anna Berg", "Tom Ng", "Ng"]),
    st.sampled_from([None, "", "Mrs.", "Dr.", "Sen.", "Mr. Sir", " ", "Prince Lord."]),
    st.sampled_from([None, "", "mayor", "senator of X"]),
    st.lists(st.sampled_from(["wife", "Mrs", "mother", "he"]), max_size=3).map(tuple),
    st.booleans(),
    st.lists(st.sampled_from(["senator", "mayor", ""]), max_size=2).map(tuple),
)


@SETTINGS
@given(st.lists(st.lists(MENTIONS, max_size=4), max_size=5))
def test_register_mentions_as_before(sentences: list[list[Mention]]) -> None:
    new_tracker, old_tracker = quotes._Tracker(lang_en), quotes._Tracker(lang_en)
    for mentions in sentences:
        marks = [(2 * i, mention) for i, mention in enumerate(mentions)]
        new = quotes._register_mentions(new_tracker, marks)
        assert new == old_register_mentions(old_tracker, marks)
        assert new_tracker.people == old_tracker.people
        assert new_tracker.seen == old_tracker.seen
    for name in ("Anna Berg", "Eve"):
        assert new_tracker.person(name) == old_person(old_tracker, name)
        assert list(new_tracker.people) == list(old_tracker.people)


# --- _Tracker.subjects before it read the first character before LEAD_PRONOUN_RE -------------


def old_subjects(
    tracker: quotes._Tracker, sentence: str, named: list[str], marks: list[tuple[int, Mention]]
) -> list[str]:
    before = tracker.focus[0] if tracker.focus is not None else None
    tracker.focus_cues(sentence, marks)
    if before is None:
        return named
    lead = quotes.LEAD_PRONOUN_RE.match(sentence)
    if lead and tracker.compatible(before, lead.group(1)):
        return [before, *(name for name in named if name != before)]
    return named


LEADS = st.sampled_from(
    ["", " ", "  ", "\t", "\n", "\xa0", "\u2003", "\u2028", "\x1c", "\x85", "\u200b", "x", "H"]
)
OPENINGS = st.sampled_from(
    ["He", "She", "he", "she", "Her", "Shelly", "SHE", "HE", "Hence", "S", "H", "His", "It"]
)
SUBJECT_SENTENCES = st.tuples(
    LEADS, OPENINGS, st.sampled_from(["", " said", ", she said", " \ue001\ue100 met", "."])
).map("".join)


@SETTINGS
@given(st.lists(SUBJECT_SENTENCES, max_size=6), st.sampled_from(["Mrs", "Mr", None]))
def test_subjects_as_before(sentences: list[str], cue: str | None) -> None:
    masked = Masked(text="", people=[Mention("Anna Berg")])
    new_tracker, old_tracker = quotes._Tracker(lang_en), quotes._Tracker(lang_en)
    for tracker in (new_tracker, old_tracker):
        person = tracker.person("Anna Berg")
        if cue is not None:
            person.add_cue(cue)
        tracker.focus = ("Anna Berg", 0)
    for sentence in sentences:
        marks = quotes._person_marks(masked, sentence)
        named = [mention.name for _, mention in marks]
        for tracker in (new_tracker, old_tracker):
            tracker.credited = set()
        new = new_tracker.subjects(sentence, named, marks)
        assert new == old_subjects(old_tracker, sentence, named, marks)
        assert new_tracker.focus == old_tracker.focus


def test_lead_pronoun_opens_only_with_h_s_or_a_space() -> None:
    """subjects matches LEAD_PRONOUN_RE only on a sentence opening so; re's \\s is isspace."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if quotes.LEAD_PRONOUN_RE.match(char + "He") is not None:
            assert char in "HS" or char.isspace(), hex(code)
        assert (re.fullmatch(r"\s", char) is not None) is char.isspace(), hex(code)


# --- cues._other_person_at before it searched for the article up to a bound ------------------


def old_other_person_at(text: str, after: int, *, last: int) -> int:
    own = cues.OWN_APPOSITIVE_RE.match(text, after) if after else None
    start = own.end() if own else after
    if start > last:
        return len(text)
    match = cues.OTHER_PERSON_RE.search(text, start)
    while match is not None and match.start() <= last:
        if lang_en.ROLE_NOUNS.intersection(match.group(1).split()):
            return match.start()
        match = cues.OTHER_PERSON_RE.search(text, match.end())
    return len(text)


ARTICLE_PIECES = st.sampled_from(
    [
        *["the", "The", "a", "an", "another", "one", "two", "three", "thee", "ta", "oa", "aa"],
        *["senator", "prime minister", "mayor", "wife", "lawyer", "x-ray", "coach", "Senator"],
        *[" ", "  ", "\n", "\t", "\xa0", ",", ", the mayor,", "\ue001\ue100", "\ue002\ue100"],
        *["he", "she", "said", "-", "_", "3"],
    ]
)
ARTICLE_BOUND_SLACK = 12  # `last` tried this far past the end of the text
ARTICLE_TEXTS = st.one_of(
    st.lists(ARTICLE_PIECES, max_size=16).map(" ".join),
    st.lists(ARTICLE_PIECES, max_size=20).map("".join),
)


@SETTINGS
@given(
    ARTICLE_TEXTS, st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=80)
)
def test_other_person_at_as_before(text: str, after: int, last: int) -> None:
    new = cues._other_person_at(text, after, lang_en, last=last)
    assert new == old_other_person_at(text, after, last=last)


def test_other_person_at_near_the_bound() -> None:
    """An article opening at `last`, its spaces and words running past the bound; one opening
    just after `last`; an article with no lower-case word after it before one that has."""
    texts = [
        "he met another        senator there",
        "he met three\n\n\n\n\n\nsenators",
        "he met the \ue002\ue100 and the senator",
        "he met thee senator and a  mayor",
        "he met a senator",
        "he met an\tambassador, the mayor",
        "he met the prime minister",
        "\ue001\ue100, the mayor, met the senator",
        "another senator",
    ]
    for text in texts:
        for after in range(0, 12):
            for last in range(len(text) + ARTICLE_BOUND_SLACK):
                new = cues._other_person_at(text, after, lang_en, last=last)
                assert new == old_other_person_at(text, after, last=last), (text, after, last)


# --- _Tracker._lead_cues before it left leads with no "h" unread ------------------------------


def old_lead_cues(tracker: quotes._Tracker, lead: str, name: str) -> None:
    if cues.names_someone_else(lead, tracker.lang):
        return
    clause = lead.rstrip().endswith(",")
    for at, word in cues.focus_pronouns(lead, after=0, lang=tracker.lang):
        if not (clause and word.lower() in {"he", "she"}):
            tracker.add_pronoun(name, word, at=at)


LEAD_PIECES = st.sampled_from(
    [
        *["", " ", ",", "She", "she", "Her", "his", "HIM", "ſhe", "sHe", "Since", "announcing"],
        *["that", "he", "would", "Raman", "the", "wife", "of", "Yet", "\ue000\ue100", "\ue000"],
        *["x", "Its", "its", "sees"],
    ]
)


@SETTINGS
@given(st.lists(st.lists(LEAD_PIECES, max_size=8).map(" ".join), max_size=4))
def test_lead_cues_as_before(leads: list[str]) -> None:
    new_tracker, old_tracker = quotes._Tracker(lang_en), quotes._Tracker(lang_en)
    for tracker in (new_tracker, old_tracker):
        tracker.person("Anna Berg")
    for lead in leads:
        for tracker in (new_tracker, old_tracker):
            tracker.credited = set()
        new_tracker._lead_cues(lead, "Anna Berg")
        old_lead_cues(old_tracker, lead, "Anna Berg")
        assert new_tracker.credited == old_tracker.credited
        assert new_tracker.people == old_tracker.people

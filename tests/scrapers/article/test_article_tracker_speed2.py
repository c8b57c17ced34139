"""Issue 12 (cost), second round: each faster form in the quote tracker and bylines.py equals the
form it replaced, kept here as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from scrapers.article import bylines, cues, lang_en, quotes
from scrapers.article.masking import FIRST_INDEX, Masked, Mention
from scrapers.article.quotes import MAX_PRONOUN_LOOKBACK, PERSON_RE, _Tracker

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "article"
OLD_JSONLD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")
OLD_METAS = etree.XPath("//meta[@content]")
SMALL_PAGES = [
    "<html><head><script type='application/ld+json'>{}</script><meta content='x' name='author'>"
    "<meta name='byl'></head><body><script type='text/javascript'>1</script>"
    "<div><script type='application/ld+json'>[]</script><meta content=''></div></body></html>",
    "<html><body><p>No scripts <b>here</b></p><!-- <meta content='y'> --></body></html>",
    "<div><script type='APPLICATION/LD+JSON'>{}</script><script>2</script></div>",
    "<p>text</p><p>more<meta content='z' property='article:author'></p>",
]


def _pages() -> list[html.HtmlElement]:
    pages = [html.fromstring(page) for page in SMALL_PAGES]
    pages += [html.fromstring(path.read_bytes()) for path in sorted(FIXTURES.glob("*.html"))]
    return pages


def test_jsonld_scripts_and_metas_as_before() -> None:
    """The tag walks find the elements the two XPaths found, in the same order, from the root
    or from any element of the page."""
    for page in _pages():
        for start in [page, *list(page.iter())[1:4]]:
            if not isinstance(start.tag, str):
                continue
            assert bylines._jsonld_scripts(start) == OLD_JSONLD_SCRIPTS(start)
            assert bylines._metas(start) == OLD_METAS(start)


def _old_earlier(sentences: list[list[str]]) -> list[str]:
    return next((names for names in reversed(sentences) if names), [])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["A", "B", "C"]), max_size=2),
            st.booleans(),  # ask for the earlier sentence's people after this one
        ),
        max_size=30,
    )
)
def test_earlier_as_before(steps: list[tuple[list[str], bool]]) -> None:
    tracker = _Tracker(lang_en)
    assert tracker._earlier() == _old_earlier(tracker.sentences)
    for names, ask in steps:
        tracker.sentences.append(names)
        if ask:
            assert tracker._earlier() is _old_earlier(tracker.sentences) or (
                tracker._earlier() == _old_earlier(tracker.sentences) == []
            )


@given(st.lists(st.text(max_size=2), max_size=12))
def test_recent_slice_as_before(seen: list[str]) -> None:
    assert seen[: -MAX_PRONOUN_LOOKBACK - 1 : -1] == list(reversed(seen[-MAX_PRONOUN_LOOKBACK:]))


# --- _Tracker.focus_cues before it stopped pairing every marker's end with its name ---------


def old_focus_cues(tracker: _Tracker, masked: Masked, sentence: str, found: list[Any]) -> None:
    marks = [(m.end(), masked.people[ord(m.group(1)) - FIRST_INDEX].name) for m in found]
    if found and tracker.focus is not None and tracker.focus[0] != marks[0][1]:
        tracker._lead_cues(sentence[: found[0].start()], tracker.focus[0])
    if len({name for _, name in marks}) > 1:
        tracker.focus = None
        return
    if marks:
        tracker.focus = (marks[0][1], 0)
    elif (
        tracker.focus is not None
        and tracker.focus[1] < cues.FOCUS_SENTENCES
        and not cues.names_someone_else(sentence, tracker.lang)
    ):
        tracker.focus = (tracker.focus[0], tracker.focus[1] + 1)
    else:
        tracker.focus = None
        return
    after = marks[0][0] if marks else 0
    for at, word in cues.focus_pronouns(sentence, after=after, lang=tracker.lang):
        tracker.add_pronoun(tracker.focus[0], word, at=at)


PARAGRAPH_PIECES = [
    *["\ue001\ue100", "\ue001\ue101", "\ue001\ue102", "He", "She", "he", "she", "her", "his"],
    *["him", "the", "a", "said", "wife", "mayor", "the prime minister", "Raman", "Ms", ".", ","],
    *[" ", "  ", "x", "\ue000\ue100"],
]
PARAGRAPH_SENTENCES = st.lists(
    st.lists(st.sampled_from(PARAGRAPH_PIECES), max_size=12).map(" ".join), max_size=6
)


@settings(max_examples=400, deadline=None)
@given(PARAGRAPH_SENTENCES)
def test_focus_cues_as_before(sentences: list[str]) -> None:
    people = [Mention("Anna Berg"), Mention("Tom Ng", subject=False), Mention("Anna Berg")]
    masked = Masked(text="", quotes=["Q."], people=people)
    new_tracker, old_tracker = _Tracker(lang_en), _Tracker(lang_en)
    for tracker in (new_tracker, old_tracker):
        for name in ("Anna Berg", "Tom Ng"):
            tracker.person(name)
    for sentence in sentences:
        found = list(PERSON_RE.finditer(sentence))
        for tracker in (new_tracker, old_tracker):
            tracker.credited = set()
        new_tracker.focus_cues(sentence, quotes._person_marks(masked, sentence))
        old_focus_cues(old_tracker, masked, sentence, found)
        assert new_tracker.focus == old_tracker.focus
        assert new_tracker.credited == old_tracker.credited
    assert [p.cues for p in new_tracker.people.values()] == [
        p.cues for p in old_tracker.people.values()
    ]

"""Property tests: random and mutated bytes into parse, parse_feed and the quote extractor."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.article import parse, quotes
from scrapers.discover import parse_feed
from scrapers.errors import ParseError
from scrapers.records import Article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "article"
PAGE = (FIXTURES / "wire_story.html").read_bytes()
FEED = (FIXTURES / "feeds" / "rss.xml").read_bytes()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutate(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, junk in cuts:
        at = position % (len(out) + 1)
        out[at : at + len(junk)] = junk
    return bytes(out)


MUTATIONS = st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=12)), max_size=8)
SPEECH = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "'",
        " said ",
        " says ",
        " he ",
        " she ",
        ", ",
        ". ",
        "\n",
        "Dr. ",
        "Mr ",
        "Anna Berg",
        "Berg",
        "According to ",
        " told ",
        "—",
        "The Ministry",
        "\ue000",
        "\ue001x",
        # second-round constructs (issue 5): role nouns, asides, Q&A turns, findings
        " the senator ",
        " added ",
        "Sen. ",
        " — ",
        " (",
        ") ",
        ": ",
        "Berg: ",
        "Q: ",
        " her ",
        " his ",
        "’s research shows that ",
        " a study by ",
        " found that ",
        " declined to comment, saying ",
        "In the words of ",
        " put it ",
        "‘",
        "’",
    ]
)


@SETTINGS
@given(st.binary(max_size=2000))
def test_parse_random_bytes(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(parse(data), Article)


@SETTINGS
@given(MUTATIONS)
def test_parse_mutated_page(cuts: list[tuple[int, bytes]]) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(parse(_mutate(PAGE, cuts)), Article)


@SETTINGS
@given(st.one_of(st.binary(max_size=2000), MUTATIONS.map(lambda cuts: _mutate(FEED, cuts))))
def test_parse_feed_random_and_mutated(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(parse_feed(data, url="https://example.org/feed"), list)


@SETTINGS
@given(st.lists(st.one_of(SPEECH, st.text(max_size=20)), max_size=60).map("".join))
def test_quote_extractor_never_crashes(text: str) -> None:
    for citation in quotes.extract_citations(text):
        assert citation.name and citation.mentions >= 1


@SETTINGS
@given(st.lists(st.one_of(SPEECH, st.text(max_size=20)), max_size=60).map("".join))
def test_pronoun_cues_never_mix_one_set_into_a_single_sentence_person(text: str) -> None:
    """Cues are words, and a person never gets a pronoun the page does not contain."""
    lowered = text.lower()
    for citation in quotes.extract_citations(text):
        for cue in citation.cues:
            assert cue.lower().rstrip(".") in lowered

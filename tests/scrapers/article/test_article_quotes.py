"""The citation extractor on short texts, one pattern at a time."""

from __future__ import annotations

import time

import pytest

from scrapers.article import quotes
from scrapers.records import Citation


def _cited(text: str, **kwargs: object) -> dict[str, Citation]:
    return {c.name: c for c in quotes.extract_citations(text, **kwargs)}  # type: ignore[arg-type]


def test_quote_then_said_name() -> None:
    cited = _cited('"Prices will fall," said Anna Berg, an analyst at Nordea.')
    assert cited["Anna Berg"].quoted
    assert cited["Anna Berg"].quote == "Prices will fall,"
    assert cited["Anna Berg"].affiliation == "an analyst at Nordea"


def test_name_said_colon_quote_with_curly_marks() -> None:
    cited = _cited("Anna Berg said: “Prices will fall.”")
    assert cited["Anna Berg"].quoted and cited["Anna Berg"].quote == "Prices will fall."


def test_quote_name_verb_order() -> None:
    assert _cited("“It was improper,” Karl Lenz testified.")["Karl Lenz"].quoted


def test_split_quote_and_pronoun() -> None:
    cited = _cited("“We tried,” said Maria Lopez. “We failed,” she added, “but we learned.”")
    assert list(cited) == ["Maria Lopez"]
    assert "she" in cited["Maria Lopez"].cues


def test_quote_running_over_paragraphs_and_no_verb_quote() -> None:
    text = "“First part,” said Maria Lopez. “Second part.\n“Third part continues here.”"
    cited = _cited(text)
    assert list(cited) == ["Maria Lopez"]


def test_indirect_speech_and_according_to() -> None:
    text = (
        "Paul Grant argued that rates were too high. According to Lena Fischer, the plan failed. "
        "Omar Haddad warned of delays. Ivy Chen estimated the cost at $3 billion."
    )
    cited = _cited(text)
    assert set(cited) == {"Paul Grant", "Lena Fischer", "Omar Haddad", "Ivy Chen"}
    assert not any(c.quoted for c in cited.values())


def test_surname_reference_resolves_to_full_name() -> None:
    cited = _cited("Dr. Nadia Petrov studies viruses. Petrov said the risk was low.")
    assert list(cited) == ["Nadia Petrov"]
    assert cited["Nadia Petrov"].honorific == "Dr." and cited["Nadia Petrov"].mentions == 2


def test_title_only_name_is_kept() -> None:
    cited = _cited("“We will win,” Mr. Trump said.")
    assert cited["Trump"].honorific == "Mr." and "Mr." in cited["Trump"].cues


def test_organisations_and_anonymous_sources_are_not_people() -> None:
    text = (
        "The Foreign Ministry said it regretted the decision. "
        "A spokesperson said talks would go on. "
        "“No comment,” the company said. Officials told reporters nothing."
    )
    assert _cited(text) == {}


def test_authors_are_excluded() -> None:
    text = "Jane Doe said the numbers were wrong. “I checked,” said Tom Ray."
    assert list(_cited(text, exclude=("Jane Doe",))) == ["Tom Ray"]


def test_role_noun_cue() -> None:
    cited = _cited("Amy Stone, a spokeswoman for the council, said the road would reopen.")
    assert "spokeswoman" in cited["Amy Stone"].cues


def test_pronoun_prefers_sentence_subject_over_last_name() -> None:
    text = "Tim Morrison spoke after meeting Volodymyr Zelensky. He said he was not concerned."
    assert list(_cited(text)) == ["Tim Morrison"]


def test_empty_and_quote_only_text() -> None:
    assert quotes.extract_citations("") == ()
    assert quotes.extract_citations("“Nobody said this.”") == ()


def test_single_curly_quotes_when_no_double_marks() -> None:
    cited = _cited(
        "‘We cannot build our way out of this,’ said Shaun Davies. It’s a ‘historic’ day."
    )
    assert cited["Shaun Davies"].quote == "We cannot build our way out of this,"


def test_inverted_speaker_without_quote_and_possessive_trap() -> None:
    text = (
        "Aftershocks were likely, said Hernando Tavera, head of the institute. "
        "Sen. Ted Cruz, R-Texas, said Epstein's death was a symptom."
    )
    assert set(_cited(text)) == {"Hernando Tavera", "Ted Cruz"}


def test_coordinated_speakers() -> None:
    assert set(_cited("Gilles Duranton and Matthew Turner argued that traffic grew.")) == {
        "Gilles Duranton",
        "Matthew Turner",
    }


def test_surname_at_sentence_end_keeps_the_full_stop() -> None:
    text = "The ranger Jamie Werner was there.\n“It was a shock,” says Werner. “We adapt.”"
    assert _cited(text)["Jamie Werner"].quoted


def _cpu(text: str) -> float:
    """The least CPU time of three runs: a busy machine slows a run, it never speeds one up."""
    runs = []
    for _ in range(3):
        start = time.process_time()
        quotes.extract_citations(text)
        runs.append(time.process_time() - start)
    return min(runs)


@pytest.mark.parametrize(
    "unit", ["Anna Berg, a fellow, said, ", "He said Anna Berg and Tom Ray and ", "Mr. "]
)
def test_long_paragraphs_grow_linearly(unit: str) -> None:
    """Four times the text costs about four times the work, not sixteen (no read-back from every
    mention to the paragraph's start): a ratio in one run, not a wall-clock limit."""
    small, large = _cpu(unit * 1000), _cpu(unit * 4000)
    assert large < 10 * max(small, 1e-3)


def test_quoted_as_saying_and_elect_titles() -> None:
    text = (
        "President-elect Donald J. Trump was quoted as saying the deal was bad. "
        "Sen. Ben Sasse, R-Neb., called it a crisis."
    )
    cited = _cited(text)
    assert set(cited) == {"Donald J. Trump", "Ben Sasse"}
    assert cited["Donald J. Trump"].honorific == "President-elect"

"""Compound surnames: a later mention by the last two words of a full name is that person."""

from __future__ import annotations

from scrapers.article import quotes
from scrapers.records import Citation


def _cited(text: str) -> dict[str, Citation]:
    return {c.name: c for c in quotes.extract_citations(text)}


def test_two_word_surname_after_a_three_word_name() -> None:
    cited = _cited(
        "Rosa Delgado Fuentes chairs the nurses' council. "
        "“We are short of staff,” Delgado Fuentes said on Friday."
    )
    assert list(cited) == ["Rosa Delgado Fuentes"]
    assert cited["Rosa Delgado Fuentes"].quoted
    assert cited["Rosa Delgado Fuentes"].mentions == 2


def test_spanish_double_surname_after_two_given_names() -> None:
    cited = _cited(
        "José Luis Ortega Vidal runs the port authority.\n"
        "Ortega Vidal said the new cranes would arrive in March."
    )
    assert list(cited) == ["José Luis Ortega Vidal"]


def test_hyphenated_surname_alone() -> None:
    cited = _cited("Adaeze Nwosu-Bello leads the bank. Nwosu-Bello said rates would stay put.")
    assert list(cited) == ["Adaeze Nwosu-Bello"]


def test_surname_mention_before_the_full_name() -> None:
    cited = _cited(
        "“The plan is sound,” Delgado Fuentes said.\n"
        "Rosa Delgado Fuentes, who chairs the council, spoke after the vote."
    )
    assert list(cited) == ["Rosa Delgado Fuentes"]


def test_shared_compound_surname_is_not_given_to_either_person() -> None:
    cited = _cited(
        "Rosa Delgado Fuentes and Marta Delgado Fuentes run the family firm. "
        "Delgado Fuentes said the firm would grow."
    )
    assert "Rosa Delgado Fuentes" not in cited and "Marta Delgado Fuentes" not in cited


def test_a_given_name_then_surname_stays_its_own_person() -> None:
    # "Paul Jones" opens with a given name: a full name, not the surnames of "John Paul Jones".
    cited = _cited("John Paul Jones sailed in 1779. Paul Jones said the harbour was closed.")
    assert "Paul Jones" in cited and "John Paul Jones" not in cited

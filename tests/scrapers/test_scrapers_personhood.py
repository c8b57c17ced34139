"""Person, organisation or placeholder, decided from evidence, each with its reason."""

from __future__ import annotations

import pytest

from scrapers import personhood


@pytest.mark.parametrize(
    "name",
    ["TBA", "tbd", "N.N.", "All participants", "Alle", "Tous", "Verschiedene Redner",
     "Various speakers", "Speaker TBA", "à confirmer", "Todos", "Все участники", "???"],
)  # fmt: skip
def test_placeholders_in_the_agenda_languages(name: str) -> None:
    verdict = personhood.classify(name)
    assert verdict.kind == personhood.PLACEHOLDER
    assert verdict.reason.startswith("placeholder")


@pytest.mark.parametrize(
    ("name", "word"),
    [("Acme GmbH", "GmbH"), ("Foo Labs Ltd", "Ltd"), ("Organising Team", "Organising"),
     ("Python Community Group", "Community"), ("Institute of Physics", "Institute"),
     ("Centre for Northern Security Studies", "of")],
)  # fmt: skip
def test_organisations_from_their_shape(name: str, word: str) -> None:
    verdict = personhood.classify(name)
    assert verdict.kind == personhood.ORGANISATION
    assert word in verdict.reason


def test_a_given_name_wins_over_a_noun_surname() -> None:
    verdict = personhood.classify("Rachel House", record=False)
    assert verdict.kind == personhood.PERSON
    assert "'Rachel' is a given name" in verdict.reason
    assert personhood.classify("Carnegie Hall", record=False).kind == personhood.ORGANISATION


def test_a_speaker_record_is_a_person_without_a_known_given_name() -> None:
    assert personhood.classify("blinry").kind == personhood.PERSON
    assert personhood.classify("blinry", record=False).kind != personhood.PERSON


def test_surname_first_and_other_scripts() -> None:
    assert personhood.classify("Delegue Alexandre", record=False).kind == personhood.PERSON
    assert personhood.classify("Иванов Пётр Сергеевич", record=False).kind == personhood.PERSON
    assert personhood.classify("Мария Петрова", record=False).kind == personhood.PERSON


@pytest.mark.parametrize(
    "name",
    ["Freifunk Community", "CTF Team Saarsec", "Redaktion netzpolitik.org", "netzpolitik.org",
     "Collectif Framasoft", "Команда организаторов"],
)  # fmt: skip
def test_group_accounts_of_agenda_systems(name: str) -> None:
    assert personhood.classify(name).kind == personhood.ORGANISATION


def test_a_website_in_brackets_is_an_affiliation_not_the_name() -> None:
    assert personhood.classify("Jane Doe (example.org)").kind == personhood.PERSON

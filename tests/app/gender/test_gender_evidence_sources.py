"""Honorifics, role nouns, surname morphology and text evidence, each on its own."""

from __future__ import annotations

import pytest

from app.gender.honorifics import honorific_evidence, role_noun_evidence
from app.gender.labels import Label
from app.gender.morphology import surname_evidence
from app.gender.text import bio_evidence, cue_evidence, declared_pronoun_evidence


@pytest.mark.parametrize(
    ("word", "label"),
    [("Ms.", Label.WOMAN), ("Frau", Label.WOMAN), ("Dame", Label.WOMAN), ("Sra.", Label.WOMAN),
     ("Mme", Label.WOMAN), ("Baroness", Label.WOMAN), ("Mr", Label.MAN), ("Herr", Label.MAN),
     ("Sir", Label.MAN), ("Lord", Label.MAN), ("M.", Label.MAN)],
)  # fmt: skip
def test_honorifics(word: str, label: Label) -> None:
    piece = honorific_evidence(word)
    assert piece is not None and piece.label is label and piece.kind == "honorific"


def test_neutral_titles_say_nothing() -> None:
    assert honorific_evidence("Dr.") is None
    assert honorific_evidence("Prof") is None


def test_role_nouns_weigh_unequally() -> None:
    woman, man = role_noun_evidence("spokeswoman"), role_noun_evidence("chairman")
    assert woman is not None and woman.label is Label.WOMAN
    assert man is not None and man.label is Label.MAN
    assert woman.weight > man.weight
    assert role_noun_evidence("congresswoman") is not None
    assert role_noun_evidence("engineer") is None


@pytest.mark.parametrize(
    ("surname", "label"),
    [("ivanova", Label.WOMAN), ("ivanov", Label.MAN), ("kowalska", Label.WOMAN),
     ("kowalski", Label.MAN), ("simonyte", Label.WOMAN), ("kazlauskiene", Label.WOMAN),
     ("jakobsdottir", Label.WOMAN), ("aliyeva", Label.WOMAN), ("mammadqizi", Label.WOMAN),
     ("papadopoulou", Label.WOMAN), ("papadopoulos", Label.MAN)],
)  # fmt: skip
def test_surname_rules(surname: str, label: Label) -> None:
    piece = surname_evidence(surname)
    assert piece is not None and piece.label is label


def test_unisex_surnames_have_no_rule() -> None:
    for surname in ("ivanovic", "andersson", "smith", "karaosmanoglu"):
        assert surname_evidence(surname) is None


def test_pronouns_only_in_sentences_about_the_person() -> None:
    bio = (
        "Amara Okafor directs the institute. She founded it in 2010. "
        "John Smith, a colleague, said he was impressed. He praised her."
    )
    [piece] = bio_evidence(bio, name_tokens=["Amara", "Okafor"])
    assert piece.label is Label.WOMAN and piece.value == "she/her x1"
    assert piece.detail.startswith("she/her used once ")  # not "1 times"
    twice = "Amara Okafor directs the institute. She founded it and she chairs it."
    [two] = bio_evidence(twice, name_tokens=["Amara", "Okafor"])
    assert two.detail.startswith("she/her used 2 times ")


def test_they_is_evidence_of_nothing() -> None:
    assert bio_evidence("Sam Lee writes. They live in Leeds.", name_tokens=["Sam", "Lee"]) == []
    assert declared_pronoun_evidence("they/them") is None


def test_honorific_in_bio() -> None:
    found = bio_evidence("Ms. Okafor spoke first.", name_tokens=["Amara", "Okafor"])
    assert [e.kind for e in found] == ["honorific"]


def test_cues_and_declared_pronouns() -> None:
    kinds = {e.kind: e.label for e in cue_evidence(["she", "her", "Ms.", "spokeswoman"])}
    assert kinds == {"pronoun": Label.WOMAN, "honorific": Label.WOMAN, "role_noun": Label.WOMAN}
    he = declared_pronoun_evidence("he/him")
    mixed = declared_pronoun_evidence("she/they")
    assert he is not None and he.label is Label.MAN
    assert mixed is not None and he.weight > mixed.weight

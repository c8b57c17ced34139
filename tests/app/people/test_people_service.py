"""People: name cleaning, the name key, and get_or_create on both databases (identities:
test_identity.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.people import service as people_service
from app.people.models import Person
from scrapers.records import PersonKind
from tests.app.builders import make_person


def test_name_key_ignores_case_accents_titles_and_punctuation() -> None:
    assert people_service.name_key("Dr. José  García-López") == "jose garcia lopez"
    assert people_service.name_key("JOSE GARCIA LOPEZ") == "jose garcia lopez"


def test_clean_name_strips_bidi_marks_and_controls_and_caps_length() -> None:
    assert people_service.clean_name("\u202eAnna\u200f Smith\x00") == "Anna Smith"
    assert len(people_service.clean_name("a" * 10_000)) == people_service.MAX_NAME


@given(st.text(max_size=400))
def test_name_key_never_raises_and_stays_bounded(raw: str) -> None:
    key = people_service.name_key(raw)
    assert len(key) <= people_service.MAX_NAME
    assert key == key.strip()


def test_same_name_and_affiliation_is_one_person(session) -> None:
    first = make_person(session, name="Amina Diallo", affiliation="ISS Africa")
    again = make_person(session, name="AMINA DIALLO", affiliation="iss africa")
    assert again.id == first.id
    assert again.affiliation == "iss africa"  # the newest page's wording
    assert session.scalar(select(func.count()).select_from(Person)) == 1


def test_namesakes_without_a_shared_context_stay_apart(session) -> None:
    first = make_person(session, name="Amina Diallo", affiliation="ISS Africa")
    other = make_person(session, name="Amina Diallo", affiliation="University of Dakar")
    assert other.id != first.id


def test_hostile_name_is_stored_as_text(session) -> None:
    person = make_person(session, name="<script>alert(1)</script> Jane")
    assert person.display_name == "<script>alert(1)</script> Jane"


def test_name_without_letters_is_invalid(session) -> None:
    with pytest.raises(InvalidInput):
        make_person(session, name="  ...  ")


def test_organisation_kind_is_kept(session) -> None:
    team = make_person(session, name="Organising Team", kind=PersonKind.ORGANISATION)
    assert team.kind is PersonKind.ORGANISATION

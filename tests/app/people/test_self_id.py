"""Self-identification links: admin-only, signed, single-use, expiring; the choice wins."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import Forbidden, NotFound
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.people import self_id
from tests.app.builders import make_key, make_person

SECRET = "test-secret"


def test_link_flow_records_self_id_that_beats_a_correction(session) -> None:
    person = make_person(session)
    gender_service.record_label(
        session, person_id=person.id, label=Label.MAN, source=Source.CORRECTION, note="x"
    )
    token, _expires = self_id.create_link(
        session, person_id=person.id, actor="admin", secret_key=SECRET
    )
    self_id.apply_choice(session, token, self_id.Choice.NONBINARY, secret_key=SECRET)
    current = gender_service.current_label(session, person.id)
    assert (current.label, current.source) == (Label.NONBINARY, "self_id")
    with pytest.raises(Forbidden, match="already been used"):
        self_id.resolve(session, token, secret_key=SECRET)


def test_forged_and_expired_links_are_refused(session) -> None:
    person = make_person(session)
    token, _ = self_id.create_link(session, person_id=person.id, actor="a", secret_key=SECRET)
    with pytest.raises(NotFound):
        forged = token[:-1] + ("0" if token[-1] != "0" else "1")
        self_id.resolve(session, forged, secret_key=SECRET)
    with pytest.raises(NotFound):
        self_id.resolve(session, token, secret_key="another-secret")
    old, _ = self_id.create_link(
        session, person_id=person.id, actor="a", secret_key=SECRET, ttl=timedelta(seconds=-1)
    )
    with pytest.raises(Forbidden, match="expired"):
        self_id.resolve(session, old, secret_key=SECRET)


def test_opt_out_and_prefer_not_to_say_count_as_unknown(session) -> None:
    first, second = make_person(session, name="Ana Silva"), make_person(session, name="Bo Lind")
    for person, choice in ((first, "opt_out"), (second, "prefer_not_to_say")):
        token, _ = self_id.create_link(session, person_id=person.id, actor="a", secret_key=SECRET)
        self_id.apply_choice(session, token, self_id.Choice(choice), secret_key=SECRET)
    assert gender_service.current_label(session, first.id).source == "opt_out"
    assert first.opted_out
    assert gender_service.current_label(session, second.id).label is Label.UNKNOWN


def test_the_form_end_to_end_over_http(api, session_factory) -> None:
    api.app.state.settings.secret_key = SECRET
    with session_factory() as session, session.begin():
        person_id = make_person(session, name="<b>Lea</b> Moreau").id
        admin, editor = make_key(session, "admin"), make_key(session, "editor")
    url = f"/api/people/{person_id}/self-id-link"
    assert api.post(url, headers={"Authorization": f"Bearer {editor}"}).status_code == 403
    created = api.post(url, headers={"Authorization": f"Bearer {admin}"})
    assert created.status_code == 201
    form_url = created.json()["url"]
    page = api.get(form_url)
    assert page.status_code == 200 and "&lt;b&gt;Lea&lt;/b&gt;" in page.text
    assert "<b>Lea</b>" not in page.text
    done = api.post(form_url, data={"choice": "woman"})
    assert done.status_code == 200 and "Thank you" in done.text
    assert api.post(form_url, data={"choice": "man"}).status_code == 403


def test_a_browser_reopening_a_used_link_gets_a_page_not_json(api, session_factory) -> None:
    """An expert who clicks their link twice reads a sentence, not a problem document."""
    api.app.state.settings.secret_key = SECRET
    with session_factory() as session, session.begin():
        person_id = make_person(session, name="Ana Silva").id
        admin = make_key(session, "admin")
    created = api.post(
        f"/api/people/{person_id}/self-id-link", headers={"Authorization": f"Bearer {admin}"}
    )
    form_url = created.json()["url"]
    done = api.post(form_url, data={"choice": "opt_out"})
    assert done.status_code == 200
    assert "no longer listed" in done.text  # the opt-out is confirmed in its own words
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    again = api.get(form_url, headers=browser)
    assert again.status_code == 403
    assert again.headers["content-type"].startswith("text/html")
    assert "already been used" in again.text and '"type"' not in again.text
    forged = api.get(form_url[:-1] + ("0" if form_url[-1] != "0" else "1"), headers=browser)
    assert forged.status_code == 404 and forged.headers["content-type"].startswith("text/html")
    # An API client still gets the problem document.
    assert api.get(form_url).headers["content-type"].startswith("application/problem+json")

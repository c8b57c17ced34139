"""The event edition page, its badge and embed code, and women experts for a topic (issue #15):
people named only where the public-naming rule allows, opted-out people never."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.events.models import Event
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.metrics import editions, rollups
from app.people.models import Person
from dashboards import badge
from tests.app.metrics.test_rollups import build


@pytest.fixture
def site(session_factory):  # type: ignore[no-untyped-def]
    """The rollup tests' database; Sarah Okafor self-identified, Mei Lin (cited) opted out."""
    with session_factory() as session, session.begin():
        build(session)
        people = {p.name_key: p for p in session.scalars(select(Person))}
        for key in ("sarah okafor", "mei lin"):
            gender_service.record_label(session, person_id=people[key].id, label=Label.WOMAN,
                                        source=Source.SELF_ID)  # fmt: skip
        people["mei lin"].opted_out = True
        rollups.rebuild(session)
        return {"event": session.scalar(select(Event.id).order_by(Event.starts_on.desc()))}


def test_event_page_lists_panels_roles_and_balance_naming_only_who_may_be_named(api, site):
    html = api.get(f"/event/{site['event']}").text
    assert "Deterrence after 2022" in html and "Keynote: Europe" in html
    assert "An all-male panel" not in html  # Sarah Okafor moderates it
    assert "Sarah Okafor" in html  # self-identified: may be named
    assert "Jonas Berg" not in html and "Piotr Nowak" not in html  # inferred only: not named
    assert "not named" in html
    assert "1 all-male panel" not in html and "0 all-male panels" in html
    assert "/methodology#corrections" in html  # the contact wherever a person is named
    embed = re.search(r'<textarea id="embed"[^>]*>([^<]+)</textarea>', html).group(1)
    assert f"/badge/event/{site['event']}.svg" in embed and "&lt;img" in embed
    assert api.get("/event/999999").status_code == 404


def test_the_badge_names_the_event_and_year_and_is_coloured_by_the_result(api, site):
    svg = api.get(f"/badge/event/{site['event']}.svg").text
    assert "Northbridge Security Forum 2024" in svg
    assert "women" in svg and "manels" in svg and "0 manels" in svg
    assert badge.BADGE_COLOURS["balanced"] in svg  # 2 women of 4 on stage
    assert badge.badge_colour(0.1) == badge.BADGE_COLOURS["low"]
    assert badge.badge_colour(0.3) == badge.BADGE_COLOURS["middle"]
    assert "no data yet" in badge.event_badge(None, None, name="<x>", year=2025)
    assert "<x>" not in badge.event_badge(None, None, name="<x>", year=2025)


def test_suggestions_are_women_on_the_topic_who_may_be_named_never_opted_out(session_factory, site):
    with session_factory() as session:
        found = editions.suggest_women(session, "Deterrence in the Baltic")
        names = [item["name"] for item in found]
        assert names == ["Sarah Okafor"]
        where = found[0]["where"][0]
        assert where["what"] == "spoke" and where["title"] == "Deterrence after 2022"
        assert found[0]["source"] == "self_id"
        # Mei Lin was cited in "Drones change the front", but she opted out.
        assert editions.suggest_women(session, "drones") == []
        assert editions.suggest_women(session, "the and with") == []


def test_suggest_page_shows_where_and_when(api, site):
    html = api.get("/suggest", params={"topic": "Deterrence", "event": site["event"]}).text
    assert "1 suggestion" in html and "Sarah Okafor" in html
    assert "spoke on “Deterrence after 2022”" in html
    assert "self-identified" in html


def test_an_opted_out_speaker_is_a_person_not_known_not_an_opt_out(api, session_factory, site):
    """The public page counts them as unknown and does not tell that they opted out: with the
    agenda public, 'opted out' beside a session would say who did."""
    with session_factory() as session, session.begin():
        jonas = session.scalar(select(Person).where(Person.name_key == "jonas berg"))
        jonas.opted_out = True
        rollups.rebuild(session)
    html = api.get(f"/event/{site['event']}").text
    assert "opted out" not in html.split('<h2 id="wrong"')[0].lower()
    assert "Jonas Berg" not in html
    assert "don&#39;t know" in html or "don't know" in html

"""Test builders: plain functions with fixed defaults (STYLE.md, Tests)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.people import service as people_service
from app.people.models import Person
from scrapers import records


def make_person(session: Session, **overrides: Any) -> Person:
    fields: dict[str, Any] = {"name": "Amina Diallo"}
    fields.update(overrides)
    return people_service.get_or_create(session, **fields)


def make_lineup(**overrides: Any) -> records.Lineup:
    """A two-session lineup: one all-male panel with a female moderator, one keynote."""
    panel = records.Session(
        title="Deterrence after 2022",
        start=datetime(2024, 5, 6, 10, 0),
        kind="panel",
        external_id="p1",
        people=(
            records.PersonRef(name="Jonas Berg", affiliation="NUPI"),
            records.PersonRef(name="Piotr Nowak"),
            records.PersonRef(name="Sarah Okafor", role=records.Role.MODERATOR),
        ),
    )
    keynote = records.Session(
        title="Keynote: Europe's security order",
        start=datetime(2024, 5, 6, 9, 0),
        kind="keynote",
        external_id="k1",
        people=(records.PersonRef(name="Dr. Lena Fischer", role=records.Role.KEYNOTE),),
    )
    fields: dict[str, Any] = {
        "event": records.Event(
            name="Northbridge Security Forum 2024",
            url="https://forum.example/2024/schedule.json",
            starts_on=date(2024, 5, 6),
            ends_on=date(2024, 5, 7),
            location="Oslo",
            country="NO",
            series="Northbridge Security Forum",
        ),
        "sessions": (keynote, panel),
        "format": "pretalx",
    }
    fields.update(overrides)
    return records.Lineup(**fields)


def make_article(**overrides: Any) -> records.Article:
    fields: dict[str, Any] = {
        "url": "https://ledger.example/2023/05/drones.html",
        "title": "Drones change the front",
        "published": datetime(2023, 5, 2, 8, 0),
        "outlet": "The Meridian Ledger",
        "authors": ("Tom Hale", "Nadia Rahman"),
        "cited": (
            records.Citation(name="Ivan Petrov", quoted=True, mentions=2, quote="It is new."),
            records.Citation(name="Mei Lin", affiliation="a fellow at RUSI", cues=("she",)),
            records.Citation(name="Tom Hale"),
        ),
    }
    fields.update(overrides)
    return records.Article(**fields)


def make_key(session: Session, role: str = "viewer", name: str = "test") -> str:
    """Create an API key; return the secret to send as a Bearer token."""
    from app.access import service as access_service

    _row, secret = access_service.create_key(session, role=role, name=name)
    return secret

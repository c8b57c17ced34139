"""The JSON documents of DESIGN.md's command-line contract, built from scraper records.

Each person gets the gender object (label, probability, source, evidence) from all the evidence
the page gives; the scrapers only collect it, the engine decides.
"""

from __future__ import annotations

from typing import Any

from app.gender.engine import Engine
from scrapers import records

__all__ = ["article_document", "gender_object", "lineup_document"]

ORGANISATION_GENDER: dict[str, Any] = {
    "label": "unknown",
    "probability": 0.0,
    "source": "none",
    "evidence": [],
    "reason": "an organisation or group account: never counted",
}


def gender_object(engine: Engine, name: str, **evidence: Any) -> dict[str, Any]:
    """The gender JSON without the name."""
    return engine.infer(name, **evidence).as_dict()


def _person(engine: Engine, ref: records.PersonRef, country: str | None) -> dict[str, Any]:
    if ref.kind is records.PersonKind.ORGANISATION:
        gender = dict(ORGANISATION_GENDER)
    else:
        gender = gender_object(
            engine,
            ref.name,
            country=country,
            honorific=ref.honorific,
            bio=ref.bio,
            pronouns=ref.pronouns,
        )
    return {
        "name": ref.name,
        "role": ref.role.value,
        "kind": ref.kind.value,
        "kind_reason": ref.kind_reason,
        "honorific": ref.honorific,
        "affiliation": ref.affiliation,
        "bio": ref.bio,
        "gender": gender,
    }


def lineup_document(lineup: records.Lineup, *, engine: Engine) -> dict[str, Any]:
    """DESIGN.md lineup JSON."""
    event = lineup.event
    return {
        "event": {
            "name": event.name,
            "url": event.url,
            "starts_on": event.starts_on.isoformat() if event.starts_on else None,
            "ends_on": event.ends_on.isoformat() if event.ends_on else None,
            "location": event.location,
        },
        "format": lineup.format,
        "sessions": [
            {
                "title": item.title,
                "start": item.start.isoformat() if item.start else None,
                "kind": item.kind,
                "people": [_person(engine, ref, event.country) for ref in item.people],
            }
            for item in lineup.sessions
        ],
    }


def article_document(article: records.Article, *, engine: Engine) -> dict[str, Any]:
    """DESIGN.md article JSON, exactly its keys; each cited person's gender uses the text's cues.

    `cited` lists people only: organisations quoted as sources (article.organisations, or a
    citation of kind organisation) are counted apart and never get a gender.
    """
    return {
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "authors": list(article.authors),
        "cited": [
            {
                "name": item.name,
                "quoted": item.quoted,
                "mentions": item.mentions,
                "affiliation": item.affiliation,
                "gender": gender_object(
                    engine, item.name, honorific=item.honorific, cues=item.cues
                ),
            }
            for item in article.cited
            if item.kind is records.PersonKind.PERSON
        ],
    }

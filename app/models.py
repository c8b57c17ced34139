"""Every domain's tables, imported in one place for Alembic and the ORM's string references."""

from app.access.models import ApiKey, AuditEntry, KeyRole
from app.articles.models import Article, Authorship, Citation, Outlet
from app.db import Base
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.models import GenderLabel
from app.ingest.models import Snapshot, Source, SourceKind
from app.people.models import Person

__all__ = [
    "AgendaSession",
    "ApiKey",
    "Appearance",
    "Article",
    "AuditEntry",
    "Authorship",
    "Base",
    "Citation",
    "Event",
    "EventSeries",
    "GenderLabel",
    "KeyRole",
    "Outlet",
    "Person",
    "Snapshot",
    "Source",
    "SourceKind",
]

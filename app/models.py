"""Every domain's tables, imported in one place for Alembic and the ORM's string references.

Importing it also registers the rollups' write-path listeners (app/metrics/rollups.py).
"""

from app.access.models import ApiKey, AuditEntry, KeyRole
from app.articles.models import Article, Authorship, Citation, Outlet
from app.db import Base
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.models import GenderLabel
from app.ingest.models import Snapshot, Source, SourceKind
from app.metrics import rollups as _rollups  # noqa: F401  (the write path: DESIGN.md, Data flow)
from app.metrics.models import (
    CitationProfile,
    CitationResampling,
    CitationRollup,
    CitationYearProfile,
    CitationYearRollup,
    CitationYearStamp,
    CountryCitationProfile,
    CountryCitationRollup,
    CountryCitationYearProfile,
    CountryCitationYearRollup,
    ManelRollup,
    PanelRollup,
)
from app.metrics.reports_models import SavedReport
from app.people.models import Person, PersonIdentifier, SelfIdToken

__all__ = [
    "AgendaSession",
    "ApiKey",
    "Appearance",
    "Article",
    "AuditEntry",
    "Authorship",
    "Base",
    "Citation",
    "CitationProfile",
    "CitationResampling",
    "CitationRollup",
    "CitationYearProfile",
    "CitationYearRollup",
    "CitationYearStamp",
    "CountryCitationProfile",
    "CountryCitationRollup",
    "CountryCitationYearProfile",
    "CountryCitationYearRollup",
    "Event",
    "EventSeries",
    "GenderLabel",
    "KeyRole",
    "ManelRollup",
    "Outlet",
    "PanelRollup",
    "Person",
    "PersonIdentifier",
    "SavedReport",
    "SelfIdToken",
    "Snapshot",
    "Source",
    "SourceKind",
]

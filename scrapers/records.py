"""The contract between scrapers and app: small frozen pydantic records.

Must not import app or dashboards. Parsers return these; app/ingest stores them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Article",
    "Citation",
    "Event",
    "Lineup",
    "PersonKind",
    "PersonRef",
    "Role",
    "Session",
    "Snapshot",
]


class Role(StrEnum):
    """A person's part in a session, spelled as in DESIGN.md."""

    SPEAKER = "speaker"
    MODERATOR = "moderator"
    KEYNOTE = "keynote"
    CHAIR = "chair"
    HOST = "host"
    DISCUSSANT = "discussant"
    ORGANISER = "organiser"


class PersonKind(StrEnum):
    """`organisation` covers group accounts and teams: listed, never counted."""

    PERSON = "person"
    ORGANISATION = "organisation"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PersonRef(_Record):
    """A person as a page names them, with the evidence the page gives about them."""

    name: str
    role: Role = Role.SPEAKER
    kind: PersonKind = PersonKind.PERSON
    kind_reason: str | None = None  # the evidence behind `kind`, as scrapers.personhood gave it
    honorific: str | None = None
    affiliation: str | None = None
    bio: str | None = None
    pronouns: str | None = None  # as self-declared on the page, e.g. "she/her"
    external_id: str | None = None  # the source system's id, e.g. a pretalx speaker code


class Session(_Record):
    """One slot of an agenda: a talk, panel, keynote, workshop..."""

    title: str
    start: datetime | None = None
    end: datetime | None = None
    kind: str | None = None
    room: str | None = None
    external_id: str | None = None
    people: tuple[PersonRef, ...] = ()


class Event(_Record):
    """One edition of an event, as its agenda describes it."""

    name: str
    url: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    location: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 where known
    series: str | None = None


class Lineup(_Record):
    """What a lineup parser returns: the event and its sessions."""

    event: Event
    sessions: tuple[Session, ...] = ()
    format: str | None = None
    next_url: str | None = None  # the next page of a paginated API (pretalx `next`), if any


class Citation(_Record):
    """An expert quoted or paraphrased in an article.

    `cues` are the words in the text that refer to this person and carry gender evidence
    (pronouns, honorifics, role nouns), as found; app/gender decides what they mean.
    """

    name: str
    quoted: bool = False
    mentions: int = 1
    affiliation: str | None = None
    quote: str | None = None  # the first quote excerpt
    honorific: str | None = None
    cues: tuple[str, ...] = ()
    # A person, or an organisation quoted as a source (listed, never counted as a woman or a
    # man); `kind_reason` says what in the text made the call, for display and override.
    kind: PersonKind = PersonKind.PERSON
    kind_reason: str | None = None


class Article(_Record):
    """A media page: who wrote it and whom it cites."""

    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    cited: tuple[Citation, ...] = ()  # people only
    organisations: tuple[Citation, ...] = ()  # organisations quoted as sources, kind organisation
    text: str | None = Field(default=None, repr=False)


class Snapshot(_Record):
    """Raw bytes as fetched (or read from a file), kept so pages can be parsed again."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = Field(default_factory=dict)
    content: bytes = Field(repr=False)
    fetched_at: datetime

    @property
    def content_type(self) -> str:
        """Return the media type without parameters, lower-cased ('' when absent)."""
        value = self.headers.get("content-type", "")
        return value.split(";", 1)[0].strip().lower()

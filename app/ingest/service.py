"""Store scraper records as rows: snapshots, events with sessions and appearances, articles.

Re-ingesting the same records changes nothing (natural keys + upserts). The caller owns the
transaction, so a lineup ingests as one unit.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.articles.models import Article, Authorship, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.hygiene import clean_text
from app.ingest.models import Snapshot
from app.people import identity
from app.people import service as people_service
from app.people.models import Person
from scrapers import personhood, records
from scrapers import text as scraper_text

__all__ = [
    "canonical_url",
    "ingest_article",
    "ingest_lineup",
    "series_row",
    "slugify",
    "store_snapshot",
]

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
# Called with each person a page names and the row they resolved to (the pipeline labels them).
OnPerson = Callable[[Person, records.PersonRef | records.Citation | None], None]


def canonical_url(url: str) -> str:
    """Return URL as the key of what it points at: scheme and host lower-cased, default port,
    fragment, tracking parameters (utm_*, fbclid, ...) and a trailing slash dropped, the query
    sorted (courlan). `/2025`, `/2025/` and `/2025?utm_source=x` are one event."""
    try:
        normal = normalize_url(url.strip())
    except (ValueError, TypeError):
        return url.strip()
    parts = urlsplit(normal)
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:120] or "series"


def store_snapshot(
    session: Session, snapshot: records.Snapshot, *, source_id: int | None = None
) -> Snapshot:
    """Keep SNAPSHOT's bytes compressed; the same bytes from the same URL are stored once."""
    digest = hashlib.sha256(snapshot.content).hexdigest()
    row = session.scalar(
        select(Snapshot).where(Snapshot.url == snapshot.url, Snapshot.content_hash == digest)
    )
    if row is None:
        row = Snapshot(
            source_id=source_id,
            url=snapshot.url,
            final_url=snapshot.final_url,
            status=snapshot.status,
            headers=dict(snapshot.headers),
            content=zlib.compress(snapshot.content, 6),
            content_hash=digest,
            size=len(snapshot.content),
            fetched_at=snapshot.fetched_at,
        )
        session.add(row)
        session.flush()
    return row


def series_row(session: Session, name: str) -> EventSeries:
    """Return the series NAME, creating it when new."""
    slug = slugify(name)
    row = session.scalar(select(EventSeries).where(EventSeries.slug == slug))
    if row is None:
        row = EventSeries(name=clean_text(name)[:300], slug=slug)
        session.add(row)
        session.flush()
    return row


def _event_key(event: records.Event, series: str | None) -> str:
    if event.url:
        return canonical_url(clean_text(event.url))[:600]
    return f"{series or ''}|{clean_text(event.name)}|{event.starts_on or ''}"[:600]


def _session_key(item: records.Session) -> str:
    if item.external_id:
        return f"id:{clean_text(item.external_id)}"[:600]
    start = item.start.isoformat() if item.start else ""
    return f"{clean_text(item.title)}|{start}"[:600]


def ingest_lineup(
    session: Session,
    lineup: records.Lineup,
    *,
    snapshot_id: int | None = None,
    source_id: int | None = None,
    series: str | None = None,
    on_person: OnPerson | None = None,
    parser_version: str | None = None,
) -> Event:
    """Upsert LINEUP's event, sessions and appearances; sessions gone from it are removed.

    Each person is resolved in the event's context (identity.py); ON_PERSON sees each.
    """
    info = lineup.event
    series_name = series or info.series
    key = _event_key(info, series_name)
    event = session.scalar(select(Event).where(Event.key == key))
    if event is None:
        event = Event(key=key, name=clean_text(info.name)[:300])
        session.add(event)
    event.series = series_row(session, series_name) if series_name else event.series
    event.name = clean_text(info.name)[:300]  # issue 14: no bidi or control characters stored
    event.url, event.location, event.country = info.url, _clean(info.location), info.country
    event.starts_on, event.ends_on = info.starts_on, info.ends_on
    event.source_id = source_id or event.source_id
    event.snapshot_id = snapshot_id or event.snapshot_id
    event.parser_version = parser_version or event.parser_version
    session.flush()
    existing = {row.key: row for row in event.sessions}
    seen: set[str] = set()
    for position, item in enumerate(lineup.sessions):
        skey = _session_key(item)
        if skey in seen:
            continue
        seen.add(skey)
        row = existing.get(skey)
        if row is None:
            row = AgendaSession(key=skey)
            event.sessions.append(row)
        row.position, row.title, row.kind = position, clean_text(item.title), item.kind
        row.start, row.end, row.room = item.start, item.end, item.room
        _sync_appearances(session, row, item.people, context=_Where(event, lineup.format),
                          country=info.country, on_person=on_person)  # fmt: skip
    for skey, row in existing.items():
        if skey not in seen:
            event.sessions.remove(row)
    session.flush()
    return event


@dataclass(frozen=True, slots=True)
class _Where:
    """The event a lineup's names are found in, and the agenda system that gave them."""

    event: Event
    lineup_format: str | None

    def context(self, ref: records.PersonRef) -> identity.Context:
        # An agenda system's speaker id, scoped to the system's host (ids are per instance).
        host = urlsplit(self.event.url or "").hostname
        scheme = f"{self.lineup_format or 'agenda'}:{host}"
        return identity.Context(
            event_id=self.event.id,
            series_id=self.event.series_id,
            affiliation=ref.affiliation,
            identifier=(scheme, ref.external_id) if ref.external_id and host else None,
        )


def _sync_appearances(
    session: Session,
    row: AgendaSession,
    people: tuple[records.PersonRef, ...],
    *,
    context: _Where,
    country: str | None,
    on_person: OnPerson | None,
) -> None:
    # A person already stored in this session keeps their row: an editor's split sticks.
    loaded = _load_people(session, {a.person_id for a in row.appearances})  # noqa: F841
    known = {a.person.name_key: a.person for a in row.appearances}
    wanted: dict[tuple[int, str], str | None] = {}
    for ref in people:
        key = people_service.name_key(ref.name)
        person = known.get(key) or _person(
            session, ref, context=context.context(ref), country=country
        )
        if person.merged_into_id is not None:
            person = people_service.get(session, person.merged_into_id)
        known[key] = person
        wanted[(person.id, ref.role.value)] = ref.affiliation
        if on_person is not None:
            on_person(person, ref)
    current = {(a.person_id, a.role.value): a for a in row.appearances}
    for key, appearance in current.items():
        if key not in wanted:
            row.appearances.remove(appearance)
    for (person_id, role), affiliation in wanted.items():
        appearance = current.get((person_id, role))
        if appearance is None:
            row.appearances.append(
                Appearance(
                    person_id=person_id, role=records.Role(role), affiliation=_clean(affiliation)
                )
            )
        else:
            appearance.affiliation = _clean(affiliation)
    session.flush()


def _clean(text: str | None) -> str | None:
    return clean_text(text) if text is not None else None


def _person(
    session: Session, ref: records.PersonRef, *, context: identity.Context, country: str | None
) -> Person:
    return people_service.get_or_create(
        session,
        name=ref.name,
        context=context,
        kind=ref.kind,
        kind_reason=ref.kind_reason,
        honorific=ref.honorific,
        affiliation=ref.affiliation,
        country=country,
        bio=ref.bio,
    )


def _outlet(session: Session, article: records.Article, *, country: str | None) -> Outlet | None:
    host = urlsplit(article.url or "").hostname
    if not host:
        return None
    domain = host.removeprefix("www.")
    row = session.scalar(select(Outlet).where(Outlet.domain == domain))
    if row is None:
        name = clean_text(article.outlet or domain)[:300] or domain[:300]
        row = Outlet(domain=domain, name=name, country=country)
        session.add(row)
        session.flush()
    return row


def ingest_article(
    session: Session,
    article: records.Article,
    *,
    snapshot_id: int | None = None,
    source_id: int | None = None,
    country: str | None = None,
    on_person: OnPerson | None = None,
    parser_version: str | None = None,
) -> Article:
    """Upsert ARTICLE with its authorships and citations (an author never cites themself).

    People are resolved in the outlet's context (identity.py); ON_PERSON sees each. A new
    article and the page's new people are each one INSERT (issue 16: statements per page).
    """
    if not article.url:
        raise ValueError("an article needs its URL to be stored")
    url = canonical_url(article.url)[:2000]
    row = session.scalar(select(Article).where(Article.url.in_({url, article.url[:2000]})))
    outlet = _outlet(session, article, country=country)
    if row is None:
        row = Article(url=url, authorships=[], citations=[])  # new: no links to load
        session.add(row)
    row.outlet_id = outlet.id if outlet else row.outlet_id
    row.title, row.published, row.language = (
        _clean(article.title),
        _aware(article.published),
        article.language,
    )
    row.source_id = source_id or row.source_id
    row.snapshot_id = snapshot_id or row.snapshot_id
    row.parser_version = parser_version or row.parser_version
    session.flush()
    # People already stored for this article keep their rows: an editor's split sticks.
    links = (*row.authorships, *row.citations)
    loaded = _load_people(session, {link.person_id for link in links})  # noqa: F841
    known = {link.person.name_key: link.person for link in links}
    names = [*article.authors, *(item.name for item in (*article.cited, *article.organisations))]
    keys = {people_service.name_key(name) for name in names} - known.keys() - {""}
    candidates = identity.candidates(session, keys) if keys else {}

    def resolve(key: str, name: str, item: records.Citation | None) -> Person:
        context = identity.Context(
            outlet_id=row.outlet_id, affiliation=item.affiliation if item else None
        )
        kind, reason = (item.kind, item.kind_reason) if item else _kind(name)
        person = known.get(key) or people_service.get_or_create(
            session, name=name, context=context, country=country, kind=kind,
            kind_reason=reason, honorific=item.honorific if item else None,
            affiliation=item.affiliation if item else None, candidates=candidates, flush=False,
        )  # fmt: skip
        if person.merged_into_id is not None:
            person = people_service.get(session, person.merged_into_id)
        known[key] = person
        if on_person is not None:
            on_person(person, item)
        return person

    authors = [resolve(key, name, None) for name in article.authors
               if (key := people_service.name_key(name))]  # fmt: skip
    # Organisations quoted as sources are stored as citations too: listed, never counted.
    sources = [(resolve(key, item.name, item), item) for item in (*article.cited,
               *article.organisations) if (key := people_service.name_key(item.name))]  # fmt: skip
    session.flush()  # the page's new people, in one INSERT: now they have ids
    _sync_authorships(row, authors)
    author_ids = {person.id for person in authors}
    cited: dict[int, records.Citation] = {}
    for person, item in sources:
        if person.id not in author_ids:
            cited.setdefault(person.id, item)
    _sync_citations(row, cited)
    session.flush()
    return row


def _aware(moment: datetime | None) -> datetime | None:
    """MOMENT with its zone; a naive one (a page giving only a day) is UTC, as the column
    stores it. A naive value never equals the aware one read back, so a re-ingest would
    count as a change and refresh the article's rollups for nothing."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _load_people(session: Session, person_ids: set[int]) -> list[Person]:
    """Read these people in one statement, so each link's `person` is found in the session
    (while the caller holds the list: the session keeps rows by weak reference)."""
    if not person_ids:
        return []
    return list(session.scalars(select(Person).where(Person.id.in_(sorted(person_ids)))))


def _kind(name: str) -> tuple[records.PersonKind, str]:
    """A byline's name: a person, or an organisation (listed, never counted; DESIGN.md)."""
    verdict = personhood.classify(scraper_text.clean(name))
    if verdict.kind == personhood.PERSON:
        return records.PersonKind.PERSON, verdict.reason
    return records.PersonKind.ORGANISATION, verdict.reason


def _sync_authorships(row: Article, authors: list[Person]) -> None:
    ids = list(dict.fromkeys(person.id for person in authors))
    current = {a.person_id: a for a in row.authorships}
    for person_id, authorship in current.items():
        if person_id not in ids:
            row.authorships.remove(authorship)
    for position, person_id in enumerate(ids):
        authorship = current.get(person_id) or Authorship(person_id=person_id)
        authorship.position = position
        if person_id not in current:
            row.authorships.append(authorship)


def _sync_citations(row: Article, cited: dict[int, records.Citation]) -> None:
    current = {c.person_id: c for c in row.citations}
    for person_id, citation in current.items():
        if person_id not in cited:
            row.citations.remove(citation)
    for person_id, item in cited.items():
        citation = current.get(person_id) or Citation(person_id=person_id)
        citation.quoted, citation.mentions = item.quoted, item.mentions
        citation.quote = _clean(item.quote)
        citation.affiliation = _clean(item.affiliation[:500]) if item.affiliation else None
        if person_id not in current:
            row.citations.append(citation)

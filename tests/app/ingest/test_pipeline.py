"""The ingest pipeline from a source to labelled rows: idempotent, and a failure leaves nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.events.models import Appearance, Event
from app.gender import service as gender_service
from app.gender.engine import default_engine
from app.ingest import pipeline
from app.ingest.models import Snapshot
from app.people.models import Person
from app.settings import Settings

FRAB = b"""<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1</version>
  <conference><title>Harbour Policy Days 2024</title><start>2024-03-04</start>
    <end>2024-03-05</end><days>2</days></conference>
  <day index="1" date="2024-03-04"
       start="2024-03-04T09:00:00+01:00" end="2024-03-04T18:00:00+01:00">
    <room name="Main">
      <event guid="7b0c6a2e-0000-4000-8000-000000000001" id="101">
        <date>2024-03-04T10:00:00+01:00</date><start>10:00</start><duration>01:00</duration>
        <room>Main</room><title>Sanctions that work</title><type>Panel</type>
        <persons><person id="1">Maria Lopez</person><person id="2">Johan Svensson</person>
          <person id="3">Peter Novak</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def count(factory, model) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_ingesting_a_lineup_three_times_gives_the_same_rows(session_factory, tmp_path) -> None:
    source = write(tmp_path, "schedule.xml", FRAB)
    for _ in range(3):
        (outcome,) = pipeline.ingest_sources(
            session_factory, [source], settings=Settings(), engine=default_engine()
        )
        assert outcome.ok, outcome.detail
        assert outcome.kind == "lineup"
    assert (count(session_factory, Event), count(session_factory, Appearance)) == (1, 3)
    assert count(session_factory, Snapshot) == 1
    with session_factory() as session:
        maria = session.scalar(select(Person).where(Person.name_key == "maria lopez"))
        current = gender_service.current_label(session, maria.id)
        assert (current.label.value, current.source) == ("woman", "name")
        assert len(maria.labels) == 1


def test_a_failed_source_leaves_nothing_and_the_rest_go_on(session_factory, tmp_path) -> None:
    broken = write(tmp_path, "broken.xml", FRAB[:300])
    good = write(tmp_path, "good.xml", FRAB)
    missing = str(tmp_path / "missing.json")
    outcomes = pipeline.ingest_sources(
        session_factory, [broken, missing, good], settings=Settings(), engine=default_engine()
    )
    assert [o.ok for o in outcomes] == [False, False, True]
    assert "broken.xml" in outcomes[0].detail or "XML" in outcomes[0].detail
    assert "cannot read file" in outcomes[1].detail
    assert count(session_factory, Event) == 1
    assert count(session_factory, Snapshot) == 1


SITE_BUILDER_AGENDA = b"""<!DOCTYPE html><html lang="en"><head>
<title>Harbour Security Day - Agenda</title>
<meta property="og:type" content="article"><meta property="og:title" content="Agenda"></head>
<body><div role="main"><h1>Agenda</h1><p>All talks in the main hall.</p><ul>
<li>09:30 - 10:15 Ports as targets (Maria Lopez, @mlopez) [slides]</li>
<li>10:15 - 11:00 Fuzzing harbour cranes (Johan Svensson, @jsv) [slides]</li>
<li>11:30 - 12:15 Who guards the guards? (Amara Okafor, @amara) [slides, recording]</li>
<li>12:15 - 13:00 Lunch</li></ul></div></body></html>"""

SHORT_NEWS = b"""<!DOCTYPE html><html lang="en"><head><title>Ferry strike ends</title>
<meta property="og:type" content="article"></head><body><article><h1>Ferry strike ends</h1>
<p>The ferry strike in the harbour ended on Monday after three days, the port authority said in
a statement. Services return to the normal timetable on Tuesday morning.</p>
<p>Passengers with tickets for cancelled crossings can claim a refund at the terminal.</p>
</article></body></html>"""


def test_a_page_only_og_type_calls_an_article_is_read_as_the_agenda_it_is(
    session_factory, tmp_path
) -> None:
    """Site builders mark every page og:type=article: an agenda page there is no empty article."""
    sources = [write(tmp_path, "agenda.html", SITE_BUILDER_AGENDA),
               write(tmp_path, "news.html", SHORT_NEWS)]  # fmt: skip
    agenda, news = pipeline.ingest_sources(
        session_factory, sources, settings=Settings(), engine=default_engine()
    )
    assert agenda.ok and agenda.kind == "lineup", agenda.detail
    assert "3 people" in agenda.detail
    assert news.ok and news.kind == "article", news.detail  # no agenda in it: still an article
    forced = pipeline.ingest_sources(
        session_factory, [sources[0]], settings=Settings(), engine=default_engine(),
        options=pipeline.IngestOptions(kind=pipeline.SourceKind.ARTICLE),
    )  # fmt: skip
    assert forced[0].kind == "article"  # a kind the caller forces is kept

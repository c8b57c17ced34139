"""People as identities: the matching rule, and merge / split / undo that keep every row."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.articles.models import Citation
from app.errors import Conflict, NotFound
from app.events.models import Appearance
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.ingest import service as ingest_service
from app.metrics import rollups
from app.metrics import service as metrics_service
from app.people import identity
from app.people import service as people_service
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_article, make_lineup


def edition(year: int, *, series: str = "Northbridge Security Forum", host: str = "forum.example"):
    lineup = make_lineup()
    event = lineup.event.model_copy(
        update={"url": f"https://{host}/{year}", "starts_on": date(year, 5, 6), "series": series,
                "name": f"{series} {year}"}
    )  # fmt: skip
    return lineup.model_copy(update={"event": event})


def people_named(session, key: str) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.name_key == key).order_by(Person.id)))


def test_editions_of_one_series_share_people_other_series_do_not(session) -> None:
    ingest_service.ingest_lineup(session, edition(2023))
    ingest_service.ingest_lineup(session, edition(2024))
    assert len(people_named(session, "piotr nowak")) == 1
    ingest_service.ingest_lineup(
        session, edition(2024, series="Coral Strait", host="coral.example")
    )
    assert len(people_named(session, "piotr nowak")) == 2
    # the same name with the same affiliation (NUPI) is the same person in any series
    assert len(people_named(session, "jonas berg")) == 1


def test_one_outlet_shares_people_another_outlet_does_not(session) -> None:
    ingest_service.ingest_article(session, make_article())
    ingest_service.ingest_article(session, make_article(url="https://ledger.example/other"))
    assert len(people_named(session, "ivan petrov")) == 1
    ingest_service.ingest_article(session, make_article(url="https://elsewhere.example/a"))
    assert len(people_named(session, "ivan petrov")) == 2


def test_an_agenda_speaker_id_names_the_same_person_across_spellings(session) -> None:
    def with_code(name: str, year: int, series: str) -> records.Lineup:
        ref = records.PersonRef(name=name, external_id="SPK42")
        item = records.Session(title="Talk", external_id=f"t{year}", people=(ref,))
        event = records.Event(name=f"{series} {year}", url=f"https://pretalx.example/{series}/",
                              series=series)  # fmt: skip
        return records.Lineup(event=event, sessions=(item,), format="pretalx")

    ingest_service.ingest_lineup(session, with_code("Ada Lovelace", 2023, "a"))
    ingest_service.ingest_lineup(session, with_code("Ada Lovelace", 2024, "b"))
    assert len(people_named(session, "ada lovelace")) == 1


def test_one_agenda_under_three_urls_is_one_event(session) -> None:
    urls = ["https://forum.example/2025", "https://Forum.example:443/2025/",
            "https://forum.example/2025?utm_source=x#top"]  # fmt: skip
    events = {ingest_service.ingest_lineup(session, edition_at(url)).id for url in urls}
    assert len(events) == 1


def edition_at(url: str) -> records.Lineup:
    lineup = make_lineup()
    return lineup.model_copy(update={"event": lineup.event.model_copy(update={"url": url})})


def label_all(session, label: Label) -> None:
    for person in session.scalars(select(Person)):
        gender_service.record_label(session, person_id=person.id, label=label, source=Source.NAME,
                                    probability=0.9)  # fmt: skip


def test_merge_keeps_rows_counts_once_and_undo_restores(session) -> None:
    ingest_service.ingest_lineup(session, edition(2023))
    ingest_service.ingest_lineup(
        session, edition(2024, series="Coral Strait", host="coral.example")
    )
    label_all(session, Label.MAN)
    first, second = people_named(session, "piotr nowak")
    before = metrics_service.share(session, metrics_service.Filters(period="all"), scope="panels")
    entry = identity.merge(session, keep_id=first.id, other_id=second.id, actor="t")
    assert session.scalar(select(func.count()).where(Appearance.person_id == second.id)) == 1
    gender_service.record_label(session, person_id=second.id, label=Label.WOMAN,
                                source=Source.SELF_ID)  # fmt: skip
    assert gender_service.current_label(session, first.id).label is Label.WOMAN
    after = metrics_service.share(session, metrics_service.Filters(period="all"), scope="panels")
    (row_before,), (row_after,) = before["rows"], after["rows"]
    assert row_after["women"] == row_before["women"] + 2  # both appearances, one identity
    identity.undo(session, entry_id=entry.id, actor="t")
    assert session.get(Person, second.id).merged_into_id is None
    assert gender_service.current_label(session, first.id).label is Label.MAN
    with pytest.raises(Conflict):
        identity.undo(session, entry_id=entry.id, actor="t")


def test_an_opted_out_alias_opts_the_identity_out(session) -> None:
    ingest_service.ingest_lineup(session, edition(2023))
    ingest_service.ingest_lineup(
        session, edition(2024, series="Coral Strait", host="coral.example")
    )
    first, second = people_named(session, "sarah okafor")
    second.opted_out = True
    identity.merge(session, keep_id=first.id, other_id=second.id, actor="t")
    current = gender_service.current_label(session, first.id)
    assert current.opted_out and current.label is Label.UNKNOWN
    listed, _total = people_service.search(session, query="okafor")
    assert listed == []  # found by bench.write_path: the survivor was still listed


def test_split_moves_chosen_rows_survives_reingest_and_undoes(session) -> None:
    lineup = edition(2023)
    ingest_service.ingest_lineup(session, lineup)
    ingest_service.ingest_article(session, make_article())
    (berg,) = people_named(session, "jonas berg")
    appearance = session.scalar(select(Appearance).where(Appearance.person_id == berg.id))
    entry = identity.split(
        session, person_id=berg.id, rows=identity.SplitRows(appearances=(appearance.id,)),
        actor="t",
    )  # fmt: skip
    fresh_id = entry.after["new_person_id"]
    assert session.get(Appearance, appearance.id).person_id == fresh_id
    ingest_service.ingest_lineup(session, lineup)  # the editor's split sticks
    assert session.get(Appearance, appearance.id).person_id == fresh_id
    identity.undo(session, entry_id=entry.id, actor="t")
    assert session.get(Appearance, appearance.id).person_id == berg.id
    assert session.get(Person, fresh_id).merged_into_id == berg.id  # kept, never deleted


def test_split_refuses_rows_of_someone_else(session) -> None:
    ingest_service.ingest_lineup(session, edition(2023))
    ingest_service.ingest_article(session, make_article())
    (berg,) = people_named(session, "jonas berg")
    other = session.scalar(select(Citation.id))
    with pytest.raises(NotFound, match="not this person"):
        identity.split(session, person_id=berg.id,
                       rows=identity.SplitRows(citations=(other,)), actor="t")  # fmt: skip


def test_a_label_on_a_merged_row_refreshes_its_whole_identity(session) -> None:
    """Found by bench.write_path: a correction of a merged row whose own appearances were gone
    left the survivor's numbers stale."""
    lineup = edition(2023)
    ingest_service.ingest_lineup(session, lineup)
    (berg,), (okafor,) = people_named(session, "jonas berg"), people_named(session, "sarah okafor")
    identity.merge(session, keep_id=okafor.id, other_id=berg.id, actor="t")
    panel = lineup.sessions[1]
    fewer = panel.model_copy(update={"people": panel.people[1:]})  # Jonas Berg's row drops out
    ingest_service.ingest_lineup(
        session, lineup.model_copy(update={"sessions": (lineup.sessions[0], fewer)})
    )
    filters = metrics_service.Filters(period="all")
    metrics_service.share(session, filters, scope="panels")  # the re-ingest's slices applied
    gender_service.correct(session, person_id=berg.id, label=Label.MAN, note="t", actor="t")
    live = metrics_service.share(session, filters, scope="panels")
    again = session.begin_nested()
    rollups.rebuild(session)
    assert metrics_service.share(session, filters, scope="panels") == live
    again.rollback()

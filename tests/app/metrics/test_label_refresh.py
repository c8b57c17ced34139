"""A new label row refreshes a person's other slices only when it changes what the rollups
read of their current label (issue 16: a recurring person's new cue words on each page)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import event, func, inspect, select

from app.gender import service as gender_service
from app.gender.engine import Inference
from app.gender.evidence import Evidence
from app.gender.labels import Label, Source
from app.gender.models import GenderLabel
from app.ingest import service as ingest_service
from app.metrics import rollups
from app.metrics.models import CitationResampling, CitationYearStamp
from app.people.models import Person
from scrapers import records


class FixedEngine:
    """Says woman with P_WOMAN for everyone, the page's cue words as the evidence."""

    def __init__(self, p_woman: float) -> None:
        self.p_woman = p_woman

    def infer(self, name: str, *, cues: Sequence[str] = (), **_page: Any) -> Inference:
        evidence = tuple(Evidence("pronoun", cue, Label.WOMAN, 3.0, "a cue") for cue in cues)
        return Inference(Label.WOMAN, self.p_woman, self.p_woman, 1 - self.p_woman,
                         Source.TEXT, evidence, None)  # fmt: skip


def ingest_page(session, month: int, cue: str, engine: FixedEngine) -> set[rollups.MonthKey]:
    """Ingest a page citing Mei Lin, label its people as the pipeline does, and return the
    outlet-months the refresh recomputed."""
    found: list[gender_service.Mention] = []
    article = records.Article(
        url=f"https://ledger.example/2023/{month}", title="t", published=datetime(2023, month, 2),
        outlet="The Meridian Ledger", authors=("Tom Hale",),
        cited=(records.Citation(name="Mei Lin", cues=(cue,)),),
    )  # fmt: skip
    ingest_service.ingest_article(
        session, article,
        on_person=lambda person, ref: found.append(gender_service.Mention(
            person, cues=ref.cues if isinstance(ref, records.Citation) else ())),
    )  # fmt: skip
    gender_service.infer_and_record_many(session, found, engine=engine)  # type: ignore[arg-type]
    return refreshed_months(session)


def refreshed_months(session) -> set[rollups.MonthKey]:
    """Refresh what the transaction touched; return the outlet-months recomputed."""
    refreshed: set[rollups.MonthKey] = set()
    original = rollups._refresh_months
    with pytest.MonkeyPatch.context() as patch:

        def spy(bound: Any, months: set[rollups.MonthKey]) -> None:
            refreshed.update(months)
            original(bound, months)

        patch.setattr(rollups, "_refresh_months", spy)
        rollups.apply_pending(session)
    return refreshed


def rollup_rows(session) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    for model in rollups.ROLLUPS:
        # A year's stamp is a fresh random token whenever the year is touched; the stored
        # resampling is a cache keyed by its input's digest, filled at commit (its own tests
        # in test_rollups.py), and these checks run before the commit.
        if model in (CitationYearStamp, CitationResampling):
            continue
        columns = [c for c in inspect(model).columns if not c.primary_key or c.name != "id"]
        found[model.__tablename__] = sorted(
            (tuple(row) for row in session.execute(select(*columns))), key=repr
        )
    return found


def assert_equal_to_a_rebuild(session) -> None:
    live = rollup_rows(session)
    again = session.begin_nested()
    rollups.rebuild(session)
    rebuilt = rollup_rows(session)
    again.rollback()
    assert live == rebuilt


def test_a_new_label_row_that_changes_no_count_refreshes_only_the_new_page(session) -> None:
    engine = FixedEngine(0.95)
    ((outlet, _year, _month),) = ingest_page(session, 5, "she", engine)
    # June's and July's pages give Mei Lin new rows (other cue words than the page before):
    # the same label and probabilities, so each refresh recomputes its own month only (on
    # PostgreSQL too: "before" is read under her identity's lock, rollups._labels_without).
    assert ingest_page(session, 6, "her", engine) == {(outlet, 2023, 6)}
    assert ingest_page(session, 7, "she", engine) == {(outlet, 2023, 7)}
    mei = session.scalar(select(Person).where(Person.name_key == "mei lin"))
    labels = select(func.count()).where(GenderLabel.person_id == mei.id)
    assert session.scalar(labels) == 3
    assert_equal_to_a_rebuild(session)

    # A page whose inference moves P(woman): every month of her (and Tom Hale's) articles.
    assert ingest_page(session, 8, "hers", FixedEngine(0.8)) == {
        (outlet, 2023, month) for month in (5, 6, 7, 8)
    }
    assert session.scalar(labels) == 4
    assert_equal_to_a_rebuild(session)


def test_a_label_under_a_correction_refreshes_nothing(session) -> None:
    """An inferred row under an editor's correction moves no number; the correction itself
    refreshes every month of the person's articles."""
    engine = FixedEngine(0.95)
    ((outlet, _year, _month),) = ingest_page(session, 5, "she", engine)
    ingest_page(session, 6, "her", engine)
    mei = session.scalar(select(Person).where(Person.name_key == "mei lin"))
    gender_service.correct(session, person_id=mei.id, label=Label.MAN, note="t", actor="t")
    assert refreshed_months(session) == {(outlet, 2023, 5), (outlet, 2023, 6)}
    gender_service.record_label(
        session, person_id=mei.id, label=Label.WOMAN, source=Source.TEXT, probability=0.6,
        p_woman=0.6, p_man=0.4,
    )  # fmt: skip
    assert refreshed_months(session) == set()
    assert_equal_to_a_rebuild(session)


def test_a_page_of_new_people_looks_up_none_of_their_other_rows(session) -> None:
    """People the page creates have no rows but the page's (each recorded by its own insert),
    so their first labels need no before/after read and no search of their other rows."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.lower())

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert len(ingest_page(session, 5, "she", FixedEngine(0.95))) == 1  # May, its only month
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    lookups = [s for s in statements if s.startswith("select") and "current_label" in s]
    lookups += [s for s in statements if s.startswith("select") and "authorships" in s]
    assert lookups == []
    assert session.scalar(select(func.count()).select_from(GenderLabel)) == 2
    assert_equal_to_a_rebuild(session)

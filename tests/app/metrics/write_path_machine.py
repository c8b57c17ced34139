"""A hypothesis state machine over the write path (shared by the test and bench/write_path.py).

Random sequences of ingest (with labels from a page's cue words, too), re-ingest, inference
(also the same label again from other evidence), correction, bulk correction, merge, split,
undo, self-identification and opt-out. After every step: each metric equals the same metric
after a from-scratch rebuild (byte for byte), panel counts equal a naive count from the base
tables, and no opted-out identity is listed by any of its names.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from contextlib import suppress
from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import VoicetallyError
from app.events.models import AgendaSession, Appearance, Event
from app.gender import service as gender_service
from app.gender.engine import Inference
from app.gender.evidence import Evidence
from app.gender.labels import Label, Source
from app.ingest import service as ingest_service
from app.metrics import rollups, sources
from app.metrics import service as metrics_service
from app.people import identity, self_id
from app.people import service as people_service
from app.people.models import Person
from scrapers import records

NAMES = ["Jonas Berg", "Sarah Okafor", "Piotr Nowak", "Lena Fischer", "Mei Lin", "Ivan Petrov",
         "Tom Hale", "Nadia Rahman", "Alex Kim"]  # fmt: skip
ROLES = [records.Role.SPEAKER, records.Role.MODERATOR, records.Role.KEYNOTE, records.Role.CHAIR]
SECRET = "state-machine"
FILTERS = [
    metrics_service.Filters(),
    metrics_service.Filters(period="all"),
    metrics_service.Filters(period="all", mode="probabilistic"),
    metrics_service.Filters(period="month"),  # the monthly rollups; the others read yearly sums
]

panel = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(ROLES)), min_size=1, max_size=4)


def all_metrics(session: Session) -> str:
    """Every metric under several filters, as one canonical JSON string."""
    found: dict[str, Any] = {}
    for number, filters in enumerate(FILTERS):
        found[f"{number}.panels"] = metrics_service.share(session, filters, scope="panels")
        found[f"{number}.cited"] = metrics_service.share(session, filters, scope="citations")
        found[f"{number}.roles"] = metrics_service.roles(session, filters)
        found[f"{number}.manels"] = metrics_service.manels(session, filters)
        found[f"{number}.matrix"] = metrics_service.citations(session, filters, resamples=50)
    return json.dumps(found, sort_keys=True, default=str)


def naive_panel_counts(session: Session) -> dict[int, Counter[str]]:
    """Women, men... per year straight from the base tables: each identity once per session
    and role, organisations out, labels from current_label."""
    labels = {
        row.person_id: (row.identity_id, row.label, row.kind)
        for row in session.execute(select(gender_service.CURRENT_LABEL))
    }
    seen: set[tuple[int, int, str]] = set()
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = session.execute(
        select(Event.starts_on, Appearance.session_id, Appearance.role, Appearance.person_id)
        .join(AgendaSession, AgendaSession.event_id == Event.id)
        .join(Appearance, Appearance.session_id == AgendaSession.id)
    )
    for starts_on, session_id, role, person_id in rows:
        identity_id, label, kind = labels[person_id]
        if kind != "person" or (session_id, identity_id, str(role)) in seen:
            continue
        seen.add((session_id, identity_id, str(role)))
        counts[starts_on.year][label] += 1
    return counts


class _CueEngine:
    """Labels everyone woman with P (the same answer on every page), the cue as evidence."""

    def __init__(self, p: float, cue: str) -> None:
        self.p, self.cue = p, cue

    def infer(self, name: str, **_page: Any) -> Inference:
        evidence = (Evidence("pronoun", self.cue, Label.WOMAN, 3.0, "a cue"),)
        return Inference(Label.WOMAN, self.p, self.p, 1 - self.p, Source.TEXT, evidence, None)


class WritePath(RuleBasedStateMachine):
    """Bind `session` on the class before running (run_state_machine_as_test)."""

    session: Session

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = self.session.begin_nested()
        self.lineups: list[records.Lineup] = []
        self.changes: list[int] = []

    def teardown(self) -> None:
        self.savepoint.rollback()
        self.session.expunge_all()  # rolled-back rows' ids come back in the next sequence

    def _people(self) -> list[int]:
        return list(self.session.scalars(select(Person.id).order_by(Person.id)))

    @rule(series=st.sampled_from(["North", "South"]), year=st.integers(2021, 2023),
          panels=st.lists(panel, min_size=1, max_size=3))  # fmt: skip
    def ingest_lineup(self, series: str, year: int, panels: list[list[tuple[str, Any]]]) -> None:
        sessions = tuple(
            records.Session(
                title=f"Panel {number}", external_id=f"s{number}",
                people=tuple(records.PersonRef(name=n, role=r) for n, r in people),
            )
            for number, people in enumerate(panels)
        )  # fmt: skip
        event = records.Event(name=f"{series} {year}", url=f"https://{series}.example/{year}/",
                              starts_on=date(year, 3, 1), series=series)  # fmt: skip
        lineup = records.Lineup(event=event, sessions=sessions, format="pretalx")
        ingest_service.ingest_lineup(self.session, lineup)
        self.lineups.append(lineup)

    @precondition(lambda self: self.lineups)
    @rule(data=st.data())
    def reingest_with_one_person_fewer(self, data: st.DataObject) -> None:
        lineup = data.draw(st.sampled_from(self.lineups))
        first = lineup.sessions[0]
        fewer = first.model_copy(update={"people": first.people[1:]})
        ingest_service.ingest_lineup(
            self.session, lineup.model_copy(update={"sessions": (fewer, *lineup.sessions[1:])})
        )

    @rule(outlet=st.sampled_from(["ledger.example", "post.example"]),
          month=st.integers(1, 3), number=st.integers(0, 3),
          authors=st.lists(st.sampled_from(NAMES), max_size=2),
          cited=st.lists(st.sampled_from(NAMES), max_size=4))  # fmt: skip
    def ingest_article(self, outlet: str, month: int, number: int, authors: list[str],
                       cited: list[str]) -> None:  # fmt: skip
        article = records.Article(
            url=f"https://{outlet}/2022/{month}/{number}", title="t",
            published=datetime(2022, month, 10, 12), authors=tuple(authors),
            cited=tuple(records.Citation(name=name) for name in cited),
        )  # fmt: skip
        ingest_service.ingest_article(self.session, article)

    @precondition(lambda self: self._people())
    @rule(data=st.data(), label=st.sampled_from([Label.WOMAN, Label.MAN, Label.UNKNOWN]),
          p=st.floats(0.5, 1.0))  # fmt: skip
    def infer(self, data: st.DataObject, label: Label, p: float) -> None:
        person_id = data.draw(st.sampled_from(self._people()))
        p_woman = p if label is Label.WOMAN else 1 - p
        gender_service.record_label(self.session, person_id=person_id, label=label,
                                    source=Source.NAME, probability=p, p_woman=p_woman,
                                    p_man=1 - p_woman)  # fmt: skip

    @rule(month=st.integers(1, 3), number=st.integers(0, 3),
          cited=st.lists(st.sampled_from(NAMES), min_size=1, max_size=3),
          p=st.sampled_from([0.8, 0.9]), cue=st.sampled_from(["she", "her", "hers"]))  # fmt: skip
    def ingest_labelled_article(self, month: int, number: int, cited: list[str], p: float,
                                cue: str) -> None:  # fmt: skip
        """A crawled page: its people (new ones too) labelled from its cue words in the same
        transaction, mostly the label they had with new evidence (issue 16)."""
        article = records.Article(
            url=f"https://post.example/2022/{month}/{number}", title="t",
            published=datetime(2022, month, 10, 12), authors=("Alex Kim",),
            cited=tuple(records.Citation(name=name, cues=(cue,)) for name in cited),
        )  # fmt: skip
        found: list[gender_service.Mention] = []
        ingest_service.ingest_article(
            self.session, article,
            on_person=lambda person, ref: found.append(gender_service.Mention(person)),
        )  # fmt: skip
        gender_service.infer_and_record_many(self.session, found, engine=_CueEngine(p, cue))  # type: ignore[arg-type]

    @precondition(lambda self: self._people())
    @rule(data=st.data(), cue=st.sampled_from(["she", "he", "they"]))
    def infer_again(self, data: st.DataObject, cue: str) -> None:
        """The person's current values again from a page's other cue words: a new row that
        mostly changes no number (and, under a stronger source, never does)."""
        person_id = data.draw(st.sampled_from(self._people()))
        current = gender_service.current_label(self.session, person_id)
        if current is None or current.label is Label.NONBINARY:
            return
        gender_service.record_label(self.session, person_id=person_id, label=current.label,
                                    source=Source.TEXT, probability=current.probability,
                                    p_woman=current.p_woman, p_man=current.p_man,
                                    evidence=[{"kind": "pronoun", "value": cue}])  # fmt: skip

    @precondition(lambda self: self._people())
    @rule(data=st.data(), label=st.sampled_from(list(Label)))
    def correct(self, data: st.DataObject, label: Label) -> None:
        person_id = data.draw(st.sampled_from(self._people()))
        gender_service.correct(self.session, person_id=person_id, label=label, note="t",
                               actor="machine")  # fmt: skip

    @precondition(lambda self: self._people())
    @rule(data=st.data(), fail=st.booleans())
    def bulk_correct(self, data: st.DataObject, fail: bool) -> None:
        """All or nothing, as POST /api/labels/bulk does it."""
        ids = data.draw(st.lists(st.sampled_from(self._people()), min_size=1, max_size=3))
        everything = self.session.begin_nested()
        for person_id in [*ids, 10**9] if fail else ids:
            try:
                with self.session.begin_nested():
                    gender_service.correct(self.session, person_id=person_id, label=Label.WOMAN,
                                           note="bulk", actor="machine")  # fmt: skip
            except VoicetallyError:
                pass
        everything.rollback() if fail else everything.commit()

    @precondition(lambda self: len(self._people()) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        keep, other = data.draw(st.lists(st.sampled_from(self._people()), min_size=2,
                                         max_size=2, unique=True))  # fmt: skip
        with suppress(VoicetallyError):  # one of them was merged already: refused, no change
            self.changes.append(identity.merge(self.session, keep_id=keep, other_id=other,
                                               actor="machine").id)  # fmt: skip

    @precondition(lambda self: self._people())
    @rule(data=st.data())
    def split(self, data: st.DataObject) -> None:
        person_id = data.draw(st.sampled_from(self._people()))
        rows = list(self.session.scalars(
            select(Appearance.id).where(Appearance.person_id == person_id)
        ))  # fmt: skip
        if len(rows) < 2:
            return
        chosen = data.draw(st.lists(st.sampled_from(rows), min_size=1, unique=True))
        try:
            entry = identity.split(self.session, person_id=person_id,
                                   rows=identity.SplitRows(appearances=tuple(chosen)),
                                   actor="machine")  # fmt: skip
            self.changes.append(entry.id)
        except VoicetallyError:
            pass

    @precondition(lambda self: self.changes)
    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(self.changes))
        with suppress(VoicetallyError):  # undone already, or a later change in the way: refused
            identity.undo(self.session, entry_id=entry_id, actor="machine")

    @precondition(lambda self: self._people())
    @rule(data=st.data(), choice=st.sampled_from(list(self_id.Choice)))
    def self_identify(self, data: st.DataObject, choice: self_id.Choice) -> None:
        person_id = data.draw(st.sampled_from(self._people()))
        token, _ = self_id.create_link(self.session, person_id=person_id, actor="machine",
                                       secret_key=SECRET)  # fmt: skip
        self_id.apply_choice(self.session, token, choice, secret_key=SECRET)

    @invariant()
    def metrics_equal_a_rebuild(self) -> None:
        live = all_metrics(self.session)
        again = self.session.begin_nested()
        rollups.rebuild(self.session)
        rebuilt = all_metrics(self.session)
        again.rollback()
        assert live == rebuilt

    @invariant()
    def panel_counts_equal_the_base_tables(self) -> None:
        share = metrics_service.share(self.session, metrics_service.Filters(), scope="panels")
        names = {"women": "woman", "men": "man", "nonbinary": "nonbinary", "unknown": "unknown"}
        live = {
            row["period"]: Counter({names[k]: row[k] for k in names if row[k]})
            for row in share["rows"]
        }
        naive = {year: +counts for year, counts in naive_panel_counts(self.session).items()}
        assert live == {year: counts for year, counts in naive.items() if counts}

    @invariant()
    def opted_out_people_are_never_listed(self) -> None:
        hidden = set()
        for row in self.session.execute(select(gender_service.CURRENT_LABEL)):
            if row.opted_out:
                hidden.add(row.person_id)
        names = {p.display_name for p in self.session.scalars(
            select(Person).where(Person.id.in_(hidden))
        )}  # fmt: skip
        listed, _ = people_service.search(self.session, per_page=500)
        shown = {person.display_name for person, _row in listed}
        experts = sources.top_experts(self.session, metrics_service.Filters(period="all"))
        shown |= {item["name"] for group in experts.values() for item in group}
        # a namesake who did not opt out may share the name: compare identities, not strings
        visible_ids = {person.id for person, _row in listed}
        assert not (visible_ids & hidden)
        assert not {n for n in shown if n in names} - self._namesakes_visible(names, hidden)

    def _namesakes_visible(self, names: set[str], hidden: set[int]) -> set[str]:
        current = gender_service.CURRENT_LABEL
        rows = self.session.execute(
            select(current.c.person_id, Person.display_name)
            .join(Person, Person.id == current.c.person_id)
            .where(current.c.opted_out.is_(False))
        )
        return {name for _pid, name in rows if name in names}

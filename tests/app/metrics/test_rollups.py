"""The rollups give the naive queries' numbers, and stay fresh after ingests and corrections
without anyone refreshing them (the write path: app/metrics/rollups.py)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update

from app.articles.models import Article, Outlet
from app.events.models import AgendaSession, Appearance, Event
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.ingest import service as ingest_service
from app.metrics import resampling, rollups
from app.metrics import service as metrics_service
from app.metrics.check import panel_status
from app.metrics.models import CitationResampling
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_article, make_lineup

LABELS = {
    "jonas berg": Label.MAN,
    "piotr nowak": Label.MAN,
    "sarah okafor": Label.WOMAN,
    "lena fischer": Label.WOMAN,
    "ivan petrov": Label.MAN,
    "mei lin": Label.WOMAN,
    "tom hale": Label.MAN,
    "nadia rahman": Label.WOMAN,
}


def build(session) -> None:
    """Two editions (2023, 2024) and two articles, labelled by hand, rollups refreshed."""
    for year in (2023, 2024):
        lineup = make_lineup()
        event = lineup.event.model_copy(
            update={"url": f"https://forum.example/{year}", "starts_on": date(year, 5, 6)}
        )
        ingest_service.ingest_lineup(session, lineup.model_copy(update={"event": event}))
    ingest_service.ingest_article(session, make_article())
    solo = make_article(url="https://ledger.example/b", authors=("Nadia Rahman",),
                        published=datetime(2023, 6, 1))  # fmt: skip
    ingest_service.ingest_article(session, solo)
    for person in session.scalars(select(Person)):
        label = LABELS.get(person.name_key, Label.UNKNOWN)
        gender_service.record_label(
            session, person_id=person.id, label=label, source=Source.NAME, probability=0.9,
            p_woman=0.9 if label is Label.WOMAN else 0.1, p_man=0.9 if label is Label.MAN else 0.1,
        )  # fmt: skip
    rollups.rebuild(session)


def naive_panel_counts(session) -> dict[int, Counter]:
    labels = {p: c.label.value for p, c in _current(session).items()}
    rows = session.execute(
        select(Event.starts_on, Appearance.person_id)
        .join(AgendaSession, AgendaSession.event_id == Event.id)
        .join(Appearance, Appearance.session_id == AgendaSession.id)
    )
    counts: dict[int, Counter] = defaultdict(Counter)
    for starts_on, person_id in rows:
        counts[starts_on.year][labels[person_id]] += 1
    return counts


def _current(session):
    ids = list(session.scalars(select(Person.id)))
    return gender_service.current_labels(session, ids)


def rollup_panel_counts(session) -> dict[int, Counter]:
    result = metrics_service.share(session, metrics_service.Filters(), scope="panels")
    return {
        row["period"]: Counter({k: row[k] for k in ("women", "men", "nonbinary", "unknown")})
        for row in result["rows"]
    }


def naive_author_group(labels: list[str]) -> str:
    """DESIGN.md, citation matrix: all men, all women, mixed, or unknown."""
    if not labels or "unknown" in labels:
        return "unknown"
    if set(labels) == {"man"}:
        return "men"
    return "women" if set(labels) == {"woman"} else "mixed"


def normalise(counts: dict[int, Counter]) -> dict[int, dict[str, int]]:
    names = {"woman": "women", "man": "men", "nonbinary": "nonbinary", "unknown": "unknown"}
    return {year: {names.get(k, k): v for k, v in c.items() if v} for year, c in counts.items()}


def test_panel_share_equals_the_naive_query(session) -> None:
    build(session)
    expected = normalise(naive_panel_counts(session))
    assert normalise(rollup_panel_counts(session)) == expected
    assert expected[2023] == {"women": 2, "men": 2}


def test_manels_equal_the_naive_count(session) -> None:
    build(session)
    statuses: Counter = Counter()
    labels = {p: c.label for p, c in _current(session).items()}
    for row in session.scalars(select(AgendaSession)):
        statuses[panel_status([labels[a.person_id] for a in row.appearances])] += 1
    result = metrics_service.manels(session, metrics_service.Filters(period="all"))
    (row,) = result["rows"]
    assert (row["manels"], row["not_manels"]) == (statuses["manel"], statuses["not a manel"])
    assert row["manels"] == 0 and row["not_manels"] == 2


def test_correction_updates_the_numbers_in_the_same_transaction(session) -> None:
    build(session)
    berg = session.scalar(select(Person).where(Person.name_key == "jonas berg"))
    okafor = session.scalar(select(Person).where(Person.name_key == "sarah okafor"))
    gender_service.correct(session, person_id=okafor.id, label=Label.MAN, note="t", actor="t")
    result = metrics_service.manels(session, metrics_service.Filters(period="all"))
    assert result["rows"][0]["manels"] == 2
    berg.opted_out = True
    assert normalise(rollup_panel_counts(session)) == normalise(naive_panel_counts(session))
    assert rollup_panel_counts(session)[2023]["unknown"] == 1


def test_citation_matrix_equals_the_naive_grouping(session) -> None:
    build(session)
    labels = {p: c.label.value for p, c in _current(session).items()}
    naive: dict[str, Counter] = defaultdict(Counter)
    for article in session.scalars(select(Article)):
        group = naive_author_group([labels[a.person_id] for a in article.authorships])
        for citation in article.citations:
            naive[group][labels[citation.person_id]] += 1
    result = metrics_service.citations(session, metrics_service.Filters(period="all"))
    groups = result["rows"][0]["groups"]
    for name, counts in naive.items():
        assert (groups[name]["women"], groups[name]["men"]) == (counts["woman"], counts["man"])
    assert set(groups) == {"mixed", "women"}
    assert groups["mixed"]["expected"] == 2 / 5  # 2 women among 5 cited, both groups


def test_ingest_refreshes_rollups_at_once(session) -> None:
    from app.gender.engine import default_engine
    from app.ingest import pipeline
    from tests.app.ingest.test_pipeline import FRAB

    snapshot = records.Snapshot(
        url="https://days.example/schedule.xml", final_url="https://days.example/schedule.xml",
        status=200, content=FRAB, fetched_at=datetime(2024, 1, 1),
    )  # fmt: skip
    filters = metrics_service.Filters()
    assert metrics_service.share(session, filters, scope="panels")["rows"] == []
    pipeline.ingest_snapshot(session, snapshot, engine=default_engine())
    (row,) = metrics_service.share(session, filters, scope="panels")["rows"]
    assert (row["period"], row["women"], row["men"]) == (2024, 1, 2)


def test_cached_citation_matrix_follows_a_correction(session) -> None:
    build(session)
    filters = metrics_service.Filters(period="all")
    before = metrics_service.citations(session, filters)["rows"][0]["groups"]["mixed"]
    again = metrics_service.citations(session, filters)["rows"][0]["groups"]["mixed"]
    assert again == before  # served from the cache
    petrov = session.scalar(select(Person).where(Person.name_key == "ivan petrov"))
    gender_service.correct(session, person_id=petrov.id, label=Label.WOMAN, note="t", actor="t")
    after = metrics_service.citations(session, filters)["rows"][0]["groups"]["mixed"]
    assert (after["women"], after["men"]) == (before["women"] + 1, before["men"] - 1)


def naive_citations_by_outlet(session) -> dict[int | None, Counter]:
    """Cited people's labels per outlet, self-citation excluded (DESIGN.md, citation matrix)."""
    labels = {p: c.label.value for p, c in _current(session).items()}
    counts: dict[int | None, Counter] = defaultdict(Counter)
    for article in session.scalars(select(Article)):
        authors = {a.person_id for a in article.authorships}
        for citation in article.citations:
            if citation.person_id not in authors:
                counts[article.outlet_id][labels[citation.person_id]] += 1
    return counts


def test_citation_share_by_outlet_country_and_overall_follow_a_correction(session) -> None:
    """Without an outlet filter the metrics read each country's sums over its outlets (issue
    #16): they equal the base tables by outlet, by country and overall, before and after."""
    build(session)
    post = make_article(url="https://post.example/a", outlet="The Evening Post",
                        published=datetime(2023, 5, 9))  # fmt: skip
    ingest_service.ingest_article(session, post)
    ledger = session.scalar(select(Outlet).where(Outlet.name == "The Meridian Ledger"))
    ledger.country = "GB"

    def women_men(**filters) -> tuple[int, int]:
        found = metrics_service.Filters(period="all", **filters)
        (row,) = metrics_service.share(session, found, scope="citations")["rows"]
        return row["women"], row["men"]

    def check() -> None:
        naive = naive_citations_by_outlet(session)
        total = sum(naive.values(), Counter())
        for outlet_id, counts in naive.items():
            assert women_men(outlet=outlet_id) == (counts["woman"], counts["man"])
        assert women_men(country="GB") == (naive[ledger.id]["woman"], naive[ledger.id]["man"])
        assert women_men() == (total["woman"], total["man"])

    check()
    assert len(naive_citations_by_outlet(session)) == 2
    mei = session.scalar(select(Person).where(Person.name_key == "mei lin"))
    gender_service.correct(session, person_id=mei.id, label=Label.MAN, note="t", actor="t")
    check()


def test_yearly_sums_equal_the_monthly_rows(session) -> None:
    """By year and over all time the citation metrics read yearly sums (issue #16); a month
    range reads the monthly rows: both give the same numbers, before and after a correction."""
    build(session)
    post = make_article(url="https://post.example/a", outlet="The Evening Post",
                        published=datetime(2024, 2, 9))  # fmt: skip
    ingest_service.ingest_article(session, post)

    def both(**filters) -> None:
        yearly = metrics_service.Filters(**filters)
        monthly = metrics_service.Filters(**filters, start=date(1900, 1, 1))
        assert yearly.params()["monthly"] == 0 and monthly.params()["monthly"] == 1
        for outlet in (None, *session.scalars(select(Outlet.id))):
            one, other = (replace(f, outlet=outlet) for f in (yearly, monthly))
            cited = metrics_service.share(session, one, scope="citations")
            assert cited == metrics_service.share(session, other, scope="citations")
            assert cited["rows"]
            matrix = metrics_service.citations(session, one, resamples=50)
            assert matrix == metrics_service.citations(session, other, resamples=50)

    for period in ("year", "all"):
        both(period=period)
    mei = session.scalar(select(Person).where(Person.name_key == "mei lin"))
    gender_service.correct(session, person_id=mei.id, label=Label.MAN, note="t", actor="t")
    both(period="year")


def test_encoded_matrix_is_cached_by_year_stamps_and_follows_a_correction(session) -> None:
    """By year the encoded matrix is cached under each year's stamp (issue #16): served again
    without recomputing, and recomputed, equal to the uncached metric, after a correction."""
    build(session)
    encoded: list[dict] = []

    def encode(result: dict) -> bytes:
        encoded.append(result)
        return json.dumps(result, sort_keys=True).encode()

    filters = metrics_service.Filters()
    first = metrics_service.citations_encoded(session, filters, encode=encode)
    assert metrics_service.citations_encoded(session, filters, encode=encode) == first
    assert len(encoded) == 1
    assert json.loads(first) == json.loads(json.dumps(metrics_service.citations(session, filters)))
    petrov = session.scalar(select(Person).where(Person.name_key == "ivan petrov"))
    gender_service.correct(session, person_id=petrov.id, label=Label.WOMAN, note="t", actor="t")
    after = metrics_service.citations_encoded(session, filters, encode=encode)
    assert len(encoded) == 2 and after != first
    assert json.loads(after) == json.loads(json.dumps(metrics_service.citations(session, filters)))
    rollups.rebuild(session)  # a rebuild stamps every year anew: recomputed, same numbers
    assert metrics_service.citations_encoded(session, filters, encode=encode) == after
    assert len(encoded) == 3


UNFILTERED = [metrics_service.Filters(), metrics_service.Filters(period="all")]


def _stored_rows(session) -> dict[int, tuple[str, str]]:
    rows = session.execute(select(CitationResampling.period, CitationResampling.digest,
                                  CitationResampling.result))  # fmt: skip
    return {period: (found, result) for period, found, result in rows}


def _forget_in_process() -> None:
    """A second process: nothing cached in this one."""
    for found in (resampling._RESULTS, resampling._DRAWS, metrics_service._ANSWERS):
        found.clear()


def test_commit_stores_the_resampling_a_fresh_process_reads(session) -> None:
    """A write's commit stores the unfiltered matrix's resampling of the years it touched (and
    of all time), equal to the uncached computation; a process with nothing cached reads the
    rows without drawing anything (issue #16)."""
    build(session)
    session.commit()
    petrov = session.scalar(select(Person).where(Person.name_key == "ivan petrov"))
    before = _stored_rows(session)
    gender_service.correct(session, person_id=petrov.id, label=Label.WOMAN, note="t", actor="t")
    session.commit()
    stored = _stored_rows(session)
    assert stored != before
    expected: dict[int, tuple[Any, ...]] = {}
    for filters in UNFILTERED:
        expected.update(resampling.profiles_by_period(session, filters.params()))
    assert sorted(stored) == sorted(expected) and 0 in stored
    _forget_in_process()
    for period, profiles in expected.items():
        assert stored[period][0] == resampling.digest(profiles, resampling.RESAMPLES)
        uncached = resampling.resampled(profiles, resampling.RESAMPLES)
        assert resampling._decode(stored[period][1]) == uncached
    _forget_in_process()
    read = [metrics_service.citations(session, filters) for filters in UNFILTERED]
    assert not resampling._DRAWS.found  # every period came from the rows: nothing drawn
    session.execute(delete(CitationResampling))
    _forget_in_process()
    assert [metrics_service.citations(session, filters) for filters in UNFILTERED] == read
    assert resampling._DRAWS.found


def test_storing_some_years_reads_only_their_profiles(session, monkeypatch) -> None:
    """A commit that touched one year reads that year's profiles (and all time's), not every
    year's to filter them in Python."""
    build(session)
    for year in (2019, 2021):
        article = make_article(
            url=f"https://ledger.example/{year}/a", published=datetime(year, 3, 1)
        )
        ingest_service.ingest_article(session, article)
    rollups.rebuild(session)
    every = resampling.profiles_by_period(session, metrics_service.Filters().params())
    year = 2021
    assert len(every) > 1
    read: list[set[int]] = []
    original = resampling.profiles_by_period

    def spy(session, params):  # type: ignore[no-untyped-def]
        found = original(session, params)
        read.append(set(found))
        return found

    monkeypatch.setattr(resampling, "profiles_by_period", spy)
    resampling._store(session, {year})
    assert read == [{year}, {resampling.ALL_TIME}]
    stored = _stored_rows(session)
    assert stored[year][0] == resampling.digest(every[year], resampling.RESAMPLES)


def test_a_stored_resampling_with_another_digest_is_ignored(session) -> None:
    build(session)
    filters = metrics_service.Filters()
    _forget_in_process()
    uncached = metrics_service.citations(session, filters)
    wrong = resampling._encode(({}, {"women": 0.5, "men": 0.5, "mixed": 0.5}))
    session.execute(update(CitationResampling).values(digest="0" * 64, result=wrong))
    _forget_in_process()
    assert metrics_service.citations(session, filters) == uncached
    assert resampling._DRAWS.found  # recomputed, not read


def test_a_rebuild_stores_every_period_as_the_writes_did(session) -> None:
    build(session)
    session.commit()
    petrov = session.scalar(select(Person).where(Person.name_key == "ivan petrov"))
    gender_service.correct(session, person_id=petrov.id, label=Label.WOMAN, note="t", actor="t")
    session.commit()
    live = _stored_rows(session)
    rollups.rebuild(session)
    assert _stored_rows(session) == live

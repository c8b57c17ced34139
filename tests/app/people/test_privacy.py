"""An opted-out person with an alias and a titled session is named nowhere (issue 13), and the
public-naming rule decides who public pages name (issue 14). Real app, real database, both backends.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.articles.models import Outlet
from app.events.models import EventSeries
from app.gender import service as gender_service
from app.gender.engine import default_engine
from app.gender.labels import Label, Source
from app.ingest import service as ingest_service
from app.metrics import check, reports, rollups
from app.metrics.reports_models import SavedReport
from app.people import identity, privacy, self_id
from app.people import service as people_service
from app.people.models import Person
from dashboards import charts
from dashboards.export import export_site
from scrapers import records
from tests.app.builders import make_article, make_key, make_lineup

SECRET = "test-secret"
NEEDLE = "popescu"  # every spelling below carries it; after masking none may be left
TITLES = ("Keynote by Dr. Elena Popescu", "POPESCU, Elena: closing remarks")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _lineup(year: int, sessions: tuple[records.Session, ...]) -> records.Lineup:
    event = make_lineup().event.model_copy(
        update={"url": f"https://forum.example/{year}", "starts_on": date(year, 5, 6)}
    )
    return make_lineup(event=event, sessions=sessions)


def _world(session) -> dict:  # type: ignore[no-untyped-def]
    """Elena Popescu speaks under a title carrying her name; 'Lena Popéscu' (cited) is an alias
    merged into her; a quote and an article title name her too."""
    keynote = records.Session(title=TITLES[0], kind="keynote", external_id="k", people=(
        records.PersonRef(name="Dr. Elena Popescu", role=records.Role.KEYNOTE),))  # fmt: skip
    closing = records.Session(title=TITLES[1], kind="panel", external_id="c", people=(
        records.PersonRef(name="Elena Popescu"), records.PersonRef(name="Jonas Berg")))  # fmt: skip
    panel = make_lineup().sessions[1]
    lineup = _lineup(2024, (keynote, closing, panel))
    event = ingest_service.ingest_lineup(session, lineup)
    article = ingest_service.ingest_article(session, make_article(
        title="Lena Popéscu on drones", cited=(
            records.Citation(name="Lena Popéscu", quoted=True, quote="It is new."),
            records.Citation(name="Ivan Petrov", quoted=True, quote="As Dr. Popescu said, no."),
        )))  # fmt: skip
    for person in session.scalars(select(Person)):
        gender_service.record_label(session, person_id=person.id, label=Label.WOMAN,
                                    source=Source.NAME, probability=0.9)  # fmt: skip
    elena = people_service.find(session, "Elena Popescu")
    alias = people_service.find(session, "Lena Popéscu")
    identity.merge(session, keep_id=elena.id, other_id=alias.id, actor="test")
    rollups.rebuild(session)
    engine = default_engine()
    before = [
        reports.save(session, kind="lineup", report=check.check_lineup(lineup, engine=engine),
                     title=lineup.event.name),
        reports.save(session, kind="panel", report=check.check_panel(
            [records.PersonRef(name=n) for n in ("Lena Popescu", "Jonas Berg")], engine=engine)),
    ]  # fmt: skip
    token, _ = self_id.create_link(session, person_id=elena.id, actor="t", secret_key=SECRET)
    return {"event": event.id, "article": article.id, "elena": elena.id, "alias": alias.id,
            "token": token, "before": [row.slug for row in before]}  # fmt: skip


@pytest.fixture
def world(api, session_factory):  # type: ignore[no-untyped-def]
    api.app.state.settings.secret_key = SECRET
    with session_factory() as session, session.begin():
        ids = _world(session)
        ids |= {role: make_key(session, role) for role in ("viewer", "editor", "admin")}
    # She opts out through her own link, the real path.
    opted = api.post(f"/self-id/{ids['token']}", data={"choice": "opt_out"})
    assert opted.status_code == 200
    after = api.post("/check", data={"names": "ELENA POPESCU\nJonas Berg", "save": "1"},
                     follow_redirects=False)  # fmt: skip
    assert after.status_code == 303
    ids["after"] = after.headers["location"]
    with session_factory() as session:
        ids["people"] = list(session.scalars(select(Person.id)))
        ids["series"] = session.scalar(select(EventSeries.id))
        ids["outlet"] = session.scalar(select(Outlet.id))
    return ids


def _json_paths(api, ids: dict) -> list[str]:  # type: ignore[no-untyped-def]
    """Every GET path of the JSON API, its ids filled with every id we have."""
    fill = {"event_id": [ids["event"]], "article_id": [ids["article"]],
            "person_id": ids["people"], "source_id": [1]}  # fmt: skip
    paths = []
    for path, operations in api.app.openapi()["paths"].items():
        if "get" not in operations or path.endswith(".csv"):
            continue  # the CSVs are read below
        names = re.findall(r"{(\w+)}", path)
        if not names:
            paths.append(path)
        for name in names:
            paths.extend(path.replace(f"{{{name}}}", str(value)) for value in fill[name])
    return [*paths, "/api/people?q=popescu", "/api/people?q=lena", "/api/review?max_probability=1"]


def _html_paths(ids: dict) -> list[str]:
    return [
        "/", "/series", f"/series/{ids['series']}", "/outlets", f"/outlets/{ids['outlet']}",
        "/citations", "/methodology",
        "/sources/panels", "/sources/panels?point=2024", "/sources/panels?point=0",
        "/sources/articles", "/sources/articles?point=2023", "/author", ids["after"],
        *[f"/report/{slug}" for slug in ids["before"]],
        *[f"/person/{pid}" for pid in ids["people"]],
        *[f"/author/{pid}" for pid in ids["people"]],
    ]  # fmt: skip


def _assert_absent(text: str, where: str) -> None:
    assert NEEDLE not in fold(html.unescape(text)), where


def test_an_opted_out_name_travels_nowhere(api, world, session_factory, tmp_path) -> None:
    roles = {"none": {}} | {
        role: {"Authorization": f"Bearer {world[role]}"} for role in ("viewer", "editor", "admin")
    }
    checked = 0
    for role, headers in roles.items():
        for path in _json_paths(api, world):
            if role == "admin" and path.startswith("/api/people"):
                continue  # the one exception: an admin may see an opted-out person in the API
            response = api.get(path, headers=headers)
            assert response.status_code < 500, path
            body = json.dumps(response.json(), ensure_ascii=False)
            _assert_absent(body, f"{role} {path}")
            checked += 1
        for path in _html_paths(world):
            response = api.get(path, headers=headers)
            assert response.status_code < 500, path
            _assert_absent(response.text, f"{role} {path}")
            checked += 1
        for name in ("people", "appearances", "citations"):
            response = api.get(f"/api/export/{name}.csv", headers=headers)
            _assert_absent(response.text, f"{role} {name}.csv")
        for key in charts.CHARTS:
            _assert_absent(api.get(f"/data/{key}.csv").text, key)
    assert checked > 100
    # The titles stay, with the name masked.
    auth = {"Authorization": f"Bearer {world['viewer']}"}
    event = api.get(f"/api/events/{world['event']}", headers=auth).json()
    titles = [item["title"] for item in event["sessions"]]
    assert "Keynote by [name withheld]" in titles and "[name withheld]: closing remarks" in titles
    closing = api.get("/api/export/appearances.csv", headers=auth).text
    assert "[name withheld]: closing remarks,speaker," in closing
    for pid in (world["elena"], world["alias"]):
        assert api.get(f"/api/people/{pid}", headers=auth).status_code == 404
    admin = {"Authorization": f"Bearer {world['admin']}"}
    assert api.get(f"/api/people/{world['elena']}", headers=admin).status_code == 200
    # Quick checks (nothing stored) count her as unknown and never echo her name.
    names = ["Dr. Elena Popescu", "lena popéscu", "Jonas Berg"]
    quick = api.post("/api/check/panel", json={"names": names})
    assert quick.status_code == 200
    _assert_absent(quick.text.encode().decode("unicode_escape"), "quick check")
    assert quick.json()["balance"]["unknown"] == 2
    form = api.post("/check", data={"names": "\n".join(names)}).text
    # The form keeps what the user typed in its text box; the report below it names nobody.
    _assert_absent(re.sub(r"(?s)<textarea.*?</textarea>", "", form), "/check")
    assert "(a person who opted out)" in form
    # The static export: every file.
    site = tmp_path / "site"
    export_site(session_factory.kw["bind"], site)
    files = [path for path in site.iterdir() if path.suffix in (".html", ".csv", ".svg")]
    assert len(files) > 10
    for path in files:
        _assert_absent(path.read_text(encoding="utf-8"), path.name)
    # The report saved after the opt-out never stored the name; the ones before are masked.
    with session_factory() as session:
        stored = session.scalar(select(SavedReport).where(SavedReport.slug == world["after"][8:]))
        _assert_absent(json.dumps(stored.report, ensure_ascii=False), "stored report")
        old = session.scalar(select(SavedReport).where(SavedReport.slug == world["before"][0]))
        shown = reports.without_opted_out(session, old.report)
        _assert_absent(json.dumps(shown, ensure_ascii=False), "old report")
        assert shown["sessions"][0]["title"] == "Keynote by [name withheld]"


def test_every_name_of_a_person_includes_merged_rows(session) -> None:
    keep = people_service.get_or_create(session, name="Elena Popescu")
    alias = people_service.get_or_create(session, name="Lena Popescu")
    older = people_service.get_or_create(session, name="E. Popescu-Ionescu")
    identity.merge(session, keep_id=alias.id, other_id=older.id, actor="test")
    identity.merge(session, keep_id=keep.id, other_id=alias.id, actor="test")
    names = {"Elena Popescu", "Lena Popescu", "E. Popescu-Ionescu"}
    found = privacy.names_of(session, [keep.id, older.id])
    assert found == {keep.id: names, older.id: names}
    alias.opted_out = True  # an opt-out on any row of the identity hides all of it
    session.flush()
    seen = privacy.load(session)
    assert all(seen.hidden(pid) for pid in (keep.id, alias.id, older.id))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Keynote by Dr. Elena Popescu", "Keynote by [name withheld]"),
        ("keynote by ELENA POPÉSCU", "keynote by [name withheld]"),
        ("Popescu, Elena: on drones", "[name withheld]: on drones"),
        ("With Prof. Dr. Popescu and friends", "With [name withheld] and friends"),
        ("E. Popescu speaks", "[name withheld] speaks"),
        ("Elena\u200bPopescu\u202e", "[name withheld]"),
        ("Elena Popescu\u2019s view", "[name withheld]\u2019s view"),
        ("Elenapopescu", "[name withheld]"),
        ("Elena Popescu-Ionescu", "[name withheld]"),
        ("Popescu alone, Helena Popescura", "Popescu alone, Helena Popescura"),
        ("Elena Pope and Scu", "Elena Pope and Scu"),
    ],
)
def test_masking_is_robust_to_case_accents_honorifics_and_order(text: str, masked: str) -> None:
    mask = privacy.Mask(["Elena Popescu", "Dr. E. Popescu-Ionescu"])
    assert mask.text(text) == masked


def test_an_empty_mask_still_cleans_text() -> None:
    mask = privacy.Mask()
    assert not mask
    assert mask.text("Ann\u202eLee\x00 x") == "AnnLee x"


# --- the public-naming rule (issue 14) -------------------------------------------------------


@pytest.fixture
def named(api, session_factory):  # type: ignore[no-untyped-def]
    """People with each kind of label, and counts on either side of the rule's thresholds."""
    api.app.state.settings.public_min_articles = 2
    api.app.state.settings.public_min_events = 2
    with session_factory() as session, session.begin():
        for year in (2023, 2024):
            ingest_service.ingest_lineup(session, _lineup(year, make_lineup().sessions))
        for url in ("https://ledger.example/1", "https://ledger.example/2"):
            ingest_service.ingest_article(session, make_article(url=url, cited=(
                records.Citation(name="Ivan Petrov"),)))  # fmt: skip
        ingest_service.ingest_article(session, make_article(url="https://ledger.example/3"))
        ids = {key: people_service.find(session, name).id for key, name in (
            ("mei", "Mei Lin"), ("petrov", "Ivan Petrov"), ("berg", "Jonas Berg"),
            ("self", "Tom Hale"), ("wiki", "Nadia Rahman"))}  # fmt: skip
        for person in session.scalars(select(Person)):
            gender_service.record_label(session, person_id=person.id, label=Label.MAN,
                                        source=Source.NAME, probability=0.9)  # fmt: skip
        for key, source in (("self", Source.SELF_ID), ("wiki", Source.WIKIDATA)):
            gender_service.record_label(session, person_id=ids[key], label=Label.WOMAN,
                                        source=source, probability=1.0)  # fmt: skip
        rollups.rebuild(session)
        ids["viewer"] = make_key(session, "viewer")
        ids["outlet"] = session.scalar(select(Outlet.id))
        ids["rule"] = privacy.publicly_named(
            session, [ids[k] for k in ("mei", "petrov", "berg", "self", "wiki")],
            privacy.PublicRule(min_articles=2, min_events=2),
        )  # fmt: skip
    return ids


def test_the_rule_names_self_id_public_records_and_public_figures(named) -> None:
    assert named["rule"] == {named[k] for k in ("petrov", "berg", "self", "wiki")}


def test_a_person_the_rule_does_not_name_is_404_like_an_unknown_id(api, named) -> None:
    hidden = api.get(f"/person/{named['mei']}")
    unknown = api.get("/person/2000000000")
    assert hidden.status_code == unknown.status_code == 404
    assert "Mei Lin" not in hidden.text and "woman" not in hidden.text and "man" not in hidden.text
    shown = hidden.text.replace(f"No person {named['mei']}.", "No person ID.")
    assert shown == unknown.text.replace("No person 2000000000.", "No person ID.")
    for key in ("petrov", "berg", "self", "wiki"):
        assert api.get(f"/person/{named[key]}").status_code == 200, key
    keyed = api.get(
        f"/person/{named['mei']}", headers={"Authorization": f"Bearer {named['viewer']}"}
    )
    assert keyed.status_code == 200 and "Mei Lin" in keyed.text
    assert keyed.headers["cache-control"] == "private, no-store"


def test_outlet_pages_name_only_whom_the_rule_names(api, named) -> None:
    page = api.get(f"/outlets/{named['outlet']}").text
    assert "Ivan Petrov" in page
    assert "Mei Lin" not in page and "not named" in page
    method = api.get("/methodology").text
    assert "at least 2 articles" in method and "at least 2" in method


def test_static_export_follows_the_rule(named, session_factory, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export_site(session_factory.kw["bind"], site, rule=privacy.PublicRule(2, 2))
    text = "".join(path.read_text() for path in site.glob("*.html"))
    assert "Ivan Petrov" in text and "Mei Lin" not in text


def test_saved_reports_name_people_from_the_check_not_the_rule(session) -> None:
    row = reports.save(session, kind="panel", report={"people": [{"name": "Mei Lin"}]},
                       title="t")  # fmt: skip
    assert row.report["people"][0]["name"] == "Mei Lin"

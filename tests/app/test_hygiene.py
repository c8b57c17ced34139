"""Output hygiene (issue 14): no CSV cell a spreadsheet would run, no control or bidi character
in a name or title stored or shown. Real app and database, both backends."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.columns import utcnow
from app.events.models import AgendaSession, Event
from app.gender import service as gender_service
from app.gender.batch import label_csv
from app.gender.engine import default_engine
from app.gender.labels import Label, Source
from app.hygiene import clean_text, csv_cell
from app.ingest import service as ingest_service
from app.metrics import rollups
from app.metrics.reports_models import SavedReport
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_key, make_lineup

FORMULAS = ('=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
            "-2+3+cmd|' /C calc'!A0", "\tTab Name", "\rCR Name")  # fmt: skip
INVISIBLE = ("\u202e", "\x00", "\u200b", "\u200f", "\ufeff", "\x1b")


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_are_escaped(value: str) -> None:
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-0.25, 3, "-0.25", "+12%", "-1e-3", "Ann Lee", "", None])
def test_numbers_and_plain_text_stay_as_they_are(value: object) -> None:
    assert csv_cell(value) == ("" if value is None else value)


def test_clean_text_strips_controls_bidi_and_zero_width() -> None:
    assert clean_text("Ann\u202eLee\x00 Smith\u200b\x1b") == "AnnLee Smith"
    assert clean_text("a\n\n\n\nb", keep_newlines=True) == "a\n\nb"


def _hostile_lineup() -> records.Lineup:
    people = tuple(records.PersonRef(name=name) for name in FORMULAS[:4])
    panel = records.Session(title="Panel\u202e\x00 on =drones\u200b", kind="panel", people=people)
    event = make_lineup().event.model_copy(update={"name": "Forum\u202e 2024\x00"})
    return make_lineup(event=event, sessions=(panel,))


def test_every_csv_escapes_formulas(api, session_factory) -> None:
    with session_factory() as session, session.begin():
        ingest_service.ingest_lineup(session, _hostile_lineup())
        for person in session.scalars(select(Person)):
            gender_service.record_label(session, person_id=person.id, label=Label.MAN,
                                        source=Source.NAME, probability=0.9)  # fmt: skip
        rollups.rebuild(session)
        viewer = make_key(session, "viewer")
    auth = {"Authorization": f"Bearer {viewer}"}
    for name in ("people", "appearances"):
        text = api.get(f"/api/export/{name}.csv", headers=auth).text
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], name
        assert not [c for c in cells if c.startswith("-") and not c[1:2].isdigit()], name
        assert "'=HYPERLINK(" in text and "'+cmd|" in text and "'-2+3+cmd" in text
    share = list(csv.reader(io.StringIO(api.get("/data/overview-share.csv").text)))
    assert len(share) > 1 and not [c for row in share for c in row if c.startswith("'")]


def test_the_gender_batch_csv_escapes_formulas(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("full_name\n" + "\n".join(f'"{v}"' for v in FORMULAS[:4]) + "\nAnn Lee\n")
    out = io.StringIO()
    label_csv(source, None, engine=default_engine(), out_stream=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["full_name"][:1] for row in rows[:4]] == ["'"] * 4
    assert rows[4]["full_name"] == "Ann Lee" and rows[4]["label"] == "woman"


def test_ingest_stores_no_control_or_bidi_character(session) -> None:
    event = ingest_service.ingest_lineup(session, _hostile_lineup())
    title = session.scalar(select(AgendaSession.title).where(AgendaSession.event_id == event.id))
    stored = [title, session.scalar(select(Event.name).where(Event.id == event.id))]
    stored += list(session.scalars(select(Person.display_name)))
    assert stored[:2] == ["Panel on =drones", "Forum 2024"]
    assert not [text for text in stored for ch in INVISIBLE if ch in text]


def _raw_report() -> dict:
    """A panel report as an older version stored it: a bidi override in a name."""
    balance = {"woman": 1, "man": 0, "nonbinary": 0, "unknown": 0, "share": 1.0,
               "interval": [0.2, 1.0], "coverage": 1.0, "share_of_all": 1.0}  # fmt: skip
    person = {"name": "Ann\u202eLee", "role": "speaker", "kind": "person", "affiliation": None,
              "label": "woman", "probability": 0.9, "source": "name", "evidence": []}  # fmt: skip
    return {"people": [person], "balance": balance, "status": "single", "manel": None}


def test_quick_checks_and_saved_reports_keep_no_control_character(api, session_factory) -> None:
    names = ["Ann\u202eLee", "Bob\x00Smith\u200b", "Eve\u200fMartin"]
    report = api.post("/api/check/panel", json={"names": names}).text
    assert not [ch for ch in INVISIBLE if ch in report.encode().decode("unicode_escape")]
    assert [p["name"] for p in api.post("/api/check/panel", json={"names": names}).json()[
        "people"]] == ["AnnLee", "Bob Smith", "EveMartin"]  # fmt: skip
    saved = api.post("/check", data={"names": "\n".join(names), "save": "1"},
                     follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    with session_factory() as session, session.begin():
        slug = saved.headers["location"].rsplit("/", 1)[1]
        row = session.scalar(select(SavedReport).where(SavedReport.slug == slug))
        assert not [ch for ch in INVISIBLE if ch in str(row.report)]
        old = SavedReport(slug="oldreport0001", kind="panel", title="T\u202eitle",
                          report=_raw_report(),
                          created_at=utcnow() - timedelta(days=1))  # fmt: skip
        session.add(old)
    page = api.get("/report/oldreport0001")
    assert page.status_code == 200 and "AnnLee" in page.text
    assert not [ch for ch in INVISIBLE if ch in page.text]

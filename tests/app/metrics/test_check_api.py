"""Quick checks over HTTP and the CLI: labels with evidence, balance, manels; nothing stored."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from typer.testing import CliRunner

from app.cli import cli
from app.people.models import Person
from tests.app.ingest.test_pipeline import FRAB


def test_panel_check_reports_each_person_and_the_manel(api, session_factory) -> None:
    body = {"names": ["Jonas Berg", "Piotr Nowak", "Johan Svensson"]}
    report = api.post("/api/check/panel", json=body).json()
    assert [p["label"] for p in report["people"]] == ["man", "man", "man"]
    assert report["people"][0]["evidence"] and report["people"][0]["source"] == "name"
    assert report["status"] == "manel" and report["manel"] is True
    assert report["balance"]["share"] == 0.0 and report["balance"]["coverage"] == 1.0
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_panel_with_an_unknown_person_is_undetermined(api) -> None:
    report = api.post("/api/check/panel", json={"names": ["Jonas Berg", "X"]}).json()
    assert report["status"] == "undetermined" and report["manel"] is None


def test_panel_check_escapes_nothing_and_validates(api) -> None:
    hostile = "<script>alert(1)</script>"
    report = api.post("/api/check/panel", json={"names": [hostile, "\u202e" + "x" * 900]})
    assert report.status_code == 200
    assert report.json()["people"][0]["label"] == "unknown"
    assert api.post("/api/check/panel", json={}).status_code == 422
    assert api.post("/api/check/panel", json={"names": ["a" * 5000]}).status_code == 422


def test_panel_check_refuses_a_private_url_by_default(api) -> None:
    response = api.post("/api/check/panel", json={"url": "http://127.0.0.1:9/agenda"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "/problems/fetch-refused"
    spelled = api.post("/api/check/lineup", json={"url": "http://[2002:7f00:1::]:9/agenda"})
    assert spelled.status_code == 422 and "refused" in spelled.json()["detail"]
    local = api.post("/api/check/panel", json={"url": "/etc/passwd"})
    assert local.status_code == 422 and "url" in local.json()["detail"]


def test_lineup_upload_reports_sessions(api) -> None:
    response = api.post("/api/check/lineup", files={"file": ("schedule.xml", FRAB)})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["panels"] == 1 and report["sessions"][0]["status"] == "not a manel"
    assert report["overall"]["woman"] == 1 and report["overall"]["man"] == 2
    assert 0 < report["expected_manel_rate"] < 1


def test_lineup_upload_of_junk_is_a_clear_422(api) -> None:
    response = api.post("/api/check/lineup", files={"file": ("x.bin", b"\x00\xff junk")})
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/parse-failed"


def test_keyless_checks_are_rate_limited(api) -> None:
    api.app.state.settings.rate_limit_per_minute = 2
    codes = [api.post("/api/check/panel", json={"names": ["A B"]}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_cli_check_names_prints_the_report() -> None:
    result = CliRunner().invoke(cli, ["check", "Maria Lopez", "Johan Svensson"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["status"] == "not a manel" and report["balance"]["woman"] == 1


def test_a_bad_key_is_refused_not_waved_through_the_limit(api) -> None:
    api.app.state.settings.rate_limit_per_minute = 1
    bad = {"Authorization": "Bearer vt_not-a-key"}
    assert api.post("/api/check/panel", json={"names": ["A B"]}, headers=bad).status_code == 401

"""Metrics endpoints: public, filtered, in DESIGN.md's definitions, errors as problems."""

from __future__ import annotations

from tests.app.metrics.test_rollups import build


def seeded(api, session_factory):
    with session_factory() as session, session.begin():
        build(session)
    return api


def test_share_needs_no_key_and_reports_each_year(api, session_factory) -> None:
    body = seeded(api, session_factory).get("/api/metrics/share").json()
    assert [row["period"] for row in body["rows"]] == [2023, 2024]
    first = body["rows"][0]
    assert (first["women"], first["men"], first["coverage"]) == (2, 2, 1.0)
    assert first["small"] and "fewer than 30" in first["small_reason"]


def test_filters_and_scopes(api, session_factory) -> None:
    client = seeded(api, session_factory)
    moderators = client.get("/api/metrics/share", params={"role": "moderator"}).json()
    assert all(row["women"] == 1 and row["men"] == 0 for row in moderators["rows"])
    later = client.get("/api/metrics/share", params={"from": "2024-01-01"}).json()
    assert [row["period"] for row in later["rows"]] == [2024]
    cited = client.get("/api/metrics/share", params={"scope": "citations"}).json()
    assert cited["rows"][0]["period"] == 2023
    probabilistic = client.get("/api/metrics/share", params={"mode": "probabilistic"}).json()
    assert abs(probabilistic["rows"][0]["share"] - 0.5) < 1e-9


def test_roles_manels_and_citations_answer(api, session_factory) -> None:
    client = seeded(api, session_factory)
    roles = client.get("/api/metrics/roles").json()["rows"][0]["roles"]
    assert set(roles) == {"keynote", "moderator", "speaker"}
    manels = client.get("/api/metrics/manels").json()["rows"]
    assert all(row["manels"] == 0 and row["expected_rate"] is not None for row in manels)
    matrix = client.get("/api/metrics/citations", params={"period": "all"}).json()
    mixed = matrix["rows"][0]["groups"]["mixed"]
    assert mixed["gap_interval"] is not None and 0 < mixed["p_value"] <= 1


def test_bad_filters_are_422_problems(api) -> None:
    for params in ({"period": "decade"}, {"mode": "fuzzy"}, {"from": "soon"}, {"role": "king"}):
        response = api.get("/api/metrics/share", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"].startswith("application/problem+json")

"""Rate limits on every public route by the `limits` library; forwarded headers believed from
configured proxies only; saved reports capped per client, sized and expiring (issue 14)."""

from __future__ import annotations

import secrets
import socket
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.cli import UVICORN_PROXY_OPTIONS
from app.columns import utcnow
from app.metrics import reports
from app.metrics.reports_models import SavedReport
from app.settings import Settings
from app.web import create_app

ROUTES = [  # a page, a drill-down, a CSV, sign-in, a list, a detail, the docs
    "/", "/sources/panels?point=2015", "/data/overview-share.csv", "/author/login",
    "/api/events", "/person/1", "/docs",
]  # fmt: skip


def client_for(db_engine, session_factory, peer: str = "198.51.100.7", **settings):  # type: ignore[no-untyped-def]
    url = db_engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, **settings))
    app.state.sessionmaker = session_factory
    return TestClient(app, raise_server_exceptions=False, client=(peer, 50000))


@pytest.mark.parametrize("route", ROUTES)
def test_every_public_route_is_limited(db_engine, session_factory, route: str) -> None:
    client = client_for(db_engine, session_factory, rate_limit_per_minute=2,
                        login_rate_limit_per_minute=2)  # fmt: skip
    first = [client.get(route).status_code for _ in range(2)]
    assert 429 not in first
    refused = client.get(route)
    assert refused.status_code == 429, route
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    assert client.get("/health").status_code == 200  # /health is never limited


def test_a_browser_past_the_limit_reads_a_page_and_an_api_client_a_problem(
    db_engine, session_factory
) -> None:
    """The limit answers outside FastAPI's handlers: a reader still gets the site's error page."""
    client = client_for(db_engine, session_factory, rate_limit_per_minute=1)
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    assert client.get("/", headers=browser).status_code == 200
    page = client.get("/", headers=browser)
    assert page.status_code == 429 and page.headers["content-type"].startswith("text/html")
    assert "requests a minute" in page.text and 'href="/"' in page.text
    assert int(page.headers["retry-after"]) >= 1
    api = client.get("/api/events", headers=browser)  # the API: a problem whatever Accept says
    assert api.status_code == 429 and api.headers["content-type"] == "application/problem+json"
    assert api.json()["status"] == 429 and api.json()["instance"] == "/api/events"


def test_rotating_forwarded_for_from_loopback_does_not_bypass(db_engine, session_factory) -> None:
    client = client_for(db_engine, session_factory, peer="127.0.0.1", rate_limit_per_minute=3)
    codes = [
        client.get("/api/events", headers={"x-forwarded-for": f"203.0.113.{n}"}).status_code
        for n in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]


def test_forwarded_for_is_believed_from_a_configured_proxy(db_engine, session_factory) -> None:
    client = client_for(db_engine, session_factory, peer="10.0.0.5", rate_limit_per_minute=2,
                        trusted_proxies="10.0.0.0/8")  # fmt: skip
    for n in range(3):  # three clients behind the proxy, two requests each: none refused
        for _ in range(2):
            got = client.get("/api/events", headers={"x-forwarded-for": f"203.0.113.{n}"})
            assert got.status_code == 200
    third = client.get("/api/events", headers={"x-forwarded-for": "203.0.113.0"})
    assert third.status_code == 429


def test_serve_tells_uvicorn_to_trust_no_forwarded_header() -> None:
    assert UVICORN_PROXY_OPTIONS == {"proxy_headers": False, "forwarded_allow_ips": ""}


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_redis_storage_shares_counts_between_processes(db_engine, session_factory) -> None:
    """Two apps (as two server processes) on one Redis: one window for a client."""
    if not _redis_up():
        pytest.skip("Redis not reachable on 127.0.0.1:6379")
    peer = f"198.51.100.{secrets.randbelow(200) + 20}"
    options = {"rate_limit_storage": "redis://127.0.0.1:6379", "rate_limit_per_minute": 3}
    with (
        client_for(db_engine, session_factory, peer=peer, **options) as one,
        client_for(db_engine, session_factory, peer=peer, **options) as two,
    ):
        codes = [client.get("/api/events").status_code for client in (one, two, one, two)]
    assert codes == [200, 200, 200, 429]


def test_url_checks_have_their_own_stricter_limit(db_engine, session_factory) -> None:
    client = client_for(db_engine, session_factory, rate_limit_per_minute=50)
    client.app.state.settings = client.app.state.settings.model_copy(
        update={"check_url_rate_limit_per_minute": 1}
    )
    body = {"url": "http://127.0.0.1:9/agenda"}
    assert client.post("/api/check/panel", json=body).status_code == 422  # refused fetch
    limited = client.post("/api/check/panel", json=body)
    assert limited.status_code == 429 and "retry-after" in limited.headers


def _save(client: TestClient) -> int:
    form = {"names": "Anna Berg\nJonas Nowak", "save": "1"}
    return client.post("/check", data=form, follow_redirects=False).status_code


def test_saved_reports_are_capped_per_client(db_engine, session_factory) -> None:
    client = client_for(db_engine, session_factory, report_rate_limit_per_hour=2)
    assert [_save(client) for _ in range(3)] == [303, 303, 429]


def test_saved_reports_are_sized(db_engine, session_factory) -> None:
    client = client_for(db_engine, session_factory, report_max_bytes=200)
    assert _save(client) == 422


def test_an_expired_report_is_gone_and_pruned(db_engine, session_factory) -> None:
    client = client_for(db_engine, session_factory, report_ttl_days=30)
    saved = client.post("/check", data={"names": "Anna Berg", "save": "1"},
                        follow_redirects=False)  # fmt: skip
    path = saved.headers["location"]
    assert client.get(path).status_code == 200
    with session_factory() as session, session.begin():
        session.execute(update(SavedReport).values(created_at=utcnow() - timedelta(days=31)))
    gone = client.get(path)
    assert gone.status_code == 410 and "expired" in gone.text
    assert client.get(path).status_code == 404  # deleted when found expired


def test_saving_prunes_expired_reports(session) -> None:
    old = reports.save(session, kind="panel", report={"people": []})
    old.created_at = utcnow() - timedelta(days=100)
    session.flush()
    reports.save(session, kind="panel", report={"people": []}, ttl=timedelta(days=90))
    slugs = set(session.scalars(select(SavedReport.slug)))
    assert old.slug not in slugs and len(slugs) == 1

"""Request bodies capped before they are read, a time budget per request, a bounded worker pool,
and the gender engine loaded at start-up (issue 14)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from fastapi.testclient import TestClient

from app.settings import Settings
from app.web import create_app
from app.workers import Busy, WorkerPool

FIRST = ["Anna", "Jonas", "Sarah", "Mehmet", "Li", "Ingrid", "Pedro", "Aisha", "Tomasz", "Yuki"]
LAST = ["Berg", "Okafor", "Yilmaz", "Wang", "Nilsson", "Garcia", "Diallo", "Nowak", "Sato"]
HEADER = "event,session,start,end,session_kind,room,name,role,affiliation,pronouns,bio,kind\n"


def lineup_csv(rows: int) -> bytes:
    """A CSV lineup of ROWS people in panels of four (made here, not a third-party file)."""
    lines = [HEADER]
    for n in range(rows):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n // 3) % len(LAST)]}"
        lines.append(f"Big Con 2025,Panel {n // 4},2025-11-04T10:00:00+01:00,,panel,Hall,"
                     f"{name},speaker,Org {n % 7},,,\n")  # fmt: skip
    return "".join(lines).encode()


def test_a_declared_body_over_the_cap_is_refused_before_reading(api) -> None:
    cap = api.app.state.settings.max_body_bytes
    response = api.post(
        "/api/check/panel", content=b"x" * (cap + 1), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/payload-too-large"


def test_a_chunked_body_is_cut_as_soon_as_it_passes_the_cap(api) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(100):  # 6.5 MB in all, no Content-Length
            yield b"[" + b" " * 65_536

    response = api.post(
        "/api/check/panel", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413, response.text
    assert "limited to" in response.json()["detail"]


def test_bulk_labels_refuse_a_large_body_before_reading_it(api) -> None:
    big = b"[" + b" " * (api.app.state.settings.max_upload_bytes + 70_000) + b"]"
    response = api.post("/api/labels/bulk", content=big, headers={"content-type": "text/csv"})
    assert response.status_code == 413


def test_uploads_get_the_upload_cap_and_other_bodies_the_smaller_one(api) -> None:
    settings: Settings = api.app.state.settings
    big = b"x" * (settings.max_body_bytes + 10)  # over the JSON cap, under the upload cap
    upload = api.post("/api/check/lineup", files={"file": ("agenda.csv", big)})
    assert upload.status_code == 422  # read and parsed (not a lineup), not refused as too large
    too_big = b"x" * (settings.max_upload_bytes + 70_000)
    assert api.post("/api/check/lineup", files={"file": ("a.csv", too_big)}).status_code == 413
    form = api.post("/author/login", data={"key": "k" * (settings.max_body_bytes + 1)})
    assert form.status_code == 413
    browser = api.post("/author/login", data={"key": "k" * (settings.max_body_bytes + 1)},
                       headers={"Accept": "text/html,*/*;q=0.8"})  # fmt: skip
    assert browser.status_code == 413 and browser.headers["content-type"].startswith("text/html")
    assert f"limited to {settings.max_body_bytes} bytes" in browser.text


def test_a_request_past_its_time_budget_is_a_503(db_engine, session_factory) -> None:
    url = db_engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, request_timeout=0.02))
    app.state.sessionmaker = session_factory
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/api/check/lineup", files={"file": ("big.csv", lineup_csv(3000))})
    assert response.status_code == 503
    assert response.json()["type"] == "/problems/timeout"
    assert response.headers["retry-after"] == "5"
    assert client.get("/health").status_code == 200  # a quick request is within budget


def test_a_lineup_upload_is_checked_in_the_worker_pool(api) -> None:
    response = api.post("/api/check/lineup", files={"file": ("big.csv", lineup_csv(40))})
    assert response.status_code == 200, response.text
    assert response.json()["panels"] == 10


def test_the_pool_refuses_work_past_its_queue() -> None:
    pool = WorkerPool(workers=1, queue=1)
    release = threading.Event()

    async def go() -> list[object]:
        first = asyncio.ensure_future(pool.run(release.wait, 5))
        second = asyncio.ensure_future(pool.run(lambda: "queued"))
        await asyncio.sleep(0.05)
        with pytest.raises(Busy):
            await pool.run(lambda: "refused")
        release.set()
        return [await first, await second]

    assert asyncio.run(go()) == [True, "queued"]
    pool.shutdown()


def test_the_gender_engine_loads_at_start_up(db_engine) -> None:
    url = db_engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, gender_threshold=0.77, cpu_processes=False))
    assert getattr(app.state, "gender_engine", None) is None
    with TestClient(app):
        assert app.state.gender_engine.threshold == 0.77


def test_a_terminated_server_leaves_no_check_workers(tmp_path) -> None:
    """uvicorn ends by re-raising SIGTERM (no atexit): the lifespan closes the worker pool."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from app import db

    path = tmp_path / "served.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "VOICETALLY_DATABASE_URL": f"sqlite:///{path}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "app.web:create_app", "--port", str(port),
         "--log-level", "warning"], env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    workers = _children_of(_children_of([server.pid]))  # forkserver, then its workers
    assert len(workers) == 2
    server.send_signal(signal.SIGTERM)
    server.wait(60)
    time.sleep(1)
    assert [pid for pid in workers if os.path.exists(f"/proc/{pid}")] == []


def _children_of(parents: list[int]) -> list[int]:
    import os

    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()  # noqa: SIM115
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) in parents:
                found.append(int(entry))
    return found

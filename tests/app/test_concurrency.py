"""Concurrency on a real server: uvicorn worker processes, each request on its own connection.

SQLite must hold under keyed readers and a writer (WAL, busy timeout, reads never write);
a self-identification link is accepted exactly once however many submit it at the same time.
The 30-second version with p95 is bench/sqlite_load.py.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from app import db
from app.people import self_id
from app.people.models import Person
from tests.app.builders import make_key, make_lineup
from tests.app.live import live_server
from tests.conftest import fresh_engine

SECRET = "concurrency-secret"


def prepared(backend: str, tmp_path: Path, name: str) -> tuple[str, dict[str, str], list[int]]:
    """A migrated database with a lineup, a viewer and an editor key; its URL, keys, people."""
    from app.ingest import service as ingest_service

    engine = fresh_engine(backend, tmp_path, database=name)
    db.upgrade(engine)
    with db.make_sessionmaker(engine)() as session, session.begin():
        ingest_service.ingest_lineup(session, make_lineup())
        keys = {role: make_key(session, role) for role in ("viewer", "editor", "admin")}
        people = list(session.scalars(select(Person.id)))
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    return url, keys, people


def test_keyed_readers_and_a_writer_never_fail(backend: str, tmp_path: Path) -> None:
    url, keys, people = prepared(backend, tmp_path, "concurrency_rw")
    errors: list[str] = []
    done = threading.Event()
    counts = {"reads": 0, "writes": 0}

    def read(base: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            headers = {"authorization": f"Bearer {keys['viewer']}"}
            while not done.is_set():
                for path in ("/api/people", f"/api/people/{people[0]}", "/api/metrics/share"):
                    answer = client.get(path, headers=headers)
                    counts["reads"] += 1
                    if answer.status_code != 200:
                        errors.append(f"GET {path}: {answer.status_code} {answer.text[:120]}")

    def write(base: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            headers = {"authorization": f"Bearer {keys['editor']}"}
            for number in range(60):
                label = ("woman", "man")[number % 2]
                answer = client.post(f"/api/people/{people[1]}/labels", headers=headers,
                                     json={"label": label, "note": f"round {number}"})  # fmt: skip
                counts["writes"] += 1
                if answer.status_code != 201:
                    errors.append(f"POST labels: {answer.status_code} {answer.text[:120]}")
                if done.is_set():
                    return

    # One client address sends everything: lift the per-client limits (tested elsewhere).
    with live_server(url, workers=2, keyed_rate_limit_per_minute="100000000") as base:
        threads = [threading.Thread(target=read, args=(base,)) for _ in range(20)]
        threads.append(threading.Thread(target=write, args=(base,)))
        for thread in threads:
            thread.start()
        time.sleep(4)
        done.set()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert counts["reads"] > 20 and counts["writes"] > 0


def test_one_self_id_link_is_accepted_exactly_once(backend: str, tmp_path: Path) -> None:
    url, _keys, people = prepared(backend, tmp_path, "concurrency_selfid")
    engine = db.make_engine(url)
    with db.make_sessionmaker(engine)() as session, session.begin():
        token, _ = self_id.create_link(
            session, person_id=people[0], actor="test", secret_key=SECRET
        )
    engine.dispose()
    start = threading.Barrier(20)
    answers: list[int] = []

    def submit(base: str, choice: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            start.wait()
            answers.append(client.post(f"/self-id/{token}", data={"choice": choice}).status_code)

    with live_server(url, workers=2, secret_key=SECRET) as base:
        threads = [
            threading.Thread(target=submit, args=(base, ("woman", "man")[n % 2])) for n in range(20)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert sorted(answers) == [200] + [403] * 19

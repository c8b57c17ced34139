"""/health stays quick while four clients each upload the largest accepted lineup (issue 14).

Target: /health p95 < 100 ms under that load. A real uvicorn server (a subprocess, one process)
on a fresh SQLite file; the lineup is a CSV made here just under VOICETALLY_MAX_UPLOAD_BYTES.
/health is timed first idle (the baseline, same run), then while the four uploads are worked on.

    .venv/bin/python -m bench.loop_free [--seconds 20] [--workers 2] [--modes processes,threads]

Each mode is a fresh server: `processes` (the default, VOICETALLY_CPU_PROCESSES=true) checks in
worker processes; `threads` in threads of the server process (sharing its GIL), for comparison.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from app import db
from app.settings import Settings

TARGET_P95 = 0.100
CLIENTS = 4
FIRST = [
    "Anna",
    "Jonas",
    "Sarah",
    "Mehmet",
    "Li",
    "Ingrid",
    "Pedro",
    "Aisha",
    "Tomasz",
    "Yuki",
    "Fatima",
    "Olga",
    "Kwame",
    "Chloé",
    "Ravi",
    "Mariana",
    "Lars",
    "Nadia",
    "Hiro",
    "Esther",
]
LAST = [
    "Berg",
    "Okafor",
    "Yilmaz",
    "Wang",
    "Nilsson",
    "Garcia",
    "Diallo",
    "Nowak",
    "Sato",
    "Moreau",
    "Kowalski",
    "Haddad",
    "Mensah",
    "Ivanova",
    "Lindqvist",
    "Costa",
    "Patel",
]
HEADER = "event,session,start,end,session_kind,room,name,role,affiliation,pronouns,bio,kind\n"


def largest_lineup(limit: int) -> bytes:
    """A CSV lineup (panels of four) just under LIMIT bytes."""
    out, size, n = [HEADER.encode()], len(HEADER), 0
    while True:
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7 // 3) % len(LAST)]}"
        line = (f"Big Con 2025,Panel {n // 4},2025-11-04T10:00:00+01:00,,panel,Hall {n % 9},"
                f"{name},speaker,Institute {n % 53},,,\n").encode()  # fmt: skip
        if size + len(line) > limit - 1024:
            return b"".join(out)
        out.append(line)
        size += len(line)
        n += 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database: Path, port: int, workers: int, mode: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VOICETALLY_DATABASE_URL": f"sqlite:///{database}",
           "VOICETALLY_CPU_WORKERS": str(workers), "VOICETALLY_REQUEST_TIMEOUT": "300",
           "VOICETALLY_CPU_PROCESSES": str(mode == "processes").lower()}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "--factory", "app.web:create_app",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def time_health(base: str, seconds: float, stop: threading.Event | None = None) -> list[float]:
    """GET /health every 50 ms for SECONDS (or until STOP); the latencies."""
    took: list[float] = []
    end = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < end and not (stop and stop.is_set()):
            started = time.perf_counter()
            client.get("/health").raise_for_status()
            took.append(time.perf_counter() - started)
            time.sleep(0.05)
    return took


def upload(base: str, body: bytes, results: list[tuple[int, float]]) -> None:
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=600) as client:
        response = client.post("/api/check/lineup", files={"file": ("lineup.csv", body)})
    results.append((response.status_code, time.perf_counter() - started))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def run_mode(body: bytes, seconds: float, workers: int, mode: str) -> float:
    """Serve in MODE, time /health idle then under the uploads; print; the loaded p95."""
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bench.sqlite3"
        engine = db.make_engine(f"sqlite:///{database}")
        db.upgrade(engine)
        engine.dispose()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(database, port, workers, mode)
        try:
            idle = time_health(base, 3.0)
            results: list[tuple[int, float]] = []
            clients = [threading.Thread(target=upload, args=(base, body, results))
                       for _ in range(CLIENTS)]  # fmt: skip
            for thread in clients:
                thread.start()
            loaded = time_health(base, seconds)
            for thread in clients:
                thread.join()
        finally:
            server.terminate()
            server.wait(30)
    print(f"[{mode}] /health idle   : n={len(idle)} median {statistics.median(idle) * 1000:.1f} "
          f"ms, p95 {p95(idle) * 1000:.1f} ms")  # fmt: skip
    print(f"[{mode}] /health loaded : n={len(loaded)} median "
          f"{statistics.median(loaded) * 1000:.1f} ms, p95 {p95(loaded) * 1000:.1f} ms, "
          f"max {max(loaded) * 1000:.1f} ms (p95 loaded/idle "
          f"{p95(loaded) / p95(idle):.1f})")  # fmt: skip
    print(
        f"[{mode}] uploads        : " + ", ".join(f"{s} in {t:.1f} s" for s, t in sorted(results))
    )
    return p95(loaded)


def main(seconds: float, workers: int, modes: list[str]) -> int:
    body = largest_lineup(Settings().max_upload_bytes)
    rows = body.count(b"\n") - 1
    print(f"upload: {len(body):,} bytes, {rows:,} people; {CLIENTS} clients; {workers} workers")
    loaded = {mode: run_mode(body, seconds, workers, mode) for mode in modes}
    ok = loaded.get("processes", min(loaded.values())) < TARGET_P95
    print(f"target p95 < {TARGET_P95 * 1000:.0f} ms (processes): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="processes,threads")
    args = parser.parse_args()
    sys.exit(main(args.seconds, args.workers, args.modes.split(",")))

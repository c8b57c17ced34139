"""A real server for concurrency tests: uvicorn worker processes on a real database file or
PostgreSQL database, each request on its own connection (no shared test connection)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(database_url: str, *, workers: int = 2, **settings: str) -> Iterator[str]:
    """Serve the app on DATABASE_URL with WORKERS uvicorn processes; yield its base URL."""
    port = free_port()
    env = {**os.environ, "VOICETALLY_DATABASE_URL": database_url}
    env.update({f"VOICETALLY_{name.upper()}": value for name, value in settings.items()})
    command = [sys.executable, "-m", "uvicorn", "app.web:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
               "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer /health within 60 s")

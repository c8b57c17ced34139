"""Fake web sites and worker processes for the job-queue load test and bench/crawl_scaling.py.

One fake web: a listening socket on 127.0.0.1 (port 0) per host, since the fetcher tells hosts
apart by host:port. Each host has one or more feeds (one source each) listing its article pages,
some of which fail; the server counts requests in flight per host, to prove the per-host limit
holds across workers, and every answer it served per URL, to prove each page is fetched once.
Pages are generated, or real pages (BODIES, e.g. the shared fixtures) served as they are.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import Engine, text

REPO = Path(__file__).resolve().parents[3]
PAGE = """<!doctype html><html><head><title>{title}</title>
<link rel="canonical" href="{url}"><meta property="og:type" content="article">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2024-03-{day:02d}T08:00:00Z"></head>
<body><article><h1>{title}</h1><p class="byline">By {author}</p>
<p>The council of site {host} met on Tuesday to discuss the weather, which has been unusual
across the region for many weeks now and flooded several streets near the river.</p>
<p>"We have never seen anything like this," said {first}, a hydrologist at the university.
She added that more rain is expected.</p>
<p>"The drains are old," said {second}, the city engineer. Officials plan repairs next year,
according to the council's budget.</p></article></body></html>"""
WOMEN = ["Anna Schmidt", "Maria Rossi", "Julia Novak", "Sofia Berg", "Laura Klein"]
MEN = ["Peter Novak", "Jonas Weber", "Marco Bianchi", "Lukas Brandt", "Thomas Wolf"]


@dataclass
class Traffic:
    """What the server saw: requests in flight and their peak per host, request start times."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))
    peak: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))
    starts: defaultdict[int, list[tuple[float, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    served: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))

    def enter(self, port: int, path: str) -> None:
        with self.lock:
            self.in_flight[port] += 1
            self.peak[port] = max(self.peak[port], self.in_flight[port])
            self.starts[port].append((time.monotonic(), path))

    def leave(self, port: int, url: str, status: int) -> None:
        with self.lock:
            self.in_flight[port] -= 1
            if status == 200:
                self.served[url] += 1

    def min_gap(self, port: int) -> float:
        """Shortest time between two page or feed requests to PORT (robots.txt aside)."""
        times = sorted(t for t, path in self.starts[port] if path != "/robots.txt")
        return min((b - a for a, b in itertools.pairwise(times)), default=float("inf"))


class Host(ThreadingHTTPServer):
    daemon_threads = True
    web: FakeWeb
    index: int

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Handler(BaseHTTPRequestHandler):
    server: Host

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        web, host = self.server.web, self.server
        web.traffic.enter(host.port, self.path)
        status, left = 500, False
        try:
            time.sleep(web.latency)
            status, ctype, body = web.answer(host, self.path)
            self.send_response(status)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            # Out of flight once the answer is ready, before its last bytes go: the client has
            # them only after this write, so no lock-respecting client can send the host's next
            # request earlier, while a thread preempted after the write would count one.
            web.traffic.leave(host.port, host.base + self.path, status)
            left = True
            self.wfile.write(body)
        finally:
            if not left:
                web.traffic.leave(host.port, host.base + self.path, status)


class FakeWeb:
    """HOSTS fake sites with PAGES article pages each and FEEDS feeds per host (page n in feed
    n % FEEDS); every FAIL_EVERY-th page fails (500/404; 0: none). With BODIES, page n of host h
    serves BODIES[h * PAGES + n] (pages past the end are not listed)."""

    def __init__(
        self,
        hosts: int = 20,
        pages: int = 8,
        *,
        fail_every: int = 5,
        latency: float = 0.02,
        feeds: int = 1,
        bodies: list[bytes] | None = None,
    ) -> None:
        self.pages, self.fail_every, self.latency = pages, fail_every, latency
        self.feeds_per_host, self.bodies = feeds, bodies
        self.traffic = Traffic()
        self.hosts: list[Host] = []
        for index in range(hosts):
            server = Host(("127.0.0.1", 0), Handler)
            server.web, server.index = self, index
            self.hosts.append(server)
        self._threads = [
            threading.Thread(target=h.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            for h in self.hosts
        ]

    def __enter__(self) -> FakeWeb:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        closers = [threading.Thread(target=h.shutdown) for h in self.hosts]
        for closer in closers:
            closer.start()
        for closer in closers:
            closer.join(timeout=5)
        for host in self.hosts:
            host.server_close()

    def failing(self, host: Host, page: int) -> bool:
        return self.fail_every > 0 and (host.index + page) % self.fail_every == 0

    def _pages(self, host: Host) -> range:
        if self.bodies is None:
            return range(self.pages)
        return range(max(0, min(self.pages, len(self.bodies) - host.index * self.pages)))

    @property
    def feeds(self) -> list[str]:
        return [
            f"{host.base}/feed{k}.xml" for host in self.hosts for k in range(self.feeds_per_host)
        ]

    def page_urls(self, *, good: bool) -> set[str]:
        """Every article page that answers (GOOD) or fails."""
        return {
            f"{host.base}/p{page}.html"
            for host in self.hosts
            for page in self._pages(host)
            if self.failing(host, page) != good
        }

    def answer(self, host: Host, path: str) -> tuple[int, str, bytes]:
        feed = path[5:-4] if path.startswith("/feed") and path.endswith(".xml") else ""
        if feed.isdigit() and int(feed) < self.feeds_per_host:
            listed = [p for p in self._pages(host) if p % self.feeds_per_host == int(feed)]
            items = "".join(f"<item><link>{host.base}/p{p}.html</link></item>" for p in listed)
            body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
            return 200, "application/rss+xml", body.encode()
        if path.startswith("/p") and path.endswith(".html") and path[2:-5].isdigit():
            page = int(path[2:-5])
            if page in self._pages(host) and not self.failing(host, page):
                return 200, "text/html; charset=utf-8", self._article(host, page)
            if page in self._pages(host):
                return (500 if page % 2 else 404), "text/plain", b"broken on purpose"
        return 404, "text/plain", b"missing"

    def _article(self, host: Host, page: int) -> bytes:
        n = host.index * self.pages + page
        if self.bodies is not None:
            return self.bodies[n]
        return PAGE.format(
            title=f"Weather report {host.index}-{page}",
            url=f"{host.base}/p{page}.html",
            author=f"{MEN[n % 5].split()[0]} Reporter{host.index}",
            day=page % 28 + 1,
            host=host.index,
            first=WOMEN[n % 5],
            second=MEN[(n + 2) % 5],
        ).encode()


def worker_env(database_url: str, *, delay: float) -> dict[str, str]:
    """The environment of a worker process: the database, private hosts allowed, pacing."""
    env = dict(os.environ)
    env.update(
        VOICETALLY_DATABASE_URL=database_url,
        VOICETALLY_ALLOW_PRIVATE_HOSTS="1",
        VOICETALLY_FETCH_MIN_DELAY=str(delay),
        VOICETALLY_FETCH_TIMEOUT="5",
    )
    return env


def start_workers(
    count: int, *, env: dict[str, str], logs: Path, heartbeat: float = 1.0, stalled: float = 3.0
) -> list[subprocess.Popen[bytes]]:
    """Start COUNT worker processes (`python -m app.jobs`), their output in LOGS."""
    command = [sys.executable, "-m", "app.jobs", "--heartbeat", str(heartbeat),
               "--stalled-after", str(stalled)]  # fmt: skip
    logs.mkdir(parents=True, exist_ok=True)
    workers = []
    for index in range(count):
        with (logs / f"worker{index}.log").open("wb") as out:  # the child keeps its own copy
            workers.append(
                subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
            )
    return workers


def stop_workers(workers: list[subprocess.Popen[bytes]], *, timeout: float = 10) -> None:
    """SIGTERM (procrastinate stops gracefully), then SIGKILL what is left after TIMEOUT."""
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for worker in workers:
        try:
            worker.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)


JOB_COUNTS = text(
    "select status, count(*) from procrastinate.procrastinate_jobs"
    " where task_name = 'crawl' group by status"
)


def job_counts(engine: Engine) -> dict[str, int]:
    """Crawl jobs per status."""
    with engine.connect() as connection:
        return {str(status): int(n) for status, n in connection.execute(JOB_COUNTS)}


def wait_until(check: Callable[[], bool], *, timeout: float, every: float = 0.2) -> bool:
    """Poll CHECK until it holds or TIMEOUT seconds pass; return whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return check()

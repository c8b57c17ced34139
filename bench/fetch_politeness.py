"""Fetcher politeness: 20 local hosts (127.0.0.1-20), 0.5 s per-host delay; the servers count
requests in flight per host. Floors: >= 90% of hosts/delay, <= 1 in flight per host.
Run: .venv/bin/python -m bench.fetch_politeness [PAGES_PER_HOST]
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from scrapers.fetch import Fetcher, FetchPolicy

HOSTS = 20
DELAY = 0.5
SERVICE_TIME = 0.05  # each response takes this long, so overlapping requests would show
EFFICIENCY_FLOOR = 0.90
# The client spaces request starts by DELAY; the servers see arrivals, which thread start-up and
# scheduling on a shared machine shift by tens of milliseconds, so gaps get 10% slack.
GAP_TOLERANCE = 0.1 * DELAY


class Tally:
    """Per-host in-flight counts, their maxima and request start times."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self.starts: dict[str, list[float]] = defaultdict(list)

    def enter(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] += 1
            self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])
            self.starts[host].append(time.monotonic())

    def leave(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] -= 1


TALLY = Tally()


class Handler(BaseHTTPRequestHandler):
    """robots.txt allows everything; every other path is a small page served slowly."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        host = str(self.server.server_address[0])
        TALLY.enter(host)
        try:
            time.sleep(SERVICE_TIME)
            body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else b"<p>page</p>"
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            TALLY.leave(host)


def start_servers() -> list[ThreadingHTTPServer]:
    """Start one server per loopback address 127.0.0.1 .. 127.0.0.HOSTS."""
    servers = []
    for index in range(1, HOSTS + 1):
        server = ThreadingHTTPServer((f"127.0.0.{index}", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


async def crawl(servers: list[ThreadingHTTPServer], pages: int) -> float:
    """Fetch `pages` pages from every host through one shared Fetcher; return elapsed seconds."""
    policy = FetchPolicy(per_host_delay=DELAY, allow_private_hosts=True, global_concurrency=8)
    urls = [
        f"http://{s.server_address[0]!s}:{s.server_address[1]}/page/{n}"
        for n in range(pages)
        for s in servers
    ]
    async with httpx.AsyncClient() as client:
        fetcher = Fetcher(client, policy)
        started = time.monotonic()
        await asyncio.gather(*(fetcher.fetch(url) for url in urls))
        return time.monotonic() - started


def main(pages: int) -> int:
    servers = start_servers()
    try:
        elapsed = asyncio.run(crawl(servers, pages))
    finally:
        for server in servers:
            server.shutdown()
    requests = sum(len(v) for v in TALLY.starts.values())  # pages + one robots.txt per host
    per_host = requests / HOSTS
    ideal = (per_host - 1) * DELAY  # the first request per host goes at once
    efficiency = ideal / (elapsed - SERVICE_TIME)
    worst_concurrency = max(TALLY.max_in_flight.values())
    gaps = [b - a for starts in TALLY.starts.values() for a, b in itertools.pairwise(starts)]
    print(f"fetch politeness: {HOSTS} hosts, {DELAY} s per-host delay, {requests} requests")
    print(f"  elapsed                 {elapsed:8.2f} s (politeness bound {ideal:.2f} s)")
    print(f"  throughput              {requests / elapsed:8.1f} req/s (bound {HOSTS / DELAY:.1f})")
    print(f"  share of the bound      {efficiency:8.1%} (floor {EFFICIENCY_FLOOR:.0%})")
    print(f"  max in flight per host  {worst_concurrency:8d} (limit 1)")
    print(f"  min gap on one host     {min(gaps):8.3f} s (delay {DELAY})")
    ok = (
        efficiency >= EFFICIENCY_FLOOR
        and worst_concurrency <= 1
        and min(gaps) >= DELAY - GAP_TOLERANCE
    )
    print("OK" if ok else "BELOW FLOOR")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8))

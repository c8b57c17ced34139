"""What a reader's browser pays for each page, cold cache, on 127.0.0.1 (issue #15).

    .venv/bin/python -m bench.page_weight

Serves the bundled samples (SQLite in /tmp) with uvicorn and loads each page in Debian's chromium
(Playwright) in a fresh context, so nothing is cached. Measures the bytes on the wire of the page
and all its assets (Chrome's encodedDataLength: compressed sizes as sent), the time until the
first chart is drawn, the /check page on a simulated fast-3G phone, and the interactions from a
pasted panel to a corrected result. Baseline in the same run: the full plotly.js bundle the pages
used to load, uncompressed. Targets: /check <= 300 kB, chart pages <= 1.5 MB, first chart drawn
<= 1.5 s, a corrected result in <= 3 interactions. Exits 1 when a target is missed; skips
(exit 0, said plainly) without chromium or playwright.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHECK_LIMIT = 300_000
CHART_LIMIT = 1_500_000
FIRST_CHART_LIMIT = 1.5
INTERACTIONS_LIMIT = 3
CHART_PAGES = ["/", "/series/1", "/outlets/1", "/citations", "/rankings"]
TEXT_PAGES = ["/check", "/methodology", "/event/1", "/person/5"]
FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8 * 0.9,
           "uploadThroughput": 750_000 / 8 * 0.9}  # fmt: skip
PANEL = "Satya Nadella\nSundar Pichai\nTim Cook\nJensen Huang\nLisa Su (AMD)"


def _serve(path: Path) -> tuple[Any, int]:
    import uvicorn

    from app import db
    from app.gender.engine import default_engine
    from app.ingest import samples
    from app.settings import Settings
    from app.web import create_app

    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    samples.load(engine, gender=default_engine())
    app = create_app(Settings(database_url=f"sqlite:///{path}"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, server.servers[0].sockets[0].getsockname()[1]


def _warm(base: str) -> None:
    import httpx

    for path in TEXT_PAGES + CHART_PAGES:
        httpx.get(base + path, timeout=60)


def _load(browser: Any, url: str, *, network: dict | None = None) -> dict[str, float]:
    """Bytes on the wire, load time and first chart drawn for URL in a cold context."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if network:
        cdp.send("Network.emulateNetworkConditions", network)
    sizes: dict[str, float] = {}
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))  # fmt: skip
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    loaded = time.perf_counter() - started
    drawn = None
    if page.locator(".vt-chart").count():
        page.wait_for_selector(".vt-chart[data-drawn]", timeout=30_000)
        drawn = float(page.get_attribute(".vt-chart[data-drawn]", "data-drawn") or 0) / 1000
        page.wait_for_selector("html[data-charts-drawn]", state="attached", timeout=30_000)
    server = page.evaluate(
        "() => performance.getEntriesByType('navigation')[0].responseStart / 1000"
    )
    page.wait_for_timeout(200)  # late loadingFinished events
    context.close()
    return {"bytes": sum(sizes.values()), "load": loaded, "first_chart": drawn or 0.0,
            "server": float(server)}  # fmt: skip


def _interactions(browser: Any, base: str) -> tuple[int, int, str]:
    """Paste a panel; count the interactions to the first corrected result shown, and to one
    with every label set (one more per person the engine left unknown)."""
    page = browser.new_page()
    page.goto(base + "/check")
    page.fill("#names", PANEL)  # the paste itself
    page.click("text=Check the panel")
    page.wait_for_selector("#report")
    before = page.inner_text("#headline")
    # One correction: whatever the engine said of the fifth person, the user says otherwise.
    said = page.input_value('select[name="label-4"]')
    page.select_option('select[name="label-4"]', "nonbinary" if said != "nonbinary" else "woman")
    first = 2 if page.inner_text("#headline") != before else 99
    count = 2
    for index in range(4):
        name = f'select[name="label-{index}"]'
        if page.input_value(name) != "man":
            page.select_option(name, "man")
            count += 1
    status = page.inner_text("#status")
    page.close()
    return first, count, status


def _report(name: str, value: str, ok: bool) -> bool:
    print(f"{name:<44} {value:>20}  {'ok' if ok else 'MISSED'}")
    return ok


def run() -> int:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("page_weight SKIPPED: playwright is not installed")
        return 0
    if not CHROMIUM.exists():
        print(f"page_weight SKIPPED: {CHROMIUM} is missing")
        return 0
    full = len(resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        server, port = _serve(Path(tmp) / "pages.sqlite3")
        base = f"http://127.0.0.1:{port}"
        _warm(base)  # the server's caches warm; every browser context below starts cold
        ok = True
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            print(f"baseline: the full plotly.js bundle, uncompressed: {full / 1000:,.0f} kB")
            for path in TEXT_PAGES + CHART_PAGES:
                found = _load(browser, base + path)
                limit = CHECK_LIMIT if path == "/check" else CHART_LIMIT
                ok &= _report(f"{path} on the wire (<= {limit // 1000} kB)",
                              f"{found['bytes'] / 1000:,.0f} kB ({found['bytes'] / full:.2f}x)",
                              found["bytes"] <= limit)  # fmt: skip
                if path in CHART_PAGES:
                    ok &= _report(f"{path} first chart drawn (<= {FIRST_CHART_LIMIT} s)",
                                  f"{found['first_chart']:.2f} s (page {found['server']:.2f})",
                                  0 < found["first_chart"] <= FIRST_CHART_LIMIT)  # fmt: skip
            phone = _load(browser, base + "/check", network=FAST_3G)
            _report("/check loaded on simulated fast 3G", f"{phone['load']:.2f} s", True)
            first, count, status = _interactions(browser, base)
            ok &= _report(f"paste to a corrected result (<= {INTERACTIONS_LIMIT})", str(first),
                          first <= INTERACTIONS_LIMIT)  # fmt: skip
            _report("... to every label of 5 tech CEOs set", f"{count} ({status})", True)
            browser.close()
        server.should_exit = True
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(run())

"""The pages in a real browser (Debian's chromium driven by Playwright) on the bundled samples:
no console error, nothing fetched from outside 127.0.0.1, the charts draw the expected points,
the check form works end to end, and the static export works from a plain web server.

Screenshots go to artifacts/screenshots/ (gitignored). Skipped, visibly, without chromium.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sqlalchemy.orm import Session

from app import db
from app.metrics import service as metrics_service

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PAGES = ["/", "/series", "/series/1", "/outlets/1", "/citations", "/methodology", "/check",
         "/person/5", "/sources/panels?point=2023&series=1"]  # fmt: skip
PHONE_PAGES = ["/", "/series/1", "/outlets/1", "/methodology"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}
POINTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
  gd => gd.data.filter(t => t.meta === 'points').map(t => t.x.length))"""

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests SKIPPED: {CHROMIUM} is missing (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright")


def _serve(app: object) -> tuple[object, threading.Thread, int]:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, thread, server.servers[0].sockets[0].getsockname()[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The bundled samples in a fresh SQLite file, served by uvicorn on 127.0.0.1, port 0."""
    from app.gender.engine import default_engine
    from app.ingest import samples
    from app.settings import Settings
    from app.web import create_app

    path = tmp_path_factory.mktemp("browser") / "demo.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    samples.load(engine, gender=default_engine())
    server, thread, port = _serve(create_app(Settings(database_url=f"sqlite:///{path}")))
    yield {"base": f"http://127.0.0.1:{port}", "engine": engine}
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Watch:
    """A page's console errors, uncaught exceptions and requests to other hosts (blocked)."""

    def __init__(self, page: object) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.route("**/*", self._route)

    def _route(self, route: object) -> None:
        url = route.request.url
        if urlparse(url).scheme in ("http", "https") and urlparse(url).hostname != "127.0.0.1":
            self.outside.append(url)
            route.abort()
            return
        route.continue_()

    def assert_clean(self, where: str) -> None:
        assert self.errors == [], f"{where}: console errors {self.errors}"
        assert self.outside == [], f"{where}: requests left 127.0.0.1: {self.outside}"


def _shot(page: object, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_every_page_loads_cleanly_at_desktop_and_phone_width(demo, browser) -> None:
    for viewport, size, paths in (("desktop", DESKTOP, PAGES), ("phone", PHONE, PHONE_PAGES)):
        page = browser.new_page(viewport=size)
        watch = Watch(page)
        for path in paths:
            response = page.goto(demo["base"] + path, wait_until="load")
            assert response is not None and response.status == 200, path
            name = path.strip("/").replace("/", "-").split("?")[0] or "overview"
            _shot(page, f"{viewport}-{name}")
            watch.assert_clean(f"{viewport} {path}")
            if viewport == "phone":  # nothing wider than the screen (tables scroll inside)
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= PHONE["width"] + 1, path
        page.close()


def test_charts_draw_the_expected_points(demo, browser) -> None:
    with Session(demo["engine"]) as session:
        filters = metrics_service.Filters()
        panels = len(metrics_service.share(session, filters, scope="panels")["rows"])
        cited = len(metrics_service.share(session, filters, scope="citations")["rows"])
        manels = len(metrics_service.manels(session, filters)["rows"])
    page = browser.new_page(viewport=DESKTOP)
    watch = Watch(page)
    page.goto(demo["base"] + "/")
    assert page.evaluate(POINTS_JS) == [[panels, cited], [manels]]
    assert panels == 6 and cited == 7  # the samples: six years of events, seven of articles
    tables = page.locator("table[data-table] tbody tr")
    assert tables.count() == panels + cited + manels
    watch.assert_clean("overview points")
    page.close()


def test_a_click_on_a_point_opens_its_sources(demo, browser) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo["base"] + "/")
    bar = page.locator("#chart-overview-manels .point").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 5
    page.mouse.move(x, y)  # plotly clicks on the point it hovers
    page.wait_for_timeout(100)
    page.mouse.click(x, y)
    page.wait_for_url("**/sources/panels**", timeout=5000)
    assert "Sessions behind the point" in page.inner_text("h1")
    page.close()


def test_the_check_form_works_end_to_end(demo, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    watch = Watch(page)
    page.goto(demo["base"] + "/check")
    page.fill("#names", "Jonas Berg\nSarah Okafor\nPiotr Nowak\n<script>alert(1)</script>")
    page.click("button[type=submit]")
    page.wait_for_selector("#report")
    rows = page.locator("#people tbody tr")
    assert rows.count() == 4
    assert "<script>alert(1)</script>" in rows.nth(3).inner_text()
    assert page.evaluate(POINTS_JS) == [[4]]  # women, men, non-binary, unknown bars
    _shot(page, "phone-check-report")
    watch.assert_clean("check")
    page.close()


def test_the_static_export_works_from_a_plain_server(demo, browser, tmp_path) -> None:
    from dashboards.export import export_site

    export_site(demo["engine"], tmp_path / "site")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=tmp_path / "site")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport=DESKTOP)
        watch = Watch(page)
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        for name in ("index.html", "series-1.html", "outlet-1.html", "citations.html"):
            assert page.goto(base + name).status == 200
            assert page.evaluate(POINTS_JS), name
            watch.assert_clean(f"static {name}")
        _shot(page, "static-citations")
        page.close()
    finally:
        httpd.shutdown()
        shutil.rmtree(tmp_path / "site", ignore_errors=True)


def test_api_docs_render_offline_under_the_csp(demo, browser) -> None:
    """/docs and /redoc draw from this server's own files: no CDN, no CSP violation."""
    page = browser.new_page(viewport=DESKTOP)
    watch = Watch(page)
    page.goto(demo["base"] + "/docs", wait_until="load")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "voicetally" in page.inner_text(".swagger-ui .info .title")
    page.goto(demo["base"] + "/redoc", wait_until="load")
    page.wait_for_selector("redoc h1", timeout=20_000)
    # ReDoc's "by Redocly" footer logo points at its CDN: the CSP blocks it, as it should.
    watch.errors = [e for e in watch.errors if "cdn.redoc.ly" not in e]
    watch.assert_clean("api docs")
    page.close()

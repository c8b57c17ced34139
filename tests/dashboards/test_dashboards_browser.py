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
         "/person/5", "/sources/panels?point=2023&series=1", "/event/1", "/rankings",
         "/suggest?topic=energy+security"]  # fmt: skip
PHONE_PAGES = ["/", "/series/1", "/outlets/1", "/methodology", "/event/1", "/rankings"]
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
    page.wait_for_selector("html[data-charts-drawn]", state="attached")
    assert page.evaluate(POINTS_JS) == [[panels, cited], [manels]]
    assert panels == 6 and cited == 7  # the samples: six years of events, seven of articles
    tables = page.locator("table[data-table] tbody tr")
    assert tables.count() == panels + cited + manels
    watch.assert_clean("overview points")
    page.close()


def test_a_click_on_a_point_opens_its_sources(demo, browser) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo["base"] + "/")
    page.wait_for_selector("html[data-charts-drawn]", state="attached")
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


PANEL = (
    "Jonas Berg\nDr. Sarah Okafor, Chatham House (moderator)\nSatya Nadella\n"
    "<script>alert(1)</script>"
)
ARTICLE = Path(__file__).parents[1] / "fixtures" / "check" / "article.html"


def _check_panel(page: object, base: str) -> None:
    page.goto(base + "/check")
    page.fill("#names", PANEL)
    page.click("text=Check the panel")  # interaction 1
    page.wait_for_selector("#report")


def test_a_label_is_corrected_on_the_spot_in_at_most_three_interactions(demo, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    watch = Watch(page)
    _check_panel(page, demo["base"])
    rows = page.locator("#people tbody tr")
    assert rows.count() == 4
    assert "<script>alert(1)</script>" in rows.nth(3).inner_text()
    assert "Chatham House" in rows.nth(1).inner_text() and "moderator" in rows.nth(1).inner_text()
    assert page.locator("#status").inner_text().startswith("not known yet")
    report_top = page.evaluate(
        "() => document.getElementById('report').getBoundingClientRect().top"
    )
    assert -2 <= report_top < PHONE["height"], "the result is scrolled into view"
    page.select_option('select[name="label-2"]', "man")  # interaction 2
    page.select_option('select[name="label-3"]', "man")  # interaction 3
    assert page.locator("#status").inner_text() == "not an all-male panel"
    assert page.locator("#headline").inner_text().startswith("1 woman and 3 men: 25% women")
    page.select_option('select[name="label-1"]', "man")
    assert page.locator("#status").inner_text() == "an all-male panel"
    _shot(page, "phone-check-corrected")
    watch.assert_clean("check")
    page.close()


def test_a_very_long_name_does_not_push_the_labels_off_the_page(demo, browser) -> None:
    """A pasted 10 kB name without spaces wraps: every label menu stays on screen."""
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport)
        watch = Watch(page)
        page.goto(demo["base"] + "/check")
        page.fill("#names", "Fiona Hill\n" + "A" * 10_000 + "\nJonas Berg")
        page.click("text=Check the panel")
        page.wait_for_selector("#report")
        right = page.evaluate(
            "() => Math.max(...Array.from(document.querySelectorAll('#people select'))"
            ".map(s => s.getBoundingClientRect().right))"
        )
        assert right <= viewport["width"], f"a label menu ends at x={right}"
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"the page scrolls sideways: {width}px"
        watch.assert_clean("check long name")
        page.close()


def test_an_article_is_checked_from_pasted_html(demo, browser) -> None:
    page = browser.new_page(viewport=DESKTOP)
    watch = Watch(page)
    page.goto(demo["base"] + "/check")
    page.click("text=An article: its address, its HTML or its text")
    page.fill("#article_html", ARTICLE.read_text())
    page.click("text=Check the article")
    page.wait_for_selector("#report")
    people = page.locator("#people").inner_text()
    assert "Hannah Brooks" in people and "author" in people
    assert "Margaret Olsen" in people and "quoted" in people
    assert "women" in page.locator("#headline").inner_text()
    _shot(page, "desktop-check-article")
    watch.assert_clean("check article")
    page.close()


def test_a_saved_report_shows_its_image_and_copies_its_link(demo, browser) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch(page)
    _check_panel(page, demo["base"])
    page.select_option('select[name="label-2"]', "man")
    page.fill("#title", "Opening panel, Demo Forum 2026")
    page.click("#save")
    page.wait_for_selector("#share")
    assert "/report/" in page.url
    image = page.locator("#share img")
    # the page may be shown before its image has loaded: wait for it (a broken one never is)
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=15_000
    )
    og_image = page.get_attribute('meta[property="og:image"]', "content")
    png = page.request.get(og_image)
    assert png.status == 200 and png.headers["content-type"] == "image/png"
    assert png.body()[:4] == b"\x89PNG"
    assert page.locator("select").count() == 0  # a saved report is read-only
    assert "set by whoever made this check" in page.locator("#people").inner_text()
    page.click("button.copy")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.input_value("#permalink")
    _shot(page, "desktop-saved-report")
    watch.assert_clean("saved report")
    context.close()


def test_the_embed_code_is_copied_from_the_event_page(demo, browser) -> None:
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch(page)
    page.goto(demo["base"] + "/event/1")
    page.click("text=Copy the embed code")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("<a href=") and "/badge/event/1.svg" in copied
    assert page.locator(".copied").first.is_visible()
    badge = page.locator('img[src="/badge/event/1.svg"]')
    assert page.evaluate("img => img.naturalWidth > 100", badge.element_handle())
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
    _shot(page, "phone-event")
    watch.assert_clean("event page")
    context.close()


CONTRAST_JS = """() => {
  function rgb(value) { return value.match(/[\\d.]+/g).slice(0, 4).map(Number); }
  function lum(c) {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function background(el) {
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length < 4 || c[3] > 0) { return c; }
    }
    return [255, 255, 255];
  }
  const worst = [];
  document.querySelectorAll("main *, header *, footer *").forEach(el => {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest("svg")) { return; }
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") { return; }
    const fg = lum(rgb(style.color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) {
      worst.push(el.tagName + ": " + el.textContent.trim().slice(0, 40) + " " + ratio.toFixed(2));
    }
  });
  return worst;
}"""


def test_text_contrast_is_at_least_4_5_to_1(demo, browser) -> None:
    page = browser.new_page(viewport=DESKTOP)
    for path in ("/", "/methodology", "/check", "/event/1", "/rankings?target=40"):
        page.goto(demo["base"] + path)
        assert page.evaluate(CONTRAST_JS) == [], path
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
            page.wait_for_selector("html[data-charts-drawn]", state="attached")
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

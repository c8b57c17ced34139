"""Crawls against a local site: an agenda, and an outlet feed whose articles are fetched once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from app.articles.models import Article
from app.gender.engine import default_engine
from app.ingest import crawl
from app.ingest.models import Source, SourceKind
from app.samples import manifest
from app.settings import Settings
from tests.app.ingest.test_pipeline import FRAB

ARTICLES = [item for item in manifest() if item.kind == "article"][:2]


class Site(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, tuple[str, bytes]]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        found = self.server.routes.get(self.path)
        status, (ctype, body) = (200, found) if found else (404, ("text/plain", b"missing"))
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = Site(("127.0.0.1", 0), Handler)
    items = "".join(
        f"<item><link>{server.url(f'/a{i}.html')}</link>"
        f"<pubDate>Mon, 0{i + 1} May 2023 08:00:00 GMT</pubDate></item>"
        for i in range(len(ARTICLES))
    )
    broken = f"<item><link>{server.url('/gone.html')}</link></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}{broken}</channel></rss>'
    server.routes = {"/agenda.xml": ("application/xml", FRAB),
                     "/feed.xml": ("application/rss+xml", feed.encode())}  # fmt: skip
    for i, item in enumerate(ARTICLES):
        server.routes[f"/a{i}.html"] = ("text/html; charset=utf-8", item.path.read_bytes())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


SETTINGS = Settings(allow_private_hosts=True, fetch_min_delay=0.0, fetch_timeout=5)


def register(factory, url: str, kind: SourceKind) -> int:
    with factory() as session, session.begin():
        source = Source(url=url, kind=kind)
        session.add(source)
        session.flush()
        return source.id


def test_outlet_crawl_ingests_new_articles_once(site, session_factory) -> None:
    source_id = register(session_factory, site.url("/feed.xml"), SourceKind.OUTLET)
    first = crawl.crawl_source(session_factory, source_id, settings=SETTINGS,
                               engine=default_engine())  # fmt: skip
    assert first[0].detail == f"{len(ARTICLES) + 1} articles listed, {len(ARTICLES) + 1} new"
    assert sorted(o.ok for o in first[1:]) == [False, True, True]
    again = crawl.crawl_source(session_factory, source_id, settings=SETTINGS,
                               engine=default_engine())  # fmt: skip
    assert again[0].detail.endswith("1 new")  # only the page that failed is tried again
    assert [o.ok for o in again[1:]] == [False]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == len(ARTICLES)
        source = session.get(Source, source_id)
        assert source.last_status == "1 of 2 failed" and "404" in source.last_error


def test_lineup_crawl_records_its_status(site, session_factory) -> None:
    source_id = register(session_factory, site.url("/agenda.xml"), SourceKind.LINEUP)
    (outcome,) = crawl.crawl_source(session_factory, source_id, settings=SETTINGS,
                                    engine=default_engine())  # fmt: skip
    assert outcome.ok and outcome.kind == "lineup"
    with session_factory() as session:
        assert session.get(Source, source_id).last_status == "ok"


def test_default_settings_refuse_the_local_site(site, session_factory) -> None:
    source_id = register(session_factory, site.url("/agenda.xml"), SourceKind.LINEUP)
    (outcome,) = crawl.crawl_source(session_factory, source_id, settings=Settings(),
                                    engine=default_engine())  # fmt: skip
    assert not outcome.ok and "refused" in outcome.detail


def test_cli_ingest_of_a_feed_ingests_its_articles(site, tmp_path) -> None:
    from typer.testing import CliRunner

    from app import db
    from app.cli import cli

    url = f"sqlite:///{tmp_path / 'feed.sqlite3'}"
    db.upgrade(db.make_engine(url))
    env = {"VOICETALLY_DATABASE_URL": url, "VOICETALLY_ALLOW_PRIVATE_HOSTS": "1",
           "VOICETALLY_FETCH_MIN_DELAY": "0"}  # fmt: skip
    result = CliRunner().invoke(cli, ["ingest", site.url("/feed.xml")], env=env)
    assert result.exit_code == 1  # the one missing page
    assert f"{len(ARTICLES) + 1} articles listed" in result.output
    assert result.output.count("ok  ") == len(ARTICLES) + 1

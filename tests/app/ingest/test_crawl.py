"""Crawls against a local site: an agenda, and an outlet feed whose articles are fetched once."""

from __future__ import annotations

import gzip
import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from app.articles.models import Article
from app.events.models import AgendaSession, Event
from app.gender.engine import default_engine
from app.ingest import crawl, feeds
from app.ingest.models import Source, SourceKind
from app.samples import manifest
from app.settings import Settings
from scrapers.errors import ParseError, TooLarge
from tests.app.ingest.test_pipeline import FRAB
from tests.app.jobs.sites import MEN, PAGE, WOMEN

ARTICLES = [item for item in manifest() if item.kind == "article"][:2]


class Site(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, tuple[str, bytes]]
    hits: Counter[str]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
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
    server.hits = Counter()
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
    _add_pretalx(server)
    _add_big_sitemap(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


PRETALX_PAGES = 3
OLD_ARTICLES = 500  # listed first in the big sitemap, all stored already
NEW_ARTICLES = 3


def _talk(n: int) -> dict[str, object]:
    return {"code": f"T{n}", "title": f"Talk number {n}", "submission_type": {"en": "Talk"},
            "slot": {"start": f"2024-05-06T1{n}:00:00+02:00"},
            "speakers": [{"code": f"S{n}", "name": WOMEN[n % 5]}]}  # fmt: skip


def _add_pretalx(server: Site) -> None:
    base = "/api/events/democon/talks/"
    for page in range(1, PRETALX_PAGES + 1):
        following = server.url(f"{base}?page={page + 1}") if page < PRETALX_PAGES else None
        body = {"count": PRETALX_PAGES * 2, "next": following, "previous": None,
                "results": [_talk(2 * page - 1), _talk(2 * page)]}  # fmt: skip
        path = base if page == 1 else f"{base}?page={page}"
        server.routes[path] = ("application/json", json.dumps(body).encode())


def _new_article(server: Site, n: int) -> bytes:
    return PAGE.format(title=f"Flood report {n}", url=server.url(f"/new{n}.html"),
                       author=f"{MEN[n]} Reporter", day=n + 1, host=0, first=WOMEN[n],
                       second=MEN[(n + 2) % 5]).encode()  # fmt: skip


def _add_big_sitemap(server: Site) -> None:
    old = [server.url(f"/old{n}.html") for n in range(OLD_ARTICLES)]
    new = [server.url(f"/new{n}.html") for n in range(NEW_ARTICLES)]
    urls = "".join(f"<url><loc>{url}</loc></url>" for url in old + new)
    sitemap = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"{urls}</urlset>").encode()  # fmt: skip
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9"><sitemap><loc>{server.url("/big.xml.gz")}</loc></sitemap>'
             "</sitemapindex>").encode()  # fmt: skip
    server.routes["/big.xml.gz"] = ("application/gzip", gzip.compress(sitemap))
    server.routes["/sitemap_index.xml"] = ("application/xml", index)
    for n in range(NEW_ARTICLES):
        server.routes[f"/new{n}.html"] = ("text/html; charset=utf-8", _new_article(server, n))


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


def test_a_paginated_agenda_api_is_read_to_its_last_page(site, session_factory) -> None:
    url = site.url("/api/events/democon/talks/")
    source_id = register(session_factory, url, SourceKind.LINEUP)
    (outcome,) = crawl.crawl_source(session_factory, source_id, settings=SETTINGS,
                                    engine=default_engine())  # fmt: skip
    assert outcome.ok, outcome.detail
    with session_factory() as session:
        event = session.scalar(select(Event).where(Event.source_id == source_id))
        titles = set(session.scalars(select(AgendaSession.title)
                                     .where(AgendaSession.event_id == event.id)))  # fmt: skip
    assert titles == {f"Talk number {n}" for n in range(1, 2 * PRETALX_PAGES + 1)}


def test_stored_urls_are_dropped_before_the_cap_and_gzip_sitemaps_read(
    site, session_factory
) -> None:
    with session_factory() as session, session.begin():
        session.add_all(Article(url=site.url(f"/old{n}.html")) for n in range(OLD_ARTICLES))
    source_id = register(session_factory, site.url("/sitemap_index.xml"), SourceKind.OUTLET)
    robots_before = site.hits["/robots.txt"]
    outcomes = crawl.crawl_source(session_factory, source_id, settings=SETTINGS,
                                  engine=default_engine())  # fmt: skip
    # the index, its gzipped sitemap and the new pages: three rounds of fetching, one robots.txt
    assert site.hits["/robots.txt"] - robots_before == 1
    listed = OLD_ARTICLES + NEW_ARTICLES
    assert outcomes[0].detail == f"{listed} articles listed, {NEW_ARTICLES} new"
    assert [o.ok for o in outcomes[1:]] == [True] * NEW_ARTICLES
    with session_factory() as session:
        new = session.scalars(select(Article.url).where(Article.title.is_not(None))).all()
    assert sorted(new) == sorted(site.url(f"/new{n}.html") for n in range(NEW_ARTICLES))


def test_feeds_are_read_with_their_dates_and_sitemaps_with_a_size_limit() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title>One</title><link href="https://news.example/one"/>
        <updated>2024-03-05T08:00:00+01:00</updated></entry>
      <entry><title>Two</title><link href="https://news.example/two"/>
        <published>Tue, 05 Mar 2024 23:30:00 -0500</published></entry></feed>"""
    one, two = feeds.read_entries(atom, url="https://news.example/feed")
    assert (one.url, one.published.isoformat()) == ("https://news.example/one",
                                                     "2024-03-05T07:00:00+00:00")  # fmt: skip
    assert two.published.isoformat() == "2024-03-06T04:30:00+00:00"
    bomb = gzip.compress(b"<urlset>" + b" " * 200_000 + b"</urlset>")
    with pytest.raises(TooLarge):
        feeds.read_entries(bomb, max_bytes=100_000)
    with pytest.raises(ParseError):
        feeds.read_entries(b"this is no feed at all", url="https://news.example/x")
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>'
    assert feeds.read_entries(empty, url="https://news.example/feed") == []

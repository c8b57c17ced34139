"""The HTML pages on the real app and database: status codes, escaping, opted-out people absent,
CSV and drill-downs, the badge, the author sign-in and the check form."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.articles.models import Outlet
from app.events.models import EventSeries
from app.ingest import service as ingest_service
from app.metrics import rollups
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_article, make_key, make_lineup, make_person
from tests.app.metrics.test_rollups import build

HOSTILE = "<script>alert(1)</script>"
QUOTED = 'Dr. Ann "Quote" O\'Hara'
EXTERNAL_SRC = re.compile(r"""<script[^>]+src=["']?(https?:)?//""", re.IGNORECASE)


@pytest.fixture
def site(session_factory):  # type: ignore[no-untyped-def]
    """The small labelled database of the rollup tests, plus hostile names and an opt-out."""
    with session_factory() as session, session.begin():
        build(session)
        hostile = make_article(
            url="https://ledger.example/hostile", title=f"Title {HOSTILE}",
            published=datetime(2024, 3, 1), authors=("Tom Hale",),
            cited=(records.Citation(name=HOSTILE), records.Citation(name=QUOTED)),
        )  # fmt: skip
        ingest_service.ingest_article(session, hostile)
        panel = records.Session(title=f"Panel {HOSTILE}", kind="panel", people=(
            records.PersonRef(name=HOSTILE), records.PersonRef(name="Piotr Nowak"),
        ))  # fmt: skip
        event = make_lineup().event.model_copy(update={
            "url": "https://forum.example/2022", "starts_on": date(2022, 5, 6),
            "name": f"Forum {QUOTED}",
        })  # fmt: skip
        ingest_service.ingest_lineup(session, make_lineup(event=event, sessions=(panel,)))
        mei = session.scalar(select(Person).where(Person.name_key == "mei lin"))
        mei.opted_out = True
        rollups.rebuild(session)
        ids = {
            "series": session.scalar(select(EventSeries.id)),
            "outlet": session.scalar(select(Outlet.id)),
            "mei": mei.id,
            "hostile": session.scalar(select(Person.id).where(Person.display_name == HOSTILE)),
            "petrov": session.scalar(select(Person.id).where(Person.name_key == "ivan petrov")),
            "viewer": make_key(session, "viewer"),
        }
    return ids


def pages(ids: dict) -> list[str]:
    return [
        "/", "/series", f"/series/{ids['series']}", "/outlets", f"/outlets/{ids['outlet']}",
        "/citations", "/methodology", "/check",
        "/?mode=probabilistic&period=all&country=NO&role=speaker", "/citations?period=month",
        "/sources/panels?point=2024", "/sources/articles?group=mixed",
    ]  # fmt: skip


def assert_safe(html: str) -> None:
    assert HOSTILE not in html
    assert "<script>alert" not in html
    assert QUOTED not in html  # quotes are escaped too (&#34; / &#39;)
    assert not EXTERNAL_SRC.search(html), "a script is loaded from another host"


def test_public_pages_answer_and_escape_hostile_names(api, site) -> None:
    # Everyone cited once is a public figure here, so the outlet page names them (escaped).
    api.app.state.settings.public_min_articles = 1
    for path in [*pages(site), f"/person/{site['petrov']}"]:
        response = api.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert_safe(response.text)
    outlet = api.get(f"/outlets/{site['outlet']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outlet
    assert "Ann &#34;Quote&#34; O&#39;Hara" in outlet


def test_unknown_things_are_404(api, site) -> None:
    for path in ("/series/999999", "/outlets/999999", "/person/999999", "/badge/event/999999.svg",
                 "/data/nope.csv"):  # fmt: skip
        assert api.get(path).status_code == 404, path
    assert api.get("/?period=decade").status_code == 422


def test_opted_out_people_are_never_listed(api, site) -> None:
    assert api.get(f"/person/{site['mei']}").status_code == 404
    for path in pages(site):
        assert "Mei Lin" not in api.get(path).text, path
    viewer = {"Authorization": f"Bearer {site['viewer']}"}
    assert api.get(f"/person/{site['mei']}", headers=viewer).status_code == 404
    hostile = api.get(f"/person/{site['hostile']}", headers=viewer)
    assert hostile.status_code == 200
    assert "&lt;script&gt;" in hostile.text


def test_person_page_says_how_the_label_was_made(api, site) -> None:
    text = api.get(
        f"/person/{site['petrov']}", headers={"Authorization": f"Bearer {site['viewer']}"}
    ).text
    assert "Counted as <strong>a man</strong>: inferred from first name, 90%." in text
    assert "opt out" in text


def test_every_chart_has_a_table_a_csv_link_and_sources(api, site) -> None:
    html = api.get("/").text
    assert html.count('class="chart"') == 2
    assert html.count("<table") >= 2
    csv_links = re.findall(r'href="(/data/[^"]+\.csv[^"]*)"', html)
    assert len(csv_links) == 2
    assert re.search(r'href="/sources/panels\?point=2023"', html)
    body = api.get(csv_links[0].replace("&amp;", "&"))
    assert body.status_code == 200
    assert body.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.text)))
    assert rows[0][:3] == ["period", "who", "women"]
    assert {row[0] for row in rows[1:]} >= {"2023", "2024"}


def test_small_cells_say_so_in_words(api, site) -> None:
    html = api.get("/").text
    assert '<tr class="small">' in html
    assert "fewer than 30 people with a label: read with care" in html
    assert "greyed" not in html and "interval wider" not in html


def test_drill_down_lists_the_sessions_of_a_point(api, site) -> None:
    html = api.get("/sources/panels?point=2024").text
    assert "Deterrence after 2022" in html
    assert "<td>not all-male</td>" in html
    # The keynote has one person, a session may have none counted (organisations): the words
    # fit both.
    assert "<td>fewer than two people</td>" in html and "one person" not in html
    undetermined = api.get("/sources/panels?point=2022&status=undetermined").text
    assert "Panel &lt;script&gt;" in undetermined
    assert "Deterrence" not in undetermined
    articles = api.get("/sources/articles?point=2024").text
    assert "Title &lt;script&gt;" in articles


def test_badge_is_an_svg_with_the_share(api, site) -> None:
    html = api.get(f"/series/{site['series']}").text
    badge_path = re.search(r'src="(/badge/event/\d+\.svg)"', html).group(1)
    response = api.get(badge_path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "women" in response.text and "<script" not in response.text


def test_plotly_basic_bundle_only_on_chart_pages_with_long_cache(api, site) -> None:
    html = api.get("/").text
    script = re.search(r'<script src="(/assets/\w+/plotly-basic\.min\.js)" defer>', html).group(1)
    response = api.get(script)
    assert response.status_code == 200
    assert 300_000 < len(response.content) < 2_000_000  # the basic partial bundle, not 4.8 MB
    assert "immutable" in response.headers["cache-control"]
    assert "max-age=31536000" in response.headers["cache-control"]
    assert "plotly" not in api.get("/check").text  # a page without charts loads no plotly
    assert "plotly" not in api.get("/methodology").text
    assert "<script>" not in html  # no inline script: the CSP can forbid it


def test_author_pages_need_a_viewer_key(api, site) -> None:
    assert api.get("/author").status_code == 401
    assert api.post("/author/login", data={"key": "vt_wrong"}).status_code == 401
    signed = api.post("/author/login", data={"key": site["viewer"]}, follow_redirects=False)
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/author" in cookie
    listing = api.get("/author")  # the client keeps the cookie, as a browser would
    assert listing.status_code == 200
    assert "Tom Hale" in listing.text
    bearer = {"authorization": f"Bearer {site['viewer']}"}
    author_id = re.search(r'href="/author/(\d+)">Tom Hale', listing.text).group(1)
    page = api.get(f"/author/{author_id}", headers=bearer)
    assert page.status_code == 200
    assert "Experts cited by Tom Hale" in page.text
    assert_safe(page.text)


def test_check_form_reports_pasted_names(api, site) -> None:
    form = {"names": f"Jonas Berg\nDr. Sarah Okafor, Chatham House (moderator)\n{HOSTILE}"}
    response = api.post("/check", data=form)
    assert response.status_code == 200
    assert 'id="report"' in response.text
    assert "inferred from first name" in response.text
    assert "&lt;script&gt;alert" in response.text
    people = response.text[response.text.index('id="people"') :]
    assert "Sarah Okafor<br>" in people and "Chatham House" in people and ">moderator<" in people
    assert 'name="label-0"' in people  # every person has a label control
    assert_safe(response.text)


def test_check_form_reads_an_uploaded_lineup(api, site) -> None:
    content = (
        "event,session,start,end,session_kind,room,name,role,affiliation,pronouns,bio,kind\n"
        "Demo 2025,Panel A,2025-11-04T10:00:00+01:00,,panel,Hall,Tom Becker,moderator,,,,\n"
        "Demo 2025,Panel A,2025-11-04T10:00:00+01:00,,panel,Hall,Jonas Berg,speaker,,,,\n"
    )
    files = {"file": ("lineup.csv", content.encode(), "text/csv")}
    response = api.post("/check", data={"what": "lineup"}, files=files)
    assert response.status_code == 200, response.text[:500]
    assert "Result: Demo 2025" in response.text
    assert ">an all-male panel<" in response.text


def test_a_csv_without_sessions_is_one_panel_and_a_template_is_offered(api, site) -> None:
    files = {"file": ("draft.csv", b"name,role\nTom Becker,moderator\nSarah Okafor,speaker\n")}
    response = api.post("/check", data={"what": "lineup"}, files=files)
    assert response.status_code == 200, response.text[:500]
    assert ">not an all-male panel<" in response.text
    assert 'href="/check/template.csv"' in api.get("/check").text
    template = api.get("/check/template.csv")
    assert template.headers["content-type"].startswith("text/csv")
    assert template.text.splitlines()[0].startswith("session,name,role")


def test_check_form_without_input_says_so(api, site) -> None:
    response = api.post("/check", data={"names": "  "})
    assert response.status_code == 422
    assert "Paste some names" in response.text
    article = api.post("/check", data={"what": "article"})
    assert article.status_code == 422 and "Give the article" in article.text


def _token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_a_label_set_on_the_spot_is_recomputed_and_kept_in_the_saved_report(api, site) -> None:
    first = api.post("/check", data={"names": "Jonas Berg\nTom Becker\nMei Lin"}).text
    assert "an all-male panel" not in first
    token = _token(first)
    changed = {"token": token, "label-0": "man", "label-1": "man", "label-2": "man"}
    updated = api.post("/check/report", data={**changed, "action": "update"})
    assert ">an all-male panel<" in updated.text
    assert "set by whoever made this check" in updated.text
    forged = api.post("/check/report", data={**changed, "token": token[:-2] + "00"})
    assert forged.status_code == 422 and "expired" in forged.text
    saved = api.post("/check/report", data={**changed, "action": "save", "title": "Draft 2026"},
                     follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    page = api.get(saved.headers["location"]).text
    assert "<title>Draft 2026" in page and "an all-male panel" in page
    assert "Mei Lin" not in page  # she opted out: masked in the saved report


def test_a_saved_report_has_a_permalink_an_image_and_hides_later_opt_outs(api, site) -> None:
    token = _token(api.post("/check", data={"names": "Jonas Berg\nMei Lin\nSarah Okafor"}).text)
    saved = api.post("/check/report", data={"token": token, "action": "save"},
                     follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    permalink = saved.headers["location"]
    assert re.fullmatch(r"/report/[A-Za-z0-9_-]{16}", permalink)
    page = api.get(permalink)
    assert page.status_code == 200
    assert "Jonas Berg" in page.text and "Sarah Okafor" in page.text
    assert "Mei Lin" not in page.text  # she opted out: masked wherever she is listed
    assert "a person who opted out" in page.text
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', page.text).group(1)
    assert og_image.endswith(permalink + ".png")
    png = api.get(permalink + ".png")
    assert png.headers["content-type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = api.get(permalink + ".svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "50% women" in svg.text and "Mei Lin" not in svg.text
    assert api.get("/report/nosuchreport1").status_code == 404
    assert api.get("/report/nosuchreport1.png").status_code == 404
    for mistyped in ("/report/x", "/report/x.svg", "/report/" + "y" * 5_000, "/report/a%20b"):
        assert api.get(mistyped).status_code == 404, mistyped  # not found, never a 422


def test_pages_of_an_empty_database(api) -> None:
    for path in ("/", "/series", "/outlets", "/citations", "/sources/panels", "/check"):
        response = api.get(path)
        assert response.status_code == 200, path
    assert "no panels yet" in api.get("/").text


LINEUP_CSV = (
    "event,session,start,end,session_kind,room,name,role,affiliation,pronouns,bio,kind\n"
    "Remote 2025,Panel B,2025-11-04T10:00:00+01:00,,panel,Hall,Jonas Berg,speaker,,,,\n"
    "Remote 2025,Panel B,2025-11-04T10:00:00+01:00,,panel,Hall,Sarah Okafor,speaker,,,,\n"
)


@pytest.fixture
def agenda_server(tmp_path):  # type: ignore[no-untyped-def]
    """A server on 127.0.0.1, port 0, serving one lineup CSV."""
    import functools
    import http.server
    import threading

    (tmp_path / "lineup.csv").write_text(LINEUP_CSV)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=tmp_path)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/lineup.csv"
    httpd.shutdown()


def test_check_form_fetches_an_agenda_url(api, agenda_server) -> None:
    refused = api.post("/check", data={"url": agenda_server})
    assert refused.status_code == 422  # private addresses are refused by default
    assert "private network" in refused.text
    settings = api.app.state.settings
    api.app.state.settings = settings.model_copy(update={"allow_private_hosts": True})
    response = api.post("/check", data={"url": agenda_server})
    assert response.status_code == 200, response.text[-800:]
    assert "Result: Remote 2025" in response.text
    assert "not an all-male panel" in response.text


def test_a_head_count_without_names_gives_a_result(api) -> None:
    form = {"what": "count", "count_woman": "1", "count_man": "3", "count_nonbinary": ""}
    response = api.post("/check", data=form)
    assert response.status_code == 200
    assert "1 woman and 3 men: 25% women" in response.text
    assert "counted by whoever made this check" in response.text
    assert api.post("/check", data={"what": "count"}).status_code == 422
    assert api.post("/check", data={"what": "count", "count_man": "-2"}).status_code == 422
    assert api.post("/check", data={"what": "count", "count_man": "9999"}).status_code == 422


def test_lineups_and_articles_are_saved_and_drawn_too(api) -> None:
    files = {"file": ("draft.csv", b"session,name,role\nA,Tom Becker,moderator\nA,Jonas Berg,\n")}
    lineup = api.post("/check", data={"what": "lineup"}, files=files)
    article = api.post("/check", data={"what": "article", "article_text": (
        '"It will take years," said Margaret Olsen, a fellow at the institute.')})  # fmt: skip
    for response, expected in ((lineup, "an all-male panel"), (article, "Margaret Olsen")):
        assert response.status_code == 200, response.text[-500:]
        saved = api.post("/check/report", data={"token": _token(response.text), "action": "save"},
                         follow_redirects=False)  # fmt: skip
        assert saved.status_code == 303
        page = api.get(saved.headers["location"])
        assert page.status_code == 200 and expected in page.text
        image = api.get(saved.headers["location"] + ".png")
        assert image.status_code == 200 and image.content[:4] == b"\x89PNG"


def test_an_article_check_names_the_organisations_it_does_not_count(api) -> None:
    text = ("By Maria Fernandes\n"
            "Amnesty International said in a statement that the strikes were unlawful.\n"
            '"It will take years," said Margaret Olsen, a fellow at the institute.')  # fmt: skip
    page = api.post("/check", data={"what": "article", "article_text": text})
    assert page.status_code == 200, page.text[-500:]
    assert "not counted as women or men: Amnesty International." in page.text
    assert "written by women" in page.text  # the byline's author


def test_an_organisation_page_says_it_is_not_counted(api, session_factory) -> None:
    """An organisation is listed, never counted: its page does not also call it 'unknown'."""
    from app.people.models import PersonKind

    with session_factory() as session, session.begin():
        team = make_person(
            session, name="Organising Team", kind=PersonKind.ORGANISATION,
            kind_reason="organisation: 'Organising' names a group",
        )  # fmt: skip
        viewer = make_key(session, "viewer")
    page = api.get(f"/person/{team.id}", headers={"Authorization": f"Bearer {viewer}"})
    assert page.status_code == 200
    assert "Counted as <strong>unknown</strong>" not in page.text
    assert "not counted" in page.text and "an organisation" in page.text
    assert "&#39;Organising&#39; names a group" in page.text

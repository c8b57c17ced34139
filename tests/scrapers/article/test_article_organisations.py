"""Issue 12: organisations quoted as sources are counted apart, with their reason; the CLI's
article JSON keeps DESIGN.md's keys exactly and lists people only."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from scrapers.article import parse, quotes
from scrapers.records import PersonKind

PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "article" / "organisation_sources.html"
ARTICLE_KEYS = {"url", "title", "published", "outlet", "authors", "cited"}
CITED_KEYS = {"name", "quoted", "mentions", "affiliation", "gender"}


def test_organisations_are_kept_apart_from_people() -> None:
    article = parse(PAGE.read_bytes())
    people = {c.name: c for c in article.cited}
    orgs = {c.name: c for c in article.organisations}
    assert set(people) == {"Cornel West", "Rebecca White", "Tony Hall"}
    assert set(orgs) == {
        "Amnesty International",
        "the university",
        "Ministry of Education",
        "the ministry",
    }
    assert all(c.kind is PersonKind.PERSON and c.kind_reason for c in people.values())
    assert all(c.kind is PersonKind.ORGANISATION and c.kind_reason for c in orgs.values())
    assert orgs["Amnesty International"].quoted and orgs["the university"].quoted
    assert "spokesperson" in (orgs["Ministry of Education"].kind_reason or "")
    assert article.authors == ()  # "By Staff" names no person


def test_an_organisation_where_someone_works_is_not_a_source() -> None:
    text = (
        "Maria Keller, a senior fellow at Chatham House, said the talks had stalled. "
        "The head of the Port Authority, Jan Smit, warned of delays."
    )
    people, orgs = quotes.extract_sources(text)
    assert {c.name for c in people} == {"Maria Keller", "Jan Smit"}
    assert orgs == ()


def test_a_quote_after_an_organisation_statement_is_not_given_to_a_person() -> None:
    text = (
        "“The offer is final,” said Anna Berg, the minister.\n"
        "The company said it would appeal. “We will not be bullied,” it added."
    )
    people, orgs = quotes.extract_sources(text)
    assert {c.name for c in orgs} == {"the company"}
    assert [c.quote for c in people] == ["The offer is final,"]


def test_cli_article_json_has_exactly_the_contract_keys(tmp_path: Path) -> None:
    env = {"VOICETALLY_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = CliRunner().invoke(cli, ["extract", "article", str(PAGE), "--json"], env=env)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == ARTICLE_KEYS
    assert [c["name"] for c in document["cited"]] == ["Cornel West", "Rebecca White", "Tony Hall"]
    assert all(set(c) == CITED_KEYS for c in document["cited"])
    assert document["authors"] == []


def _byline_page(byline: str) -> bytes:
    body = "<p>" + "The council met on Monday to discuss the budget. " * 20 + "</p>"
    return (
        f"<html><head><title>T</title></head><body><article><h1>T</h1>"
        f'<p class="byline">{byline}</p>{body}</article></body></html>'
    ).encode()


def test_group_bylines_are_not_people() -> None:
    for byline in ("By Reuters", "By Staff", "By The Associated Press", "Staff and agencies"):
        assert parse(_byline_page(byline)).authors == (), byline
    assert parse(_byline_page("By Jane Doe, Reuters")).authors == ("Jane Doe",)
    assert parse(_byline_page("By Rebecca White and Staff")).authors == ("Rebecca White",)

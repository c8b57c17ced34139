"""The article check (POST /api/check/article, `voicetally check --article`) and label overrides
recomputing a quick check's totals (issue #15)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from app.gender.engine import default_engine
from app.gender.labels import Label
from app.metrics import check, check_sources, panel_lines

ARTICLE = Path(__file__).parents[2] / "fixtures" / "check" / "article.html"
TEXT = (
    '"We are stretched thin," said Margaret Olsen, a fellow at the Nordic Security Institute.\n'
    'Peter Lindqvist disagreed. "The crews do not exist," he said.'
)


def test_article_html_answers_authors_and_cited_people_like_extract_article(api) -> None:
    body = {"html": ARTICLE.read_text(), "url": "https://ledger.example/baltic"}
    report = api.post("/api/check/article", json=body)
    assert report.status_code == 200, report.text
    found = report.json()
    assert found["url"] == "https://ledger.example/baltic"
    assert found["authors"] == ["Hannah Brooks"]
    assert found["author_people"][0]["gender"]["label"] == "woman"
    cited = {person["name"]: person for person in found["cited"]}
    assert cited["Margaret Olsen"]["quoted"] is True
    assert cited["Margaret Olsen"]["gender"]["label"] == "woman"
    assert cited["Margaret Olsen"]["gender"]["evidence"]
    assert cited["Peter Lindqvist"]["gender"]["label"] == "man"
    assert found["balance"]["woman"] >= 1 and found["balance"]["man"] >= 1
    assert found["author_group"] == "women"


def test_article_text_is_checked_without_a_byline(api) -> None:
    found = api.post("/api/check/article", json={"text": TEXT, "title": "Baltic"}).json()
    assert found["title"] == "Baltic" and found["authors"] == []
    assert {p["name"] for p in found["cited"]} >= {"Margaret Olsen", "Peter Lindqvist"}
    assert found["quoted_balance"]["woman"] == 1


def test_pasted_text_reads_its_byline_and_lists_organisations_apart(api) -> None:
    text = (
        "By Maria Fernandes and Tom Whitaker\n\n"
        '"We cannot let Ukraine freeze," said Kajsa Ollongren, the Dutch defence minister.\n'
        "Amnesty International said in a statement that the strikes could be war crimes.\n"
        '"Nothing will change," Tom Whitaker wrote in an earlier column.'
    )
    pasted = "Nato pledges air defence\n" + text
    found = api.post("/api/check/article", json={"text": pasted}).json()
    assert found["title"] == "Nato pledges air defence"  # a short first line with no full stop
    assert found["authors"] == ["Maria Fernandes", "Tom Whitaker"]
    assert [p["gender"]["label"] for p in found["author_people"]] == ["woman", "man"]
    assert found["author_group"] == "mixed"
    cited = [p["name"] for p in found["cited"]]
    assert "Kajsa Ollongren" in cited
    assert "Tom Whitaker" not in cited  # an author is not their own source
    assert not any("Fernandes" in name for name in cited)  # the byline is no sentence
    assert found["organisations"] == [
        {"name": "Amnesty International", "quoted": False, "mentions": 1}
    ]
    assert found["balance"]["woman"] + found["balance"]["man"] == len(cited)


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    for first in ("By Thursday, Nato ministers had agreed to send more systems.",
                  "By 2030 Europe must spend more.", "By Reuters", "By Staff Reporter",
                  '"By Jane Doe," she said, "I mean the author."'):  # fmt: skip
        article = check_sources.article_from_text(first + "\nAnna Berg, a minister, said no.")
        assert article.authors == (), first
        assert [c.name for c in article.cited] == ["Anna Berg"], first
        assert article.title is None, first
    later = "Anna Berg, a minister, said no.\n" * 4 + "By Jane Doe"
    assert check_sources.article_from_text(later).authors == ()  # only among the first lines


def test_pasted_text_is_parsed_off_the_event_loop(api, monkeypatch) -> None:
    """The sentence engine on 500 kB of text takes seconds: never on the loop that serves."""
    import asyncio

    parse = check_sources.article_from_text
    calls: list[bool] = []

    def recording(body: str, **kwargs: object):  # type: ignore[no-untyped-def]
        try:
            asyncio.get_running_loop()
            calls.append(True)
        except RuntimeError:
            calls.append(False)
        return parse(body, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_sources, "article_from_text", recording)
    page = api.post("/check", data={"what": "article", "article_text": TEXT})
    assert page.status_code == 200
    assert calls == [False]  # the page's worker thread
    answer = api.post("/api/check/article", json={"text": TEXT})
    assert answer.status_code == 200 and answer.json()["cited"]
    assert calls == [False]  # the API's check worker process, as the panel and lineup checks


def test_article_check_validates_its_input_and_speaks_plainly_about_fetches(api) -> None:
    assert api.post("/api/check/article", json={}).status_code == 422
    both = api.post("/api/check/article", json={"html": "<p>x</p>", "text": "x"})
    assert both.status_code == 422
    refused = api.post("/api/check/article", json={"url": "http://127.0.0.1:9/article"})
    assert refused.status_code == 422  # our refusal: the caller's to fix (issue 14)
    assert refused.json()["type"] == "/problems/fetch-refused"
    assert refused.json()["detail"].startswith("That address is on a private network")
    empty = api.post("/api/check/article", json={"text": "   \n "})
    assert empty.status_code == 422


def test_panel_api_reads_lines_as_people_write_them(api) -> None:
    names = ["Dr. Fiona Hill, Brookings (moderator)", "Prof. Timothy Snyder, Yale",
             "Andrea Rossi [IT]", "Andrea Rossi [US]"]  # fmt: skip
    people = api.post("/api/check/panel", json={"names": names}).json()["people"]
    assert (people[0]["name"], people[0]["affiliation"], people[0]["role"]) == (
        "Fiona Hill", "Brookings", "moderator")  # fmt: skip
    assert people[1]["name"] == "Timothy Snyder" and people[1]["label"] == "man"
    assert all("yale" not in str(e).lower() for e in people[1]["evidence"])
    assert [p["country"] for p in people[2:]] == ["IT", "US"]  # each person's own country


def test_panel_lines_keep_title_affiliation_role_and_country() -> None:
    cases = {
        "Dr. Fiona Hill, Brookings (moderator)": ("Fiona Hill", "Dr.", "Brookings", "moderator"),
        "Moderator: Jane Doe, Acme Corp": ("Jane Doe", None, "Acme Corp", "moderator"),
        "Jean Dupont\tSciences Po\tchair": ("Jean Dupont", None, "Sciences Po", "chair"),
        "Maria Ressa - Rappler - keynote": ("Maria Ressa", None, "Rappler", "keynote"),
        "Lisa Su (AMD)": ("Lisa Su", None, "AMD", "speaker"),
        "Doe, Jane": ("Jane Doe", None, None, "speaker"),
    }
    for line, expected in cases.items():
        read = panel_lines.parse_line(line)
        assert read is not None
        ref = read.ref
        assert (ref.name, ref.honorific, ref.affiliation, ref.role.value) == expected, line
    assert panel_lines.parse_line("Angela Merkel [de]").country == "DE"
    assert panel_lines.parse_line("   ") is None
    assert len(panel_lines.parse_lines("a b\n\nc d\n" * 300, limit=200)) == 200
    long = panel_lines.parse_line("x" * 10_000)
    assert long is not None and len(long.ref.name) <= panel_lines.MAX_LINE


def test_a_pasted_placeholder_or_organisation_is_not_counted_and_says_why() -> None:
    """DESIGN.md: placeholders (TBA, N.N.) stand for no one; a noun surname is still a name."""
    lines = ["Tony Hall", "TBA", "N.N.", "Acme Holdings GmbH", "Margaret Court"]
    panel = check.check_panel(panel_lines.parse_lines(lines, limit=10), engine=default_engine())
    reasons = {row["name"]: row["reason"] for row in panel["people"] if row["label"] is None}
    assert set(reasons) == {"TBA", "N.N.", "Acme Holdings GmbH"}
    assert reasons["TBA"].startswith("placeholder:") and reasons["N.N."].startswith("placeholder:")
    assert reasons["Acme Holdings GmbH"].startswith("organisation:")
    assert all(reason.endswith(": not counted") for reason in reasons.values())
    assert panel["balance"]["man"] == 1 and panel["balance"]["woman"] == 1


def test_overrides_recompute_a_panel_a_lineup_and_an_article() -> None:
    engine = default_engine()
    people = panel_lines.parse_lines(["Jonas Berg", "Satya Nadella"], limit=10)
    panel = check.check_panel(people, engine=engine)
    assert panel["status"] == "undetermined"
    fixed = check.apply_overrides("panel", panel, {1: Label.MAN})
    assert fixed["status"] == "manel" and fixed["balance"]["man"] == 2
    assert fixed["people"][1]["source"] == check.OVERRIDE
    assert fixed["people"][1]["inferred"]["label"] == "unknown"
    article = check.check_article(check_sources.article_from_text(TEXT), engine=engine)
    before = article["balance"]["woman"]
    cited_index = len(article["author_people"])  # authors come first, then the cited people
    after = check.apply_overrides("article", article, {cited_index: Label.MAN})
    assert after["balance"]["woman"] == before - 1
    ignored = check.apply_overrides("panel", panel, {99: Label.WOMAN})  # out of range: ignored
    assert ignored["balance"]["woman"] == 0


def test_cli_checks_an_article_file_and_pasted_style_names(tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "--article", str(ARTICLE)])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["authors"] == ["Hannah Brooks"] and found["cited"]
    names = runner.invoke(cli, ["check", "Dr. Fiona Hill, Brookings (moderator)"])
    assert json.loads(names.stdout)["people"][0]["role"] == "moderator"

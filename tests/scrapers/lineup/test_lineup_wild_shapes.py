"""Agendas as they are in the wild: site JSON, grid views, EuroPython-style XML, names in one
field, placeholders and organisation accounts among speaker records."""

from __future__ import annotations

import json

import pytest

from scrapers import lineup
from scrapers.errors import UnknownFormat
from scrapers.lineup import assemble, titles
from scrapers.records import PersonKind, Role


def people(content: bytes, **kwargs: str) -> dict[str, tuple[str, str]]:
    parsed = lineup.parse(content, **kwargs)
    return {p.name: (p.role.value, p.kind.value) for s in parsed.sessions for p in s.people}


def test_site_json_with_inline_speakers() -> None:
    talks = [
        {"title": "Keynote d'ouverture", "format": "Keynote",
         "speakers": [{"name": "Ana Souza", "company": "Acme"}, {"name": "léa martin"}]},
        {"title": "Atelier", "format": "Workshop", "speakers": [{"name": "DUPONT Jean"}]},
    ]  # fmt: skip
    content = json.dumps(talks).encode()
    assert lineup.detect_format(content) == "json"
    assert people(content) == {
        "Ana Souza": ("keynote", "person"),
        "Léa Martin": ("keynote", "person"),
        "Jean Dupont": ("speaker", "person"),
    }


def test_grid_view_counts_each_session_once_and_resolves_speaker_ids() -> None:
    speakers = [{"id": "s1", "name": "Jim Hall"}, {"id": "s2", "name": "TBA"}]
    session = {"id": "42", "title": "Panel", "startsAt": "2025-03-01T10:00", "speakers": speakers}
    slot = {"slotStart": "10:00:00", "rooms": [{"id": 1, "session": session}]}
    grid = [{"date": "2025-03", "rooms": [{"id": 1, "sessions": [session]}], "timeSlots": [slot]}]
    parsed = lineup.parse(json.dumps(grid).encode())
    assert [s.title for s in parsed.sessions] == ["Panel"]
    assert [p.name for p in parsed.sessions[0].people] == ["Jim Hall"]  # TBA left out


def test_europython_style_xml_entries_with_speakers() -> None:
    content = (
        b'<schedule created="2014-07-13"><day date="2014-07-21">'
        b"<entry id='1'><category>Keynote</category><start>0930</start><title>Opening</title>"
        b"<speakers><speaker id='7'><name>Dr. Julia S.Simon</name><description>Bio</description>"
        b"</speaker></speakers></entry>"
        b"<entry id='1'><category></category><start>1030</start><title>Lunch</title>"
        b"<speakers></speakers></entry></day></schedule>"
    )
    parsed = lineup.parse(content)
    first = parsed.sessions[0]
    assert first.start is not None and first.start.hour == 9 and first.start.minute == 30
    assert [(p.name, p.role, p.honorific) for p in first.people] == [
        ("Julia S. Simon", Role.KEYNOTE, "Dr.")
    ]
    assert parsed.sessions[1].people == ()


def test_frab_person_holding_several_comma_separated_names() -> None:
    content = (
        b"<schedule><conference><title>C</title></conference><day date='2024-01-01'>"
        b"<room name='A'><event id='1'><date>2024-01-01T10:00:00+01:00</date><title>T</title>"
        b"<persons><person id='1'>Ann Lee, Tony Hall and Margaret Court</person></persons>"
        b"</event></room></day></schedule>"
    )
    assert people(content) == {
        "Ann Lee": ("speaker", "person"),
        "Tony Hall": ("speaker", "person"),
        "Margaret Court": ("speaker", "person"),
    }


def test_organisation_accounts_among_speaker_records() -> None:
    talks = [{"title": "CTF", "speakers": [{"name": "Chaos CTF Team"}, {"name": "Acme GmbH"},
                                          {"name": "Rachel House"}]}]  # fmt: skip
    found = people(json.dumps(talks).encode())
    assert found["Chaos CTF Team"][1] == "organisation"
    assert found["Acme GmbH"][1] == "organisation"
    assert found["Rachel House"] == ("speaker", "person")
    reasons = lineup.parse(json.dumps(talks).encode()).sessions[0].people
    assert "legal-form" in (reasons[1].kind_reason or "")
    assert reasons[2].kind is PersonKind.PERSON


def test_unknown_json_says_what_was_tried() -> None:
    with pytest.raises(UnknownFormat, match="tried pretalx"):
        lineup.detect_format(b'{"weather": [1, 2, 3]}')


def test_csv_with_any_name_like_column_and_two_people_in_one_cell() -> None:
    content = (
        b"Talk,Speaker,Moderator\n"
        b"Opening,Ana Souza | Jim Hall,Rebecca White\n"
        b"Lightning talks,Verschiedene Redner,\n"
    )
    assert lineup.detect_format(content) == "csv"
    parsed = lineup.parse(content)
    assert [(p.name, p.role) for p in parsed.sessions[0].people] == [
        ("Ana Souza", Role.SPEAKER),
        ("Jim Hall", Role.SPEAKER),
        ("Rebecca White", Role.MODERATOR),
    ]
    assert parsed.sessions[1].people == ()  # a placeholder, left out


def test_markdown_page_with_front_matter_and_a_bold_programme() -> None:
    content = (
        "---\nlayout: page\ntitle: Schedule\n---\n\n"
        "### 10:00--10:45\n\n**Opening keynote**\n{: .desc}\n\n"
        "Speakers: Mona Nicoară and Tony Hall\n"
    ).encode()
    assert lineup.detect_format(content) == "markdown"
    parsed = lineup.parse(content)
    assert parsed.format == "markdown"
    names = {p.name for s in parsed.sessions for p in s.people}
    assert names == {"Mona Nicoară", "Tony Hall"}


def test_markup_in_a_template_falls_back_to_the_html_reader() -> None:
    content = b"@extends('layout')\n@section('content')\n<table><tr><td>09.00</td><td><b>Panel</b>"
    content += b"<p>Moderator: Rachel House</p></td></tr></table>\n@stop\n"
    assert lineup.detect_format(content) == "html"
    people = lineup.parse(content).sessions[-1].people
    assert [(p.name, p.role) for p in people] == [("Rachel House", Role.MODERATOR)]


def test_undetectable_text_says_what_was_tried() -> None:
    with pytest.raises(UnknownFormat, match="no CSV header with a name-like column"):
        lineup.detect_format(b"just some words\nand more words\n")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Building robots (talk by Jane Smith)", [("Jane Smith", "speaker")]),
        ("Data (workshop by Ann Lee and Bo Chen)", [("Ann Lee", "speaker"),
                                                    ("Bo Chen", "speaker")]),
        ("Keynote: Naomi Ceder - Confessions", [("Naomi Ceder", "keynote")]),
        ("Keynote: Dr Simon Sheridan Landing on a comet", [("Simon Sheridan", "keynote")]),
        ("Tom Junod and Chris Jones panel: Your voice", [("Tom Junod", "speaker"),
                                                        ("Chris Jones", "speaker")]),
        ("Hardening the web (Mike West, @mikewest) [slides]", [("Mike West", "speaker")]),
        ("Intro to Python (talk by Chris)", [("Chris", "speaker")]),
        ("Panel: Careers", []),
        ("Opening: Welcome", []),
        ("Lunch (Online)", []),
    ],
)  # fmt: skip
def test_people_named_in_titles(title: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.role.value) for p in titles.people_in_title(title)] == expected


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


def test_ical_speakers_in_organizer_cn_and_in_summary() -> None:
    content = ics(
        'SUMMARY:Panel\r\nORGANIZER;CN="Ann Lee, Jim Hall, Bo Chen":mailto:x@example.org\r\n',
        "SUMMARY:Robots (talk by Jane Smith)\r\n",
        "SUMMARY:Lightning talks\r\nORGANIZER;CN=Alle:mailto:y@example.org\r\n",
    )
    parsed = lineup.parse(content)
    assert [[p.name for p in s.people] for s in parsed.sessions] == [
        ["Ann Lee", "Jim Hall", "Bo Chen"],
        ["Jane Smith"],
        [],
    ]


def test_ical_organizer_of_every_event_is_the_calendar_owner() -> None:
    owner = "ORGANIZER;CN=Example Conf:mailto:info@example.org\r\n"
    content = ics(*(f"SUMMARY:Talk {i}\r\n{owner}" for i in range(6)))
    assert all(s.people == () for s in lineup.parse(content).sessions)


def test_pretalx_api_page_exposes_its_next_page() -> None:
    page = {
        "count": 3,
        "next": "https://pretalx.example.org/api/events/x/talks/?page=2",
        "results": [{"code": "AB12", "title": "Talk", "speakers": [{"name": "Ann Lee"}]}],
    }
    parsed = lineup.parse(json.dumps(page).encode(), format="pretalx")
    assert parsed.next_url == "https://pretalx.example.org/api/events/x/talks/?page=2"
    last = lineup.parse(json.dumps({**page, "next": None}).encode(), format="pretalx")
    assert last.next_url is None


def test_russian_programme_surname_first_with_patronymics() -> None:
    page = (
        "<html><body><h1>Форум 2024</h1><h3>10:00 Пленарная сессия</h3>"
        "<p>Модератор: Иванов Иван Петрович, директор Центра</p><p>Спикеры:</p>"
        "<ul><li>Петрова Анна Сергеевна, министр экономики</li><li>Сидоров Олег</li></ul>"
        "<h3>12:00 Круглый стол</h3><p>Ведущая: Мария Кузнецова</p><p>Участники: все</p>"
        "</body></html>"
    ).encode()
    sessions = lineup.parse(page).sessions
    assert [[(p.name, p.role.value) for p in s.people] for s in sessions] == [
        [("Иванов Иван Петрович", "moderator"), ("Петрова Анна Сергеевна", "speaker"),
         ("Сидоров Олег", "speaker")],
        [("Мария Кузнецова", "moderator")],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "role"),
    [("Moderation", "moderator"), ("Moderación", "moderator"), ("Modératrice", "moderator"),
     ("Moderatore", "moderator"), ("Модератор", "moderator"), ("Ведучий", "moderator"),
     ("Vorsitz", "chair"), ("Председатель", "chair"), ("Referentin", "speaker"),
     ("Ponentes", "speaker"), ("Intervenants", "speaker"), ("Relatori", "speaker"),
     ("Спикеры", "speaker"), ("Доповідачі", "speaker"), ("Ключевой доклад", "keynote")],
)  # fmt: skip
def test_role_words_in_six_languages(label: str, role: str) -> None:
    found = assemble.role_for_label(label)
    assert found is not None and found.value == role


def test_single_panel_with_heavy_honorifics_and_a_list_cut_at_and() -> None:
    page = (
        b"<html><body><h1>Panel: Security in the Baltic</h1><p><strong>Panelists:</strong></p>"
        b"<ul><li>H.E. Ambassador Dr. Anna Kowalska, Ambassador of Poland</li>"
        b"<li>Lt. Gen. (ret.) John Roe, Former Commander, NATO</li>"
        b"<li>The Rt Hon. Dame Margaret Court MP</li></ul>"
        b"<p><strong>Moderator:</strong> Ms. Rebecca White, Editor, Baltic Times</p>"
        b"<p>Authors: Cornel West, Stuart Hall, and</p><p>Tony Hall</p></body></html>"
    )
    people = [(p.name, p.role.value) for s in lineup.parse(page).sessions for p in s.people]
    assert people == [
        ("Anna Kowalska", "speaker"), ("John Roe", "speaker"), ("Margaret Court", "speaker"),
        ("Rebecca White", "moderator"), ("Cornel West", "speaker"), ("Stuart Hall", "speaker"),
        ("Tony Hall", "speaker"),
    ]  # fmt: skip


def test_frab_person_listing_handles_and_names_comma_separated() -> None:
    content = (
        "<schedule><conference><title>C</title></conference><day date='2024-01-01'>"
        "<room name='A'><event id='1'><date>2024-01-01T10:00:00+01:00</date><title>T</title>"
        "<persons><person id='1'>Zhang Wei, Kai Müller, blinry</person>"
        "<person id='2'>Jane Doe, Acme Corp</person></persons></event></room></day></schedule>"
    ).encode()
    people = lineup.parse(content).sessions[0].people
    assert [(p.name, p.affiliation) for p in people] == [
        ("Zhang Wei", None), ("Kai Müller", None), ("blinry", None), ("Jane Doe", "Acme Corp"),
    ]  # fmt: skip


def test_csv_columns_about_a_speaker_are_not_names() -> None:
    content = b"Title;Speakers;Speaker email;Moderator bio\nTalk;Ann Lee & Bo Chen;a@x.org;Long\n"
    parsed = lineup.parse(content)
    assert [p.name for p in parsed.sessions[0].people] == ["Ann Lee", "Bo Chen"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Rachel House, Acme Corp (moderator)", ("Rachel House", "moderator", "Acme Corp")),
     ("Margaret Court, Kiel University (Moderatorin)",
      ("Margaret Court", "moderator", "Kiel University")),
     ("Jim Hall [chair]", ("Jim Hall", "chair", None)),
     ("Jane Roe (Acme)", ("Jane Roe", "speaker", "Acme"))],
)  # fmt: skip
def test_roles_in_brackets_after_name_and_affiliation(
    raw: str, expected: tuple[str, str, str | None]
) -> None:
    (person,) = assemble.people_from_field(raw)
    assert (person.name, person.role.value, person.affiliation) == expected


def test_people_only_in_a_description() -> None:
    content = (
        b"<schedule><conference><title>C</title></conference><day date='2024-01-01'>"
        b"<room name='A'><event id='1'><date>2024-01-01T10:00:00+01:00</date>"
        b"<title>Energy panel</title><persons/><abstract>A discussion with Tony Hall and Rachel"
        b" House. Moderated by Margaret Court.</abstract></event>"
        b"<event id='2'><date>2024-01-01T11:00:00+01:00</date><title>Web</title><persons/>"
        b"<abstract>Built with Python and Django.</abstract></event></room></day></schedule>"
    )
    sessions = lineup.parse(content).sessions
    assert [(p.name, p.role.value) for p in sessions[0].people] == [
        ("Tony Hall", "speaker"), ("Rachel House", "speaker"), ("Margaret Court", "moderator"),
    ]  # fmt: skip
    assert sessions[1].people == ()


def test_a_page_listing_a_session_twice_counts_it_once() -> None:
    block = "<h2>Energy panel</h2><p>Moderator: Rachel House</p>"
    page = f"<html><body><div class='grid'>{block}</div><div class='list'>{block}</div>"
    page += "<h2>Lunch</h2><h2>Lunch</h2></body></html>"
    sessions = lineup.parse(page.encode()).sessions
    assert [s.title for s in sessions if s.people] == ["Energy panel"]

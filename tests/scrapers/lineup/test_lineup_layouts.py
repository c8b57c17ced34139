"""Agenda layouts read by the HTML heuristics since batches 10-11: one-line panels with ';' role
parts, "Join A, B and C for ...", bilingual labels, role columns of a table, "Name (Org) — Talk";
and what must stay out (topics, placeholders, "Join us").
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from scrapers import lineup, text
from scrapers.lineup import textroles
from scrapers.records import PersonKind, Role


def people(body: str) -> dict[str, str]:
    page = f"<html><head><title>Event</title></head><body><h1>Event</h1>{body}</body></html>"
    parsed = lineup.parse(page.encode())
    return {
        p.name: p.role.value
        for s in parsed.sessions
        for p in s.people
        if p.kind is PersonKind.PERSON
    }


def test_split_names_keeps_a_parenthesis_whole() -> None:
    line = "Magnus Brunner (Commissioner for Internal Affairs and Migration) and Jane Doe"
    assert text.split_names(line) == [
        "Magnus Brunner (Commissioner for Internal Affairs and Migration)",
        "Jane Doe",
    ]


@given(st.text(alphabet="ab ;,", max_size=30))
def test_split_top_level_without_parentheses_is_a_plain_split(value: str) -> None:
    pattern = re.compile(r";")
    assert text.split_top_level(pattern, value) == pattern.split(value)


def test_one_line_panel_with_role_parts() -> None:
    found = people(
        "<p><strong>10:00 Panel 1 – Returns:</strong> Hanne Beirens (MPI Europe), Gerald Knaus "
        "(ESI); Moderator: John Springford (CER)</p>"
    )
    assert found == {
        "Hanne Beirens": "speaker",
        "Gerald Knaus": "speaker",
        "John Springford": "moderator",
    }


def test_join_names_for_an_evening() -> None:
    stated = textroles.stated_roles(
        "Join Helen Rosenbaum, Dr Tariq Qureshi and Ingrid Solheim for an evening on the seabed, "
        "chaired by journalist Fiona Harvey."
    )
    assert [(r, n) for r, n, _ in stated] == [
        (Role.SPEAKER, "Helen Rosenbaum"),
        (Role.SPEAKER, "Dr Tariq Qureshi"),
        (Role.SPEAKER, "Ingrid Solheim"),
        (Role.CHAIR, "Fiona Harvey"),
    ]


def test_join_us_names_nobody() -> None:
    assert textroles.stated_roles("Join us for an evening with the Director of Studies.") == ()


def test_a_topic_after_a_lowercase_verb_is_not_a_name() -> None:
    stated = textroles.stated_roles("my first keynote by mixing End Event with Leave Meeting.")
    assert [n for _, n, _ in stated] == []


def test_bilingual_label() -> None:
    found = people(
        "<h3>Mesa redonda / Roundtable</h3><p><strong>Ponentes / Speakers:</strong></p>"
        "<ul><li>Rodrigo Castillo Murillo, Presidente, Asociación de Generadoras de Chile</li></ul>"
        "<p><strong>Modera / Moderator:</strong> Carlota García Encina, investigadora</p>"
    )
    assert found == {"Rodrigo Castillo Murillo": "speaker", "Carlota García Encina": "moderator"}


def test_table_role_columns_and_a_placeholder() -> None:
    found = people(
        "<table><tr><th>Time</th><th>Session</th><th>Chair</th><th>Speakers</th></tr>"
        "<tr><td>09:45</td><td>Chips and China</td><td><a>Emily Weinstein</a> <em>(CSET)</em></td>"
        "<td><a>Kevin Wolf</a> <em>(Akin Gump)</em>, <a>Sarah Danzman</a> <em>(IU)</em>, "
        "Speaker TBC</td></tr></table>"
    )
    assert found == {
        "Emily Weinstein": "chair",
        "Kevin Wolf": "speaker",
        "Sarah Danzman": "speaker",
    }


def test_name_with_affiliation_before_a_talk_title() -> None:
    found = people(
        "<h2>Lightning talks</h2>"
        "<p><strong>Fiona Maclennan</strong> (Scottish Government) — Publishing the census</p>"
        "<p><strong>Lunch break</strong> (Foyer) — Sandwiches</p>"
    )
    assert found == {"Fiona Maclennan": "speaker"}


def test_label_then_a_second_sentence_with_its_own_role() -> None:
    found = people(
        "<h2>Closing panel</h2><p>With Tom Forth (ODI Leeds) and Ana Brandusescu (McGill). "
        "Chaired by Ruth Wishart.</p>"
    )
    assert found == {"Tom Forth": "speaker", "Ana Brandusescu": "speaker", "Ruth Wishart": "chair"}


def test_presenter_of_guests_hosts() -> None:
    found = people(
        "<p><strong>Guests:</strong> Jane Kinninmont, director at the ELN; and Dina Esfandiary, "
        "analyst at Bloomberg.</p><p><strong>Presented by</strong> Owen Bennett-Jones.</p>"
    )
    assert found == {
        "Jane Kinninmont": "speaker",
        "Dina Esfandiary": "speaker",
        "Owen Bennett-Jones": "host",
    }


def test_names_with_positions_joined_by_and() -> None:
    found = people(
        "<ol><li><time>10:00</time> <b>Fireside chat</b>: Henna Virkkunen, Executive "
        "Vice-President, European Commission, and Kai Zenner, Head of Office, European "
        "Parliament</li></ol>"
    )
    assert found == {"Henna Virkkunen": "speaker", "Kai Zenner": "speaker"}


def test_pipe_separated_names() -> None:
    stated = textroles.stated_roles("Speakers include: Helen Thompson | Dieter Helm | Tim Benton")
    assert [n for _, n, _ in stated] == ["Helen Thompson", "Dieter Helm", "Tim Benton"]


def test_name_pipe_position_stays_one_person() -> None:
    found = people("<h2>Speakers</h2><ul><li>Jane Doe | Senior Fellow | Chatham House</li></ul>")
    assert found == {"Jane Doe": "speaker"}


PROGRAMME = """<h1>Programme</h1>
<div><h2>9{h}30 – {roundtable}</h2><p>{moderator} : Claire Dupont, {position} (IRIS)</p>
<p>{speakers} : Jean Martin (IFRI), Sophie Bernard, {ministry} {and} Marc Leroy</p></div>
<div><h2>11{h}00 – {opening}</h2><p>{by} Thierry Burkhard, {chief}</p></div>
<div><h2>14{h}00 – Panel : {topic}</h2><p>{with} Héloïse Fayet (IFRI), Bruno Tertrais (FRS)
{and} Camille Grand. {moderated} Nicolas Gros-Verheyde.</p></div>"""
FRENCH = {
    "h": "h", "roundtable": "Table ronde", "moderator": "Modératrice", "position": "directrice",
    "speakers": "Intervenants", "ministry": "Ministère des Armées", "and": "et",
    "opening": "Discours d'ouverture", "by": "Par le Général", "chief": "chef d'état-major",
    "topic": "dissuasion", "with": "Avec", "moderated": "Animé par",
}  # fmt: skip
ENGLISH = {
    "h": ":", "roundtable": "Roundtable", "moderator": "Moderator", "position": "director",
    "speakers": "Speakers", "ministry": "Ministry of the Armed Forces", "and": "and",
    "opening": "Opening address", "by": "By General", "chief": "Chief of the Defence Staff",
    "topic": "deterrence", "with": "With", "moderated": "Moderated by",
}  # fmt: skip


def test_a_programme_in_french_and_in_english_reads_the_same() -> None:
    """Affiliations between listed names, "Par le Général X" / "By General X" under an opening
    address, "Avec A, B et C. Animé par D": every person, in the session they speak in."""
    for words in (FRENCH, ENGLISH):
        parsed = lineup.parse(PROGRAMME.format(**words).encode(), format="html")
        sessions = [
            {p.name: (p.role.value, p.affiliation) for p in item.people} for item in parsed.sessions
        ]
        assert sessions[0] == {
            "Claire Dupont": ("moderator", f"{words['position']} (IRIS)"),
            "Jean Martin": ("speaker", "IFRI"), "Sophie Bernard": ("speaker", words["ministry"]),
            "Marc Leroy": ("speaker", None),
        }, words["h"]  # fmt: skip
        assert sessions[1] == {"Thierry Burkhard": ("speaker", words["chief"])}, words["h"]
        assert sessions[2] == {
            "Héloïse Fayet": ("speaker", "IFRI"), "Bruno Tertrais": ("speaker", "FRS"),
            "Camille Grand": ("speaker", None), "Nicolas Gros-Verheyde": ("moderator", None),
        }, words["h"]  # fmt: skip
        assert len(sessions) == 3


def test_a_german_podium_and_a_russian_welcome_address() -> None:
    german = people(
        "<h3>18:15 Uhr – Podiumsdiskussion</h3><p>Auf dem Podium: Prof. Dr. Carlo Masala "
        "(Universität der Bundeswehr), Claudia Major, SWP, und Generalleutnant a.D. Heinrich "
        "Brauß</p><p>Moderation: Anna Sauerbrey (DIE ZEIT)</p>"
    )
    assert german == {
        "Carlo Masala": "speaker", "Claudia Major": "speaker", "Heinrich Brauß": "speaker",
        "Anna Sauerbrey": "moderator",
    }  # fmt: skip
    russian = people(
        "<h3>10:00 – Открытие</h3><p>Приветственное слово: Иванова Мария Сергеевна, ректор</p>"
        "<h3>10:30 – Пленарная сессия</h3><p>Вступительное слово: Петров Алексей Николаевич</p>"
    )
    assert russian == {
        "Иванова Мария Сергеевна": "speaker", "Петров Алексей Николаевич": "speaker"
    }  # fmt: skip


def test_a_csv_field_of_people_with_their_institutions() -> None:
    """Semicolons part the people, commas their institutions: "Brookings" is nobody."""
    csv = (
        "Session,Speakers,Moderator\n"
        'Panel on NATO,"Fiona Hill, Brookings; Timothy Snyder, Yale; Anne Applebaum",Ann Lee\n'
        "Cyber,Ciaran Martin / Marietje Schaake / TBA,N.N.\n"
    )
    parsed = lineup.parse(csv.encode(), format="csv")
    found = [{p.name: p.affiliation for p in item.people} for item in parsed.sessions]
    assert found == [
        {"Fiona Hill": "Brookings", "Timothy Snyder": "Yale", "Anne Applebaum": None,
         "Ann Lee": None},
        {"Ciaran Martin": None, "Marietje Schaake": None},
    ]  # fmt: skip


UNTITLED_PAGE = (
    b"<html><body><h3>Programme</h3>"
    b"<p>Panel: Sea lanes</p><p>Speakers: Jane Holloway, Omar Haddad</p></body></html>"
)


def test_a_page_without_a_title_is_named_by_its_address() -> None:
    """No <title>, og:title or h1 (a template, a fragment): the URL names the event, as in the
    other formats, and only a local file with no address stays '(untitled)'."""
    named = lineup.parse(UNTITLED_PAGE, url="https://forum.example.org/2026/sea-lanes.html")
    assert named.event.name == "sea-lanes"
    assert lineup.parse(UNTITLED_PAGE, format="html").event.name == "(untitled)"

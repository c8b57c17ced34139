"""Roles stated in free text ("Moderated by X", "Chair: X", "X (moderator)") in every format that
has titles or descriptions, and schema.org PerformanceRole wrappers in JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapers import lineup
from scrapers.lineup import textroles
from scrapers.records import Lineup, PersonKind, Role

SAMPLES = Path(__file__).resolve().parents[3] / "app" / "samples" / "data" / "lineups"


def roles(parsed: Lineup, index: int = 0) -> dict[str, Role]:
    return {p.name: p.role for p in parsed.sessions[index].people if p.kind is PersonKind.PERSON}


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("Moderated by Dr. Stefan Brückner.\n\nWith A B.", [("moderator", "Dr. Stefan Brückner")]),
        ("Few questions. Moderated by Vice Admiral Hiroshi Nakagawa.", [
            ("moderator", "Vice Admiral Hiroshi Nakagawa")]),
        ("**Moderator:** Kim Lindahl", [("moderator", "Kim Lindahl")]),
        ("Moderators: Ann Lee and Bob Stone", [
            ("moderator", "Ann Lee"), ("moderator", "Bob Stone")]),
        ("Chair: Dr. Ingvild Bode (University of Southern Denmark)", [
            ("chair", "Dr. Ingvild Bode")]),
        ("Chaired by Sir James Harrington KCB", [("chair", "Sir James Harrington KCB")]),
        ("The panel will be moderated by J. P. Okonkwo, Senior Fellow at Chatham House.", [
            ("moderator", "J. P. Okonkwo")]),
        ("Panel with Jane Doe (moderator), John Roe", [("moderator", "Jane Doe")]),
        ("Jane Doe in conversation with John Roe", [
            ("speaker", "Jane Doe"), ("moderator", "John Roe")]),
        ("Fireside chat with H.E. Anniken Eriksen", [("speaker", "H.E. Anniken Eriksen")]),
        ("Keynote by Prof. Jane Doe of Acme University. The talk", [("keynote", "Prof. Jane Doe")]),
        ("Host: Maria Santos", [("host", "Maria Santos")]),
        ("Host Country Japan", []),
        ("Keynote speakers compare notes", []),
        ("Hosted by the Munich Security Conference", []),
        ("Moderation: Dr. Claudia Major", [("moderator", "Dr. Claudia Major")]),
        ("A talk about Rust macros.", []),
    ],
)  # fmt: skip
def test_stated_roles(raw: str, found: list[tuple[str, str]]) -> None:
    assert [(r.value, n) for r, n, _ in textroles.stated_roles(raw)] == found


def test_topic_after_keynote_colon_adds_nobody() -> None:
    stated = textroles.stated_roles("Keynote: Food Security as Foreign Policy")
    assert all(not may_add for _, _, may_add in stated)
    added = textroles.apply_text_roles([], "Keynote: Cyber Deterrence Between Peace and War")
    assert [p for p in added if p is not None] == []


def test_prose_host_adds_nobody_but_a_host_label_does() -> None:
    venue = lineup.parse(_pretalx("Hosted by Mozilla Berlin.", ["Ann Lee"]))
    assert roles(venue) == {"Ann Lee": Role.SPEAKER}
    host = lineup.parse(_pretalx("Hosted by [Ann Lee](https://x.org/ann).", ["Ann Lee", "Bo Li"]))
    assert roles(host) == {"Ann Lee": Role.HOST, "Bo Li": Role.SPEAKER}


def test_match_ignores_honorifics_case_and_accents() -> None:
    people = lineup.parse(_pretalx("Moderated by DR. STEFAN BRUCKNER.", ["Stefan Brückner", "Ana"]))
    assert roles(people) == {"Stefan Brückner": Role.MODERATOR, "Ana": Role.SPEAKER}


def _pretalx(description: str, names: list[str], *, title: str = "Panel") -> bytes:
    talk = {
        "code": "ABC",
        "title": title,
        "abstract": "",
        "description": description,
        "submission_type": "Panel",
        "speakers": [{"code": f"S{i}", "name": n} for i, n in enumerate(names)],
        "slot": {"start": "2025-05-01T10:00:00+02:00", "room": "Main"},
    }
    return json.dumps({"count": 1, "next": None, "results": [talk]}).encode()


def test_pretalx_named_moderator_listed_and_unlisted() -> None:
    listed = lineup.parse(
        _pretalx("Moderated by Kim Lindahl.\n\nWith A.", ["Ann Lee", "Kim Lindahl"])
    )
    assert roles(listed) == {"Ann Lee": Role.SPEAKER, "Kim Lindahl": Role.MODERATOR}
    unlisted = lineup.parse(_pretalx("Chair: Dr. Omar Haddad", ["Ann Lee"]))
    assert roles(unlisted) == {"Ann Lee": Role.SPEAKER, "Omar Haddad": Role.CHAIR}


def test_pretalx_fireside_title_and_keynote_type() -> None:
    fireside = lineup.parse(_pretalx("", [], title="Fireside chat with Maria Santos"))
    assert roles(fireside) == {"Maria Santos": Role.SPEAKER}
    listed = lineup.parse(_pretalx("", ["Ann Lee"], title="Conversation with Open Data Makers"))
    assert roles(listed) == {"Ann Lee": Role.SPEAKER}  # a listed session names its speakers
    keynote = lineup.parse(_pretalx("Host: Bob Stone", ["Ann Lee", "Bob Stone"], title="Keynote"))
    assert roles(keynote) == {"Ann Lee": Role.KEYNOTE, "Bob Stone": Role.HOST}


FRAB_XML = """<?xml version="1.0"?><schedule><conference><title>C</title></conference>
<day index="1" date="2025-01-01"><room name="A"><event id="1" guid="g1">
<date>2025-01-01T10:00:00+01:00</date><duration>01:00</duration><room>A</room><type>Panel</type>
<title>Alliances</title><abstract>Speakers compare notes.</abstract>
<description>Moderated by Camille Fournier-Laval.

With Thomas Keller and Olena Hrytsenko.</description>
<persons><person id="1">Thomas Keller</person><person id="2">Olena Hrytsenko</person>
<person id="3">Camille Fournier-Laval</person></persons></event></room></day></schedule>"""


def test_frab_description_moderator() -> None:
    parsed = lineup.parse(FRAB_XML.encode())
    assert roles(parsed)["Camille Fournier-Laval"] is Role.MODERATOR
    assert roles(parsed)["Thomas Keller"] is Role.SPEAKER


def test_sessionize_description_keeps_lines() -> None:
    data = {
        "sessions": [
            {"id": "1", "title": "Careers", "speakers": ["a"],
             "description": "Host:\nBizApps Career Coach\nModerator: Jane Fowler\nPanel: experts"},
        ],
        "speakers": [{"id": "a", "firstName": "Ann", "lastName": "Lee", "fullName": "Ann Lee"}],
    }  # fmt: skip
    parsed = lineup.parse(json.dumps(data).encode(), format="sessionize")
    assert roles(parsed) == {"Ann Lee": Role.SPEAKER, "Jane Fowler": Role.MODERATOR}


def test_indico_contribution_description() -> None:
    contribution = {
        "title": "Round table",
        "description": "<p>Chaired by <b>Prof. Maria Rossi</b>.</p>",
        "speakers": [{"first_name": "Maria", "last_name": "Rossi"}, {"fullName": "Doe, Jane"}],
        "startDate": {"date": "2025-01-01", "time": "10:00:00", "tz": "UTC"},
    }
    data = {"results": [{"title": "E", "contributions": [contribution]}]}
    parsed = lineup.parse(json.dumps(data).encode(), format="indico")
    assert roles(parsed) == {"Maria Rossi": Role.CHAIR, "Jane Doe": Role.SPEAKER}


def test_ical_description_prose() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Panel\r\nDTSTART:20250101T100000Z\r\n"
        "DESCRIPTION:Speakers: Ann Lee\\, Bob Stone\\nThe panel will be moderated by Eva Nowak.\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    parsed = lineup.parse(ics.encode())
    assert roles(parsed) == {"Ann Lee": Role.SPEAKER, "Bob Stone": Role.SPEAKER, "Eva Nowak": (
        Role.MODERATOR)}  # fmt: skip


def test_jsonld_performance_role_and_description() -> None:
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Forum",
        "subEvent": [
            {"@type": "Event", "name": "Panel", "description": "Chaired by Eva Nowak.",
             "performer": [
                 {"@type": "Person", "name": "Ann Lee"},
                 {"@type": "Person", "name": "Kim Lindahl", "jobTitle": "Moderator"},
                 {"@type": "Person", "name": "Eva Nowak"},
                 {"@type": "PerformanceRole", "roleName": "Moderator",
                  "performer": {"@type": "Person", "name": "Dr. Amara Okafor"}},
                 {"@type": "PerformanceRole", "roleName": "Keynote speaker",
                  "performer": {"@type": "Person", "name": "Raimonds Bērziņš"}},
             ]},
        ],
    }  # fmt: skip
    parsed = lineup.parse(json.dumps(event).encode(), format="jsonld")
    assert roles(parsed) == {
        "Ann Lee": Role.SPEAKER,
        "Kim Lindahl": Role.MODERATOR,
        "Eva Nowak": Role.CHAIR,
        "Amara Okafor": Role.MODERATOR,
        "Raimonds Bērziņš": Role.KEYNOTE,
    }


def test_role_word_in_a_person_field() -> None:
    parsed = lineup.parse(_pretalx("", ["Ann Lee", "Kim Lindahl (Moderator)"]))
    assert roles(parsed) == {"Ann Lee": Role.SPEAKER, "Kim Lindahl": Role.MODERATOR}


@pytest.mark.parametrize(
    "pattern",
    ["northbridge-security-forum/*.json", "baltic-defence-dialogue/*.xml",
     "coral-strait-roundtable/*.html"],
)  # fmt: skip
def test_bundled_samples_have_moderators(pattern: str) -> None:
    paths = sorted(SAMPLES.glob(pattern))
    if not paths:
        pytest.skip("bundled samples absent")
    for path in paths:
        parsed = lineup.parse(path.read_bytes())
        found = {p.role for s in parsed.sessions for p in s.people}
        assert Role.MODERATOR in found, path.name


def test_sessionize_role_question_answers() -> None:
    data = {
        "questions": [{"id": 7, "question": "Session moderator", "questionType": "Short_Text"}],
        "sessions": [
            {"id": "1", "title": "Panel", "speakers": ["a", "b"],
             "questionAnswers": [{"questionId": 7, "answerValue": "Bo Li"}]},
        ],
        "speakers": [
            {"id": "a", "firstName": "Ann", "lastName": "Lee", "fullName": "Ann Lee"},
            {"id": "b", "firstName": "Bo", "lastName": "Li", "fullName": "Bo Li"},
        ],
    }  # fmt: skip
    parsed = lineup.parse(json.dumps(data).encode(), format="sessionize")
    assert roles(parsed) == {"Ann Lee": Role.SPEAKER, "Bo Li": Role.MODERATOR}

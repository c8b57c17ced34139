"""The shared text helpers: honorifics, affiliations, name lists, organisations."""

from __future__ import annotations

import pytest

from scrapers import text


@pytest.mark.parametrize(
    ("raw", "honorific", "name"),
    [
        ("Dr. Melina Uncapher", "Dr.", "Melina Uncapher"),
        ("Prof. Dr. Ada Quill", "Prof. Dr.", "Ada Quill"),
        ("A/Prof Vanessa Teague", "A/Prof", "Vanessa Teague"),
        ("Lieutenant General Thomas Nilsson", "Lieutenant General", "Thomas Nilsson"),
        ("Col. Kelly “Curly” Ihme", "Col.", "Kelly Ihme"),
        ("Mme Sophie Laurent", "Mme", "Sophie Laurent"),
        ("Frau Jana Müller", "Frau", "Jana Müller"),
        ("Michelle Holko, PhD, PMP", None, "Michelle Holko"),
        ("Drew Barrymore", None, "Drew Barrymore"),
        ("Mrs", None, "Mrs"),
        ("Ms Yagnyashri Kodaru", "Ms", "Yagnyashri Kodaru"),
    ],
)
def test_split_honorific(raw: str, honorific: str | None, name: str) -> None:
    assert text.split_honorific(raw) == (honorific, name)


@pytest.mark.parametrize(
    ("raw", "name", "affiliation"),
    [
        ("Jana Müller (Stadt Bonn)", "Jana Müller", "Stadt Bonn"),
        ("Kwame Mensah – Ghana Climate Fund", "Kwame Mensah", "Ghana Climate Fund"),
        ("T. Bazzichelli / Disruption Network Lab", "T. Bazzichelli", "Disruption Network Lab"),
        ("Helen Achebe, University of Lagos", "Helen Achebe", "University of Lagos"),
        ("Ann Lee", "Ann Lee", None),
    ],
)  # fmt: skip
def test_split_affiliation(raw: str, name: str, affiliation: str | None) -> None:
    assert text.split_affiliation(raw) == (name, affiliation)


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Alice Smith and Bob Jones", ["Alice Smith", "Bob Jones"]),
        ("Chiara Neri & Dana Ofori", ["Chiara Neri", "Dana Ofori"]),
        ("Lucía Fernández, Mateo Ruiz, Ana Gil", ["Lucía Fernández", "Mateo Ruiz", "Ana Gil"]),
        ("Karl Weber und Lena Schmitt", ["Karl Weber", "Lena Schmitt"]),
        ("Peres, Martin", ["Peres, Martin"]),
        ("Jane Doe, Acme Corp", ["Jane Doe, Acme Corp"]),
        ("Maria Gonzalez, World Bank", ["Maria Gonzalez, World Bank"]),
        # people with affiliations between them: each name opens a person
        ("Jean Martin (IFRI), Sophie Bernard, Ministry of the Armed Forces",
         ["Jean Martin (IFRI)", "Sophie Bernard (Ministry of the Armed Forces)"]),
        ("Jane Doe, Washington Post, John Roe, New York Times",
         ["Jane Doe (Washington Post)", "John Roe (New York Times)"]),
        ("Maria Rossi, Università di Bologna, Paolo Bianchi, CNR",
         ["Maria Rossi (Università di Bologna)", "Paolo Bianchi (CNR)"]),
        # one person: a name after a position is the institution, a lone word no one's name
        ("Carlota García Encina, investigadora principal, Real Instituto Elcano",
         ["Carlota García Encina, investigadora principal, Real Instituto Elcano"]),
        ("Jane Doe, Director, Acme", ["Jane Doe (Director, Acme)"]),
        ("Fiona Hill, Brookings", ["Fiona Hill (Brookings)"]),  # a lone word: her institution
        ("Ciaran Martin / Marietje Schaake / TBA", ["Ciaran Martin", "Marietje Schaake"]),
        ("Triando, Anna Berg, Carl Dee", ["Triando", "Anna Berg", "Carl Dee"]),
    ],
)  # fmt: skip
def test_split_names(raw: str, names: list[str]) -> None:
    assert text.split_names(raw) == names


@pytest.mark.parametrize(
    "name",
    ["Organising Team", "Various speakers", "All", "TBA", "Orga Team", "Acme GmbH", "N.N."],
)
def test_group_accounts_and_placeholders(name: str) -> None:
    assert text.is_organisation(name)


PEOPLE_WITH_NOUN_SURNAMES = [
    "Tony Hall",
    "Margaret Court",
    "Rachel House",
    "Cornel West",
    "Rebecca White",
    "Stuart Hall",
    "Jim Hall",
]


@pytest.mark.parametrize(
    "name", ["Ann Lee", "Teamu Kallio", "Allison Park", "zwiebelchen", *PEOPLE_WITH_NOUN_SURNAMES]
)
def test_people_are_not_organisations(name: str) -> None:
    assert not text.is_organisation(name)


@pytest.mark.parametrize("name", PEOPLE_WITH_NOUN_SURNAMES)
def test_noun_surnames_read_as_people_in_free_text(name: str) -> None:
    assert text.looks_like_person(name)


@pytest.mark.parametrize("name", ["Carnegie Hall", "Royal Australian Navy", "Security Studies"])
def test_places_and_institutions_are_not_people_in_free_text(name: str) -> None:
    assert not text.looks_like_person(name)


def test_name_key_ignores_accents_case_and_titles() -> None:
    assert text.name_key("Mr Martijn Rouvroije") == text.name_key("martijn ROUVROIJE")
    assert text.name_key("Héctor Orón") == text.name_key("Hector Oron")


def test_reverse_comma_name() -> None:
    assert text.reverse_comma_name("Iglesias Gonsálvez, Samuel") == "Samuel Iglesias Gonsálvez"
    assert text.reverse_comma_name("Samuel Iglesias") == "Samuel Iglesias"


def test_html_to_text_and_clean() -> None:
    assert text.html_to_text("<p>Speaker: A&amp;B</p><p>Next</p>") == "Speaker: A&B\nNext"
    assert text.clean("  a \n b\ufffd ") == "a b"
    assert text.clean(None) == ""


@pytest.mark.parametrize(
    "title", ["The Coastal Debates", "The Rolling Stones", "The Fleet Plan", "The Pentagon"]
)
def test_an_article_and_a_noun_opening_a_title_is_no_name(title: str) -> None:
    """'The' is a given name in the name data (Vietnamese Thế), and the article of titles."""
    assert not text.looks_like_name(title)
    assert not text.looks_like_person(title, strict=True)


@pytest.mark.parametrize(
    "name", ["Theo Smith", "Thea Lewis", "The Hon. Mark Evans", "The Anh Nguyen", "Marcus Ross"]
)
def test_names_near_an_opening_article_stay_names(name: str) -> None:
    """A given name that starts 'The', an honorific, 'The' before a given name, an 's' ending."""
    assert text.looks_like_person(name, strict=True)

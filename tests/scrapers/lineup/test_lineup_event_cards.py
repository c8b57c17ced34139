"""Who an events listing's cards count: a card naming one speaker is a session; a name in a
card's title speaks when the card names no speaker of its own, or beside them when it is a
guest brought in 'with'; a title with a '|' separator or an article and a noun ('The Coastal
Debates') names no one. Invented names."""

from __future__ import annotations

import lxml.html

from scrapers import lineup
from scrapers.lineup import heuristics, prose, sites
from scrapers.records import Lineup, PersonRef


def parse(body: str) -> Lineup:
    page = f"<html><head><title>Events</title></head><body><h1>Events</h1>{body}</body></html>"
    return lineup.parse(page.encode(), format="html")


def who(found: Lineup) -> dict[str, list[tuple[str, str]]]:
    return {s.title: [(p.name, p.role.value) for p in s.people] for s in found.sessions}


def card(title: str, *lines: str, date: str = "May 27, 2026") -> str:
    """A listing card: a category, the title heading, its lines, then its date."""
    body = "".join(f'<p class="desc">{line}</p>' for line in lines)
    return (
        f'<figure><figcaption><span class="cat"><a href="/r">Maritime</a></span>'
        f'<h2 class="h4"><a href="/e">{title}</a></h2>{body}<p class="date">{date}</p>'
        f"</figcaption></figure>"
    )


def test_a_card_naming_one_speaker_is_a_session() -> None:
    found = parse(card("Project Lighthouse: Sensors at Sea", "Rafael Quintero"))
    assert who(found) == {"Project Lighthouse: Sensors at Sea": [("Rafael Quintero", "speaker")]}


def test_one_and_two_speaker_cards_each_keep_their_people() -> None:
    found = parse(
        card("Who Pays for the Ports?", "Miriam Okafor, Tobias Lindgren", date="May 27, 2026")
        + card("Sensors at Sea", "Ingrid M. Solberg Haugen", date="Mar 18, 2026")
    )
    assert who(found)["Sensors at Sea"] == [("Ingrid M. Solberg Haugen", "speaker")]
    assert who(found)["Who Pays for the Ports?"] == [
        ("Miriam Okafor", "speaker"),
        ("Tobias Lindgren", "speaker"),
    ]


def test_a_card_whose_one_line_is_a_topic_names_no_one() -> None:
    """Near miss: the line under the title is a topic, not a name."""
    found = parse(
        card("Who Pays for the Ports?", "Miriam Okafor, Tobias Lindgren")
        + card("Sensors at Sea", "Maritime Domain Awareness")
    )
    assert list(who(found)) == ["Who Pays for the Ports?"]


def test_a_one_name_card_dated_before_its_title_is_a_session() -> None:
    """The date before the next card's title ends the name's card as a heading would."""
    found = parse(
        "<section><p>Wed, May 20, 2026</p><h3>Ports after the storms</h3><p>Alicia Carrington</p>"
        "</section><section><p>Thu, May 14, 2026</p><h3>Shipyards</h3>"
        "<p>Karen Holt, Samuel Achebe</p></section>"
    )
    assert who(found)["Ports after the storms"] == [("Alicia Carrington", "speaker")]


def test_a_title_with_a_bar_opens_its_own_session_and_takes_its_date() -> None:
    """'New Rules | 2026 Forum' is no speaker card's 'Name | Position': its card is a session,
    so its date and time are not the heading's above, and the next card keeps its people."""
    lines = [
        (1, "Upcoming Events"),
        (2, "Open Waters | 2026 Harbour Institute Annual Forum"),
        (heuristics.CARD, "Jun 18, 2026"),
        (heuristics.CARD, "9:30a.m. ET"),
        (heuristics.BODY, "Read More"),
        (2, "Who Pays for the Ports?"),
        (heuristics.BODY, "Miriam Okafor"),
        (heuristics.CARD, "May 27, 2026"),
    ]
    drafts = heuristics.read_lines(lines, default_title="Events")
    titles = [d.title for d in drafts]
    assert titles[1:] == [
        "Upcoming Events",
        "Open Waters | 2026 Harbour Institute Annual Forum",
        "Who Pays for the Ports?",
    ]
    assert drafts[1].when.slot is None
    assert drafts[2].when.slot is not None and drafts[2].when.slot.start.hour == 9
    assert [p.name for p in drafts[3].people] == ["Miriam Okafor"]


def test_a_bar_card_with_a_speaker_line_gives_that_speaker_its_session() -> None:
    found = parse(
        card("Who Pays for the Ports?", "Miriam Okafor, Tobias Lindgren")
        + card("Open Waters | 2026 Harbour Institute Annual Forum", "Hannah Ostrowski")
    )
    assert who(found)["Open Waters | 2026 Harbour Institute Annual Forum"] == [
        ("Hannah Ostrowski", "speaker")
    ]


def test_a_name_heading_with_a_bar_before_its_position_is_still_a_speaker_card() -> None:
    """Near miss: 'Jane Doe | Acme' and a '|' inside an affiliation are speaker cards."""
    found = parse(
        "<h2>Panel: Ports</h2><h3>Miriam Okafor | Harbour Institute</h3><p>Senior Fellow</p>"
        "<h3>Tobias Lindgren, Nordic Ports | Oslo</h3><p>Director</p>"
    )
    assert [p.name for p in found.sessions[0].people] == ["Miriam Okafor", "Tobias Lindgren"]


def test_an_article_and_a_plural_noun_opening_a_title_name_no_one() -> None:
    found = parse(
        card("The Coastal Debates: Second Round", "Ingrid Solberg")
        + "<p><strong>The Coastal Debates: Opening Round</strong></p>"
        + "<p><strong>Ports, Tides and Trade</strong></p>"
        + "<p>For the Proposition: Dr. Jane Marlow and Dr. Peter Quinn.</p>"
    )
    names = {p.name for s in found.sessions for p in s.people}
    assert names == {"Ingrid Solberg", "Jane Marlow", "Peter Quinn"}


def test_a_title_opening_with_a_name_like_theo_still_names_its_speaker() -> None:
    """Near miss: 'Theo Smith: Second Round' opens with a given name, not the article."""
    found = parse(card("Theo Smith: Second Round"))
    assert who(found) == {"Theo Smith: Second Round": [("Theo Smith", "speaker")]}


def test_a_title_guest_speaks_beside_the_cards_own_speaker() -> None:
    """'A Fireside Chat with Chairwoman X' over the card's 'Jane Doe': both are heard (the guest
    the title brings in, the host who interviews her); neither is dropped for the other."""
    chat = "Coastal Data Race: A Fireside Chat with Chairwoman Celeste Delacroix"
    found = parse(
        card(chat, "Tobias Lindgren")
        + card("Fireside Chat with Assistant Secretary Wendell Brandt", "Miriam Okafor")
    )
    assert who(found) == {
        chat: [("Celeste Delacroix", "speaker"), ("Tobias Lindgren", "speaker")],
        "Fireside Chat with Assistant Secretary Wendell Brandt": [
            ("Wendell Brandt", "speaker"),
            ("Miriam Okafor", "speaker"),
        ],
    }


def test_a_role_labelled_title_gives_way_to_the_cards_own_speaker() -> None:
    """Near miss: 'Keynote: Harbour Lights In Practice: ...' reads as a keynote by 'Harbour
    Lights In Practice'; over a card naming its speaker the label led a title, not a name."""
    title = "Keynote: Harbour Lights In Practice: What Ports Owe Their Cities"
    found = parse(card(title, "Tobias Lindgren"))
    assert who(found) == {title: [("Tobias Lindgren", "keynote")]}  # the label stays his role


def test_a_title_guest_is_named_after_a_with() -> None:
    guest = PersonRef(name="Celeste Delacroix")
    assert prose.title_guest("A Fireside Chat with Chairwoman Celeste Delacroix", guest)
    assert prose.title_guest("Im Gespräch mit Celeste Delacroix", guest)
    assert not prose.title_guest("Keynote: Celeste Delacroix", guest)
    assert not prose.title_guest("Celeste Delacroix with the Harbour Board", guest)


def test_a_name_in_the_title_is_the_speaker_when_the_card_names_nobody_else() -> None:
    found = parse(
        card("A Fireside Chat with Chairwoman Celeste Delacroix")
        + card(
            "Fireside Chat with Deputy Secretary of the Navy Harold Ostrander on Shipbuilding",
            date="Jun 23, 2026",
        )
    )
    assert who(found) == {
        "A Fireside Chat with Chairwoman Celeste Delacroix": [("Celeste Delacroix", "speaker")],
        "Fireside Chat with Deputy Secretary of the Navy Harold Ostrander on Shipbuilding": [
            ("Harold Ostrander", "speaker")
        ],
    }


def test_a_title_guest_stays_beside_a_card_that_names_only_its_moderator() -> None:
    found = parse(card("A Fireside Chat with Celeste Delacroix", "Moderator: Tobias Lindgren"))
    assert who(found) == {
        "A Fireside Chat with Celeste Delacroix": [
            ("Celeste Delacroix", "speaker"),
            ("Tobias Lindgren", "moderator"),
        ]
    }


def test_someone_both_the_title_and_the_card_name_keeps_the_titles_honorific() -> None:
    found = parse(
        "<h2>A conversation with Governor Maria Santos</h2>"
        "<p>Maria Santos discusses the state budget.</p>"
    )
    [person] = found.sessions[0].people
    assert (person.name, person.honorific) == ("Maria Santos", "Governor")


def test_an_undated_title_with_a_bar_is_no_speaker_cards_name() -> None:
    """Without a card date to settle it, 'Open Waters | 2026 Forum' under the page's title
    must not be held as a speaker card's 'Name | Position': its card's speaker was lost."""
    found = parse(
        "<h2>Open Waters | 2026 Harbour Institute Annual Forum</h2><p>Hannah Ostrowski</p>"
        "<h2>Who Pays for the Ports?</h2><p>Miriam Okafor, Tobias Lindgren</p>"
    )
    assert who(found) == {
        "Open Waters | 2026 Harbour Institute Annual Forum": [("Hannah Ostrowski", "speaker")],
        "Who Pays for the Ports?": [("Miriam Okafor", "speaker"), ("Tobias Lindgren", "speaker")],
    }


SITE = {"hosts": ["events.example.org"], "session": "figure", "title": "h2",
        "people": "p.desc"}  # fmt: skip


def test_a_site_configs_cards_follow_the_same_rule() -> None:
    page = lxml.html.document_fromstring(
        card("A Fireside Chat with Chairwoman Celeste Delacroix", "Tobias Lindgren")
        + card("Fireside Chat with Assistant Secretary Wendell Brandt")
    )
    found = sites.extract(page, SITE, title_people=prose.inline_people)
    assert [[p.name for p in s.people] for s in found] == [
        ["Celeste Delacroix", "Tobias Lindgren"],
        ["Wendell Brandt"],
    ]

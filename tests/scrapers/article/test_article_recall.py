"""Issue 12, articles: surnames that are nouns, titled one-word names, NYT quote marks,
speech reported after other words, and pronouns kept with the current speaker."""

from __future__ import annotations

from scrapers.article import lang_en, names, quotes
from scrapers.article.given_names import is_given_name
from scrapers.records import Citation


def _cited(text: str) -> dict[str, Citation]:
    return {c.name: c for c in quotes.extract_citations(text)}


def _kinds(text: str) -> dict[str, str]:
    return {s.name: s.kind.value for s in names.find_names(text, lang_en)}


def test_surnames_that_are_nouns_stay_people() -> None:
    text = (
        "Cornel West said the movement had stalled. Rebecca White, a state lawmaker, "
        "argued that the budget was short. Tony Hall warned of delays."
    )
    assert set(_cited(text)) == {"Cornel West", "Rebecca White", "Tony Hall"}


def test_organisation_words_still_make_organisations() -> None:
    kinds = _kinds("The White House and the New York Post reported it, as did Victoria Police.")
    assert "person" not in kinds.values()
    assert _kinds("agents of Immigration and Customs Enforcement")["Customs Enforcement"] == "org"


def test_given_names_come_from_the_name_dictionary() -> None:
    assert is_given_name("Cornel") and is_given_name("rebecca")
    assert not is_given_name("Customs") and not is_given_name("the")


def test_role_word_before_a_full_name_is_not_part_of_it() -> None:
    assert "Jorge Ramos" in _kinds("Journalist Jorge Ramos asked a question.")
    kinds = _kinds("White House Counsel W. Neil Eggleston met them.")
    assert kinds.get("W. Neil Eggleston") == "person"


def test_a_name_after_to_keeps_its_given_name() -> None:
    assert "Donald J. Trump" in _kinds("Of all the things connected to Donald J. Trump, few")


def test_doubled_straight_marks_are_quotes() -> None:
    text = "Paul Ryan on Tuesday called the remarks ''racist,'' an extraordinary rebuke."
    cited = _cited(text + " ''It is wrong,'' declared Senator Jeff Flake.")
    assert cited["Jeff Flake"].quoted
    assert cited["Jeff Flake"].quote == "It is wrong,"


def test_speech_reported_after_other_words() -> None:
    text = (
        "Mitch McConnell deflected numerous questions before saying, “It's time to move on.” "
        "Lee Zeldin, a congressman, gave the technique a whirl on Tuesday: “You can argue it.”"
    )
    cited = _cited(text)
    assert cited["Mitch McConnell"].quoted and cited["Lee Zeldin"].quoted


def test_titled_one_word_name_is_followed_without_its_title() -> None:
    text = (
        "President Obama spoke on Monday. Obama has long had a difficult relationship with "
        "the party. He announced a program to defer deportations."
    )
    assert "Obama" in _cited(text)


def test_he_said_after_a_quote_stays_with_the_speaker() -> None:
    text = (
        "Jeffrey Epstein died in August. Spencer Kuvin, a lawyer for the families, spoke "
        "on Tuesday.\n“When all the evidence is presented,” he said, “you will see.”"
    )
    cited = _cited(text)
    assert "Jeffrey Epstein" not in cited
    assert cited["Spencer Kuvin"].quoted


def test_a_name_after_a_preposition_is_not_the_speaker() -> None:
    text = (
        "The sound system, cycling through songs by Pearl Jam and Tracy Chapman, added Latin "
        "hits. Donald Trump continued his attacks against Gonzalo Curiel, followed by: “Bad.”"
    )
    assert not {"Pearl Jam", "Tracy Chapman", "Gonzalo Curiel"} & set(_cited(text))


def test_a_possessive_name_may_come_between_verb_and_speaker() -> None:
    text = "“This is espionage,” said Clinton’s top foreign policy aide Jake Sullivan."
    assert _cited(text)["Jake Sullivan"].quoted


def test_a_given_name_after_and_is_a_person_even_after_an_organisation_word() -> None:
    text = (
        "Former Mexican presidents Vicente Fox and Felipe Calderón fired back. “We will not "
        "pay,” Calderón said."
    )
    assert "Felipe Calderón" in _cited(text)


def test_a_quote_that_ends_a_sentence_splits_it() -> None:
    text = (
        'An economic downturn, Dan Alpert said, "could be a good time to borrow." Donald Trump '
        "has even claimed he will enact a massive infrastructure plan."
    )
    assert set(_cited(text)) == {"Dan Alpert", "Donald Trump"}


def test_a_possessive_name_is_not_a_subject() -> None:
    text = "Hillary Clinton spoke first. “It is espionage,” said Clinton’s aide Jake Sullivan."
    cited = _cited(text)
    assert cited["Jake Sullivan"].quoted and "Hillary Clinton" not in cited


def test_plural_titles_are_stripped() -> None:
    found = _kinds("Among others are Senators Mitch McConnell and Reps. Zoe Lofgren, and Bob Ross.")
    assert {"Mitch McConnell", "Zoe Lofgren", "Bob Ross"} <= set(found)
    assert not any(name.startswith(("Senators", "Reps")) for name in found)


def test_speech_after_a_name_in_an_object_position() -> None:
    text = (
        "On Tuesday, Mr. McConnell deflected numerous questions about Mr. Trump before "
        "saying, “It's time to quit attacking people.” Mitch McConnell leads the Senate."
    )
    assert set(_cited(text)) == {"Mitch McConnell"}


def test_phrasal_speech_verbs() -> None:
    text = (
        "Felipe Calderón promptly fired back at the proposal. Ana Ruiz weighed in on Twitter. "
        "Tom Reed lamented that the plan had failed."
    )
    assert set(_cited(text)) == {"Felipe Calderón", "Ana Ruiz", "Tom Reed"}


def test_he_never_goes_to_someone_called_mrs() -> None:
    text = (
        "Mrs. Clinton spoke in Scranton on Monday.\n"
        "Since announcing that he would not run, Joe Biden has praised Hillary Clinton.\n"
        "“She is ready,” he said."
    )
    cited = _cited(text)
    assert "Hillary Clinton" not in cited  # the quote is Biden's, with his "he"
    assert cited["Joe Biden"].quoted and "he" in cited["Joe Biden"].cues


def test_future_and_passive_reports() -> None:
    text = (
        "Barack Obama will say that the election is a test of temperament. The letter was "
        "first reported last week by The Post’s Greg Sargent."
    )
    assert set(_cited(text)) == {"Barack Obama", "Greg Sargent"}


def test_direction_marks_do_not_hide_a_name() -> None:
    cited = _cited("\u202eJane Doe\u202c said the vote was close. <script>alert(1)</script>")
    assert set(cited) == {"Jane Doe"}


def test_quotes_reported_around_other_names() -> None:
    text = (
        "House Speaker Paul Ryan told CNN Tuesday that Ginsburg’s comments “shows bias to me.” "
        "Campaign manager Jeff Weaver replied that Sanders himself is “driving this train.” "
        "Donald Trump launched an attack against Obama, calling him “the most ignorant president.”"
    )
    cited = _cited(text)
    assert cited["Paul Ryan"].quoted and cited["Jeff Weaver"].quoted
    assert cited["Donald Trump"].quote == "the most ignorant president."


def test_joint_authors_share_the_quote_and_a_title_is_not_a_quote() -> None:
    text = (
        '"He is holding on," Edward-Isaac Dovere and Gabriel Debenedetti wrote. In their book '
        '"Overload," the sociologists Erin Kelly and Phyllis Moen argue that hours matter less.'
    )
    cited = _cited(text)
    assert cited["Edward-Isaac Dovere"].quoted and cited["Gabriel Debenedetti"].quoted
    assert not cited["Erin Kelly"].quoted and not cited["Phyllis Moen"].quoted


def test_a_pronoun_subject_keeps_the_person_before_it() -> None:
    text = (
        "One voter, Guadalupe Potocacetpl, showed up in a brown beret. He had protested Donald "
        "Trump at a rally.\n“I met a lot of supporters,” he said."
    )
    cited = _cited(text)
    assert set(cited) == {"Guadalupe Potocacetpl"} and cited["Guadalupe Potocacetpl"].quoted


def test_agreed_to_and_a_verb_is_an_action() -> None:
    text = "Paul Allen owned the plane. He agreed to sell it to Donald Trump in 2010."
    assert _cited(text) == {}

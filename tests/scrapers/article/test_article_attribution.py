"""Second-round attribution patterns (issue 5): role nouns, asides, Q&A, findings, pronoun cues."""

from __future__ import annotations

from scrapers.article import bylines, lang_en, names, quotes
from scrapers.records import Citation


def _cited(text: str, **kwargs: object) -> dict[str, Citation]:
    return {c.name: c for c in quotes.extract_citations(text, **kwargs)}  # type: ignore[arg-type]


def _pronouns(citation: Citation) -> list[str]:
    return [c.lower() for c in citation.cues if c.lower() in {"she", "her", "he", "his"}]


def test_role_noun_resolves_to_the_only_holder() -> None:
    text = (
        "State Sen. Lisa Reyes attended the meeting. The senator added that she would ask "
        "for an audit. Kyle Lewis, a professor of management, studies firms. "
        "The effect is real, the professor noted."
    )
    cited = _cited(text)
    assert set(cited) == {"Lisa Reyes", "Kyle Lewis"}
    assert not cited["Lisa Reyes"].quoted


def test_role_noun_is_left_alone_when_ambiguous() -> None:
    text = (
        "Minister Anna Berg met Minister Paul Grant on Monday. "
        "The minister said talks would continue."
    )
    assert _cited(text) == {}


def test_role_noun_after_a_quote_takes_the_quote() -> None:
    text = (
        "Sasha Kovalenko, a rates strategist at RBC Capital Markets, expects a cut. "
        '"June looks likely," the strategist said.'
    )
    cited = _cited(text)
    assert cited["Sasha Kovalenko"].quoted
    assert cited["Sasha Kovalenko"].quote == "June looks likely,"


def test_organisations_and_anonymous_role_nouns_stay_uncited() -> None:
    text = (
        "A senior official said the plan was ready. “Nothing is final,” the official said. "
        "The ministry said it would respond. The company said in a statement it was sorry."
    )
    assert _cited(text) == {}


def test_dash_aside_and_parenthetical_between_name_and_verb() -> None:
    text = (
        "Carolyn Rogers — who is expected to lead the review — said the council agreed. "
        "Claudia Major (SWP) warned that joint buying would fail."
    )
    assert set(_cited(text)) == {"Carolyn Rogers", "Claudia Major"}


def test_descriptor_between_quote_and_speaker() -> None:
    text = '"Canadians are hurting," Conservative finance critic Jasraj Hallan said.'
    assert _cited(text)["Jasraj Hallan"].quoted


def test_declined_but_said_is_a_statement_and_plain_declined_is_not() -> None:
    text = (
        "Chrystia Freeland declined to comment on the decision, saying the bank was independent. "
        "Marco Rubio declined to comment."
    )
    assert set(_cited(text)) == {"Chrystia Freeland"}


def test_told_an_outlet_keeps_the_quote() -> None:
    text = "Eilidh MacRae, 34, a teacher, told the BBC: “The water came up through the floor.”"
    assert _cited(text)["Eilidh MacRae"].quoted


def test_qa_turns_quote_the_named_speaker() -> None:
    text = (
        "Ngaire Tupou is a coastal engineer. She spoke with Dev Malhotra.\n"
        "Q: What did the eruption teach you?\n"
        "Tupou: That we had been planning for the wrong hazard."
    )
    cited = _cited(text, exclude=("Dev Malhotra",))
    assert list(cited) == ["Ngaire Tupou"]
    assert cited["Ngaire Tupou"].quote == "That we had been planning for the wrong hazard."


def test_name_colon_quote() -> None:
    text = 'Patients Association chief executive Rachel Power: "Patients are in limbo."'
    assert _cited(text)["Rachel Power"].quoted


def test_words_of_and_as_put_it() -> None:
    text = (
        "In the words of Ursula von der Leyen, “Europe must be ready.” "
        'As the physicist Richard Feynman put it, "nature cannot be fooled."'
    )
    cited = _cited(text)
    assert cited["Ursula von der Leyen"].quoted and cited["Richard Feynman"].quoted


def test_reported_findings_with_precision() -> None:
    text = (
        "Research by Brendan Burchell at the University of Cambridge suggests that gains vary. "
        "Kyle Lewis has found that the gains faded. Schor’s research shows that firms stay. "
        "Police found that the door was open. A report by the ministry found waste. "
        "Anna Berg found the keys."
    )
    cited = _cited("Juliet Schor teaches. " + text)
    assert set(cited) == {"Brendan Burchell", "Kyle Lewis", "Juliet Schor"}


def test_pronoun_cues_are_counted_once_each() -> None:
    text = (
        "Avery Lindqvist, chief economist at the federation, told Reuters that firms were "
        '"running out of runway." She said half of them had lower sales. '
        '"It is grim," she added.'
    )
    assert _pronouns(_cited(text)["Avery Lindqvist"]) == ["she", "she"]


def test_possessive_after_a_clause_verb_is_a_cue_but_an_object_is_not() -> None:
    text = (
        "Quinn Harper, president of the union, said her members offered to defer raises. "
        "Kenji Watanabe credits her with his career."
    )
    cited = _cited(text)
    assert _pronouns(cited["Quinn Harper"]) == ["her"]
    assert "her" not in _pronouns(cited.get("Kenji Watanabe", cited["Quinn Harper"]))[1:]


def test_pronoun_for_an_unnamed_relative_is_not_a_cue() -> None:
    text = "Jordan Ellis said the class was full. Her husband said he was worried."
    assert _pronouns(_cited(text)["Jordan Ellis"]) == []


def test_unknown_capitalised_word_breaks_the_focus() -> None:
    text = "Grace Mwangi said costs matter. Raman said as much in her column."
    assert _pronouns(_cited(text)["Grace Mwangi"]) == []


def test_names_surname_titles_leading_roles_and_things() -> None:
    found = {s.name.rstrip("."): s.kind for s in names.find_names(
        "Claudia Major spoke. Parent Jordan Ellis spoke. It was seen by the Daily Record. "
        "The Department of Health and Social Care said so. Prime Minister Keir Starmer spoke.",
        lang_en,
    )}  # fmt: skip
    assert found["Claudia Major"] is names.NameKind.PERSON
    assert found["Jordan Ellis"] is names.NameKind.PERSON
    assert found["Daily Record"] is names.NameKind.ORG
    assert found["Social Care"] is names.NameKind.ORG
    assert found["Keir Starmer"] is names.NameKind.PERSON


def test_single_quotes_with_apostrophes_inside() -> None:
    text = "‘We’ve known for years that these towns flood,’ said Hannah Cloke."
    assert _cited(text)["Hannah Cloke"].quote == "We’ve known for years that these towns flood,"


def test_affiliations_of_an_institution_and_participle_roles() -> None:
    text = (
        '"Fine," said Derek Holt of Scotiabank. "Dovish," said Royce Mendes, managing '
        "director at Desjardins Group."
    )
    cited = _cited(text)
    assert cited["Derek Holt"].affiliation == "Scotiabank"
    assert cited["Royce Mendes"].affiliation == "managing director at Desjardins Group"


def test_byline_job_title_is_not_an_author() -> None:
    assert bylines.clean_byline("By Priya Raman, Senior Economics Correspondent") == ["Priya Raman"]


def test_unnamed_answers_after_questions_quote_the_interviewee() -> None:
    text = (
        "Mira Solberg runs the fjord ferries. She spoke with Dev Malhotra.\n"
        "Q: Why electric boats?\n"
        "A: Because diesel was killing the fjord.\n"
        "Q. And the cost?\n"
        "Batteries have halved in price since we started."
    )
    cited = _cited(text, exclude=("Dev Malhotra",))
    assert list(cited) == ["Mira Solberg"]
    assert cited["Mira Solberg"].quoted
    assert cited["Mira Solberg"].quote == "Because diesel was killing the fjord."
    assert (
        _cited(text.replace("Mira Solberg runs", "The firm runs"), exclude=("Dev Malhotra",)) == {}
    )


def test_posts_on_social_media_are_statements() -> None:
    text = (
        "Labour MP Rosie Duffield posted on X: “Patients deserve better.”\n"
        "Nadia Petrov wrote on her personal blog that the data were wrong. "
        "Tom Ray posted a record time."
    )
    cited = _cited(text)
    assert set(cited) == {"Rosie Duffield", "Nadia Petrov"}
    assert cited["Rosie Duffield"].quoted and not cited["Nadia Petrov"].quoted


def test_time_between_speaker_and_verb_relative_clause_and_quote_before_according() -> None:
    text = (
        "Treasury Secretary Janet Yellen on Tuesday said inflation was easing. "
        'The plan drew criticism from Rep. Alexandria Ocasio-Cortez, D-N.Y., who called it "a '
        'giveaway." "The numbers don\'t lie," according to economist Claudia Sahm.'
    )
    cited = _cited(text)
    assert set(cited) == {"Janet Yellen", "Alexandria Ocasio-Cortez", "Claudia Sahm"}
    assert cited["Alexandria Ocasio-Cortez"].quoted and cited["Claudia Sahm"].quoted


def test_hyphenated_titles_are_stripped() -> None:
    text = "WHO Director-General Tedros Adhanom Ghebreyesus warned that the outbreak was not over."
    cited = _cited(text)
    assert list(cited) == ["Tedros Adhanom Ghebreyesus"]
    assert cited["Tedros Adhanom Ghebreyesus"].honorific == "Director-General"


def test_pronoun_after_a_described_other_person_is_not_a_cue() -> None:
    text = (
        "Laura Kuenssberg asked the prime minister whether he would resign. "
        "Christine Lagarde, president of the bank, signalled that rates would stay high."
    )
    cited = _cited(text)
    assert _pronouns(cited["Laura Kuenssberg"]) == []
    assert "Christine Lagarde" in cited

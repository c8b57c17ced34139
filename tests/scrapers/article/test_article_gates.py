"""The cheap checks before the attribution patterns skip only sentences they cannot match."""

from __future__ import annotations

import random
import re

from scrapers.article import choice, cues, lang_en, masking, organisations, patterns


def test_alternation_as_a_tree_matches_as_the_flat_list_longest_first() -> None:
    words = lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES | lang_en.ROLE_NOUNS
    flat = re.compile(
        "(?:"
        + "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))
        + r")\b"
    )
    tree = re.compile(patterns.alternation(words))
    text = " ".join(sorted(words)) + " said-so says, fired  back weighed in saying"
    for start in range(len(text)):
        a, b = flat.match(text, start), tree.match(text, start)
        assert (a and a.group()) == (b and b.group())


def test_inverted_verbs_are_speech_verbs() -> None:
    """The speech-verb check also stands for the patterns built on the inverted verbs."""
    assert lang_en.INVERTED_VERBS <= lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES


def test_speech_patterns_need_a_speech_verb() -> None:
    sources = {name: p.pattern for name, p in patterns.compiled(lang_en).items()}
    verbs = patterns.alternation(lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES)
    inverted = patterns.alternation(lang_en.INVERTED_VERBS)
    for name in choice.SPEECH_PATTERNS:
        assert verbs in sources[name] or inverted in sources[name], name
    orgs = {name: p.pattern for name, p in organisations._compiled(lang_en).items()}
    speech = patterns.alternation(lang_en.SPEECH_VERBS)
    for name in organisations.NEEDS_SPEECH:
        assert speech in orgs[name] or inverted in orgs[name], name


def test_sentences_without_a_speech_verb_skip_the_speech_patterns() -> None:
    sentence = "\ue001\ue100 went home after the vote."
    assert not patterns.has_speech_verb(lang_en, sentence)
    names = {name for name, _ in choice.applicable(lang_en, sentence, speech=False)}
    assert not names & choice.SPEECH_PATTERNS
    assert patterns.has_speech_verb(lang_en, "\ue001\ue100 said so.")


def test_first_letter_patterns_find_what_the_boundary_patterns_found() -> None:
    """cues.py writes \\b-led patterns with the first letter first: the same matches."""
    forms = [
        (
            re.compile(r"\b(?:she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE),
            cues.PRONOUN_RE,
        ),
        (re.compile(r"\b[A-Z][a-z’'\-]+"), cues.CAPITALISED_RE),
        (
            re.compile(r"\b(?:the|a|an|another|one|two|three)\s+([a-z\-]+(?:\s+[a-z\-]+){0,2})"),
            cues.OTHER_PERSON_RE,
        ),
    ]
    alphabet = "hHsSſeErRiImMıtTaAoOnNwW .x\ue000'’-_1"
    rng = random.Random(12)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    texts += ["She said he and his wife, the other one, met Herself. Another two men"]
    for text in texts:
        for old, new in forms:
            expected = [(m.span(), m.groups()) for m in old.finditer(text)]
            assert [(m.span(), m.groups()) for m in new.finditer(text)] == expected, text


def test_word_start_matches_as_a_boundary_led_alternation() -> None:
    cases = [
        (frozenset({"He", "She", "he", "she"}), False),
        (frozenset({"The", "the"}), False),
        (frozenset({"A", "a", "An", "an", "The", "the"}), False),
        (frozenset({"was", "were", "been", "being"}), False),
        (frozenset({"according to", "as"}), True),
    ]
    alphabet = "aAcCoOrRdDiInNgG tTheHsSſwWbBıK.x\ue000-_1"
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    texts += ["She and the man, according to An account, As it was, ACCORDING TO them"]
    for words, ignorecase in cases:
        flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        old = re.compile(rf"\b(?{'i' if ignorecase else ''}:{flat})(?=\s|$|[.,])")
        new = re.compile(patterns.word_start(words, ignorecase=ignorecase) + r"(?=\s|$|[.,])")
        for text in texts:
            expected = [m.span() for m in old.finditer(text)]
            assert [m.span() for m in new.finditer(text)] == expected, (text, words)


def test_masking_patterns_with_their_first_character_first_agree() -> None:
    forms = [
        (
            re.compile(r"(?:[.!?]+[\"”’)]*|\ue000.)\s+(?=[A-Z\ue000\ue001\ue002\"“‘(])"),
            masking.BOUNDARY_RE,
        ),
        (
            re.compile(
                r"(?<!\w)‘(?=\S)(?:[^‘’]|’(?=\w))*?\s(?:[^‘’]|’(?=\w))*?\s(?:[^‘’]|’(?=\w))*?"
                r"(?:’(?!\w)|$)"
            ),
            masking.SINGLE_QUOTE_RE,
        ),
    ]
    alphabet = '.!?\ue000\ue001\ue100"”’‘) Aa(\n“'
    rng = random.Random(3)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in texts:
        for old, new in forms:
            expected = [(m.span(), m.group()) for m in old.finditer(text)]
            assert [(m.span(), m.group()) for m in new.finditer(text)] == expected, text


def test_ended_word_backwards_finds_what_the_alternation_finds_forwards() -> None:
    """The institution-noun gate searches the reversed sentence (issue 12: cost), as
    has_speech_verb did before word_ends.py: there must be a match exactly when the forward
    alternation has one."""
    word_sets = [
        lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES,
        lang_en.ORG_NOUNS,
        frozenset({"a", "said", "fired back", "back"}),
    ]
    alphabet = "saidyfrebckSA \t\n.,_1é\ue001\ue100’'-"
    rng = random.Random(21)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for words in word_sets:
        pool = sorted(words)
        pieces = [*pool, " ", "  ", "x", "_", "1", ",", "\ue001", "é", "\n"]
        texts += [
            "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)
        ]
        texts += [f"{w}{tail}" for w in pool for tail in ("", "s", " ", "_", "é", ".")]
        texts += [f"{head}{w}" for w in pool for head in ("un", " ", "_", "1", "é")]
        forward = re.compile(patterns.alternation(words))
        backward = re.compile(patterns.ended_word(words))
        for text in texts:
            found = patterns.ends_a_word(backward, text)
            assert found == (forward.search(text) is not None), (text, len(words))


def test_speech_and_noun_gates_agree_with_the_alternations() -> None:
    sentences = [
        "\ue001\ue100 said so.",
        "The ministry’s statement fired   back at critics",
        "unsaid, the subcommittees_ met",
        "Said nothing; a boardroom row",
        "",
    ]
    speech = re.compile(patterns.alternation(lang_en.SPEECH_VERBS | lang_en.SPEECH_PHRASES))
    for sentence in sentences:
        expected = speech.search(sentence) is not None
        assert patterns.has_speech_verb(lang_en, sentence) is expected, sentence

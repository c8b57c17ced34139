"""Text evidence: pronouns and honorifics about this person in a bio, cue words, declared pronouns.

Pure. Only sentences about the person count: those naming them, and the sentences that follow
such a sentence until another person is named. "they" is evidence of nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from app.gender.evidence import Evidence
from app.gender.honorifics import honorific_evidence, role_noun_evidence
from app.gender.labels import Label

__all__ = ["bio_evidence", "cue_evidence", "declared_pronoun_evidence"]

SENTENCE_END = re.compile(  # not after "Ms." or "Dr.": an honorific opens a name, not a sentence
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!Mrs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bM\.)(?<!Mme\.)(?<!Sra\.)"
    r"(?<=[.!?])\s+(?=[A-Z\"'(])"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*\.?")
PROPER_PAIR = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
SHE = frozenset({"she", "her", "hers", "herself"})
HE = frozenset({"he", "him", "his", "himself"})
PRONOUN_LR = 20.0  # one pronoun about the person, per occurrence...
PRONOUN_MAX_COUNT = 3  # ...but repeated pronouns are not independent: count at most three
DECLARED_LR = 500.0  # "she/her" stated by the person is a self-description
MAX_BIO_CHARS = 20_000


def _pronoun_counts(words: Sequence[str]) -> tuple[int, int]:
    lowered = [w.lower().rstrip(".") for w in words]
    return sum(w in SHE for w in lowered), sum(w in HE for w in lowered)


def _pronoun_evidence(she: int, he: int, where: str) -> Evidence | None:
    if she == he:
        return None
    label, count = (Label.WOMAN, she - he) if she > he else (Label.MAN, he - she)
    word = "she/her" if label is Label.WOMAN else "he/him"
    weight = PRONOUN_LR ** min(count, PRONOUN_MAX_COUNT)
    return Evidence(
        kind="pronoun", value=f"{word} x{max(she, he)}", label=label, weight=weight,
        detail=f"{word} used {_times(max(she, he))} {where} (other set: {min(she, he)})",
    )  # fmt: skip


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _sentences_about(bio: str, name_tokens: set[str]) -> list[str]:
    """Sentences that name the person, and those following until someone else is named."""
    sentences = SENTENCE_END.split(bio[:MAX_BIO_CHARS])
    named = [any(t in s for t in name_tokens) for s in sentences]
    if not any(named):
        return [s for s in sentences if not PROPER_PAIR.search(s)]
    about, active = [], False
    for sentence, names_them in zip(sentences, named, strict=True):
        other = any(
            a not in name_tokens and b not in name_tokens for a, b in PROPER_PAIR.findall(sentence)
        )
        active = names_them or (active and not other)
        if active:
            about.append(sentence)
    return about


def bio_evidence(bio: str, *, name_tokens: Sequence[str]) -> list[Evidence]:
    """Pronouns and honorifics ("Ms. Okafor") in the sentences of `bio` about this person."""
    tokens = {t for t in name_tokens if len(t) > 1}
    about = _sentences_about(bio, tokens)
    words = [w for s in about for w in WORD.findall(s)]
    found: list[Evidence] = []
    pronouns = _pronoun_evidence(*_pronoun_counts(words), "in sentences about them")
    if pronouns:
        found.append(pronouns)
    for before, after in itertools.pairwise(words):
        if after.rstrip(".") in tokens:
            honorific = honorific_evidence(before)
            if honorific is not None and before[:1].isupper():
                found.append(honorific)
                break
    return found


def cue_evidence(cues: Sequence[str]) -> list[Evidence]:
    """Evidence from words the scraper saw referring to the person: pronouns, titles, roles."""
    words = [c.strip() for c in cues if c and c.strip()]
    found: list[Evidence] = []
    pronouns = _pronoun_evidence(*_pronoun_counts(words), "about them on the page")
    if pronouns:
        found.append(pronouns)
    for word in words:
        if word.lower() in SHE | HE:
            continue
        piece = honorific_evidence(word) or role_noun_evidence(word)
        if piece is not None:
            found.append(piece)
    return found


def declared_pronoun_evidence(pronouns: str) -> Evidence | None:
    """Evidence from self-declared pronouns ("she/her", "he/they"); "they/them" says nothing."""
    sets = [p.strip().lower() for p in re.split(r"[/,;\s]+", pronouns or "") if p.strip()]
    first = next((p for p in sets if p in SHE | HE | {"they", "them", "theirs", "xe", "ze"}), None)
    if first is None or first not in SHE | HE:
        return None
    label = Label.WOMAN if first in SHE else Label.MAN
    mixed = any(p in {"they", "them", "xe", "ze"} for p in sets)
    return Evidence(
        kind="declared_pronouns", value=pronouns.strip()[:40], label=label,
        weight=DECLARED_LR / 10 if mixed else DECLARED_LR,
        detail=f"declares the pronouns '{pronouns.strip()[:40]}'",
    )  # fmt: skip

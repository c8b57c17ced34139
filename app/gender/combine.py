"""Combine evidence into one label with a probability (naive Bayes over likelihood ratios).

Pure. Method: each piece of evidence carries a likelihood ratio LR = P(seen | label) /
P(seen | other label) for woman vs man, calibrated per kind in its module (name tables smoothed
by their record counts; pronouns 20 per use; honorifics 50; surname endings by measured
precision). Pieces of one kind are summed in log space and capped, since they are not independent
(three "she" are not three witnesses); kinds are then treated as independent and added to the prior
log-odds (0: no prior leaning, the counts we publish must not bake one in). P(woman) is the logistic
of the sum. If max(P(woman), P(man)) < threshold the label is `unknown`. A public record
(wikidata) is not weighed against inference: it decides, and is the only way to `nonbinary`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final, NamedTuple

from app.gender.evidence import NEW_RECORD, Evidence
from app.gender.labels import SOURCE_RANK, Label, Source

__all__ = [
    "KIND_CAP",
    "KIND_SOURCE",
    "Decision",
    "Outcome",
    "combine",
    "combine_one",
    "new_decision",
]

KIND_SOURCE: Final[dict[str, Source]] = {
    "name": Source.NAME,
    "surname": Source.NAME,
    "patronymic": Source.NAME,
    "pronoun": Source.TEXT,
    "honorific": Source.TEXT,
    "role_noun": Source.TEXT,
    "declared_pronouns": Source.TEXT,
    "wikidata": Source.WIKIDATA,
}
KIND_CAP: Final[dict[str, float]] = {  # max |log LR| one kind may add
    "name": 6.0,
    "surname": math.log(200.0),
    "patronymic": math.log(100.0),
    "pronoun": math.log(20.0**3),
    "honorific": math.log(50.0),
    "role_noun": math.log(60.0),
    "declared_pronouns": math.log(500.0),
}
# Enum members as module constants: an enum attribute lookup costs a tenth of a microsecond, and
# combine runs once per distinct piece of evidence in a batch (issue 3, speed).
WOMAN: Final = Label.WOMAN
MAN: Final = Label.MAN
UNKNOWN: Final = Label.UNKNOWN
NO_SOURCE: Final = Source.NONE
TEXT: Final = Source.TEXT
WIKIDATA_PROBABILITY: Final = 0.99  # the record is right; matching it to this person may not be
CONFLICT_LOGIT: Final = 2.0
NAME_KINDS: Final = frozenset(["name", "surname", "patronymic"])


class Decision(NamedTuple):
    """The combined outcome, before the engine attaches the evidence.

    A NamedTuple: one is built per distinct piece of evidence in a batch (issue 3, speed).
    """

    label: Label
    probability: float
    p_woman: float
    p_man: float
    source: Source
    reason: str | None


# A Decision's fields as a plain tuple: compiled code passes one without building an object
Outcome = tuple[Label, float, float, float, Source, str | None]


def new_decision(
    label: Label, probability: float, p_woman: float, p_man: float, source: Source,
    reason: str | None,
) -> Decision:  # fmt: skip
    """`Decision(...)`, built without the NamedTuple's Python-level `__new__` (see
    evidence.new_evidence)."""
    return NEW_RECORD(Decision, (label, probability, p_woman, p_man, source, reason))


def _signed(piece: Evidence) -> float:
    if piece.label is WOMAN:
        return math.log(max(piece.weight, 1.0))
    if piece.label is MAN:
        return -math.log(max(piece.weight, 1.0))
    return 0.0


def _from_record(piece: Evidence) -> Decision:
    sure, other = WIKIDATA_PROBABILITY, 1 - WIKIDATA_PROBABILITY
    p_woman, p_man = {
        Label.WOMAN: (sure, other),
        Label.MAN: (other, sure),
    }.get(piece.label, (0.0, 0.0))  # nonbinary: neither
    return new_decision(piece.label, sure, p_woman, p_man, Source.WIKIDATA, None)


def combine(
    evidence: Sequence[Evidence], *, threshold: float, no_evidence_reason: str | None = None
) -> Decision:
    """Return the label, its probability and the deciding source for `evidence`."""
    if len(evidence) == 1:  # most names: one given-name reading
        one = combine_one(evidence[0], threshold)
        if one is not None:
            label, probability, p_woman, p_man, source, reason = one
            return new_decision(label, probability, p_woman, p_man, source, reason)
    return combine_each_kind(evidence, threshold=threshold, no_evidence_reason=no_evidence_reason)


def combine_each_kind(
    evidence: Sequence[Evidence], *, threshold: float, no_evidence_reason: str | None = None
) -> Decision:
    """`combine` in its general form: each kind summed, capped, added (tests compare with it)."""
    by_kind: dict[str, float] = {}
    for piece in evidence:  # one pass: the first public record decides outright
        if piece.kind == "wikidata" and piece.label != UNKNOWN:
            return _from_record(piece)
        by_kind[piece.kind] = by_kind.get(piece.kind, 0.0) + _signed(piece)
    if not by_kind:
        return new_decision(UNKNOWN, 0.5, 0.5, 0.5, NO_SOURCE, no_evidence_reason or "no evidence")
    logit = 0.0  # summed in order, as sum() would, without a generator per call
    for kind, value in by_kind.items():
        cap = KIND_CAP.get(kind, 6.0)
        logit += max(-cap, min(cap, value))
    p_woman = 1 / (1 + math.exp(-logit))
    p_man = 1 - p_woman
    if max(p_woman, p_man) < threshold:
        conflict = (
            max(by_kind.values()) > CONFLICT_LOGIT and min(by_kind.values()) < -CONFLICT_LOGIT
        )
        reason = "conflicting evidence" if conflict else _weak_reason(by_kind)
        return new_decision(UNKNOWN, max(p_woman, p_man), p_woman, p_man, NO_SOURCE, reason)
    woman = p_woman >= p_man
    agreeing = [k for k, v in by_kind.items() if (v > 0) == woman and v != 0]
    source = min((KIND_SOURCE.get(k, TEXT) for k in agreeing), key=SOURCE_RANK.__getitem__)
    return new_decision(WOMAN if woman else MAN, max(p_woman, p_man), p_woman, p_man, source, None)


def combine_one(piece: Evidence, threshold: float) -> Outcome | None:
    """`combine` of one piece, the same arithmetic in the same order without the bookkeeping of
    kinds, as a plain tuple (issue 11, speed); None where the general loop must answer."""
    kind, label = piece.kind, piece.label
    if kind == "wikidata" or (label is not WOMAN and label is not MAN):
        return None
    signed = math.log(max(piece.weight, 1.0))
    value = 0.0 + (signed if label is WOMAN else -signed)
    cap = KIND_CAP.get(kind, 6.0)
    logit = 0.0 + max(-cap, min(cap, value))
    p_woman = 1 / (1 + math.exp(-logit))
    p_man = 1 - p_woman
    if max(p_woman, p_man) < threshold:
        reason = "ambiguous name" if kind in NAME_KINDS else "evidence too weak"
        return (UNKNOWN, max(p_woman, p_man), p_woman, p_man, NO_SOURCE, reason)
    woman = p_woman >= p_man
    if (value > 0) != woman or value == 0:
        return None  # no kind agrees: the general loop says what that means
    source = KIND_SOURCE.get(kind, TEXT)
    return (WOMAN if woman else MAN, max(p_woman, p_man), p_woman, p_man, source, None)


def _weak_reason(by_kind: dict[str, float]) -> str:
    if set(by_kind) <= NAME_KINDS:
        return "ambiguous name"
    return "evidence too weak"

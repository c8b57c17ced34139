"""The gender engine: every piece of evidence about a person in, one label with its reasons out.

Pure: no database, no settings (its parameters come through the constructor). Loaded once per
process through `default_engine()`; `infer_batch` caches by (name, country), and decisions are
memoised by their evidence, so a cold name costs a parse and a few dict lookups (issue 3).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from app.gender import morphology, nameparse
from app.gender.combine import Decision, combine, combine_one
from app.gender.evidence import NEW_RECORD, Evidence
from app.gender.fastpath import (
    FAST_TABLE,
    FastTable,
    build_fast_table,
    load_fast_table,
    write_fast_table,
)
from app.gender.honorifics import honorific_evidence
from app.gender.labels import Label, Source
from app.gender.morphology import (
    overruled,
    patronymic_evidence,
    surname_evidence,
    vietnamese_evidence,
)
from app.gender.name import NameModel
from app.gender.namedata import load_tables
from app.gender.nameparse import ParsedName, parse_name, parse_name_uncached
from app.gender.text import bio_evidence, cue_evidence, declared_pronoun_evidence

__all__ = [
    "DEFAULT_THRESHOLD",
    "Engine",
    "Evidence",
    "Inference",
    "clear_memos",
    "default_engine",
]

# Chosen by bench/gender_world.py: the lowest errorCoded with errorCodedWithoutNA <= 0.02, fitted
# on all development rows (leave-one-country-out for every figure it reports); it prints the value.
DEFAULT_THRESHOLD: Final = 0.75
BATCH_CACHE_LIMIT: Final = 500_000
FAST_TABLE_MIN_BATCH: Final = 2_000  # smaller batches take the full path rather than load the table
NOT_FOUND: Final = "given name not in the name data"


class Inference(NamedTuple):
    """A label with its probability, the source that decided it and all evidence seen.

    A NamedTuple, not a frozen dataclass: as immutable, and built five times faster (a cold batch
    builds one per distinct decision; issue 11, speed).
    """

    label: Label
    probability: float  # of `label`; for unknown, max(P(woman), P(man))
    p_woman: float
    p_man: float
    source: Source
    evidence: tuple[Evidence, ...]
    reason: str | None  # why unknown, when unknown

    def as_dict(self, name: str | None = None) -> dict[str, object]:
        """Return DESIGN.md's gender JSON; with `name` it leads the object."""
        data: dict[str, object] = {} if name is None else {"name": name}
        data.update(
            label=str(self.label), probability=round(self.probability, 4),
            source=str(self.source), evidence=[e.as_dict() for e in self.evidence],
        )  # fmt: skip
        if self.reason:
            data["reason"] = self.reason
        return data


class Engine:
    """Infers gender labels offline, from the name and what the page says about the person."""

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._names = NameModel(load_tables())
        self._cache: dict[str | tuple[str, str], Inference] = {}
        self._decisions: dict[int | tuple[int | str | None, ...], Inference] = {}
        self._fast_view: FastTable | None = None

    def infer(
        self,
        name: str,
        *,
        country: str | None = None,
        honorific: str | None = None,
        bio: str | None = None,
        pronouns: str | None = None,
        cues: Sequence[str] = (),
    ) -> Inference:
        """Label one person from their name and whatever else the page says about them."""
        parsed = parse_name(name if isinstance(name, str) else "")
        found = self._name_evidence(parsed, country)
        if honorific:
            found.extend(e for e in [honorific_evidence(honorific)] if e)
        if bio:
            tokens = [*parsed.given, parsed.surname, *name.split()]
            found.extend(bio_evidence(bio, name_tokens=[t for t in tokens if t]))
        if pronouns:
            found.extend(e for e in [declared_pronoun_evidence(pronouns)] if e)
        found.extend(cue_evidence(cues))
        result = self._decide(found, parsed)
        if result.label is Label.UNKNOWN and "(" in name:
            # "The (Theodor) Svedberg", "Viscount (Lord Edgar ... Cecil)": try the bracketed form.
            for variant in bracket_variants(name):
                alternative = self.infer(variant, country=country, honorific=honorific, bio=bio,
                                         pronouns=pronouns, cues=cues)  # fmt: skip
                if alternative.label is not Label.UNKNOWN:
                    return alternative
        return result

    def infer_batch(self, rows: Iterable[tuple[str, str | None]]) -> list[Inference]:
        """Label (name, country) pairs by name alone; repeats cost one dict lookup."""
        rows = rows if isinstance(rows, Sequence) else list(rows)
        cache, results, fast = self._cache, [], self._fast_table(len(rows))
        for row in rows:
            if len(row) != 2:
                name, country = row  # fails as unpacking does
            name, country = row[0], row[1]  # compiled: read in place, no iterator (issue 11)
            key = (name, country) if country else name  # a str never equals a tuple
            hit = cache.get(key)
            if hit is None:
                hit = None if country or fast is None else fast.lookup(name)
                if hit is None and "(" in name:
                    hit = self.infer(name, country=country or None)
                if hit is None:
                    parsed = parse_name_uncached(name)
                    hit = self._decide(self._name_evidence(parsed, country or None), parsed)
                if len(cache) < BATCH_CACHE_LIMIT:
                    cache[key] = hit
            results.append(hit)
        return results

    @property
    def _fast(self) -> FastTable:
        """The fast path's table (built once per process and threshold), reading rare names
        through this engine's memos."""
        if self._fast_view is None:
            self._fast_view = _fast_table(self.threshold).bound(self._names, self._decide)
        return self._fast_view

    def _fast_table(self, size: int) -> FastTable | None:
        """The table once a batch is worth building it for (or it is built)."""
        if size < FAST_TABLE_MIN_BATCH and self.threshold not in _FAST_TABLES:
            return None
        return self._fast

    def _name_evidence(self, parsed: ParsedName, country: str | None) -> list[Evidence]:
        found = [e for e in map(honorific_evidence, parsed.titles) if e] if parsed.titles else []
        given = self._names.evidence(parsed, country) if parsed.reason is None else []
        found.extend(given)
        if parsed.patronymic:
            found.extend(e for e in [patronymic_evidence(parsed.patronymic)] if e)
        if parsed.surname:
            surname = surname_evidence(parsed.surname)
            # An ending holds for its language only: "Luca Terranova", "Jordan Villanova" are
            # Italian and Spanish names; a clearly gendered given name that disagrees says so.
            if surname is not None and not overruled(surname, given):
                found.append(surname)
        if len(parsed.given) > 1:
            vietnamese = vietnamese_evidence(parsed.given)
            if vietnamese is not None:
                found.append(vietnamese)
        return found

    def _decide(self, found: list[Evidence], parsed: ParsedName) -> Inference:
        """Combine `found`; the same evidence (most names: one given-name reading) decides once.

        Keyed by the identity of the evidence objects, which the modules memoise and share:
        hashing them by value costs more than combining. The Inference stored keeps them alive,
        so no id in a key can be reused while its entry lives.
        """
        key: int | tuple[int | str | None, ...]
        if len(found) == 1 and parsed.reason is None:  # most names: the id alone (issue 11: no
            key = id(found[0])  # tuple to build, hash and collect; an int never equals a tuple)
        elif len(found) == 1:
            key = (id(found[0]), parsed.reason)
        else:
            key = (*[id(piece) for piece in found], parsed.reason)
        decided = self._decisions.get(key)
        if decided is None:
            decided = _decided(found, parsed, self.threshold)
            if len(self._decisions) >= BATCH_CACHE_LIMIT:
                self._decisions.clear()
            self._decisions[key] = decided
        return decided


# (threshold, reason, then kind, label, weight of each piece) -> what combine decides: all it reads.
# Many names share one decision with different evidence ("Joseph Kowalski", "Joseph Nowicki").
_COMBINED: dict[tuple[object, ...], Decision] = {}


def _decided(found: list[Evidence], parsed: ParsedName, threshold: float) -> Inference:
    """The Inference for `found`, as Engine._decide builds it (without its memo by identity)."""
    if len(found) == 1:  # combining one piece costs what its key would (issue 11, speed)
        one = combine_one(found[0], threshold)  # as combine(found) answers, without a Decision
        # one piece: never "no evidence"
        decision = one if one is not None else combine(found, threshold=threshold)
        label, probability, p_woman, p_man, source, reason = decision
        return _inference(label, probability, p_woman, p_man, source, (found[0],), reason)
    parts: list[object] = [threshold, parsed.reason]
    for piece in found:  # flat: three fields a piece, no tuple per piece (issue 11)
        parts += (piece.kind, piece.label, piece.weight)
    key = tuple(parts)
    known = _COMBINED.get(key)
    if known is None:
        reason = parsed.reason or NOT_FOUND
        known = combine(found, threshold=threshold, no_evidence_reason=reason)
        if len(_COMBINED) >= BATCH_CACHE_LIMIT:
            _COMBINED.clear()
        _COMBINED[key] = known
    label, probability, p_woman, p_man, source, reason = known
    return _inference(label, probability, p_woman, p_man, source, tuple(found), reason)


def _inference(
    label: Label, probability: float, p_woman: float, p_man: float, source: Source,
    evidence: tuple[Evidence, ...], reason: str | None,
) -> Inference:  # fmt: skip
    """`Inference(...)`, built without the NamedTuple's Python-level `__new__` (half the cost
    of a record from compiled code; see evidence.new_evidence)."""
    return NEW_RECORD(Inference, (label, probability, p_woman, p_man, source, evidence, reason))


_FAST_TABLES: dict[float, FastTable] = {}


def _fast_table(threshold: float) -> FastTable:
    """The fast path's table for `threshold`, once per process: the stored one where it was built
    from the same inputs (half a second to load), else built now (a few seconds)."""
    table = _FAST_TABLES.get(threshold)
    if table is None:
        tables = load_tables()

        def decide(found: list[Evidence], parsed: ParsedName) -> Inference:
            return _decided(found, parsed, threshold)

        table = load_fast_table(tables, decide, threshold) or build_fast_table(tables, decide)
        _FAST_TABLES[threshold] = table
    return table


def clear_memos() -> None:
    """Forget what the parsing and morphology modules memoised (benches time cold paths)."""
    nameparse.parse_name.cache_clear()
    nameparse.forget_tokens()
    morphology.surname_evidence.cache_clear()
    _COMBINED.clear()


BRACKETED: Final = re.compile(r"\(([^()]{1,200})\)")


def bracket_variants(name: str) -> list[str]:
    """Readings of a name with a bracketed part: the bracket as the given name(s), then without."""
    found = BRACKETED.search(name)
    if found is None:
        return []
    inside = found.group(1).split()
    outside = BRACKETED.sub(" ", name).split()
    variants = [" ".join(inside if len(inside) > 1 else [*inside, *outside[1:]])] if inside else []
    if outside:
        variants.append(" ".join(outside))
    return [v for v in variants if v and "(" not in v]


@functools.cache
def default_engine() -> Engine:
    """Return the process-wide engine (name data loaded once)."""
    return Engine()


def build_stored_fast_table() -> int:
    """Build the fast path's table for the default threshold and store it; return its size."""
    table = build_fast_table(
        load_tables(), lambda found, parsed: _decided(found, parsed, DEFAULT_THRESHOLD)
    )
    write_fast_table(table, DEFAULT_THRESHOLD)
    return len(table)


if __name__ == "__main__":
    if sys.argv[1:] != ["build-fast-table"]:
        sys.exit("usage: python -m app.gender.engine build-fast-table")
    from app.gender import engine  # not __main__'s copy: the pickle must name app.gender.engine

    print(f"stored {engine.build_stored_fast_table()} given names in {FAST_TABLE}")

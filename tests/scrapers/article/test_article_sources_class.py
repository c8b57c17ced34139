"""Issue 12 (cost): sources.Source, a plain class compiled natively, behaves as the dataclass it
replaced: the same fields and defaults, equality, repr, unhashable, no shared default lists."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers.article.sources import SOURCE_FIELDS, Source


@dataclass
class OldSource:
    name: str
    order: int
    honorific: str | None = None
    affiliation: str | None = None
    mentions: int = 0
    cited: bool = False
    quoted: bool = False
    quote: str | None = None
    cues: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)


texts = st.text(max_size=12)
optional = st.none() | texts
values = st.fixed_dictionaries(
    {"name": texts, "order": st.integers(0, 99)},
    optional={
        "honorific": optional,
        "affiliation": optional,
        "mentions": st.integers(0, 9),
        "cited": st.booleans(),
        "quoted": st.booleans(),
        "quote": optional,
        "cues": st.lists(texts, max_size=3),
        "roles": st.sets(texts, max_size=3),
    },
)


@settings(max_examples=300, deadline=None)
@given(values, values)
def test_source_equals_and_prints_as_the_dataclass(
    a: dict[str, object], b: dict[str, object]
) -> None:
    new_a, new_b = Source(**a), Source(**b)  # type: ignore[arg-type]
    old_a, old_b = OldSource(**a), OldSource(**b)  # type: ignore[arg-type]
    assert repr(new_a) == repr(old_a).replace("OldSource(", "Source(", 1)
    assert (new_a == new_b) == (old_a == old_b)
    assert new_a == Source(**a)  # type: ignore[arg-type]
    assert tuple(OldSource.__dataclass_fields__) == SOURCE_FIELDS


def test_source_defaults_are_fresh_and_it_is_unhashable() -> None:
    one, two = Source("A", 0), Source("B", 1)
    one.cues.append("she")
    one.roles.add("minister")
    assert two.cues == [] and two.roles == set()
    assert (one.mentions, one.cited, one.quoted, one.quote) == (0, False, False, None)
    assert one != OldSource("A", 0) and one.__eq__(object()) is NotImplemented
    with pytest.raises(TypeError):
        hash(one)

"""A person or organisation as the text tracks it, and how it becomes a Citation with its reason.

Must not import app or dashboards.
"""

from __future__ import annotations

from typing import Final

from scrapers.article.given_names import is_given_name
from scrapers.records import Citation, PersonKind

__all__ = ["Source", "person_reason", "personlike", "to_citation"]

SOURCE_FIELDS: Final = (
    "name", "order", "honorific", "affiliation", "mentions", "cited", "quoted", "quote", "cues",
    "roles",
)  # fmt: skip
MAX_PRONOUN_CUES = 5  # the same pronoun counted at most this often (the engine caps it too)


class Source:
    """Everything the text says about one speaker, gathered sentence by sentence.

    A plain class, not a dataclass: compiled, a dataclass's `__init__` is made by `dataclasses`
    and runs in the interpreter (~4,800 instructions a speaker); this one is native (issue 12:
    cost). Equality and repr are the dataclass's (SOURCE_FIELDS, in order).
    """

    def __init__(
        self,
        name: str,
        order: int,
        honorific: str | None = None,
        affiliation: str | None = None,
        mentions: int = 0,
        cited: bool = False,
        quoted: bool = False,
        quote: str | None = None,
        cues: list[str] | None = None,
        roles: set[str] | None = None,
    ) -> None:
        self.name = name
        self.order = order
        self.honorific = honorific
        self.affiliation = affiliation
        self.mentions = mentions
        self.cited = cited
        self.quoted = quoted
        self.quote = quote
        self.cues: list[str] = [] if cues is None else cues
        self.roles: set[str] = set() if roles is None else roles

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in SOURCE_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq and no frozen

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={v!r}" for n, v in zip(SOURCE_FIELDS, self._values(), strict=True))
        return f"Source({fields})"

    def add_cue(self, cue: str, *, pronouns: frozenset[str] = frozenset()) -> None:
        """Keep a cue; pronouns are counted (each "she" about them is more evidence)."""
        if cue.lower() in pronouns:
            if self.cues.count(cue) < MAX_PRONOUN_CUES:
                self.cues.append(cue)
        elif cue not in self.cues:
            self.cues.append(cue)


def personlike(name: str) -> bool:
    """A one-word name, or one opening with a known given name or an initial: "he" and "she"
    are more likely about them than about "Diamond Shamrock"."""
    words = name.split()
    return len(words) == 1 or len(words[0].rstrip(".")) == 1 or is_given_name(words[0])


def person_reason(person: Source) -> str:
    """Why a cited name was taken for a person, shown with the person and open to override."""
    words = person.name.split()
    if is_given_name(words[0]) and len(words) > 1:
        reason = f"'{words[0]}' is a known given name"
    elif person.honorific:
        reason = f"named with the title '{person.honorific}'"
    elif len(words) > 1:
        reason = "a personal name's shape: capitalised words with no organisation word"
    else:
        reason = "a one-word name the text uses for a person"
    return reason + ("; quoted" if person.quoted else "; words reported")


def to_citation(person: Source, reason: str, *, kind: PersonKind = PersonKind.PERSON) -> Citation:
    return Citation(
        kind=kind,
        kind_reason=reason,
        name=person.name,
        quoted=person.quoted,
        mentions=max(person.mentions, 1),
        affiliation=person.affiliation,
        quote=person.quote,
        honorific=person.honorific,
        cues=tuple(person.cues),
    )

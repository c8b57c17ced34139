"""Which full name, introduced earlier or later in an article, a surname, first name or short
form stands for: the Resolver masking.mask_names asks for each person it masks.
Must not import app or dashboards.
"""

from __future__ import annotations

from types import ModuleType
from typing import Final

from scrapers.article import names
from scrapers.article.given_names import is_given_name

__all__ = ["Resolver"]

MAX_CANDIDATES: Final = 50  # longer names sharing a name's first two words, checked per mention


class Resolver:
    """Map surnames, first names and short forms to the full name introduced in the article.

    Indexed by words, so resolving stays cheap on very long pages.
    """

    def __init__(self, spans: list[names.NameSpan], *, lang: ModuleType) -> None:
        self.lang = lang
        self.known: set[str] = set()
        self.singles: set[str] = set()  # one-word names seen with a title ("President Obama")
        self.by_key: dict[tuple[str, str], str] = {}
        self.by_last: dict[str, str] = {}
        self.by_first: dict[str, set[str]] = {}
        self.by_start: dict[str, list[str]] = {}  # first two words -> names, for "X Y" of "X Y Z"
        self.ahead_by_last: dict[str, str] = {}
        self.ahead_by_start: dict[str, list[str]] = {}
        # Last two words of names of three or more -> those names: "Eskelsen García" later
        # names "Lily Eskelsen García", "López Obrador" "Andrés Manuel López Obrador".
        self.by_surnames: dict[str, set[str]] = {}
        self.keys: dict[str, tuple[str, str]] = {}  # name_key of names in this article only
        self.starts: dict[str, str] = {}  # _start of names in this article, as keys
        self.several: dict[str, bool] = {}  # whether a name of this article has two words, as keys
        self.ahead_by_surnames: dict[str, set[str]] = {}
        for span in spans:
            if span.kind is names.NameKind.PERSON:
                self.ahead_by_last.setdefault(self._key(span.name)[1], span.name)
                self.ahead_by_start.setdefault(self._start(span.name), []).append(span.name)
                _index_surnames(self.ahead_by_surnames, span.name)

    def _key(self, name: str) -> tuple[str, str]:
        """names.name_key, once per distinct name of the article (names recur)."""
        if name not in self.keys:
            self.keys[name] = names.name_key(name)
        return self.keys[name]

    def _several(self, name: str) -> bool:
        """len(name.split()) > 1, once per distinct name of the article, as _key (issue 12)."""
        several = self.several.get(name)
        if several is None:
            several = self.several[name] = len(name.split()) > 1
        return several

    def _start(self, name: str) -> str:
        """_start, once per distinct name of the article, as _key (issue 12: cost)."""
        if name not in self.starts:
            self.starts[name] = _start(name)
        return self.starts[name]

    def resolve(self, span: names.NameSpan) -> str | None:
        """Return the full name `span` refers to, or None for an unknown single word."""
        if span.kind is names.NameKind.PERSON:
            name: str | None = self._full(span.name)
        else:
            name = self._single(span)
        several = name is not None and self._several(name)  # read once, not twice
        if name is not None and several and name not in self.known:
            self.known.add(name)
            first, last = self._key(name)
            self.by_key[(first, last)] = name
            self.by_first.setdefault(first, set()).add(name)
            self.by_start.setdefault(self._start(name), []).append(name)
            _index_surnames(self.by_surnames, name)
        if name is not None and several:
            self.by_last[self._key(name)[1]] = name
        return name

    def _full(self, name: str) -> str:
        key = self._key(name)
        if key in self.by_key:
            return self.by_key[key]
        start = self._start(name)
        for pool in (self.by_start.get(start, []), self.ahead_by_start.get(start, [])):
            longer = [n for n in pool[:MAX_CANDIDATES] if len(n) > len(name)]
            match = next((n for n in longer if names.same_person(n, name)), None)
            if match is not None:
                return match
        return self._compound_surname(name) or name

    def _compound_surname(self, name: str) -> str | None:
        """The one person whose full name ends in `name`, two words of which the first is no
        given name ("Eskelsen García", not "Donald Trump"), named so far or later; else None."""
        words = name.split()
        if len(words) != 2 or is_given_name(words[0]):
            return None
        for index in (self.by_surnames, self.ahead_by_surnames):
            holders = index.get(name.lower(), set())
            if holders:
                return next(iter(holders)) if len(holders) == 1 else None
        return None

    def _single(self, span: names.NameSpan) -> str | None:
        word = span.name.lower()
        full = self.by_last.get(word) or self.ahead_by_last.get(word)
        if full is not None and self._several(full):
            return full
        firsts = self.by_first.get(word)  # no empty set made for a missing word
        if firsts is not None and len(firsts) == 1:
            return next(iter(firsts))
        if span.honorific:
            self.singles.add(word)
            return span.name
        return span.name if word in self.singles else None


def _start(name: str) -> str:
    return " ".join(name.lower().split()[:2])


def _surnames(name: str) -> str | None:
    """The last two words of a name of three or more ("eskelsen garcía" of "Lily Eskelsen
    García"), suffixes ("Jr.") left out; None for shorter names or an initial among them."""
    words = name.lower().split()
    while len(words) > 2 and words[-1].rstrip(".") in names.NAME_SUFFIXES:
        words.pop()
    if len(words) < 3 or any(len(word.rstrip(".")) < 2 for word in words[-2:]):
        return None
    return " ".join(words[-2:])


def _index_surnames(index: dict[str, set[str]], name: str) -> None:
    surnames = _surnames(name)
    if surnames is not None:
        index.setdefault(surnames, set()).add(name)

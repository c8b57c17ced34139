"""Plain words for numbers: correct plurals ("1 woman", "used once") and label counts.

Pure; the pages and the result images use the same sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dashboards import theme

__all__ = [
    "LABEL_NOUNS",
    "SOURCE_WORDS",
    "STATUS_WORDS",
    "headline",
    "label_counts",
    "plain_evidence",
    "plural",
    "times",
]

LABEL_NOUNS = {
    "woman": ("woman", "women"),
    "man": ("man", "men"),
    "nonbinary": ("non-binary person", "non-binary people"),
    "unknown": ("person not known", "people not known"),
}
STATUS_WORDS = {
    "manel": "An all-male panel",
    "not a manel": "Not an all-male panel",
    "undetermined": "Not known yet: some labels are missing",
    "single": "Fewer than two people",
}
SOURCE_WORDS = {
    "self_id": "self-identified",
    "correction": "corrected by an editor",
    "wikidata": "from a public record (Wikidata)",
    "text": "inferred from pronouns or titles in a bio or article",
    "name": "inferred from first name",
    "none": "no label: not enough evidence",
    "opt_out": "opted out: not labelled",
}
# app/gender/name.py's detail: "'olaf' is male in 100% of 9,821 nomquamgender records" (labels
# stored before it said the side read "'olaf' is female in 0% of ...": read the same way).
NAME_RECORDS_RE = re.compile(
    r"^'(?P<name>[^']+)' is (?P<side>female|male) in (?P<pct>\d+)% of (?P<n>[\d,]+) \w+ records"
)
SIDE_NOUNS = {"female": "women", "male": "men"}
TOOL_NOTE_RE = re.compile(r";\s*gender-guesser: [\w ]+")
TIMES_RE = re.compile(r"\b(\d+) times\b")
IRREGULAR = {"person": "people", "woman": "women", "man": "men", "is": "are", "was": "were"}


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 panel', '2 panels', '1 woman', '3 women'."""
    if count == 1:
        return f"1 {noun}"
    many = plural_form or IRREGULAR.get(noun) or (noun[:-1] + "ies" if noun.endswith("y")
                                                  else noun + "s")  # fmt: skip
    return f"{count:,} {many}"


def times(count: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def label_counts(
    balance: Mapping[str, Any], *, keep_zero: tuple[str, ...] = ("woman", "man")
) -> str:
    """'2 women, 1 man and 1 person not known' (zero counts left out but for KEEP_ZERO)."""
    parts = []
    for label, (one, many) in LABEL_NOUNS.items():
        count = int(balance.get(label) or 0)
        if count or label in keep_zero:
            parts.append(plural(count, one, many))
    return _join(parts)


def headline(balance: Mapping[str, Any]) -> str:
    """'2 women, 3 men and 1 person not known: 40% women (95% interval 12-77%)'."""
    counts = label_counts(balance)
    share = balance.get("share")
    if share is None:
        return f"{counts}: too few labels to give a share of women"
    interval = theme.percent_interval(balance.get("interval"))
    return f"{counts}: {theme.percent(share)} women (95% interval {interval})"


def plain_evidence(item: Mapping[str, Any]) -> str:
    """One piece of evidence in words ("first name 'fiona': 99% women among 103,842 people
    ...", "first name 'olaf': 100% men among ..."): the side the evidence points to."""
    detail = str(item.get("detail") or item.get("value") or "")
    detail = TOOL_NOTE_RE.sub("", detail)
    detail = TIMES_RE.sub(lambda m: times(int(m.group(1))), detail)
    found = NAME_RECORDS_RE.match(detail)
    if found:
        side, percent = found["side"], int(found["pct"])
        if percent < 50:  # an older detail giving the other side's share
            side, percent = ("male" if side == "female" else "female"), 100 - percent
        rest = detail[found.end() :].lstrip("; ")
        detail = (
            f"first name '{found['name']}': {percent}% {SIDE_NOUNS[side]} among "
            f"{plural(int(found['n'].replace(',', '')), 'person')} with it in public name lists"
            + (f"; {rest}" if rest else "")
        )
    return detail

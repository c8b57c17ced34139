"""A quick check's result (app.metrics.check) shaped for the check page, in plain words.

Every person row carries its index (what a label override refers to), the label in words, how it
was found, its evidence rewritten without jargon, and the country used when one was known.
"""

from __future__ import annotations

from typing import Any

from app.metrics import check
from dashboards import theme, words
from dashboards.views import describe_label

__all__ = ["default_title", "report"]

STATUS_WORDS = {
    "manel": "an all-male panel",
    "not a manel": "not an all-male panel",
    "undetermined": "not known yet: some labels are missing (set them below)",
    "single": "fewer than two people",
}
GROUP_WORDS = {"men": "written by men", "women": "written by women", "mixed": "written by a "
               "mixed team", "unknown": "authors' genders not known"}  # fmt: skip


def _person(index: int, row: dict[str, Any], *, group: str = "people") -> dict[str, Any]:
    gender = row.get("gender") or row
    label, source = gender.get("label"), str(gender.get("source") or "none")
    counted = label is not None and row.get("kind") != "organisation"
    if not counted:
        described = gender.get("reason") or "an organisation: not counted"
    elif source == check.HEADCOUNT:
        described = "counted by whoever made this check"
    elif source == check.OVERRIDE:
        was = gender.get("inferred") or {}
        described = "set by whoever made this check" + (
            f" (we had {theme.LABEL_NAMES.get(was.get('label'), 'unknown')})" if was else ""
        )
    else:
        described = describe_label(source, gender.get("probability"))
        if label == "unknown" and gender.get("reason"):
            described = f"not known: {gender['reason']}"
    return {
        "index": index, "name": row.get("name") or f"Person {index + 1}", "role": row.get("role"),
        "affiliation": row.get("affiliation"), "country": row.get("country"),
        "quoted": row.get("quoted"), "mentions": row.get("mentions"), "group": group,
        "label": label if counted else None, "described": described,
        "evidence": [words.plain_evidence(e) for e in gender.get("evidence") or []],
    }  # fmt: skip


def report(kind: check.CheckKind, result: dict[str, Any]) -> dict[str, Any]:
    """The page's report for a panel, lineup or article result."""
    rows = check.people_rows(kind, result)
    if kind == "article":
        authors = len(result["author_people"])
        people = [_person(i, row, group="author" if i < authors else "cited")
                  for i, row in enumerate(rows)]  # fmt: skip
        return {"kind": kind, "title": result.get("title") or "Article",
                "balance": result["balance"], "quoted": result["quoted_balance"],
                "group": GROUP_WORDS[result["author_group"]], "people": people,
                "url": result.get("url"), "outlet": result.get("outlet"),
                "organisations": [o["name"] for o in result.get("organisations", [])],
                "sessions": []}  # fmt: skip
    people = [_person(i, row) for i, row in enumerate(rows)]
    shaped: dict[str, Any] = {"kind": kind, "people": people, "sessions": []}
    if kind == "lineup":
        shaped.update(title=result["event"]["name"], balance=result["overall"],
                      manels=result["manels"], panels=result["panels"],
                      undetermined=result["undetermined"], expected=result["expected_manel_rate"],
                      sessions=_sessions(result))  # fmt: skip
    else:
        shaped.update(title="Panel", balance=result["balance"],
                      status=STATUS_WORDS.get(result["status"], result["status"]),
                      status_key=result["status"])  # fmt: skip
    return shaped


def _sessions(result: dict[str, Any]) -> list[dict[str, Any]]:
    found, index = [], 0
    for number, item in enumerate(result["sessions"]):
        size = len(item["people"])
        found.append({"number": number, "title": item["title"], "start": item.get("start"),
                      "status": STATUS_WORDS.get(item["status"], item["status"]),
                      "status_key": item["status"], "balance": item["balance"],
                      "first": index, "size": size})  # fmt: skip
        index += size
    return found


def default_title(kind: check.CheckKind, result: dict[str, Any]) -> str:
    """A saved report's title when the user gives none."""
    if kind == "lineup":
        return str(result["event"]["name"])
    if kind == "article":
        return str(result.get("title") or "An article")
    # No names: a title outlives the report's masking if someone opts out later.
    return f"A panel of {words.plural(len(result['people']), 'person')}"

"""Lineup accuracy: people P/R/F1 per format and role accuracy over our fixtures, the hand-written
HTML pages (tests/fixtures/lineup_handgold, per batch, scored per page) and the real files in
../shared/fixtures/conference (gold: bench/data/lineup_gold). Floors: F1 0.98, html 0.90.
Run: .venv/bin/python -m bench.lineup_accuracy
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapers import lineup, text
from scrapers.errors import ParseError
from scrapers.records import Lineup, PersonKind

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "fixtures" / "conference"
GOLD_DIR = REPO / "bench" / "data" / "lineup_gold"
OWN_DIR = REPO / "tests" / "fixtures" / "lineup"
# Hand-written HTML pages whose gold was written from the page before any tuning (out of sample).
HAND_DIR = REPO / "tests" / "fixtures" / "lineup_handgold"
# Each batch was written after tuning on the ones before it, and scored before tuning on it.
HAND_BATCHES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
FLOORS = {"html": 0.90}
STRUCTURED_FLOOR = 0.98

Key = tuple[str, str]
PAGE_TITLE = "(page)"  # hand-gold pages are scored per page: any session title matches


@dataclass
class Score:
    """Counts for one format."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    roles_right: int = 0
    orgs_as_people: int = 0
    files: list[str] = field(default_factory=list)

    def add(self, gold: dict[Key, str], found: dict[Key, str], orgs: set[Key]) -> None:
        both = gold.keys() & found.keys()
        self.true_pos += len(both)
        self.false_pos += len(found.keys() - gold.keys())
        self.false_neg += len(gold.keys() - found.keys())
        self.roles_right += sum(gold[k] == found[k] for k in both)
        self.orgs_as_people += len(found.keys() & orgs)

    def figures(self) -> tuple[float, float, float, float]:
        """Return precision, recall, F1 and role accuracy (1.0 when nothing to find)."""
        found = self.true_pos + self.false_pos
        wanted = self.true_pos + self.false_neg
        precision = self.true_pos / found if found else 1.0
        recall = self.true_pos / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        roles = self.roles_right / self.true_pos if self.true_pos else 1.0
        return precision, recall, f1, roles


def key(title: str, name: str) -> Key:
    return text.clean(title).casefold(), text.name_key(name)


def from_lineup(parsed: Lineup, *, per_page: bool = False) -> tuple[dict[Key, str], set[Key]]:
    """People (key -> role) and organisations of a lineup (one page-wide session if asked)."""
    people: dict[Key, str] = {}
    orgs: set[Key] = set()
    for session in parsed.sessions:
        title = PAGE_TITLE if per_page else session.title
        for person in session.people:
            if person.kind is PersonKind.PERSON:
                people.setdefault(key(title, person.name), person.role.value)
            else:
                orgs.add(key(title, person.name))
    return people, orgs


def from_gold(gold: dict[str, Any]) -> tuple[dict[Key, str], set[Key]]:
    """People (key -> role) and organisations of a gold file."""
    people: dict[Key, str] = {}
    orgs: set[Key] = set()
    for session in gold["sessions"]:
        for name, role in session.get("people", []):
            people.setdefault(key(session["title"], name), role)
        orgs.update(key(session["title"], name) for name in session.get("organisations", []))
    return people, orgs


def own_cases() -> list[tuple[str, str, bytes, str | None, dict[str, Any]]]:
    """(label, format, content, url, gold) for our fixtures."""
    cases = []
    for path in sorted(OWN_DIR.glob("*/*")):
        if path.name.endswith((".expected.json", ".url")) or not path.is_file():
            continue
        sidecar = path.with_suffix(".url")
        url = sidecar.read_text().strip() if sidecar.exists() else None
        expected = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
        gold = Lineup.model_validate_json(expected.read_text())
        sessions = [
            {"title": s.title,
             "people": [[p.name, p.role.value] for p in s.people if p.kind is PersonKind.PERSON],
             "organisations": [p.name for p in s.people if p.kind is not PersonKind.PERSON]}
            for s in gold.sessions
        ]  # fmt: skip
        label = f"{path.parent.name}/{path.name}"
        cases.append((label, path.parent.name, path.read_bytes(), url, {"sessions": sessions}))
    return cases


def hand_cases(batch: int) -> list[tuple[str, str, bytes, str | None, dict[str, Any]]]:
    """(label, format, content, url, gold) for one batch of hand-written HTML pages, per page."""
    cases = []
    for path in sorted(HAND_DIR.glob("*.html")):
        gold = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        if gold.get("batch", 1) != batch:
            continue
        session = {
            "title": PAGE_TITLE,
            "people": [[p["name"], p["role"]] for p in gold["people"]],
            "organisations": gold["organisations"] + gold["not_people"],
        }
        cases.append((path.name, "html", path.read_bytes(), None, {"sessions": [session]}))
    return cases


def real_cases() -> list[tuple[str, str, bytes, str | None, dict[str, Any]]]:
    """(label, format, content, url, gold) for the real files that have gold."""
    cases = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = SHARED / gold["source"]
        if source.exists():
            cases.append((gold["source"], gold["format"], source.read_bytes(), gold["url"], gold))
    return cases


def evaluate(cases: list[tuple[str, str, bytes, str | None, dict[str, Any]]]) -> dict[str, Score]:
    """Parse every case with format detection and score it per gold format."""
    scores: dict[str, Score] = defaultdict(Score)
    for label, fmt, content, url, gold in cases:
        wanted, orgs = from_gold(gold)
        per_page = gold["sessions"][:1] != [] and gold["sessions"][0]["title"] == PAGE_TITLE
        try:
            found, _ = from_lineup(lineup.parse(content, url=url), per_page=per_page)
        except ParseError as exc:  # an empty agenda is right when the gold is empty
            found = {}
            if wanted:
                print(f"  ! {label}: {exc}")
        score = scores[fmt]
        score.add(wanted, found, orgs)
        score.files.append(label)
        misses = Counter(name for _, name in wanted.keys() - found.keys())
        extras = Counter(name for _, name in found.keys() - wanted.keys())
        if misses or extras:
            print(f"  {label}: missed {sorted(misses)[:6]} extra {sorted(extras)[:6]}")
    return scores


def report(title: str, scores: dict[str, Score]) -> list[str]:
    """Print a table; return the formats below their floor."""
    print(f"\n{title}")
    header = ("format", "files", "P", "R", "F1", "roles", "org→person")
    print("  {:12} {:>5} {:>6} {:>6} {:>6} {:>6} {:>10}".format(*header))
    below = []
    for fmt in sorted(scores):
        score = scores[fmt]
        precision, recall, f1, roles = score.figures()
        print(
            f"  {fmt:12} {len(score.files):5d} {precision:6.3f} {recall:6.3f} {f1:6.3f}"
            f" {roles:6.3f} {score.orgs_as_people:10d}"
        )
        if f1 < FLOORS.get(fmt, STRUCTURED_FLOOR):
            below.append(f"{title}: {fmt}")
    return below


def main() -> int:
    below = report("own fixtures (tests/fixtures/lineup)", evaluate(own_cases()))
    for batch in HAND_BATCHES:
        title = f"hand-written HTML batch {batch} (gold written by hand before tuning on it)"
        below += report(title, evaluate(hand_cases(batch)))
    real = real_cases()
    if real:
        below += report(f"real published files ({SHARED})", evaluate(real))
    else:
        print(f"\nreal files skipped: {SHARED} not found")
    if below:
        print("below floor:", ", ".join(below))
        return 1
    print("\nall formats at or above their floor (structured 0.98, html 0.90)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

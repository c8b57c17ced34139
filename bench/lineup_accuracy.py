"""Lineup accuracy on real agendas whose gold was typed by reading them.

Gold: ../shared/fixtures/conference/wild/*/<stem>.gold.json (conventions in its SOURCES.md; no
program was run over the documents to make it). Each document is parsed with format detection,
exactly as `voicetally extract lineup SOURCE --json` does, and scored on the distinct people it
names: precision, recall and F1 per file and over all files together, plus the organisations
and placeholders counted as people (must be 0).

Leave-one-file-out: `DEVELOPMENT` names the files that were open while rules were written; every
other file is held out (no rule was written for it) and the "held out" line is the figure that
counts. Run: .venv/bin/python -m bench.lineup_accuracy [--verbose] (--verbose lists misses and
extras of development files only, so held-out files stay unread)
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapers import lineup
from scrapers.errors import ParseError
from scrapers.records import Lineup, PersonKind

REPO = Path(__file__).resolve().parents[1]
WILD = REPO.parent / "shared" / "fixtures" / "conference" / "wild"
COMMAND = ".venv/bin/python -m bench.lineup_accuracy"
# Files read while writing rules (their figures are in-sample); all others are held out.
DEVELOPMENT = frozenset(
    {
        "europython-2014.schedule.xml",
        "devquest-2024.sessions.json",
        "amic-2017.conference-program.blade.php",
        "icsob-2024.schedule.md",
    }
)
STRUCTURED = frozenset({"frab", "json", "ics"})
FLOORS = {"structured": 0.95, "html": 0.90, "overall": 0.95}


@dataclass
class Score:
    """Distinct-people counts of one or more files."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    orgs_as_people: int = 0

    def add(self, other: Score) -> None:
        self.true_pos += other.true_pos
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg
        self.orgs_as_people += other.orgs_as_people

    def figures(self) -> tuple[float, float, float]:
        """Precision, recall and F1 (1.0 when there is nothing to find or nothing found)."""
        found = self.true_pos + self.false_pos
        wanted = self.true_pos + self.false_neg
        precision = self.true_pos / found if found else 1.0
        recall = self.true_pos / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def key(name: str) -> str:
    """Compare names without case, accents or punctuation ('Julia S.Simon' = 'Julia S. Simon')."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


def gold_people(gold: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(people, organisations) of a gold file, as name keys."""
    people: set[str] = set()
    orgs: set[str] = set()
    for session in gold["sessions"]:
        for person in session["people"]:
            (orgs if person.get("is_organization") else people).add(key(person["name"]))
    return people, orgs


def found_people(parsed: Lineup) -> set[str]:
    """The people (kind person) of a parsed lineup, as name keys."""
    return {key(p.name) for s in parsed.sessions for p in s.people if p.kind is PersonKind.PERSON}


def score_file(path: Path, *, verbose: bool) -> tuple[str, Score, str]:
    """Parse one wild document and score it against its gold; return (format, score, note)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = path.parent / gold["source_file"]
    wanted, orgs = gold_people(gold)
    note = ""
    try:
        parsed = lineup.parse(source.read_bytes())
        found, note = found_people(parsed), parsed.format or ""
    except ParseError as exc:
        found, note = set(), f"error: {exc}"
    score = Score(
        true_pos=len(wanted & found),
        false_pos=len(found - wanted),
        false_neg=len(wanted - found),
        orgs_as_people=len(found & orgs),
    )
    if verbose:
        print(f"    missed {sorted(wanted - found)}\n    extra  {sorted(found - wanted)}")
    return path.parent.name, score, note


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    if not WILD.exists():
        print(f"skipped: {WILD} not found")
        return 0
    print(f"$ {COMMAND}\nlineup people on {WILD} (gold typed by reading)\n")
    print(f"  {'file':42} {'folder':6} {'P':>6} {'R':>6} {'F1':>6} {'org→p':>5}  read?  parsed as")
    groups: dict[str, Score] = {}
    for path in sorted(WILD.glob("*/*.gold.json")):
        source = json.loads(path.read_text(encoding="utf-8"))["source_file"]
        held = source not in DEVELOPMENT
        folder, score, note = score_file(path, verbose=verbose and not held)
        kind = "structured" if folder in STRUCTURED else "html"
        names = ["all", "held out", f"held out {kind}"] if held else ["all", "development"]
        for group in names:
            groups.setdefault(group, Score()).add(score)
        precision, recall, f1 = score.figures()
        print(
            f"  {source[:42]:42} {folder:6} {precision:6.3f} {recall:6.3f} {f1:6.3f}"
            f" {score.orgs_as_people:5d}  {'held' if held else 'dev ':5}  {note[:60]}"
        )
    return report(groups)


def report(groups: dict[str, Score]) -> int:
    """Print the groups' figures; return 1 when a held-out group is below its floor."""
    print()
    below = []
    for name in ("held out", "held out structured", "held out html", "development", "all"):
        if name not in groups:
            continue
        score = groups[name]
        precision, recall, f1 = score.figures()
        print(
            f"  {name:22} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}"
            f"  organisations/placeholders counted as people: {score.orgs_as_people}"
        )
        floor = {"held out": "overall", "held out structured": "structured"}.get(name, "html")
        if name.startswith("held out") and (f1 < FLOORS[floor] or score.orgs_as_people):
            below.append(name)
    print(f"\nbelow target: {', '.join(below)}" if below else "\nheld-out figures meet targets")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

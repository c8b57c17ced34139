"""Accuracy of scrapers.article on real pages, per set, from gold made by reading.

Sets: the real pages of ../shared/fixtures/media/html (annotated in bench/data/article_gold/),
our written pages (development, held-out and sealed, each reported apart), and the PolNeAR train
pages of ../shared/fixtures/media/polnear_train (issue 12; gold beside each page, made by reading,
rules in its SOURCES.md). PolNeAR is also split by site: the pages of POLNEAR_READ_SITES were read
while rules were written, the other sites' pages never were (leave-site-out). Per set: authors
P/R/F1, cited people P/R/F1, quoted-flag accuracy, affiliation match, women and men among cited
sources P/R/F1 (app.gender labels each found person; a person the gold leaves unlabelled and we
label counts against precision), and the time of the whole extraction against trafilatura alone
(warm; bench.article_speed times it cold).
Run: python -m bench.article_accuracy [SET-WORD...] [--no-time]  (e.g. `polnear --no-time`)
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from scrapers.article import parse

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / "shared" / "fixtures" / "media"
GOLD_DIR = ROOT / "bench" / "data" / "article_gold"
POLNEAR = MEDIA / "polnear_train"
# (label, annotation file, folder of the pages it annotates)
GOLD_SETS = (
    ("real pages", GOLD_DIR / "media_fixtures.json", MEDIA / "html"),
    ("written pages", GOLD_DIR / "written_pages.json", GOLD_DIR / "pages"),
    # Gold written by hand before the second tuning round: report apart, as out-of-sample.
    ("held-out written pages", GOLD_DIR / "heldout_pages.json", GOLD_DIR / "heldout"),
    # Written with the held-out set but first run only after the second round was tuned.
    ("sealed written pages", GOLD_DIR / "sealed_pages.json", GOLD_DIR / "sealed"),
    # PolNeAR train split (issue 12): one <doc>.gold.json beside each page, gender m/f/null.
    ("polnear train pages", POLNEAR, POLNEAR),
)
# PolNeAR sites whose pages were read while writing rules; the others stay unread (issue 12).
POLNEAR_READ_SITES = ("breitbart", "huff-post", "nyt", "wash-post")
GENDERS = {"m": "man", "f": "woman", "man": "man", "woman": "woman"}
AFFILIATION_OVERLAP = 0.5
TIME_REPEATS = 3
STOP = frozenset({"a", "an", "the", "of", "at", "for", "and", "in", "on", "to"})
# Floors this bench must keep (trafilatura's eval-gate idea): fail loudly below them.
FLOORS = {"authors_f1": 0.95, "cited_f1": 0.80}


def _key(name: str) -> tuple[str, str]:
    name = re.sub(r"\([^)]*\)", " ", name).lower()
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", name) if len(w) > 1]
    return (words[0], words[-1]) if words else ("", "")


def _matches(predicted: str, gold: dict[str, object]) -> bool:
    names = [str(gold["name"]), *[str(a) for a in gold.get("aliases", [])]]  # type: ignore[attr-defined]
    p = _key(predicted)
    for name in names:
        g = _key(name)
        if p == g:
            return True
        single = len(predicted.split()) == 1 or len(name.split()) == 1
        if single and p[1] == g[1]:
            return True
    return False


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower().replace("’", "'")) if w not in STOP}


def _affiliation_ok(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    p, g = _words(predicted), _words(gold)
    return len(p & g) / max(len(p | g), 1) >= AFFILIATION_OVERLAP or g <= p or p <= g


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score_authors(predicted: tuple[str, ...], gold: list[str]) -> Tally:
    tp = sum(1 for g in gold if any(_key(p) == _key(g) for p in predicted))
    return Tally(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def _score_cited(article, gold: list[dict[str, object]], quoted: list[int], aff: list[int]):
    tally, missed, extra, pairs = Tally(), [], [], []
    left = list(article.cited)
    for person in gold:
        found = next((c for c in left if _matches(c.name, person)), None)
        pairs.append((person, found))
        if found is None:
            tally.fn += 1
            missed.append(str(person["name"]))
            continue
        left.remove(found)
        tally.tp += 1
        quoted[0] += found.quoted == person["quoted"]
        quoted[1] += 1
        if person.get("affiliation"):
            aff[0] += _affiliation_ok(found.affiliation, str(person["affiliation"]))
            aff[1] += 1
    tally.fp = len(left)
    extra = [c.name for c in left]
    pairs.extend((None, c) for c in left)
    return tally, missed, extra, pairs


def _labeller():
    """Return app.gender's labeller (name + honorific + cues), or None when app is absent."""
    try:
        from app.gender.engine import default_engine
    except ImportError:
        return None
    engine = default_engine()
    return lambda c: str(engine.infer(c.name, honorific=c.honorific, cues=c.cues).label)


def _gender_tallies(pairs, label) -> dict[str, Tally]:
    """Women and men among cited sources, GGT style: a hit needs the person and the label."""
    tallies = {"woman": Tally(), "man": Tally()}
    for gold, found in pairs:
        predicted = label(found) if found is not None else None
        expected = GENDERS.get(str(gold["gender"])) if gold is not None else None
        for gender, tally in tallies.items():
            if expected == gender and predicted == gender:
                tally.tp += 1
            elif expected == gender:
                tally.fn += 1
            elif predicted == gender:
                tally.fp += 1
    return tallies


def _trafilatura_alone(content: bytes) -> object:
    return trafilatura.bare_extraction(content, with_metadata=True, include_comments=False)


def _best_time(work, content: bytes) -> float:
    """Seconds of the fastest of TIME_REPEATS runs: the machine is shared, noise only adds."""
    times = []
    for _ in range(TIME_REPEATS):
        start = time.perf_counter()
        work(content)
        times.append(time.perf_counter() - start)
    return min(times)


def _run_set(
    gold: dict[str, dict[str, object]], pages: Path, labeller, *, timed: bool = True
) -> dict[str, object]:
    authors, cited = Tally(), Tally()
    quoted, aff = [0, 0], [0, 0]
    genders = {"woman": Tally(), "man": Tally()}
    ours = theirs = 0.0
    for name, expected in sorted(gold.items()):
        content = (pages / f"{name}.html").read_bytes()
        if timed:
            theirs += _best_time(_trafilatura_alone, content)
            ours += _best_time(parse, content)
        article = parse(content)
        a = _score_authors(article.authors, expected["authors"])
        c, missed, extra, pairs = _score_cited(article, expected["cited"], quoted, aff)
        if labeller is not None:
            for gender, tally in _gender_tallies(pairs, labeller).items():
                genders[gender].add(tally)
        authors.add(a)
        cited.add(c)
        print(
            f"{name:42} authors tp={a.tp} fp={a.fp} fn={a.fn}  cited tp={c.tp} fp={c.fp} fn={c.fn}"
        )
        for kind, people in (("missed", missed), ("extra", extra)):
            if people:
                print(f"    {kind}: {', '.join(people)}")
    return {"pages": len(gold), "authors": authors, "cited": cited, "quoted": quoted,
            "aff": aff, "genders": genders, "ours": ours, "theirs": theirs}  # fmt: skip


def _report(label: str, run: dict[str, object], *, gendered: bool) -> tuple[float, float]:
    authors, cited = run["authors"], run["cited"]
    quoted, aff = run["quoted"], run["aff"]
    ap, ar, af = authors.prf()
    cp, cr, cf = cited.prf()
    print(f"\n== {label}: {run['pages']} pages, gold authors {authors.tp + authors.fn}, "
          f"gold cited {cited.tp + cited.fn}")  # fmt: skip
    print(f"authors  P {ap:.3f}  R {ar:.3f}  F1 {af:.3f}")
    print(f"cited    P {cp:.3f}  R {cr:.3f}  F1 {cf:.3f}")
    print(
        f"quoted-flag accuracy {quoted[0] / max(quoted[1], 1):.3f} over {quoted[1]} matched people"
    )
    print(f"affiliation match    {aff[0] / max(aff[1], 1):.3f} over {aff[1]} gold affiliations")
    for gender, tally in run["genders"].items() if gendered else ():
        gp, gr, gf = tally.prf()
        size = tally.tp + tally.fn
        print(f"{gender + ' sources':16} P {gp:.3f}  R {gr:.3f}  F1 {gf:.3f}  (gold {size})")
    ours, theirs = run["ours"], run["theirs"]
    if theirs:
        ratio = ours / theirs
        print(f"time: parse {ours:.2f}s, trafilatura alone {theirs:.2f}s, ratio {ratio:.2f}x")
    return af, cf


def _combine(runs: list[dict[str, object]]) -> dict[str, object]:
    """Sum the tallies of several sets (the issue's >= 30-article gold set is their union)."""
    total: dict[str, object] = {"pages": 0, "authors": Tally(), "cited": Tally(),
        "quoted": [0, 0], "aff": [0, 0], "genders": {"woman": Tally(), "man": Tally()},
        "ours": 0.0, "theirs": 0.0}  # fmt: skip
    for run in runs:
        total["pages"] += run["pages"]
        total["authors"].add(run["authors"])
        total["cited"].add(run["cited"])
        for key in ("quoted", "aff"):
            total[key] = [a + b for a, b in zip(total[key], run[key], strict=True)]
        for gender, tally in run["genders"].items():
            total["genders"][gender].add(tally)
        total["ours"] += run["ours"]
        total["theirs"] += run["theirs"]
    return total


def _load_gold(source: Path) -> dict[str, dict[str, object]]:
    """One JSON of pages by name, or a folder of <name>.gold.json beside <name>.html."""
    if source.is_dir():
        return {
            path.name.removesuffix(".gold.json"): json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(source.glob("*.gold.json"))
        }
    return json.loads(source.read_text(encoding="utf-8"))["pages"]


def _split_polnear(gold: dict[str, dict[str, object]]) -> list[tuple[str, dict]]:
    """PolNeAR by whether its site's pages were read while rules were written (issue 12)."""
    read = {k: v for k, v in gold.items() if k.split("_")[0] in POLNEAR_READ_SITES}
    unread = {k: v for k, v in gold.items() if k not in read}
    return [
        ("polnear train, sites read while writing rules (" + ", ".join(POLNEAR_READ_SITES) + ")",
         read),
        ("polnear train, sites never read (leave-site-out)", unread),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    timed = "--no-time" not in args
    only = [a for a in args if not a.startswith("--")]
    labeller = _labeller()
    below: list[str] = []
    runs = []
    for label, gold_file, pages in GOLD_SETS:
        if only and not any(word in label for word in only):
            continue
        if not pages.is_dir():
            print(f"skipped {label}: {pages} not found")
            continue
        print(f"\n### {label}")
        gold = _load_gold(gold_file)
        runs.append(_run_set(gold, pages, labeller, timed=timed))
        af, cf = _report(label, runs[-1], gendered=labeller is not None)
        if pages == POLNEAR:
            for part, subset in _split_polnear(gold):
                _report(part, _run_set(subset, pages, labeller, timed=False), gendered=True)
        below += [
            f"{label} {k}" for k, v in (("authors_f1", af), ("cited_f1", cf)) if v < FLOORS[k]
        ]
    if len(runs) > 1:
        _report("all sets together", _combine(runs), gendered=labeller is not None)
    if labeller is None:
        print("gender figures skipped: app.gender is not importable")
    if below:
        print(f"BELOW FLOOR: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

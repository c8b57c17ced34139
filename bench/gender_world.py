"""Leave-one-country-out accuracy of the gender engine, by world region, against the baselines.

Run: .venv/bin/python -m bench.gender_world [--country] [--write]
Reads ../shared/data/names_world_dev.csv (legislators of 56 countries, names as published) and
../shared/data/names_dev.csv (Nobel laureates, US Congress) in place; skipped when absent.

Method (Santamaría & Mihaljević 2018 metrics): every row is scored by parameters fitted without its
country (names_dev: without its source). The fitted parameters are the logit scale that calibrates
the engine's P(woman) and the threshold, chosen on the other countries as the lowest errorCoded
with errorCodedWithoutNA <= MAX_ERROR_WITHOUT_NA. nomquamgender alone (the full name as published,
its own first-word fallback) gets the same cross-validated threshold choice, and is also shown at
its best single threshold chosen on the scored rows themselves (a flattering oracle for it).
gender-guesser gets the first word. Prints per region, the trade-off curve and a reliability table.
`--write` stores the figures in bench/data/gender/world_results.json, from which the methodology
page's error figures are generated (dashboards/methodology.json; never pasted).
"""

from __future__ import annotations

import csv
import datetime
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.gender.engine import DEFAULT_THRESHOLD
from bench.gender_accuracy import metrics
from bench.gender_regions import COUNTRY_ISO, REGION

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT.parent / "shared" / "data" / "names_world_dev.csv"
DEV = ROOT.parent / "shared" / "data" / "names_dev.csv"
OUT = ROOT / "bench" / "data" / "gender" / "world_results.json"
METHODOLOGY = ROOT / "dashboards" / "methodology.json"
MAX_ERROR_WITHOUT_NA = 0.02
GRID = tuple(round(0.5 + i * 0.01, 2) for i in range(50))
SCALES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4)
WORLD_ALL = "ALL names_world_dev"
PAGE_GROUP = {"ALL": "all", WORLD_ALL: "legislators, all countries",
              "names_dev": "Nobel laureates and US Congress"}  # fmt: skip
DEV_GROUP = {"nobel": "Nobel laureates", "us_congress": "US Congress"}


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    gender: str
    group: str  # the country (or names_dev source) left out as a whole
    region: str
    iso: str | None


def read_rows() -> list[Row]:
    """Both development files as rows; empty when they are not beside the project."""
    rows: list[Row] = []
    if WORLD.exists():
        with WORLD.open(newline="", encoding="utf-8") as handle:
            for r in csv.DictReader(handle):
                country = r["country"]
                rows.append(Row(r["full_name"], r["gender"], country, REGION[country],
                                COUNTRY_ISO.get(country)))  # fmt: skip
    if DEV.exists():
        with DEV.open(newline="", encoding="utf-8") as handle:
            for r in csv.DictReader(handle):
                group = DEV_GROUP[r["origin"]]
                iso = "US" if r["origin"] == "us_congress" else None
                rows.append(Row(r["full_name"], r["gender"], group, "names_dev", iso))
    return [r for r in rows if r.gender in ("f", "m")]


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def scaled(p: float, scale: float) -> float:
    return 0.5 if p == 0.5 else 1 / (1 + math.exp(-scale * logit(p)))


def predict(p: float, threshold: float) -> str:
    if p >= threshold:
        return "f"
    return "m" if 1 - p >= threshold else "u"


def log_loss(golds: Sequence[str], ps: Sequence[float]) -> float:
    total = 0.0
    for gold, p in zip(golds, ps, strict=True):
        q = min(max(p if gold == "f" else 1 - p, 1e-6), 1.0)
        total -= math.log(q)
    return total


def best_threshold(golds: Sequence[str], ps: Sequence[float], ceiling: float) -> float:
    """The threshold with the lowest errorCoded whose errorCodedWithoutNA stays <= ceiling."""
    best, best_error = GRID[-1], math.inf
    for t in GRID:
        m = metrics([(g, predict(p, t)) for g, p in zip(golds, ps, strict=True)])
        if m["errorCodedWithoutNA"] <= ceiling and m["errorCoded"] < best_error - 1e-12:
            best, best_error = t, m["errorCoded"]
    return best


def fit(golds: Sequence[str], ps: Sequence[float], *, calibrate: bool) -> tuple[float, float]:
    """(scale, threshold) fitted on these rows: scale by log loss, then the threshold."""
    scale = 1.0
    if calibrate:
        decided = [(g, p) for g, p in zip(golds, ps, strict=True) if p != 0.5]
        golds_decided = [g for g, _ in decided]
        scale = min(
            SCALES, key=lambda s: log_loss(golds_decided, [scaled(p, s) for _, p in decided])
        )
    return scale, best_threshold(golds, [scaled(p, scale) for p in ps], MAX_ERROR_WITHOUT_NA)


def leave_one_out(
    rows: list[Row], ps: list[float], *, calibrate: bool
) -> tuple[list[str], list[float], dict[str, tuple[float, float]]]:
    """Out-of-group predictions and calibrated P(woman); each group fitted on all the others."""
    predicted, calibrated = [""] * len(rows), [0.5] * len(rows)
    fitted: dict[str, tuple[float, float]] = {}
    for group in sorted({r.group for r in rows}):
        train = [i for i, r in enumerate(rows) if r.group != group]
        scale, threshold = fit([rows[i].gender for i in train], [ps[i] for i in train],
                               calibrate=calibrate)  # fmt: skip
        fitted[group] = (scale, threshold)
        for i, r in enumerate(rows):
            if r.group == group:
                calibrated[i] = scaled(ps[i], scale)
                predicted[i] = predict(calibrated[i], threshold)
    return predicted, calibrated, fitted


def engine_probabilities(rows: list[Row], *, with_country: bool) -> list[float]:
    from app.gender.engine import default_engine

    engine = default_engine()
    return [engine.infer(r.name, country=r.iso if with_country else None).p_woman for r in rows]


def nqg_probabilities(rows: list[Row]) -> list[float]:
    import nomquamgender as nqg

    found = nqg.NBGC().annotate([r.name for r in rows])
    return [0.5 if p != p else float(p) for *_, p in found]


def guesser_predictions(rows: list[Row]) -> list[str]:
    import gender_guesser.detector as gg

    detector = gg.Detector()
    code = {"female": "f", "mostly_female": "f", "male": "m", "mostly_male": "m"}
    return [code.get(detector.get_gender((r.name.split() or [""])[0].title()), "u") for r in rows]


def _line(label: str, m: dict[str, float], n: int) -> str:
    return (f"  {label:<34} {n:>5} {m['errorCoded']:>7.3f} {m['errorCodedWithoutNA']:>7.3f} "
            f"{m['naCoded']:>7.3f}")  # fmt: skip


def by_region(rows: list[Row], systems: dict[str, list[str]]) -> dict[str, dict[str, dict]]:
    """Metrics per region (and ALL) for every system's predictions."""
    regions = ["ALL", WORLD_ALL, *sorted({r.region for r in rows})]
    table: dict[str, dict[str, dict]] = {}
    for region in regions:
        idx = [i for i, r in enumerate(rows) if _in(region, r)]
        table[region] = {
            name: {"n": len(idx), **metrics([(rows[i].gender, pred[i]) for i in idx])}
            for name, pred in systems.items()
        }
    return table


def _in(region: str, row: Row) -> bool:
    if region == WORLD_ALL:
        return row.region != "names_dev"
    return region in ("ALL", row.region)


def reliability(rows: list[Row], ps: list[float], threshold: float) -> list[dict]:
    """Of labels given probability p (binned), the share that were right."""
    bins: dict[float, list[bool]] = defaultdict(list)
    for row, p in zip(rows, ps, strict=True):
        label = predict(p, threshold)
        if label == "u":
            continue
        prob = max(p, 1 - p)
        edge = min(0.95, math.floor(prob * 20) / 20)
        bins[edge].append(label == row.gender)
    return [
        {"from": edge, "n": len(hits), "mean_p": None, "right": sum(hits) / len(hits)}
        for edge, hits in sorted(bins.items())
    ]


def curve(rows: list[Row], ps: list[float]) -> list[dict]:
    out = []
    for t in (*GRID[::5], 0.97, 0.99):
        m = metrics([(r.gender, predict(p, t)) for r, p in zip(rows, ps, strict=True)])
        out.append({"threshold": t, **{k: round(v, 4) for k, v in m.items()}})
    return out


def _print_regions(table: dict[str, dict[str, dict]]) -> None:
    print(f"  {'region / system':<34} {'n':>5} {'errCod':>7} {'noNA':>7} {'naCod':>7}")
    for region, systems in table.items():
        print(f"{region}")
        for name, m in systems.items():
            print(_line(name, m, m["n"]))


def run(with_country: bool) -> dict:
    rows = read_rows()
    if not rows:
        print(f"skip: {WORLD} and {DEV} not found")
        return {}
    ours_p = engine_probabilities(rows, with_country=with_country)
    nqg_p = nqg_probabilities(rows)
    ours, ours_cal, ours_fit = leave_one_out(rows, ours_p, calibrate=True)
    nqg_cv, _, _ = leave_one_out(rows, nqg_p, calibrate=False)
    golds = [r.gender for r in rows]
    world = [i for i, r in enumerate(rows) if r.region != "names_dev"]
    nqg_best = best_threshold([golds[i] for i in world], [nqg_p[i] for i in world], 0.03)
    systems = {
        "engine (LOCO scale+threshold)": ours,
        "nomquamgender (LOCO threshold)": nqg_cv,
        f"nomquamgender (t={nqg_best}, best on world)": [predict(p, nqg_best) for p in nqg_p],
        "gender-guesser (first word)": guesser_predictions(rows),
    }
    table = by_region(rows, systems)
    scale, threshold = fit(golds, ours_p, calibrate=True)
    result = {
        "rows": len(rows),
        "with_country": with_country,
        "fitted_on_all_rows": {"scale": scale, "threshold": threshold},
        "nqg_oracle_threshold": nqg_best,
        "regions": table,
        "curve_out_of_fold_calibrated": curve(rows, ours_cal),
        "reliability": reliability(rows, ours_cal, threshold),
        "folds": {g: {"scale": s, "threshold": t} for g, (s, t) in ours_fit.items()},
    }
    _report(result, rows, ours, ours_p)
    return result


def _report(result: dict, rows: list[Row], ours: list[str], ours_p: list[float]) -> None:
    mode = "names and country" if result["with_country"] else "names alone"
    print(f"== leave-one-country-out, {result['rows']} rows, {mode} ==")
    _print_regions(result["regions"])
    fitted = result["fitted_on_all_rows"]
    shipped = 1 / (1 + math.exp(-logit(fitted["threshold"]) / fitted["scale"]))
    print(f"fitted on all rows: scale {fitted['scale']}, threshold {fitted['threshold']} "
          f"(on the engine's own P: {shipped:.3f}; shipped DEFAULT_THRESHOLD "
          f"{DEFAULT_THRESHOLD})")  # fmt: skip
    print("trade-off, out-of-fold calibrated P:  t  errorCoded  withoutNA  naCoded")
    for point in result["curve_out_of_fold_calibrated"]:
        print(f"  {point['threshold']:.2f}  {point['errorCoded']:.3f}  "
              f"{point['errorCodedWithoutNA']:.3f}  {point['naCoded']:.3f}")  # fmt: skip
    print("reliability: labels with probability in [p, p+0.05) -> share right")
    for b in result["reliability"]:
        print(f"  {b['from']:.2f}  n={b['n']:>5}  right {b['right']:.3f}")
    per_country = defaultdict(list)
    for row, pred in zip(rows, ours, strict=True):
        per_country[row.group].append((row.gender, pred))
    print("per country (engine, LOCO): errorCoded / withoutNA / naCoded")
    for group, pairs in sorted(per_country.items()):
        m = metrics(pairs)
        print(f"  {group:<26} {len(pairs):>4} {m['errorCoded']:.3f} "
              f"{m['errorCodedWithoutNA']:.3f} {m['naCoded']:.3f}")  # fmt: skip


def write_methodology(result: dict, path: Path = METHODOLOGY) -> None:
    """Regenerate the methodology page's error figures from the bench's output."""
    page = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for region, systems in result["regions"].items():
        m = next(iter(systems.values()))
        rows.append({"group": PAGE_GROUP.get(region, region), "n": m["n"],
                     **{k: round(m[k], 3) for k in ("errorCoded", "errorCodedWithoutNA",
                                                     "naCoded")},
                     "bias": round(m["errorGenderBias"], 3)})  # fmt: skip
    page["measured"] = (f"{datetime.date.today().isoformat()}, bench/gender_world.py --write, "
                        f"leave-one-country-out, names alone, {result['rows']} rows")  # fmt: skip
    page["sets"] = [{"name": "legislators of 56 countries and the development set, by region "
                             "(each country scored by parameters fitted without it)",
                     "rows": rows}]  # fmt: skip
    path.write_text(json.dumps(page, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Callable[[], list[str]] = lambda: sys.argv[1:]) -> int:
    args = argv()
    result = run("--country" in args)
    if result and "--write" in args and not result["with_country"]:
        OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        write_methodology(result)
        print(f"wrote {OUT.relative_to(ROOT)} and {METHODOLOGY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

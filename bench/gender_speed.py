"""Speed and memory of the engine's batch path against gender-guesser and nomquamgender (issue 3).

Run: .venv/bin/python -m bench.gender_speed [N] [--repeats R]
Same input list for all three: a stream of N full names (default 100,000) drawn with repeats from
the gold sets, one core, CPU time of this process (the machine is shared; wall time is not ours).
Set-up (loading name data and the engine's stored fast-path table, one untimed pass each) is
excluded for all three and printed apart; every name lookup is timed.
Each timed repeat starts the engine cold: a fresh Engine, every memo cleared. gender-guesser takes
a first name, so its timed loop includes taking the first word of each full name, the least a
caller must do; its rate on first names split beforehand is printed too, for information.
The target (issue 11): distinct names, every memo cleared, against nomquamgender's batch call on
the same distinct names in the same repeat. Exits 1 when that median ratio is below TARGET_RATIO
or the engine's peak RSS exceeds RSS_LIMIT_MB.
"""

from __future__ import annotations

import csv
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "gender"
DEV = ROOT.parent / "shared" / "data" / "names_dev.csv"
SEED = 7
DEFAULT_SIZE = 100_000
DEFAULT_REPEATS = 5
TARGET_RATIO = 1.0  # issue 11: distinct names cold >= 1.0x nomquamgender's batch rate
RSS_LIMIT_MB = 200
WARM_UP = 2_000
CONTENDERS = ("gg", "gg1", "nqg", "nqg_distinct", "ours", "cached", "cold")


def _names() -> list[str]:
    paths = [*sorted(GOLD.glob("*.csv")), *([DEV] if DEV.exists() else [])]
    names = []
    for path in paths:
        with path.open(newline="", encoding="utf-8") as handle:
            names.extend(r["full_name"] for r in csv.DictReader(handle) if r.get("full_name"))
    return names


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def _args() -> tuple[int, int]:
    args = sys.argv[1:]
    repeats = DEFAULT_REPEATS
    if "--repeats" in args:
        at = args.index("--repeats")
        repeats = int(args[at + 1])
        del args[at : at + 2]
    sizes = [int(a) for a in args if a.isdigit()]  # `python -m bench a b` passes its own names
    return (sizes[0] if sizes else DEFAULT_SIZE), repeats


def _report(label: str, count: int, seconds: list[float]) -> float:
    rates = [count / s for s in seconds if s > 0]
    median = statistics.median(rates)
    spread = f"{min(rates):,.0f}-{max(rates):,.0f}"
    print(f"  {label:<48} {median:>11,.0f} names/s  (median of {len(rates)}; {spread})")
    return median


def _measure(stream: list[str], distinct: list[str], repeats: int) -> dict[str, list[float]]:
    """CPU seconds per contender and repeat, interleaved so a busy moment hits every one."""
    import gender_guesser.detector as gg
    import nomquamgender as nqg

    from app.gender.engine import Engine, clear_memos

    detector, model = gg.Detector(), nqg.NBGC()
    firsts = [n.split()[0].title() if n.split() else "" for n in stream]
    rows = [(name, None) for name in stream]
    unique = [(name, None) for name in distinct]

    def guesser_full() -> None:
        for name in stream:
            words = name.split()
            detector.get_gender(words[0].title() if words else "")

    def guesser_first() -> None:
        for first in firsts:
            detector.get_gender(first)

    # Set-up, untimed for all three: one pass each, so lazy loads inside the libraries
    # (nameparser's vocabulary, anyascii's script blocks) do not land in the first repeat.
    guesser_full(), guesser_first(), model.annotate(stream[:WARM_UP])
    Engine().infer_batch(unique)
    timings: dict[str, list[float]] = {k: [] for k in CONTENDERS}
    for _ in range(repeats):
        timings["gg"].append(_cpu_seconds(guesser_full))
        timings["gg1"].append(_cpu_seconds(guesser_first))
        timings["nqg"].append(_cpu_seconds(lambda: model.annotate(stream)))
        timings["nqg_distinct"].append(_cpu_seconds(lambda: model.annotate(distinct)))
        clear_memos()
        engine = Engine()
        timings["ours"].append(_cpu_seconds(lambda: engine.infer_batch(rows)))  # noqa: B023
        timings["cached"].append(_cpu_seconds(lambda: engine.infer_batch(rows)))  # noqa: B023
        clear_memos()
        engine = Engine()
        timings["cold"].append(_cpu_seconds(lambda: engine.infer_batch(unique)))  # noqa: B023
    return timings


def _load_rss() -> float:
    """Load the engine (and, to time it, the baselines); return peak RSS with only ours loaded."""
    from app.gender.engine import Engine

    start = time.perf_counter()
    engine = Engine()
    engine.infer_batch([(f"Name {i}", None) for i in range(2_000)])  # loads the fast table
    engine.infer("محمد علي")  # and the Arabic-script skeleton indexes
    engine_rss = _peak_rss_mb()
    print(f"set-up, excluded from the rates: engine {time.perf_counter() - start:.2f} s", end="")
    import gender_guesser.detector as gg
    import nomquamgender as nqg

    start = time.perf_counter()
    gg.Detector(), nqg.NBGC()
    print(f", both baselines {time.perf_counter() - start:.2f} s")
    return engine_rss


def main() -> int:
    size, repeats = _args()
    from scrapers import compiled  # which modules label: the compiled build, or the pure ones

    print(f"engine modules: {compiled.status()} ({compiled.PURE_SWITCH}=1: the pure ones)")
    names = _names()
    stream = random.Random(SEED).choices(names, k=size)
    distinct = list(dict.fromkeys(names))
    engine_rss = _load_rss()
    timings = _measure(stream, distinct, repeats)
    print(f"{size:,} full names ({len(distinct):,} distinct), one core, CPU time:")
    guesser = _report("gender-guesser get_gender (first word taken)", size, timings["gg"])
    guesser_pre = _report("gender-guesser get_gender (first names pre-split)", size, timings["gg1"])
    nomquam = _report("nomquamgender annotate (batch)", size, timings["nqg"])
    ours = _report("engine infer_batch, stream (first sight cold)", size, timings["ours"])
    _report("engine infer_batch, same stream again (cached)", size, timings["cached"])
    nqg_distinct = _report(
        "nomquamgender annotate (batch), distinct names", len(distinct), timings["nqg_distinct"]
    )
    cold = _report("engine infer_batch, distinct names, all cold", len(distinct), timings["cold"])
    ratios = [n / o for n, o in zip(timings["nqg_distinct"], timings["cold"], strict=True)]
    ratio = statistics.median(ratios)  # per repeat: back to back, so a busy moment hits both
    print(f"distinct names cold against nomquamgender's batch, same names, same repeat: "
          f"{ratio:.2f}x (median of {len(ratios)}; {min(ratios):.2f}-{max(ratios):.2f}; "
          f"target {TARGET_RATIO})")  # fmt: skip
    print(f"stream against the faster baseline: {ours / max(guesser, nomquam):.2f}x (info)")
    print(
        f"stream against gender-guesser on pre-split first names: {ours / guesser_pre:.2f}x "
        f"(info; nomquamgender on distinct names {nqg_distinct:,.0f}/s, ours {cold:,.0f}/s)"
    )
    print(f"peak RSS, engine and its name data loaded: {engine_rss:.0f} MB (limit {RSS_LIMIT_MB})")
    print(f"peak RSS after the baselines loaded theirs too: {_peak_rss_mb():.0f} MB")
    failed = ratio < TARGET_RATIO or engine_rss > RSS_LIMIT_MB
    if failed:
        print("FAIL: below the speed target or over the memory limit (issue 3)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

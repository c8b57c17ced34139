"""Instructions (valgrind callgrind) of the two cold paths issues 11 and 12 time, steady whatever
the load: CPU time on a shared machine swings, instruction counts do not.

    .venv/bin/python -m bench.instructions article [polnear|real]   # parse vs trafilatura alone
    .venv/bin/python -m bench.instructions gender                   # cold batch vs nomquamgender

Only the timed calls are counted: each runs inside functools.reduce, and callgrind collects only
inside that C function (--collect-atstart=no --toggle-collect=functools_reduce), so imports,
loading and warm-up are left out. Articles: every page of the set parsed cold (memos emptied
before each, as bench.article_speed). Gender: the bench's distinct names in one cold batch (a
fresh Engine, memos cleared, after an untimed pass that loads the tables, as bench.gender_speed).
Each run prints the profile file it wrote (`callgrind_annotate --inclusive=yes FILE`; compiled
functions show as CPyDef_MODULE___FUNCTION). Instructions are not time: nomquamgender's numpy
work runs more instructions per cycle than our dict and string work (README, issue 11).
"""

from __future__ import annotations

import functools
import gc
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

CHILD = "--child"
COLLECTED = re.compile(r"Collected : (\d+)")


def _article_work(which: str, mode: str) -> None:
    from trafilatura.meta import reset_caches

    from bench.article_speed import SETS, WARM_UP, _trafilatura_alone
    from scrapers import text as scraper_text
    from scrapers.article import parse

    folder = dict(SETS)["polnear train pages" if which == "polnear" else "real pages"]
    pages = [path.read_bytes() for path in sorted(folder.glob("*.htm*"))]
    parse(WARM_UP.read_bytes())
    _trafilatura_alone(WARM_UP.read_bytes())
    work: Callable[[bytes], object] = parse if mode == "parse" else _trafilatura_alone
    for content in pages:
        reset_caches()
        scraper_text.clear_caches()
        gc.collect()
        functools.reduce(lambda _, page: work(page), [content], None)


def _gender_work(mode: str) -> None:
    import nomquamgender as nqg

    from app.gender.engine import Engine, clear_memos
    from bench.gender_speed import _names

    names = list(dict.fromkeys(_names()))
    rows = [(name, None) for name in names]
    Engine().infer_batch(rows)  # loads the tables, untimed (as the bench's set-up)
    model = nqg.NBGC()
    model.annotate(names[:2000])
    clear_memos()
    engine = Engine()
    if mode == "ours":
        functools.reduce(lambda _, __: engine.infer_batch(rows), [0], None)
    else:
        functools.reduce(lambda _, __: model.annotate(names), [0], None)


def _count(args: list[str], out: Path) -> int:
    command = [
        "valgrind", "--tool=callgrind", "--collect-atstart=no",
        "--toggle-collect=functools_reduce", f"--callgrind-out-file={out}",
        sys.executable, "-m", "bench.instructions", CHILD, *args,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = COLLECTED.search(done.stderr)
    if not found:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == [CHILD]:
        if args[1] == "article":
            _article_work(args[2], args[3])
        else:
            _gender_work(args[2])
        return 0
    if not shutil.which("valgrind"):
        print("valgrind is not installed (apt-get install valgrind)")
        return 1
    what = args[0] if args and args[0] in ("article", "gender") else "article"
    folder = Path(tempfile.mkdtemp(prefix="voicetally-callgrind-"))
    if what == "article":
        which = args[1] if len(args) > 1 and args[1] in ("polnear", "real") else "polnear"
        ours = _count(["article", which, "parse"], folder / "parse.out")
        theirs = _count(["article", which, "trafilatura"], folder / "trafilatura.out")
        print(
            f"{which} pages, each cold: parse {ours / 1e6:,.0f} M instructions, trafilatura "
            f"alone {theirs / 1e6:,.0f} M, ratio {ours / theirs:.2f}x (target <= 1.5x)"
        )
        print(f"profile: {folder / 'parse.out'}")
    else:
        ours = _count(["gender", "ours"], folder / "ours.out")
        theirs = _count(["gender", "nqg"], folder / "nqg.out")
        print(
            f"distinct names, cold batch: ours {ours / 1e6:,.0f} M instructions, nomquamgender "
            f"{theirs / 1e6:,.0f} M (theirs / ours {theirs / ours:.2f}; not time, see above)"
        )
        print(f"profile: {folder / 'ours.out'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark in bench/ in turn (`make bench`), or those named: python -m bench a b."""

from __future__ import annotations

import pkgutil
import runpy
import sys
import time
from pathlib import Path


def main(names: list[str]) -> int:
    here = Path(__file__).resolve().parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    chosen = names or [n for n in found if n != "data"]
    failed = []
    for name in chosen:
        print(f"\n=== bench.{name} ===", flush=True)
        started = time.perf_counter()
        try:
            runpy.run_module(f"bench.{name}", run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (0, None):
                failed.append(name)
        print(f"--- bench.{name}: {time.perf_counter() - started:.1f} s", flush=True)
    if failed:
        print(f"\nbenchmarks below their floor or failing: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

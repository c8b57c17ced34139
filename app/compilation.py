"""Build the compiled modules of scrapers/compiled.py's GROUPS with mypyc (`make install` runs it).

Run: .venv/bin/python -m app.compilation
Needs mypy (a test dependency, mypyc ships with it), setuptools and a C compiler with the Python
headers. Without them, or on any error, it says so and leaves no build: the pure modules serve.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

from scrapers.compiled import (
    BUILD,
    EXT_SUFFIX,
    GROUPS,
    REQUIRE_SWITCH,
    ROOT,
    digests,
    group_name,
    source_path,
    switched,
)

__all__ = ["build"]

C_SOURCES = ROOT / "build" / "compiled-c"  # mypyc's generated C
OBJECTS = ROOT / "build" / "compiled-obj"


def build() -> int:
    """Compile every group into build/compiled and write the manifest; 0 when it was built.

    A failure leaves no build (the pure modules serve) and returns 1 only under REQUIRE_SWITCH:
    `make install` goes on without a compiler. The new build is made beside the old one and
    swapped in, so a running process keeps the libraries it mapped.
    """
    start = time.perf_counter()
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution  # type: ignore[import-untyped]
    except ImportError as error:
        return _unavailable(f"mypyc or setuptools missing ({error})")
    staging = BUILD.with_name("compiled.new")
    shutil.rmtree(staging, ignore_errors=True)
    sources = {group: digests(group) for group in GROUPS}
    here = Path.cwd()
    os.chdir(ROOT)  # mypyc names modules by their path from here
    try:
        groups: list[tuple[list[str], str | None]] = [
            ([str(source_path(m).relative_to(ROOT)) for m in modules], group_name(group))
            for group, modules in sources.items()
        ]
        extensions = mypycify(
            [path for paths, _name in groups for path in paths],
            separate=groups, opt_level="3", target_dir=str(C_SOURCES),
        )  # fmt: skip
        command = ["--quiet", "build_ext", "--build-lib", str(staging)]
        command += ["--build-temp", str(OBJECTS), "--parallel", str(os.cpu_count() or 1)]
        dist = Distribution({"name": "voicetally-compiled", "ext_modules": extensions})
        dist.script_args = command
        dist.parse_command_line()
        dist.run_commands()
    except (Exception, SystemExit) as error:  # mypy's errors exit; a compiler's raise
        shutil.rmtree(staging, ignore_errors=True)
        return _unavailable(f"the build failed ({error})")
    finally:
        os.chdir(here)
    manifest = {"ext_suffix": EXT_SUFFIX, "python": sys.version, "groups": sources}
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    shutil.rmtree(BUILD, ignore_errors=True)
    staging.rename(BUILD)
    modules = sum(map(len, GROUPS.values()))
    print(f"compiled {modules} modules in {time.perf_counter() - start:.0f} s")
    return 0


def _unavailable(why: str) -> int:
    shutil.rmtree(BUILD, ignore_errors=True)
    print(f"no compiled build: {why}; the pure-Python modules serve", file=sys.stderr)
    return 1 if switched(REQUIRE_SWITCH) else 0


if __name__ == "__main__":
    sys.exit(build())

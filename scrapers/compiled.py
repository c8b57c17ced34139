"""Compiled builds (mypyc) of pure modules on hot paths: the import hook that loads them in place
of their source, only while every source is the one they were built from.

Imports nothing of the project, so both layers can install it before any module it serves is
imported: scrapers/__init__.py does (so `import scrapers.article` alone is served; scrapers never
imports app), and app/__init__.py imports scrapers first. app/compilation.py builds them (`make
install` runs it).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import CodeType, ModuleType

__all__ = [
    "BUILD",
    "GROUPS",
    "MANIFEST",
    "PURE_SWITCH",
    "REQUIRE_SWITCH",
    "digests",
    "group_name",
    "install",
    "library_name",
    "loaded",
    "plan",
    "source_path",
    "status",
    "switched",
    "verdict",
]

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "compiled"
MANIFEST = BUILD / "manifest.json"
PURE_SWITCH = "VOICETALLY_PURE_PYTHON"  # set (to anything but "" or "0"): never load a build
REQUIRE_SWITCH = "VOICETALLY_REQUIRE_COMPILED"  # set: a build that fails or is stale is an error
# One shared library per group: its modules call each other natively, so a group is loaded whole
# or not at all. Every module here must pass `mypy --strict` and keep its output byte-identical
# (tests/app/test_compiled.py compares the compiled and pure paths: labels of the development
# names, article records of every fixture page). A package's __init__ stays pure.
GROUPS: dict[str, tuple[str, ...]] = {
    "app.gender": (
        "abjad", "combine", "engine", "evidence", "fastpath", "honorifics", "morphology",
        "name", "namedata", "nameform", "nameparse", "thai",
    ),
    "scrapers.article": (
        "body", "bylines", "choice", "cues", "endings", "given_names", "lang_en", "masking",
        "names", "organisations", "patterns", "quotes", "resolver", "sources", "substrings",
        "word_ends",
    ),
}  # fmt: skip
EXT_SUFFIX = str(sysconfig.get_config_var("EXT_SUFFIX"))
_STATUS: dict[str, str] = {}  # group -> "compiled" or why its pure modules serve


def source_path(module: str) -> Path:
    """The source file of a module of GROUPS ("app.gender.name" -> app/gender/name.py)."""
    return ROOT.joinpath(*module.split(".")).with_suffix(".py")


def group_name(group: str) -> str:
    """The name mypyc gives the group's C sources and library."""
    return f"{group}.compiled"


def library_name(group: str) -> str:
    """The group's shared library, a module of the group's package (mypyc adds "__mypyc")."""
    return f"{group_name(group)}__mypyc"


def digests(group: str) -> dict[str, str]:
    """Module -> sha256 of its source, for every module of `group`."""
    modules = [f"{group}.{name}" for name in GROUPS[group]]
    return {m: hashlib.sha256(source_path(m).read_bytes()).hexdigest() for m in modules}


def switched(name: str) -> bool:
    """Whether the environment variable `name` is set to anything but "" or "0"."""
    return os.environ.get(name, "") not in ("", "0")


class _Loader(importlib.machinery.ExtensionFileLoader):
    """Loads a compiled module; run as a script (`python -m app.gender.engine ...`), the module
    runs from its source, as runpy needs code, and what it imports is compiled."""

    def get_code(self, fullname: str) -> CodeType:  # type: ignore[override]  # None: no code
        source = source_path(fullname)
        return compile(source.read_bytes(), str(source), "exec", dont_inherit=True)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the compiled build of a served module (and of its group's library) before the
    source; every other import goes on to the usual finders."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        where = self.files.get(fullname)
        if where is None:
            return None
        loader = _Loader(fullname, str(where))
        return importlib.util.spec_from_file_location(fullname, where, loader=loader)


def verdict(group: str, manifest: dict[str, object]) -> str:
    """ "compiled" when the build described by `manifest` may serve `group`, else why not."""
    if manifest.get("ext_suffix") != EXT_SUFFIX:
        return f"stale: built for another Python ({manifest.get('ext_suffix')})"
    built = manifest.get("groups")
    if not isinstance(built, dict) or group not in built:
        return "stale: the build has no such group"
    now = digests(group)
    if built[group] != now:
        changed = {module for module, digest in now.items() if built[group].get(module) != digest}
        changed |= set(built[group]) - set(now)
        return f"stale: changed since the build: {', '.join(sorted(changed))}"
    return "compiled"


def plan(manifest_path: Path = MANIFEST) -> tuple[dict[str, str], dict[str, Path]]:
    """Each group's verdict, and the module -> library file of every group whose build serves."""
    if switched(PURE_SWITCH):
        return dict.fromkeys(GROUPS, f"pure: {PURE_SWITCH} is set"), {}
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        return dict.fromkeys(GROUPS, "pure: no build (make install builds one)"), {}
    verdicts = {group: verdict(group, manifest) for group in GROUPS}
    files = {
        module: manifest_path.parent.joinpath(*module.split(".")).with_name(
            module.rpartition(".")[2] + EXT_SUFFIX
        )
        for group, names in GROUPS.items() if verdicts[group] == "compiled"
        for module in [*(f"{group}.{name}" for name in names), library_name(group)]
    }  # fmt: skip
    return verdicts, files


def install() -> None:
    """Serve each group from its build where the build matches every source; say loudly where
    a build exists but is stale (the pure modules serve then). Runs once per process."""
    if _STATUS:
        return
    verdicts, files = plan()
    _STATUS.update(verdicts)
    for group, why in verdicts.items():
        if why.startswith("stale"):
            message = f"{group}: compiled build {why}; the pure modules serve. Run make install"
            if switched(REQUIRE_SWITCH):
                raise ImportError(message)
            warnings.warn(message, RuntimeWarning, stacklevel=2)
    if files:
        sys.meta_path.insert(0, _Finder(files))


def status() -> dict[str, str]:
    """Each group and whether its build serves ("compiled") or why its pure modules do."""
    install()
    return dict(_STATUS)


def loaded(group: str) -> bool:
    """Whether `group`'s modules imported in this process are its compiled build."""
    module = sys.modules.get(f"{group}.{GROUPS[group][0]}")
    return module is not None and str(module.__file__).endswith(EXT_SUFFIX)

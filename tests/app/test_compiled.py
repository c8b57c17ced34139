"""The compiled build (scrapers/compiled.py): it labels names and parses articles exactly as the
pure modules do, and it serves only while every source is the one it was built from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrapers import compiled

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"  # development data, read in place where it lies
DEV_FILES = [SHARED / "names_dev.csv", SHARED / "names_world_dev.csv"]
PAGE_FOLDERS = [
    ROOT / "tests" / "fixtures" / "article",
    ROOT.parent / "shared" / "fixtures" / "media",
]
# Every field of infer_batch's answer, floats by repr, for every distinct development name: by
# name alone (the fast path where it answers) and with a country (the full path, country-aware).
LABELS = """
import csv, json, sys
from scrapers import compiled
from app.gender.engine import Engine
names = []
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as handle:
        names.extend(r["full_name"] for r in csv.DictReader(handle) if r.get("full_name"))
names = list(dict.fromkeys(names))
countries = ["IT", "DE", "CN", "RU", "SA", "US", "zz"]
rows = [(n, None) for n in names] + [(n, countries[i % 7]) for i, n in enumerate(names)]
answers = [repr(tuple(found)) for found in Engine().infer_batch(rows)]
print(json.dumps({"status": compiled.status(), "loaded": compiled.loaded("app.gender"),
                  "answers": answers}))
"""


# Every article record (or parse error) of every page, parsed without importing app: scrapers
# installs the hook itself. The engine's answers on each page's text cut into single paragraphs
# add texts the pages do not hold as such.
ARTICLES = """
import json, sys
from pathlib import Path
from scrapers import compiled
from scrapers.article import parse
from scrapers.article.quotes import extract_sources
from scrapers.errors import ScrapeError
records = []
for folder in sys.argv[1:]:
    for page in sorted(Path(folder).rglob("*.html")):
        try:
            article = parse(page.read_bytes())
        except ScrapeError as error:
            records.append(f"{page.name} {type(error).__name__}: {error}")
            continue
        records.append(f"{page.name} {article.model_dump_json()}")
        for paragraph in article.text.split("\\n"):
            found = extract_sources(paragraph)
            records.append(repr([[c.model_dump(mode="json") for c in f] for f in found]))
print(json.dumps({"status": compiled.status(), "loaded": compiled.loaded("scrapers.article"),
                  "app": "app" in sys.modules, "records": records}))
"""


def _run(script: str, arguments: list[Path], *, pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_SWITCH}
    if pure:
        env[compiled.PURE_SWITCH] = "1"
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, arguments)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _labels(*, pure: bool) -> dict[str, object]:
    return _run(LABELS, DEV_FILES, pure=pure)


def test_compiled_and_pure_modules_label_alike() -> None:
    if not all(path.exists() for path in DEV_FILES):
        pytest.skip("development names not found in ../shared/data")
    fast = _labels(pure=False)
    if not fast["loaded"]:
        if compiled.switched(compiled.REQUIRE_SWITCH):
            pytest.fail(f"no compiled build serves: {fast['status']}")
        pytest.skip(f"no compiled build serves: {fast['status']}")
    pure = _labels(pure=True)
    assert pure["loaded"] is False
    assert pure["status"] == dict.fromkeys(compiled.GROUPS, f"pure: {compiled.PURE_SWITCH} is set")
    assert len(fast["answers"]) == len(pure["answers"]) > 10_000  # type: ignore[arg-type]
    pairs = zip(fast["answers"], pure["answers"], strict=True)  # type: ignore[call-overload]
    differing = [(a, b) for a, b in pairs if a != b]
    assert differing[:3] == []


def test_compiled_and_pure_modules_parse_articles_alike() -> None:
    folders = [folder for folder in PAGE_FOLDERS if folder.is_dir()]
    fast = _run(ARTICLES, folders, pure=False)
    assert fast["app"] is False  # served by the hook scrapers installs, app never imported
    if not fast["loaded"]:
        if compiled.switched(compiled.REQUIRE_SWITCH):
            pytest.fail(f"no compiled build serves: {fast['status']}")
        pytest.skip(f"no compiled build serves: {fast['status']}")
    pure = _run(ARTICLES, folders, pure=True)
    assert pure["loaded"] is False
    records = list(zip(fast["records"], pure["records"], strict=True))  # type: ignore[call-overload]
    assert len(records) > 100
    assert sum('"cited":[{' in a for a, _b in records) > 10  # pages that cite people
    assert [(a, b) for a, b in records if a != b][:3] == []


def test_a_build_serves_only_while_its_sources_are_unchanged(tmp_path: Path) -> None:
    built = {group: compiled.digests(group) for group in compiled.GROUPS}
    manifest = {"ext_suffix": compiled.EXT_SUFFIX, "groups": built}
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    verdicts, files = compiled.plan(path)
    assert verdicts == dict.fromkeys(compiled.GROUPS, "compiled")
    assert files["app.gender.name"] == tmp_path / "app" / "gender" / f"name{compiled.EXT_SUFFIX}"
    assert compiled.library_name("app.gender") in files
    assert files["scrapers.article.quotes"].parent == tmp_path / "scrapers" / "article"

    manifest["groups"]["app.gender"]["app.gender.name"] = "0" * 64  # type: ignore[index]
    path.write_text(json.dumps(manifest))
    verdicts, files = compiled.plan(path)
    assert verdicts["app.gender"] == "stale: changed since the build: app.gender.name"
    assert verdicts["scrapers.article"] == "compiled"  # each group serves or not on its own
    assert "app.gender.name" not in files and "scrapers.article.quotes" in files

    manifest["ext_suffix"] = ".cpython-399-x86_64-linux-gnu.so"
    path.write_text(json.dumps(manifest))
    assert compiled.plan(path)[0]["app.gender"].startswith("stale: built for another Python")


def test_no_build_or_the_switch_means_the_pure_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert compiled.plan(tmp_path / "absent.json") == (
        dict.fromkeys(compiled.GROUPS, "pure: no build (make install builds one)"),
        {},
    )
    monkeypatch.setenv(compiled.PURE_SWITCH, "1")
    assert compiled.plan()[1] == {}
    monkeypatch.setenv(compiled.PURE_SWITCH, "0")
    assert not compiled.switched(compiled.PURE_SWITCH)


def test_a_stale_build_is_refused_loudly() -> None:
    """In a fresh process whose build is stale: a warning naming `make install`, pure modules."""
    script = (
        "import json, sys, warnings\n"
        "from scrapers import compiled\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, compiled._Finder)]\n"
        "compiled._STATUS.clear()\n"  # as at start, with a group the build was made otherwise:
        "compiled.GROUPS['app.gender'] = ('name',)\n"
        "with warnings.catch_warnings(record=True) as seen:\n"
        "    warnings.simplefilter('always')\n"
        "    compiled.install()\n"
        "import app.gender.name\n"
        "print(json.dumps([str(w.message) for w in seen]))\n"
        "print(compiled.loaded('app.gender'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in (compiled.PURE_SWITCH,
                                                             compiled.REQUIRE_SWITCH)}  # fmt: skip
    if not compiled.MANIFEST.exists():
        pytest.skip("no compiled build to make stale")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True, timeout=120)  # fmt: skip
    warned, loaded = done.stdout.splitlines()
    assert "Run make install" in warned and "stale" in warned
    assert loaded == "False"


def test_the_required_build_serves() -> None:
    """CI sets VOICETALLY_REQUIRE_COMPILED: there the build must exist and serve."""
    if not compiled.switched(compiled.REQUIRE_SWITCH):
        pytest.skip(f"{compiled.REQUIRE_SWITCH} is not set")
    import app.gender.engine  # noqa: F401 - imported to be checked
    import scrapers.article.quotes  # noqa: F401 - imported to be checked

    assert compiled.status() == dict.fromkeys(compiled.GROUPS, "compiled")
    assert compiled.loaded("app.gender")
    assert compiled.loaded("scrapers.article")


def test_a_compiled_module_still_runs_as_a_script() -> None:
    """`python -m app.gender.engine build-fast-table` runs the module's source as __main__."""
    done = subprocess.run([sys.executable, "-m", "app.gender.engine"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "usage: python -m app.gender.engine build-fast-table" in done.stderr

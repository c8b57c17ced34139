"""The bundled fictional sample data: manifest, formats, counts, and a deterministic generator."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import app.samples as samples
from app.samples import DATA_DIR, generate, manifest

JSONLD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MAX_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def files() -> list[samples.SampleFile]:
    return manifest()


def test_public_names_are_exported() -> None:
    for name in samples.__all__:
        assert hasattr(samples, name), name


def test_manifest_lists_existing_files(files: list[samples.SampleFile]) -> None:
    assert files
    for item in files:
        assert item.path.is_file(), item.path
        assert item.path.resolve().is_relative_to(DATA_DIR)
        assert item.kind in ("lineup", "article", "feed")
        assert item.url.startswith("https://") and ".example" in item.url
    assert len({item.url for item in files}) == len(files)


def test_every_file_parses(files: list[samples.SampleFile]) -> None:
    for item in files:
        content = item.path.read_bytes()
        if item.path.suffix == ".json":
            assert "schedule" in json.loads(content)
        elif item.path.suffix == ".xml":
            assert ET.fromstring(content).tag in ("schedule", "rss")
        else:
            payloads = JSONLD_RE.findall(content.decode())
            assert payloads, item.path
            assert json.loads(payloads[0])["@type"] in ("Event", "NewsArticle")


def test_counts(files: list[samples.SampleFile]) -> None:
    editions = Counter(item.series for item in files if item.kind == "lineup")
    assert sum(1 for count in editions.values() if count >= 5) >= 2
    assert {item.format for item in files if item.kind == "lineup"} >= {"pretalx", "frab"}
    assert all(item.country and item.location for item in files if item.kind == "lineup")
    articles = [item for item in files if item.kind == "article"]
    assert len(articles) >= 50
    years = {item.date[:4] for item in articles if item.date}
    assert len(years) >= 4


def test_feed_lists_every_article_and_links_map_to_files(
    files: list[samples.SampleFile],
) -> None:
    (feed,) = [item for item in files if item.kind == "feed"]
    links = [node.text for node in ET.parse(feed.path).getroot().iter("link")]
    articles = {item.url: item for item in files if item.kind == "article"}
    assert set(articles) <= set(links)
    for url, item in articles.items():
        assert item.path.as_posix().endswith(urlsplit(url).path)


def test_panel_moderators_are_people_of_their_session(files: list[samples.SampleFile]) -> None:
    moderated = 0
    for item in files:
        if item.format != "pretalx":
            continue
        conference = json.loads(item.path.read_bytes())["schedule"]["conference"]
        for day in conference["days"]:
            for talks in day["rooms"].values():
                for talk in talks:
                    found = re.match(r"Moderated by (.+?)\.\n", talk["description"])
                    if found:
                        moderated += 1
                        assert found.group(1) in [p["name"] for p in talk["persons"]]
    assert moderated >= 30


def test_self_identified_people_appear_in_the_data(files: list[samples.SampleFile]) -> None:
    everything = "".join(item.path.read_text(encoding="utf-8") for item in files)
    labels = samples.self_identified()
    assert labels and set(labels.values()) == {"nonbinary"}
    assert all(name in everything for name in labels)


def test_data_directory_stays_small() -> None:
    total = sum(p.stat().st_size for p in DATA_DIR.rglob("*") if p.is_file())
    assert total < MAX_BYTES


def test_generator_rewrites_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    written = generate.generate(tmp_path)
    fresh = {p.relative_to(tmp_path).as_posix() for p in written}
    committed = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()}
    assert fresh == committed
    for relative in sorted(fresh):
        assert (tmp_path / relative).read_bytes() == (DATA_DIR / relative).read_bytes(), relative


def test_generator_command_removes_stale_files(tmp_path: Path, capsys) -> None:
    stale = tmp_path / "lineups" / "old-series" / "2019.schedule.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    assert generate.main(["--out", str(tmp_path)]) == 0
    assert not stale.exists()
    assert (tmp_path / samples.MANIFEST_NAME).is_file()
    assert "wrote" in capsys.readouterr().out

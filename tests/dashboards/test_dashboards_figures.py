"""Figures, tables, badge and static export without a browser: grey small cells, CSV, empty data."""

from __future__ import annotations

import csv
import io

import pytest

from app import db
from dashboards import badge, figures, tables, theme
from dashboards.export import export_site

CELL = {"women": 10, "men": 30, "nonbinary": 0, "unknown": 5, "n": 45, "share": 0.25,
        "interval": [0.14, 0.4], "coverage": 0.89, "share_of_all": 0.22, "small": False,
        "small_reason": None}  # fmt: skip
SMALL = {**CELL, "women": 1, "men": 3, "n": 4, "share": 0.25, "small": True,
         "small_reason": "fewer than 30 people with a label"}  # fmt: skip
RESULT = {"rows": [{"period": 2023, **CELL}, {"period": 2024, **SMALL}]}


def test_small_cells_are_lighter_in_their_own_colour_with_intervals_and_a_half_line() -> None:
    figure = figures.share_over_time({"panels": RESULT}, title="t", links={"panels": ["/a", "/b"]})
    points = next(trace for trace in figure.data if trace.meta == "points")
    assert list(points.x) == ["2023", "2024"]
    assert points.marker.color == theme.SERIES_COLOURS[0]  # colour keeps its meaning
    assert list(points.marker.opacity) == [1.0, figures.LIGHT]
    assert "fewer than 30 people: read with care" in points.hovertext[1]
    assert list(points.error_y.array) == pytest.approx([0.15, 0.15])  # intervals drawn
    assert list(points.customdata) == ["/a", "/b"]
    assert any(shape.y0 == 0.5 for shape in figure.layout.shapes)  # the 50% line


def test_ranking_marks_the_target_and_orders_best_first() -> None:
    cells = [{**CELL, "name": "A", "share": 0.6, "interval": [0.5, 0.7], "url": "/a"},
             {**SMALL, "name": "B", "share": 0.3, "interval": [0.1, 0.6], "url": "/b"}]  # fmt: skip
    figure = figures.ranking(cells, title="t", target=0.4)
    points = next(trace for trace in figure.data if trace.meta == "points")
    assert list(points.y) == ["B", "A"]  # drawn bottom-up: A, the best, on top
    assert sorted(shape.x0 for shape in figure.layout.shapes) == [0.4, 0.5]


def test_citation_gap_shows_observed_against_expected_shares() -> None:
    cell = {**CELL, "expected": 0.3, "gap": -0.17, "gap_interval": [-0.5, 0.3]}
    result = {
        "rows": [{"period": 2024, "groups": {"men": cell, "women": SMALL | {"expected": 0.3}}}]
    }
    figure = figures.citation_gaps(result, title="t")
    observed = [trace for trace in figure.data if trace.meta == "points"]
    assert [list(trace.y) for trace in observed] == [[0.25], [0.25]]
    expected = next(trace for trace in figure.data if trace.meta == "expected")
    assert list(expected.y) == [0.3]


def test_table_and_csv_keep_the_numbers_and_the_reason() -> None:
    table = tables.share_table({"panels": RESULT}, caption="t", links={"panels": ["/a", "/b"]})
    assert table.rows[1].display()[6] == "25%"
    assert table.rows[1].sources_url == "/b"
    rows = list(csv.reader(io.StringIO(table.to_csv())))
    assert rows[0][-1] == "note"
    assert rows[1][6] == "0.25" and rows[2][-1] == "fewer than 30 people with a label"


def test_period_names() -> None:
    assert [figures.period_name(p) for p in (0, 2024, 202405)] == ["all", "2024", "2024-05"]


def test_badge_is_coloured_by_the_share_even_when_small_and_says_no_data_when_empty() -> None:
    assert badge.BADGE_COLOURS["middle"] in badge.event_badge(SMALL, None)
    assert "no data" in badge.event_badge(None, None)
    svg = badge.event_badge(CELL, {"panels": 3, "manels": 1}, name="Forum", year=2024)
    assert "25% women, 1 manel<" in svg and "Forum 2024" in svg


def test_static_export_of_an_empty_database(tmp_path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    db.upgrade(engine)
    written = export_site(engine, tmp_path / "site")
    names = {path.name for path in written}
    assert {"index.html", "citations.html", "methodology.html", "plotly-basic.min.js"} <= names
    assert "data-overview-share.csv" in names
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<script src="plotly-basic.min.js" defer></script>' in index
    assert "/check" not in index  # no forms in a static site
    engine.dispose()

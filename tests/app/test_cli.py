"""The command line: help for every command, migrations, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from app import db
from app.cli import cli

runner = CliRunner()


def command_paths(group: typer.Typer = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [(*prefix, c.name or c.callback.__name__) for c in group.registered_commands]
    for sub in group.registered_groups:
        paths += command_paths(sub.typer_instance, (*prefix, sub.name))
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_db_upgrade_and_downgrade_through_the_cli(tmp_path: Path) -> None:
    env = {"VOICETALLY_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    up = runner.invoke(cli, ["db", "upgrade"], env=env)
    assert up.exit_code == 0 and f"database at {db.head_revision()}" in up.output
    down = runner.invoke(cli, ["db", "downgrade", "base"], env=env)
    assert down.exit_code == 0 and "database at base" in down.output


def test_unreachable_database_is_one_line_exit_1() -> None:
    env = {"VOICETALLY_DATABASE_URL": "postgresql+psycopg://bob:hunter2@127.0.0.1:1/x"}
    result = runner.invoke(cli, ["db", "current"], env=env)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("voicetally: error: cannot reach database")
    assert "hunter2" not in result.output


def test_invalid_setting_is_one_line_exit_1() -> None:
    result = runner.invoke(cli, ["db", "current"], env={"VOICETALLY_FETCH_CONCURRENCY": "many"})
    assert result.exit_code == 1
    assert "invalid VOICETALLY_ setting" in result.output


def test_serve_refuses_a_schema_newer_than_the_code(tmp_path: Path) -> None:
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'newer.sqlite3'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = 'ffff9999'"))
    engine.dispose()
    result = runner.invoke(cli, ["serve"], env={"VOICETALLY_DATABASE_URL": url})
    assert result.exit_code == 1
    assert "newer than this voicetally" in result.output


@pytest.mark.parametrize("command", [["extract", "article"], ["check", "--article"]])
def test_a_local_address_is_refused_in_words_with_the_setting_that_allows_it(
    command: list[str],
) -> None:
    """Someone serving pages on 127.0.0.1 learns why it is refused and what allows it."""
    url = "http://127.0.0.1:9/page.html"  # refused before any connection
    result = runner.invoke(cli, [*command, url], env={"VOICETALLY_ALLOW_PRIVATE_HOSTS": "0"})
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and "resolves to refused" not in line, line
    assert "127.0.0.1" in line and "private or local address" in line, line
    assert "VOICETALLY_ALLOW_PRIVATE_HOSTS" in line, line


@pytest.mark.parametrize("command", [["gender", "Andrea Rossi"], ["ingest", "nowhere.html"]])
def test_a_country_that_is_not_a_two_letter_code_is_refused(command: list[str]) -> None:
    """'--country italy' used to be ignored without a word (Andrea Rossi came out a woman)."""
    result = runner.invoke(cli, [*command, "--country", "italy"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "two letters" in lines[0] and "'italy'" in lines[0], lines


def test_a_lowercase_country_code_is_read_as_upper_case() -> None:
    result = runner.invoke(cli, ["gender", "Andrea Rossi", "--country", "it", "--json"])
    assert result.exit_code == 0 and '"label": "man"' in result.output


def test_gender_csv_errors_are_one_line_in_words(tmp_path: Path) -> None:
    """A missing or mis-encoded CSV: which file and what is wrong, not a raw '[Errno 2]'."""
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("full_name\nJosé Martí\n".encode("latin-1"))
    cases = {
        str(tmp_path / "nope.csv"): "no such file or directory",
        str(latin): "is not UTF-8 text",
    }
    for path, expected in cases.items():
        result = runner.invoke(cli, ["gender", "--csv", path])
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert result.exit_code == 1 and len(lines) == 1, lines
        assert lines[0].startswith("voicetally: error: ") and expected in lines[0], lines
        assert path in lines[0] and "Errno" not in lines[0], lines

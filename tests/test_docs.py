"""Docs are tested: every CLI command and every VOICETALLY_ setting appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import Settings
from tests.app.test_cli import command_paths

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_is_documented(path: tuple[str, ...]) -> None:
    assert f"voicetally {' '.join(path)}" in README


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    assert f"VOICETALLY_{field.upper()}" in README


def test_readme_first_screen_gives_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make demo" in first_screen and "make test" in first_screen

"""Every package's __all__ lists names that exist (as httpx checks its public surface)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import app
import dashboards
import scrapers


def packages() -> list[str]:
    names = []
    for root in (app, scrapers, dashboards):
        names.append(root.__name__)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{root.__name__}."):
            if info.ispkg:
                names.append(info.name)
    return names


@pytest.mark.parametrize("name", packages())
def test_all_names_exist(name: str) -> None:
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = [item for item in module.__all__ if not hasattr(module, item)]
    assert missing == []

"""Static files of the pages (CSS, JS, plotly's basic bundle), served under content-hashed URLs.

A hashed URL never changes meaning, so the files are cached for a year (issue #15, light pages).
No inline <script> anywhere: the pages load their JS from here (a CSP can forbid inline code).
plotly-basic.min.js is plotly.js's "basic" partial bundle (scatter, bar, pie; MIT, see
plotly-basic.LICENSE.txt), about a quarter of the full bundle the plotly package ships.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

__all__ = ["FILES", "router", "url"]

FILES = {
    "site.css": "text/css",
    "check.js": "text/javascript",
    "charts.js": "text/javascript",
    "copy.js": "text/javascript",
    "plotly-basic.min.js": "text/javascript",
}
YEAR = 31_536_000
router = APIRouter(include_in_schema=False)


@cache
def _content(name: str) -> bytes:
    return resources.files("dashboards").joinpath("static", name).read_bytes()


@cache
def _digest(name: str) -> str:
    return hashlib.sha256(_content(name)).hexdigest()[:12]


def url(name: str, *, static: bool = False) -> str:
    """The URL of asset NAME (a plain file name in the static export)."""
    return name if static else f"/assets/{_digest(name)}/{name}"


@router.get("/assets/{digest}/{name}")
def asset(digest: str, name: str) -> Response:
    if name not in FILES:
        return Response("no such asset\n", status_code=404, media_type="text/plain")
    fresh = digest == _digest(name)
    headers = {"cache-control": f"public, max-age={YEAR}, immutable" if fresh else "no-cache"}
    return Response(_content(name), media_type=FILES[name], headers=headers)


def content(name: str) -> bytes:
    """The bytes of asset NAME (the static export copies them)."""
    return _content(name)

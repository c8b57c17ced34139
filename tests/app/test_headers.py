"""Security headers on every answer, /docs and /redoc from installed files, Allow on 405, and
dates only as YYYY-MM-DD (issue 14)."""

from __future__ import annotations

import re

PAGES = ["/", "/check", "/api/events", "/docs", "/openapi.json", "/health", "/no-such-page"]


def test_every_answer_carries_the_security_headers(api) -> None:
    for path in PAGES:
        response = api.get(path)
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        script_src = re.search(r"script-src ([^;]*)", csp)
        assert script_src and script_src.group(1) == "'self'"  # no inline script, no eval
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script(api) -> None:
    for path in ("/", "/check", "/methodology", "/citations"):
        html = api.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers either


def test_chart_data_cannot_close_its_block(api) -> None:
    html = api.get("/").text
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        assert "<" not in block


def test_docs_and_redoc_are_served_from_this_server(api) -> None:
    for path in ("/docs", "/redoc"):
        html = api.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(s.startswith("/docs/assets/") for s in sources), sources
        for source in sources:
            asset = api.get(source)
            assert asset.status_code == 200 and len(asset.content) > 100, source
    assert api.get("/docs/assets/../../etc/passwd").status_code == 404
    assert api.get("/docs/assets/nothing.js").status_code == 404


def test_a_405_says_which_methods_are_allowed(api) -> None:
    response = api.delete("/check")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"
    assert api.put("/api/check/panel", json={}).headers["allow"] == "POST"


def test_dates_are_iso_only(api) -> None:
    for value in ("0", "1700000000", "2024-13-01", "2024-1-1", "yesterday"):
        for path in ("/api/metrics/share", "/api/articles"):
            response = api.get(path, params={"to": value})
            assert response.status_code == 422, (path, value)
            assert "to" in response.json()["detail"]


def test_an_iso_date_is_accepted(api) -> None:
    assert api.get("/api/metrics/share", params={"from": "2020-01-01"}).status_code == 200

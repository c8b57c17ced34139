"""A page read from a file keeps its canonical URL; a fetched page keeps the URL it came from."""

from __future__ import annotations

from scrapers.article import parse

PAGE = b"""<html><head><title>Talks resume</title>
<link rel="Canonical" href="https://news.example/2024/talks.html">
<meta property="og:url" content="https://news.example/og-url.html"></head>
<body><article><h1>Talks resume</h1><p>By Ana Lima</p>
<p>"We are close," said Maria Costa, a negotiator at the ministry.</p>
<p>The talks continue on Monday, according to Tomas Berg, who chairs them.</p>
</article></body></html>"""


def test_canonical_url_is_used_when_no_url_is_given() -> None:
    assert parse(PAGE).url == "https://news.example/2024/talks.html"


def test_the_fetched_url_wins() -> None:
    assert parse(PAGE, url="https://mirror.example/a").url == "https://mirror.example/a"


def test_a_relative_or_odd_canonical_is_ignored() -> None:
    odd = PAGE.replace(b"https://news.example/2024/talks.html", b"/talks.html").replace(
        b"https://news.example/og-url.html", b"javascript:alert(1)"
    )
    assert parse(odd).url is None

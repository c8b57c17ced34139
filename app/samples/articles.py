"""Write the fictional outlet: news article pages citing experts, and its RSS 2.0 feed.

Male authors cite women less often than female authors do, and women's share of cited experts
rises slightly over the years, so the citation matrix has a pattern to show (DESIGN: Metrics).
"""

from __future__ import annotations

import html
import json
import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

from app.samples import phrases
from app.samples.formats import slugify
from app.samples.roster import JOURNALISTS, MAN, NONBINARY, PRONOUNS, WOMAN, Expert

__all__ = ["HOST", "OUTLET", "OUTLET_COUNTRY", "ArticlePage", "feed_xml", "write_articles"]

OUTLET = "The Meridian Ledger"
OUTLET_COUNTRY = "GB"
HOST = "https://meridian-ledger.example"
ARTICLES_PER_YEAR = {2019: 8, 2020: 9, 2021: 9, 2022: 10, 2023: 10, 2024: 10, 2025: 10}
# Women's share among cited experts in 2019, by the authors' gender; rises by SLOPE a year.
CITE_SHARE = {"men": 0.16, "women": 0.36, "mixed": 0.26}
CITE_SLOPE = 0.015
NONBINARY_CITE_SHARE = 0.02
CO_AUTHOR_SHARE = 0.3
DC_NS = "http://purl.org/dc/elements/1.1/"
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class ArticlePage:
    """One written article: where it lives and its bytes."""

    path: str  # relative, e.g. "2023/05/slug.html"
    url: str
    title: str
    dek: str
    published: datetime
    authors: tuple[str, ...]
    content: bytes


def write_articles(rng: random.Random, roster: list[Expert]) -> list[ArticlePage]:
    """Write every article, oldest first."""
    experts = [e for e in roster if e.gender in (WOMAN, MAN, NONBINARY)]
    pages: list[ArticlePage] = []
    slugs: set[str] = set()
    for year, count in ARTICLES_PER_YEAR.items():
        for published in _dates(rng, year, count):
            pages.append(_article(rng, experts, published, slugs=slugs, related=pages[-3:]))
    return pages


def _dates(rng: random.Random, year: int, count: int) -> list[datetime]:
    days = sorted(rng.sample(range(360), count))
    start = datetime(year, 1, 1, tzinfo=UTC)
    return [
        start + timedelta(days=d, hours=rng.randint(6, 19), minutes=rng.choice((0, 15, 30, 45)))
        for d in days
    ]


def _authors(rng: random.Random) -> tuple[tuple[str, str], ...]:
    if rng.random() < CO_AUTHOR_SHARE:
        return tuple(rng.sample(JOURNALISTS, 2))
    return (rng.choice(JOURNALISTS),)


def _cited(
    rng: random.Random, experts: list[Expert], *, authors: tuple[tuple[str, str], ...], year: int
) -> list[Expert]:
    genders = {g for _, g in authors}
    group = "mixed" if len(genders) > 1 else ("women" if WOMAN in genders else "men")
    p_woman = CITE_SHARE[group] + CITE_SLOPE * (year - 2019)
    chosen: list[Expert] = []
    for _ in range(rng.choice((3, 4, 4, 5))):
        draw = rng.random()
        gender = (
            NONBINARY
            if draw < NONBINARY_CITE_SHARE
            else (WOMAN if draw < NONBINARY_CITE_SHARE + p_woman else MAN)
        )
        pool = [e for e in experts if e.gender == gender and e not in chosen]
        chosen.append(rng.choices(pool, weights=[e.weight for e in pool])[0])
    return chosen


def _article(
    rng: random.Random,
    experts: list[Expert],
    published: datetime,
    *,
    slugs: set[str],
    related: list[ArticlePage],
) -> ArticlePage:
    authors = _authors(rng)
    topic, phrase = rng.choice(phrases.TOPICS)
    title = rng.choice(phrases.HEADLINES).format(topic=topic)
    slug = slugify(title)
    while slug in slugs:
        slug = f"{slug}-{len(slugs) % 7 + 2}"
    slugs.add(slug)
    path = f"{published.year}/{published.month:02d}/{slug}.html"
    url = f"{HOST}/{path}"
    dek = rng.choice(phrases.DEKS)
    paragraphs = [rng.choice(phrases.LEDES).format(phrase=phrase), rng.choice(phrases.CONTEXT)]
    for expert in _cited(rng, experts, authors=authors, year=published.year):
        paragraphs += _citation(rng, expert, phrase=phrase)
    paragraphs.append(rng.choice(phrases.CLOSERS))
    names = tuple(name for name, _ in authors)
    page = _page(
        title=title,
        dek=dek,
        url=url,
        published=published,
        authors=names,
        paragraphs=paragraphs,
        related=related,
    )
    return ArticlePage(path, url, title, dek, published, names, page.encode())


def _citation(rng: random.Random, expert: Expert, *, phrase: str) -> list[str]:
    """Two paragraphs citing one expert, in one of five real-world attribution patterns."""
    first, second = rng.sample(phrases.QUOTES, 2)
    indirect = rng.choice(phrases.INDIRECT).format(phrase=phrase)
    full = expert.display if expert.honorific and rng.random() < 0.5 else expert.name
    later = expert.surname
    if expert.honorific in ("Dr.", "Prof.") and rng.random() < 0.5:
        later = f"{expert.honorific} {expert.surname}"
    pronoun = PRONOUNS[expert.gender][1] if expert.gender in PRONOUNS else later
    subject = PRONOUNS[expert.gender][0] if expert.gender in PRONOUNS else later
    pattern = rng.randrange(5)
    if pattern == 0:
        return [f"“{first},” said {full}, {expert.appositive}.", f"“{second},” {pronoun} said."]
    if pattern == 1:
        return [f"{full}, {expert.appositive}, said: “{first}.”", f"{later} added that {indirect}."]
    if pattern == 2:
        return [
            f"According to {full}, {expert.appositive}, {indirect}.",
            f"“{first},” {later} said.",
        ]
    if pattern == 3:
        return [
            f"{full} said that {indirect}. {subject} is {expert.appositive}.",
            f"“{first},” {pronoun} added.",
        ]
    return [
        f"“{first},” {full}, {expert.appositive}, told {OUTLET}.",
        f"{later} argued that {indirect}.",
    ]


def _author_url(name: str) -> str:
    return f"{HOST}/authors/{slugify(name)}/"


def _page(
    *,
    title: str,
    dek: str,
    url: str,
    published: datetime,
    authors: tuple[str, ...],
    paragraphs: list[str],
    related: list[ArticlePage],
) -> str:
    stamp = published.isoformat()
    data = _news_article(title=title, dek=dek, url=url, stamp=stamp, authors=authors)
    links = [f'<a href="{_author_url(a)}" rel="author">{html.escape(a)}</a>' for a in authors]
    byline = " and ".join(links) if len(links) < 3 else ", ".join(links)
    body = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs]
    body.insert(min(3, len(body)), NEWSLETTER)
    related_items = "\n".join(
        f'<li><a href="{r.url}">{html.escape(r.title)}</a></li>' for r in reversed(related)
    )
    return ARTICLE_PAGE.format(
        title=html.escape(title),
        dek=html.escape(dek),
        url=url,
        stamp=stamp,
        author_meta=html.escape(", ".join(authors)),
        author_links="\n".join(
            f'<meta property="article:author" content="{_author_url(a)}">' for a in authors
        ),
        payload=json.dumps(data, ensure_ascii=False, indent=1),
        byline=byline,
        date_text=published.strftime("%d %B %Y"),
        body="\n".join(body),
        related=related_items,
        year=published.year,
        outlet=OUTLET,
    )


def _news_article(
    *, title: str, dek: str, url: str, stamp: str, authors: tuple[str, ...]
) -> dict[str, Any]:
    """The page's schema.org NewsArticle."""
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "description": dek,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": stamp,
        "dateModified": stamp,
        "articleSection": "World",
        "inLanguage": "en-GB",
        "author": [{"@type": "Person", "name": a, "url": _author_url(a)} for a in authors],
        "publisher": {
            "@type": "Organization",
            "name": OUTLET,
            "url": f"{HOST}/",
            "logo": {"@type": "ImageObject", "url": f"{HOST}/static/logo.png"},
        },
    }


def feed_xml(pages: list[ArticlePage]) -> bytes:
    """The outlet's RSS 2.0 feed listing every article, newest first."""
    ET.register_namespace("dc", DC_NS)
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    newest = max(p.published for p in pages)
    for tag, value in (
        ("title", OUTLET),
        ("link", f"{HOST}/"),
        ("description", "Foreign policy and security, fictional sample outlet"),
        ("language", "en-gb"),
        ("lastBuildDate", format_datetime(newest)),
    ):
        ET.SubElement(channel, tag).text = value
    ET.SubElement(
        channel,
        f"{{{ATOM_NS}}}link",
        href=f"{HOST}/feed.xml",
        rel="self",
        type="application/rss+xml",
    )
    for page in sorted(pages, key=lambda p: p.published, reverse=True):
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = page.title
        ET.SubElement(item, "link").text = page.url
        ET.SubElement(item, "guid", isPermaLink="true").text = page.url
        ET.SubElement(item, "pubDate").text = format_datetime(page.published)
        for author in page.authors:
            ET.SubElement(item, f"{{{DC_NS}}}creator").text = author
        ET.SubElement(item, "category").text = "World"
        ET.SubElement(item, "description").text = page.dek
    ET.indent(rss, space="  ")
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


NEWSLETTER = (
    '<aside class="newsletter-promo"><p>Get The Ledger Brief, our weekly foreign policy '
    'newsletter. <a href="/newsletters/">Sign up</a></p></aside>'
)

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{dek}">
<meta name="author" content="{author_meta}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{dek}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{stamp}">
<meta property="article:modified_time" content="{stamp}">
<meta property="article:section" content="World">
{author_links}
<link rel="canonical" href="{url}">
<script type="application/ld+json">
{payload}
</script>
</head>
<body class="article-page">
<!-- Fictional sample page generated for voicetally (app.samples.generate). -->
<header class="site-header">
<a class="logo" href="/">{outlet}</a>
<nav><a href="/world/">World</a> <a href="/security/">Security</a> \
<a href="/diplomacy/">Diplomacy</a> <a href="/opinion/">Opinion</a></nav>
</header>
<main>
<article class="story">
<p class="kicker"><a href="/security/">Security</a></p>
<h1 class="headline">{title}</h1>
<p class="dek">{dek}</p>
<div class="byline">By {byline}</div>
<time class="dateline" datetime="{stamp}">{date_text}</time>
<div class="story-body">
{body}
</div>
</article>
<aside class="related">
<h2>More on security</h2>
<ul>
{related}
</ul>
</aside>
</main>
<footer class="site-footer"><p>&copy; {year} {outlet}. A fictional outlet: sample data for \
voicetally.</p></footer>
</body>
</html>
"""

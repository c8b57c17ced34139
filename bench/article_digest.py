"""A digest of what article extraction outputs, to show a speed rewrite changes nothing (issue 12).

    .venv/bin/python -m bench.article_digest [--dump FILE]

Parses every page under ../shared/fixtures/media and tests/fixtures/article, then runs the
sentence engine (quotes.extract_sources) over a fuzz corpus of random texts made from those
pages' words and the English word lists (seeded: the same corpus every run), and prints one
SHA-256 over all of it. Run it before and after a rewrite meant to keep output identical: the
digests must be equal (`--dump` writes the records, to diff when they are not). Untimed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

from scrapers.article import lang_en, parse
from scrapers.article.quotes import extract_sources
from scrapers.errors import ScrapeError

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT.parent / "shared" / "fixtures" / "media", ROOT / "tests" / "fixtures" / "article")
FUZZ_TEXTS = 500
EXTRA = [*sorted(lang_en.SPEECH_VERBS), *sorted(lang_en.TITLES), *sorted(lang_en.ORG_WORDS)]
EXTRA += [
    "he",
    "she",
    "He",
    "She",
    "her",
    "his",
    "“",
    "”",
    '"',
    "‘",
    "’",
    ":",
    ",",
    ".",
    "the",
    "The",
    "according",
    "to",
    "by",
    "Mr.",
    "Dr.",
    "'s",
    "’s",
]
EXTRA += ["\n", "and", "who", "that", "saying", "Jane", "Doe", "West", "Q:", "A:"]


def _fuzz(texts: list[str]) -> list[str]:
    rng = random.Random(2026)
    words = [w for t in texts for w in t.split()]
    sentences = [s for t in texts for s in t.replace("\n", " \n ").split(". ")]
    corpus = []
    for i in range(FUZZ_TEXTS):
        if i % 3 == 0:
            corpus.append(" ".join(rng.choice(words + EXTRA) for _ in range(rng.randint(5, 300))))
        elif i % 3 == 1:
            corpus.append(". ".join(rng.choice(sentences) for _ in range(rng.randint(2, 40))))
        else:
            picks = (
                rng.choice(EXTRA) if rng.random() < 0.4 else rng.choice(words) for _ in range(200)
            )
            corpus.append(" ".join(picks))
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args(argv)
    records, texts = [], []
    pages = [page for folder in FOLDERS for page in sorted(folder.rglob("*.html"))]
    for page in pages:
        try:
            article = parse(page.read_bytes())
        except ScrapeError as error:
            records.append(f"{page.name}\t{type(error).__name__}: {error}")
            continue
        records.append(f"{page.name}\t{article.model_dump_json()}")
        texts.append(article.text)
    for text in _fuzz(texts):
        people, orgs = extract_sources(text)
        dumped = [[c.model_dump(mode="json") for c in group] for group in (people, orgs)]
        records.append(json.dumps(dumped, ensure_ascii=False))
    data = "\n".join(records)
    if args.dump:
        args.dump.write_text(data)
    print(
        f"{len(pages)} pages, {FUZZ_TEXTS} fuzz texts: {hashlib.sha256(data.encode()).hexdigest()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

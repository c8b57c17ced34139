"""Build faker_names.csv: gendered given-name lists of Faker's person providers, 80+ locales.

Run: .venv/bin/python -m bench.data.gender.build_faker_names (needs `faker`, MIT; bench only).
Names in both a locale's female and male lists are dropped (unisex); surnames are the locale's
gendered forms where it has them (Slavic, Baltic, Icelandic...), else any of its surnames.
"""

from __future__ import annotations

import csv
import importlib
import random
from pathlib import Path

OUT = Path(__file__).with_name("faker_names.csv")
PER_CLASS = 40
SEED = 20181
NO_SPACE = {"zh_CN", "zh_TW", "ko_KR"}  # written surname first, no space


def _names(provider: type, attr: str) -> list[str]:
    value = getattr(provider, attr, None) or {}
    return sorted(value) if isinstance(value, (dict, tuple, list, set)) else []


def _rows(locale: str, rng: random.Random) -> list[list[str]]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    prefix = "first_romanized_names" if locale == "ja_JP" else "first_names"
    female, male = _names(provider, f"{prefix}_female"), _names(provider, f"{prefix}_male")
    if locale == "ja_JP":
        surnames_any = _names(provider, "last_romanized_names")
    else:
        surnames_any = _names(provider, "last_names")
    both = set(female) & set(male)
    rows = []
    for gender, firsts in (("f", female), ("m", male)):
        firsts = [f for f in firsts if f not in both and " " not in f]
        lasts = _names(provider, "last_names_female" if gender == "f" else "last_names_male")
        lasts = lasts or surnames_any
        if not firsts or not lasts:
            continue
        for first in rng.sample(firsts, min(PER_CLASS, len(firsts))):
            last = rng.choice(lasts)
            full = f"{last}{first}" if locale in NO_SPACE else f"{first} {last}"
            rows.append([full, first, "", last, gender, locale, locale.split("_")[-1]])
    return rows


def main() -> None:
    import faker.providers.person as person

    locales = sorted(p.name for p in Path(person.__file__).parent.iterdir() if "_" in p.name)
    rng = random.Random(SEED)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["full_name", "first_name", "middle_name", "last_name", "gender", "origin", "country"]
        )
        for locale in locales:
            if locale.startswith("__"):
                continue
            writer.writerows(_rows(locale, rng))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

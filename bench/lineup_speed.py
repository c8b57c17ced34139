"""Lineup parsing speed on one core per structured format, over a synthetic 5,000-session schedule;
floor 10,000 sessions/s (issue 4). Run: .venv/bin/python -m bench.lineup_speed [SESSIONS]
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable

from scrapers import lineup, text

FLOOR = 10_000  # sessions per second, structured formats (issue 4)
RUNS = 5
# 60 x 60 names: each speaker recurs a few times, as in real schedules; caches are emptied per run.
FIRST = [
    f"{a}{b}" for a in ("Ada", "Bruno", "Chiara", "Dana", "Elias", "Fay") for b in "abcdefghij"
]
LAST = [
    f"{a}{b}" for a in ("Quill", "Keller", "Neri", "Ofori", "Varga", "Sato") for b in "klmnoprst"
]
TITLES = ["", "", "", "Dr. ", "Prof. ", "Ms ", "Mr "]
KINDS = ["Talk", "Panel", "Workshop", "Keynote", "Lightning Talk"]


def people(rng: random.Random) -> list[str]:
    """Return 1-4 display names, one sometimes an 'A and B' field."""
    count = rng.randint(1, 4)
    names = [f"{rng.choice(TITLES)}{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count)]
    if len(names) > 2 and rng.random() < 0.2:
        names[-2:] = [f"{names[-2]} and {names[-1]}"]
    return names


def frab_json(n: int, rng: random.Random) -> bytes:
    talks = [
        {"id": i, "guid": f"g-{i}", "date": "2025-03-14T10:00:00+01:00", "duration": "00:45",
         "room": "Main", "title": f"Talk {i}", "type": rng.choice(KINDS),
         "persons": [{"id": j, "public_name": p} for j, p in enumerate(people(rng))]}
        for i in range(n)
    ]  # fmt: skip
    days = [{"index": 1, "date": "2025-03-14", "rooms": {"Main": talks}}]
    conference = {"title": "Synthetic", "start": "2025-03-14", "end": "2025-03-15", "days": days}
    return json.dumps({"schedule": {"version": "1", "conference": conference}}).encode()


def persons_xml(names: list[str]) -> str:
    """Return <person> elements for names."""
    return "".join(f"<person id='{j}'>{name}</person>" for j, name in enumerate(names))


def frab_xml(n: int, rng: random.Random) -> bytes:
    events = "".join(
        f"<event id='{i}' guid='g-{i}'><date>2025-03-14T10:00:00+01:00</date><duration>00:45"
        f"</duration><room>Main</room><title>Talk {i}</title><type>{rng.choice(KINDS)}</type>"
        f"<persons>{persons_xml(people(rng))}"
        "</persons></event>"
        for i in range(n)
    )
    return (
        "<schedule><conference><title>Synthetic</title></conference><day><room name='Main'>"
        f"{events}</room></day></schedule>"
    ).encode()


def pretalx_api(n: int, rng: random.Random) -> bytes:
    results = [
        {"code": f"T{i}", "title": {"en": f"Talk {i}"},
         "submission_type": {"en": rng.choice(KINDS)},
         "slot": {"start": "2025-03-14T10:00:00+01:00", "end": "2025-03-14T10:45:00+01:00",
                  "room": {"en": "Main"}},
         "speakers": [{"code": f"S{j}", "name": p, "biography": ""}
                      for j, p in enumerate(people(rng))]}
        for i in range(n)
    ]  # fmt: skip
    return json.dumps({"count": n, "next": None, "results": results}).encode()


def sessionize(n: int, rng: random.Random) -> bytes:
    speakers = [
        {"id": f"s{i}", "firstName": rng.choice(FIRST), "lastName": rng.choice(LAST),
         "fullName": "", "tagLine": "Engineer", "bio": ""}
        for i in range(500)
    ]  # fmt: skip
    for s in speakers:
        s["fullName"] = f"{s['firstName']} {s['lastName']}"
    sessions = [
        {"id": str(i), "title": f"Talk {i}", "startsAt": "2025-10-02T09:00:00",
         "endsAt": "2025-10-02T09:45:00",
         "speakers": [f"s{rng.randrange(500)}" for _ in range(rng.randint(1, 4))],
         "categoryItems": [], "roomId": 1}
        for i in range(n)
    ]  # fmt: skip
    return json.dumps(
        {"sessions": sessions, "speakers": speakers, "categories": [], "rooms": []}
    ).encode()


def indico(n: int, rng: random.Random) -> bytes:
    contributions = [
        {"id": str(i), "title": f"Talk {i}",
         "startDate": {"date": "2024-09-15", "time": "09:00:00", "tz": "UTC"},
         "speakers": [], "primaryauthors": [
             {"fullName": f"{rng.choice(LAST)}, {rng.choice(FIRST)}", "affiliation": "Uni"}
             for _ in range(rng.randint(1, 4))]}
        for i in range(n)
    ]  # fmt: skip
    result = {"title": "Synthetic", "contributions": contributions}
    return json.dumps({"count": 1, "results": [result]}).encode()


def own_json(n: int, rng: random.Random) -> bytes:
    sessions = [
        {"title": f"Talk {i}", "start": "2025-11-04T09:00:00+01:00", "kind": rng.choice(KINDS),
         "people": [{"name": p, "role": "speaker"} for p in people(rng)]}
        for i in range(n)
    ]  # fmt: skip
    return json.dumps({"event": {"name": "Synthetic"}, "sessions": sessions}).encode()


def own_csv(n: int, rng: random.Random) -> bytes:
    rows = ["session,start,name,role"]
    for i in range(n):
        rows.extend(f'Talk {i},2025-11-04T09:00:00,"{p}",speaker' for p in people(rng))
    return ("\n".join(rows) + "\n").encode()


def ical(n: int, rng: random.Random) -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{i}@x\r\nDTSTART:20250612T090000Z\r\nSUMMARY:Talk {i}\r\n"
        f"DESCRIPTION:Speaker: {', '.join(people(rng))}\\nAbout it.\r\nEND:VEVENT\r\n"
        for i in range(n)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()


GENERATORS: dict[str, tuple[str, Callable[[int, random.Random], bytes]]] = {
    "frab (json)": ("frab", frab_json),
    "frab (xml)": ("frab", frab_xml),
    "pretalx (api)": ("pretalx", pretalx_api),
    "sessionize": ("sessionize", sessionize),
    "indico": ("indico", indico),
    "json (ours)": ("json", own_json),
    "csv (ours)": ("csv", own_csv),
    "ical": ("ical", ical),
}


def measure(fmt: str, content: bytes, n: int) -> float:
    """Return sessions per CPU second of this process (one core), best of five cold runs.

    CPU time, not wall time: the machine is shared, and other processes' load must not count.
    """
    best = float("inf")
    for _ in range(RUNS):
        text.clear_caches()
        started = time.process_time()
        parsed = lineup.parse(content, format=fmt)
        best = min(best, time.process_time() - started)
        assert len(parsed.sessions) == n
    return n / best


def main(n: int) -> int:
    print(f"lineup parsing speed, {n} sessions, one core, CPU time (floor {FLOOR:,}/s)")
    below = []
    for label, (fmt, generate) in GENERATORS.items():
        content = generate(n, random.Random(42))
        rate = measure(fmt, content, n)
        print(f"  {label:15} {rate:10,.0f} sessions/s  ({len(content) / 1e6:.1f} MB)")
        if rate < FLOOR:
            below.append(label)
    if below:
        print(f"below the floor: {', '.join(below)}")
        return 1
    print("all formats at or above the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))

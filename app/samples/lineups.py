"""Plan the fictional event series: editions, sessions and who sits on which panel.

The plan is format-free; app.samples.formats writes it as pretalx, frab or JSON-LD. Women's share
rises edition by edition, moderators lean more female than speakers, so manels thin out over time.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.samples import phrases
from app.samples.roster import MAN, NONBINARY, ORGANISATIONS, WOMAN, Expert

__all__ = ["SERIES", "Edition", "PlannedEdition", "PlannedSession", "Seat", "Series", "plan"]

NONBINARY_SHARE = 0.03
MODERATOR_BONUS = 0.25  # moderators are more often women than speakers (DESIGN: role split)
MAX_SESSIONS_PER_PERSON = 1  # no one sits in two rooms at once
PANEL_SIZES = (3, 3, 4, 4, 5)
DAY_START_MINUTES = 9 * 60
BREAK_MINUTES = 15
DURATIONS = {"Opening": 30, "Keynote": 45, "Panel": 75, "Talk": 30, "Closing": 30}
MAIN_ROOM_KINDS = frozenset({"Opening", "Keynote", "Closing"})


@dataclass(frozen=True)
class Edition:
    """One yearly edition: where and when."""

    year: int
    city: str
    country: str
    venue: str
    month: int
    day: int
    tz: str
    offset: str

    @property
    def location(self) -> str:
        return f"{self.venue}, {self.city}"


@dataclass(frozen=True)
class Series:
    """A recurring event series and how its lineups tend to look."""

    slug: str
    title: str
    acronym: str
    fmt: str
    organiser: str
    share: tuple[float, float]  # women's share among speakers, first and last edition
    manels: tuple[float, float]  # share of all-male panels, first and last edition
    regions: tuple[tuple[str, float], ...]
    rooms: tuple[str, ...]
    panels: int
    talks: int
    keynotes: int
    days: int
    editions: tuple[Edition, ...]


@dataclass(frozen=True)
class Seat:
    """A person (or a group account) in a session, with their role."""

    name: str
    role: str
    expert: Expert | None = None


@dataclass
class PlannedSession:
    """One session of an edition before it is written in any format."""

    number: int
    kind: str
    title: str
    topic: str
    abstract: str
    seats: list[Seat]
    day: int = 0
    room: str = ""
    start_minutes: int = 0

    @property
    def duration(self) -> int:
        return DURATIONS[self.kind]

    @property
    def moderator(self) -> Seat | None:
        return next((s for s in self.seats if s.role == "moderator"), None)


@dataclass
class PlannedEdition:
    """An edition with its sessions, ready to be written."""

    series: Series
    edition: Edition
    sessions: list[PlannedSession] = field(default_factory=list)

    @property
    def starts_on(self) -> date:
        return date(self.edition.year, self.edition.month, self.edition.day)

    def day_date(self, index: int) -> date:
        return self.starts_on + timedelta(days=index)

    @property
    def ends_on(self) -> date:
        return self.day_date(self.series.days - 1)


def _e(year: int, city: str, country: str, venue: str, month: int, day: int, tz: str) -> Edition:
    offsets = {
        "Europe/Oslo": "+02:00",
        "Europe/Copenhagen": "+02:00",
        "Europe/Helsinki": "+03:00",
        "Europe/London": "+01:00",
        "Europe/Tallinn": "+03:00",
        "Europe/Riga": "+03:00",
        "Europe/Vilnius": "+03:00",
        "Europe/Warsaw": "+02:00",
        "Asia/Singapore": "+08:00",
        "Asia/Manila": "+08:00",
        "Asia/Jakarta": "+07:00",
        "Australia/Darwin": "+09:30",
        "Asia/Kuala_Lumpur": "+08:00",
        "Asia/Colombo": "+05:30",
    }
    return Edition(year, city, country, venue, month, day, tz, offsets[tz])


SERIES: tuple[Series, ...] = (
    Series(
        slug="northbridge-security-forum",
        title="Northbridge Security Forum",
        acronym="nsf",
        fmt="pretalx",
        organiser="Northbridge Forum Foundation",
        share=(0.18, 0.41),
        manels=(0.45, 0.0),
        regions=(("eu", 3.0), ("af", 1.0), ("as", 1.0), ("me", 1.0), ("am", 1.0)),
        rooms=("Main Hall", "Harbour Room"),
        panels=7,
        talks=3,
        keynotes=2,
        days=2,
        editions=(
            _e(2020, "Oslo", "NO", "Akerhus Conference Centre", 6, 11, "Europe/Oslo"),
            _e(2021, "Copenhagen", "DK", "Holmen Congress Hall", 6, 10, "Europe/Copenhagen"),
            _e(2022, "Helsinki", "FI", "Kaisaniemi Forum", 6, 9, "Europe/Helsinki"),
            _e(2023, "Edinburgh", "GB", "Calton Assembly Rooms", 6, 15, "Europe/London"),
            _e(2024, "Bergen", "NO", "Bryggen Waterfront Centre", 6, 13, "Europe/Oslo"),
            _e(2025, "Aarhus", "DK", "Marselis Conference Hall", 6, 12, "Europe/Copenhagen"),
        ),
    ),
    Series(
        slug="baltic-defence-dialogue",
        title="Baltic Defence Dialogue",
        acronym="bdd",
        fmt="frab",
        organiser="Baltic Dialogue Association",
        share=(0.15, 0.34),
        manels=(0.5, 0.15),
        regions=(("eu", 6.0), ("af", 0.5), ("as", 0.7), ("me", 0.7), ("am", 0.5)),
        rooms=("Plenary", "Workshop Room A"),
        panels=6,
        talks=2,
        keynotes=1,
        days=2,
        editions=(
            _e(2020, "Tallinn", "EE", "Kalamaja Conference Centre", 9, 24, "Europe/Tallinn"),
            _e(2021, "Riga", "LV", "Daugava Hall", 9, 23, "Europe/Riga"),
            _e(2022, "Vilnius", "LT", "Neris Forum", 9, 22, "Europe/Vilnius"),
            _e(2023, "Gdańsk", "PL", "Motława Congress Centre", 9, 21, "Europe/Warsaw"),
            _e(2024, "Tallinn", "EE", "Kalamaja Conference Centre", 9, 26, "Europe/Tallinn"),
            _e(2025, "Riga", "LV", "Daugava Hall", 9, 25, "Europe/Riga"),
        ),
    ),
    Series(
        slug="coral-strait-roundtable",
        title="Coral Strait Maritime Roundtable",
        acronym="csr",
        fmt="jsonld",
        organiser="Coral Strait Policy Forum",
        share=(0.25, 0.45),
        manels=(0.34, 0.0),
        regions=(("as", 5.0), ("af", 1.5), ("eu", 1.0), ("me", 1.0), ("am", 1.0)),
        rooms=("Auditorium",),
        panels=3,
        talks=0,
        keynotes=1,
        days=1,
        editions=(
            _e(2020, "Singapore", "SG", "Marina Strait Hall", 11, 18, "Asia/Singapore"),
            _e(2021, "Manila", "PH", "Bayfront Policy Centre", 11, 17, "Asia/Manila"),
            _e(2022, "Jakarta", "ID", "Menteng Convention Hall", 11, 16, "Asia/Jakarta"),
            _e(2023, "Darwin", "AU", "Harbourside Convention Centre", 11, 15, "Australia/Darwin"),
            _e(2024, "Kuala Lumpur", "MY", "Klang Policy Forum", 11, 20, "Asia/Kuala_Lumpur"),
            _e(2025, "Colombo", "LK", "Galle Face Conference Hall", 11, 19, "Asia/Colombo"),
        ),
    ),
)


class _Picker:
    """Draw people for one edition: by gender, weighted by prominence and region."""

    def __init__(self, rng: random.Random, roster: list[Expert], series: Series) -> None:
        self.rng = rng
        self.roster = roster
        self.regions = dict(series.regions)
        self.used: Counter[str] = Counter()

    def deck(self, size: int, p_woman: float) -> list[str]:
        """Genders for `size` seats with women's share as close to p_woman as counts allow."""
        women = round(p_woman * size)
        nonbinary = int(self.rng.random() < min(1.0, NONBINARY_SHARE * size))
        deck = [WOMAN] * women + [NONBINARY] * nonbinary
        deck += [MAN] * (size - len(deck))
        self.rng.shuffle(deck)
        return deck

    def person(self, gender: str, *, exclude: set[str]) -> Expert:
        pool = [
            e
            for e in self.roster
            if e.gender == gender
            and e.name not in exclude
            and self.used[e.name] < MAX_SESSIONS_PER_PERSON
        ]
        weights = [e.weight * self.regions.get(e.region, 1.0) for e in pool]
        chosen = self.rng.choices(pool, weights=weights)[0]
        self.used[chosen.name] += 1
        exclude.add(chosen.name)
        return chosen


def plan(rng: random.Random, roster: list[Expert]) -> list[PlannedEdition]:
    """Plan every edition of every series, in a fixed order."""
    planned = []
    for series in SERIES:
        count = len(series.editions)
        for index, edition in enumerate(series.editions):
            progress = index / max(1, count - 1)
            share = _between(series.share, progress)
            manels = round(_between(series.manels, progress) * series.panels)
            planned.append(_plan_edition(rng, roster, series, edition, share=share, manels=manels))
    return planned


def _between(bounds: tuple[float, float], progress: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * progress


def _take(deck: list[str], gender: str, count: int) -> list[str]:
    """Take `count` seats of one gender from the deck (others once it runs out)."""
    taken = []
    for _ in range(count):
        if gender in deck:
            deck.remove(gender)
            taken.append(gender)
        else:
            taken.append(deck.pop())
    return taken


def _panel_genders(
    rng: random.Random, picker: _Picker, series: Series, *, share: float, manels: int
) -> tuple[list[tuple[list[str], str]], list[str]]:
    """Seat genders per panel (all-male ones drawn first), and the speaker deck left over."""
    sizes = [rng.choice(PANEL_SIZES) for _ in range(series.panels)]
    speakers = picker.deck(series.keynotes + series.talks + sum(sizes), share)
    moderators = picker.deck(series.panels, min(0.75, share + MODERATOR_BONUS))
    all_male = set(rng.sample(range(series.panels), manels))
    panels: dict[int, tuple[list[str], str]] = {}
    for index in sorted(all_male):
        panels[index] = (_take(speakers, MAN, sizes[index]), _take(moderators, MAN, 1)[0])
    for index in range(series.panels):
        if index not in all_male:
            panels[index] = ([speakers.pop() for _ in range(sizes[index])], moderators.pop())
    return [panels[i] for i in range(series.panels)], speakers


def _plan_edition(
    rng: random.Random,
    roster: list[Expert],
    series: Series,
    edition: Edition,
    *,
    share: float,
    manels: int,
) -> PlannedEdition:
    picker = _Picker(rng, roster, series)
    topics = rng.sample(phrases.TOPICS, series.panels + series.talks + series.keynotes)
    panels, speakers = _panel_genders(rng, picker, series, share=share, manels=manels)
    sessions = [_group_session("Opening", "Opening and Welcome", ORGANISATIONS[0], series)]
    for title, phrase in topics[: series.keynotes]:
        person = picker.person(speakers.pop(), exclude=set())
        sessions.append(
            _session("Keynote", title, phrase, [Seat(person.display, "keynote", person)], rng)
        )
    for seat_genders, topic in zip(
        panels, topics[series.keynotes : series.keynotes + series.panels], strict=True
    ):
        sessions.append(_panel(rng, picker, seat_genders, topic))
    for title, phrase in topics[series.keynotes + series.panels :]:
        person = picker.person(speakers.pop(), exclude=set())
        talk_title = rng.choice(phrases.TALK_TITLES).format(topic=title)
        sessions.append(
            _session("Talk", talk_title, phrase, [Seat(person.display, "speaker", person)], rng)
        )
    if rng.random() < 0.5:
        sessions.append(_group_session("Talk", "Next Generation Voices", ORGANISATIONS[2], series))
    sessions.append(_group_session("Closing", "Closing Remarks", ORGANISATIONS[1], series))
    for number, session in enumerate(sessions, start=1):
        session.number = number
    planned = PlannedEdition(series, edition, sessions)
    _schedule(planned)
    return planned


def _panel(
    rng: random.Random,
    picker: _Picker,
    seat_genders: tuple[list[str], str],
    topic: tuple[str, str],
) -> PlannedSession:
    taken: set[str] = set()
    people = [picker.person(gender, exclude=taken) for gender in seat_genders[0]]
    moderator = picker.person(seat_genders[1], exclude=taken)
    seats = [Seat(p.display, "speaker", p) for p in people]
    seats.append(Seat(moderator.display, "moderator", moderator))
    title = f"Panel: {topic[0]}" if rng.random() < 0.4 else topic[0]
    return _session("Panel", title, topic[1], seats, rng)


def _session(
    kind: str, title: str, phrase: str, seats: list[Seat], rng: random.Random
) -> PlannedSession:
    abstract = rng.choice(phrases.ABSTRACTS).format(phrase=phrase)
    abstract = abstract[:1].upper() + abstract[1:]
    return PlannedSession(0, kind, title, phrase, abstract, seats)


def _group_session(kind: str, title: str, account: str, series: Series) -> PlannedSession:
    abstract = f"{account} of the {series.title} on the programme and the year ahead."
    return PlannedSession(0, kind, title, "", abstract, [Seat(account, "host")])


def _schedule(planned: PlannedEdition) -> None:
    """Give each session a day, a room and a start time; plenary items hold every room."""
    series = planned.series
    body = [s for s in planned.sessions if s.kind not in ("Opening", "Closing")]
    per_day = -(-len(body) // series.days)
    days = [
        sorted(body[d * per_day : (d + 1) * per_day], key=lambda s: s.kind != "Keynote")
        for d in range(series.days)
    ]
    days[0].insert(0, planned.sessions[0])
    days[-1].append(planned.sessions[-1])
    ordered = []
    for day, chunk in enumerate(days):
        clocks = dict.fromkeys(series.rooms, DAY_START_MINUTES)
        for turn, session in enumerate(chunk):
            plenary = session.kind in MAIN_ROOM_KINDS
            session.day = day
            session.room = series.rooms[0] if plenary else series.rooms[turn % len(series.rooms)]
            session.start_minutes = max(clocks.values()) if plenary else clocks[session.room]
            for room in series.rooms if plenary else (session.room,):
                clocks[room] = session.start_minutes + session.duration + BREAK_MINUTES
            ordered.append(session)
    planned.sessions = ordered

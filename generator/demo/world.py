"""The demo's scales, calendar and five-level grid (社区 → 小区 → 楼栋).

Everything is drawn from one ``random.Random`` in a fixed order, so a seed always gives
the same world. Ids are unique per city; in the province every id carries the city's
prefix (``qingxi-``), so ten cities can share one content folder.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field, replace

from generator.demo import names, phrases

ALL_MONTHS: tuple[str, ...] = tuple(
    f"{year}-{month:02d}" for year, month in [(2025, 12)] + [(2026, m) for m in range(1, 12)]
)
"""The demo year: 2025-12 … 2026-11."""


@dataclass(frozen=True)
class Scale:
    """How much content one demo holds; counts are per city."""

    cities: int
    communities: int
    estates: int
    buildings: int
    months: int
    activities: int
    people: int
    wishes: int
    deliberations: int
    """议事 meetings (红色会客厅/邻里议事厅)."""
    joint_meetings: int
    """党建联席会议."""
    units: int


CITY = Scale(1, 36, 200, 2000, 12, 5000, 1000, 600, 430, 74, 169)
SCALES: dict[str, Scale] = {
    "small": Scale(1, 2, 5, 24, 2, 60, 30, 15, 8, 2, 6),
    "city": CITY,
    "province": replace(CITY, cities=10),
}


def months_of(scale: Scale) -> tuple[str, ...]:
    """The last ``scale.months`` months of the demo year, oldest first."""
    return ALL_MONTHS[-scale.months:]


def month_days(month: str) -> int:
    year, number = int(month[:4]), int(month[5:])
    return calendar.monthrange(year, number)[1]


def random_date(rng: random.Random, month: str) -> dt.date:
    """A day of ``month``, drawn evenly."""
    return dt.date(int(month[:4]), int(month[5:]), rng.randint(1, month_days(month)))


def last_day(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:]), month_days(month))


def split(rng: random.Random, total: int, parts: int, low: int = 1) -> list[int]:
    """``parts`` random counts, each at least ``low``, adding up to ``total``."""
    counts = [low] * parts
    for _ in range(total - low * parts):
        counts[rng.randrange(parts)] += 1
    return counts


class Ids:
    """Hands out ids unique per kind within one demo, adding ``-2``, ``-3`` … on a clash."""

    def __init__(self) -> None:
        self._used: dict[tuple[str, str], int] = {}

    def taken(self, kind: str, base: str) -> bool:
        return (kind, base) in self._used

    def unique(self, kind: str, base: str) -> str:
        """``base`` if it is free for ``kind``, else the first free ``base-N`` (N ≥ 2)."""
        if (kind, base) not in self._used:
            self._used[(kind, base)] = 1
            return base
        number = self._used[(kind, base)]
        candidate = base
        while (kind, candidate) in self._used:
            number += 1
            candidate = f"{base}-{number}"
        self._used[(kind, base)] = number
        self._used[(kind, candidate)] = 1
        return candidate


@dataclass
class Building:
    """楼栋."""

    id: str
    name: str
    households: int
    party_group: str
    center_households: int
    leader: str | None = None


@dataclass
class Estate:
    """小区 with its 党支部 and 物业."""

    id: str
    name: str
    households: int
    residents: int
    property_company: str
    buildings: list[Building]

    @property
    def branch(self) -> str:
        return f"{self.name}党支部"


@dataclass
class Community:
    """社区 and the standing records hanging from it."""

    id: str
    name: str
    street: str
    secretary: str
    honours: list[str]
    estates: list[Estate]
    units: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass
class City:
    """One county-level city's grid; ``prefix`` starts every id in a province."""

    prefix: str
    name: str
    streets: list[tuple[str, str]]
    """(name, pinyin) of each 街道."""
    communities: list[Community]


def person_name(rng: random.Random, gender: str) -> tuple[str, str]:
    """A Chinese name and its pinyin id base, e.g. ``("张建平", "zhang-jianping")``."""
    surname, surname_py = rng.choice(names.SURNAMES)
    pool = names.GIVEN_MALE if gender == "男" else names.GIVEN_FEMALE
    given = [rng.choice(pool) for _ in range(1 if rng.random() < 0.2 else 2)]
    return surname + "".join(c for c, _ in given), surname_py + "-" + "".join(p for _, p in given)


def build_city(rng: random.Random, scale: Scale, index: int, ids: Ids) -> City:
    """Draw one city: its streets, communities, 小区 and 楼栋."""
    city_name, city_py = names.CITIES[index % len(names.CITIES)]
    prefix = f"{city_py}-" if scale.cities > 1 else ""
    places = rng.sample(names.PLACES, scale.communities)
    streets = [(p + "街道", py) for p, py in rng.sample(names.PLACES, max(1, scale.communities // 5))]
    estate_counts = split(rng, scale.estates, scale.communities)
    building_counts = split(rng, scale.buildings, scale.estates, low=3)
    communities = []
    for i, (place, place_py) in enumerate(places):
        start = sum(estate_counts[:i])
        sizes = building_counts[start:start + estate_counts[i]]
        estates = [_estate(rng, city_name, size, prefix, ids) for size in sizes]
        honours = rng.sample(phrases.COMMUNITY_HONOURS, rng.randint(0, 2))
        secretary = person_name(rng, rng.choice(("男", "女")))[0]
        communities.append(Community(
            ids.unique("community", prefix + place_py), place + "社区", streets[i % len(streets)][0],
            secretary, honours, estates,
        ))
    return City(prefix, city_name, streets, communities)


def _estate(rng: random.Random, city: str, size: int, prefix: str, ids: Ids) -> Estate:
    for _ in range(20):  # prefer a name not yet used in this city
        place, place_py = rng.choice(names.PLACES)
        suffix, suffix_py = rng.choice(names.ESTATE_SUFFIXES)
        base = prefix + (place_py if suffix == "小区" else f"{place_py}-{suffix_py}")
        if not ids.taken("estate", base):
            break
    name = place + suffix
    style = rng.choice(("{n}栋", "{n}号楼", "{n}幢"))
    buildings = []
    for n in range(1, size + 1):
        households = rng.choice((12, 18, 24, 30, 36, 40, 48, 60, 72))
        label = style.format(n=n)
        group = f"{name}{label}党小组" if rng.random() < 0.8 else ""
        buildings.append(Building(str(n), label, households, group, rng.randint(0, 3)))
    households = sum(b.households for b in buildings)
    company = f"{city}{rng.choice(names.PROPERTY_WORDS)}物业服务有限公司"
    return Estate(ids.unique("estate", base), name, households, int(households * rng.uniform(2.6, 3.3)),
                  company, buildings)

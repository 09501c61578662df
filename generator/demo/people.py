"""Standing records around the grid: 结对单位, 人物 and 帮帮团.

Units are paired with communities first, people are then placed in 楼栋 (some become
楼栋长 or report to a paired unit), and each community gets its four 帮帮团.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from generator.demo import names, phrases
from generator.demo.world import City, Community, Ids, Scale, last_day, person_name, random_date, split


@dataclass
class ListItem:
    """One line of a unit's 需求清单 or 服务清单."""

    title: str
    community: str
    status: str
    date: dt.date
    done_date: dt.date | None


@dataclass
class Unit:
    """结对共建单位."""

    id: str
    name: str
    kind: str
    communities: list[str]
    members_reported: int
    contact_person: str
    contact_phone: str
    needs: list[ListItem] = field(default_factory=list)
    services: list[ListItem] = field(default_factory=list)

    @property
    def party_organisation(self) -> str:
        if self.name.startswith("中共"):
            return self.name + "机关党支部"
        suffix = "机关委员会" if self.kind == "机关" else "支部委员会"
        return f"中共{self.name}{suffix}"


@dataclass
class Person:
    """人物: a volunteer, 楼栋长, 在职党员 or 最美 honouree."""

    id: str
    name: str
    gender: str
    political_status: str
    community: Community
    estate: str
    building: str | None
    unit: Unit | None
    roles: list[str]
    honours: list[tuple[str, str]]
    service_hours: float
    story: str
    public: bool
    consent: bool
    phone: str


@dataclass
class Group:
    """帮帮团."""

    id: str
    name: str
    focus: str
    mission: str
    community: str
    estate: str
    leader: str | None
    members: list[str]
    founded: dt.date


_UNIT_POOLS = (
    (names.AGENCIES, "机关"), (names.INSTITUTIONS, "事业单位"),
    (names.COMPANIES, "企业"), (names.ASSOCIATIONS, "社会组织"),
)
_ROLES = ("网格长", "党员中心户", "帮帮团成员", "志愿者", "业委会成员", "楼栋党小组长")


def _unit_names(rng: random.Random, city: City, count: int) -> list[tuple[str, str, str]]:
    """``count`` (name, slug, kind) triples: standing bodies first, then companies."""
    fixed = [(tpl.format(city=city.name), slug, kind)
             for pool, kind in _UNIT_POOLS for tpl, slug in pool]
    if count <= len(fixed):
        return rng.sample(fixed, count)
    chosen, slugs = fixed, {slug for _, slug, _ in fixed}
    while len(chosen) < count:
        (place, place_py), (industry, industry_py) = rng.choice(names.PLACES), rng.choice(names.INDUSTRIES)
        slug = f"{place_py}-{industry_py}"
        if slug not in slugs:
            slugs.add(slug)
            chosen.append((f"{city.name[:-1]}{place}{industry}", slug, "企业"))
    return chosen


def build_units(rng: random.Random, city: City, scale: Scale, months: tuple[str, ...], ids: Ids) -> list[Unit]:
    """The city's 结对单位, each paired with one to three communities."""
    units = []
    communities = city.communities
    for i, (name, slug, kind) in enumerate(_unit_names(rng, city, scale.units)):
        paired = [communities[i % len(communities)]]
        for extra in rng.sample(communities, min(len(communities), rng.randint(0, 2))):
            if extra not in paired:
                paired.append(extra)
        contact = person_name(rng, rng.choice(("男", "女")))[0]
        unit = Unit(ids.unique("unit", city.prefix + slug), name, kind, [c.id for c in paired],
                    rng.randint(3, 40), contact, f"0599-6{rng.randint(0, 999999):06d}")
        unit.needs = [_item(rng, rng.choice(paired), months, phrases.NEEDS) for _ in range(rng.randint(1, 3))]
        unit.services = [_item(rng, rng.choice(paired), months, phrases.SERVICES) for _ in range(rng.randint(1, 3))]
        for community in paired:
            community.units.append(unit.id)
        units.append(unit)
    return units


def _item(rng: random.Random, community: Community, months: tuple[str, ...], pool: tuple[str, ...]) -> ListItem:
    estate = rng.choice(community.estates)
    title = rng.choice(pool).format(estate=estate.name, community=community.name)
    date = random_date(rng, rng.choice(months))
    status = rng.choice(("待对接", "对接中", "已完成"))
    done = min(date + dt.timedelta(days=rng.randint(5, 40)), last_day(months[-1])) if status == "已完成" else None
    return ListItem(title, community.id, status, date, done)


def build_people(rng: random.Random, city: City, scale: Scale, months: tuple[str, ...],
                 units: dict[str, Unit], ids: Ids) -> list[Person]:
    """The city's 人物, spread over its communities and 楼栋."""
    people = []
    for community, count in zip(city.communities, split(rng, scale.people, len(city.communities)), strict=True):
        for _ in range(count):
            person = _person(rng, city, community, months, units, ids)
            community.people.append(person.id)
            people.append(person)
    return people


def _person(rng: random.Random, city: City, community: Community, months: tuple[str, ...],
            units: dict[str, Unit], ids: Ids) -> Person:
    gender = rng.choice(("男", "女"))
    name, base = person_name(rng, gender)
    person_id = ids.unique("person", city.prefix + base)
    estate = rng.choice(community.estates)
    building = rng.choice(estate.buildings) if rng.random() < 0.85 else None
    member = rng.random() < 0.6
    roles = rng.sample(_ROLES, rng.randint(1, 2))
    unit = units[rng.choice(community.units)] if member and community.units and rng.random() < 0.3 else None
    if unit is not None:
        roles.insert(0, "在职党员报到")
    if building is not None and building.leader is None and rng.random() < 0.5:
        building.leader = person_id
        roles.insert(0, "楼栋长")
    honours, story = _honours(rng, months)
    public = rng.random() < 0.9
    return Person(
        person_id, name, gender, "党员" if member else "群众", community, estate.id,
        building.id if building else None, unit, roles, honours,
        round(rng.uniform(0, 300), 1), story, public, public and rng.random() < 0.85,
        f"1380000{rng.randint(0, 9999):04d}",
    )


def _honours(rng: random.Random, months: tuple[str, ...]) -> tuple[list[tuple[str, str]], str]:
    """Most people have no honour; those who do get a short story too."""
    titles = rng.sample(tuple(phrases.HONOUR_CITATIONS), rng.choice((0, 0, 0, 0, 0, 1, 1, 2)))
    honours = [(title, rng.choice(months)) for title in titles]
    story = "".join(rng.sample(phrases.PERSON_STORIES, 2)) if honours or rng.random() < 0.2 else ""
    return honours, story


def build_groups(rng: random.Random, city: City) -> list[Group]:
    """Four 帮帮团 per community (暖心便民, 同心济困, 热心乐民, 爱心调解)."""
    groups = []
    for community in city.communities:
        for focus, slug, mission in phrases.GROUP_FOCUSES:
            estate = rng.choice(community.estates)
            members = rng.sample(community.people, min(len(community.people), rng.randint(2, 6)))
            founded = dt.date(2025, rng.randint(1, 11), rng.randint(1, 28))
            group = Group(f"{community.id}-{slug}", f"{estate.name}{focus}帮帮团", focus, mission,
                          community.id, estate.id, members[0] if members else None, members, founded)
            community.groups.append(group.id)
            groups.append(group)
    return groups

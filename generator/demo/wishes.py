"""Demo 微心愿: every status from 征集 to 完成, with valid timelines and claimers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from generator.demo import names, phrases
from generator.demo.world import City, Community, Ids, Scale, last_day, person_name, random_date

STATUSES = ("征集", "核实", "发布", "认领", "完成")
CATEGORY_SLUGS = {
    "生活物资": "wuzi", "助学": "zhuxue", "维修": "weixiu", "陪伴": "peiban",
    "就医": "jiuyi", "出行": "chuxing", "文化": "wenhua", "其他": "qita",
}
_HARDSHIPS = ("低保", "残疾", "疾病", "独居", "空巢", "高龄", "其他")


@dataclass
class Step:
    """One change of a wish's status; a claim names exactly one claimer."""

    status: str
    date: dt.date
    claimer: tuple[str, str] | None = None
    """(field, value): ``("by_person", "zhang-jianping")``, ``("by_name", "爱心人士")`` …"""


@dataclass
class Wish:
    """微心愿 with its (private) wisher."""

    id: str
    title: str
    text: str
    category: str
    wisher: str
    gender: str
    hardship: list[str]
    age: int
    address: str
    community: str
    estate: str
    building: str | None
    steps: list[Step] = field(default_factory=list)
    story: str = ""

    @property
    def year(self) -> int:
        """The year of 征集: the wish's file lives in ``wishes/<year>/``."""
        return self.steps[0].date.year


def build_wishes(rng: random.Random, city: City, scale: Scale, months: tuple[str, ...],
                 ids: Ids) -> list[Wish]:
    """``scale.wishes`` wishes; the i-th ends in status ``i mod 5``, so all five occur."""
    end = last_day(months[-1])
    wishes = []
    for i in range(scale.wishes):
        community = rng.choice(city.communities)
        wish = _wish(rng, community, months, ids)
        wish.steps = _timeline(rng, community, i % len(STATUSES), wish.steps[0].date, end)
        if wish.steps[-1].status == "完成":
            wish.story = "".join(rng.sample(phrases.WISH_STORIES, 2))
        wishes.append(wish)
    return wishes


def _wish(rng: random.Random, community: Community, months: tuple[str, ...], ids: Ids) -> Wish:
    category = rng.choice(tuple(phrases.WISHES))
    title, text = rng.choice(phrases.WISHES[category])
    estate = rng.choice(community.estates)
    building = rng.choice(estate.buildings)
    gender = rng.choice(("男", "女"))
    child = category == "助学"
    hardship = ["困境儿童"] if child else rng.sample(_HARDSHIPS, rng.randint(1, 2))
    wish = Wish(
        ids.unique("wish", f"{estate.id}-{CATEGORY_SLUGS[category]}"), title, text, category,
        person_name(rng, gender)[0], gender, hardship, rng.randint(7, 15) if child else rng.randint(60, 92),
        f"{estate.name}{building.name}{rng.randint(1, 6)}0{rng.randint(1, 4)}室",
        community.id, estate.id, building.id if rng.random() < 0.7 else None,
    )
    # the first half of the year, so that later steps still fit before the year ends
    wish.steps = [Step("征集", random_date(rng, rng.choice(months[: max(1, len(months) // 2 + 1)])))]
    return wish


def _timeline(rng: random.Random, community: Community, last: int, start: dt.date,
              end: dt.date) -> list[Step]:
    steps = [Step("征集", start)]
    date = start
    for status in STATUSES[1: last + 1]:
        if status == "核实" and last > 1 and rng.random() < 0.1:
            continue  # some communities publish at once after a home visit
        date = min(date + dt.timedelta(days=rng.randint(1, 12)), end)
        steps.append(Step(status, date, _claimer(rng, community) if status == "认领" else None))
    return steps


def _claimer(rng: random.Random, community: Community) -> tuple[str, str]:
    choice = rng.randrange(4)
    if choice == 0 and community.people:
        return "by_person", rng.choice(community.people)
    if choice == 1 and community.units:
        return "by_unit", rng.choice(community.units)
    if choice == 2 and community.groups:
        return "by_group", rng.choice(community.groups)
    surname = rng.choice(names.SURNAMES)[0]
    return "by_name", rng.choice((f"爱心人士{surname}先生", f"爱心人士{surname}女士", "爱心企业志愿服务队"))

"""Demo activities: follow-ups of 议事, completed 微心愿, and the everyday 工作动态.

Types cycle through every value of the ``Activity.type`` Literal, dates spread over the
months, and each activity names its 社区/小区 (and often a 楼栋, units, groups, people).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from generator.demo import phrases
from generator.demo.meetings import Meeting
from generator.demo.people import Unit
from generator.demo.wishes import Wish
from generator.demo.world import City, Community, Estate, Ids, Scale, last_day, random_date, split

TYPE_SLUGS = dict(phrases.ACTIVITY_TYPES)
_FOLLOW_UP_TYPES = ("环境整治", "议事协商", "便民服务", "志愿服务")


@dataclass
class Activity:
    """活动, ready to be written."""

    id: str
    title: str
    date: dt.date
    type: str
    community: str
    estate: str
    building: str | None
    branch: str
    summary: str
    participants: int
    beneficiaries: int
    units: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    meeting: str | None = None
    wish: str | None = None
    highlight: bool = False


@dataclass
class _Context:
    rng: random.Random
    city: City
    units: dict[str, Unit]
    ids: Ids
    communities: dict[str, Community]


def build_activities(rng: random.Random, city: City, scale: Scale, months: tuple[str, ...],
                     units: dict[str, Unit], meetings: list[Meeting], wishes: list[Wish],
                     ids: Ids) -> list[Activity]:
    """``scale.activities`` activities; about a third of 议事 and half of completed
    wishes lead to one."""
    ctx = _Context(rng, city, units, ids, {c.id: c for c in city.communities})
    end = last_day(months[-1])
    found = [_follow_up(ctx, m, end) for m in meetings if m.kind == "议事" and rng.random() < 0.33]
    found += [_wish_done(ctx, w) for w in wishes if w.steps[-1].status == "完成" and rng.random() < 0.5]
    found = found[: scale.activities]
    everyday = split(rng, scale.activities - len(found), len(months), low=0)
    kinds = [kind for kind, _ in phrases.ACTIVITY_TYPES]
    for month, count in zip(months, everyday, strict=True):
        for _ in range(count):
            community = rng.choice(city.communities)
            kind = kinds[len(found) % len(kinds)]
            found.append(_activity(ctx, community, rng.choice(community.estates), kind, random_date(rng, month)))
    return found


def _follow_up(ctx: _Context, meeting: Meeting, end: dt.date) -> Activity:
    community = ctx.communities[meeting.community or ""]
    estate = next((e for e in community.estates if e.id == meeting.estate), None) or ctx.rng.choice(community.estates)
    date = min(meeting.date + dt.timedelta(days=ctx.rng.randint(1, 14)), end)
    activity = _activity(ctx, community, estate, ctx.rng.choice(_FOLLOW_UP_TYPES), date)
    activity.meeting = meeting.id
    return activity


def _wish_done(ctx: _Context, wish: Wish) -> Activity:
    community = ctx.communities[wish.community]
    estate = next(e for e in community.estates if e.id == wish.estate)
    activity = _activity(ctx, community, estate, "关爱帮扶", wish.steps[-1].date)
    activity.title = f"{estate.name}志愿者帮居民实现“{wish.title}”的心愿"[:60]
    activity.wish = wish.id
    return activity


def _activity(ctx: _Context, community: Community, estate: Estate, kind: str, date: dt.date) -> Activity:
    rng = ctx.rng
    template = rng.choice(phrases.TITLES[kind])
    building = rng.choice(estate.buildings) if "{building}" in template or rng.random() < 0.35 else None
    wants_unit = "{unit}" in template or kind == "结对共建" or rng.random() < 0.2
    unit_ids = _pick(rng, community.units, 2) if wants_unit else []
    if "{unit}" in template and not unit_ids:
        template = phrases.TITLES[kind][0]
    unit = ctx.units[unit_ids[0]].name if unit_ids else ""
    title = template.format(estate=estate.name, community=community.name, unit=unit,
                            building=building.name if building else "", month=int(date.month))
    participants = rng.randint(8, 120)
    return Activity(
        ctx.ids.unique("activity", f"{date.isoformat()}-{estate.id}-{TYPE_SLUGS[kind]}"), title, date, kind,
        community.id, estate.id, building.id if building else None, estate.branch,
        _summary(rng, kind, estate.name, participants), participants, participants * rng.randint(1, 5),
        units=unit_ids, groups=_pick(rng, community.groups, 1) if rng.random() < 0.3 else [],
        others=rng.sample(["业委会", "物业公司", "居民志愿者"], rng.randint(0, 2)),
        people=_pick(rng, community.people, 3) if rng.random() < 0.3 else [],
        highlight=rng.random() < 0.05,
    )


def _pick(rng: random.Random, pool: list[str], most: int) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(1, most)))


def _summary(rng: random.Random, kind: str, estate: str, participants: int) -> str:
    """Two to four sentences of Markdown, sometimes with a short list."""
    sentences = [rng.choice(phrases.OPENINGS[kind])]
    sentences += rng.sample(phrases.MIDDLES, rng.randint(0, 2))
    sentences.append(rng.choice(phrases.CLOSINGS))
    text = [s.format(estate=estate, n=rng.randint(3, participants + 3)) for s in sentences]
    body = "".join(text[:-1]) + "\n\n" + text[-1]
    if rng.random() < 0.25:
        body += "\n\n" + "\n".join("- " + item for item in rng.sample(phrases.LIST_ITEMS, rng.randint(2, 3)))
    return body

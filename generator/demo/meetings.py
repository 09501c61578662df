"""Demo meetings: 议事 in 红色会客厅/邻里议事厅, and 街道党建联席会议 with paired units."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from generator.demo import phrases
from generator.demo.people import Unit
from generator.demo.world import City, Community, Ids, Scale, last_day, random_date, split


@dataclass
class JointProblem:
    """A problem raised at a 联席会议 and who is solving it."""

    text: str
    community: str
    unit: str
    status: str
    solved_date: dt.date | None


@dataclass
class Meeting:
    """议事 or 联席会议; the fields of the other kind stay empty."""

    id: str
    kind: str
    title: str
    date: dt.date
    venue: str
    theme: str
    host: str
    attendees: int
    attendee_groups: list[str]
    summary: str
    community: str | None = None
    estate: str | None = None
    issues: list[str] = field(default_factory=list)
    decisions: list[tuple[str, str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)
    problems: list[JointProblem] = field(default_factory=list)


def build_meetings(rng: random.Random, city: City, scale: Scale, months: tuple[str, ...],
                   units: list[Unit], ids: Ids) -> list[Meeting]:
    """The city's 议事 and 联席会议, spread evenly over the months."""
    meetings: list[Meeting] = []
    end = last_day(months[-1])
    for month, count in zip(months, split(rng, scale.deliberations, len(months), low=0), strict=True):
        meetings.extend(_deliberation(rng, rng.choice(city.communities), month, ids) for _ in range(count))
    for month, count in zip(months, split(rng, scale.joint_meetings, len(months), low=0), strict=True):
        meetings.extend(_joint(rng, city, month, units, ids, end) for _ in range(count))
    return meetings


def _deliberation(rng: random.Random, community: Community, month: str, ids: Ids) -> Meeting:
    estate = rng.choice(community.estates)
    date = random_date(rng, month)
    number = int(month[5:])
    venue = rng.choice(("红色会客厅", "红色会客厅", "邻里议事厅", "社区会议室"))
    title = {
        "红色会客厅": f"{estate.name}“红色会客厅”{number}月议事会",
        "邻里议事厅": f"{estate.name}邻里议事会（{number}月）",
        "社区会议室": f"{community.name}{number}月居民议事会",
    }[venue]
    theme = rng.choice(phrases.THEMES)
    decisions = [(text, owner.format(branch=estate.branch))
                 for text, owner in rng.sample(phrases.DECISIONS, rng.randint(1, 3))]
    summary = (f"会议由{estate.branch}主持，围绕“{theme}”逐项议事。\n\n"
               f"居民代表你一言我一语，**议事议到点子上、协商商到关键处**，当场形成 {len(decisions)} 项决定。")
    return Meeting(
        ids.unique("meeting", f"{date.isoformat()}-{estate.id}-yishi"), "议事", title, date, venue,
        theme, estate.branch, rng.randint(12, 40),
        ["小区党支部", "业委会", "物业公司", "楼栋长", "居民代表"][: rng.randint(3, 5)], summary,
        community=community.id, estate=None if venue == "社区会议室" else estate.id,
        issues=rng.sample(phrases.ISSUES, rng.randint(2, 4)), decisions=decisions,
    )


def _joint(rng: random.Random, city: City, month: str, units: list[Unit], ids: Ids,
           end: dt.date) -> Meeting:
    street, street_py = rng.choice(city.streets)
    members = [c for c in city.communities if c.street == street]
    unit_ids: list[str] = []
    for unit_id in (u for community in members for u in community.units):
        if unit_id not in unit_ids:
            unit_ids.append(unit_id)
    attending = rng.sample(unit_ids, min(len(unit_ids), rng.randint(3, 6))) or [units[0].id]
    date = random_date(rng, month)
    problems = [_problem(rng, rng.choice(members), attending, date, end) for _ in range(rng.randint(2, 4))]
    solved = sum(p.status == "已解决" for p in problems)
    summary = (f"会议通报了各社区需求清单和结对单位服务清单，**双向链接“需求、服务”**。\n\n"
               f"当场交办问题 {len(problems)} 个，其中 {solved} 个已解决，其余明确责任单位和办结时限。")
    return Meeting(
        ids.unique("meeting", f"{date.isoformat()}-{city.prefix}{street_py}-lianxi"), "联席会议",
        f"{street}近邻党建联席会议（{int(month[5:])}月）", date, "社区会议室", "机关联社区，党建促治理",
        f"中共{city.name}{street}工作委员会", rng.randint(18, 40), ["街道党工委", "社区党委", "结对共建单位"],
        summary, units=attending, communities=[c.id for c in members], problems=problems,
    )


def _problem(rng: random.Random, community: Community, units: list[str], date: dt.date,
             end: dt.date) -> JointProblem:
    estate = rng.choice(community.estates)
    text = rng.choice(phrases.PROBLEMS).format(estate=estate.name, community=community.name)
    status = rng.choice(("已解决", "已解决", "已解决", "推进中", "推进中", "未解决"))
    solved = date + dt.timedelta(days=rng.randint(5, 45)) if status == "已解决" else None
    if solved is not None and solved > end:  # not solved yet when the demo year ends
        status, solved = "推进中", None
    return JointProblem(text, community.id, rng.choice(units), status, solved)

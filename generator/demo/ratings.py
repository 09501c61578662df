"""Demo 星级楼栋 sheets: every 楼栋 rated every month, three inspections each.

Each building has a steady quality, so its stars stay plausible from month to month;
a few inspections bring a deduction, and very rarely a veto.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from generator.demo.world import City, Community, month_days

CRITERIA: tuple[tuple[str, str, int, str], ...] = (
    ("corridor", "楼道卫生保洁", 30, "楼道、楼梯、扶手干净整洁，无乱堆乱放、无小广告。"),
    ("frontage", "门前三包落实", 20, "单元门前包卫生、包秩序、包绿化，落实到户。"),
    ("high-throw", "高空抛物少", 20, "当月无高空抛物、坠物现象，阳台无易坠物品。"),
    ("disputes", "矛盾纠纷少", 15, "邻里矛盾及时化解，无因纠纷引发的投诉。"),
    ("sorting", "垃圾分类", 15, "按时定点分类投放，桶边无散落垃圾。"),
)
"""The criteria of the shipped ``content/scoring.yml`` (same ids and full marks)."""

VETOES = (
    ("high-throw-injury", "发生高空抛物伤人或损物事件"),
    ("fire-passage", "楼道堆放杂物堵塞消防通道经劝导拒不整改"),
)
PANEL = ("社区工作人员", "业委会主任", "物业工作人员")
_DEDUCTIONS = (
    ("corridor", "楼道堆放杂物"), ("frontage", "单元门前乱停车"),
    ("high-throw", "阳台花盆未固定"), ("sorting", "垃圾桶边散落垃圾"),
)


@dataclass
class Inspection:
    """One panel visit: a score per criterion, maybe a deduction or a veto."""

    date: dt.date
    scores: tuple[int, ...]
    deduction: tuple[str, str, int] | None = None
    veto: str | None = None


@dataclass
class Entry:
    """One building's line in a community's monthly sheet."""

    estate: str
    building: str
    inspections: list[Inspection]
    votes: int
    satisfied: int


def qualities(rng: random.Random, city: City) -> dict[tuple[str, str], float]:
    """A steady quality (0.7–1.0) for every building, keyed (estate id, building id)."""
    return {
        (estate.id, building.id): rng.uniform(0.7, 1.0)
        for community in city.communities for estate in community.estates for building in estate.buildings
    }


def sheet(rng: random.Random, community: Community, month: str,
          quality: dict[tuple[str, str], float]) -> list[Entry]:
    """The month's sheet for ``community``: every building, three inspections each."""
    year, number, days = int(month[:4]), int(month[5:]), month_days(month)
    draw = rng.random  # the hot loop of the demo: plain random() is several times faster than randint()
    windows = ((1, 10), (11, 20), (21, days))
    entries = []
    for estate in community.estates:
        for building in estate.buildings:
            level = quality[(estate.id, building.id)]
            inspections = [
                _inspection(rng, level, dt.date(year, number, low + int(draw() * (high - low + 1))))
                for low, high in windows
            ]
            votes = max(1, int(building.households * (0.4 + 0.5 * draw())))
            satisfied = min(votes, round(votes * min(1.0, level - 0.05 + 0.15 * draw())))
            entries.append(Entry(estate.id, building.id, inspections, votes, satisfied))
    return entries


_FULL_MARKS = tuple(full for _, _, full, _ in CRITERIA)


def _inspection(rng: random.Random, level: float, day: dt.date) -> Inspection:
    draw = rng.random
    scores = tuple(min(full, max(0, round(full * (level - 0.08 + 0.16 * draw())))) for full in _FULL_MARKS)
    roll = draw()
    deduction = None
    if roll < 0.05:
        criterion, reason = rng.choice(_DEDUCTIONS)
        deduction = (criterion, reason, rng.randint(1, 5))
    veto = rng.choice(VETOES)[0] if roll > 0.998 else None
    return Inspection(day, scores, deduction, veto)

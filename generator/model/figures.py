"""Key figures (the numbers the site and bulletins show), derived from records.

Where a city keeps no record per item, the figure is declared once in ``figures.yml`` with
its source and date and shown as declared, never mixed into a derived count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.model.content import Content


@dataclass(frozen=True)
class Figure:
    """One key figure: what it counts, its value and where it comes from."""

    id: str
    label: str
    value: float
    unit: str
    source: str = "据本站记录统计"
    as_of: str = ""
    declared: bool = False

    @property
    def display(self) -> str:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{value:,}" if isinstance(value, int) else str(value)


def _f(ident: str, label: str, value: float, unit: str) -> Figure:
    return Figure(ident, label, value, unit)


def grid_figures(content: Content) -> list[Figure]:
    """The five-level grid totals over every community on record."""
    estates = [e for c in content.communities.values() for e in c.estates]
    buildings = [b for e in estates for b in e.buildings]
    return [
        _f("communities", "社区", len(content.communities), "个"),
        _f("estates", "小区（片区）", len(estates), "个"),
        _f("estate-branches", "小区（片区）党支部", sum(bool(e.branch) for e in estates), "个"),
        _f("buildings", "楼栋", len(buildings), "栋"),
        _f("party-groups", "楼栋党小组", sum(bool(b.party_group) for b in buildings), "个"),
        _f("center-households", "党员中心户", sum(b.center_households for b in buildings), "户"),
        _f("building-leaders", "楼栋长", sum(b.leader is not None for b in buildings), "名"),
        _f("households", "覆盖户数", sum(c.households for c in content.communities.values()), "户"),
    ]


ByMonth = dict[str, tuple[list[Any], list[Any], list[Any]]]
"""Activities, meetings and wishes touched, by month (see :func:`by_month`)."""


def by_month(content: Content) -> ByMonth:
    """Each month's activities, meetings and wishes with a step in it, in content order:
    one pass, for asking :func:`work_figures` about many months."""
    found: ByMonth = {}
    for index, table in enumerate((content.activities, content.meetings)):
        for record in table.values():
            found.setdefault(record.date.isoformat()[:7], ([], [], []))[index].append(record)
    for wish in content.wishes.values():
        for month in dict.fromkeys(s.date.isoformat()[:7] for s in wish.timeline):
            found.setdefault(month, ([], [], []))[2].append(wish)
    return found


def work_figures(content: Content, month: str | None = None, months: ByMonth | None = None) -> list[Figure]:
    """Activity, meeting, pairing and wish figures, for one month or for all time
    (``months``: :func:`by_month` of ``content``, when asking about many months)."""
    def in_month(date_text: str) -> bool:
        return month is None or date_text.startswith(month)

    if month is not None and months is not None:
        activities, meetings, wishes = months.get(month, ([], [], []))
    else:
        activities = [a for a in content.activities.values() if in_month(a.date.isoformat())]
        meetings = [m for m in content.meetings.values() if in_month(m.date.isoformat())]
        wishes = [w for w in content.wishes.values() if _wish_touched(w, month)]
    joint = [m for m in meetings if m.kind == "联席会议"]
    solved = sum(p.status == "已解决" for m in joint for p in m.problems)
    done = sum(w.status == "完成" and in_month(w.timeline[-1].date.isoformat()) for w in wishes)
    return [
        _f("activities", "开展活动", len(activities), "场"),
        _f("participants", "参与群众", sum(a.participants for a in activities), "人次"),
        _f("beneficiaries", "受益群众", sum(a.beneficiaries for a in activities), "人次"),
        _f("deliberations", "议事会议", len(meetings) - len(joint), "次"),
        _f("joint-meetings", "党建联席会议", len(joint), "次"),
        _f("problems-solved", "解决群众反映问题", solved, "个"),
        _f("wishes", "征集微心愿", len(wishes), "个"),
        _f("wishes-done", "点亮微心愿", done, "个"),
    ]


def _wish_touched(wish, month: str | None) -> bool:  # type: ignore[no-untyped-def]
    return month is None or any(s.date.isoformat().startswith(month) for s in wish.timeline)


def pairing_figures(content: Content) -> list[Figure]:
    """结对共建: units, communities they cover, members reported, list items done."""
    paired = {c for u in content.units.values() for c in u.communities}
    items = [i for u in content.units.values() for i in (*u.needs, *u.services)]
    return [
        _f("units", "结对共建单位", len(content.units), "个"),
        _f("paired-communities", "结对社区", len(paired), "个"),
        _f("members-reported", "在职党员到社区报到", sum(u.members_reported for u in content.units.values()), "名"),
        _f("list-items-done", "需求/服务清单已完成", sum(i.status == "已完成" for i in items), "项"),
    ]


def people_figures(content: Content) -> list[Figure]:
    """Volunteers, party members, honours and service hours (counts include non-public people)."""
    people = list(content.people.values())
    return [
        _f("people", "在册志愿者与先进人物", len(people), "名"),
        _f("party-members", "其中党员", sum(p.political_status == "党员" for p in people), "名"),
        _f("honours", "评选先进", sum(len(p.honours) for p in people), "人次"),
        _f("service-hours", "志愿服务时长", round(sum(p.service_hours for p in people)), "小时"),
    ]


def declared_figures(content: Content) -> list[Figure]:
    """Figures declared in ``figures.yml``, shown with their source and date."""
    return [
        Figure(f.id, f.label, f.value, f.unit, f.source, f.as_of.isoformat(), declared=True)
        for f in content.figures.figures
    ]


def wish_progress(content: Content) -> dict[str, int]:
    """How many wishes are at each status now (in the order of the flow)."""
    from generator.model.events import WISH_STATUS_ORDER

    counts = Counter(w.status for w in content.wishes.values())
    return {status: counts.get(status, 0) for status in WISH_STATUS_ORDER}

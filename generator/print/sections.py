"""The parts of one month's bulletin that need more than a filter over the public view.

Everything is taken *as of the end of the month*: a wish's status, the activities that came
out of a meeting. A bulletin printed again next year shows what it showed then, even though
the wish has since been fulfilled.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from generator.model.events import WISH_STATUS_ORDER
from generator.model.public import (
    PublicActivity,
    PublicListItem,
    PublicMeeting,
    PublicProblem,
    PublicView,
    PublicWish,
    PublicWishStep,
)


def month_end(month: str) -> dt.date:
    """The last day of ``YYYY-MM``."""
    year, number = int(month[:4]), int(month[5:])
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def in_month(date: dt.date | None, month: str) -> bool:
    return date is not None and date.strftime("%Y-%m") == month


@dataclass(frozen=True)
class WishLine:
    """A 微心愿 that moved this month: its status at the month's end and that step."""

    wish: PublicWish
    step: PublicWishStep


@dataclass(frozen=True)
class WishReport:
    """微心愿 progress: how many wishes stood at each status at the month's end, and the
    wishes that moved during the month."""

    progress: tuple[tuple[str, int], ...]
    moved: tuple[WishLine, ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.progress)


def wish_report(view: PublicView, month: str) -> WishReport:
    """Wish progress as of the end of ``month``."""
    end = month_end(month)
    counts: Counter[str] = Counter()
    moved: list[WishLine] = []
    for wish in view.wishes:
        steps = [s for s in wish.timeline if s.date <= end]
        if not steps:
            continue
        counts[steps[-1].status] += 1
        if in_month(steps[-1].date, month):
            moved.append(WishLine(wish, steps[-1]))
    moved.sort(key=lambda line: (line.step.date, line.wish.id))
    progress = tuple((status, counts.get(status, 0)) for status in WISH_STATUS_ORDER)
    return WishReport(progress, tuple(moved))


@dataclass(frozen=True)
class MeetingOutcome:
    """议事成果: a meeting, its decisions, and the activities that carried them out."""

    meeting: PublicMeeting
    activities: tuple[PublicActivity, ...]


def meeting_outcomes(view: PublicView, month: str, kind: str) -> tuple[MeetingOutcome, ...]:
    """The month's meetings of ``kind`` (议事 or 联席会议), in date order, with the activities
    they led to up to the end of the month."""
    end = month_end(month)
    meetings = sorted((m for m in view.meetings if m.kind == kind and in_month(m.date, month)),
                      key=lambda m: (m.date, m.id))
    return tuple(
        MeetingOutcome(m, tuple(a for r in m.activities if (a := view.activity(r.id)).date <= end))
        for m in meetings
    )


@dataclass(frozen=True)
class ListEntry:
    """One line of a paired unit's 需求清单 or 服务清单 that moved this month."""

    unit: str
    list_name: str
    item: PublicListItem


@dataclass(frozen=True)
class PairingReport:
    """结对共建: the month's 联席会议, problems solved in the month, list items that moved."""

    meetings: tuple[MeetingOutcome, ...]
    solved: tuple[PublicProblem, ...]
    items: tuple[ListEntry, ...]

    def __bool__(self) -> bool:
        return bool(self.meetings or self.solved or self.items)


def pairing_report(view: PublicView, month: str) -> PairingReport:
    """结对共建 for ``month``."""
    solved = [p for m in view.meetings for p in m.problems
              if p.status == "已解决" and in_month(p.solved_date, month)]
    solved.sort(key=lambda p: (p.solved_date, p.text))
    items = [
        ListEntry(unit.name, list_name, item)
        for unit in view.units
        for list_name, entries in (("需求清单", unit.needs), ("服务清单", unit.services))
        for item in entries
        if in_month(item.date, month) or in_month(item.done_date, month)
    ]
    items.sort(key=lambda e: (e.item.done_date or e.item.date, e.unit, e.item.title))
    return PairingReport(meeting_outcomes(view, month, "联席会议"), tuple(solved), tuple(items))

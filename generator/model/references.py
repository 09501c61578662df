"""Cross-record checks: every reference resolves, dates agree with file names, sheets add up.

Each check yields located problems; a reference to a record that exists but failed its
own validation is not reported twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Problem, Severity
from generator.load.messages import did_you_mean, field_path
from generator.model.base import Photo, Record
from generator.model.content import Content
from generator.model.events import WISH_STATUS_ORDER, Activity, Meeting, MicroWish, RatingSheet
from generator.model.organisation import Community, Estate, HelpGroup, PairedUnit, Person
from generator.model.privacy import scan_record

Loc = tuple[str | int, ...]


@dataclass
class Resolver:
    """Looks ids up across the content and words the "not found" problem."""

    content: Content
    failed: set[tuple[str, str]]

    def _table(self, kind: str) -> dict[str, Record]:
        return {
            "community": self.content.communities, "unit": self.content.units,
            "group": self.content.groups, "person": self.content.people,
            "meeting": self.content.meetings, "activity": self.content.activities,
            "wish": self.content.wishes,
        }[kind]  # type: ignore[return-value]

    def check(self, record: Record, loc: Loc, kind: str, ref: str | None) -> Iterator[Problem]:
        """A problem if ``ref`` names no record of ``kind``."""
        if ref is None or (kind, ref) in self.failed:
            return
        table = self._table(kind)
        if ref not in table:
            labels = {"community": "社区", "unit": "结对单位", "group": "帮帮团", "person": "人物",
                      "meeting": "会议", "activity": "活动", "wish": "微心愿"}
            hint = did_you_mean(ref, list(table))
            yield _at(record, loc, f"找不到编号为“{ref}”的{labels[kind]}{hint}", ref)

    def place(self, record: Record, community: str | None, estate: str | None,
              building: str | None, base: Loc = ()) -> Iterator[Problem]:
        """Community, 小区 and 楼栋 ids resolve and belong to each other."""
        yield from self.check(record, (*base, "community"), "community", community)
        grid = self.content.communities.get(community or "")
        if grid is None or estate is None:
            if building is not None and estate is None and grid is not None:
                yield _at(record, (*base, "building"), "填写了楼栋时也要填写小区（estate）", building)
            return
        found = next((e for e in grid.estates if e.id == estate), None)
        if found is None:
            hint = did_you_mean(estate, [e.id for e in grid.estates])
            yield _at(record, (*base, "estate"), f"{grid.name}没有编号为“{estate}”的小区{hint}", estate)
            return
        if building is not None and building not in {b.id for b in found.buildings}:
            hint = did_you_mean(building, [b.id for b in found.buildings])
            yield _at(record, (*base, "building"), f"{found.name}没有编号为“{building}”的楼栋{hint}", building)


def _at(record: Record, loc: Loc, message: str, value: object = None,
        severity: Severity = Severity.ERROR) -> Problem:
    return record._source.problem(loc, message, field=field_path(loc), value=value, severity=severity)


def check_references(content: Content, failed: set[tuple[str, str]]) -> list[Problem]:
    """Every cross-record problem in ``content``."""
    resolver = Resolver(content, failed)
    problems: list[Problem] = []
    for kind, table, _ in CHECKED:
        for record in getattr(content, table).values():
            problems.extend(record_problems(resolver, kind, record))
    media = content.media_root.resolve()
    for record in content.records():
        problems.extend(scan_record(record))
        problems.extend(_photo_files(content, media, record))
    return problems


def record_problems(resolver: Resolver, kind: str, record: Record) -> list[Problem]:
    """The cross-record problems of one record of ``kind`` (its references and sums);
    they depend on the record itself and on the kinds named in :data:`REFERENCED`."""
    return list(_CHECKS[kind](resolver, record))


def photo_problems(content: Content, media: Path, record: Record) -> list[Problem]:
    """Problems with the photo files ``record`` names (``media`` is the resolved
    ``media/`` folder); they depend on the files on disk, so are never reused."""
    return list(_photo_files(content, media, record))


def photo_problems_possible(record: Record) -> bool:
    """Whether ``record`` names any photo file (only those need :func:`photo_problems`)."""
    return next(_photos_of(record), None) is not None


def _photo_files(content: Content, media: Path, record: Record) -> Iterator[Problem]:
    """Every photo a record names exists inside ``media/`` (links may not lead out)."""
    for loc, photo in _photos_of(record):
        target = (content.media_root / photo.file).resolve()
        if not target.is_relative_to(media):
            yield _at(record, (*loc, "file"), "照片路径指向 media/ 文件夹之外，不能使用", photo.file)
        elif not target.is_file():
            yield _at(record, (*loc, "file"), f"找不到照片文件 media/{photo.file}", photo.file)


def _photos_of(record: Record) -> Iterator[tuple[Loc, Photo]]:
    # Photos sit only at the top of a record (activities, meetings, wishes, people);
    # walking every nested part of a rating sheet for them would cost seconds at city scale.
    for index, photo in enumerate(getattr(record, "photos", None) or ()):
        yield ("photos", index), photo
    single = getattr(record, "photo", None)
    if isinstance(single, Photo):
        yield ("photo",), single


def _unique(record: Record, items: Iterable[tuple[Loc, str]], label: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for loc, ident in items:
        if ident in seen:
            yield _at(record, loc, f"{label}编号“{ident}”重复", ident)
        seen.add(ident)


def _community(r: Resolver, c: Community) -> Iterator[Problem]:
    yield from _unique(c, ((("estates", i, "id"), e.id) for i, e in enumerate(c.estates)), "小区")
    for i, estate in enumerate(c.estates):
        yield from _estate(r, c, i, estate)


def _estate(r: Resolver, c: Community, i: int, estate: Estate) -> Iterator[Problem]:
    base: Loc = ("estates", i, "buildings")
    yield from _unique(c, (((*base, j, "id"), b.id) for j, b in enumerate(estate.buildings)), "楼栋")
    for j, building in enumerate(estate.buildings):
        yield from r.check(c, (*base, j, "leader"), "person", building.leader)


def _unit(r: Resolver, u: PairedUnit) -> Iterator[Problem]:
    for i, ident in enumerate(u.communities):
        yield from r.check(u, ("communities", i), "community", ident)
    for name in ("needs", "services"):
        for i, item in enumerate(getattr(u, name)):
            yield from r.check(u, (name, i, "community"), "community", item.community)
            if item.done_date and item.done_date < item.date:
                yield _at(u, (name, i, "done_date"), "完成日期早于提出日期", str(item.done_date))
            if item.status == "已完成" and item.done_date is None:
                yield _at(u, (name, i, "status"), "状态为“已完成”时请填写完成日期 done_date",
                          severity=Severity.WARNING)


def _group(r: Resolver, g: HelpGroup) -> Iterator[Problem]:
    yield from r.place(g, g.community, g.estate, None)
    yield from r.check(g, ("leader",), "person", g.leader)
    for i, ident in enumerate(g.members):
        yield from r.check(g, ("members", i), "person", ident)


def _person(r: Resolver, p: Person) -> Iterator[Problem]:
    yield from r.place(p, p.community, p.estate, p.building)
    yield from r.check(p, ("unit",), "unit", p.unit)
    seen: set[tuple[str, str]] = set()
    for i, honour in enumerate(p.honours):
        if (honour.title, honour.month) in seen:
            yield _at(p, ("honours", i), f"{honour.month}的“{honour.title}”重复记录")
        seen.add((honour.title, honour.month))


def _dated_name(record: Activity | Meeting) -> Iterator[Problem]:
    if not record.id.startswith(record.date.isoformat()):
        message = f"日期 {record.date.isoformat()} 与文件名开头的日期不一致（{record.id[:10]}）"
        yield _at(record, ("date",), message, record.date.isoformat())
        return
    parts = record._source.path.split("/")
    folder = "/".join(parts[-3:-1]) if isinstance(record, Activity) else parts[-2]
    expected = record.date.strftime("%Y/%m") if isinstance(record, Activity) else str(record.date.year)
    if folder != expected:
        yield _at(record, ("date",), f"文件应放在 {expected}/ 文件夹中", record.date.isoformat())


def _meeting(r: Resolver, m: Meeting) -> Iterator[Problem]:
    yield from _dated_name(m)
    yield from r.place(m, m.community, m.estate, None)
    if m.kind == "议事" and m.community is None:
        yield _at(m, ("kind",), "议事会议必须填写社区 community")
    if m.kind == "联席会议" and not m.units:
        yield _at(m, ("units",), "联席会议请填写参会单位 units", severity=Severity.WARNING)
    for i, ident in enumerate(m.units):
        yield from r.check(m, ("units", i), "unit", ident)
    for i, ident in enumerate(m.communities):
        yield from r.check(m, ("communities", i), "community", ident)
    for i, problem in enumerate(m.problems):
        yield from r.check(m, ("problems", i, "community"), "community", problem.community)
        yield from r.check(m, ("problems", i, "unit"), "unit", problem.unit)


def _activity(r: Resolver, a: Activity) -> Iterator[Problem]:
    yield from _dated_name(a)
    yield from r.place(a, a.community, a.estate, a.building)
    for i, ident in enumerate(a.organisers.units):
        yield from r.check(a, ("organisers", "units", i), "unit", ident)
    for i, ident in enumerate(a.organisers.groups):
        yield from r.check(a, ("organisers", "groups", i), "group", ident)
    for i, ident in enumerate(a.people):
        yield from r.check(a, ("people", i), "person", ident)
    yield from r.check(a, ("meeting",), "meeting", a.meeting)
    yield from r.check(a, ("wish",), "wish", a.wish)
    meeting = r.content.meetings.get(a.meeting or "")
    if meeting is not None and meeting.date > a.date:
        yield _at(a, ("meeting",), f"活动日期早于它所依据的会议（{meeting.date.isoformat()}）", a.meeting)


def _wish(r: Resolver, w: MicroWish) -> Iterator[Problem]:
    yield from r.place(w, w.community, w.estate, w.building)
    if w.timeline and w.timeline[0].status != "征集":
        yield _at(w, ("timeline", 0, "status"), "心愿的第一步应为“征集”", w.timeline[0].status)
    for i, step in enumerate(w.timeline):
        base: Loc = ("timeline", i)
        yield from r.check(w, (*base, "by_person"), "person", step.by_person)
        yield from r.check(w, (*base, "by_unit"), "unit", step.by_unit)
        yield from r.check(w, (*base, "by_group"), "group", step.by_group)
        claimer = step.by_person or step.by_unit or step.by_group or step.by_name
        if step.status in ("认领", "完成") and not claimer and i and not _claimed_before(w, i):
            yield _at(w, (*base, "status"), "“认领”时请写明认领人（by_person、by_unit、by_group 或 by_name）")
        if i == 0:
            continue
        before = w.timeline[i - 1]
        if WISH_STATUS_ORDER.index(step.status) <= WISH_STATUS_ORDER.index(before.status):
            yield _at(w, (*base, "status"), f"状态顺序不对：“{before.status}”之后不能是“{step.status}”", step.status)
        if step.date < before.date:
            yield _at(w, (*base, "date"), "日期早于上一步", step.date.isoformat())
    year = w._source.path.split("/")[-2]
    if year != str(w.timeline[0].date.year):
        yield _at(w, ("timeline", 0, "date"), f"文件应放在征集年份的文件夹 {w.timeline[0].date.year}/ 中",
                  severity=Severity.WARNING)


def _claimed_before(w: MicroWish, index: int) -> bool:
    return any(s.by_person or s.by_unit or s.by_group or s.by_name for s in w.timeline[:index])


def _rating(r: Resolver, sheet: RatingSheet) -> Iterator[Problem]:
    from generator.model.ratings import check_sheet  # the scoring rules live there

    yield from check_sheet(r, sheet)


CHECKED: tuple[tuple[str, str, Callable[[Resolver, Any], Iterator[Problem]]], ...] = (
    ("community", "communities", _community), ("unit", "units", _unit), ("group", "groups", _group),
    ("person", "people", _person), ("meeting", "meetings", _meeting), ("activity", "activities", _activity),
    ("wish", "wishes", _wish), ("rating", "ratings", _rating),
)
"""(kind, content table, check) in the order problems are reported."""

_CHECKS = {kind: check for kind, _, check in CHECKED}

REFERENCED: dict[str, frozenset[str]] = {
    "community": frozenset({"person"}),
    "unit": frozenset({"community"}),
    "group": frozenset({"community", "person"}),
    "person": frozenset({"community", "unit"}),
    "meeting": frozenset({"community", "unit"}),
    "activity": frozenset({"community", "unit", "group", "person", "meeting", "wish"}),
    "wish": frozenset({"community", "person", "unit", "group"}),
    "rating": frozenset({"community", "scoring"}),
}
"""What each kind's checks look at besides the record itself: the ids (and failed ids) of
these kinds, the whole of every community (estates, buildings, names), the dates of
meetings and ``scoring.yml``. An incremental load re-checks a record only when it or one
of these changed, so keep this table in step with the checks above."""

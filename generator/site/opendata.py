"""开放数据: CSV (for Excel, with BOM) and JSON of the public fields, from the PublicView only."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.model.public import PublicView, RatedBuilding, RatedMonth
from generator.site.urls import record_url

RUN = 256
"""Rows kept together on the disk (see :attr:`Dataset._runs`)."""

Column = tuple[str, str, Callable[[Any], Any]]
"""(json key, Chinese header, getter)."""


@dataclass(frozen=True)
class Dataset:
    """One downloadable table: name, title, columns and the rows it is made from."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Any]
    view: PublicView | None = None
    """The view the rows come from: a row that is the very record of the view before
    (``serve``) keeps the values taken from it then."""
    made_from: Sequence[Any] | None = None
    """What the rows are made from, if not the rows themselves: the files are keyed by it
    (the grid's 2,000 buildings by their 36 communities, whose digests are known)."""

    @property
    def inputs(self) -> Sequence[Any]:
        """What the files are made from (see :attr:`made_from`)."""
        return self.rows if self.made_from is None else self.made_from

    @cached_property
    def _runs(self) -> list[tuple[str, str]]:
        """The rows' CSV lines and JSON records, joined by runs of :data:`RUN` rows: kept
        on the disk run by run (an edited activity makes 256 lines again, and the other
        runs come back as twenty strings, not 5,000 rows)."""
        view = self.view
        if view is not None and view.keeps_on_disk:
            rows = self.rows if isinstance(self.rows, list) else list(self.rows)
            name = f"open-data-run/{self.name}"
            return [view.derived_run(name, rows[start:start + RUN], self._run) for start in range(0, len(rows), RUN)]
        if view is None:
            return [self._run(self.rows)]
        # ``serve``: a row of the very record of the last view is that view's
        name = f"open-data/{self.name}"
        return [_joined([view.derived(name, row, self._line) for row in self.rows])]

    def _run(self, rows: Sequence[Any]) -> tuple[str, str]:
        return _joined([self._line(row) for row in rows])

    def _line(self, row: Any) -> tuple[str, str]:
        """A row's CSV line and JSON record (made once for both files, and kept as two
        strings: an edited build reads 5,000 kept rows, not 70,000 cells)."""
        record = self.record(row)
        return _csv_line([_cell(v) for v in record.values()]), json.dumps(record, ensure_ascii=False, default=str)

    def record(self, row: Any) -> dict[str, Any]:
        """One row as a dict (JSON key → value)."""
        return {key: get(row) for key, _, get in self.columns}

    def csv_bytes(self) -> bytes:
        """UTF-8 with BOM, so that Excel on Windows opens the Chinese text correctly."""
        head = _csv_line([header for _, header, _ in self.columns])
        return "".join(["\ufeff", head, *(lines for lines, _ in self._runs)]).encode("utf-8")

    def json_bytes(self) -> bytes:
        """``{"title", "fields", "records"}`` with one record per line: readable, and made
        by the C encoder (``indent`` falls back to the pure-Python one, seconds per city)."""
        fields = {key: header for key, header, _ in self.columns}
        head = json.dumps({"title": self.title, "fields": fields}, ensure_ascii=False)
        rows = ",\n".join(records for _, records in self._runs if records)
        return f"{head[:-1]}, \"records\": [\n{rows}\n]}}\n".encode()


def _joined(lines: list[tuple[str, str]]) -> tuple[str, str]:
    """Rows' CSV lines and JSON records (see :meth:`Dataset._line`), each joined as the files hold them."""
    return "".join(line for line, _ in lines), ",\n".join(record for _, record in lines)


def _csv_line(cells: list[Any]) -> str:
    """One CSV line, as :func:`csv.writer` ends it for Excel (``\\r\\n``)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value  # Excel would run "=HYPERLINK(…)" or "=cmd|…" as a formula
    return "" if value is None else value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _names(refs: Iterable[Any]) -> list[str]:
    return [r.name for r in refs]


def datasets(view: PublicView) -> list[Dataset]:
    """Every open-data table the site publishes."""
    tables = [_activities(view), _wishes(view), _ratings(view), _meetings(view), _people(view),
              _units(view), _groups(view), _buildings(view), _figures(view)]
    return [dataclasses.replace(t, view=view) for t in tables]


def _activities(view: PublicView) -> Dataset:
    return Dataset("activities", "活动", (
        ("id", "编号", lambda a: a.id), ("title", "标题", lambda a: a.title),
        ("date", "日期", lambda a: a.date.isoformat()), ("type", "类型", lambda a: a.type),
        ("community", "社区", lambda a: a.place.community.name),
        ("estate", "小区", lambda a: a.place.estate.name if a.place.estate else ""),
        ("building", "楼栋", lambda a: a.place.building.name if a.place.building else ""),
        ("branch", "牵头党组织", lambda a: a.branch), ("units", "结对单位", lambda a: _names(a.units)),
        ("groups", "帮帮团", lambda a: _names(a.groups)), ("participants", "参与人次", lambda a: a.participants),
        ("beneficiaries", "受益人次", lambda a: a.beneficiaries), ("summary", "内容", lambda a: a.summary_text),
        ("url", "网页", lambda a: record_url("activity", a.id)),
    ), view.activities)


def _wishes(view: PublicView) -> Dataset:
    return Dataset("wishes", "微心愿", (
        ("id", "编号", lambda w: w.id), ("title", "心愿", lambda w: w.title),
        ("category", "类别", lambda w: w.category), ("wisher", "心愿人", lambda w: w.wisher),
        ("community", "社区", lambda w: w.place.community.name),
        ("estate", "小区", lambda w: w.place.estate.name if w.place.estate else ""),
        ("status", "状态", lambda w: w.status),
        ("started", "征集日期", lambda w: w.timeline[0].date.isoformat()),
        ("updated", "最近更新", lambda w: w.timeline[-1].date.isoformat()),
        ("claimed_by", "认领", lambda w: next((s.by for s in reversed(w.timeline) if s.by), "")),
        ("url", "网页", lambda w: record_url("wish", w.id)),
    ), view.wishes)


class _Months(Sequence[Any]):
    """Every month's 星级 results in one sequence, read only when iterated: the open-data
    files are keyed by the months' digests, and their row count needs no results."""

    def __init__(self, months: Iterable[RatedMonth]) -> None:
        self.months = tuple(months)

    def __len__(self) -> int:
        return sum(len(m) for m in self.months)

    def __iter__(self) -> Iterator[RatedBuilding]:
        return (r for m in self.months for r in m)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return list(self)[index]

    def __fingerprint__(self) -> tuple[RatedMonth, ...]:
        return self.months


def _ratings(view: PublicView) -> Dataset:
    rows = _Months(view.rated_month(month) for month in view.rating_months)
    return Dataset("star-buildings", "星级楼栋月度评定", (
        ("month", "月份", lambda r: r.score.month), ("community", "社区", lambda r: r.community.name),
        ("estate", "小区", lambda r: r.estate.name), ("building", "楼栋", lambda r: r.building.name),
        ("score", "得分", lambda r: r.score.score), ("stars", "星级", lambda r: r.score.stars),
        ("inspections", "抽查次数", lambda r: r.score.inspections),
        ("public_score", "大众评审满意率", lambda r: r.score.public_score),
        ("veto", "一票否决", lambda r: list(r.score.veto_names)),
        ("url", "网页", lambda r: record_url("building", r.page_id)),
    ), rows)


def _meetings(view: PublicView) -> Dataset:
    return Dataset("meetings", "议事和联席会议", (
        ("id", "编号", lambda m: m.id), ("kind", "类别", lambda m: m.kind), ("title", "名称", lambda m: m.title),
        ("date", "日期", lambda m: m.date.isoformat()), ("venue", "地点", lambda m: m.venue),
        ("community", "社区", lambda m: m.place.community.name if m.place else ""),
        ("attendees", "参会人数", lambda m: m.attendees),
        ("decisions", "决定", lambda m: [d.text for d in m.decisions]),
        ("problems_solved", "已解决问题数", lambda m: sum(p.status == "已解决" for p in m.problems)),
        ("activities", "落实活动数", lambda m: len(m.activities)),
        ("url", "网页", lambda m: record_url("meeting", m.id)),
    ), view.meetings)


def _people(view: PublicView) -> Dataset:
    return Dataset("people", "人物与荣誉", (
        ("id", "编号", lambda p: p.id), ("name", "姓名", lambda p: p.name),
        ("political_status", "政治面貌", lambda p: p.political_status),
        ("community", "社区", lambda p: p.place.community.name), ("roles", "身份", lambda p: list(p.roles)),
        ("honours", "荣誉", lambda p: [f"{h.month} {h.title}" for h in p.honours]),
        ("service_hours", "志愿服务时长", lambda p: p.service_hours),
        ("url", "网页", lambda p: record_url("person", p.id)),
    ), view.people)


def _units(view: PublicView) -> Dataset:
    return Dataset("units", "结对共建单位", (
        ("id", "编号", lambda u: u.id), ("name", "单位", lambda u: u.name), ("kind", "类型", lambda u: u.kind),
        ("communities", "结对社区", lambda u: _names(u.communities)),
        ("members_reported", "报到党员", lambda u: u.members_reported),
        ("needs", "需求清单项数", lambda u: len(u.needs)), ("services", "服务清单项数", lambda u: len(u.services)),
        ("done", "已完成项数", lambda u: sum(i.status == "已完成" for i in (*u.needs, *u.services))),
        ("url", "网页", lambda u: record_url("unit", u.id)),
    ), view.units)


def _groups(view: PublicView) -> Dataset:
    return Dataset("groups", "帮帮团", (
        ("id", "编号", lambda g: g.id), ("name", "名称", lambda g: g.name), ("focus", "服务方向", lambda g: g.focus),
        ("community", "社区", lambda g: g.place.community.name), ("members", "成员数", lambda g: g.member_count),
        ("url", "网页", lambda g: record_url("group", g.id)),
    ), view.groups)


def _buildings(view: PublicView) -> Dataset:
    rows = [(c, e, b) for c in view.communities for e in c.estates for b in e.buildings]
    return Dataset("grid", "五级网格（楼栋）", (
        ("community", "社区", lambda r: r[0].name), ("party_committee", "社区党委", lambda r: r[0].party_committee),
        ("estate", "小区", lambda r: r[1].name), ("branch", "小区党支部", lambda r: r[1].branch),
        ("building", "楼栋", lambda r: r[2].name), ("party_group", "楼栋党小组", lambda r: r[2].party_group),
        ("center_households", "党员中心户", lambda r: r[2].center_households),
        ("leader", "楼栋长", lambda r: r[2].leader.name if r[2].leader else ""),
        ("households", "户数", lambda r: r[2].households),
    ), rows, made_from=view.communities)


def _figures(view: PublicView) -> Dataset:
    rows = [f for group in view.figures().values() for f in group]
    return Dataset("figures", "关键数字", (
        ("id", "编号", lambda f: f.id), ("label", "名称", lambda f: f.label), ("value", "数值", lambda f: f.value),
        ("unit", "单位", lambda f: f.unit), ("source", "来源", lambda f: f.source),
        ("as_of", "截至", lambda f: f.as_of), ("declared", "公布数字", lambda f: f.declared),
    ), rows)

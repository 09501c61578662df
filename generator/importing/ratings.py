"""星级楼栋 sheet: one row per building per inspection, as the 评委团 fill it in on the spot.

Columns: 社区, 小区, 楼栋, 抽查日期, one column per criterion of ``scoring.yml`` (header
= the criterion's name), 扣分/扣分原因/扣分指标, 一票否决, 评委, 备注, and the month's
大众评审 votes (on any one row of the building, or repeated). Rows are grouped into one
``ratings/<YYYY-MM>/<社区编号>.yml`` per community and month.
"""

from __future__ import annotations

from typing import Any

from generator.importing.columns import Column, from_model
from generator.importing.kinds import EXAMPLE_DAY
from generator.importing.problems import CellRef, SheetProblem
from generator.importing.records import Candidate, Recipe, ordered
from generator.importing.rows import EXAMPLE_MARK, ParsedRow
from generator.model.events import Inspection, RatingSheet

_INSPECTION_FIELDS = {"date": "date", "veto": "veto", "panel": "panel", "note": "note",
                      "deduction.points": "deductions[0].points", "deduction.reason": "deductions[0].reason",
                      "deduction.criterion": "deductions[0].criterion"}


class RatingRecipe(Recipe):
    """星级楼栋抽查表：一行是一个楼栋的一次抽查。"""

    kind_name = "rating"

    def make_columns(self) -> list[Column]:
        d, rules = self.directory, self.directory.content.scoring
        community, estate, building = d.example_place()
        return [
            Column(("community",), "社区", refers="community", required=True, must_exist=True,
                   example=community, choices=tuple(d.community_names()), note="社区（名称或编号）"),
            Column(("estate",), "小区", refers="estate", example=estate, choices=tuple(d.estate_names()),
                   note="小区（名称或编号）；楼栋名在社区内不重复时可不填"),
            Column(("building",), "楼栋", refers="building", required=True, must_exist=True,
                   example=building, note="楼栋，例如 3号楼"),
            from_model(Inspection, ("date",), "抽查日期", aliases=("日期",), required=False,
                       must_exist=True, example=EXAMPLE_DAY,
                       note="抽查日期：每个楼栋每次抽查填一行；只填大众评审票数的行可以不填"),
            *(Column(("scores", c.id), c.name, kind="float", must_exist=True, aliases=(c.id,),
                     example=c.max_points,
                     note=f"{c.name}得分（满分 {c.max_points}），有抽查日期的行必填。{c.description}")
              for c in rules.criteria),
            Column(("deduction", "points"), "扣分", kind="float", note="本次抽查扣的分"),
            Column(("deduction", "reason"), "扣分原因", note="扣分原因，例如 楼道堆放纸箱"),
            Column(("deduction", "criterion"), "扣分指标", refers="criterion",
                   choices=tuple(c.name for c in rules.criteria), note="扣分对应的考核指标"),
            Column(("veto",), "一票否决", refers="veto", choices=tuple(v.name for v in rules.vetoes),
                   note="发生一票否决事项时填写（当月不得星）"),
            from_model(Inspection, ("panel",), "评委", example="、".join(rules.panel_roles)),
            from_model(Inspection, ("note",), "备注", example=EXAMPLE_MARK + "这一行是填写示例，导入时跳过"),
            Column(("votes",), "大众评审有效票", kind="int", aliases=("有效票",),
                   note="本月大众评审（居民投票）有效票数；每个楼栋填一次即可"),
            Column(("satisfied",), "满意票", kind="int", note="本月大众评审满意票数"),
        ]

    def build(self, rows: list[ParsedRow], file: str) -> tuple[list[Candidate], list[SheetProblem]]:
        problems: list[SheetProblem] = []
        good = [row for row in rows if row.ok and not self._incomplete(row, file, problems)]
        groups = _group_by_month(good, file, problems)
        candidates = [_SheetBuilder(file, month, community, members, problems).candidate()
                      for (month, community), members in groups.items()]
        return candidates, problems

    def _incomplete(self, row: ParsedRow, file: str, problems: list[SheetProblem]) -> bool:
        """Cell rules a single cell cannot know: scores need a date, a date needs every score."""
        found: list[SheetProblem] = []
        scores = [c for c in self.columns if c.path[0] == "scores"]
        if "date" in row.values:
            found += [SheetProblem(file, row.cell(c.key), f"缺少“{c.header}”得分") for c in scores
                      if c.key not in row.values]
        elif any(k.startswith(("scores", "deduction", "veto")) for k in row.values) or not _has_votes(row):
            found.append(SheetProblem(file, row.cell("date"), "必填：请填写抽查日期"))
        if _has_votes(row):
            found += [SheetProblem(file, row.cell(k), "大众评审请同时填写有效票和满意票")
                      for k in ("votes", "satisfied") if k not in row.values]
        problems.extend(found)
        return bool(found)


def _has_votes(row: ParsedRow) -> bool:
    return "votes" in row.values or "satisfied" in row.values


def _group_by_month(rows: list[ParsedRow], file: str,
                    problems: list[SheetProblem]) -> dict[tuple[str, str], list[ParsedRow]]:
    """Rows by (month, community); a votes-only row joins its community's one month."""
    months: dict[str, set[str]] = {}
    for row in rows:
        if "date" in row.values:
            months.setdefault(row.values["community"], set()).add(row.values["date"].strftime("%Y-%m"))
    groups: dict[tuple[str, str], list[ParsedRow]] = {}
    for row in rows:
        community = row.values["community"]
        found = sorted(months.get(community, ()))
        if "date" in row.values:
            month = row.values["date"].strftime("%Y-%m")
        elif len(found) == 1:
            month = found[0]
        else:
            problems.append(SheetProblem(file, row.cell("date"), "请填写抽查日期（无法判断这一行属于哪个月）"))
            continue
        groups.setdefault((month, community), []).append(row)
    return groups


class _SheetBuilder:
    """Assembles one community's month: buildings in sheet order, inspections by date."""

    def __init__(self, file: str, month: str, community: str, rows: list[ParsedRow],
                 problems: list[SheetProblem]) -> None:
        self.file, self.month, self.community, self.rows = file, month, community, rows
        self.problems = problems
        self.cells: dict[str, CellRef] = {}

    def candidate(self) -> Candidate:
        first = self.rows[0]
        entries: dict[tuple[str, str], list[ParsedRow]] = {}
        for row in self.rows:
            entries.setdefault((row.values["estate"], row.values["building"]), []).append(row)
        estates = {estate for estate, _ in entries}
        shared = estates.pop() if len(estates) == 1 else None
        buildings = [self._entry(i, place, members, shared) for i, (place, members) in enumerate(entries.items())]
        data: dict[str, Any] = {"month": self.month, "community": self.community}
        if shared:
            data["estate"] = shared
        data["buildings"] = buildings
        dated = next((r for r in self.rows if "date" in r.values), first)
        self.cells.update(month=dated.cell("date"), community=first.cell("community"),
                          estate=first.cell("estate"), buildings=first.cell("building"))
        relative = f"ratings/{self.month}/{self.community}.yml"
        return Candidate(relative, ordered(RatingSheet, data), first.cell("community"),
                         [r.number for r in self.rows], self.cells)

    def _entry(self, index: int, place: tuple[str, str], rows: list[ParsedRow], shared: str | None) -> dict[str, Any]:
        base = f"buildings[{index}]"
        self.cells.update({base: rows[0].cell("building"), f"{base}.estate": rows[0].cell("estate")})
        entry: dict[str, Any] = {"building": place[1]}
        if shared is None:
            entry["estate"] = place[0]
        dated = sorted((r for r in rows if "date" in r.values), key=lambda r: (r.values["date"], r.number))
        entry["inspections"] = [self._inspection(f"{base}.inspections[{j}]", r) for j, r in enumerate(dated)]
        review = self._review(base, rows)
        if review:
            entry["public_review"] = review
        return entry

    def _inspection(self, base: str, row: ParsedRow) -> dict[str, Any]:
        self.cells[base] = row.cell("date")
        for key, cell in row.cells.items():
            field = _INSPECTION_FIELDS.get(key) or (key if key.startswith("scores.") else None)
            if field:
                self.cells[f"{base}.{field}"] = cell
        values = row.values
        inspection: dict[str, Any] = {"date": values["date"]}
        if "panel" in values:
            inspection["panel"] = values["panel"]
        inspection["scores"] = {k.removeprefix("scores."): v for k, v in values.items() if k.startswith("scores.")}
        deduction = {k: values[f"deduction.{k}"] for k in ("reason", "points", "criterion")
                     if f"deduction.{k}" in values}
        if deduction:
            inspection["deductions"] = [deduction]
        inspection.update({k: values[k] for k in ("veto", "note") if k in values})
        return inspection

    def _review(self, base: str, rows: list[ParsedRow]) -> dict[str, int] | None:
        review: dict[str, int] | None = None
        for row in (r for r in rows if "votes" in r.values):
            found = {"votes": row.values["votes"], "satisfied": row.values["satisfied"]}
            if review is None:
                review = found
                self.cells.update({f"{base}.public_review": row.cell("votes"),
                                   f"{base}.public_review.satisfied": row.cell("satisfied")})
            elif found != review:
                first = self.cells[f"{base}.public_review"].row
                message = f"同一楼栋本月的大众评审票数填了两次且不一致（另见第 {first} 行）"
                self.problems.append(SheetProblem(self.file, row.cell("votes"), message))
        return review

"""微心愿 sheet: one row per wish, with a date column for each step of its timeline.

Staff keep a 心愿墙 register: 征集日期, then 核实/发布/认领/完成 dates as they happen,
and who claimed it (认领人: a person, unit or 帮帮团 by name, or anyone by plain name).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.importing.columns import Column, from_model
from generator.importing.kinds import EXAMPLE_DAY, id_column, photo_columns, place_columns, with_photos
from generator.importing.problems import CellRef
from generator.importing.records import RowError, RowRecipe
from generator.importing.rows import EXAMPLE_MARK, ParsedRow
from generator.model.events import MicroWish

STEPS: tuple[tuple[str, str, str], ...] = (
    ("征集", "_collected", "征集日期"),
    ("核实", "_verified", "核实日期"),
    ("发布", "_published", "发布日期"),
    ("认领", "_claimed", "认领日期"),
    ("完成", "_done", "完成日期"),
)


class WishRecipe(RowRecipe):
    """微心愿登记表：一行一个心愿。"""

    kind_name = "wish"

    def make_columns(self) -> list[Column]:
        m = MicroWish
        return [
            from_model(m, ("title",), "心愿", aliases=("标题",), example=EXAMPLE_MARK + "想要一台收音机"),
            from_model(m, ("text",), "详细内容"),
            from_model(m, ("category",), "类别", example="生活物资"),
            from_model(m, ("wisher", "name"), "心愿人", aliases=("心愿人姓名",), example="陈桂兰"),
            from_model(m, ("wisher", "gender"), "心愿人性别", example="女"),
            from_model(m, ("wisher", "age"), "年龄"),
            from_model(m, ("wisher", "phone"), "联系电话"),
            from_model(m, ("wisher", "address"), "住址"),
            from_model(m, ("wisher", "hardship"), "困难类别", example="独居、高龄"),
            *place_columns(m, self.directory),
            *self._step_columns(),
            Column(("_claimer",), "认领人", refers="claimer",
                   note="认领的人物、结对单位或帮帮团（名称或编号）；没有记录的认领人直接写名字（公开）"),
            from_model(m, ("story",), "微故事"),
            *photo_columns(m),
            id_column(),
        ]

    def _step_columns(self) -> list[Column]:
        columns = []
        for status, key, header in STEPS:
            example = EXAMPLE_DAY if status == "征集" else None
            columns.append(Column((key,), header, kind="date", required=status == "征集",
                                  must_exist=status == "征集", example=example,
                                  note=f"心愿“{status}”的日期"))
        return columns

    def assemble(self, row: ParsedRow) -> dict[str, Any]:
        data = with_photos(super().assemble(row), row)
        data["timeline"] = _timeline(row)
        return data

    def extra_cells(self, row: ParsedRow) -> dict[str, CellRef]:
        cells = {"timeline": row.cell("_collected")}
        for index, (status, key) in enumerate(_dated_steps(row)):
            cells[f"timeline[{index}]"] = row.cell(key)
            if status in ("认领", "完成") and "_claimer" in row.values:
                for by in ("by_person", "by_unit", "by_group", "by_name"):
                    cells[f"timeline[{index}].{by}"] = row.cell("_claimer")
        return cells

    def target(self, row: ParsedRow, data: dict[str, Any], ident: str) -> str:
        collected: dt.date = row.values["_collected"]
        return f"wishes/{collected.year}/{ident}.yml"


def _dated_steps(row: ParsedRow) -> list[tuple[str, str]]:
    return [(status, key) for status, key, _ in STEPS if key in row.values]


def _timeline(row: ParsedRow) -> list[dict[str, Any]]:
    """The steps whose date is filled, in order; the claimer goes on the 认领 step (or on
    完成 when the claim date was not kept)."""
    steps = [{"status": status, "date": row.values[key]} for status, key in _dated_steps(row)]
    if "_claimer" in row.values:
        claim = next((s for s in steps if s["status"] == "认领"), None)
        claim = claim or next((s for s in steps if s["status"] == "完成"), None)
        if claim is None:
            raise RowError("_claimer", "填写了认领人，请同时填写认领日期")
        by, who = row.values["_claimer"]
        claim[by] = who
    return steps

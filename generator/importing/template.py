"""The blank sheet staff fill in: ``jinlin import --template KIND --output FILE.xlsx``.

Sheet 填写 has the Chinese headers (required ones in red), a note on each header from the
field description, drop-down lists for closed sets (types, statuses, 是/否, the content
folder's communities and 小区), date cells formatted as dates and one example row that the
import skips. Sheet 填写说明 lists every column; the drop-down values live on a hidden
sheet 选项.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.importing.columns import Column
from generator.importing.problems import ImportUsageError
from generator.importing.records import Recipe
from generator.importing.sheet import FILL_SHEET, column_letter

OPTIONS_SHEET = "选项"
GUIDE_SHEET = "填写说明"
LAST_ROW = 1000
DATE_FORMAT = "yyyy-mm-dd"


def write_template(recipe: Recipe, output: Path) -> None:
    """Write the template workbook for ``recipe`` to ``output`` (never over a file)."""
    # openpyxl is imported here, not at the top: `jinlin check` must not pay for it
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = FILL_SHEET
    options = book.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    for index, column in enumerate(recipe.columns):
        _header(sheet, index, column)
        _example(sheet, index, column)
        _drop_down(sheet, options, index, column)
    sheet.freeze_panes = "A2"
    _guide(book.create_sheet(GUIDE_SHEET, 1), recipe)
    _save_new(book, output)


def _header(sheet: Any, index: int, column: Column) -> None:
    from openpyxl.comments import Comment  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]

    cell = sheet.cell(row=1, column=index + 1, value=column.header)
    cell.font = Font(bold=True, color="C00000" if column.required else "000000")
    cell.fill = PatternFill("solid", fgColor="FCE4D6" if column.required else "DDEBF7")
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    hint = column.hint()
    cell.comment = Comment(hint, "jinlin", width=260, height=40 + 18 * (len(hint) // 14 + 1))
    width = max(10, 2 * len(column.header) + 4, 12 if column.kind == "date" else 0)
    sheet.column_dimensions[column_letter(index)].width = min(width, 40)


def _example(sheet: Any, index: int, column: Column) -> None:
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    if column.kind == "date":
        for row in range(2, LAST_ROW + 1):
            sheet.cell(row=row, column=index + 1).number_format = DATE_FORMAT
    if column.example in (None, ""):
        return
    cell = sheet.cell(row=2, column=index + 1, value=column.example)
    cell.font = Font(italic=True, color="808080")
    if isinstance(column.example, dt.date):
        cell.number_format = DATE_FORMAT


def _choices(column: Column) -> tuple[str, ...]:
    if column.kind == "bool":
        return ("是", "否")
    return column.choices


def _drop_down(sheet: Any, options: Any, index: int, column: Column) -> None:
    """A list validation reading its values from the hidden options sheet (no 255-character
    limit); free to overrule for names and multi-value cells, strict for closed sets."""
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    choices = _choices(column)
    if not choices:
        return
    letter = column_letter(index)
    options.cell(row=1, column=index + 1, value=column.header)
    for row, choice in enumerate(choices, 2):
        options.cell(row=row, column=index + 1, value=choice)
    strict = not (column.refers or column.many)
    validation = DataValidation(
        type="list", formula1=f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${len(choices) + 1}",
        allow_blank=True, showErrorMessage=strict, errorTitle="不是可选的值",
        error="请从下拉列表中选择：" + "、".join(choices)[:200],
    )
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.add_data_validation(validation)


def _guide(sheet: Any, recipe: Recipe) -> None:
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    kind = recipe.kind
    lines = [
        f"{kind.label}导入表：在“{FILL_SHEET}”工作表中每行填写一条（星级楼栋：每个楼栋每次抽查一行）。",
        "第 2 行是示例（灰色斜体，有一格以“示例：”开头），导入时自动跳过，可以删除或覆盖。",
        "红色表头是必填列。日期写成 2026-11-03 或 2026/11/3。可填多个的格子用“、”分隔。",
        f"填好后运行：jinlin import {recipe.kind_name} 文件名.xlsx（先加 --dry-run 可以只检查不写入）。",
        "",
    ]
    for row, line in enumerate(lines, 1):
        sheet.cell(row=row, column=1, value=line)
    top = len(lines) + 1
    for col, title in enumerate(("列名", "是否必填", "说明"), 1):
        sheet.cell(row=top, column=col, value=title).font = Font(bold=True)
    for row, column in enumerate(recipe.columns, top + 1):
        sheet.cell(row=row, column=1, value=column.header)
        sheet.cell(row=row, column=2, value="必填" if column.required else "选填")
        sheet.cell(row=row, column=3, value=column.hint())
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["C"].width = 90


def _save_new(book: Any, output: Path) -> None:
    """Save to a temporary file beside ``output``, then link it into place (never over a file)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=output.parent, prefix=".template-", suffix=".xlsx")
    os.close(handle)
    temp = Path(name)
    try:
        book.save(temp)
        try:
            os.link(temp, output)
        except FileExistsError:
            raise ImportUsageError(f"文件已存在：{output}，没有覆盖。请换一个 --output 文件名") from None
        except OSError:
            if output.exists():
                raise ImportUsageError(f"文件已存在：{output}，没有覆盖。请换一个 --output 文件名") from None
            os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)

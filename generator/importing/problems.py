"""Problems found in a spreadsheet, located at ``FILE:ROW:COLUMN`` as staff see it in Excel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from generator.errors import JinlinError, Severity


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell of the sheet: its row number, column letter (``C``) and header (``活动日期``)."""

    row: int
    column: str = ""
    header: str = ""


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """One bad cell (or row) of an imported sheet."""

    file: str
    cell: CellRef
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``报名表.xlsx:3:C: 错误: 列“活动日期”：…`` — the line staff read."""
        where = f"{self.file}:{self.cell.row}"
        if self.cell.column:
            where += f":{self.cell.column}"
        text = f"{where}: {self.severity.value}: "
        if self.cell.header:
            text += f"列“{self.cell.header}”："
        return text + self.message

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[int, int, str]:
        column = self.cell.column
        return (self.cell.row, len(column), column)


class CellError(ValueError):
    """Raised by a cell parser; the message is Chinese and names the bad value."""


class SheetError(JinlinError):
    """The sheet has bad cells: every one is listed and nothing was written."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        self.problems = sorted(problems, key=SheetProblem.sort_key)
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"表格有 {errors} 处错误，没有写入任何文件。请改正后重新导入。")

    def show(self, file: Any = None) -> None:
        for problem in self.problems:
            click.echo(problem.format(), err=True, file=file)
        super().show(file=file)


class ImportUsageError(JinlinError):
    """The file cannot be imported at all (missing, wrong format, unknown kind)."""

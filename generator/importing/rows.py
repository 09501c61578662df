"""Match the header row to columns, then turn each data row into typed values.

Every bad cell becomes a :class:`SheetProblem` at its row and column letter; a row with
any bad cell is kept out of the records (all its problems are still reported).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.importing import cells
from generator.importing.columns import Column, normalise_header
from generator.importing.names import Directory
from generator.importing.problems import CellError, CellRef, SheetError, SheetProblem
from generator.importing.sheet import RawRow, RawSheet
from generator.load.messages import did_you_mean
from generator.model.base import ID_PATTERN

EXAMPLE_MARK = "示例："
"""Cells of a template's example row start with this; such rows are never imported."""
IGNORED_HEADERS = {"序号", "no", "no.", "#"}
HEADER_SEARCH_ROWS = 10


@dataclass
class Binding:
    """The header row and the column bound to each column letter, in the recipe's order."""

    header_row: int
    columns: list[tuple[str, Column]]
    headed: set[str] = field(default_factory=set)
    """Letters of every column with a header (bound or deliberately ignored, like 序号)."""


@dataclass
class ParsedRow:
    """One data row: typed values and the cell of every bound column, by field key."""

    number: int
    first: CellRef
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, CellRef] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def cell(self, key: str) -> CellRef:
        """The cell of column ``key``, or the row's first cell if that column is absent."""
        return self.cells.get(key, self.first)


class _Skip(Exception):
    """The cell depends on another bad cell: its problem is already reported."""


def bind(sheet: RawSheet, columns: list[Column]) -> Binding:
    """Find the header row and bind its cells; unknown, repeated or missing required
    columns raise :class:`SheetError` (rows cannot be read without them)."""
    header = _header_row(sheet, _header_names(columns))
    bound, problems = _bind_cells(sheet.file, header, columns)
    for column in columns:
        if column.must_exist and id(column) not in bound:
            problems.append(SheetProblem(sheet.file, CellRef(header.number), f"缺少必填列“{column.header}”"))
    if problems:
        raise SheetError(problems)
    order = {id(c): i for i, c in enumerate(columns)}
    ordered = sorted(bound.values(), key=lambda pair: order[id(pair[1])])
    return Binding(header.number, ordered, set(header.cells))


Bound = dict[int, tuple[str, Column]]
"""``id(column)`` → (column letter, column)."""


def _bind_cells(file: str, header: RawRow, columns: list[Column]) -> tuple[Bound, list[SheetProblem]]:
    """Each header cell's column (by ``id``), and a problem per unknown or repeated header."""
    known = _header_names(columns)
    bound: Bound = {}
    problems: list[SheetProblem] = []
    for letter, text in header.cells.items():
        name = normalise_header(text)
        column = known.get(name)
        cell = CellRef(header.number, letter)
        if name in IGNORED_HEADERS:
            continue
        if column is None:
            hint = did_you_mean(str(text), [c.header for c in columns])
            problems.append(SheetProblem(file, cell, f"不认识的列“{text}”{hint}（不需要导入的列请删除）"))
        elif id(column) in bound:
            problems.append(SheetProblem(file, cell, f"列“{text}”与 {bound[id(column)][0]} 列重复"))
        else:
            bound[id(column)] = (letter, column)
    return bound, problems


def _header_names(columns: list[Column]) -> dict[str, Column]:
    """Normalised header text → column; the last English word (``units`` for
    ``organisers.units``) also works where no other column ends with it."""
    known = {name: column for column in columns for name in column.names()}
    last = [normalise_header(c.path[-1]) for c in columns]
    for column, word in zip(columns, last, strict=True):
        if last.count(word) == 1 and not word.startswith("_"):
            known.setdefault(word, column)
    return known


def _header_row(sheet: RawSheet, known: dict[str, Column]) -> RawRow:
    """The first row with at least two known headers (a title row above is skipped)."""
    for row in sheet.rows[:HEADER_SEARCH_ROWS]:
        if sum(normalise_header(v) in known for v in row.cells.values()) >= min(2, len(known)):
            return row
    if not sheet.rows:
        raise SheetError([SheetProblem(sheet.file, CellRef(1), "表格是空的，没有表头和数据")])
    return sheet.rows[0]


def parse_rows(sheet: RawSheet, binding: Binding, directory: Directory) -> tuple[list[ParsedRow], list[int]]:
    """Every data row below the header, typed, and the numbers of the example rows skipped."""
    parsed, skipped = [], []
    for raw in sheet.rows:
        if raw.number <= binding.header_row:
            continue
        if is_example(raw):
            skipped.append(raw.number)
            continue
        parsed.append(parse_row(sheet.file, raw, binding, directory))
    return parsed, skipped


def is_example(raw: RawRow) -> bool:
    return any(isinstance(v, str) and v.startswith(EXAMPLE_MARK) for v in raw.cells.values())


def parse_row(file: str, raw: RawRow, binding: Binding, directory: Directory) -> ParsedRow:
    """Typed values of one row; its problems are collected, never raised."""
    letter, column = binding.columns[0]
    row = ParsedRow(raw.number, CellRef(raw.number, letter, column.header))
    for letter, column in binding.columns:
        cell = CellRef(raw.number, letter, column.header)
        row.cells[column.key] = cell
        value = raw.cells.get(letter)
        try:
            if value is None:
                if column.required:
                    raise CellError("必填，不能空着")
                continue
            _store(row, column, value, directory)
        except _Skip:
            continue
        except CellError as exc:
            row.problems.append(SheetProblem(file, cell, str(exc)))
    for letter in sorted(set(raw.cells) - binding.headed, key=lambda text: (len(text), text)):
        message = "这一格所在的列没有表头，内容无法导入：请补上表头或删去这一格"
        row.problems.append(SheetProblem(file, CellRef(raw.number, letter), message))
    return row


def _store(row: ParsedRow, column: Column, value: Any, directory: Directory) -> None:
    if column.refers == "building":
        community = _community(row)
        if _failed(row, "estate"):
            raise _Skip
        estate, building = directory.building(community, row.values.get("estate"), cells.as_text(value))
        row.values["building"] = building
        if "estate" not in row.values:  # inferred from the 楼栋: problems about it point here
            row.values["estate"] = estate
            row.cells["estate"] = row.cells[column.key]
        return
    if column.many:
        items = _sentences(value) if column.sentences else cells.split_list(value)
        parsed = [_one(row, column, item, directory) for item in items]
        if parsed:
            row.values[column.key] = parsed
        return
    row.values[column.key] = _one(row, column, value, directory)


def _sentences(value: Any) -> list[str]:
    return [s.strip() for s in re.split(r"[;；\n]+", cells.as_text(value)) if s.strip()]


def _one(row: ParsedRow, column: Column, value: Any, directory: Directory) -> Any:
    if column.refers == "estate":
        return directory.estate(_community(row), cells.as_text(value))
    if column.refers:
        lookup: Callable[[str], Any] = getattr(directory, column.refers)
        return lookup(cells.as_text(value))
    if column.kind == "choice":
        return cells.parse_choice(value, column.choices)
    return _PARSERS[column.kind](value)


def _community(row: ParsedRow) -> str:
    """The row's community id, needed to find a 小区 or 楼栋 in it."""
    community = row.values.get("community")
    if community is not None:
        return str(community)
    if _failed(row, "community"):
        raise _Skip
    raise CellError("请同时填写社区")


def _failed(row: ParsedRow, key: str) -> bool:
    """Whether the cell of column ``key`` already has a problem (so dependants stay quiet)."""
    return key in row.cells and any(p.cell == row.cells[key] for p in row.problems)


def parse_id(value: Any) -> str:
    """A record id written by hand (``编号`` column)."""
    text = cells.as_text(value).lower()
    if not re.fullmatch(ID_PATTERN, text) or len(text) > 80:
        raise CellError(f"编号“{text}”不对：只能用小写英文字母、数字和“-”，例如 tianrun-3")
    return text


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": cells.as_text,
    "int": cells.parse_int,
    "float": cells.parse_float,
    "date": cells.parse_date,
    "month": cells.parse_month,
    "bool": cells.parse_bool,
    "id": parse_id,
}

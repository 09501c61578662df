"""Candidate records built from rows, and the recipe interface every importable kind follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.importing.columns import Column, _model_in
from generator.importing.names import Directory
from generator.importing.problems import CellError, CellRef, SheetProblem
from generator.importing.rows import ParsedRow
from generator.model.kinds import KINDS_BY_NAME, RecordKind


@dataclass
class Candidate:
    """A record to be written: its path below ``content/``, its data and the cell each
    field came from (so that ``jinlin check`` problems can be shown at the cell)."""

    relative: str
    data: dict[str, Any]
    first: CellRef
    rows: list[int]
    cells: dict[str, CellRef] = field(default_factory=dict)

    def locate(self, field_name: str) -> CellRef:
        """The cell of ``field_name`` (``people[1]`` → the 参与人物 cell) or of its nearest parent."""
        key = field_name
        while key:
            if key in self.cells:
                return self.cells[key]
            key = key[: max(key.rfind("."), key.rfind("["), 0)]
        return self.first


class RowError(CellError):
    """A row cannot become a record; ``key`` names the column to point at."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class Recipe:
    """How one kind of record is read from a sheet: its columns and how rows become records."""

    kind_name = ""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.columns: list[Column] = self.make_columns()

    @property
    def kind(self) -> RecordKind:
        return KINDS_BY_NAME[self.kind_name]

    def make_columns(self) -> list[Column]:
        raise NotImplementedError

    def build(self, rows: list[ParsedRow], file: str) -> tuple[list[Candidate], list[SheetProblem]]:
        raise NotImplementedError


class RowRecipe(Recipe):
    """A kind whose every row is one record (activities, people, wishes, units, meetings)."""

    title_key = "title"

    def build(self, rows: list[ParsedRow], file: str) -> tuple[list[Candidate], list[SheetProblem]]:
        candidates: list[Candidate] = []
        problems: list[SheetProblem] = []
        for row in rows:
            if not row.ok:
                continue
            try:
                candidates.append(self.candidate(row))
            except RowError as exc:
                problems.append(SheetProblem(file, row.cell(exc.key), str(exc)))
        return candidates, problems

    def candidate(self, row: ParsedRow) -> Candidate:
        data = self.assemble(row)
        cells = {key: cell for key, cell in row.cells.items() if not key.startswith("_")}
        cells.update(self.extra_cells(row))
        first = row.cell("_id") if "_id" in row.values else row.cell(self.title_key)
        relative = self.target(row, data, self.record_id(row))
        return Candidate(relative, ordered(self.kind.model, data), first, [row.number], cells)

    def assemble(self, row: ParsedRow) -> dict[str, Any]:
        """The record's data from the row's plain columns (paths not starting with ``_``)."""
        data: dict[str, Any] = {}
        for column in self.columns:
            if column.key in row.values and not str(column.path[0]).startswith("_"):
                put(data, column.path, row.values[column.key])
        return data

    def extra_cells(self, row: ParsedRow) -> dict[str, CellRef]:
        return {}

    def record_id(self, row: ParsedRow) -> str:
        """The ``编号`` cell, or the pinyin of the title."""
        if "_id" in row.values:
            return str(row.values["_id"])
        title = str(row.values.get(self.title_key, ""))
        ident = slug(title)
        if not ident:
            raise RowError(self.title_key, f"无法从“{title}”生成文件编号，请在“编号”列填写，例如 tianrun-3")
        return ident

    def target(self, row: ParsedRow, data: dict[str, Any], ident: str) -> str:
        return f"{self.kind.folder}/{ident}.yml"


def slug(title: str) -> str:
    """ASCII id from the pinyin of ``title`` (the same rule as ``jinlin new``)."""
    from generator.commands.new import slug_from_title

    return slug_from_title(title)


def put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set ``value`` at ``path`` (``("honours", 0, "title")``), creating parents."""
    current: Any = data
    for part, following in zip(path, path[1:], strict=False):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(current) <= part:
                current.append(empty)
            current = current[part]
        else:
            current = current.setdefault(part, empty)
    current[path[-1]] = value


def ordered(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with keys in the model's field order, nested parts too (readable YAML)."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            out[name] = _ordered_value(_model_in(info.annotation), data[name])
    out.update({k: v for k, v in data.items() if k not in out})
    return out


def _ordered_value(model: type[BaseModel] | None, value: Any) -> Any:
    if model is None:
        return value
    if isinstance(value, dict):
        return ordered(model, value)
    if isinstance(value, list):
        return [ordered(model, v) if isinstance(v, dict) else v for v in value]
    return value

"""Read a spreadsheet (.xlsx, or .csv as Excel saves it in China) into numbered rows.

Rows keep Excel's own numbering and cells their column letters, so every message can
point at ``报名表.xlsx:3:C``. Excel date cells come back as dates; everything else as the
value Excel stored (text, number). CSV is UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text") or GBK/GB18030 (what Excel writes on Chinese Windows).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importing.problems import ImportUsageError

FILL_SHEET = "填写"
"""The sheet of a template that staff fill in (the others hold notes and drop-down lists)."""

MAX_ROWS = 20_000


@dataclass
class RawRow:
    """One non-empty row: its Excel row number and the non-empty cells by column letter."""

    number: int
    cells: dict[str, Any] = field(default_factory=dict)


@dataclass
class RawSheet:
    """The rows of the sheet to import, and the file name shown in messages."""

    file: str
    rows: list[RawRow]


def read_sheet(path: Path) -> RawSheet:
    """Read ``path`` (.xlsx/.xlsm or .csv/.txt); raise :class:`ImportUsageError` if unreadable."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportUsageError(f"找不到要导入的文件：{path}")
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path.read_bytes())
    elif suffix in (".xls", ".et", ".wps"):
        raise ImportUsageError(f"不支持 {suffix} 格式：请在 Excel/WPS 中“另存为” .xlsx 工作簿后再导入")
    else:
        raise ImportUsageError(f"只能导入 .xlsx 或 .csv 文件，{path.name} 不是")
    if len(rows) > MAX_ROWS:
        raise ImportUsageError(f"表格太大（{len(rows)} 行，上限 {MAX_ROWS} 行），请分成几个文件导入")
    return RawSheet(path.name, rows)


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``27`` → ``AB`` (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _row(number: int, values: tuple[Any, ...] | list[Any]) -> RawRow | None:
    cells: dict[str, Any] = {}
    for index, value in enumerate(values):
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            continue
        cells[column_letter(index)] = value
    return RawRow(number, cells) if cells else None


def _xlsx_rows(path: Path) -> list[RawRow]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # heavy: only when importing

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportUsageError(f"无法读取 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式（{exc}）") from None
    try:
        sheet = _sheet_to_fill(book)
        found = (_row(n, values) for n, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1))
        return [row for row in found if row is not None]
    finally:
        book.close()


def _sheet_to_fill(book: Any) -> Any:
    if FILL_SHEET in book.sheetnames:
        return book[FILL_SHEET]
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    return (visible or book.worksheets)[0]


def decode_csv(raw: bytes) -> str:
    """The text of a CSV file, whichever encoding Excel or WPS saved it in."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportUsageError("无法识别 CSV 文件的编码：请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后再导入")


def _csv_rows(raw: bytes) -> list[RawRow]:
    text = decode_csv(raw)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = (_row(number, values) for number, values in enumerate(reader, 1))
    return [row for row in found if row is not None]

"""Real spreadsheets for the import tests: .xlsx written by openpyxl, CSV in Excel's encodings."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook


def write_xlsx(path: Path, rows: list[list[Any]], title: str = "Sheet1") -> Path:
    """A workbook whose first sheet holds ``rows`` from A1 (``None`` leaves a cell empty)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str) -> Path:
    """A CSV file as Excel saves it: CRLF line ends, in ``encoding`` (utf-8-sig, utf-8, gbk)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(["" if v is None else v for v in row] for row in rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def record_files(root: Path) -> set[str]:
    """Every record file below ``root``, relative and with ``/``."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*.yml")}

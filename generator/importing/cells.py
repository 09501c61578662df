"""Cell values as Excel and WPS store them → the plain values the record models expect.

Dates arrive as real date cells, serial numbers (46329), ``2026/11/3``, ``2026-11-03`` or
``2026年11月3日``; numbers as numbers or text with full-width digits; yes/no as 是/否,
√/×, true/false. Each parser raises :class:`CellError` with a Chinese message that quotes
the cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from generator.importing.problems import CellError
from generator.load.messages import did_you_mean

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIALS = range(18_264, 73_051)
"""Excel date serial numbers taken as dates: 1950-01-01 to 2099-12-31 (a bare 3 is a mistake)."""
LIST_SEPARATORS = r"[、,，;；\n]+"
_YES = {"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "对", "有", "同意", "已同意"}
_NO = {"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "x", "错", "无", "不同意", "未同意"}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def shown(value: Any) -> str:
    """A cell value as quoted in messages (short)."""
    text = as_text(value)
    return text if len(text) <= 30 else text[:27] + "…"


def as_text(value: Any) -> str:
    """Text of a cell: ``3.0`` → ``3``, dates as ``YYYY-MM-DD``, Windows line ends removed."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def _plain(value: Any) -> str:
    """Text normalised for matching: full-width digits and letters become ASCII."""
    return unicodedata.normalize("NFKC", as_text(value)).strip()


def parse_date(value: Any) -> dt.date:
    """A date from any form Excel or a person writes it in."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(value)
    text = _plain(value)
    if re.fullmatch(r"\d{5}(\.0+)?|\d{8}", text):
        return _from_number(float(text))
    match = _DATE.fullmatch(text)
    if match is None:
        hint = "，还缺少年份" if re.fullmatch(r"\d{1,2}\s*[月/-]\s*\d{1,2}\s*日?", text) else ""
        raise CellError(f"日期格式不对：“{shown(value)}”{hint}，请写成 2026-11-03 或 2026/11/3")
    return _real_date(int(match[1]), int(match[2]), int(match[3]), value)


def _from_number(number: float) -> dt.date:
    if float(number).is_integer() and 19000101 <= number <= 21001231:  # 20261103 typed as a number
        whole = int(number)
        return _real_date(whole // 10000, whole // 100 % 100, whole % 100, whole)
    if int(number) not in SERIALS:
        raise CellError(f"日期格式不对：“{shown(number)}”，请写成 2026-11-03 或 2026/11/3")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _real_date(year: int, month: int, day: int, value: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"日期“{shown(value)}”不存在，请检查月份和日") from None


def parse_month(value: Any) -> str:
    """``YYYY-MM`` from a date cell or text such as ``2026年11月``, ``2026/11``."""
    if isinstance(value, dt.date | dt.datetime):
        return value.strftime("%Y-%m")
    match = _MONTH.fullmatch(_plain(value))
    if match is None or not 1 <= int(match[2]) <= 12:
        raise CellError(f"月份格式不对：“{shown(value)}”，请写成 2026-11")
    return f"{int(match[1]):04d}-{int(match[2]):02d}"


def parse_int(value: Any) -> int:
    """A whole number; words (二十人) and decimals are refused."""
    number = _number(value, "整数")
    if not float(number).is_integer():
        raise CellError(f"应填整数，不能有小数：“{shown(value)}”")
    return int(number)


def parse_float(value: Any) -> int | float:
    """A number (whole numbers stay whole, so YAML shows ``30`` not ``30.0``)."""
    number = _number(value, "数字")
    return int(number) if float(number).is_integer() else number


def _number(value: Any, label: str) -> int | float:
    if isinstance(value, bool) or isinstance(value, dt.date | dt.datetime):
        raise CellError(f"应填{label}，实际是“{shown(value)}”")
    if isinstance(value, int | float):
        return value
    text = _plain(value).replace(",", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", text):
        return float(text)
    raise CellError(f"应填{label}（只写阿拉伯数字），实际是“{shown(value)}”")


def parse_bool(value: Any) -> bool:
    """是/否 in any of the ways people write it."""
    if isinstance(value, bool):
        return value
    text = _plain(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"应填“是”或“否”，实际是“{shown(value)}”")


def parse_choice(value: Any, choices: tuple[str, ...]) -> str:
    """One of a closed set of words (活动类型, 状态 …)."""
    text = _plain(value)
    for choice in choices:
        if text.lower() == choice.lower():
            return choice
    hint = did_you_mean(text, list(choices))
    raise CellError(f"“{shown(value)}”不是可选的值，只能填：{'、'.join(choices)}{hint}")


def split_list(value: Any) -> list[str]:
    """The items of a list cell, separated by 、 , ， ; ； or line breaks."""
    return [item.strip() for item in re.split(LIST_SEPARATORS, as_text(value)) if item.strip()]

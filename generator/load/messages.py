"""Chinese messages for validation errors, with the field's own description and value."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

_TEMPLATES: dict[str, str] = {
    "missing": "缺少必填字段“{field}”",
    "int_parsing": "应填整数，实际是“{value}”",
    "int_type": "应填整数，实际是“{value}”",
    "int_from_float": "应填整数，不能有小数：“{value}”",
    "float_parsing": "应填数字，实际是“{value}”",
    "float_type": "应填数字，实际是“{value}”",
    "bool_parsing": "应填 true（是）或 false（否），实际是“{value}”",
    "bool_type": "应填 true（是）或 false（否），实际是“{value}”",
    "string_type": "应填文字，实际是“{value}”",
    "list_type": "应填列表（每项一行，以“- ”开头）",
    "dict_type": "应填若干“字段: 值”",
    "model_type": "应填若干“字段: 值”",
    "model_attributes_type": "应填若干“字段: 值”",
    "string_too_short": "不能为空",
    "too_short": "至少要有 {min_length} 项",
    "string_too_long": "太长了：最多 {max_length} 个字",
    "too_long": "太多了：最多 {max_length} 项",
    "greater_than_equal": "不能小于 {ge}，实际是“{value}”",
    "greater_than": "必须大于 {gt}，实际是“{value}”",
    "less_than_equal": "不能大于 {le}，实际是“{value}”",
    "less_than": "必须小于 {lt}，实际是“{value}”",
    "url_parsing": "网址格式不对：“{value}”，应以 https:// 开头",
    "url_scheme": "网址格式不对：“{value}”，应以 https:// 开头",
    "date_type": "日期格式不对：“{value}”，应写成 YYYY-MM-DD，例如 2026-11-03",
}


def _describe(model: type[BaseModel] | None, name: str) -> str:
    if model is None or name not in model.model_fields:
        return ""
    return model.model_fields[name].description or ""


def _owner(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The (nested) model class that declares the last field of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if isinstance(current, type) else None
        current = _inner_model(info.annotation) if info else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def field_path(loc: tuple[Any, ...]) -> str:
    """``photos[0].file`` style path for humans."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def translate(model: type[BaseModel], error: dict[str, Any]) -> tuple[str, bool]:
    """A Chinese message for one pydantic error, and whether it points at a key."""
    kind = error["type"]
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    name = str(loc[-1]) if loc else ""
    owner = _owner(model, loc) if loc else model
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    shown = _short(value)
    if kind == "extra_forbidden":
        return _unknown_field(owner, name), True
    if kind == "missing":
        hint = _describe(owner, name)
        return f"缺少必填字段“{name}”" + (f"（{hint}）" if hint else ""), False
    if kind == "literal_error":
        options = ctx.get("expected", "").replace("' or '", "、").replace("', '", "、").strip("'")
        return f"“{shown}”不是可选的值，只能填：{options}", False
    if kind == "string_pattern_mismatch":
        if "\\d{4}" in str(ctx.get("pattern", "")):
            return f"月份格式不对：“{shown}”，应写成 YYYY-MM，例如 2026-09", False
        return f"编号格式不对：“{shown}”，只能用小写英文字母、数字和连字符“-”", False
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, "), False
    if kind.startswith(("date_", "datetime_")):
        return _TEMPLATES["date_type"].format(value=shown), False
    template = _TEMPLATES.get(kind)
    if template is None:
        return f"取值不符合要求：“{shown}”", False
    return template.format(value=shown, field=name, **ctx), False


def _unknown_field(owner: type[BaseModel] | None, name: str) -> str:
    message = f"不认识的字段“{name}”"
    if owner is None:
        return message
    close = difflib.get_close_matches(name, list(owner.model_fields), n=1, cutoff=0.6)
    if close:
        return message + f"，您是不是想写“{close[0]}”？"
    known = "、".join(owner.model_fields)
    return message + f"（这里可用的字段：{known}）"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def did_you_mean(word: str, choices: list[str]) -> str:
    """`，您是不是想写“x”？` when a close id exists, else ``""``."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"，您是不是想写“{close[0]}”？" if close else ""

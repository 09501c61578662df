"""Commented YAML templates for new records, written from the models themselves.

Every field of the model appears in model order, preceded by its Chinese description
(and whether it must be filled, and the allowed values), so the template can never list a
field that does not exist or miss a new one. Required values come from the caller or are
obvious placeholders (``（待填写）``); optional fields show their default. A list of parts
that starts empty (photos, needs, …) is followed by a commented example item.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

PLACEHOLDER = "（待填写）"
_EXAMPLE = re.compile(r"例如\s*([^，。；、\s]+)")


@dataclass(frozen=True)
class Note:
    """A value written with a comment after it, e.g. ``corridor: 0  # 楼道卫生保洁（满分 30）``."""

    value: Any
    comment: str


@dataclass(frozen=True)
class Skeleton:
    """How to fill a template: top-level values, values by field name at any depth, and
    extra remarks appended to a field's comment."""

    values: Mapping[str, Any]
    hints: Mapping[str, Any]
    remarks: Mapping[str, str]


def render_skeleton(model: type[BaseModel], skeleton: Skeleton, header: list[str]) -> str:
    """The whole template: ``header`` comment lines, then every field of ``model``."""
    writer = _Writer(skeleton)
    lines = [f"# {line}" if line else "#" for line in header]
    lines += writer.fields(model, dict(skeleton.values), 0, comments=True)
    return "\n".join(lines) + "\n"


def field_comment(info: FieldInfo) -> str:
    """The description of a field, marked 必填 if required, with its allowed values."""
    text = info.description or ""
    if info.is_required():
        text += "（必填）"
    choices = literal_choices(info.annotation)
    if choices and not all(choice in text for choice in choices):
        text += "；可选：" + "、".join(choices)
    return text


def literal_choices(annotation: Any) -> list[str]:
    """The allowed values of a ``Literal`` inside ``annotation`` (through lists and ``| None``)."""
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    for arg in get_args(annotation):
        found = literal_choices(arg)
        if found:
            return found
    return []


def part_model(annotation: Any) -> type[BaseModel] | None:
    """The nested model inside ``annotation`` (``Photo``, ``list[Photo]``, ``Photo | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = part_model(arg)
        if found is not None:
            return found
    return None


class _Writer:
    """Renders values field by field; ``comments`` is "above" the line, "after" it, or off."""

    def __init__(self, skeleton: Skeleton) -> None:
        self.skeleton = skeleton

    def fields(self, model: type[BaseModel], values: dict[str, Any], indent: int,
               comments: bool | str) -> list[str]:
        lines: list[str] = []
        pad = " " * indent
        for name, info in model.model_fields.items():
            value = values[name] if name in values else self.fill(name, info, example=False)
            comment = field_comment(info) + self.skeleton.remarks.get(name, "")
            if comments is True:
                lines.append(f"{pad}# {comment}")
            after = comment if comments == "after" else ""
            lines += self.entry(name, value, info, indent, after, comments)
        return lines

    def entry(self, name: str, value: Any, info: FieldInfo, indent: int, after: str,
              comments: bool | str) -> list[str]:
        pad, inner = " " * indent, part_model(info.annotation)
        tail = f"  # {after}" if after else ""
        if isinstance(value, Note):
            return [f"{pad}{name}: {_scalar(value.value)}  # {value.comment}"]
        if inner is not None and isinstance(value, dict):
            return [f"{pad}{name}:{tail}", *self.fields(inner, value, indent + 2, comments)]
        if isinstance(value, dict):
            return [f"{pad}{name}:{tail}", *self.mapping(value, indent + 2)]
        if isinstance(value, list) and value:
            return [f"{pad}{name}:{tail}", *self.items(value, inner, indent + 2, comments)]
        if isinstance(value, str) and value and "Markdown" in (info.description or ""):
            return [f"{pad}{name}: |{tail}", f"{pad}  {value}"]
        shown = "[]" if isinstance(value, list) else _scalar(value)
        line = f"{pad}{name}: {shown}".rstrip() + tail
        if inner is not None and value in (None, []) and comments is True:
            return [line, *self.example(name, inner, isinstance(value, list), indent)]
        return [line]

    def mapping(self, value: dict[str, Any], indent: int) -> list[str]:
        lines = []
        for key, item in value.items():
            note = f"  # {item.comment}" if isinstance(item, Note) else ""
            shown = _scalar(item.value if isinstance(item, Note) else item)
            lines.append(f"{' ' * indent}{_scalar(key)}: {shown}{note}")
        return lines

    def items(self, value: list[Any], inner: type[BaseModel] | None, indent: int,
              comments: bool | str) -> list[str]:
        lines: list[str] = []
        for index, item in enumerate(value):
            if inner is None or not isinstance(item, dict):
                lines.append(f"{' ' * indent}- {_scalar(item)}")
                continue
            # only the first item is explained: the rest would repeat the same comments
            body = self.fields(inner, item, indent + 2, comments if index == 0 else False)
            lines += _as_item(body, indent)
        return lines

    def example(self, name: str, inner: type[BaseModel], many: bool, indent: int) -> list[str]:
        """A commented example for an empty part list or an absent part."""
        values = {n: self.fill(n, i, example=True) for n, i in inner.model_fields.items()}
        body = self.fields(inner, values, indent + 2, comments="after")
        body = _as_item(body, indent) if many else body
        pad = " " * indent
        how = f"去掉行首的“# ”，并删去上一行“{name}:”后面的 []" if many else "去掉行首的“# ”"
        lines = [f"{pad}# 示例（{how}）："]
        return lines + [f"{pad}# {line[indent:]}" for line in body]

    def fill(self, name: str, info: FieldInfo, example: bool) -> Any:
        """A value for a field nobody chose: a hint by name, the default, or a placeholder."""
        # hints fill what must be filled; optional fields keep their defaults
        if name in self.skeleton.hints and (info.is_required() or example):
            return self.skeleton.hints[name]
        if not info.is_required() and not (example and info.default is None):
            default = info.get_default(call_default_factory=True)
            return default.model_dump() if isinstance(default, BaseModel) else default
        inner = part_model(info.annotation)
        if inner is not None:
            values = {n: self.fill(n, i, example) for n, i in inner.model_fields.items()}
            return [values] if get_origin(_unwrap(info.annotation)) is list else values
        return _placeholder(info, example)


def _placeholder(info: FieldInfo, example: bool) -> Any:
    choices = literal_choices(info.annotation)
    if choices:
        return [choices[0]] if get_origin(_unwrap(info.annotation)) is list else choices[0]
    found = _EXAMPLE.search(info.description or "")
    if example and found:
        return found.group(1)
    if _unwrap(info.annotation) in (int, float):
        return 0
    return PLACEHOLDER if info.is_required() else None


def _unwrap(annotation: Any) -> Any:
    """``X`` from ``X | None``."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _as_item(body: list[str], indent: int) -> list[str]:
    """Turn a mapping rendered at ``indent + 2`` into a ``- `` item: its first key line gets
    the dash, and the comments above that line move out to the dash's column."""
    body = list(body)
    for index, line in enumerate(body):
        if not line.lstrip().startswith("#"):
            body[index] = f"{' ' * indent}- {line[indent + 2:]}"
            break
        body[index] = line[2:]
    return body


def _scalar(value: Any) -> str:
    """One YAML scalar, plain when that reads back the same, else double-quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain and text.strip() == text else json.dumps(text, ensure_ascii=False)

"""Field tables of the handbook, read from the pydantic models.

:func:`document` turns a record model into the record's own fields followed by every
nested part it uses (照片, 小区, 楼栋, 抽查 …), each field with its Chinese description,
type, whether it must be filled, its allowed values and its default.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, HttpUrl
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.model.base import ID_PATTERN, MONTH_PATTERN
from generator.model.privacy import PRIVATE_FIELDS

_SHORT_TEXT = 1000
"""Length limits above this (Markdown bodies) are not worth showing."""


@dataclass(frozen=True)
class FieldDoc:
    """One field as the handbook shows it."""

    name: str
    description: str
    type: str
    required: bool
    default: str = ""
    choices: tuple[str, ...] = ()
    limits: str = ""
    part: str = ""
    """Slug of the nested part this field holds (its own table), or ''."""
    private: bool = False


@dataclass(frozen=True)
class PartDoc:
    """A record or one of its nested parts: a heading and a field table."""

    slug: str
    title: str
    summary: str
    fields: tuple[FieldDoc, ...]
    used_in: tuple[str, ...] = ()
    """Fields that hold this part (``photos``, ``photo``); empty for the record itself."""


def document(model: type[BaseModel], slug: str) -> list[PartDoc]:
    """``model`` (under ``slug``) and then each nested part it uses, in order of first use."""
    return list(_document(model, slug))


@functools.cache
def _document(model: type[BaseModel], slug: str) -> tuple[PartDoc, ...]:
    """:func:`document`, worked out once per process (the models do not change)."""
    found: dict[type[BaseModel], list[str]] = {model: []}
    _collect_parts(model, found)
    return tuple(_part_doc(part, slug if part is model else part_slug(part), tuple(owners), part is model)
                 for part, owners in found.items())


def part_slug(model: type[BaseModel]) -> str:
    """The anchor of a nested part: its class name in lower case (``photo``, ``wishstep``)."""
    return model.__name__.lower()


def part_title(model: type[BaseModel]) -> str:
    """``照片`` from the docstring ``一张照片：文件、说明和发布许可。`` (up to ``：`` or ``。``)."""
    text = (model.__doc__ or model.__name__).strip().splitlines()[0]
    for stop in ("：", "。"):
        text = text.split(stop)[0]
    return text.strip()


def _collect_parts(model: type[BaseModel], found: dict[type[BaseModel], list[str]]) -> None:
    """Parts used by ``model``, depth first, each with the field names that hold it."""
    for name, info in model.model_fields.items():
        part = nested_model(info.annotation)
        if part is None:
            continue
        if part not in found:
            found[part] = []
            _collect_parts(part, found)
        if name not in found[part]:
            found[part].append(name)


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The part model inside ``annotation`` (``Photo``, ``list[Photo]``, ``Photo | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def _part_doc(model: type[BaseModel], slug: str, used_in: tuple[str, ...], is_record: bool) -> PartDoc:
    summary = " ".join((model.__doc__ or "").split())
    title = part_title(model) if not is_record else getattr(model, "kind_label", part_title(model))
    fields = tuple(field_doc(name, info) for name, info in model.model_fields.items())
    return PartDoc(slug, title, summary, fields, used_in)


def field_doc(name: str, info: FieldInfo) -> FieldDoc:
    """Everything the handbook says about one field."""
    description = info.description or ""
    part = nested_model(info.annotation)
    return FieldDoc(
        name=name,
        description=description,
        type=type_label(info.annotation, info.metadata, description),
        required=info.is_required(),
        default="" if info.is_required() else default_label(info),
        choices=tuple(literal_values(info.annotation)),
        limits=limits_label(info.annotation, info.metadata),
        part=part_slug(part) if part is not None else "",
        private=name in PRIVATE_FIELDS or "不公开" in description,
    )


def type_label(annotation: Any, metadata: list[Any] | tuple[Any, ...] = (), description: str = "") -> str:
    """The kind of value to write, in Chinese (``日期（YYYY-MM-DD）``, ``列表，每项：编号``)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return type_label(base, [*metadata, *extra], description)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        return type_label(inner[0], metadata, description) if len(inner) == 1 else "文字"
    if origin is Literal:
        return "选项（见可选值）"
    if origin is list:
        return "列表，每项：" + type_label(get_args(annotation)[0])
    if origin is dict:
        key, value = get_args(annotation)
        return f"对照表（{type_label(key)}: {type_label(value)}）"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return part_title(annotation)
    return _scalar_label(annotation, _pattern(metadata), description)


def _scalar_label(annotation: Any, pattern: str | None, description: str) -> str:
    if pattern == ID_PATTERN:
        return "编号"
    if pattern == MONTH_PATTERN:
        return "月份（YYYY-MM）"
    if annotation is bool:
        return "true 或 false"
    if annotation is int:
        return "整数"
    if annotation is float:
        return "数字"
    if annotation is dt.date:
        return "日期（YYYY-MM-DD）"
    if annotation is HttpUrl:
        return "网址"
    return "文字（Markdown）" if "Markdown" in description else "文字"


def _pattern(metadata: list[Any] | tuple[Any, ...]) -> str | None:
    return next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)


def literal_values(annotation: Any) -> list[str]:
    """The allowed values of a ``Literal`` inside ``annotation`` (through lists and ``| None``)."""
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    for arg in get_args(annotation):
        found = literal_values(arg)
        if found:
            return found
    return []


def limits_label(annotation: Any, metadata: list[Any]) -> str:
    """Length and range limits, e.g. ``2–60 字``, ``至少 1 项``, ``0–100``."""
    if _pattern(metadata):  # ids and months: the format says it all
        return ""
    low, high = _bound(metadata, "min_length"), _bound(metadata, "max_length")
    if get_origin(annotation) is list:
        return f"至少 {low} 项" if low else ""
    low = low if low and low > 1 else None  # 1 only means "not empty"
    high = high if high and high <= _SHORT_TEXT else None
    if low and high:
        return f"{low}–{high} 字"
    if low or high:
        return f"至少 {low} 字" if low else f"最多 {high} 字"
    ge, le, gt = (_bound(metadata, name) for name in ("ge", "le", "gt"))
    if gt is not None:
        return f"大于 {gt}" + (f"，最多 {le}" if le is not None else "")
    if ge is not None and le is not None:
        return f"{ge}–{le}"
    return f"不小于 {ge}" if ge is not None else ""


def _bound(metadata: list[Any], name: str) -> Any:
    return next((getattr(m, name) for m in metadata if getattr(m, name, None) is not None), None)


def default_label(info: FieldInfo) -> str:
    """The value used when the field is left out, as staff would read it."""
    value = info.default_factory() if info.default_factory is not None else info.default  # type: ignore[call-arg]
    if value is PydanticUndefined or value is None:
        return "不填"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BaseModel):
        return "各项取默认值"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]" if value else "空列表"
    if value == "":
        return "空"
    return str(value)

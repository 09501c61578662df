"""Sheet columns: which record field each column fills, read from the record models.

A :class:`Column` knows its Chinese header, the English field path (also accepted as a
header), its value type, closed set of choices and whether it is required — all taken
from the pydantic field, so the sheet, the template's notes and ``jinlin check`` agree.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from generator.load.messages import field_path

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Column:
    """One column of an import sheet."""

    path: Path_
    """Where the value goes in the record (``("organisers", "units")``); paths starting
    with ``_`` are assembled by the kind's recipe (photo consent, wish timeline …)."""
    header: str
    kind: str = "text"  # text | int | float | date | month | bool | choice
    many: bool = False
    choices: tuple[str, ...] = ()
    refers: str = ""  # community | estate | building | person | unit | group | meeting | wish | …
    required: bool = False
    must_exist: bool = False
    note: str = ""
    aliases: tuple[str, ...] = ()
    example: Any = None
    sentences: bool = False
    """List items are sentences: split only at ；/; and line breaks, not at 、 or ,."""

    @property
    def key(self) -> str:
        """The field path as problems name it (``organisers.units``, ``honours[0].title``)."""
        return field_path(self.path)

    def names(self) -> set[str]:
        """Every header text that selects this column (normalised)."""
        english = ".".join(str(p) for p in self.path if not isinstance(p, int))
        words = {self.header, english, str(self.path[-1]), *self.aliases}
        return {normalise_header(w) for w in words if not str(w).startswith("_")}

    def hint(self) -> str:
        """The note shown on the template's header cell."""
        note = _for_sheet(self.note, bool(self.refers))
        parts = [note.rstrip("。")] if note else []
        parts.append("必填" if self.required else "选填")
        if self.kind == "date":
            parts.append("日期，例如 2026-11-03 或 2026/11/3")
        if self.kind == "month":
            parts.append("月份，例如 2026-11 或 2026年11月")
        if self.choices and not self.refers:
            parts.append("可选：" + "、".join(self.choices))
        if self.refers:
            parts.append("填名称或编号")
        if self.many:
            separator = "“；”或换行" if self.sentences else "“、”"
            parts.append(f"可填多个，用{separator}分隔")
        return "。".join(parts) + "。"


def _for_sheet(note: str, refers: bool) -> str:
    """A model description reworded for a sheet: no YAML syntax, ids or date patterns."""
    if refers:
        note = re.sub(r"（[^（）]*编号[^（）]*）", "", note)
    note = re.sub(r"[，,]?\s*(写成\s*)?YYYY-MM(-DD)?(，例如 [\d-]+)?", "", note)
    return note.replace("（Markdown）", "").replace("是填 true", "是填“是”")


def normalise_header(text: Any) -> str:
    """Header text as compared: no spaces, no ``*`` or ``（必填）`` marks, lower case."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    text = re.sub(r"\s+", "", text).rstrip("*")
    return re.sub(r"\((必填|选填|可多选|多选)\)$", "", text)


def from_model(model: type[BaseModel], path: Path_, header: str, **extra: Any) -> Column:
    """A column for the model field at ``path``, typed from its annotation."""
    annotation, required, note = _field(model, path)
    many = typing.get_origin(annotation) is list
    inner = typing.get_args(annotation)[0] if many else annotation
    inner = _unwrap(inner)
    found: dict[str, Any] = {"many": many, "required": required, "note": note}
    if typing.get_origin(inner) is typing.Literal:
        found.update(kind="choice", choices=tuple(typing.get_args(inner)))
    else:
        found["kind"] = _KINDS.get(inner, "text")
    found.update(extra)
    found.setdefault("must_exist", found["required"])
    return Column(path, header, **found)


_KINDS: dict[Any, str] = {bool: "bool", int: "int", float: "float", dt.date: "date"}


def _field(model: type[BaseModel], path: Path_) -> tuple[Any, bool, str]:
    current: Any = model
    required, annotation, note = True, None, ""
    for part in path:
        if isinstance(part, int):  # an item of a list: ``current`` is already its model
            continue
        info = current.model_fields[part]
        required = required and info.is_required()
        annotation, note = _unwrap(info.annotation), info.description or ""
        current = _model_in(annotation)
    return annotation, required, note


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → ``X``; ``Annotated[X, …]`` → ``X``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is list:
        return _model_in(typing.get_args(annotation)[0])
    return None


def with_example(column: Column, example: Any) -> Column:
    """The same column with an example value for the template."""
    return replace(column, example=example)

"""Privacy rules that belong to the model: masking numbers and names.

Government disclosure practice: phones ``138****1234``, ID numbers ``35**************3X``,
bank cards ``6222 **** **** 1234``, names ``陈**`` or ``陈女士``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel

from generator.errors import Problem, Severity
from generator.load.messages import field_path
from generator.model.base import StoredList, source_of

if TYPE_CHECKING:
    from generator.model.content import Content

M = TypeVar("M", bound=BaseModel)

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})-(\d{7,8})(?!\d)")
LONG_NUMBER = re.compile(r"(?<!\d)(?=\d*1[3-9]\d{9})\d{12,}(?!\d)")
"""A longer run of digits with a mobile number in it (013812345678 dialled from a
landline, 8613812345678, one digit typed too many): still someone's number."""
BANK_CARD = re.compile(r"(?<!\d)([3-6]\d{3})(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?!\d)")

# Every personal number has seven digits in a row or a 3-4-4 / 4-4-4 grouping; this cheap
# test lets most text skip the four exact patterns below.
_CANDIDATE = re.compile(r"[0-9]{7}|[0-9][- ][0-9]{4}[- ][0-9]")

KIND_LABELS = {"id": "身份证号", "mobile": "手机号码", "landline": "固定电话", "bank": "银行卡号",
               "long": "像手机号的长串数字"}


_HALF_WIDTH = str.maketrans("０１２３４５６７８９－Ｘｘ　", "0123456789-Xx ")
"""Numbers typed in full-width mode (１３８…) are the same numbers; one character for one,
so offsets stay right."""


def find_numbers(text: str) -> Iterator[tuple[str, int, str]]:
    """Yield (kind, offset, matched text) for each personal number in ``text``."""
    text = text.translate(_HALF_WIDTH)
    if not _CANDIDATE.search(text):
        return
    taken: list[range] = []
    for kind, pattern in (("id", ID_NUMBER), ("bank", BANK_CARD), ("mobile", MOBILE), ("landline", LANDLINE),
                          ("long", LONG_NUMBER)):
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue
            taken.append(span)
            yield kind, match.start(), match.group(0)


def _mask(kind: str, found: str) -> str:
    digits = re.sub(r"[ -]", "", found)
    if kind == "id":
        return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]
    if kind == "mobile":
        return digits[:3] + "****" + digits[-4:]
    if kind == "long":
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if kind == "landline":
        area, number = found.split("-", 1)
        return f"{area}-" + "*" * (len(number) - 4) + number[-4:]
    return digits[:4] + " **** **** " + digits[-4:]


def mask_numbers(text: str) -> str:
    """Replace phone, ID and bank-card numbers in free text by their masked forms."""
    if not text:
        return text
    hits = sorted(find_numbers(text), key=lambda hit: hit[1], reverse=True)
    for kind, offset, found in hits:
        text = text[:offset] + _mask(kind, found) + text[offset + len(found):]
    return text


def mask_name(name: str, style: Literal["stars", "title"], gender: str | None) -> str:
    """``陈**`` (stars) or ``陈女士``/``陈先生`` (title; stars when the gender is unknown).

    Two-character compound surnames (欧阳, 司马 …) keep both characters.
    """
    name = name.strip()
    if not name:
        return "**"
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    if style == "title" and gender in ("男", "女"):
        return surname + ("女士" if gender == "女" else "先生")
    return surname + "*" * max(len(name) - len(surname), 1)


_COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门",
}


PRIVATE_FIELDS = frozenset({"phone", "id_number", "address", "contact_phone", "contact_person", "hardship", "age"})
"""Fields that hold private details by type: never published, so never scanned."""

REGISTRATION_FIELDS = frozenset({"icp", "police_record"})
"""The site's ICP and 公安 filing numbers: public by law (shown on every page, linked to the
filing look-up), long digit runs that must stay whole."""


def scan_record(record) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    """A warning for each phone, ID or bank-card number written in a record's free text."""
    doc = record._source
    if doc.may_hold_numbers:
        yield from _scan(doc, doc.data, ())


def _scan(doc, value, loc) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in PRIVATE_FIELDS and key not in REGISTRATION_FIELDS:
                yield from _scan(doc, inner, (*loc, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _scan(doc, inner, (*loc, index))
    elif isinstance(value, str):
        for kind, _, found in find_numbers(value):
            masked = _mask(kind, found)
            message = (f"文字中有{KIND_LABELS[kind]}“{found}”，发布时会遮挡为“{masked}”；"
                       "个人信息请写在不公开的字段里，或删去")
            yield doc.problem(loc, message, field=field_path(loc), severity=Severity.WARNING)


Masked = dict[int, tuple[Any, Any]]
"""Masked records by ``id`` of the record they were made from (kept alive beside them)."""


def masked_content(content: Content, *, known: Masked | None = None, into: Masked | None = None) -> Content:
    """``content`` as the public view holds it: private fields (contact details, ID numbers,
    addresses, hardship, age) emptied, and personal numbers masked in every text field of
    every record, so that no renderer can print one from a field that is not usually free
    text (a name, a 认领人, a 主持组织, the site's description). Records with nothing to
    change are shared, not copied.

    ``known`` holds the masked records of an earlier call: a record that is the very same
    object (``serve`` keeps unchanged records between loads; records are read-only) is not
    masked again. ``into`` receives this call's records the same way."""
    from generator.model.content import TABLES

    known = known or {}

    def masked(record: M) -> M:
        found = known.get(id(record))
        result = found[1] if found is not None and found[0] is record else _masked_record(record)
        if into is not None:
            into[id(record)] = (record, result)
        return result

    tables: dict[str, Any] = {
        name: {key: masked(r) for key, r in getattr(content, name).items()}
        for name in TABLES
    }
    return dataclasses.replace(
        content, site=masked(content.site), scoring=masked(content.scoring),
        figures=masked(content.figures), **tables,
    )


def _masked_record(record: M) -> M:
    doc = source_of(record)
    # the file's text had no number: only its private fields need emptying (fast at city scale)
    numbers = doc is None or doc.may_hold_numbers
    if not numbers and not _fields(type(record)).holds_private:  # an activity, say: as it is
        return record
    return _masked_model(record, numbers=numbers)


def _masked_model(model: M, numbers: bool) -> M:
    fields = _fields(type(model))
    update: dict[str, Any] = {}
    for name in fields.text if numbers else fields.holding_private:
        value = getattr(model, name)
        masked = _masked_value(value, numbers)
        if masked is not value:
            update[name] = masked
    for name, empty in zip(fields.private, fields.empty, strict=True):
        if getattr(model, name):
            update[name] = empty()
    return model.model_copy(update=update) if update else model


def _masked_value(value: Any, numbers: bool) -> Any:
    if isinstance(value, str):
        masked = mask_numbers(value) if numbers else value
        return value if masked == value else masked
    if isinstance(value, BaseModel):
        return _masked_model(value, numbers)
    if isinstance(value, list | StoredList):  # a stored list is read only when numbers are masked
        items = [_masked_value(item, numbers) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


@dataclasses.dataclass(frozen=True)
class _Fields:
    private: tuple[str, ...]
    """Private by type: emptied."""
    empty: tuple[Callable[[], Any], ...]
    """The empty value of each private field (its default)."""
    text: tuple[str, ...]
    """May hold published text (not private, not ids, not file paths): masked."""
    holding_private: tuple[str, ...]
    """Parts with private fields inside (the 心愿人 of a wish)."""

    @property
    def holds_private(self) -> bool:
        """Whether a record of this type can hold anything private at all."""
        return bool(self.private or self.holding_private)


@cache
def _fields(model: type[BaseModel]) -> _Fields:
    from generator.model.base import ID_PATTERN

    items = model.model_fields.items()
    return _Fields(
        private=tuple(name for name, _ in items if name in PRIVATE_FIELDS),
        empty=tuple(info.default_factory or (lambda default=info.default: default)  # type: ignore[misc]
                    for name, info in items if name in PRIVATE_FIELDS),
        text=tuple(name for name, info in items if name not in PRIVATE_FIELDS and name != "file"
                   and name not in REGISTRATION_FIELDS
                   and ID_PATTERN not in repr(info.annotation) + repr(info.metadata)),
        holding_private=tuple(name for name, info in items if isinstance(info.annotation, type)
                              and issubclass(info.annotation, BaseModel) and _fields(info.annotation).private),
    )

"""Shared building blocks of the record models: ids, months, photos, the record base.

Every field carries a Chinese ``description``: error messages, the editor schemas and
the handbook all read it from here, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
import zlib
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, ClassVar, TypeVar, overload

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"

RecordId = Annotated[
    str,
    # Building numbers are often written bare (``building: 5``); YAML reads them as
    # integers, so whole numbers are taken as the id text ``"5"``.
    Field(coerce_numbers_to_str=True),
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="编号：小写英文字母、数字和连字符，例如 tianrun-3"),
]
"""An ASCII id, as used in file names and web addresses."""


def month_of(date: dt.date) -> str:
    """``YYYY-MM`` of ``date`` (cut from its ISO form: asked hundreds of thousands of times
    per build, and ``strftime`` or a formatted string is several times slower)."""
    return date.isoformat()[:7]


def _month(value: str) -> str:
    dt.date.fromisoformat(value + "-01")
    return value


Month = Annotated[
    str,
    StringConstraints(pattern=MONTH_PATTERN),
    AfterValidator(_month),
    Field(description="月份，写成 YYYY-MM，例如 2026-09", examples=["2026-09"]),
]
"""A calendar month written ``YYYY-MM`` (Asia/Shanghai calendar, no time)."""

def _date_input(value: Any) -> Any:
    """Accept a real date or ``YYYY-MM-DD`` text; refuse numbers (pydantic would read
    ``20261103`` as a Unix timestamp) and Chinese-style dates with a clear message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"日期“{value}”不存在，请检查月份和日") from None
    raise ValueError(f"日期格式不对：“{value}”，应写成 YYYY-MM-DD，例如 2026-11-03")


Date = Annotated[dt.date, BeforeValidator(_date_input)]
"""A calendar date (Asia/Shanghai), written ``YYYY-MM-DD``."""

NonNegInt = Annotated[int, Field(ge=0, strict=False)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Markdown = Annotated[
    str,
    StringConstraints(max_length=50_000),
    Field(description="Markdown 正文：空一行分段，**加粗**，- 列表"),
]


class Record(BaseModel):
    """Base of every YAML record: unknown fields are errors, values are stripped.

    ``_source`` (path and marks) is attached by the loader so later checks can point at
    the line a problem comes from.
    """

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=True,
        frozen=False,
        use_attribute_docstrings=False,
        # validators are built when a model first validates: a rebuild restores records from
        # the store and validates only the edited file's kinds (60 ms of imports saved)
        defer_build=True,
    )
    kind_label: ClassVar[str] = "记录"
    stored_apart: ClassVar[frozenset[str]] = frozenset()
    """List fields the content store keeps as a :class:`StoredList` (restored when first read)."""
    _id: str = PrivateAttr(default="")
    _source: Any = PrivateAttr(default=None)

    @property
    def id(self) -> str:  # noqa: A003 - the domain word
        """The record's id: its file name without ``.yml``."""
        return self.__pydantic_private__["_id"]  # type: ignore[index,no-any-return] # see source_of


def source_of(record: BaseModel) -> Any:
    """The loader's document of ``record`` (``_source``: its path, lines and the digest of its
    file), or ``None``. Read from the private attributes directly: pydantic's ``__getattr__``
    took a fifth of a second per city build for the 5,000 activities' keys alone."""
    private = record.__pydantic_private__
    return private.get("_source") if private else None


T = TypeVar("T")


class StoredList(Sequence[T]):
    """A long list field of a record as the content store kept it, unpickled when first
    read. A city year's 432 rating sheets hold 72,000 inspections: restoring them took most
    of reading the store, and a site build whose 星级 results are kept never reads them.

    It reads like the list it stands for and equals it. Code that needs a real ``list``
    (pydantic's serializer, ``isinstance(value, list)``) fails loudly or takes ``list(value)``;
    nothing can see it empty."""

    __slots__ = ("_data", "_digest", "_items")

    def __init__(self, data: bytes, digest: bytes) -> None:
        self._data = data
        self._digest = digest
        self._items: list[T] | None = None

    @classmethod
    def of(cls, items: list[T]) -> StoredList[T]:
        data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(data, _bytes_digest(data))

    def intact(self) -> bool:
        """True if the bytes are those stored (the store drops a shard holding damaged ones:
        they are read only later, when a failure could no longer fall back on the files)."""
        return _bytes_digest(self._data) == self._digest

    def _list(self) -> list[T]:
        items = self._items
        if items is None:
            items = self._items = pickle.loads(self._data)  # noqa: S301 - the store's own bytes
        return items

    @property
    def restored(self) -> bool:
        """Whether the items have been read (for tests)."""
        return self._items is not None

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self) -> Iterator[T]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredList):
            other = other._list()
        return self._list() == other if isinstance(other, list) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._list())

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoredList, (self._data, self._digest))  # records are read-only: the bytes still hold


def _bytes_digest(data: bytes) -> bytes:
    # a checksum against damage, not a key: CRC-32 reads a city's 12 MB of 星级 sheets
    # at every load three times as fast as BLAKE2
    return zlib.crc32(data).to_bytes(4, "big")


class Part(BaseModel):
    """A nested part of a record (same strictness, no id of its own)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True, defer_build=True)


class Photo(Part):
    """一张照片：文件、说明和发布许可。"""

    file: str = Field(
        description="照片文件路径，相对于 content/media/，例如 2026/09/louDao-1.jpg",
        min_length=1,
        max_length=300,
    )
    caption: str = Field("", description="照片说明（图注）", max_length=200)
    consent: bool = Field(
        False, description="照片中的人已同意公开发布（是填 true）；未同意的照片不会出现在网站上"
    )
    minors: bool = Field(False, description="照片中有未满 14 周岁的儿童（是填 true）")
    guardian_consent: bool = Field(
        False, description="有儿童时，监护人已书面同意发布（是填 true）；否则照片不发布"
    )

    @field_validator("file")
    @classmethod
    def _inside_media(cls, value: str) -> str:
        return safe_media_path(value)

    @property
    def publishable(self) -> bool:
        """Consent given, and a guardian's too when children are in the picture."""
        return self.consent and (not self.minors or self.guardian_consent)


def safe_media_path(value: str) -> str:
    """Reject paths that could leave the media folder (``..``, absolute, URLs)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith(("/", "\\")):
        raise ValueError("照片路径必须是 content/media/ 下的相对路径，不能是网址或绝对路径")
    if ".." in re.split(r"[/\\]", value):
        raise ValueError("照片路径不能包含“..”")
    if re.search(r"[\x00-\x1f\x7f]", value):  # a NUL byte would crash every file-system call
        raise ValueError("照片路径中有看不见的控制字符，请重新输入文件名")
    return value

"""Splitting long lists over numbered pages (``…/page/2/``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.site.urls import page_url

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    """Position of one page in a listing: its number, the total and the listing's base URL."""

    number: int
    total: int
    base: str

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    def url_of(self, number: int) -> str:
        return page_url(self.base, number)

    @property
    def previous(self) -> str:
        return self.url_of(self.number - 1) if self.number > 1 else ""

    @property
    def next(self) -> str:
        return self.url_of(self.number + 1) if self.number < self.total else ""


def paginate(items: Sequence[T], base: str, size: int) -> Iterator[tuple[Sequence[T], Pager]]:
    """Yield each slice of ``items`` with its :class:`Pager` (one empty page for no items)."""
    total = max((len(items) + size - 1) // size, 1)
    for number in range(1, total + 1):
        yield items[(number - 1) * size: number * size], Pager(number, total, base)

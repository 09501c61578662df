"""The bulletin's JSON attachment writes each dataclass as exactly its fields.

``data._object`` hands the encoder an instance's own ``__dict__`` when that holds only the
fields (no dict made per object); anything else an instance carries must stay out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import cached_property

from generator.print.data import _object


@dataclasses.dataclass(frozen=True)
class _Inner:
    name: str
    day: dt.date


@dataclasses.dataclass(frozen=True)
class _Outer:
    title: str
    inner: _Inner
    items: tuple[_Inner, ...]

    @cached_property
    def shouted(self) -> str:
        return self.title.upper()


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_object)


def test_a_dataclass_is_written_as_its_fields() -> None:
    day = dt.date(2026, 10, 1)
    value = _Outer("楼道", _Inner("甲", day), (_Inner("乙", day),))
    assert json.loads(_dumps(value)) == {
        "title": "楼道", "inner": {"name": "甲", "day": "2026-10-01"},
        "items": [{"name": "乙", "day": "2026-10-01"}],
    }


def test_what_an_instance_keeps_besides_its_fields_stays_out() -> None:
    value = _Outer("abc", _Inner("甲", dt.date(2026, 10, 1)), ())
    assert value.shouted == "ABC"  # now in the instance's own dict
    assert "shouted" in vars(value)
    written = json.loads(_dumps(value))
    assert set(written) == {"title", "inner", "items"}

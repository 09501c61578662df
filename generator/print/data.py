"""The month's public data as JSON, attached to the archive edition (PDF/A-3 allows it).

Built from the same :class:`~generator.print.bulletin.Bulletin` the pages print, so the
attachment holds nothing the pages could not show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from generator.print.bulletin import Bulletin


def bulletin_json(bulletin: Bulletin) -> str:
    """The bulletin's content as stable, sorted, compact UTF-8 JSON text."""
    payload = {
        "month": bulletin.month,
        "title": bulletin.document_title,
        "issue": bulletin.number.issue,
        "total_issue": bulletin.number.total_issue,
        "publisher": bulletin.publisher,
        "date": bulletin.date,
        "activities": bulletin.activities,
        "star_buildings": bulletin.ratings,
        "honours": [{"person": p.name, "honour": h} for p, h in bulletin.honoured],
        "wishes": {"progress": dict(bulletin.wishes.progress),
                   "moved": [{"wish": w.wish.id, "title": w.wish.title, "status": w.step.status,
                              "date": w.step.date, "by": w.step.by} for w in bulletin.wishes.moved]},
        "deliberations": [o.meeting for o in bulletin.deliberations],
        "joint_meetings": [o.meeting for o in bulletin.pairing.meetings],
        "problems_solved": bulletin.pairing.solved,
        "list_items": bulletin.pairing.items,
        "figures": bulletin.figures,
    }
    # No indent: with one, json falls back from its C encoder to pure Python (a city
    # month's 2,000 rated buildings took seconds).
    return json.dumps(_plain(payload), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}
"""Field names per dataclass, looked up once (``dataclasses.fields`` is slow)."""


def _plain(value: Any) -> Any:
    """``value`` as JSON types: dataclasses become objects, dates ISO strings. Scalars are
    passed through without a call: a city month has some 100,000 of them."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if kind is dict:
        return {str(k): v if type(v) in _SCALARS else _plain(v) for k, v in value.items()}
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is None:
        return _other(value)
    fields = [(name, getattr(value, name)) for name in names]
    return {name: v if type(v) in _SCALARS else _plain(v) for name, v in fields}


def _other(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, str):  # Markup and other str subclasses
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

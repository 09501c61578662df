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
    # month's 2,000 rated buildings took seconds). The C encoder walks lists, tuples, dicts
    # and strings itself and calls _object only for the rest (dataclasses, dates).
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=_object)


_FIELDS: dict[type, tuple[str, ...]] = {}
"""Field names per dataclass, looked up once (``dataclasses.fields`` is slow)."""


def _object(value: Any) -> Any:
    """What the JSON encoder cannot write itself, one level down: a dataclass as the dict
    of its fields (the encoder goes on into them), a date as ISO text."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        # an instance's own dict is its fields when it holds as many (a city month's
        # 13,000 objects: no dict made for each); a cached property would add one
        own = getattr(value, "__dict__", None)
        if own is not None and len(own) == len(names):
            return own
        return {name: getattr(value, name) for name in names}
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"{kind.__name__} is not JSON serialisable")

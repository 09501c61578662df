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
    """The bulletin's content as stable, sorted, UTF-8 JSON text."""
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
    return json.dumps(_plain(payload), ensure_ascii=False, sort_keys=True, indent=1)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, str):
        return str(value)
    return value

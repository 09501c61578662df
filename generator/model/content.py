"""The loaded content: every record by kind and id, with where it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.model.base import Record, month_of
from generator.model.events import Activity, Meeting, MicroWish, RatingSheet
from generator.model.organisation import Community, HelpGroup, PairedUnit, Person
from generator.model.settings import DeclaredFigures, ScoringRules, SiteSettings

TABLES: dict[str, str] = {
    "communities": "community", "units": "unit", "groups": "group", "people": "person",
    "meetings": "meeting", "activities": "activity", "ratings": "rating", "wishes": "wish",
}
"""The record tables of :class:`Content` (in field order) and the kind of record each holds."""


@dataclass
class Content:
    """All records of one ``content/`` folder, keyed by id (file name without ``.yml``).

    Activities and meetings are sorted newest first; ratings are keyed ``YYYY-MM/community``.
    """

    root: Path
    site: SiteSettings
    scoring: ScoringRules
    figures: DeclaredFigures = field(default_factory=DeclaredFigures)
    communities: dict[str, Community] = field(default_factory=dict)
    units: dict[str, PairedUnit] = field(default_factory=dict)
    groups: dict[str, HelpGroup] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    ratings: dict[str, RatingSheet] = field(default_factory=dict)
    wishes: dict[str, MicroWish] = field(default_factory=dict)

    @property
    def media_root(self) -> Path:
        return self.root / "media"

    def records(self) -> Iterator[Record]:
        """Every record: the settings, then each table's."""
        yield from (self.site, self.scoring)
        for table in (self.communities, self.units, self.groups, self.people, self.meetings, self.activities,
                      self.ratings, self.wishes):
            yield from table.values()

    def months(self) -> list[str]:
        """Every month (``YYYY-MM``) with an activity, meeting or rating, oldest first."""
        found = {month_of(a.date) for a in self.activities.values()}
        found |= {month_of(m.date) for m in self.meetings.values()}
        found |= {r.month for r in self.ratings.values()}
        return sorted(found)

    def activities_in(self, month: str) -> list[Activity]:
        """The month's activities, in date order."""
        return list(self._activities_by_month.get(month, ()))

    @cached_property
    def _activities_by_month(self) -> dict[str, list[Activity]]:
        """Activities by month in date order (one sort, not one pass per month asked: a
        city year's bulletins and site ask for every month several times)."""
        found: dict[str, list[Activity]] = {}
        for a in sorted(self.activities.values(), key=lambda a: (a.date, a.id)):
            found.setdefault(month_of(a.date), []).append(a)
        return found

    def meetings_in(self, month: str) -> list[Meeting]:
        chosen = [m for m in self.meetings.values() if month_of(m.date) == month]
        return sorted(chosen, key=lambda m: (m.date, m.id))

    def ratings_in(self, month: str) -> list[RatingSheet]:
        return [r for key, r in sorted(self.ratings.items()) if r.month == month]

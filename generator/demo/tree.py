"""Draw a demo city by city and write its files into a content folder."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from generator.demo import names
from generator.demo.activities import build_activities
from generator.demo.dated import activity_text, meeting_text, rating_text, wish_text
from generator.demo.meetings import build_meetings
from generator.demo.people import build_groups, build_people, build_units
from generator.demo.ratings import qualities, sheet
from generator.demo.records import (
    community_text,
    figures_text,
    group_text,
    person_text,
    scoring_text,
    site_text,
    unit_text,
)
from generator.demo.wishes import build_wishes
from generator.demo.world import City, Ids, Scale, build_city, months_of


class Writer:
    """Writes UTF-8 files with ``\\n`` line ends below ``root``, counting them by folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.counts: Counter[str] = Counter()
        self._made: set[str] = set()

    def write(self, relative: str, text: str) -> None:
        folder, _, _ = relative.rpartition("/")
        if folder and folder not in self._made:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self._made.add(folder)
        with open(self.root / relative, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        self.counts[relative.split("/")[0] if folder else relative] += 1


def write_demo(scale: Scale, root: Path, seed: int) -> Counter[str]:
    """Write a whole demo content folder for ``scale`` into ``root``; returns file counts."""
    rng = random.Random(seed)
    ids = Ids()
    months = months_of(scale)
    writer = Writer(root)
    members = units = communities = 0
    for index in range(scale.cities):
        city, reported, unit_count = _write_city(rng, scale, months, index, ids, writer)
        members, units, communities = members + reported, units + unit_count, communities + len(city.communities)
    place = names.PROVINCE if scale.cities > 1 else names.CITIES[0][0]
    writer.write("site.yml", site_text(place))
    writer.write("scoring.yml", scoring_text())
    writer.write("figures.yml", figures_text(members, units, communities))
    return writer.counts


def _write_city(rng: random.Random, scale: Scale, months: tuple[str, ...], index: int, ids: Ids,
                writer: Writer) -> tuple[City, int, int]:
    """Draw one city's records (in a fixed order) and write them; returns the city, its
    reported members and its number of units, for ``figures.yml``."""
    city = build_city(rng, scale, index, ids)
    units = build_units(rng, city, scale, months, ids)
    by_id = {u.id: u for u in units}
    people = build_people(rng, city, scale, months, by_id, ids)
    groups = build_groups(rng, city)
    meetings = build_meetings(rng, city, scale, months, units, ids)
    wishes = build_wishes(rng, city, scale, months, ids)
    activities = build_activities(rng, city, scale, months, by_id, meetings, wishes, ids)
    files = [(f"communities/{c.id}.yml", community_text(city, c)) for c in city.communities]
    files += [(f"units/{u.id}.yml", unit_text(u)) for u in units]
    files += [(f"groups/{g.id}.yml", group_text(g)) for g in groups]
    files += [(f"people/{p.id}.yml", person_text(p)) for p in people]
    files += [(f"meetings/{m.date.year}/{m.id}.yml", meeting_text(m)) for m in meetings]
    files += [(f"wishes/{w.year}/{w.id}.yml", wish_text(w)) for w in wishes]
    files += [(a.date.strftime("activities/%Y/%m/") + f"{a.id}.yml", activity_text(a)) for a in activities]
    for relative, text in files:
        writer.write(relative, text)
    _write_ratings(rng, city, months, writer)
    return city, sum(u.members_reported for u in units), len(units)


def _write_ratings(rng: random.Random, city: City, months: tuple[str, ...], writer: Writer) -> None:
    quality = qualities(rng, city)
    for month in months:
        for community in city.communities:
            entries = sheet(rng, community, month, quality)
            writer.write(f"ratings/{month}/{community.id}.yml", rating_text(month, community.id, entries))

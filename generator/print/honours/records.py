"""What one month's honours print: 荣誉证书 (certificates) and 星级楼栋 plaques.

Certificates are read from the raw :class:`~generator.model.content.Content`, not from the
public view: a person who is not public (or gave no consent) still receives the certificate
in hand, so they must be printed — which is also why these files never go near the site.
Only the name, the honour, its month and the citation (numbers masked) are taken from a
person; phone, ID number and address are never read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from generator.model.content import Content
from generator.model.organisation import Community, HonourTitle
from generator.model.privacy import mask_numbers
from generator.model.ratings import BuildingScore, month_scores
from generator.print.html import cn_number
from generator.print.sections import month_end

CRITERION_MET = 0.9
"""A criterion counts as met when the month's average reached 90 % of its full marks."""
HONOUR_ORDER = {title: i for i, title in enumerate(get_args(HonourTitle))}


@dataclass(frozen=True)
class Certificate:
    """One 荣誉证书: who, which honour, why; issued by ``site.publisher``."""

    person_id: str
    name: str
    honour: str
    citation: str
    """Numbers (phones, ID and bank-card numbers) masked."""
    public: bool
    """Whether the site shows this person (only to remind staff; printed either way)."""


@dataclass(frozen=True)
class Plaque:
    """One 星级楼栋 plaque for a building that earned stars this month."""

    community: str
    issuer: str
    """The community's party committee, which runs the rating."""
    estate: str
    building: str
    stars: int
    score: float
    criteria_met: tuple[str, ...]

    @property
    def rank(self) -> str:
        """``五星级楼栋``."""
        return f"{cn_number(self.stars)}星级楼栋"


@dataclass(frozen=True)
class MonthHonours:
    """Everything printed for one month; dates come from the month, never from the clock."""

    month: str
    publisher: str
    certificates: tuple[Certificate, ...]
    plaques: tuple[Plaque, ...]

    @property
    def date(self) -> dt.date:
        """The issue date: the last day of the month (as the bulletin's)."""
        return month_end(self.month)

    @property
    def month_text(self) -> str:
        """``二〇二六年十月``."""
        return f"{cn_year(int(self.month[:4]))}年{cn_number(int(self.month[5:]))}月"

    @property
    def date_text(self) -> str:
        """``二〇二六年十月三十一日``, as certificates write dates."""
        return f"{self.month_text}{cn_number(self.date.day)}日"

    def __bool__(self) -> bool:
        return bool(self.certificates or self.plaques)


def cn_year(year: int) -> str:
    """``2026`` → ``二〇二六`` (digit by digit)."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(year))


def month_honours(content: Content, month: str) -> MonthHonours:
    """The month's certificates (every honoured person, public or not) and plaques."""
    return MonthHonours(month, mask_numbers(content.site.publisher), certificates(content, month),
                        plaques(content, month))


def honour_months(content: Content) -> list[str]:
    """Months with an honour or a building with stars, oldest first."""
    found = {h.month for p in content.people.values() for h in p.honours}
    found |= {s.month for m in content.months() for s in month_scores(content, m) if s.stars}
    return sorted(found)


def certificates(content: Content, month: str) -> tuple[Certificate, ...]:
    """By honour (in the order the model lists the titles), then name."""
    found = [Certificate(p.id, p.name.strip(), h.title, mask_numbers(h.citation.strip()), p.public)
             for p in content.people.values() for h in p.honours if h.month == month]
    return tuple(sorted(found, key=lambda c: (HONOUR_ORDER.get(c.honour, 99), c.name, c.person_id)))


def plaques(content: Content, month: str) -> tuple[Plaque, ...]:
    """Buildings with stars, in the order the community file lists them (the walking order)."""
    scores = [s for s in month_scores(content, month) if s.stars]
    scores.sort(key=lambda s: _place_order(content, s))
    return tuple(_plaque(content.communities[s.community], s) for s in scores)


def _place_order(content: Content, score: BuildingScore) -> tuple[str, int, int]:
    community = content.communities[score.community]
    estates = [e.id for e in community.estates]
    estate = community.estates[estates.index(score.estate)]
    buildings = [b.id for b in estate.buildings]
    return score.community, estates.index(score.estate), buildings.index(score.building)


def _plaque(community: Community, score: BuildingScore) -> Plaque:
    estate = next(e for e in community.estates if e.id == score.estate)
    building = next(b for b in estate.buildings if b.id == score.building)
    met = tuple(name for name, average, full in score.criteria if average >= CRITERION_MET * full)
    return Plaque(community.name, community.party_committee, estate.name, building.name,
                  score.stars, score.score, met)

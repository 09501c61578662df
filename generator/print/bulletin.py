"""One month's 工作简报 (work bulletin) as the templates see it, built from the public view.

Only :class:`~generator.model.public.PublicView` and the (public) site settings go in, so
nothing a renderer must not publish can reach a bulletin.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from generator.model.figures import Figure
from generator.model.public import PublicActivity, PublicHonour, PublicPerson, PublicView, RatedBuilding
from generator.model.settings import Distribution
from generator.print.digest import (
    Digest,
    Limits,
    activity_digest,
    highlights_in_full,
    honour_digest,
    limits_for,
    meeting_digest,
    rating_digest,
    shortlist,
)
from generator.print.numbering import IssueNumber, issue_numbers
from generator.print.sections import (
    MeetingOutcome,
    PairingReport,
    WishReport,
    meeting_outcomes,
    month_end,
    pairing_report,
    wish_report,
)

CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Section:
    """A numbered part of the bulletin (一、工作动态 …) and the partial that prints it."""

    key: str
    title: str
    number: str
    anchor: str

    @property
    def partial(self) -> str:
        return f"_{self.key}.html.j2"

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class Banji:
    """版记: distribution (报/送/发), issuing office, date and number of copies."""

    distribution: Distribution
    issuer: str
    date: dt.date
    copies: int


@dataclass(frozen=True)
class Bulletin:
    """Everything printed in one month's bulletin."""

    month: str
    number: IssueNumber
    title: str
    publisher: str
    date: dt.date
    highlights: tuple[PublicActivity, ...]
    others: tuple[PublicActivity, ...]
    ratings: tuple[RatedBuilding, ...]
    scoring_title: str
    honoured: tuple[tuple[PublicPerson, PublicHonour], ...]
    wishes: WishReport
    deliberations: tuple[MeetingOutcome, ...]
    pairing: PairingReport
    figures: tuple[Figure, ...]
    activity_types: tuple[tuple[str, int], ...]
    sections: tuple[Section, ...]
    banji: Banji
    site_url: str
    """The web site's address (empty if unknown): where a summarised bulletin's full record is."""
    digest: Digest
    """What the sections print: everything for a street office's month, summaries at
    city scale (see :mod:`generator.print.digest`)."""

    @property
    def id_prefix(self) -> str:
        """Prefix of every HTML id, so several previews can share one web page."""
        return f"b{self.month}"

    @property
    def document_title(self) -> str:
        """``近邻党建工作简报 2026年第3期``: the PDF title and the link text."""
        return f"{self.title} {self.number.year}年第{self.number.issue}期"

    @property
    def activities(self) -> tuple[PublicActivity, ...]:
        return tuple(sorted((*self.highlights, *self.others), key=lambda a: (a.date, a.id)))


def build_bulletin(view: PublicView, month: str, numbers: dict[str, IssueNumber] | None = None,
                   limits: Limits | None = None) -> Bulletin:
    """The bulletin for ``month``; ``LookupError`` if that month gets none (no content).
    ``limits`` decide how much is printed in full (see :class:`~generator.print.digest.Limits`;
    by default those for the month's size, :func:`~generator.print.digest.limits_for`)."""
    numbers = issue_numbers(view) if numbers is None else numbers
    if month not in numbers:
        raise LookupError(month)
    activities = view.activities_in(month)
    limits = limits_for(len(activities)) if limits is None else limits
    settings = view.site.bulletin
    parts = {
        "activities": bool(activities),
        "ratings": bool(ratings := view.rated(month)),
        "honours": bool(honoured := view.honoured_in(month)),
        "wishes": bool((wishes := wish_report(view, month)).moved),
        "deliberations": bool(deliberations := meeting_outcomes(view, month, "议事")),
        "pairing": bool(pairing := pairing_report(view, month)),
        "figures": True,
    }
    date = month_end(month)
    digest = _digest(view, activities, ratings, honoured, wishes, deliberations, pairing, limits)
    return Bulletin(
        month=month, number=numbers[month], title=settings.title, publisher=view.site.publisher,
        date=date,
        highlights=tuple(a for a in activities if a.highlight),
        others=tuple(a for a in activities if not a.highlight),
        ratings=tuple(ratings), scoring_title=view.scoring.title, honoured=tuple(honoured), wishes=wishes,
        deliberations=deliberations, pairing=pairing,
        figures=tuple(view.month_figures(month)), activity_types=_by_type(activities),
        sections=_sections(month, [key for key, shown in parts.items() if shown]),
        banji=Banji(settings.distribution, settings.issuer, date, settings.copies),
        site_url=str(view.site.base_url or ""), digest=digest,
    )


def _digest(view: PublicView, activities: list[PublicActivity], ratings: list[RatedBuilding],
            honoured: list[tuple[PublicPerson, PublicHonour]], wishes: WishReport,
            deliberations: tuple[MeetingOutcome, ...], pairing: PairingReport, limits: Limits) -> Digest:
    order = {c.id: i for i, c in enumerate(view.communities)}
    full = highlights_in_full([a for a in activities if a.highlight], order, limits.highlights_in_full)
    in_full = {a.id for a in full}
    listed = tuple(a for a in activities if a.id not in in_full)
    return Digest(
        highlights=full, listed=listed,
        toc_highlights=full if len(full) <= limits.toc_highlights else (),
        activities=activity_digest(listed, order, limits.activity_titles),
        ratings=rating_digest(ratings, (t.stars for t in view.scoring.thresholds), order, limits),
        honours=honour_digest(honoured, limits.honours_in_full),
        wishes=shortlist(wishes.moved, limits.wish_lines),
        deliberations=meeting_digest(deliberations, limits),
        joint_meetings=meeting_digest(pairing.meetings, limits),
        solved=shortlist(pairing.solved, limits.pairing_lines),
        list_items=shortlist(pairing.items, limits.pairing_lines),
    )


SECTION_TITLES = {
    "activities": "工作动态", "ratings": "星级楼栋", "honours": "最美人物", "wishes": "微心愿",
    "deliberations": "议事成果", "pairing": "结对共建", "figures": "本月数据",
}


def _sections(month: str, keys: list[str]) -> tuple[Section, ...]:
    return tuple(
        Section(key, SECTION_TITLES[key], CHINESE_NUMERALS[i], f"b{month}-{key}")
        for i, key in enumerate(keys)
    )


def _by_type(activities: list[PublicActivity]) -> tuple[tuple[str, int], ...]:
    counts = Counter(a.type for a in activities)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

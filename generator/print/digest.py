"""How much of a month a bulletin prints in full, and the summaries it prints instead.

A 工作简报 reports; it is not a register. A street office with a few dozen activities and
rated buildings a month prints every one of them, but a whole city (≈400 activities, 2,000
rated buildings, 40 meetings a month) would fill 200 pages nobody reads — and take a minute
to print. Above the limits below a section prints what 简报 print at that scale: the
month's counts, the best and the noteworthy by name, and "其余…见网站" for the rest, which
the web site lists in full (the archive edition's JSON attachment holds everything too).

Every limit is a size *above which* a section is summarised; at or below it nothing
changes. The defaults leave bulletins the size of the shipped content (a street office: a
dozen activities, twenty rated buildings, a few meetings a month) exactly as they were.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.model.public import PublicActivity, PublicHonour, PublicPerson, PublicProblem, RatedBuilding
from generator.print.sections import ListEntry, MeetingOutcome, WishLine

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """Section sizes above which a bulletin prints a summary instead of every item."""

    rated_in_full: int = 40
    """星级楼栋: one table row per building up to this many rated buildings; above, the
    counts per star level per community, the top buildings, the five-star list and the
    number vetoed (一票否决)."""
    five_star_names: int = 60
    """Five-star buildings named in a summary (best score first); the rest are counted."""
    top_buildings: int = 10
    """A summary's 本月得分前N名 (the month's best scores)."""
    star_table_rows: int = 60
    """A summary's communities get a table row each (counts per star level) up to this
    many; above, one run-in line of starred buildings per community (a table row costs
    WeasyPrint a cell layout per figure: three dozen rows took a second to print)."""
    highlights_in_full: int | None = None
    """工作动态: highlighted activities printed in full (summary, facts, photo). ``None``:
    every one the staff marked. A number caps them (chosen in turns across communities,
    earliest first); the others join the list of other activities. Each costs a third of
    a page: 30 a month are half of a city bulletin's pages and render time."""
    activity_titles: int = 60
    """工作动态: titles of the activities not printed in full, one a line up to this many;
    above, grouped per community with counts and this many titles shared out among the
    communities."""
    toc_highlights: int = 10
    """本期要目 lists the highlighted activities under 工作动态 up to this many; above, the
    sections only (the contents would take a page of their own)."""
    honours_in_full: int = 8
    """最美人物 printed with their citation; the others are named per honour."""
    wish_lines: int = 20
    """微心愿 that moved this month, one a line; the rest are counted."""
    meetings_in_full: int = 4
    """议事 and 联席会议 meetings printed with issues, decisions and 落实 (per kind); the
    ones that led to most activities and decisions are chosen; the rest by title."""
    meeting_titles: int = 20
    """Further meetings listed by title; the rest are counted."""
    pairing_lines: int = 20
    """结对共建: solved problems and 需求/服务清单 lines, each; the rest are counted."""


LIMITS = Limits()
"""The limits a bulletin is printed with, up to a street office's month (see :func:`limits_for`)."""
CITY_LIMITS = Limits(five_star_names=20, top_buildings=5, star_table_rows=0, highlights_in_full=3,
                     activity_titles=10, honours_in_full=2, wish_lines=5, meetings_in_full=1,
                     meeting_titles=5, pairing_lines=5)
"""The limits for a month larger than a street office's: a city's 工作简报 of some eight
pages instead of thirty (three highlights in full, the rest counted per community with
ten titles, star counts per community in one paragraph, one meeting of each kind in
full). Every summary states its totals and where the full record is (the web site,
whose address the 要目 gives)."""


def limits_for(activities: int) -> Limits:
    """:data:`CITY_LIMITS` for a month with more activities than :data:`LIMITS` lists one
    a line (a city, not a street office), else :data:`LIMITS`."""
    return CITY_LIMITS if activities > LIMITS.activity_titles else LIMITS


@dataclass(frozen=True)
class Shortlist(Generic[T]):
    """The first items of a longer list, and how many there were in all."""

    shown: tuple[T, ...]
    total: int

    @property
    def rest(self) -> int:
        """How many items are not shown."""
        return self.total - len(self.shown)

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[T]:
        return iter(self.shown)

    def __len__(self) -> int:
        return len(self.shown)


def shortlist(items: Sequence[T], limit: int) -> Shortlist[T]:
    """The first ``limit`` of ``items``."""
    return Shortlist(tuple(items[:limit]), len(items))


def share_out(items: Sequence[T], key: Callable[[T], Hashable], limit: int) -> set[int]:
    """Indexes of ``limit`` items chosen in turns across the groups that ``key`` makes
    (one from each group, groups in order of first appearance, then a second from each …),
    earliest first within a group: every group gets its share before any gets more."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[key(item)].append(i)
    chosen: set[int] = set()
    depth = 0
    while len(chosen) < min(limit, len(items)):
        for members in groups.values():
            if depth < len(members) and len(chosen) < limit:
                chosen.add(members[depth])
        depth += 1
    return chosen


# -- 工作动态 ---------------------------------------------------------------------
@dataclass(frozen=True)
class CommunityActivities:
    """One community's line in a summarised activity list."""

    community: str
    count: int
    titles: tuple[PublicActivity, ...]


@dataclass(frozen=True)
class ActivityDigest:
    """The activities not printed in full, per community, with a share of their titles."""

    total: int
    communities: tuple[CommunityActivities, ...]

    @property
    def rest(self) -> int:
        return self.total - sum(len(c.titles) for c in self.communities)

    @property
    def titles(self) -> tuple[PublicActivity, ...]:
        """The activities named, in date order."""
        return tuple(sorted((a for c in self.communities for a in c.titles), key=lambda a: (a.date, a.id)))


def activity_digest(others: Sequence[PublicActivity], order: dict[str, int],
                    limit: int) -> ActivityDigest | None:
    """``None`` when every title fits (the plain list is printed), else the digest.
    ``order`` ranks community ids (the content's order); ``others`` are in date order."""
    if len(others) <= limit:
        return None
    ranked = sorted(others, key=lambda a: order.get(a.place.community.id, len(order)))
    chosen = share_out(ranked, lambda a: a.place.community.id, limit)
    by_community: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(ranked):
        by_community[a.place.community.id].append(i)
    lines = tuple(
        CommunityActivities(ranked[idx[0]].place.community.name, len(idx),
                            tuple(ranked[i] for i in idx if i in chosen))
        for idx in by_community.values()
    )
    return ActivityDigest(len(others), lines)


def highlights_in_full(highlights: Sequence[PublicActivity], order: dict[str, int],
                       limit: int | None) -> tuple[PublicActivity, ...]:
    """The highlighted activities printed in full: all of them, or ``limit`` chosen in turns
    across communities (see :attr:`Limits.highlights_in_full`), in date order."""
    if limit is None or len(highlights) <= limit:
        return tuple(highlights)
    ranked = sorted(highlights, key=lambda a: order.get(a.place.community.id, len(order)))
    chosen = {ranked[i].id for i in share_out(ranked, lambda a: a.place.community.id, limit)}
    return tuple(a for a in highlights if a.id in chosen)


# -- 星级楼栋 ---------------------------------------------------------------------
@dataclass(frozen=True)
class CommunityStars:
    """One community's row in the summary table: buildings per star level."""

    community: str
    stars: tuple[int, ...]
    """Counts per star level, most stars first (:attr:`RatingDigest.star_levels`)."""
    unstarred: int
    vetoed: int

    @property
    def total(self) -> int:
        return sum(self.stars) + self.unstarred


@dataclass(frozen=True)
class EstateNames:
    """Buildings of one 小区 in a name list: ``兰亭小区5栋、7栋``."""

    estate: str
    buildings: tuple[str, ...]


NameList = tuple[tuple[str, tuple[EstateNames, ...]], ...]
"""(community, its buildings by 小区)."""


@dataclass(frozen=True)
class RatingDigest:
    """星级楼栋 at a glance: counts per star level (in all and per community), the best
    scores, and the buildings at the highest level (五星) by name."""

    star_levels: tuple[int, ...]
    """The scheme's star levels, most first (5, 4, 3, 2, 1)."""
    total: int
    stars: tuple[int, ...]
    unstarred: int
    vetoed: int
    communities: tuple[CommunityStars, ...]
    top: tuple[RatedBuilding, ...]
    five_star: NameList
    """The buildings at the highest level, as many as are shown."""
    five_star_total: int
    five_star_shown: int
    table: bool
    """Whether :attr:`communities` are printed as a table (else as one run-in line)."""

    @property
    def starred(self) -> int:
        return sum(self.stars)

    @property
    def levels(self) -> tuple[tuple[int, int], ...]:
        """(stars, count) from five stars down."""
        return tuple(zip(self.star_levels, self.stars, strict=True))

    @property
    def top_level(self) -> int:
        return self.star_levels[0] if self.star_levels else 0


def rating_digest(ratings: Sequence[RatedBuilding], levels: Iterable[int], order: dict[str, int],
                  limits: Limits) -> RatingDigest | None:
    """``None`` when every building gets a table row, else the digest. ``ratings`` are
    best first (as :meth:`PublicView.rated` gives them); ``levels`` are the scheme's star
    levels (``scoring.yml`` thresholds)."""
    if len(ratings) <= limits.rated_in_full:
        return None
    star_levels = tuple(sorted(set(levels), reverse=True))
    counts = Counter(r.score.stars for r in ratings)
    best = [r for r in ratings if star_levels and r.score.stars == star_levels[0]]
    return RatingDigest(
        star_levels=star_levels, total=len(ratings), stars=tuple(counts[s] for s in star_levels),
        unstarred=counts[0], vetoed=sum(r.score.vetoed for r in ratings),
        communities=_community_stars(ratings, star_levels, order),
        top=tuple(r for r in ratings[:limits.top_buildings] if r.score.stars),
        five_star=_names(best[:limits.five_star_names], order), five_star_total=len(best),
        five_star_shown=min(len(best), limits.five_star_names),
        table=len({r.community.id for r in ratings}) <= limits.star_table_rows,
    )


def _by_community(ratings: Iterable[RatedBuilding], order: dict[str, int]) -> list[list[RatedBuilding]]:
    groups: dict[str, list[RatedBuilding]] = defaultdict(list)
    for r in ratings:
        groups[r.community.id].append(r)
    return [groups[c] for c in sorted(groups, key=lambda c: (order.get(c, len(order)), c))]


def _community_stars(ratings: Sequence[RatedBuilding], levels: tuple[int, ...],
                     order: dict[str, int]) -> tuple[CommunityStars, ...]:
    rows = []
    for group in _by_community(ratings, order):
        counts = Counter(r.score.stars for r in group)
        rows.append(CommunityStars(group[0].community.name, tuple(counts[s] for s in levels),
                                   counts[0], sum(r.score.vetoed for r in group)))
    return tuple(rows)


def _names(buildings: Sequence[RatedBuilding], order: dict[str, int]) -> NameList:
    listed = []
    for group in _by_community(buildings, order):
        estates: dict[str, list[str]] = defaultdict(list)
        for r in group:
            estates[r.estate.name].append(r.building.name)
        listed.append((group[0].community.name, tuple(EstateNames(e, tuple(b)) for e, b in estates.items())))
    return tuple(listed)


# -- 最美人物 ---------------------------------------------------------------------
@dataclass(frozen=True)
class HonourDigest:
    """The honoured printed with their citation, and the names of the others per title."""

    in_full: tuple[tuple[PublicPerson, PublicHonour], ...]
    named: tuple[tuple[str, tuple[str, ...]], ...]
    """(honour title, names), for the honoured not printed in full."""


def honour_digest(honoured: Sequence[tuple[PublicPerson, PublicHonour]], limit: int) -> HonourDigest:
    """The first ``limit`` in full, chosen in turns across the honour titles."""
    chosen = share_out(honoured, lambda ph: ph[1].title, limit)
    named: dict[str, list[str]] = defaultdict(list)
    for i, (person, honour) in enumerate(honoured):
        if i not in chosen:
            named[honour.title].append(person.name)
    return HonourDigest(tuple(h for i, h in enumerate(honoured) if i in chosen),
                        tuple((title, tuple(names)) for title, names in named.items()))


# -- 议事成果 and 联席会议 --------------------------------------------------------------
@dataclass(frozen=True)
class MeetingDigest:
    """A kind of meeting in the month: the ones printed in full and the others by title."""

    in_full: tuple[MeetingOutcome, ...]
    others: Shortlist[MeetingOutcome]
    decisions: int
    """Decisions taken by all the month's meetings of this kind."""
    carried_out: int
    """Activities (落实) that came out of them by the end of the month."""

    @property
    def total(self) -> int:
        return len(self.in_full) + self.others.total

    @property
    def summarised(self) -> bool:
        return self.others.total > 0


def meeting_digest(outcomes: Sequence[MeetingOutcome], limits: Limits) -> MeetingDigest:
    """All of ``outcomes`` (in date order) in full up to ``limits.meetings_in_full``; above,
    the meetings that led to most activities, then most decisions, in date order."""
    ranked = sorted(range(len(outcomes)), key=lambda i: (
        -len(outcomes[i].activities), -len(outcomes[i].meeting.decisions), i))
    chosen = set(ranked[:limits.meetings_in_full])
    rest = [o for i, o in enumerate(outcomes) if i not in chosen]
    return MeetingDigest(
        in_full=tuple(o for i, o in enumerate(outcomes) if i in chosen),
        others=shortlist(rest, limits.meeting_titles),
        decisions=sum(len(o.meeting.decisions) for o in outcomes),
        carried_out=sum(len(o.activities) for o in outcomes),
    )


# -- the whole month --------------------------------------------------------------
@dataclass(frozen=True)
class Digest:
    """What each section of one month's bulletin prints (see :class:`Limits`)."""

    highlights: tuple[PublicActivity, ...]
    """Printed in full."""
    listed: tuple[PublicActivity, ...]
    """The month's other activities, listed (or summarised in :attr:`activities`)."""
    toc_highlights: tuple[PublicActivity, ...]
    activities: ActivityDigest | None
    ratings: RatingDigest | None
    honours: HonourDigest
    wishes: Shortlist[WishLine]
    deliberations: MeetingDigest
    joint_meetings: MeetingDigest
    solved: Shortlist[PublicProblem]
    list_items: Shortlist[ListEntry]

    @property
    def summarised(self) -> bool:
        """Whether any section prints a summary instead of every item."""
        return bool(
            self.activities or self.ratings or self.honours.named or self.wishes.rest
            or self.deliberations.summarised or self.joint_meetings.summarised
            or self.solved.rest or self.list_items.rest
        )

"""The public view: what the site, feeds, search, open data and bulletins may show.

Privacy is applied here, once. Renderers receive a :class:`PublicView` and never the raw
records, so a template cannot reach a phone number, an ID number, an address, a hardship
category, a non-public person or a photo without consent: those values are not in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import InitVar, dataclass, field
from functools import cached_property, partial
from typing import Any, Protocol, TypeVar

from markupsafe import Markup

from generator.model import figures as fig
from generator.model.base import month_of, source_of
from generator.model.content import TABLES, Content
from generator.model.events import Activity, Meeting, MicroWish
from generator.model.markup import render_markdown, text_of
from generator.model.organisation import Community, HelpGroup, Person
from generator.model.privacy import Masked, mask_name, mask_numbers, masked_content
from generator.model.ratings import BuildingScore, month_scores


@dataclass(frozen=True)
class Ref:
    """A link target: id and display name (the page is found from the kind)."""

    id: str
    name: str


@dataclass(frozen=True)
class PublicPhoto:
    """A photo cleared for publishing; ``file`` is relative to ``content/media/``."""

    file: str
    caption: str


@dataclass(frozen=True)
class Place:
    """Where something happened, down to 楼栋 at most (never a street address)."""

    community: Ref
    street: str = ""
    estate: Ref | None = None
    building: Ref | None = None

    @property
    def label(self) -> str:
        parts = [self.community.name, self.estate.name if self.estate else "",
                 self.building.name if self.building else ""]
        return "·".join(p for p in parts if p)


@dataclass(frozen=True)
class PublicActivity:
    id: str
    title: str
    date: dt.date
    type: str
    place: Place
    branch: str
    units: tuple[Ref, ...]
    groups: tuple[Ref, ...]
    others: tuple[str, ...]
    participants: int
    beneficiaries: int
    summary_html: Markup
    summary_text: str
    photos: tuple[PublicPhoto, ...]
    meeting: Ref | None
    wish: Ref | None
    people: tuple[Ref, ...]
    highlight: bool

    @property
    def month(self) -> str:
        """``YYYY-MM``."""
        return month_of(self.date)


@dataclass(frozen=True)
class PublicHonour:
    title: str
    month: str
    citation: str


@dataclass(frozen=True)
class PublicPerson:
    """A person cleared for the site; story and photo only with consent."""

    id: str
    name: str
    political_status: str
    place: Place
    organisation: str
    roles: tuple[str, ...]
    honours: tuple[PublicHonour, ...]
    service_hours: float
    story_html: Markup
    photo: PublicPhoto | None
    groups: tuple[Ref, ...]


@dataclass(frozen=True)
class PublicDecision:
    text: str
    owner: str


@dataclass(frozen=True)
class PublicProblem:
    text: str
    community: Ref | None
    unit: Ref | None
    status: str
    solved_date: dt.date | None


@dataclass(frozen=True)
class PublicMeeting:
    id: str
    kind: str
    title: str
    date: dt.date
    venue: str
    theme: str
    place: Place | None
    host: str
    attendees: int
    attendee_groups: tuple[str, ...]
    issues: tuple[str, ...]
    decisions: tuple[PublicDecision, ...]
    units: tuple[Ref, ...]
    communities: tuple[Ref, ...]
    problems: tuple[PublicProblem, ...]
    summary_html: Markup
    photos: tuple[PublicPhoto, ...]
    activities: tuple[Ref, ...]


@dataclass(frozen=True)
class PublicWishStep:
    status: str
    date: dt.date
    by: str
    by_ref: tuple[str, Ref] | None
    """(kind, ref) when the claimer has a public page: ``person``, ``unit`` or ``group``."""
    note: str


@dataclass(frozen=True)
class PublicWish:
    """A 微心愿 as the wall shows it: the wisher masked, private details absent."""

    id: str
    title: str
    text: str
    category: str
    wisher: str
    place: Place
    status: str
    timeline: tuple[PublicWishStep, ...]
    story_html: Markup
    photos: tuple[PublicPhoto, ...]
    activities: tuple[Ref, ...]


@dataclass(frozen=True)
class PublicListItem:
    title: str
    community: Ref
    status: str
    date: dt.date
    done_date: dt.date | None


@dataclass(frozen=True)
class PublicUnit:
    id: str
    name: str
    kind: str
    party_organisation: str
    communities: tuple[Ref, ...]
    members_reported: int
    needs: tuple[PublicListItem, ...]
    services: tuple[PublicListItem, ...]


@dataclass(frozen=True)
class PublicGroup:
    id: str
    name: str
    focus: str
    place: Place
    mission: str
    leader: Ref | None
    members: tuple[Ref, ...]
    member_count: int
    founded: dt.date | None


@dataclass(frozen=True)
class PublicBuilding:
    id: str
    name: str
    party_group: str
    center_households: int
    leader: Ref | None
    households: int


@dataclass(frozen=True)
class PublicEstate:
    id: str
    name: str
    branch: str
    households: int
    residents: int
    property_company: str
    property_branch: str
    buildings: tuple[PublicBuilding, ...]


@dataclass(frozen=True)
class PublicCommunity:
    id: str
    name: str
    street: str
    party_committee: str
    secretary: str
    households: int
    residents: int
    honours: tuple[str, ...]
    introduction_html: Markup
    estates: tuple[PublicEstate, ...]


@dataclass(frozen=True)
class RatedBuilding:
    """A :class:`BuildingScore` with the names a reader needs."""

    score: BuildingScore
    community: Ref
    estate: Ref
    building: Ref

    @property
    def page_id(self) -> str:
        return f"{self.community.id}-{self.estate.id}-{self.building.id}"


class RatedMonth(Sequence[RatedBuilding]):
    """One month's 星级 results, best first: as the view scored them, or as an earlier
    build kept them, read from the disk only when first asked for. A rebuild after an edit
    to an activity keys its pages by most months' results without reading their 2,000
    buildings (:mod:`generator.site.ratedcache` gives each month a digest); their number
    and the pages of their buildings are known without reading them too."""

    __slots__ = ("_items", "_load", "_count", "_page_ids", "_on_load")

    def __init__(self, items: list[RatedBuilding] | None = None, *,
                 load: Callable[[], list[RatedBuilding]] | None = None, count: int = 0,
                 page_ids: frozenset[str] | None = None) -> None:
        assert (items is None) != (load is None)
        self._items, self._load = items, load
        self._count, self._page_ids = count, page_ids
        self._on_load: Callable[[list[RatedBuilding]], None] | None = None

    @property
    def loaded(self) -> bool:
        """True once the results are in memory."""
        return self._items is not None

    def on_load(self, call: Callable[[list[RatedBuilding]], None]) -> None:
        """Call ``call`` with the results when they are read (now, if they are)."""
        if self._items is not None:
            call(self._items)
        else:
            self._on_load = call

    @property
    def page_ids(self) -> frozenset[str]:
        """The page ids of the month's buildings."""
        if self._page_ids is None:
            self._page_ids = frozenset(r.page_id for r in self._results())
        return self._page_ids

    def _results(self) -> list[RatedBuilding]:
        if self._items is None:
            assert self._load is not None
            self._items, self._load = self._load(), None
            if self._on_load is not None:
                call, self._on_load = self._on_load, None
                call(self._items)
        return self._items

    def __len__(self) -> int:
        return self._count if self._items is None else len(self._items)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self._results()[index]

    def __iter__(self) -> Iterator[RatedBuilding]:
        return iter(self._results())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RatedMonth) and self._results() == other._results()

    __hash__ = None  # type: ignore[assignment]

    def __fingerprint__(self) -> list[RatedBuilding]:
        """What stands for the month in page keys when no digest was given for it."""
        return self._results()

    def __reduce__(self) -> tuple[Any, ...]:
        return RatedMonth, (list(self._results()),)


SETTINGS = ("site", "scoring", "figures")

MADE_FROM: dict[str, frozenset[str]] = {
    "people": frozenset({"groups", "communities"}),
    "activities": frozenset({"meetings", "wishes", "communities", "units", "groups", "people"}),
    "meetings": frozenset({"communities", "units"}),
    "wishes": frozenset({"site", "people", "units", "groups", "communities"}),
    "ratings": frozenset({"ratings", "scoring", "communities"}),
    "communities": frozenset({"people"}),
    "units": frozenset({"communities"}),
    "groups": frozenset({"communities", "people"}),
}
"""What a public record is made from besides its own record (the activity links of
meetings and wishes are compared instead: see :meth:`PublicView._kept`); for
``ratings``, what a month's 星级 results are computed from."""

P = TypeVar("P")


class Stored(Protocol):
    """Public records kept by an earlier build: (kind, source key) → (the public record,
    its digest as page keys use it); see :meth:`PublicView.lend_stored`."""

    def get(self, key: tuple[str, str], /) -> tuple[Any, bytes] | None: ...


def _activity_title(a: Activity) -> str:
    """An activity's public title (its links from meetings and wishes show it too)."""
    return mask_numbers(a.title)


@dataclass
class PublicView:
    """Everything publishable, built once from the checked content.

    ``previous`` (``serve``: the view of the last build) lends its public records: one made
    from the very same record object, when nothing else it is made from changed, is used
    again instead of being made anew (records are read-only and shared between the loads
    of a session). The result is the same view either way; tests hold the two equal."""

    content: Content = field(repr=False)
    previous: InitVar[PublicView | None] = None

    def __post_init__(self, previous: PublicView | None) -> None:
        # private fields are emptied, and a phone number in a name, a 认领人 or the site's
        # description is masked too: nothing reached through ``content`` can leak them
        self._masked: Masked = {}
        self._made: dict[tuple[str, int], tuple[object, object]] = {}
        self._lent: dict[tuple[str, int], tuple[object, object]] = {}
        self._stored: Stored | None = None
        self._stored_code = b""
        self._sources: dict[str, bytes | None] = {}
        self._key_bases: dict[str, Any] = {}
        self._digest: Callable[[object], bytes | None] = self._lent_digest
        self.kept: dict[tuple[str, str], Any] = {}
        """With :meth:`lend_stored`: this view's public records by (kind, source key), to keep."""
        self.stored_digests: dict[int, tuple[object, bytes]] = {}
        """Public records lent by :meth:`lend_stored`, with their digests, by ``id``."""
        self.from_store: set[tuple[str, str]] = set()
        """The keys of :attr:`kept` whose value :meth:`lend_stored` lent."""
        self._places: dict[tuple[str, str | None, str | None], Place] = {}
        self.changed: frozenset[str] = frozenset((*TABLES, *SETTINGS))
        """What differs from ``previous`` (tables and settings; all of them without one)."""
        self.content = masked_content(self.content, known=previous._masked if previous else None,
                                      into=self._masked)
        self.lent_from_previous = previous is not None and previous.content.root == self.content.root
        """True if ``previous`` lent its records (:attr:`changed` then tells what differs)."""
        if self.lent_from_previous:
            assert previous is not None
            self.changed = _changed(previous.content, self.content)
            self._lent = previous._made
            if not self.changed & MADE_FROM["ratings"]:
                self._rated_months.update(previous._rated_months)

    def lent(self, kind: str) -> bool:
        """True if the previous view lent its ``kind`` (its 星级 results, for ``ratings``)."""
        return bool(self._lent) and not self.changed & MADE_FROM[kind]

    def forget_previous(self) -> None:
        """Drop what the previous view lent (once this view is complete)."""
        self._lent = {}

    def derived(self, name: str, value: Any, make: Callable[[Any], P],
                same: Callable[[P], bool] | None = None) -> P:
        """``make(value)`` for a record ``value`` of this view, made once (asked again, the
        same object comes back), or what the previous view's ``make`` of that name gave for
        the very same object (if ``same`` accepts it, when given). ``make`` must depend on
        nothing else (the open-data row of an activity, say)."""
        key = (name, id(value))
        found = self._made.get(key)
        if found is not None and found[0] is value:
            return found[1]  # type: ignore[no-any-return]
        lent = self._lent.get(key)
        usable = lent is not None and lent[0] is value and (same is None or same(lent[1]))
        made: Any = lent[1] if usable else make(value)  # type: ignore[index]
        self._made[key] = (value, made)
        return made  # type: ignore[no-any-return]

    @property
    def keeps_on_disk(self) -> bool:
        """Whether public records are kept in the cache folder (see :meth:`lend_stored`)."""
        return self._stored is not None

    def derived_run(self, name: str, values: Sequence[Any], make: Callable[[Sequence[Any]], P]) -> P:
        """``make(values)`` for a run of public records (the open-data lines of 256
        activities, say), kept on the disk with the public records under the digests of
        all of them (see :meth:`lend_stored`): an edited activity makes its run again,
        and the others come back whole. Without a store, made anew."""
        if self._stored is None:
            return make(values)
        hasher = hashlib.blake2b(self._stored_code, digest_size=16)
        hasher.update(f"{name}\0".encode())
        for value in values:
            digest = self._digest(value)
            if digest is None:
                return make(values)
            hasher.update(digest)
        return self._from_store((name, hasher.hexdigest()), make, values)[0]

    def lend_stored(self, stored: Stored, code: bytes) -> None:
        """Use public records kept by an earlier build (another process, where no record is
        the very same object). Each is found by its source key: a digest of ``code`` (what
        makes public records), the record's file and the files of every table it is made
        from (:data:`MADE_FROM`); a meeting's or wish's activity links are compared, as
        for ``previous``. A record without a file digest is always made anew. From now on
        :attr:`kept` collects this view's public records under their keys, and what
        :meth:`derived_run` makes of runs of them under their digests (see
        :meth:`digest_with`) and ``code``, which must cover those ``make`` functions too."""
        self._stored, self._stored_code = stored, code

    def _kept(self, kind: str, record: Any, make: Callable[[Any], P],
              same: Callable[[P], bool] | None = None) -> P:
        """:meth:`derived` for the public record of ``kind`` made from ``record``: lent only
        while nothing else it is made from (:data:`MADE_FROM`) changed."""
        found = self._made.get((kind, id(record)))  # made already: as derived() would find it
        if found is not None and found[0] is record:
            return found[1]  # type: ignore[return-value]
        if self._stored is not None:
            make = partial(self._stored_or_made, kind, make, same)
        if self.changed & MADE_FROM[kind]:
            return self.derived(kind, record, make, lambda _: False)
        return self.derived(kind, record, make, same)

    def _stored_or_made(self, kind: str, make: Callable[[Any], P], same: Callable[[P], bool] | None,
                        record: Any) -> P:
        key = self._source_key(kind, record)
        if key is None:
            return make(record)
        made, found = self._from_store((kind, key), make, record, same)
        if found is not None:
            self.stored_digests[id(made)] = found
        return made

    def digest_with(self, digest: Callable[[object], bytes | None]) -> None:
        """How to digest a public record this view made (as page keys do; ``None`` when
        it has no stable digest): what :meth:`derived_run` makes of it is then kept too."""
        self._digest = digest

    def _lent_digest(self, value: object) -> bytes | None:
        """The digest of a public record lent by the store (until :meth:`digest_with`)."""
        known = self.stored_digests.get(id(value))
        return known[1] if known is not None and known[0] is value else None

    def _from_store(self, key: tuple[str, str], make: Callable[[Any], P], value: Any,
                    same: Callable[[P], bool] | None = None) -> tuple[P, tuple[Any, bytes] | None]:
        """What the store keeps under ``key`` if ``same`` accepts it, else ``make(value)``,
        noted in :attr:`kept`; with what the store gave (``None`` if it was made)."""
        assert self._stored is not None
        found = self._stored.get(key)
        if found is not None and (same is None or same(found[0])):
            self.from_store.add(key)
        else:
            found = None
        made: P = found[0] if found is not None else make(value)
        self.kept[key] = made
        return made, found

    def _source_key(self, kind: str, record: Any) -> str | None:
        own = getattr(source_of(record), "digest", None)
        base = self._key_base(kind)
        if own is None or base is None:
            return None
        hasher = base.copy()
        hasher.update(f"{record.id}\0".encode())
        hasher.update(own)
        return hasher.hexdigest()

    def _key_base(self, kind: str) -> Any:
        """The digest of what every source key of ``kind`` starts with: the code, the kind
        and the files it is made from (``None`` if one has no digest)."""
        if kind not in self._key_bases:
            hasher = hashlib.blake2b(self._stored_code, digest_size=16)
            hasher.update(f"{kind}\0".encode())
            for name in sorted(MADE_FROM[kind]):
                table = self.source_digest(name)
                if table is None:
                    hasher = None
                    break
                hasher.update(table)
            self._key_bases[kind] = hasher
        return self._key_bases[kind]

    def source_digest(self, name: str) -> bytes | None:
        """A digest of the files of the table or settings record ``name`` (``None`` if one
        has no file digest), in table order."""
        if name not in self._sources:
            value = getattr(self.content, name)
            records = value.items() if name in TABLES else [(name, value)]
            hasher = hashlib.blake2b(digest_size=16)
            for key, record in records:
                digest = getattr(source_of(record), "digest", None)
                if digest is None:
                    self._sources[name] = None
                    break
                hasher.update(f"{key}\0".encode())
                hasher.update(digest)
            else:
                self._sources[name] = hasher.digest()
        return self._sources[name]

    # -- people ---------------------------------------------------------------
    def person_ref(self, person_id: str | None) -> Ref | None:
        """A link to a person, or ``None`` if the person is not public."""
        person = self.content.people.get(person_id or "")
        return Ref(person.id, person.name) if person and person.public else None

    @cached_property
    def people(self) -> list[PublicPerson]:
        """Public people, by name."""
        shown = [self._kept("people", p, self._person) for p in self.content.people.values() if p.public]
        return sorted(shown, key=lambda p: (p.name, p.id))

    def _person(self, p: Person) -> PublicPerson:
        groups = self._groups_of.get(p.id, ())
        photo = self._photo(p.photo) if p.consent else None
        return PublicPerson(
            id=p.id, name=p.name, political_status=p.political_status,
            place=self.place(p.community, p.estate, None), organisation=p.organisation,
            roles=tuple(p.roles),
            honours=tuple(PublicHonour(h.title, h.month, mask_numbers(h.citation)) for h in p.honours),
            service_hours=p.service_hours,
            story_html=render_markdown(p.story) if p.consent else Markup(""),
            photo=photo, groups=groups,
        )

    @cached_property
    def _groups_of(self) -> dict[str, tuple[Ref, ...]]:
        """帮帮团 by member (one pass over the groups, not one per person)."""
        found: dict[str, list[Ref]] = {}
        for g in self.content.groups.values():
            for member in dict.fromkeys(g.members):
                found.setdefault(member, []).append(Ref(g.id, g.name))
        return {member: tuple(refs) for member, refs in found.items()}

    # -- places ---------------------------------------------------------------
    def community_ref(self, community_id: str | None) -> Ref | None:
        c = self.content.communities.get(community_id or "")
        return Ref(c.id, c.name) if c else None

    def place(self, community_id: str, estate_id: str | None, building_id: str | None) -> Place:
        """Where something is, by name (looked up, not searched: 24,000 rated buildings ask)."""
        key = (community_id, estate_id, building_id)
        found = self._places.get(key)
        if found is None:
            c = self.content.communities[community_id]
            estate = self._estates.get((community_id, estate_id))
            building = self._buildings.get((community_id, estate_id, building_id)) if estate else None
            found = self._places[key] = Place(
                community=Ref(c.id, c.name), street=c.street,
                estate=Ref(estate.id, estate.name) if estate else None,
                building=Ref(building.id, building.name) if building else None,
            )
        return found

    @cached_property
    def _estates(self) -> dict[tuple[str, str | None], Any]:
        """Each community's 小区 by (community, 小区) id (the first of a repeated id, as a search would find)."""
        found: dict[tuple[str, str | None], Any] = {}
        for c in self.content.communities.values():
            for e in c.estates:
                found.setdefault((c.id, e.id), e)
        return found

    @cached_property
    def _buildings(self) -> dict[tuple[str, str | None, str | None], Any]:
        found: dict[tuple[str, str | None, str | None], Any] = {}
        for (community, estate_id), estate in self._estates.items():
            for b in estate.buildings:
                found.setdefault((community, estate_id, b.id), b)
        return found

    def _photo(self, photo) -> PublicPhoto | None:  # type: ignore[no-untyped-def]
        if photo is None or not photo.publishable:
            return None
        return PublicPhoto(photo.file, mask_numbers(photo.caption))

    def _photos(self, photos) -> tuple[PublicPhoto, ...]:  # type: ignore[no-untyped-def]
        return tuple(p for p in (self._photo(x) for x in photos) if p is not None)

    def _unit_ref(self, unit_id: str | None) -> Ref | None:
        u = self.content.units.get(unit_id or "")
        return Ref(u.id, u.name) if u else None

    def _group_ref(self, group_id: str | None) -> Ref | None:
        g = self.content.groups.get(group_id or "")
        return Ref(g.id, g.name) if g else None

    # -- activities -------------------------------------------------------------
    # Each activity is made public when first asked for, once: a bulletin of one month
    # needs that month's few hundred, not a city year's 5,000 (a second of Markdown).
    @cached_property
    def activities(self) -> list[PublicActivity]:
        """Every activity, newest first."""
        shown = [self._public_activity(a) for a in self.content.activities.values()]
        return sorted(shown, key=lambda a: (a.date, a.id), reverse=True)

    def _public_activity(self, a: Activity) -> PublicActivity:
        return self._kept("activities", a, self._activity)

    def _activity(self, a: Activity) -> PublicActivity:
        meeting = self.content.meetings.get(a.meeting or "")
        wish = self.content.wishes.get(a.wish or "")
        summary = render_markdown(a.summary)
        return PublicActivity(
            id=a.id, title=_activity_title(a), date=a.date, type=a.type,
            place=self.place(a.community, a.estate, a.building),
            branch=a.organisers.branch,
            units=tuple(r for r in map(self._unit_ref, a.organisers.units) if r),
            groups=tuple(r for r in map(self._group_ref, a.organisers.groups) if r),
            others=tuple(a.organisers.others),
            participants=a.participants, beneficiaries=a.beneficiaries,
            summary_html=summary, summary_text=text_of(summary),
            photos=self._photos(a.photos),
            meeting=Ref(meeting.id, meeting.title) if meeting else None,
            wish=Ref(wish.id, mask_numbers(wish.title)) if wish else None,
            people=tuple(r for r in map(self.person_ref, a.people) if r),
            highlight=a.highlight,
        )

    def activity(self, ident: str) -> PublicActivity:
        """The activity ``ident`` (``KeyError`` if there is none)."""
        return self._public_activity(self.content.activities[ident])

    def activities_in(self, month: str) -> list[PublicActivity]:
        """The month's activities in date order."""
        return [self._public_activity(a) for a in self.content.activities_in(month)]

    def _activities_for(self, attr: str, ident: str) -> tuple[Ref, ...]:
        return self._activities_by[attr].get(ident, ())

    @cached_property
    def _activities_by(self) -> dict[str, dict[str, tuple[Ref, ...]]]:
        """Activity links by meeting and by wish, in date order (one pass over the
        activity records, none made public for it)."""
        found: dict[str, dict[str, list[Ref]]] = {"meeting": {}, "wish": {}}
        tables = {"meeting": self.content.meetings, "wish": self.content.wishes}
        for a in sorted(self.content.activities.values(), key=lambda a: (a.date, a.id)):
            for attr, by in found.items():
                if (link := getattr(a, attr)) and link in tables[attr]:
                    by.setdefault(link, []).append(Ref(a.id, _activity_title(a)))
        return {attr: {k: tuple(v) for k, v in by.items()} for attr, by in found.items()}

    # -- meetings ---------------------------------------------------------------
    @cached_property
    def meetings(self) -> list[PublicMeeting]:
        """Every meeting, newest first."""
        shown = [self._kept("meetings", m, self._meeting,
                            lambda made, m=m: made.activities == self._activities_for("meeting", m.id))
                 for m in self.content.meetings.values()]
        return sorted(shown, key=lambda m: (m.date, m.id), reverse=True)

    def _meeting(self, m: Meeting) -> PublicMeeting:
        return PublicMeeting(
            id=m.id, kind=m.kind, title=m.title, date=m.date, venue=m.venue, theme=m.theme,
            place=self.place(m.community, m.estate, None) if m.community else None,
            host=m.host, attendees=m.attendees, attendee_groups=tuple(m.attendee_groups),
            issues=tuple(mask_numbers(i) for i in m.issues),
            decisions=tuple(PublicDecision(mask_numbers(d.text), d.owner) for d in m.decisions),
            units=tuple(r for r in map(self._unit_ref, m.units) if r),
            communities=tuple(r for r in map(self.community_ref, m.communities) if r),
            problems=tuple(
                PublicProblem(mask_numbers(p.text), self.community_ref(p.community),
                              self._unit_ref(p.unit), p.status, p.solved_date)
                for p in m.problems
            ),
            summary_html=render_markdown(m.summary), photos=self._photos(m.photos),
            activities=self._activities_for("meeting", m.id),
        )

    # -- wishes -----------------------------------------------------------------
    @cached_property
    def wishes(self) -> list[PublicWish]:
        """Every wish, most recently changed first."""
        shown = [self._kept("wishes", w, self._wish,
                            lambda made, w=w: made.activities == self._activities_for("wish", w.id))
                 for w in self.content.wishes.values()]
        return sorted(shown, key=lambda w: (w.timeline[-1].date, w.id), reverse=True)

    def _wish(self, w: MicroWish) -> PublicWish:
        style = self.content.site.wisher_name_style
        return PublicWish(
            id=w.id, title=mask_numbers(w.title), text=mask_numbers(w.text), category=w.category,
            wisher=mask_name(w.wisher.name, style, w.wisher.gender),
            place=self.place(w.community, w.estate, w.building), status=w.status,
            timeline=tuple(self._step(s) for s in w.timeline),
            story_html=render_markdown(w.story), photos=self._photos(w.photos),
            activities=self._activities_for("wish", w.id),
        )

    def _step(self, step) -> PublicWishStep:  # type: ignore[no-untyped-def]
        person = self.content.people.get(step.by_person or "")
        by_ref: tuple[str, Ref] | None = None
        if person is not None:
            ref = self.person_ref(person.id)
            # a non-public claimer is named by surname only, like the wisher
            name = person.name if ref else mask_name(person.name, "stars", None)
            by_ref = ("person", ref) if ref else None
        elif step.by_unit and (unit := self._unit_ref(step.by_unit)):
            name, by_ref = unit.name, ("unit", unit)
        elif step.by_group and (group := self._group_ref(step.by_group)):
            name, by_ref = group.name, ("group", group)
        else:
            name = step.by_name
        return PublicWishStep(step.status, step.date, name, by_ref, mask_numbers(step.note))

    # -- organisations ----------------------------------------------------------
    @cached_property
    def units(self) -> list[PublicUnit]:
        return [self._kept("units", u, self._unit) for _, u in sorted(self.content.units.items())]

    def _unit(self, u) -> PublicUnit:  # type: ignore[no-untyped-def]
        def items(entries) -> tuple[PublicListItem, ...]:  # type: ignore[no-untyped-def]
            return tuple(
                PublicListItem(mask_numbers(i.title), self.community_ref(i.community),  # type: ignore[arg-type]
                               i.status, i.date, i.done_date)
                for i in entries
            )

        return PublicUnit(
            id=u.id, name=u.name, kind=u.kind, party_organisation=u.party_organisation,
            communities=tuple(r for r in map(self.community_ref, u.communities) if r),
            members_reported=u.members_reported, needs=items(u.needs), services=items(u.services),
        )

    @cached_property
    def groups(self) -> list[PublicGroup]:
        return [self._kept("groups", g, self._group) for _, g in sorted(self.content.groups.items())]

    def _group(self, g: HelpGroup) -> PublicGroup:
        return PublicGroup(
            id=g.id, name=g.name, focus=g.focus, place=self.place(g.community, g.estate, None),
            mission=mask_numbers(g.mission), leader=self.person_ref(g.leader),
            members=tuple(r for r in map(self.person_ref, g.members) if r),
            member_count=len(g.members), founded=g.founded,
        )

    @cached_property
    def communities(self) -> list[PublicCommunity]:
        return [self._kept("communities", c, self._community) for _, c in sorted(self.content.communities.items())]

    def _community(self, c: Community) -> PublicCommunity:
        estates = tuple(
            PublicEstate(
                e.id, e.name, e.branch, e.households, e.residents, e.property_company, e.property_branch,
                tuple(PublicBuilding(b.id, b.name, b.party_group, b.center_households,
                                     self.person_ref(b.leader), b.households) for b in e.buildings),
            )
            for e in c.estates
        )
        return PublicCommunity(
            id=c.id, name=c.name, street=c.street, party_committee=c.party_committee,
            secretary=c.secretary, households=c.households, residents=c.residents,
            honours=tuple(c.honours), introduction_html=render_markdown(c.introduction),
            estates=estates,
        )

    # -- ratings and figures ----------------------------------------------------
    def rated(self, month: str) -> list[RatedBuilding]:
        """The month's buildings with scores and stars, best first (scored once per view:
        the site, open data and bulletins all ask; a copy, so callers may sort it)."""
        return list(self.rated_month(month))

    def rated_month(self, month: str) -> RatedMonth:
        """The month's results as one object (the same each time it is asked for), to key
        pages by without reading them."""
        found = self._rated_months.get(month)
        if found is None:
            found = self._rated_months[month] = RatedMonth(self._score(month))
        return found

    def remember_stored_rated(self, month: str, load: Callable[[], list[RatedBuilding] | None], count: int,
                              page_ids: frozenset[str]) -> None:
        """Use what ``load`` reads, when first asked for, as the month's results: what an
        earlier build computed from the same rating sheets, rules and organisation (``count``
        of them, for the buildings of ``page_ids``); if it finds none (a damaged store), the
        month is scored after all."""
        def results() -> list[RatedBuilding]:
            found = load()
            return self._score(month) if found is None else found

        self._rated_months[month] = RatedMonth(load=results, count=count, page_ids=page_ids)

    def _score(self, month: str) -> list[RatedBuilding]:
        return [self._rated(s) for s in month_scores(self.content, month)]

    @cached_property
    def _rated_months(self) -> dict[str, RatedMonth]:
        return {}

    def _rated(self, score: BuildingScore) -> RatedBuilding:
        place = self.place(score.community, score.estate, score.building)
        assert place.estate is not None and place.building is not None
        return RatedBuilding(score, place.community, place.estate, place.building)

    @cached_property
    def rating_months(self) -> list[str]:
        """Months with rating sheets, oldest first."""
        return sorted({r.month for r in self.content.ratings.values()})

    @cached_property
    def months(self) -> list[str]:
        """Months with any dated record, oldest first (worked out once per view)."""
        return self.content.months()

    @property
    def site(self):  # type: ignore[no-untyped-def]
        """Site settings (all public by design: names, filing numbers, distribution)."""
        return self.content.site

    @property
    def scoring(self):  # type: ignore[no-untyped-def]
        return self.content.scoring

    def figures(self) -> dict[str, list[fig.Figure]]:
        """Key figure groups as shown on the home page and 组织体系 (worked out once per
        view; a copy, so callers may change it)."""
        return {group: list(figures) for group, figures in self._figures.items()}

    @cached_property
    def _figures(self) -> dict[str, list[fig.Figure]]:
        return {
            "grid": fig.grid_figures(self.content),
            "work": fig.work_figures(self.content),
            "pairing": fig.pairing_figures(self.content),
            "people": fig.people_figures(self.content),
            "declared": fig.declared_figures(self.content),
        }

    def month_figures(self, month: str) -> list[fig.Figure]:
        return fig.work_figures(self.content, month, self._records_by_month)

    @cached_property
    def _records_by_month(self) -> fig.ByMonth:
        return fig.by_month(self.content)

    def wish_progress(self) -> dict[str, int]:
        return fig.wish_progress(self.content)

    def honoured_in(self, month: str) -> list[tuple[PublicPerson, PublicHonour]]:
        """Public people honoured in ``month`` with the honour, by title then name."""
        return list(self._honoured_by_month.get(month, ()))

    @cached_property
    def _honoured_by_month(self) -> dict[str, list[tuple[PublicPerson, PublicHonour]]]:
        found: dict[str, list[tuple[PublicPerson, PublicHonour]]] = {}
        for p in self.people:
            for h in p.honours:
                found.setdefault(h.month, []).append((p, h))
        return {month: sorted(pairs, key=lambda ph: (ph[1].title, ph[0].name)) for month, pairs in found.items()}

    def meetings_in(self, month: str) -> list[PublicMeeting]:
        """The month's meetings, newest first (as :attr:`meetings`)."""
        return list(self._meetings_by_month.get(month, ()))

    @cached_property
    def _meetings_by_month(self) -> dict[str, list[PublicMeeting]]:
        found: dict[str, list[PublicMeeting]] = {}
        for m in self.meetings:
            found.setdefault(m.date.isoformat()[:7], []).append(m)
        return found


def _changed(before: Content, now: Content) -> frozenset[str]:
    """The tables and settings of ``now`` that are not record for record (by identity) those of ``before``."""
    changed = {name for name in SETTINGS if getattr(before, name) is not getattr(now, name)}
    for name in TABLES:
        old, new = getattr(before, name), getattr(now, name)
        if len(old) != len(new) or any(a != b or old[a] is not new[b] for a, b in zip(old, new, strict=True)):
            changed.add(name)
    return frozenset(changed)

"""Names staff write in cells (载云桥社区, 天润小区, 3号楼, 林晓芳) → the ids records use.

A cell may hold the id or the name; ``载云桥`` finds 载云桥社区 and ``3栋`` finds 3号楼. A
name shared by two records, or one that matches nothing, is an error that lists the
candidates or suggests the nearest name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from generator.importing.problems import CellError
from generator.load.messages import did_you_mean
from generator.model.content import Content
from generator.model.organisation import Community

_SUFFIXES = {
    "社区": ("社区",),
    "小区": ("小区", "片区"),
    "楼栋": ("号楼", "栋", "幢", "号", "楼", "座"),
}


class UnknownName(CellError):
    """No record has this id or name."""


class AmbiguousName(CellError):
    """Several records share this name: the id must be written instead."""


@dataclass(frozen=True)
class Named:
    """A record (or 小区/楼栋) as it can be named in a cell."""

    id: str
    name: str
    where: str = ""


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _core(text: str, label: str) -> str:
    text = _norm(text)
    for suffix in _SUFFIXES.get(label, ()):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def find(text: str, entries: Iterable[Named], label: str) -> str:
    """The id of the one entry named (or numbered) ``text``; :class:`CellError` otherwise."""
    entries = list(entries)
    wanted = _norm(text)
    if any(entry.id == wanted.lower() for entry in entries):
        return wanted.lower()
    key = _core(wanted, label)
    hits = [e for e in entries if _core(e.name, label) == key]
    if not hits and len(key) >= 2 and label not in ("楼栋", "人物"):
        hits = [e for e in entries if key in _norm(e.name)]  # 财政局 → 邵武市财政局
    if len({e.id for e in hits}) == 1:
        return hits[0].id
    if hits:
        listed = "、".join(f"{e.id}（{e.name}{'，' + e.where if e.where else ''}）" for e in hits[:6])
        raise AmbiguousName(f"有 {len(hits)} 个{label}都叫“{text}”：{listed}，请改填编号")
    if not entries:
        raise UnknownName(f"找不到{label}“{text}”：内容文件夹中还没有任何{label}")
    hint = did_you_mean(wanted, [e.name for e in entries]) or did_you_mean(wanted, [e.id for e in entries])
    raise UnknownName(f"找不到{label}“{text}”{hint}")


class Directory:
    """Looks up communities, 小区, 楼栋, people, units, groups, meetings, wishes and the
    scoring rules' criteria and vetoes of one content folder."""

    def __init__(self, content: Content) -> None:
        self.content = content

    def community(self, text: str) -> str:
        entries = (Named(i, c.name) for i, c in self.content.communities.items())
        return find(text, entries, "社区")

    def estate(self, community: str, text: str) -> str:
        grid = self.content.communities[community]
        return find(text, (Named(e.id, e.name) for e in grid.estates), "小区")

    def building(self, community: str, estate: str | None, text: str) -> tuple[str, str]:
        """(小区 id, 楼栋 id); without a 小区 the 楼栋 is searched in the whole community."""
        grid = self.content.communities[community]
        estates = [e for e in grid.estates if estate is None or e.id == estate]
        entries = [Named(f"{e.id}/{b.id}", b.name, e.name) for e in estates for b in e.buildings]
        by_id = [n for n in entries if n.id.split("/")[1] == _norm(text).lower()]
        if len(by_id) == 1:
            return tuple(by_id[0].id.split("/"))  # type: ignore[return-value]
        if estate is None and len(by_id) > 1:
            raise AmbiguousName(f"{grid.name}有 {len(by_id)} 个小区都有楼栋“{text}”，请同时填写小区")
        place = grid.name if estate is None else estates[0].name if estates else grid.name
        try:
            found = find(text, entries, "楼栋")
        except UnknownName as exc:
            names = "、".join(n.name for n in entries[:12])
            raise UnknownName(f"{place}没有楼栋“{text}”" + (f"（现有：{names}）" if names else "")) from exc
        return tuple(found.split("/"))  # type: ignore[return-value]

    def person(self, text: str) -> str:
        return find(text, (Named(i, p.name, self._community_name(p.community))
                           for i, p in self.content.people.items()), "人物")

    def unit(self, text: str) -> str:
        return find(text, (Named(i, u.name) for i, u in self.content.units.items()), "结对单位")

    def group(self, text: str) -> str:
        return find(text, (Named(i, g.name) for i, g in self.content.groups.items()), "帮帮团")

    def meeting(self, text: str) -> str:
        return find(text, (Named(i, m.title, m.date.isoformat()) for i, m in self.content.meetings.items()), "会议")

    def wish(self, text: str) -> str:
        return find(text, (Named(i, w.title) for i, w in self.content.wishes.items()), "微心愿")

    def criterion(self, text: str) -> str:
        return find(text, (Named(c.id, c.name) for c in self.content.scoring.criteria), "考核指标")

    def veto(self, text: str) -> str:
        return find(text, (Named(v.id, v.name) for v in self.content.scoring.vetoes), "否决事项")

    def claimer(self, text: str) -> tuple[str, str]:
        """Who claimed a wish: (``by_person``/``by_unit``/``by_group``, id), or
        (``by_name``, text) for someone without a record."""
        for field, lookup in (("by_person", self.person), ("by_unit", self.unit), ("by_group", self.group)):
            try:
                return field, lookup(text)
            except UnknownName:
                continue
        return "by_name", text

    def _community_name(self, ident: str) -> str:
        grid: Community | None = self.content.communities.get(ident)
        return grid.name if grid else ident

    def example_place(self) -> tuple[str, str, str]:
        """Names of a community, 小区 and 楼栋 that exist (for template examples)."""
        for grid in self.content.communities.values():
            for estate in grid.estates:
                if estate.buildings:
                    return grid.name, estate.name, estate.buildings[0].name
        first = next(iter(self.content.communities.values()), None)
        return (first.name if first else "", "", "")

    def community_names(self) -> list[str]:
        return [c.name for c in self.content.communities.values()]

    def estate_names(self) -> list[str]:
        return sorted({e.name for c in self.content.communities.values() for e in c.estates})

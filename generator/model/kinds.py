"""Where each record kind lives under ``content/`` and which model reads it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pydantic import BaseModel

from generator.model.base import Record
from generator.model.events import Activity, Meeting, MicroWish, RatingSheet
from generator.model.organisation import Community, HelpGroup, PairedUnit, Person
from generator.model.settings import DeclaredFigures, ScoringRules, SiteSettings


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its name, Chinese label, model and file layout."""

    name: str
    label: str
    model: type[Record]
    folder: str
    pattern: str
    layout: str
    single: bool = False
    required: bool = False

    def match(self, relative: str) -> re.Match[str] | None:
        """Match a content-relative POSIX path against this kind's layout."""
        return _compiled(self.pattern).fullmatch(relative)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_DATE = r"(?P<date>\d{4}-\d{2}-\d{2})"
_ID = r"[a-z0-9][a-z0-9-]*"

KINDS: tuple[RecordKind, ...] = (
    RecordKind("site", "站点设置", SiteSettings, "", r"site\.yml", "site.yml", True, True),
    RecordKind("scoring", "考核细则", ScoringRules, "", r"scoring\.yml", "scoring.yml", True, True),
    RecordKind("figures", "公布数字", DeclaredFigures, "", r"figures\.yml", "figures.yml", True),
    RecordKind(
        "community", "社区", Community, "communities",
        rf"communities/(?P<id>{_ID})\.yml", "communities/<编号>.yml",
    ),
    RecordKind("unit", "结对单位", PairedUnit, "units", rf"units/(?P<id>{_ID})\.yml", "units/<编号>.yml"),
    RecordKind("group", "帮帮团", HelpGroup, "groups", rf"groups/(?P<id>{_ID})\.yml", "groups/<编号>.yml"),
    RecordKind("person", "人物", Person, "people", rf"people/(?P<id>{_ID})\.yml", "people/<编号>.yml"),
    RecordKind(
        "meeting", "会议", Meeting, "meetings",
        rf"meetings/(?P<year>\d{{4}})/(?P<id>{_DATE}-{_ID})\.yml",
        "meetings/<年>/<YYYY-MM-DD>-<编号>.yml",
    ),
    RecordKind(
        "activity", "活动", Activity, "activities",
        rf"activities/(?P<year>\d{{4}})/(?P<month>\d{{2}})/(?P<id>{_DATE}-{_ID})\.yml",
        "activities/<年>/<月>/<YYYY-MM-DD>-<编号>.yml",
    ),
    RecordKind(
        "rating", "星级楼栋评分", RatingSheet, "ratings",
        rf"ratings/(?P<month>\d{{4}}-\d{{2}})/(?P<id>{_ID})\.yml",
        "ratings/<YYYY-MM>/<社区编号>.yml",
    ),
    RecordKind(
        "wish", "微心愿", MicroWish, "wishes",
        rf"wishes/(?P<year>\d{{4}})/(?P<id>{_ID})\.yml", "wishes/<年>/<编号>.yml",
    ),
)

KINDS_BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
KINDS_BY_FOLDER: dict[str, RecordKind] = {kind.folder: kind for kind in KINDS if kind.folder}
MEDIA_FOLDER = "media"


def kind_for_model(model: type[BaseModel]) -> RecordKind:
    """The kind whose model is ``model``."""
    return next(kind for kind in KINDS if kind.model is model)

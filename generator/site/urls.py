"""Where every page lives, and relative links between pages.

All URLs are directory style (``activities/<id>/``) and relative to the site root; a
:class:`Linker` turns them into links relative to the page being rendered, so the site
works under any sub-path (``https://example.cn/jinlin/``) and from a local folder served
by any web server.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from generator.model.public import Ref

SECTIONS: tuple[tuple[str, str], ...] = (
    ("首页", ""),
    ("活动", "activities/"),
    ("星级楼栋", "stars/"),
    ("心愿墙", "wishes/"),
    ("议事厅", "meetings/"),
    ("人物", "people/"),
    ("组织体系", "organisation/"),
    ("结对共建", "pairing/"),
    ("帮帮团", "groups/"),
    ("工作简报", "bulletins/"),
    ("开放数据", "data/"),
)
"""Top-level sections in menu order: (title, url)."""

_RECORD_URLS = {
    "activity": "activities/{}/",
    "person": "people/{}/",
    "wish": "wishes/{}/",
    "meeting": "meetings/{}/",
    "community": "organisation/{}/",
    "unit": "pairing/{}/",
    "group": "groups/{}/",
    "building": "stars/building/{}/",
    "bulletin": "bulletins/{}/",
}

# ASCII slugs keep shared links readable in WeChat (no %E5%BF%97… in the address bar)
_TYPE_SLUGS = {
    "志愿服务": "volunteer", "走访慰问": "visits", "环境整治": "environment", "文体活动": "culture",
    "议事协商": "deliberation", "便民服务": "services", "矛盾调解": "mediation",
    "宣传教育": "education", "人口普查": "census", "结对共建": "pairing", "关爱帮扶": "care",
    "评星评优": "awards",
}


def record_url(kind: str, ident: str) -> str:
    """Root-relative URL of one record page, e.g. ``activities/2026-08-15-x/``."""
    return _RECORD_URLS[kind].format(ident)


@lru_cache(maxsize=64)
def type_slug(activity_type: str) -> str:
    """ASCII slug of an activity type (pinyin for types added later)."""
    if activity_type in _TYPE_SLUGS:
        return _TYPE_SLUGS[activity_type]
    from pypinyin import lazy_pinyin  # lazy: large dictionaries

    return "-".join(lazy_pinyin(activity_type)) or "other"


def page_url(base: str, number: int) -> str:
    """URL of page ``number`` of a paginated listing at ``base``."""
    return base if number <= 1 else f"{base}page/{number}/"


def src_uri(url: str) -> str:
    """The generated Markdown file behind a directory URL (``a/b/`` → ``a/b/index.md``)."""
    return f"{url}index.md"


@dataclass(frozen=True)
class Linker:
    """Links from the page at ``here`` (a root-relative directory URL) to anywhere."""

    here: str

    @cached_property
    def root(self) -> str:
        """Relative path from this page to the site root (``./`` on the home page)."""
        depth = self.here.count("/")
        return "../" * depth if depth else "./"

    def to(self, url: str) -> str:
        """Relative link to a root-relative ``url`` (a page or a file)."""
        if url == self.here:
            return "./"
        return self.root + url if self.here else (url or "./")

    def record(self, kind: str, ident: str) -> str:
        return self.to(record_url(kind, ident))

    def ref(self, kind: str, ref: Ref) -> str:
        return self.record(kind, ref.id)

    def activity(self, ident: str) -> str:
        return self.record("activity", ident)

    def person(self, ident: str) -> str:
        return self.record("person", ident)

    def wish(self, ident: str) -> str:
        return self.record("wish", ident)

    def meeting(self, ident: str) -> str:
        return self.record("meeting", ident)

    def community(self, ident: str) -> str:
        return self.record("community", ident)

    def unit(self, ident: str) -> str:
        return self.record("unit", ident)

    def group(self, ident: str) -> str:
        return self.record("group", ident)

    def building(self, page_id: str) -> str:
        return self.record("building", page_id)

    def month(self, month: str) -> str:
        """Activities of one month."""
        return self.to(f"activities/month/{month}/")

    def activity_type(self, activity_type: str) -> str:
        return self.to(f"activities/type/{type_slug(activity_type)}/")

    def community_activities(self, ident: str) -> str:
        return self.to(f"activities/community/{ident}/")

    def stars_month(self, month: str) -> str:
        return self.to(f"stars/{month}/")

    def stars_community(self, ident: str) -> str:
        return self.to(f"stars/community/{ident}/")

    def honours(self, month: str) -> str:
        return self.to(f"people/honours/{month}/")

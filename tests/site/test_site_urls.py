"""URLs: relative links work from any page depth and under any sub-path."""

from __future__ import annotations

import posixpath

import pytest

from generator.model.events import ActivityType
from generator.site.urls import Linker, page_url, record_url, src_uri, type_slug


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("", "activities/", "activities/"),
    ("", "", "./"),
    ("activities/", "people/x/", "../people/x/"),
    ("activities/2026-08-15-x/", "", "../../"),
    ("stars/building/a-b-c/", "media/ab-480.jpg", "../../../media/ab-480.jpg"),
    ("people/x/", "people/x/", "./"),
])
def test_links_are_relative(here: str, target: str, expected: str) -> None:
    assert Linker(here).to(target) == expected


def test_relative_link_resolves_to_the_target() -> None:
    here, target = "activities/month/2026-09/page/2/", "wishes/radio/"
    link = Linker(here).to(target)
    assert posixpath.normpath(posixpath.join("/sub/" + here, link)) + "/" == "/sub/" + target


def test_every_activity_type_has_a_distinct_ascii_slug() -> None:
    from typing import get_args

    slugs = [type_slug(t) for t in get_args(ActivityType)]
    assert len(set(slugs)) == len(slugs)
    assert all(s.isascii() and s for s in slugs)


def test_unknown_type_falls_back_to_pinyin() -> None:
    assert type_slug("邻里节") == "lin-li-jie"


def test_record_and_page_urls() -> None:
    assert record_url("activity", "2026-08-15-x") == "activities/2026-08-15-x/"
    assert page_url("activities/", 1) == "activities/"
    assert page_url("activities/", 3) == "activities/page/3/"
    assert src_uri("") == "index.md"
    assert src_uri("wishes/radio/") == "wishes/radio/index.md"

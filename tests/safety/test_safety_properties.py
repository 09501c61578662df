"""Property tests over whole content folders: random bytes or random YAML in any record file
never crash the loader (the file is named in a located problem), and hostile text in any
text field never becomes markup in any generated page."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetytools import ROOT, audit_html, theme_scripts

from generator.model.public import PublicView
from generator.project import load_content, require_content
from generator.site.context import SiteContext
from generator.site.pages import generate_pages

MINI = ROOT / "tests" / "fixtures" / "mini"
RECORDS = sorted(str(p.relative_to(MINI)) for p in MINI.rglob("*.yml"))


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("properties") / "content"
    shutil.copytree(MINI, target)
    return target


@contextmanager
def _replaced(file: Path, data: bytes) -> Iterator[None]:
    original = file.read_bytes()
    file.write_bytes(data)
    try:
        yield
    finally:
        file.write_bytes(original)


def _check_loads(content_dir: Path, relative: str) -> None:
    content, problems = load_content(content_dir, "content", cache_dir=None)
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)
    assert content is not None or any(p.is_error for p in problems)
    if content is None or relative not in _loaded(content):
        assert any(p.path == f"content/{relative}" for p in problems), (relative, problems[:3])


def _loaded(content) -> set[str]:  # type: ignore[no-untyped-def]
    return {r._source.path.removeprefix("content/") for r in _records(content) if r._source is not None}


def _records(content) -> list:  # type: ignore[no-untyped-def]
    records = [content.site, content.scoring, content.figures]
    for table in (content.communities, content.units, content.groups, content.people, content.meetings,
                  content.activities, content.ratings, content.wishes):
        records.extend(table.values())
    return records


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(relative=st.sampled_from(RECORDS), raw=st.binary(max_size=300))
def test_random_bytes_in_any_record_file_never_crash_the_loader(content_dir: Path, relative: str,
                                                                raw: bytes) -> None:
    with _replaced(content_dir / relative, raw):
        _check_loads(content_dir, relative)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["../../etc/passwd", "/etc/passwd", "a\x00b", "2026-13-45", "tianrun-demo", "1", "完成"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)
KEYS = ["title", "name", "date", "type", "community", "estate", "building", "photos", "photo", "file", "timeline",
        "status", "by_person", "wisher", "buildings", "inspections", "scores", "criteria", "estates", "people",
        "members", "leader", "month", "bulletin", "honours", "summary", "story", "public", "consent", "veto"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(relative=st.sampled_from(RECORDS),
       data=st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), VALUES, max_size=8))
def test_random_yaml_in_any_record_file_never_crashes_the_loader(content_dir: Path, relative: str,
                                                                 data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    with _replaced(content_dir / relative, text.encode("utf-8")):
        _check_loads(content_dir, relative)


HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[点](javascript:alert(1))", "\"'><svg onload=x>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<iframe src=//evil></iframe>",
    "jav&#x09;ascript:alert(1)", "{{ 7*7 }}{% raw %}", "&lt;script&gt;", "\u202e\u200b", "</textarea></title><b>",
    "<style>*{}</style>", "]]><![CDATA[", "<!--", "-->", "`<script>`", "<<script>script>", "13812345678",
])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=12)), min_size=1, max_size=5).map("".join).filter(str.strip)


def _fill(content, text: str) -> None:  # type: ignore[no-untyped-def]
    """``text`` in every kind of text field (assigned after validation: lengths are not the point)."""
    for record in _records(content):
        record._source.may_hold_numbers = True  # the file's text no longer tells
    site = content.site
    site.name = site.description = site.publisher = site.icp = site.police_record = text
    site.bulletin.title = site.bulletin.issuer = text
    content.scoring.criteria[0].name = content.scoring.criteria[0].description = text
    for community in content.communities.values():
        community.name = community.street = community.secretary = community.introduction = text
        community.honours = [text]
        for estate in community.estates:
            estate.name = estate.branch = estate.property_company = text
            for building in estate.buildings:
                building.name = building.party_group = text
    for unit in content.units.values():
        unit.name = unit.party_organisation = text
        for item in (*unit.needs, *unit.services):
            item.title = text
    for group in content.groups.values():
        group.name = group.mission = text
    for person in content.people.values():
        person.name = person.organisation = person.story = text
        for honour in person.honours:
            honour.citation = text
    for meeting in content.meetings.values():
        meeting.title = meeting.theme = meeting.host = meeting.summary = text
        meeting.issues = meeting.attendee_groups = [text]
        for decision in meeting.decisions:
            decision.text = decision.owner = text
    for activity in content.activities.values():
        activity.title = activity.summary = activity.organisers.branch = text
        activity.organisers.others = [text]
        for photo in activity.photos:
            photo.caption = text
    for wish in content.wishes.values():
        wish.title = wish.text = wish.story = text
        for step in wish.timeline:
            step.note = step.by_name = text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_hostile_text_in_any_field_never_becomes_markup(tmp_path_factory: pytest.TempPathFactory,
                                                        text: str) -> None:
    content, _ = require_content(MINI, cache_dir=None)
    _fill(content, text)
    ctx = SiteContext.create(PublicView(content), tmp_path_factory.getbasetemp() / "pages-cache")
    allowed = theme_scripts()
    for page in generate_pages(ctx):
        assert not audit_html(page.body, allowed), (page.url, text)
        assert "13812345678" not in page.body + page.title + page.description

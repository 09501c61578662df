"""Open data and feed: only public fields, readable by Excel and feed readers."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.public import PublicView
from generator.site.feed import atom_feed
from generator.site.opendata import datasets

ATOM = "{http://www.w3.org/2005/Atom}"
PRIVATE = ("13800001234", "13912345678", "13700001111", "陈秀英", "李明", "赵隐名", "hardship",
           "天润小区1号楼301")


def test_csv_has_bom_chinese_headers_and_every_row(site_view: PublicView) -> None:
    tables = {t.name: t for t in datasets(site_view)}
    data = tables["activities"].csv_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "标题", "日期"]
    assert len(rows) == 1 + len(site_view.activities)


def test_json_lists_fields_and_records(site_view: PublicView) -> None:
    table = next(t for t in datasets(site_view) if t.name == "wishes")
    payload = json.loads(table.json_bytes())
    assert payload["fields"]["wisher"] == "心愿人"
    assert {r["wisher"] for r in payload["records"]} >= {"陈**", "欧阳*"}


def test_no_private_detail_in_any_dataset(site_view: PublicView) -> None:
    for table in datasets(site_view):
        text = table.csv_bytes().decode("utf-8-sig") + table.json_bytes().decode()
        for secret in PRIVATE:
            assert secret not in text, (table.name, secret)


def test_atom_feed_parses_with_absolute_links(site_view: PublicView) -> None:
    root = ET.fromstring(atom_feed(site_view, "https://jinlin.example.cn/"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(site_view.activities)
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"https://jinlin.example.cn/activities/{site_view.activities[0].id}/"


def test_atom_feed_without_address_uses_tag_ids(site_view: PublicView) -> None:
    root = ET.fromstring(atom_feed(site_view, "", limit=2))
    assert len(root.findall(f"{ATOM}entry")) == 2
    assert root.find(f"{ATOM}id").text.startswith("tag:jinlin,")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab中&<>\"'\t\n\r;#"), max_size=12))
def test_feed_escapes_as_the_standard_library_does(text: str) -> None:
    """The feed's own ``escape`` and ``quoteattr`` (saxutils imports ``ssl``) give the
    standard library's text, and an attribute they quote parses back to the value."""
    from xml.sax import saxutils

    from generator.site import feed

    assert feed.escape(text) == saxutils.escape(text)
    assert feed.quoteattr(text) == saxutils.quoteattr(text)
    element = ET.fromstring(f"<a v={feed.quoteattr(text)}>{feed.escape(text)}</a>")
    assert element.get("v") == text

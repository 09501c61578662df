"""The hostile fixture, really built: every kind of text field of every record kind carries
script, event handlers, javascript:/data: links, iframes, SVG, template syntax, entities,
long and invisible text and personal numbers; private fields carry unique markers. Nothing
private, and nothing executable, may reach any file of the site, its search index, its
open data, its feed or any PDF."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from safetytools import (
    audit_html,
    audit_site,
    flat,
    found_in,
    pdf_images,
    pdf_text,
    readable,
    theme_scripts,
    tree_state,
)

pytestmark = pytest.mark.slow

PRIVATE = [
    "13912345678", "350781199001011234", "秘密路88号",  # phone, ID number, address of people and the wisher
    "甄联络", "13522223333",  # a paired unit's contact person and phone
    "秘愿",  # the wisher's given name (欧阳秘愿 is shown as 欧阳女士)
    "117岁",  # the wisher's age
    "司马隐藏", "隐身单位标记", "隐身事迹标记", "隐身故事标记", "隐身图注标记",  # a person marked not public
    "无同意故事标记", "无同意图注标记",  # story and photo of a person without consent
    "儿童照片标记", "未同意照片标记",  # captions of photos that may not be published
    "13698765432", "110101198003071234", "6222021234567890123",  # numbers written in free text
    "１３６９８７６５４３２",  # the same phone typed in full-width mode
    "EXIF-ARTIST-SECRET", "EXIF-DESCRIPTION-SECRET", "相机备注秘密", "PNG-TEXT-SECRET", "PNG-COMMENT-SECRET",
]
HARDSHIP = ["低保", "残疾"]  # the wisher's hardship categories; the handbook names them as examples
MASKED = ["136****5432", "11**************34", "6222 **** **** 0123", "欧阳女士", "司马**"]
PUBLISHED_COLOURS = {"gps.jpg": (255, 200, 0), "gps.png": (230, 30, 30)}
UNPUBLISHABLE_COLOURS = {
    "child.jpg": (0, 0, 255), "noconsent.jpg": (0, 200, 0), "person-noconsent.jpg": (255, 0, 255),
    "hidden.jpg": (0, 255, 255),
}


def _hardship_hits(folder: Path) -> list[tuple[str, str]]:
    """Hardship words outside the handbook pages (and outside Pagefind's shared word index,
    which holds the handbook's words too)."""
    hits = []
    for file, marker in found_in([folder], HARDSHIP):
        path = folder.parent / file
        if "handbook" in path.parts or path.suffix in {".pf_index", ".pf_filter", ".pf_meta"}:
            continue
        if path.suffix == ".pf_fragment" and '"url":"/handbook/' in readable(path):
            continue
        hits.append((file, marker))
    return hits


def test_the_hostile_content_builds_cleanly_or_is_refused_with_the_file_named(hostile) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in hostile.result.stderr + hostile.result.stdout
    errors = [line for line in hostile.result.stderr.splitlines() if "错误" in line]
    if hostile.result.returncode != 0:
        assert errors and all(re.search(rf"{hostile.content}/\S+\.yml:\d+:\d+: 错误", e) for e in errors), errors
    else:
        assert not errors


def test_no_command_wrote_into_the_content(hostile, hostile_print_edition: Path) -> None:  # type: ignore[no-untyped-def]
    assert hostile.before and tree_state(hostile.content) == hostile.before


def test_each_number_in_free_text_is_a_warning_at_its_file_and_line(hostile) -> None:  # type: ignore[no-untyped-def]
    warnings = [line for line in hostile.result.stderr.splitlines() if "文字中有" in line]
    by_name = r"wishes/2026/yuan\.yml:18:\d+: 警告: 文字中有手机号码“13698765432”.*timeline\[3\]\.by_name"
    assert any(re.search(by_name, w) for w in warnings)
    assert any(re.search(r"site\.yml:6:\d+: 警告: 文字中有身份证号", w) for w in warnings)
    assert any(re.search(r"2026-10-10-e-yi\.yml:14:\d+: 警告: 文字中有银行卡号.*字段 summary", w) for w in warnings)
    assert not [w for w in warnings if "13912345678" in w or "350781199001011234" in w]  # private fields


def test_unreadable_photos_are_named_and_left_out(hostile) -> None:  # type: ignore[no-untyped-def]
    assert "media/bomb.png" in hostile.result.stderr and "media/evil.svg" in hostile.result.stderr
    sources = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (hostile.content / "media").iterdir()}
    copied = [p for p in hostile.site.rglob("*") if p.is_file()
              and hashlib.sha256(p.read_bytes()).hexdigest() in sources]
    assert not copied  # not even a published photo leaves as the original file
    assert [str(p.relative_to(hostile.site)) for p in hostile.site.rglob("*.svg")] == ["assets/icon.svg"]


def test_nothing_private_reaches_any_file_of_the_site(hostile) -> None:  # type: ignore[no-untyped-def]
    assert (hostile.site / "index.html").is_file()
    assert list((hostile.site / "pagefind" / "fragment").iterdir())
    assert list(hostile.site.rglob("*.pdf"))
    assert not found_in([hostile.site], PRIVATE)
    assert not _hardship_hits(hostile.site)


def test_a_person_not_public_is_only_counted(hostile) -> None:  # type: ignore[no-untyped-def]
    figures = json.loads((hostile.site / "data" / "figures.json").read_text(encoding="utf-8"))["records"]
    assert {f["id"]: f["value"] for f in figures}["people"] == 3  # 林, 吴 and the one not shown
    people = json.loads((hostile.site / "data" / "people.json").read_text(encoding="utf-8"))["records"]
    assert sorted(p["id"] for p in people) == ["lin", "wu-tong-yi"]
    assert not (hostile.site / "people" / "si-ma").exists()


def test_numbers_are_masked_not_dropped(hostile) -> None:  # type: ignore[no-untyped-def]
    page = flat((hostile.site / "activities" / "2026-10-10-e-yi" / "index.html").read_text(encoding="utf-8"))
    bulletin = flat(pdf_text(hostile.site / "bulletins" / "jinlin-2026-10.pdf"))
    for masked in MASKED:
        assert flat(masked) in page or flat(masked) in flat(readable(hostile.site / "wishes" / "yuan" / "index.html"))
    for masked in MASKED[:3]:
        assert flat(masked) in bulletin


def test_the_print_edition_leaks_nothing(hostile_print_edition: Path) -> None:
    text = flat(pdf_text(hostile_print_edition))
    assert "136****5432" in text and "13698765432" not in text
    assert not found_in([hostile_print_edition.parent], PRIVATE + HARDSHIP)


def test_certificates_name_no_private_detail(hostile_certificates: Path) -> None:
    text = flat(pdf_text(next(hostile_certificates.rglob("certificates-*.pdf"))))
    assert "司马隐藏" in text and "136****5432" in text
    # a person marked not public still receives a certificate: their name and citation are
    # on it; nothing else private may be
    allowed = {"司马隐藏", "隐身事迹标记"}
    assert not found_in([hostile_certificates], [m for m in PRIVATE + HARDSHIP if m not in allowed])


def test_certificates_and_plaques_stay_out_of_the_site(hostile) -> None:  # type: ignore[no-untyped-def]
    assert not [p for p in hostile.site.rglob("*.pdf") if not p.name.startswith("jinlin-")]
    if hostile.print_dir.exists():
        assert not found_in([hostile.print_dir], [m for m in PRIVATE + HARDSHIP
                                                  if m not in {"司马隐藏", "隐身事迹标记"}])


def test_no_page_feed_or_svg_holds_anything_executable(hostile) -> None:  # type: ignore[no-untyped-def]
    assert not audit_site(hostile.site)


def test_the_audit_itself_catches_what_it_looks_for() -> None:
    allowed = theme_scripts()
    for bad in ['<span><script>alert(9)</script></span>', '<img src=x onerror=alert(1)>',
                '<a href="jav&#x09;ascript:alert(1)">x</a>', '<iframe src=//e></iframe>',
                '<svg onload=alert(1)>', '<a href="data:text/html,x">x</a>', '<meta http-equiv="refresh">',
                '<script src="https://evil.example/x.js"></script>', '<p style="background:url(x)">x</p>']:
        assert audit_html(bad, allowed), bad
    assert not audit_html("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", allowed)


def test_hostile_text_is_shown_as_text(hostile) -> None:  # type: ignore[no-untyped-def]
    page = (hostile.site / "activities" / "2026-10-10-e-yi" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&#34;&gt;&lt;script&gt;alert(120)&lt;/script&gt;" in page
    assert "<title>&#34;&gt;&lt;script&gt;alert(120)&lt;/script&gt;" in page  # MkDocs' frame escapes too
    assert 'brand-name">&lt;script&gt;alert(9)&lt;/script&gt;' in page
    assert "{{ &#34;ZZ&#34;*3 }}" in page and "{% raw %}" in page  # template syntax is not run
    assert "{% if true %}IF{% endif %}" in page
    assert not found_in([hostile.site], ["ZZZZZZ"])
    bulletin = flat(pdf_text(hostile.site / "bulletins" / "jinlin-2026-10.pdf"))
    assert flat('"><script>alert(120)</script>活动') in bulletin


def test_published_images_carry_no_metadata_and_only_publishable_photos(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("gps.jpg", "gps.png"):  # the fixture really carries what must be removed
        with Image.open(hostile.content / "media" / name) as source:
            assert source.getexif().get_ifd(0x8825) and source.getexif()[0x013B] == "EXIF-ARTIST-SECRET"
    images = [p for p in hostile.site.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp", ".gif"}]
    for pdf in hostile.site.rglob("*.pdf"):
        images += pdf_images(pdf, tmp_path / pdf.stem)
    colours = []
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"comment", "xmp", "exif", "Comment", "XML:com.adobe.xmp"} & set(image.info), (path, image.info)
            colours.append(tuple(round(c) for c in ImageStat.Stat(image.convert("RGB")).mean))
    for name, colour in PUBLISHED_COLOURS.items():
        assert any(_near(found, colour) for found in colours), name
    for name, colour in UNPUBLISHABLE_COLOURS.items():
        assert not any(_near(found, colour) for found in colours), name


def _near(found: tuple[int, ...], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(found, wanted, strict=True))


def test_no_open_data_cell_starts_a_spreadsheet_formula(hostile) -> None:  # type: ignore[no-untyped-def]
    cells = []
    for path in (hostile.site / "data").glob("*.csv"):
        cells += [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells) and any("吴未同意" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]

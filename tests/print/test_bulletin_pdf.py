"""The rendered PDFs, read back: geometry, fonts, text, 版记, page numbers, colours, metadata."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdfread import MONTH, pdffonts, pdftotext, squeeze
from pypdf import PdfReader

from generator.model.public import PublicView
from generator.print.bulletins import BulletinFile

A4 = (595.28, 841.89)
BLEED = 3 / 25.4 * 72


def _box(box) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    return tuple(round(float(v), 2) for v in (box.left, box.bottom, box.right, box.top))


@pytest.mark.parametrize("edition", ["archive", "print"])
def test_every_month_rendered_with_ascii_names(rendered: dict[tuple[str, str], BulletinFile],
                                               edition: str) -> None:
    files = [f for (_, e), f in rendered.items() if e == edition]
    suffix = "-print" if edition == "print" else ""
    assert sorted(f.path.name for f in files) == [
        f"jinlin-{m}{suffix}.pdf" for m in ("2025-12", "2026-09", "2026-10")
    ]
    assert all(f.path.read_bytes().startswith(b"%PDF-") and f.pages >= 1 for f in files)
    october = rendered[(MONTH, edition)]
    assert (october.issue, october.total_issue, october.title) == (2, 7, "近邻党建工作简报 2026年第2期")


def test_weasyprint_had_nothing_to_warn_about(rendered: dict[tuple[str, str], BulletinFile],
                                               render_warnings: list[str]) -> None:
    assert rendered and render_warnings == []


def test_archive_pages_are_a4(archive_pdf: Path) -> None:
    reader = PdfReader(archive_pdf)
    for page in reader.pages:
        assert _box(page.mediabox) == (0, 0, *A4)


def test_print_edition_has_bleed_around_an_a4_trim(print_pdf: Path) -> None:
    reader = PdfReader(print_pdf)
    b = round(BLEED, 2)
    for page in reader.pages:
        assert _box(page.trimbox) == (0, 0, *A4)
        assert _box(page.mediabox) == pytest.approx((-b, -b, A4[0] + b, A4[1] + b), abs=0.02)


@pytest.mark.parametrize("edition", ["archive", "print"])
def test_every_font_is_embedded_and_chinese(rendered: dict[tuple[str, str], BulletinFile],
                                            edition: str) -> None:
    fonts = pdffonts(rendered[(MONTH, edition)].path)
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)
    names = " ".join(f["name"] for f in fonts)
    for family in ("Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC", "LXGW-WenKai"):
        assert family in names
    assert re.search(r"Noto-Serif-CJK-SC-(Heavy|Black)", names), "masthead needs the heavy weight"


def test_text_has_masthead_numbers_sections_and_every_activity(
        archive_pdf: Path, print_view: PublicView) -> None:
    text = squeeze(pdftotext(archive_pdf))
    first = squeeze(pdftotext(archive_pdf, page=1))
    assert first.startswith("近邻党建工作简报第2期（总第7期）")
    assert "中共邵武市委组织部" in first and "2026年10月31日" in first and "本期要目" in first
    for heading in ("一、工作动态", "二、星级楼栋", "三、最美人物", "四、微心愿", "五、议事成果",
                    "六、结对共建", "七、本月数据"):
        assert heading in text
    for activity in print_view.activities_in(MONTH):
        assert squeeze(activity.title) in text
    assert "★★★★★" in text and "一票否决" in text


def test_table_of_contents_gives_the_real_page_numbers(archive_pdf: Path) -> None:
    toc = squeeze(pdftotext(archive_pdf, page=1)).split("本期要目", 1)[1]
    for heading in ("七、本月数据", "三、最美人物"):
        page = int(re.search(re.escape(heading) + r"[·.…]*(\d+)", toc).group(1))
        assert heading in squeeze(pdftotext(archive_pdf, page=page))


def test_banji_is_at_the_foot_of_the_last_page(archive_pdf: Path) -> None:
    pages = len(PdfReader(archive_pdf).pages)
    last = pdftotext(archive_pdf, page=pages, layout=True)
    lines = [line.strip() for line in last.splitlines() if line.strip()]
    assert squeeze("".join(lines[-6:])).startswith("报：南平市委组织部。送：市委、市政府领导")
    assert "中共邵武市委组织部办公室" in lines[-3] and "2026年10月31日印发" in lines[-3]
    assert lines[-2] == "（共印120份）"
    assert squeeze(lines[-1]) == f"—{pages}—"
    assert "报：" not in squeeze(pdftotext(archive_pdf, page=pages - 1))


def test_page_numbers_on_the_outer_edge(archive_pdf: Path) -> None:
    width = None
    for page in (1, 2):
        layout = pdftotext(archive_pdf, page=page, layout=True).rstrip().splitlines()
        number = layout[-1]
        assert squeeze(number) == f"—{page}—"
        width = width or max(len(line) for line in layout)
        indent = len(number) - len(number.lstrip())
        assert indent > width / 2 if page == 1 else indent < width / 4  # odd right, even left


def test_private_details_never_reach_the_pdf(rendered: dict[tuple[str, str], BulletinFile]) -> None:
    for f in rendered.values():
        text = pdftotext(f.path)
        for secret in ("郑秘密", "13905991234", "13512345678", "张桂兰", "天润小区1号楼302"):
            assert secret not in text, (f.path.name, secret)
    assert "139****1234" in pdftotext(rendered[(MONTH, "archive")].path)


def test_archive_is_pdfa_with_the_months_data_attached(archive_pdf: Path) -> None:
    reader = PdfReader(archive_pdf)
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part")
    assert reader.metadata.title == "近邻党建工作简报 2026年第2期"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    [(name, [data])] = reader.attachments.items()
    assert name == "jinlin-2026-10.json"
    text = data.decode()
    assert "天润小区楼道堆物集中清理" in text and "13905991234" not in text and "张桂兰" not in text
    assert reader.metadata.creation_date.isoformat().startswith("2026-10-31T00:00:00")


def test_print_edition_is_pdfx4_in_cmyk(print_pdf: Path) -> None:
    raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(print_pdf), "-"],
                         capture_output=True, check=True).stdout
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in raw
    assert b"/S /GTS_PDFX" in raw and b"/OutputIntent" in raw
    operators = re.findall(rb"^[^\n]* (rg|RG|k|K|sc|scn|SC|SCN)$", raw, flags=re.M)
    assert operators and not {b"rg", b"RG"} & set(operators), "no RGB colour in a PDF/X file"
    assert b"\n0 0.8 0.8 0 scn\n" in raw or b"\n0 0.8 0.8 0 sc\n" in raw  # the red
    images = subprocess.run(["pdfimages", "-list", str(print_pdf)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert images and all(line.split()[5] == "gray" for line in images)
    assert all("/Annots" not in page for page in PdfReader(print_pdf).pages), "no links in print"


def test_photos_carry_no_exif(archive_pdf: Path) -> None:
    raw = archive_pdf.read_bytes()
    assert b"Exif" not in raw and b"TestPhone" not in raw

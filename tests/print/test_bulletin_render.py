"""Rendering itself: byte-identical output, the lone 版记 page, the command line, fonts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pdfread import MONTH, PRINT_CONTENT, pdftotext, run_jinlin, squeeze

from generator.errors import FontMissingError
from generator.model.public import PublicView
from generator.model.settings import FontSettings
from generator.print.bulletin import build_bulletin
from generator.print.bulletins import BulletinFile, render_bulletin
from generator.print.editions import ARCHIVE
from generator.print.fonts import require_fonts
from generator.print.html import document_html
from generator.print.pdf import RenderJob, render_job


def test_print_edition_is_byte_identical_when_rendered_again(
        print_view: PublicView, rendered: dict[tuple[str, str], BulletinFile], tmp_path: Path) -> None:
    again = render_bulletin(print_view, MONTH, tmp_path / "again.pdf", edition="print",
                            cache_dir=tmp_path / "fresh-cache")
    assert again.path.read_bytes() == rendered[(MONTH, "print")].path.read_bytes()


def test_command_line_renders_the_archive_edition_byte_identically(
        rendered: dict[tuple[str, str], BulletinFile], tmp_path: Path) -> None:
    result = run_jinlin("bulletin", MONTH, "--content", str(PRINT_CONTENT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已生成" in result.stdout and "第2期" in result.stdout
    made = tmp_path / "bulletins" / "jinlin-2026-10.pdf"
    assert made.read_bytes() == rendered[(MONTH, "archive")].path.read_bytes()


def test_a_lone_banji_page_has_no_page_number(print_view: PublicView, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint  # type: ignore[import-untyped]

    layouts: list[int] = []
    lay_out = weasyprint.HTML.render
    monkeypatch.setattr(weasyprint.HTML, "render", lambda self, *a, **k: layouts.append(1) or lay_out(self, *a, **k))
    bulletin = build_bulletin(print_view, MONTH)
    html = document_html(bulletin, ARCHIVE, print_view.site.fonts, lambda photo: None)
    # push the body down so that the 版记 cannot share the last page with it
    html = html.replace('<div class="body-end"', '<div style="height: 200mm"></div><div class="body-end"', 1)
    job = RenderJob(html=html, target=str(tmp_path / "alone.pdf"), pdf_variant="pdf/a-3b",
                    id_prefix=bulletin.id_prefix, date=dt.date(2026, 10, 31), document_id="test")
    result = render_job(job)
    assert result.banji_alone and result.warnings == ()
    assert len(layouts) == 1, "the number is taken off the laid-out page, not laid out again"
    last = squeeze(pdftotext(Path(result.target), page=result.pages))
    before = squeeze(pdftotext(Path(result.target), page=result.pages - 1))
    assert last.startswith("报：") and last.endswith("（共印120份）")
    assert before.endswith(f"—{result.pages - 1}—")


@pytest.mark.parametrize(("month", "code", "message"), [
    ("2026-13", 2, "月份“2026-13”写得不对，应写成 YYYY-MM"),
    ("十月", 2, "应写成 YYYY-MM"),
    ("2026-11", 1, "2026-11 没有任何活动、会议或星级评分记录，无法生成简报。有内容的月份：2025-12、2026-09、2026-10"),
])
def test_command_line_refuses_bad_months_clearly(tmp_path: Path, month: str, code: int, message: str) -> None:
    result = run_jinlin("bulletin", month, "--content", str(PRINT_CONTENT), cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "bulletins").exists()


def test_no_chinese_font_stops_with_a_clear_message(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path / 'fc'}</cachedir>"
        "</fontconfig>\n", encoding="utf-8")
    result = run_jinlin("bulletin", MONTH, "--content", str(PRINT_CONTENT), cwd=tmp_path,
                        env={"FONTCONFIG_FILE": str(conf)})
    assert result.returncode == 1
    assert "没有安装中文字体" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_font_named_in_site_yml_must_be_installed() -> None:
    with pytest.raises(FontMissingError, match="fonts.kai（楷体）指定的字体“方正楷体_GB2312”"):
        require_fonts(FontSettings(kai="方正楷体_GB2312"))

"""Render workers share one copy of each font file between renders (generator.print.fontfiles)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pdfread import MONTH

from generator.model.public import PublicView
from generator.print import fontfiles
from generator.print.bulletin import build_bulletin
from generator.print.editions import ARCHIVE
from generator.print.html import document_html
from generator.print.pdf import RenderJob, render_job

SIZE = fontfiles.SMALLEST + 1


def _address(data: bytearray) -> int:
    import cffi  # type: ignore[import-untyped]

    ffi = cffi.FFI()
    return int(ffi.cast("uintptr_t", ffi.from_buffer(data)))


def test_a_copy_is_shared_only_with_equal_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontfiles, "_KNOWN", {})
    first, same, other = bytearray(b"a" * SIZE), bytearray(b"a" * SIZE), bytearray(b"a" * (SIZE - 1) + b"b")
    kept = fontfiles.reuse(_address(first), SIZE, lambda: bytes(first))
    assert fontfiles.reuse(_address(same), SIZE, lambda: bytes(same)) is kept
    # same size, one byte differs (at the very end): never the other file's copy
    different = fontfiles.reuse(_address(other), SIZE, lambda: bytes(other))
    assert different is not kept and different == bytes(other)
    assert fontfiles.shared_copies() == 2


def test_shared_font_files_give_the_same_pdf(print_view: PublicView, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts as pdf_fonts  # type: ignore[import-untyped]

    # undone after the test: the patched function and the copies it keeps
    monkeypatch.setattr(pdf_fonts, "get_hb_object_data", pdf_fonts.get_hb_object_data)
    monkeypatch.setattr(fontfiles, "_KNOWN", {})
    bulletin = build_bulletin(print_view, MONTH)
    html = document_html(bulletin, ARCHIVE, print_view.site.fonts, lambda photo: None)

    def render(name: str) -> bytes:
        job = RenderJob(html=html, target=str(tmp_path / name), pdf_variant="pdf/a-3b",
                        id_prefix=bulletin.id_prefix, date=dt.date(2026, 10, 31), document_id="test")
        render_job(job)
        return Path(job.target).read_bytes()

    plain = render("plain.pdf")
    assert fontfiles.share_font_files()
    first = render("first.pdf")
    copies = fontfiles.shared_copies()
    again = render("again.pdf")
    assert copies >= 3, "the Chinese faces are font files of several MB"
    assert fontfiles.shared_copies() == copies, "the second render reuses the first one's copies"
    assert first == again == plain


def test_a_subset_is_reused_only_for_the_same_glyphs(print_view: PublicView, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts as pdf_fonts  # type: ignore[import-untyped]

    # undone after the test: the patched functions and what they keep
    monkeypatch.setattr(pdf_fonts, "get_hb_object_data", pdf_fonts.get_hb_object_data)
    monkeypatch.setattr(pdf_fonts.Font, "subset", pdf_fonts.Font.subset)
    monkeypatch.setattr(fontfiles, "_KNOWN", {})
    monkeypatch.setattr(fontfiles, "_SUBSETS", {})
    bulletin = build_bulletin(print_view, MONTH)
    html = document_html(bulletin, ARCHIVE, print_view.site.fonts, lambda photo: None)
    # the same document with glyphs no other page has, in the body's face
    other = html.replace("</body>", "<p>鑫淼犇骉羴猋</p></body>")

    def render(name: str, document: str) -> bytes:
        job = RenderJob(html=document, target=str(tmp_path / name), pdf_variant="pdf/a-3b",
                        id_prefix=bulletin.id_prefix, date=dt.date(2026, 10, 31), document_id="test")
        render_job(job)
        return Path(job.target).read_bytes()

    plain, plain_other = render("plain.pdf", html), render("plain-other.pdf", other)
    assert fontfiles.share_font_files() and fontfiles.share_subsets()
    first = render("first.pdf", html)
    subsets = fontfiles.shared_subsets()
    again = render("again.pdf", html)
    assert subsets >= 3, "one subset per Chinese face"
    assert fontfiles.shared_subsets() == subsets, "the same glyphs again: every subset reused"
    assert first == again == plain
    # new glyphs in one face: that face is subset anew, and the file is the unshared one's
    assert render("other.pdf", other) == plain_other
    assert fontfiles.shared_subsets() == subsets + 1


def test_subsets_made_in_one_pass_give_weasyprint_s_own_pdf(print_view: PublicView, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts as pdf_fonts  # type: ignore[import-untyped]

    # WeasyPrint's own two passes (every render in this process subsets in one), undone after
    current = pdf_fonts.Font._harfbuzz_subset
    weasyprint_s = getattr(current, "jinlin_original", current)
    monkeypatch.setattr(pdf_fonts.Font, "_harfbuzz_subset", weasyprint_s)
    monkeypatch.setattr(fontfiles, "_PASSES", {"one": 0, "two": 0})
    bulletin = build_bulletin(print_view, MONTH)
    html = document_html(bulletin, ARCHIVE, print_view.site.fonts, lambda photo: None)
    # a glyph near the end of the body face (its last used glyph decides the work)
    html = html.replace("</body>", "<p>鑫淼犇骉——“近邻”</p></body>")

    def render(name: str) -> bytes:
        job = RenderJob(html=html, target=str(tmp_path / name), pdf_variant="pdf/a-3b",
                        id_prefix=bulletin.id_prefix, date=dt.date(2026, 10, 31), document_id="test")
        render_job(job)
        return Path(job.target).read_bytes()

    one_pass = fontfiles.subset_in_one_pass
    monkeypatch.setattr(fontfiles, "subset_in_one_pass", lambda: True)  # render_job's call: not now
    plain = render("plain.pdf")
    assert fontfiles.subset_passes() == {"one": 0, "two": 0}, "rendered by WeasyPrint's own"
    monkeypatch.setattr(fontfiles, "subset_in_one_pass", one_pass)
    assert one_pass() and one_pass()  # idempotent
    fast = render("fast.pdf")
    passes = fontfiles.subset_passes()
    assert passes["one"] >= 2, "the body and 楷体 faces end at their last used glyph"
    assert passes["two"] >= 1, "a face HarfBuzz adds glyphs to after the last used one"
    assert fast == plain


def test_renders_in_one_process_share_one_font_configuration(print_view: PublicView, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.text import fonts as text_fonts  # type: ignore[import-untyped]

    from generator.print import pdf

    made: list[object] = []

    class Counted(text_fonts.FontConfiguration):  # type: ignore[misc]
        def __init__(self) -> None:
            made.append(self)
            super().__init__()

    monkeypatch.setattr(text_fonts, "FontConfiguration", Counted)
    pdf._font_config.cache_clear()
    try:
        bulletin = build_bulletin(print_view, MONTH)
        html = document_html(bulletin, ARCHIVE, print_view.site.fonts, lambda photo: None)
        made_bytes = []
        for name in ("one.pdf", "two.pdf"):
            job = RenderJob(html=html, target=str(tmp_path / name), pdf_variant="pdf/a-3b",
                            id_prefix=bulletin.id_prefix, date=dt.date(2026, 10, 31), document_id="test")
            render_job(job)
            made_bytes.append(Path(job.target).read_bytes())
    finally:
        pdf._font_config.cache_clear()
    assert len(made) == 1, "one font configuration for both renders"
    assert made_bytes[0] == made_bytes[1]

"""荣誉证书 and 星级楼栋 plaques, rendered once for this module from
tests/fixtures/honours-content and read back: pages, names, stars, fonts, boxes, colours,
determinism, the cache and the one-page guard."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pdfread import ROOT, pdffonts, pdftotext, run_jinlin, squeeze
from pypdf import PdfReader

from generator.commands.certificates import EDITION
from generator.errors import BuildError
from generator.model.content import Content
from generator.model.ratings import month_scores
from generator.print.honours import HonoursFile, render_all, render_month
from generator.print.honours.html import certificates_html, plaques_html
from generator.print.honours.records import Certificate, MonthHonours, Plaque
from generator.project import require_content

HONOURS_CONTENT = ROOT / "tests" / "fixtures" / "honours-content"
A4_LANDSCAPE = (841.89, 595.28)
A4_PORTRAIT = (595.28, 841.89)
BLEED = round(3 / 25.4 * 72, 2)
STAR = re.compile(rb"\S+ \S+ m\n(?:\S+ \S+ l\n){9}h\n(?:B|f|b|B\*|f\*)\n")
"""A filled ten-corner polygon in a page's content stream: one drawn star."""
SECRETS = ("13905991234", "13800001111", "350781195806120018", "滨江花园1号楼502室", "水北新村3号楼101室")


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, _ = require_content(HONOURS_CONTENT)
    return loaded


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, content: Content) -> dict[tuple[str, str], HonoursFile]:
    """Every month of the fixture (through the worker pool), keyed (month, kind)."""
    root = tmp_path_factory.mktemp("honours")
    files = render_all(content, root / "print", jobs=2, cache_dir=root / "cache")
    return {(f.month, f.kind): f for f in files}


def _honoured(content: Content, month: str) -> Counter[str]:
    return Counter(p.name for p in content.people.values() for h in p.honours if h.month == month)


def _stars(content: Content, month: str) -> list[int]:
    return [s.stars for s in month_scores(content, month) if s.stars]


def _box(box) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    return tuple(round(float(v), 2) for v in (box.left, box.bottom, box.right, box.top))


def test_one_file_per_kind_only_for_months_that_have_that_kind(
        rendered: dict[tuple[str, str], HonoursFile]) -> None:
    assert sorted(rendered) == [("2026-09", "plaques"), ("2026-10", "certificates"),
                                ("2026-10", "plaques"), ("2026-11", "certificates")]
    for (month, kind), made in rendered.items():
        assert made.path.parent.name == month and made.path.name == f"{kind}-{month}.pdf"
        assert made.path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("month", ["2026-10", "2026-11"])
def test_one_certificate_page_per_honour_with_the_right_name(
        rendered: dict[tuple[str, str], HonoursFile], content: Content, month: str) -> None:
    path = rendered[(month, "certificates")].path
    expected = _honoured(content, month)
    assert len(PdfReader(path).pages) == sum(expected.values()) == rendered[(month, "certificates")].pages
    found = Counter()
    for page in range(1, sum(expected.values()) + 1):
        text = squeeze(pdftotext(path, page=page))
        assert text.startswith("荣誉证书") and "中共邵武市委组织部" in text
        assert "特发此证，以资鼓励。" in text
        found.update(name for name in expected if f"{name}同志：" in text)
    assert found == expected


def test_certificate_text_in_full(rendered: dict[tuple[str, str], HonoursFile]) -> None:
    path = rendered[("2026-10", "certificates")].path
    first = squeeze(pdftotext(path, page=1))
    assert "王建国同志：" in first and "荣获二〇二六年十月“最美党员”称号。" in first
    assert "二〇二六年十月三十一日" in first
    assert first.endswith("争做新时代的好邻居、好党员、好榜样。荣获二〇二六年十月“最美党员”称号。"
                          "特发此证，以资鼓励。中共邵武市委组织部二〇二六年十月三十一日"), \
        "the 400-character citation is printed whole, closing lines after it"


def test_person_not_public_gets_a_certificate_and_numbers_are_masked(
        rendered: dict[tuple[str, str], HonoursFile], content: Content) -> None:
    assert not content.people["wu-shoumo"].public
    text = squeeze(pdftotext(rendered[("2026-10", "certificates")].path))
    assert "吴守默同志：" in text and "“最美群众”" in text
    assert "139****1234" in text
    for made in rendered.values():
        assert not any(secret in squeeze(pdftotext(made.path)) for secret in SECRETS), made.path


@pytest.mark.parametrize("month", ["2026-09", "2026-10"])
def test_one_plaque_per_building_with_stars_drawn_as_polygons(
        rendered: dict[tuple[str, str], HonoursFile], content: Content, month: str) -> None:
    path = rendered[(month, "plaques")].path
    reader = PdfReader(path)
    stars = sorted(_stars(content, month))
    assert len(reader.pages) == len(stars)
    drawn = []
    for number, page in enumerate(reader.pages, start=1):
        count = len(STAR.findall(page.get_contents().get_data()))
        text = squeeze(pdftotext(path, page=number))
        rank = "一二三四五"[count - 1] + "星级楼栋"
        assert text.count("星级楼栋") == 2 and rank in text, (number, count, text)
        assert "★" not in text and "☆" not in text, "stars are shapes, not glyphs"
        drawn.append(count)
    assert sorted(drawn) == stars


def test_plaque_text_names_place_month_and_criteria_met(
        rendered: dict[tuple[str, str], HonoursFile]) -> None:
    path = rendered[("2026-10", "plaques")].path
    pages = [squeeze(pdftotext(path, page=n)) for n in (1, 2, 3)]
    assert pages[0].startswith("水北社区滨江花园星级楼栋四星级楼栋1号楼二〇二六年十月本月达标项目"
                               "楼道卫生保洁门前三包落实高空抛物少矛盾纠纷少")
    assert "垃圾分类" not in pages[0], "13 of 15 points is below 90 %"
    assert "7号楼（东单元）" in pages[1] and "本月达标项目" not in pages[1] and "78.8分" in pages[1]
    assert "水北新村" in pages[2] and "高空抛物少" in pages[2], "exactly 90 % counts as met"
    assert all(page.endswith("水北社区党委评定") for page in pages)


def test_fonts_are_embedded_subsets_of_the_title_face_and_kai(
        rendered: dict[tuple[str, str], HonoursFile]) -> None:
    for made in rendered.values():
        fonts = pdffonts(made.path)
        assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)
        names = " ".join(f["name"] for f in fonts)
        assert re.search(r"Noto-Serif-CJK-SC-(Heavy|Black)", names) and "LXGW-WenKai" in names


@pytest.mark.parametrize(("kind", "trim"), [("certificates", A4_LANDSCAPE), ("plaques", A4_PORTRAIT)])
def test_a4_trim_with_3mm_bleed(rendered: dict[tuple[str, str], HonoursFile], kind: str,
                                trim: tuple[float, float]) -> None:
    for page in PdfReader(rendered[("2026-10", kind)].path).pages:
        assert _box(page.trimbox) == (0, 0, *trim)
        assert _box(page.mediabox) == pytest.approx((-BLEED, -BLEED, trim[0] + BLEED, trim[1] + BLEED),
                                                    abs=0.02)


@pytest.mark.parametrize("kind", ["certificates", "plaques"])
def test_pdfx4_in_cmyk_without_links(rendered: dict[tuple[str, str], HonoursFile], kind: str) -> None:
    path = rendered[("2026-10", kind)].path
    raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), "-"],
                         capture_output=True, check=True).stdout
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in raw and b"/OutputIntent" in raw
    operators = re.findall(rb"^[^\n]* (rg|RG|k|K|sc|scn|SC|SCN)$", raw, flags=re.M)
    assert operators and not {b"rg", b"RG"} & set(operators), "no RGB colour in a PDF/X file"
    assert b"\n0 0.95 0.9 0.12 scn\n" in raw and b"\n0 0.3 0.85 0.08 scn\n" in raw  # red and gold
    reader = PdfReader(path)
    assert all("/Annots" not in page for page in reader.pages)
    assert reader.metadata.creation_date.isoformat().startswith("2026-10-31T00:00:00")
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


@pytest.fixture
def seeded(rendered: dict[tuple[str, str], HonoursFile], tmp_path: Path) -> Path:
    """A working folder whose ``.cache/jinlin/certificates`` (the command's default cache)
    holds the module's renders: the command finds them only if it makes the same HTML."""
    shutil.copytree(rendered[("2026-10", "plaques")].path.parents[2] / "cache",
                    tmp_path / ".cache" / "jinlin" / "certificates")
    return tmp_path


def test_command_writes_the_months_files_and_says_what_it_did(
        rendered: dict[tuple[str, str], HonoursFile], seeded: Path) -> None:
    result = run_jinlin("certificates", "2026-10", "--content", str(HONOURS_CONTENT), cwd=seeded)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"已生成 {Path('print/2026-10/certificates-2026-10.pdf')}：荣誉证书 3 份（{EDITION}）。",
        f"已生成 {Path('print/2026-10/plaques-2026-10.pdf')}：星级楼栋牌匾 3 块（{EDITION}）。",
        "提示：其中 1 份证书的获奖人没有在网站上公开，这些文件只交印刷，不要上传到网站。",
    ]
    for kind in ("certificates", "plaques"):
        made = seeded / "print" / "2026-10" / f"{kind}-2026-10.pdf"
        assert made.read_bytes() == rendered[("2026-10", kind)].path.read_bytes()


def test_command_says_which_kind_a_month_lacks(seeded: Path) -> None:
    result = run_jinlin("certificates", "2026-11", "--content", str(HONOURS_CONTENT),
                        "--output", "out", cwd=seeded)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["2026-11 没有得星的楼栋，未生成星级楼栋牌匾。"]
    assert [p.name for p in (seeded / "out").rglob("*.pdf")] == ["certificates-2026-11.pdf"]


def test_rendering_again_gives_the_same_bytes(rendered: dict[tuple[str, str], HonoursFile],
                                              content: Content, tmp_path: Path) -> None:
    [again] = render_month(content, "2026-09", tmp_path / "print", jobs=1, cache_dir=tmp_path / "cache")
    assert again.path.read_bytes() == rendered[("2026-09", "plaques")].path.read_bytes()


def test_unchanged_files_come_from_the_cache_and_stale_ones_go(
        rendered: dict[tuple[str, str], HonoursFile], content: Content,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = rendered[("2026-10", "plaques")].path.parents[1]
    stale = out / "2026-08" / "certificates-2026-08.pdf"
    stale.parent.mkdir()
    stale.write_bytes(b"%PDF- old")
    (out / "2026-08" / "notes.txt").write_text("staff notes stay", encoding="utf-8")

    def no_render(job: object) -> None:
        raise AssertionError("rendered again although nothing changed")

    monkeypatch.setattr("generator.print.honours.render.render_job", no_render)
    files = render_all(content, out, jobs=1, cache_dir=out.parent / "cache")
    assert {(f.month, f.kind) for f in files} == set(rendered)
    assert not stale.exists() and (out / "2026-08" / "notes.txt").is_file()


def test_a_certificate_that_does_not_fit_one_page_is_refused(content: Content, tmp_path: Path) -> None:
    person = content.people["ouyang-hui"]
    honour = person.honours[0].model_copy(update={"citation": "把自家车库改成四点半课堂。" * 80})
    crowded = Content(**{**vars(content), "people": {
        "ouyang-hui": person.model_copy(update={"honours": [honour]})}})
    with pytest.raises(BuildError, match="certificates-2026-11.pdf：应为 1 页，实际排成 2 页"):
        render_month(crowded, "2026-11", tmp_path / "print", jobs=1, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "print").exists()


def test_the_longest_texts_the_model_allows_still_fit_one_page_each(content: Content) -> None:
    import weasyprint  # type: ignore[import-untyped]

    criteria = tuple(f"{i}" + "楼" * 29 for i in range(8))  # eight 30-character criteria, all met
    plaques = (Plaque("社" * 30, "社区党委", "小" * 30, "楼" * 30, 5, 99.5, criteria),
               Plaque("载云桥社区", "载云桥社区党委", "天润小区", "1号楼", 3, 88.0, criteria[:3]))
    certificate = Certificate("x", "阿" * 20, "金牌调解员", "字" * 400, False)
    honours = MonthHonours("2026-12", "中" * 20, (certificate,), plaques)
    for html, pages in ((certificates_html(honours, content.site.fonts), 1),
                        (plaques_html(honours, content.site.fonts), 2)):
        assert len(weasyprint.HTML(string=html).render().pages) == pages

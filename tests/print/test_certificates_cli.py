"""``jinlin certificates`` and the certificates step of ``jinlin build``, through the real
command line: what is written where, the messages, and that a person who is not public is
on a certificate in print/ but nowhere in the built site."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from pdfread import ROOT, pdftotext, run_jinlin, squeeze

HONOURS_CONTENT = ROOT / "tests" / "fixtures" / "honours-content"
HIDDEN = "吴守默"
"""public: false in the fixture, honoured 最美群众 in 2026-10."""
UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@pytest.mark.parametrize(("month", "code", "message"), [
    ("2026-13", 2, "月份“2026-13”写得不对，应写成 YYYY-MM，例如 jinlin certificates 2026-10"),
    ("十月", 2, "应写成 YYYY-MM"),
    ("2026-12", 1, "2026-12 没有评选荣誉人物，也没有得星的楼栋，不生成荣誉证书和牌匾。"
                   "有荣誉或星级楼栋的月份：2026-09、2026-10、2026-11。"),
])
def test_command_refuses_bad_or_empty_months_clearly(tmp_path: Path, month: str, code: int,
                                                     message: str) -> None:
    result = run_jinlin("certificates", month, "--content", str(HONOURS_CONTENT), cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "print").exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``jinlin build`` of the fixture into a temporary folder (site/ and print/ side by side)."""
    root = tmp_path_factory.mktemp("build")
    result = run_jinlin("build", "--content", str(HONOURS_CONTENT), "--site-dir", str(root / "site"),
                        cwd=ROOT, env={"JINLIN_CACHE": str(root / "cache")})
    assert result.returncode == 0, result.stderr
    assert f"荣誉证书和星级楼栋牌匾已生成：{root / 'print'}（3 个月，4 个 PDF，不在网站内）" in result.stderr
    return root


def test_build_prints_beside_the_site(built: Path) -> None:
    assert sorted(str(p.relative_to(built / "print")) for p in (built / "print").rglob("*")
                  if p.is_file()) == [
        "2026-09/plaques-2026-09.pdf", "2026-10/certificates-2026-10.pdf",
        "2026-10/plaques-2026-10.pdf", "2026-11/certificates-2026-11.pdf"]
    assert HIDDEN in squeeze(pdftotext(built / "print" / "2026-10" / "certificates-2026-10.pdf"))
    assert not list((built / "site").rglob("certificates-*")) and not list((built / "site").rglob("plaques-*"))


def test_a_person_who_is_not_public_is_nowhere_in_the_site(built: Path) -> None:
    files = [p for p in (built / "site").rglob("*") if p.is_file()]
    assert len(files) > 40 and any(p.suffix == ".pdf" for p in files)
    for path in files:
        text = _readable(path)
        assert HIDDEN not in text and "默默照顾邻居家的瘫痪老人" not in text, path
    public = "迪丽努尔"
    assert any(public in _readable(p) for p in files), "the test would see a name if there were one"


def _readable(path: Path) -> str:
    """What a file says, whatever its packing: PDF text, gunzipped Pagefind chunks and
    sitemaps, JSON with escaped characters, plain text."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return squeeze(pdftotext(path))
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    return UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)

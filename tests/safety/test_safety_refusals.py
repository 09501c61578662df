"""Content that must be refused, by a real `jinlin build` over a good site: the file and line
are named, nothing is built, and the site folder stays byte for byte as it was. A build
that fails half-way (the search indexer crashing) leaves it as it was too."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from safetytools import ROOT, fake_pagefind, jinlin, tree_state

from generator.load.yamlfile import load_yaml_file

pytestmark = pytest.mark.slow

SITE_CONTENT = ROOT / "tests" / "fixtures" / "site-content"
ACTIVITY = "activities/2026/09/2026-09-10-zhongqiu.yml"


@dataclass(frozen=True)
class GoodSite:
    out: Path
    cache: Path

    @property
    def site(self) -> Path:
        return self.out / "site"


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> GoodSite:
    """tests/fixtures/site-content built once; each case then tries to build over it."""
    work = tmp_path_factory.mktemp("good")
    good = GoodSite(work / "out", work / "cache")
    result = jinlin("build", "--content", str(SITE_CONTENT), "--site-dir", str(good.site), "--no-pdf",
                    env={"JINLIN_CACHE": str(good.cache)})
    assert result.returncode == 0, result.stderr
    return good


def _photo(path: str) -> Callable[[Path], tuple[str, int]]:
    """Put ``path`` in the activity's photo field (written as a JSON string: YAML reads it)."""
    def change(content: Path) -> tuple[str, int]:
        record = content / ACTIVITY
        lines = record.read_text(encoding="utf-8").splitlines()
        line = next(i for i, text in enumerate(lines) if "feast.jpg" in text)
        lines[line] = lines[line].replace("2026/09/feast.jpg", json.dumps(path, ensure_ascii=False))
        record.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return ACTIVITY, line + 1
    return change


def _symlinked_file(content: Path) -> tuple[str, int]:
    (content / "media" / "2026" / "09" / "out.jpg").symlink_to("/etc/passwd")
    return _photo("2026/09/out.jpg")(content)


def _symlinked_folder(content: Path) -> tuple[str, int]:
    outside = content.parent / "outside"
    outside.mkdir()
    shutil.copy(content / "media" / "2026" / "09" / "feast.jpg", outside / "x.jpg")
    (content / "media" / "elsewhere").symlink_to(outside, target_is_directory=True)
    return _photo("elsewhere/x.jpg")(content)


def _alias_bomb(content: Path) -> tuple[str, int]:
    lines = ['a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    lines += [f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]" for i in range(1, 12)]
    (content / "groups" / "nuanxin.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "groups/nuanxin.yml", 0


def _gbk(content: Path) -> tuple[str, int]:
    record = content / "people" / "chen-guoqiang.yml"
    record.write_bytes(record.read_text(encoding="utf-8").encode("gbk"))
    return "people/chen-guoqiang.yml", 1


def _three_megabytes(content: Path) -> tuple[str, int]:
    record = content / ACTIVITY
    record.write_text(record.read_text(encoding="utf-8") + "# " + "楼" * (1024 * 1024) + "\n", encoding="utf-8")
    return ACTIVITY, 1


CASES = {
    "parent folder": (_photo("../../etc/passwd"), "照片路径不能包含“..”"),
    "parent folder, backslashes": (_photo("2026\\..\\..\\..\\x.jpg"), "照片路径不能包含“..”"),
    "absolute path": (_photo("/etc/passwd"), "不能是网址或绝对路径"),
    "web address": (_photo("https://evil.example/x.jpg"), "不能是网址或绝对路径"),
    "file: address": (_photo("file:///etc/passwd"), "不能是网址或绝对路径"),
    "NUL byte": (_photo("2026/09/feast.jpg\x00.png"), "控制字符"),
    "symlink out of media": (_symlinked_file, "指向 media/ 文件夹之外"),
    "symlinked folder out of media": (_symlinked_folder, "指向 media/ 文件夹之外"),
    "alias bomb": (_alias_bomb, "别名"),
    "GBK file": (_gbk, "GBK"),
    "3 MB file": (_three_megabytes, "文件过大"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_the_file_named_and_the_site_untouched(case: str, good_site: GoodSite, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, content)
    change, message = CASES[case]
    relative, line = change(content)
    before = tree_state(good_site.out)
    result = jinlin("build", "--content", str(content), "--site-dir", str(good_site.site),
                    env={"JINLIN_CACHE": str(good_site.cache)})
    assert result.returncode == 1
    located = [text for text in result.stderr.splitlines() if f"{content}/{relative}:" in text and message in text]
    assert located, result.stderr
    if line:
        assert located[0].startswith(f"{content}/{relative}:{line}:")
    assert "Traceback" not in result.stderr + result.stdout and "内部错误" not in result.stderr
    assert tree_state(good_site.out) == before


def test_an_alias_bomb_is_refused_within_a_second(tmp_path: Path) -> None:
    (tmp_path / "groups").mkdir()
    _alias_bomb(tmp_path)
    started = time.process_time()
    doc, problems = load_yaml_file(tmp_path / "groups" / "nuanxin.yml", "groups/nuanxin.yml")
    assert time.process_time() - started < 1.0  # 9**12 strings would take hours and all memory
    assert doc is None and "别名" in problems[0].message


@pytest.mark.parametrize("kind", ["full build", "update"])
def test_a_build_failing_half_way_leaves_the_old_site(kind: str, good_site: GoodSite, tmp_path: Path) -> None:
    """The search indexer crashes after every page is written: over a site built from other
    content (a full build), and over this content's own site (an update of changed files)."""
    content = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, content)
    out, cache = (good_site.out, good_site.cache) if kind == "full build" else (tmp_path / "out", tmp_path / "cache")
    if kind == "update":
        first = jinlin("build", "--content", str(content), "--site-dir", str(out / "site"), "--no-pdf",
                       env={"JINLIN_CACHE": str(cache)})
        assert first.returncode == 0, first.stderr
    record = content / ACTIVITY
    record.write_text(record.read_text(encoding="utf-8").replace("拉家常", "猜灯谜"), encoding="utf-8")
    crashing = fake_pagefind(tmp_path / "fake", "import sys\nsys.stderr.write('索引程序崩溃了')\nsys.exit(3)\n")
    before = tree_state(out)
    result = jinlin("build", "--content", str(content), "--site-dir", str(out / "site"), "--no-pdf",
                    env={"JINLIN_CACHE": str(cache), **crashing})
    assert result.returncode == 1
    assert "搜索索引（Pagefind）生成失败" in result.stderr and "索引程序崩溃了" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_state(out) == before


def test_the_good_site_is_really_there(good_site: GoodSite) -> None:
    assert (good_site.site / "index.html").is_file() and (good_site.site / "pagefind" / "pagefind.js").is_file()
    assert [p.name for p in good_site.out.iterdir()] == ["site"]
    assert os.listdir(good_site.site)

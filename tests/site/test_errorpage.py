"""The preview's error page: what it lists, how it is laid out, and the plugin serving it
instead of the site in ``serve`` mode (a real MkDocs build with the serve flag)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitetools import ROOT

from generator.errors import Problem, Severity
from generator.site.errorpage import ContentFolder, error_site, group_problems, render_error_page

MINI = ROOT / "tests" / "fixtures" / "mini"
ACTIVITY = "activities/2026/10/2026-10-10-loudao-qingli.yml"


def _problems(root: str) -> list[Problem]:
    return [
        Problem(f"{root}/ratings/2026-10/a.yml", 22, 7, "只有 1 次抽查", "buildings[2]", severity=Severity.WARNING),
        Problem(f"{root}/{ACTIVITY}", 14, 1, "不认识的字段“participant”", "participant"),
        Problem(f"{root}/{ACTIVITY}", 3, 7, "日期格式不对：“10月10日”", "date"),
    ]


def test_problems_are_grouped_by_file_errors_first_then_by_line(tmp_path: Path) -> None:
    folder = ContentFolder(tmp_path / "content", str(tmp_path / "content"))
    groups = group_problems(_problems(str(tmp_path / "content")), folder)
    assert [g.path for g in groups] == [f"content/{ACTIVITY}", "content/ratings/2026-10/a.yml"]
    assert [p.line for p in groups[0].problems] == [3, 14]
    assert (groups[0].errors, groups[0].warnings, groups[1].errors, groups[1].warnings) == (2, 0, 0, 1)


def test_page_lists_each_problem_at_file_line_column_with_field_and_source(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "activities/2026/10").mkdir(parents=True)
    (content / ACTIVITY).write_text("title: 楼道清理\n\ndate: 10月10日\n", encoding="utf-8")
    html = render_error_page(_problems("content"), ContentFolder(content, "content"))
    text = re.sub(r"<[^>]+>", "", html)
    assert "内容有 2 处错误、1 处警告" in text
    assert "保存文件后页面会自动刷新" in text
    assert f"content/{ACTIVITY}:3:7" in text and f"content/{ACTIVITY}:14:1" in text
    assert "日期格式不对：“10月10日”" in text and "字段：date" in text
    assert "3 │ date: 10月10日" in text  # the offending line of YAML, numbered
    assert text.index("content/activities") < text.index("content/ratings")
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html


def test_user_text_in_messages_is_escaped(tmp_path: Path) -> None:
    problem = Problem("content/a.yml", 1, 1, "值“<script>alert(1)</script>”不对", "<b>")
    html = render_error_page([problem], ContentFolder(tmp_path, "content"))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>" not in html


def test_paths_outside_the_content_folder_are_shown_as_they_are(tmp_path: Path) -> None:
    folder = ContentFolder(tmp_path / "content", "/srv/content")
    assert folder.short("/srv/content/people/a.yml") == "content/people/a.yml"
    assert folder.short("/srv/content") == "/srv/content"  # "找不到内容文件夹" names the folder itself
    assert folder.file("elsewhere/a.yml") is None


def test_home_and_fallback_are_one_self_contained_page_with_its_own_reloader(tmp_path: Path) -> None:
    files = error_site(_problems("content"), ContentFolder(tmp_path, "content"))
    assert set(files) == {"index.html", "404.html"} and files["index.html"] == files["404.html"]
    html = files["404.html"].decode("utf-8")
    assert not re.search(r"\s(href|src)=", html)  # served at every depth: nothing relative to load
    assert "/livereload/" in html and "location.reload()" in html


@pytest.fixture
def serve_config(mini_content: Path, tmp_path: Path) -> Iterator[Any]:
    """The MkDocs config of ``mkdocs serve`` for a copy of the mini content.

    MkDocs keeps one instance of a plugin with ``on_startup`` for the whole process, so the
    serve flag is put back afterwards: later builds in this test run are real builds."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["jinlin"]
    plugin.config.content, plugin.config.cache_dir = str(mini_content), str(tmp_path / "cache")
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield config
    finally:
        config.plugins.on_startup(command="build", dirty=False)


@pytest.mark.slow
def test_serve_mode_shows_the_problems_at_every_address_then_the_site_again(mini_content: Path,
                                                                              serve_config: Any) -> None:
    from mkdocs.commands.build import build

    activity = mini_content / ACTIVITY
    good = activity.read_text(encoding="utf-8")
    activity.write_text(good.replace("date: 2026-10-10", "date: 10月10日"), encoding="utf-8")
    site, config = Path(serve_config.site_dir), serve_config
    build(config)  # no exception: serve keeps running
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "index.html"]
    assert f"content/{ACTIVITY}:3:7" in (site / "404.html").read_text(encoding="utf-8")
    activity.write_text(good, encoding="utf-8")
    build(config)
    assert not (site / "404.html").exists()
    assert "<title>邵武近邻党建</title>" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "activities" / "2026-10-10-loudao-qingli" / "index.html").is_file()


def test_mkdocs_serve_has_live_reload_on_by_default() -> None:
    """click 8.2.2–8.3.x silently turned ``mkdocs serve``'s --livereload default off."""
    from mkdocs.__main__ import cli

    assert cli.commands["serve"].make_context("serve", []).params["livereload"] is True

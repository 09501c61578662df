"""Pagefind's service mode: a rebuild's changed pages are indexed by a Pagefind process
started while the content loads (its Chinese dictionary takes a third of a second to
load), with the program on its own as the fallback. Real Pagefind throughout."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from sitetools import ROOT

from generator.site import searchindex
from generator.site.searchindex import Indexing, PagefindService, page_ids, pagefind_program

ACTIVITY = "activities/2026/08/2026-08-15-loudao-qingli.yml"
URL = "activities/2026-08-15-loudao-qingli/"


def _pages(folder: Path) -> Path:
    """Three searchable pages in Chinese, with a filter, as the search sources hold them."""
    for number, (title, text, kind) in enumerate([
        ("楼道清理", "天润小区的党员和居民一起清理楼道杂物，楼道焕然一新。", "环境整治"),
        ("邻里议事", "红色会客厅一月一主题，本月议题是加装电梯。", "议事协商"),
        ("微心愿", "帮帮团认领了独居老人的微心愿：一台收音机。", "帮扶"),
    ]):
        page = folder / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="zh-cn"><head><title>{title}</title></head><body data-pagefind-body>'
                        f'<h1>{title}</h1><p>{text}</p><span data-pagefind-filter="类型">{kind}</span>'
                        "</body></html>", encoding="utf-8")
    return folder


def _bundle(folder: Path) -> dict[str, bytes]:
    """The bundle's page fragments and word index, by file name (its metadata file lists
    the filters in an order that differs from run to run of the program itself)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for part in ("fragment", "index") for p in sorted((folder / part).iterdir())}


def test_the_service_indexes_a_folder_as_the_program_does(tmp_path: Path) -> None:
    site = _pages(tmp_path / "sources")
    alone = Indexing(site, tmp_path / "alone")
    alone.wait()
    service = PagefindService(pagefind_program())
    try:
        served = Indexing(site, tmp_path / "served", service)
        served.wait()
        assert served.process is None and service.alive()  # no program was started
    finally:
        service.stop()
    assert (tmp_path / "served" / "pagefind.js").is_file()
    assert _bundle(tmp_path / "served") == _bundle(tmp_path / "alone") and len(_bundle(tmp_path / "alone")) >= 4
    assert page_ids(tmp_path / "served") == page_ids(tmp_path / "alone")
    assert len(page_ids(tmp_path / "served")) == 3


def test_an_edit_is_indexed_by_the_warm_service(site_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    started, served = _watch(monkeypatch)
    _edit(site_copy)
    _build(site_copy, site, cache)
    assert served == [True] and started == []  # the program never ran on its own
    _delta_holds_the_edit(site)
    service = searchindex.warm_service()
    assert service is not None  # still running, for the next build (serve makes many)
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("窗明几净", "干净整洁"), encoding="utf-8")
    _build(site_copy, site, cache)
    assert served == [True, True] and started == [] and searchindex.warm_service() is service
    assert "干净整洁" in (site / "activities/2026-08-15-loudao-qingli/index.html").read_text(encoding="utf-8")


def test_a_failing_service_hands_the_pages_to_the_program(site_copy: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    started, served = _watch(monkeypatch, kill_first=True)
    _edit(site_copy)
    _build(site_copy, site, cache)
    assert served == [False] and len(started) == 1
    _delta_holds_the_edit(site)
    assert not list(tmp_path.glob(".site.*"))  # no scratch folder left


def test_a_service_that_does_not_answer_is_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "REPLY_LIMIT", 0.5)
    silent = PagefindService((sys.executable, "-c", "import time; time.sleep(60)"))
    began = time.monotonic()
    assert not silent.index(_pages(tmp_path / "sources"), tmp_path / "out")
    assert time.monotonic() - began < 10 and not silent.alive()


def test_ctrl_c_reaching_the_service_starts_no_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C goes to the whole process group: a service it ended is not replaced by the
    program on its own, and the run reports that it was interrupted."""
    import os
    import signal

    from generator.errors import BuildError

    started = _no_program(monkeypatch)
    silent = PagefindService((sys.executable, "-c", "import time; time.sleep(60)"))
    running = Indexing(_pages(tmp_path / "sources"), tmp_path / "out", silent)
    os.kill(silent.process.pid, signal.SIGINT)
    with pytest.raises(BuildError, match="已中断"):
        running.wait()
    assert started == [] and running.interrupted() and running.process is None


def test_a_cancelled_run_starts_no_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` stopped while the service indexes: the service ends, no program starts
    after it, and the waiting side hears that the run was interrupted."""
    from generator.errors import BuildError

    started = _no_program(monkeypatch)
    searchindex.stop_service()
    silent = PagefindService((sys.executable, "-c", "import time; time.sleep(60)"))
    searchindex._SERVICE.append(silent)  # the warm service of this process
    running = Indexing(_pages(tmp_path / "sources"), tmp_path / "out", silent)
    began = time.monotonic()
    running.cancel()
    assert time.monotonic() - began < 10 and not silent.alive() and searchindex.warm_service() is None
    with pytest.raises(BuildError, match="已中断"):
        running.wait()
    assert started == [] and running.interrupted()


def test_only_the_installed_binary_is_kept_warm(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A program named by PAGEFIND_BINARY_PATH may be anything (the safety tests' stand-ins
    are), and settings Pagefind reads itself reach only the program: it then runs on its
    own, once per build, as before."""
    searchindex.stop_service()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "pagefind"))
    searchindex.warm_up()
    assert searchindex.warm_service() is None
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("exclude_selectors: ['nav']\n", encoding="utf-8")
    searchindex.warm_up()  # the program would read these settings; the service would not
    assert searchindex.warm_service() is None
    (tmp_path / "pagefind.yml").unlink()
    searchindex.warm_up()
    try:
        assert searchindex.warm_service() is not None
    finally:
        searchindex.stop_service()


# -- helpers -----------------------------------------------------------------------------------
def _no_program(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Folders the program on its own would have been started for (it is not started)."""
    started: list[Path] = []
    monkeypatch.setattr(Indexing, "_start", lambda self: started.append(self.site))
    return started


def _build(content: Path, site: Path, cache: Path) -> None:
    from generator.commands.build import run_build

    run_build(str(content), str(site), pdf=False, config_file=str(ROOT / "mkdocs.yml"), cache_dir=str(cache))


def _edit(content: Path) -> None:
    activity = content / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")


def _watch(monkeypatch: pytest.MonkeyPatch, *, kill_first: bool = False) -> tuple[list[Path], list[bool]]:
    """Which Pagefind runs the program on its own (their folders) and what the service's
    runs gave; ``kill_first``: the service dies just before it is asked."""
    started: list[Path] = []
    served: list[bool] = []
    start, index = Indexing._start, PagefindService.index

    def watched_start(self: Indexing) -> None:
        started.append(self.site)
        start(self)

    def watched_index(self: PagefindService, site: Path, output: Path) -> bool:
        if kill_first:
            self.process.kill()
            self.process.wait()
        served.append(index(self, site, output))
        return served[-1]

    monkeypatch.setattr(Indexing, "_start", watched_start)
    monkeypatch.setattr(PagefindService, "index", watched_index)
    return started, served


def _delta_holds_the_edit(site: Path) -> None:
    delta = json.loads((site / "pagefind-delta" / "delta.json").read_text(encoding="utf-8"))
    assert delta["merge"] and len(delta["stale"]) == 1
    assert URL in page_ids(site / "pagefind-delta")
    assert "窗明几净" in (site / "activities/2026-08-15-loudao-qingli/index.html").read_text(encoding="utf-8")

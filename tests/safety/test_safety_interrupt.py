"""Ctrl-C during a real `jinlin build`: SIGINT to the whole process group (as a terminal
sends it, workers and the search indexer included) at several moments. The previous site
must stay byte for byte as it was, no temporary folder may remain, and the next build
with the same cache must give the complete, correct site."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from safetytools import ROOT, command_env, fake_pagefind, jinlin, tree_state

pytestmark = pytest.mark.slow

SITE_CONTENT = ROOT / "tests" / "fixtures" / "site-content"
BLOCKING_PAGEFIND = """\
import os, pathlib, sys, time
pathlib.Path(os.environ["JINLIN_TEST_MARK"]).write_text("indexing")
time.sleep(120)
sys.exit(1)
"""


def _files(site: Path) -> dict[str, str]:
    """File → hash, without Pagefind's bundle (its chunk names differ from run to run);
    compressed files by their content (a gzip header holds the time it was written)."""
    return {str(p.relative_to(site)): hashlib.sha256(_content(p)).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and not _search_bundle(str(p.relative_to(site)))}


def _search_bundle(path: str) -> bool:
    """Pagefind's main bundle and the delta bundle of pages changed since (see docs/performance.md)."""
    return path.split("/", 1)[0] in ("pagefind", "pagefind-delta")


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content built completely (with bulletins and search) from a cold cache;
    the cache folder is beside the site."""
    work = tmp_path_factory.mktemp("reference")
    result = jinlin("build", "--content", str(SITE_CONTENT), "--site-dir", str(work / "site"),
                    env={"JINLIN_CACHE": str(work / "cache")})
    assert result.returncode == 0, result.stderr
    return work / "site"


def _staging(out: Path) -> list[Path]:
    return list(out.glob(".site.*"))


MOMENTS: dict[str, Callable[[Path, Path, Path], bool]] = {
    # the bulletins' photos are being prepared: PDF rendering in worker processes is next
    "bulletins": lambda out, cache, mark: bool(_staging(out)) and (cache / "bulletins" / "photos").is_dir(),
    # MkDocs is writing pages into the temporary folder
    "pages": lambda out, cache, mark: any((s / "index.html").exists() for s in _staging(out)),
    # every page is written and the search indexer runs
    "search": lambda out, cache, mark: mark.exists(),
}


def _interrupt(moment: str, out: Path, cache: Path, tmp_path: Path, content: Path = SITE_CONTENT,
               *options: str) -> subprocess.CompletedProcess[str]:
    mark = tmp_path / "indexing"
    env = {"JINLIN_CACHE": str(cache), "JINLIN_TEST_MARK": str(mark)}
    if moment == "search":
        env.update(fake_pagefind(tmp_path / "fake", BLOCKING_PAGEFIND))
    command = [sys.executable, "-m", "generator.cli", "build", "--content", str(content),
               "--site-dir", str(out / "site"), *options]
    process = subprocess.Popen(command, cwd=ROOT, env=command_env(env), start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not MOMENTS[moment](out, cache, mark):
            assert process.poll() is None, f"the build ended before the {moment} moment: {process.stderr.read()}"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group
        stdout, stderr = process.communicate(timeout=120)
        assert not _group_alive(process.pid), "a worker or the indexer outlived the interrupted build"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _group_alive(group: int) -> bool:
    for _ in range(100):  # orphans are reparented and may take a moment to exit
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_ctrl_c_leaves_the_old_site_and_a_cache_that_builds_the_same_site(
        moment: str, reference: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(reference, out / "site")  # the site from before, for this build to replace
    if moment != "bulletins":  # only the bulletins need a cold cache to be caught rendering
        shutil.copytree(reference.parent / "cache", cache)
    before = tree_state(out)
    interrupted = _interrupt(moment, out, cache, tmp_path)
    assert interrupted.returncode != 0
    assert "Traceback" not in interrupted.stderr and "已中断" in interrupted.stderr
    assert tree_state(out) == before  # byte for byte, same times, no temporary folder left
    again = jinlin("build", "--content", str(SITE_CONTENT), "--site-dir", str(out / "site"),
                   env={"JINLIN_CACHE": str(cache)})
    assert again.returncode == 0, again.stderr
    assert _files(out / "site") == _files(reference)
    assert (out / "site" / "pagefind" / "pagefind.js").is_file()
    assert not _staging(out)


def test_ctrl_c_while_updating_a_published_site_leaves_it_as_it_was(tmp_path: Path) -> None:
    """The second build of a site updates it (only changed files); interrupted while the
    search index is made, after every page is written, the site must be the first build's."""
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(SITE_CONTENT, content)
    first = jinlin("build", "--content", str(content), "--site-dir", str(out / "site"), "--no-pdf",
                   env={"JINLIN_CACHE": str(cache)})
    assert first.returncode == 0, first.stderr
    record = content / "activities" / "2026" / "09" / "2026-09-10-zhongqiu.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("拉家常", "猜灯谜"), encoding="utf-8")
    before = tree_state(out)
    interrupted = _interrupt("search", out, cache, tmp_path, content, "--no-pdf")
    assert interrupted.returncode != 0 and "Traceback" not in interrupted.stderr
    assert tree_state(out) == before
    again = jinlin("build", "--content", str(content), "--site-dir", str(out / "site"), "--no-pdf",
                   env={"JINLIN_CACHE": str(cache)})
    assert again.returncode == 0, again.stderr
    page = (out / "site" / "activities" / "2026-09-10-zhongqiu" / "index.html").read_text(encoding="utf-8")
    assert "猜灯谜" in page and "拉家常" not in page
    assert sorted(_files(out / "site")) == sorted(_files_of(before))
    delta = json.loads((out / "site" / "pagefind-delta" / "delta.json").read_text(encoding="utf-8"))
    assert delta["merge"] and len(delta["stale"]) == 1  # the edited page is searched in its new wording
    assert not _staging(out)


def _files_of(state: dict[str, tuple[str, int, str]]) -> list[str]:
    """The site's files in a :func:`tree_state` of its parent folder (Pagefind's left out)."""
    return [path.removeprefix("site/") for path, (kind, _, _) in state.items()
            if kind == "file" and path.startswith("site/") and not _search_bundle(path.removeprefix("site/"))]

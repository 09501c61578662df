"""Safety fixtures: the hostile content and the shipped content, each built once per session
with the real ``jinlin build`` in a subprocess, into temporary folders with their own cache."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from safetytools import HOSTILE, SHIPPED, command_env, jinlin, tree_state


@dataclass(frozen=True)
class Build:
    """One real build: its folders and what the command printed."""

    content: Path
    site: Path
    cache: Path
    result: subprocess.CompletedProcess[str] = field(repr=False)
    before: dict[str, tuple[str, int, str]] = field(repr=False, default_factory=dict)
    """The content folder before the build: paths, kinds, times and hashes."""

    @property
    def print_dir(self) -> Path:
        """Certificates and plaques: written beside the site, never into it."""
        return self.site.parent / "print"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """tests/fixtures/hostile built with bulletins (PDFs) and search, from a copy."""
    work = tmp_path_factory.mktemp("hostile")
    content = work / "content"
    shutil.copytree(HOSTILE, content)
    before = tree_state(content)
    result = jinlin("build", "--content", str(content), "--site-dir", str(work / "site"),
                    env={"JINLIN_CACHE": str(work / "cache")})
    return Build(content, work / "site", work / "cache", result, before)


@pytest.fixture(scope="session")
def hostile_print_edition(hostile: Build) -> Path:
    """The hostile month as the print shop gets it (`jinlin bulletin --edition print`)."""
    target = hostile.site.parent / "bulletin" / "jinlin-2026-10-print.pdf"
    result = jinlin("bulletin", "2026-10", "--content", str(hostile.content), "--edition", "print",
                    "--output", str(target), env={"JINLIN_CACHE": str(hostile.cache)})
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def hostile_certificates(hostile: Build) -> Path:
    """The hostile month's 荣誉证书 (`jinlin certificates`; without rating sheets, so that no
    plaque is made: certificates only)."""
    content = hostile.site.parent / "content-without-ratings"
    shutil.copytree(hostile.content, content, ignore=shutil.ignore_patterns("ratings"))
    target = hostile.site.parent / "certificates"
    result = jinlin("certificates", "2026-10", "--content", str(content), "--output", str(target),
                    env={"JINLIN_CACHE": str(hostile.cache)})
    assert result.returncode == 0, result.stderr
    return target


@dataclass(frozen=True)
class ShippedBuilds:
    """content/ built by `jinlin build --no-pdf` and by `mkdocs build` (with bulletins), then
    checked, counted, reviewed and printed by the other commands that read it."""

    jinlin_site: Path
    mkdocs_site: Path
    before: dict[str, tuple[str, int, str]]
    after: dict[str, tuple[str, int, str]]


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> ShippedBuilds:
    """The shipped content/ itself (not a copy), with content/ snapshotted around both builds."""
    work = tmp_path_factory.mktemp("shipped")
    # the cache where `jinlin bulletin`, run in ``work``, looks too: the PDF is rendered once
    env = {"JINLIN_CACHE": str(work / ".cache" / "jinlin")}
    before = tree_state(SHIPPED)
    built = jinlin("build", "--content", str(SHIPPED), "--site-dir", str(work / "site"), "--no-pdf", env=env)
    assert built.returncode == 0, built.stderr
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "mkdocs-site")],
        cwd=SHIPPED.parent, capture_output=True, text=True, timeout=600,
        env=command_env({**env, "JINLIN_CONTENT": str(SHIPPED)}),
    )
    assert mkdocs.returncode == 0, mkdocs.stderr
    for command in (["check"], ["stats"], ["review", "2026-10"],
                    ["bulletin", "2026-10", "--output", str(work / "bulletin.pdf")]):
        # the commands that only read content/, run where they may write their own caches
        done = jinlin(*command, "--content", str(SHIPPED), env=env, cwd=work)
        assert done.returncode == 0, (command, done.stderr)
    return ShippedBuilds(work / "site", work / "mkdocs-site", before, tree_state(SHIPPED))

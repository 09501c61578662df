"""Site fixtures: the fixture content and the shipped content, each built once per session
with the real ``jinlin build`` into temporary folders, plus the public view for unit tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitetools import ROOT, SHIPPED_CONTENT, SITE_CONTENT

from generator.model.public import PublicView
from generator.project import require_content


@pytest.fixture(scope="session")
def site_view() -> PublicView:
    """The public view of tests/fixtures/site-content."""
    content, _ = require_content(SITE_CONTENT)
    return PublicView(content)


@pytest.fixture(scope="session")
def site_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session (photo variants, generated pages, PDFs)."""
    return tmp_path_factory.mktemp("jinlin-cache")


def _build(content: Path, target: Path, cache: Path, pdf: bool) -> Path:
    from generator.commands.build import run_build

    return run_build(str(content), str(target), pdf=pdf, config_file=str(ROOT / "mkdocs.yml"),
                     cache_dir=str(cache))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_cache: Path) -> Path:
    """tests/fixtures/site-content built with bulletins (PDFs) and search."""
    return _build(SITE_CONTENT, tmp_path_factory.mktemp("built") / "site", site_cache, pdf=True)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory, site_cache: Path) -> Path:
    """The shipped content/ built as `jinlin build --no-pdf` does it (the PDFs are the print
    tests' business; `built_site` covers their place in the site)."""
    return _build(SHIPPED_CONTENT, tmp_path_factory.mktemp("shipped") / "site", site_cache, pdf=False)


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the site fixture content."""
    target = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, target)
    yield target

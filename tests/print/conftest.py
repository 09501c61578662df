"""Print fixtures: the bulletins of tests/fixtures/print-content, rendered once per session
(both editions, through the real worker pool) and read back with poppler and pypdf."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pdfread import MONTH, PRINT_CONTENT

from generator.model.public import PublicView
from generator.print.bulletins import BulletinFile, render_bulletins
from generator.project import require_content


@pytest.fixture(scope="session")
def print_view() -> PublicView:
    content, _ = require_content(PRINT_CONTENT)
    return PublicView(content)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def render_warnings() -> list[str]:
    """What WeasyPrint warned about while the session's bulletins were rendered."""
    return []


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory,
             render_warnings: list[str]) -> dict[tuple[str, str], BulletinFile]:
    """Every month of the fixture in both editions, keyed (month, edition)."""
    root = tmp_path_factory.mktemp("bulletins")
    content, _ = require_content(PRINT_CONTENT)
    handler = _Warnings()
    logging.getLogger("jinlin.print").addHandler(handler)
    try:
        files = render_bulletins(content, root / "out", jobs=2, editions=("archive", "print"),
                                 cache_dir=root / "cache")
    finally:
        logging.getLogger("jinlin.print").removeHandler(handler)
    render_warnings.extend(handler.messages)
    return {(f.month, f.edition): f for f in files}


@pytest.fixture(scope="session")
def archive_pdf(rendered: dict[tuple[str, str], BulletinFile]) -> Path:
    return rendered[(MONTH, "archive")].path


@pytest.fixture(scope="session")
def print_pdf(rendered: dict[tuple[str, str], BulletinFile]) -> Path:
    return rendered[(MONTH, "print")].path

"""The cache: unchanged months are copied, changed months rendered again, old files removed.

WeasyPrint is replaced by a stand-in that writes a small file per job, so that these tests
check which months are rendered without paying for rendering (the real renders are in
test_bulletin_pdf.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from pdfread import PRINT_CONTENT

from generator.model.public import PublicView
from generator.print import bulletins
from generator.print.bulletin import build_bulletin
from generator.print.pdf import RenderJob, RenderResult
from generator.project import require_content


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Each call of the renderer, as the list of month/edition names it was given."""
    calls: list[list[str]] = []

    def fake_run(jobs: Iterable[RenderJob], workers: int, **_: object) -> list[RenderResult]:
        jobs = list(jobs)
        calls.append([_name(job) for job in jobs])
        for job in jobs:
            Path(job.target).parent.mkdir(parents=True, exist_ok=True)
            Path(job.target).write_bytes(b"%PDF-stand-in " + job.html.encode()[-40:])
        return [RenderResult(job.target, 1, False, ()) for job in jobs]

    monkeypatch.setattr(bulletins, "_run", fake_run)
    return calls


def _name(job: RenderJob) -> str:
    return f"{job.id_prefix[1:]}{'-print' if job.cmyk else ''}"


def _render(content_dir: Path, tmp_path: Path, editions: tuple[str, ...] = ("archive", "print")):  # type: ignore[no-untyped-def]
    content, _ = require_content(content_dir)
    return bulletins.render_bulletins(PublicView(content), tmp_path / "out", editions=editions,
                                      cache_dir=tmp_path / "cache")


def test_unchanged_months_are_not_rendered_again(tmp_path: Path, renders: list[list[str]]) -> None:
    first = _render(PRINT_CONTENT, tmp_path)
    second = _render(PRINT_CONTENT, tmp_path)
    assert len(renders[0]) == 6 and renders[1] == []
    assert [f.path.read_bytes() for f in first] == [f.path.read_bytes() for f in second]


def test_only_the_edited_month_is_rendered_again(tmp_path: Path, renders: list[list[str]]) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(PRINT_CONTENT, content_dir)
    _render(content_dir, tmp_path)
    record = content_dir / "activities" / "2026" / "10" / "2026-10-28-lifa.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("义务理发", "义务理发和修鞋"),
                      encoding="utf-8")
    _render(content_dir, tmp_path)
    assert sorted(renders[1]) == ["2026-10", "2026-10-print"]


def test_months_that_lost_their_content_lose_their_file(tmp_path: Path, renders: list[list[str]]) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(PRINT_CONTENT, content_dir)
    _render(content_dir, tmp_path)
    shutil.rmtree(content_dir / "activities" / "2025")
    files = _render(content_dir, tmp_path, editions=("archive",))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert [f.month for f in files] == ["2026-09", "2026-10"]
    assert names == ["jinlin-2025-12-print.pdf", "jinlin-2026-09-print.pdf", "jinlin-2026-09.pdf",
                     "jinlin-2026-10-print.pdf", "jinlin-2026-10.pdf"]


def test_an_unchanged_folder_is_neither_loaded_nor_prepared(tmp_path: Path, renders: list[list[str]],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(PRINT_CONTENT, content_dir)

    def run(out: str) -> list[bulletins.BulletinFile]:
        return bulletins.render_bulletins_in(content_dir, tmp_path / out, editions=("archive",),
                                             cache_dir=tmp_path / "cache")

    first = run("out")
    load = bulletins.require_content
    monkeypatch.setattr(bulletins, "require_content", _refuse)
    monkeypatch.setattr(bulletins, "build_bulletin", _refuse)
    again = run("again")
    assert len(renders) == 1 and [f.path.name for f in again] == [f.path.name for f in first]
    assert [(f.month, f.issue, f.total_issue, f.title, f.pages) for f in again] == [
        (f.month, f.issue, f.total_issue, f.title, f.pages) for f in first]
    assert [f.path.read_bytes() for f in again] == [f.path.read_bytes() for f in first]

    record = content_dir / "activities" / "2026" / "10" / "2026-10-28-lifa.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("义务理发", "义务理发和修鞋"), encoding="utf-8")
    monkeypatch.setattr(bulletins, "require_content", load)
    monkeypatch.setattr(bulletins, "build_bulletin", build_bulletin)
    run("out")
    assert renders[1] == ["2026-10"], "the folder changed: loaded again, only the edited month rendered"


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("nothing changed: nothing should be loaded or prepared")

"""Certificates and plaques to PDF: plans, the cache of unchanged files, the worker pool.

Rendering reuses the bulletin's machinery: :func:`~generator.print.pdf.render_job`
(WeasyPrint in a worker forked from the render fork server of
:mod:`generator.print.workers`; stable dates and document ID, RGB black turned into K for
PDF/X), the font check and the manifest cache
(:class:`~generator.print.cache.BulletinCache`, here under ``.cache/jinlin/certificates/``).
Files land in ``<out>/<YYYY-MM>/certificates-YYYY-MM.pdf`` and ``plaques-YYYY-MM.pdf``.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.model.content import Content
from generator.print.cache import BulletinCache, cache_key
from generator.print.editions import PRINT
from generator.print.fonts import require_fonts
from generator.print.honours.html import certificates_html, plaques_html
from generator.print.honours.records import MonthHonours, honour_months, month_honours
from generator.print.pdf import RenderJob, RenderResult, render_job
from generator.print.workers import render_pool

DEFAULT_CACHE = Path(".cache/jinlin/certificates")
RENDER_VERSION = "honours-1"
"""Part of every cache key: bump to re-render after a change the HTML does not show."""
KIND_LABELS = {"certificates": "荣誉证书", "plaques": "星级楼栋牌匾"}
TOO_LONG = {
    "certificates": "有一份证书的文字超出了一页：请缩短颁奖词（citation）或 site.yml 中的 publisher。",
    "plaques": "有一块牌匾的文字超出了一页：请缩短社区、小区或楼栋的名称，或考核指标的名称。",
}
_FILE = re.compile(r"(certificates|plaques)-(\d{4}-\d{2})\.pdf")


@dataclass(frozen=True)
class HonoursFile:
    """One rendered PDF: all of a month's certificates, or all of its plaques."""

    month: str
    kind: str
    """``certificates`` or ``plaques``."""
    path: Path
    pages: int

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class _Plan:
    month: str
    kind: str
    name: str
    key: str
    pages: int
    """Pages there must be: one per certificate or plaque."""
    job: RenderJob


def file_name(kind: str, month: str) -> str:
    """``certificates-2026-10.pdf`` / ``plaques-2026-10.pdf``."""
    return f"{kind}-{month}.pdf"


def render_month(content: Content, month: str, out_dir: Path, *, jobs: int = 2,
                 cache_dir: Path | None = None) -> list[HonoursFile]:
    """Render ``month`` into ``out_dir/YYYY-MM/``; ``LookupError`` if the month has neither
    an honour nor a building with stars. A kind the month no longer has loses its file."""
    honours = month_honours(content, month)
    if not honours:
        raise LookupError(month)
    return _render(content, [honours], Path(out_dir), jobs, cache_dir)


def render_all(content: Content, out_dir: Path, *, jobs: int = 2,
               cache_dir: Path | None = None) -> list[HonoursFile]:
    """Render every month with honours or stars (unchanged files come from the cache) and
    remove this renderer's files for months that no longer have any."""
    months = [month_honours(content, month) for month in honour_months(content)]
    files = _render(content, months, Path(out_dir), jobs, cache_dir)
    _remove_stale(Path(out_dir), {f.path.name for f in files})
    return files


def _render(content: Content, months: list[MonthHonours], out_dir: Path, jobs: int,
            cache_dir: Path | None) -> list[HonoursFile]:
    cache = BulletinCache(cache_dir or DEFAULT_CACHE)
    plans = [plan for honours in months for plan in _plans(content, honours, cache)]
    todo = [p for p in plans if cache.lookup(p.name, p.key) is None]
    if todo:
        require_fonts(content.site.fonts)
    too_long = []
    for plan, result in zip(todo, _run([p.job for p in todo], jobs), strict=True):
        if result.pages == plan.pages:
            cache.record(plan.name, plan.key, result.pages)
        else:  # a page that spilled over: never hand that file to a print shop
            Path(plan.job.target).unlink(missing_ok=True)
            too_long.append(f"{plan.name}：应为 {plan.pages} 页，实际排成 {result.pages} 页。"
                            + TOO_LONG[plan.kind])
    cache.save()
    if too_long:
        raise BuildError("\n".join(too_long))
    files = [_publish(plan, cache, out_dir) for plan in plans]
    for honours in months:
        _remove_missing_kinds(out_dir / honours.month, {f.path.name for f in files})
    return files


def _plans(content: Content, honours: MonthHonours, cache: BulletinCache) -> list[_Plan]:
    fonts = content.site.fonts
    made = []
    if honours.certificates:
        made.append(_plan(honours, "certificates", certificates_html(honours, fonts),
                          len(honours.certificates), cache))
    if honours.plaques:
        made.append(_plan(honours, "plaques", plaques_html(honours, fonts),
                          len(honours.plaques), cache))
    return made


def _plan(honours: MonthHonours, kind: str, html: str, pages: int, cache: BulletinCache) -> _Plan:
    name = file_name(kind, honours.month)
    key = cache_key(html, f"{RENDER_VERSION}-{kind}", b"")
    job = RenderJob(
        html=html, target=str(cache.pdf_path(key)), pdf_variant=PRINT.pdf_variant,
        id_prefix=f"h{honours.month}", date=honours.date, document_id=f"jinlin:{name}:{key}",
        cmyk=True,
    )
    return _Plan(honours.month, kind, name, key, pages, job)


def _run(jobs: list[RenderJob], workers: int) -> list[RenderResult]:
    """Here for one job or one worker, else in the bulletins' pool of render workers (see
    :func:`generator.print.workers.render_pool`); every failure becomes a Chinese
    :class:`BuildError`."""
    try:
        if len(jobs) <= 1 or workers <= 1:
            return [render_job(job) for job in jobs]
        with render_pool(min(workers, len(jobs))) as pool:
            return list(pool.map(render_job, jobs))
    except (BrokenProcessPool, EOFError) as exc:
        raise BuildError("生成荣誉证书或牌匾的子进程意外退出，可能是内存不足。") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise BuildError(f"生成荣誉证书或牌匾失败：{exc}") from exc


def _publish(plan: _Plan, cache: BulletinCache, out_dir: Path) -> HonoursFile:
    target = out_dir / plan.month / plan.name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = cache.pdf_path(plan.key)
    if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):
        partial = target.with_name(f".{target.name}.part")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return HonoursFile(plan.month, plan.kind, target, cache.entries[plan.name].pages)


def _remove_missing_kinds(month_dir: Path, keep: set[str]) -> None:
    for path in month_dir.glob("*.pdf"):
        match = _FILE.fullmatch(path.name)
        if match and match.group(2) == month_dir.name and path.name not in keep:
            path.unlink()


def _remove_stale(out_dir: Path, keep: set[str]) -> None:
    """This renderer's files (and then empty month folders) for months without honours."""
    for month_dir in out_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]"):
        if month_dir.is_dir():
            _remove_missing_kinds(month_dir, keep)
            if not any(month_dir.iterdir()):
                month_dir.rmdir()

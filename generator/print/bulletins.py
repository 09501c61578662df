"""Monthly 工作简报 PDFs: the entry points the site build and ``jinlin bulletin`` call.

:func:`render_bulletins` renders every month that has content, skipping months whose
inputs have not changed (see :mod:`.cache`) and rendering the rest in parallel worker
processes (see :mod:`.workers`), each month handed over as soon as it is prepared.
:func:`bulletin_preview_html` gives the same content as an HTML fragment for the web
site's 工作简报 page.
"""

from __future__ import annotations

import filecmp
import logging
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load.session import collector_paused
from generator.model.content import Content
from generator.model.public import PublicPhoto, PublicView
from generator.print.bulletin import Bulletin, build_bulletin
from generator.print.cache import BulletinCache, cache_key
from generator.print.data import bulletin_json
from generator.print.editions import Edition, edition_named
from generator.print.fingerprint import read_folder, still_same
from generator.print.fonts import require_fonts
from generator.print.html import document_html, fragment_html
from generator.print.numbering import IssueNumber, issue_numbers
from generator.print.pdf import RenderJob, RenderResult
from generator.print.photos import PhotoStore
from generator.project import require_content

DEFAULT_CACHE = Path(".cache/jinlin/bulletins")
LOG = logging.getLogger("jinlin.print")
"""WeasyPrint's warnings from the workers (a missing image, an ignored CSS rule) land here."""


@dataclass(frozen=True)
class BulletinFile:
    """One rendered bulletin: 第 ``issue`` 期 of its year, 总第 ``total_issue`` 期."""

    month: str
    issue: int
    total_issue: int
    path: Path
    title: str
    """``近邻党建工作简报 2026年第3期``."""
    edition: str = "archive"
    pages: int = 0


@dataclass(frozen=True)
class _Plan:
    bulletin: Bulletin
    edition: Edition
    name: str
    key: str
    job: RenderJob


def render_bulletins(content: Content | PublicView, out_dir: Path, *, jobs: int = 2,
                     editions: Iterable[str] = ("archive",),
                     cache_dir: Path | None = None) -> list[BulletinFile]:
    """Render every month's bulletin into ``out_dir`` (ASCII names, e.g.
    ``jinlin-2026-10.pdf`` and ``jinlin-2026-10-print.pdf``); unchanged months are copied
    from the cache (default ``.cache/jinlin/bulletins/`` in the working directory).
    Older ``jinlin-*.pdf`` files of these editions for months without content are removed."""
    # preparing a city year makes ~100,000 small objects (24,000 scored buildings) on top
    # of the loaded content and few cycles: the collector's passes over that heap were
    # 0.8 s of the parent's 5 s
    with collector_paused(collect_first=False):
        view = content if isinstance(content, PublicView) else PublicView(content)
        chosen = [edition_named(name) for name in editions]
        cache = BulletinCache(cache_dir or DEFAULT_CACHE)
        numbers = issue_numbers(view)
        plans: list[_Plan] = []
        todo: list[_Plan] = []
        unknown = sum(e.file_name(m) not in cache.entries for m in numbers for e in chosen)
        results = _run(_jobs(view, numbers, chosen, cache, plans, todo), jobs, expected=unknown)
    for plan, result in zip(todo, results, strict=True):
        _report(plan.name, result)
        cache.record(plan.name, plan.key, result.pages)
    cache.save()
    files = [_publish(plan, cache, Path(out_dir)) for plan in plans]
    _remove_stale(Path(out_dir), chosen, {f.path.name for f in files})
    return files


def _jobs(view: PublicView, numbers: dict[str, IssueNumber], editions: list[Edition],
          cache: BulletinCache, plans: list[_Plan], todo: list[_Plan]) -> Iterator[RenderJob]:
    """Prepare month after month, yielding the jobs of those not in the cache; every plan
    goes to ``plans``, the ones to render also to ``todo``."""
    for month in numbers:
        bulletin = build_bulletin(view, month, numbers)
        for edition in editions:
            plan = _plan(view, bulletin, edition, cache)
            plans.append(plan)
            if cache.lookup(plan.name, plan.key) is None:
                if not todo:
                    require_fonts(view.site.fonts)
                todo.append(plan)
                yield plan.job


def render_bulletins_in(content_dir: Path, out_dir: Path, *, jobs: int = 2,
                        editions: Iterable[str] = ("archive",), cache_dir: Path | None = None,
                        content: Content | None = None) -> list[BulletinFile]:
    """:func:`render_bulletins` for the content folder ``content_dir``, which is loaded only
    if anything in it (or in jinlin) changed since the last run with this cache: otherwise
    every file is copied from the cache at once (see :mod:`.fingerprint`). ``content`` is
    the folder's content if the caller has just loaded it (it is trusted to be what the
    folder holds)."""
    chosen = list(editions)
    cache = BulletinCache(cache_dir or DEFAULT_CACHE)
    folder = read_folder(content_dir, chosen)
    key = folder.key
    remembered = cache.folder_files(key)
    if remembered is not None:
        files = [_copied(entry, cache, Path(out_dir)) for entry in remembered]
        _remove_stale(Path(out_dir), [edition_named(e) for e in chosen], {f.path.name for f in files})
        return files
    if content is None:
        content, _ = require_content(content_dir)
    files = render_bulletins(content, out_dir, jobs=jobs, editions=chosen, cache_dir=cache.root)
    if still_same(folder):  # nothing was edited while we worked
        cache = BulletinCache(cache.root)  # as render_bulletins left it
        cache.remember_folder(key, [_remembered(f, cache) for f in files])
    return files


def _remembered(file: BulletinFile, cache: BulletinCache) -> dict[str, Any]:
    entry = cache.entries[file.path.name]
    return {"name": file.path.name, "key": entry.key, "month": file.month, "issue": file.issue,
            "total_issue": file.total_issue, "title": file.title, "edition": file.edition,
            "pages": entry.pages}


def _copied(entry: dict[str, Any], cache: BulletinCache, out_dir: Path) -> BulletinFile:
    target = out_dir / str(entry["name"])
    out_dir.mkdir(parents=True, exist_ok=True)
    _copy(cache.pdf_path(str(entry["key"])), target)
    return BulletinFile(str(entry["month"]), int(entry["issue"]), int(entry["total_issue"]), target,
                        str(entry["title"]), str(entry["edition"]), int(entry["pages"]))


def render_bulletin(content: Content | PublicView, month: str, output: Path, *,
                    edition: str = "archive", cache_dir: Path | None = None) -> BulletinFile:
    """Render one month's bulletin to ``output`` in this process (``jinlin bulletin``).
    ``LookupError`` if the month has no content."""
    view = content if isinstance(content, PublicView) else PublicView(content)
    bulletin = build_bulletin(view, month)
    cache = BulletinCache(cache_dir or DEFAULT_CACHE)
    plan = _plan(view, bulletin, edition_named(edition), cache)
    if cache.lookup(plan.name, plan.key) is None:
        require_fonts(view.site.fonts)
        result = _run([plan.job], 1)[0]
        _report(plan.name, result)
        cache.record(plan.name, plan.key, result.pages)
        cache.save()
    output.parent.mkdir(parents=True, exist_ok=True)
    _copy(cache.pdf_path(plan.key), output)
    return _file(plan, output, cache)


def bulletin_preview_html(view: PublicView, month: str, *, media_url: str | None = None) -> str:
    """The month's bulletin as an HTML fragment (``<article class="bulletin-preview">``)
    made from the same templates as the PDF. Photos are shown when ``media_url`` (the web
    address of ``content/media/``, e.g. ``"/media/"``) is given. ``LookupError`` if the
    month has no content."""
    bulletin = build_bulletin(view, month)

    def photo_src(photo: PublicPhoto) -> str | None:
        return None if media_url is None else media_url.rstrip("/") + "/" + photo.file

    return fragment_html(bulletin, view.site.fonts, photo_src)


def preview_inputs(view: PublicView, month: str) -> tuple[object, ...]:
    """What :func:`bulletin_preview_html` reads from ``view`` for ``month`` besides
    :func:`preview_shared_inputs`, for the site to key the preview by (a rebuild makes
    again only the months whose inputs changed). Besides these, only the print templates
    and jinlin's code, which the site keys by too."""
    linked = [view.activity(r.id) for m in view.meetings_in(month) for r in m.activities]
    return (month, view.activities_in(month), view.rated_month(month), view.honoured_in(month), linked,
            view.month_figures(month))


def preview_shared_inputs(view: PublicView) -> tuple[object, ...]:
    """What every month's :func:`bulletin_preview_html` reads from ``view``."""
    return (issue_numbers(view), view.site, view.scoring, view.wishes, view.meetings, view.units,
            view.communities)


def _plan(view: PublicView, bulletin: Bulletin, edition: Edition, cache: BulletinCache) -> _Plan:
    photos = PhotoStore(view.content.media_root, cache.root / "photos", edition.greyscale_photos)
    html = document_html(bulletin, edition, view.site.fonts, photos.src)
    name = edition.file_name(bulletin.month)
    attachment = bulletin_json(bulletin).encode() if edition.attach_data else b""
    key = cache_key(html, edition.name, attachment)
    job = RenderJob(
        html=html, target=str(cache.pdf_path(key)), pdf_variant=edition.pdf_variant,
        id_prefix=bulletin.id_prefix, date=bulletin.date, document_id=f"jinlin:{name}:{key}",
        base_url=str(view.site.base_url) if view.site.base_url else None,
        attachment_name=f"jinlin-{bulletin.month}.json" if attachment else "",
        attachment=attachment, cmyk=edition.pdf_variant.startswith("pdf/x"),
    )
    return _Plan(bulletin, edition, name, key, job)


def _run(jobs: Iterable[RenderJob], workers: int, *, expected: int = 0) -> list[RenderResult]:
    """Render ``jobs`` (the one place that does; the cache tests replace it)."""
    from generator.print.workers import run_jobs  # with its process pool: not for the site's previews

    return run_jobs(jobs, workers, expected=expected)


def _report(name: str, result: RenderResult) -> None:
    for message in result.warnings:
        LOG.warning("%s：%s", name, message)


def _publish(plan: _Plan, cache: BulletinCache, out_dir: Path) -> BulletinFile:
    target = out_dir / plan.name
    out_dir.mkdir(parents=True, exist_ok=True)
    _copy(cache.pdf_path(plan.key), target)
    return _file(plan, target, cache)


def _copy(source: Path, target: Path) -> None:
    """Copy unless ``target`` already has the same bytes (keeps its time stamp for rsync)."""
    if target.is_file() and filecmp.cmp(source, target, shallow=False):
        return
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    partial.replace(target)


def _file(plan: _Plan, path: Path, cache: BulletinCache) -> BulletinFile:
    number = plan.bulletin.number
    entry = cache.entries[plan.name]
    return BulletinFile(plan.bulletin.month, number.issue, number.total_issue, path,
                        plan.bulletin.document_title, plan.edition.name, entry.pages)


def _remove_stale(out_dir: Path, editions: list[Edition], keep: set[str]) -> None:
    for edition in editions:
        pattern = re.compile(rf"jinlin-\d{{4}}-\d{{2}}{re.escape(edition.suffix)}\.pdf")
        for path in out_dir.glob("jinlin-*.pdf"):
            if pattern.fullmatch(path.name) and path.name not in keep:
                path.unlink()

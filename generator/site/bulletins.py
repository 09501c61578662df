"""The 工作简报 archive as the site sees it, through the print helper's interface.

``generator.print.bulletins`` provides ``render_bulletins(content, out_dir, *, jobs)`` and
``bulletin_preview_html(view, month)``. While that module does not exist yet the site
still builds: the archive lists the months without PDFs.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.model.public import PublicView

log = logging.getLogger("mkdocs.plugins.jinlin")
MODULE = "generator.print.bulletins"


@dataclass(frozen=True)
class BulletinEntry:
    """One month's bulletin: numbers, title and the PDF's root-relative URL if rendered."""

    month: str
    title: str = ""
    issue: str = ""
    total_issue: str = ""
    pdf_url: str = ""
    pdf_path: Path | None = None


@dataclass
class BulletinArchive:
    """Bulletins by month, newest first, plus the preview function when available."""

    entries: list[BulletinEntry] = field(default_factory=list)
    module: ModuleType | None = None

    @classmethod
    def empty(cls) -> BulletinArchive:
        return cls()

    def preview(self, view: PublicView, month: str) -> Markup | None:
        """The print helper's HTML preview of ``month``, or ``None`` without it.

        No ``media_url``: the preview would link the original photos (with their EXIF);
        the site publishes only re-encoded variants, shown on the activity pages."""
        if self.module is None:
            return None
        try:
            html = self.module.bulletin_preview_html(view, month)
        except LookupError:  # a month without bulletin content
            return None
        return Markup(html)  # noqa: S704 - made by the print templates from the PublicView

    @staticmethod
    def kept_preview(html: str) -> Markup | None:
        """A preview :meth:`preview` made in an earlier build (``""``: none for that month)."""
        return Markup(html) if html else None  # noqa: S704 - made by the print templates, as above

    @property
    def latest(self) -> BulletinEntry | None:
        return self.entries[0] if self.entries else None


def print_module() -> ModuleType | None:
    """``generator.print.bulletins`` if it exists (errors inside it are not hidden)."""
    try:
        return importlib.import_module(MODULE)
    except ModuleNotFoundError as exc:
        if exc.name in (MODULE, "generator.print"):
            return None
        raise


def build_archive(view: PublicView, out_dir: Path | None, cache_dir: Path | None = None) -> BulletinArchive:
    """Render the PDFs into ``out_dir`` (when given) and list every month; ``cache_dir``
    is the print helper's cache of rendered PDFs (unchanged months are not re-rendered)."""
    module = print_module()
    if module is None:
        return BulletinArchive([BulletinEntry(m) for m in reversed(_months(view))])
    files: list[Any] = []
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = list(module.render_bulletins(view, out_dir, jobs=2, cache_dir=cache_dir))
    by_month = {f.month: _entry(f) for f in files}
    months = sorted(set(by_month) | set(_months(view)), reverse=True)
    return BulletinArchive([by_month.get(m, BulletinEntry(m)) for m in months], module)


def _entry(file: Any) -> BulletinEntry:
    path = Path(file.path)
    return BulletinEntry(
        month=file.month, title=str(file.title), issue=_numbered("第{}期", file.issue),
        total_issue=_numbered("总第{}期", file.total_issue), pdf_url=f"bulletins/{quote(path.name)}",
        pdf_path=path,
    )


def _numbered(pattern: str, value: Any) -> str:
    """``3`` → ``第3期``; text that is already worded stays as it is."""
    return pattern.format(value) if isinstance(value, int) else str(value)


def _months(view: PublicView) -> list[str]:
    """Months with activities (the months a bulletin reports on), oldest first."""
    return sorted({a.month for a in view.activities})

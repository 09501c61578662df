"""The ``jinlin`` MkDocs plugin: thin event handlers around :mod:`generator.site`.

* ``on_config`` loads and checks the content before anything renders; errors stop the
  build with exactly the lines ``jinlin check`` prints. In ``serve`` they do not: the site
  becomes one page listing them (:mod:`generator.site.errorpage`) until the next save.
* ``on_files`` generates every page into the cache folder and adds it with
  ``File.generated``; record pages are kept out of the nav.
* Page bodies are already HTML: ``on_page_markdown`` hands Markdown an empty text and
  ``on_page_content`` puts the body back, so 5,000 pages are not re-parsed for nothing.
* ``on_post_build`` runs Pagefind; ``on_serve`` watches ``content/`` and the theme.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.errors import BuildError, ContentError, JinlinError, Problem
from generator.model.content import Content
from generator.model.public import PublicView
from generator.site.bulletins import BulletinArchive, build_archive
from generator.site.config import JinlinConfig
from generator.site.context import SiteContext
from generator.site.errorpage import ContentFolder, error_site
from generator.site.pages import generate_pages
from generator.site.render import THEME_DIR, GeneratedPage
from generator.site.store import GeneratedFiles
from generator.site.theme import ThemeHelpers, asset_version
from generator.site.urls import SECTIONS, src_uri

log = logging.getLogger("mkdocs.plugins.jinlin")


class JinlinPlugin(BasePlugin[JinlinConfig]):
    """Generates the showcase site from a content folder."""

    def __init__(self) -> None:
        self.serving = False
        self._preloaded: tuple[Content, list[Problem]] | None = None
        self._reset()

    def _reset(self) -> None:
        self.view: PublicView | None = None
        self.problems: list[Problem] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.bodies: dict[str, str] = {}

    # -- API for `jinlin build` --------------------------------------------------------
    def use_content(self, content: Content, warnings: list[Problem]) -> None:
        """Use content already loaded and checked by the caller (saves a second load).

        Only ``jinlin build`` calls this; MkDocs keeps one plugin instance per process, so a
        ``serve`` earlier in the same process must not leave the plugin in serve mode."""
        self._preloaded = (content, warnings)
        self.serving = False

    def paths(self, config: Any) -> tuple[Path, Path]:
        """The content folder and this content's cache folder, resolved against mkdocs.yml."""
        root = Path(config.config_file_path or ".").resolve().parent
        content = (root / self.config.content).resolve()
        key = hashlib.blake2b(str(content).encode(), digest_size=6).hexdigest()
        return content, (root / self.config.cache_dir).resolve() / key

    # -- events -------------------------------------------------------------------------
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # defining on_startup also keeps this instance across `serve` rebuilds
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        self._reset()
        content_dir, self.cache_dir = self.paths(config)
        self.content_dir = content_dir
        content = self._load(content_dir)
        if content is None:
            return config
        self.view = PublicView(content)
        _apply_site_settings(config, self.view)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        out = GeneratedFiles(self.cache_dir / "out")
        if self.view is None:
            self._add_error_site(files, config, out)
            return files
        ctx = SiteContext.create(self.view, self.cache_dir, _theme_dir(config), self._archive())
        for page in generate_pages(ctx):
            self._add_page(files, config, out, page)
        for url, data in ctx.files.items():
            _add(files, File.generated(config, url, abs_src_path=str(out.write(f"files/{url}", data))))
        for variant in ctx.media.outputs():
            _add(files, File.generated(config, variant.url, abs_src_path=str(variant.path)))
        for entry in ctx.bulletins.entries:
            if entry.pdf_path is not None:
                uri = f"bulletins/{entry.pdf_path.name}"
                _add(files, File.generated(config, uri, abs_src_path=str(entry.pdf_path)))
        ctx.media.save()
        for problem in ctx.media.problems:
            log.warning(problem)
        out.prune()
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta = {"title": generated.title, "description": generated.description,
                     "image": generated.image, **generated.meta}
        self.bodies[page.file.src_uri] = markdown
        return ""

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        return self.bodies.pop(page.file.src_uri, html)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # MkDocs' own environment does not autoescape: without this, a site name or a
        # record title with markup would reach main.html (<title>, meta, header) unescaped.
        env.autoescape = True
        site = self.view.site if self.view else _NoSite()
        env.globals["jinlin"] = ThemeHelpers(site, asset_version(_theme_dir(config)))
        return env

    def on_post_build(self, *, config: Any) -> None:
        if not self.config.enabled or not self.config.search or self.view is None:
            return
        from generator.site.searchindex import index_site

        try:
            index_site(Path(config.site_dir))
        except BuildError as exc:
            raise PluginError(exc.format_message()) from exc

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        if self.config.enabled:
            if self.content_dir.is_dir():  # watchdog cannot watch a folder that is not there
                server.watch(str(self.content_dir))
            server.watch(str(_theme_dir(config)))
        return server

    # -- helpers ------------------------------------------------------------------------
    def _load(self, content_dir: Path) -> Content | None:
        """Checked content, or ``None`` in ``serve`` (errors shown on the page); raises
        :class:`PluginError` with the ``jinlin check`` lines otherwise."""
        from generator.project import require_content

        try:
            if self._preloaded is not None:
                content, warnings = self._preloaded
                self._preloaded = None
            else:
                content, warnings = require_content(content_dir, self.config.content)
        except ContentError as exc:
            self.problems = exc.problems
            report = "\n".join([*(p.format() for p in exc.problems), exc.format_message()])
            if not self.serving:
                raise PluginError(report) from exc
            log.error(report)
            return None
        for problem in warnings:
            log.info(problem.format())
        return content

    def _archive(self) -> BulletinArchive:
        assert self.view is not None
        render = self.config.pdf and not self.serving
        out = self.cache_dir / "bulletin-pdfs" if render else None
        try:
            return build_archive(self.view, out, self.cache_dir.parent / "bulletins")
        except JinlinError as exc:  # e.g. no Chinese font installed for the PDFs
            raise PluginError(exc.format_message()) from exc

    def _add_error_site(self, files: Files, config: Any, out: GeneratedFiles) -> None:
        """``serve`` with content errors: every address shows the problems (cached pages
        stay in the cache, so the fixed site is quick to come back)."""
        folder = ContentFolder(self.content_dir, self.config.content)
        for uri, data in error_site(self.problems, folder).items():
            _add(files, File.generated(config, uri, abs_src_path=str(out.write(f"error/{uri}", data))))

    def _add_page(self, files: Files, config: Any, out: GeneratedFiles, page: GeneratedPage) -> None:
        uri = src_uri(page.url)
        path = out.write(f"pages/{uri}", page.body.encode("utf-8"))
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        _add(files, File.generated(config, uri, abs_src_path=str(path), inclusion=inclusion))
        self.pages[uri] = page


def _add(files: Files, file: File) -> None:
    """Add a generated file; a hand-written file at the same place gives way, with a warning."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"docs 文件夹中的 {file.src_uri} 与自动生成的页面重名，已使用自动生成的版本")
        files.remove(existing)
    files.append(file)


def _apply_site_settings(config: Any, view: PublicView) -> None:
    """Name, description, address and menu come from content/site.yml."""
    site = view.site
    config.site_name = site.name
    config.site_description = site.description or config.site_description
    if not config.site_url and site.base_url:
        config.site_url = str(site.base_url)
    if not config.nav:
        config.nav = [{title: src_uri(url)} for title, url in SECTIONS]


def _theme_dir(config: Any) -> Path:
    custom = getattr(config.theme, "custom_dir", None)
    return Path(custom) if custom else THEME_DIR


class _NoSite:
    """Footer values while the content cannot be loaded (serve with errors)."""

    publisher = ""
    icp = ""
    police_record = ""


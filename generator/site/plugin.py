"""The ``jinlin`` MkDocs plugin: thin event handlers around :mod:`generator.site`.

* ``on_config`` loads and checks the content before anything renders; errors stop the
  build with exactly the lines ``jinlin check`` prints. In ``serve`` they do not: the site
  becomes one page listing them (:mod:`generator.site.errorpage`) until the next save.
* ``on_files`` generates every page body; ``on_env`` renders them into the theme's
  ``main.html`` with MkDocs' own Jinja environment and writes the pages that changed
  (:mod:`generator.site.publish`) — MkDocs' per-page pipeline would cost as much again
  for 10,000 bodies that are HTML already. MkDocs builds the hand-written pages in
  ``docs/site-pages``, copies the theme's assets and writes ``sitemap.xml``.
* ``on_post_build`` finishes the search index; ``on_serve`` watches ``content/`` and the theme.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import BuildError, ContentError, JinlinError, Problem
from generator.load.session import collector_paused
from generator.model.content import Content
from generator.model.markup import remember_rendered
from generator.model.public import PublicView
from generator.site import markdowncache, previewcache, publiccache, ratedcache, recordpages
from generator.site.background import Background
from generator.site.bulletins import BulletinArchive, build_archive
from generator.site.config import JinlinConfig
from generator.site.context import SiteContext
from generator.site.errorpage import ContentFolder, error_site
from generator.site.markdowncache import Remembered
from generator.site.memo import Fingerprinter, RenderMemo
from generator.site.pages import generate_pages
from generator.site.publish import SITEMAP, Publisher, forget, is_published, output_path, salts, state_folder
from generator.site.render import THEME_DIR
from generator.site.sections import KeptSections, Section, SectionMemo, keep_sections
from generator.site.store import GeneratedFiles
from generator.site.theme import ThemeHelpers, asset_version
from generator.site.watching import watch_natively

if TYPE_CHECKING:
    from generator.load.listing import Listing

log = logging.getLogger("mkdocs.plugins.jinlin")


class JinlinPlugin(BasePlugin[JinlinConfig]):
    """Generates the showcase site from a content folder."""

    def __init__(self) -> None:
        self.serving = False
        self._preloaded: tuple[Content, list[Problem]] | None = None
        self._publish_target: tuple[Path, bool, bool] | None = None
        self.pages_written = 0
        self._markdown: tuple[Path, Remembered] | None = None
        self._previews: tuple[Path, Remembered] | None = None
        self._markdown_saved = False
        self._sections: dict[str, Section] = {}
        """``serve``: what each section made in the last build (see :mod:`generator.site.sections`)."""
        self.sections_kept: list[str] = []
        """Sections the last build did not generate again (their inputs were unchanged)."""
        self._rated: tuple[Path, ratedcache.Store, dict[str, str]] | None = None
        self._rated_kept: tuple[Path, ratedcache.Store, dict[str, str]] | None = None
        """``serve``: the 星级 store and month keys of the last build (not read from disk again)."""
        self._session: Any = None
        """``serve``: the content session kept between rebuilds (only changed files are read again)."""
        self._record_pages_kept: tuple[bytes, dict[str, recordpages.Entry]] | None = None
        """``serve``: the pages made one per record by the last build (see :mod:`generator.site.recordpages`)."""
        self._last: tuple[PublicView, Fingerprinter] | None = None
        """``serve``: the last build's public view and page-input digests, lent to the next build."""
        self._reset()

    def _reset(self) -> None:
        self.view: PublicView | None = None
        self._public_kept: publiccache.Kept | None = None
        """`jinlin build`: the public records kept on the disk (see :mod:`generator.site.publiccache`)."""
        self._section_memo: SectionMemo | None = None
        self._record_pages: recordpages.RecordPages | None = None
        self._lent_fingerprints: Fingerprinter | None = None
        self.problems: list[Problem] = []
        self.publisher: Publisher | None = None
        self.nav: Any = None

    # -- API for `jinlin build` --------------------------------------------------------
    def use_content(self, content: Content, warnings: list[Problem]) -> None:
        """Use content already loaded and checked by the caller (saves a second load).

        Only ``jinlin build`` calls this; MkDocs keeps one plugin instance per process, so a
        ``serve`` earlier in the same process must not leave the plugin in serve mode."""
        self._preloaded = (content, warnings)
        self.serving = False

    def publish_to(self, target: Path, *, staged: bool, clean: bool = False) -> None:
        """Where ``jinlin build`` puts the site: MkDocs builds into a staging folder that
        becomes ``target``, or (``staged``) into ``target`` itself, changes moved in last;
        ``clean`` trusts no cache."""
        self._publish_target = (target, staged, clean)

    def fingerprint(self, config: Any, target: Path, shown_root: str | None = None,
                    listing: Listing | None = None) -> str:
        """A digest of everything a build of ``target`` reads (see :mod:`generator.site.freshness`);
        with ``shown_root`` (the content folder as the build loads it), files are not read
        again where the content loader's store knows their digest; ``listing``: the
        content folder as listed for the loader."""
        from generator.load.store import stored_digests
        from generator.project import default_cache_dir
        from generator.site.freshness import fingerprint

        content, cache = self.paths(config)
        options = {"target": target, "cache": cache, "pdf": self.config.pdf, "search": self.config.search,
                   "site_url": config.site_url}
        stored = None if shown_root is None else partial(stored_digests, default_cache_dir(content), content,
                                                         shown_root)
        return fingerprint(content, config_file=Path(config.config_file_path or "mkdocs.yml"),
                           theme_dir=_theme_dir(config), docs_dir=Path(config.docs_dir), options=options,
                           known_file=cache / "inputs-seen.marshal", stored=stored, listing=listing)

    def warm_search(self) -> None:
        """Start Pagefind's service for a build that will index only its changed pages: its
        Chinese dictionary loads while the content does (see :class:`~generator.site.searchindex.PagefindService`)."""
        if self.config.enabled and self.config.search:
            from generator.site.searchindex import warm_up

            warm_up()

    def state_folder(self, config: Any, target: Path) -> Path:
        """Where this cache remembers what was published into ``target``."""
        return state_folder(target, self.paths(config)[1])

    def published(self, config: Any, target: Path) -> bool:
        """True if ``target`` holds exactly what the last build through this cache wrote."""
        return is_published(target, self.paths(config)[1])

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
        if self.serving:  # every save rebuilds: its few changed pages index in the warm service
            self.warm_search()
        content_dir, self.cache_dir = self.paths(config)
        self.content_dir = content_dir
        content = self._load(content_dir)
        if content is None:
            return config
        lent, self._last = (self._last if self.serving else None), None
        # `jinlin build`: public records kept by the last build are lent from the disk
        from_disk = not self.serving  # a clean build starts with none, and keeps its own
        self._remember_markdown(lent=lent is not None, keep_unused=from_disk)
        with collector_paused(collect_first=False):  # as for making pages: tens of thousands of records
            self.view = PublicView(content, lent[0] if lent else None)
            self._lent_fingerprints = lent[1] if lent else None
            self._public_kept = publiccache.lend(self.view, self.cache_dir) if from_disk else None
            path = ratedcache.store_path(self.cache_dir)
            kept, self._rated_kept = self._rated_kept, None
            self._rated = (path, *ratedcache.prime(self.view, path, kept if kept and kept[0] == path else None))
        _apply_site_settings(config, self.view)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        out = GeneratedFiles(self.cache_dir / "out")
        if self.view is None:
            if self.serving:  # `serve --dirty` keeps old pages: every address must show the errors
                forget(Path(config.site_dir))  # first: waits for a search update still writing there
                utils.clean_directory(config.site_dir)
            self._add_error_site(files, config, out)
            return files
        # making, writing and indexing pages (and the 星级 results and keys before them)
        # leaves little cyclic garbage; the collector's full passes over the growing heap
        # grew faster than the heap: a clean city build spent 0.6 s in 10 of them, a
        # province 17 s in 34 (peak memory is measured by `make bench`)
        with collector_paused(collect_first=False):
            ctx = SiteContext.create(self.view, self.cache_dir, _theme_dir(config), self._archive())
            self.publisher = self._publisher(config)
            body_salt, frame_salt = salts(config, self.view, _theme_dir(config))
            lent_digests, self._lent_fingerprints = self._lent_fingerprints, None
            ctx.memo = self.publisher.memo(body_salt, lent_digests, self.view.stored_digests)
            self.view.digest_with(ctx.memo.fingerprints.of_record)
            ctx.previews, ctx.preview_salt = self._remember_previews(), previewcache.salt(body_salt)
            ctx.record_pages = self._record_pages = self._kept_record_pages(ctx.memo.salt)
            if self._rated is not None:
                ratedcache.seed(self.view, self._rated[2], ctx.memo.fingerprints,
                                results=not (lent_digests and self.view.lent("ratings")))
            if self.serving:
                sections = SectionMemo(self._sections if self.view.lent_from_previous else {})
            else:  # `jinlin build`: as the last build kept them (a clean build finds none)
                sections = SectionMemo(KeptSections(self.cache_dir))
            pages = generate_pages(ctx, sections)
            self._section_memo = sections
            self._sections = sections.now
            self.sections_kept = sections.kept
            copies = {variant.url: variant.path for variant in ctx.media.outputs()}
            copies.update({f"bulletins/{e.pdf_path.name}": e.pdf_path
                           for e in ctx.bulletins.entries if e.pdf_path is not None})
            self.publisher.collect(pages, dict(ctx.files), copies, frame_salt)
            _give_way(files, {output_path(p.url) for p in pages} | set(ctx.files) | set(copies))
        ctx.media.save()
        for problem in ctx.media.problems:
            log.warning(problem)
        out.prune()
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # MkDocs' own environment does not autoescape: without this, a site name or a
        # record title with markup would reach main.html (<title>, meta, header) unescaped.
        env.autoescape = True
        if getattr(self, "cache_dir", None) is not None:  # else every process compiles main.html again
            env.bytecode_cache = _theme_bytecode(self.cache_dir, env)
        site = self.view.site if self.view else _NoSite()
        helpers = ThemeHelpers(site, asset_version(_theme_dir(config)))
        env.globals["jinlin"] = helpers
        if self.publisher is not None:
            hand_written = [f.page.canonical_url or f.page.abs_url or "" for f in files.documentation_pages()
                            if f.page is not None]
            if self.publisher.keep_sitemap(config.site_url, hand_written):
                config.theme.static_templates.discard(SITEMAP)  # the published one stands
            else:
                helpers.sitemap = self.publisher.sitemap_urls(config.site_url)
            with collector_paused(collect_first=False):  # as for making pages
                self._publishing(lambda p: p.render(env, config, self.nav, files))
        return env

    def on_post_build(self, *, config: Any) -> None:
        with collector_paused(collect_first=False):  # as for making pages
            self._post_build()

    def _post_build(self) -> None:
        # the caches are kept by a thread while this one waits for the search index
        keeping = _Keeping(1, "jinlin-keep")
        try:
            if self.config.enabled and self.publisher is not None:
                self._keep_caches(keeping, self.publisher.render_memo)
                self._publishing(Publisher.finish)
                self.pages_written = len(self.publisher.page_urls)
                memo = self.publisher.render_memo
                if self.serving and self.view is not None and memo is not None:
                    memo.fingerprints.forget_previous()
                    self.view.forget_previous()
                    self._last = (self.view, memo.fingerprints)
                self.publisher = None
            self._markdown_done(keeping)
            self._previews_done(keeping)
            if self.view is not None and self._rated is not None:
                keeping.submit(ratedcache.save, self.view, *self._rated)
                if self.serving:
                    self._rated_kept = self._rated
                self._rated = None
        finally:
            keeping.flush()

    def _kept_record_pages(self, salt: bytes) -> recordpages.RecordPages:
        """The pages the last build made one per record (from memory in ``serve``)."""
        if not self.serving:
            return recordpages.load(self.cache_dir, salt)
        kept = self._record_pages_kept
        return recordpages.RecordPages(salt, kept[1] if kept is not None and kept[0] == salt else None)

    def _keep_caches(self, keeping: Background, memo: RenderMemo | None) -> None:
        """Keep this build's public records, sections and pages made per record (each is
        trusted later only as far as the site holds what it was made for, so they may be
        kept before publishing)."""
        if memo is None:
            return
        if self._record_pages is not None and self.publisher is not None:
            pages = self._record_pages.to_keep(self.publisher.page_urls)
            if self.serving:
                self._record_pages_kept = pages
            else:
                keeping.submit(recordpages.save, self._record_pages, pages, self.cache_dir)
        if self._public_kept is not None and self.view is not None:
            keeping.submit(publiccache.save, self.view, memo.fingerprints, self._public_kept)
        if self._section_memo is not None:
            made = self._section_memo.settle(memo.keys)  # every body is rendered by now
            if not self.serving:
                keeping.submit(keep_sections, self._section_memo, self.cache_dir, made)

    def on_build_error(self, *, error: Exception) -> None:
        self.abandon()

    def abandon(self) -> None:
        """The build failed or was interrupted: nothing staged is published."""
        if self.publisher is not None:
            self.publisher.discard()
            self.publisher = None
        self._markdown_done(None)
        self._rated = None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        if self.config.enabled:
            watch_natively(server, [self.content_dir, _theme_dir(config)])
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
            elif self.serving:
                content, warnings = self._serve_session().require(content_dir, self.config.content)
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

    def _serve_session(self) -> Any:
        from generator.project import ContentSession, default_cache_dir

        if self._session is None:
            self._session = ContentSession(default_cache_dir(self.content_dir))
        return self._session

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

    def _remember_markdown(self, *, lent: bool, keep_unused: bool = False) -> None:
        """Reuse Markdown rendered by earlier builds (kept in memory by ``serve``; ``lent``:
        the last build lends its public records, whose texts are not rendered again;
        ``keep_unused``: so do records kept on the disk, see :mod:`generator.site.publiccache`)."""
        path = markdowncache.store_path(self.cache_dir)
        if self._markdown is None or self._markdown[0] != path:
            self._markdown = (path, Remembered.load(path))
            lent = False
        self._markdown[1].start_build(lent=lent, keep_unused=keep_unused)
        remember_rendered(self._markdown[1])

    def _remember_previews(self) -> Remembered:
        """Bulletin previews of earlier builds (kept in memory by ``serve``)."""
        path = previewcache.store_path(self.cache_dir)
        if self._previews is None or self._previews[0] != path:
            self._previews = (path, Remembered.load(path))
        self._previews[1].start_build()
        return self._previews[1]

    def _previews_done(self, keeping: Background) -> None:
        if self._previews is not None and self._previews[1].worth_saving:
            keeping.submit(self._previews[1].save, self._previews[0])
        if self._previews is not None and not self.serving:
            self._previews = None

    def _markdown_done(self, keeping: Background | None) -> None:
        """Stop remembering; with ``keeping`` (the build succeeded), save the store by its
        thread if it changed (``serve`` saves it after its first build and when it stops,
        not after every save of a file: that took longer than the rebuild itself)."""
        remember_rendered(None)
        if self.serving and self._markdown_saved:
            return
        if keeping is not None and self._markdown is not None and self._markdown[1].worth_saving:
            path, store = self._markdown
            keeping.submit(markdowncache.save, store, path)
        self._markdown_saved = keeping is not None and self.serving

    def on_shutdown(self) -> None:
        if self._markdown is not None and self._markdown[1].worth_saving:
            markdowncache.save(self._markdown[1], self._markdown[0])

    def _publisher(self, config: Any) -> Publisher:
        site_dir = Path(config.site_dir)
        target, staged, clean = self._publish_target or (site_dir, False, False)
        self._publish_target = None
        sources = None if self.serving else self.cache_dir.parent / "search-sources" / self.cache_dir.name
        return Publisher(site_dir, None if self.serving else self.cache_dir, search_enabled=self.config.search,
                         search_later=self.serving,
                         target=target, staged=staged, sources_dir=sources, clean=clean)

    def _publishing(self, step: Callable[[Publisher], None]) -> None:
        """Run a publishing step; a failing search index stops the build in Chinese."""
        assert self.publisher is not None
        try:
            step(self.publisher)
        except BuildError as exc:
            raise PluginError(exc.format_message()) from exc


def _add(files: Files, file: File) -> None:
    """Add a generated file; a hand-written file at the same place gives way, with a warning."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"docs 文件夹中的 {file.src_uri} 与自动生成的页面重名，已使用自动生成的版本")
        files.remove(existing)
    files.append(file)


def _theme_bytecode(cache_dir: Path, env: Any) -> Any:
    """Compiled theme templates kept between builds, apart from the page bodies'. Jinja
    keys them by name and source only, so the folder is named after what else the compiled
    code depends on: MkDocs' settings of the environment (autoescaping: set by this plugin)."""
    import jinja2

    from generator.templatecache import KeptBytecode

    settings = repr((jinja2.__version__, env.autoescape, env.trim_blocks, env.lstrip_blocks,
                     env.keep_trailing_newline, env.block_start_string, env.variable_start_string,
                     env.comment_start_string, env.line_statement_prefix, sorted(env.extensions)))
    return KeptBytecode(cache_dir / f"jinja-theme-{hashlib.blake2b(settings.encode(), digest_size=6).hexdigest()}")


def _give_way(files: Files, generated: set[str]) -> None:
    """A hand-written file where a generated one goes gives way, with a warning."""
    for file in [f for f in files if f.dest_uri in generated]:
        log.warning(f"docs 文件夹中的 {file.src_uri} 与自动生成的页面重名，已使用自动生成的版本")
        files.remove(file)


def _apply_site_settings(config: Any, view: PublicView) -> None:
    """Name, description and address come from content/site.yml (the menu is the theme's)."""
    site = view.site
    config.site_name = site.name
    config.site_description = site.description or config.site_description
    if not config.site_url and site.base_url:
        config.site_url = str(site.base_url)


def _theme_dir(config: Any) -> Path:
    custom = getattr(config.theme, "custom_dir", None)
    return Path(custom) if custom else THEME_DIR


class _NoSite:
    """Footer values while the content cannot be loaded (serve with errors)."""

    publisher = ""
    icp = ""
    police_record = ""


class _Keeping(Background):
    """The caches' thread: a cache that cannot be kept costs the next build time, never
    this one its result (the site is published by then), so a failure is a warning."""

    def submit(self, call: Callable[..., None], *args: Any) -> None:
        super().submit(_best_effort, call, *args)


def _best_effort(call: Callable[..., None], *args: Any) -> None:
    try:
        call(*args)
    except Exception as exc:  # noqa: BLE001 - reported, and the build's result stands
        log.warning(f"缓存没能保存（网站不受影响，下次生成会慢一些）：{type(exc).__name__}: {exc}")

"""One build's generated output: pages framed by the theme, data files, photos, PDFs and
the search index, written into the site folder with only the changes touched.

The plugin hands over what the page generators made (:meth:`Publisher.collect`, which
also starts the search index in the background), asks for the pages to be rendered once
MkDocs' Jinja environment exists (:meth:`Publisher.render`, from ``on_env``) and for the
work to be finished after MkDocs wrote its own files (:meth:`Publisher.finish`, from
``on_post_build``). What was written is remembered (:class:`PublishedState`), in memory
for ``serve`` and in the cache folder for builds, so the next build into the same folder
writes and indexes only what changed.
"""

from __future__ import annotations

import atexit
import datetime
import gzip
import hashlib
import logging
import os
import shutil
import struct
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs import utils

from generator.errors import BuildError
from generator.site import searchindex as search
from generator.site.background import load_marshal, save_marshal
from generator.site.frame import FrameRenderer
from generator.site.memo import DeferredBody, DeferredFile, Fingerprinter, PendingFile, RenderMemo
from generator.site.output import DIGEST_SIZE, Manifest, SiteOutput
from generator.site.render import GeneratedPage

STATE_FORMAT = 1
"""Of the published state's file (before it, ``published.pickle``; ``pages.json`` and ``search.json``)."""
STATE_FILE = "published.marshal"

PageState = tuple[str | None, str, str | None]
"""What was published for a page: body key (``None``: always render), frame key (the
page's head fields and the theme around the body), digest of its search source."""

log = logging.getLogger("mkdocs.plugins.jinlin")

_MEMORY: dict[tuple[str, str], PublishedState] = {}
"""What was published, by (state folder, site folder): ``serve`` keeps it between rebuilds."""


@dataclass
class PublishedState:
    """What the last build wrote into one site folder, and the search sources it used."""

    manifest: Manifest = field(default_factory=Manifest)
    search: search.SearchState | None = None
    sources: dict[str, str] = field(default_factory=dict)
    pages: dict[str, PageState] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Keys of the generated files' inputs (see :meth:`SiteContext.file`)."""

    @classmethod
    def load(cls, folder: Path) -> PublishedState:
        manifest = Manifest.load(folder / "manifest.json")
        found = load_marshal(folder / STATE_FILE, ())
        try:  # marshalled: 10,000 pages' keys as JSON took 0.08 s of every build, pickled 0.05 s
            version, state, sources, pages, files = found
            if version != STATE_FORMAT or not all(type(v) is tuple and len(v) == 3 for v in pages.values()):
                raise ValueError(version)
            return cls(manifest or Manifest(), search.SearchState.from_json(state), dict(sources),
                       dict(pages), dict(files))
        except (ValueError, TypeError, AttributeError, KeyError):
            return cls(manifest or Manifest())

    def save(self, folder: Path) -> None:
        self.manifest.save(folder / "manifest.json")
        save_marshal(folder / STATE_FILE, (STATE_FORMAT, self.search.to_json() if self.search else None,
                                           self.sources, self.pages, self.files))
        for old in ("pages.json", "search.json", "published.pickle"):  # the earlier formats'
            (folder / old).unlink(missing_ok=True)


class Publisher:
    """Writes one build's generated files; MkDocs builds into ``mkdocs_dir``.

    ``target`` is where the site ends up. Without ``staged`` the plugin writes beside
    MkDocs (``jinlin build`` then renames a staging folder to ``target``; ``serve`` and
    ``mkdocs build`` build in place). With ``staged`` (an incremental ``jinlin build``)
    ``target`` is the published site: changes wait beside it, MkDocs' own few files
    included, and move in at the end. ``state_dir`` keeps what was published between
    runs (``None``: memory only, as in ``serve``).
    """

    def __init__(self, mkdocs_dir: Path, state_dir: Path | None, *, search_enabled: bool,
                 target: Path | None = None, staged: bool = False, sources_dir: Path | None = None,
                 clean: bool = False, search_later: bool = False) -> None:
        self.mkdocs_dir = mkdocs_dir
        self.search_later = search_later
        """``serve``: the pages are shown while Pagefind still indexes the changed ones (the
        next build waits for it)."""
        self.target = target or mkdocs_dir
        self.site_dir = self.target if staged else mkdocs_dir
        """Where the complete site is when :meth:`finish` runs."""
        self.state_dir = state_dir
        self.previous = _recall(self.target, state_dir) if self.target == self.site_dir else None
        pending = self.target.parent / f".{self.target.name}.pending-{os.getpid()}" if staged else None
        self.out = SiteOutput(self.site_dir, self.previous.manifest if self.previous else None, pending)
        self.pages: list[GeneratedPage] = []
        self.kept: list[str] = []
        self.states: dict[str, PageState] = {}
        self.render_memo: RenderMemo | None = None
        self.files: dict[str, bytes] = {}
        self.file_paths: list[str] = []
        self.copies: dict[str, Path] = {}
        self.page_urls: list[str] = []
        self.frame_salt = b""
        self.sitemap_key = ""
        self.sitemap_kept = False
        """MkDocs made no ``sitemap.xml``: the published one stands (see :meth:`keep_sitemap`)."""
        self.search: search.SearchUpdate | None = None
        if search_enabled:
            known = None if clean else _recall(self.target, state_dir)
            folder = _sources_folder(self.target, sources_dir)
            sources = search.SearchSources(folder, known.sources if known and known.search else None)
            previous = self.previous.search if self.previous and self.out.incremental else None
            scratch = self.target.parent / f".{self.target.name}.search-{os.getpid()}"
            self.search = search.SearchUpdate(sources, previous, scratch)

    # -- steps ----------------------------------------------------------------------------
    def memo(self, salt: bytes, fingerprints: Fingerprinter | None = None,
             stored: dict[int, tuple[object, bytes]] | None = None) -> RenderMemo:
        """The render memo for the page generators: the last build's body keys, if this
        build writes into what it wrote (``fingerprints``: the last build's digests, in ``serve``;
        ``stored``: digests kept with public records lent from the disk)."""
        known = self.previous if self.previous and self.out.incremental else PublishedState()
        keys = {u: s[0] for u, s in known.pages.items()}
        keys.update({path: key for path, key in known.files.items() if path in self.out.previous})
        self.render_memo = RenderMemo(keys, salt, fingerprints, stored)
        return self.render_memo

    def collect(self, pages: list[GeneratedPage], files: dict[str, bytes], copies: dict[str, Path],
                frame_salt: bytes = b"") -> None:
        """Keep the pages that must be written and the files until MkDocs' environment is
        ready; start indexing the searchable pages in the background meanwhile."""
        self.files, self.copies = files, copies
        self.file_paths = list(files)
        self.page_urls = [page.url for page in pages]
        self.frame_salt = frame_salt
        previous = self.previous.pages if self.previous and self.out.incremental else {}
        salted = hashlib.blake2b(frame_salt, digest_size=DIGEST_SIZE)
        for page in pages:
            frame = _frame_key(page, salted)
            before = previous.get(page.url)
            if (isinstance(page.body, DeferredBody) and before is not None and before[1] == frame
                    and output_path(page.url) in self.out.previous
                    and (self.search is None or self.search.sources.trusted or before[2] is None)):
                self._keep(page.url, before)
                continue
            if isinstance(page.body, DeferredBody):
                page.body = page.body.render()
            self.pages.append(page)
            self.states[page.url] = (self._body_key(page.url), frame, self._source(page))
        if self.search is not None:
            self.search.start()

    def _keep(self, url: str, before: PageState) -> None:
        """A page whose body and frame are what was published: nothing to do."""
        self.kept.append(url)
        self.states[url] = before
        if self.search is not None and before[2] is not None:
            self.search.sources.keep(url, before[2])

    def _body_key(self, url: str) -> str | None:
        return self.render_memo.keys.get(url) if self.render_memo is not None else None

    def _source(self, page: GeneratedPage) -> str | None:
        if self.search is None or not search.is_searchable(page.body):
            return None
        return self.search.sources.put(page.url, search.search_source(page.title, page.body))

    def render(self, env: Any, config: Any, nav: Any, files: Any) -> None:
        """Render every page into the theme and write the ones that changed (staged, in an
        incremental ``jinlin build``: nothing is published before :meth:`finish`)."""
        frames = FrameRenderer(env, config, nav, files)
        for url in self.kept:
            self.out.unchanged(output_path(url))
        for page in self.pages:
            self.out.put(output_path(page.url), frames.render(page).encode("utf-8"))
        for path, data in self.files.items():
            if isinstance(data, DeferredFile):
                self.out.unchanged(path)
            else:  # a changed file is made now, while Pagefind indexes the pages
                self.out.put(path, data.make() if isinstance(data, PendingFile) else data)
        for path, source in self.copies.items():
            self.out.put_file(path, source)
        self.pages, self.files, self.copies = [], {}, {}

    def finish(self) -> None:
        """Wait for the search index, put staged changes and new bundles in place and
        remember what the site folder now holds."""
        later = (self.search_later and self.search is not None and self.search.running is not None
                 and self.search.plan is not None and not self.search.plan.full)
        if self.search is not None and self.search.running is not None and not later:
            self.search.running.wait()  # a failure here still leaves the site untouched
        if self.sitemap_kept:
            self.out.unchanged(SITEMAP)
            self.out.unchanged(f"{SITEMAP}.gz")
        else:
            self.date_sitemap()
        if self.mkdocs_dir != self.site_dir:
            self._take_mkdocs_files()
        self.out.commit()
        keys = self.render_memo.keys if self.render_memo is not None else {}
        files = {path: key for path in self.file_paths if (key := keys.get(path)) is not None}
        if self.sitemap_key and (self.sitemap_kept or (self.mkdocs_dir / SITEMAP).is_file()):
            files[SITEMAP] = self.sitemap_key  # what the published sitemap was made from
        state = PublishedState(self.out.manifest, pages=self.states, files=files)
        if self.search is not None:
            state.sources = self.search.sources.now
            if later:
                _install_later(self.search, self.site_dir, state, (str(self.state_dir), str(self.target)))
            else:
                state.search = self.search.install(self.site_dir)
        _remember(self.target, self.state_dir, state)
        if self.search is not None:
            self.search.sources.finished()

    def _take_mkdocs_files(self) -> None:
        """Stage what MkDocs built on its own (theme assets, ``sitemap.xml``, hand-written
        pages) like the plugin's files: only changes move into the site."""
        for path in sorted(self.mkdocs_dir.rglob("*")):
            if path.is_file():
                self.out.put(path.relative_to(self.mkdocs_dir).as_posix(), path.read_bytes())

    def date_sitemap(self) -> None:
        """Give ``sitemap.xml.gz`` the build day as its time, as MkDocs does when it made
        the pages itself (it takes the latest page date; with no pages of its own it would
        take the second of the build, and two builds of one day would differ)."""
        sitemap = self.mkdocs_dir / SITEMAP
        if not sitemap.is_file():
            return
        day = int(datetime.datetime.fromisoformat(utils.get_build_date()).timestamp())
        packed = self.mkdocs_dir / "sitemap.xml.gz"
        made = bytearray(packed.read_bytes() if packed.is_file() else b"")
        if made[:4] == _GZIP_PLAIN:  # MkDocs' own file: only the time in its header differs
            made[4:8] = struct.pack("<I", day)
            packed.write_bytes(made)
            return
        with open(packed, "wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb",
                                                      mtime=day) as out:
            out.write(sitemap.read_bytes())

    def discard(self) -> None:
        """The build failed: stop indexing, drop staged files (the site is untouched)."""
        if self.search is not None:
            self.search.cancel()
        self.out.discard()

    def keep_sitemap(self, site_url: str | None, hand_written: list[str]) -> bool:
        """True if ``sitemap.xml`` (and its ``.gz``) as published is what MkDocs would write
        now: the same pages (``hand_written``: MkDocs' own pages' addresses), address, day,
        theme, code and settings. MkDocs then need not make it (10,000 addresses rendered,
        written, compressed and read back: a tenth of a second of every rebuild); only an
        incremental ``jinlin build`` keeps it."""
        hasher = hashlib.blake2b(self.frame_salt, digest_size=DIGEST_SIZE)
        hasher.update(f"{utils.get_build_date()}\0{site_url}\0".encode())
        hasher.update("\0".join([*hand_written, "", *self.page_urls]).encode())
        self.sitemap_key = hasher.hexdigest()
        previous = self.previous.files.get(SITEMAP) if self.previous is not None else None
        self.sitemap_kept = (self.mkdocs_dir != self.site_dir and self.out.incremental and previous == self.sitemap_key
                             and all(name in self.out.previous for name in (SITEMAP, f"{SITEMAP}.gz")))
        return self.sitemap_kept

    def sitemap_urls(self, site_url: str | None) -> list[str]:
        """Absolute addresses of every generated page, for ``sitemap.xml``."""
        if not site_url:
            return []
        base = site_url if site_url.endswith("/") else site_url + "/"
        return [base + url for url in self.page_urls]


SITEMAP = "sitemap.xml"

_GZIP_PLAIN = b"\x1f\x8b\x08\x08"
"""A gzip header with a file name and nothing else (no header checksum: the time in it can
be changed alone)."""


def salts(config: Any, view: Any, theme_dir: Path) -> tuple[bytes, bytes]:
    """Digests of what every page body (first) and every page's frame (second) depend on
    besides the page's own values: the theme, jinlin's code, the site settings, the
    photos; for the frame also MkDocs' settings."""
    from generator.site.freshness import code_digest, folder_digest
    from generator.site.memo import Fingerprinter, salt

    theme = folder_digest(theme_dir, by_bytes=True)
    code = code_digest()
    site = Fingerprinter().digest(view.site)
    body = salt(theme, code, site, folder_digest(view.content.media_root))
    settings = repr((config.site_name, config.site_description, config.site_url, config.use_directory_urls,
                     list(config.extra_css), [str(s) for s in config.extra_javascript]))
    return body, salt(theme, code, site, settings.encode("utf-8"))


def _frame_key(page: GeneratedPage, salted: Any) -> str:
    """``digest(frame salt + the page's head fields)``, from ``salted``, a hasher that has
    the salt already (10,000 pages a build)."""
    hasher = salted.copy()
    hasher.update(repr((page.title, page.description, page.image,
                        sorted(page.meta.items()) if page.meta else [])).encode("utf-8"))
    return hasher.hexdigest()  # type: ignore[no-any-return]


def output_path(url: str) -> str:
    """Site path of the page at directory URL ``url`` (``a/b/`` → ``a/b/index.html``)."""
    return f"{url}index.html"


def forget(site_dir: Path) -> None:
    """Forget what was written into ``site_dir`` (``serve`` replaced it with the error site)."""
    for key in [k for k in _INDEXING if k[1] == str(site_dir)]:
        _INDEXING.pop(key)[0].join()
    for key in [k for k in _MEMORY if k[1] == str(site_dir)]:
        del _MEMORY[key]


def state_folder(target: Path, state_dir: Path) -> Path:
    """Where what was written into the site folder ``target`` is remembered."""
    key = hashlib.blake2b(str(target.resolve()).encode(), digest_size=6).hexdigest()
    return state_dir / "published" / key


def is_published(target: Path, state_dir: Path) -> bool:
    """True if ``target`` still holds exactly what the last build wrote into it."""
    state = _recall(target, state_dir)
    return state is not None and state.manifest.matches(target)


_INDEXING: dict[tuple[str, str], tuple[threading.Thread, search.SearchUpdate]] = {}
"""``serve``: search updates still running, by (state folder, site folder)."""


def _install_later(update: search.SearchUpdate, site_dir: Path, state: PublishedState,
                   key: tuple[str, str]) -> None:
    """Finish ``update`` in a thread; ``state`` gets the index once it is in place (a
    failure is reported and leaves no index state: the next build indexes everything)."""
    def install() -> None:
        try:
            state.search = update.install(site_dir)
        except BuildError as exc:
            stopped = update.running is not None and update.running.interrupted()  # Ctrl+C reached Pagefind too
            if not (update.cancelled or stopped):
                log.error(exc.format_message())

    if not _INDEXING:
        atexit.register(_stop_indexing)
    thread = threading.Thread(target=install, name="jinlin-search", daemon=True)
    _INDEXING[key] = (thread, update)
    thread.start()


def search_settled(site_dir: Path) -> None:
    """Wait until the search index of ``serve``'s last build into ``site_dir`` is in place
    (it is installed in the background while the pages are already shown)."""
    for (_, site), (thread, _) in list(_INDEXING.items()):
        if site == str(site_dir):
            thread.join()


def _stop_indexing() -> None:
    """The process ends (``serve`` stopped): no Pagefind left running, no scratch folder left."""
    for thread, update in list(_INDEXING.values()):
        if thread.is_alive():
            update.cancel()


def _recall(target: Path, state_dir: Path | None) -> PublishedState | None:
    running = _INDEXING.pop((str(state_dir), str(target)), None)
    if running is not None:
        running[0].join()
    state = _MEMORY.get((str(state_dir), str(target)))
    if state is None and state_dir is not None:
        state = PublishedState.load(state_folder(target, state_dir))
        _MEMORY[(str(state_dir), str(target))] = state
    return state


def _remember(target: Path, state_dir: Path | None, state: PublishedState) -> None:
    _MEMORY[(str(state_dir), str(target))] = state
    if state_dir is not None:
        state.save(state_folder(target, state_dir))


_SERVE_SOURCES: dict[str, Path] = {}


def _sources_folder(target: Path, sources_dir: Path | None) -> Path:
    """The search sources of ``target``: under ``sources_dir`` in the cache (kept by
    ``--clean``, see :class:`~generator.site.searchindex.SearchSources`), or (``serve``)
    in a temporary folder removed when the process ends."""
    if sources_dir is not None:
        return sources_dir / hashlib.blake2b(str(target.resolve()).encode(), digest_size=6).hexdigest()
    if str(target) not in _SERVE_SOURCES:
        folder = Path(tempfile.mkdtemp(prefix="jinlin-search-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _SERVE_SOURCES[str(target)] = folder
    return _SERVE_SOURCES[str(target)]

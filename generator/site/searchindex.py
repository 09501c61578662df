"""Pagefind: the search index (Chinese segmentation needs the *extended* binary).

Three things keep it cheap at city scale (10,000 pages, 9,000 of them searchable):

* Pagefind reads **search sources**, not the site: each searchable page's body alone in
  a minimal HTML document (the theme's header, menu and footer are not indexed anyway),
  kept in a cache folder and rewritten only when a body changes. Parsing a third of
  the HTML saves about a third of Pagefind's time.
* It runs in the **background**, started as soon as the bodies exist, while the plugin
  renders and writes the pages (two cores).
* A rebuild re-indexes **only what changed**: Pagefind has no incremental mode, so the
  index comes in two bundles —

  - ``pagefind/``, the *base*: every searchable page as of the last full index;
  - ``pagefind-delta/``: pages added or changed since, indexed on their own, and
    ``delta.json``: whether to merge that bundle and the ids of base entries that are
    out of date (changed or deleted pages), which ``search.js`` drops from results.

  Bundles per month were considered and rejected: each merged bundle adds its metadata,
  filters and an index chunk to the first search (≤ 300 KB at city scale). With an empty
  delta the first search loads one bundle. Past :data:`DELTA_LIMIT` pages, the next
  build indexes everything again.
"""

from __future__ import annotations

import atexit
import base64
import functools
import gzip
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.errors import BuildError
from generator.site.background import Background
from generator.site.output import digest

BASE = "pagefind"
DELTA = "pagefind-delta"
DELTA_FILE = "delta.json"
DELTA_LIMIT = 400
"""Pages in the delta bundle before the base is rebuilt (400 pages index in about a
second; beyond that a full index is the better deal)."""
FORMAT = 2
SEARCHABLE = "data-pagefind-body"


def is_searchable(body: str) -> bool:
    """True for page bodies Pagefind indexes (marked ``data-pagefind-body``)."""
    return SEARCHABLE in body


def search_source(title: str, body: str) -> bytes:
    """The document Pagefind indexes for a page: its body, with the language the site
    declares (Pagefind picks the Chinese segmenter from ``lang``)."""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"</head><body><main>{body}</main></body></html>").encode()


def pagefind_command(site: Path, output: Path) -> list[str]:
    """Pagefind over ``site`` into ``output`` (both absolute)."""
    return [*pagefind_program(), "--site", str(site), "--output-path", str(output), "--silent"]


def pagefind_program() -> tuple[str, ...]:
    """The extended Pagefind binary itself, found as its Python wrapper finds it (the
    wrapper's own start, an interpreter and asyncio, cost 0.13 s of every rebuild):
    ``PAGEFIND_BINARY_PATH`` if set, else the binary package's; the wrapper when that
    package is missing (it then looks further)."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    return (chosen,) if chosen else _installed_pagefind()


@functools.cache
def _installed_pagefind() -> tuple[str, ...]:
    try:
        from pagefind_bin_extended import get_executable

        return (str(get_executable()),)
    except (ImportError, OSError):
        return (sys.executable, "-m", "pagefind")


def index_site(site_dir: Path, output: Path | None = None) -> None:
    """Run Pagefind over ``site_dir`` into ``output`` (default ``<site_dir>/pagefind/``) and
    wait; raise :class:`BuildError` with Pagefind's message."""
    Indexing(site_dir, output or site_dir / BASE).wait()


class Indexing:
    """One Pagefind run in the background (started on creation): by the warm service when
    one is ready (:func:`warm_up`; a thread hands it the folder), else by the program on
    its own. A service that fails hands the folder to the program instead."""

    def __init__(self, site: Path, output: Path, service: PagefindService | None = None) -> None:
        self.site, self.output = site, output
        self.process: subprocess.Popen[Any] | None = None
        """The program on its own, once it runs."""
        self._service = service
        self._thread: threading.Thread | None = None
        self._served = False
        self._cancelled = False
        self._lock = threading.Lock()
        """Held while the program is started and while a cancel looks for it."""
        if service is not None:
            self._thread = threading.Thread(target=self._by_service, args=(service,), name="jinlin-pagefind",
                                            daemon=True)
            self._thread.start()
        else:
            self._start()

    def _start(self) -> None:
        try:
            self.process = subprocess.Popen(pagefind_command(self.site, self.output), stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            raise BuildError(f"搜索索引（Pagefind）无法运行：{exc}") from exc

    def _by_service(self, service: PagefindService) -> None:
        try:
            self._served = service.index(self.site, self.output) and (self.output / "pagefind.js").exists()
        except Exception:  # noqa: BLE001 - whatever went wrong, the program on its own does the work
            self._served = False
        if not self._served:  # wait() runs the program on its own instead
            shutil.rmtree(self.output, ignore_errors=True)

    def wait(self) -> None:
        """Wait for Pagefind; raise :class:`BuildError` if it failed (asked again, the same)."""
        thread = self._thread
        if thread is not None:
            thread.join()
        with self._lock:
            self._thread = None
            if self._served:  # the service goes on: it is not this run's to wait for
                return
            if self.process is None:  # the service failed: the program on its own, unless stopped
                if self.interrupted():
                    raise BuildError("搜索索引（Pagefind）已中断")
                self._start()
            process = self.process
        assert process is not None
        try:
            out, err = process.communicate(timeout=1800)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            raise BuildError(f"搜索索引（Pagefind）超时：{exc}") from exc
        if process.returncode != 0 or not (self.output / "pagefind.js").exists():
            raise BuildError(f"搜索索引（Pagefind）生成失败：{(err or out).strip()[-800:]}")

    def interrupted(self) -> bool:
        """Whether this run was cancelled, or Ctrl+C reached the Pagefind doing the work."""
        if self._cancelled:
            return True
        if self.process is not None:
            return (self.process.returncode or 0) < 0
        return self._service is not None and self._service.interrupted()

    def cancel(self) -> None:
        with self._lock:  # from now on no program starts
            self._cancelled = True
            thread = self._thread
        if thread is not None:
            stop_service()  # a request under way ends with the service
            thread.join()
        with self._lock:
            process = self.process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


class PagefindService:
    """Pagefind's ``--service`` mode (what its Python and Node interfaces drive): requests
    and replies are base64 JSON, each ended by a comma. Started before the build needs it,
    it is handed a page in Chinese at once, so that the segmenter's dictionary (a third of
    a second of every run, whatever the number of pages) loads while the build works; a
    rebuild's few changed pages then index in a hundredth of a second."""

    def __init__(self, program: tuple[str, ...]) -> None:
        self.program = program
        self.process = subprocess.Popen([*program, "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._lock = threading.Lock()
        self._buffer = b""
        self._sent = 0
        self._stopped = False
        try:
            self._send({"type": "NewIndex", "config": None})  # index 0: the warming page, dropped later
            self._send({"type": "AddFile", "index_id": 0, "url": "/", "file_contents": _WARMING_PAGE})
            self._send({"type": "DeleteIndex", "index_id": 0})
        except OSError:
            self.stop()
            raise

    def alive(self) -> bool:
        return self.process.poll() is None

    def interrupted(self) -> bool:
        """Whether the service was stopped as the user stops a command (Ctrl+C reaches the
        whole process group), not from here; a service that died otherwise (killed for
        memory, say) is replaced by the program on its own."""
        return not self._stopped and self.process.poll() in _STOPPED_BY_USER

    def index(self, site: Path, output: Path) -> bool:
        """Index the HTML files of ``site`` into the bundle ``output``; ``False`` if the
        service failed (it is then stopped: the caller runs the program instead)."""
        with self._lock:
            try:
                made = self._request({"type": "NewIndex", "config": None})
                index = made["index_id"]
                self._request({"type": "AddDir", "index_id": index, "path": str(site)})
                self._request({"type": "WriteFiles", "index_id": index, "output_path": str(output)})
            except (OSError, ValueError, KeyError, TypeError, _ServiceFailed):
                self.stop()
                return False
            try:  # the index leaves the service's memory (serve runs many)
                self._request({"type": "DeleteIndex", "index_id": index})
            except _ServiceFailed:
                pass
            except (OSError, ValueError, KeyError, TypeError):
                self.stop()
            return True

    def stop(self) -> None:
        """End the service (it also ends by itself when this process does: its input closes)."""
        if self.process.poll() is None:
            self._stopped = True
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:  # what was still buffered for a process that is gone
                    pass

    def _request(self, payload: dict[str, object]) -> dict[str, object]:
        number = self._send(payload)
        deadline = time.monotonic() + REPLY_LIMIT
        while True:
            reply = self._reply(deadline)
            if reply.get("message_id") == number:
                found = reply.get("payload")
                if not isinstance(found, dict) or found.get("type") == "Error":
                    raise _ServiceFailed(str(found))
                return found

    def _send(self, payload: dict[str, object]) -> int:
        assert self.process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        self.process.stdin.write(base64.b64encode(message) + b",")
        self.process.stdin.flush()
        return self._sent

    def _reply(self, deadline: float) -> dict[str, object]:
        assert self.process.stdout is not None
        while b"," not in self._buffer:
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise _ServiceFailed("Pagefind 没有回应")
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise _ServiceFailed("Pagefind 已退出")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b",", 1)
        reply = json.loads(base64.b64decode(message))
        if not isinstance(reply, dict):
            raise _ServiceFailed(repr(reply))
        return reply


class _ServiceFailed(Exception):
    """The service answered with an error, or not at all."""


_STOPPED_BY_USER = frozenset(-number for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP))
_WARMING_PAGE = '<html lang="zh-cn"><body data-pagefind-body><p>近邻党建</p></body></html>'
_SERVICE: list[PagefindService] = []
"""The warm service of this process (at most one; ``serve`` keeps it between builds)."""


REPLY_LIMIT = 120.0
"""Seconds the service may take over one request before the program runs on its own
(400 changed pages index in about a second)."""


def warm_up() -> None:
    """Start the Pagefind service now, for a build that will index only its changed pages
    (best effort: without it, the program runs on its own as before). Only the binary
    installed with jinlin is kept warm, and only while Pagefind has no settings of its own
    (``PAGEFIND_*`` variables, a ``pagefind.yml`` here), which the program reads and the
    service does not: a program named by ``PAGEFIND_BINARY_PATH`` runs on its own each
    time, whatever it is."""
    if any(name.startswith("PAGEFIND_") for name in os.environ) or any(
            Path(f"pagefind.{kind}").exists() for kind in ("yml", "yaml", "toml", "json")):
        return  # the program reads settings of its own (the service would not): as before
    if warm_service() is not None:
        return
    stop_service()
    program = pagefind_program()
    if program[0] == sys.executable:  # Pagefind's Python wrapper: no binary to keep running
        return
    try:
        _SERVICE.append(PagefindService(program))
    except OSError:
        return
    atexit.unregister(stop_service)  # once, however many services this process starts
    atexit.register(stop_service)


def warm_service() -> PagefindService | None:
    """The warm service, if one runs the program a build would run now."""
    if _SERVICE and _SERVICE[0].alive() and _SERVICE[0].program == pagefind_program():
        return _SERVICE[0]
    return None


def stop_service() -> None:
    while _SERVICE:
        _SERVICE.pop().stop()


@dataclass
class SearchState:
    """What is indexed for one site: the base (URL → source digest and Pagefind id),
    the delta (URL → digest) and the URLs whose base entry is out of date."""

    base: dict[str, tuple[str, str]] = field(default_factory=dict)
    delta: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"format": FORMAT, "base": self.base, "delta": self.delta, "stale": self.stale}

    @classmethod
    def from_json(cls, data: object) -> SearchState | None:
        try:
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                return None
            base = {u: (d, i) for u, (d, i) in data["base"].items()}
            return cls(base, dict(data["delta"]), list(data["stale"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


@dataclass
class SearchPlan:
    """What a build indexes: everything (``full``), or ``delta`` on its own."""

    full: bool
    delta: dict[str, str] = field(default_factory=dict)
    """URL → digest of every page whose current version is not in the base."""
    stale: list[str] = field(default_factory=list)
    """URLs whose base entry is out of date (the page changed or is gone)."""
    stale_ids: list[str] = field(default_factory=list)


def plan(previous: SearchState | None, pages: dict[str, str]) -> SearchPlan | None:
    """Compare the searchable pages now (URL → source digest) with what is indexed;
    ``None`` if the index is up to date."""
    if previous is None or not previous.base:
        return SearchPlan(full=True)
    stale = {u for u, (d, _) in previous.base.items() if pages.get(u) != d}
    delta = {u: d for u, d in pages.items() if u not in previous.base or u in stale}
    if delta == previous.delta and stale == set(previous.stale):
        return None
    if len(delta) + len(stale - set(delta)) > DELTA_LIMIT:
        return SearchPlan(full=True)
    return SearchPlan(False, delta, sorted(stale), sorted(previous.base[u][1] for u in stale))


def _source_urls(folder: Path, prefix: str = "") -> Iterator[str]:
    """URLs of the sources under ``folder`` (``os.scandir``: ``rglob`` took seconds for a city)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _source_urls(Path(entry.path), f"{prefix}{entry.name}/")
        elif entry.name == "index.html":
            yield prefix


UNFINISHED = ".unfinished"
"""Marker in the search-sources folder while a build is changing it."""


class SearchSources:
    """The minimal documents Pagefind reads, one per searchable page, in ``folder``
    (``index.html`` under each page's URL), rewritten only when they change.

    ``known`` maps URLs to the digests of the files there; ``None`` (a ``--clean``
    build, or nothing remembered) trusts nothing: each file is compared byte for byte
    and files of pages that are gone are found by walking the folder. Either way no
    unchanged file is rewritten, so a clean build does not delete and rewrite 9,000."""

    def __init__(self, folder: Path, known: dict[str, str] | None) -> None:
        self.folder = folder
        self._unfinished = folder / UNFINISHED
        # a build that wrote sources and did not finish (Ctrl+C, an error) left files
        # newer than what was remembered of them: trust nothing this time
        trusted = known is not None and folder.is_dir() and not self._unfinished.exists()
        self.known = known if trusted else None
        self.now: dict[str, str] = {}
        self._writes = Background(4, "jinlin-sources")
        self._writing = False

    def put(self, url: str, source: bytes) -> str:
        """Store the source of the page at ``url``; return its digest. The file is
        compared and written by background threads (a province's first build writes
        100,000 of them: minutes of waiting on the disk in one thread); :meth:`flush`."""
        key = digest(source)
        self.now[url] = key
        if self.known is not None and self.known.get(url) == key:
            return key
        if not self._writing:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._unfinished.touch()
            self._writing = True
        self._writes.submit(self._store, self.folder / url / "index.html", source)
        return key

    def finished(self) -> None:
        """What :attr:`now` says is remembered: the folder can be trusted again."""
        self._unfinished.unlink(missing_ok=True)
        self._writing = False

    def _store(self, path: Path, source: bytes) -> None:
        try:
            if self.known is None and path.read_bytes() == source:
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source)

    def flush(self) -> None:
        """Wait until every source is stored; raise the first error."""
        self._writes.flush()

    def stop(self) -> None:
        """Stop the background threads (queued writes are dropped)."""
        self._writes.stop()

    @property
    def trusted(self) -> bool:
        """True if the folder is known to hold the sources of the last build."""
        return self.known is not None

    def keep(self, url: str, key: str) -> None:
        """The page's source is unchanged (it is in the folder already)."""
        self.now[url] = key

    def prune(self) -> None:
        """Delete the sources of pages that are gone."""
        if self.known is not None:
            gone = set(self.known) - set(self.now)
        else:
            gone = set(_source_urls(self.folder)) - set(self.now)
        for url in gone:
            (self.folder / url / "index.html").unlink(missing_ok=True)

    def copy(self, urls: list[str], target: Path) -> None:
        """Copy the sources of ``urls`` into a folder of their own (for the delta)."""
        for url in urls:
            path = target / url / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.folder / url / "index.html", path)


class SearchUpdate:
    """Brings a site's search bundles up to date with one build's searchable pages.

    :meth:`start` launches Pagefind in the background (into ``scratch``, beside the
    site); :meth:`install` waits for it and moves the new bundle(s) into the site."""

    def __init__(self, sources: SearchSources, previous: SearchState | None, scratch: Path) -> None:
        self.sources = sources
        self.previous = previous
        self.scratch = scratch
        self.plan: SearchPlan | None = None
        self.running: Indexing | None = None
        self.cancelled = False

    def start(self) -> None:
        self.sources.flush()
        self.sources.prune()
        self.plan = plan(self.previous, self.sources.now)
        if self.plan is None:
            return
        shutil.rmtree(self.scratch, ignore_errors=True)
        self.scratch.mkdir(parents=True)
        if self.plan.full:
            self.running = Indexing(self.sources.folder, self.scratch / BASE)
        elif self.plan.delta:
            source = self.scratch / "delta-source"
            self.sources.copy(sorted(self.plan.delta), source)
            self.running = Indexing(source, self.scratch / DELTA, warm_service())

    def install(self, site_dir: Path) -> SearchState | None:
        """Wait for Pagefind, put the bundles in ``site_dir``; return the new state."""
        if self.plan is None:
            return self.previous
        try:
            if self.running is not None:
                self.running.wait()
            return self._install(site_dir)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def cancel(self) -> None:
        self.cancelled = True
        self.sources.stop()
        if self.running is not None:
            self.running.cancel()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _install(self, site_dir: Path) -> SearchState:
        assert self.plan is not None
        delta = self.scratch / DELTA
        if self.plan.full:
            base = {u: (d, i) for u, i in page_ids(self.scratch / BASE).items()
                    if (d := self.sources.now.get(u)) is not None}
            _write_delta_file(delta, merge=False, stale=[])
            swap_folder(self.scratch / BASE, site_dir / BASE)
            swap_folder(delta, site_dir / DELTA)
            return SearchState(base)
        _write_delta_file(delta, merge=bool(self.plan.delta), stale=self.plan.stale_ids)
        swap_folder(delta, site_dir / DELTA)
        assert self.previous is not None
        return SearchState(self.previous.base, self.plan.delta, self.plan.stale)


def _write_delta_file(folder: Path, *, merge: bool, stale: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DELTA_FILE).write_text(json.dumps({"merge": merge, "stale": stale}), encoding="utf-8")


def page_ids(bundle: Path) -> dict[str, str]:
    """URL → Pagefind page id, read from the bundle's fragments (Pagefind names each
    fragment after a hash of it, and search results carry that name as their id)."""
    found: dict[str, str] = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        url = json.loads(data[data.index(b"{"):])["url"]
        found[url[1:] if url.startswith("/") else url] = fragment.stem
    return found


def swap_folder(new: Path, old: Path) -> None:
    """Replace folder ``old`` by ``new`` (``old`` may not exist); the two renames keep a
    complete folder in place at every moment but one."""
    trash = old.with_name(f".{old.name}.old-{os.getpid()}")
    if old.exists():
        os.rename(old, trash)
    os.rename(new, old)
    shutil.rmtree(trash, ignore_errors=True)

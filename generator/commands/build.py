"""``jinlin build`` and ``jinlin serve``: the MkDocs build with the ``jinlin`` plugin.

``build`` checks the content first (the same Chinese messages as ``jinlin check``), builds
into a temporary folder next to the site folder, indexes it with Pagefind and only then
swaps it in: a failed or interrupted build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.errors import BuildError

if TYPE_CHECKING:
    from generator.load.listing import Listing

CONFIG_FILE = "mkdocs.yml"


def run_build(content_dir: str, site_dir: str, *, clean: bool = False, pdf: bool = True,
              config_file: str = CONFIG_FILE, cache_dir: str | None = None) -> Path:
    """Build the site from ``content_dir`` into ``site_dir``; return the site folder.

    Nothing changed since the last build: nothing is done. Otherwise the first build (and
    ``clean``) builds into a staging folder that replaces the old site; later builds write
    only the changed files into the site, after everything else has succeeded."""
    from generator.project import require_content
    from generator.site.freshness import record, recorded

    started = time.monotonic()
    target = Path(site_dir).resolve()
    config = _load_config(config_file, content_dir, target, pdf=pdf, cache_dir=cache_dir)
    plugin = _plugin(config)
    if clean:
        shutil.rmtree(plugin.paths(config)[1], ignore_errors=True)
    listing = _listing(plugin.paths(config)[0], content_dir)  # one walk for the fingerprint and the loader
    inputs = plugin.fingerprint(config, target, content_dir, listing)
    stamp = plugin.state_folder(config, target) / "inputs"
    if not clean and recorded(stamp) == inputs and plugin.published(config, target):
        click.echo(f"网站已是最新：内容和模板都没有改动（{site_dir}，用时 {time.monotonic() - started:.1f} 秒）",
                   err=True)
        return target
    in_place = not clean and plugin.published(config, target)
    if in_place:  # the search index will be an update: Pagefind gets ready meanwhile
        plugin.warm_search()
    content, warnings = require_content(content_dir, content_dir, listing=listing)
    for problem in warnings:
        click.echo(problem.format(), err=True)
    plugin.use_content(content, warnings)
    if in_place:
        _build_in_place(config, plugin, target)
    else:
        _build_and_swap(config, plugin, target, clean=clean)
    record(stamp, inputs)
    pages = plugin.pages_written
    click.echo(f"网站已生成：{site_dir}（{pages} 个页面，用时 {time.monotonic() - started:.1f} 秒）", err=True)
    if pdf:  # certificates name people the site must not show: print/ beside the site, never in it
        from generator.commands.certificates import print_after_build

        print_after_build(content, target, _plugin(config).paths(config)[1] / "certificates")
    return target


def _build_and_swap(config: Any, plugin: Any, target: Path, *, clean: bool) -> None:
    """Build everything into a staging folder beside ``target``, then swap it in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        config.site_dir = str(staging)
        plugin.publish_to(target, staged=False, clean=clean)
        with _mkdocs_messages(), _abandoned_on_failure(plugin):
            _mkdocs_build(config)
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _listing(content: Path, content_dir: str) -> Listing | None:
    """``content_dir`` listed as the loader lists it, if the plugin reads the same folder."""
    from generator.load.listing import list_content

    folder = Path(content_dir)
    if not folder.is_dir() or folder.resolve() != content.resolve():
        return None
    return list_content(content_dir)


def _build_in_place(config: Any, plugin: Any, target: Path) -> None:
    """Update the published site: MkDocs builds its few files into a folder beside it,
    the plugin stages what changed, and the changes move in once the search index is
    done (a failure or Ctrl+C before that leaves the site exactly as it was)."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.mkdocs-", dir=target.parent))
    try:
        config.site_dir = str(scratch)
        plugin.publish_to(target, staged=True)
        with _mkdocs_messages(), _abandoned_on_failure(plugin):
            _mkdocs_build(config)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def _abandoned_on_failure(plugin: Any) -> Iterator[None]:
    """On any failure, Ctrl+C included (MkDocs reports only exceptions to plugins), the
    plugin stops Pagefind and removes what it staged beside the site."""
    try:
        yield
    except BaseException:
        plugin.abandon()
        raise


def run_serve(content_dir: str, dev_addr: str, config_file: str = CONFIG_FILE) -> None:
    """Preview with live reload; edits under content/ and templates/ rebuild the site."""
    from mkdocs.commands.serve import serve

    _require_config(config_file)
    os.environ["JINLIN_CONTENT"] = str(Path(content_dir).resolve())
    handler = _echo_handler(logging.INFO)
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    click.echo(f"预览地址：http://{dev_addr}/ （按 Ctrl+C 结束）", err=True)
    try:
        # dirty: a save rebuilds only what changed (the plugin tracks its own pages)
        serve(config_file=config_file, dev_addr=dev_addr, livereload=True, build_type="dirty")
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _require_config(config_file: str) -> None:
    if not Path(config_file).is_file():
        raise BuildError(f"找不到 {config_file}：请在项目根目录（有 mkdocs.yml 的文件夹）运行")


def _load_config(config_file: str, content_dir: str, site_dir: Path, *, pdf: bool,
                 cache_dir: str | None) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    _require_config(config_file)
    try:
        config = load_config(config_file, site_dir=str(site_dir))
    except ConfigurationError as exc:
        raise BuildError(f"{config_file} 配置有误：{exc}") from exc
    options = _plugin(config).config
    options.content = str(Path(content_dir).resolve())
    options.pdf = pdf
    if cache_dir is not None:
        options.cache_dir = str(Path(cache_dir).resolve())
    return config


def _plugin(config: Any) -> Any:
    plugin = config.plugins.get("jinlin")
    if plugin is None:
        raise BuildError("mkdocs.yml 的 plugins 中缺少 jinlin")
    return plugin


def _mkdocs_build(config: Any) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        build(config)
    except (Abort, MkDocsException) as exc:
        raise BuildError("网站生成失败（原因见上），原来的网站保持不变。") from exc


def _swap(staging: Path, target: Path) -> None:
    """Put the new site in place: two renames on the same disk, undone if the second fails."""
    old = None
    if target.exists():
        if not target.is_dir():
            raise BuildError(f"{target} 不是文件夹，无法写入网站")
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _EchoHandler(logging.Handler):
    """MkDocs log records as plain Chinese-prefixed lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = {logging.WARNING: "警告：", logging.ERROR: "错误："}.get(record.levelno, "")
        click.echo(prefix + record.getMessage(), err=True)


def _echo_handler(level: int) -> logging.Handler:
    handler = _EchoHandler()
    handler.setLevel(level)
    handler.addFilter(_not_about_dirty_builds)
    return handler


def _not_about_dirty_builds(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that navigation may be stale; jinlin's pages are
    tracked by the plugin and its menu does not come from MkDocs' navigation."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def _mkdocs_messages() -> Iterator[None]:
    """Show MkDocs warnings and errors (not its INFO chatter) while building."""
    logger = logging.getLogger("mkdocs")
    handler = _echo_handler(logging.WARNING)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate

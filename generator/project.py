"""Facade: load and check a content folder in one call (what every command starts with)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.load.tree import load_tree
from generator.model.content import Content
from generator.model.references import check_references


def default_cache_dir(root: Path) -> Path | None:
    """``$JINLIN_CACHE``, else the project's ``.cache/jinlin`` (git-ignored) when the content
    lies inside the current folder; content elsewhere is cached in memory only, so that
    checking a folder never leaves files beside it."""
    configured = os.environ.get("JINLIN_CACHE")
    if configured:
        return Path(configured)
    here = Path.cwd().resolve()
    return here / ".cache" / "jinlin" if root.resolve().is_relative_to(here) else None


def load_content(root: Path | str, shown_root: str | None = None, *,
                 cache_dir: Path | None | bool = True) -> tuple[Content | None, list[Problem]]:
    """Load and check ``root``; returns the content (``None`` if it could not be assembled)
    and every problem found, errors and warnings, sorted by file and line.

    Parsed files are reused from the cache (``cache_dir``: a folder, ``True`` for
    :func:`default_cache_dir`, ``None``/``False`` for memory only) when unchanged on disk.
    """
    root = Path(root)
    shown = str(root) if shown_root is None else shown_root
    # Loading builds millions of small acyclic objects; the cyclic collector would rescan
    # the growing heap again and again (about 45% of the time at city scale).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    if cache_dir is True:
        cache_dir = default_cache_dir(root)
    try:
        return _load(root, shown, cache_dir or None)
    finally:
        # The content lives until the process ends or the next load replaces it (freed by
        # reference counting: records hold no cycles). Frozen, the collector never walks
        # its millions of objects again while pages are made (~15% of a city build's CPU).
        gc.freeze()
        if gc_was_enabled:
            gc.enable()


def _load(root: Path, shown: str, cache_dir: Path | None) -> tuple[Content | None, list[Problem]]:
    if not root.is_dir():
        return None, [Problem(shown, 0, 0, f"找不到内容文件夹：{shown}")]
    tree = load_tree(root, shown, cache_dir)
    problems = list(tree.problems)
    site = tree.records["site"].get("site")
    scoring = tree.records["scoring"].get("scoring")
    if site is None or scoring is None:
        return None, sorted(problems, key=Problem.sort_key)
    content = Content(
        root=root, site=site, scoring=scoring,  # type: ignore[arg-type]
        **{name: tree.records[kind] for name, kind in _PLURAL.items()},  # type: ignore[arg-type]
    )
    if "figures" in tree.records["figures"]:
        content.figures = tree.records["figures"]["figures"]  # type: ignore[assignment]
    problems.extend(check_references(content, tree.failed))
    return content, sorted(problems, key=Problem.sort_key)


_PLURAL = {
    "communities": "community", "units": "unit", "groups": "group", "people": "person",
    "meetings": "meeting", "activities": "activity", "ratings": "rating", "wishes": "wish",
}


def require_content(root: Path | str, shown_root: str | None = None, *,
                    cache_dir: Path | None | bool = True) -> tuple[Content, list[Problem]]:
    """Like :func:`load_content`, but raise :class:`ContentError` when there is any error;
    returns the content and its warnings."""
    content, problems = load_content(root, shown_root, cache_dir=cache_dir)
    if content is None or any(p.is_error for p in problems):
        raise ContentError(problems)
    return content, problems

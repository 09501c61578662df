"""Facade: load and check a content folder in one call (what every command starts with)."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Problem
from generator.load.listing import Listing
from generator.load.session import ContentSession
from generator.model.content import Content

__all__ = ["ContentSession", "default_cache_dir", "load_content", "require_content"]


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

    Work on unchanged files is reused from the cache (``cache_dir``: a folder, ``True``
    for :func:`default_cache_dir`, ``None``/``False`` for this process's memory only).
    The records returned are the caller's own; to reuse them across loads in one process
    (``serve``), keep a :class:`ContentSession` instead.
    """
    if cache_dir is True:
        cache_dir = default_cache_dir(Path(root))
    return ContentSession(cache_dir or None).load(root, shown_root)


def require_content(root: Path | str, shown_root: str | None = None, *, cache_dir: Path | None | bool = True,
                    listing: Listing | None = None) -> tuple[Content, list[Problem]]:
    """Like :func:`load_content`, but raise :class:`ContentError` when there is any error;
    returns the content and its warnings (``listing``: ``root`` as just listed, see
    :func:`~generator.load.listing.list_content`)."""
    if cache_dir is True:
        cache_dir = default_cache_dir(Path(root))
    return ContentSession(cache_dir or None).require(root, shown_root, listing=listing)

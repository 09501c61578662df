"""List a ``content/`` folder cheaply: every record file with its ``stat``, nothing read.

An incremental load starts here: a file whose size, times and inode are what
they were last time, and whose modification time was not too recent then, is taken as
unchanged without reading it. The walk follows the same rules as :func:`load_tree`
(hidden files and folders, editor backups and the root ``media/`` folder are skipped;
symbolic links to folders are not followed).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from generator.load.tree import IGNORED_NAMES
from generator.model.kinds import MEDIA_FOLDER

Stat = tuple[int, int, int, int]
"""(size, mtime_ns, inode, ctime_ns) of a file: the change time moves on every write and
cannot be set back, even by a copy that restores the modification time."""

RACY_NS = 2_000_000_000
"""A file modified this close to the moment it was listed may be written again within the
same clock tick without its size changing: its stat is not trusted next time."""


@dataclass
class Listing:
    """Record files (content-relative POSIX path → stat, ``None`` if it could not be
    read) in sorted order, the other files met, and when the listing was made."""

    records: dict[str, Stat | None] = field(default_factory=dict)
    others: list[str] = field(default_factory=list)
    taken_ns: int = 0


def list_content(root: str) -> Listing:
    """Walk ``root`` once with ``os.scandir`` (one ``stat`` per record file)."""
    listing = Listing(taken_ns=time.time_ns())
    found: dict[str, Stat | None] = {}
    _walk(root, "", found, listing.others)
    listing.records = {relative: found[relative] for relative in sorted(found)}
    listing.others.sort()
    return listing


def _walk(folder: str, prefix: str, found: dict[str, Stat | None], others: list[str]) -> None:
    try:
        with os.scandir(folder) as entries:
            items = sorted(entries, key=lambda entry: entry.name)
    except OSError:  # unreadable folder: os.walk skips it silently too
        return
    for entry in items:
        name = entry.name
        if _is_folder(entry):
            if name.startswith(".") or (not prefix and name == MEDIA_FOLDER) or entry.is_symlink():
                continue
            _walk(entry.path, prefix + name + "/", found, others)
        elif not (name.startswith(".") or name in IGNORED_NAMES or name.endswith("~")):
            if name.endswith(".yml"):
                found[prefix + name] = _stat(entry)
            else:
                others.append(prefix + name)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stat(entry: os.DirEntry[str]) -> Stat | None:
    try:
        return stat_key(entry.stat())
    except OSError:  # a broken link: never trusted, the parser reports it
        return None


def stat_key(st: os.stat_result) -> Stat:
    """What of a ``stat`` tells whether a file changed (see :data:`Stat`)."""
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def trusted(stat: Stat | None, listed_ns: int) -> bool:
    """Whether ``stat``, taken at ``listed_ns``, may later stand for the file's bytes
    (every cache that trusts stats instead of reading files asks this)."""
    return stat is not None and max(stat[1], stat[3]) < listed_ns - RACY_NS

"""Pages made one per record, kept between builds by what they are made from.

A rebuild after an edit generates every page of a section that reads the edited table: an
edited activity makes the activity section generate its 5,000 pages again, each keyed to
find that it did not change. A page made by :meth:`~generator.site.context.SiteContext.record_page`
is made from its *inputs* alone (a public record, or a record with the lists its page
shows) and from what every page depends on (the render memo's salt: the theme, jinlin's
code, the site settings, the photos). It is kept with the digest of its inputs, its body
key, its head fields and the photos it asked for. The next build, under the same salt,
finds a page whose inputs have the same digest and which the site still holds under the
same body key: the page comes back as it was (a deferred body, made only if needed after
all), without being made or keyed again.

A page that reads the whole site (its body has no key) or adds files is never kept.
``serve`` keeps the pages in memory between saves; ``jinlin build`` in the cache folder.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from generator.site.background import load_pickle, save_pickle

Entry = tuple[bytes, str, str, str, str, bool, str, dict[str, Any], tuple[str, ...]]
"""(digest of the inputs, body key, title, description, section, in the menu, image,
meta, photos asked for) of one page."""


class RecordPages:
    """The pages of the last build (by URL) under ``salt``, and this build's."""

    def __init__(self, salt: bytes, previous: dict[str, Entry] | None = None, read: bool = False) -> None:
        self.salt = salt
        self.previous = previous or {}
        self.read = read
        """True if :attr:`previous` was read from the disk under this salt (only files whose
        pages changed are written again)."""
        self.now: dict[str, Entry] = {}

    def to_keep(self, urls: list[str]) -> tuple[bytes, dict[str, Entry]]:
        """What to keep for the next build: this build's pages, and the last build's pages
        still published by this one (a section kept whole did not make its pages again)."""
        published = set(urls)
        kept = {url: entry for url, entry in self.previous.items() if url in published and url not in self.now}
        kept.update(self.now)
        return self.salt, kept


SHARDS = 16
"""Files the pages are kept in, by a checksum of their URL: an edited record rewrites one."""


def folder(cache_dir: Path) -> Path:
    return cache_dir / "record-pages"


def _shard(url: str) -> int:
    return zlib.crc32(url.encode()) % SHARDS


def load(cache_dir: Path, salt: bytes) -> RecordPages:
    """The pages kept by the last ``jinlin build`` (none under another salt)."""
    found: dict[str, Entry] = {}
    whole = True
    for number in range(SHARDS):
        kept = load_pickle(folder(cache_dir) / f"{number:x}.pickle", ())
        if len(kept) == 2 and kept[0] == salt and isinstance(kept[1], dict):
            found.update((url, entry) for url, entry in kept[1].items() if _whole(entry) and _shard(url) == number)
        else:
            whole = False
    return RecordPages(salt, found, read=whole)


def _whole(entry: object) -> bool:
    """True for an entry of the shape :data:`Entry` (a damaged file may hold others)."""
    return (type(entry) is tuple and len(entry) == 9 and type(entry[0]) is bytes and type(entry[1]) is str
            and type(entry[7]) is dict and type(entry[8]) is tuple)


def save(pages: RecordPages, kept: tuple[bytes, dict[str, Entry]], cache_dir: Path) -> None:
    """Keep ``kept`` (from :meth:`RecordPages.to_keep`): only the files whose pages are not
    the very ones read from them (all of them under a new salt, or after a damaged file)."""
    salt, entries = kept
    shards: list[dict[str, Entry]] = [{} for _ in range(SHARDS)]
    for url, entry in entries.items():
        shards[_shard(url)][url] = entry
    before: list[set[str]] = [set() for _ in range(SHARDS)]
    for url in pages.previous:
        before[_shard(url)].add(url)
    for number, shard in enumerate(shards):
        same = (pages.read and salt == pages.salt and set(shard) == before[number]
                and all(pages.previous.get(url) is entry for url, entry in shard.items()))
        if not same:
            save_pickle(folder(cache_dir) / f"{number:x}.pickle", (salt, shard))

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

from pathlib import Path
from typing import Any

from generator.site.background import load_pickle, save_pickle

Entry = tuple[bytes, str, str, str, str, bool, str, dict[str, Any], tuple[str, ...]]
"""(digest of the inputs, body key, title, description, section, in the menu, image,
meta, photos asked for) of one page."""


class RecordPages:
    """The pages of the last build (by URL) under ``salt``, and this build's."""

    def __init__(self, salt: bytes, previous: dict[str, Entry] | None = None) -> None:
        self.salt = salt
        self.previous = previous or {}
        self.now: dict[str, Entry] = {}

    def to_keep(self, urls: list[str]) -> tuple[bytes, dict[str, Entry]]:
        """What to keep for the next build: this build's pages, and the last build's pages
        still published by this one (a section kept whole did not make its pages again)."""
        published = set(urls)
        kept = {url: entry for url, entry in self.previous.items() if url in published and url not in self.now}
        kept.update(self.now)
        return self.salt, kept


def store_path(cache_dir: Path) -> Path:
    return cache_dir / "record-pages.pickle"


def load(cache_dir: Path, salt: bytes) -> RecordPages:
    """The pages kept by the last ``jinlin build`` (none under another salt)."""
    found = load_pickle(store_path(cache_dir), ())
    if len(found) == 2 and found[0] == salt and isinstance(found[1], dict):
        return RecordPages(salt, {url: entry for url, entry in found[1].items() if _whole(entry)})
    return RecordPages(salt)


def _whole(entry: object) -> bool:
    """True for an entry of the shape :data:`Entry` (a damaged file may hold others)."""
    return (type(entry) is tuple and len(entry) == 9 and type(entry[0]) is bytes and type(entry[1]) is str
            and type(entry[7]) is dict and type(entry[8]) is tuple)


def save(kept: tuple[bytes, dict[str, Entry]], cache_dir: Path) -> None:
    save_pickle(store_path(cache_dir), kept)

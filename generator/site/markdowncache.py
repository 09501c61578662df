"""Rendered Markdown kept between builds (see :func:`generator.model.markup.remember_rendered`).

Stored in the cache folder under a name that changes with the rules that produce it
(the markup and privacy modules' source, the Markdown and sanitiser versions), so a
changed rule never serves an old rendering. Only the texts a build used are kept.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from generator.model import markup, privacy
from generator.site.background import load_pickle, save_pickle


class Remembered(dict[str, str]):
    """Text → HTML of earlier builds (Markdown renderings, bulletin previews); what this
    build looks up or adds is kept in :attr:`used`."""

    def __init__(self, earlier: dict[str, str]) -> None:
        super().__init__(earlier)
        self.used: dict[str, str] = {}
        self.added = 0
        self.keep_unused = False

    def get(self, text: str, default: str | None = None) -> str | None:  # type: ignore[override]
        found = super().get(text, default)
        if found is not None:
            self.used[text] = found
        return found

    def __setitem__(self, text: str, html: str) -> None:
        super().__setitem__(text, html)
        self.used[text] = html
        self.added += 1

    def start_build(self, *, lent: bool = False, keep_unused: bool = False) -> None:
        """Forget which texts were used (a ``serve`` rebuild starts counting again). With
        ``lent`` (``serve``: records unchanged since the last build keep what was made
        from them, their texts are not looked up again) the texts used so far still count;
        with ``keep_unused`` (public records lent from the disk: their texts are not looked
        up at all) no text is dropped."""
        self.keep_unused = keep_unused
        if not lent:
            self.used = {}
            self.added = 0

    @property
    def worth_saving(self) -> bool:
        """True if this build rendered new text or stopped using some."""
        return self.added > 0 or (len(self.used) < len(self) and not self.keep_unused)

    @classmethod
    def load(cls, path: Path) -> Remembered:
        """The store saved at ``path`` (empty if missing or unreadable)."""
        return cls(load_pickle(path, {}))

    def save(self, path: Path) -> None:
        """Keep what this build used (atomically; best effort); only that stays in memory too
        (everything, with ``keep_unused``)."""
        if self.keep_unused:
            save_pickle(path, dict(self))
            self.added = 0
            return
        save_pickle(path, self.used)
        for text in [t for t in self if t not in self.used]:
            del self[text]
        self.added = 0


def store_path(cache_dir: Path) -> Path:
    """The store's file: named after everything that decides how text is rendered."""
    return cache_dir / f"markdown-{_rules()}.pickle"


@functools.cache
def _rules() -> str:
    """A digest of the rendering rules, as this process runs them (asked for by the
    Markdown store and the kept public records of every build)."""
    digest = hashlib.blake2b(digest_size=8)
    for module in (markup, privacy):
        digest.update(Path(module.__file__ or "").read_bytes())
    for package in ("markdown", "nh3"):
        digest.update(_version(package).encode())
    return digest.hexdigest()


def save(store: Remembered, path: Path) -> None:
    """Keep the texts this build used (atomically; best effort)."""
    store.save(path)
    for old in path.parent.glob("markdown-*.pickle"):  # renderings by rules no longer in force
        if old != path:
            old.unlink(missing_ok=True)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""

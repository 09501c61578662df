"""The bulletin cache: PDFs stored under the hash of everything that decides their bytes.

The key hashes the month's rendered HTML — which is made only from the month's public
inputs, the templates, the CSS and the site settings, with prepared photos named by their
own hash — plus the attachment, the edition, the WeasyPrint version and this renderer's
code. A month whose key is unchanged is copied from the cache instead of rendered again.

Layout of the cache folder (``.cache/jinlin/bulletins/`` beside ``content/`` by default)::

    manifest.json        {"jinlin-2026-10.pdf": {"key": "…", "pages": 6}, …}
    folder.json          the last complete run from a content folder (fingerprint.py):
                         {"key": "…", "files": [{"name": …, "key": …, "month": …}, …]}
    pdf/<key>.pdf        rendered files
    photos/<hash>.jpg    photos prepared for print (see photos.py)
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

RENDER_VERSION = "1"
"""Bump to re-render every cached bulletin after a change the HTML does not show."""


def cache_key(html: str, edition: str, attachment: bytes) -> str:
    """The key for one edition of one month's bulletin."""
    digest = hashlib.sha256()
    for part in (RENDER_VERSION.encode(), version("weasyprint").encode(), edition.encode(),
                 _renderer_code(), attachment, html.encode()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


@functools.cache
def _renderer_code() -> bytes:
    """The code that writes a PDF's bytes (read once, not for every month)."""
    here = Path(__file__).parent
    return (here / "pdf.py").read_bytes() + (here / "fontfiles.py").read_bytes()


@dataclass(frozen=True)
class Entry:
    key: str
    pages: int


class BulletinCache:
    """Rendered PDFs by key, with a manifest of which file name has which key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest_path = root / "manifest.json"
        self.entries = self._load()

    def pdf_path(self, key: str) -> Path:
        return self.root / "pdf" / f"{key}.pdf"

    def lookup(self, name: str, key: str) -> Entry | None:
        """The cached entry for ``name`` if its key is ``key`` and the file is still there."""
        entry = self.entries.get(name)
        if entry and entry.key == key and self.pdf_path(key).is_file():
            return entry
        return None

    def record(self, name: str, key: str, pages: int) -> None:
        """Remember ``name`` → ``key`` and drop the PDF it replaces (unless still used)."""
        old = self.entries.get(name)
        self.entries[name] = Entry(key, pages)
        if old and old.key != key and all(e.key != old.key for e in self.entries.values()):
            self.pdf_path(old.key).unlink(missing_ok=True)

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        data = {name: {"key": e.key, "pages": e.pages} for name, e in sorted(self.entries.items())}
        partial = self.manifest_path.with_suffix(".json.part")
        partial.write_text(json.dumps(data, indent=1), encoding="utf-8")
        partial.replace(self.manifest_path)

    def folder_files(self, key: str) -> list[dict[str, Any]] | None:
        """The files of the last complete run from a content folder whose
        :func:`~generator.print.fingerprint.folder_key` was ``key``, if all are still here."""
        try:
            data = json.loads((self.root / "folder.json").read_text(encoding="utf-8"))
            files = list(data["files"]) if data["key"] == key else None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if files is None or not all(self.pdf_path(str(f["key"])).is_file() for f in files):
            return None
        return files

    def remember_folder(self, key: str, files: list[dict[str, Any]]) -> None:
        """Store the run that :meth:`folder_files` gives back for ``key``."""
        self.root.mkdir(parents=True, exist_ok=True)
        partial = self.root / "folder.json.part"
        partial.write_text(json.dumps({"key": key, "files": files}, ensure_ascii=False, indent=1),
                           encoding="utf-8")
        partial.replace(self.root / "folder.json")

    def _load(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            return {name: Entry(str(v["key"]), int(v["pages"])) for name, v in data.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

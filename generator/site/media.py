"""Photos for the web: resized JPEG variants (480/960 px) without EXIF, cached by hash.

Phone photos carry GPS positions and camera serials in EXIF; only re-encoded variants are
published, never the original file. Variants are cached under the source's content hash,
so a rebuild reuses them and a replaced photo gets new file names (no stale caches).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

WIDTHS = (480, 960)
QUALITY = 82


@dataclass(frozen=True)
class Variant:
    """One resized copy: root-relative URL, pixel size and the cached file."""

    url: str
    width: int
    height: int
    path: Path


@dataclass(frozen=True)
class WebPhoto:
    """A publishable photo as the templates need it."""

    caption: str
    variants: tuple[Variant, ...]

    @property
    def small(self) -> Variant:
        return self.variants[0]

    @property
    def large(self) -> Variant:
        return self.variants[-1]


class MediaLibrary:
    """Finds, hashes and resizes photos under ``content/media/`` on demand."""

    def __init__(self, media_root: Path, cache_dir: Path) -> None:
        self.media_root = media_root
        self.cache_dir = cache_dir
        self._index_path = cache_dir / "index.json"
        self._index: dict[str, dict] = _read_json(self._index_path)
        self._done: dict[str, tuple[Variant, ...] | None] = {}
        self.problems: list[str] = []
        self.asked: list[str] | None = None
        """When a list: every file :meth:`photo` is asked for is added to it."""

    def photo(self, file: str, caption: str) -> WebPhoto | None:
        """The web variants of ``file`` (relative to media/), or ``None`` if unusable."""
        if self.asked is not None:
            self.asked.append(file)
        if file not in self._done:
            self._done[file] = self._variants(file)
        variants = self._done[file]
        return WebPhoto(caption, variants) if variants else None

    @property
    def used(self) -> list[str]:
        """The files asked for in this build (relative to media/)."""
        return list(self._done)

    def outputs(self) -> list[Variant]:
        """Every variant used in this build (to copy into the site)."""
        return [v for found in self._done.values() if found for v in found]

    def save(self) -> None:
        """Remember hashes and sizes for the next build."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(self._index_path, json.dumps(self._index, ensure_ascii=False).encode())

    def _variants(self, file: str) -> tuple[Variant, ...] | None:
        source = self.media_root / file
        try:
            stat = source.stat()
        except OSError:
            self.problems.append(f"找不到照片 media/{file}，网站上不显示这张照片")
            return None
        entry = self._index.get(file)
        if not entry or entry["size"] != stat.st_size or entry["mtime_ns"] != stat.st_mtime_ns:
            entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                     "hash": _hash_file(source), "sizes": []}
        if not entry["sizes"] or not all(self._cached(entry["hash"], w).exists() for w, _ in entry["sizes"]):
            try:
                entry["sizes"] = self._resize(source, entry["hash"])
            except OSError as exc:  # Pillow raises OSError subclasses for broken images
                self.problems.append(f"照片 media/{file} 无法读取（{exc}），网站上不显示这张照片")
                return None
        self._index[file] = entry
        return tuple(Variant(f"media/{entry['hash'][:16]}-{w}.jpg", w, h, self._cached(entry["hash"], w))
                     for w, h in entry["sizes"])

    def _cached(self, digest: str, width: int) -> Path:
        # "-v2": variants cached before JPEG comments were dropped must not be reused
        return self.cache_dir / digest[:2] / f"{digest}-{width}-v2.jpg"

    def _resize(self, source: Path, digest: str) -> list[list[int]]:
        from PIL import Image, ImageOps  # lazy: keeps `jinlin check` fast

        sizes: list[list[int]] = []
        try:
            with Image.open(source) as original:
                image = ImageOps.exif_transpose(original).convert("RGB")
        except Image.DecompressionBombError as exc:  # a small file that would decode to gigabytes
            raise OSError(exc) from exc
        image.info.clear()  # Pillow would copy a JPEG comment (COM) of the source into every variant
        for width in _widths(image.width):
            copy = image.copy()
            copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
            target = self._cached(digest, width)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            # saved without exif=…: GPS, camera and owner data are dropped
            copy.save(tmp, "JPEG", quality=QUALITY, optimize=True, progressive=True)
            os.replace(tmp, target)
            sizes.append([width, copy.height])
        return sizes


def _widths(source_width: int) -> list[int]:
    """Target widths, never enlarging: the standard ones below the source, else the source."""
    chosen = [w for w in WIDTHS if w < source_width]
    if len(chosen) < len(WIDTHS):
        chosen.append(source_width)
    return chosen


def _hash_file(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)

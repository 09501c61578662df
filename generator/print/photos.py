"""Photos prepared for print: re-encoded without EXIF (phones write GPS positions into it),
turned upright, scaled to what 300 dpi needs, and greyscale for the print edition.

Prepared files are cached under a hash of the source bytes and the treatment, and reach
WeasyPrint as ``data:`` URLs: WeasyPrint names each image in the PDF after its URL, so a
file path would make the bytes depend on where the cache lives; and the rendered HTML
(and with it the bulletin's cache key) changes exactly when a photo does.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from generator.model.public import PublicPhoto

MAX_SIDE = 1600
"""Pixels on the long side: a 120 mm wide photo at 300 dpi needs about 1,420."""
TREATMENT = "v2-q85"
"""Part of the cache key: v2 drops JPEG comments that v1 copied from the source."""


class PhotoStore:
    """Prepares the photos of one content folder into ``cache_dir`` on demand."""

    def __init__(self, media_root: Path, cache_dir: Path, greyscale: bool) -> None:
        self.media_root = media_root
        self.cache_dir = cache_dir
        self.greyscale = greyscale

    def src(self, photo: PublicPhoto) -> str | None:
        """The prepared photo as a ``data:`` URL, or ``None`` if the source is missing or
        is not a picture Pillow can read (the site build warns about those)."""
        source = self.media_root / photo.file
        if not source.is_file():
            return None
        data = source.read_bytes()
        mode = "L" if self.greyscale else "RGB"
        digest = hashlib.sha256(data + f"{TREATMENT}-{mode}".encode()).hexdigest()[:24]
        target = self.cache_dir / f"{digest}.jpg"
        if not target.is_file():
            try:
                _prepare(source, target, mode)
            except OSError:  # an SVG, a broken file or a decompression bomb: print without it
                return None
        return "data:image/jpeg;base64," + base64.b64encode(target.read_bytes()).decode("ascii")


def _prepare(source: Path, target: Path, mode: str) -> None:
    from PIL import Image, ImageOps

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with Image.open(source) as image:
            upright = ImageOps.exif_transpose(image).convert(mode)
    except Image.DecompressionBombError as exc:
        raise OSError(exc) from exc
    upright.info.clear()  # Pillow would copy a JPEG comment (COM) of the source into the output
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    partial = target.with_name(target.name + ".part")
    # No exif=, icc_profile= or comment: the published file carries pixels only.
    upright.save(partial, "JPEG", quality=85, optimize=False, progressive=False)
    partial.replace(target)

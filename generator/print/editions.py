"""The two editions of a bulletin: the archive file and the print shop's file.

* ``archive`` — PDF/A-3b in sRGB, the month's public data attached as JSON; what the web
  site offers for download and what is kept.
* ``print`` — PDF/X-4: A4 trim with 3 mm bleed and crop marks, red and black as CMYK
  (red Y80 M80, text K100), photos in greyscale; what a print shop receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError

CMYK_PROFILES = (
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
)
"""CMYK output profiles a PDF/X file can name as its output intent (Debian's libgs-common)."""


@dataclass(frozen=True)
class Palette:
    """The few colours a bulletin uses, as CSS colour values."""

    red: str
    black: str
    grey: str
    light: str


@dataclass(frozen=True)
class Edition:
    """How one edition is printed."""

    name: str
    suffix: str
    pdf_variant: str
    palette: Palette
    bleed: bool
    greyscale_photos: bool
    attach_data: bool

    def file_name(self, month: str) -> str:
        """ASCII file name, e.g. ``jinlin-2026-10.pdf`` or ``jinlin-2026-10-print.pdf``."""
        return f"jinlin-{month}{self.suffix}.pdf"


ARCHIVE = Edition(
    name="archive", suffix="", pdf_variant="pdf/a-3b",
    palette=Palette(red="#e60012", black="#000000", grey="#595959", light="#d9d9d9"),
    bleed=False, greyscale_photos=False, attach_data=True,
)
PRINT = Edition(
    name="print", suffix="-print", pdf_variant="pdf/x-4",
    palette=Palette(
        red="device-cmyk(0 0.8 0.8 0)", black="device-cmyk(0 0 0 1)",
        grey="device-cmyk(0 0 0 0.65)", light="device-cmyk(0 0 0 0.15)",
    ),
    bleed=True, greyscale_photos=True, attach_data=False,
)
EDITIONS: dict[str, Edition] = {e.name: e for e in (ARCHIVE, PRINT)}


def edition_named(name: str) -> Edition:
    """The edition called ``name`` (``archive`` or ``print``)."""
    try:
        return EDITIONS[name]
    except KeyError:
        raise BuildError(f"没有“{name}”这种版本，只有 archive（存档版）和 print（印刷版）") from None


def cmyk_profile() -> Path:
    """The CMYK output-intent profile PDF/X needs; a clear error if none is installed."""
    for path in CMYK_PROFILES:
        if path.is_file():
            return path
    raise BuildError(
        "印刷版（PDF/X-4）需要 CMYK 色彩特性文件，但没有找到。"
        "请安装 Debian 软件包 libgs-common（以 root 运行 scripts/install-system-deps.sh 即可）。"
    )

"""Bulletin previews kept between builds.

The site shows every month's bulletin as HTML (the print helper's
:func:`~generator.print.bulletins.bulletin_preview_html`); making one costs a tenth of a
second at city scale, twelve of them a second per rebuild. Each is kept under a digest
of everything it is made from (:func:`~generator.print.bulletins.preview_inputs`, the
print templates and jinlin's code), in memory for ``serve`` and in the cache folder
otherwise; only the previews a build used are kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def salt(body_salt: bytes) -> str:
    """What every preview depends on besides its inputs: the print templates, and what
    every page body depends on (jinlin's code among it)."""
    from generator.print.html import TEMPLATE_DIR
    from generator.site.freshness import folder_digest

    return hashlib.blake2b(body_salt + folder_digest(TEMPLATE_DIR, by_bytes=True), digest_size=16).hexdigest()


def store_path(cache_dir: Path) -> Path:
    return cache_dir / "bulletin-previews.pickle"

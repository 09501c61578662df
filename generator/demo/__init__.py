"""``jinlin demo``: write a fictional but valid content folder, small, city- or province-sized.

The same seed always gives the same bytes: everything is drawn from one
``random.Random(seed)`` in a fixed order, pools are tuples, and no file holds a
timestamp. The folder is written next to its target and renamed into place at the end,
so an interrupted run never leaves half a demo behind.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

from generator.errors import JinlinError


def run_demo(scale: str, out_dir: str | Path, seed: int = 1) -> Counter[str]:
    """Write the ``scale`` demo (``small``, ``city`` or ``province``) into ``out_dir``.

    ``out_dir`` must not exist or be an empty folder. Returns the number of files
    written per top-level folder (``activities``, ``ratings`` …).
    """
    from generator.demo.tree import write_demo
    from generator.demo.world import SCALES

    if scale not in SCALES:
        raise JinlinError(f"未知的规模“{scale}”，可选：{'、'.join(SCALES)}")
    out = Path(out_dir)
    _refuse_occupied(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        counts = write_demo(SCALES[scale], staging, seed)
        _refuse_occupied(out)  # someone may have written there meanwhile
        if out.is_dir():
            out.rmdir()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return counts


def _refuse_occupied(out: Path) -> None:
    if out.is_dir() and any(out.iterdir()):
        raise JinlinError(f"输出文件夹“{out}”不是空的，为免覆盖已有内容，请换一个文件夹或先清空它")
    if out.exists() and not out.is_dir():
        raise JinlinError(f"“{out}”是一个文件，不是文件夹，请换一个输出位置")

"""Pagefind: index the built site (Chinese segmentation needs the *extended* binary)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.errors import BuildError


def index_site(site_dir: Path) -> None:
    """Write ``<site_dir>/pagefind/``; raise :class:`BuildError` with Pagefind's message."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"搜索索引（Pagefind）无法运行：{exc}") from exc
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").exists():
        detail = (result.stderr or result.stdout).strip()[-800:]
        raise BuildError(f"搜索索引（Pagefind）生成失败：{detail}")

"""The yardstick: bare MkDocs building the same number of plain pages with a one-line theme.

The pages are kept out of the nav (``not_in_nav``), as jinlin's record pages are: a nav
with thousands of entries makes MkDocs quadratic and would flatter the comparison.
"""

from __future__ import annotations

import random
from pathlib import Path

THEME = "<!doctype html><title>{{ page.title }}</title>{{ page.content }}\n"
"""The one-line theme: ``main.html`` with the page title and body, nothing else."""

_CHARS = "社区党建楼栋小区志愿服务邻里互助居民议事协商环境整治关爱帮扶老人儿童文明和谐共建共治共享"


def write_baseline(root: Path, pages: int, seed: int = 1) -> Path:
    """Write an MkDocs project with ``pages`` short Chinese pages under ``root``; return
    its ``mkdocs.yml``. Existing files are overwritten (same pages and seed, same bytes)."""
    rng = random.Random(seed)
    docs, theme = root / "docs", root / "theme"
    theme.mkdir(parents=True, exist_ok=True)
    (theme / "main.html").write_text(THEME, encoding="utf-8")
    for number in range(pages):
        folder = docs / f"p{number // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{number:05d}.md").write_text(_page(rng, number), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: baseline\nuse_directory_urls: true\n"
        "theme:\n  name: null\n  custom_dir: theme\n"
        "nav:\n  - p00/page-00000.md\nnot_in_nav: |\n  /p*/\n",
        encoding="utf-8",
    )
    return config


def _page(rng: random.Random, number: int) -> str:
    words = "".join(rng.choice(_CHARS) for _ in range(600))
    paragraphs = "\n\n".join(words[i:i + 150] for i in range(0, 600, 150))
    return f"# 第 {number} 页\n\n{paragraphs}\n"

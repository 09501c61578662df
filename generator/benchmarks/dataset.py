"""The bench's own project: a demo content folder (``jinlin demo``) and a copy of the
repository's ``mkdocs.yml`` pointing at the repository's theme, under ``.cache/bench/``.

Builds run inside this folder, so the content lies below the working directory and the
parse cache is kept on disk (as for staff running ``jinlin`` in their project folder).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".cache" / "bench"


@dataclass(frozen=True)
class Project:
    """A bench project folder: ``content/``, ``mkdocs.yml``, an empty ``docs/``."""

    root: Path
    scale: str
    seed: int

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"


def project(scale: str, seed: int = 1, base: Path = BENCH_DIR) -> Project:
    """The project for ``scale`` and ``seed``, generating its content only if missing."""
    found = Project(base / f"{scale}-{seed}", scale, seed)
    if not (found.content / "site.yml").is_file():
        shutil.rmtree(found.content, ignore_errors=True)
        found.root.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "generator.cli", "demo", "--scale", scale, "--out",
                        str(found.content), "--seed", str(seed)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    (found.root / "docs").mkdir(exist_ok=True)
    (found.root / "mkdocs.yml").write_text(_config(), encoding="utf-8")
    return found


def _config() -> str:
    """The repository's ``mkdocs.yml`` with the theme found from anywhere."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*custom_dir:)\s*\S+", rf"\1 {ROOT / 'templates' / 'site'}", text)
    return re.sub(r"(?m)^docs_dir:\s*\S+", "docs_dir: docs", text)


def activity_file(content: Path) -> Path:
    """One activity to edit (the same one every run: the first in file order)."""
    return sorted((content / "activities").rglob("*.yml"))[0]

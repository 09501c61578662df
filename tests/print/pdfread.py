"""Read PDFs back with poppler (pdftotext, pdffonts) and run the real CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_CONTENT = ROOT / "tests" / "fixtures" / "print-content"
"""Three months (2025-12, 2026-09, 2026-10) covering every section of a bulletin."""
MONTH = "2026-10"
"""The month with everything: highlights, ratings, honours, wishes, meetings, pairing."""

def pdftotext(path: Path, page: int | None = None, layout: bool = False) -> str:
    """The text of ``path`` (one page when ``page`` is given, 1-based)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without white space, so that words broken across lines still match."""
    return re.sub(r"\s+", "", text)


def pdffonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows as dicts (name, type, emb, sub, uni)."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in lines.splitlines()[2:]:
        parts = line.split()
        # name, type words…, encoding, emb, sub, uni, object id, generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def run_jinlin(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in a subprocess."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)

"""The cache folder that generated pages and files live in before MkDocs copies them.

A file is rewritten only when its bytes change, so ``mkdocs serve --dirty`` and editors
watching the folder see real changes only; files no longer generated are removed.
"""

from __future__ import annotations

import os
from pathlib import Path


class GeneratedFiles:
    """Writes generated files under ``root`` and forgets the ones not written this build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.kept: set[Path] = set()

    def write(self, relative: str, data: bytes) -> Path:
        """Store ``data`` at ``root/relative`` unless identical; return the path."""
        path = self.root / relative
        self.kept.add(path)
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return path
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return path

    def prune(self) -> int:
        """Delete files under ``root`` that this build did not write; return how many."""
        removed = 0
        for path in self.root.rglob("*") if self.root.exists() else ():
            if path.is_file() and path not in self.kept:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

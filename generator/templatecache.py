"""Compiled Jinja templates kept between processes, safe against damaged files."""

from __future__ import annotations

import pickle
from pathlib import Path

import jinja2


class KeptBytecode(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache in ``directory``, made if missing (the system's temporary
    folder without one). A file cut short or damaged on the disk makes the template compile
    again, as a missing file does, instead of failing the build (Jinja itself lets
    ``marshal`` or ``pickle`` raise)."""

    def __init__(self, directory: Path | None = None) -> None:
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        super().__init__(None if directory is None else str(directory))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

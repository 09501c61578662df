"""Writing a cache file so that a reader never sees half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_cache_file(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` atomically: a temporary file beside it, then a rename. A
    cache is best effort: a failure (full disk, read-only folder) is ignored and leaves no
    temporary file behind; the next run simply finds the old file, or none."""
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        temp = None
    except OSError:
        pass
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)

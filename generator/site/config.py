"""Typed options of the ``jinlin`` MkDocs plugin (``plugins: - jinlin: …`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JinlinConfig(Config):
    """``content``: the content folder; ``pdf``: render bulletin PDFs (not in ``serve``);
    ``search``: build the Pagefind index; ``cache_dir``: generated pages and photo variants.
    Relative paths are relative to mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    content = c.Type(str, default="content")
    pdf = c.Type(bool, default=False)
    search = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/jinlin")

"""The page ``serve`` shows while the content has errors (the 预览 error page).

Under ``jinlin serve`` a content error must not kill the server or leave the browser on a
stale page: the plugin builds a one-page site instead, whose ``index.html`` and
``404.html`` list every problem by file, with its line, column, field and the offending
line of YAML. ``404.html`` is what MkDocs' server answers for any other address, so the
page a member of staff was looking at shows the problems too.

The page is self-contained (inline style, no links to the theme's assets) because it is
served at every depth of the site, and it carries its own small live-reload poller:
MkDocs injects its reloader into the HTML files it serves, but not into the 404 answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.errors import Problem
from generator.site.render import THEME_DIR

TEMPLATE = "error.html"
SOURCE_LIMIT = 160
"""Characters of the offending YAML line shown under a problem."""


@dataclass
class ProblemFile:
    """The problems of one file, with the lines of YAML they point at."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    source: dict[int, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


@dataclass(frozen=True)
class ContentFolder:
    """Where problems' paths point: messages name files under ``shown_root`` (the folder
    as the user gave it); the files themselves are under ``root``."""

    root: Path
    shown_root: str

    def short(self, path: str) -> str:
        """``content/activities/…yml`` instead of a long absolute path."""
        relative = self._relative(path)
        return path if relative is None else f"{self.root.name}/{relative}"

    def file(self, path: str) -> Path | None:
        """The file a problem's path names, if it is inside the content folder."""
        relative = self._relative(path)
        return None if relative is None else self.root / relative

    def _relative(self, path: str) -> str | None:
        prefix = self.shown_root.rstrip("/") + "/" if self.shown_root else ""
        if not path.startswith(prefix) or path == prefix:
            return None
        return path[len(prefix):]


def group_problems(problems: list[Problem], folder: ContentFolder) -> list[ProblemFile]:
    """Problems by file (files with errors first, then in path order; problems by line),
    each file's lines read once."""
    groups: dict[str, ProblemFile] = {}
    for problem in sorted(problems, key=Problem.sort_key):
        groups.setdefault(problem.path, ProblemFile(folder.short(problem.path))).problems.append(problem)
    for path, group in groups.items():
        group.source = _source_lines(folder.file(path), {p.line for p in group.problems})
    return sorted(groups.values(), key=lambda g: g.errors == 0)  # errors first: they block the site


def _source_lines(file: Path | None, wanted: set[int]) -> dict[int, str]:
    """The numbered lines of ``file`` that problems point at (none if it cannot be read)."""
    if file is None or not file.is_file():
        return {}
    try:
        lines = file.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return {}
    return {n: _clip(lines[n - 1]) for n in sorted(wanted) if 0 < n <= len(lines) and lines[n - 1].strip()}


def _clip(line: str) -> str:
    line = line.rstrip()
    return line if len(line) <= SOURCE_LIMIT else line[: SOURCE_LIMIT - 1] + "…"


def render_error_page(problems: list[Problem], folder: ContentFolder, theme_dir: Path = THEME_DIR) -> str:
    """The whole HTML document listing ``problems`` (autoescaped: messages quote user text)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme_dir)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    files = group_problems(problems, folder)
    errors = sum(f.errors for f in files)
    return env.get_template(TEMPLATE).render(files=files, errors=errors,
                                             warnings=sum(f.warnings for f in files))


def error_site(problems: list[Problem], folder: ContentFolder) -> dict[str, bytes]:
    """The files of the stand-in site: the same page as the home page and as the answer
    for every other address."""
    page = render_error_page(problems, folder).encode("utf-8")
    return {"index.html": page, "404.html": page}

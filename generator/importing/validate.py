"""Check candidate records exactly as ``jinlin check`` would, and show problems at their cells.

The candidate files are written alone into a temporary folder and read by the same
loader (:func:`generator.load.tree.load_tree`: YAML, file layout, record models); the
records are then added to the already loaded content and the same cross-reference
checks (:func:`generator.model.references.check_references`) run over the whole. This
avoids re-reading every file of a large content folder for one sheet. Each problem in a
new file is mapped back to the row and column it came from; problems elsewhere are the
content folder's own (``jinlin check`` reports them).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from generator.errors import Problem
from generator.importing.problems import SheetProblem
from generator.importing.records import Candidate
from generator.load.tree import load_tree
from generator.model.content import Content
from generator.model.references import check_references

_TABLES = {
    "community": "communities", "unit": "units", "group": "groups", "person": "people",
    "meeting": "meetings", "activity": "activities", "rating": "ratings", "wish": "wishes",
}


def shown_path(shown_root: str, relative: str) -> str:
    """A content file as messages name it (``content/activities/…``)."""
    return f"{shown_root.rstrip('/')}/{relative}" if shown_root else relative


def check_candidates(content: Content, shown_root: str, texts: dict[str, str],
                     candidates: list[Candidate], file: str) -> list[SheetProblem]:
    """Problems that writing ``texts`` (content-relative path → YAML) would bring."""
    with tempfile.TemporaryDirectory(prefix="jinlin-import-") as temp:
        root = Path(temp)
        for relative, text in texts.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        tree = load_tree(root, shown_root)
    merged = dataclasses.replace(content, **{  # type: ignore[arg-type]
        table: {**getattr(content, table), **tree.records[kind]} for kind, table in _TABLES.items()
    })
    problems = [*tree.problems, *check_references(merged, tree.failed)]
    return locate(problems, candidates, shown_root, file)


def locate(problems: list[Problem], candidates: list[Candidate], shown_root: str,
           file: str) -> list[SheetProblem]:
    """Sheet problems for the problems found in the new files (each at its cell)."""
    by_path = {shown_path(shown_root, c.relative): c for c in candidates}
    found: list[SheetProblem] = []
    for problem in sorted(problems, key=Problem.sort_key):
        candidate = by_path.get(problem.path)
        if candidate is not None:
            found.append(SheetProblem(file, candidate.locate(problem.field), _message(problem), problem.severity))
    return list(dict.fromkeys(found))


def _message(problem: Problem) -> str:
    if problem.field and problem.field not in problem.message:
        return f"{problem.message}（字段 {problem.field}）"
    return problem.message

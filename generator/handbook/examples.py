"""The handbook's complete examples: real YAML files in ``examples/``.

``examples/`` is laid out exactly like ``content/`` (with a few photos in ``media/``), so
the tests can load it as a content folder and the handbook can show each file under
the path it would have. The handbook includes the files verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.model.kinds import KINDS, RecordKind

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True)
class Example:
    """One example file: where it goes below ``content/`` and its text."""

    path: str
    text: str


def examples_for(kind: RecordKind, root: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example file of ``kind``, in path order."""
    found: list[Example] = []
    for file in sorted(root.rglob("*.yml")):
        relative = file.relative_to(root).as_posix()
        if kind.match(relative):
            found.append(Example(relative, file.read_text(encoding="utf-8")))
    return found


def all_examples(root: Path = EXAMPLES_DIR) -> dict[str, list[Example]]:
    """Examples by kind name, for every kind (a kind without one gets an empty list)."""
    return {kind.name: examples_for(kind, root) for kind in KINDS}

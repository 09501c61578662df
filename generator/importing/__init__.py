"""Spreadsheets in: turn rows of an Excel/CSV sheet filled in by staff into YAML records.

Pipeline: :mod:`sheet` reads rows with Excel's row numbers and column letters →
:mod:`rows` binds the Chinese headers and types each cell (:mod:`cells`, names resolved
by :mod:`names`) → a recipe per kind (:mod:`kinds`, :mod:`wishes`, :mod:`ratings`) builds
candidate records → :mod:`validate` runs the same checks as ``jinlin check`` on them →
:mod:`writer` writes them atomically, all or none. :mod:`template` writes the blank sheet.
"""

from __future__ import annotations

from generator.importing.pipeline import ImportPlan, importable, load_directory, plan_import, recipe_for
from generator.importing.problems import ImportUsageError, SheetError, SheetProblem

__all__ = [
    "ImportPlan", "ImportUsageError", "SheetError", "SheetProblem",
    "importable", "load_directory", "plan_import", "recipe_for",
]

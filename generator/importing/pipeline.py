"""Sheet → checked records: read, bind headers, type cells, build records, check, plan writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.importing.kinds import ActivityRecipe, MeetingRecipe, PersonRecipe, UnitRecipe
from generator.importing.names import Directory
from generator.importing.problems import CellRef, SheetError, SheetProblem
from generator.importing.ratings import RatingRecipe
from generator.importing.records import Candidate, Recipe
from generator.importing.rows import bind, parse_rows
from generator.importing.sheet import read_sheet
from generator.importing.validate import check_candidates
from generator.importing.wishes import WishRecipe
from generator.importing.writer import render
from generator.model.content import Content
from generator.model.kinds import KINDS_BY_NAME
from generator.project import load_content

RECIPES: dict[str, type[Recipe]] = {
    "activity": ActivityRecipe, "person": PersonRecipe, "wish": WishRecipe,
    "rating": RatingRecipe, "meeting": MeetingRecipe, "unit": UnitRecipe,
}
_ALIASES = {"心愿": "wish", "评分": "rating", "评分表": "rating", "星级楼栋": "rating", "单位": "unit",
            "people": "person", "activities": "activity", "wishes": "wish", "ratings": "rating"}


@dataclass
class ImportPlan:
    """What an import will write: content-relative path → YAML text, with the rows used."""

    file: str
    label: str
    texts: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)
    warnings: list[SheetProblem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    """Rows of the template's example (a cell starting with “示例：”), not imported."""


def recipe_for(text: str) -> type[Recipe] | None:
    """The recipe for a kind named in English (``activity``) or Chinese (``活动``)."""
    wanted = text.strip().lower()
    wanted = _ALIASES.get(wanted, wanted)
    for name, recipe in RECIPES.items():
        if wanted in (name, KINDS_BY_NAME[name].label):
            return recipe
    return None


def importable() -> str:
    """``activity（活动）、person（人物）…`` for usage messages."""
    return "、".join(f"{name}（{KINDS_BY_NAME[name].label}）" for name in RECIPES)


def load_directory(content_dir: Path, shown_root: str) -> tuple[Content, list[Problem]]:
    """The content names resolve against, and the problems it already has."""
    content, problems = load_content(content_dir, shown_root)
    if content is None:
        raise ContentError(problems)
    return content, problems


def plan_import(recipe_type: type[Recipe], sheet_path: Path, content_dir: Path, shown_root: str,
                day: str) -> ImportPlan:
    """Everything the import would write; :class:`SheetError` lists every bad cell."""
    content, _ = load_directory(content_dir, shown_root)
    recipe = recipe_type(Directory(content))
    sheet = read_sheet(sheet_path)
    rows, skipped = parse_rows(sheet, bind(sheet, recipe.columns), recipe.directory)
    if not rows:
        raise SheetError([SheetProblem(sheet.file, CellRef(1), "表格中没有要导入的数据行（示例行会被跳过）")])
    problems = [p for row in rows for p in row.problems]
    candidates, found = recipe.build(rows, sheet.file)
    problems += found
    candidates = _without_clashes(recipe, content_dir, candidates, sheet.file, problems)
    texts = {c.relative: render(c, sheet.file, day) for c in candidates}
    problems += check_candidates(content, shown_root, texts, candidates, sheet.file)
    if any(p.is_error for p in problems):
        raise SheetError(problems)
    plan = ImportPlan(sheet.file, recipe.kind.label, texts, warnings=problems, skipped=skipped)
    plan.rows = {c.relative: c.rows for c in candidates}
    return plan


def _without_clashes(recipe: Recipe, content_dir: Path, candidates: list[Candidate], file: str,
                     problems: list[SheetProblem]) -> list[Candidate]:
    """Candidates whose file is new; a file that exists (or twice in the sheet) is an error."""
    kept: dict[str, Candidate] = {}
    for candidate in candidates:
        clash = _existing(recipe, content_dir, candidate.relative)
        if clash:
            problems.append(SheetProblem(file, candidate.first, f"{clash}，导入不会覆盖已有记录。{_hint(recipe)}"))
        elif candidate.relative in kept:
            first = kept[candidate.relative].rows[0]
            message = f"与第 {first} 行要写出同一个文件 {candidate.relative}。{_hint(recipe)}"
            problems.append(SheetProblem(file, candidate.first, message))
        else:
            kept[candidate.relative] = candidate
    return list(kept.values())


def _existing(recipe: Recipe, content_dir: Path, relative: str) -> str:
    target = content_dir / relative
    if target.exists():
        return f"文件 {relative} 已存在"
    if recipe.kind_name == "rating":
        return ""
    same = sorted((content_dir / recipe.kind.folder).rglob(target.name))
    return f"已有同编号的记录 {same[0].relative_to(content_dir).as_posix()}" if same else ""


def _hint(recipe: Recipe) -> str:
    if recipe.kind_name == "rating":
        return "请直接编辑该文件，或把这些行另存后删除该文件再导入"
    return "如果这是另一条记录，请在“编号”列填写一个不同的编号"

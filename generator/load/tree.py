"""Walk a ``content/`` folder, parse every record file and validate it against its model.

Every problem from every file is collected; nothing stops at the first mistake. A file
that is in the wrong place is reported too, so that nothing staff wrote is silently
ignored.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import Problem, Severity
from generator.load.cache import ParseCache
from generator.load.messages import field_path, translate
from generator.load.parallel import parse_files
from generator.load.yamlfile import LocatedDocument
from generator.model.base import Record
from generator.model.kinds import KINDS, KINDS_BY_FOLDER, MEDIA_FOLDER, RecordKind

IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep"}


@dataclass
class LoadedTree:
    """Records found in a content folder, by kind name, plus every problem met."""

    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    failed: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of files that exist but did not validate: references to them are not
    reported again as missing."""



def load_tree(root: Path, shown_root: str, cache_dir: Path | None = None) -> LoadedTree:
    """Load every record file below ``root``; ``shown_root`` prefixes paths in messages.

    Parsed files are cached in memory and, with ``cache_dir``, on disk (see ``cache.py``).
    """
    cache = ParseCache.open(cache_dir, root)
    tree = LoadedTree(records={kind.name: {} for kind in KINDS})
    planned = []
    for relative in _record_files(root, tree, shown_root):
        file, shown = root / relative, shown_path(shown_root, relative)
        place = classify(relative)
        if place is None:
            tree.problems.append(misplaced(relative, shown))
            continue
        planned.append((file, shown, place))
    parsed = parse_files([(file, shown) for file, shown, _ in planned], cache=cache)
    cache.save()
    for (_file, shown, place), (doc, found) in zip(planned, parsed, strict=True):
        tree.problems.extend(found)
        record, invalid = validate(doc, place)
        tree.problems.extend(invalid)
        add_record(tree, place, record, shown)
    add_missing(tree, shown_root)
    return tree


@dataclass(frozen=True, slots=True)
class Place:
    """Where a record file sits: its kind, its id (the file name) and its key in the table
    (rating sheets share the community id across months: they are keyed YYYY-MM/community)."""

    kind: RecordKind
    record_id: str
    key: str


@functools.lru_cache(maxsize=65536)
def classify(relative: str) -> Place | None:
    """The place of a content-relative record path, ``None`` if it is in no valid place."""
    kind, match = _classify(relative)
    if kind is None or match is None:
        return None
    record_id = match.groupdict().get("id") or kind.name
    key = f"{match['month']}/{record_id}" if kind.name == "rating" else record_id
    return Place(kind, record_id, key)


def add_record(tree: LoadedTree, place: Place, record: Record | None, shown: str) -> bool:
    """Put a validated record (or note a failed one) in ``tree``; ``False`` if it was not
    added (failed, or its id is taken by an earlier file)."""
    if record is None:
        tree.failed.add((place.kind.name, place.record_id))
        return False
    bucket = tree.records[place.kind.name]
    if place.key in bucket:
        other = bucket[place.key]._source.path
        tree.problems.append(Problem(shown, 1, 1, f"编号“{place.record_id}”与 {other} 重复，请改一个文件名"))
        return False
    bucket[place.key] = record
    return True


def add_missing(tree: LoadedTree, shown_root: str) -> None:
    """Report required files (site.yml, scoring.yml) that are missing."""
    for kind in KINDS:
        # a site.yml that exists but has errors is reported by those errors, not as missing
        if kind.required and not tree.records[kind.name] and (kind.name, kind.name) not in tree.failed:
            shown = f"{shown_root.rstrip('/')}/{kind.layout}" if shown_root else kind.layout
            tree.problems.append(Problem(shown, 1, 1, f"缺少{kind.label}文件 {kind.layout}"))


def _record_files(root: Path, tree: LoadedTree, shown_root: str) -> list[str]:
    """Content-relative POSIX paths of the record files, sorted; other files are reported."""
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (not prefix and d == MEDIA_FOLDER))
        for name in sorted(names):
            if name.startswith(".") or name in IGNORED_NAMES or name.endswith("~"):
                continue
            relative = prefix + name
            if name.endswith(".yml"):
                found.append(relative)
            else:
                tree.problems.append(not_a_record(relative, shown_path(shown_root, relative)))
    return sorted(found)


def shown_path(shown_root: str, relative: str) -> str:
    return f"{shown_root.rstrip('/')}/{relative}" if shown_root else relative


def not_a_record(relative: str, shown: str) -> Problem:
    if relative.endswith(".yaml"):
        return Problem(shown, 1, 1, "扩展名请改为 .yml（现在是 .yaml，不会被读取）")
    message = "这个文件不是 .yml 记录，不会被使用；照片等素材请放在 media/ 下"
    return Problem(shown, 1, 1, message, severity=Severity.WARNING)


def _classify(relative: str) -> tuple[RecordKind | None, Any]:
    folder, slash, _ = relative.partition("/")
    # every layout starts with its kind's folder, and the root files have none
    candidates = (KINDS_BY_FOLDER[folder],) if slash and folder in KINDS_BY_FOLDER else KINDS
    for kind in candidates:
        match = kind.match(relative)
        if match:
            return kind, match
    return KINDS_BY_FOLDER.get(folder), None


def misplaced(relative: str, shown: str) -> Problem:
    kind = KINDS_BY_FOLDER.get(relative.split("/")[0])
    if kind is not None:
        message = f"{kind.label}文件的位置或文件名不对，应为 {kind.layout}（文件名只用小写字母、数字和“-”）"
    else:
        folders = "、".join(sorted(KINDS_BY_FOLDER))
        message = f"不认识的文件位置，记录只能放在 site.yml、scoring.yml、figures.yml 或这些文件夹中：{folders}"
    return Problem(shown, 1, 1, message)


def validate(doc: LocatedDocument | None, place: Place) -> tuple[Record | None, list[Problem]]:
    """The record a parsed file holds (its id set), or ``None`` and the problems found."""
    problems: list[Problem] = []
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "文件内容应为若干行“字段: 值”")]
    try:
        record = place.kind.model.model_validate(doc.data)
    except ValidationError as exc:
        return None, _located(doc, place.kind, exc)
    record._source = doc
    record._id = place.record_id
    return record, problems


def _located(doc: LocatedDocument, kind: RecordKind, exc: ValidationError) -> list[Problem]:
    located = []
    for error in exc.errors(include_url=False):
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        message, at_key = translate(kind.model, error)
        value = error.get("input") if error["type"] != "missing" else None
        if isinstance(value, dict | list):
            value = None
        located.append(doc.problem(loc, message, prefer_key=at_key, field=field_path(loc), value=value))
    return located

"""The committed editor schemas are current, well-formed and say everything in Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.model.kinds import KINDS
from generator.schemas import DIALECT, editor_globs, render_schema, schema_for, write_schemas

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
REGENERATE = "the committed schemas are out of date: run `jinlin schemas` (or `make schemas`)"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SCHEMAS.glob("*.schema.json")), REGENERATE
    for path in written:
        committed = (SCHEMAS / path.name).read_bytes()
        assert path.read_bytes() == committed, f"{path.name}: {REGENERATE}"


def test_write_schemas_removes_stale_schema_files_only(tmp_path: Path) -> None:
    (tmp_path / "gone.schema.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("keep")
    write_schemas(tmp_path)
    assert not (tmp_path / "gone.schema.json").exists()
    assert (tmp_path / "notes.txt").read_text() == "keep"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_rendering_is_deterministic_and_sorted(kind: Any) -> None:
    text = render_schema(kind)
    assert text == render_schema(kind)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


def _schemas(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every (sub)schema, visiting only schema positions (not data such as defaults)."""
    yield node
    for key in ("properties", "definitions", "patternProperties"):
        for child in node.get(key, {}).values():
            yield from _schemas(child)
    for key in ("anyOf", "allOf", "oneOf"):
        for child in node.get(key, []):
            yield from _schemas(child)
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(node.get(key), dict):
            yield from _schemas(node[key])


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_schema_shape(kind: Any) -> None:
    schema = schema_for(kind)
    assert schema["$schema"] == DIALECT and schema["title"] == kind.label
    assert "$defs" not in json.dumps(schema), "draft-07 wants definitions, not $defs"
    for sub in _schemas(schema):
        if "properties" in sub:
            assert sub["additionalProperties"] is False, sub.get("title")
        if "title" in sub:
            assert CJK.search(sub["title"]), f"English title left: {sub['title']}"
        if "$ref" in sub:
            assert set(sub) == {"$ref"}, "draft-07 ignores keywords beside $ref"
        assert "format" not in sub or sub["format"] in {"date", "uri"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_is_described_and_nothing_else(kind: Any) -> None:
    schema = schema_for(kind)
    properties = schema["properties"]
    assert set(properties) == set(kind.model.model_fields)
    assert "id" not in properties, "Record.id is the file name, not a field"
    assert not any(name.startswith("_") for name in properties), "private attributes leaked"
    for name, prop in properties.items():
        assert CJK.search(prop.get("description", "")), f"{kind.name}.{name} has no Chinese description"


def test_private_fields_are_in_the_schema_for_staff() -> None:
    person = schema_for(next(k for k in KINDS if k.name == "person"))["properties"]
    for name in ("phone", "id_number", "address"):
        assert "不公开" in person[name]["description"]
    wisher = schema_for(next(k for k in KINDS if k.name == "wish"))["definitions"]["Wisher"]
    assert {"phone", "address", "hardship", "age"} <= set(wisher["properties"])


def test_closed_sets_are_enums() -> None:
    activity = schema_for(next(k for k in KINDS if k.name == "activity"))
    assert "文体活动" in activity["properties"]["type"]["enum"]
    wish = schema_for(next(k for k in KINDS if k.name == "wish"))
    steps = wish["definitions"]["WishStep"]["properties"]["status"]["enum"]
    assert steps == ["征集", "核实", "发布", "认领", "完成"], "enum order follows the model"


def test_vscode_maps_every_schema_to_its_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_globs()
    for schema_path in settings["yaml.schemas"]:
        assert (ROOT / schema_path).is_file(), schema_path
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def _glob_regex(glob: str) -> re.Pattern[str]:
    """VS Code glob → regex: ``**/`` is any number of folders, ``*`` stays in one."""
    parts = re.split(r"(\*\*/|\*)", glob)
    table = {"**/": "(?:[^/]+/)*", "*": "[^/]*"}
    return re.compile("".join(table.get(part, re.escape(part)) for part in parts))


def test_globs_match_the_layouts() -> None:
    for kind in KINDS:
        (glob,) = editor_globs()[f"./schemas/{kind.name}.schema.json"]
        example = kind.layout.replace("<年>", "2026").replace("<月>", "11")
        example = re.sub(r"<[^>]+>", "x", example)
        assert _glob_regex(glob).fullmatch(f"content/{example}"), (kind.name, glob, example)
        others = [k for k in KINDS if k is not kind and k.folder != kind.folder]
        for other in others:
            assert not _glob_regex(glob).fullmatch(f"content/{other.layout}"), (kind.name, other.name)

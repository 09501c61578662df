"""Editor support generated from the record models.

``schemas/<kind>.schema.json`` gives VS Code (Red Hat YAML extension) completion, hover
help in Chinese and red underlines while staff type; :mod:`generator.schemas.skeleton`
writes the commented templates of ``jinlin new``. Both read the field descriptions of the
pydantic models, so the editor, the error messages and the templates cannot drift apart.

The schemas are JSON Schema draft-07, because that is the draft the YAML extension
validates with: pydantic's ``$defs`` become ``definitions`` and a ``$ref`` that carries a
description is wrapped in ``allOf`` (draft-07 ignores keywords beside ``$ref``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.model import base
from generator.model.kinds import KINDS, RecordKind

DIALECT = "http://json-schema.org/draft-07/schema#"
GENERATED_NOTE = "由 jinlin schemas 根据 generator/model/ 中的记录模型生成，请勿手工修改"
SCHEMA_SUFFIX = ".schema.json"

_SCHEMA_MAPS = ("properties", "definitions", "patternProperties")
_SCHEMA_LISTS = ("anyOf", "allOf", "oneOf")
_SCHEMA_SINGLE = ("items", "additionalProperties", "propertyNames", "not")


class EditorJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, with record ids spelt out.

    An id accepts a bare whole number (``building: 5`` is read as ``"5"``), so its schema
    allows a non-negative integer beside the patterned text.
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if schema.get("coerce_numbers_to_str") and schema.get("pattern") == base.ID_PATTERN:
            return {"anyOf": [json_schema, {"type": "integer", "minimum": 0}]}
        return json_schema


def schema_file_name(kind: RecordKind) -> str:
    """``activity.schema.json`` for the activity kind."""
    return f"{kind.name}{SCHEMA_SUFFIX}"


def schema_for(kind: RecordKind) -> dict[str, Any]:
    """The draft-07 JSON Schema of one record kind, with Chinese titles and descriptions."""
    schema = kind.model.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=EditorJsonSchema
    )
    definitions = schema.pop("$defs", {})
    if definitions:
        schema["definitions"] = definitions
    _tidy(schema)
    for part in definitions.values():
        part["title"] = _title_from(part.get("description", ""))
    schema.update({"$schema": DIALECT, "$comment": GENERATED_NOTE, "title": kind.label})
    return schema


def render_schema(kind: RecordKind) -> str:
    """The schema as committed: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(output: Path) -> list[Path]:
    """Write one schema per record kind into ``output``; returns the files written.

    Other ``*.schema.json`` files in ``output`` are removed, so a kind that no longer
    exists leaves no stale schema behind; nothing else in the folder is touched.
    """
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = output / schema_file_name(kind)
        path.write_bytes(render_schema(kind).encode("utf-8"))
        written.append(path)
    for stale in sorted(set(output.glob(f"*{SCHEMA_SUFFIX}")) - set(written)):
        stale.unlink()
    return written


def editor_globs(schema_dir: str = "./schemas", content_dir: str = "content") -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting of ``.vscode/settings.json``: schema file → file globs."""
    mapping = {}
    for kind in KINDS:
        glob = f"{content_dir}/{kind.folder}/**/*.yml" if kind.folder else f"{content_dir}/{kind.layout}"
        mapping[f"{schema_dir}/{schema_file_name(kind)}"] = [glob]
    return mapping


def _tidy(node: dict[str, Any]) -> None:
    """Drop pydantic's English titles and make ``$ref`` siblings draft-07-safe, recursively.

    Only schema positions are visited: a property that happens to be called ``title`` is
    a key of ``properties`` and stays.
    """
    node.pop("title", None)
    for key in _SCHEMA_MAPS:
        for child in node.get(key, {}).values():
            _tidy(child)
    for key in _SCHEMA_LISTS:
        for child in node.get(key, []):
            _tidy(child)
    for key in _SCHEMA_SINGLE:
        if isinstance(node.get(key), dict):
            _tidy(node[key])
    if "$ref" in node and len(node) > 1:
        node["allOf"] = [{"$ref": node.pop("$ref")}]


def _title_from(description: str) -> str:
    """``楼栋`` from ``楼栋：楼栋党小组、……``: the part's docstring up to its first colon."""
    first = description.strip().splitlines()[0] if description.strip() else ""
    return first.split("：")[0].rstrip("。")

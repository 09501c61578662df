"""The schemas agree with the models: what the loader accepts, the editor accepts, and the
typical slips (misspelt field, value outside a closed set, Chinese date) are underlined."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from generator.cli import cli
from generator.load.yamlfile import load_yaml_file
from generator.model.kinds import KINDS, KINDS_BY_NAME
from generator.schemas import schema_for

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
CONTENT_ROOTS = [ROOT / "content", *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())]


def validator(kind_name: str) -> Any:
    schema = schema_for(KINDS_BY_NAME[kind_name])
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """What the editor sees: YAML 1.2 reads an unquoted 2026-11-03 as text, not a date."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def record_files() -> list[tuple[str, Path]]:
    found = []
    for root in CONTENT_ROOTS:
        for path in sorted(root.rglob("*.yml")):
            relative = path.relative_to(root).as_posix()
            kind = next((k for k in KINDS if k.match(relative)), None)
            if kind is not None and "media" not in path.relative_to(root).parts:
                found.append((kind.name, path))
    return found


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_schema_is_valid_draft7(kind: Any) -> None:
    jsonschema.Draft7Validator.check_schema(schema_for(kind))


def test_every_record_the_models_accept_passes_its_schema() -> None:
    """Content is being written while this runs elsewhere: files the model rejects are the
    loader tests' business, but a file the model accepts must never be underlined."""
    checked = 0
    for kind_name, path in record_files():
        doc, problems = load_yaml_file(path, str(path))
        if doc is None or problems:
            continue
        try:
            KINDS_BY_NAME[kind_name].model.model_validate(doc.data)
        except ValidationError:
            continue
        errors = [e.message for e in validator(kind_name).iter_errors(as_json(doc.data))]
        assert not errors, f"{path.relative_to(ROOT)}: {errors}"
        checked += 1
    assert checked >= 10, "too few records found to mean anything"


ACTIVITY = {
    "title": "楼道清理", "date": "2026-10-10", "type": "环境整治", "community": "heping",
    "summary": "清理楼道杂物。", "photos": [{"file": "2026/10/a.jpg", "consent": True}],
    "organisers": {"branch": "阳光小区党支部", "units": ["caizhengju"]},
}


def test_the_sample_activity_is_valid_for_both() -> None:
    KINDS_BY_NAME["activity"].model.model_validate(ACTIVITY)
    assert not list(validator("activity").iter_errors(ACTIVITY))


def test_bare_building_numbers_are_ids_for_both() -> None:
    """``building: 5`` is read as the id "5" by the model, so the editor must not underline it."""
    data = {**ACTIVITY, "estate": "yangguang", "building": 5}
    KINDS_BY_NAME["activity"].model.model_validate(data)
    assert not list(validator("activity").iter_errors(data))
    assert "pattern" in str(schema_for(KINDS_BY_NAME["activity"])["properties"]["community"])


@pytest.mark.parametrize(("change", "value"), [
    (("titel",), "拼错的字段"),
    (("photos", 0, "fle"), "a.jpg"),
    (("organisers", "unit"), ["x"]),
    (("type",), "跳舞"),
    (("date",), "2026年10月10日"),
    (("community",), "He Ping"),
    (("participants",), -3),
    (("building",), -5),
    (("people",), ["Chen Xiuying"]),
    (("summary",), None),
])
def test_schema_rejects_what_the_model_rejects(change: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(ACTIVITY)
    target = data
    for key in change[:-1]:
        target = target[key]
    target[change[-1]] = value
    with pytest.raises(ValidationError):
        KINDS_BY_NAME["activity"].model.model_validate(data)
    assert list(validator("activity").iter_errors(data)), f"schema accepted {change}={value!r}"


@pytest.mark.parametrize("kind", [k for k in KINDS if not k.single], ids=lambda k: k.name)
def test_new_templates_pass_their_schema(tmp_path: Path, kind: Any) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "editor-content", content)
    title = "" if kind.name == "rating" else "模板检查"
    result = CliRunner().invoke(cli, ["new", kind.name, "--title", title, "--content", str(content)])
    assert result.exit_code == 0, result.output
    written = Path(result.output.splitlines()[0].split("：", 1)[1])
    data = as_json(yaml.safe_load(written.read_text(encoding="utf-8")))
    assert not [e.message for e in validator(kind.name).iter_errors(data)]

"""The 编辑手册: its examples are a valid, complete content folder; every field of every
model (and nested part) is described on its kind's page; the sample messages are what
``jinlin check`` really prints; and the pages are part of the built site."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from pydantic import BaseModel
from sitetools import ROOT, html_pages

from generator.handbook.examples import EXAMPLES_DIR
from generator.handbook.guide import CHECK_SAMPLES, IMPORTABLE
from generator.model.kinds import KINDS, RecordKind
from generator.model.privacy import find_numbers
from generator.model.public import PublicView
from generator.project import load_content
from generator.site.context import SiteContext
from generator.site.pages import handbook
from generator.site.render import GeneratedPage

Field = tuple[type[BaseModel], str]


def _part(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((p for p in map(_part, get_args(annotation)) if p is not None), None)


def _fields(model: type[BaseModel]) -> Iterator[Field]:
    """Every (model, field name) reachable from ``model``, nested parts included."""
    for name, info in model.model_fields.items():
        yield model, name
        part = _part(info.annotation)
        if part is not None and part is not model:
            yield from _fields(part)


def _used(model: type[BaseModel], data: Any) -> Iterator[Field]:
    """The (model, field) pairs an example actually writes."""
    if isinstance(data, list):
        for item in data:
            yield from _used(model, item)
        return
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        yield model, key
        part = _part(model.model_fields[key].annotation) if key in model.model_fields else None
        if part is not None:
            yield from _used(part, value)


def _example_files(kind: RecordKind) -> list[Path]:
    return [p for p in sorted(EXAMPLES_DIR.rglob("*.yml")) if kind.match(p.relative_to(EXAMPLES_DIR).as_posix())]


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    """The examples as a content folder named ``content``, as staff would have it."""
    target = tmp_path / "content"
    shutil.copytree(EXAMPLES_DIR, target)
    return target


@pytest.fixture(scope="module")
def pages(site_view: PublicView, tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedPage]:
    ctx = SiteContext.create(site_view, tmp_path_factory.mktemp("handbook-cache"))
    return {page.url: page for page in handbook.pages(ctx)}


def test_examples_are_a_content_folder_without_a_single_problem(examples_copy: Path) -> None:
    content, problems = load_content(examples_copy, "content")
    assert content is not None
    assert [p.format() for p in problems] == []


def _used_by(kind: RecordKind) -> set[Field]:
    texts = [f.read_text(encoding="utf-8") for f in _example_files(kind)]
    return {pair for text in texts for pair in _used(kind.model, yaml.safe_load(text))}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_a_complete_example(kind: RecordKind) -> None:
    """Each field of the record is used by its own examples; a part shared by several kinds
    (照片) needs to be shown in full once."""
    assert _example_files(kind), f"没有 {kind.name} 的示例"
    everywhere = {pair for other in KINDS for pair in _used_by(other) if pair[0] is not other.model}
    missing = sorted(f"{m.__name__}.{n}" for m, n in set(_fields(kind.model)) - _used_by(kind) - everywhere)
    assert not missing, f"{kind.name} 的示例没有用到这些字段：{missing}"


def test_examples_contain_nothing_that_looks_like_a_real_number() -> None:
    """The handbook is a public page: no unmasked phone, ID or bank-card number in it."""
    found = {p.name: list(find_numbers(p.read_text(encoding="utf-8"))) for p in EXAMPLES_DIR.rglob("*.yml")}
    assert not {name: hits for name, hits in found.items() if hits}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_is_described_on_its_kinds_page(kind: RecordKind, pages: dict[str, GeneratedPage]) -> None:
    body = pages[f"handbook/{kind.name}/"].body
    for model, name in _fields(kind.model):
        slug = kind.name if model is kind.model else model.__name__.lower()
        block = re.search(rf'<div id="{slug}-{name}">(.*?)</div>', body, re.S)
        assert block, f"{kind.name}: 缺少 {model.__name__}.{name}"
        assert f"<code>{name}</code>" in block.group(1)
        description = model.model_fields[name].description or ""
        assert html.escape(description, quote=False) in block.group(1).replace("&#34;", '"').replace("&#39;", "'")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_examples_are_included_verbatim(kind: RecordKind, pages: dict[str, GeneratedPage]) -> None:
    body = html.unescape(pages[f"handbook/{kind.name}/"].body)
    for file in _example_files(kind):
        assert file.read_text(encoding="utf-8") in body
        assert f"content/{file.relative_to(EXAMPLES_DIR).as_posix()}" in body


def test_sample_messages_are_what_check_prints(examples_copy: Path, pages: dict[str, GeneratedPage]) -> None:
    for sample in CHECK_SAMPLES:
        file = examples_copy / sample.path
        text = file.read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.split("#")[0].strip() == sample.right)
        file.write_text(text.replace(line, sample.wrong), encoding="utf-8")
    _, problems = load_content(examples_copy, "content")
    assert sorted(p.format() for p in problems) == sorted(s.message for s in CHECK_SAMPLES)
    guide = html.unescape(pages["handbook/check/"].body)
    assert all(s.message in guide and s.wrong in guide for s in CHECK_SAMPLES)


def test_import_page_lists_exactly_the_importable_kinds() -> None:
    from generator.importing.pipeline import RECIPES

    assert set(IMPORTABLE) == set(RECIPES)


def test_editor_page_shows_the_projects_schema_mapping(pages: dict[str, GeneratedPage]) -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    shown = re.search(r'<pre class="code"[^>]*><code>(\{.*?\})</code></pre>', pages["handbook/editor/"].body, re.S)
    assert shown and json.loads(html.unescape(shown.group(1)))["yaml.schemas"] == settings["yaml.schemas"]
    assert "redhat.vscode-yaml" in pages["handbook/editor/"].body


def test_privacy_page_names_every_private_field(pages: dict[str, GeneratedPage]) -> None:
    body = pages["handbook/privacy/"].body
    expected = [("unit", "unit", "contact_phone"), ("person", "person", "id_number"), ("person", "person", "address"),
                ("wish", "wisher", "hardship"), ("wish", "wisher", "age"), ("wish", "wisher", "phone")]
    for kind, slug, name in expected:
        assert f'handbook/{kind}/#{slug}-{name}"' in body, name
    assert "guardian_consent" in body and "public: false" in body


def test_pages_show_no_unmasked_number(pages: dict[str, GeneratedPage]) -> None:
    for url, page in pages.items():
        assert not list(find_numbers(html.unescape(re.sub(r"<[^>]+>", " ", page.body)))), url


def test_handbook_stays_out_of_the_menu_and_the_search(pages: dict[str, GeneratedPage]) -> None:
    assert not [p.url for p in pages.values() if p.in_nav]
    assert not [p.url for p in pages.values() if "data-pagefind-body" in p.body]


@pytest.mark.slow
def test_built_site_has_the_handbook_linked_from_every_footer(built_site: Path) -> None:
    for kind in KINDS:
        assert (built_site / "handbook" / kind.name / "index.html").is_file()
    for page in html_pages(built_site):
        if "pagefind" not in page.parts:
            assert ">编辑手册</a>" in page.read_text(encoding="utf-8"), page
    index = (built_site / "handbook" / "index.html").read_text(encoding="utf-8")
    assert "<title>编辑手册 - " in index and "jinlin review" in index

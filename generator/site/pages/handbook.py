"""编辑手册: the staff handbook under ``handbook/`` (linked from the footer, not the menu).

One page per record kind (fields from the models, complete examples included verbatim
from ``generator/handbook/examples/``) and one per step of the work: editor set-up,
import, preview and check, review and publishing, privacy. The pages are not marked
``data-pagefind-body``, so the public search does not list them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model.kinds import KINDS, RecordKind
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage

if TYPE_CHECKING:  # the handbook's own modules are imported when its pages are made
    from generator.handbook.examples import Example
    from generator.handbook.fields import PartDoc
    from generator.handbook.guide import Guide

SECTION = "handbook/"
READS: frozenset[str] = frozenset()
"""The handbook is made from jinlin's own models, examples and rules, which the render
memo's salt covers, and from no record (see :mod:`generator.site.sections`)."""


@dataclass(frozen=True)
class KindDoc:
    """Everything the handbook page of one record kind shows."""

    kind: RecordKind
    parts: list[PartDoc]
    examples: list[Example]

    @property
    def url(self) -> str:
        return f"{SECTION}{self.kind.name}/"

    @property
    def importable(self) -> bool:
        from generator.handbook.guide import IMPORTABLE

        return self.kind.name in IMPORTABLE


def kind_docs() -> list[KindDoc]:
    """Every record kind, in the order of ``content/``'s layout."""
    from generator.handbook.examples import examples_for
    from generator.handbook.fields import document

    return [KindDoc(kind, document(kind.model, kind.name), examples_for(kind)) for kind in KINDS]


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The handbook's front page, a page per record kind and a page per guide."""
    from generator.handbook.guide import GUIDES, commands

    kinds = kind_docs()
    common: dict[str, object] = {"kinds": kinds, "guides": GUIDES, "section": SECTION}
    body = ctx.render("handbook/index.html", SECTION, commands=commands(), **common)
    yield GeneratedPage(SECTION, "编辑手册", body, "内容编辑手册：记录格式、导入、预览、检查、发布和隐私规则")
    for doc in kinds:
        body = ctx.render("handbook/kind.html", doc.url, doc=doc, **common)
        yield GeneratedPage(doc.url, f"{doc.kind.label} - 编辑手册", body,
                            f"{doc.kind.label}记录（{doc.kind.layout}）的完整示例和每个字段的含义")
    for guide in GUIDES:
        yield _guide_page(ctx, guide, common)


def _guide_page(ctx: SiteContext, guide: Guide, common: dict[str, object]) -> GeneratedPage:
    from generator.handbook.guide import CHECK_SAMPLES, IMPORTABLE
    from generator.handbook.privacy import mask_samples, private_fields

    url = f"{SECTION}{guide.slug}/"
    extra = {"samples": CHECK_SAMPLES, "private": private_fields(), "masks": mask_samples(),
             "importable": [k for k in KINDS if k.name in IMPORTABLE], "editor_globs": _editor_globs()}
    body = ctx.render(f"handbook/{guide.slug}.html", url, guide=guide, **extra, **common)
    return GeneratedPage(url, f"{guide.title} - 编辑手册", body, guide.description)


def _editor_globs() -> str:
    """The ``yaml.schemas`` block of ``.vscode/settings.json``, as the schema helper writes it."""
    import json

    from generator.schemas import editor_globs

    return json.dumps({"yaml.schemas": editor_globs()}, ensure_ascii=False, indent=2)

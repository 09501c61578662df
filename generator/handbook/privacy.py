"""The privacy rules staff must know, read from the models and the masking code.

Which fields are never published comes from the same place the loader and the public
view use (``PRIVATE_FIELDS`` and descriptions marked 不公开); the masking examples are
computed by the real masking functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.handbook.fields import document
from generator.model.kinds import KINDS
from generator.model.privacy import mask_name, mask_numbers


@dataclass(frozen=True)
class PrivateField:
    """A field that never reaches the site, the open data or the bulletins."""

    kind: str
    kind_label: str
    part: str
    part_slug: str
    name: str
    description: str


@dataclass(frozen=True)
class MaskSample:
    """What a value written in a record becomes when published."""

    label: str
    written: str
    published: str


def private_fields() -> list[PrivateField]:
    """Every private field of every record kind and part, in handbook order."""
    found: list[PrivateField] = []
    for kind in KINDS:
        for part in document(kind.model, kind.name):
            found.extend(PrivateField(kind.name, kind.label, part.title, part.slug, f.name, f.description)
                         for f in part.fields if f.private)
    return found


def mask_samples() -> list[MaskSample]:
    """Masking as the site applies it, computed by the masking functions themselves.

    Numbers are described rather than shown whole: the handbook is a public page too, and
    nothing on it should look like an unmasked phone or ID number."""
    return [
        MaskSample("心愿人姓名（wisher_name_style: stars）", "刘桂芳", mask_name("刘桂芳", "stars", "女")),
        MaskSample("心愿人姓名（wisher_name_style: title）", "刘桂芳（女）", mask_name("刘桂芳", "title", "女")),
        MaskSample("复姓", "欧阳明远", mask_name("欧阳明远", "stars", "男")),
        MaskSample("正文里误写的手机号", "11 位手机号", mask_numbers("13912340000")),
        MaskSample("正文里误写的身份证号", "18 位身份证号", mask_numbers("350781198001011234")),
        MaskSample("正文里误写的固定电话", "区号-号码", mask_numbers("0599-6300000")),
    ]

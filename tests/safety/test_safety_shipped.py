"""The shipped content/: `jinlin build` and `mkdocs build` never write into it, no private
value written in it reaches either site, and no published image keeps its EXIF (the shipped
photos carry GPS positions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from PIL import Image
from safetytools import SHIPPED, found_in, pdf_images

pytestmark = pytest.mark.slow

PRIVATE_KEYS = {"phone", "id_number", "address", "contact_phone", "contact_person"}


def _private_values() -> list[str]:
    """Every private value written in content/: contact details, ID numbers and addresses,
    full names of wishers and of people marked not public, stories told without consent."""
    found: set[str] = set()
    for path in SHIPPED.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.update(_private_in(data))
        kind = path.relative_to(SHIPPED).parts[0]
        if kind == "people" and data.get("public") is False:
            found.add(data["name"])
        if kind == "people" and not data.get("consent") and data.get("story"):
            found.add(re.sub(r"[*_#>\s-]", "", data["story"])[:14])
        if kind == "wishes":
            found.add(data["wisher"]["name"])
    return sorted(v for v in found if v)


def _private_in(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {str(v) for k, v in value.items() if k in PRIVATE_KEYS and v}
        return found.union(*(_private_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_private_in(v) for v in value))
    return set()


def test_no_build_or_other_command_writes_into_content(shipped) -> None:  # type: ignore[no-untyped-def]
    assert shipped.before and shipped.after == shipped.before  # paths, kinds, times, hashes


def test_no_private_value_of_the_shipped_content_is_published(shipped) -> None:  # type: ignore[no-untyped-def]
    secrets = _private_values()
    assert len(secrets) > 50 and "蓝桂英" in secrets  # the shipped content does hold private details
    assert not found_in([shipped.jinlin_site, shipped.mkdocs_site], secrets)


def test_no_published_image_keeps_exif(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with_gps = [p for p in (SHIPPED / "media").rglob("*.jpg") if Image.open(p).getexif().get_ifd(0x8825)]
    assert with_gps  # the sources really carry GPS positions
    images = [p for site in (shipped.jinlin_site, shipped.mkdocs_site) for p in site.rglob("*")
              if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp", ".gif"}]
    pdfs = list(shipped.mkdocs_site.rglob("*.pdf"))
    assert pdfs and len(images) >= 2 * len(with_gps)
    for pdf in pdfs:
        images += pdf_images(pdf, tmp_path / pdf.stem)
    for path in images:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif and not exif.get_ifd(0x8825), path
            assert not {"comment", "xmp", "exif"} & set(image.info), path

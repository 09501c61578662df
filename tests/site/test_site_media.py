"""Photos: resized variants without EXIF (GPS), cached by content hash, never enlarged."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from generator.site.media import MediaLibrary

FIXTURE_MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "site-content" / "media"


def _library(tmp_path: Path) -> MediaLibrary:
    media = tmp_path / "media"
    shutil.copytree(FIXTURE_MEDIA, media)
    return MediaLibrary(media, tmp_path / "cache")


def test_source_has_gps_but_variants_have_no_exif(tmp_path: Path) -> None:
    library = _library(tmp_path)
    with Image.open(library.media_root / "2026/09/corridor.jpg") as source:
        assert source.getexif().get_ifd(0x8825)  # the fixture photo really carries GPS
    photo = library.photo("2026/09/corridor.jpg", "清理楼道")
    assert photo is not None
    assert [v.width for v in photo.variants] == [480, 960]
    for variant in photo.variants:
        with Image.open(variant.path) as image:
            assert image.width == variant.width and image.height == variant.height
            assert not image.getexif() and "exif" not in image.info


def test_small_photos_are_not_enlarged(tmp_path: Path) -> None:
    photo = _library(tmp_path).photo("2026/09/feast.jpg", "")
    assert photo is not None
    assert [v.width for v in photo.variants] == [480, 800]


def test_variants_are_reused_and_renamed_when_the_photo_changes(tmp_path: Path) -> None:
    library = _library(tmp_path)
    first = library.photo("2026/09/kids.jpg", "")
    library.save()
    stamps = [v.path.stat().st_mtime_ns for v in first.variants]
    again = MediaLibrary(library.media_root, library.cache_dir).photo("2026/09/kids.jpg", "")
    assert again == first
    assert [v.path.stat().st_mtime_ns for v in again.variants] == stamps
    Image.new("RGB", (600, 400), "red").save(library.media_root / "2026/09/kids.jpg")
    changed = MediaLibrary(library.media_root, library.cache_dir).photo("2026/09/kids.jpg", "")
    assert changed.small.url != first.small.url


def test_missing_or_broken_photo_is_reported_not_fatal(tmp_path: Path) -> None:
    library = _library(tmp_path)
    (library.media_root / "broken.jpg").write_bytes(b"not a jpeg")
    assert library.photo("2026/09/nothing.jpg", "") is None
    assert library.photo("broken.jpg", "") is None
    assert len(library.problems) == 2 and "nothing.jpg" in library.problems[0]

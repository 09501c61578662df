"""One copy of each font file per worker process, instead of one per font per render.

WeasyPrint copies every font it embeds whole into Python bytes before subsetting it
(``weasyprint.pdf.fonts.Font.__init__`` → ``get_hb_object_data``), and for the Chinese
faces that is 15–27 MB each, five faces a bulletin: about a twelfth of a render went to
allocating and copying 120 MB that the subsetter (which reads the face itself) does not
need. A render worker renders month after month with the same fonts, so
:func:`share_font_files` hands it the copy made for the first render of each file.

A copy is shared only after ``memcmp`` finds it equal to the face's bytes, so a face freed
and another loaded at the same address can never get the wrong file. Blobs under
:data:`SMALLEST` (a subset face is one; its bytes become the embedded font) are copied as
before. Nothing changes if WeasyPrint does not look as expected: the bytes are the same
either way, only the time differs.

:func:`share_subsets` does the same for the subsetting that follows: HarfBuzz needs
0.02–0.08 s per Chinese face whatever the number of glyphs, and the masthead face prints
the same few glyphs every month. A subset is reused only for the very same kept file copy,
face index, glyphs and options, which are everything the subsetter reads.

:func:`subset_in_one_pass` makes each subset that is not reused cheaper: one HarfBuzz pass
where WeasyPrint takes two, for the very same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

SMALLEST = 4 << 20
"""Blobs this large or larger are font files worth sharing (subset faces are far smaller)."""

_KNOWN: dict[int, list[bytes]] = {}
"""Copies of font files by size."""

MOST_SUBSETS = 64
"""Subset faces kept at most (a worker renders a dozen months of five faces)."""

_SUBSETS: dict[tuple[int, int, frozenset[int], bool, bool], bytes] = {}
"""Subset faces by (kept file copy's id, face index, glyph ids, hinting, missing glyphs)."""


Wrapper = Callable[[Callable[..., Any]], Callable[..., Any]]
"""Makes the replacement of a WeasyPrint function from the original."""


def share_font_files() -> bool:
    """Make WeasyPrint reuse font file copies in this process (idempotent); ``False`` when
    WeasyPrint's internals are not the ones this was written for."""
    try:
        from weasyprint.text.ffi import ffi, harfbuzz  # type: ignore[import-untyped]
    except ImportError:
        return False

    def shared(original: Callable[..., Any]) -> Callable[..., Any]:
        def get_hb_object_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
            if ot_color is not None:
                return original(hb_object, ot_color, glyph)
            blob = harfbuzz.hb_face_reference_blob(hb_object)
            try:
                length = ffi.new("unsigned int *")
                data = harfbuzz.hb_blob_get_data(blob, length)
                size = int(length[0])
                if data == ffi.NULL or size < SMALLEST:
                    return original(hb_object)
                return reuse(int(ffi.cast("uintptr_t", data)), size, lambda: ffi.unpack(data, size))
            finally:
                harfbuzz.hb_blob_destroy(blob)

        return get_hb_object_data

    return _wrap("get_hb_object_data", shared)


def share_subsets() -> bool:
    """Make WeasyPrint reuse the subset of a kept font file (see the module docstring) when
    a render needs the same glyphs of the same face again (idempotent); ``False`` when
    WeasyPrint's internals are not the ones this was written for."""

    def shared(original: Callable[..., Any]) -> Callable[..., Any]:
        def subset(self: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
            content = getattr(self, "file_content", None)
            if not to_unicode or not _kept(content):
                original(self, to_unicode, hinting)
                return
            key = (id(content), self.index, frozenset(to_unicode), bool(hinting), bool(self.missing))
            made = _SUBSETS.get(key)
            if made is None:
                original(self, to_unicode, hinting)
                if len(_SUBSETS) >= MOST_SUBSETS:
                    _SUBSETS.clear()
                made = _SUBSETS[key] = self.file_content
            self.file_content = made

        return subset

    return _wrap("Font.subset", shared)


DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT",
                  b"SVG ")
"""The tables WeasyPrint leaves out of a subset face (``Font._harfbuzz_subset``)."""

_PASSES = {"one": 0, "two": 0}
"""Subsets made in one pass and in two (for tests)."""


def subset_in_one_pass() -> bool:
    """Make WeasyPrint subset a face in one HarfBuzz pass where it takes two, with the same
    bytes (idempotent); ``False`` when WeasyPrint's internals are not the ones this was
    written for.

    WeasyPrint subsets keeping the glyph numbers (the pages refer to them), then subsets
    the result again keeping glyphs 0 to the last one used, to drop glyphs that HarfBuzz
    added after it; HarfBuzz reads every glyph up to the last one each time, and a Chinese
    face's last used glyph is near its 65,000th: 0.12–0.26 s a render. When the first pass
    adds nothing after the last used glyph (the body and 楷体 faces: 3 of 5), the second one
    gives the first one's bytes again, and it is skipped; the first pass takes the second's
    hinting flag. tests/print/test_font_files.py holds the PDFs equal to WeasyPrint's own."""

    def fast(original: Callable[..., Any]) -> Callable[..., Any]:
        def _harfbuzz_subset(self: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
            made = _subset(self, sorted(to_unicode), hinting)
            if made is None:
                original(self, to_unicode, hinting)  # which warns, as before
            else:
                self.file_content = made

        return _harfbuzz_subset

    return _wrap("Font._harfbuzz_subset", fast)


def _subset(font: Any, glyphs: list[int], hinting: bool) -> bytes | None:
    """The subset face's bytes, as WeasyPrint's two passes make them, or ``None`` if
    HarfBuzz failed."""
    from weasyprint.pdf.fonts import get_hb_object_data  # type: ignore[import-untyped]
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset  # type: ignore[import-untyped]

    flags = harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE

    def run(face: Any, kept: list[int], more_flags: int, dropped: tuple[bytes, ...]) -> Any:
        request = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
        harfbuzz.hb_set_add_sorted_array(harfbuzz_subset.hb_subset_input_glyph_set(request),
                                         ffi.new("hb_codepoint_t[]", kept), len(kept))
        harfbuzz_subset.hb_subset_input_set_flags(request, flags | more_flags)
        if dropped:
            tags = _tags(dropped)
            harfbuzz.hb_set_add_sorted_array(
                harfbuzz_subset.hb_subset_input_set(request, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG),
                ffi.new("hb_codepoint_t[]", tags), len(tags))
        made = harfbuzz_subset.hb_subset_or_fail(face, request)
        return ffi.gc(made, harfbuzz.hb_face_destroy) if made != ffi.NULL else None

    last = glyphs[-1]
    face = run(font.hb_face, glyphs, harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS, DROPPED_TABLES)
    if face is None:
        return None
    if harfbuzz.hb_face_get_glyph_count(face) == last + 1:
        _PASSES["one"] += 1
    else:
        face = run(face, list(range(last + 1)), 0, ())
        if face is None:
            return None
        _PASSES["two"] += 1
    return get_hb_object_data(face) or None


@functools.cache
def _tags(names: tuple[bytes, ...]) -> list[int]:
    """HarfBuzz's numbers for table ``names``, sorted (the order a sorted array needs)."""
    from weasyprint.text.ffi import harfbuzz  # type: ignore[import-untyped]

    return sorted(harfbuzz.hb_tag_from_string(name, -1) for name in names)


def _wrap(path: str, shared: Wrapper) -> bool:
    """Replace the function at ``path`` in ``weasyprint.pdf.fonts`` (``"Font.subset"``, say)
    by ``shared(original)``, once; ``False`` (and nothing replaced) when there is none."""
    try:
        from weasyprint.pdf import fonts as pdf_fonts  # type: ignore[import-untyped]
    except ImportError:
        return False
    *owners, name = path.split(".")
    owner: Any = pdf_fonts
    for part in owners:
        owner = getattr(owner, part, None)
    original = getattr(owner, name, None)
    if original is None:
        return False
    if not getattr(original, "jinlin_shared", False):
        replacement = shared(original)
        replacement.jinlin_shared = True  # type: ignore[attr-defined]
        replacement.jinlin_original = original  # type: ignore[attr-defined]  # for tests
        setattr(owner, name, replacement)
    return True


def _kept(content: object) -> bool:
    """True if ``content`` is one of the kept file copies (alive as long as the process)."""
    return isinstance(content, bytes) and any(content is known for known in _KNOWN.get(len(content), ()))


def reuse(address: int, size: int, copy: Callable[[], bytes]) -> bytes:
    """The kept copy whose bytes equal the ``size`` bytes at ``address``, else ``copy()``
    (kept for next time)."""
    for known in _KNOWN.get(size, ()):
        if _memcmp(address, known, size) == 0:
            return known
    made = copy()
    _KNOWN.setdefault(size, []).append(made)
    return made


@functools.cache
def _libc() -> tuple[Any, Any]:
    import cffi  # type: ignore[import-untyped]

    ffi = cffi.FFI()
    ffi.cdef("int memcmp(const void *a, const void *b, size_t n);")
    return ffi, ffi.dlopen(None)


def _memcmp(address: int, known: bytes, size: int) -> int:
    ffi, libc = _libc()
    return int(libc.memcmp(ffi.cast("const void *", address), ffi.from_buffer(known), size))


def shared_copies() -> int:
    """How many font file copies this process keeps (for tests)."""
    return sum(len(copies) for copies in _KNOWN.values())


def subset_passes() -> dict[str, int]:
    """How many subsets this process made in one pass and in two (for tests)."""
    return dict(_PASSES)


def shared_subsets() -> int:
    """How many subset faces this process keeps (for tests)."""
    return len(_SUBSETS)

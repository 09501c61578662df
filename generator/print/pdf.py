"""HTML → PDF with WeasyPrint, in whichever process runs :func:`render_job`.

Jobs are plain picklable values so that a pool of worker processes can run them (see
:mod:`.workers`: forked from a server that imported WeasyPrint and rendered nothing, as
workers forked after rendering crash WeasyPrint, #684). Each render is followed by
``gc.collect()``: a render leaves ~50 MiB of circular garbage behind. Every render, here
or in a worker, subsets fonts in one pass where WeasyPrint takes two, for the same bytes
(:func:`~generator.print.fontfiles.subset_in_one_pass`): the PDFs do not depend on where
they were rendered.

Byte-identical output: the dates come from ``<meta name="dcterms.*">`` in the HTML,
attachments get the same dates, PDF/X-4's random XMP ``DocumentID`` is replaced by one
derived from the job, and the trailer ID is a hash of the content.

pydyf compresses a stream each time it is serialised, and it serialises every object twice
(once for the trailer ID's hash, once to write it): :func:`_finish` compresses each stream
once and hands pydyf the result to copy (the fonts and the data attachment took a tenth of
each render to compress twice). It uses zlib level :data:`ZLIB_LEVEL` where pydyf uses 9:
measured on a city month (4.4 MB of streams), level 9 took 0.125 s for 711,933 bytes and
level 6 0.072 s for 717,905 bytes (+0.8 %).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import logging
import os
import re
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ALONE_CSS = ".banji-holder { page: banji-alone; }"
"""Second pass when the 版记 ended up alone on the last page and its number could not be
taken off the laid-out page (see :func:`_unnumber_last_page`): that page gets no number."""
PAGE_NUMBER_BOXES = ("@bottom-left", "@bottom-right")
ZLIB_LEVEL = 6


@dataclass(frozen=True)
class RenderJob:
    """One PDF to make: the HTML (CSS inlined), where to write it and how."""

    html: str
    target: str
    pdf_variant: str
    id_prefix: str
    date: dt.date
    document_id: str
    base_url: str | None = None
    """Where relative links in staff text point: the site's address (never the disk)."""
    attachment_name: str = ""
    attachment: bytes = b""
    cmyk: bool = False


@dataclass(frozen=True)
class RenderResult:
    target: str
    pages: int
    banji_alone: bool
    warnings: tuple[str, ...]


def render_job(job: RenderJob) -> RenderResult:
    """Render ``job`` to ``job.target`` (written atomically); collect WeasyPrint's warnings."""
    try:
        return _render(job)
    finally:
        gc.collect()  # here, not inside _render: there the document would still be alive


def _render(job: RenderJob) -> RenderResult:
    import weasyprint  # type: ignore[import-untyped]

    from generator.print.fontfiles import subset_in_one_pass

    subset_in_one_pass()
    handler = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        html = weasyprint.HTML(string=job.html, base_url=job.base_url)
        document = html.render(font_config=_font_config())
        alone = _banji_alone(document, job.id_prefix)
        if alone and not _unnumber_last_page(document):
            document = html.render(stylesheets=[weasyprint.CSS(string=ALONE_CSS)], font_config=_font_config())
        pages = len(document.pages)
        data = document.write_pdf(
            pdf_variant=job.pdf_variant, attachments=_attachments(weasyprint, job),
            finisher=lambda doc, pdf: _finish(job, pdf),
        )
        _write_atomically(Path(job.target), data)
        return RenderResult(job.target, pages, alone, tuple(handler.messages))
    finally:
        logger.removeHandler(handler)


@functools.cache
def _font_config() -> Any:
    """One WeasyPrint font configuration for every render in this process. Without one,
    WeasyPrint makes a new one per document: fontconfig's configuration and font list
    loaded again and a new Pango font map with every face opened anew (about a tenth of a
    city month's render, measured in a worker: 1.36 s → 1.22 s of CPU, the same bytes).
    Bulletins use installed fonts only (no ``@font-face``), so nothing accumulates in it."""
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    return FontConfiguration()


def _banji_alone(document: Any, prefix: str) -> bool:
    """Whether the 版记 sits on a page of its own (the body ended on an earlier page)."""
    where = {name: i for i, page in enumerate(document.pages) for name in page.anchors}
    return where.get(f"{prefix}-body-end", 0) < where.get(f"{prefix}-banji", 0)


def _unnumber_last_page(document: Any) -> bool:
    """Take the page number off the laid-out last page, instead of laying the whole
    document out again with :data:`ALONE_CSS` (a second render doubled the cost of such a
    month). Uses WeasyPrint's page boxes; ``False`` if they are not as expected."""
    box: Any = getattr(document.pages[-1], "_page_box", None)
    children = getattr(box, "children", None)
    if not isinstance(children, tuple | list):
        return False
    box.children = type(children)(c for c in children if getattr(c, "at_keyword", None) not in PAGE_NUMBER_BOXES)
    return True


def _attachments(weasyprint: Any, job: RenderJob) -> list[Any]:
    if not job.attachment:
        return []
    moment = dt.datetime.combine(job.date, dt.time())
    return [weasyprint.Attachment(
        string=job.attachment, name=job.attachment_name, description="本期简报的公开数据（JSON）",
        created=moment, modified=moment, relationship="Data",
    )]


_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def _finish(job: RenderJob, pdf: Any) -> None:
    """Last touches before the file is written (see the module docstring). For print,
    pages lose their link annotations too: PDF/X allows none inside the printed area."""
    stable = uuid.uuid5(uuid.NAMESPACE_URL, job.document_id)
    for obj in pdf.objects:
        if job.cmyk and isinstance(obj, dict) and obj.get("Type") == "/Page":
            obj.pop("Annots", None)
        chunks = getattr(obj, "stream", None)
        if not isinstance(chunks, list):
            continue
        for i, chunk in enumerate(chunks):
            if isinstance(chunk, bytes):
                chunk = _DOCUMENT_ID.sub(f"xmp.did:{stable}".encode(), chunk)
                chunks[i] = _black_to_k(chunk) if job.cmyk else chunk
        _compress_once(obj)


def _compress_once(stream: Any) -> None:
    """Compress ``stream`` now, as pydyf's ``Stream.data`` does on every call (but at
    :data:`ZLIB_LEVEL`)."""
    if not getattr(stream, "compress", False) or not isinstance(getattr(stream, "extra", None), dict):
        return
    from pydyf import _to_bytes  # type: ignore[import-untyped]  # how pydyf joins a stream

    data = b"\n".join(_to_bytes(item) for item in stream.stream)
    compressor = zlib.compressobj(level=ZLIB_LEVEL)
    stream.stream = [compressor.compress(data) + compressor.flush()]
    stream.extra["Filter"] = "/FlateDecode"
    stream.compress = False


def _black_to_k(chunk: bytes) -> bytes:
    """WeasyPrint paints crop marks (and SVG defaults) in RGB black; PDF/X wants K only."""
    if chunk == b"0 0 0 rg":
        return b"0 0 0 1 k"
    if chunk == b"0 0 0 RG":
        return b"0 0 0 1 K"
    return chunk


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

"""Streams are compressed once, in the finisher, holding the very bytes pydyf would write."""

from __future__ import annotations

import io
import re
import zlib

import pydyf  # type: ignore[import-untyped]
import pytest

from generator.print.pdf import _compress_once


def _pdf() -> tuple[pydyf.PDF, list[pydyf.Stream]]:
    pdf = pydyf.PDF()
    streams = [
        pydyf.Stream([b"BT", 12.5, 3.0, "/F1 12 Tf", b"(\xe4\xb8\xad) Tj", b"ET"], compress=True),
        pydyf.Stream([b'{"month":"2026-10"}' * 500], {"Type": "/EmbeddedFile"}, compress=True),
        pydyf.Stream([b"0 0 m 1 1 l S"]),  # not compressed by pydyf: left alone
    ]
    for stream in streams:
        pdf.add_object(stream)
    return pdf, streams


def _written(pdf: pydyf.PDF) -> bytes:
    out = io.BytesIO()
    pdf.write(out, identifier=True)
    return out.getvalue()


def _inflated(pdf: bytes) -> list[bytes]:
    """Every stream of a written file, decompressed when it is flate-encoded."""
    found = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\n(.*?)\nendstream", pdf, re.S):
        head, body = match.groups()
        found.append(zlib.decompress(body) if b"/FlateDecode" in head else body)
    return found


def test_streams_hold_the_same_bytes_and_nothing_is_compressed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _written(_pdf()[0])
    pdf, streams = _pdf()
    for stream in streams:
        _compress_once(stream)
    calls: list[int] = []
    real = zlib.compressobj

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pydyf.zlib, "compressobj", counted)
    written = _written(pdf)
    assert calls == []
    assert len(_inflated(expected)) == 3
    assert _inflated(written) == _inflated(expected)
    assert written.count(b"/FlateDecode") == expected.count(b"/FlateDecode") == 2
    assert streams[2].stream == [b"0 0 m 1 1 l S"]

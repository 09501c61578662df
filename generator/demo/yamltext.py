"""YAML text written by hand: quoting, flow lists and Markdown blocks.

The demo writes thousands of small files, so it formats YAML with string templates
instead of ``yaml.dump`` (measured about ten times slower per record). Everything that
is not a number, a date or a boolean goes through :func:`q`, which leaves a string
plain only when YAML would read it back as the very same string.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable

# A plain scalar may not start with an indicator, a digit or a sign (numbers, dates,
# ``.inf``), and may not hold ASCII ``:`` ``#`` ``?``, quotes or flow brackets/commas
# anywhere (PyYAML ends a plain scalar at ``?`` inside a flow list).
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~=<\\][^?:#,\[\]{}\"'\\]*")
_RESERVED = frozenset({
    "y", "n", "yes", "no", "true", "false", "on", "off", "null",
})
# control characters, YAML line breaks (NEL, LS, PS), BOM, surrogates and non-characters
_UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def q(value: str) -> str:
    """``value`` as a YAML scalar: plain when that is safe, else double-quoted."""
    if (
        _PLAIN.fullmatch(value)
        and value == value.strip()
        and value.lower() not in _RESERVED
        and not _UNSAFE_CHARS.search(value)
    ):
        return value
    # JSON strings are valid YAML double-quoted scalars (same escapes); JSON leaves a few
    # characters raw that YAML would read as line breaks or refuse, so escape those too
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def flow(values: Iterable[str]) -> str:
    """A flow list ``[a, b, c]`` of quoted strings."""
    return "[" + ", ".join(q(v) for v in values) + "]"


def day(value: dt.date) -> str:
    """A date as YAML reads it back (``2026-11-03``)."""
    return value.isoformat()


def block(text: str, indent: int = 2) -> str:
    """A literal block scalar ``|`` for multi-line Markdown, indented by ``indent``.

    The caller writes ``key: `` before it; the text must not start with a space.
    """
    pad = " " * indent
    lines = [pad + line if line else "" for line in text.split("\n")]
    return "|\n" + "\n".join(lines) + "\n"

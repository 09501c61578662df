"""Property tests: no input crashes the loader; the sanitiser never lets script through."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.load.yamlfile import load_yaml_file, parse_yaml
from generator.model.markup import render_markdown

YAML_ALPHABET = st.sampled_from(list(":-[]{}&*!|>'\"#%@` \n\t,?") + list("ab1楼道") + ["- ", ": ", "\n  "])


def _located(problems: list[Problem]) -> bool:
    return all(p.line >= 1 and p.column >= 1 and p.message for p in problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400))
def test_random_bytes_never_crash(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    doc, problems = load_yaml_file(path, "x.yml")
    assert doc is not None or problems
    assert _located(problems)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(YAML_ALPHABET, max_size=60).map("".join))
def test_yaml_like_text_never_crashes(text: str) -> None:
    doc, problems = parse_yaml(text, "x.yml")
    assert doc is not None or problems
    assert _located(problems)


HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[点我](javascript:alert(1))",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<iframe src=//evil></iframe>",
    "<svg onload=alert(1)>", "[x](JaVaScRiPt:alert(1))", "<a href=' javascript:alert(1)'>x</a>",
    "![x](http://evil/x.png)", "<style>*{}</style>", "<p onclick=alert(1)>x</p>", "<object data=x>",
    "<form action=x><input></form>", "[x](vbscript:msgbox(1))", "<math><mi xlink:href=javascript:1>",
    "`<script>`", "<<script>script>alert(1)<</script>/script>", "&lt;script&gt;",
])
UNSAFE = re.compile(
    r"<\s*(script|iframe|object|embed|style|img|svg|math|form|input)\b|\son\w+\s*=|"
    r"(href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
    re.IGNORECASE,
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.one_of(HOSTILE, st.text(max_size=20)), max_size=8))
def test_sanitiser_never_outputs_script(parts: list[str]) -> None:
    html = str(render_markdown("\n".join(parts)))
    assert not UNSAFE.search(html), html

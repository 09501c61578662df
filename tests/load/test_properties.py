"""Property tests: no input crashes the loader; the sanitiser never lets script through."""

from __future__ import annotations

import re
from html.parser import HTMLParser
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
class _Tags(HTMLParser):
    """Collects the real tags and attributes of an HTML fragment (text stays text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "img", "svg", "math", "form", "input", "link"}


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.one_of(HOSTILE, st.text(max_size=20)), max_size=8))
def test_sanitiser_never_outputs_script(parts: list[str]) -> None:
    html = str(render_markdown("\n".join(parts)))
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            if name in ("href", "src"):
                scheme = re.sub(r"[\x00-\x20]", "", value or "").split(":", 1)[0].lower()
                assert ":" not in (value or "") or scheme in ("http", "https", "mailto"), html

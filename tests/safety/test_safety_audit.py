"""The code audit of the issue, kept as tests: templates autoescape, and nothing but the
output of render_markdown or HTML the code builds from escaped parts is marked safe.

A new ``|safe`` or ``Markup(`` in another place fails here on purpose: review it (is the
text escaped or sanitised?), then add it to the lists below with the reason."""

from __future__ import annotations

import re

from safetytools import ROOT

SAFE_IN_TEMPLATES = {
    # MkDocs' page.content: the page body the jinlin renderer made with autoescape
    ("templates/site/main.html", "page.content|safe"),
}
MARKUP_IN_CODE = {
    "generator/model/markup.py": "render_markdown: the nh3-sanitised HTML",
    "generator/model/public.py": "an empty story when there is no consent",
    "generator/site/theme.py": "the menu, Markup.format escapes titles and URLs",
    "generator/site/render.py": "stars, Markup.format escapes the label",
    "generator/site/charts.py": "SVG from numbers and escape()d labels",
    "generator/site/bulletins.py": "the bulletin preview rendered by the autoescaping print templates",
    "generator/print/chart.py": "SVG from numbers and escape()d labels",
    "generator/print/html.py": "the packaged stylesheet; css_string escapes for <style>",
    "generator/print/honours/html.py": "the packaged stylesheet",
    "generator/print/honours/shapes.py": "SVG ornaments from numbers, colours and an escape()d label",
}


def _templates() -> list[tuple[str, str]]:
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
            for folder in ("templates/site", "templates/print") for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and p.suffix in {".html", ".j2", ".xml", ".svg"}]


def test_only_the_reviewed_template_values_are_marked_safe() -> None:
    found = {(path, re.sub(r"\s+", "", use)) for path, text in _templates()
             for use in re.findall(r"[\w.]+\s*\|\s*safe\b", text)}
    assert found == SAFE_IN_TEMPLATES
    for path, text in _templates():
        assert not re.search(r"autoescape\s+false|\|\s*(?:unescape|xmlattr\(false)", text), path


def test_markup_is_made_only_where_reviewed() -> None:
    found = {str(p.relative_to(ROOT)) for p in (ROOT / "generator").rglob("*.py")
             if re.search(r"\bMarkup\(", p.read_text(encoding="utf-8"))}
    assert found <= set(MARKUP_IN_CODE), found - set(MARKUP_IN_CODE)


def test_every_jinja_environment_autoescapes() -> None:
    calls = 0
    for path in (ROOT / "generator").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for start in re.finditer(r"\bEnvironment\(", text):
            assert "autoescape=True" in _arguments(text, start.end()), path
            calls += 1
    assert calls >= 4
    plugin = (ROOT / "generator" / "site" / "plugin.py").read_text(encoding="utf-8")
    assert "env.autoescape = True" in plugin  # MkDocs makes the theme's environment itself


def _arguments(text: str, start: int) -> str:
    """The text between the opening parenthesis before ``start`` and its partner."""
    depth = 1
    for end in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        if depth == 0:
            return text[start:end]
    return text[start:]

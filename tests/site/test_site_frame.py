"""Page frames filled from a shape equal frames rendered page by page (generator/site/frame.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitetools import ROOT, SITE_CONTENT

from generator.site import frame


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] not in ("pagefind", "pagefind-delta")}


def _build(content: Path, target: Path, cache: Path) -> Path:
    from generator.commands.build import run_build

    return run_build(str(content), str(target), pdf=False, config_file=str(ROOT / "mkdocs.yml"),
                     cache_dir=str(cache))


@pytest.mark.slow
@pytest.mark.parametrize("content", [SITE_CONTENT, ROOT / "content"], ids=["fixture", "shipped"])
def test_filled_frames_equal_frames_rendered_one_by_one(content: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shaped = _pages(_build(content, tmp_path / "shaped", tmp_path / "cache-a"))
    monkeypatch.setattr(frame, "CHECKS", 10**9)  # no shape is ever trusted: every page rendered in full
    whole = _pages(_build(content, tmp_path / "whole", tmp_path / "cache-b"))
    assert len(shaped) > 70 and shaped.keys() == whole.keys()
    assert [name for name in shaped if shaped[name] != whole[name]] == []


class _Env:
    def __init__(self, source: str) -> None:
        import jinja2

        self.env = jinja2.Environment(autoescape=True)
        self.source = source

    def get_template(self, name: str) -> object:
        return self.env.from_string(self.source)


class _Config(dict):
    site_url = "https://example.org/"
    extra_css: list[str] = []
    extra_javascript: list[str] = []


def _generated(url: str, title: str, body: str, description: str = "") -> object:
    from generator.site.render import GeneratedPage

    return GeneratedPage(url=url, title=title, body=body, description=description)


def test_a_frame_that_shows_more_of_the_page_is_rendered_page_by_page() -> None:
    """A theme printing page.url (not a sentinel field) must not get the first page's address."""
    renderer = frame.FrameRenderer(_Env("<title>{{ page.title }}</title><i>{{ page.url }}</i>{{ page.content|safe }}"),
                                   _Config())
    pages = [_generated(f"activities/a{n}/", f"活动{n} <b>", f"<p>{n}</p>") for n in range(6)]
    out = [renderer.render(p) for p in pages]
    assert out[5] == "<title>活动5 &lt;b&gt;</title><i>activities/a5/</i><p>5</p>"


def test_titles_and_descriptions_are_escaped_when_filled() -> None:
    source = ('<title>{{ page.title }}</title><meta content="{{ page.meta.description }}">'
              '<link href="{{ page.canonical_url }}">{{ page.content|safe }}')
    renderer = frame.FrameRenderer(_Env(source), _Config())
    pages = [_generated(f"people/p{n}/", f'"{n}"&<x>', "<p>正文</p>", f"说明{n}'") for n in range(5)]
    out = [renderer.render(p) for p in pages]
    assert out[4] == ('<title>&#34;4&#34;&amp;&lt;x&gt;</title><meta content="说明4&#39;">'
                      '<link href="https://example.org/people/p4/"><p>正文</p>')
    assert renderer._shapes and all(s is not None and s.trusted for s in renderer._shapes.values())

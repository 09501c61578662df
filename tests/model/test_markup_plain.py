"""Text Markdown has nothing to do with is converted without Python-Markdown; the result
must be what Python-Markdown gives (generator/model/markup.py, ``_PLAIN``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import markup

ALPHABET = ("社区党建楼道清理志愿者１２３ＡＢ，。、；：？！“”（）《》…—·abcXYZ0123456789 \n\t"
            "#*-_.[]()<>&!|`~+=:'\"\u3000\u200b")


def _slow(text: str) -> str:
    old = markup._PLAIN
    markup._PLAIN = re.compile(r"(?!)")  # never plain: always Python-Markdown
    try:
        return str(markup._render(text))
    finally:
        markup._PLAIN = old


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_quick_way_gives_what_markdown_gives(text: str) -> None:
    assert str(markup._render(text)) == _slow(text)


@pytest.mark.parametrize("text", ["第一段\n\n第二段", "邻里 互助\n一起", "Ａ１，。", "x\n\n\n\ny", "一\n二"])
def test_plain_text_takes_the_quick_way(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _slow(text)

    def refuse() -> object:
        raise AssertionError("Python-Markdown was used for plain text")

    monkeypatch.setattr(markup, "_converter", refuse)
    assert str(markup._render(text)) == expected


@pytest.mark.parametrize("text", ["1. 一\n2. 二", "**粗体**", "  缩进", "line  \nbreak", "<b>x</b>", "a_b_c"])
def test_text_with_markdown_in_it_goes_to_markdown(text: str) -> None:
    assert not markup._PLAIN.fullmatch(markup._CJK_BREAK.sub("", markup.mask_numbers(text)))

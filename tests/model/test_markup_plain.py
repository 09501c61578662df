"""Text Markdown has little to do with is converted without Python-Markdown; the result
must be what Python-Markdown gives (generator/model/markup.py, ``_quick``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import markup

ALPHABET = ("社区党建楼道清理志愿者１２３ＡＢ，。、；：？！“”（）《》…—·abcXYZ0123456789 \n\t"
            "#*-_.[]()<>&!|`~+=:'\"\u3000\u200b")
PIECES = ["社区", "楼道", "党建", "１２", "ab", "7", "，", "。", "“近邻”", " ", "  ", "\n", "\n\n", "\n\n\n",
          "**", "*", "***", "- ", "-", "\n- ", "\n\n- ", "* ", "1. ", "_", "\t", "\u3000", "#", ">"]
"""Fragments that make the shapes of staff text (``**粗体**``, ``- `` lists, paragraphs)
and their near misses far more often than single characters would."""


def _slow(text: str) -> str:
    old = markup._quick
    markup._quick = lambda source: None  # never quick: always Python-Markdown
    try:
        return str(markup._render(text))
    finally:
        markup._quick = old


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_quick_way_gives_what_markdown_gives(text: str) -> None:
    assert str(markup._render(text)) == _slow(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_the_quick_way_gives_what_markdown_gives_for_staff_shapes(text: str) -> None:
    assert str(markup._render(text)) == _slow(text)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.characters(blacklist_categories=("Cs",)), max_size=24).map("".join))
def test_the_quick_way_gives_what_markdown_gives_for_any_character(text: str) -> None:
    """The quick way's HTML is not sanitised: it must be what the sanitiser would return."""
    assert str(markup._render(text)) == _slow(text)


def test_the_sanitiser_leaves_the_quick_way_unchanged_for_every_character() -> None:
    """Every character a word may hold (the whole Basic Multilingual Plane and a few
    beyond), alone, inside a word and in bold: the sanitiser returns the quick way's HTML
    as it is, which is why the quick way skips it."""
    for code in [*range(0x80, 0xD800), *range(0xE000, 0x10000), 0x1FFFE, 0x10FFFF, 0xE0001, 0x20000]:
        char = chr(code)
        for source in (char, f"社区{char}楼道", f"**社{char}**\n\n- {char}"):
            html = markup._quick(source)
            if html is not None:
                assert markup.nh3.clean(html, tags=markup._TAGS, attributes=markup._ATTRIBUTES,
                                        url_schemes=markup._URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                                        strip_comments=True) == html, hex(code)


QUICK = ["第一段\n\n第二段", "邻里 互助\n一起", "Ａ１，。", "x\n\n\n\ny", "一\n二",
         "**小事不出楼栋、大事不出小区**，邻里关系更加和睦。", "推进**近邻党建**，把服务做到 **心坎上**",
         "活动结束。\n\n- 整理非机动车\n- **更换**楼道灯泡", "说明：\n- 一\n- 二\n\n后记", "**甲**\n**乙**"]


@pytest.mark.parametrize("text", QUICK)
def test_common_staff_text_takes_the_quick_way(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _slow(text)

    def refuse() -> object:
        raise AssertionError("Python-Markdown was used for text the quick way knows")

    monkeypatch.setattr(markup, "_converter", refuse)
    assert str(markup._render(text)) == expected


@pytest.mark.parametrize("text", ["1. 一\n2. 二", "** 粗体**", "**粗体 **", "****", "**a****b**", "***a***",
                                  "- 一\n\n- 二", "- 一\nab", "  缩进", "line  \nbreak", "<b>x</b>", "a_b_c",
                                  "*斜体*", "-  一", "* 一"])
def test_text_with_other_markdown_in_it_goes_to_markdown(text: str) -> None:
    source = markup._CJK_BREAK.sub("", markup._LIST_AFTER_TEXT.sub("\\1\n\n", markup.mask_numbers(text)))
    assert markup._quick(source) is None

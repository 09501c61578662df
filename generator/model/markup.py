"""The one way free text from YAML becomes HTML: Markdown, then an allow-list sanitiser.

Templates autoescape everything else; only the :class:`markupsafe.Markup` returned here
is ever inserted unescaped. Personal numbers are masked before Markdown sees the text.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from generator.model.privacy import mask_numbers

_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h3", "h4",
    "a", "code", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
# A line break inside a Chinese paragraph would show as a stray space in the browser.
# Staff write lists straight under a sentence; Markdown would fold them into the paragraph.
# (a lookahead for the non-blank character: ".*\S.*" backtracks quadratically on a long line)
_LIST_AFTER_TEXT = re.compile(
    r"^((?![ \t]*(?:[-*+]|\d+\.)[ \t])(?=[^\n]*\S)[^\n]*)\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])", re.M)
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


_remembered: MutableMapping[str, str] | None = None


def remember_rendered(store: MutableMapping[str, str] | None) -> None:
    """Reuse and keep rendered Markdown in ``store`` (source text → sanitised HTML), or
    stop (``None``). The site keeps one between builds: Markdown is the slowest part of
    building the public view (seconds for a city), and a rebuild after an edit then
    converts only the text that changed. The store must be dropped when this module's
    rules change (the site keys its file by this module's source)."""
    global _remembered
    _remembered = store


def render_markdown(text: str) -> Markup:
    """Markdown → sanitised HTML (no script, handlers, iframes, unsafe links or images).

    Raw HTML in the source is escaped by the sanitiser's allow-list; headings are shifted
    so that staff text never competes with the page title.
    """
    if not text:
        return Markup("")
    store = _remembered
    if store is not None and (known := store.get(text)) is not None:
        return Markup(known)  # noqa: S704 - made by _render below in an earlier build
    html = _render(text)
    if store is not None:
        store[text] = str(html)
    return html


def _render(text: str) -> Markup:
    source = _LIST_AFTER_TEXT.sub("\\1\n\n", mask_numbers(text))
    if source.count("[") > MAX_BRACKETS:
        # Markdown pairs link brackets in quadratic time (20,000 "[" took minutes): as text
        source = source.replace("[", "\\[")
    source = _CJK_BREAK.sub("", source)
    html = _quick(source)
    if html is not None:
        # our own <p>, <ul>, <li> and <strong> around text with no character HTML gives a
        # meaning to (no ASCII punctuation but "**" and "- "): what the sanitiser would
        # return unchanged (held equal by tests/model/test_markup_plain.py), at a tenth of
        # a city's Markdown time
        return Markup(html)  # noqa: S704
    converter = _converter()
    converter.reset()
    html = converter.convert(source)
    html = re.sub(r"<(/?)h[12]\b", r"<\1h3", html)
    clean = nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow", strip_comments=True,
    )
    if _too_deep(clean):
        # Hundreds of nested tags (<b><b>…, > > >…) exhaust WeasyPrint's recursion and stop
        # the bulletin; no real text nests that deep, so keep only its words.
        clean = "<p>" + " ".join(nh3.clean(clean, tags=set()).split()) + "</p>"
    return Markup(clean)  # noqa: S704 - the sanitised output (or what it would be) is the only Markup made


_PLAIN = re.compile(
    r"(?:[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s\u3000\ud800-\udfff]"  # no ASCII punctuation, control or space
    r"|(?<=[^\s]) (?=[^\s])"  # single spaces between words (indents and hard breaks are Markdown)
    r"|\n)*")
"""Text in which Markdown finds nothing to do (most summaries: Chinese words, digits,
full-width punctuation): no ASCII punctuation, no indent, no trailing or double spaces.
Such text converts to its paragraphs (see :func:`_quick`)."""


_WORD = r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s\u3000\ud800-\udfff]"
"""A character Markdown gives no meaning to (not ASCII punctuation, control or space;
nor a lone surrogate, which the sanitiser refuses and the quick way must not let through)."""
_STRONG = rf"(?<!\*)\*\*(?={_WORD})(?:{_WORD}|(?<={_WORD}) (?={_WORD}))+?(?<={_WORD})\*\*(?!\*)"
"""``**粗体**``: words (single spaces between them) in double asterisks, not touching a third."""
_LINE = rf"(?:{_WORD}|(?<=\S) (?=\S)|{_STRONG})+"
_PARAGRAPH = re.compile(rf"{_LINE}(?:\n{_LINE})*")
_LIST = re.compile(rf"- {_LINE}(?:\n- {_LINE})*")
_STRONG_PAIR = re.compile(r"\*\*(.+?)\*\*")


def _quick(source: str) -> str | None:
    """What Python-Markdown makes of ``source``, for the shapes staff text mostly has, or
    ``None`` for anything else. Text without ASCII punctuation is its paragraphs
    (:data:`_PLAIN`); beyond that, a block may be a paragraph whose only Markdown is
    ``**strong**``, or a ``- `` list of such lines (not right after another list: a blank
    line between two lists makes one loose list). Python-Markdown took ~1 ms per summary,
    seconds per city; ``tests/model/test_markup_plain.py`` holds the two ways equal."""
    if _PLAIN.fullmatch(source):
        return _paragraphs(source)
    html: list[str] = []
    after_list = False
    for block in re.split(r"\n{2,}", source.strip("\n")):
        if not block:
            continue
        if _PARAGRAPH.fullmatch(block):
            html.append(f"<p>{_strong(block)}</p>")
            after_list = False
        elif not after_list and _LIST.fullmatch(block):
            items = "\n".join(f"<li>{_strong(line[2:])}</li>" for line in block.split("\n"))
            html.append(f"<ul>\n{items}\n</ul>")
            after_list = True
        else:
            return None
    return "\n".join(html)


def _strong(text: str) -> str:
    return _STRONG_PAIR.sub(r"<strong>\1</strong>", text) if "*" in text else text


def _paragraphs(source: str) -> str:
    blocks = [b for b in re.split(r"\n{2,}", source.strip("\n")) if b]
    return "\n".join(f"<p>{block}</p>" for block in blocks)


MAX_DEPTH = 20
MAX_BRACKETS = 200
_TAG = re.compile(r"<(/?)([a-z0-9]+)")


def _too_deep(html: str) -> bool:
    """True if tags in ``html`` (sanitised, so well formed) nest more than MAX_DEPTH deep."""
    if html.count("<") < 2 * MAX_DEPTH:
        return False
    depth = 0
    for closing, name in _TAG.findall(html):
        if name not in ("br", "hr"):
            depth += -1 if closing else 1
            if depth > MAX_DEPTH:
                return True
    return False


def plain_text(text: str, limit: int = 0) -> str:
    """Free text as plain words (for descriptions and lists), masked, optionally cut."""
    return text_of(render_markdown(text), limit)


@lru_cache(maxsize=1 << 15)  # a serve rebuild asks again for every unchanged summary
def _words(html: str) -> str:
    words = re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
    return words.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def text_of(html: Markup, limit: int = 0) -> str:
    """The plain words of HTML made by :func:`render_markdown`, optionally cut; lets a
    caller that needs both render the Markdown once (it costs seconds at city scale)."""
    if not html:
        return ""
    words = _words(str(html))
    if limit and len(words) > limit:
        return words[: limit - 1] + "…"
    return words

"""``jinlin certificates YYYY-MM``: the month's 荣誉证书 and 星级楼栋 plaques as print PDFs,
and the step of ``jinlin build`` that renders every month's into ``print/``.

Certificates carry the names of people whose records are not public (the certificate goes
to them all the same), so these files are written beside the site folder, never into it.

Exit codes: 2 for a month not written ``YYYY-MM``; 1 (with the months that do have some)
for a month with neither an honour nor a building with stars — nothing is written then,
not even an empty PDF, as ``jinlin bulletin`` does for a month without content.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.bulletin import MONTH, MonthArgumentError
from generator.errors import FontMissingError, JinlinError
from generator.model.content import Content
from generator.project import require_content

PRINT_DIR = "print"
"""The build's folder for certificates and plaques, beside the site folder (git-ignored)."""
EDITION = "印刷版 PDF/X-4，CMYK，含 3 毫米出血"
PRIVACY_NOTE = "提示：其中 {count} 份证书的获奖人没有在网站上公开，这些文件只交印刷，不要上传到网站。"


def run_certificates(month: str, content_dir: str, output: str) -> None:
    """Check the content, then render ``month`` into ``output/YYYY-MM/``."""
    month = _parse_month(month)
    content, _ = require_content(content_dir, content_dir)
    from generator.print.honours import honour_months, month_honours, render_month

    try:
        files = render_month(content, month, Path(output or PRINT_DIR))
    except LookupError:
        raise JinlinError(_nothing(month, honour_months(content))) from None
    for done in files:
        unit = "份" if done.kind == "certificates" else "块"
        click.echo(f"已生成 {done.path}：{done.label} {done.pages} {unit}（{EDITION}）。")
    kinds = {done.kind for done in files}
    if "certificates" not in kinds:
        click.echo(f"{month} 没有评选荣誉人物，未生成荣誉证书。")
    if "plaques" not in kinds:
        click.echo(f"{month} 没有得星的楼栋，未生成星级楼栋牌匾。")
    hidden = sum(not c.public for c in month_honours(content, month).certificates)
    if hidden:
        click.echo(PRIVACY_NOTE.format(count=hidden))


def print_after_build(content: Content, site_dir: Path, cache_dir: Path) -> None:
    """``jinlin build`` with PDFs: every month's certificates and plaques into ``print/``
    beside ``site_dir`` (unchanged months come from ``cache_dir``)."""
    from generator.print.honours import render_all

    out = site_dir.parent / PRINT_DIR
    if out == site_dir:  # a site folder called print/: never mix the two
        out = site_dir.parent / f"{PRINT_DIR}-honours"
    try:
        files = render_all(content, out, cache_dir=cache_dir)
    except FontMissingError:
        raise
    except JinlinError as exc:
        # The site is already built and published; a certificate that cannot be laid out
        # (e.g. a name too long for one page) must not turn that into a failed build.
        click.echo(f"警告：荣誉证书和牌匾未能全部生成：{exc.format_message()}"
                   "（网站已正常生成；改正后运行 jinlin certificates 月份）", err=True)
        return
    if files:
        months = len({done.month for done in files})
        click.echo(f"荣誉证书和星级楼栋牌匾已生成：{out}（{months} 个月，{len(files)} 个 PDF，"
                   "不在网站内）", err=True)


def _parse_month(text: str) -> str:
    text = text.strip()
    if not MONTH.fullmatch(text):
        raise MonthArgumentError(
            f"月份“{text}”写得不对，应写成 YYYY-MM，例如 jinlin certificates 2026-10")
    return text


def _nothing(month: str, months: list[str]) -> str:
    if not months:
        return f"无法生成 {month} 的荣誉证书和牌匾：内容里还没有任何荣誉人物或得星楼栋。"
    return (f"{month} 没有评选荣誉人物，也没有得星的楼栋，不生成荣誉证书和牌匾。"
            f"有荣誉或星级楼栋的月份：{'、'.join(months[-12:])}。")

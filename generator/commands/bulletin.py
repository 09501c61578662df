"""``jinlin bulletin YYYY-MM``: one month's 工作简报 as a PDF file."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.errors import JinlinError
from generator.model.public import PublicView
from generator.print.numbering import bulletin_months
from generator.project import require_content

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class MonthArgumentError(JinlinError):
    """The month on the command line is not a month (a usage error: exit code 2)."""

    exit_code = 2


def run_bulletin(month: str, content_dir: str, output: str, edition: str) -> None:
    """Check the content, then render ``month`` to ``output`` (default
    ``bulletins/jinlin-YYYY-MM.pdf``, ``…-print.pdf`` for the print edition)."""
    month = _parse_month(month)
    content, _ = require_content(content_dir, content_dir)
    view = PublicView(content)
    if month not in bulletin_months(view):
        raise JinlinError(_no_bulletin(month, view))
    from generator.print.bulletins import render_bulletin
    from generator.print.editions import edition_named

    target = Path(output) if output else Path("bulletins") / edition_named(edition).file_name(month)
    done = render_bulletin(view, month, target, edition=edition)
    label = "印刷版（PDF/X-4，含出血）" if edition == "print" else "存档版（PDF/A-3b）"
    click.echo(f"已生成 {done.path}：{done.title}（总第{done.total_issue}期），{label}，共{done.pages}页。")


def _parse_month(text: str) -> str:
    text = text.strip()
    if not MONTH.fullmatch(text):
        raise MonthArgumentError(f"月份“{text}”写得不对，应写成 YYYY-MM，例如 jinlin bulletin 2026-10")
    return text


def _no_bulletin(month: str, view: PublicView) -> str:
    first = view.site.bulletin.first_month
    if month in view.months and first:
        return f"{month} 早于第一期简报的月份（site.yml 中 bulletin.first_month: {first}），不生成简报。"
    months = bulletin_months(view)
    if not months:
        return f"无法生成 {month} 的简报：内容文件夹里还没有任何活动、会议或星级评分记录。"
    return (f"{month} 没有任何活动、会议或星级评分记录，无法生成简报。"
            f"有内容的月份：{'、'.join(months[-12:])}。")

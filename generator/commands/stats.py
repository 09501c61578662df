"""``jinlin stats``: the key figures, derived or declared."""

from __future__ import annotations

import click

from generator.model import figures as fig
from generator.project import require_content


def run_stats(content_dir: str) -> None:
    """Print the key figures grouped as the site shows them."""
    content, _ = require_content(content_dir, content_dir)
    groups = {
        "组织体系（五级网格）": fig.grid_figures(content),
        "工作开展": fig.work_figures(content),
        "结对共建": fig.pairing_figures(content),
        "人物": fig.people_figures(content),
        "公布数字（非逐条记录）": fig.declared_figures(content),
    }
    for heading, figures in groups.items():
        click.echo(f"【{heading}】")
        for f in figures:
            source = f"　（{f.source}，截至 {f.as_of}）" if f.declared else ""
            click.echo(f"  {f.label}：{f.display}{f.unit}{source}")
    progress = "，".join(f"{k}{v}" for k, v in fig.wish_progress(content).items())
    click.echo(f"【微心愿进度】{progress}")

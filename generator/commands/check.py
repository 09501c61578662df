"""``jinlin check``: every problem in one run, as text lines or JSON."""

from __future__ import annotations

import json

import click

from generator.project import load_content


def run_check(content_dir: str, fmt: str) -> int:
    """Print every problem; return 0 when clean (warnings allowed), 1 on errors."""
    content, problems = load_content(content_dir, content_dir)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        payload = {"errors": errors, "warnings": warnings, "problems": [p.as_dict() for p in problems]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return 1 if errors else 0
    for problem in problems:
        click.echo(problem.format())
    if errors:
        click.echo(f"共 {errors} 处错误、{warnings} 处警告。请按上面的文件和行号逐一修改。", err=True)
        return 1
    records = _count(content) if content else 0
    click.echo(f"检查通过：{records} 条记录，{warnings} 处警告。", err=True)
    return 0


def _count(content) -> int:  # type: ignore[no-untyped-def]
    return 2 + sum(
        len(getattr(content, name))
        for name in ("communities", "units", "groups", "people", "meetings", "activities", "ratings", "wishes")
    )

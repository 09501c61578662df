"""``jinlin import``: records from a spreadsheet, and the blank template to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from generator.importing import ImportUsageError, importable, load_directory, plan_import, recipe_for
from generator.importing.names import Directory
from generator.importing.records import Recipe
from generator.importing.writer import row_span, write_all


def run_import(kind: str | None, file: str | None, content_dir: str, dry_run: bool) -> None:
    """Import every row of ``file`` as ``kind`` records below ``content_dir`` (all or none)."""
    if not kind or not file:
        raise click.UsageError("请写出要导入的记录类别和表格文件，例如：jinlin import activity 活动登记表.xlsx")
    recipe = _recipe(kind)
    from generator.commands.new import today_in_china

    plan = plan_import(recipe, Path(file), Path(content_dir), content_dir, today_in_china().isoformat())
    for warning in plan.warnings:
        click.echo(warning.format(), err=True)
    shown = content_dir.rstrip("/")
    if dry_run:
        click.echo(f"试运行：表格检查通过，将写出 {len(plan.texts)} 个{plan.label}文件（这次没有写入）：")
    else:
        write_all(Path(content_dir), plan.texts)
        click.echo(f"已从 {plan.file} 导入 {len(plan.texts)} 个{plan.label}文件：")
    for relative, rows in plan.rows.items():
        click.echo(f"  {shown}/{relative}（第 {row_span(rows)} 行）")
    if plan.skipped:
        click.echo(f"第 {row_span(plan.skipped)} 行是模板中的示例（有一格以“示例：”开头），没有导入。")
    if not dry_run:
        click.echo("可以运行 jinlin check 检查全部内容，或 jinlin review YYYY-MM 查看某月将发布的内容。")


def run_template(kind: str, output: str, content_dir: str) -> None:
    """Write the blank sheet for ``kind`` (Chinese headers, notes, drop-down lists)."""
    from generator.importing.template import write_template

    recipe = _recipe(kind)
    if not output:
        example = f"jinlin import --template {kind} --output 模板.xlsx"
        raise click.UsageError(f"请用 --output 指定模板文件名，例如：{example}")
    if Path(output).suffix.lower() != ".xlsx":
        raise click.UsageError(f"模板文件名应以 .xlsx 结尾：{output}")
    if not Path(content_dir).is_dir():
        raise ImportUsageError(f"找不到内容文件夹：{content_dir}（模板的下拉列表需要其中的社区名称）")
    content, _ = load_directory(Path(content_dir), content_dir)
    sheet = recipe(Directory(content))
    write_template(sheet, Path(output))
    click.echo(f"已写出{sheet.kind.label}导入模板：{output}")
    click.echo(f"填好后运行：jinlin import {sheet.kind_name} {output}")


def _recipe(kind: str) -> type[Recipe]:
    recipe = recipe_for(kind)
    if recipe is None:
        raise click.UsageError(f"不能导入“{kind}”这类记录。可以导入：{importable()}")
    return recipe

"""The ``jinlin`` command line. Each command is a few lines that import lazily and call a
library function; every error is a :class:`~generator.errors.JinlinError` printed in
Chinese, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import JinlinError

CONTENT_OPTION = click.option(
    "--content", "content_dir", default="content", show_default=True,
    type=click.Path(file_okay=False, path_type=str), help="内容文件夹",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jinlin", message="jinlin %(version)s")
def cli() -> None:
    """近邻党建静态发布系统：检查内容、生成网站和工作简报。"""


@cli.command()
@CONTENT_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
def check(content_dir: str, fmt: str) -> None:
    """检查全部内容，一次列出所有错误和警告。"""
    from generator.commands.check import run_check

    _keep_imports("generator.project")
    sys.exit(run_check(content_dir, fmt))


@cli.command()
@CONTENT_OPTION
def stats(content_dir: str) -> None:
    """列出关键数字（由记录统计或在 figures.yml 中公布）。"""
    from generator.commands.stats import run_stats

    run_stats(content_dir)


@cli.command()
@click.argument("kind")
@click.option("--title", default="", help="标题或名称（用于生成拼音编号）")
@click.option("--date", "date_text", default="", help="日期 YYYY-MM-DD（默认今天）")
@CONTENT_OPTION
def new(kind: str, title: str, date_text: str, content_dir: str) -> None:
    """新建一条记录：在正确位置写出带注释的模板，绝不覆盖已有文件。"""
    from generator.commands.new import run_new

    run_new(kind, title, date_text, content_dir)


@cli.command()
@click.option("--output", default="schemas", show_default=True, help="输出文件夹")
def schemas(output: str) -> None:
    """生成编辑器用的 JSON Schema（提供字段补全和中文说明）。"""
    from generator.schemas import write_schemas

    for path in write_schemas(Path(output)):
        click.echo(f"已写出 {path}")


@cli.command()
@CONTENT_OPTION
@click.option("--site-dir", default="site", show_default=True, help="网站输出文件夹")
@click.option("--clean", is_flag=True, help="忽略缓存，全部重新生成")
@click.option("--no-pdf", is_flag=True, help="不生成 PDF（工作简报，以及 print/ 中的荣誉证书和牌匾）")
def build(content_dir: str, site_dir: str, clean: bool, no_pdf: bool) -> None:
    """生成网站（和工作简报 PDF）。失败时保留原来的网站不变。"""
    from generator.commands.build import run_build

    _keep_imports("generator.project", "generator.site.plugin")
    run_build(content_dir, site_dir, clean=clean, pdf=not no_pdf)
    _FINISHED.append("build")


@cli.command()
@CONTENT_OPTION
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览地址")
def serve(content_dir: str, dev_addr: str) -> None:
    """本地预览：编辑内容后浏览器自动刷新；内容有错时页面上列出错误。"""
    from generator.commands.build import run_serve

    run_serve(content_dir, dev_addr)


@cli.command()
@click.argument("month")
@CONTENT_OPTION
@click.option("--output", default="", help="输出文件（默认 bulletins/jinlin-YYYY-MM.pdf，印刷版 …-print.pdf）")
@click.option("--edition", type=click.Choice(["archive", "print"]), default="archive",
              show_default=True, help="archive 存档版（PDF/A）或 print 印刷版（出血、CMYK、PDF/X）")
def bulletin(month: str, content_dir: str, output: str, edition: str) -> None:
    """生成某月的工作简报 PDF，例如 jinlin bulletin 2026-10。"""
    from generator.commands.bulletin import run_bulletin

    run_bulletin(month, content_dir, output, edition)


@cli.command(name="import")
@click.argument("kind", required=False)
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=str))
@CONTENT_OPTION
@click.option("--dry-run", is_flag=True, help="只列出将写出的文件，不写入")
@click.option("--template", "template_kind", default="", help="写出某类记录的空白表格模板")
@click.option("--output", default="", help="模板输出文件（.xlsx）")
def import_(kind: str | None, file: str | None, content_dir: str, dry_run: bool,
            template_kind: str, output: str) -> None:
    """从 Excel/CSV 表格导入记录：jinlin import activity 报名表.xlsx。"""
    from generator.commands.importing import run_import, run_template

    if template_kind:
        run_template(template_kind, output, content_dir)
    else:
        run_import(kind, file, content_dir, dry_run)


@cli.command()
@click.argument("month")
@CONTENT_OPTION
def review(month: str, content_dir: str) -> None:
    """发布前检查某月内容：列出将发布的内容和看起来不完整的地方。"""
    from generator.commands.review import run_review

    run_review(month, content_dir)


@cli.command()
@click.option("--scale", type=click.Choice(["small", "city", "province"]), default="small",
              show_default=True, help="规模")
@click.option("--out", "out_dir", required=True, help="输出文件夹（必须不存在或为空）")
@click.option("--seed", default=1, show_default=True, help="随机种子：相同种子生成相同内容")
def demo(scale: str, out_dir: str, seed: int) -> None:
    """生成虚构的演示内容（用于测试和性能测量）。"""
    from generator.demo import run_demo

    run_demo(scale, out_dir, seed)


@cli.command()
@click.argument("month")
@CONTENT_OPTION
@click.option("--output", default="print", show_default=True, help="输出文件夹")
def certificates(month: str, content_dir: str, output: str) -> None:
    """生成某月的荣誉证书和星级楼栋牌匾 PDF（印刷版）。"""
    from generator.commands.certificates import run_certificates

    run_certificates(month, content_dir, output)


def _keep_imports(*modules: str) -> None:
    """Import ``modules`` now and keep everything alive so far out of the cyclic collector
    (:func:`gc.freeze`): a command is one short process, and each full collection would
    walk the models and MkDocs' modules again (about 0.07 s of a city rebuild's 3 s)."""
    import gc
    import importlib

    for name in modules:
        importlib.import_module(name)
    gc.freeze()


_FINISHED: list[str] = []
"""Commands that finished their work in this process (see :func:`_end_now`)."""


def _end_now() -> None:
    """End a process whose build has finished, written everything and stopped every thread
    it started, without freeing its objects one by one (a city's are millions: 0.05 s)."""
    import logging
    import os
    import threading

    if threading.active_count() > 1:  # a thread still at work: end as usual
        return
    if (search := sys.modules.get("generator.site.searchindex")) is not None:
        search.stop_service()  # and waited for: no process left behind, not even a finished one
    if (workers := sys.modules.get("generator.print.workers")) is not None:
        try:
            workers.forget_for_exit()  # the same for the render workers' fork server
        except (OSError, ChildProcessError, KeyboardInterrupt):  # the build is done and written
            pass
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def main() -> None:
    """Entry point: run the CLI, turning any unexpected failure into a Chinese message."""
    try:
        cli.main(standalone_mode=False)
        if _FINISHED:
            _end_now()
    except click.exceptions.Abort:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("已中断，网站文件夹保持不变。", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        click.echo(f"用法错误：{_usage_message(exc.format_message())}", err=True)
        click.echo("查看帮助：jinlin --help，或 jinlin 命令 --help", err=True)
        sys.exit(2)
    except JinlinError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"错误：文件操作失败：{exc.filename or ''} {exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        click.echo(f"错误：内部错误（{type(exc).__name__}: {exc}）。请把这条信息告诉技术人员。", err=True)
        sys.exit(70)


_USAGE_PATTERNS = (
    (r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", "没有“{0}”这个命令{1}"),
    (r"No such option:? '?(.+?)'?\.?(?: Did you mean '?(.+?)'?\?)?$", "没有 {0} 这个选项{1}"),
    (r"Missing argument '(.+?)'\.", "缺少参数 {0}"),
    (r"Missing option '(.+?)'\.", "缺少选项 {0}"),
    (r"Invalid value for '(.+?)': '(.*?)' is not one of (.*)\.", "{0} 的值“{1}”不对，只能是：{2}"),
    (r"Invalid value for '(.+?)': (.*)", "{0} 的值不对：{1}"),
    (r"Got unexpected extra arguments? \((.*)\)", "多余的参数：{0}"),
    (r"Option '(.+?)' requires an argument\.", "选项 {0} 后面需要一个值"),
)


def _usage_message(message: str) -> str:
    import re

    for pattern, chinese in _USAGE_PATTERNS:
        match = re.match(pattern, message)
        if match:
            groups = list(match.groups())
            if len(groups) > 1 and "{1}" in chinese and "{2}" not in chinese:
                groups[1] = f"，您是不是想输入“{groups[1]}”？" if groups[1] else ""
            return chinese.format(*groups)
    return message


if __name__ == "__main__":
    main()

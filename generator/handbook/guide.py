"""What the handbook's workflow pages show besides prose: the guide pages, the commands
(read from the CLI's own help), and sample ``jinlin check`` messages.

The samples and the list of importable kinds are written here once and checked by the
tests against the real loader and the real import recipes, so the handbook cannot show a
message ``jinlin check`` no longer prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    """A workflow page of the handbook (``handbook/<slug>/``)."""

    slug: str
    title: str
    description: str


GUIDES: tuple[Guide, ...] = (
    Guide("editor", "设置编辑器", "用 VS Code 编辑 YAML：字段自动补全、中文说明、写错时红色波浪线"),
    Guide("import", "导入表格", "把 Excel/WPS 表格里的活动、人物、心愿、评分一次导入"),
    Guide("check", "预览与检查", "jinlin serve 边改边看，jinlin check 检查全部内容，读懂错误信息"),
    Guide("publish", "审核与发布", "jinlin review 月度审核，jinlin build 生成网站，工作简报与证书"),
    Guide("privacy", "隐私规则", "哪些信息不公开，本人同意，儿童照片，姓名和号码遮挡"),
)

IMPORTABLE: tuple[str, ...] = ("activity", "person", "wish", "rating", "meeting", "unit")
"""Kinds ``jinlin import`` reads from a sheet (the import recipes; checked by a test)."""


@dataclass(frozen=True)
class Breakage:
    """A mistake made on purpose in an example file, and the line ``jinlin check`` prints."""

    path: str
    wrong: str
    right: str
    message: str


CHECK_SAMPLES: tuple[Breakage, ...] = (
    Breakage(
        "activities/2026/11/2026-11-03-heping-loudao.yml",
        "date: 11月3日",
        "date: 2026-11-03",
        "content/activities/2026/11/2026-11-03-heping-loudao.yml:4:7: 错误: "
        "日期格式不对：“11月3日”，应写成 YYYY-MM-DD，例如 2026-11-03 (字段 date)",
    ),
    Breakage(
        "activities/2026/11/2026-11-03-heping-loudao.yml",
        "participant: 32",
        "participants: 32",
        "content/activities/2026/11/2026-11-03-heping-loudao.yml:14:1: 错误: "
        "不认识的字段“participant”，您是不是想写“participants”？ (字段 participant)",
    ),
)


@dataclass(frozen=True)
class Command:
    """One ``jinlin`` command and its one-line help."""

    name: str
    help: str


def commands() -> list[Command]:
    """Every ``jinlin`` command with the help line ``jinlin --help`` shows."""
    from generator.cli import cli

    return [Command(name, command.get_short_help_str(200)) for name, command in cli.commands.items()]

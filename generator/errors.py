"""One error tree for jinlin, rooted in ``click.ClickException``.

Problems found in content are collected as :class:`Problem` values (file, line, column,
field, message, offending value) and reported all at once; :class:`ContentError` carries
a list of them so that the CLI, the MkDocs plugin and the preview page print exactly the
same text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import click


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "警告"


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake (or doubt) found in the content, located at its file and line."""

    path: str
    line: int
    column: int
    message: str
    field: str = ""
    value: Any = None
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``PATH:LINE:COL: 错误: message (字段 field)``, the one line staff read."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        if self.field:
            text += f" (字段 {self.field})"
        return text

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = "error" if self.severity is Severity.ERROR else "warning"
        data["value"] = _jsonable(self.value)
        return data

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


class JinlinError(click.ClickException):
    """Base of every error jinlin reports to a user (printed without a traceback)."""

    exit_code = 1

    def show(self, file: Any = None) -> None:  # noqa: D102 - Chinese prefix instead of "Error:"
        click.echo(f"错误：{self.format_message()}", err=True, file=file)


class ContentError(JinlinError):
    """The content has errors; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"内容有 {errors} 处错误，未生成任何文件。")

    def show(self, file: Any = None) -> None:
        for problem in self.problems:
            click.echo(problem.format(), err=True, file=file)
        super().show(file=file)


class BuildError(JinlinError):
    """A build step failed for a reason other than the content (fonts, disk, tools)."""


class FontMissingError(BuildError):
    """No Chinese font is installed: printing would give tofu boxes."""

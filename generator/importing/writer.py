"""Imported records as readable YAML files, written atomically and never over a record.

The YAML keeps Chinese as Chinese, puts long text in ``|`` blocks, short lists of words
in ``[a, b]`` and starts with a comment naming the sheet and rows it came from.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.importing.problems import ImportUsageError
from generator.importing.records import Candidate


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the hand-written content does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = all(_word(v) for v in value) and sum(len(str(v)) + 2 for v in value) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _mapping(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
    """Scores and votes (``{corridor: 30, frontage: 20}``) on one line, like hand-written sheets."""
    flow = bool(value) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


def _word(value: Any) -> bool:
    """A list item short enough for ``[a, b]``: a number or a one-line word."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return False
    return not isinstance(value, str) or ("\n" not in value and len(value) <= 20)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _mapping)


def render(candidate: Candidate, file: str, day: str) -> str:
    """The YAML text of ``candidate``, headed by where it was imported from."""
    body = yaml.dump(candidate.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100, indent=2)
    return f"# 由 {file} 第 {row_span(candidate.rows)} 行导入（jinlin import，{day}）\n{body}"


def row_span(rows: list[int]) -> str:
    """``3``, ``2–10`` or ``2、5、9`` (at most eight listed)."""
    rows = sorted(set(rows))
    if len(rows) == 1:
        return str(rows[0])
    if rows == list(range(rows[0], rows[-1] + 1)):
        return f"{rows[0]}–{rows[-1]}"
    shown = "、".join(str(r) for r in rows[:8])
    return shown + ("等" if len(rows) > 8 else "")


def write_all(root: Path, texts: dict[str, str]) -> list[Path]:
    """Write every ``relative path → text`` below ``root``, or none: if one fails (a file
    appeared meanwhile, disk full), the files already written by this call are removed."""
    written: list[Path] = []
    try:
        for relative, text in texts.items():
            target = root / relative
            write_new(target, text)
            written.append(target)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def write_new(target: Path, text: str) -> None:
    """Write ``text`` to a new file ``target`` atomically: a hidden temporary file in the
    same folder is hard-linked into place, which fails if ``target`` exists; where hard
    links are unsupported, an existence check and ``os.replace`` are used instead."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(0o644)
        _into_place(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _into_place(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)
    except FileExistsError:
        raise ImportUsageError(f"文件 {target} 在导入过程中被创建了，为避免覆盖，本次导入没有写入任何文件") from None
    except OSError:  # a file system without hard links
        if target.exists():
            raise ImportUsageError(f"文件 {target} 已存在，本次导入没有写入任何文件") from None
        os.replace(temp, target)

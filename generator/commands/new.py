"""``jinlin new KIND``: write a commented, valid template for a new record.

The file goes where the loader expects it (``activities/2026/11/2026-11-26-<编号>.yml``),
its id is the pinyin of ``--title``, and references point at records that exist (the
first community, or the one named by ``--title`` for a rating sheet), so ``jinlin check``
passes at once. An existing file is never overwritten: the command refuses, names the
file and suggests another ``--title``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from generator.errors import JinlinError
from generator.load.messages import field_path, translate
from generator.load.tree import load_tree
from generator.load.yamlfile import parse_yaml
from generator.model.base import Record
from generator.model.kinds import KINDS, RecordKind
from generator.model.organisation import Community
from generator.model.settings import ScoringRules
from generator.schemas.skeleton import PLACEHOLDER, Note, Skeleton, render_skeleton

ID_LIMIT = 40
CREATABLE: tuple[RecordKind, ...] = tuple(kind for kind in KINDS if not kind.single)
_ALIASES = {"单位": "unit", "心愿": "wish", "评分": "rating", "评分表": "rating", "星级楼栋": "rating"}


class NewUsageError(JinlinError):
    """The command was asked for something it cannot do (unknown kind, bad date)."""

    exit_code = 2


class NewRecordError(JinlinError):
    """The record cannot be written (file exists, nothing to refer to)."""


@dataclass
class Plan:
    """What to write: the path below ``content/`` and how to fill the template."""

    relative: str
    values: dict[str, Any] = field(default_factory=dict)
    hints: dict[str, Any] = field(default_factory=dict)
    remarks: dict[str, str] = field(default_factory=dict)


def run_new(kind_text: str, title: str, date_text: str, content_dir: str) -> None:
    """Write the template of a new ``kind_text`` record below ``content_dir`` and print its path."""
    kind = resolve_kind(kind_text)
    day = parse_day(date_text)
    root = Path(content_dir)
    if not root.is_dir():
        raise NewRecordError(f"找不到内容文件夹：{content_dir}")
    records = load_tree(root, content_dir).records
    plan = plan_record(kind, title.strip(), day, records)
    shown = f"{content_dir.rstrip('/')}/{plan.relative}"
    _refuse_existing(root, kind, plan.relative, shown)
    text = render_skeleton(kind.model, Skeleton(plan.values, plan.hints, plan.remarks), _header(kind))
    _validate(kind, text, shown)
    write_new_file(root / plan.relative, text, shown)
    click.echo(f"已新建{kind.label}：{shown}")
    click.echo(f"请打开文件，把“{PLACEHOLDER}”改成实际内容，然后运行 jinlin check 检查。")


def resolve_kind(text: str) -> RecordKind:
    """The kind named by its English name, Chinese label or folder (``活动``, ``activities``)."""
    wanted = text.strip().lower()
    wanted = _ALIASES.get(wanted, wanted)
    for kind in KINDS:
        if wanted in (kind.name, kind.label, kind.folder) and kind.folder:
            return kind
        if wanted in (kind.name, kind.label):
            raise NewUsageError(f"{kind.label}只有一个文件 {kind.layout}，请直接编辑它。")
    choices = "、".join(f"{kind.name}（{kind.label}）" for kind in CREATABLE)
    raise NewUsageError(f"不认识的记录类别“{text}”。可以新建：{choices}")


def parse_day(text: str) -> dt.date:
    """``--date`` as a date; today in Asia/Shanghai when it is empty."""
    if not text.strip():
        return today_in_china()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError(text)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise NewUsageError(f"日期“{text}”不对，应写成 YYYY-MM-DD，例如 2026-11-26") from None


def today_in_china() -> dt.date:
    """Today's date in China (UTC+8 all year, so a fixed offset is right without tzdata)."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        zone: dt.tzinfo = ZoneInfo("Asia/Shanghai")
    except (ImportError, ZoneInfoNotFoundError):  # Windows without the tzdata package
        zone = dt.timezone(dt.timedelta(hours=8))
    return dt.datetime.now(zone).date()


def slug_from_title(title: str, limit: int = ID_LIMIT) -> str:
    """An ASCII id from a title: pinyin syllables joined by ``-``, cut at a syllable.

    ``邻里汇文艺晚会`` → ``lin-li-hui-wen-yi-wan-hui``; ASCII titles are slugified.
    """
    from pypinyin import lazy_pinyin  # loads a large dictionary: only when needed

    syllables = "-".join(lazy_pinyin(unicodedata.normalize("NFKC", title)))
    ascii_text = unicodedata.normalize("NFKD", syllables).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def plan_record(kind: RecordKind, title: str, day: dt.date,
                records: dict[str, dict[str, Record]]) -> Plan:
    """Where the new record goes and what it is filled with."""
    communities: dict[str, Community] = dict(sorted(records["community"].items()))  # type: ignore[arg-type]
    if kind.name == "rating":
        return _plan_rating(title, day, communities, records["scoring"].get("scoring"))
    slug = _slug_or_fail(kind, title)
    plan = Plan(_path(kind, slug, day), values={"name": title, "title": title})
    plan.values = {k: v for k, v in plan.values.items() if k in kind.model.model_fields}
    plan.hints.update(date=day, month=day.strftime("%Y-%m"), file=f"{day:%Y/%m}/{slug}-1.jpg")
    if kind.name != "community":
        community = _first_community(kind.label, communities)
        plan.hints.update(community=community, communities=[community])
        if kind.name == "meeting":  # optional in the model, but a 议事 needs it
            plan.values["community"] = community
        known = list(communities)
        plan.remarks["community"] = "。现有社区：" + "、".join(known[:12]) + ("等" if known[12:] else "")
    return plan


def _path(kind: RecordKind, slug: str, day: dt.date) -> str:
    if kind.name == "activity":
        return f"activities/{day:%Y/%m}/{day.isoformat()}-{slug}.yml"
    if kind.name == "meeting":
        return f"meetings/{day:%Y}/{day.isoformat()}-{slug}.yml"
    if kind.name == "wish":
        return f"wishes/{day:%Y}/{slug}.yml"
    return f"{kind.folder}/{slug}.yml"


def _slug_or_fail(kind: RecordKind, title: str) -> str:
    example = f"jinlin new {kind.label} --title 名称"
    if not title:
        raise NewUsageError(f"请用 --title 给出{kind.label}的名称或标题，例如：{example}")
    slug = slug_from_title(title)
    if not slug:
        raise NewUsageError(f"无法从“{title}”生成编号（需要汉字、字母或数字），请换一个 --title")
    return slug


def _first_community(label: str, communities: dict[str, Community]) -> str:
    if not communities:
        raise NewRecordError(
            f"还没有任何社区，{label}需要填写所属社区。请先新建社区，例如："
            "jinlin new 社区 --title 载云桥社区"
        )
    return next(iter(communities))


def _plan_rating(title: str, day: dt.date, communities: dict[str, Community],
                 rules: Record | None) -> Plan:
    """A sheet for every building of the community's first 小区 with zero scores."""
    if not isinstance(rules, ScoringRules):
        raise NewRecordError("缺少或无法读取考核细则 scoring.yml，无法生成星级楼栋评分表")
    ident = _community_for_rating(title, communities)
    estates = [e for e in communities[ident].estates if e.buildings]
    if not estates:
        message = f"社区“{ident}”还没有填写小区和楼栋（communities/{ident}.yml），无法生成评分表"
        raise NewRecordError(message)
    month = day.strftime("%Y-%m")
    inspection = {
        "date": day,
        "scores": {c.id: Note(0, f"{c.name}（满分 {c.max_points}）") for c in rules.criteria},
    }
    sheets = [
        {"building": b.id, "inspections": [dict(inspection)] * rules.inspections_required,
         "public_review": {"votes": 0, "satisfied": 0}}
        for b in estates[0].buildings
    ]
    values = {"month": month, "community": ident, "estate": estates[0].id, "buildings": sheets}
    return Plan(f"ratings/{month}/{ident}.yml", values=values, hints={"date": day})


def _community_for_rating(title: str, communities: dict[str, Community]) -> str:
    """``--title`` names the community by id or name; without it, the first community
    that has buildings to rate."""
    if not title:
        graded = {i: c for i, c in communities.items() if any(e.buildings for e in c.estates)}
        return _first_community("星级楼栋评分表", graded or communities)
    for ident, community in communities.items():
        if title in (ident, community.name):
            return ident
    known = "、".join(f"{i}（{c.name}）" for i, c in communities.items()) or "（还没有社区）"
    raise NewUsageError(f"找不到社区“{title}”。评分表的 --title 请填社区编号或名称：{known}")


def _header(kind: RecordKind) -> list[str]:
    doc = (kind.model.__doc__ or kind.label).strip().splitlines()[0]
    return [
        doc,
        "由 jinlin new 生成。把“（待填写）”改成实际内容；以 # 开头的行是说明，可以保留。",
        "填好后运行 jinlin check 检查。",
        "",
    ]


def _refuse_existing(root: Path, kind: RecordKind, relative: str, shown: str) -> None:
    """Refuse when the file, or a record of this kind with the same id, already exists."""
    target = root / relative
    same_id = [] if kind.name == "rating" else sorted((root / kind.folder).rglob(target.name))
    clash = target if target.exists() else (same_id[0] if same_id else None)
    if clash is not None:
        where = shown if clash == target else clash.as_posix()
        hint = "请换一个 --title" if kind.name != "rating" else "请直接编辑这个文件"
        raise NewRecordError(f"文件已存在：{where}，没有覆盖。{hint}。")


def _validate(kind: RecordKind, text: str, shown: str) -> None:
    """The template must load: a title that is too long or too short is reported here."""
    doc, problems = parse_yaml(text, shown)
    if doc is None or problems:
        raise NewRecordError(f"内部错误：生成的模板无法读取（{problems[0].message if problems else ''}）")
    try:
        kind.model.model_validate(doc.data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        message, _ = translate(kind.model, dict(error))
        raise NewUsageError(f"无法新建：{message}（字段 {field_path(error['loc'])}）") from None


def write_new_file(target: Path, text: str, shown: str) -> None:
    """Write ``text`` to ``target`` atomically and never over an existing file.

    The text goes to a hidden temporary file in the same folder (the loader skips dot
    files), which is then hard-linked into place: ``os.link`` fails if the target
    appeared meanwhile. Where hard links are unsupported, an existence check and
    ``os.replace`` are used instead.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".new-", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(0o644)
        _link_into_place(temp, target, shown)
    finally:
        temp.unlink(missing_ok=True)


def _link_into_place(temp: Path, target: Path, shown: str) -> None:
    try:
        os.link(temp, target)
    except FileExistsError:
        raise NewRecordError(f"文件已存在：{shown}，没有覆盖。请换一个 --title。") from None
    except OSError:  # e.g. a file system without hard links
        if target.exists():
            raise NewRecordError(f"文件已存在：{shown}，没有覆盖。请换一个 --title。") from None
        os.replace(temp, target)

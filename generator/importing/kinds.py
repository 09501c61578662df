"""Recipes for the kinds with one record per row: activities, people, units and meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.importing.columns import Column, from_model
from generator.importing.names import Directory
from generator.importing.records import RowRecipe, slug
from generator.importing.rows import EXAMPLE_MARK, ParsedRow
from generator.model.base import Photo, Record
from generator.model.events import Activity, Meeting
from generator.model.organisation import PairedUnit, Person
from generator.model.privacy import _COMPOUND_SURNAMES

EXAMPLE_DAY = dt.date(2026, 11, 3)


def id_column() -> Column:
    note = "文件编号，可不填（默认用标题或名称的拼音）；只能用小写英文字母、数字和“-”"
    return Column(("_id",), "编号", kind="id", note=note, aliases=("id",))


def place_columns(model: type[Record], directory: Directory) -> list[Column]:
    """社区, 小区 and 楼栋 columns, with existing names as examples and drop-down choices."""
    community, estate, building = directory.example_place()
    columns = [
        from_model(model, ("community",), "社区", refers="community", example=community,
                   choices=tuple(directory.community_names())),
        from_model(model, ("estate",), "小区", refers="estate", example=estate,
                   choices=tuple(directory.estate_names())),
    ]
    if "building" in model.model_fields:
        columns.append(from_model(model, ("building",), "楼栋", refers="building", example=building))
    return columns


def photo_columns(model: type[Record]) -> list[Column]:
    note = "照片文件（放在 content/media/ 下的路径），例如 2026/11/loudao-1.jpg"
    return [
        from_model(model, ("photos",), "照片", kind="text", many=True, note=note),
        Column(("_photo_consent",), "照片已获同意", kind="bool",
               note=Photo.model_fields["consent"].description or "", example="是"),
    ]


def with_photos(data: dict[str, Any], row: ParsedRow) -> dict[str, Any]:
    """Photo file names → photo entries carrying the row's consent answer."""
    if "photos" in data:
        consent = row.values.get("_photo_consent")
        data["photos"] = [{"file": f} | ({} if consent is None else {"consent": consent}) for f in data["photos"]]
    return data


def dated_id(day: dt.date, ident: str) -> str:
    return ident if ident.startswith(day.isoformat()) else f"{day.isoformat()}-{ident}"


class ActivityRecipe(RowRecipe):
    """活动登记表：一行一项活动。"""

    kind_name = "activity"

    def make_columns(self) -> list[Column]:
        m, d = Activity, self.directory
        return [
            from_model(m, ("title",), "标题", example=EXAMPLE_MARK + "楼道清理"),
            from_model(m, ("date",), "活动日期", aliases=("日期",), example=EXAMPLE_DAY),
            from_model(m, ("type",), "活动类型", aliases=("类型",), example="环境整治"),
            *place_columns(m, d),
            from_model(m, ("organisers", "branch"), "牵头党组织"),
            from_model(m, ("organisers", "units"), "结对单位", refers="unit"),
            from_model(m, ("organisers", "groups"), "帮帮团", refers="group"),
            from_model(m, ("organisers", "others"), "其他组织"),
            from_model(m, ("participants",), "参与人数", example=20),
            from_model(m, ("beneficiaries",), "受益人数", aliases=("受益群众人数",), example=60),
            from_model(m, ("summary",), "活动内容", aliases=("内容", "摘要"), example="居民们一起清理楼道杂物。"),
            from_model(m, ("people",), "参与人物", refers="person"),
            *photo_columns(m),
            from_model(m, ("meeting",), "议事会议", refers="meeting", note="由哪次议事会议决定：会议名称或编号"),
            from_model(m, ("wish",), "微心愿", refers="wish", note="完成的是哪个微心愿：心愿或编号"),
            from_model(m, ("highlight",), "简报全文刊登", note="在工作简报中全文刊登填“是”，只列标题填“否”"),
            id_column(),
        ]

    def assemble(self, row: ParsedRow) -> dict[str, Any]:
        return with_photos(super().assemble(row), row)

    def target(self, row: ParsedRow, data: dict[str, Any], ident: str) -> str:
        day: dt.date = data["date"]
        return f"activities/{day:%Y/%m}/{dated_id(day, ident)}.yml"


class MeetingRecipe(RowRecipe):
    """会议登记表：一行一次议事会议或联席会议。"""

    kind_name = "meeting"

    def make_columns(self) -> list[Column]:
        m, d = Meeting, self.directory
        return [
            from_model(m, ("title",), "会议名称", aliases=("标题",), example=EXAMPLE_MARK + "十一月议事会"),
            from_model(m, ("kind",), "会议类别", example="议事"),
            from_model(m, ("date",), "会议日期", aliases=("日期",), example=EXAMPLE_DAY),
            from_model(m, ("venue",), "地点", example="红色会客厅"),
            from_model(m, ("theme",), "主题", example="楼道环境提升"),
            *place_columns(m, d),
            from_model(m, ("host",), "主持组织"),
            from_model(m, ("attendees",), "参会人数", example=18),
            from_model(m, ("attendee_groups",), "参会方"),
            from_model(m, ("issues",), "议题", sentences=True, example="楼道杂物多；电动车充电难"),
            from_model(m, ("decisions",), "决定", kind="text", many=True, sentences=True,
                       note="形成的决定，每项一句"),
            from_model(m, ("units",), "参会单位", refers="unit"),
            from_model(m, ("communities",), "参会社区", refers="community"),
            from_model(m, ("summary",), "会议纪要"),
            *photo_columns(m),
            id_column(),
        ]

    def assemble(self, row: ParsedRow) -> dict[str, Any]:
        data = with_photos(super().assemble(row), row)
        if "decisions" in data:
            data["decisions"] = [{"text": text} for text in data["decisions"]]
        return data

    def target(self, row: ParsedRow, data: dict[str, Any], ident: str) -> str:
        day: dt.date = data["date"]
        return f"meetings/{day:%Y}/{dated_id(day, ident)}.yml"


class PersonRecipe(RowRecipe):
    """人物登记表：一行一个人（志愿者、楼栋长、最美党员……）。"""

    kind_name = "person"
    title_key = "name"

    def make_columns(self) -> list[Column]:
        m, d = Person, self.directory
        return [
            from_model(m, ("name",), "姓名", example=EXAMPLE_MARK + "林晓芳"),
            from_model(m, ("gender",), "性别", example="女"),
            from_model(m, ("political_status",), "政治面貌", example="党员"),
            *place_columns(m, d),
            from_model(m, ("organisation",), "工作单位"),
            from_model(m, ("unit",), "报到单位", refers="unit"),
            from_model(m, ("roles",), "身份", example="楼栋长、志愿者"),
            from_model(m, ("service_hours",), "志愿服务时长", aliases=("服务时长",), example=12.5),
            from_model(m, ("honours", 0, "title"), "荣誉称号"),
            from_model(m, ("honours", 0, "month"), "评选月份", kind="month", note="评选月份；填写荣誉称号时必填"),
            from_model(m, ("honours", 0, "citation"), "颁奖词", aliases=("事迹",),
                       note="颁奖词或事迹简介；填写荣誉称号时必填"),
            from_model(m, ("story",), "人物故事"),
            from_model(m, ("photo", "file"), "照片", note="照片文件（content/media/ 下的路径）"),
            from_model(m, ("photo", "consent"), "照片已获同意"),
            from_model(m, ("public",), "网站公开", note="在网站上公开此人填“是”；填“否”则只计入统计数字"),
            from_model(m, ("consent",), "本人同意公开", example="是"),
            from_model(m, ("phone",), "联系电话"),
            from_model(m, ("id_number",), "身份证号"),
            from_model(m, ("address",), "家庭住址"),
            id_column(),
        ]

    def record_id(self, row: ParsedRow) -> str:
        if "_id" in row.values:
            return str(row.values["_id"])
        return person_slug(str(row.values.get("name", ""))) or super().record_id(row)


def person_slug(name: str) -> str:
    """``林晓芳`` → ``lin-xiaofang``, ``欧阳娜娜`` → ``ouyang-nana``: surname, then given name."""
    if name.isascii():
        return slug(name)
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    parts = (slug(surname).replace("-", ""), slug(name[len(surname):]).replace("-", ""))
    return "-".join(p for p in parts if p)


class UnitRecipe(RowRecipe):
    """结对共建单位登记表：一行一个单位。"""

    kind_name = "unit"
    title_key = "name"

    def make_columns(self) -> list[Column]:
        m = PairedUnit
        community = self.directory.example_place()[0]
        return [
            from_model(m, ("name",), "单位名称", aliases=("名称",), example=EXAMPLE_MARK + "邵武市财政局"),
            from_model(m, ("kind",), "单位类型", example="机关"),
            from_model(m, ("party_organisation",), "单位党组织"),
            from_model(m, ("communities",), "结对社区", refers="community", example=community),
            from_model(m, ("members_reported",), "报到党员人数", example=12),
            from_model(m, ("contact_person",), "联络人"),
            from_model(m, ("contact_phone",), "联络电话"),
            id_column(),
        ]

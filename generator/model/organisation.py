"""Standing records: communities (the five-level grid), paired units, help groups, people."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from generator.model.base import Date, Markdown, Month, NonNegInt, Part, Photo, Record, RecordId

Contact = str


class Building(Part):
    """楼栋：楼栋党小组、党员中心户、楼栋长（五级网格的后三级）。"""

    id: RecordId
    name: str = Field(description="楼栋名称，例如 3号楼", min_length=1, max_length=30)
    party_group: str = Field("", description="楼栋党小组名称；没有成立则留空", max_length=40)
    center_households: NonNegInt = Field(0, description="党员中心户数量")
    leader: RecordId | None = Field(None, description="楼栋长（人物编号，见 people/）")
    households: NonNegInt = Field(0, description="户数")


class Estate(Part):
    """小区（片区）：小区党支部、物业、户数与楼栋。"""

    id: RecordId
    name: str = Field(description="小区名称，例如 天润小区", min_length=1, max_length=30)
    branch: str = Field("", description="小区（片区）党支部名称；没有成立则留空", max_length=40)
    households: NonNegInt = Field(0, description="户数")
    residents: NonNegInt = Field(0, description="常住人口")
    property_company: str = Field("", description="物业公司", max_length=40)
    property_branch: str = Field("", description="物业公司党支部", max_length=40)
    buildings: list[Building] = Field(default_factory=list, description="楼栋")


class Community(Record):
    """社区（communities/<编号>.yml）：社区党委及其下的小区、楼栋，即五级网格。"""

    kind_label: ClassVar[str] = "社区"

    name: str = Field(description="社区名称，例如 载云桥社区", min_length=1, max_length=30)
    street: str = Field(description="所属街道，例如 通泰街道", min_length=1, max_length=30)
    party_committee: str = Field(description="社区党委名称", min_length=1, max_length=40)
    secretary: str = Field("", description="社区党委书记姓名（公开）", max_length=20)
    households: NonNegInt = Field(0, description="户数")
    residents: NonNegInt = Field(0, description="常住人口")
    honours: list[str] = Field(default_factory=list, description="社区所获荣誉")
    introduction: Markdown = Field("", description="社区简介（Markdown）")
    estates: list[Estate] = Field(default_factory=list, description="小区（片区）")


ItemStatus = Literal["待对接", "对接中", "已完成"]


class ListItem(Part):
    """需求清单或服务清单中的一项。"""

    title: str = Field(description="内容，例如 老旧小区楼道照明维修", min_length=1, max_length=80)
    community: RecordId = Field(description="对应社区（社区编号）")
    status: ItemStatus = Field("待对接", description="状态：待对接、对接中、已完成")
    date: Date = Field(description="提出日期，YYYY-MM-DD")
    done_date: Date | None = Field(None, description="完成日期，YYYY-MM-DD")


class PairedUnit(Record):
    """结对共建单位（units/<编号>.yml）：机关企事业单位与社区结对，双向需求/服务清单。"""

    kind_label: ClassVar[str] = "结对单位"

    name: str = Field(description="单位名称，例如 邵武市财政局", min_length=1, max_length=40)
    kind: Literal["机关", "企业", "事业单位", "社会组织", "其他"] = Field(description="单位类型")
    party_organisation: str = Field("", description="单位党组织名称", max_length=40)
    communities: list[RecordId] = Field(description="结对社区（社区编号）", min_length=1)
    members_reported: NonNegInt = Field(0, description="到社区报到的在职党员人数")
    contact_person: str = Field("", description="联络人（不公开）", max_length=20)
    contact_phone: Contact = Field("", description="联络电话（不公开）", max_length=30)
    needs: list[ListItem] = Field(default_factory=list, description="需求清单：社区提出、单位认领")
    services: list[ListItem] = Field(default_factory=list, description="服务清单：单位提供")


class HelpGroup(Record):
    """帮帮团（groups/<编号>.yml）：暖心便民、同心济困、热心乐民、爱心调解。"""

    kind_label: ClassVar[str] = "帮帮团"

    name: str = Field(description="名称，例如 暖心便民帮帮团", min_length=1, max_length=30)
    focus: Literal["暖心便民", "同心济困", "热心乐民", "爱心调解"] = Field(description="服务方向")
    community: RecordId = Field(description="所属社区（社区编号）")
    estate: RecordId | None = Field(None, description="所属小区（小区编号）")
    mission: str = Field(description="宗旨与服务内容", min_length=1, max_length=500)
    leader: RecordId | None = Field(None, description="团长（人物编号）")
    members: list[RecordId] = Field(default_factory=list, description="成员（人物编号）")
    founded: Date | None = Field(None, description="成立日期，YYYY-MM-DD")


Role = Literal[
    "楼栋长", "网格长", "党员中心户", "帮帮团成员", "在职党员报到", "志愿者",
    "业委会主任", "业委会成员", "社区工作者", "小区党支部书记", "楼栋党小组长", "物业工作人员",
]
HonourTitle = Literal["最美党员", "最美群众", "最美志愿者", "优秀楼栋长", "金牌调解员"]


class Honour(Part):
    """一项荣誉：称号、月份、事迹。"""

    title: HonourTitle = Field(description="荣誉称号：最美党员、最美群众等")
    month: Month = Field(description="评选月份，YYYY-MM")
    citation: str = Field(description="颁奖词或事迹简介", min_length=1, max_length=400)


class Person(Record):
    """人物（people/<编号>.yml）：志愿者、楼栋长、最美党员/最美群众等。"""

    kind_label: ClassVar[str] = "人物"

    name: str = Field(description="姓名", min_length=1, max_length=20)
    gender: Literal["男", "女"] | None = Field(None, description="性别：男 或 女")
    political_status: Literal["党员", "群众"] = Field(description="政治面貌：党员 或 群众")
    community: RecordId = Field(description="所在社区（社区编号）")
    estate: RecordId | None = Field(None, description="所在小区（小区编号）")
    building: RecordId | None = Field(None, description="所在楼栋（楼栋编号）")
    organisation: str = Field("", description="工作单位或所属组织", max_length=40)
    unit: RecordId | None = Field(None, description="报到的结对单位（单位编号，在职党员填写）")
    roles: list[Role] = Field(default_factory=list, description="身份：楼栋长、网格长、帮帮团成员等")
    honours: list[Honour] = Field(default_factory=list, description="所获荣誉")
    service_hours: float = Field(0, ge=0, le=100_000, description="志愿服务时长（小时）")
    story: Markdown = Field("", description="人物故事（Markdown）")
    photo: Photo | None = Field(None, description="照片")
    public: bool = Field(True, description="是否在网站上公开此人（false 则只计入统计数字）")
    consent: bool = Field(
        False, description="本人已书面同意在网站上公开照片和个人故事（是填 true）；不同意时只显示姓名和荣誉"
    )
    phone: Contact = Field("", description="联系电话（不公开）", max_length=30)
    id_number: str = Field("", description="身份证号（不公开）", max_length=30)
    address: str = Field("", description="家庭住址（不公开）", max_length=100)

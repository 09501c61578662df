"""Dated records: activities, meetings (议事/联席会议), micro-wishes and star-rating sheets."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, SerializerFunctionWrapHandler, field_serializer

from generator.model.base import Date, Markdown, Month, NonNegInt, Part, Photo, Record, RecordId, StoredList

ActivityType = Literal[
    "志愿服务", "走访慰问", "环境整治", "文体活动", "议事协商", "便民服务",
    "矛盾调解", "宣传教育", "人口普查", "结对共建", "关爱帮扶", "评星评优",
]


class Organisers(Part):
    """组织方：牵头党组织、结对单位、帮帮团。"""

    branch: str = Field("", description="牵头党组织，例如 恒江豪园小区党支部", max_length=40)
    units: list[RecordId] = Field(default_factory=list, description="参与的结对单位（单位编号）")
    groups: list[RecordId] = Field(default_factory=list, description="参与的帮帮团（帮帮团编号）")
    others: list[str] = Field(default_factory=list, description="其他组织，例如 业委会、物业公司")


class Activity(Record):
    """活动（activities/<年>/<月>/<日期>-<编号>.yml）：社区里发生的一件事。"""

    kind_label: ClassVar[str] = "活动"

    title: str = Field(description="标题", min_length=2, max_length=60)
    date: Date = Field(description="活动日期，写成 YYYY-MM-DD，例如 2026-11-03")
    type: ActivityType = Field(description="活动类型")
    community: RecordId = Field(description="社区（社区编号）")
    estate: RecordId | None = Field(None, description="小区（小区编号）")
    building: RecordId | None = Field(None, description="楼栋（楼栋编号）")
    organisers: Organisers = Field(default_factory=Organisers, description="组织方")
    participants: NonNegInt = Field(0, description="参与人数")
    beneficiaries: NonNegInt = Field(0, description="受益群众人数")
    summary: Markdown = Field(description="活动内容（Markdown）", min_length=1)
    photos: list[Photo] = Field(default_factory=list, description="照片")
    meeting: RecordId | None = Field(None, description="由哪次议事会议决定（会议编号）")
    wish: RecordId | None = Field(None, description="完成的是哪个微心愿（心愿编号）")
    people: list[RecordId] = Field(default_factory=list, description="参与的人物（人物编号）")
    highlight: bool = Field(False, description="在工作简报中全文刊登（true）或只列标题（false）")


class Decision(Part):
    """议事会议形成的一项决定。"""

    text: str = Field(description="决定内容", min_length=1, max_length=300)
    owner: str = Field("", description="负责落实的组织或人", max_length=40)


class Problem(Part):
    """联席会议上提出的一个问题及其解决情况。"""

    text: str = Field(description="问题", min_length=1, max_length=300)
    community: RecordId | None = Field(None, description="问题所在社区（社区编号）")
    unit: RecordId | None = Field(None, description="负责解决的单位（单位编号）")
    status: Literal["已解决", "推进中", "未解决"] = Field("推进中", description="状态")
    solved_date: Date | None = Field(None, description="解决日期，YYYY-MM-DD")


class Meeting(Record):
    """会议（meetings/<年>/<日期>-<编号>.yml）：红色会客厅/邻里议事厅议事，或党建联席会议。"""

    kind_label: ClassVar[str] = "会议"

    kind: Literal["议事", "联席会议"] = Field(description="会议类别：议事 或 联席会议")
    title: str = Field(description="会议名称", min_length=2, max_length=60)
    date: Date = Field(description="会议日期，YYYY-MM-DD")
    venue: Literal["红色会客厅", "邻里议事厅", "社区会议室", "其他"] = Field(
        "红色会客厅", description="地点"
    )
    theme: str = Field("", description="一月一主题：本月议题", max_length=60)
    community: RecordId | None = Field(None, description="社区（社区编号；议事必填）")
    estate: RecordId | None = Field(None, description="小区（小区编号）")
    host: str = Field("", description="主持组织，例如 恒江豪园小区党支部", max_length=40)
    attendees: NonNegInt = Field(0, description="参会人数")
    attendee_groups: list[str] = Field(
        default_factory=list, description="参会方，例如 业委会、物业公司、居民代表"
    )
    issues: list[str] = Field(default_factory=list, description="议题：居民提出的问题")
    decisions: list[Decision] = Field(default_factory=list, description="形成的决定")
    units: list[RecordId] = Field(default_factory=list, description="联席会议：参会单位（单位编号）")
    communities: list[RecordId] = Field(
        default_factory=list, description="联席会议：参会社区（社区编号）"
    )
    problems: list[Problem] = Field(default_factory=list, description="联席会议：问题及解决情况")
    summary: Markdown = Field("", description="会议纪要（Markdown）")
    photos: list[Photo] = Field(default_factory=list, description="照片")


WishStatus = Literal["征集", "核实", "发布", "认领", "完成"]
WISH_STATUS_ORDER: tuple[str, ...] = ("征集", "核实", "发布", "认领", "完成")
Hardship = Literal["低保", "残疾", "疾病", "独居", "空巢", "高龄", "困境儿童", "其他"]


class Wisher(Part):
    """心愿人。除姓氏外全部不公开。"""

    name: str = Field(description="姓名（网站上只显示遮挡后的姓名）", min_length=1, max_length=20)
    gender: Literal["男", "女"] | None = Field(None, description="性别（用于“陈女士”式称呼）")
    phone: str = Field("", description="联系电话（不公开）", max_length=30)
    address: str = Field("", description="住址（不公开）", max_length=100)
    hardship: list[Hardship] = Field(default_factory=list, description="困难类别（不公开）")
    age: NonNegInt | None = Field(None, description="年龄（不公开）")


class WishStep(Part):
    """心愿状态的一次变化。"""

    status: WishStatus = Field(description="状态：征集、核实、发布、认领、完成")
    date: Date = Field(description="日期，YYYY-MM-DD")
    by_person: RecordId | None = Field(None, description="认领/完成人（人物编号）")
    by_unit: RecordId | None = Field(None, description="认领单位（单位编号）")
    by_group: RecordId | None = Field(None, description="认领帮帮团（帮帮团编号）")
    by_name: str = Field("", description="认领人（没有人物记录时填写，公开）", max_length=40)
    note: str = Field("", description="备注", max_length=200)


class MicroWish(Record):
    """微心愿（wishes/<年>/<编号>.yml）：心愿墙上的一张卡片，从征集到完成。"""

    kind_label: ClassVar[str] = "微心愿"

    title: str = Field(description="心愿（简短），例如 想要一台收音机", min_length=2, max_length=40)
    text: str = Field("", description="心愿详细内容（公开，不要写联系方式）", max_length=500)
    category: Literal["生活物资", "助学", "维修", "陪伴", "就医", "出行", "文化", "其他"] = Field(
        description="类别"
    )
    wisher: Wisher = Field(description="心愿人")
    community: RecordId = Field(description="社区（社区编号）")
    estate: RecordId | None = Field(None, description="小区（小区编号）")
    building: RecordId | None = Field(None, description="楼栋（楼栋编号）")
    timeline: list[WishStep] = Field(description="状态变化，从“征集”开始按时间顺序", min_length=1)
    story: Markdown = Field("", description="微故事：完成后的后续（Markdown）")
    photos: list[Photo] = Field(default_factory=list, description="照片")

    @property
    def status(self) -> str:
        return self.timeline[-1].status


class Deduction(Part):
    """一次扣分：原因与分值。"""

    reason: str = Field(description="扣分原因", min_length=1, max_length=100)
    points: float = Field(description="扣分", gt=0, le=100)
    criterion: RecordId | None = Field(None, description="对应指标（指标编号）")


class Inspection(Part):
    """评委团的一次实地抽查。"""

    date: Date = Field(description="抽查日期，YYYY-MM-DD")
    panel: list[str] = Field(
        default_factory=list, description="评委身份，例如 社区工作人员、业委会主任、物业工作人员"
    )
    scores: dict[RecordId, float] = Field(description="各项指标得分：指标编号: 分数")
    deductions: list[Deduction] = Field(default_factory=list, description="扣分")
    veto: RecordId | None = Field(None, description="一票否决事项（否决事项编号）")
    note: str = Field("", description="备注", max_length=200)


class PublicReview(Part):
    """大众评审：居民投票。"""

    votes: NonNegInt = Field(description="有效票数")
    satisfied: NonNegInt = Field(description="满意票数")


class BuildingSheet(Part):
    """一个楼栋当月的评分表。"""

    building: RecordId = Field(description="楼栋编号")
    estate: RecordId | None = Field(None, description="小区编号（不填则用整张表的小区）")
    inspections: list[Inspection] = Field(default_factory=list, description="评委团抽查记录")
    public_review: PublicReview | None = Field(None, description="大众评审")


class RatingSheet(Record):
    """星级楼栋月评分表（ratings/<YYYY-MM>/<社区编号>.yml）。总分和星级由系统计算，不要手填。"""

    kind_label: ClassVar[str] = "星级楼栋评分"
    stored_apart: ClassVar[frozenset[str]] = frozenset({"buildings"})

    month: Month = Field(description="月份，YYYY-MM")
    community: RecordId = Field(description="社区（社区编号）")
    estate: RecordId | None = Field(None, description="小区（小区编号）；各楼栋也可单独填写")
    buildings: list[BuildingSheet] = Field(description="各楼栋评分", min_length=1)

    @field_serializer("buildings", mode="wrap")
    def _whole(self, value: Any, handler: SerializerFunctionWrapHandler) -> Any:
        """Dumped as the list it is, also when the store kept it apart."""
        return handler(list(value) if isinstance(value, StoredList) else value)

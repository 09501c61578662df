"""Site-wide settings records: ``site.yml``, ``scoring.yml`` and ``figures.yml``."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, HttpUrl, model_validator

from generator.model.base import Date, Month, Part, Record, RecordId


class FontSettings(Part):
    """打印用字体（fontconfig 字体族名称）。"""

    serif: str = Field("Noto Serif CJK SC", description="正文宋体（替代仿宋）")
    title: str = Field("Noto Serif CJK SC", description="标题字体（替代小标宋，使用最粗字重）")
    sans: str = Field("Noto Sans CJK SC", description="黑体")
    kai: str = Field("LXGW WenKai", description="楷体")


class Distribution(Part):
    """简报版记中的分送范围。"""

    report_to: list[str] = Field(default_factory=list, description="报：上级机关，例如 南平市委组织部")
    send_to: list[str] = Field(default_factory=list, description="送：同级领导和部门")
    issue_to: list[str] = Field(default_factory=list, description="发：下发的街道、社区和单位")


class BulletinSettings(Part):
    """工作简报的报头与版记设置。"""

    title: str = Field(description="报头标题，例如 近邻党建工作简报", min_length=1, max_length=30)
    issuer: str = Field(description="印发机关，例如 中共邵武市委组织部办公室", min_length=1, max_length=40)
    distribution: Distribution = Field(default_factory=Distribution, description="报、送、发")
    copies: int = Field(description="共印份数", ge=1, le=100_000)
    first_total_issue: int = Field(
        1, ge=1, description="总期号从几开始（系统上线前已出的期数 + 1）"
    )
    first_month: Month | None = Field(
        None, description="第一期对应的月份；不填则从有内容的最早月份开始"
    )


class SiteSettings(Record):
    """站点设置（site.yml）：名称、城市、编印单位、备案号、简报设置。"""

    kind_label: ClassVar[str] = "站点设置"

    name: str = Field(description="站点名称，例如 邵武近邻党建", min_length=1, max_length=40)
    city: str = Field(description="城市，例如 邵武市", min_length=1, max_length=20)
    publisher: str = Field(description="编印单位，例如 中共邵武市委组织部", min_length=1, max_length=40)
    description: str = Field("", description="一句话介绍，用于搜索引擎和微信分享", max_length=200)
    base_url: HttpUrl | None = Field(None, description="网站正式地址，例如 https://jinlin.example.cn/")
    icp: str = Field("", description="ICP 备案号，例如 闽ICP备12345678号-1", max_length=60)
    police_record: str = Field(
        "", description="公安联网备案号，例如 闽公网安备 35078102000123号", max_length=60
    )
    bulletin: BulletinSettings = Field(description="工作简报设置")
    fonts: FontSettings = Field(default_factory=FontSettings, description="打印字体")
    wisher_name_style: Literal["stars", "title"] = Field(
        "stars", description="心愿人姓名的遮挡方式：stars 写成“陈**”，title 写成“陈女士/陈先生”"
    )


class Criterion(Part):
    """星级楼栋的一项考核指标。"""

    id: RecordId
    name: str = Field(description="指标名称，例如 楼道卫生保洁", min_length=1, max_length=30)
    max_points: int = Field(description="满分", ge=1, le=100)
    description: str = Field("", description="评分说明", max_length=500)


class VetoItem(Part):
    """一票否决事项：出现即当月不得星。"""

    id: RecordId
    name: str = Field(description="否决事项名称，例如 发生高空抛物伤人事件", min_length=1)
    description: str = Field("", description="说明", max_length=500)


class StarThreshold(Part):
    """得分达到 min_score 即获 stars 颗星。"""

    stars: int = Field(description="星数", ge=1, le=5)
    min_score: float = Field(description="最低得分", ge=0, le=100)


class ScoringRules(Record):
    """星级楼栋考核细则（scoring.yml）。"""

    kind_label: ClassVar[str] = "考核细则"

    title: str = Field("星级楼栋考核细则", description="细则名称")
    criteria: list[Criterion] = Field(description="考核指标", min_length=1)
    vetoes: list[VetoItem] = Field(default_factory=list, description="一票否决事项")
    inspections_required: int = Field(3, ge=1, le=10, description="每月实地抽查次数（评委团）")
    panel_weight: float = Field(0.8, ge=0, le=1, description="评委团平均分所占权重")
    public_weight: float = Field(0.2, ge=0, le=1, description="大众评审得分所占权重")
    thresholds: list[StarThreshold] = Field(description="得分与星级对应关系", min_length=1)
    panel_roles: list[str] = Field(
        default_factory=lambda: ["社区工作人员", "业委会主任", "物业工作人员"],
        description="评委团成员身份",
    )

    @model_validator(mode="after")
    def _weights_add_up(self) -> ScoringRules:
        if abs(self.panel_weight + self.public_weight - 1) > 1e-9:
            raise ValueError("评委团权重与大众评审权重之和必须等于 1")
        return self

    @property
    def max_total(self) -> int:
        return sum(c.max_points for c in self.criteria)


class DeclaredFigure(Part):
    """一项无法逐条记录、由有关部门统一公布的数字。"""

    id: RecordId
    label: str = Field(description="名称，例如 在职党员到社区报到", min_length=1, max_length=40)
    value: float = Field(description="数值", ge=0)
    unit: str = Field("", description="单位，例如 名、个、次", max_length=6)
    source: str = Field(description="来源，例如 邵武市委组织部", min_length=1)
    as_of: Date = Field(description="截至日期，YYYY-MM-DD")
    note: str = Field("", description="说明", max_length=200)


class DeclaredFigures(Record):
    """公布数字（figures.yml）：全市层面没有逐条记录的数字，注明来源和日期。"""

    kind_label: ClassVar[str] = "公布数字"

    figures: list[DeclaredFigure] = Field(default_factory=list, description="数字列表")

"""星级楼栋 arithmetic: monthly scores and stars computed from ``scoring.yml``.

Monthly score (0–100) = panel weight × (average inspection total as a percentage of the
full marks) + public weight × (satisfied votes as a percentage of all votes). Any veto in
the month means no stars. Stars are the highest threshold the score reaches. Totals are
never typed in by staff; they are computed here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from generator.errors import Problem, Severity
from generator.load.messages import did_you_mean
from generator.model.base import month_of
from generator.model.content import Content
from generator.model.events import BuildingSheet, Inspection, RatingSheet
from generator.model.settings import Criterion, ScoringRules

if TYPE_CHECKING:
    from generator.model.references import Resolver


@lru_cache(maxsize=1 << 16)  # scores repeat: a city year rounds ~200,000 values, few distinct
def _round(value: float, places: str = "0.1") -> float:
    return float(Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class BuildingScore:
    """One building's computed result for one month."""

    month: str
    community: str
    estate: str
    building: str
    inspections: int
    panel_average: float | None
    """Average inspection total, in points out of the criteria's full marks."""
    public_score: float | None
    """Satisfied votes as a percentage, or ``None`` without a public review."""
    score: float
    stars: int
    vetoed: bool
    veto_names: tuple[str, ...]
    criteria: tuple[tuple[str, float, int], ...]
    """(criterion name, average points, max points) in the order of ``scoring.yml``."""

    @property
    def key(self) -> str:
        return f"{self.community}/{self.estate}/{self.building}"


def inspection_total(rules: ScoringRules, inspection: Inspection) -> float:
    """Points of one inspection: criteria scores minus deductions, within 0..full marks."""
    return _inspection_total(rules.criteria, float(rules.max_total), inspection)


def _inspection_total(criteria: list[Criterion], full: float, inspection: Inspection) -> float:
    return _total(tuple(inspection.scores.get(c.id, 0) for c in criteria), inspection, full)


def _total(row: tuple[float, ...], inspection: Inspection, full: float) -> float:
    """An inspection's points from its ``row`` of criteria scores (in the criteria's order)."""
    return min(max(sum(row) - sum([d.points for d in inspection.deductions]), 0.0), full)


def _stars(thresholds: Iterable[tuple[float, int]], score: float) -> int:
    """The most stars of the (least score, stars) ``thresholds`` that ``score`` reaches (0 if none)."""
    return max([stars for least, stars in thresholds if score >= least], default=0)


class _Rules(NamedTuple):
    """What scoring reads from ``scoring.yml``, read once for many buildings (pydantic
    attribute reads and ``max_total`` were a third of scoring a city month)."""

    criteria: tuple[tuple[str, str, int], ...]
    """(id, name, max points) in the order of ``scoring.yml``."""
    full: int
    panel_weight: float
    public_weight: float
    thresholds: tuple[tuple[float, int], ...]
    vetoes: dict[str, str]
    pick: Callable[[dict[str, float]], tuple[float, ...]]
    """An inspection's scores in the order of the criteria (``KeyError`` if one is missing)."""

    @classmethod
    def of(cls, rules: ScoringRules) -> _Rules:
        return cls(
            tuple((c.id, c.name, c.max_points) for c in rules.criteria), rules.max_total,
            rules.panel_weight, rules.public_weight,
            tuple((t.min_score, t.stars) for t in rules.thresholds), {v.id: v.name for v in rules.vetoes},
            _picker(tuple(c.id for c in rules.criteria)),
        )


def _picker(ids: tuple[str, ...]) -> Callable[[dict[str, float]], tuple[float, ...]]:
    if len(ids) == 1:  # itemgetter of one key gives the value, not a tuple
        return lambda scores: (scores[ids[0]],)
    return itemgetter(*ids)


def score_building(rules: ScoringRules, sheet: RatingSheet, entry: BuildingSheet) -> BuildingScore:
    """Compute the month's score and stars for one building sheet."""
    return _score(_Rules.of(rules), sheet, entry)


def _score(rules: _Rules, sheet: RatingSheet, entry: BuildingSheet) -> BuildingScore:
    full = rules.full
    inspections = entry.inspections
    try:
        rows = [rules.pick(i.scores) for i in inspections]
    except KeyError:  # a criterion not scored (a warned-about sheet) counts 0
        rows = [tuple(i.scores.get(cid, 0) for cid, _, _ in rules.criteria) for i in inspections]
    totals = [_total(row, i, float(full)) for i, row in zip(inspections, rows, strict=True)]
    panel = sum(totals) / len(totals) if totals else None
    public = None
    review = entry.public_review
    if review and review.votes:
        public = review.satisfied / review.votes * 100
    panel_pct = (panel or 0) / full * 100
    score = _round(rules.panel_weight * panel_pct + rules.public_weight * (public or 0))
    vetoed: tuple[str, ...] = ()
    if any(i.veto for i in inspections):
        vetoed = tuple(rules.vetoes.get(i.veto, i.veto) for i in inspections if i.veto)
    stars = 0 if vetoed else _stars(rules.thresholds, score)
    columns = zip(*rows, strict=True) if rows else ((),) * len(rules.criteria)
    criteria = tuple(
        (name, _round(sum(values) / len(values)) if values else 0.0, most)
        for (_, name, most), values in zip(rules.criteria, columns, strict=True)
    )
    return BuildingScore(
        month=sheet.month, community=sheet.community, estate=entry.estate or sheet.estate or "",
        building=entry.building, inspections=len(totals),
        panel_average=_round(panel) if panel is not None else None,
        public_score=_round(public) if public is not None else None,
        score=score, stars=stars, vetoed=bool(vetoed), veto_names=vetoed, criteria=criteria,
    )


def stars_for(rules: ScoringRules, score: float) -> int:
    """The most stars whose threshold ``score`` reaches (0 if none)."""
    return _stars(((t.min_score, t.stars) for t in rules.thresholds), score)


def month_scores(content: Content, month: str) -> list[BuildingScore]:
    """Every building scored in ``month``, best first (ties by name)."""
    rules = _Rules.of(content.scoring)
    scores = [_score(rules, sheet, entry) for sheet in content.ratings_in(month) for entry in sheet.buildings]
    return sorted(scores, key=lambda s: (-s.stars, -s.score, s.key))


def check_sheet(r: Resolver, sheet: RatingSheet) -> Iterator[Problem]:
    """Problems in one rating sheet: places, criteria, dates, counts, votes."""
    from generator.model.references import _at

    parts = sheet._source.path.split("/")
    if parts[-2] != sheet.month:
        yield _at(sheet, ("month",), f"月份 {sheet.month} 与文件夹 {parts[-2]}/ 不一致", sheet.month)
    if sheet.id != sheet.community:
        yield _at(sheet, ("community",), f"文件名应为社区编号：{sheet.community}.yml", sheet.community)
    seen: set[tuple[str | None, str]] = set()
    for i, entry in enumerate(sheet.buildings):
        base = ("buildings", i)
        estate = entry.estate or sheet.estate
        if estate is None:
            yield _at(sheet, (*base, "building"), "请填写小区 estate（整张表或这个楼栋）")
        else:
            loc_base = base if entry.estate else ()
            yield from r.place(sheet, sheet.community, estate, None, loc_base)
            yield from r.place(sheet, sheet.community, estate, entry.building, base)
        if (estate, entry.building) in seen:
            yield _at(sheet, (*base, "building"), f"楼栋“{entry.building}”在本表中出现了两次", entry.building)
        seen.add((estate, entry.building))
        yield from _check_entry(r, sheet, entry, base)


def _check_entry(r: Resolver, sheet: RatingSheet, entry: BuildingSheet, base: tuple) -> Iterator[Problem]:
    from generator.model.references import _at

    rules = r.content.scoring
    required = rules.inspections_required
    if len(entry.inspections) < required:
        message = f"楼栋“{entry.building}”本月只有 {len(entry.inspections)} 次抽查，细则要求 {required} 次"
        yield _at(sheet, (*base, "inspections"), message, severity=Severity.WARNING)
    limits = {c.id: c.max_points for c in rules.criteria}
    vetoes = {v.id for v in rules.vetoes}
    for j, inspection in enumerate(entry.inspections):
        # most sheets are right: a quick test spares the detailed walk (72,000 a city year)
        if not _looks_right(inspection, sheet.month, limits, vetoes):
            yield from _check_inspection(sheet, rules, inspection, (*base, "inspections", j))
    review = entry.public_review
    if review is None:
        message = f"楼栋“{entry.building}”没有大众评审，大众评审部分按 0 分计"
        yield _at(sheet, (*base, "building"), message, severity=Severity.WARNING)
    elif review.satisfied > review.votes:
        yield _at(sheet, (*base, "public_review", "satisfied"), "满意票数不能多于有效票数", review.satisfied)


def _looks_right(inspection: Inspection, month: str, limits: dict[str, int], vetoes: set[str]) -> bool:
    scores = inspection.scores
    return (
        month_of(inspection.date) == month
        and scores.keys() == limits.keys()
        and all(0 <= points <= limits[cid] for cid, points in scores.items())
        and (inspection.veto is None or inspection.veto in vetoes)
        and all(d.criterion is None or d.criterion in limits for d in inspection.deductions)
    )


def _check_inspection(sheet: RatingSheet, rules: ScoringRules, inspection: Inspection,
                      base: tuple) -> Iterator[Problem]:
    from generator.model.references import _at

    if inspection.date.strftime("%Y-%m") != sheet.month:
        yield _at(sheet, (*base, "date"), f"抽查日期不在 {sheet.month} 月内", inspection.date.isoformat())
    criteria = {c.id: c for c in rules.criteria}
    for cid, points in inspection.scores.items():
        if cid not in criteria:
            hint = did_you_mean(cid, list(criteria))
            yield _at(sheet, (*base, "scores", cid), f"考核细则中没有指标“{cid}”{hint}", cid)
        elif not 0 <= points <= criteria[cid].max_points:
            message = f"“{criteria[cid].name}”得分应在 0 到 {criteria[cid].max_points} 之间"
            yield _at(sheet, (*base, "scores", cid), message, points)
    missing = [c.name for c in rules.criteria if c.id not in inspection.scores]
    if missing:
        yield _at(sheet, (*base, "scores"), "缺少指标得分：" + "、".join(missing))
    vetoes = [v.id for v in rules.vetoes]
    if inspection.veto is not None and inspection.veto not in vetoes:
        hint = did_you_mean(inspection.veto, vetoes)
        yield _at(sheet, (*base, "veto"), f"考核细则中没有否决事项“{inspection.veto}”{hint}", inspection.veto)
    for k, deduction in enumerate(inspection.deductions):
        if deduction.criterion is not None and deduction.criterion not in criteria:
            hint = did_you_mean(deduction.criterion, list(criteria))
            yield _at(sheet, (*base, "deductions", k, "criterion"),
                      f"考核细则中没有指标“{deduction.criterion}”{hint}", deduction.criterion)

"""``jinlin review YYYY-MM``: what a month will publish, and what still looks incomplete.

Staff run it before a bulletin goes out. It lists, per section, the month's activities,
meetings, wishes that moved, honours and star ratings, then every gap worth a look with
its file and line: buildings short of inspections, wishes claimed (认领) more than 30
days ago and not completed, activities without photos or with a thin summary, and people
honoured that month without consent for their photo and story. It never fails (exit 0)
unless the content cannot be read at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

import click

from generator.errors import ContentError
from generator.model.base import Record
from generator.model.content import Content
from generator.model.events import MicroWish, RatingSheet
from generator.model.organisation import Person
from generator.model.ratings import BuildingScore, month_scores

CLAIM_DAYS = 30
SHORT_SUMMARY = 20
"""Fewer characters than this make a thin entry in the bulletin."""


@dataclass
class Section:
    """One heading of the preview and its lines."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class MonthReview:
    """The month's preview: what will be published and what looks incomplete."""

    month: str
    sections: list[Section] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


def run_review(month: str, content_dir: str) -> None:
    """Print the review of ``month`` for ``content_dir`` (Chinese, exit 0)."""
    from generator.commands.new import today_in_china
    from generator.project import load_content

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month.strip()):
        raise click.UsageError(f"月份“{month}”格式不对，应写成 YYYY-MM，例如 jinlin review 2026-10")
    content, problems = load_content(content_dir, content_dir)
    if content is None:
        raise ContentError(problems)
    review = review_month(content, month.strip(), today_in_china())
    errors = sum(p.is_error for p in problems)
    if errors:
        click.echo(f"注意：内容有 {errors} 处错误，发布前请先运行 jinlin check 逐一修改。")
    click.echo(format_review(review))


def format_review(review: MonthReview) -> str:
    """The text staff read: sections with counts, then the gaps with file:line."""
    lines = [f"{_month_label(review.month)}将发布的内容", ""]
    for section in review.sections:
        lines.append(section.title)
        lines.extend(f"  {line}" for line in section.lines)
    lines.append("")
    if review.gaps:
        lines.append(f"看起来不完整的地方（{len(review.gaps)} 处）")
        lines.extend(f"  {gap}" for gap in review.gaps)
    else:
        lines.append("没有发现不完整的地方。")
    return "\n".join(lines)


def review_month(content: Content, month: str, today: dt.date) -> MonthReview:
    """Everything :func:`run_review` prints, as data (``today`` bounds the 30-day rule)."""
    year, number = (int(part) for part in month.split("-"))
    end = dt.date(year, number, calendar.monthrange(year, number)[1])
    review = MonthReview(month)
    review.sections = [
        _activities(content, month), _meetings(content, month), _wishes(content, month),
        _honours(content, month), _ratings(content, month),
    ]
    review.gaps = [
        *_short_inspections(content, month), *_late_claims(content, min(end, today)),
        *_thin_activities(content, month), *_honours_without_consent(content, month),
    ]
    return review


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{year}年{int(number)}月"


def _at(record: Record, loc: tuple[str | int, ...] = ()) -> str:
    """``content/…/file.yml:12`` for a record (and a field in it)."""
    source = record._source
    return f"{source.path}:{source.mark(loc).line}" if source is not None else record.id


# -- what will be published ----------------------------------------------------

def _activities(content: Content, month: str) -> Section:
    found = content.activities_in(month)
    lines = [f"{a.date:%m-%d} {a.title}" + ("（简报全文刊登）" if a.highlight else "") for a in found]
    return Section(f"活动（{len(found)} 项）", lines)


def _meetings(content: Content, month: str) -> Section:
    found = content.meetings_in(month)
    return Section(f"会议（{len(found)} 次）", [f"{m.date:%m-%d} {m.title}（{m.kind}）" for m in found])


def _wishes(content: Content, month: str) -> Section:
    lines = []
    for wish in sorted(content.wishes.values(), key=lambda w: (w.timeline[0].date, w.id)):
        steps = [s for s in wish.timeline if s.date.strftime("%Y-%m") == month]
        if steps:
            lines.append(f"{wish.title}：" + "、".join(f"{s.status} {s.date:%m-%d}" for s in steps))
    return Section(f"微心愿（{len(lines)} 个有进展）", lines)


def _honoured(content: Content, month: str) -> list[tuple[Person, str, int]]:
    """(person, title, index of the honour) for every honour given in ``month``."""
    found = [(p, h.title, i) for p in content.people.values() for i, h in enumerate(p.honours) if h.month == month]
    return sorted(found, key=lambda item: (item[1], item[0].name))


def _honours(content: Content, month: str) -> Section:
    found = _honoured(content, month)
    lines = [f"{title}：{p.name}" + ("" if p.public else "（不公开，只计入统计）") for p, title, _ in found]
    return Section(f"荣誉（{len(found)} 人次）", lines)


def _ratings(content: Content, month: str) -> Section:
    scores = month_scores(content, month)
    return Section(f"星级楼栋（{len(scores)} 个楼栋评分）", [_score_line(content, s) for s in scores])


def _score_line(content: Content, score: BuildingScore) -> str:
    place = _building_name(content, score.community, score.estate, score.building)
    if score.vetoed:
        return f"{place}：一票否决，不得星（{'、'.join(score.veto_names)}）"
    stars = "★" * score.stars if score.stars else "未达星级"
    return f"{place}：{stars}（{score.score} 分，抽查 {score.inspections} 次）"


def _building_name(content: Content, community: str, estate: str, building: str) -> str:
    grid = content.communities.get(community)
    found = next((e for e in grid.estates if e.id == estate), None) if grid else None
    named = next((b for b in found.buildings if b.id == building), None) if found else None
    return f"{found.name if found else estate} {named.name if named else building}"


# -- what looks incomplete -----------------------------------------------------

def _short_inspections(content: Content, month: str) -> list[str]:
    """Buildings with fewer inspections than the rules require, including buildings of a
    rated 小区 that have no entry at all this month."""
    required = content.scoring.inspections_required
    gaps: list[str] = []
    for sheet in content.ratings_in(month):
        rated: set[tuple[str, str]] = set()
        for i, entry in enumerate(sheet.buildings):
            estate = entry.estate or sheet.estate or ""
            rated.add((estate, entry.building))
            if len(entry.inspections) < required:
                name = _building_name(content, sheet.community, estate, entry.building)
                gaps.append(f"{_at(sheet, ('buildings', i))}: {name}本月只有 {len(entry.inspections)} 次抽查，"
                            f"细则要求 {required} 次")
        gaps.extend(_unrated(content, sheet, rated))
    return gaps


def _unrated(content: Content, sheet: RatingSheet, rated: set[tuple[str, str]]) -> list[str]:
    grid = content.communities.get(sheet.community)
    if grid is None:
        return []
    estates = {estate for estate, _ in rated}
    return [
        f"{_at(grid, ('estates', i, 'buildings', j))}: {estate.name} {building.name}本月没有评分记录"
        f"（{sheet._source.path} 中没有这个楼栋）"
        for i, estate in enumerate(grid.estates) if estate.id in estates
        for j, building in enumerate(estate.buildings) if (estate.id, building.id) not in rated
    ]


def _late_claims(content: Content, reference: dt.date) -> list[str]:
    """Wishes whose last step by ``reference`` is a claim made more than 30 days before it."""
    gaps = []
    for wish in sorted(content.wishes.values(), key=lambda w: w.id):
        index = _last_step(wish, reference)
        if index is None or wish.timeline[index].status != "认领":
            continue
        days = (reference - wish.timeline[index].date).days
        if days > CLAIM_DAYS:
            gaps.append(f"{_at(wish, ('timeline', index))}: 微心愿“{wish.title}”于 "
                        f"{wish.timeline[index].date.isoformat()} 认领，{days} 天仍未完成")
    return gaps


def _last_step(wish: MicroWish, reference: dt.date) -> int | None:
    dated = [i for i, step in enumerate(wish.timeline) if step.date <= reference]
    return dated[-1] if dated else None


def _thin_activities(content: Content, month: str) -> list[str]:
    gaps = []
    for activity in content.activities_in(month):
        where = _at(activity, ("title",))
        if not activity.photos:
            gaps.append(f"{where}: 活动“{activity.title}”没有照片")
        elif not any(p.publishable for p in activity.photos):
            gaps.append(f"{_at(activity, ('photos',))}: 活动“{activity.title}”的照片都没有发布许可（consent），"
                        "网站和简报中不会显示")
        length = len(re.sub(r"\s+", "", activity.summary))
        if length < SHORT_SUMMARY:
            gaps.append(f"{_at(activity, ('summary',))}: 活动“{activity.title}”的内容只有 {length} 个字，请补充")
    return gaps


def _honours_without_consent(content: Content, month: str) -> list[str]:
    gaps = []
    for person, title, index in _honoured(content, month):
        where = _at(person, ("honours", index))
        if not person.consent:
            gaps.append(f"{where}: {person.name}获评“{title}”，但本人未同意公开照片和故事（consent），"
                        "网站和简报中只显示姓名和称号")
        elif person.photo is None:
            gaps.append(f"{where}: {person.name}获评“{title}”，还没有照片")
        elif not person.photo.publishable:
            gaps.append(f"{_at(person, ('photo',))}: {person.name}获评“{title}”，但照片没有发布许可（photo.consent）")
    return gaps

"""星级楼栋 arithmetic against hand-checked numbers (see the fixture sheet).

Building 1: inspection totals 100, 96, 98−2=96 → panel 97.333; public 48/50 = 96 %;
            0.8 × 97.333 + 0.2 × 96 = 97.07 → 97.1 → ★★★★★.
Building 2: totals 83, 82, 85 → 83.333; public 30/40 = 75 %; 66.667 + 15 = 81.7 → would be
            ★★, but the third inspection carries a veto → 0 stars.
Building 3: one inspection of 89; no votes → public part 0; 0.8 × 89 = 71.2 → no star.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.events import BuildingSheet, Deduction, Inspection, PublicReview, RatingSheet
from generator.model.ratings import _round, inspection_total, month_scores, score_building, stars_for
from generator.model.settings import Criterion, ScoringRules, StarThreshold, VetoItem
from generator.project import require_content


@pytest.fixture
def scores(mini_content: Path):  # type: ignore[no-untyped-def]
    content, _ = require_content(mini_content)
    return {s.building: s for s in month_scores(content, "2026-10")}, content


def test_hand_checked_scores(scores) -> None:  # type: ignore[no-untyped-def]
    by_building, _ = scores
    one, two, three = by_building["1"], by_building["2"], by_building["3"]
    assert (one.panel_average, one.public_score, one.score, one.stars) == (97.3, 96.0, 97.1, 5)
    assert (two.panel_average, two.public_score, two.score) == (83.3, 75.0, 81.7)
    assert two.vetoed and two.stars == 0 and two.veto_names == ("楼道堆放杂物堵塞消防通道经劝导拒不整改",)
    assert (three.inspections, three.public_score, three.score, three.stars) == (1, None, 71.2, 0)


def test_leaderboard_order_and_breakdown(scores) -> None:  # type: ignore[no-untyped-def]
    by_building, content = scores
    ordered = [s.building for s in month_scores(content, "2026-10")]
    assert ordered == ["1", "2", "3"]
    corridor = by_building["1"].criteria[0]
    assert corridor == ("楼道卫生保洁", 29.0, 30)


def test_thresholds(scores) -> None:  # type: ignore[no-untyped-def]
    _, content = scores
    rules = content.scoring
    assert [stars_for(rules, s) for s in (100, 95, 94.9, 90, 85, 80, 75, 74.9)] == [5, 5, 4, 4, 3, 2, 1, 0]


def test_deductions_never_go_below_zero(mini_content: Path) -> None:
    sheet = mini_content / "ratings/2026-10/tianrun-demo.yml"
    text = sheet.read_text(encoding="utf-8").replace(
        "deductions: [{reason: 楼道堆放纸箱, points: 2, criterion: corridor}]",
        "deductions: [{reason: 楼道堆放纸箱, points: 100}, {reason: 再次堆放, points: 100}]",
    )
    sheet.write_text(text, encoding="utf-8")
    content, _ = require_content(mini_content)
    one = next(s for s in month_scores(content, "2026-10") if s.building == "1")
    assert one.panel_average == pytest.approx(65.3, abs=0.05)  # (100 + 96 + 0) / 3


def test_weights_must_add_up(mini_content: Path) -> None:
    rules = mini_content / "scoring.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("public_weight: 0.2", "public_weight: 0.3"),
                     encoding="utf-8")
    from generator.project import load_content

    _, problems = load_content(mini_content)
    assert any("权重之和必须等于 1" in p.message and p.path.endswith("scoring.yml") for p in problems)


# -- the month's scoring reads the rules once: the same numbers as one building at a time --

_CRITERIA = st.lists(st.integers(1, 40), min_size=1, max_size=4)
_POINTS = st.one_of(st.integers(0, 40).map(float), st.floats(0, 40, allow_nan=False).map(lambda x: round(x, 1)))


@st.composite
def _sheet(draw: st.DrawFn) -> tuple[ScoringRules, RatingSheet]:
    maxima = draw(_CRITERIA)
    criteria = [Criterion(id=f"c{i}", name=f"指标{i}", max_points=m) for i, m in enumerate(maxima)]
    weight = draw(st.sampled_from([0.8, 0.7, 1.0, 0.0]))
    rules = ScoringRules.model_construct(
        criteria=criteria, vetoes=[VetoItem(id="fire", name="堵塞消防通道")], panel_weight=weight,
        public_weight=1 - weight, thresholds=[StarThreshold(stars=s, min_score=m)
                                             for s, m in ((5, 95), (4, 90), (3, 85), (2, 80), (1, 75))])
    buildings = []
    for b in range(draw(st.integers(1, 4))):
        inspections = [
            Inspection(date=dt.date(2026, 10, 9),
                       scores={c.id: draw(_POINTS) for c in criteria if draw(st.integers(0, 9))},
                       deductions=[Deduction(reason="扣分", points=p)
                                   for p in draw(st.lists(st.sampled_from([0.5, 2.0, 30.0]), max_size=2))],
                       veto=draw(st.sampled_from([None, None, None, "fire", "other"])))
            for _ in range(draw(st.integers(0, 3)))
        ]
        votes = draw(st.integers(0, 60))
        review = draw(st.sampled_from([None, PublicReview(votes=votes, satisfied=votes // 3)]))
        buildings.append(BuildingSheet(building=str(b + 1), inspections=inspections, public_review=review))
    sheet = RatingSheet.model_construct(month="2026-10", community="tianrun", estate="demo", buildings=buildings)
    return rules, sheet


def _by_hand(rules: ScoringRules, sheet: RatingSheet, entry: BuildingSheet) -> tuple[object, ...]:
    totals = [inspection_total(rules, i) for i in entry.inspections]
    panel = sum(totals) / len(totals) if totals else None
    review = entry.public_review
    public = review.satisfied / review.votes * 100 if review and review.votes else None
    score = _round(rules.panel_weight * ((panel or 0) / rules.max_total * 100) + rules.public_weight * (public or 0))
    vetoes = {v.id: v.name for v in rules.vetoes}
    vetoed = tuple(vetoes.get(i.veto, i.veto) for i in entry.inspections if i.veto)
    averages = tuple(
        (c.name, _round(sum(v) / len(v)) if (v := [i.scores.get(c.id, 0) for i in entry.inspections]) else 0.0,
         c.max_points) for c in rules.criteria)
    return (len(totals), None if panel is None else _round(panel), None if public is None else _round(public),
            score, 0 if vetoed else stars_for(rules, score), vetoed, averages)


@settings(max_examples=300, deadline=None)
@given(_sheet())
def test_scores_are_the_arithmetic_of_the_rules(drawn: tuple[ScoringRules, RatingSheet]) -> None:
    rules, sheet = drawn
    for entry in sheet.buildings:
        s = score_building(rules, sheet, entry)
        assert (s.inspections, s.panel_average, s.public_score, s.score, s.stars, s.veto_names,
                s.criteria) == _by_hand(rules, sheet, entry)

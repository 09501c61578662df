"""星级楼栋 arithmetic against hand-checked numbers (see the fixture sheet).

Building 1: inspection totals 100, 96, 98−2=96 → panel 97.333; public 48/50 = 96 %;
            0.8 × 97.333 + 0.2 × 96 = 97.07 → 97.1 → ★★★★★.
Building 2: totals 83, 82, 85 → 83.333; public 30/40 = 75 %; 66.667 + 15 = 81.7 → would be
            ★★, but the third inspection carries a veto → 0 stars.
Building 3: one inspection of 89; no votes → public part 0; 0.8 × 89 = 71.2 → no star.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.ratings import month_scores, stars_for
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

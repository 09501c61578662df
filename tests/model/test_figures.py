"""Figures are derived from records (or declared with a source), never typed in."""

from __future__ import annotations

from pathlib import Path

from generator.model import figures as fig
from generator.project import require_content


def _values(figures: list[fig.Figure]) -> dict[str, float]:
    return {f.id: f.value for f in figures}


def test_grid_figures_count_the_five_levels(mini_content: Path) -> None:
    content, _ = require_content(mini_content)
    grid = _values(fig.grid_figures(content))
    assert grid["communities"] == 1 and grid["estates"] == 1 and grid["estate-branches"] == 1
    assert grid["buildings"] == 3 and grid["party-groups"] == 2
    assert grid["center-households"] == 3 and grid["building-leaders"] == 1


def test_work_figures_follow_the_records(mini_content: Path) -> None:
    content, _ = require_content(mini_content)
    work = _values(fig.work_figures(content))
    assert work["activities"] == 2 and work["participants"] == 23 and work["beneficiaries"] == 61
    assert work["deliberations"] == 1 and work["joint-meetings"] == 0
    assert work["wishes"] == 1 and work["wishes-done"] == 1
    assert _values(fig.work_figures(content, "2026-09"))["activities"] == 0


def test_adding_a_record_changes_the_figure(mini_content: Path) -> None:
    source = mini_content / "activities/2026/10/2026-10-20-song-shouyinji.yml"
    copy = source.with_name("2026-10-21-song-shouyinji-2.yml")
    copy.write_text(source.read_text(encoding="utf-8").replace("2026-10-20", "2026-10-21")
                    .replace("wish: shouyinji\n", ""), encoding="utf-8")
    content, _ = require_content(mini_content)
    assert _values(fig.work_figures(content))["activities"] == 3


def test_pairing_and_people(mini_content: Path) -> None:
    content, _ = require_content(mini_content)
    pairing = _values(fig.pairing_figures(content))
    assert pairing == {"units": 1, "paired-communities": 1, "members-reported": 12, "list-items-done": 1}
    people = _values(fig.people_figures(content))
    assert people["people"] == 1 and people["honours"] == 1 and people["service-hours"] == 120


def test_declared_figures_keep_their_source(mini_content: Path) -> None:
    content, _ = require_content(mini_content)
    [declared] = fig.declared_figures(content)
    assert declared.declared and declared.value == 413 and declared.source == "邵武市委组织部"
    assert declared.as_of == "2026-10-31"


def test_wish_progress(mini_content: Path) -> None:
    content, _ = require_content(mini_content)
    assert fig.wish_progress(content) == {"征集": 0, "核实": 0, "发布": 0, "认领": 0, "完成": 1}

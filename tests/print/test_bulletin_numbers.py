"""期号: numbered within the year and in total, stable when earlier months are edited."""

from __future__ import annotations

import copy

from pdfread import PRINT_CONTENT

from generator.model.public import PublicView
from generator.print.numbering import bulletin_months, issue_numbers
from generator.project import require_content


def _view() -> PublicView:
    content, _ = require_content(PRINT_CONTENT)
    return PublicView(content)


def _numbers(view: PublicView) -> dict[str, tuple[int, int]]:
    return {m: (n.issue, n.total_issue) for m, n in issue_numbers(view).items()}


def test_numbers_restart_each_year_and_run_on_in_total() -> None:
    # site.yml: first_total_issue 5; months with content 2025-12, 2026-09, 2026-10
    assert _numbers(_view()) == {"2025-12": (1, 5), "2026-09": (1, 6), "2026-10": (2, 7)}


def test_editing_an_earlier_month_keeps_every_number() -> None:
    view = _view()
    before = _numbers(view)
    content = view.content
    earlier = next(a for a in content.activities.values() if a.date.isoformat().startswith("2026-09"))
    earlier.title = "改过标题的九月活动"
    earlier.highlight = not earlier.highlight
    extra = copy.deepcopy(earlier)
    extra._id = "2026-09-30-extra"
    content.activities[extra._id] = extra
    assert _numbers(PublicView(content)) == before


def test_first_month_leaves_out_earlier_months() -> None:
    view = _view()
    view.content.site.bulletin.first_month = "2026-09"
    assert bulletin_months(view) == ["2026-09", "2026-10"]
    assert _numbers(view) == {"2026-09": (1, 5), "2026-10": (2, 6)}

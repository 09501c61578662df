"""期号: the issue numbers of the monthly bulletins.

A bulletin appears for every month that has content (an activity, a meeting or a rating
sheet), from ``site.bulletin.first_month`` on. Numbers come only from that ordered list of
months: 第N期 counts within the calendar year, 总第N期 runs on from
``site.bulletin.first_total_issue``. Editing the records of a month therefore never changes
any number; only adding content to a month that had none (or removing all of a month's
content) shifts the numbers after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.public import PublicView


@dataclass(frozen=True)
class IssueNumber:
    """The numbers printed under the masthead: 第 ``issue`` 期（总第 ``total_issue`` 期）."""

    month: str
    issue: int
    total_issue: int

    @property
    def year(self) -> int:
        return int(self.month[:4])


def bulletin_months(view: PublicView) -> list[str]:
    """Months that get a bulletin, oldest first."""
    first = view.site.bulletin.first_month
    return [m for m in view.months if first is None or m >= first]


def issue_numbers(view: PublicView) -> dict[str, IssueNumber]:
    """Every bulletin month's numbers, keyed ``YYYY-MM``."""
    numbers: dict[str, IssueNumber] = {}
    first_total = view.site.bulletin.first_total_issue
    per_year: dict[str, int] = {}
    for index, month in enumerate(bulletin_months(view)):
        year = month[:4]
        per_year[year] = per_year.get(year, 0) + 1
        numbers[month] = IssueNumber(month, per_year[year], first_total + index)
    return numbers

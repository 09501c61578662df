"""开放数据: the download page; the CSV and JSON files themselves go into ``ctx.files``."""

from __future__ import annotations

from collections.abc import Iterator

from generator.site.context import SiteContext
from generator.site.opendata import datasets
from generator.site.render import GeneratedPage

SECTION = "data/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The open-data page (and its files)."""
    tables = datasets(ctx.view)
    for table in tables:  # the rows are the inputs: unchanged tables are not written again
        rows = ctx.digested(table.inputs)
        ctx.file(f"data/{table.name}.csv", table.csv_bytes, rows)
        ctx.file(f"data/{table.name}.json", table.json_bytes, table.title, rows)
    body = ctx.render("data.html", SECTION, tables=tables)
    yield GeneratedPage(SECTION, "开放数据", body, "本站公开数据下载：CSV 和 JSON", SECTION, in_nav=True)

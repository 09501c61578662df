"""The timing check kept aside from the test suite (``make bench-check``; not run by
``make test`` or CI: it needs a quiet machine and about ten minutes).

It builds the city data set (``jinlin demo --scale city --seed 1``, kept in
``.cache/bench/``) and measures it exactly as ``make bench`` does; each target of
issue 6 is one test. The report is written beside the test run, not over
``docs/benchmarks.md``. ``JINLIN_BENCH_PROVINCE=1`` adds the province (much longer).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.bench import measure, options
from generator.benchmarks.report import Figure, Report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    argv = ["--province"] if os.environ.get("JINLIN_BENCH_PROVINCE") else []
    found = measure(options(argv))
    found.write(Path(tmp_path_factory.mktemp("bench")) / "benchmarks.md")
    return found


def _figure(report: Report, starts: str) -> Figure:
    matches = [f for f in report.figures if f.name.startswith(starts)]
    assert matches, f"no figure {starts!r} in {[f.name for f in report.figures]}"
    return matches[0]


@pytest.mark.parametrize("name", [
    "jinlin check，有缓存",
    "全新生成 ÷ 纯 MkDocs",
    "无改动再次生成",
    "改一条活动后再次生成",
    "预览：保存后页面更新",
    "工作简报",
    "城市规模峰值内存",
    "首次搜索传输的索引",
])
def test_city_target(report: Report, name: str) -> None:
    figure = _figure(report, name)
    assert figure.met, f"{figure.name}: {figure.value} (target {figure.target}; {figure.command})"


def test_province_is_near_linear(report: Report) -> None:
    if not os.environ.get("JINLIN_BENCH_PROVINCE"):
        pytest.skip("省级规模未测：JINLIN_BENCH_PROVINCE=1 make bench-check")
    assert _figure(report, "省级 ÷ 城市").met

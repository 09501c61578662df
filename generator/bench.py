"""``make bench``: measure city-scale speed and memory against the targets of issue 6.

Prints each figure next to its target and writes ``docs/benchmarks.md`` with the command
behind each figure. The city demo (seed 1) is generated into ``.cache/bench/`` once and
reused; ``--province`` adds the province build (many minutes).

    .venv/bin/python -m generator.bench [--province] [--seed N] [--skip-serve] [--skip-search] [--check]

``make bench-check`` runs the timing check kept aside from the test suite
(``benchmarks/test_city_timing.py``): the same measurements, each target a test.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.benchmarks.dataset import ROOT
from generator.benchmarks.report import Report
from generator.benchmarks.suite import Suite

OUTPUT = ROOT / "docs" / "benchmarks.md"


def main(argv: list[str] | None = None) -> int:
    """Run the bench and write the report. The exit status is 0 even when a target is
    missed (it is a report), unless ``--check`` asks for 1 then."""
    options = _parser().parse_args(argv)
    report = measure(options)
    report.write(Path(options.output))
    _echo(f"已写出 {options.output}")
    missed = [f for f in report.figures if f.met is False]
    for figure in missed:
        _echo(f"未达标：{figure.name}：{figure.value}（目标 {figure.target}）")
    return 1 if options.check and missed else 0


def measure(options: argparse.Namespace) -> Report:
    """Every figure of one bench run (see the module doc), in the order measured."""
    report = Report()
    suite = Suite(report, _echo, options.seed)
    suite.compile_code()
    suite.reference("开始时")
    city = suite.city()
    suite.check(city)
    pages = suite.clean_build(city)
    suite.baseline(pages)
    suite.rebuilds(city)
    if not options.skip_serve:
        suite.preview(city)
    suite.bulletins(city)
    suite.memory()
    if not options.skip_search:
        suite.search(city)
    if options.province:
        suite.province()
    suite.reference("结束时")
    report.notes.extend(_notes(options))
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--province", action="store_true", help="also build the province (slow)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-search", action="store_true", help="no browser (Playwright + Chromium)")
    parser.add_argument("--output", default=str(OUTPUT))
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser


def options(argv: list[str] | None = None) -> argparse.Namespace:
    """The bench's options, parsed from ``argv`` (the defaults for ``[]``)."""
    return _parser().parse_args(argv or [])


def _notes(options: argparse.Namespace) -> list[str]:
    notes = [
        f"Data: `jinlin demo --scale city --seed {options.seed}` in `.cache/bench/city-{options.seed}/`"
        " (reused when present).",
        "Clean build and bare MkDocs both start from an empty output folder; the parse cache is warm "
        "(the clean build's `--clean` empties jinlin's own cache folder).",
        "Rebuild ratios divide wall times of the same run; CPU ratios are given beside them. The clean "
        "build is the median of three (each into an empty folder), the edited rebuild the median of five "
        "builds, each after another sentence is added to the same activity (the first right after the "
        "unchanged rebuild, which follows the last clean build).",
        "The province is divided by the mean of two clean city builds, made right before and right after "
        "it (the city's first clean builds are half an hour earlier, and the host's speed drifts); the "
        "ratios to each are given beside it.",
        "jinlin's own modules are byte-compiled before the run (`python -m compileall generator`), as an "
        "installed program's are: this machine sets `PYTHONDONTWRITEBYTECODE`, which would make every "
        "process compile them again (0.12 s each).",
        "本机速度参考 times one fixed CPython loop at the start and at the end of the run: on a shared "
        "host it changed by a factor of two within an hour, and absolute figures (the bulletins' seconds) "
        "follow it. Compare runs by it.",
    ]
    if not options.province:
        notes.append("Province not measured in this run (`python -m generator.bench --province`).")
    return notes


def _echo(line: str) -> None:
    print(line, flush=True)  # noqa: T201 - the bench is a command-line tool


if __name__ == "__main__":
    sys.exit(main())

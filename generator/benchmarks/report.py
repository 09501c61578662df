"""Figures next to their targets: printed by ``make bench`` and written to
``docs/benchmarks.md`` with the command that produced each one."""

from __future__ import annotations

import os
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One measured figure: what, the value as shown, the target, met or not, how."""

    name: str
    value: str
    target: str
    met: bool | None
    command: str


@dataclass
class Report:
    """The figures of one ``make bench`` run, in the order they were measured."""

    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def line(self, figure: Figure) -> str:
        """One console line: the figure, its target and ✓/✗."""
        mark = {True: "✓", False: "✗", None: "·"}[figure.met]
        return f"{mark} {figure.name}: {figure.value}（目标 {figure.target}）"

    def markdown(self) -> str:
        """``docs/benchmarks.md``."""
        rows = [f"| {f.name} | {f.value} | {f.target} | {_mark(f.met)} | `{f.command}` |" for f in self.figures]
        notes = [f"- {n}" for n in self.notes]
        return "\n".join([
            "# Benchmarks (issue 6: city-scale speed and memory)",
            "",
            "Written by `make bench` (`.venv/bin/python -m generator.bench`); do not edit by hand.",
            f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {_machine()}.",
            "CPU = user + system time of the command and every process it started (Pagefind,",
            "parse and PDF workers), read with `wait4` as `/usr/bin/time -v` does; peak memory is the",
            "largest resident set of any one of those processes. Ratios compare figures of the same run.",
            "",
            "| Figure | Measured | Target | Met | Command |",
            "|---|---|---|---|---|",
            *rows,
            "",
            "## Notes",
            "",
            *notes,
            "",
        ])

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.markdown(), encoding="utf-8")


def _mark(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "–"}[met]


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    except (OSError, ValueError, IndexError):
        memory = 0
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}"


def seconds(wall: float, cpu: float) -> str:
    """``12.3 s (CPU 20.1 s)``."""
    return f"{wall:.1f} s（CPU {cpu:.1f} s）"

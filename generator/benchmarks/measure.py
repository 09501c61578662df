"""Running one command and measuring it: wall time, CPU time (user + system, its child
processes included) and peak memory (the largest resident set of any process in it)."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One measured command."""

    command: str
    wall: float
    cpu: float
    peak_mib: float
    returncode: int
    output: str = ""

    def ratio(self, other: Run) -> tuple[float, float]:
        """(wall, CPU) of this run divided by ``other``'s."""
        return self.wall / other.wall, self.cpu / other.cpu


def run(args: list[str], cwd: Path, *, env: dict[str, str] | None = None, check: bool = True) -> Run:
    """Run ``args`` in ``cwd`` and measure it with ``wait4`` (what ``/usr/bin/time -v``
    reads): CPU and peak memory include the processes it started and waited for
    (Pagefind, parse and PDF workers)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    result = Run(shown(args), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 process.returncode, output)
    if check and result.returncode != 0:
        raise RuntimeError(f"{result.command} failed ({result.returncode}):\n{output[-2000:]}")
    return result


def shown(args: list[str]) -> str:
    """The command as it would be typed (paths inside the repository made relative)."""
    root = str(Path(__file__).resolve().parents[2]) + "/"
    return " ".join(shlex.quote(a.replace(root, "")) for a in args)

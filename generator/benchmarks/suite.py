"""The steps of ``make bench``, each a small function that measures one thing and adds
its figure to the :class:`~generator.benchmarks.report.Report`."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from generator.benchmarks.baseline import write_baseline
from generator.benchmarks.dataset import BENCH_DIR, ROOT, Project, activity_file, project
from generator.benchmarks.measure import Run, run
from generator.benchmarks.report import Figure, Report, seconds

JINLIN = [sys.executable, "-m", "generator.cli"]
BUILD = [*JINLIN, "build", "--content", "content", "--site-dir", "site", "--no-pdf"]
MEMORY_LIMIT_MIB = 1.5 * 1024
EDITED_RUNS = 5
CLEAN_RUNS = 3
"""Clean builds, the median taken: the denominator of the rebuild ratios. One clean build
of the same code took 20.3 s in one run and 27.2 s in another an hour before."""
REFERENCE = "s = 0\nfor i in range(30_000_000):\n    s += i\n"
"""A fixed CPython loop: how fast the host was when the figures were taken."""
Echo = Callable[[str], None]


class Suite:
    """One bench run over the city project (and, optionally, the province)."""

    def __init__(self, report: Report, echo: Echo, seed: int = 1) -> None:
        self.report = report
        self.echo = echo
        self.seed = seed
        self.runs: dict[str, Run] = {}

    def add(self, figure: Figure) -> None:
        self.echo(self.report.line(self.report.add(figure)))

    def compile_code(self) -> None:
        """Byte-compile jinlin's own modules first, as an installed program has them: with
        ``PYTHONDONTWRITEBYTECODE`` set (as on this machine) every process would otherwise
        compile them again, 0.12 s of each build and check timed here."""
        run([sys.executable, "-m", "compileall", "-q", str(ROOT / "generator")], ROOT,
            env={"PYTHONDONTWRITEBYTECODE": ""})

    def reference(self, when: str) -> None:
        """Time :data:`REFERENCE`: a shared host's speed can change by a factor of two within
        an hour (2.6–5.5 s for this loop on one afternoon), which every absolute figure
        follows; timed at the start and at the end of a run, it tells runs apart."""
        result = run([sys.executable, "-c", REFERENCE], ROOT)
        self.add(Figure(f"本机速度参考（{when}，CPython 循环 3,000 万次加法）", seconds(result.wall, result.cpu),
                        "—", None, f"python -c $'{REFERENCE.encode('unicode_escape').decode()}'"))

    # -- city -------------------------------------------------------------------------------
    def city(self) -> Project:
        self.echo(f"准备城市规模的演示数据（seed {self.seed}）……")
        return project("city", self.seed)

    def check(self, city: Project) -> None:
        """``jinlin check`` without and with the parse cache."""
        jinlin_cache = city.root / ".cache" / "jinlin"
        for cache in jinlin_cache.glob("parsed-*.pickle"):
            cache.unlink()
        for store in jinlin_cache.glob("content-*"):  # the loader's record store (ContentSession)
            shutil.rmtree(store)
        cold = self._run("check-cold", [*JINLIN, "check", "--content", "content"], city.root)
        warm = self._run("check-warm", [*JINLIN, "check", "--content", "content"], city.root)
        self.add(Figure("jinlin check，无缓存", seconds(cold.wall, cold.cpu), "—", None, cold.command))
        self.add(Figure("jinlin check，有缓存", seconds(warm.wall, warm.cpu), "< 5 s", warm.wall < 5, warm.command))

    def clean_build(self, city: Project) -> int:
        """``jinlin build --clean --no-pdf`` into an empty site folder, :data:`CLEAN_RUNS`
        times: the median is the clean build (the host's speed wanders within minutes, and
        the rebuilds' five builds are a median too); returns its pages."""
        cleans = []
        for number in range(1, CLEAN_RUNS + 1):
            shutil.rmtree(city.site, ignore_errors=True)
            cleans.append(self._run(f"clean-{number}", [*BUILD, "--clean"], city.root))
        self.runs["clean"] = sorted(cleans, key=lambda r: r.wall)[len(cleans) // 2]
        return sum(1 for p in city.site.rglob("*.html") if not p.relative_to(city.site).parts[0].startswith("pagefind"))

    def baseline(self, pages: int) -> None:
        """Bare MkDocs, one-line theme, the same number of pages, into an empty folder."""
        folder = BENCH_DIR / f"baseline-{pages}"
        write_baseline(folder, pages)
        shutil.rmtree(folder / "site", ignore_errors=True)
        bare = self._run("bare", [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], folder)
        clean = self.runs["clean"]
        wall, cpu = clean.ratio(bare)
        self.add(Figure(f"纯 MkDocs（一行主题，{pages} 页）", seconds(bare.wall, bare.cpu), "基准", None, bare.command))
        each = " / ".join(f"{self.runs[f'clean-{n}'].wall:.1f}" for n in range(1, CLEAN_RUNS + 1))
        self.add(Figure(f"全新生成网站（--clean --no-pdf，{CLEAN_RUNS} 次的中位数）",
                        f"{seconds(clean.wall, clean.cpu)}（各次 {each} s）", "—", None, clean.command))
        self.add(Figure("全新生成 ÷ 纯 MkDocs", f"时长 {wall:.2f}×，CPU {cpu:.2f}×", "≤ 2×",
                        wall <= 2, f"{clean.command}  vs  {bare.command}"))

    def rebuilds(self, city: Project) -> None:
        """No change, then one activity edited, five times (another sentence each time, each
        build after the last; restored afterwards): the median, as the host's speed wanders."""
        clean = self.runs["clean"]
        same = self._run("unchanged", BUILD, city.root)
        self._ratio("无改动再次生成", same, clean)
        activity = activity_file(city.content)
        original = activity.read_text(encoding="utf-8")
        edits: list[Run] = []
        try:
            for number in range(1, EDITED_RUNS + 1):
                sentence = f"summary: |\n  （测速：改了第 {number} 句话。）\n"
                activity.write_text(original.replace("summary: |\n", sentence, 1), encoding="utf-8")
                edits.append(self._run(f"edited-{number}", BUILD, city.root))
        finally:
            activity.write_text(original, encoding="utf-8")
        edited = self.runs["edited"] = sorted(edits, key=lambda r: r.wall)[len(edits) // 2]
        each = " / ".join(f"{r.wall:.2f}" for r in edits)
        self._ratio(f"改一条活动后再次生成（{len(edits)} 次的中位数）", edited, clean, f"（各次 {each} s）")
        self.runs["restore"] = run(BUILD, city.root)  # the site matches the content again

    def preview(self, city: Project) -> None:
        """``jinlin serve``: saving an edit until the page shows it."""
        from generator.benchmarks.serve import edit_to_preview

        activity = activity_file(city.content)
        timing = edit_to_preview(city.root, activity, f"activities/{activity.stem}/")
        command = "jinlin serve --content content（改一条活动标题，轮询该页直到出现新标题；先后改 3 次）"
        each = " / ".join(f"{t:.2f}" for t in timing.edits)
        self.add(Figure("预览：首次生成", f"{timing.first_build:.1f} s", "—", None, command))
        self.add(Figure("预览：保存后页面更新（中位数）", f"{timing.edit_shown:.2f} s（各次 {each} s）", "≤ 2 s",
                        timing.edit_shown <= 2, command))

    def bulletins(self, city: Project) -> None:
        """Every month's bulletin, cold, two worker processes (the print helper's bench)."""
        code = ("import json; from generator.print.bench import time_bulletins; "
                "t = time_bulletins('content', jobs=2); "
                "print('BENCH', json.dumps([t.bulletins, t.pages, t.seconds, t.restored_seconds]))")
        result = self._run("bulletins", [sys.executable, "-c", code], city.root)
        count, pages, took, restored = json.loads(result.output.split("BENCH", 1)[1])
        each = took / count if count else 0.0
        detail = (f"每期 {each:.2f} s（共 {took:.1f} s，{pages} 页；整个进程 CPU {result.cpu:.1f} s；"
                  f"计时前读入星级明细 {restored:.1f} s，不计入）")
        self.add(Figure(f"工作简报：{count} 期全部冷生成（2 进程）", detail, "每期 < 1 s", each < 1,
                        "python -c 'generator.print.bench.time_bulletins(\"content\", jobs=2)'"))

    def memory(self) -> None:
        """The largest resident set seen in any city run."""
        name, peak = max(((k, r.peak_mib) for k, r in self.runs.items()), key=lambda kv: kv[1])
        self.add(Figure("城市规模峰值内存", f"{peak:.0f} MiB（{name}）", "≤ 1536 MiB", peak <= MEMORY_LIMIT_MIB,
                        self.runs[name].command))

    def search(self, city: Project) -> None:
        """Bytes of Pagefind files the browser fetches for the first search."""
        from generator.benchmarks.search import first_search_transfer

        found = first_search_transfer(city.site)
        self.add(Figure("首次搜索传输的索引", f"{found.kib:.0f} KB（{found.files} 个文件，搜“{found.query}”，"
                        f"{found.results} 条结果）", "≤ 300 KB", found.kib <= 300,
                        "Playwright + Chromium 打开 search/?q=楼道，统计 pagefind 文件的响应大小"))

    # -- province ---------------------------------------------------------------------------
    def province(self) -> None:
        """The province: builds without running out of memory, near-linear cost."""
        self.echo("准备省级规模的演示数据（约 78,000 个文件）……")
        big = project("province", self.seed)
        # like the city's clean build, with the parse cache and record store warm (a first
        # check after a change to the loader parses 78,000 files)
        self._run("province-check", [*JINLIN, "check", "--content", "content"], big.root)
        # the city again, right before and right after the province, and the province
        # against their mean: the host's speed drifts within a run (a CPython loop took 2.8 s
        # at the start of one run and 5.2 s at its end), so a ratio of two builds holds only
        # when they ran under the same conditions
        city = project("city", self.seed)
        shutil.rmtree(city.site, ignore_errors=True)
        before = self._run("clean-before", [*BUILD, "--clean"], city.root)
        shutil.rmtree(big.site, ignore_errors=True)
        result = self._run("province", [*BUILD, "--clean"], big.root)
        shutil.rmtree(city.site, ignore_errors=True)
        after = self._run("clean-after", [*BUILD, "--clean"], city.root)
        wall = result.wall / ((before.wall + after.wall) / 2)
        cpu = result.cpu / ((before.cpu + after.cpu) / 2)
        each = "；".join(f"与{name}一次相比 时长 {a:.1f}×、CPU {b:.1f}×"
                        for name, (a, b) in (("在前", result.ratio(before)), ("在后", result.ratio(after))))
        self.add(Figure("省级规模全新生成", f"{seconds(result.wall, result.cpu)}，峰值 {result.peak_mib:.0f} MiB",
                        "不耗尽内存", True, result.command))
        self.add(Figure("省级 ÷ 城市（紧接在前、紧接在后的两次城市全新生成的平均）",
                        f"时长 {wall:.1f}×，CPU {cpu:.1f}×（城市在前 {seconds(before.wall, before.cpu)}，"
                        f"在后 {seconds(after.wall, after.cpu)}；{each}）",
                        "≤ 11×", wall <= 11, f"{before.command}  然后  {result.command}  然后再一次城市"))

    # -- helpers ----------------------------------------------------------------------------
    def _run(self, name: str, args: list[str], cwd: Path) -> Run:
        self.echo(f"… {name}: {' '.join(args[2:]) if args[0] == sys.executable else ' '.join(args)}")
        result = run(args, cwd)
        self.runs[name] = result
        return result

    def _ratio(self, label: str, result: Run, clean: Run, extra: str = "") -> None:
        wall, cpu = result.ratio(clean)
        self.add(Figure(label, f"{seconds(result.wall, result.cpu)} = 全新生成的 {wall:.0%}（CPU {cpu:.0%}）{extra}",
                        "≤ 10%", wall <= 0.10, result.command))


def relative(path: Path) -> str:
    """``path`` relative to the repository, for the report."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)

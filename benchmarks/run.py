"""`make bench`: the figures of the Performance section of the README.

Prints a table and writes it to build/bench/results.json:

- build overhead: `comparator build` (what `make site` runs) against a bare
  mkdocs-material build of the same pages written out as plain Markdown files (no
  plugin), both measured in this run, median of several repetitions; with the
  stage cache warm (a rebuild) and cold (a first build);
- scale: the thirteen texts of sources/ plus the seven other texts of ../shared/corpus
  (read in place through benchmarks/corpus.toml), then synthetic catalogs of 50, 100 and 200
  regulations made by mutating the real texts: time and peak memory, and the
  exponent k of time ~ n^k;
- alignment: a synthetic 1,000 x 1,000 article revision, and every comparison of
  the 20-text catalog; time and peak memory of synthetic 1,000 and 10,000 article
  revisions and 1,000, 3,000 and 10,000 article cross comparisons, each in a process
  of its own (``align_scale``);
- serve rebuild: from saving an edited text to the rebuilt page under `mkdocs serve`;
- the corpus edition (``benchmarks/corpus.py``): sources/ and the 2,336 texts of
  ../shared/lawrefbook: texts published and left out, cold and one-edit builds, peak
  memory, site size, the largest page and shell, and the search in chromium.

Run: python benchmarks/run.py [--repeat N] [--sizes 50,100,200] [--skip-serve] [--skip-corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_scale
import align_speed
import corpus
import serving

from comparator.library import Library
from comparator.model import Regulation
from comparator.publish.site.context import Site
from comparator.publish.site.pages import build_pages, site_nav

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "build" / "bench"
SOURCES = ROOT / "sources" / "catalog.toml"
CORPUS = ROOT / "benchmarks" / "corpus.toml"
# The corpus catalog reads ../shared/corpus in place; without it, sources/ alone.
REAL = [SOURCES, CORPUS] if (ROOT.parent / "shared" / "corpus").is_dir() else [SOURCES]
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


# Running and measuring ------------------------------------------------------------


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB, the process and its workers)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def configuration(name: str, catalogs: list[Path], cache: Path | None) -> Path:
    """A copy of mkdocs.yml that publishes ``catalogs`` into build/bench/<name>."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(BENCH / name / "site")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparator" in plugin:
            plugin["comparator"]["catalogs"] = [str(c) for c in catalogs]
            plugin["comparator"]["cache_dir"] = str(cache) if cache else ""
    path = BENCH / name / "mkdocs.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(config: Path) -> list[str]:
    return [sys.executable, "-m", "comparator", "build", "--config-file", str(config)]


def cold_build(name: str, catalogs: list[Path]) -> tuple[float, float]:
    cache = BENCH / name / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    return timed(build(configuration(name, catalogs, cache)))


def warm_build(name: str, catalogs: list[Path]) -> tuple[float, float]:
    config = configuration(name, catalogs, BENCH / name / "cache")
    return timed(build(config))


def bare_project(catalogs: list[Path], built_site: Path) -> Path:
    """The same pages as plain Markdown files, built by mkdocs-material with no plugin."""
    folder = BENCH / "bare"
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    library = Library.open(catalogs)
    for page in build_pages(Site.build(library)):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
    shutil.copy(ROOT / "docs" / "about.md", docs / "about.md")
    # The same static files: stylesheet and downloads.
    for static in ("assets", "downloads"):
        shutil.copytree(built_site / static, docs / static, dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(folder / "site")
    config["nav"] = site_nav(library)
    config["extra_css"] = ["assets/comparator/comparator.css"]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


# The figures ------------------------------------------------------------------------


def build_overhead(repeat: int) -> dict:
    warm_build("site", [SOURCES])  # fills the cache
    bare = bare_project([SOURCES], BENCH / "site" / "site")
    bare_command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare)]
    timed(bare_command)  # warms the file system and jieba's own cache, as above
    warm, cold, plain = [], [], []
    for _ in range(repeat):
        plain.append(timed(bare_command)[0])
        warm.append(warm_build("site", [SOURCES])[0])
        cold.append(cold_build("site-cold", [SOURCES])[0])
    pages = len(list((BENCH / "site" / "site").rglob("index.html")))
    return {
        "pages": pages,
        "repeat": repeat,
        "bare_seconds": statistics.median(plain),
        "warm_seconds": statistics.median(warm),
        "cold_seconds": statistics.median(cold),
        "warm_ratio": statistics.median(warm) / statistics.median(plain),
        "cold_ratio": statistics.median(cold) / statistics.median(plain),
    }


def synthetic_catalog(size: int) -> Path:
    """``size`` regulations: pairs of mutated copies of the 20 real texts, compared."""
    from cn2an import an2cn

    folder = BENCH / f"synthetic-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    library = Library.open(REAL)
    bases = library.regulations()
    entries, families = [], []
    for number in range(size):
        base = bases[(number // 2) % len(bases)]
        rng = random.Random(number)
        text = _write_regulation(base, rng, an2cn)
        path = folder / f"r{number:03d}.txt"
        path.write_text(text, encoding="utf-8")
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        entries.append(
            f'[[regulation]]\nid = "r{number:03d}"\ntitle = "{base.title}（样本{number}）"\n'
            f'short_title = "样本{number}"\njurisdiction = "某地"\nkind = "现行"\n'
            f'date = "2020-01-01"\nsource = "{path.name}"\nsha256 = "{sha}"\n'
        )
        if number % 2:
            left, right = f"r{number - 1:03d}", f"r{number:03d}"
            families.append(
                f'[[family]]\nid = "f{number:03d}"\nname = "样本{number}"\n'
                f'members = ["{left}", "{right}"]\n'
                f'comparisons = [{{ left = "{left}", right = "{right}", kind = "revision" }}]\n'
            )
    catalog = folder / "catalog.toml"
    catalog.write_text("\n".join(entries + families), encoding="utf-8")
    return catalog


def _write_regulation(base: Regulation, rng: random.Random, an2cn) -> str:
    """A text in the plain format of a published regulation, 6% of its characters changed."""
    pool = [ch for article in base.articles for ch in article.text if "\u4e00" <= ch <= "\u9fff"]

    def mutate(text: str) -> str:
        return "".join(
            rng.choice(pool) if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.06 else ch
            for ch in text
        )

    lines = [base.title, ""]
    chapters = {c.number: c for c in base.chapters}
    for article in base.articles:
        chapter = chapters.pop(article.chapter, None) if article.chapter else None
        if chapter:
            # A long title is wrapped, as published texts do (监督法 第三章).
            title = chapter.title
            heading = [title] if len(title) <= 30 else [title[:20], title[20:]]
            lines += ["", f"{chapter.label} {heading[0]}", *heading[1:], ""]
        for number, paragraph in enumerate(article.paragraphs):
            head = f"第{an2cn(article.number)}条 " if number == 0 else ""
            lines.append(head + (mutate(paragraph.text) or "。"))
            lines += [item.label + mutate(item.text).replace("\n", "") for item in paragraph.items]
    return "\n".join(lines) + "\n"


def scale(sizes: list[int]) -> dict:
    runs = []
    cold, peak = cold_build("corpus", REAL)
    warm, warm_peak = warm_build("corpus", REAL)
    real = len(Library.open(REAL).catalog.entries)
    runs.append({"regulations": real, "cold_seconds": cold, "warm_seconds": warm, "peak_mb": peak})
    for size in sizes:
        catalog = synthetic_catalog(size)
        cold, peak = cold_build(f"synthetic-{size}-site", [catalog])
        warm, _ = warm_build(f"synthetic-{size}-site", [catalog])
        runs.append(
            {"regulations": size, "cold_seconds": cold, "warm_seconds": warm, "peak_mb": peak}
        )
    for run in runs:
        run["cold_per_regulation"] = run["cold_seconds"] / run["regulations"]
    counts = [math.log(r["regulations"]) for r in runs]
    times = [math.log(r["cold_seconds"]) for r in runs]
    return {
        "runs": runs,
        "exponent": _slope(counts, times),
        "warm_exponent": _slope(counts, [math.log(r["warm_seconds"]) for r in runs]),
        "real_warm_peak_mb": warm_peak,
    }


def _slope(xs: list[float], ys: list[float]) -> float:
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def alignment() -> dict:
    synthetic = align_speed.measure(1000)
    library = Library.open(REAL)
    library.regulations()
    pairs = []
    for comparison in library.catalog.comparisons:
        start = time.perf_counter()
        result = library.alignment(comparison.left, comparison.right, comparison.kind)
        aligned = time.perf_counter()
        library.diffs(result.pairs, by_word=comparison.kind.value == "cross")
        done = time.perf_counter()
        pairs.append(
            {
                "comparison": comparison.slug,
                "kind": comparison.kind.value,
                "articles": (
                    len(library.regulation(comparison.left).articles),
                    len(library.regulation(comparison.right).articles),
                ),
                "align_seconds": aligned - start,
                "diff_seconds": done - aligned,
            }
        )
    scale = [align_scale.measure(kind, n) for kind, n in align_scale.CASES]
    return {"synthetic_1000": synthetic, "pairs": pairs, "scale": scale}


def serve_rebuild(edits: int = 4) -> dict:
    folder = BENCH / "serve"
    shutil.rmtree(folder, ignore_errors=True)
    for name in ("sources", "docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    source = folder / "sources" / "shenzhen-draft.txt"
    words = ["三个工作日内", "五个工作日内", "七个工作日内", "八个工作日内", "三个工作日内"]
    times = serving.time_edits(
        [],
        folder,
        folder / "serve.log",
        "regulations/shenzhen-draft/",
        source,
        words,
        edits,
        120,
        ENVIRONMENT,
    )
    reuse = [
        line.split("comparator: ", 1)[1].strip()
        for line in (folder / "serve.log").read_text(encoding="utf-8").splitlines()
        if "comparator: " in line
    ]
    return {"seconds": times, "median_seconds": statistics.median(times), "cache": reuse}


# Report -------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = int(meminfo.read_text().split()[1]) / 1024 / 1024
        memory = f", {total:.0f} GiB"
    processor = model or platform.processor()
    return f"{os.cpu_count()} cores ({processor}){memory}, Python {platform.python_version()}"


def report(results: dict) -> str:
    rows = []

    def row(figure: str, value: str, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        rows.append((figure, value, target, verdict))

    o = results["overhead"]
    row(f"bare mkdocs-material build ({o['pages']} pages)", f"{o['bare_seconds']:.2f} s", "", None)
    row("comparator build, warm cache", f"{o['warm_seconds']:.2f} s", "", None)
    row("  ratio to bare", f"{o['warm_ratio']:.2f}", "≤ 1.3", o["warm_ratio"] <= 1.3)
    row("comparator build, cold cache", f"{o['cold_seconds']:.2f} s", "", None)
    row("  ratio to bare", f"{o['cold_ratio']:.2f}", "(first build)", None)
    s = results["scale"]
    for run in s["runs"]:
        n = run["regulations"]
        real = run is s["runs"][0]
        name = f"{n} real texts" if real else f"{n} synthetic texts"
        target = "< 10 s, < 500 MB" if real else ""
        ok = (run["warm_seconds"] < 10 and run["peak_mb"] < 500) if real else None
        row(
            f"{name}: cold / warm build, peak memory",
            f"{run['cold_seconds']:.1f} s / {run['warm_seconds']:.1f} s, {run['peak_mb']:.0f} MB",
            target,
            ok,
        )
    row(
        "time ~ n^k, cold builds",
        f"k = {s['exponent']:.2f}",
        "k ≈ 1 (linear)",
        s["exponent"] < 1.15,
    )
    row(
        "time ~ n^k, warm builds",
        f"k = {s['warm_exponent']:.2f}",
        "k ≈ 1 (linear)",
        s["warm_exponent"] < 1.15,
    )
    a = results["alignment"]["synthetic_1000"]
    row(
        "align + diff 1,000 x 1,000 articles",
        f"{a['total_seconds']:.2f} s "
        f"(align {a['align_seconds']:.2f}, diff {a['diff_seconds']:.2f})",
        "< 2 s",
        a["total_seconds"] < 2,
    )
    pairs = results["alignment"]["pairs"]
    total = sum(p["align_seconds"] + p["diff_seconds"] for p in pairs)
    slowest = max(pairs, key=lambda p: p["align_seconds"] + p["diff_seconds"])
    row(
        f"align + diff the {len(pairs)} comparisons of the real texts",
        f"{total:.2f} s (slowest {slowest['comparison']}: "
        f"{slowest['align_seconds'] + slowest['diff_seconds']:.2f} s)",
        "",
        None,
    )
    for figures in results["alignment"]["scale"]:
        name, value = align_scale.line(figures).split(": ", 1)
        big = figures["articles"] >= 10_000
        ok = None
        if big:
            ok = "failed" not in figures and figures["seconds"] < align_scale.TARGET_SECONDS
            ok = ok and figures["peak_mb"] < align_scale.TARGET_MB
        row(name, value.split("  (target")[0], "< 10 s, < 1 GB" if big else "", ok)
    for (kind, size), reason in align_scale.NOT_RUN.items():
        row(f"align {kind} {size:,} x {size:,} articles", reason, "", None)
    if "serve" in results:
        v = results["serve"]
        row(
            "serve: saved text -> rebuilt page",
            f"{v['median_seconds']:.2f} s median ({', '.join(f'{t:.2f}' for t in v['seconds'])})",
            "< 2 s",
            v["median_seconds"] < 2,
        )
    if "corpus" in results:
        for figure, value, target, ok in corpus.rows(results["corpus"]):
            row(figure, value, target, ok)
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [f"Machine: {results['machine']}", ""]
    for figure, value, target, verdict in rows:
        lines.append(
            f"{figure:<{widths[0]}}  {value:<{widths[1]}}  {target:<{widths[2]}}  {verdict}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="50,100,200")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    options = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine()}
    results["overhead"] = build_overhead(options.repeat)
    results["alignment"] = alignment()
    results["scale"] = scale([int(n) for n in options.sizes.split(",") if n])
    if not options.skip_serve:
        results["serve"] = serve_rebuild()
    if not options.skip_corpus:
        results["corpus"] = corpus.measure()
    (BENCH / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(report(results))
    print(f"\n(written to {BENCH.relative_to(ROOT) / 'results.json'})")


if __name__ == "__main__":
    main()

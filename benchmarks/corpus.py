"""The corpus edition's figures: the whole of ../shared/lawrefbook with sources/.

- texts published and texts left out (from the build log);
- cold build (empty cache), rebuild with nothing changed, rebuild after one text is
  edited, rebuild after one text is added (a national law other texts cite, held out
  of the copy until then): wall time and peak memory (the build and its workers);
- the site: pages, total size, the largest page, and the largest page *shell* (the
  HTML outside the page's own content: header, navigation, footer);
- search, in headless chromium: for each query, the time from typing to the first
  result, the bytes fetched for it, and the tab's JavaScript heap.

The corpus is copied into build/bench/corpus/ (the copy is edited, the shared folder
never is). A cold build takes minutes.

Run: python benchmarks/corpus.py [--skip-search] [--skip-serve]   (or in benchmarks/run.py)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import serving

ROOT = Path(__file__).resolve().parent.parent
LAWREFBOOK = ROOT.parent / "shared" / "lawrefbook"
FOLDER = ROOT / "build" / "bench" / "corpus"
# The text edited for the one-edit rebuild: a city regulation of Shandong.
EDITED = "DLC/山东地方法规/地方性法规/山东/东营市养犬管理条例(2017-10-11).md"
# The text added for the one-addition rebuild: a law that regulations cite (专利代理条例,
# 专利法实施细则 …), left out of the copy until then.
ADDED = "民法商法/专利法(2020-10-17).md"
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1"}
QUERIES = ("代表工委", "闭会期间", "十二小时", "人大", "三个工作日", "约见", "履职")
TARGETS = {"rebuild_seconds": 15.0, "site_mb": 1024.0, "shell_kb": 300.0}
SEARCH_TARGETS = {"first_result_seconds": 1.5, "fetched_mb": 2.0, "memory_mb": 200.0}


def prepare() -> Path:
    """A copy of the corpus, a catalog of it and a configuration; the configuration."""
    shutil.rmtree(FOLDER, ignore_errors=True)
    shutil.copytree(LAWREFBOOK, FOLDER / "lawrefbook")
    (FOLDER / "lawrefbook" / ADDED).unlink()
    catalog = (ROOT / "sources" / "corpus.toml").read_text(encoding="utf-8")
    catalog = catalog.replace('folder = "../../shared/lawrefbook"', 'folder = "../lawrefbook"')
    (FOLDER / "catalog").mkdir()
    (FOLDER / "catalog" / "corpus.toml").write_text(catalog, encoding="utf-8")
    plugin = re.search(r"plugins:\n(.*)", (ROOT / "mkdocs-corpus.yml").read_text(), re.S)
    assert plugin is not None
    search = re.search(r"search: (\w+)", plugin[1])
    config = FOLDER / "mkdocs-corpus.yml"
    config.write_text(
        f"""INHERIT: {ROOT / "mkdocs-corpus.yml"}
docs_dir: {ROOT / "docs"}
site_dir: {FOLDER / "site"}
plugins:
  - comparator:
      edition: corpus
      search: {search[1] if search else "terms"}
      cache_dir: {FOLDER / "cache"}
      catalogs:
        - {ROOT / "sources" / "catalog.toml"}
        - {FOLDER / "catalog" / "corpus.toml"}
""",
        encoding="utf-8",
    )
    return config


def build(config: Path) -> dict:
    """One build: wall time, peak memory (MB, the largest process) and its log."""
    command = [sys.executable, "-m", "comparator", "build", "--config-file", str(config)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=ENVIRONMENT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    log = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the corpus build failed:\n{log[-3000:]}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "log": log}


def texts(log: str) -> dict:
    published = re.search(r"(\d+) texts of the collections published, (\d+) left out", log)
    total = re.search(r"comparator: (\d+) texts,", log)
    laid_out = re.search(r"(\d+) pages to lay out, (\d+) unchanged", log)
    return {
        "published": int(total[1]) if total else None,
        "collected": int(published[1]) if published else None,
        "left_out": int(published[2]) if published else None,
        "pages_laid_out": int(laid_out[1]) if laid_out else None,
        "pages_reused": int(laid_out[2]) if laid_out else None,
    }


def edit_one_text() -> None:
    path = FOLDER / "lawrefbook" / EDITED
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("第一条 为了", "第一条 为了规范养犬行为，为了", 1), encoding="utf-8"
    )


def add_one_text() -> None:
    shutil.copyfile(LAWREFBOOK / ADDED, FOLDER / "lawrefbook" / ADDED)


def site_figures(site: Path) -> dict:
    """Pages, bytes, the largest page and the largest shell (HTML outside the content)."""
    pages = sorted(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(pages, key=lambda p: p.stat().st_size)
    shells = [(_shell_bytes(p), p) for p in pages]
    shell, widest = max(shells)
    return {
        "pages": len(pages),
        "site_mb": total / 2**20,
        "largest_page": str(largest.relative_to(site)),
        "largest_page_kb": largest.stat().st_size / 1024,
        "largest_shell_page": str(widest.relative_to(site)),
        "largest_shell_kb": shell / 1024,
    }


def _shell_bytes(page: Path) -> int:
    html = page.read_bytes()
    start = html.find(b'<article class="md-content__inner')
    end = html.rfind(b"</article>")
    if start < 0 or end < start:
        return len(html)
    return len(html) - (end - start)


def search_figures(site: Path) -> list[dict]:
    """Each query typed into the header's search on the home page, in a fresh tab."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import browser, serve
    from tests.search_probe import measure_query

    with serve(site) as origin, browser() as chromium:
        return [measure_query(chromium, origin, query) for query in QUERIES]


def serve_figures(edits: int = 3) -> dict:
    """``mkdocs serve`` on the corpus: from saving an edited text to its page showing the
    edit (the build before must have filled the cache)."""
    site = FOLDER / "site" / "regulations"
    page_id = next(
        p.name
        for p in site.iterdir()
        if "<title>东营市养犬管理条例 " in (p / "index.html").read_text(encoding="utf-8")
    )
    path = FOLDER / "lawrefbook" / EDITED
    # Words found nowhere else, each edit replacing the one before.
    words = ["试改甲", "试改乙", "试改丙", "试改丁"]
    text = re.sub("试改.", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("第一条 ", f"第一条 {words[0]}", 1), encoding="utf-8")
    times = serving.time_edits(
        ["-f", str(FOLDER / "mkdocs-corpus.yml")],
        ROOT,
        FOLDER / "serve.log",
        f"regulations/{page_id}/",
        path,
        words,
        edits,
        1800,
        ENVIRONMENT,
    )
    return {"seconds": times}


def measure(skip_search: bool = False, skip_serve: bool = False) -> dict:
    config = prepare()
    cold = build(config)
    unchanged = build(config)
    edit_one_text()
    edited = build(config)
    add_one_text()
    added = build(config)
    results = {
        "texts": texts(added["log"]),
        "cold": {k: v for k, v in cold.items() if k != "log"},
        "unchanged": {k: v for k, v in unchanged.items() if k != "log"},
        "one_edit": {k: v for k, v in edited.items() if k != "log"} | texts(edited["log"]),
        "one_added": {k: v for k, v in added.items() if k != "log"} | texts(added["log"]),
        "site": site_figures(FOLDER / "site"),
    }
    _save(results)
    if not skip_search:
        results["search"] = search_figures(FOLDER / "site")
        _save(results)
    if not skip_serve:
        results["serve"] = serve_figures()
        _save(results)
    return results


def _save(results: dict) -> None:
    (FOLDER / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def rows(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, value, target, met?) for the report."""
    t, site = results["texts"], results["site"]
    found = [
        (
            "corpus: texts published / left out",
            f"{t['published']:,} ({t['collected']:,} of the collection) / {t['left_out']}",
            "",
            None,
        ),
        (
            "corpus: cold build, peak memory",
            f"{results['cold']['seconds']:.0f} s, {results['cold']['peak_mb']:.0f} MB",
            "",
            None,
        ),
        ("corpus: rebuild, nothing changed", f"{results['unchanged']['seconds']:.1f} s", "", None),
        (
            "corpus: rebuild after one edit",
            f"{results['one_edit']['seconds']:.1f} s "
            f"({results['one_edit']['pages_laid_out']} pages laid out)",
            "< 15 s",
            results["one_edit"]["seconds"] < TARGETS["rebuild_seconds"],
        ),
        (
            "corpus: rebuild after one text added",
            f"{results['one_added']['seconds']:.1f} s "
            f"({results['one_added']['pages_laid_out']} pages laid out)",
            "",
            None,
        ),
        (
            "corpus: site size, pages",
            f"{site['site_mb']:.0f} MB, {site['pages']:,} pages",
            "≤ 1 GB",
            site["site_mb"] <= TARGETS["site_mb"],
        ),
        (
            "corpus: largest page; largest shell",
            f"{site['largest_page_kb']:.0f} KB ({site['largest_page']}); "
            f"{site['largest_shell_kb']:.0f} KB",
            "shell ≤ 300 KB",
            site["largest_shell_kb"] <= TARGETS["shell_kb"],
        ),
    ]
    if "serve" in results:
        seconds = results["serve"]["seconds"]
        found.append(
            (
                "corpus: mkdocs serve, saved text -> page shows it",
                ", ".join(f"{t:.1f} s" for t in seconds),
                "< 15 s",
                max(seconds) < TARGETS["rebuild_seconds"],
            )
        )
    for query in results.get("search", []):
        ok = (
            query["first_result_seconds"] < SEARCH_TARGETS["first_result_seconds"]
            and query["fetched_mb"] < SEARCH_TARGETS["fetched_mb"]
            and query["memory_mb"] < SEARCH_TARGETS["memory_mb"]
        )
        found.append(
            (
                f"corpus search {query['query']}: first result, fetched, memory",
                f"{query['first_result_seconds']:.2f} s, {query['fetched_mb'] * 1024:.0f} KB, "
                f"{query['memory_mb']:.0f} MB",
                "< 1.5 s, < 2 MB, < 200 MB",
                ok,
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--serve-only", action="store_true", help="after a run: serve alone")
    options = parser.parse_args()
    if options.serve_only:
        print(json.dumps(serve_figures(), indent=2))
        return
    results = measure(options.skip_search, options.skip_serve)
    for figure, value, target, ok in rows(results):
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{figure:<58}  {value:<40}  {target:<26}  {verdict}")


if __name__ == "__main__":
    main()

"""Time and peak memory to align synthetic article pairs of growing size.

Each case runs in a process of its own, so that its peak resident memory
(``ru_maxrss``) is its own: a revision (``synthetic.revision_pair``, the pair
``align_speed`` times) and a cross comparison of the same two texts. Targets: a
10,000 x 10,000 revision or cross comparison under 1 GB and under 10 s. The time
includes loading jieba's dictionary (a cross comparison segments its texts).

A cross comparison of many texts has their words segmented by a second process, forked
from the first (``background.PARALLEL_TEXTS``), while the first weighs their bigrams; its
peak (pages shared with the first included) is shown beside the first's.

Both kinds score every pair of articles up to ``Scale.dense_cells`` pairs (1,000 x 1,000
here) and each article's nearest neighbours above (3,000 and 10,000 here).

Run: python benchmarks/align_scale.py                              (``CASES``)
     python benchmarks/align_scale.py --sizes 1000,10000 --kinds revision
     python benchmarks/align_scale.py --case revision --size 10000   (one case, JSON)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_SECONDS = 10.0
TARGET_MB = 1024.0
ROOT = Path(__file__).resolve().parent.parent
# What ``make bench`` measures: (kind, articles a side).
CASES = (
    ("revision", 1000),
    ("revision", 10_000),
    ("cross", 1000),
    ("cross", 3000),
    ("cross", 10_000),
)
# Cases left out on purpose, and why.
NOT_RUN: dict[tuple[str, int], str] = {}


def run_case(kind: str, size: int) -> dict:
    """Align one synthetic pair in this process: wall time of ``align`` and peak memory."""
    from synthetic import revision_pair

    from comparator.compare.align import align
    from comparator.library import Library
    from comparator.vocabulary import Kind

    library = Library.open([ROOT / "sources" / "catalog.toml"])
    old, new = revision_pair(library, size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    alignment = align(old, new, Kind(kind))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    second = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "kind": kind,
        "articles": size,
        "seconds": elapsed,
        "peak_mb": peak,
        "peak_mb_before_align": before,
        "peak_mb_second_process": second,
        "counts": {k: v for k, v in alignment.counts().items() if v},
    }


def measure(kind: str, size: int, timeout: float = 900) -> dict:
    """One case in a fresh process (its own peak memory); ``failed`` if it dies."""
    command = [sys.executable, __file__, "--case", kind, "--size", str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"kind": kind, "articles": size, "failed": f"no result in {timeout:.0f} s"}
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return {"kind": kind, "articles": size, "failed": reason}
    figures: dict = json.loads(done.stdout)
    return figures


def line(figures: dict) -> str:
    size = figures["articles"]
    name = f"align {figures['kind']} {size:,} x {size:,} articles"
    if "failed" in figures:
        return f"{name}: failed ({figures['failed']})"
    verdict = ""
    if size >= 10_000:
        peaks = (figures["peak_mb"], figures.get("peak_mb_second_process", 0))
        ok = figures["seconds"] < TARGET_SECONDS and max(peaks) < TARGET_MB
        verdict = f"  (target < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB: "
        verdict += "ok)" if ok else "MISSED)"
    second = figures.get("peak_mb_second_process", 0)
    also = f", second process {second:.0f} MB" if second else ""
    return (
        f"{name}: {figures['seconds']:.2f} s, peak {figures['peak_mb']:.0f} MB "
        f"({figures['peak_mb_before_align']:.0f} MB before aligning{also}){verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", help="articles a side, e.g. 1000,10000 (default: CASES)")
    parser.add_argument("--kinds", default="revision,cross")
    parser.add_argument("--case", choices=["revision", "cross"])
    parser.add_argument("--size", type=int, default=1000)
    options = parser.parse_args()
    if options.case:
        print(json.dumps(run_case(options.case, options.size)))
        return
    kinds = [k for k in options.kinds.split(",") if k]
    cases = [(kind, size) for kind, size in CASES if kind in kinds]
    if options.sizes:
        cases = [(kind, int(n)) for n in options.sizes.split(",") if n for kind in kinds]
    for kind, size in cases:
        print(line(measure(kind, size)), flush=True)
    for (kind, size), reason in NOT_RUN.items():
        if kind in kinds and not options.sizes:
            print(f"align {kind} {size:,} x {size:,} articles: {reason}")


if __name__ == "__main__":
    main()

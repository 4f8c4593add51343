"""Time to align and diff a synthetic 1,000 x 1,000 article pair (target: under 2 s).

Run: python benchmarks/align_speed.py [--size N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import revision_pair

from comparator.compare.align import align
from comparator.compare.diff import diff_texts
from comparator.library import Library
from comparator.vocabulary import Kind

TARGET_SECONDS = 2.0


def measure(size: int) -> dict[str, float]:
    library = Library.open([Path(__file__).resolve().parent.parent / "sources" / "catalog.toml"])
    old, new = revision_pair(library, size)
    diff_texts("预热", "预热。")  # load jieba's dictionary outside the timing
    start = time.perf_counter()
    alignment = align(old, new, Kind.REVISION)
    aligned = time.perf_counter()
    pairs = [p for p in alignment.pairs if p.left is not None and p.right is not None]
    for pair in pairs:
        diff_texts(old.article(pair.left).text, new.article(pair.right).text)
    done = time.perf_counter()
    return {
        "articles": size,
        "pairs": len(pairs),
        "align_seconds": aligned - start,
        "diff_seconds": done - aligned,
        "total_seconds": done - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    size = parser.parse_args().size
    figures = measure(size)
    verdict = "ok" if figures["total_seconds"] < TARGET_SECONDS else "OVER TARGET"
    print(
        f"align + diff {size:,} x {size:,} articles: align {figures['align_seconds']:.2f} s, "
        f"diff of {figures['pairs']} pairs {figures['diff_seconds']:.2f} s, "
        f"total {figures['total_seconds']:.2f} s (target < {TARGET_SECONDS:.0f} s: {verdict})"
    )


if __name__ == "__main__":
    main()

"""Time to parse an item followed by many plain lines before the next item.

Each plain line between two items continues the item before them; whether it does
depends on the next item, which the parser once looked for by reading ahead from every
line (30,000 lines took minutes). It is now worked out in one pass: the time grows with
the number of lines, not with its square.

Run: python benchmarks/long_item.py [--lines N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from comparator.text.load import load_file


def long_item_text(lines: int) -> str:
    """One article: an item, ``lines`` plain lines, then a second item."""
    return "第一条 下列事项：\n（一）第一项；\n" + "续行文字；\n" * lines + "（二）第二项。\n"


def measure(lines: int) -> float:
    """Seconds to read, split and parse the text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long-item.txt"
        path.write_text(long_item_text(lines), encoding="utf-8")
        start = time.perf_counter()
        load_file(path)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=30_000)
    arguments = parser.parse_args()
    seconds = measure(arguments.lines)
    print(f"an item followed by {arguments.lines:,} plain lines: parsed in {seconds:.2f} s")


if __name__ == "__main__":
    main()

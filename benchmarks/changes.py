"""The change summary against the hand-made references of tests/fixtures/changes.

For each revision, the substantive changes a careful clerk reports (kind, articles,
the words on each side, a reason) were written by reading the texts. The script
prints precision and recall of ``comparator changes`` against them, and names every
change missed and every entry the reference does not hold.

Run: python benchmarks/changes.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from comparator.compare.change_reference import ChangeReference, score_changes
from comparator.library import Library
from comparator.vocabulary import Kind

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = ROOT / "tests" / "fixtures" / "changes"


def main() -> int:
    library = Library.open([ROOT / "sources" / "catalog.toml"])
    print("Change summary against the references (tests/fixtures/changes):")
    print(f"  {'revision':<40} {'entries':>7} {'reference':>9} {'P':>5} {'R':>5}")
    for path in sorted(REFERENCES.glob("*.json")):
        reference = ChangeReference.load(path)
        summary = library.summary(reference.left, reference.right, Kind.REVISION)
        result = score_changes(summary, reference)
        print(
            f"  {path.stem:<40} {len(summary.changes):>7} {len(reference.changes):>9}"
            f" {result.precision:>5.2f} {result.recall:>5.2f}"
        )
        for expected in result.missed:
            print(f"      missed: {expected.describe()}  ({expected.reason})")
        for change in result.extra:
            left, right = summary.cited(change)
            print(f"      not in the reference: {left or '—'} -> {right or '—'} {change.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

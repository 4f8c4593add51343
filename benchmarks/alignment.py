"""Alignment quality against the hand-made references, and real version pairs.

Prints precision, recall and AER (Och & Ney, sure and possible links) for every
reference in tests/fixtures/alignment, then the status counts of the version pairs
of ../shared/corpus (when it is there).

Run: python benchmarks/alignment.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from comparator.compare.evaluate import Reference, links_of, score
from comparator.library import Library
from comparator.text.load import load_file
from comparator.vocabulary import Kind, Status

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = ROOT / "tests" / "fixtures" / "alignment"
CORPUS = ROOT.parent / "shared" / "corpus"

# Real version pairs: old -> new (a corpus file name, or a catalog id).
VERSION_PAIRS = [
    ("daibiaofa-2015", "daibiaofa-2025"),
    ("jiandufa-2006", "jiandufa-2024"),
    ("beijing-beian-shencha-2021", "beijing-beian-shencha-2024"),
    ("shanghai-yiwu-jiaoyu-shishi-2009", "shanghai-yiwu-jiaoyu-shishi-2024"),
    ("chongqing-daibiaofa-shishi-2016", "chongqing-draft"),
]


def open_library() -> Library:
    library = Library.open([ROOT / "sources" / "catalog.toml"])
    return library


def resolve(library: Library, name: str) -> str:
    """A catalog id, or a corpus text loaded under its file name."""
    if name in library.catalog.entries:
        return name
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(path)
    (loaded,) = load_file(path)
    library.add(loaded)
    return loaded.regulation.id


def evaluate_references(library: Library) -> list[dict]:
    results = []
    for path in sorted(REFERENCES.glob("*.json")):
        reference = Reference.load(path)
        try:
            left, right = resolve(library, reference.left), resolve(library, reference.right)
        except FileNotFoundError as missing:
            print(f"  {path.stem}: skipped, {missing} is not there")
            continue
        alignment = library.alignment(left, right, Kind(reference.kind))
        result = score(alignment, reference)
        added = {p.right for p in alignment.pairs if p.status is Status.ADDED}
        deleted = {p.left for p in alignment.pairs if p.status is Status.DELETED}
        results.append(
            {
                "pair": path.stem,
                "kind": reference.kind,
                "precision": result.precision,
                "recall": result.recall,
                "aer": result.aer,
                "proposed": result.proposed,
                "sure": result.sure,
                "added_ok": reference.added == added if reference.complete else None,
                "deleted_ok": reference.deleted == deleted if reference.complete else None,
                "missed": sorted(reference.sure - links_of(alignment)),
            }
        )
    return results


def version_pair_counts(library: Library) -> list[dict]:
    rows = []
    for old, new in VERSION_PAIRS:
        try:
            left, right = resolve(library, old), resolve(library, new)
        except FileNotFoundError:
            continue
        alignment = library.alignment(left, right, Kind.REVISION)
        counts = {k: v for k, v in alignment.counts().items() if v}
        same_numbers = all(
            p.left == p.right for p in alignment.pairs if p.left is not None and p.right is not None
        ) and not any(p.left is None or p.right is None for p in alignment.pairs)
        rows.append({"pair": f"{old} -> {new}", "counts": counts, "same_numbers": same_numbers})
    return rows


def main() -> int:
    library = open_library()
    print("Alignment against the hand-made references (tests/fixtures/alignment):")
    print(f"  {'pair':<55} {'kind':<9} {'P':>5} {'R':>5} {'AER':>5}  links")
    results = evaluate_references(library)
    for r in results:
        extra = ""
        if r["added_ok"] is not None:
            added = "ok" if r["added_ok"] else "DIFFERS"
            deleted = "ok" if r["deleted_ok"] else "DIFFERS"
            extra = f"  added {added}, deleted {deleted}"
        print(
            f"  {r['pair']:<55} {r['kind']:<9} {r['precision']:5.2f} {r['recall']:5.2f} "
            f"{r['aer']:5.2f}  {r['proposed']} proposed / {r['sure']} sure{extra}"
        )
    if CORPUS.is_dir():
        print("\nReal version pairs (../shared/corpus), status counts:")
        for row in version_pair_counts(library):
            counts = ", ".join(f"{k} {v}" for k, v in row["counts"].items())
            note = "  (every article n pairs with article n)" if row["same_numbers"] else ""
            print(f"  {row['pair']:<70} {counts}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

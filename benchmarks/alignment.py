"""Alignment quality against the hand-made references, held out; and real version pairs.

For every reference in tests/fixtures/alignment (sure and possible links, written by
reading the texts), the weights and thresholds are chosen on the *other* references
of the same kind (leave one pair out), and the pair is scored with them: precision,
recall and AER (Och & Ney). Then:

- the ablation: the mean held-out AER of the cross pairs as each signal is added;
- the precision of the two bands the site shows (对应 / 相关) on the held-out pairs;
- the settings chosen on all references, to compare with comparator/compare/settings.py;
- the status counts of the version pairs of ../shared/corpus (when it is there).

Run: python benchmarks/alignment.py
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from comparator.compare.aligner import Aligner
from comparator.compare.evaluate import Reference, links_of, score
from comparator.compare.pairs import Alignment
from comparator.compare.settings import DEFAULT, Settings
from comparator.library import Library
from comparator.text.load import load_file
from comparator.vocabulary import Kind, Status

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = ROOT / "tests" / "fixtures" / "alignment"
CORPUS = ROOT.parent / "shared" / "corpus"
# The 对应 band is calibrated to at least this precision on the pairs it is chosen on.
BAND_PRECISION = 0.9

# Real version pairs: old -> new (a corpus file name, or a catalog id).
VERSION_PAIRS = [
    ("daibiaofa-2015", "daibiaofa-2025"),
    ("jiandufa-2006", "jiandufa-2024"),
    ("beijing-beian-shencha-2021", "beijing-beian-shencha-2024"),
    ("shanghai-yiwu-jiaoyu-shishi-2009", "shanghai-yiwu-jiaoyu-shishi-2024"),
    ("chongqing-2016", "chongqing-draft"),
]

# The values each setting is tried at (coordinate descent, from the current settings).
CROSS_GRID = {
    ("weights", "word"): [0.0, 0.25, 0.5, 0.75],
    ("weights", "chapter"): [0.0, 0.05, 0.1],
    ("weights", "pivot"): [0.0, 0.1, 0.2, 0.3],
    ("weights", "agreement"): [0.0, 0.1, 0.2, 0.3],
    ("cross", "match"): [0.1, 0.12, 0.14, 0.16, 0.2, 0.25],
    ("cross", "extra"): [0.2, 0.25, 0.3, 0.4, 1.0],
}
REVISION_GRID = {
    ("revision", "match"): [0.08, 0.1, 0.12, 0.15, 0.2],
    ("revision", "moved"): [0.4, 0.45, 0.5, 0.55, 0.6, 0.7],
    ("revision", "contained"): [0.6, 0.65, 0.7, 0.75, 0.8, 0.9],
    ("revision", "contained_cosine"): [0.15, 0.2, 0.25, 0.3, 0.4],
    ("revision", "paragraph_cosine"): [0.3, 0.4, 0.5, 0.6],
    ("revision", "paragraph_contained"): [0.5, 0.6, 0.7, 0.8],
}
# The ablation: signals added one by one (the settings not named stay off).
ABLATION = [
    ("character bigrams, idf of the two texts", {"corpus_idf": False}),
    ("+ idf over the whole collection", {}),
    ("+ words (jieba, collection idf)", {"word": None}),
    ("+ matched chapters", {"word": None, "chapter": None}),
    ("+ the national law as pivot", {"word": None, "chapter": None, "pivot": None}),
    (
        "+ other jurisdictions' texts",
        {"word": None, "chapter": None, "pivot": None, "agreement": None},
    ),
]


@dataclass(frozen=True)
class Case:
    name: str
    reference: Reference

    @property
    def kind(self) -> Kind:
        return Kind(self.reference.kind)

    def aligned(self, aligner: Aligner) -> Alignment:
        return aligner.alignment(self.reference.left, self.reference.right, self.kind)


def main() -> int:
    library = Library.open([ROOT / "sources" / "catalog.toml"])
    cases = list(load_cases())
    # The aligner alone: an editor's links (sources/links.toml) would grade its own answers.
    aligner = Aligner(library.regulation, library.background(), library.relations())
    print("Held-out alignment quality (settings chosen on the other references of the kind):")
    print(f"  {'pair':<42} {'kind':<9} {'P':>5} {'R':>5} {'AER':>5}  links")
    held_out: dict[str, Alignment] = {}
    for kind, grid in ((Kind.CROSS, CROSS_GRID), (Kind.REVISION, REVISION_GRID)):
        for case, alignment in leave_one_out(aligner, cases, kind, grid):
            held_out[case.name] = alignment
            report(case, alignment)
    print("\nAblation (cross pairs, mean held-out AER as each signal is added):")
    for label, signals in ABLATION:
        fixed = _ablated(signals)
        aers = [
            score(alignment, case.reference).aer
            for case, alignment in leave_one_out(aligner, cases, Kind.CROSS, CROSS_GRID, fixed)
        ]
        print(f"  {label:<45} {sum(aers) / len(aers):.2f}   ({' '.join(f'{a:.2f}' for a in aers)})")
    print("\nBands on the held-out cross pairs (share of links a reference accepts):")
    bands(cases, held_out)
    print("\nSettings chosen on all references (comparator/compare/settings.py holds):")
    for kind, grid in ((Kind.CROSS, CROSS_GRID), (Kind.REVISION, REVISION_GRID)):
        chosen = tune(aligner, [c for c in cases if c.kind is kind], grid)
        for (group, name), _ in grid.items():
            value, current = _get(chosen, group, name), _get(DEFAULT, group, name)
            flag = "" if value == current else f"   (settings.py: {current})"
            print(f"  {group}.{name} = {value}{flag}")
    if CORPUS.is_dir():
        print("\nReal version pairs (../shared/corpus), status counts:")
        for row in version_pair_counts(library):
            counts = ", ".join(f"{k} {v}" for k, v in row["counts"].items())
            same = "  (every article n pairs with article n)" if row["same_numbers"] else ""
            print(f"  {row['pair']:<70} {counts}{same}")
    return 0


def load_cases() -> Iterator[Case]:
    for path in sorted(REFERENCES.glob("*.json")):
        reference = Reference.load(path)
        yield Case(path.stem, reference)


def leave_one_out(
    aligner: Aligner, cases: list[Case], kind: Kind, grid: dict, fixed: dict | None = None
) -> Iterator[tuple[Case, Alignment]]:
    """Each case of ``kind``, aligned with the settings chosen on the others."""
    of_kind = [c for c in cases if c.kind is kind]
    start = _with(DEFAULT, fixed or {})
    for case in of_kind:
        others = [c for c in of_kind if c is not case]
        settings = tune(aligner, others, grid, fixed, start)
        yield case, case.aligned(aligner.with_settings(settings))


def tune(
    aligner: Aligner,
    cases: list[Case],
    grid: dict,
    fixed: dict | None = None,
    start: Settings = DEFAULT,
) -> Settings:
    """Coordinate descent on the mean AER of ``cases`` (ties keep the current value)."""
    fixed = fixed or {}
    best, best_aer = start, _mean_aer(aligner, cases, start)
    for _ in range(2):
        improved = False
        for (group, name), values in grid.items():
            if name in fixed:
                continue
            for value in values:
                candidate = _set(best, group, name, value)
                aer = _mean_aer(aligner, cases, candidate)
                if aer < best_aer - 1e-9:
                    best, best_aer, improved = candidate, aer, True
        if not improved:
            break
    return _calibrated(aligner, cases, best)


def _calibrated(aligner: Aligner, cases: list[Case], settings: Settings) -> Settings:
    """The 对应 / 相关 line: the lowest score above which BAND_PRECISION of the links hold."""
    if not cases or cases[0].kind is not Kind.CROSS:
        return settings
    scored = []
    for case in cases:
        alignment = case.aligned(aligner.with_settings(settings))
        for pair in alignment.pairs:
            if pair.evidence is not None:
                right = (pair.left, pair.right) in case.reference.possible
                scored.append((pair.evidence.score, right))
    scored.sort(reverse=True)
    strong, held = settings.cross.strong, 0
    for rank, (value, right) in enumerate(scored, 1):
        held += right
        if held / rank >= BAND_PRECISION:
            strong = value
    return _set(settings, "cross", "strong", round(strong, 3))


def _mean_aer(aligner: Aligner, cases: list[Case], settings: Settings) -> float:
    tuned = aligner.with_settings(settings)
    aers = [score(c.aligned(tuned), c.reference).aer for c in cases]
    return sum(aers) / len(aers)


def report(case: Case, alignment: Alignment) -> None:
    result = score(alignment, case.reference)
    extra = ""
    if case.reference.complete:
        reference = case.reference
        # An article with only possible links may fairly be paired or left alone.
        maybe = reference.possible - reference.sure
        maybe_left = {a for a, _ in maybe} - {a for a, _ in reference.sure}
        maybe_right = {b for _, b in maybe} - {b for _, b in reference.sure}
        added = {p.right for p in alignment.pairs if p.status is Status.ADDED}
        deleted = {p.left for p in alignment.pairs if p.status is Status.DELETED}
        wrong_added = len((added ^ reference.added) - maybe_right)
        wrong_deleted = len((deleted ^ reference.deleted) - maybe_left)
        extra = f"  only-one-side: {wrong_deleted} left, {wrong_added} right differ"
    print(
        f"  {case.name:<42} {case.kind.value:<9} {result.precision:5.2f} {result.recall:5.2f} "
        f"{result.aer:5.2f}  {result.proposed} proposed / {result.sure} sure{extra}"
    )
    missed = sorted(case.reference.sure - links_of(alignment))
    wrong = sorted(links_of(alignment) - case.reference.possible)
    if missed or wrong:
        print(f"      missed {_links(missed)}; not in the reference {_links(wrong)}")


def bands(cases: list[Case], held_out: dict[str, Alignment]) -> None:
    counts = {Status.RELATED: [0, 0], None: [0, 0]}
    for case in cases:
        if case.kind is not Kind.CROSS:
            continue
        for pair in held_out[case.name].pairs:
            if pair.left is None or pair.right is None:
                continue
            band = counts[Status.RELATED if pair.status is Status.RELATED else None]
            band[0] += 1
            band[1] += (pair.left, pair.right) in case.reference.possible
    for label, (total, right) in (("对应", counts[None]), ("相关", counts[Status.RELATED])):
        share = f"{right / total:.2f}" if total else "-"
        print(f"  {label}: {share} ({right} of {total} links)")


def version_pair_counts(library: Library) -> Iterator[dict]:
    for old, new in VERSION_PAIRS:
        try:
            left, right = _resolve(library, old), _resolve(library, new)
        except FileNotFoundError:
            continue
        alignment = library.alignment(left, right, Kind.REVISION)
        yield {
            "pair": f"{old} -> {new}",
            "counts": {k: v for k, v in alignment.counts().items() if v},
            "same_numbers": all(p.left == p.right for p in alignment.pairs),
        }


def _resolve(library: Library, name: str) -> str:
    """A catalog id, or a corpus text loaded under its file name."""
    if name in library.catalog.entries:
        return name
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(path)
    (loaded,) = load_file(path)
    library.add(loaded)
    return loaded.regulation.id


def _ablated(signals: dict) -> dict:
    """The weights an ablation row holds fixed: every signal not named is off."""
    fixed = {"word": 0.0, "chapter": 0.0, "pivot": 0.0, "agreement": 0.0}
    for name, value in signals.items():
        if value is None:
            fixed.pop(name)
        else:
            fixed[name] = value
    return fixed


def _with(settings: Settings, fixed: dict) -> Settings:
    for name, value in fixed.items():
        settings = _set(settings, "weights", name, value)
    return settings


def _get(settings: Settings, group: str, name: str) -> object:
    return getattr(getattr(settings, group), name)


def _set(settings: Settings, group: str, name: str, value: object) -> Settings:
    return replace(settings, **{group: replace(getattr(settings, group), **{name: value})})


def _links(links: list) -> str:
    return " ".join(f"{a}-{b}" for a, b in links) or "none"


if __name__ == "__main__":
    sys.exit(main())

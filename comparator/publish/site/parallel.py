"""Computing the comparisons in several processes before the pages are laid out.

Each comparison (alignment, change summary, diffs, the four office and data
exports) is independent of the others. Worker processes, forked after the texts
are parsed and jieba's dictionary is loaded, compute them into the disk cache;
the build then finds every result there. Without a disk cache, or with one
worker, nothing happens here and the build computes as it goes.

A worker ends with the build that forked it, however the build ends
(``comparator.workers``).
"""

from __future__ import annotations

from concurrent.futures import as_completed

from comparator.cache import NoCache
from comparator.compare.table import table_pairs
from comparator.compare.words import segmenter
from comparator.library import Library
from comparator.progress import NO_PROGRESS, Progress
from comparator.publish.site.downloads import comparison_downloads
from comparator.vocabulary import Kind
from comparator.workers import forked_pool

_library: Library | None = None  # the parent's library, inherited by the forked workers


def _comparison(job: tuple[str, str, str, bool]) -> None:
    assert _library is not None
    left, right, kind, downloads = job
    library, kind_ = _library, Kind(kind)
    alignment = library.alignment(left, right, kind_)
    if kind_ is Kind.CROSS and library.catalog.comparison(left, right) is None:
        return  # a text and the law it implements: the matrix needs the alignment alone
    library.summary(left, right, kind_)
    library.diffs(table_pairs(alignment))
    comparison = library.catalog.comparison(left, right)
    if comparison is not None and downloads:
        comparison_downloads(library, comparison)


def _done(library: Library, job: tuple[str, str, str, bool]) -> bool:
    """Are a job's alignment and (for a listed comparison) its summary in the cache?
    A job that also writes downloads always runs (they are checked where written)."""
    left, right, kind, downloads = job
    if downloads:
        return False
    stages = ["align"]
    if library.catalog.comparison(left, right) is not None:
        stages.append("summary")
    return all(library.computed(stage, left, right, Kind(kind)) for stage in stages)


def precompute(
    library: Library, workers: int, progress: Progress = NO_PROGRESS, downloads: bool = True
) -> None:
    """Fill the cache with every comparison's results (its downloads too, if the site
    offers them), and the alignment of each text with the law it implements, ``workers``
    at a time, reporting each one done to ``progress`` (the stage 计算对照)."""
    global _library
    jobs = [(c.left, c.right, c.kind.value, downloads) for c in library.catalog.comparisons]
    for law in library.catalog.implemented_laws:
        jobs += [(law, e.id, Kind.CROSS.value, False) for e in library.catalog.implementations(law)]
    if workers <= 1 or isinstance(library.cache, NoCache):
        return
    # A rebuild finds most of them done: no text is read, no worker forked for those.
    jobs = [job for job in jobs if not _done(library, job)]
    if len(jobs) < 2:
        return
    for left, right, *_ in jobs:  # parsed once, here, and inherited by every worker
        library.regulation(left)
        library.regulation(right)
    segmenter()  # likewise the comparisons' jieba dictionary
    _library = library
    try:
        pool = forked_pool(workers)
        try:
            # The largest first, so no worker is left with a long one at the end.
            jobs.sort(key=lambda job: -len(library.regulation(job[0]).articles))
            with progress.stage("计算对照", len(jobs)) as stage:
                # Counted as they finish, whatever their order, so one long job at the
                # front does not hold the count back.
                for done in as_completed([pool.submit(_comparison, job) for job in jobs]):
                    done.result()
                    stage.advance()
        finally:
            # After a failure (a full disk), the jobs not started would fail the same way.
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _library = None

"""Words of an article: segmented run by run, as jieba segments the whole text."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparator.compare import background
from comparator.compare.background import Terms, bigrams, core, terms, words
from comparator.compare.fold import folded
from comparator.compare.words import blocks, cut_block, segmenter

from .conftest import CORPUS, ROOT

TEXTS = sorted([*CORPUS.glob("*.txt"), *(ROOT / "sources").glob("*.txt")])


def _jieba_words(text: str) -> tuple[str, ...]:
    """The words as jieba gives them for the whole folded text (``words``' definition)."""
    cut = segmenter().cut(folded(text), HMM=False)
    return tuple(word for word in cut if len(core(word)) >= 2)


def _lines() -> list[str]:
    return [line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_texts_are_there():
    assert len(TEXTS) > 20


def test_every_run_of_every_text_is_cut_as_jieba_cuts_it():
    runs = {run for path in TEXTS for run in blocks(folded(path.read_text(encoding="utf-8")))}
    assert len(runs) > 1000
    for run in runs:
        assert cut_block(run) == list(segmenter().cut(run, HMM=False)), run


def test_words_of_every_line_and_every_whole_text_are_jiebas():
    for text in [*_lines(), *(path.read_text(encoding="utf-8") for path in TEXTS)]:
        assert words(text) == _jieba_words(text)


# Ideographs of the domain, Latin letters and digits (jieba joins single ones), the joiners
# jieba keeps inside a run, punctuation and spaces that end one.
_LETTERS = (
    "人民代表大会常务委员会闭会期间质询第条款项一二三〇"
    "OoABCxyz0123456789.%+-_#&"
    "，。、；：（）《》 \r\n\t\u3000"
)


@given(st.text(alphabet=_LETTERS, max_size=40))
def test_any_text_gets_jiebas_words(text):
    assert words(text) == _jieba_words(text)
    for run in blocks(text):
        assert cut_block(run) == list(segmenter().cut(run, HMM=False))


@given(st.text(max_size=12) | st.text(alphabet=_LETTERS, max_size=12))
def test_a_words_letters_are_counted_as_core_counts_them(word):
    """A word of letters, digits and ideographs alone is counted without folding it."""
    assert background._letters(word) == len(core(word))


@pytest.mark.parametrize(
    "text", ["", "，。", "a b c", "abc1.5%的", "第3条a款\r\n第4条", "H7N9，A-B", "二OO三年"]
)
def test_edge_cases_get_jiebas_words(text):
    assert words(text) == _jieba_words(text)


def _texts(count: int) -> list[str]:
    lines = [line for line in _lines() if len(line) > 10]
    return [*lines[:count], *lines[:10]]  # some given twice


def _as_plain(found: list[Terms]) -> list[tuple[dict[str, int], dict[str, int]]]:
    return [(dict(t.bigrams), dict(t.words)) for t in found]


def _expected(texts: list[str]) -> list[tuple[dict[str, int], dict[str, int]]]:
    return [(dict(bigrams(text)), dict(Counter(_jieba_words(text)))) for text in texts]


def test_terms_counted_in_two_processes_are_those_counted_in_one(monkeypatch):
    texts = _texts(300)
    monkeypatch.setattr(background, "_known_words", {})
    alone = _as_plain(terms(texts))
    monkeypatch.setattr(background, "_known_words", {})
    monkeypatch.setattr(background, "PARALLEL_TEXTS", 10)
    in_two = _as_plain(terms(texts))
    assert in_two == alone == _expected(texts)
    assert multiprocessing.active_children() == []  # the second process has ended


@pytest.mark.parametrize("meanwhile_seconds", [0.0, 1.5])
def test_texts_are_shared_out_in_chunks_and_the_rest_taken_back(monkeypatch, meanwhile_seconds):
    """The second process is handed chunks of texts; those it has not started when this
    process is done with its own work (at once, or after the child did them all) are
    segmented here: either way every text gets its own words."""
    texts = _texts(300)
    monkeypatch.setattr(background, "_known_words", {})
    monkeypatch.setattr(background, "PARALLEL_TEXTS", 10)
    monkeypatch.setattr(background, "CHUNK_TEXTS", 7)
    result = background.segment_while(texts, lambda: time.sleep(meanwhile_seconds) or "done")
    assert result == "done"
    assert [dict(Counter(words(text))) for text in texts] == [e[1] for e in _expected(texts)]
    assert multiprocessing.active_children() == []


def _terms_in_worker(texts: list[str]) -> tuple[list, bool]:
    return _as_plain(terms(texts)), background._may_fork()


def test_a_pool_worker_counts_alone(monkeypatch):
    """The site build aligns in a process pool: a worker counts in its own process."""
    texts = _texts(100)
    monkeypatch.setattr(background, "_known_words", {})
    monkeypatch.setattr(background, "PARALLEL_TEXTS", 10)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        found, forks = pool.submit(_terms_in_worker, texts).result()
    assert not forks
    assert found == _as_plain(terms(texts))


def test_a_process_with_other_threads_counts_alone(monkeypatch):
    """``mkdocs serve`` has its server and file watcher beside: it is never forked."""
    texts = _texts(100)
    monkeypatch.setattr(background, "_known_words", {})
    monkeypatch.setattr(background, "PARALLEL_TEXTS", 10)

    def no_fork(*args, **kwargs):
        raise AssertionError("forked beside another thread")

    monkeypatch.setattr(background, "ProcessPoolExecutor", no_fork)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        found = _as_plain(terms(texts))
    finally:
        stop.set()
        watcher.join()
    assert found == _expected(texts)


# Where the second process marks each chunk it segments (``_marking_segmented_all``).
_MARKS: list[Path] = []


def _marking_segmented_all(texts: list[str]) -> list[tuple[str, ...]]:
    with _MARKS[0].open("a") as marks:
        marks.write("chunk\n")
    return [background._segmented(text) for text in texts]


def test_an_error_meanwhile_ends_the_second_process_without_its_chunks(monkeypatch, tmp_path):
    """An error while the second process segments (a bug, Ctrl-C) ends it at once: the
    chunks it has not started are dropped, not segmented before the error is seen."""
    texts = _texts(300)
    monkeypatch.setattr(background, "_known_words", {})
    monkeypatch.setattr(background, "PARALLEL_TEXTS", 10)
    monkeypatch.setattr(background, "CHUNK_TEXTS", 1)
    monkeypatch.setattr(background, "_segmented_all", _marking_segmented_all)
    marks = tmp_path / "marks"
    monkeypatch.setattr(sys.modules[__name__], "_MARKS", [marks])

    def failing() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        background.segment_while(texts, failing)
    assert multiprocessing.active_children() == []
    started = marks.read_text().count("chunk") if marks.exists() else 0
    assert started < 10, f"{started} of {len(set(texts))} chunks segmented after the error"

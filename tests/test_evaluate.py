"""Alignment quality on the hand-made references, and the metric itself."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from comparator.compare.evaluate import Reference, score
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.vocabulary import Kind, Status

from .conftest import ROOT


def load_benchmark():
    path = ROOT / "benchmarks" / "alignment.py"
    spec = importlib.util.spec_from_file_location("alignment_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["alignment_benchmark"] = module
    spec.loader.exec_module(module)
    return module


def test_aer_on_a_small_example():
    reference = Reference(
        "a",
        "b",
        "cross",
        True,
        frozenset({(1, 1), (2, 2)}),
        frozenset({(1, 1), (2, 2), (3, 3)}),
        frozenset(),
        frozenset(),
    )
    pairs = [
        ArticlePair("a/art-1", "b/art-1", Status.MODIFIED, 0.5),
        ArticlePair("a/art-3", "b/art-3", Status.RELATED, 0.2),
        ArticlePair("a/art-4", "b/art-5", Status.RELATED, 0.2),
        ArticlePair(None, "b/art-6", Status.ADDED, 0.0),
    ]
    result = score(Alignment("a", "b", Kind.CROSS, pairs), reference)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(1 / 2)
    assert result.aer == pytest.approx(1 - (1 + 2) / (3 + 2))


@pytest.fixture(scope="module")
def results():
    module = load_benchmark()
    return {r["pair"]: r for r in module.evaluate_references(module.open_library())}


def test_shenzhen_revision_matches_the_reference(results):
    result = results["shenzhen-2007--shenzhen-draft"]
    assert result["aer"] <= 0.05
    assert result["added_ok"] and result["deleted_ok"]


@pytest.mark.parametrize(
    "pair", ["shenzhen-draft--chongqing-draft", "shenzhen-2007--chongqing-draft"]
)
def test_cross_jurisdiction_quality(results, pair):
    assert results[pair]["precision"] >= 0.65
    assert results[pair]["aer"] <= 0.40


def test_version_pairs_of_the_corpus(corpus):
    module = load_benchmark()
    rows = {row["pair"]: row for row in module.version_pair_counts(module.open_library())}
    light = rows["shanghai-yiwu-jiaoyu-shishi-2009 -> shanghai-yiwu-jiaoyu-shishi-2024"]
    assert light["same_numbers"]
    assert set(light["counts"]) <= {"unchanged", "modified"}
    chongqing = rows["chongqing-daibiaofa-shishi-2016 -> chongqing-draft"]
    assert chongqing["counts"]["added"] >= 14  # the 说明 says 18 articles were added

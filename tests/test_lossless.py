"""Every non-space character of a regulation's body lands in exactly one node."""

from __future__ import annotations

import dataclasses

import pytest

from comparator.library import load_entry
from comparator.text.coverage import coverage_problems, node_texts
from comparator.text.load import load_file

IDS = ["shenzhen-2007", "shenzhen-draft", "chongqing-draft", "handan-water", "tieling-litigation"]


@pytest.mark.parametrize("regulation_id", IDS)
def test_catalogued_regulations_are_lossless(library, regulation_id):
    loaded = load_entry(library.catalog.entry(regulation_id))
    assert coverage_problems(loaded) == []
    body = loaded.document.lines[loaded.document.body[0] : loaded.document.body[1] + 1]
    in_body = sum(len("".join(line.text.split())) for line in body)
    in_tree = sum(len("".join(text.split())) for _, text in node_texts(loaded.regulation))
    assert in_body == in_tree > 1000


def test_lost_text_is_reported_with_its_line(library):
    loaded = load_entry(library.catalog.entry("shenzhen-draft"))
    article = loaded.regulation.article(9)
    article.paragraphs[1] = dataclasses.replace(article.paragraphs[1], text="代表要求约见")
    problems = coverage_problems(loaded)
    assert len(problems) == 1
    assert problems[0].line == 24  # the line whose text went missing
    assert "lossless" in problems[0].message


def test_corpus_is_lossless(corpus):
    for path in sorted(corpus.glob("*.txt")):
        for loaded in load_file(path):
            assert coverage_problems(loaded) == [], path.name
